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
from desktop_app.domain.people import AccountLocked, NotSignedIn, SignInState
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
    assert len(failures) == 3 and all("\udcff" not in p and "secr" not in p for p in failures)
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


# --- guessing at an open window -------------------------------------------------------------------


def test_guessing_the_current_password_at_an_open_window_locks_the_account(
    services: Services, clock
):
    """Someone at a colleague's open window tried passwords in the change-password form: it
    answered each guess (wrong or not) without ever locking, so the colleague's password could
    be found there and used later at any counter or with --user."""
    boss = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    for guess in ("123456789", "password1", "qwertyuiop", "11111111"):
        with pytest.raises(InvalidInput) as wrong:
            services.auth.change_password(clerk, guess, "guessed-it-1", "guessed-it-1")
        assert [p.field for p in wrong.value.problems] == ["current_password"]
    with pytest.raises(AccountLocked):
        services.auth.change_password(clerk, "iloveyou1", "guessed-it-1", "guessed-it-1")
    # The sign-in is over, and the right password is refused as well until the lock-out ends.
    with pytest.raises(NotSignedIn):
        services.auth.check(clerk)
    with pytest.raises(AccountLocked):
        services.auth.sign_in("clerk", PASSWORD)
    assert [m.locked_until is not None for m in services.users.staff(boss)
            if m.user.username == "clerk"] == [True]  # fmt: skip
    clock.advance(minutes=5)
    clerk = services.auth.sign_in("clerk", PASSWORD)
    changed = services.auth.change_password(clerk, PASSWORD, "my-own-pass-1", "my-own-pass-1")
    assert services.auth.check(changed).username == "clerk"


def test_a_right_current_password_ends_a_run_of_wrong_ones(services: Services):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    for _ in range(4):
        with pytest.raises(InvalidInput):
            services.auth.change_password(clerk, "not-it-at-all", "my-own-pass-1", "my-own-pass-1")
    with pytest.raises(InvalidInput) as short:  # right password, a new one too short
        services.auth.change_password(clerk, PASSWORD, "short", "short")
    assert [p.field for p in short.value.problems] == ["password"]
    with pytest.raises(InvalidInput):
        services.auth.change_password(clerk, "not-it-at-all", "my-own-pass-1", "my-own-pass-1")
    services.auth.change_password(clerk, PASSWORD, "my-own-pass-1", "my-own-pass-1")


# --- the PostgreSQL app role and the staff record -------------------------------------------------

STAFF_RECORD_REWRITES = (
    "UPDATE staff_events SET kind = 'signed_out'",
    "DELETE FROM staff_events",
    "TRUNCATE staff_events",
    "TRUNCATE users CASCADE",
    "ALTER TABLE staff_events DISABLE TRIGGER ALL",
    "DROP TRIGGER staff_events_append_only ON staff_events",
    "SELECT setval('staff_events_id_seq', 1)",
    "CREATE OR REPLACE FUNCTION staff_events_append_only() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN RETURN OLD; END $$",
)


@pytest.mark.postgres
def test_the_app_role_signs_people_in_but_cannot_rewrite_the_staff_record(postgres_server, clock):
    """After `repair-counter postgres-roles` the counters sign in, lock out and manage people
    as the app role; the staff record it can only add to."""
    import uuid

    from desktop_app.data.roles import secure_postgres
    from tests.data.test_adversary_roles import _drop_roles
    from tests.data.test_people import setup_form
    from tests.helpers import FAST_PASSWORDS

    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url)
    try:
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        database = open_database(admin_url.replace("//postgres@", f"//{app}@"))
        try:
            services = Services.build(database, clock, passwords=FAST_PASSWORDS)
            boss = services.auth.set_up(setup_form())
            clerk = services.users.add(boss, "clerk", "王晓红", Role.CLERK, "temporary-pass-1")
            for _ in range(5):
                with pytest.raises(NotSignedIn):
                    services.auth.sign_in("clerk", "not-the-password")
            services.users.reset_password(boss, clerk.id, "temporary-pass-2")
            services.users.disable(boss, clerk.id)
            with database.read() as session:
                before = session.execute(text("SELECT * FROM staff_events ORDER BY id")).all()
            assert len(before) > 10
            for statement in STAFF_RECORD_REWRITES:
                with pytest.raises(DBAPIError), database.write() as session:
                    session.execute(text(statement))
            with database.read() as session:
                assert session.execute(text("SELECT * FROM staff_events ORDER BY id")).all() == (
                    before
                )
        finally:
            database.dispose()
    finally:
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)
