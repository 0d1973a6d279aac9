"""The adversary's attacks on the job view's two EXISTS flags (queries.JOB_READ has_lines and
has_payments): job_snapshot skips the lines' and the payments' reads when the job's own
statement says it has none. Attacked: writes that add the first line or the first line of money
in the same transaction and return a snapshot (it must show them: job_snapshot flushes first), a
line removed (still a row, still shown), jobs with lines but no payments and the other way
round, and a second counter committing the first payment or line between the job's statement
and the next one of the same read (the snapshot must stay of one moment). Both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event

from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Payment
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import PaymentKind, Tender
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.data.test_job_read_attacked import (
    _Checked,
    _fresh,
)
from tests.data.test_paid_job_flow import (
    add_screen_part,
    approve_by_phone,
    check_in_paid,
    quote,
    repair,
    set_up_shop,
)
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT
PHONE_LAST_FOUR = "5678"  # check_in_form's phone


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


class _Statements:
    """Every statement the engine sends, while listening."""

    def __init__(self, database: Database) -> None:
        self._engine = database.engine
        self.sent: list[str] = []

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.sent.append(statement)

    def __enter__(self) -> _Statements:
        event.listen(self._engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._engine, "before_cursor_execute", self._record)

    def read(self, table: str) -> bool:
        """Whether a statement selecting from `table` itself ran (LINES_READ, PAYMENTS_READ; the
        job's own statement only names the tables in its EXISTS)."""
        return any(s.startswith(f"SELECT {table}.") for s in self.sent)


def _kinds(job: JobSnapshot, kind: EventKind) -> int:
    return sum(1 for e in job.events if e.kind == kind.value)


def _labour(
    services: Services, tech: Actor, job: JobSnapshot, description: str, cents: int = 500
) -> JobSnapshot:
    return services.jobs.add_line(
        job.id,
        tech,
        kind="labour",
        description=description,
        quantity=1,
        unit_price_cents=cents,
        expected_version=job.version,
    )


def _warranty_job_with_lines(services: Services, staff: dict[Role, Actor]) -> JobSnapshot:
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), clerk)
    assert job.coverage is not Coverage.PAID
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    return _labour(services, tech, job, "检测工时")


# --- writes in the same transaction ---------------------------------------------------------


def test_the_first_line_and_the_first_money_of_a_job_are_in_the_writes_snapshot(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, database: Database
) -> None:
    """Attack: each write below makes the job's first line or first line of money (the flag was
    false before it) in its own transaction and returns the snapshot read after its flush: a
    deposit taken on a paid job checked in without one, then its first line; the first line of a
    job with no money; a check-in with a deposit (the job, its deposit and the snapshot in one
    transaction). Each returned snapshot shows the new row and equals a fresh read and the ORM's
    reference."""
    checked = _Checked(services, database)
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    set_up_shop(services, manager)

    bare = check_in_paid(checked, clerk, None)  # type: ignore[arg-type]
    assert (bare.lines, bare.payments) == ((), ())
    paid = checked.payments.take_deposit(bare.id, clerk, Tender(WECHAT, 3000), bare.version)
    (deposit,) = paid.payments
    assert (deposit.kind, deposit.amount_cents, paid.lines) == (PaymentKind.DEPOSIT, 3000, ())
    assert paid.deposit_held_cents == 3000
    paid = checked.jobs.change_status(paid.id, Status.DIAGNOSING, tech, "", paid.version)
    paid = _labour(checked, tech, paid, "拆机检测")  # type: ignore[arg-type]
    assert [line.description for line in paid.lines] == ["拆机检测"]
    assert len(paid.payments) == 1

    free = checked.jobs.check_in(check_in_form(), clerk)
    free = checked.jobs.change_status(free.id, Status.DIAGNOSING, tech, "", free.version)
    assert (free.lines, free.payments) == ((), ())
    free = _labour(checked, tech, free, "保修工时")  # type: ignore[arg-type]
    (line,) = free.lines
    assert (line.description, line.charged_cents, free.payments) == ("保修工时", 0, ())

    deposited = check_in_paid(checked, clerk, Tender(CASH, 10000, tendered_cents=20000))  # type: ignore[arg-type]
    (taken,) = deposited.payments
    assert (taken.amount_cents, taken.change_cents, deposited.lines) == (10000, 10000, ())
    assert _kinds(deposited, EventKind.MONEY) == 1

    assert {
        "jobs.check_in",
        "payments.take_deposit",
        "jobs.add_line",
        "jobs.change_status",
    } <= set(checked.checked)
    assert clock


