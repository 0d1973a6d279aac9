"""Service use cases on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Customer, Job, JobEvent, Product
from desktop_app.domain.errors import (
    ConcurrentChange,
    IllegalTransition,
    InvalidInput,
    NotPermitted,
    RuleRefusal,
)
from desktop_app.domain.forms import DueFilter, HandBackForm, JobQuery
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, DocumentsPresented, ServiceKind
from desktop_app.domain.workflow import Status
from tests.conftest import CHECK_IN_AT
from tests.helpers import ID_CHECKED, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def count(database: Database, model: type) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_check_in_decides_verdict_dates_and_number(services, staff):
    job = services.jobs.check_in(check_in_form(serial="imei861234567890123"), staff[Role.CLERK])
    assert job.number == "R20260930-0001"
    assert job.status is Status.RECEIVED
    assert job.coverage is Coverage.WARRANTY
    assert job.response_due_at == datetime(2026, 10, 1, 10, 0)
    # National Day 2026: Oct 1-7 off, Oct 10 (Saturday) worked.
    assert job.repair_due_date == date(2026, 10, 13)
    assert job.customer.masked_phone == "138****5678"
    assert job.product.serial == "IMEI861234567890123"
    assert job.checked_in_by == "王晓红"
    assert [e.kind for e in job.events] == ["checked_in"]
    assert job.events[0].user_name == "王晓红"
    assert "in warranty until 2027-03-01" in [str(r) for r in job.verdict_reasons]


def test_job_numbers_count_up_per_day(services, staff, clock):
    first = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    second = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.advance(days=1)
    next_day = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    assert [first.number, second.number, next_day.number] == [
        "R20260930-0001",
        "R20260930-0002",
        "R20261001-0001",
    ]


def test_returning_customer_is_one_record(services, staff, database):
    services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    services.jobs.check_in(check_in_form(serial="SN2"), staff[Role.CLERK])
    assert count(database, Customer) == 1
    assert count(database, Product) == 2


def test_invalid_check_in_names_fields_and_writes_nothing(services, staff, database):
    form = check_in_form(customer_name=" ", phone="12345", warranty_months=6, fault_description="")
    with pytest.raises(InvalidInput) as caught:
        services.jobs.check_in(form, staff[Role.CLERK])
    assert caught.value.fields() == {
        "customer_name",
        "phone",
        "warranty_months",
        "fault_description",
    }
    assert count(database, Job) == 0
    assert count(database, Customer) == 0
    assert count(database, JobEvent) == 0


def test_missing_documents_make_a_paid_job_unless_manager_overrides(services, staff):
    no_card = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    paid = services.jobs.check_in(check_in_form(documents=no_card), staff[Role.CLERK])
    assert paid.coverage is Coverage.PAID
    assert "warranty card not presented" in [str(r) for r in paid.verdict_reasons]

    override = check_in_form(documents=no_card, manager_override_reason="老顾客，保修卡遗失")
    with pytest.raises(NotPermitted):
        services.jobs.check_in(override, staff[Role.CLERK])
    free = services.jobs.check_in(override, staff[Role.MANAGER])
    assert free.coverage is Coverage.WARRANTY
    assert free.manager_override_reason == "老顾客，保修卡遗失"


def test_a_repair_from_received_to_returned_records_every_step(services, staff, clock):
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(), clerk)
    clock.advance(hours=2)
    job = services.jobs.record_first_response(job.id, clerk, "电话联系顾客，约定检测")
    assert job.first_response_at == datetime(2026, 9, 30, 12, 0)
    job = services.jobs.assign(job.id, tech.id, tech)
    assert job.technician == "李建国"
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "开始检测")
    job = services.jobs.record_diagnosis(job.id, tech, "屏幕排线松动")
    job = services.jobs.change_status(job.id, Status.WAITING_FOR_PARTS, tech, "订购排线")
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="part",
        description="屏幕排线",
        quantity=1,
        unit_price_cents=8800,
        part_model="Mate 60 Pro",
    )
    assert job.lines[0].charged_cents == 0  # free under warranty
    clock.advance(days=1)
    job = services.jobs.mark_ready(job.id, tech, "更换屏幕排线，测试正常")
    assert job.ready_at == datetime(2026, 10, 1, 12, 0)
    assert job.outcome == "repaired"
    job = services.handback.hand_back(
        job.id,
        clerk,
        HandBackForm(
            ("充电器",),
            "",
            0,
            satisfaction_score=5,
            satisfaction_comment="很满意",
            identity_note=ID_CHECKED,
        ),
    )
    assert job.status is Status.RETURNED
    assert job.satisfaction_score == 5
    assert [e.kind for e in job.events] == [
        "checked_in",
        "first_response",
        "assigned",
        "status_changed",
        "diagnosis",
        "status_changed",
        "status_changed",
        "line_added",
        "status_changed",
        "status_changed",
        "handed_back",
        "satisfaction",
    ]
    transitions = [(e.from_status, e.to_status) for e in job.events if e.kind == "status_changed"]
    assert transitions[-1] == (Status.READY_FOR_PICKUP, Status.RETURNED)


def test_starting_diagnosis_counts_as_first_response(services, staff, clock):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.advance(hours=30)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    assert job.first_response_at == datetime(2026, 10, 1, 16, 0)  # late, and recorded as such


def test_illegal_transition_is_refused_and_nothing_changes(services, staff):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    with pytest.raises(IllegalTransition, match=r"possible now: .*start diagnosis.*cancel"):
        services.jobs.change_status(job.id, Status.REPAIRING, staff[Role.TECHNICIAN])
    again = services.jobs.get(job.id)
    assert again.status is Status.RECEIVED
    assert len(again.events) == 1


def test_roles_are_enforced_by_the_services(services, staff):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    with pytest.raises(NotPermitted):
        services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.CLERK])
    with pytest.raises(NotPermitted):
        services.jobs.check_in(check_in_form(), staff[Role.TECHNICIAN])


def test_not_a_quality_problem_turns_warranty_into_paid_and_reprices_lines(services, staff):
    tech = staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id, tech, kind="labour", description="检测", quantity=1, unit_price_cents=5000
    )
    assert job.total_charged_cents == 0
    with pytest.raises(InvalidInput):
        services.jobs.mark_not_quality_problem(job.id, tech, "   ")
    job = services.jobs.mark_not_quality_problem(job.id, tech, "机身进水")
    assert job.coverage is Coverage.PAID
    assert job.not_quality_reason == "机身进水"
    assert job.total_charged_cents == 5000
    with pytest.raises(RuleRefusal):
        services.jobs.mark_not_quality_problem(job.id, tech, "again")


def test_removed_line_stays_on_record_but_is_not_charged(services, staff):
    tech = staff[Role.TECHNICIAN]
    form = check_in_form(purchase_date=date(2024, 1, 1))  # out of warranty: paid
    job = services.jobs.check_in(form, staff[Role.CLERK])
    assert job.coverage is Coverage.PAID
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id, tech, kind="part", description="电池", quantity=2, unit_price_cents=19900
    )
    assert job.total_charged_cents == 39800
    job = services.jobs.remove_line(job.id, job.lines[0].id, tech, "顾客不更换")
    assert job.total_charged_cents == 0
    assert len(job.lines) == 1 and not job.lines[0].active


def test_bad_line_names_every_field(services, staff):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    with pytest.raises(InvalidInput) as caught:
        services.jobs.add_line(
            job.id,
            staff[Role.TECHNICIAN],
            kind="gift",
            description="",
            quantity=0,
            unit_price_cents=-1,
        )
    assert caught.value.fields() == {"kind", "description", "quantity", "unit_price"}


def test_closed_job_cannot_be_changed(services, staff):
    clerk = staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(), clerk)
    with pytest.raises(InvalidInput):
        services.jobs.change_status(job.id, Status.CANCELLED, clerk, "")
    job = services.jobs.change_status(job.id, Status.CANCELLED, clerk, "顾客不修了")
    with pytest.raises(RuleRefusal, match="not possible for a job that is cancelled"):
        services.jobs.add_line(
            job.id,
            staff[Role.TECHNICIAN],
            kind="part",
            description="x",
            quantity=1,
            unit_price_cents=1,
        )


def test_stale_version_is_refused(services, staff):
    tech = staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech, expected_version=job.version)
    with pytest.raises(ConcurrentChange):
        services.jobs.change_status(job.id, Status.REPAIRING, tech, expected_version=job.version)


def test_return_within_seven_days_follows_the_inspection_path(services, staff, clock):
    form = check_in_form(purchase_date=date(2026, 9, 23), service_requested=ServiceKind.RETURN)
    job = services.jobs.check_in(form, staff[Role.CLERK])
    assert job.coverage is Coverage.RETURN_EXCHANGE
    tech = staff[Role.TECHNICIAN]
    job = services.handback.start_inspection(job.id, tech)
    with pytest.raises(RuleRefusal, match="approve refund"):
        services.jobs.change_status(job.id, Status.REFUNDED, tech, "全额退款")
    job = services.handback.approve_refund(job.id, tech, 399900, "全额退款")
    assert job.status is Status.REFUNDED
    assert job.refund_cents == 399900
    assert job.returned_at == CHECK_IN_AT


def test_return_on_day_eight_is_refused_and_a_warranty_repair_offered(services, staff):
    form = check_in_form(purchase_date=date(2026, 9, 22), service_requested=ServiceKind.EXCHANGE)
    job = services.jobs.check_in(form, staff[Role.CLERK])
    assert job.coverage is Coverage.WARRANTY
    reasons = [str(r) for r in job.verdict_reasons]
    assert reasons[0].startswith("no-reason exchange refused: the 7-day window ended 2026-09-29")


def test_events_cannot_be_rewritten_or_deleted(services, staff, database):
    services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    for statement in ("UPDATE job_events SET note = 'forged'", "DELETE FROM job_events"):
        with pytest.raises(DBAPIError, match="append-only"), database.write() as session:
            session.execute(text(statement))
    assert count(database, JobEvent) == 1


def test_failure_half_way_leaves_nothing_behind(services, staff, database, monkeypatch):
    """A crash after the customer, product and job rows are flushed rolls all of them back."""
    import desktop_app.services.jobs as jobs_module

    def explode(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs_module, "record_event", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    assert count(database, Job) == 0
    assert count(database, Customer) == 0
    assert count(database, Product) == 0
    monkeypatch.undo()
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    # The failed attempt's job number was rolled back with it.
    assert job.number == "R20260930-0001"


def test_search_by_number_phone_name_serial_and_status(services, staff, clock):
    clerk = staff[Role.CLERK]
    first = services.jobs.check_in(check_in_form(), clerk)
    clock.advance(minutes=5)
    second = services.jobs.check_in(
        check_in_form(customer_name="李娜", phone="13900001111", serial="SN-ABC-42"), clerk
    )
    assert [r.number for r in services.jobs.search(JobQuery(text=first.number)).rows] == [
        first.number
    ]
    assert [r.number for r in services.jobs.search(JobQuery(text="5678")).rows] == [first.number]
    assert [r.number for r in services.jobs.search(JobQuery(text="李娜")).rows] == [second.number]
    assert [r.number for r in services.jobs.search(JobQuery(text="abc-4")).rows] == [second.number]
    # 100% and _ are literal characters, not wildcards.
    assert services.jobs.search(JobQuery(text="%")).rows == ()
    services.jobs.change_status(second.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    diagnosing = services.jobs.search(JobQuery(statuses=frozenset({Status.DIAGNOSING})))
    assert [r.number for r in diagnosing.rows] == [second.number]
    assert services.jobs.find_by_number(first.number.lower()).id == first.id
    assert [r.number for r in services.jobs.earlier_jobs_for_serial("sn-abc-42")] == [second.number]


def test_paging_walks_every_job_once_newest_first(services, staff, clock):
    numbers = []
    for _ in range(7):
        numbers.append(services.jobs.check_in(check_in_form(), staff[Role.CLERK]).number)
        clock.advance(minutes=1)
    seen = []
    after = None
    while True:
        page = services.jobs.search(JobQuery(), after=after, limit=3)
        seen += [r.number for r in page.rows]
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert seen == list(reversed(numbers))


def test_due_filters_and_summary(services, staff, clock):
    clerk = staff[Role.CLERK]
    old = services.jobs.check_in(check_in_form(), clerk)  # due 2026-10-13
    clock.now = datetime(2026, 10, 12, 9, 0)
    fresh = services.jobs.check_in(check_in_form(), clerk)
    clock.now = datetime(2026, 10, 13, 9, 0)  # old is due today; fresh responded to? no
    assert [r.number for r in services.jobs.search(JobQuery(due=DueFilter.DUE_TODAY)).rows] == [
        old.number
    ]
    assert services.jobs.summary().due_today == 1
    clock.now = datetime(2026, 10, 14, 9, 0)
    overdue = services.jobs.search(JobQuery(due=DueFilter.OVERDUE)).rows
    assert [r.number for r in overdue] == [old.number]
    summary = services.jobs.summary()
    assert (summary.open, summary.overdue, summary.response_overdue) == (2, 1, 2)
    services.jobs.record_first_response(fresh.id, clerk, "已联系")
    assert services.jobs.summary().response_overdue == 1
    late_response = services.jobs.search(JobQuery(due=DueFilter.RESPONSE_OVERDUE)).rows
    assert [r.number for r in late_response] == [old.number]


def test_shop_closure_days_move_due_dates(services, staff):
    manager = staff[Role.MANAGER]
    services.shop.set_closures([date(2026, 10, 8), date(2026, 10, 9)], manager)
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    assert job.repair_due_date == date(2026, 10, 15)
    with pytest.raises(NotPermitted):
        services.shop.set_closures([], staff[Role.CLERK])
