"""The job actions' registry: one operation per action, its fields fill its typed form, and every
call carries the version of the job the user was looking at — a job another counter changed
meanwhile is refused with who and when, and nothing is written (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.actions import PERMISSION, JobAction
from desktop_app.domain.errors import ConcurrentChange
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.quotation import QUOTE_ACTIONS, QuotationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.snapshots import JobSnapshot, UserSnapshot
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind
from desktop_app.ui.operations.job_actions import OPERATIONS, ActionContext, Step, step_for
from tests.helpers import FAST_PASSWORDS, ID_CHECKED, PASSWORD, actor, add_user, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def fill(step: Step[Any]) -> Any:
    """The typed form a person would submit: each field's default, or a valid value of its kind."""
    values: dict[str, Any] = {}
    for spec in step.fields:
        if spec.kind is FieldKind.INFO:
            continue
        values[spec.name] = spec.default if spec.default not in (None, "") else _valid(spec)
        if spec.kind is FieldKind.CHECKLIST:
            values[spec.name] = tuple(value for _label, value in spec.choices)
    return step.read(values)


def _valid(spec: Field) -> Any:
    if spec.kind is FieldKind.TEXT and "tendered" in spec.name:
        return ""  # cash handed over: as the amount
    if spec.kind is FieldKind.TEXT and "amount" in spec.name:
        return "50"  # typed money (a deposit, a refund), read exactly
    if spec.kind is FieldKind.SCAN or spec.name == "phone_last_four":
        return ""  # the hand-back's customer is identified by the note ("测试")
    if spec.kind in (FieldKind.TEXT, FieldKind.MULTILINE):
        return "测试" if spec.name != "value" else "4"
    if spec.kind is FieldKind.NUMBER:
        return max(1, spec.minimum)
    if spec.kind is FieldKind.MONEY:
        return 100
    if spec.kind is FieldKind.CHOICE:
        return next(value for _label, value in spec.choices if value is not None)
    if spec.kind is FieldKind.WINDOW and not spec.required:
        return None  # no next visit
    raise AssertionError(spec)


def _manager(services: Services) -> UserSnapshot:
    manager = actor(services)
    assert manager is not None
    return manager


def _job_where(services: Services, action: JobAction, clock) -> JobSnapshot:
    """A job in a state where `action` is offered to a manager."""
    me = _manager(services)
    jobs, back = services.jobs, services.handback
    if action in (JobAction.START_INSPECTION, JobAction.APPROVE_REFUND, JobAction.REFUSE_RETURN):
        kind = ServiceKind.RETURN
    elif action is JobAction.APPROVE_EXCHANGE:
        kind = ServiceKind.EXCHANGE
    else:
        kind = ServiceKind.REPAIR
    purchase = clock().date() - timedelta(days=2)  # within the 7 days of a return
    if action in (JobAction.TAKE_DEPOSIT, JobAction.REFUND_PAYMENT):
        # A paid repair (out of warranty); with a deposit taken to refund from.
        deposit = Tender(PaymentMethod.CASH, 10000) if action is JobAction.REFUND_PAYMENT else None
        return jobs.check_in(check_in_form(purchase_date=date(2024, 1, 1), deposit=deposit), me)
    if action in (JobAction.SCHEDULE_VISIT, JobAction.RECORD_VISIT):
        # An on-site job: booked for tomorrow morning, or visited this morning (the report
        # comes in at 14:00).
        now = clock()
        start = now + timedelta(days=1) if action is JobAction.SCHEDULE_VISIT else now
        job = jobs.check_in(
            check_in_form(
                service_requested=ServiceKind.ON_SITE,
                purchase_date=purchase,
                address="上海市浦东新区世纪大道100号",
                appointment_start=start,
                appointment_end=start + timedelta(hours=2),
            ),
            me,
        )
        if action is JobAction.RECORD_VISIT:
            clock.now = now.replace(hour=14, minute=0)
        return job
    job = jobs.check_in(
        check_in_form(
            service_requested=kind, purchase_date=purchase, accessories_received="充电器"
        ),
        me,
    )
    if kind is not ServiceKind.REPAIR:
        if action is not JobAction.START_INSPECTION:
            job = back.start_inspection(job.id, me)
        return job
    if action in (JobAction.RECORD_RESPONSE, JobAction.ASSIGN, JobAction.START_DIAGNOSIS):
        return job
    if action is JobAction.CANCEL:
        return job
    job = jobs.change_status(job.id, Status.DIAGNOSING, me)
    if action in QUOTE_ACTIONS:  # a paid repair with a part, quoted unless writing the quote
        job = jobs.mark_not_quality_problem(job.id, me, "进水")
        job = jobs.add_line(
            job.id, me, kind="part", description="电池", quantity=1, unit_price_cents=100
        )
        if action is JobAction.WRITE_QUOTATION:
            return job
        if action is JobAction.APPROVE_QUOTATION:
            # The form's call time defaults to the wall clock's now: quoted an hour before it,
            # approved by a service clock an hour after it.
            clock.now = datetime.now().replace(microsecond=0) - timedelta(hours=1)
        form = QuotationForm("电池老化", clock().date() + timedelta(days=7))
        job = services.quotations.write(job.id, me, form)
        if action is JobAction.APPROVE_QUOTATION:
            clock.now += timedelta(hours=2)
        return job
    if action is JobAction.START_REPAIR:
        return jobs.change_status(job.id, Status.WAITING_FOR_PARTS, me, "订配件")
    if action is JobAction.REMOVE_LINE:
        return jobs.add_line(
            job.id, me, kind="part", description="电池", quantity=1, unit_price_cents=100
        )
    if action in (JobAction.HAND_BACK, JobAction.RECORD_SATISFACTION, JobAction.CORRECTION):
        job = jobs.mark_ready(job.id, me, "已修好")
        if action is JobAction.HAND_BACK:
            return job
        return back.hand_back(
            job.id, me, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
        )
    return job


