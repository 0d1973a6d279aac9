"""The audit trail cannot be rewritten: not with REPLACE on SQLite (migration 0006), not with an
upsert on either backend, and on PostgreSQL not by the role the app connects as (roles.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import alembic_config, upgrade_to_head
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FakeClock, check_in_form

COLUMNS = "id, job_id, at, user_id, kind, from_status, to_status, note, payload"
FORGED = "'2020-01-01 00:00:00', 1, 'checked_in', NULL, 'received', 'forged', '{}'"
REWRITES = (
    f"REPLACE INTO job_events ({COLUMNS}) VALUES (:id, :job, {FORGED})",
    f"INSERT OR REPLACE INTO job_events ({COLUMNS}) VALUES (:id, :job, {FORGED})",
)


def _events(database: Database) -> list[tuple[object, ...]]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(text(f"SELECT {COLUMNS} FROM job_events"))]


def _check_in(database: Database) -> tuple[int, int]:
    services = Services.build(database, FakeClock(CHECK_IN_AT))
    manager = services.users.by_username("manager")
    assert manager is not None
    job = services.jobs.check_in(check_in_form(), manager.id)
    return job.id, job.events[0].id


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    db = open_database(sqlite_url)
    yield db
    db.dispose()


@pytest.mark.parametrize("statement", REWRITES, ids=["replace", "insert-or-replace"])
def test_replace_cannot_rewrite_an_event_on_sqlite(database: Database, statement: str):
    job, event = _check_in(database)
    before = _events(database)
    with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
        session.execute(text(statement), {"id": event, "job": job})
    assert _events(database) == before


@pytest.mark.parametrize("statement", REWRITES, ids=["replace", "insert-or-replace"])
def test_replace_is_refused_to_any_connection_not_only_the_apps(
    database: Database, sqlite_url: str, statement: str
):
    """The sqlite3 shell or another program: no app pragmas, recursive_triggers off."""
    job, event = _check_in(database)
    before = _events(database)
    path = sqlite_url.removeprefix("sqlite:///")
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute(statement.replace(":id", str(event)).replace(":job", str(job)))
        connection.rollback()
    finally:
        connection.close()
    assert _events(database) == before


def test_an_upsert_cannot_rewrite_an_event(database: Database):
    job, event = _check_in(database)
    before = _events(database)
    with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
        session.execute(
            text(
                f"INSERT INTO job_events ({COLUMNS}) VALUES (:id, :job, {FORGED}) "
                "ON CONFLICT (id) DO UPDATE SET note = 'forged'"
            ),
            {"id": event, "job": job},
        )
    assert _events(database) == before


def test_new_events_are_still_appended(database: Database):
    job, _event = _check_in(database)
    services = Services.build(database, FakeClock(CHECK_IN_AT))
    manager = services.users.by_username("manager")
    assert manager is not None
    after = services.jobs.record_first_response(job, manager.id, "已致电")
    assert len(after.events) == 2


def test_0006_protects_a_database_made_at_0005(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path}/old.db", migrate=False)
    try:
        config = alembic_config()
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        job, event = _check_in(database)
        with database.write() as session:  # at 0005 REPLACE still got through
            session.execute(text(REWRITES[0]), {"id": event, "job": job})
        assert [row[7] for row in _events(database)] == ["forged"]
        upgrade_to_head(database)
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(text(REWRITES[1]), {"id": event, "job": job})
    finally:
        database.dispose()
