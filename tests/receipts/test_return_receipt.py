"""The return receipt: what was done, what it cost, how long it took against the promise, what
went back, where the warranty stands. Jobs are made and closed through the real services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from reportlab.lib.units import mm

from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, DocumentsPresented, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.workflow import Status
from desktop_app.receipt_cli import write_receipt
from desktop_app.receipts import render_return
from desktop_app.receipts.layout import PAPERS
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, FakeClock, add_user, approved_quotation
from tests.receipts.chinese import ZH, recording
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import decode, pdftotext, pypdf_text, reader, squeeze

EIGHTY_MM = 80 * mm


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def tech_id(services: Services) -> Actor:
    return add_user(services, "tech", "李建国", Role.TECHNICIAN)


def contains(text: str, *phrases: str) -> bool:
    """Every phrase is in the text, wherever the lines wrapped."""
    flat = squeeze(text)
    return all(squeeze(phrase) in flat for phrase in phrases)


def render(services: Services, job: JobSnapshot, shop: ShopSnapshot, **options) -> bytes:
    calendar = services.shop.calendar()
    return render_return(job, shop, calendar, printed_at=PRINTED_AT, **options)


def repaired(
    services: Services,
    clock: FakeClock,
    job: JobSnapshot,
    clerk_id: Actor,
    tech_id: Actor,
    ready_at: datetime,
    *,
    paid: bool = False,
    score: int | None = 5,
) -> JobSnapshot:
    """Takes `job` (checked in 2026-09-30 10:00) through the bench to the customer's hands."""
    clock.now = datetime(2026, 9, 30, 11, 0)
    services.jobs.record_first_response(job.id, tech_id, "电话联系客户，已开始检测")
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech_id)
    services.jobs.record_diagnosis(job.id, tech_id, "屏幕排线松动")
    if paid:
        services.jobs.mark_not_quality_problem(job.id, tech_id, "屏幕有明显摔痕，属人为损坏")
    services.jobs.add_line(
        job.id, tech_id, kind="part", description="屏幕排线", quantity=1, unit_price_cents=8_000
    )
    lined = services.jobs.add_line(
        job.id, tech_id, kind="labour", description="拆机更换", quantity=1, unit_price_cents=5_000
    )
    if lined.coverage is Coverage.PAID:  # the customer approves the price first (issue 16)
        approved_quotation(services, lined, tech_id, clerk_id)
    services.jobs.change_status(job.id, Status.REPAIRING, tech_id)
    clock.now = ready_at
    services.jobs.mark_ready(job.id, tech_id, "更换屏幕排线，测试显示正常")
    clock.now = ready_at.replace(hour=17)
    total = services.jobs.get(job.id).total_charged_cents
    form = HandBackForm(
        accessories_returned=("充电器",),
        payment_method="wechat" if total else "",
        amount_paid_cents=total,
        satisfaction_score=score,
        satisfaction_comment="师傅很专业" if score else "",
        identity_note=ID_CHECKED,
    )
    return services.handback.hand_back(job.id, clerk_id, form)


@pytest.fixture
def on_time(services, clock, job, clerk_id, tech_id) -> JobSnapshot:
    """Checked in the day before National Day 2026, ready 2026-10-12: 4 working days."""
    return repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16, 0))


def test_warranty_repair_says_what_was_done_and_that_it_was_free(services, on_time, shop, paper):
    pdf = render(services, on_time, shop, paper=paper)
    for text in (pdftotext(pdf), pypdf_text(pdf)):
        flat = squeeze(text)
        assert contains(text, "Return receipt")
        for expected in ("张伟", "138****5678", "华为", "屏幕排线松动", "更换屏幕排线"):
            assert expected in flat
        assert contains(text, "Free under warranty")
        assert contains(text, "¥0.00 (no charge)")
        assert "13812345678" not in flat
    assert b"13812345678" not in pdf


def test_working_days_taken_count_across_national_day(services, on_time, shop):
    text = pdftotext(render(services, on_time, shop))
    assert contains(text, "2026-10-13")  # the promise: 5 working days, National Day not counted
    assert contains(text, "4 working days") and contains(text, "on time")
    assert contains(text, "2026-10-12 16:00")  # ready for pickup: the clock stopped here
    assert contains(text, "2026-10-12 17:00")  # handed back


def test_late_repair_says_by_how_many_working_days(services, clock, job, clerk_id, tech_id, shop):
    late = repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 15, 10, 0))
    text = pdftotext(render(services, late, shop))
    assert contains(text, "7 working days") and contains(text, "late by 2 working days")
    assert not contains(text, "on time")


def test_paid_repair_itemises_the_charges_and_the_payment(
    services, clock, job, clerk_id, tech_id, shop, paper
):
    paid = repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16), paid=True)
    text = pdftotext(render(services, paid, shop, paper=paper))
    flat = squeeze(text)
    assert "屏幕有明显摔痕，属人为损坏" in flat  # why it was not free
    assert contains(text, "¥80.00") and contains(text, "¥50.00") and contains(text, "¥130.00")
    assert contains(text, "WeChat Pay")
    assert not contains(text, "Free under warranty")


