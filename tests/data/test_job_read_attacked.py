"""The adversary's attacks on the job view's flat read (queries.job_snapshot, JOB_READ,
EVENTS_READ, LINES_READ, the payment, visit and quotation reads) and on every write's snapshot now
read back after its flush (services/common.py read_job, finish): what a write returns is what a
fresh read shows; hostile data; a deactivated or removed technician; a job with many rows; tables
changed under the prepared statements, connections killed mid-read, and a second counter
changing the job between the statements of one read (PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from sqlalchemy import event, func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job, Payment
from desktop_app.domain.consultations import ConsultationChannel, ConsultationForm
from desktop_app.domain.errors import DatabaseUnreachable, NotFound
from desktop_app.domain.payments import Tender
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.visits import VisitForm, VisitResult
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.data.test_job_read import _as_objects_say
from tests.data.test_paid_job_flow import (
    add_screen_part,
    check_in_paid,
    paid_job_flow,
    quote,
    set_up_shop,
)
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, add_user, check_in_form

CASH = PaymentMethod.CASH
DAY = date(2026, 10, 9)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def on_site(**changes: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = {
        "service_requested": ServiceKind.ON_SITE,
        "address": "上海市黄浦区南京东路1号",
        "visit_address": "上海市浦东新区世纪大道100号2单元1201",
        "appointment_start": at(9),
        "appointment_end": at(12),
    }
    values.update(changes)
    return check_in_form(**values)


def hotline(**changes: object) -> ConsultationForm:
    from dataclasses import replace

    form = ConsultationForm(
        channel=ConsultationChannel.HOTLINE,
        phone="139 1234 5678",
        question="洗衣机脱水时响声很大，要不要送修？",
        caller_name="刘芳",
        category=Category.APPLIANCE,
        brand="美的",
        model="MG100V11D",
    )
    return replace(form, **changes)  # type: ignore[arg-type]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def _fresh(database: Database, services: Services, job_id: int) -> tuple[JobSnapshot, JobSnapshot]:
    """The job as the job view reads it now, and as its ORM objects say (test_job_read's
    independent reference), each in its own read."""
    got = services.jobs.get(job_id)
    with database.read() as session:
        return got, _as_objects_say(session, job_id)


class _Checked:
    """Services whose every returned JobSnapshot is compared, as soon as it is returned, with a
    fresh read of the job after the write's commit and with its ORM objects."""

    def __init__(self, services: Services, database: Database) -> None:
        self._services = services
        self._database = database
        self.checked: list[str] = []

    def __getattr__(self, name: str) -> Any:
        inner = getattr(self._services, name)
        return _CheckedService(inner, self, name)


class _CheckedService:
    def __init__(self, inner: Any, owner: _Checked, name: str) -> None:
        self._inner, self._owner, self._name = inner, owner, name

    def __getattr__(self, name: str) -> Any:
        method = getattr(self._inner, name)
        if not callable(method) or name == "get":
            return method

        def checked(*args: Any, **kwargs: Any) -> Any:
            result = method(*args, **kwargs)
            if isinstance(result, JobSnapshot):
                got, objects = _fresh(self._owner._database, self._owner._services, result.id)
                where = f"{self._name}.{name}"
                assert result == got, where
                assert result == objects, where
                self._owner.checked.append(where)
            return result

        return checked


def test_every_write_of_a_paid_job_returns_what_a_fresh_read_shows(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, database: Database
) -> None:
    """Attack: a write's snapshot now re-read after its flush (finish -> read_job). Along the
    whole paid path (check-in with a deposit, lines, quotation, phone approval, repair, ready,
    hand-back split in two tenders, refund) every snapshot a write returns equals the job read
    afresh after its commit, and the job's ORM objects."""
    checked = _Checked(services, database)
    flow = paid_job_flow(checked, staff, clock)  # type: ignore[arg-type]
    clock.advance(hours=1)
    job = checked.payments.refund(
        flow.returned.id, staff[Role.MANAGER], 5000, "wechat", "退部分", flow.returned.version
    )
    assert job.refundable_cents == 45000
    assert {
        "jobs.check_in",
        "jobs.change_status",
        "jobs.add_line",
        "quotations.write_valid_for",
        "quotations.approve",
        "jobs.mark_ready",
        "handback.hand_back",
        "payments.refund",
    } <= set(checked.checked)


