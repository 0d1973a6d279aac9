"""The printed quotation of a paid repair (A4 and 80 mm): the quoted lines as frozen, the total,
the day it holds until, the shop's terms with the inspection fee, a line for the customer's
signature, the masked phone and the job number as Code 128; and `receipt --kind quotation`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import QuotationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.workflow import Status
from desktop_app.receipt_cli import write_receipt
from desktop_app.receipts.layout import PAPERS
from desktop_app.receipts.quotation import render_quotation
from desktop_app.services import Services
from tests.helpers import add_user
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import decode, pdftotext, squeeze


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def quoted(
    services: Services, check_in: Callable[..., JobSnapshot], manager_id: Actor
) -> JobSnapshot:
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    job = check_in(purchase_date=date(2024, 1, 1))
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="part",
        description="屏幕总成",
        quantity=1,
        unit_price_cents=45000,
        part_model="Mate 60 Pro",
    )
    job = services.jobs.add_line(
        job.id, tech, kind="labour", description="拆装工时", quantity=2, unit_price_cents=2500
    )
    job = services.quotations.write(job.id, tech, QuotationForm("屏幕排线断裂", date(2026, 10, 7)))
    # A line added after the quotation is not on it: the printed quotation is what was quoted.
    return services.jobs.add_line(
        job.id, tech, kind="part", description="电池", quantity=1, unit_price_cents=12900
    )


def test_the_quotation_prints_its_frozen_lines_total_validity_and_terms(
    services: Services, quoted: JobSnapshot, shop: ShopSnapshot, manager_id: Actor, paper: str
) -> None:
    shop = services.shop.save_settings(replace(shop, inspection_fee_cents=3000), manager_id)
    pdf = render_quotation(quoted, shop, paper=paper, printed_at=PRINTED_AT)
    text = squeeze(pdftotext(pdf))
    for phrase in (
        "Repair quotation",
        quoted.number,
        "138****5678",
        "屏幕排线断裂",
        "屏幕总成",
        "(part model Mate 60 Pro)",
        "拆装工时",
        "¥500.00",
        "Quotation 1",
        "2026-10-07",
        "parts of the same model",
        "inspection fee of ¥30.00",
        "400-830-8300",
        "I approve the repair at the total quoted above.",
        "Customer signature",
    ):
        assert squeeze(phrase) in text, phrase
    assert "13812345678" not in text  # the phone is masked
    assert "电池" not in text and "¥629.00" not in text  # added after: not quoted
    assert decode(pdf, "code128") == [quoted.number]


def test_the_quotation_says_how_it_was_approved(
    services: Services, quoted: JobSnapshot, shop: ShopSnapshot, clerk_id: Actor, manager_id: Actor
) -> None:
    tech = manager_id
    job = services.quotations.write(
        quoted.id, tech, QuotationForm("屏幕排线断裂", date(2026, 10, 7))
    )
    from desktop_app.domain.quotation import ApprovalForm
    from desktop_app.domain.vocabulary import ApprovalMethod

    job = services.quotations.approve(job.id, clerk_id, ApprovalForm(2, ApprovalMethod.SIGNATURE))
    text = squeeze(pdftotext(render_quotation(job, shop, printed_at=PRINTED_AT)))
    assert squeeze("Quotation 2") in text and "¥629.00" in text
    assert squeeze("signed quotation returned, 2026-09-30 10:00") in text


def test_the_command_line_writes_the_quotation_or_says_there_is_none(
    services: Services, quoted: JobSnapshot, check_in, shop: ShopSnapshot, tmp_path, capsys
) -> None:
    out = tmp_path / "quote.pdf"
    assert write_receipt(services, quoted.number, "quotation", str(out)) == 0
    assert "Repair quotation" in pdftotext(out.read_bytes())
    other = check_in()
    assert write_receipt(services, other.number, "quotation", str(tmp_path / "x.pdf")) == 1
    assert "has no quotation yet" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_a_job_without_a_quotation_has_none_to_render(
    check_in: Callable[..., JobSnapshot], shop: ShopSnapshot
) -> None:
    with pytest.raises(ValueError, match="no quotation"):
        render_quotation(check_in(), shop)
