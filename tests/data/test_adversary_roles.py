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
from tests.data.test_audit_trail import COLUMNS, _check_in, _events

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
