"""The intake receipt, read back as a customer, a scanner and a printer would see it."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.units import mm

import desktop_app.domain
from desktop_app.domain.rules import DocumentsPresented, ServiceKind
from desktop_app.receipts import intake, render_intake
from desktop_app.receipts.layout import LAYOUTS, PAPERS
from tests.receipts.chinese import ZH, recording
from tests.receipts.conftest import PRINTED_AT
from tests.receipts.pdfs import decode, pdftotext, pypdf_text, reader, squeeze, words

EIGHTY_MM = 80 * mm  # 226.77 pt
# The footer on every page, as squeezed text: dropped to see a value run on across pages.
FOOTER = re.compile(r"Printed\d{4}-\d\d-\d\d\d\d:\d\d·?|R\d{8}-\d{4}·Page\d+")


@pytest.fixture(params=PAPERS)
def paper(request: pytest.FixtureRequest) -> str:
    return request.param


def render(job, shop, **options) -> bytes:
    return render_intake(job, shop, printed_at=PRINTED_AT, **options)


def texts(pdf: bytes) -> list[str]:
    """The receipt's text as both readers see it."""
    return [pdftotext(pdf), pypdf_text(pdf)]


def test_chinese_text_extracts_with_both_readers(job, shop, paper):
    pdf = render(job, shop, paper=paper)
    assert pdf.startswith(b"%PDF")
    for text in texts(pdf):
        flat = squeeze(text)
        for expected in ("张伟", "华为", "屏幕不亮", "日常使用，未摔落", "外观完好", "充电器"):
            assert expected in flat
        assert "华为授权服务中心（中关村店）" in flat
        assert "400-830-8300" in flat
        assert "Mate60Pro" in flat


def test_phone_is_masked_everywhere(job, shop, paper):
    pdf = render(job, shop, paper=paper)
    for text in texts(pdf):
        assert "138****5678" in text
        assert "13812345678" not in squeeze(text)
    assert b"13812345678" not in pdf
    metadata = reader(pdf).metadata
    assert "13812345678" not in " ".join(str(v) for v in metadata.values())


def test_job_number_check_in_and_due_dates(job, shop, paper):
    pdf = render(job, shop, paper=paper)
    for text in texts(pdf):
        flat = squeeze(text)
        assert job.number == "R20260930-0001"
        assert job.number in flat
        assert "2026-09-3010:00" in flat  # checked in
        assert "王晓红" in flat  # the clerk
        # 24 clock hours; 5 working days after National Day week (Oct 10 is a make-up day).
        assert "2026-10-0110:00(within24hoursofcheck-in)" in flat
        assert "bytheendof2026-10-13(Tue)" in flat  # the weekday a customer plans by
        assert "Printed2026-09-3010:05" in flat
        assert "Page1" in flat


def test_product_documents_verdict_and_terms_in_words(check_in, shop):
    job = check_in(
        documents=DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True),
        serial="imei861234567890123",
    )
    # One label/value pair a line on the 80 mm slip, so each reads as label then value.
    flat = squeeze(pdftotext(render(job, shop, paper="80mm")))
    for expected in (
        "CategoryElectronics",
        "Serial/IMEIIMEI861234567890123",
        "Purchasedate2026-03-01",
        "12months,ends2027-03-01",
        "Yes,no.FP0012345678",  # voucher and its number
        "WarrantycardNo",
        "ProductitselfYes",
        "ServicerequestedRepair",
        "Paidrepair",
        "inwarrantyuntil2027-03-01",
        "warrantycardnotpresented",
        "documentsmissing,sotherepairisnotfree",
        "within7daysofthepurchasedate",
        "atleastoneyear",
        "samemodel",
        "within24hoursofcheck-in",
        "within5workingdays,notcountingthecheck-inday",
        "After-saleshotline,aroundtheclock:400-830-8300",
        "Customersignature",
        "Clerksignature",
    ):
        assert expected in flat


def test_return_within_seven_days(check_in, shop):
    job = check_in(purchase_date=date(2026, 9, 27), service_requested=ServiceKind.RETURN)
    flat = squeeze(pdftotext(render(job, shop, paper="80mm")))
    assert "ServicerequestedReturn(7-day,noreason)" in flat
    assert "7-dayno-reasonreturn/exchange" in flat
    assert "bought3daysago:no-reasonreturnisavailableuntil2026-10-04" in flat