def test_a_declined_quotation_and_an_on_site_visit_return_what_a_fresh_read_shows(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, database: Database
) -> None:
    """Attack: the quotation read (QUOTATIONS_READ, three users joined, two outer) and the visit
    read (VISITS_READ) in a write's snapshot: a declined quotation (declined_by set, approved_by
    not) and a visit recorded by a manager for the assigned technician (two different names)."""
    checked = _Checked(services, database)
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    set_up_shop(services, manager)
    part_id = add_screen_part(services, manager)
    job = check_in_paid(checked, clerk, Tender(CASH, 10000))  # type: ignore[arg-type]
    job = quote(checked, tech, job, part_id)  # type: ignore[arg-type]
    assert job.quotation is not None
    job = checked.quotations.decline(job.id, clerk, job.quotation.number, "太贵", job.version)
    (quotation,) = job.quotations
    assert (quotation.declined_by, quotation.approved_by, quotation.written_by) == (
        "王晓红",
        "",
        "李建国",
    )
    visit_job = checked.jobs.check_in(on_site(technician_id=tech.id), clerk)
    clock.now = at(18)
    visit = VisitForm(
        at(9, 40),
        at(10, 30),
        VisitResult.NEEDS_PARTS,
        "检测为压缩机故障",
        "",
        at(14, day=DAY + timedelta(days=1)),
        at(17, day=DAY + timedelta(days=1)),
    )
    visit_job = checked.visits.record_visit(visit_job.id, manager, visit, visit_job.version)
    (recorded,) = visit_job.visits
    assert recorded.technician == "李建国"
    assert recorded.recorded_by not in ("", "李建国")
    assert "quotations.decline" in checked.checked and "visits.record_visit" in checked.checked


def test_a_check_in_from_a_consultation_names_it_in_the_snapshot_it_returns(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: the check-in no longer hands the consultation's number to its snapshot; it is now
    read from the database (JOB_READ's correlated subquery) after the flush that links it. Two
    consultations linked to one job (by hand): the first one's number, as before."""
    clerk = staff[Role.CLERK]
    asked = services.consultations.record(hotline(), clerk)
    job = services.jobs.check_in(check_in_form(consultation_id=asked.id, phone=asked.phone), clerk)
    assert job.consultation_number == asked.number
    assert _fresh(database, services, job.id) == (job, job)
    plain = services.jobs.check_in(check_in_form(), clerk)
    assert plain.consultation_number == ""


def test_hostile_text_reads_back_as_typed(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: unicode at the limits (astral-plane characters, combining marks, right-to-left
    text) in the customer's name, the product, the fault, a technician's display name (the
    joined users columns) and a line: the write's snapshot, a fresh read and the ORM agree and
    give the text as typed."""
    manager, clerk = staff[Role.MANAGER], staff[Role.CLERK]
    long_name = ("𠜎ñ̃" * 40)[:120]  # 120 characters, a third of them astral, a third combining
    tech = add_user(services, "tech2", "علي 🛠" + "é" * 114, Role.TECHNICIAN)
    fault = ("屏幕不亮 🙂\n" * 700)[:4000]
    job = services.jobs.check_in(
        check_in_form(
            customer_name=long_name, brand="𝔘𝔫𝔦𝔠𝔬𝔡𝔢", model="M" * 120, fault_description=fault
        ),
        clerk,
    )
    job = services.jobs.assign(job.id, tech.id, manager, job.version)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="labour",
        description="拆机 🧰" * 33 + "ab",
        quantity=1,
        unit_price_cents=1,
        expected_version=job.version,
    )
    assert job.customer.name == long_name
    assert (job.product.brand, job.product.model) == ("𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "M" * 120)
    assert job.fault_description == fault
    assert job.technician == "علي 🛠" + "é" * 114
    assert job.events[-1].user_name == job.technician
    assert job.lines[-1].description == "拆机 🧰" * 33 + "ab"
    assert _fresh(database, services, job.id) == (job, job)


def test_a_disabled_technician_keeps_their_name_and_a_removed_one_leaves_none(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: the technician is an outer join, the event's and line's people inner joins. A
    technician disabled after working on a job still names the job, its events and its visit;
    the technician taken off the job leaves "" and no id (not a stale name), in the write's
    snapshot and in a fresh read."""
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), clerk)
    job = services.jobs.assign(job.id, tech.id, manager, job.version)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "看看", job.version)
    services.users.disable(manager, tech.id)
    got, objects = _fresh(database, services, job.id)
    assert got == job == objects
    assert got.technician == "李建国" and got.events[-1].user_name == "李建国"
    job = services.jobs.assign(job.id, None, manager, job.version)
    assert (job.technician, job.technician_id) == ("", None)
    assert _fresh(database, services, job.id) == (job, job)


