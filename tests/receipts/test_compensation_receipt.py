"""The return receipt of a job that missed a promise: the late line, an apology, and the
compensation as decided (or that a manager's decision is awaited)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from desktop_app.domain.compensation import CompensationPolicy, Decision, Offer
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.people import Actor
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import CompensationState, MissedPromise, OfferKind
from desktop_app.domain.workflow import Status
from desktop_app.receipts import render_return
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, FakeClock, approved_quotation
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import pdftotext, squeeze


def late_paid_job(services: Services, clock: FakeClock, check_in, manager: Actor) -> JobSnapshot:
    """Out of warranty, labour ¥50, first response after 30 hours, ready 2026-10-16 (due
    2026-10-13: 3 working days late)."""
    job = check_in(purchase_date=datetime(2024, 1, 1).date())
    clock.now = datetime(2026, 10, 1, 16, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    services.jobs.add_line(
        job.id, manager, kind="labour", description="拆机更换", quantity=1, unit_price_cents=5000
    )
    # Paid work waits for the customer's approval of the quotation (issue 16).
    approved_quotation(services, services.jobs.get(job.id), manager, manager)
    services.jobs.change_status(job.id, Status.REPAIRING, manager)
    clock.now = datetime(2026, 10, 16, 15, 0)
    return services.jobs.mark_ready(job.id, manager, "更换屏幕排线")


def text_of(services: Services, job: JobSnapshot, shop, paper: str = "a4") -> str:
    pdf = render_return(
        services.jobs.get(job.id),
        shop,
        services.shop.calendar(),
        printed_at=PRINTED_AT,
        paper=paper,
        compensations=services.compensation.for_job(job.id),
    )
    return squeeze(pdftotext(pdf))


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_approved_at_the_counter_prints_the_apology_the_offers_and_the_discount(
    services, clock, check_in, manager_id, shop, paper
):
    policy = CompensationPolicy(
        {
            MissedPromise.RESPONSE_LATE: (Offer(OfferKind.VOUCHER, 2000),),
            MissedPromise.REPAIR_LATE: (
                Offer(OfferKind.DISCOUNT, 1000),
                Offer(OfferKind.WARRANTY_EXTENSION, months=1),
            ),
        }
    )
    shop = services.shop.save_settings(replace(shop, compensation_policy=policy), manager_id)
    job = late_paid_job(services, clock, check_in, manager_id)
    clock.now = datetime(2026, 10, 16, 17, 0)
    form = HandBackForm(
        ("充电器",), "cash", 2000, compensation=Decision.approve(), identity_note=ID_CHECKED
    )
    services.handback.hand_back(job.id, manager_id, form)
    text = text_of(services, job, shop, paper)
    assert squeeze("late by 3 working days") in text
    assert squeeze("We are sorry: we did not keep our promise") in text
    assert squeeze("first response 6 h late; repair 3 working days late") in text
    assert squeeze("Discount ¥30.00, Voucher ¥20.00, Warranty extension 3 months") in text
    assert squeeze("Less compensation ¥-30.00") in text
    assert squeeze("Amount paid ¥20.00") in text


def test_an_undecided_proposal_says_a_decision_is_awaited(
    services, clock, check_in, manager_id, clerk_id, shop
):
    job = late_paid_job(services, clock, check_in, manager_id)
    services.handback.hand_back(
        job.id, clerk_id, HandBackForm(("充电器",), "cash", 5000, identity_note=ID_CHECKED)
    )
    text = text_of(services, job, shop)
    assert squeeze("awaiting a manager's decision") in text
    assert squeeze("Voucher") not in text  # nothing promised before a manager decides
    (comp,) = services.compensation.for_job(job.id)
    services.compensation.decide(comp.id, manager_id, Decision.decline("顾客拒绝"))
    text = text_of(services, job, shop)
    assert squeeze("none (顾客拒绝)") in text


def test_an_on_time_job_prints_no_apology(services, clock, check_in, manager_id, clerk_id, shop):
    job = check_in()
    clock.now = datetime(2026, 9, 30, 11, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager_id)
    services.jobs.change_status(job.id, Status.REPAIRING, manager_id)
    clock.now = datetime(2026, 10, 12, 11, 0)
    services.jobs.mark_ready(job.id, manager_id, "好了")
    services.handback.hand_back(
        job.id, clerk_id, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )
    text = text_of(services, job, shop)
    assert squeeze("on time") in text
    assert squeeze("sorry") not in text


def test_a_declined_repeat_failure_prints_no_apology_a_declined_late_response_does(
    services, clock, check_in, manager_id, clerk_id, shop
):
    """ "The same fault again" is read from the serial alone: a manager who declines it found a
    different fault, and the receipt must not apologise for a promise that was kept. A late
    response declined (the customer refused) is still a fact, and keeps its apology."""
    from desktop_app.domain.compensation import Missed

    job = late_paid_job(services, clock, check_in, manager_id)
    services.handback.hand_back(
        job.id, clerk_id, HandBackForm(("充电器",), "cash", 5000, identity_note=ID_CHECKED)
    )
    (comp,) = services.compensation.for_job(job.id)
    repeat = replace(
        comp,
        missed=(Missed(MissedPromise.REPEAT_FAILURE, previous_job="R20260101-0001"),),
        state=CompensationState.DECLINED,
        reason="不是同一故障",
    )
    pdf = render_return(
        services.jobs.get(job.id),
        shop,
        services.shop.calendar(),
        printed_at=PRINTED_AT,
        compensations=(repeat,),
    )
    text = squeeze(pdftotext(pdf))
    assert squeeze("We are sorry") not in text
    assert squeeze("不是同一故障") not in text
    late = replace(repeat, missed=comp.missed)
    pdf = render_return(
        services.jobs.get(job.id),
        shop,
        services.shop.calendar(),
        printed_at=PRINTED_AT,
        compensations=(late,),
    )
    assert squeeze("We are sorry") in squeeze(pdftotext(pdf))
