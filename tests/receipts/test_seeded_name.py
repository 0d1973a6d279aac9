"""The seeded manager account's name ("店长") is a word, printed in the receipt's language; a
person's name prints as typed."""

from __future__ import annotations

from desktop_app.receipts import render_intake
from desktop_app.ui.resources import text_translator
from tests.helpers import check_in_form
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import pdftotext, squeeze


def test_an_english_receipt_names_the_seeded_manager_in_english(services, shop, manager_id):
    job = services.jobs.check_in(check_in_form(), manager_id)
    assert job.checked_in_by == "店长"  # as the first migration seeded it
    flat = squeeze(pdftotext(render_intake(job, shop, printed_at=PRINTED_AT)))
    assert "ClerkShopmanager" in flat
    assert "店长" not in flat


def test_a_clerks_name_prints_as_typed(check_in, shop):
    flat = squeeze(pdftotext(render_intake(check_in(), shop, printed_at=PRINTED_AT)))
    assert "Clerk王晓红" in flat


def test_a_chinese_receipt_says_the_seeded_managers_name_in_chinese(
    services, shop, manager_id, qapp
):
    from desktop_app.ui.resources import install_translator

    job = services.jobs.check_in(check_in_form(), manager_id)
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        pdf = render_intake(job, shop, translate=text_translator(), printed_at=PRINTED_AT)
    finally:
        install_translator(qapp, "en")
    flat = squeeze(pdftotext(pdf))
    assert "店长" in flat and "Shop" not in flat