def test_a_hand_back_paying_a_job_that_had_no_money_shows_its_payments(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, database: Database
) -> None:
    """Attack: a paid job checked in without a deposit reaches the hand-back with lines and no
    money at all; the hand-back writes its two payments and returns the snapshot in the same
    transaction: both are there (has_payments read after the flush, not before), and a refund
    after it adds a third; each snapshot equals a fresh read."""
    checked = _Checked(services, database)
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    set_up_shop(services, manager)
    part_id = add_screen_part(services, manager)
    job = check_in_paid(checked, clerk, None)  # type: ignore[arg-type]
    job = quote(checked, tech, job, part_id)  # type: ignore[arg-type]
    job = approve_by_phone(checked, clerk, job, clock)  # type: ignore[arg-type]
    job = repair(checked, tech, job, clock)  # type: ignore[arg-type]
    assert job.payments == () and len(job.lines) == 2
    due = job.total_charged_cents
    form = HandBackForm(
        ("充电器",),
        "",
        0,
        tenders=(Tender(CASH, 20000, tendered_cents=20000), Tender(WECHAT, due - 20000)),
        phone_last_four=PHONE_LAST_FOUR,
    )
    job = checked.handback.hand_back(job.id, clerk, form, job.version)
    assert job.status is Status.RETURNED
    assert [(p.kind, p.method, p.amount_cents) for p in job.payments] == [
        (PaymentKind.PAYMENT, CASH, 20000),
        (PaymentKind.PAYMENT, WECHAT, due - 20000),
    ]
    assert _kinds(job, EventKind.MONEY) == 2
    job = checked.payments.refund(job.id, manager, 1000, "cash", "少收零头", job.version)
    assert [p.kind for p in job.payments][-1] is PaymentKind.REFUND and len(job.payments) == 3
    assert {"handback.hand_back", "payments.refund"} <= set(checked.checked)


def test_a_removed_line_is_still_a_line_and_is_still_shown(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, database: Database
) -> None:
    """Attack: a job whose only line was removed has no active line, but the line is still a
    row (removed_at set): has_lines must count it. The remove's snapshot, a fresh read and
    find_by_number all show it stamped removed, and the lines' read does run."""
    checked = _Checked(services, database)
    tech = staff[Role.TECHNICIAN]
    job = _warranty_job_with_lines(checked, staff)  # type: ignore[arg-type]
    (line,) = job.lines
    clock.advance(minutes=3)
    job = checked.jobs.remove_line(job.id, line.id, tech, "加错了", job.version)
    (removed,) = job.lines
    assert (removed.id, removed.removed_at) == (line.id, clock())
    assert _kinds(job, EventKind.LINE_REMOVED) == 1
    with _Statements(database) as statements:
        got = services.jobs.get(job.id)
    assert got == job
    assert statements.read("job_lines") and not statements.read("payments")
    assert services.jobs.find_by_number(job.number) == job
    assert "jobs.remove_line" in checked.checked


def test_lines_without_money_and_money_without_lines_read_only_what_they_have(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: the two flags are independent. A warranty job with a line and no money reads its
    lines and not the payments; a paid job with a deposit and no line reads its payments and not
    the lines; a job with neither reads neither; each snapshot equals the ORM's reference (what
    was skipped was truly empty)."""
    clerk = staff[Role.CLERK]
    set_up_shop(services, staff[Role.MANAGER])
    lines_only = _warranty_job_with_lines(services, staff)
    money_only = check_in_paid(services, clerk, Tender(CASH, 5000))
    neither = services.jobs.check_in(check_in_form(), clerk)
    cases: list[tuple[JobSnapshot, bool, bool]] = [
        (lines_only, True, False),
        (money_only, False, True),
        (neither, False, False),
    ]
    for job, has_lines, has_payments in cases:
        with _Statements(database) as statements:
            got = services.jobs.get(job.id)
        assert (statements.read("job_lines"), statements.read("payments")) == (
            has_lines,
            has_payments,
        ), job.number
        assert (bool(got.lines), bool(got.payments)) == (has_lines, has_payments)
        assert _fresh(database, services, job.id) == (got, got)


def test_a_snapshot_read_inside_a_write_sees_rows_the_session_had_not_sent(
    services: Services, staff: dict[Role, Actor], database: Database, clock: FakeClock
) -> None:
    """Attack: job_snapshot itself, in a write's session (autoflush off), after a Payment object
    was only added to the session: the EXISTS must see it (job_snapshot flushes before the job's
    statement), so the payment is in the snapshot though the job had none before. Rolled back:
    nothing saved."""
    clerk = staff[Role.CLERK]
    set_up_shop(services, staff[Role.MANAGER])
    job = check_in_paid(services, clerk, None)
    assert job.payments == ()
    with pytest.raises(_RolledBack), database.write() as session:
        session.add(
            Payment(
                job_id=job.id,
                kind=PaymentKind.DEPOSIT.value,
                method=CASH.value,
                amount_cents=777,
                tendered_cents=None,
                change_cents=0,
                at=clock(),
                taken_by_id=clerk.id,
                workstation="x",
                note="",
            )
        )
        inside = queries.job_snapshot(session, job.id)
        assert inside is not None
        assert [p.amount_cents for p in inside.payments] == [777]
        raise _RolledBack
    assert services.jobs.get(job.id).payments == ()


class _RolledBack(Exception):
    pass


# --- a second counter between the statements of one read ---------------------------------------


def _between(
    database: Database,
    clock: FakeClock,
    read: Callable[[], JobSnapshot],
    when: Callable[[str], bool],
) -> Callable[[Callable[[Services], object]], JobSnapshot]:
    """`read`, with `change` made and committed by a second counter (its own database
    connection) just before the first statement `when` picks."""

    def run(change: Callable[[Services], object]) -> JobSnapshot:
        second_database = open_database(database.url)
        try:
            second = Services.build(second_database, FakeClock(clock()), passwords=FAST_PASSWORDS)
            armed = {"on": True}

            def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
                if armed["on"] and when(statement):
                    armed["on"] = False
                    change(second)

            event.listen(database.engine, "before_cursor_execute", hook)
            try:
                found = read()
            finally:
                event.remove(database.engine, "before_cursor_execute", hook)
            assert not armed["on"], "no statement was picked"
            return found
        finally:
            second_database.dispose()

    return run


def _opening(
    database: Database, services: Services, clock: FakeClock, job_id: int, *, before: str
) -> Callable[[Callable[[Services], object]], JobSnapshot]:
    """The job view's read of `job_id`, the change made before its statement starting `before`."""
    return _between(
        database, clock, lambda: services.jobs.get(job_id), lambda s: s.startswith(before)
    )


