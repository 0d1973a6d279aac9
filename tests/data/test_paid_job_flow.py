"""Issue 16 end to end at the service level, on SQLite and PostgreSQL: a paid job from check-in
with a deposit through the quotation, the customer's approval, the repair, the pickup list and
its message, the identified hand-back with a split payment, to the day's takings, a drawer
count and a refund; then a declined quotation (the inspection fee only) and a repeat repair
within the repair warranty (free, no quotation).

Each step checks what the next one relies on, so a broken link fails here by name."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import IllegalTransition, InvalidInput, RuleRefusal
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.messages import MessageChannel, MessageForm, MessageTemplate
from desktop_app.domain.parts import PartForm
from desktop_app.domain.payments import PaymentKind, Tender
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import ApprovalForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.takings import DrawerCountForm, Shift, Takings, TakingsQuery
from desktop_app.domain.vocabulary import (
    ApprovalMethod,
    EventKind,
    Outcome,
    PaymentMethod,
    QuoteState,
)
from desktop_app.domain.workflow import Status
from desktop_app.receipts.label import render_label
from desktop_app.receipts.payment_receipt import render_payment_receipt
from desktop_app.receipts.return_receipt import render_return
from desktop_app.receipts.takings_report import takings_pdf
from desktop_app.services import Services
from tests.helpers import FakeClock, check_in_form
from tests.receipts.pdfs import decode, pdftotext, reader, squeeze

CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT
WORKSTATION = "test-counter"  # the services fixture's
MODEL = "Mate 60 Pro"
PART_NUMBER = "HW-M60P-LCD"
PHONE = "13812345678"  # check_in_form's: the last four are 5678
INSPECTION_FEE = 3000
REPAIR_WARRANTY_DAYS = 60
PICKUP_AFTER_DAYS = 3
LABEL_SIZE = "60x40"
PART_PRICE, LABOUR = 45000, 5000
TOTAL = PART_PRICE + LABOUR
DEPOSIT = 10000


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


# --- the steps, shared by the variants (and by anyone rendering the flow's PDFs) ---------------


def set_up_shop(services: Services, manager: Actor) -> ShopSnapshot:
    """The manager sets the inspection fee, the repair warranty, the pickup days and the label
    size, with the details every receipt needs."""
    settings = replace(
        services.shop.settings(),
        name="华为授权服务中心（中关村店）",
        address="北京市海淀区中关村大街1号 海龙大厦3层301室",
        hotline="400-830-8300",
        inspection_fee_cents=INSPECTION_FEE,
        repair_warranty_days=REPAIR_WARRANTY_DAYS,
        pickup_after_days=PICKUP_AFTER_DAYS,
        label_size=LABEL_SIZE,
    )
    return services.shop.save_settings(settings, manager)


def add_screen_part(services: Services, manager: Actor) -> int:
    part = services.parts.add(PartForm("屏幕总成", PART_NUMBER, (MODEL,), PART_PRICE, 5), manager)
    return part.id


def check_in_paid(services: Services, clerk: Actor, deposit: Tender, **changes) -> JobSnapshot:
    """An out-of-warranty product of the catalogue's model, with a deposit."""
    form = check_in_form(purchase_date=date(2024, 1, 1), model=MODEL, deposit=deposit, **changes)
    return services.jobs.check_in(form, clerk)


def quote(services: Services, tech: Actor, job: JobSnapshot, part_id: int) -> JobSnapshot:
    """Diagnosis, the catalogue part and the labour, the quotation (valid a week)."""
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="part",
        description="屏幕总成",
        quantity=1,
        unit_price_cents=PART_PRICE,
        part_model=PART_NUMBER,  # as the window's part picker fills it
        part_id=part_id,
        expected_version=job.version,
    )
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="labour",
        description="拆装工时",
        quantity=1,
        unit_price_cents=LABOUR,
        expected_version=job.version,
    )
    return services.quotations.write_valid_for(
        job.id, tech, "屏幕排线断裂，需更换屏幕总成", 7, job.version
    )