def test_font_is_embedded_as_a_subset(job, shop, paper):
    pdf = render(job, shop, paper=paper)
    fonts = [
        font.get_object()
        for page in reader(pdf).pages
        for font in page["/Resources"]["/Font"].values()
    ]
    assert fonts
    for font in fonts:
        # A subset (tag "ABCDEF+") of the shipped face, with its glyphs in FontFile2 and a
        # ToUnicode map so the text can be searched and copied.
        assert re.fullmatch(r"/[A-Z]{6}\+WenQuanYiMicroHei(-\d+)?", font["/BaseFont"])
        descriptor = font["/FontDescriptor"].get_object()
        data = descriptor["/FontFile2"].get_object().get_data()
        assert 1_000 < len(data) < 1_000_000  # the whole collection is 5 MB
        assert "/ToUnicode" in font


def test_barcode_and_qr_code_scan_as_the_job_number(job, shop, paper):
    pdf = render(job, shop, paper=paper)
    assert decode(pdf, "code128") == [job.number]
    assert decode(pdf, "qrcode") == [job.number]


def test_markup_in_user_text_prints_as_typed(check_in, shop, paper):
    name = "<b>Bob</b> & <font size=40>"
    job = check_in(customer_name=name, fault_description="坏了 <br/> &amp; </para> 5 > 3")
    pdf = render(job, shop, paper=paper)
    for text in texts(pdf):
        assert name in text
        assert squeeze("坏了 <br/> &amp; </para> 5 > 3") in squeeze(text)


def test_line_breaks_and_control_characters_in_user_text(check_in, shop):
    # Check-in refuses control characters now; a job saved before that may still hold one.
    job = replace(check_in(), fault_description="第一行\r\n第二行\x07\n\t第三行")
    flat = squeeze(pdftotext(render(job, shop)))
    assert "第一行第二行第三行" in flat


