"""Adversary (roles): the counters connect as the app role of `repair-counter postgres-roles`.

A database left at an older revision after the app was upgraded must say that the administrator
migrates it (the app role cannot), in the CLI and in the window; and the app role finds no other
way to rewrite the audit trail than the ones test_audit_trail.py already refuses.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop_app.cli import main
from desktop_app.data.db import DatabaseProblem, open_database
from desktop_app.data.migrate import alembic_config
from desktop_app.data.roles import secure_postgres
from tests.data.test_audit_trail import _check_in, _events

pytestmark = pytest.mark.postgres


def _drop_roles(postgres_server, *roles: str) -> None:
    server = open_database(postgres_server.url("postgres"), migrate=False)
    try:
        with server.engine.begin() as connection:
            for role in roles:
                connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
    finally:
        server.dispose()


@pytest.fixture
def old_secured(postgres_server) -> Iterator[tuple[str, str]]:
    """A database made at 0005, set up with the roles, then the app upgraded: (admin, app URL)."""
    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url, migrate=False)
    try:
        config = alembic_config()
        with admin.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0005")
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        admin.dispose()
        yield admin_url, admin_url.replace("//postgres@", f"//{app}@")
    finally:
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)


NEEDS_UPGRADE = r"needs an upgrade.*repair-counter migrate"


def test_the_app_role_is_told_to_ask_for_the_upgrade(old_secured):
    _admin_url, app_url = old_secured
    with pytest.raises(DatabaseProblem, match=NEEDS_UPGRADE):
        open_database(app_url)


def test_the_cli_says_the_database_needs_an_upgrade(old_secured, capsys):
    _admin_url, app_url = old_secured
    assert main(["--database", app_url, "jobs"]) == 2
    err = capsys.readouterr().err
    assert "needs an upgrade" in err and "repair-counter migrate" in err
    assert "Traceback" not in err and "InsufficientPrivilege" not in err


def test_the_window_says_the_database_needs_an_upgrade(qapp, old_secured):
    from desktop_app.app import StartupProblem, open_counter

    _admin_url, app_url = old_secured
    with pytest.raises(StartupProblem, match=NEEDS_UPGRADE):
        open_counter(qapp, app_url)


def test_after_the_administrator_migrates_the_counter_opens(old_secured, capsys):
    admin_url, app_url = old_secured
    assert main(["--database", admin_url, "migrate"]) == 0
    app = app_url.split("//")[1].split("@")[0]
    owner = app.replace("rc_app_", "rc_owner_")
    assert main(["--database", admin_url, "postgres-roles", "--owner", owner, "--app", app]) == 0
    database = open_database(app_url)
    try:
        _check_in(database)
    finally:
        database.dispose()


# --- no other way round the trail for the app role -------------------------------------------

OTHER_WAYS = (
    "DELETE FROM jobs",
    "DELETE FROM users",
    "DELETE FROM customers",
    "DELETE FROM job_lines",
    "TRUNCATE jobs CASCADE",
    "TRUNCATE users CASCADE",
    "DROP TABLE job_events CASCADE",
    "ALTER TABLE job_events RENAME TO old_events",
    "ALTER TABLE jobs DISABLE TRIGGER ALL",
    "ALTER SEQUENCE job_events_id_seq RESTART WITH 1",
    "SELECT setval('job_events_id_seq', 1)",
    "CREATE TEMP TABLE job_events (id integer)",
    "CREATE SCHEMA sneaky",
    "CREATE OR REPLACE FUNCTION job_events_append_only() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RETURN OLD; END $$",
    "CREATE FUNCTION public.now() RETURNS timestamptz LANGUAGE sql AS $$ SELECT now() $$",
    "UPDATE alembic_version SET version_num = '0001'",
    "COMMENT ON TABLE job_events IS 'forged'",
)


@pytest.fixture
def secured_app(postgres_server) -> Iterator[tuple[str, str, str]]:
    """A database at the newest revision with the roles set up: (admin URL, app URL, owner)."""
    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url)
    try:
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        admin.dispose()
        yield admin_url, admin_url.replace("//postgres@", f"//{app}@"), owner
    finally:
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)


@pytest.mark.parametrize("statement", [*OTHER_WAYS, "SET ROLE {owner}"])
def test_the_app_role_finds_no_other_way_round_the_trail(secured_app, statement: str):
    _admin_url, app_url, owner = secured_app
    database = open_database(app_url)
    try:
        _check_in(database)
        before = _events(database)
        refused = pytest.raises(DBAPIError, match=r"permission denied|must be owner")
        with refused, database.write() as session:
            session.execute(text(statement.format(owner=owner)))
        assert _events(database) == before
    finally:
        database.dispose()


def test_granting_itself_more_is_a_no_op(secured_app):
    """PostgreSQL only warns ("no privileges were granted") when a role without the grant option
    grants: nothing changes."""
    _admin_url, app_url, _owner = secured_app
    database = open_database(app_url)
    try:
        with database.write() as session:
            session.execute(text("GRANT UPDATE, DELETE, TRUNCATE ON job_events TO PUBLIC"))
        with database.read() as session:
            may = session.scalar(
                text(
                    "SELECT has_table_privilege('job_events', 'UPDATE') "
                    "OR has_table_privilege('job_events', 'DELETE') "
                    "OR has_table_privilege('job_events', 'TRUNCATE')"
                )
            )
        assert may is False
    finally:
        database.dispose()