def approve_by_phone(
    services: Services, clerk: Actor, job: JobSnapshot, clock: FakeClock
) -> JobSnapshot:
    clock.advance(minutes=40)
    assert job.quotation is not None
    form = ApprovalForm(
        job.quotation.number, ApprovalMethod.PHONE, "张伟本人", clock() - timedelta(minutes=5)
    )
    return services.quotations.approve(job.id, clerk, form, job.version)


def repair(services: Services, tech: Actor, job: JobSnapshot, clock: FakeClock) -> JobSnapshot:
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    clock.advance(hours=2)
    return services.jobs.mark_ready(job.id, tech, "更换屏幕总成，测试正常", "", job.version)


def hand_back_split(services: Services, clerk: Actor, job: JobSnapshot) -> JobSnapshot:
    """The rest after the deposit: cash 150 (200 tendered, 50 change) and WeChat 250; the
    customer says the phone's last four digits."""
    form = HandBackForm(
        ("充电器",),
        "",
        0,
        tenders=(Tender(CASH, 15000, tendered_cents=20000), Tender(WECHAT, 25000)),
        phone_last_four=PHONE[-4:],
    )
    return services.handback.hand_back(job.id, clerk, form, job.version)


def takings_of(services: Services, who: Actor, day: date, clerk: str | None = None) -> Takings:
    query = TakingsQuery(Shift.of(day), WORKSTATION, clerk)
    return services.takings.report(query, who)


@dataclass(frozen=True)
class Flow:
    """The main path's snapshots, for the PDFs and the later variants."""

    shop: ShopSnapshot
    checked_in: JobSnapshot
    quoted: JobSnapshot
    returned: JobSnapshot
    check_in_day: date
    hand_back_day: date


