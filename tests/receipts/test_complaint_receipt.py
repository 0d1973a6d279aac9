"""The complaint receipt, read back as a customer, a scanner and a printer would see it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.lib.units import mm

from desktop_app.domain.complaints import ComplaintForm, ComplaintSnapshot
from desktop_app.domain.people import Actor
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel
from desktop_app.receipts.complaint import render_complaint
from desktop_app.receipts.layout import PAPERS
from desktop_app.services import Services
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import decode, pdftotext, pypdf_text, reader, squeeze


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def complaint(services: Services, clerk_id: Actor, job: JobSnapshot) -> ComplaintSnapshot:
    form = ComplaintForm(
        channel=ComplaintChannel.HOTLINE,
        customer_name="张伟",
        phone="13812345678",
        category=ComplaintCategory.DELAY,
        words="修了一个星期还没修好，<b>打电话</b>也没人回 & 很生气",
        request="尽快修好并赔偿",
        job_number=job.number,
    )
    return services.complaints.register(form, clerk_id)


def test_the_receipt_says_the_number_the_words_and_the_promised_dates(
    complaint: ComplaintSnapshot, shop: ShopSnapshot, paper: str, job: JobSnapshot
) -> None:
    pdf = render_complaint(complaint, shop, paper=paper, printed_at=PRINTED_AT)
    for text in (pdftotext(pdf), pypdf_text(pdf)):
        flat = squeeze(text)
        for expected in (
            "TS20260930-001",
            "400-830-8300",
            "Hotline",
            "Delay",
            "张伟",
            "138****5678",
            job.number,
            "<b>打电话</b>也没人回&很生气",
            "尽快修好并赔偿",
            "2026-10-0110:00",  # called back within 24 hours
            "2026-10-13(Tue)",  # the 5th working day after National Day
            "王晓红",
        ):
            assert expected in flat, expected
        assert "13812345678" not in flat
    if paper == "80mm":
        assert reader(pdf).pages[0].mediabox.width == pytest.approx(80 * mm, abs=0.5)


def test_the_number_scans(complaint: ComplaintSnapshot, shop: ShopSnapshot) -> None:
    pdf = render_complaint(complaint, shop, printed_at=PRINTED_AT)
    assert decode(pdf, "code128") == ["TS20260930-001"]


def test_a_draft_has_no_receipt(complaint: ComplaintSnapshot, shop: ShopSnapshot) -> None:
    with pytest.raises(ValueError):
        render_complaint(replace(complaint, number=None), shop)
