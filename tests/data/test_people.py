"""People at the services: passwords, sign-in, lock-out, the actor every call checks, managers.

On SQLite and PostgreSQL. The window's and the command line's sides have their own tests.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import StaffEvent, User
from desktop_app.domain.errors import InvalidInput, NotPermitted
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.people import (
    AccountLocked,
    Actor,
    NotSignedIn,
    SetupForm,
    SignInState,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import PaymentMethod, StaffEventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.auth import AlreadySetUp
from desktop_app.services.passwords import Passwords
from desktop_app.services.users import LastManager
from tests.helpers import (
    FAST_PASSWORDS,
    ID_CHECKED,
    PASSWORD,
    FakeClock,
    actor,
    add_user,
    check_in_form,
    database_of,
)

SECRET = "Shop-Secret-2026"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def setup_form(**changes: str) -> SetupForm:
    form = SetupForm(
        shop_name="鑫诚电器售后服务中心",
        address="上海市徐汇区漕溪北路 88 号",
        hotline="400-820-6688",
        country="CN",
        language="zh_CN",
        receipt_paper="a4",
        username="boss",
        display_name="周建华",
        password=SECRET,
        password_again=SECRET,
    )
    return replace(form, **changes)


def staff_kinds(services: Services) -> list[str]:
    with database_of(services).read() as session:
        return list(session.scalars(select(StaffEvent.kind).order_by(StaffEvent.id)))


# --- the first start ------------------------------------------------------------------------------


def test_a_new_database_is_set_up_once_and_its_manager_signed_in(services: Services):
    assert services.auth.state() is SignInState.NEEDS_SETUP
    boss = services.auth.set_up(setup_form())
    assert (boss.username, boss.display_name, boss.role) == ("boss", "周建华", Role.MANAGER)
    assert services.auth.state() is SignInState.READY
    shop = services.shop.settings()
    assert (shop.name, shop.hotline, shop.language) == (
        "鑫诚电器售后服务中心",
        "400-820-6688",
        "zh_CN",
    )
    # The seeded account became the manager: nobody else exists, nobody without a password.
    assert [u.username for u in services.users.list()] == ["boss"]
    assert services.auth.sign_in("boss", SECRET).id == boss.id
    with pytest.raises(AlreadySetUp):
        services.auth.set_up(setup_form(username="other"))
    assert staff_kinds(services)[:3] == ["shop_set_up", "password_set", "signed_in"]


def test_setup_refuses_bad_input_naming_every_field_and_writes_nothing(services: Services):
    bad = setup_form(
        shop_name=" ",
        hotline="",
        username="two words",
        password="short",
        password_again="short",
        country="XX",
    )
    with pytest.raises(InvalidInput) as refused:
        services.auth.set_up(bad)
    assert refused.value.fields() == {"shop_name", "hotline", "username", "password", "country"}
    with pytest.raises(InvalidInput) as refused:
        services.auth.set_up(setup_form(password_again=SECRET + "x"))
    assert refused.value.fields() == {"password_again"}
    assert services.auth.state() is SignInState.NEEDS_SETUP
    assert services.shop.settings().name == ""
    assert staff_kinds(services) == []


def test_a_database_with_work_and_no_passwords_asks_its_manager_for_one(services: Services):
    # As a database from before sign-in: a job checked in by the seeded manager, no passwords.
    job = services.jobs.check_in(check_in_form(), actor(services))
    with database_of(services).write() as session:
        session.execute(text("UPDATE users SET password_hash = NULL"))
    assert services.auth.state() is SignInState.NEEDS_MANAGER_PASSWORD
    assert [u.username for u in services.auth.sign_in_names()] == ["manager"]
    with pytest.raises(AlreadySetUp):  # setup would rename the manager of existing work
        services.auth.set_up(setup_form())
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("manager", "")
    with pytest.raises(InvalidInput) as refused:
        services.auth.set_manager_password("manager", SECRET, SECRET + "!")
    assert refused.value.fields() == {"password_again"}
    manager = services.auth.set_manager_password("manager", SECRET, SECRET)
    assert services.auth.state() is SignInState.READY
    assert services.jobs.record_first_response(job.id, manager, "已联系").first_response_at
    with pytest.raises(AlreadySetUp):
        services.auth.set_manager_password("manager", "another-pass-1", "another-pass-1")


# --- passwords ------------------------------------------------------------------------------------


def test_the_stored_hash_is_argon2id_and_the_password_is_nowhere_in_the_file(tmp_path: Path):
    """Production parameters; the raw bytes of the database (and its WAL) are searched for the
    password in every encoding a careless program might have used."""
    database = open_database(f"sqlite:///{tmp_path}/counter.db")
    try:
        services = Services.build(database, FakeClock(datetime(2026, 11, 30, 9, 0)))
        services.auth.set_up(setup_form())
        with database.read() as session:
            stored = session.scalars(select(User.password_hash)).one()
    finally:
        database.dispose()
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PasswordHasher().verify(stored, SECRET)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    import base64
    import hashlib

    for form in (
        SECRET.encode(),
        SECRET.encode("utf-16-le"),
        SECRET[::-1].encode(),
        base64.b64encode(SECRET.encode()),
        hashlib.sha256(SECRET.encode()).hexdigest().encode(),
        hashlib.md5(SECRET.encode()).hexdigest().encode(),
    ):
        assert form not in raw


def test_two_hashes_of_one_password_differ_and_an_edited_hash_is_just_wrong():
    passwords = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    first, second = passwords.hash(SECRET), passwords.hash(SECRET)
    assert first != second  # salted
    assert passwords.verify(first, SECRET) and not passwords.verify(first, SECRET + "x")
    assert not passwords.verify("not a hash", SECRET)
    assert not passwords.verify(None, SECRET)
    assert not passwords.verify(12345, SECRET)  # type: ignore[arg-type]  # an edited column
    assert not passwords.verify(b"$argon2id$", SECRET)  # type: ignore[arg-type]
    assert not passwords.verify("$argon2id$v=19$m=8,t=1,p=1$é$é", SECRET)  # argon2 reads ASCII


@pytest.mark.parametrize(
    ("password", "rule"),
    [
        ("", "at least 8"),
        ("1234567", "at least 8"),
        ("x" * 129, "at most 128"),
        ("pass\x00word1", "control"),
        ("pass\nword12", "control"),
        ("        ", "only spaces"),
        ("Boss-Name-1", "user name"),
    ],
)
def test_a_weak_or_odd_password_is_refused_naming_the_rule(services, password, rule):
    with pytest.raises(InvalidInput) as refused:
        services.auth.set_up(
            setup_form(username="boss-name-1", password=password, password_again=password)
        )
    assert refused.value.fields() == {"password"}
    assert rule in refused.value.render()


def test_passwords_at_the_limits_are_kept(services: Services):
    boss = services.auth.set_up(setup_form())
    for password in ("12345678", "长" * 128):
        services.users.add(boss, f"u{len(password)}", "王", Role.CLERK, password)
        signed = services.auth.sign_in(f"u{len(password)}", password)
        assert signed.must_change_password


def test_no_password_or_hash_reaches_a_message_or_the_staff_record(services: Services):
    boss = services.auth.set_up(setup_form())
    with pytest.raises(NotSignedIn) as refused:
        services.auth.sign_in("boss", "wrong-" + SECRET)
    assert SECRET not in str(refused.value) and "argon2" not in str(refused.value)
    with database_of(services).read() as session:
        payloads = " ".join(session.scalars(select(StaffEvent.payload)))
    assert SECRET not in payloads and "argon2" not in payloads
    assert SECRET not in repr(boss) and boss.token not in repr(boss)


# --- signing in, lock-out -------------------------------------------------------------------------


def test_a_wrong_password_or_unknown_name_says_the_same_and_is_recorded(services, clock):
    services.auth.set_up(setup_form())
    for username in ("boss", "nobody", "boss\x00", ""):
        with pytest.raises(NotSignedIn) as refused:
            services.auth.sign_in(username, "wrong password")
        assert refused.value.render() == "wrong user name or password"
    with database_of(services).read() as session:
        failed = session.scalars(
            select(StaffEvent).where(StaffEvent.kind == StaffEventKind.SIGN_IN_FAILED.value)
        ).all()
    assert len(failed) == 4
    assert {e.workstation for e in failed} == {"test-counter"}
    assert failed[0].user_id is not None and failed[1].user_id is None


def test_five_wrong_passwords_lock_the_account_for_five_minutes(services, clock):
    services.auth.set_up(setup_form())
    for _ in range(4):
        with pytest.raises(NotSignedIn) as refused:
            services.auth.sign_in("boss", "wrong password")
        assert not isinstance(refused.value, AccountLocked)
    with pytest.raises(AccountLocked) as locked:
        services.auth.sign_in("boss", "wrong password")
    assert locked.value.until == clock() + timedelta(minutes=5)
    # Locked: even the right password is refused, and nothing else moves the time.
    clock.advance(minutes=4, seconds=59)
    with pytest.raises(AccountLocked):
        services.auth.sign_in("boss", SECRET)
    clock.advance(seconds=1)
    assert services.auth.sign_in("boss", SECRET).username == "boss"
    # A fresh run of attempts after the lock-out.
    for _ in range(4):
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("boss", "wrong password")
    assert services.auth.sign_in("boss", SECRET)
    kinds = staff_kinds(services)
    assert kinds.count("locked_out") == 1 and kinds.count("signed_in") == 3


def test_a_manager_reset_ends_a_lock_out_and_the_user_must_choose_a_password(services, clock):
    boss = services.auth.set_up(setup_form())
    clerk = services.users.add(boss, "clerk", "王晓红", Role.CLERK, "first-pass-1")
    for _ in range(5):
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("clerk", "wrong password")
    services.users.reset_password(boss, clerk.id, "temp-pass-22")
    signed = services.auth.sign_in("clerk", "temp-pass-22")
    assert signed.must_change_password
    with pytest.raises(NotPermitted, match="new password"):
        services.jobs.check_in(check_in_form(), signed)
    with pytest.raises(InvalidInput) as refused:
        services.auth.change_password(signed, "temp-pass-22", "temp-pass-22", "temp-pass-22")
    assert refused.value.fields() == {"password"}
    with pytest.raises(InvalidInput) as refused:
        services.auth.change_password(signed, "wrong", "mine-pass-33", "mine-pass-33")
    assert refused.value.fields() == {"current_password"}
    changed = services.auth.change_password(signed, "temp-pass-22", "mine-pass-33", "mine-pass-33")
    assert not changed.must_change_password
    assert services.jobs.check_in(check_in_form(), changed).number
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("clerk", "temp-pass-22")


# --- the actor every call checks ------------------------------------------------------------------


def _job_ready(services: Services, manager: Actor) -> Any:
    job = services.jobs.check_in(check_in_form(), manager)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    job = services.jobs.add_line(
        job.id, manager, kind="labour", description="检测", quantity=1, unit_price_cents=0
    )
    return job


# Every service method that takes an actor, called with valid arguments: a new method that takes
# an actor must be added here (test_every_method_taking_an_actor_is_in_the_matrix).
Call = Callable[[Services, Any, Any, dict[str, Any]], object]
CALLS: dict[str, Call] = {
    "jobs.check_in": lambda s, a, j, x: s.jobs.check_in(check_in_form(), a),
    "jobs.add_line": lambda s, a, j, x: s.jobs.add_line(
        j.id, a, kind="labour", description="检测", quantity=1, unit_price_cents=0
    ),
    "jobs.assign": lambda s, a, j, x: s.jobs.assign(j.id, None, a),
    "jobs.cancel": lambda s, a, j, x: s.jobs.cancel(j.id, a, "顾客取消"),
    "jobs.cannot_repair": lambda s, a, j, x: s.jobs.cannot_repair(j.id, a, "无配件"),
    "jobs.change_status": lambda s, a, j, x: s.jobs.change_status(j.id, Status.REPAIRING, a),
    "jobs.mark_not_quality_problem": lambda s, a, j, x: s.jobs.mark_not_quality_problem(
        j.id, a, "人为损坏"
    ),
    "jobs.mark_ready": lambda s, a, j, x: s.jobs.mark_ready(j.id, a, "已修好"),
    "jobs.record_diagnosis": lambda s, a, j, x: s.jobs.record_diagnosis(j.id, a, "排线松动"),
    "jobs.record_first_response": lambda s, a, j, x: s.jobs.record_first_response(
        j.id, a, "已联系"
    ),
    "jobs.remove_line": lambda s, a, j, x: s.jobs.remove_line(j.id, j.lines[0].id, a, "录错"),
    "jobs.reveal_phone": lambda s, a, j, x: s.jobs.reveal_phone(j.id, a),
    "jobs.reveal_phones": lambda s, a, j, x: s.jobs.reveal_phones(a, [j.id]),
    "handback.approve_exchange": lambda s, a, j, x: s.handback.approve_exchange(
        j.id, a, "Mate 60 Pro", "SN-NEW"
    ),
    "handback.approve_refund": lambda s, a, j, x: s.handback.approve_refund(j.id, a, 100),
    "handback.hand_back": lambda s, a, j, x: s.handback.hand_back(
        j.id, a, HandBackForm((), "", 0, identity_note=ID_CHECKED)
    ),
    "handback.record_correction": lambda s, a, j, x: s.handback.record_correction(
        j.id, a, "work_done", "换电池", "补记"
    ),
    "handback.record_satisfaction": lambda s, a, j, x: s.handback.record_satisfaction(
        j.id, a, 5, ""
    ),
    "handback.refuse_return": lambda s, a, j, x: s.handback.refuse_return(j.id, a, "有划痕"),
    "handback.start_inspection": lambda s, a, j, x: s.handback.start_inspection(j.id, a),
    "shop.save_settings": lambda s, a, j, x: s.shop.save_settings(s.shop.settings(), a),
    "shop.set_closures": lambda s, a, j, x: s.shop.set_closures([date(2026, 12, 24)], a),
    "users.add": lambda s, a, j, x: s.users.add(a, "new1", "新人", Role.CLERK, PASSWORD),
    "users.change_role": lambda s, a, j, x: s.users.change_role(a, x["tech"].id, Role.CLERK),
    "users.disable": lambda s, a, j, x: s.users.disable(a, x["tech"].id),
    "users.enable": lambda s, a, j, x: s.users.enable(a, x["tech"].id),
    "users.reset_password": lambda s, a, j, x: s.users.reset_password(
        a, x["tech"].id, "temp-pass-77"
    ),
    "users.staff": lambda s, a, j, x: s.users.staff(a),
    "users.staff_record": lambda s, a, j, x: s.users.staff_record(a),
    "auth.change_password": lambda s, a, j, x: s.auth.change_password(
        a, PASSWORD, "new-pass-888", "new-pass-888"
    ),
    "auth.check": lambda s, a, j, x: s.auth.check(a),
    "payments.take_deposit": lambda s, a, j, x: s.payments.take_deposit(
        j.id, a, Tender(PaymentMethod.CASH, 5000)
    ),
    "payments.refund": lambda s, a, j, x: s.payments.refund(j.id, a, 100, "cash", "退差价"),
}
# What only a manager may call (the job actions' role matrix is
# test_bench_and_hand_back.test_every_action_not_offered_is_refused_and_every_offered_one_works).
MANAGER_ONLY = {name for name in CALLS if name.startswith(("shop.", "users."))}


def test_every_method_taking_an_actor_is_in_the_matrix(services: Services):
    taking = set()
    for name in ("jobs", "handback", "shop", "users", "auth", "payments"):
        service = getattr(services, name)
        for method, function in inspect.getmembers(service, inspect.ismethod):
            if not method.startswith("_") and "actor" in inspect.signature(function).parameters:
                taking.add(f"{name}.{method}")
    assert taking - {"auth.sign_out"} == set(CALLS)


def _world(services: Services) -> tuple[Actor, dict[str, Any], Any]:
    manager = actor(services)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    return manager, {"tech": tech}, _job_ready(services, manager)


@pytest.mark.parametrize("method", sorted(CALLS))
def test_nobody_signed_in_here_is_refused_by_every_method(services: Services, method: str):
    """A bare user id, an Actor made up by the caller (a real user's fields, a guessed secret),
    and one signed in at another counter's services are all "not signed in"; nothing written."""
    manager, extra, job = _world(services)
    other_services = Services.build(database_of(services), passwords=FAST_PASSWORDS)
    elsewhere = other_services.auth.sign_in("manager", PASSWORD)
    forged = Actor(manager.id, "manager", "店长", Role.MANAGER, token="guessed")
    before = staff_kinds(services), services.jobs.get(job.id)
    for impostor in (manager.id, forged, elsewhere, None, replace(manager, token="")):
        with pytest.raises(NotSignedIn):
            CALLS[method](services, impostor, job, extra)
    assert (staff_kinds(services), services.jobs.get(job.id)) == before


@pytest.mark.parametrize("method", sorted(CALLS))
def test_a_signed_out_or_disabled_user_is_refused_by_every_method(services: Services, method):
    manager, extra, job = _world(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    services.auth.sign_out(clerk)
    with pytest.raises(NotSignedIn):
        CALLS[method](services, clerk, job, extra)
    again = services.auth.sign_in("clerk", PASSWORD)
    services.users.disable(manager, again.id)  # at another counter, while signed in here
    with pytest.raises(NotSignedIn, match="disabled"):
        CALLS[method](services, again, job, extra)
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("clerk", PASSWORD)


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
@pytest.mark.parametrize("method", sorted(MANAGER_ONLY))
def test_only_a_manager_may_manage_the_shop_and_its_people(services: Services, method, role):
    manager, extra, job = _world(services)
    someone = add_user(services, "someone", "赵敏", role)
    with pytest.raises(NotPermitted):
        CALLS[method](services, someone, job, extra)
    CALLS[method](services, manager, job, extra)


def test_the_role_is_read_afresh_on_every_call(services: Services):
    manager, _extra, job = _world(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    with pytest.raises(NotPermitted):
        services.jobs.record_diagnosis(job.id, clerk, "排线松动")
    services.users.change_role(manager, clerk.id, Role.TECHNICIAN)  # the same sign-in goes on
    assert services.jobs.record_diagnosis(job.id, clerk, "排线松动").diagnosis == "排线松动"
    assert services.auth.check(clerk).role is Role.TECHNICIAN


# --- managing people ------------------------------------------------------------------------------


def test_the_last_active_manager_cannot_be_disabled_or_demoted(services: Services):
    boss = actor(services)
    with pytest.raises(LastManager):
        services.users.disable(boss, boss.id)
    with pytest.raises(LastManager):
        services.users.change_role(boss, boss.id, Role.CLERK)
    second = add_user(services, "boss2", "赵师傅", Role.MANAGER)
    services.users.change_role(second, boss.id, Role.CLERK)  # now there is another
    with pytest.raises(LastManager):
        services.users.disable(second, second.id)
    assert [u.username for u in services.users.list(Role.MANAGER)] == ["boss2"]


def test_every_management_action_is_on_the_staff_record(services: Services):
    boss = actor(services)
    tech = services.users.add(boss, "tech", "李建国", Role.TECHNICIAN, PASSWORD)
    services.users.change_role(boss, tech.id, Role.CLERK)
    services.users.disable(boss, tech.id)
    services.users.enable(boss, tech.id)
    services.users.reset_password(boss, tech.id, "temp-pass-22")
    record = services.users.staff_record(boss, limit=5)
    assert [e.kind for e in reversed(record)] == [
        StaffEventKind.USER_ADDED,
        StaffEventKind.ROLE_CHANGED,
        StaffEventKind.USER_DISABLED,
        StaffEventKind.USER_ENABLED,
        StaffEventKind.PASSWORD_RESET,
    ]
    assert {(e.user, e.actor, e.workstation) for e in record} == {
        ("李建国", "店长", "test-counter")
    }
    assert record[3].payload == {"from": "technician", "to": "clerk"}


def test_a_new_user_name_is_checked_like_any_text(services: Services):
    boss = actor(services)
    for username in ("", " ", "with space", "x" * 61, "a\x00b", "wang\u200b", "\u202ewang"):
        with pytest.raises(InvalidInput) as refused:
            services.users.add(boss, username, "王", Role.CLERK, PASSWORD)
        assert refused.value.fields() == {"username"}
    services.users.add(boss, "x" * 60, "王", Role.CLERK, PASSWORD)
    with pytest.raises(InvalidInput, match="already taken"):
        services.users.add(boss, "x" * 60, "王", Role.CLERK, PASSWORD)


def test_the_staff_record_is_append_only(services: Services):
    services.auth.set_up(setup_form())
    for statement in ("UPDATE staff_events SET kind = 'forged'", "DELETE FROM staff_events"):
        with (
            pytest.raises(DBAPIError, match="append-only"),
            database_of(services).write() as session,
        ):
            session.execute(text(statement))
    assert staff_kinds(services)[0] == "shop_set_up"


@pytest.mark.postgres
def test_two_counters_demoting_the_last_two_managers_cannot_both_win(postgres_server, clock):
    """Each counter's demotion locks every manager's row first: the second waits for the first
    and then sees it was the last manager."""
    import threading

    url = postgres_server.create_database()
    here, there = open_database(url), open_database(url)
    try:
        one = Services.build(here, clock, passwords=FAST_PASSWORDS)
        two = Services.build(there, clock, passwords=FAST_PASSWORDS)
        boss = actor(one)
        add_user(one, "boss2", "赵师傅", Role.MANAGER)
        boss2 = two.auth.sign_in("boss2", PASSWORD)
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def demote(services: Services, who: Actor, whom: int) -> None:
            barrier.wait(10)
            try:
                services.users.change_role(who, whom, Role.CLERK)
                outcomes.append("done")
            except LastManager:
                outcomes.append("last")
            except NotPermitted:
                outcomes.append("no longer a manager")

        threads = [
            threading.Thread(target=demote, args=(one, boss, boss2.id)),
            threading.Thread(target=demote, args=(two, boss2, boss.id)),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(outcomes)[0] == "done" and len(outcomes) == 2
        assert len(one.users.list(Role.MANAGER)) == 1
    finally:
        here.dispose()
        there.dispose()
        postgres_server.drop_database(url)


def test_disabling_and_enabling_again_or_a_reset_ends_the_sign_ins_made_before(services):
    """Enabled again at once, the account is back, but not the window a fired employee left
    open; a password reset likewise ends every sign-in made with the old password."""
    boss = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    services.users.disable(boss, clerk.id)
    services.users.enable(boss, clerk.id)
    with pytest.raises(NotSignedIn, match="signed"):
        services.jobs.check_in(check_in_form(), clerk)
    with pytest.raises(NotSignedIn):
        services.auth.check(clerk)
    again = services.auth.sign_in("clerk", PASSWORD)
    services.jobs.check_in(check_in_form(), again)
    services.users.change_role(boss, again.id, Role.TECHNICIAN)  # a role change is not an end
    services.auth.check(again)
    services.users.reset_password(boss, again.id, "temp-pass-22")
    with pytest.raises(NotSignedIn, match="signed"):
        services.auth.check(again)


def test_a_sign_in_does_not_hold_the_write_lock_while_it_hashes(tmp_path: Path):
    """SQLite: while the password is being checked (a fifth of a second in production) every
    other counter can still write."""
    import sqlite3

    path = tmp_path / "counter.db"
    others_wrote: list[bool] = []

    class Watching(Passwords):
        def verify(self, stored: str | None, password: str) -> bool:
            other = sqlite3.connect(path, timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")  # fails at once if the sign-in holds the lock
                other.execute("ROLLBACK")
                others_wrote.append(True)
            except sqlite3.OperationalError:
                others_wrote.append(False)
            finally:
                other.close()
            return super().verify(stored, password)

    database = open_database(f"sqlite:///{path}")
    try:
        hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        services = Services.build(database, passwords=Watching(hasher))
        services.auth.set_up(setup_form())
        services.auth.sign_in("boss", SECRET)
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("boss", "wrong password")
    finally:
        database.dispose()
    assert others_wrote == [True, True]