def paid_job_flow(services: Services, staff: dict[Role, Actor], clock: FakeClock) -> Flow:
    """The whole main path, asserting each link on the way."""
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    shop = set_up_shop(services, manager)
    assert (shop.inspection_fee_cents, shop.repair_warranty_days) == (3000, 60)
    part_id = add_screen_part(services, manager)
    assert [p.id for p in services.parts.for_model(MODEL)] == [part_id]

    # Check-in: a paid repair, the deposit in cash with change, one transaction.
    check_in_day = clock().date()
    job = check_in_paid(services, clerk, Tender(CASH, DEPOSIT, tendered_cents=20000))
    assert job.coverage is Coverage.PAID
    (deposit,) = job.payments
    assert (deposit.kind, deposit.method, deposit.amount_cents) == (
        PaymentKind.DEPOSIT,
        CASH,
        DEPOSIT,
    )
    assert (deposit.tendered_cents, deposit.change_cents) == (20000, 10000)
    assert (deposit.taken_by, deposit.workstation) == ("王晓红", WORKSTATION)
    assert job.deposit_held_cents == DEPOSIT
    checked_in = job

    # The device label at the shop's size: the job number as Code 128, the surname only.
    label = render_label(job, shop)
    box = reader(label).pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (60, 40)
    assert decode(label, "code128") == [job.number]
    label_text = squeeze(pdftotext(label))
    assert "张" in label_text and "张伟" not in label_text

    # The technician: diagnosis, the catalogue part (stock 5 -> 4), labour, the quotation.
    job = quote(services, tech, job, part_id)
    assert services.parts.get(part_id).stock == 4
    assert job.quotation is not None and job.quotation.total_cents == TOTAL
    assert job.total_charged_cents == TOTAL
    assert job.quote_state(clock().date()) is QuoteState.PENDING
    quoted = job

    # Work waits for the customer's answer; the refusal says so.
    with pytest.raises(RuleRefusal, match="not approved the quotation yet"):
        services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    with pytest.raises(RuleRefusal, match="not approved the quotation yet"):
        services.jobs.mark_ready(job.id, tech, "换好了", "", job.version)
    assert services.jobs.get(job.id).status is Status.DIAGNOSING

    # The clerk records the phone approval; the technician repairs and marks it ready.
    job = approve_by_phone(services, clerk, job, clock)
    assert job.quote_state(clock().date()) is QuoteState.APPROVED
    job = repair(services, tech, job, clock)
    assert (job.status, job.outcome) == (Status.READY_FOR_PICKUP, Outcome.REPAIRED.value)

    # Not collected: on the pickup list after the shop's days, not a day before.
    clock.advance(days=PICKUP_AFTER_DAYS - 1)
    assert job.id not in [row.job_id for row in services.pickup.waiting(clerk)]
    clock.advance(days=1)
    (row,) = [row for row in services.pickup.waiting(clerk) if row.job_id == job.id]
    assert (row.days_waiting, row.reminders, row.masked_phone) == (3, 0, "138****5678")
    assert row.total_cents == TOTAL

    # A "ready" message copied: an event on the job, the job's version unchanged.
    clock.advance(minutes=5)
    text = services.pickup.compose(job.id, MessageTemplate.READY, clerk)
    assert job.number in text and "¥500.00" in text and "400-830-8300" in text
    sent = services.pickup.record(
        job.id, MessageForm(MessageTemplate.READY, MessageChannel.COPIED, text), clerk
    )
    after = services.jobs.get(job.id)
    assert after.version == job.version
    messaged = [e for e in after.events if e.kind == EventKind.CUSTOMER_MESSAGED.value]
    assert len(messaged) == 1 and messaged[0].user_name == "王晓红"
    (row,) = [row for row in services.pickup.waiting(clerk) if row.job_id == job.id]
    assert (row.reminders, row.last_reminder_at) == (1, sent.at)

    # The hand-back: wrong digits are refused naming the field, nothing written.
    clock.advance(hours=1)
    wrong = HandBackForm(
        ("充电器",), "", 0, tenders=(Tender(WECHAT, 40000),), phone_last_four="1234"
    )
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(job.id, clerk, wrong, job.version)
    assert refused.value.fields() == {"phone_last_four"}
    assert services.jobs.get(job.id).payments == job.payments
    # Right digits, the deposit used first, the rest split cash (with change) and WeChat.
    job = hand_back_split(services, clerk, job)
    assert job.status is Status.RETURNED
    money = [(p.kind, p.method, p.amount_cents, p.change_cents) for p in job.payments]
    assert money == [
        (PaymentKind.DEPOSIT, CASH, DEPOSIT, 10000),
        (PaymentKind.DEPOSIT_USED, None, DEPOSIT, 0),
        (PaymentKind.PAYMENT, CASH, 15000, 5000),
        (PaymentKind.PAYMENT, WECHAT, 25000, 0),
    ]
    assert job.paid_cents == TOTAL and job.deposit_held_cents == 0
    handed = next(e for e in job.events if e.kind == EventKind.HANDED_BACK.value)
    assert handed.payload["identified_by"] == "phone" and "5678" not in str(handed.payload)
    return Flow(shop, checked_in, quoted, job, check_in_day, clock().date())


# --- the main path ----------------------------------------------------------------------------


