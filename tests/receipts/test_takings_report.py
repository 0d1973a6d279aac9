"""The day's takings PDF, A4 and 80 mm: the figures by method, deposits, refunds, the drawer
count and its difference, then the jobs list; Chinese embedded and wrapped."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.domain.errors import NotOurFile
from desktop_app.receipts.takings_report import takings_pdf, write_takings_pdf
from tests.receipts.pdfs import pdftotext, reader, require, squeeze
from tests.receipts.takings_sample import sample_takings

PRINTED = datetime(2026, 11, 30, 21, 15)


@pytest.fixture
def zh(qapp):
    from desktop_app.ui.resources import install_translator, text_translator

    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield text_translator()
    finally:
        install_translator(qapp, "en")


@pytest.mark.parametrize("paper", ["a4", "80mm"])
def test_the_report_prints_every_figure_and_line(paper):
    pdf = takings_pdf(sample_takings(), paper=paper, printed_at=PRINTED)
    text = pdftotext(pdf)
    flat = squeeze(text)
    for expected in (
        "Day's takings",
        "2026-11-30",
        "¥1466.50",  # payments
        "¥100.00",  # deposits taken, and used
        "¥10.00",  # refunds
        "¥1556.50",  # net
        "¥340.50",  # expected cash, the whole shop
        "Cashdrawercount:counter-1",
        "¥350.00",
        "¥0.50short",
        "Recounts",
        "找零时多给了顾客五角",  # the note, wrapped
        "WeChatPay",
        "Bankcard",
        "Thelines(7)",
        "R20261130-0001",
        "R20261130-0007",
        "欧阳娜娜",
        "华为授权服务中心（中关村店）",
    ):
        assert squeeze(expected) in flat, expected
    # The summary comes before the drawer count, the count before the lines.
    assert flat.index("Summary") < flat.index("Cashdrawercount") < flat.index("Thelines")
    page = reader(pdf).pages[0]
    width_mm = float(page.mediabox.width) / 72 * 25.4
    assert round(width_mm) == (210 if paper == "a4" else 80)


def test_the_chinese_report_embeds_its_font(zh):
    pdf = takings_pdf(sample_takings(), zh, paper="80mm", printed_at=PRINTED)
    flat = squeeze(pdftotext(pdf))
    for expected in ("当日收款", "现金", "微信支付", "退款", "订金", "钱箱清点", "短款"):
        assert expected in flat, expected
    fonts = subprocess.run(
        [require("pdffonts"), "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    rows = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in line for line in rows)  # every font embedded


def test_nothing_taken_says_so():
    from desktop_app.domain.takings import Shift, TakingsQuery, takings

    empty = takings(
        shop=("店", "", ""),
        query=TakingsQuery(Shift(datetime(2026, 11, 30).date())),
        clerk_name="",
        generated_at=PRINTED,
        lines=[],
        usernames={},
        counts=[],
    )
    flat = squeeze(pdftotext(takings_pdf(empty)))
    assert "Nottaken" not in flat and "Nothingtaken." in flat and "Notcounted." in flat


def test_a_file_we_did_not_make_is_never_written_over(tmp_path: Path):
    theirs = tmp_path / "takings.pdf"
    theirs.write_bytes(b"someone else's")
    with pytest.raises(NotOurFile):
        write_takings_pdf(sample_takings(), theirs)
    assert theirs.read_bytes() == b"someone else's"
    ours = write_takings_pdf(sample_takings(), tmp_path / "new.pdf")
    assert write_takings_pdf(sample_takings(), ours) == ours  # ours: replaced
