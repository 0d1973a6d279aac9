"""Issue 4 at the service level: what the job view offers is exactly what the services accept,
hand-back, 7-day returns and exchanges, corrections, clock lists and queues."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime

import pytest

from desktop_app.domain.actions import JobAction, JobState, available_actions
from desktop_app.domain.errors import DomainError, InvalidInput, NotPermitted, RuleRefusal
from desktop_app.domain.events import describe
from desktop_app.domain.forms import CheckInForm, ClockList, HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import ApprovalForm, QuotationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.visits import VisitForm, VisitResult
from desktop_app.domain.vocabulary import ApprovalMethod, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, approved_quotation, check_in_form


def state(job: JobSnapshot) -> JobState:
    return JobState(
        job.status,
        job.coverage,
        job.service_requested,
        job.first_response_at,
        any(line.active for line in job.lines),
        job.satisfaction_score is not None,
        refundable_cents=job.refundable_cents,
        quote=job.quote_state(date(2026, 9, 30)),
    )


def perform(services: Services, job: JobSnapshot, action: JobAction, user: int, tech: int):
    """Each action with valid inputs, so only the rules can refuse it."""
    jobs, back = services.jobs, services.handback
    A = JobAction
    calls: dict[JobAction, Callable[[], JobSnapshot]] = {
        A.RECORD_RESPONSE: lambda: jobs.record_first_response(job.id, user, "已致电"),
        A.ASSIGN: lambda: jobs.assign(job.id, tech.id, user),
        A.START_DIAGNOSIS: lambda: jobs.change_status(job.id, Status.DIAGNOSING, user),
        A.RECORD_DIAGNOSIS: lambda: jobs.record_diagnosis(job.id, user, "主板故障"),
        A.NOT_QUALITY_PROBLEM: lambda: jobs.mark_not_quality_problem(job.id, user, "进水"),
        A.WAIT_FOR_PARTS: lambda: jobs.change_status(
            job.id, Status.WAITING_FOR_PARTS, user, "订主板"
        ),
        A.START_REPAIR: lambda: jobs.change_status(job.id, Status.REPAIRING, user),
        A.ADD_PART: lambda: jobs.add_line(
            job.id, user, kind="part", description="主板", quantity=1, unit_price_cents=100
        ),
        A.ADD_LABOUR: lambda: jobs.add_line(
            job.id, user, kind="labour", description="工时", quantity=1, unit_price_cents=100
        ),
        A.REMOVE_LINE: lambda: jobs.remove_line(
            job.id, job.lines[0].id if job.lines else 10**9, user, "不需要"
        ),
        A.MARK_READY: lambda: jobs.mark_ready(job.id, user, "已修好"),
        A.CANNOT_REPAIR: lambda: jobs.cannot_repair(job.id, user, "无配件"),
        A.CANCEL: lambda: jobs.cancel(job.id, user, "顾客取消"),
        A.HAND_BACK: lambda: back.hand_back(
            job.id, user, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
        ),
        A.START_INSPECTION: lambda: back.start_inspection(job.id, user),
        A.APPROVE_REFUND: lambda: back.approve_refund(job.id, user, 100),
        A.APPROVE_EXCHANGE: lambda: back.approve_exchange(job.id, user, "Mate 60", "SN9"),
        A.REFUSE_RETURN: lambda: back.refuse_return(job.id, user, "有使用痕迹"),
        A.RECORD_SATISFACTION: lambda: back.record_satisfaction(job.id, user, 5),
        A.CORRECTION: lambda: back.record_correction(job.id, user, "work_done", "x", "笔误"),
        A.WRITE_QUOTATION: lambda: services.quotations.write(
            job.id, user, QuotationForm("屏幕坏", date(2026, 10, 7))
        ),
        A.APPROVE_QUOTATION: lambda: services.quotations.approve(
            job.id, user, ApprovalForm(1, ApprovalMethod.SIGNATURE)
        ),
        A.OVERRIDE_APPROVAL: lambda: services.quotations.override(job.id, user, 1, "店长担保"),
        A.DECLINE_QUOTATION: lambda: services.quotations.decline(job.id, user, 1, "太贵"),
        A.SCHEDULE_VISIT: lambda: services.visits.schedule(
            job.id, user, datetime(2026, 10, 9, 9), datetime(2026, 10, 9, 12)
        ),
        A.RECORD_VISIT: lambda: services.visits.record_visit(
            job.id,
            user,
            VisitForm(
                datetime(2026, 9, 30, 10, 5),
                datetime(2026, 9, 30, 10, 30),
                VisitResult.FIXED,
                "修好",
            ),
        ),
        A.TAKE_DEPOSIT: lambda: services.payments.take_deposit(
            job.id, user, Tender(PaymentMethod.CASH, 5000)
        ),
        A.REFUND_PAYMENT: lambda: services.payments.refund(job.id, user, 100, "cash", "退差价"),
    }
    return calls[action]()


def jobs_in_every_status(services: Services, staff: dict[Role, Actor]) -> list[JobSnapshot]:
    """One job per reachable status on both paths, made through the services."""
    jobs, back = services.jobs, services.handback
    tech, clerk, manager = staff[Role.TECHNICIAN], staff[Role.CLERK], staff[Role.MANAGER]
    made: list[JobSnapshot] = []

    def repair(*steps: str, paid: bool = False) -> JobSnapshot:
        # Paid: the warranty ended (a year after a 2024 purchase).
        form = check_in_form(purchase_date=date(2024, 1, 1)) if paid else check_in_form()
        job = jobs.check_in(form, clerk)
        for step in steps:
            if step == "diagnose":
                job = jobs.change_status(job.id, Status.DIAGNOSING, tech)
            elif step == "part":
                job = jobs.add_line(
                    job.id, tech, kind="part", description="屏幕", quantity=1, unit_price_cents=0
                )
            elif step == "wait":
                job = jobs.change_status(job.id, Status.WAITING_FOR_PARTS, tech, "订货")
            elif step == "repair":
                job = jobs.change_status(job.id, Status.REPAIRING, tech)
            elif step == "ready":
                job = jobs.mark_ready(job.id, tech, "修好了")
            elif step == "back":
                job = back.hand_back(
                    job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
                )
            elif step == "cancel":
                job = jobs.cancel(job.id, clerk, "不修了")
            elif step == "quote":
                form = QuotationForm("屏幕坏", date(2026, 10, 7))
                job = services.quotations.write(job.id, tech, form)
            elif step == "approve":
                approval = ApprovalForm(job.quotation.number, ApprovalMethod.SIGNATURE)
                job = services.quotations.approve(job.id, clerk, approval)
        return job

    made += [
        repair(),
        repair("diagnose", "part"),
        repair("diagnose", "wait"),
        repair("diagnose", "repair"),
        repair("diagnose", "repair", "ready"),
        repair("diagnose", "repair", "ready", "back"),
        repair("cancel"),
        # A paid repair: its quotation, then the customer's approval, gate the work.
        repair("diagnose", paid=True),
        repair("diagnose", "part", paid=True),
        repair("diagnose", "part", "quote", paid=True),
        repair("diagnose", "part", "quote", "approve", paid=True),
        repair("diagnose", "part", "quote", "approve", "repair", "part", paid=True),
    ]

    def returning() -> CheckInForm:  # each its own product (serial)
        return check_in_form(purchase_date=date(2026, 9, 25), service_requested=ServiceKind.RETURN)

    made.append(jobs.check_in(returning(), clerk))
    inspecting = jobs.check_in(returning(), clerk)
    made.append(back.start_inspection(inspecting.id, manager))
    exchanging = jobs.check_in(
        check_in_form(purchase_date=date(2026, 9, 25), service_requested=ServiceKind.EXCHANGE),
        clerk,
    )
    made.append(back.start_inspection(exchanging.id, tech))
    refunded = back.start_inspection(jobs.check_in(returning(), clerk).id, tech)
    made.append(back.approve_refund(refunded.id, tech, 100))
    return made


@pytest.mark.parametrize("role", list(Role))
def test_every_action_not_offered_is_refused_and_every_offered_one_works(
    services, staff, database, role
):
    user = staff[role]
    for job in jobs_in_every_status(services, staff):
        offered = set(available_actions(state(job), role))
        for action in JobAction:
            if action in offered:
                continue
            with pytest.raises(DomainError):
                perform(services, job, action, user, staff[Role.TECHNICIAN])
            assert services.jobs.get(job.id).version == job.version  # nothing written
        for action in offered:
            fresh = services.jobs.get(job.id)
            # Each offered action must be accepted on a job in exactly this state.
            if state(fresh) != state(job):
                continue
            # InvalidInput only: e.g. a hand-back of a paid job needs a payment entered.
            with contextlib.suppress(InvalidInput):
                perform(services, fresh, action, user, staff[Role.TECHNICIAN])
            break  # the job has moved on; the next status has its own job


def test_hand_back_records_accessories_payment_and_satisfaction(services, staff):
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = services.jobs.check_in(
        check_in_form(purchase_date=date(2024, 1, 1), accessories_received="充电器、数据线"), clerk
    )
    assert job.coverage is Coverage.PAID
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id, tech, kind="part", description="电池", quantity=1, unit_price_cents=19900
    )
    job = approved_quotation(services, job, tech, clerk)
    job = services.jobs.mark_ready(job.id, tech, "更换电池")
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(
            job.id, clerk, HandBackForm(("充电器",), "", 10000, identity_note=ID_CHECKED)
        )
    assert caught.value.fields() == {"accessories_returned", "payment_method", "amount_paid"}
    assert services.jobs.get(job.id).status is Status.READY_FOR_PICKUP
    with pytest.raises(NotPermitted):
        services.handback.hand_back(
            job.id,
            tech,
            HandBackForm(("充电器", "数据线"), "wechat", 19900, identity_note=ID_CHECKED),
        )
    job = services.handback.hand_back(
        job.id,
        clerk,
        HandBackForm(
            ("充电器",),
            "wechat",
            19900,
            4,
            "有点慢",
            note="数据线顾客说不要了",
            identity_note=ID_CHECKED,
        ),
    )
    assert job.status is Status.RETURNED
    assert (job.accessories_returned, job.payment_method, job.amount_paid_cents) == (
        "充电器",
        "wechat",
        19900,
    )
    assert job.satisfaction_score == 4
    with pytest.raises(RuleRefusal):
        services.jobs.record_diagnosis(job.id, tech, "改写")
    with pytest.raises(NotPermitted):
        services.handback.record_correction(job.id, clerk, "satisfaction_score", "5", "x")
    job = services.handback.record_correction(
        job.id, staff[Role.MANAGER], "satisfaction_score", "5", "顾客回访改评"
    )
    assert job.satisfaction_score == 5
    correction = job.events[-1]
    assert correction.kind == "correction"
    # The facts in the payload, the manager's reason in the note exactly as typed.
    assert correction.payload == {"field": "satisfaction_score", "old": 4, "new": 5}
    assert correction.note == "顾客回访改评"
    assert describe(correction) == "satisfaction score: 4 → 5; 顾客回访改评"


@pytest.mark.parametrize(
    ("bought", "accepted"), [(date(2026, 9, 23), True), (date(2026, 9, 22), False)]
)
def test_return_on_day_seven_accepted_day_eight_refused(services, staff, bought, accepted):
    form = check_in_form(purchase_date=bought, service_requested=ServiceKind.RETURN)
    job = services.jobs.check_in(form, staff[Role.CLERK])
    if accepted:
        assert job.coverage is Coverage.RETURN_EXCHANGE
        job = services.handback.start_inspection(job.id, staff[Role.TECHNICIAN])
        job = services.handback.approve_refund(job.id, staff[Role.TECHNICIAN], 599900)
        assert (job.status, job.refund_cents) == (Status.REFUNDED, 599900)
    else:
        assert job.coverage is Coverage.WARRANTY  # a warranty repair is offered instead
        assert str(job.verdict_reasons[0]).startswith("no-reason return refused")
        with pytest.raises(RuleRefusal):
            services.handback.start_inspection(job.id, staff[Role.TECHNICIAN])


def test_exchange_records_the_replacement_and_refusal_sends_to_repair(services, staff):
    tech = staff[Role.TECHNICIAN]
    form = check_in_form(purchase_date=date(2026, 9, 28), service_requested=ServiceKind.EXCHANGE)
    exchanged = services.handback.start_inspection(
        services.jobs.check_in(form, staff[Role.CLERK]).id, tech
    )
    with pytest.raises(InvalidInput) as caught:
        services.handback.approve_exchange(exchanged.id, tech, "", "")
    assert caught.value.fields() == {"replacement_model", "replacement_serial"}
    exchanged = services.handback.approve_exchange(exchanged.id, tech, "Mate 60 Pro", "imei999")
    assert (exchanged.status, exchanged.replacement_serial) == (Status.EXCHANGED, "IMEI999")

    refused = services.handback.start_inspection(
        services.jobs.check_in(form, staff[Role.CLERK]).id, tech
    )
    refused = services.handback.refuse_return(refused.id, tech, "屏幕有划痕，不能无理由换货")
    assert refused.status is Status.DIAGNOSING
    assert refused.coverage is Coverage.WARRANTY
    assert "refused at inspection" in str(refused.verdict_reasons[0])


def test_clock_lists_and_queues(services, staff, clock):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    old = services.jobs.check_in(check_in_form(), clerk)  # 09-30, due 10-13
    clock.now = datetime(2026, 10, 12, 9, 0)
    tomorrow = services.jobs.check_in(check_in_form(), clerk)  # due 10-19
    services.jobs.assign(tomorrow.id, tech.id, tech)
    clock.now = datetime(2026, 10, 16, 9, 0)  # Friday: tomorrow's job is due Monday 10-19

    def numbers(which: ClockList) -> list[str]:
        return [row.number for row in services.jobs.clock_list(which)]

    assert numbers(ClockList.REPAIR_OVERDUE) == [old.number]
    assert numbers(ClockList.DUE_TOMORROW) == [tomorrow.number]
    assert numbers(ClockList.RESPONSE_OVERDUE) == [old.number, tomorrow.number]
    # Last events: old on 09-30, tomorrow on 10-12 (assigned): both 2+ working days ago.
    assert numbers(ClockList.STALE) == [old.number, tomorrow.number]
    services.jobs.record_first_response(tomorrow.id, tech, "已联系")
    assert numbers(ClockList.STALE) == [old.number]
    assert [r.number for r in services.jobs.technician_queue(tech.id)] == [tomorrow.number]
    assert [r.number for r in services.jobs.technician_queue(None)] == [old.number]