def _change_elsewhere(services: Services, job: JobSnapshot, other: UserSnapshot) -> None:
    """Another counter touches the job in a way that keeps the action possible."""
    if job.status in (Status.RETURNED,):
        services.handback.record_correction(job.id, other, "work_done", "换电池", "补记")
    else:
        services.jobs.assign(job.id, other.id, other)


def test_every_action_has_exactly_one_operation():
    assert set(OPERATIONS) == set(JobAction)
    assert set(PERMISSION) == set(JobAction)


def test_each_operations_fields_fill_its_typed_form(services, clock):
    me = _manager(services)
    for action in JobAction:
        job = _job_where(services, action, clock)
        step = step_for(action, ActionContext(job, me, (me,)))
        names = {f.name for f in step.fields if f.kind is not FieldKind.INFO}
        form_fields = {f.name for f in dataclasses.fields(step.form)}
        required = {
            f.name
            for f in dataclasses.fields(step.form)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        assert names <= form_fields, action
        assert required <= names, action
        assert isinstance(step.fields, list) and all(
            isinstance(f.kind, FieldKind) for f in step.fields
        )


@pytest.mark.parametrize("action", list(JobAction), ids=lambda a: a.name.lower())
def test_an_action_on_a_stale_view_is_refused_with_who_and_when(services, clock, action):
    me = _manager(services)
    other = add_user(services, "boss2", "赵师傅", Role.MANAGER)
    seen = _job_where(services, action, clock)  # what this counter's job view shows
    clock.now = datetime(clock().year, clock().month, clock().day, 15, 42)
    _change_elsewhere(services, seen, other)
    before = services.jobs.get(seen.id)
    assert before.version != seen.version

    step = step_for(action, ActionContext(seen, me, (me, other)))
    with pytest.raises(ConcurrentChange) as refused:
        step.call(services, fill(step))

    message = refused.value.render()
    assert seen.number in message and "赵师傅" in message and "15:42" in message
    after = services.jobs.get(seen.id)
    assert after == before  # nothing written: same version, events, lines, status


@pytest.mark.parametrize("action", list(JobAction), ids=lambda a: a.name.lower())
def test_the_same_action_on_a_fresh_view_goes_through(services, clock, action):
    me = _manager(services)
    job = _job_where(services, action, clock)
    step = step_for(action, ActionContext(job, me, (me,)))
    updated = step.call(services, fill(step))
    assert updated.version > job.version
    assert len(updated.events) > len(job.events)


def test_a_line_added_in_the_same_clock_second_still_bumps_the_version(services, clock):
    """The version is checked only when an UPDATE is issued: every write must issue one."""
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(purchase_date=date(2026, 11, 1)), me)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, me)
    first = services.jobs.add_line(
        job.id, me, kind="part", description="电池", quantity=1, unit_price_cents=100
    )
    second = services.jobs.add_line(
        job.id, me, kind="part", description="排线", quantity=1, unit_price_cents=100
    )
    assert job.version < first.version < second.version
    with pytest.raises(ConcurrentChange):
        services.jobs.add_line(
            job.id,
            me,
            kind="part",
            description="屏幕",
            quantity=1,
            unit_price_cents=100,
            expected_version=first.version,
        )