def test_the_warranty_is_not_restarted_by_a_repair(services, on_time, shop):
    flat = squeeze(pdftotext(render(services, on_time, shop)))
    assert "Warrantyunchanged:until2027-03-01" in flat
    assert "doesnotrestartthewarranty" in flat


def test_satisfaction_given_at_the_counter_is_printed(services, on_time, shop):
    flat = squeeze(pdftotext(render(services, on_time, shop)))
    assert "★★★★★5/5" in flat and "师傅很专业" in flat


def test_without_a_score_the_customer_gets_boxes_to_tick(
    services, clock, job, clerk_id, tech_id, shop
):
    quiet = repaired(
        services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16), score=None
    )
    text = pdftotext(render(services, quiet, shop))
    assert contains(text, "Your rating") and contains(text, "very satisfied")
    assert not contains(text, "★")


def test_job_number_scans_from_the_barcodes(services, on_time, shop, paper):
    pdf = render(services, on_time, shop, paper=paper)
    assert decode(pdf, "code128") == [on_time.number]
    assert decode(pdf, "qrcode") == [on_time.number]


def test_paper_sizes(services, on_time, shop):
    a4 = reader(render(services, on_time, shop, paper="a4")).pages[0]
    assert float(a4.mediabox.width) == pytest.approx(210 * mm, abs=0.01)
    roll = reader(render(services, on_time, shop, paper="80mm")).pages
    assert len(roll) == 1  # a roll is one long page, cut after the last line
    assert float(roll[0].mediabox.width) == pytest.approx(EIGHTY_MM, abs=0.01)


def test_a_refund_replaces_the_repair_sections(
    services, clock, check_in: Callable[..., JobSnapshot], manager_id, shop
):
    clock.now = datetime(2026, 3, 5, 10, 0)
    job = check_in(purchase_date=datetime(2026, 3, 1).date(), service_requested=ServiceKind.RETURN)
    services.handback.start_inspection(job.id, manager_id)
    refunded = services.handback.approve_refund(job.id, manager_id, 599_900)
    text = pdftotext(render(services, refunded, shop))
    assert contains(text, "7-day no-reason return") and contains(text, "¥5999.00")
    assert contains(text, "Refunded on") and contains(text, "receiving the refund")
    assert not contains(text, "Parts replaced") and not contains(text, "Warranty after repair")


def test_an_exchange_names_the_replacement(
    services, clock, check_in: Callable[..., JobSnapshot], manager_id, shop
):
    clock.now = datetime(2026, 3, 5, 10, 0)
    job = check_in(
        purchase_date=datetime(2026, 3, 1).date(), service_requested=ServiceKind.EXCHANGE
    )
    services.handback.start_inspection(job.id, manager_id)
    exchanged = services.handback.approve_exchange(
        job.id, manager_id, "华为 Mate 60 Pro", "imei869999999999999"
    )
    text = pdftotext(render(services, exchanged, shop))
    assert contains(text, "7-day no-reason exchange") and contains(text, "IMEI869999999999999")


def test_refused_before_the_product_is_handed_back(services, job, shop):
    with pytest.raises(ValueError, match="handed back"):
        render(services, job, shop)


def test_chinese_receipt_has_every_label_translated(services, on_time, shop, paper):
    translate, asked = recording(ZH)
    pdf = render(services, on_time, shop, paper=paper, translate=translate)
    assert [label for label in asked if label not in ZH] == []
    flat = squeeze(pdftotext(pdf))
    assert "取件单" in flat and "按时完成" in flat and "4个工作日" in flat


def test_user_text_is_printed_exactly_as_typed(
    services, clock, check_in: Callable[..., JobSnapshot], clerk_id, tech_id, shop
):
    job = check_in(customer_name="<b>Bob</b> & Co", accessories_received="充电器")
    done = repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16))
    assert "<b>Bob</b> & Co" in pdftotext(render(services, done, shop))


def test_the_command_line_writes_it_once_handed_back(
    services, job, clerk_id, tech_id, clock, shop, tmp_path, capsys
):
    output = tmp_path / "return.pdf"
    assert write_receipt(services, job.number, "return", str(output)) == 1
    err = capsys.readouterr().err
    assert job.number in err and "received" in err and "handed back" in err
    assert not output.exists()
    repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16))
    assert write_receipt(services, job.number, "return", str(output)) == 0
    assert "Return receipt" in pdftotext(output.read_bytes())


def test_documents_missing_do_not_break_it(
    services, clock, check_in: Callable[..., JobSnapshot], clerk_id, tech_id, shop
):
    no_card = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    job = check_in(documents=no_card)
    done = repaired(services, clock, job, clerk_id, tech_id, datetime(2026, 10, 12, 16))
    text = pdftotext(render(services, done, shop))
    assert contains(text, "Paid repair") and contains(text, "¥130.00")