def test_a_job_with_many_lines_events_and_payments_reads_whole_and_in_order(
    services: Services, staff: dict[Role, Actor], database: Database, clock: FakeClock
) -> None:
    """Attack: a busy job (120 lines added, every third removed, 160+ events, several payments)
    read by the flat statements: nothing lost, nothing doubled, oldest first, removed lines
    stamped; the last write's snapshot equals a fresh read."""
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = check_in_paid(services, clerk, Tender(CASH, 10000))
    job = services.payments.take_deposit(
        job.id, clerk, Tender(PaymentMethod.WECHAT, 2000), job.version
    )
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    for n in range(120):
        clock.advance(seconds=1)
        job = services.jobs.add_line(
            job.id,
            tech,
            kind="labour",
            description=f"工时 {n:03d}",
            quantity=1,
            unit_price_cents=100 + n,
            expected_version=job.version,
        )
    for line in job.lines[::3]:
        job = services.jobs.remove_line(job.id, line.id, tech, "重复", job.version)
    assert [line.description for line in job.lines] == [f"工时 {n:03d}" for n in range(120)]
    assert [line.id for line in job.lines] == sorted(line.id for line in job.lines)
    assert sum(1 for line in job.lines if line.removed_at) == 40
    assert [e.id for e in job.events] == sorted(e.id for e in job.events)
    assert len(job.events) >= 160
    assert len(job.payments) == 2 and job.deposit_held_cents == 12000
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Payment)) == 2
    assert _fresh(database, services, job.id) == (job, job)
    assert manager


def test_a_phone_looked_at_and_a_job_found_by_number_read_as_the_job_view(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: reveal_phone and find_by_number now go through read_job. The look is on the
    snapshot it returns (its event last, the version unchanged); the number typed in lower case
    with spaces finds the same snapshot as the job view; ids that are no row are NotFound."""
    manager, clerk = staff[Role.MANAGER], staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(), clerk)
    looked = services.jobs.reveal_phone(job.id, manager)
    assert looked.events[-1].kind == EventKind.PHONE_REVEALED.value
    assert looked.version == job.version
    assert _fresh(database, services, job.id) == (looked, looked)
    assert services.jobs.find_by_number(f"  {job.number.lower()} ") == looked
    assert services.jobs.find_by_number("NOPE-1") is None
    for wrong in (0, -1, 2**31, 2**63, job.id + 1000):
        with pytest.raises(NotFound):
            services.jobs.get(wrong)


def test_a_second_counter_between_the_statements_of_one_read(
    database: Database, services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Attack: the job view's read is several statements (the job, then its timeline, lines,
    payments). A second counter commits a status change just before the timeline is read: the
    snapshot must be of one moment (its status the status its timeline ends on, its version the
    one that status had). SQLite's read is one transaction; PostgreSQL's prepared read runs
    each statement on its own (autocommit, data/db.py read(prepared=True))."""
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), clerk)
    second_database = open_database(database.url)
    try:
        second = Services.build(second_database, FakeClock(clock()), passwords=FAST_PASSWORDS)
        second_tech = actor(second, "tech")
        armed = {"on": True}

        def change_between(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            if armed["on"] and "FROM job_events" in statement:
                armed["on"] = False
                second.jobs.change_status(job.id, Status.DIAGNOSING, second_tech, "", job.version)

        event.listen(database.engine, "before_cursor_execute", change_between)
        try:
            read = services.jobs.get(job.id)
        finally:
            event.remove(database.engine, "before_cursor_execute", change_between)
        assert not armed["on"]
    finally:
        second_database.dispose()
    last_status = [e.to_status for e in read.events if e.to_status is not None][-1]
    one_moment = job.version if last_status is Status.RECEIVED else job.version + 1
    assert (read.status, read.version) == (last_status, one_moment), [e.kind for e in read.events]
    assert tech


# --- PostgreSQL: prepared statements ----------------------------------------------------------


@pytest.fixture
def counter(postgres_server) -> Iterator[tuple[Database, Services, Any, FakeClock]]:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    database = open_database(url)
    clock = FakeClock(datetime(2026, 9, 30, 10))
    services = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="柜台-1")
    try:
        yield database, services, lambda: _superuser(postgres_server, url), clock
    finally:
        database.dispose()
        postgres_server.drop_database(url)


def _superuser(server, url: str) -> psycopg.Connection:  # type: ignore[no-untyped-def]
    name = urlsplit(url).path.lstrip("/")
    return psycopg.connect(
        host="127.0.0.1", port=server.port, user="postgres", dbname=name, autocommit=True
    )


