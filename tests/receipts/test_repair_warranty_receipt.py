"""The return receipt of a repaired job prints the repair's own warranty: N days from the
hand-back (the shop's setting), on A4 and 80 mm; a refund has none."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from tests.receipts.chinese import ZH, recording
from tests.receipts.pdfs import pdftotext, squeeze
from tests.receipts.test_return_receipt import contains, on_time, paper, render, tech_id  # noqa: F401


def test_a_repaired_job_is_guaranteed_for_the_shops_days(services, on_time, shop, paper) -> None:  # noqa: F811
    # Handed back 2026-10-12 17:00: 90 days later is 2027-01-10.
    text = pdftotext(render(services, on_time, shop, paper=paper))
    assert contains(text, "Parts and labour guaranteed for 90 days, until 2027-01-10.")
    longer = replace(shop, repair_warranty_days=180)
    text = pdftotext(render(services, on_time, longer, paper=paper))
    assert contains(text, "guaranteed for 180 days, until 2027-04-10.")


def test_in_chinese(services, on_time, shop) -> None:  # noqa: F811
    translate, asked = recording(ZH)
    flat = squeeze(pdftotext(render(services, on_time, shop, translate=translate)))
    assert [label for label in asked if label not in ZH] == []
    assert "90天" in flat and "2027-01-10" in flat


def test_a_refund_has_no_repair_warranty(
    services, clock, check_in: Callable[..., JobSnapshot], manager_id, shop
) -> None:
    clock.now = datetime(2026, 3, 5, 10, 0)
    job = check_in(purchase_date=datetime(2026, 3, 1).date(), service_requested=ServiceKind.RETURN)
    services.handback.start_inspection(job.id, manager_id)
    refunded = services.handback.approve_refund(job.id, manager_id, 599_900)
    assert not contains(pdftotext(render(services, refunded, shop)), "guaranteed for")
