"""Adversary (people): attacks on the sign-in, the passwords and the managing of people at the
services, each a defect found and fixed (see the commit messages)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import StaffEvent, User
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.people import NotSignedIn, SignInState
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.services import Services
from desktop_app.services.users import LastManager
from tests.helpers import PASSWORD, actor, add_user, check_in_form, database_of


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def add_password_less(services: Services, username: str, role: Role) -> int:
    """An account as a database from before sign-in has it: active, and no password."""
    with database_of(services).write() as session:
        user = User(username=username, display_name=username.title(), role=role.value,
                    active=True, created_at=datetime(2026, 1, 5, 9, 0))  # fmt: skip
        session.add(user)
        session.flush()
        return user.id


def managers_who_can_sign_in(services: Services) -> list[str]:
    return [u.username for u in services.auth.sign_in_names() if u.role is Role.MANAGER]


# --- the last manager who can sign in -------------------------------------------------------------


@pytest.mark.parametrize("leave", ["demote", "disable"])
def test_a_manager_cannot_leave_only_managers_without_a_password(services: Services, leave):
    """An upgraded database keeps its other password-less managers: they are active managers,
    but nobody can sign in as them. The only manager with a password demoting or disabling
    themselves left a shop nobody could manage (the clerks could still sign in, so no start
    asked for a manager's password again)."""
    add_password_less(services, "old_manager", Role.MANAGER)
    boss = actor(services)
    add_user(services, "clerk", "王晓红", Role.CLERK)
    with pytest.raises(LastManager) as refused:
        if leave == "demote":
            services.users.change_role(boss, boss.id, Role.CLERK)
        else:
            services.users.disable(boss, boss.id)
    assert "password" in refused.value.render()
    assert services.auth.state() is SignInState.READY
    assert managers_who_can_sign_in(services) == ["manager"]
    # Once the other manager has a password, either may go.
    old = services.users.by_username("old_manager")
    assert old is not None
    services.users.reset_password(boss, old.id, "temporary-pass-1")
    services.users.change_role(boss, boss.id, Role.CLERK)
    assert services.auth.sign_in("old_manager", "temporary-pass-1").must_change_password


def test_a_manager_reset_after_upgrade_lets_every_old_clerk_in(services: Services):
    """An old database: jobs, the seeded password-less manager and password-less clerks. The
    manager chooses a password at the start, then gives each clerk a temporary one."""
    clerk_id = add_password_less(services, "old_clerk", Role.CLERK)
    boss0 = actor(services)
    services.jobs.check_in(check_in_form(), boss0)
    with database_of(services).write() as session:
        session.execute(text("UPDATE users SET password_hash = NULL"))
    assert services.auth.state() is SignInState.NEEDS_MANAGER_PASSWORD
    assert [u.username for u in services.auth.sign_in_names()] == ["manager"]
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("old_clerk", "")
    boss = services.auth.set_manager_password("manager", PASSWORD, PASSWORD)
    services.users.reset_password(boss, clerk_id, "temporary-pass-1")
    clerk = services.auth.sign_in("old_clerk", "temporary-pass-1")
    clerk = services.auth.change_password(
        clerk, "temporary-pass-1", "my-own-pass-1", "my-own-pass-1"
    )
    assert services.auth.check(clerk).role is Role.CLERK


# --- passwords that are not text ------------------------------------------------------------------

# What a terminal in the C locale (or `--password-stdin` fed other bytes than UTF-8) hands over
# for the byte 0xFF: a lone surrogate, which strict UTF-8 cannot encode.
NOT_UTF8 = "secr\udcffet-pass"


def test_a_password_holding_bytes_that_are_not_utf8_is_just_wrong(services: Services):
    boss = actor(services)
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("manager", NOT_UTF8)
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("nobody-here", NOT_UTF8)
    with pytest.raises(InvalidInput) as refused:
        services.auth.change_password(boss, NOT_UTF8, "new-pass-2026", "new-pass-2026")
    assert [p.field for p in refused.value.problems] == ["current_password"]
    with database_of(services).read() as session:
        failures = session.scalars(
            select(StaffEvent.payload).where(StaffEvent.kind == StaffEventKind.SIGN_IN_FAILED)
        ).all()
    assert len(failures) == 2 and all("\udcff" not in p and "secr" not in p for p in failures)
    assert services.auth.sign_in("manager", PASSWORD).username == "manager"


# --- hashes in database errors --------------------------------------------------------------------


def test_a_database_error_while_saving_a_password_names_no_hash(services: Services):
    """A write that fails (a dropped connection, a full disk, a trigger) raises the driver's
    error, whose message the window logs and a terminal shows: it named every value sent,
    the new password's argon2 hash among them."""
    boss = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    database = database_of(services)
    with database.engine.begin() as connection:
        if database.is_sqlite:
            connection.execute(text(
                "CREATE TRIGGER fail_password BEFORE UPDATE OF password_hash ON users "
                "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"
            ))  # fmt: skip
        else:
            connection.execute(text(
                "CREATE FUNCTION fail_password() RETURNS trigger LANGUAGE plpgsql AS $$ "
                "BEGIN RAISE EXCEPTION 'the disk is full'; END $$"
            ))  # fmt: skip
            connection.execute(text(
                "CREATE TRIGGER fail_password BEFORE UPDATE OF password_hash ON users "
                "FOR EACH ROW EXECUTE FUNCTION fail_password()"
            ))  # fmt: skip
    with pytest.raises(DBAPIError) as failed:
        services.users.reset_password(boss, clerk.id, "temporary-pass-1")
    message = str(failed.value)
    assert "the disk is full" in message
    assert "argon2" not in message and "temporary-pass-1" not in message