def _connection_as_left(database: Database) -> tuple[bool, object]:
    with database.engine.connect() as connection:
        driver = connection.connection.dbapi_connection
        return driver.autocommit, driver.prepare_threshold


def _killer(superuser, at: str, after: str | None = None):  # type: ignore[no-untyped-def]
    """A before_cursor_execute hook ending its connection's server process (once) just before
    the first statement starting with `at` (the job's own statement names job_lines and
    payments too, in its EXISTS columns) that runs after one holding `after` (if given)."""
    state = {"armed": after is None, "fired": False}

    def kill(connection, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if state["fired"]:
            return
        if not state["armed"]:
            state["armed"] = after is not None and after in statement
            return
        if statement.startswith(at):
            state["fired"] = True
            pid = connection.connection.dbapi_connection.info.backend_pid
            with superuser() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    return kill, state


def _every_kind_of_job(services: Services, clock: FakeClock) -> list[int]:
    """A paid job with a deposit and a quotation, an on-site job with a visit, a job from a
    consultation: every statement of the job view's read runs (and is prepared) on reading
    them."""
    manager = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    set_up_shop(services, manager)
    part_id = add_screen_part(services, manager)
    paid = quote(services, tech, check_in_paid(services, clerk, Tender(CASH, 10000)), part_id)
    asked = services.consultations.record(hotline(), clerk)
    converted = services.jobs.check_in(
        check_in_form(consultation_id=asked.id, phone=asked.phone), clerk
    )
    visited = services.jobs.check_in(on_site(technician_id=tech.id), clerk)
    clock.now = at(18)
    visit = VisitForm(
        at(9, 40),
        at(10, 30),
        VisitResult.NEEDS_PARTS,
        "检测为压缩机故障",
        "",
        at(14, day=DAY + timedelta(days=1)),
        at(17, day=DAY + timedelta(days=1)),
    )
    visited = services.visits.record_visit(visited.id, tech, visit, visited.version)
    assert paid.quotations and paid.payments and visited.visits and converted.consultation_number
    return [paid.id, visited.id, converted.id]


CHANGES = [
    "ALTER TABLE users ALTER COLUMN display_name TYPE varchar(200)",
    "ALTER TABLE products ALTER COLUMN brand TYPE varchar(300)",
    "ALTER TABLE consultations ALTER COLUMN number TYPE varchar(40)",
    "ALTER TABLE payments ALTER COLUMN workstation TYPE varchar(300)",
    "ALTER TABLE quotations ALTER COLUMN answered_by TYPE varchar(300)",
    "ALTER TABLE visits ALTER COLUMN result TYPE varchar(40)",
    "ALTER TABLE job_events ALTER COLUMN kind TYPE varchar(80)",
    "ALTER TABLE job_lines ALTER COLUMN description TYPE varchar(400)",
    "ALTER TABLE customers ALTER COLUMN address TYPE varchar(5000)",
    "ALTER TABLE jobs ADD COLUMN added_by_an_upgrade text DEFAULT ''",
]


@pytest.mark.postgres
@pytest.mark.parametrize("change", CHANGES, ids=lambda c: " ".join(c.split()[2:6]))
def test_a_table_the_job_view_reads_changed_under_its_prepared_statements(counter, change):
    """Attack: every table the new statements read (users, products, consultations, payments,
    quotations, visits, job_events, job_lines, customers, jobs) widened under statements
    prepared on the connection: the job view reads the same snapshots again (StalePlan, made
    again unprepared), and a prepared check-in, whose snapshot now runs those statements inside
    its write after the INSERTs, is written once and returns what a fresh read shows."""
    database, services, superuser, clock = counter
    ids = _every_kind_of_job(services, clock)
    before = [services.jobs.get(job_id) for job_id in ids]  # prepared on this connection
    with superuser() as admin:
        admin.execute(change)
    for _ in range(3):
        assert [services.jobs.get(job_id) for job_id in ids] == before
    with database.read() as session:
        jobs = session.scalar(select(func.count()).select_from(Job))
    clerk = actor(services, "clerk")
    made = services.jobs.check_in(check_in_form(deposit=None), clerk)
    assert made == services.jobs.get(made.id)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == jobs + 1
    assert _connection_as_left(database) == (False, None)


READ_TABLES = ("job_events", "job_lines", "payments", "quotations", "visits")


@pytest.mark.postgres
@pytest.mark.parametrize("where", [f"SELECT {t}." for t in ("jobs", *READ_TABLES)])
def test_a_connection_killed_at_each_statement_of_a_prepared_read(counter, where):
    """Attack: pg_terminate_backend just before each statement of the job view's read (the job,
    its timeline, lines, payments, quotations, visits): the refusal is DatabaseUnreachable, and
    the next read gives the same snapshots as before, on a connection left as it was."""
    database, services, superuser, clock = counter
    ids = _every_kind_of_job(services, clock)
    before = [services.jobs.get(job_id) for job_id in ids]
    kill, state = _killer(superuser, where)

    target = ids[1] if where == "SELECT visits." else ids[0]
    event.listen(database.engine, "before_cursor_execute", kill)
    try:
        with pytest.raises(DatabaseUnreachable):
            services.jobs.get(target)
    finally:
        event.remove(database.engine, "before_cursor_execute", kill)
    assert state["fired"]
    assert [services.jobs.get(job_id) for job_id in ids] == before
    assert _connection_as_left(database) == (False, None)


@pytest.mark.postgres
def test_a_connection_killed_in_a_check_ins_snapshot_saves_nothing(counter):
    """Attack: the prepared check-in now reads its snapshot from the server after its INSERTs
    (inside its transaction). The connection killed at that read (its payments, after the
    deposit's INSERT): DatabaseUnreachable, no job or deposit saved, and the same check-in made
    again is saved once and returns what a fresh read shows."""
    database, services, superuser, clock = counter
    _every_kind_of_job(services, clock)
    clerk = actor(services, "clerk")
    with database.read() as session:
        jobs = session.scalar(select(func.count()).select_from(Job))
        payments = session.scalar(select(func.count()).select_from(Payment))
    kill, state = _killer(superuser, at="SELECT payments.", after="INSERT INTO payments")

    event.listen(database.engine, "before_cursor_execute", kill)
    try:
        with pytest.raises(DatabaseUnreachable):
            check_in_paid(services, clerk, Tender(CASH, 10000), serial="SN-KILLED-0001")
    finally:
        event.remove(database.engine, "before_cursor_execute", kill)
    assert state["fired"]
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == jobs
        assert session.scalar(select(func.count()).select_from(Payment)) == payments
    made = check_in_paid(services, clerk, Tender(CASH, 10000), serial="SN-KILLED-0001")
    assert made == services.jobs.get(made.id) and len(made.payments) == 1
    assert _connection_as_left(database) == (False, None)


def test_many_threads_opening_jobs_at_once_read_the_same_snapshots(
    services: Services, staff: dict[Role, Actor], database: Database
) -> None:
    """Attack: the statements are module globals made once, executed from the window's
    background threads at once (each on its own pooled connection; on PostgreSQL each prepares
    them on its own): every thread reads every job exactly as one read alone does."""
    import threading

    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    ids = []
    for n in range(4):
        job = services.jobs.check_in(check_in_form(customer_name=f"客户{n}"), clerk)
        job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, f"第{n}台", job.version)
        ids.append(job.id)
    alone = [services.jobs.get(job_id) for job_id in ids]
    start = threading.Barrier(6)
    seen: list[object] = []

    def open_jobs() -> None:
        try:
            start.wait(20)
            for _ in range(15):
                seen.append([services.jobs.get(job_id) for job_id in ids] == alone)
        except Exception as error:  # the assertion below names it
            seen.append(error)

    threads = [threading.Thread(target=open_jobs) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert seen == [True] * 90


@pytest.mark.postgres
def test_a_connection_killed_in_a_writes_snapshot_saves_nothing(counter):
    """Attack: an ordinary (unprepared) write, a line added, now reads its snapshot with the
    job's row after its flush: the connection killed at that read (its lines, after the line's
    INSERT) is DatabaseUnreachable and the line is not saved; the job reads as before and the
    same line can be added again."""
    database, services, superuser, clock = counter
    paid_id = _every_kind_of_job(services, clock)[0]
    tech = actor(services, "tech")
    before = services.jobs.get(paid_id)
    kill, state = _killer(superuser, at="SELECT job_lines.", after="INSERT INTO job_lines")

    def add() -> JobSnapshot:
        return services.jobs.add_line(
            paid_id,
            tech,
            kind="labour",
            description="清洁",
            quantity=1,
            unit_price_cents=500,
            expected_version=before.version,
        )

    event.listen(database.engine, "before_cursor_execute", kill)
    try:
        with pytest.raises(DatabaseUnreachable):
            add()
    finally:
        event.remove(database.engine, "before_cursor_execute", kill)
    assert state["fired"]
    assert services.jobs.get(paid_id) == before
    after = add()
    assert after.lines[-1].description == "清洁" and len(after.lines) == len(before.lines) + 1
    assert after == services.jobs.get(paid_id)
