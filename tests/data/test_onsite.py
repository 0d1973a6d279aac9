"""On-site service at the service level, on SQLite and on PostgreSQL: check-in with the visit
address, appointment and technician; "Set appointment…"; "Record visit…" and its effects on
the clocks and the status; the day's visit list; and what must be refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import JobEvent, Visit
from desktop_app.domain.errors import (
    ConcurrentChange,
    InvalidInput,
    NotPermitted,
    RuleRefusal,
)
from desktop_app.domain.events import describe
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.visits import VisitForm, VisitResult
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FakeClock, approved_quotation, check_in_form

DAY = date(2026, 10, 9)  # a working day after the national holiday
ADDRESS = "上海市浦东新区世纪大道100号2单元1201"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute)


def on_site(**changes: object):
    values = {
        "service_requested": ServiceKind.ON_SITE,
        "address": "上海市黄浦区南京东路1号",
        "visit_address": ADDRESS,
        "appointment_start": at(9),
        "appointment_end": at(12),
    }
    values.update(changes)
    return check_in_form(**values)


def events_of(database: Database, job_id: int, kind: EventKind) -> list[JobEvent]:
    with database.read() as session:
        rows = session.scalars(
            select(JobEvent).where(JobEvent.job_id == job_id, JobEvent.kind == kind.value)
        ).all()
        session.expunge_all()
        return list(rows)


def visits_count(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(Visit)) or 0


# --- check-in ----------------------------------------------------------------------------------


def test_on_site_check_in_stores_address_appointment_and_technician(
    services: Services, staff: dict[Role, Actor], database: Database
):
    tech = staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(technician_id=tech.id), staff[Role.CLERK])
    assert job.visit_address == ADDRESS
    assert (job.appointment_start, job.appointment_end) == (at(9), at(12))
    assert job.technician_id == tech.id
    # The customer's own address is kept as typed, apart from the visit address.
    assert job.customer.address == "上海市黄浦区南京东路1号"
    kinds = [e.kind for e in job.events]
    assert kinds == ["checked_in", "assigned", "appointment_set"]
    assert "李建国" in describe(job.events[1])
    assert "2026-10-09 09:00–12:00" in describe(job.events[2])
    # The agreement's clocks run as for any repair: 24 hours, and 5 working days after the
    # national holiday (Oct 1-7): Oct 8, 9, 10 (make-up working Saturday), 12, 13.
    assert job.response_due_at == CHECK_IN_AT + timedelta(hours=24)
    assert job.repair_due_date == date(2026, 10, 13)


def test_visit_address_defaults_to_the_customer_address(services, staff):
    job = services.jobs.check_in(
        on_site(visit_address="", appointment_start=None, appointment_end=None),
        staff[Role.CLERK],
    )
    assert job.visit_address == "上海市黄浦区南京东路1号"
    assert job.appointment_start is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"visit_address": " ", "address": ""}, "visit_address"),
        ({"visit_address": "地" * 4001}, "visit_address"),
        ({"visit_address": "a\x00b"}, "visit_address"),
        ({"appointment_start": at(12), "appointment_end": at(9)}, "appointment"),
        ({"appointment_start": at(9), "appointment_end": at(9)}, "appointment"),
        (
            {"appointment_start": at(22), "appointment_end": at(2, day=DAY + timedelta(1))},
            "appointment",
        ),
        ({"appointment_start": at(9), "appointment_end": None}, "appointment"),
        ({"appointment_start": "09:00", "appointment_end": "12:00"}, "appointment"),
        # In the past beyond the hour's tolerance, or beyond 90 days ahead.
        (
            {"appointment_start": CHECK_IN_AT - timedelta(hours=2), "appointment_end": CHECK_IN_AT},
            "appointment",
        ),
        (
            {
                "appointment_start": at(9, day=date(2027, 9, 1)),
                "appointment_end": at(12, day=date(2027, 9, 1)),
            },
            "appointment",
        ),
        ({"technician_id": "李建国"}, "technician"),
    ],
)
def test_hostile_on_site_check_ins_are_refused_and_nothing_is_saved(
    services, staff, database, changes, field
):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(on_site(**changes), staff[Role.CLERK])
    assert field in refused.value.fields()
    assert services.jobs.summary().open == 0


def test_a_window_under_way_within_the_tolerance_is_accepted(services, staff):
    start = CHECK_IN_AT - timedelta(minutes=30)
    job = services.jobs.check_in(
        on_site(appointment_start=start, appointment_end=start + timedelta(hours=3)),
        staff[Role.CLERK],
    )
    assert job.appointment_start == start


def test_counter_jobs_take_no_visit_fields(services, staff):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(
            check_in_form(visit_address=ADDRESS, appointment_start=at(9), appointment_end=at(12)),
            staff[Role.CLERK],
        )
    assert refused.value.fields() == {"visit_address", "appointment"}


def test_technician_at_check_in_must_be_a_technician(services, staff):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(on_site(technician_id=staff[Role.CLERK].id), staff[Role.CLERK])
    assert refused.value.fields() == {"technician"}
    assert services.jobs.summary().open == 0


# --- set appointment -----------------------------------------------------------------------------


def test_set_appointment_records_old_and_new(services, staff, database):
    clerk = staff[Role.CLERK]
    job = services.jobs.check_in(on_site(), clerk)
    moved = services.visits.schedule(job.id, clerk, at(14), at(17), job.version)
    assert (moved.appointment_start, moved.appointment_end) == (at(14), at(17))
    event = moved.events[-1]
    assert event.kind == EventKind.APPOINTMENT_SET
    assert "2026-10-09 09:00–12:00 → 2026-10-09 14:00–17:00" in describe(event)


def test_set_appointment_refusals(services, staff, database):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(), clerk)
    counter = services.jobs.check_in(check_in_form(), clerk)
    with pytest.raises(InvalidInput) as refused:
        services.visits.schedule(job.id, clerk, at(12), at(11), job.version)
    assert refused.value.fields() == {"appointment"}
    with pytest.raises(RuleRefusal, match="not an on-site job"):
        services.visits.schedule(counter.id, clerk, at(9), at(12), counter.version)
    with pytest.raises(NotPermitted):  # a technician does not book visits
        services.visits.schedule(job.id, tech, at(9), at(12), job.version)
    services.jobs.record_first_response(job.id, clerk, "已致电", job.version)
    with pytest.raises(ConcurrentChange):  # the screen showed the version before the call
        services.visits.schedule(job.id, clerk, at(14), at(17), job.version)
    assert services.jobs.get(job.id).appointment_start == at(9)


# --- record visit --------------------------------------------------------------------------------


def test_first_visit_needing_another_sets_the_next_appointment_and_stops_the_response_clock(
    services: Services, staff, database, clock: FakeClock
):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(technician_id=tech.id), clerk)
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
    job = services.visits.record_visit(job.id, tech, visit, job.version)
    # The arrival is the first response (late: the job came in on 09-30).
    assert job.first_response_at == at(9, 40)
    assert job.status is Status.RECEIVED
    assert job.appointment_start == at(14, day=DAY + timedelta(days=1))
    assert len(job.visits) == 1
    assert job.visits[0].technician == "李建国"
    assert job.visits[0].work_done == "检测为压缩机故障"
    kinds = [e.kind for e in job.events]
    assert kinds[-2:] == ["visit_recorded", "appointment_set"]
    assert "Another visit needed" in describe(job.events[-2])


def test_a_fixed_visit_finishes_the_repair_at_the_time_the_technician_left(
    services: Services, staff, database, clock: FakeClock
):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(), clerk)
    job = services.jobs.record_first_response(job.id, clerk, "已致电预约", job.version)
    responded = job.first_response_at
    clock.now = at(20)
    job = services.visits.record_visit(
        job.id,
        tech,
        VisitForm(at(9, 30), at(11), VisitResult.FIXED, "更换温控器", "温控器 WK-2 ×1"),
        job.version,
    )
    assert job.first_response_at == responded  # already recorded: kept
    assert job.status is Status.READY_FOR_PICKUP
    assert job.ready_at == at(11)
    assert job.outcome == "repaired" and job.work_done == "更换温控器"
    assert job.appointment_start is None
    statuses = [e.to_status for e in job.events if e.to_status is not None]
    assert statuses == [Status.RECEIVED, Status.DIAGNOSING, Status.READY_FOR_PICKUP]
    # Ready for pickup: no more visits to book; the hand-back closes it at the counter.
    visits = services.visits.visits_for_day(DAY)
    assert [r.number for r in visits.rows] == [job.number]
    assert visits.rows[0].result is VisitResult.FIXED
    assert job.number not in [r.number for r in visits.to_set]


def test_a_paid_repair_fixed_on_site_waits_for_the_quotations_approval(
    services: Services, staff, database, clock: FakeClock
):
    """Issue 16: paid work done at the customer's is paid work too. A "fixed" visit on a paid
    job without an approved quotation is refused and writes nothing; once approved it counts."""
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(purchase_date=date(2020, 3, 1)), clerk)
    assert job.coverage is Coverage.PAID
    clock.now = at(20)
    fixed = VisitForm(at(9, 30), at(11), VisitResult.FIXED, "更换温控器", "温控器 WK-2 ×1")
    with pytest.raises(RuleRefusal) as refused:
        services.visits.record_visit(job.id, tech, fixed, job.version)
    assert "approv" in str(refused.value)
    assert visits_count(database) == 0
    assert services.jobs.get(job.id).version == job.version  # nothing half-saved
    # On site the technician diagnoses, quotes, and the customer signs there and then.
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    job = approved_quotation(services, job, tech, clerk)
    job = services.visits.record_visit(job.id, tech, fixed, job.version)
    assert job.status is Status.READY_FOR_PICKUP
    assert visits_count(database) == 1


def test_customer_absent_without_a_next_window_lists_as_appointment_to_set(
    services, staff, database, clock
):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(technician_id=tech.id), clerk)
    clock.now = at(13)
    job = services.visits.record_visit(
        job.id, tech, VisitForm(at(9, 10), at(9, 20), VisitResult.CUSTOMER_ABSENT), job.version
    )
    assert job.appointment_start is None
    day = services.visits.visits_for_day(DAY, tech.id)
    assert [r.number for r in day.to_set] == [job.number]
    assert day.to_set[0].visits_so_far == 1


@pytest.mark.parametrize(
    "visit, field",
    [
        (VisitForm(at(10), at(9), VisitResult.FIXED, "修好"), "left_at"),
        (VisitForm(at(9), at(9), VisitResult.FIXED, "修好"), "left_at"),
        (VisitForm(at(9), at(23), VisitResult.FIXED, "修好"), "left_at"),
        (VisitForm(at(9), at(10), VisitResult.FIXED, " "), "work_done"),
        (VisitForm(at(9), at(10), VisitResult.FIXED, "修" * 4001), "work_done"),
        (VisitForm(at(9), at(10), VisitResult.FIXED, "修好", "零件\x00"), "parts_used"),
        (VisitForm(at(9), at(10), "fixed", "修好"), "result"),  # type: ignore[arg-type]
        (VisitForm("09:00", at(10), VisitResult.FIXED, "修好"), "arrived_at"),  # type: ignore[arg-type]
        (
            VisitForm(
                datetime(2026, 9, 29, 9), datetime(2026, 9, 29, 10), VisitResult.FIXED, "修好"
            ),
            "arrived_at",
        ),
        (
            VisitForm(
                at(9, day=DAY + timedelta(5)),
                at(10, day=DAY + timedelta(5)),
                VisitResult.OTHER,
                "x",
            ),
            "arrived_at",
        ),
        (VisitForm(at(9), at(10), VisitResult.FIXED, "修好", "", at(14), at(15)), "next_visit"),
        (
            VisitForm(at(9), at(10), VisitResult.NEEDS_PARTS, "缺件", "", at(15), at(14)),
            "next_visit",
        ),
        (
            VisitForm(at(9), at(12), VisitResult.NEEDS_PARTS, "缺件", "", at(11), at(13)),
            "next_visit",
        ),
        (VisitForm(at(9), at(10), VisitResult.NEEDS_PARTS, "缺件", "", at(14), None), "next_visit"),
    ],
)
def test_hostile_visit_reports_are_refused_and_nothing_is_written(
    services, staff, database, clock, visit, field
):
    job = services.jobs.check_in(on_site(), staff[Role.CLERK])
    clock.now = at(18)
    with pytest.raises(InvalidInput) as refused:
        services.visits.record_visit(job.id, staff[Role.TECHNICIAN], visit, job.version)
    assert field in refused.value.fields()
    assert visits_count(database) == 0
    assert services.jobs.get(job.id).version == job.version


def test_a_visit_on_a_counter_job_is_refused_with_a_message(services, staff, database, clock):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.now = at(18)
    with pytest.raises(RuleRefusal) as refused:
        services.visits.record_visit(
            job.id,
            staff[Role.TECHNICIAN],
            VisitForm(at(9), at(10), VisitResult.FIXED, "修好"),
            job.version,
        )
    assert job.number in refused.value.render() and "Repair" in refused.value.render()
    assert visits_count(database) == 0


def test_a_technician_recording_on_a_stale_view_is_refused(services, staff, database, clock):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(technician_id=tech.id), clerk)
    seen = job.version  # the technician's view
    moved = services.visits.schedule(job.id, clerk, at(14), at(17), job.version)
    clock.now = at(18)
    with pytest.raises(ConcurrentChange, match="王晓红"):
        services.visits.record_visit(
            job.id, tech, VisitForm(at(14, 5), at(15), VisitResult.FIXED, "修好"), seen
        )
    assert visits_count(database) == 0
    assert services.jobs.get(job.id).version == moved.version


def test_clerks_do_not_record_visits_and_closed_jobs_take_none(services, staff, database, clock):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(on_site(), clerk)
    clock.now = at(18)
    visit = VisitForm(at(9), at(10), VisitResult.FIXED, "修好")
    with pytest.raises(NotPermitted):
        services.visits.record_visit(job.id, clerk, visit, job.version)
    cancelled = services.jobs.cancel(job.id, clerk, "顾客取消", job.version)
    with pytest.raises(RuleRefusal):
        services.visits.record_visit(job.id, tech, visit, cancelled.version)
    assert visits_count(database) == 0


# --- the day's list ------------------------------------------------------------------------


def test_visits_for_day_in_appointment_order_per_technician(services, staff, database):
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    late = services.jobs.check_in(
        on_site(technician_id=tech.id, appointment_start=at(14), appointment_end=at(17)), clerk
    )
    early = services.jobs.check_in(on_site(technician_id=tech.id), clerk)
    other = services.jobs.check_in(
        on_site(technician_id=manager.id, appointment_start=at(8), appointment_end=at(9)), clerk
    )
    services.jobs.check_in(
        on_site(
            appointment_start=at(9, day=DAY + timedelta(1)),
            appointment_end=at(10, day=DAY + timedelta(1)),
        ),
        clerk,
    )
    unset = services.jobs.check_in(on_site(appointment_start=None, appointment_end=None), clerk)
    services.jobs.check_in(check_in_form(), clerk)  # a counter job is never listed
    mine = services.visits.visits_for_day(DAY, tech.id)
    assert [r.number for r in mine.rows] == [early.number, late.number]
    row = mine.rows[0]
    assert (row.start, row.end) == (at(9), at(12))
    assert row.masked_phone == "138****5678" and row.visit_address == ADDRESS
    assert row.product == "华为 Mate 60 Pro" and row.visits_so_far == 0
    everyone = services.visits.visits_for_day(DAY, None)
    assert [r.number for r in everyone.rows] == [other.number, early.number, late.number]
    assert [r.number for r in everyone.to_set] == [unset.number]
    assert services.visits.visits_for_day(DAY, 2**40).rows == ()
    with pytest.raises(InvalidInput):
        services.visits.visits_for_day("2026-10-09", None)  # type: ignore[arg-type]