def test_a_first_deposit_committed_right_after_the_jobs_statement_is_not_half_seen(
    database: Database, services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Attack: the job has no money; a second counter commits its first deposit after the job's
    statement (has_payments false) and before its timeline is read. The read is of one moment:
    no payment, no money event, the version before the deposit. The next read shows it all."""
    clerk = staff[Role.CLERK]
    set_up_shop(services, staff[Role.MANAGER])
    job = check_in_paid(services, clerk, None)

    def deposit(second: Services) -> object:
        return second.payments.take_deposit(
            job.id, actor(second, "clerk"), Tender(WECHAT, 4000), job.version
        )

    read = _opening(database, services, clock, job.id, before="SELECT job_events.")(deposit)
    assert (read.payments, _kinds(read, EventKind.MONEY), read.version) == ((), 0, job.version)
    assert read == job
    after = services.jobs.get(job.id)
    assert len(after.payments) == 1 and _kinds(after, EventKind.MONEY) == 1
    assert after.version == job.version + 1


def test_a_first_line_committed_right_after_the_jobs_statement_is_not_half_seen(
    database: Database, services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Attack: the same for the lines: a job being diagnosed, no line; the second counter's
    technician adds the first one between the job's statement and its timeline's. The read
    shows neither the line nor its event, at the version before."""
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), clerk)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)

    def add(second: Services) -> object:
        return _labour(second, actor(second, "tech"), job, "第二台加的")

    read = _opening(database, services, clock, job.id, before="SELECT job_events.")(add)
    assert (read.lines, _kinds(read, EventKind.LINE_ADDED), read.version) == ((), 0, job.version)
    assert read == job
    after = services.jobs.get(job.id)
    assert [line.description for line in after.lines] == ["第二台加的"]
    assert _kinds(after, EventKind.LINE_ADDED) == 1 and after.version == job.version + 1


def test_money_committed_just_before_the_payments_read_is_not_seen_either(
    database: Database, services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Attack: the job has a deposit and a line (both reads run); a second counter commits a
    second deposit just before the payments' read, the read's last statement of money. The
    payments, the money events and the version agree: one deposit, as of the job's statement."""
    clerk = staff[Role.CLERK]
    set_up_shop(services, staff[Role.MANAGER])
    job = check_in_paid(services, clerk, Tender(CASH, 5000))
    job = services.jobs.change_status(
        job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN], "", job.version
    )
    job = _labour(services, staff[Role.TECHNICIAN], job, "检测")

    def deposit(second: Services) -> object:
        return second.payments.take_deposit(
            job.id, actor(second, "clerk"), Tender(WECHAT, 1000), job.version
        )

    read = _opening(database, services, clock, job.id, before="SELECT payments.")(deposit)
    assert read == job
    assert (len(read.payments), _kinds(read, EventKind.MONEY)) == (1, 1)
    after = services.jobs.get(job.id)
    assert [p.amount_cents for p in after.payments] == [5000, 1000]
    assert after.version == job.version + 1


def test_find_by_number_reads_the_flags_of_the_same_moment(
    database: Database, services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Attack: find_by_number looks the number up, then reads the job (one_moment). A second
    counter's first deposit committed between the lookup and the job's statement: on
    PostgreSQL (REPEATABLE READ, its snapshot taken at the lookup) and SQLite (the read's
    snapshot from its first statement) neither the deposit nor its event is seen."""
    clerk = staff[Role.CLERK]
    set_up_shop(services, staff[Role.MANAGER])
    job = check_in_paid(services, clerk, None)

    def deposit(second: Services) -> object:
        return second.payments.take_deposit(
            job.id, actor(second, "clerk"), Tender(WECHAT, 4000), job.version
        )

    def the_jobs_statement(statement: str) -> bool:
        return "EXISTS" in statement and "FROM jobs" in statement

    found = _between(
        database, clock, lambda: services.jobs.find_by_number(job.number), the_jobs_statement
    )(deposit)
    assert found == job
    assert services.jobs.get(job.id).version == job.version + 1
