"""PostgreSQL upkeep at a million jobs: the demo's load ends with VACUUM (ANALYZE), so that the
counts and walks read from indexes alone do not visit the table for each entry (the summary
strip took 88 ms at a million demo jobs before, 17 ms after), and the jobs table is vacuumed
after 1% of its rows change (migration 0023), not PostgreSQL's default 20%."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import text

from desktop_app.data.db import open_database
from desktop_app.services.demo import DemoGenerator
from tests.helpers import migrate

pytestmark = pytest.mark.postgres

NOW = datetime(2026, 11, 25, 14, 45)


def _visible(url: str) -> tuple[int, int]:
    database = open_database(url)
    try:
        with database.read() as session:
            pages, visible = session.execute(
                text("SELECT relpages, relallvisible FROM pg_class WHERE relname = 'jobs'")
            ).one()
        return int(pages), int(visible)
    finally:
        database.dispose()


def test_a_demo_leaves_every_page_of_the_jobs_all_visible(postgres_server):
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        DemoGenerator(database, seed=5, months=3).run(600, NOW)
    finally:
        database.dispose()
    pages, visible = _visible(url)
    assert pages > 0 and visible >= 0.9 * pages  # (a page a transaction still sees as new may wait)


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
