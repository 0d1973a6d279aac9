"""Issue 16, a paid job's quotation and approval, at the service level on SQLite and PostgreSQL:
the gate before paid work, approvals by phone and by signature, a manager's override with a
reason, a changed quotation needing approval again, expiry, and a declined quotation going back
unrepaired with the inspection fee as the only charge."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotPermitted, RuleRefusal
from desktop_app.domain.events import describe
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import ApprovalForm, QuotationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import ApprovalMethod, EventKind, Outcome, QuoteState
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, FakeClock, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def paid_job(services: Services, staff: dict[Role, Actor]) -> JobSnapshot:
    """A paid repair in diagnosis (documents missing: not free) with a part and labour."""
    tech = staff[Role.TECHNICIAN]
    form = check_in_form(
        documents=replace(check_in_form().documents, warranty_card=False),
        purchase_date=date(2025, 1, 10),
    )
    job = services.jobs.check_in(form, staff[Role.CLERK])
    assert job.coverage is Coverage.PAID
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id, tech, kind="part", description="屏幕总成", quantity=1, unit_price_cents=45000
    )
    return services.jobs.add_line(
        job.id, tech, kind="labour", description="拆装工时", quantity=1, unit_price_cents=5000
    )


def quote(services: Services, job: JobSnapshot, who: Actor, today: date) -> JobSnapshot:
    form = QuotationForm("屏幕排线断裂，需更换屏幕总成", today + timedelta(days=7))
    return services.quotations.write(job.id, who, form, job.version)


def phone(number: int, at: datetime) -> ApprovalForm:
    return ApprovalForm(number, ApprovalMethod.PHONE, "张伟本人", at)


def kinds(job: JobSnapshot) -> list[str]:
    return [event.kind for event in job.events]


def test_the_full_flow_quote_approve_by_phone_repair_hand_back(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = paid_job(services, staff)
    # Diagnosis is not work; starting the repair or ordering parts is, and waits.
    for target in (Status.REPAIRING, Status.WAITING_FOR_PARTS):
        with pytest.raises(RuleRefusal, match="write the quotation"):
            services.jobs.change_status(job.id, target, tech, "x", job.version)
    with pytest.raises(RuleRefusal, match="write the quotation"):
        services.jobs.mark_ready(job.id, tech, "换好了", "", job.version)
    job = quote(services, job, tech, clock().date())
    assert job.quotation is not None and job.quotation.number == 1
    assert job.quotation.total_cents == 50000 == job.total_charged_cents
    assert [line.description for line in job.quotation.lines] == ["屏幕总成", "拆装工时"]
    assert job.diagnosis == "屏幕排线断裂，需更换屏幕总成"
    assert job.quote_state(clock().date()) is QuoteState.PENDING
    with pytest.raises(RuleRefusal, match="not approved the quotation yet"):
        services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    clock.advance(minutes=30)
    job = services.quotations.approve(
        job.id, clerk, phone(1, clock() - timedelta(minutes=5)), job.version
    )
    approved = job.quotation
    assert approved is not None and approved.approved_via is ApprovalMethod.PHONE
    assert approved.answered_by == "张伟本人" and approved.approved_by == "王晓红"
    assert job.quote_state(clock().date()) is QuoteState.APPROVED
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    job = services.jobs.mark_ready(job.id, tech, "更换屏幕总成", "", job.version)
    job = services.handback.hand_back(
        job.id,
        clerk,
        HandBackForm(("充电器",), "cash", 50000, identity_note=ID_CHECKED),
        job.version,
    )
    assert job.status is Status.RETURNED and job.amount_paid_cents == 50000
    assert EventKind.QUOTATION_ISSUED in kinds(job) and EventKind.QUOTATION_APPROVED in kinds(job)
    said = describe(next(e for e in job.events if e.kind == EventKind.QUOTATION_APPROVED))
    assert "quotation 1" in said and "by phone" in said and "张伟本人" in said


def test_a_line_added_at_another_counter_between_showing_and_approving_is_refused_as_stale(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    shown = quote(services, paid_job(services, staff), tech, clock().date())
    # The other counter finds more to replace while the clerk has the customer on the phone.
    services.jobs.add_line(
        shown.id, tech, kind="part", description="电池", quantity=1, unit_price_cents=12900
    )
    with pytest.raises(ConcurrentChange):
        services.quotations.approve(shown.id, clerk, phone(1, clock()), shown.version)
    # Reopened, the quotation the customer heard is no longer the job's: refused as changed.
    fresh = services.jobs.get(shown.id)
    assert fresh.quote_state(clock().date()) is QuoteState.CHANGED
    with pytest.raises(RuleRefusal, match="quotation changed after it was written"):
        services.quotations.approve(shown.id, clerk, phone(1, clock()), fresh.version)
    assert services.jobs.get(shown.id).quotation.approved_via is None  # nothing half-saved
    stale = [e for e in fresh.events if e.kind == EventKind.APPROVAL_STALE]
    assert len(stale) == 1 and stale[0].payload["total_now_cents"] == 62900
    # Quotation 2 covers the new lines; approving the old number is refused by name.
    job = quote(services, fresh, tech, clock().date())
    assert job.quotation.number == 2 and job.quotation.total_cents == 62900
    with pytest.raises(RuleRefusal, match="quotation 1 is no longer the job's"):
        services.quotations.approve(job.id, clerk, phone(1, clock()), job.version)
    job = services.quotations.approve(
        job.id, clerk, ApprovalForm(2, ApprovalMethod.SIGNATURE), job.version
    )
    assert job.quote_state(clock().date()) is QuoteState.APPROVED
    services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)


def test_a_change_after_approval_makes_it_stale_and_work_waits_for_a_new_approval(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = quote(services, paid_job(services, staff), tech, clock().date())
    job = services.quotations.approve(
        job.id, clerk, ApprovalForm(1, ApprovalMethod.SIGNATURE), job.version
    )
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    # Removing a line changes the total: the approval no longer covers the work.
    job = services.jobs.remove_line(job.id, job.lines[1].id, tech, "不需要拆装", job.version)
    assert job.quote_state(clock().date()) is QuoteState.CHANGED
    event = next(e for e in job.events if e.kind == EventKind.APPROVAL_STALE)
    assert event.payload["was_approved"] is True
    assert "approval no longer holds" in describe(event)
    for call in (
        lambda: services.jobs.mark_ready(job.id, tech, "换好", "", job.version),
        lambda: services.jobs.change_status(
            job.id, Status.WAITING_FOR_PARTS, tech, "订", job.version
        ),
    ):
        with pytest.raises(RuleRefusal, match="quotation changed"):
            call()
    job = quote(services, job, tech, clock().date())
    job = services.quotations.approve(job.id, clerk, phone(2, clock()), job.version)
    services.jobs.mark_ready(job.id, tech, "换好", "", job.version)


def test_an_expired_quotation_cannot_be_approved_without_reissuing(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = quote(services, paid_job(services, staff), tech, clock().date())
    clock.advance(days=8)
    assert job.quote_state(clock().date()) is QuoteState.EXPIRED
    with pytest.raises(RuleRefusal, match="expired and cannot be approved"):
        services.quotations.approve(job.id, clerk, phone(1, clock()), job.version)
    job = quote(services, job, tech, clock().date())  # re-issued: quotation 2
    services.quotations.approve(job.id, clerk, phone(2, clock()), job.version)


def test_quotation_and_approval_inputs_are_checked_field_by_field(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = paid_job(services, staff)
    today = clock().date()
    with pytest.raises(InvalidInput) as error:
        services.quotations.write(job.id, tech, QuotationForm("  ", today - timedelta(days=1)))
    assert error.value.fields() == {"diagnosis", "valid_until"}
    with pytest.raises(InvalidInput, match="within 90 days"):
        services.quotations.write(job.id, tech, QuotationForm("x", today + timedelta(days=91)))
    with pytest.raises(NotPermitted):
        services.quotations.write(job.id, clerk, QuotationForm("x", today))
    job = quote(services, job, tech, today)
    bad = [
        (ApprovalForm(1, ApprovalMethod.PHONE, "", clock()), "answered_by"),
        (ApprovalForm(1, ApprovalMethod.PHONE, "张伟", None), "called_at"),
        (ApprovalForm(1, ApprovalMethod.PHONE, "张伟", clock() + timedelta(hours=1)), "called_at"),
        (ApprovalForm(1, ApprovalMethod.PHONE, "张伟", clock() - timedelta(days=1)), "called_at"),
        (ApprovalForm(1, ApprovalMethod.OVERRIDE), "method"),
    ]
    for form, field in bad:
        with pytest.raises(InvalidInput) as error:
            services.quotations.approve(job.id, clerk, form, job.version)
        assert field in error.value.fields()
    assert services.jobs.get(job.id).version == job.version  # nothing written


def test_a_manager_overrides_with_a_reason_only(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk, manager = staff[Role.TECHNICIAN], staff[Role.CLERK], staff[Role.MANAGER]
    job = quote(services, paid_job(services, staff), tech, clock().date())
    with pytest.raises(NotPermitted):
        services.quotations.override(job.id, clerk, 1, "老客户", job.version)
    with pytest.raises(InvalidInput) as error:
        services.quotations.override(job.id, manager, 1, "   ", job.version)
    assert error.value.fields() == {"reason"}
    job = services.quotations.override(
        job.id, manager, 1, "客户出差，电话确认不到，店长担保", job.version
    )
    assert job.quotation.approved_via is ApprovalMethod.OVERRIDE
    assert job.quotation.override_reason == "客户出差，电话确认不到，店长担保"
    event = next(e for e in job.events if e.kind == EventKind.APPROVAL_OVERRIDDEN)
    assert "manager's override" in describe(event) and "店长担保" in describe(event)
    services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)


def test_declined_goes_back_unrepaired_and_the_hand_back_charges_the_fee_only(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk, manager = staff[Role.TECHNICIAN], staff[Role.CLERK], staff[Role.MANAGER]
    shop = services.shop.settings()
    services.shop.save_settings(replace(shop, inspection_fee_cents=3000), manager)
    job = quote(services, paid_job(services, staff), tech, clock().date())
    job = services.quotations.decline(job.id, clerk, 1, "太贵了，不修了", job.version)
    assert job.status is Status.READY_FOR_PICKUP and job.outcome == Outcome.QUOTATION_DECLINED
    assert job.quote_state(clock().date()) is QuoteState.DECLINED
    assert job.declined_fee_cents == 3000 == job.amount_due_cents
    # The fee is fixed when declined: a later change of the setting does not touch it.
    services.shop.save_settings(replace(shop, inspection_fee_cents=9900), manager)
    with pytest.raises(RuleRefusal, match="declined the quotation"):
        services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    with pytest.raises(InvalidInput, match=r"30\.00"):
        services.handback.hand_back(
            job.id, clerk, HandBackForm(("充电器",), "cash", 50000, identity_note=ID_CHECKED)
        )
    job = services.handback.hand_back(
        job.id,
        clerk,
        HandBackForm(("充电器",), "cash", 3000, identity_note=ID_CHECKED),
        job.version,
    )
    assert job.status is Status.RETURNED and job.amount_paid_cents == 3000
    said = describe(next(e for e in job.events if e.kind == EventKind.QUOTATION_DECLINED))
    assert "inspection fee ¥30.00" in said and "太贵了" in said


def test_declined_with_no_fee_hands_back_free(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = quote(services, paid_job(services, staff), tech, clock().date())
    assert services.shop.settings().inspection_fee_cents == 0
    job = services.quotations.decline(job.id, clerk, 1, "", job.version)
    job = services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED), job.version
    )
    assert job.status is Status.RETURNED and not job.payment_method


def test_the_inspection_fee_setting_is_checked_at_and_past_its_limits(
    services: Services, staff: dict[Role, Actor]
) -> None:
    manager = staff[Role.MANAGER]
    shop = services.shop.settings()
    for good in (0, 1_000_000):
        assert services.shop.save_settings(replace(shop, inspection_fee_cents=good), manager)
    for bad in (-1, 1_000_001, True, "30"):
        with pytest.raises(InvalidInput) as error:
            services.shop.save_settings(replace(shop, inspection_fee_cents=bad), manager)
        assert error.value.fields() == {"inspection_fee"}


def test_a_free_repair_needs_no_quotation(services: Services, staff: dict[Role, Actor]) -> None:
    tech = staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    assert job.coverage is Coverage.WARRANTY
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    with pytest.raises(RuleRefusal):
        services.quotations.write(job.id, tech, QuotationForm("x", date(2026, 10, 7)))
    services.jobs.change_status(job.id, Status.REPAIRING, tech)