def test_long_fault_description_continues_on_the_next_page(check_in, shop):
    phrase = "屏幕不亮开机后有声音但无显示偶尔闪烁花屏触摸失灵电池发热充电很慢"
    fault = "".join(phrase[(i * 7 + i // 31) % len(phrase)] for i in range(3000))
    job = check_in(fault_description=fault)
    pdf = render(job, shop)
    assert len(reader(pdf).pages) >= 2
    for text in texts(pdf):
        assert "Page 2" in text
        # Every character, in order: nothing cut off at the page break.
        assert fault in FOOTER.sub("", squeeze(text))


@pytest.mark.parametrize("paper_", PAPERS)
def test_longest_input_wraps_inside_the_margins(check_in, shop, paper_):
    longest = {
        "customer_name": "M" * 120,
        "brand": "华" * 120,
        "model": "Mate60Pro " * 12,
        "serial": "S" * 120,
        "voucher_number": "V" * 120,
        "warranty_card_number": "卡" * 120,
        "fault_description": "维修" * 2000,
        "usage_description": "W" * 4000,
        "condition_on_arrival": "scratched " * 400,
        "accessories_received": "充电器、数据线、" * 500,
    }
    job = check_in(**longest)
    pdf = render(job, shop, paper=paper_)
    margin = LAYOUTS[paper_].margin_x
    boxes = words(pdf)
    assert len({w.page for w in boxes}) >= 2
    for word in boxes:
        assert word.x_min >= margin - 0.5 and word.x_max <= word.page_width - margin + 0.5, word
        assert word.y_min >= 0 and word.y_max <= word.page_height, word
    # pypdf reads each table cell whole (pdftotext interleaves the lines of A4's two columns).
    flat = FOOTER.sub("", squeeze(pypdf_text(pdf)))
    for value in longest.values():
        assert squeeze(value) in flat


def test_80mm_receipt_is_one_slip_as_long_as_its_content(job, shop):
    pdf = render(job, shop, paper="80mm")
    pages = reader(pdf).pages
    assert len(pages) == 1
    width, height = float(pages[0].mediabox.width), float(pages[0].mediabox.height)
    assert width == pytest.approx(EIGHTY_MM, abs=0.01)
    assert 200 * mm < height < 600 * mm
    # The footer is the last thing on the slip, close to where the paper is cut.
    lowest = max(word.y_max for word in words(pdf))
    assert height - lowest < 12 * mm


def test_80mm_receipt_longer_than_the_longest_slip_continues(check_in, shop):
    # A long value prints across the roll under its label: four of them run past 2 m.
    fields = ("fault_description", "usage_description", "condition_on_arrival")
    job = check_in(**{f: "维修" * 2000 for f in fields}, accessories_received="充电器、" * 1000)
    pages = reader(render(job, shop, paper="80mm")).pages
    assert len(pages) >= 2
    assert {round(float(p.mediabox.width), 2) for p in pages} == {round(EIGHTY_MM, 2)}
    assert float(pages[-1].mediabox.height) < float(pages[0].mediabox.height)


def test_a4_page_size(job, shop):
    page = reader(render(job, shop)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(210 * mm, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(297 * mm, abs=0.01)


def test_translator_replaces_labels(job, shop):
    table = {"Repair due": "维修完成期限", "Customer": "客户"}
    pdf = render(job, shop, translate=lambda text: table.get(text, text))
    text = pdftotext(pdf)
    assert "维修完成期限" in text and "客户" in text
    assert "Repair due" not in text
    assert "First response due" in text  # untranslated labels stay English


def test_a_complete_chinese_label_set(job, shop, paper):
    translate, asked = recording(ZH)
    pdf = render(job, shop, paper=paper, translate=translate)
    assert set(asked) <= set(ZH), f"labels without a translation: {set(asked) - set(ZH)}"
    text = pdftotext(pdf)
    flat = squeeze(text)
    for expected in (
        "售后服务受理单",
        "24小时售后服务热线：400-830-8300",
        "维修完成期限2026-10-13（周二）下班前",  # the weekday in Chinese too
        "响应期限2026-10-0110:00（受理后24小时内）",
        "客户张伟",
        "保修期至2027-03-01",
        "第1页",
    ):
        assert expected in flat
    # Nothing of the English label set is left: only what people typed and the numbers.
    english = re.findall(r"[A-Za-z]{3,}", text)
    assert set(english) <= {"Mate", "Pro", "IMEI", "FP", "BX"}, english


def test_every_label_is_a_literal_a_script_can_extract(job, shop, check_in):
    """Whatever the receipt asks to translate is a string literal in receipts/ or in the
    domain's templates, so extracting literals finds every label."""
    translate, asked = recording({})
    render(job, shop, translate=translate)
    paid = check_in(documents=DocumentsPresented(False, False, False))
    render(paid, shop, translate=translate, paper="80mm")
    sources = list(Path(intake.__file__).parent.glob("*.py"))
    sources += Path(desktop_app.domain.__file__).parent.glob("*.py")
    literals = {
        node.value
        for source in sources
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert set(asked) - literals == set()


def test_fresh_install_without_shop_details(services, job, paper):
    shop = services.shop.settings()
    assert (shop.name, shop.address, shop.hotline) == ("", "", "")
    pdf = render(job, shop, paper=paper)
    text = pdftotext(pdf)
    assert "24-hour after-sales hotline: —" in text
    assert "around the clock: —" in text
    assert len(reader(pdf).pages) == 1
    assert decode(pdf, "code128") == [job.number]


def test_unknown_paper_is_refused(job, shop):
    with pytest.raises(ValueError, match="letter"):
        render_intake(job, shop, paper="letter")


def test_document_metadata_names_the_job(job, shop):
    metadata = reader(render(job, shop)).metadata
    assert metadata.title == "Service intake receipt R20260930-0001"
    assert metadata.author == "华为授权服务中心（中关村店）"


def test_printed_at_defaults_to_now(job, shop):
    text = pdftotext(render_intake(job, replace(shop, hotline="")))
    assert re.search(r"Printed \d{4}-\d\d-\d\d \d\d:\d\d", text)


def test_receipts_never_import_qt():
    code = (
        "import sys, desktop_app.receipts, desktop_app.receipt_cli;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
