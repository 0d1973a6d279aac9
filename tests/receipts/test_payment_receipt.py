"""Money on paper (issue 16): the intake receipt's deposit, the return receipt's payment lines,
and the payment receipt (A4 and 80 mm) with its barcode, masked phone and who took each line."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from reportlab.lib.units import mm

from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.receipt_cli import write_receipt
from desktop_app.receipts import render_intake, render_payment_receipt, render_return
from desktop_app.receipts.layout import PAPERS
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, add_user, approved_quotation, check_in_form
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import decode, pdftotext, reader, squeeze

CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


def has(text: str, *phrases: str) -> bool:
    flat = squeeze(text)
    return all(squeeze(phrase) in flat for phrase in phrases)


@pytest.fixture
def paid_job(services: Services, clerk_id, manager_id, clock) -> JobSnapshot:
    """Deposit ¥100 cash (¥200 handed over) at check-in; ¥450 of labour; paid ¥150 cash
    (¥200 handed over) and ¥200 WeChat at hand-back; ¥50 refunded by WeChat afterwards."""
    form = check_in_form(
        purchase_date=date(2024, 1, 1), deposit=Tender(CASH, 10000, tendered_cents=20000)
    )
    job = services.jobs.check_in(form, clerk_id)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    services.jobs.add_line(
        job.id, tech, kind="labour", description="更换屏幕", quantity=1, unit_price_cents=45000
    )
    # Paid work waits for the customer's approval of the quotation (issue 16).
    approved_quotation(services, services.jobs.get(job.id), tech, clerk_id)
    services.jobs.change_status(job.id, Status.REPAIRING, tech)
    services.jobs.mark_ready(job.id, tech, "已修好")
    clock.advance(hours=2)
    tenders = (Tender(CASH, 15000, tendered_cents=20000), Tender(WECHAT, 20000))
    services.handback.hand_back(
        job.id,
        clerk_id,
        HandBackForm(("充电器",), "", 0, tenders=tenders, identity_note=ID_CHECKED),
    )
    clock.advance(hours=1)
    return services.payments.refund(job.id, manager_id, 5000, "wechat", "屏幕边缘有划痕")


def test_the_intake_receipt_prints_the_deposit_taken(services, clerk_id, shop, paper):
    form = check_in_form(
        purchase_date=date(2024, 1, 1), deposit=Tender(CASH, 10000, tendered_cents=20000)
    )
    job = services.jobs.check_in(form, clerk_id)
    text = pdftotext(render_intake(job, shop, paper=paper, printed_at=PRINTED_AT))
    assert has(text, "Deposit · Cash", "¥100.00", "(tendered ¥200.00, change ¥100.00)")
    assert has(text, "Deposit held", "¥100.00")


def test_a_free_job_s_intake_receipt_has_no_deposit(job, shop):
    assert "Deposit" not in pdftotext(render_intake(job, shop, printed_at=PRINTED_AT))


def test_the_return_receipt_lists_every_payment_line(services, paid_job, shop, paper):
    calendar = services.shop.calendar()
    pdf = render_return(paid_job, shop, calendar, paper=paper, printed_at=PRINTED_AT)
    text = pdftotext(pdf)
    assert has(text, "Deposit · Cash", "Deposit used", "Payment · Cash", "Payment · WeChat Pay")
    assert has(text, "(tendered ¥200.00, change ¥50.00)")
    assert has(text, "Refund · WeChat Pay", "¥-50.00")
    assert has(text, "Amount paid", "¥400.00")


def test_the_payment_receipt_lists_each_line_with_who_took_it(paid_job, shop, paper):
    pdf = render_payment_receipt(paid_job, shop, paper=paper, printed_at=PRINTED_AT)
    text = pdftotext(pdf)
    assert has(text, "Payment receipt", paid_job.number, "华为授权服务中心（中关村店）")
    assert has(text, "Deposit · Cash", "¥100.00", "(tendered ¥200.00, change ¥100.00)")
    assert has(text, "Deposit used", "Payment · Cash", "Payment · WeChat Pay", "¥200.00")
    assert has(text, "Refund · WeChat Pay", "¥-50.00", "屏幕边缘有划痕")
    assert has(text, "王晓红", "Shop manager")  # the seeded manager 店长, in English
    assert has(text, "Deposit held", "Paid", "¥400.00", "Refunded", "¥50.00")
    # The phone is masked, never printed whole.
    assert "138****5678" in text and "13812345678" not in text
    assert decode(pdf, "code128") == [paid_job.number]
    width = float(reader(pdf).pages[0].mediabox.width)
    assert width == pytest.approx(210 * mm if paper == "a4" else 80 * mm, abs=0.01)


def test_a_payment_receipt_of_one_transaction_has_only_its_lines(paid_job, shop):
    refund_at = paid_job.payments[-1].at
    pdf = render_payment_receipt(paid_job, shop, printed_at=PRINTED_AT, transaction_at=refund_at)
    text = pdftotext(pdf)
    assert has(text, "Refund · WeChat Pay") and "Payment · Cash" not in text


def test_the_command_line_writes_the_payment_receipt_and_never_a_file_not_ours(
    services, paid_job, shop, tmp_path, capsys
):
    output = tmp_path / "pay.pdf"
    assert write_receipt(services, paid_job.number, "payment", str(output)) == 0
    assert has(pdftotext(output.read_bytes()), "Payment receipt", "Payment · WeChat Pay")
    # Printed again over our own file: fine. Over someone else's: refused, left as it was.
    assert write_receipt(services, paid_job.number, "payment", str(output)) == 0
    theirs = tmp_path / "notes.pdf"
    theirs.write_bytes(b"%PDF-1.4 somebody's notes")
    capsys.readouterr()
    assert write_receipt(services, paid_job.number, "payment", str(theirs)) == 1
    assert "was not made by Repair Counter" in capsys.readouterr().err
    assert theirs.read_bytes() == b"%PDF-1.4 somebody's notes"


def test_payment_receipt_from_the_cli_parser(services, paid_job, shop, tmp_path):
    from desktop_app.cli import build_parser

    args = build_parser().parse_args(
        ["receipt", paid_job.number, "--kind", "payment", "-o", str(tmp_path / "p.pdf")]
    )
    assert args.kind == "payment"
    assert isinstance(paid_job.payments[0].at, datetime)
