"""PostgreSQL upkeep at a million jobs: the demo's load ends with VACUUM (ANALYZE), so that the
counts and walks read from indexes alone do not visit the table for each entry (the summary
strip took 88 ms at a million demo jobs before, 17 ms after), and the jobs table is vacuumed
after 1% of its rows change (migration 0023), not PostgreSQL's default 20%."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from desktop_app.data import bulk
from desktop_app.data.db import open_database
from desktop_app.services.demo import DemoGenerator
from tests.helpers import migrate

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 25, 14, 45)


def test_after_a_load_the_tables_are_vacuumed_and_analysed(postgres_server):
    """What the counts read from indexes alone need: the loaded tables vacuumed (the
    visibility map set) and analysed. Counted by PostgreSQL's own statistics: whether a page
    becomes all-visible at once also depends on other snapshots open in the database (an
    autovacuum's ANALYZE) and on the test server's asynchronous commits."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        with database.write() as session:
            session.execute(text("CREATE TABLE loaded (id INTEGER PRIMARY KEY, note TEXT)"))
            session.execute(
                text("INSERT INTO loaded SELECT n, repeat('x', 80) FROM generate_series(1, 5000) n")
            )

        def counts() -> tuple[int, int]:
            with database.read() as session:
                found = session.execute(
                    text(
                        "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables "
                        "WHERE relname = 'loaded'"
                    )
                ).one()
            return int(found[0]), int(found[1])

        assert counts() == (0, 0)
        bulk.vacuum_after_load(database.engine)
        assert counts() == (1, 1)
    finally:
        database.dispose()


def test_a_demo_ends_with_the_vacuum(postgres_server, monkeypatch: pytest.MonkeyPatch):
    url = postgres_server.create_database()
    database = open_database(url)
    calls: list[str] = []
    monkeypatch.setattr(bulk, "vacuum_after_load", lambda engine: calls.append(engine.dialect.name))
    try:
        DemoGenerator(database, seed=5, months=3).run(300, NOW)
    finally:
        database.dispose()
    assert calls == ["postgresql"]


def test_the_jobs_are_vacuumed_after_one_percent_of_them_change(postgres_server):
    url = postgres_server.create_database()
    database = open_database(url)

    def options() -> set[str]:
        with database.read() as session:
            found = session.scalar(text("SELECT reloptions FROM pg_class WHERE relname = 'jobs'"))
        return set(found or ())

    try:
        assert options() == {
            "autovacuum_vacuum_scale_factor=0.01",
            "autovacuum_vacuum_insert_scale_factor=0.01",
            "autovacuum_analyze_scale_factor=0.02",
        }
        migrate(database, "0022", down=True)
        assert options() == set()
    finally:
        database.dispose()
