"""Compensation for missed promises, on SQLite and PostgreSQL: proposed at hand-back from the
job's own clocks, decided by a manager (at the counter or later), warranty really extended."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Compensation, Complaint, ComplaintEvent, Job, JobEvent, User
from desktop_app.domain.compensation import (
    MAX_EXTENSION_MONTHS,
    MAX_OFFER_CENTS,
    CompensationPolicy,
    Decision,
    DecisionKind,
    Offer,
)
from desktop_app.domain.errors import (
    ConcurrentChange,
    InvalidInput,
    NotFound,
    NotPermitted,
    RuleRefusal,
)
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind, add_months
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import CompensationState, EventKind, MissedPromise, OfferKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.compensation import propose_for_complaint
from tests.helpers import ID_CHECKED, FakeClock, approved_quotation, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


VOUCHER_20 = Offer(OfferKind.VOUCHER, amount_cents=2000)


def repaired(
    services: Services,
    staff,
    clock: FakeClock,
    *,
    respond_after_hours: float = 2,
    ready_days_after_due: int = 0,
    labour_cents: int = 0,
    serial: str | None = None,
) -> JobSnapshot:
    """A repair checked in now, responded to after some hours, ready some days after its due
    day (0: on the due day), waiting for the hand-back."""
    manager, clerk = staff[Role.MANAGER], staff[Role.CLERK]
    changes: dict[str, object] = {}
    if labour_cents:
        changes["purchase_date"] = date(2024, 1, 1)  # out of warranty: the customer pays
    if serial:
        changes["serial"] = serial
    job = services.jobs.check_in(check_in_form(**changes), clerk)
    clock.advance(hours=respond_after_hours)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    if labour_cents:
        job = services.jobs.add_line(
            job.id,
            manager,
            kind="labour",
            description="工时",
            quantity=1,
            unit_price_cents=labour_cents,
        )
        # Paid work waits for the customer's approval of the quotation (issue 16).
        job = approved_quotation(services, job, manager, clerk)
    job = services.jobs.change_status(job.id, Status.REPAIRING, manager)
    clock.now = datetime.combine(
        job.repair_due_date + timedelta(days=ready_days_after_due), datetime.min.time()
    ).replace(hour=15)
    return services.jobs.mark_ready(job.id, manager, "已修好")


def back(total: int = 0, decision: Decision | None = None) -> HandBackForm:
    method = "cash" if total else ""
    return HandBackForm(("充电器",), method, total, compensation=decision, identity_note=ID_CHECKED)


def test_on_time_job_proposes_nothing(services, staff, clock):
    job = repaired(services, staff, clock)
    assert services.compensation.missed_for(job.id).missed == ()
    services.handback.hand_back(job.id, staff[Role.CLERK], back())
    assert services.compensation.for_job(job.id) == ()


def test_late_response_and_repair_are_proposed_at_hand_back(services, staff, clock, database):
    # 30 hours to the first response; ready on the 4th calendar day after the due day.
    job = repaired(services, staff, clock, respond_after_hours=30, ready_days_after_due=4)
    preview = services.compensation.missed_for(job.id)
    kinds = [m.promise for m in preview.missed]
    assert kinds == [MissedPromise.RESPONSE_LATE, MissedPromise.REPAIR_LATE]
    assert preview.missed[0].hours_late == 6
    late = preview.missed[1].days_late
    assert late >= 1
    # the default policy: ¥20 for the response, ¥20 per working day late, merged into one voucher
    assert preview.proposed == (Offer(OfferKind.VOUCHER, 2000 + 2000 * late),)
    clock.advance(days=1)
    services.handback.hand_back(job.id, staff[Role.CLERK], back())
    (comp,) = services.compensation.for_job(job.id)
    assert comp.state is CompensationState.PROPOSED
    assert comp.missed == preview.missed  # the clock stopped when it was ready, not at hand-back
    assert comp.given == ()
    with database.read() as session:
        kinds = session.scalars(select(JobEvent.kind).where(JobEvent.job_id == job.id)).all()
    assert EventKind.COMPENSATION_PROPOSED.value in kinds
    assert [c.id for c in services.compensation.pending(staff[Role.MANAGER])] == [comp.id]


def test_no_response_yet_is_late_by_now(services, staff, clock):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.advance(hours=24, minutes=10)
    preview = services.compensation.missed_for(job.id)
    assert services.jobs.get(job.id).first_response_at is None
    assert preview.missed[0].promise is MissedPromise.RESPONSE_LATE
    assert preview.missed[0].hours_late == 1  # a started hour counts


def use_policy(services: Services, staff, offers: dict) -> None:
    shop = services.shop.settings()
    policy = CompensationPolicy(offers)
    services.shop.save_settings(replace(shop, compensation_policy=policy), staff[Role.MANAGER])


def test_manager_approves_at_the_counter_and_the_discount_lowers_the_bill(services, staff, clock):
    use_policy(
        services,
        staff,
        {
            MissedPromise.REPAIR_LATE: (
                Offer(OfferKind.DISCOUNT, amount_cents=1000),
                Offer(OfferKind.WARRANTY_EXTENSION, months=1),
            )
        },
    )
    job = repaired(services, staff, clock, ready_days_after_due=4, labour_cents=5000)
    late = services.compensation.missed_for(job.id).missed[0].days_late
    discount = 1000 * late
    # paying the full amount is refused: the approved discount comes off
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(
            job.id, staff[Role.MANAGER], back(5000, Decision.approve()), job.version
        )
    assert "amount_paid" in refused.value.fields()
    assert services.compensation.for_job(job.id) == ()  # nothing half-saved
    done = services.handback.hand_back(
        job.id, staff[Role.MANAGER], back(5000 - discount, Decision.approve()), job.version
    )
    assert done.amount_paid_cents == 5000 - discount
    (comp,) = services.compensation.for_job(job.id)
    assert comp.state is CompensationState.APPROVED
    assert comp.decided_by and comp.decided_at is not None
    extended = services.jobs.get(job.id)
    # out of warranty (a paid repair): the months run from the day decided, not the past end
    assert job.warranty_end < clock.now.date()
    assert extended.warranty_end == add_months(clock.now.date(), late)
    kinds = [e.kind for e in extended.events]
    assert EventKind.COMPENSATION_DECIDED.value in kinds
    assert EventKind.WARRANTY_EXTENDED.value in kinds


def test_waived_labour_makes_the_labour_free(services, staff, clock):
    use_policy(services, staff, {MissedPromise.RESPONSE_LATE: (Offer(OfferKind.WAIVE_LABOUR),)})
    job = repaired(services, staff, clock, respond_after_hours=30, labour_cents=8000)
    done = services.handback.hand_back(job.id, staff[Role.MANAGER], back(0, Decision.approve()))
    assert done.amount_paid_cents == 0 and done.payment_method == ""


def test_a_clerk_cannot_decide_at_the_counter_or_later(services, staff, clock):
    job = repaired(services, staff, clock, ready_days_after_due=4)
    with pytest.raises(NotPermitted):
        services.handback.hand_back(job.id, staff[Role.CLERK], back(0, Decision.approve()))
    assert services.jobs.get(job.id).status is Status.READY_FOR_PICKUP
    services.handback.hand_back(job.id, staff[Role.CLERK], back())
    (comp,) = services.compensation.for_job(job.id)
    for role in (Role.CLERK, Role.TECHNICIAN):
        with pytest.raises(NotPermitted):
            services.compensation.decide(comp.id, staff[role], Decision.approve(), comp.version)
        with pytest.raises(NotPermitted):
            services.compensation.pending(staff[role])
    with pytest.raises(NotSignedIn):
        services.compensation.decide(comp.id, object(), Decision.approve())  # type: ignore[arg-type]
    assert services.compensation.get(comp.id).state is CompensationState.PROPOSED


def test_deciding_on_an_on_time_job_is_refused(services, staff, clock):
    job = repaired(services, staff, clock)
    with pytest.raises(RuleRefusal):
        services.handback.hand_back(job.id, staff[Role.MANAGER], back(0, Decision.approve()))


@pytest.fixture
def proposed(services, staff, clock):
    job = repaired(services, staff, clock, ready_days_after_due=4)
    services.handback.hand_back(job.id, staff[Role.CLERK], back())
    (comp,) = services.compensation.for_job(job.id)
    return comp


def test_change_and_decline_need_a_reason(services, staff, proposed):
    manager = staff[Role.MANAGER]
    for decision in (
        Decision.decline(""),
        Decision.decline("   "),
        Decision.change((VOUCHER_20,), ""),
    ):
        with pytest.raises(InvalidInput) as refused:
            services.compensation.decide(proposed.id, manager, decision, proposed.version)
        assert "reason" in refused.value.fields()
    assert services.compensation.get(proposed.id).state is CompensationState.PROPOSED


@pytest.mark.parametrize(
    ("offers", "ok"),
    [
        ((Offer(OfferKind.VOUCHER, MAX_OFFER_CENTS),), True),
        ((Offer(OfferKind.VOUCHER, MAX_OFFER_CENTS + 1),), False),
        ((Offer(OfferKind.VOUCHER, 0),), False),
        ((Offer(OfferKind.DISCOUNT, -100),), False),
        ((Offer(OfferKind.WARRANTY_EXTENSION, months=MAX_EXTENSION_MONTHS),), True),
        ((Offer(OfferKind.WARRANTY_EXTENSION, months=MAX_EXTENSION_MONTHS + 1),), False),
        ((Offer(OfferKind.WARRANTY_EXTENSION, months=0),), False),
        ((Offer(OfferKind.LOAN_DEVICE, amount_cents=5),), False),
        ((VOUCHER_20, VOUCHER_20), False),
        ((), False),
        (("voucher",), False),
    ],
)
def test_changed_offers_are_validated_at_and_over_the_limits(services, staff, proposed, offers, ok):
    decision = Decision.change(offers, "顾客要求代金券")
    if ok:
        done = services.compensation.decide(
            proposed.id, staff[Role.MANAGER], decision, proposed.version
        )
        assert done.state is CompensationState.CHANGED
        assert done.decided == tuple(offers)
    else:
        with pytest.raises(InvalidInput) as refused:
            services.compensation.decide(
                proposed.id, staff[Role.MANAGER], decision, proposed.version
            )
        assert "offers" in refused.value.fields()
        assert services.compensation.get(proposed.id).state is CompensationState.PROPOSED


def test_deciding_twice_and_two_counters(services, staff, proposed):
    manager = staff[Role.MANAGER]
    first = services.compensation.decide(
        proposed.id, manager, Decision.decline("故障与上次不同"), proposed.version
    )
    assert first.state is CompensationState.DECLINED and first.given == ()
    assert first.reason == "故障与上次不同"
    # the second counter still shows the proposal: its decision is refused, nothing changes
    with pytest.raises(ConcurrentChange):
        services.compensation.decide(proposed.id, manager, Decision.approve(), proposed.version)
    with pytest.raises(ConcurrentChange):
        services.compensation.decide(proposed.id, manager, Decision.approve())
    assert services.compensation.get(proposed.id).state is CompensationState.DECLINED
    assert services.compensation.pending(manager) == []


def test_unknown_ids_are_not_found(services, staff):
    for bad in (0, -1, 10**12, "1", True):
        with pytest.raises(NotFound):
            services.compensation.decide(bad, staff[Role.MANAGER], Decision.approve())  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        services.compensation.decide(1, staff[Role.MANAGER], "approve")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        services.compensation.decide(
            1, staff[Role.MANAGER], Decision(DecisionKind.APPROVE, (VOUCHER_20,))
        )


def test_repeat_failure_same_serial_within_90_days(services, staff, clock):
    serial = "SNREPEAT0001"
    first = repaired(services, staff, clock, serial=serial)
    services.handback.hand_back(first.id, staff[Role.CLERK], back())
    clock.advance(days=30)
    again = repaired(services, staff, clock, serial=serial)
    missed = services.compensation.missed_for(again.id).missed
    assert [m.promise for m in missed] == [MissedPromise.REPEAT_FAILURE]
    assert missed[0].previous_job == first.number
    # the default policy: labour waived and 3 months more warranty
    services.handback.hand_back(again.id, staff[Role.CLERK], back())
    (comp,) = services.compensation.for_job(again.id)
    assert {o.kind for o in comp.proposed} == {OfferKind.WAIVE_LABOUR, OfferKind.WARRANTY_EXTENSION}
    done = services.compensation.decide(comp.id, staff[Role.MANAGER], Decision.approve())
    assert done.state is CompensationState.APPROVED
    job = services.jobs.get(again.id)
    assert job.warranty_end == date(2027, 6, 1)  # 2027-03-01 + 3 months
    extended = [e for e in job.events if e.kind == EventKind.WARRANTY_EXTENDED.value]
    assert extended[0].payload["warranty_old"] == "2027-03-01"


def test_a_serial_back_after_91_days_is_not_a_repeat(services, staff, clock):
    serial = "SNREPEAT0002"
    first = repaired(services, staff, clock, serial=serial)
    services.handback.hand_back(first.id, staff[Role.CLERK], back())
    clock.advance(days=91)
    again = repaired(services, staff, clock, serial=serial)
    assert services.compensation.missed_for(again.id).missed == ()


def test_a_return_decision_has_no_repair_clock(services, staff, clock):
    job = services.jobs.check_in(
        check_in_form(purchase_date=date(2026, 9, 28), service_requested=ServiceKind.RETURN),
        staff[Role.CLERK],
    )
    clock.advance(hours=1)
    services.handback.start_inspection(job.id, staff[Role.MANAGER])
    clock.advance(days=30)
    assert services.compensation.missed_for(job.id).missed == ()


def test_complaint_at_fault_proposes_and_a_decision_notes_the_complaint(
    services, staff, clock, database
):
    job = repaired(services, staff, clock)
    job = services.handback.hand_back(job.id, staff[Role.CLERK], back())
    with database.write() as session:
        user = session.get(User, staff[Role.MANAGER].id)
        complaint = Complaint(
            number="TS20261020-0001",
            state="resolved",
            channel="hotline",
            category="attitude",
            customer_id=session.get(Job, job.id).customer_id,
            job_id=job.id,
            words="态度差",
            request="",
            received_at=clock(),
            received_by_id=user.id,
            shop_at_fault=True,
            last_event_at=clock(),
        )
        session.add(complaint)
        session.flush()
        row = propose_for_complaint(session, complaint, user, clock())
        assert row is not None
        assert propose_for_complaint(session, complaint, user, clock()) is None  # once
        complaint_id, comp_id = complaint.id, row.id
    comp = services.compensation.get(comp_id)
    assert comp.missed[0].promise is MissedPromise.SHOP_AT_FAULT
    assert comp.complaint_number == "TS20261020-0001"
    assert comp.proposed == (Offer(OfferKind.VOUCHER, 5000),)
    services.compensation.decide(comp_id, staff[Role.MANAGER], Decision.approve(), comp.version)
    with database.read() as session:
        notes = session.scalars(
            select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint_id)
        ).all()
        assert [n.kind for n in notes] == ["note"]
        assert json.loads(notes[0].payload)["compensation_state"] == "approved"
        assert session.scalar(select(Compensation.state).where(Compensation.id == comp_id)) == (
            "approved"
        )


def test_not_at_fault_proposes_nothing(services, staff, clock, database):
    job = repaired(services, staff, clock)
    with database.write() as session:
        user = session.get(User, staff[Role.MANAGER].id)
        complaint = Complaint(
            number=None,
            state="resolved",
            channel="hotline",
            category="price",
            customer_id=session.get(Job, job.id).customer_id,
            job_id=None,
            words="贵",
            received_at=clock(),
            received_by_id=user.id,
            shop_at_fault=False,
            last_event_at=clock(),
        )
        session.add(complaint)
        session.flush()
        assert propose_for_complaint(session, complaint, user, clock()) is None


def test_jobs_json_adds_the_clocks_and_the_compensation(
    services, staff, clock, database_url, capsys
):
    from desktop_app.cli import main

    on_time = repaired(services, staff, clock)
    on_time = services.handback.hand_back(on_time.id, staff[Role.CLERK], back())
    late = repaired(services, staff, clock, respond_after_hours=30, ready_days_after_due=4)
    clock.advance(hours=1)
    late = services.handback.hand_back(late.id, staff[Role.CLERK], back())
    (comp,) = services.compensation.for_job(late.id)
    services.compensation.decide(
        comp.id, staff[Role.MANAGER], Decision.change((VOUCHER_20,), "顾客同意"), comp.version
    )
    assert main(["--database", database_url, "jobs", "--format", "json"]) == 0
    records = {r["number"]: r for r in json.loads(capsys.readouterr().out)}
    good, bad = records[on_time.number], records[late.number]
    assert good["compensation"] is None
    assert good["late_by_working_days"] == 0
    assert good["working_days_taken"] == 5
    assert good["ready_at"] == on_time.ready_at.isoformat(sep=" ")
    assert good["returned_at"] == on_time.returned_at.isoformat(sep=" ")
    assert bad["first_response_at"] == late.first_response_at.isoformat(sep=" ")
    assert bad["late_by_working_days"] == comp.missed[1].days_late
    assert bad["working_days_taken"] == 5 + comp.missed[1].days_late
    assert bad["compensation"] == {
        "state": "changed",
        "missed": [m.to_json() for m in comp.missed],
        "offers": [VOUCHER_20.to_json()],
        "reason": "顾客同意",
        "decided_by": bad["compensation"]["decided_by"],
        "decided_at": clock().isoformat(sep=" "),
    }
    assert bad["compensation"]["decided_by"]