@pytest.mark.postgres
def test_a_change_committed_between_read_and_write_names_who_made_it(
    postgres_server, clock, monkeypatch
):
    """PostgreSQL: the other counter commits after this one read the job and before it writes.
    The UPDATE finds no row of the version read; the user hears who changed the job, not
    SQLAlchemy's "Can't operate on closed transaction". (The action locks the job's row, which
    makes this impossible; the version check at the UPDATE stays as the last defence, tested
    here with the lock taken away.)"""
    from desktop_app.services import common

    monkeypatch.setattr(common, "lock_job", lambda session, job_id: None)

    url = postgres_server.create_database()
    here, there = open_database(url), open_database(url)
    try:
        counter, other_counter = (
            Services.build(here, clock, passwords=FAST_PASSWORDS),
            Services.build(there, clock, passwords=FAST_PASSWORDS),
        )
        me = _manager(counter)
        add_user(counter, "boss2", "赵师傅", Role.MANAGER)
        other = other_counter.auth.sign_in("boss2", PASSWORD)  # signed in at the other counter
        job = counter.jobs.check_in(check_in_form(purchase_date=date(2026, 11, 1)), me)
        real_load_job = common.load_job
        raced: list[bool] = []

        def load_then_race(session, job_id, expected_version=None):
            loaded = real_load_job(session, job_id, expected_version)
            if not raced:
                raced.append(True)
                clock.now = clock.now.replace(hour=16, minute=5)
                other_counter.jobs.assign(job_id, other.id, other)
            return loaded

        monkeypatch.setattr(common, "load_job", load_then_race)
        with pytest.raises(ConcurrentChange) as refused:
            counter.jobs.record_first_response(job.id, me, "已致电", job.version)
        assert "赵师傅" in refused.value.render() and "16:05" in refused.value.render()
        after = counter.jobs.get(job.id)
        assert after.first_response_at is None and after.technician_id == other.id
    finally:
        here.dispose()
        there.dispose()
        postgres_server.drop_database(url)


@pytest.mark.postgres
def test_an_action_holds_the_jobs_row_while_it_checks_the_job(postgres_server, clock, monkeypatch):
    """PostgreSQL: while an action checks what the job allows (its status, its lines), another
    counter cannot write the job: its write waits (here: gives up after its lock timeout). Before,
    a line removed at the other counter in that moment made this counter's "remove line" fail
    with "not possible" instead of "changed at another counter"."""
    import psycopg

    from desktop_app.services import common

    url = postgres_server.create_database()
    database = open_database(url)
    try:
        counter = Services.build(database, clock, passwords=FAST_PASSWORDS)
        me = _manager(counter)
        job = counter.jobs.check_in(check_in_form(purchase_date=date(2026, 11, 1)), me)
        job = counter.jobs.change_status(job.id, Status.DIAGNOSING, me)
        job = counter.jobs.add_line(
            job.id, me, kind="part", description="电池", quantity=1, unit_price_cents=100
        )
        real_job_state = common.job_state
        refused: list[str] = []

        def state_while_other_counter_writes(session, loaded, today=None):
            dsn = database.engine.url.set(drivername="postgresql").render_as_string(False)
            with psycopg.connect(dsn) as other:
                other.execute("SET lock_timeout = '200ms'")
                try:
                    other.execute(
                        "UPDATE job_lines SET removed_at = now() WHERE job_id = %s", (loaded.id,)
                    )
                    other.execute(
                        "UPDATE jobs SET version = version + 1 WHERE id = %s", (loaded.id,)
                    )
                except psycopg.errors.LockNotAvailable as error:
                    refused.append(str(error))
            return real_job_state(session, loaded, today)

        monkeypatch.setattr(common, "job_state", state_while_other_counter_writes)
        line = job.lines[0].id
        after = counter.jobs.remove_line(job.id, line, me, "不需要", job.version)
        assert refused, "the other counter's write went through while the action checked the job"
        assert after.version == job.version + 1
        assert [ln.active for ln in after.lines] == [False]
    finally:
        database.dispose()
        postgres_server.drop_database(url)