def test_a_paid_job_from_check_in_with_deposit_to_the_days_takings(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    manager, clerk = staff[Role.MANAGER], staff[Role.CLERK]
    flow = paid_job_flow(services, staff, clock)
    job = flow.returned

    # The return receipt lists every line of money and the repair's own warranty.
    receipt = render_return(job, flow.shop, services.shop.calendar())
    said = squeeze(pdftotext(receipt))
    for expected in (
        "Deposit·Cash¥100.00(tendered¥200.00,change¥100.00)",
        "Depositused¥100.00",
        "Payment·Cash¥150.00(tendered¥200.00,change¥50.00)",
        "Payment·WeChatPay¥250.00",
        "Amountpaid¥500.00",
    ):
        assert expected in said, expected
    until = (job.returned_at.date() + timedelta(days=REPAIR_WARRANTY_DAYS)).isoformat()
    assert f"guaranteedfor{REPAIR_WARRANTY_DAYS}days,until{until}" in said
    assert decode(receipt, "code128") == [job.number]
    # The payment receipt: the same lines, the job's number to scan.
    payment = render_payment_receipt(job, flow.shop, paper="80mm")
    paid = squeeze(pdftotext(payment))
    assert "Totalcharged¥500.00" in paid and "Paid¥500.00" in paid and "Refunded¥0.00" in paid
    assert "Payment·WeChatPay" in paid and "¥250.00" in paid and "(tendered¥200.00," in paid
    assert decode(payment, "code128") == [job.number]

    # The check-in day's takings for the clerk at this workstation: the deposit, in cash.
    first = takings_of(services, clerk, flow.check_in_day, "clerk").total
    assert (first.deposits_cents, first.payments_cents, first.deposits_used_cents) == (10000, 0, 0)
    assert first.method(CASH).deposits_cents == 10000 and first.expected_cash_cents == 10000
    # The hand-back day's: the payments by method, the deposit used, the cash expected.
    day = takings_of(services, clerk, flow.hand_back_day, "clerk")
    total = day.total
    assert total.method(CASH).payments_cents == 15000
    assert total.method(WECHAT).payments_cents == 25000
    assert (total.deposits_cents, total.deposits_used_cents, total.refunds_cents) == (0, 10000, 0)
    assert total.expected_cash_cents == 15000 and total.net_cents == 40000
    assert {line.job_number for line in day.lines} == {job.number}
    assert takings_pdf(day)  # renders

    # The drawer: 149.50 counted against 150.00 expected needs a note, then is recorded.
    shift = Shift.of(flow.hand_back_day)
    with pytest.raises(InvalidInput) as refused:
        services.takings.count_drawer(DrawerCountForm(shift, WORKSTATION, "149.50"), clerk)
    assert refused.value.fields() == {"note"}
    count = services.takings.count_drawer(
        DrawerCountForm(shift, WORKSTATION, "149.50", "找零多给了五毛"), clerk
    )
    assert (count.expected_cents, count.difference_cents) == (15000, -50)
    assert takings_of(services, clerk, flow.hand_back_day).counts[-1].id == count.id

    # A manager refunds part by WeChat; the day's takings (everyone's) show it, net.
    clock.advance(hours=1)
    job = services.payments.refund(
        job.id, manager, 5000, "wechat", "屏幕有划痕，退部分", job.version
    )
    assert job.paid_cents == TOTAL - 5000 and job.refundable_cents == TOTAL - 5000
    everyone = takings_of(services, manager, flow.hand_back_day).total
    assert everyone.method(WECHAT).refunds_cents == 5000
    assert everyone.method(WECHAT).net_cents == 20000
    assert everyone.refunds_cents == 5000 and everyone.net_cents == 35000
    assert everyone.expected_cash_cents == 15000  # a WeChat refund leaves the drawer alone
    # The clerk's own takings stay theirs: the manager's refund is not on them.
    assert takings_of(services, clerk, flow.hand_back_day, "clerk").total.refunds_cents == 0


# --- declined -----------------------------------------------------------------------------------


def test_a_declined_quotation_goes_back_unrepaired_charging_only_the_inspection_fee(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    manager, clerk, tech = staff[Role.MANAGER], staff[Role.CLERK], staff[Role.TECHNICIAN]
    shop = set_up_shop(services, manager)
    part_id = add_screen_part(services, manager)
    day = clock().date()
    job = check_in_paid(services, clerk, Tender(WECHAT, DEPOSIT))
    job = quote(services, tech, job, part_id)
    assert job.quotation is not None
    clock.advance(minutes=30)
    job = services.quotations.decline(job.id, clerk, job.quotation.number, "太贵了", job.version)
    assert (job.status, job.outcome) == (Status.READY_FOR_PICKUP, Outcome.QUOTATION_DECLINED)
    assert job.amount_due_cents == INSPECTION_FEE
    # Unrepaired: the part is not fitted, yet its line stays as quoted (the stock is the shop's
    # business, not this flow's); the customer is told the fee, not the quoted total.
    text = services.pickup.compose(job.id, MessageTemplate.READY, clerk)
    assert "¥30.00" in text and "¥500.00" not in text
    clock.advance(days=PICKUP_AFTER_DAYS)
    (row,) = [row for row in services.pickup.waiting(clerk) if row.job_id == job.id]
    assert row.total_cents == INSPECTION_FEE

    # Anything paid on top of the deposit is refused: the deposit covers the fee.
    extra = HandBackForm(
        ("充电器",), "", 0, tenders=(Tender(CASH, 100),), phone_last_four=PHONE[-4:]
    )
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(job.id, clerk, extra, job.version)
    assert refused.value.fields() == {"payments"}
    form = HandBackForm(("充电器",), "", 0, phone_last_four=PHONE[-4:])
    job = services.handback.hand_back(job.id, clerk, form, job.version)
    money = [(p.kind, p.method, p.amount_cents) for p in job.payments]
    assert money == [
        (PaymentKind.DEPOSIT, WECHAT, DEPOSIT),
        (PaymentKind.DEPOSIT_USED, None, INSPECTION_FEE),
        (PaymentKind.REFUND, WECHAT, DEPOSIT - INSPECTION_FEE),
    ]
    assert job.paid_cents == INSPECTION_FEE and job.deposit_held_cents == 0

    said = squeeze(pdftotext(render_return(job, shop, services.shop.calendar())))
    assert "Quotationdeclined:nopartsorlabourcharged;inspectionfee¥30.00." in said
    assert "returnedunrepaired" in said
    assert "Refund·WeChatPay¥-70.00" in said and "Depositused¥30.00" in said
    assert "Amountpaid¥30.00" in said
    # The payment receipt charges the fee too, not the quoted total.
    slip = squeeze(pdftotext(render_payment_receipt(job, shop, paper="80mm")))
    assert "Totalcharged¥30.00" in slip and "¥500.00" not in slip
    assert "Partsandlabourguaranteed" not in said  # nothing repaired, nothing guaranteed

    total = takings_of(services, clerk, job.returned_at.date(), "clerk").total
    assert (total.deposits_used_cents, total.method(WECHAT).refunds_cents) == (3000, 7000)
    deposit_day = takings_of(services, clerk, day, "clerk").total
    assert deposit_day.method(WECHAT).deposits_cents == DEPOSIT


# --- a repeat repair ----------------------------------------------------------------------------


def test_a_repeat_repair_within_the_repair_warranty_is_free_without_a_quotation(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    first = paid_job_flow(services, staff, clock).returned
    clock.advance(days=REPAIR_WARRANTY_DAYS - 1)  # still within the repair's guarantee
    serial = first.product.serial
    assert services.jobs.repeat_check(serial).candidate.number == first.number

    # Out of warranty, yet free as a repeat repair: no deposit is taken for it.
    same = {"serial": serial, "repeat_of": first.number}
    with pytest.raises(InvalidInput) as refused:
        check_in_paid(services, clerk, Tender(CASH, 5000), **same)
    assert refused.value.fields() == {"deposit_amount"}
    job = services.jobs.check_in(
        check_in_form(purchase_date=date(2024, 1, 1), model=MODEL, **same), clerk
    )
    assert (job.coverage, job.repeat_of) == (Coverage.WARRANTY, first.number)
    assert job.quote_state(clock().date()) is None

    # The gate: no quotation to write for a free repair, and the work starts without one.
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech, "", job.version)
    with pytest.raises(IllegalTransition):
        services.quotations.write_valid_for(job.id, tech, "排线又断了", 7, job.version)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="labour",
        description="重新固定排线",
        quantity=1,
        unit_price_cents=LABOUR,
        expected_version=job.version,
    )
    assert job.total_charged_cents == 0
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech, "", job.version)
    job = services.jobs.mark_ready(job.id, tech, "重新固定排线", "", job.version)
    form = HandBackForm(("充电器",), "", 0, phone_last_four=PHONE[-4:])
    job = services.handback.hand_back(job.id, clerk, form, job.version)
    assert job.status is Status.RETURNED and job.payments == () and job.amount_due_cents == 0


def test_past_the_repair_warranty_the_same_serial_is_not_a_repeat_repair(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    first = paid_job_flow(services, staff, clock).returned
    clock.advance(days=REPAIR_WARRANTY_DAYS + 1)
    form = check_in_form(
        purchase_date=date(2024, 1, 1),
        model=MODEL,
        serial=first.product.serial,
        repeat_of=first.number,
    )
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(form, staff[Role.CLERK])
    assert refused.value.fields() == {"repeat_of"}
    # Without the box it is an ordinary paid repair again.
    job = services.jobs.check_in(replace(form, repeat_of=""), staff[Role.CLERK])
    assert job.coverage is Coverage.PAID and job.repeat_of == ""
