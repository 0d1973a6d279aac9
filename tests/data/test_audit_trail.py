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
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

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
    services = Services.build(database, FakeClock(CHECK_IN_AT), passwords=FAST_PASSWORDS)
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
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
    services = Services.build(database, FakeClock(CHECK_IN_AT), passwords=FAST_PASSWORDS)
    manager = actor(services)
    after = services.jobs.record_first_response(job, manager, "已致电")
    assert len(after.events) == 2


def test_0006_protects_a_database_made_at_0005(tmp_path: Path):
    database = open_database(f"sqlite:///{tmp_path}/old.db", migrate=False)
    try:
        config = alembic_config()
        upgrade_to_head(database)
        job, event = _check_in(database)  # by today's services, then back to 0005's schema
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0005")
        with database.write() as session:  # at 0005 REPLACE still got through
            session.execute(text(REWRITES[0]), {"id": event, "job": job})
        assert [row[7] for row in _events(database)] == ["forged"]
        upgrade_to_head(database)
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(text(REWRITES[1]), {"id": event, "job": job})
    finally:
        database.dispose()


# --- PostgreSQL: the app's role cannot rewrite the trail ----------------------------------------

APP_CANNOT = (
    "UPDATE job_events SET note = 'forged'",
    "DELETE FROM job_events",
    "TRUNCATE job_events",
    "ALTER TABLE job_events DISABLE TRIGGER job_events_append_only",
    "ALTER TABLE job_events DISABLE TRIGGER ALL",
    "DROP TRIGGER job_events_append_only ON job_events",
    "SET session_replication_role = replica",
    f"INSERT INTO job_events ({COLUMNS}) VALUES (:id, :job, {FORGED}) "
    "ON CONFLICT (id) DO UPDATE SET note = 'forged'",
    "CREATE TABLE sneaky (id integer)",
)


@pytest.fixture
def secured(postgres_server, capsys) -> Iterator[tuple[str, str]]:
    """A database set up with `repair-counter postgres-roles`: (admin URL, app URL)."""
    import uuid

    from desktop_app.cli import main

    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    try:
        code = main(["--database", admin_url, "postgres-roles", "--owner", owner, "--app", app])
        out = capsys.readouterr().out
        assert code == 0, out
        app_url = admin_url.replace("//postgres@", f"//{app}@")
        assert f"connect as {app}" in out and app_url.split("//")[1].split("/")[0] in out
        yield admin_url, app_url
    finally:
        postgres_server.drop_database(admin_url)
        server = open_database(postgres_server.url("postgres"), migrate=False)
        try:
            with server.engine.begin() as connection:
                connection.execute(text(f"DROP ROLE IF EXISTS {app}"))
                connection.execute(text(f"DROP ROLE IF EXISTS {owner}"))
        finally:
            server.dispose()


@pytest.mark.postgres
@pytest.mark.parametrize("statement", APP_CANNOT)
def test_the_app_role_works_but_cannot_rewrite_the_trail(secured, statement: str):
    admin_url, app_url = secured
    app = open_database(app_url)
    try:
        job, event = _check_in(app)  # the counter works as the app role: a check-in
        services = Services.build(app, FakeClock(CHECK_IN_AT), passwords=FAST_PASSWORDS)
        manager = actor(services)
        assert manager is not None
        services.jobs.record_first_response(job, manager, "已致电")
        before = _events(app)
        refused = pytest.raises(DBAPIError, match=r"permission denied|must be owner")
        with refused, app.write() as session:
            session.execute(text(statement), {"id": event, "job": job})
        assert _events(app) == before
    finally:
        app.dispose()
    admin = open_database(admin_url)
    try:
        with admin.read() as session:
            owner = session.scalar(
                text("SELECT tableowner FROM pg_tables WHERE tablename = 'job_events'")
            )
            enabled = session.scalar(
                text("SELECT tgenabled FROM pg_trigger WHERE tgname = 'job_events_append_only'")
            )
        assert owner.startswith("rc_owner_") and enabled == "O"
    finally:
        admin.dispose()


@pytest.mark.postgres
def test_setting_the_roles_up_again_after_an_upgrade_is_harmless(secured, capsys):
    from desktop_app.cli import main

    admin_url, app_url = secured
    app = app_url.split("//")[1].split("@")[0]
    owner = app.replace("rc_app_", "rc_owner_")
    assert main(["--database", admin_url, "postgres-roles", "--owner", owner, "--app", app]) == 0
    database = open_database(app_url)
    try:
        _check_in(database)
    finally:
        database.dispose()


def test_roles_are_refused_for_sqlite_and_for_odd_names(sqlite_url: str, capsys):
    from desktop_app.cli import main

    assert main(["--database", sqlite_url, "postgres-roles"]) == 2
    assert "PostgreSQL" in capsys.readouterr().err
    from desktop_app.data.roles import RoleSetupError, _checked

    with pytest.raises(RoleSetupError, match="role name"):
        _checked("x; DROP TABLE jobs", "app")
