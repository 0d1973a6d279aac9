"""The device tag label: at each size the barcode decodes, the text reads back, the font is
embedded, and nothing runs off the label, even with the longest names and models the forms take."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.lib.units import mm

from desktop_app.domain.device_label import LABEL_SIZES, label_millimetres
from desktop_app.domain.limits import SHORT_TEXT
from desktop_app.receipt_cli import write_receipt
from desktop_app.receipts.label import ELLIPSIS, render_label
from tests.receipts.pdfs import pdftotext, reader, require, squeeze, words


def decoded(pdf: bytes, dpi: int) -> list[str]:
    """What zbarimg reads from the label rendered at `dpi`, Code 128 only."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "label.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [require("pdftoppm"), "-png", "-r", str(dpi), "-singlefile", str(source),
             str(Path(folder) / "page")],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        done = subprocess.run(
            [require("zbarimg"), "--raw", "-q", "-Sdisable", "-Scode128.enable",
             str(Path(folder) / "page.png")],
            capture_output=True, timeout=60,
        )  # fmt: skip
    return done.stdout.decode("utf-8").split()


def fonts(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        done = subprocess.run([require("pdffonts"), file.name], capture_output=True, check=True)
    return done.stdout.decode()


def longest(job):
    """The longest name, brand and model the check-in form takes, in wide Chinese."""
    return replace(
        job,
        customer=replace(job.customer, name="欧阳" + "娜" * (SHORT_TEXT - 2)),
        product=replace(job.product, brand="华" * SHORT_TEXT, model="Ｍ" * SHORT_TEXT),
    )


@pytest.mark.parametrize("size", LABEL_SIZES)
def test_each_size_decodes_and_reads_back(job, shop, size):
    pdf = render_label(job, shop, size=size)
    page = reader(pdf).pages[0]
    width, height = label_millimetres(size)
    assert float(page.mediabox.width) == pytest.approx(width * mm, abs=0.01)
    assert float(page.mediabox.height) == pytest.approx(height * mm, abs=0.01)
    for dpi in (200, 300):
        assert decoded(pdf, dpi) == [job.number], (size, dpi)
    text = pdftotext(pdf)
    assert job.number in text
    assert "张**" in text and "张伟" not in text  # the surname only
    assert "138" not in text and "5678" not in text  # no digit of the phone
    assert f"Due {job.repair_due_date.isoformat()}" in text
    assert job.product.description in text
    listed = fonts(pdf)
    assert "WenQuanYiMicroHei" in listed and " no " not in listed.split("\n", 2)[2]
    assert "Helvetica" not in listed


@pytest.mark.parametrize("size", LABEL_SIZES)
def test_the_longest_values_are_cut_on_the_label_never_off_it(job, shop, size):
    pdf = render_label(longest(job), shop, size=size)
    assert decoded(pdf, 300) == [job.number]
    found = words(pdf)
    assert found
    for word in found:
        assert word.x_min >= 0 and word.x_max <= word.page_width, word
        assert word.y_min >= 0 and word.y_max <= word.page_height, word
    text = squeeze(pdftotext(pdf))
    assert "欧阳**" in text and "娜" not in text
    assert "华华华" in text and text.count(ELLIPSIS) == 1  # the product, cut


def test_a_long_latin_surname_is_cut_and_the_due_day_stays_whole(job, shop):
    long = replace(job, customer=replace(job.customer, name="Jo " + "W" * 100))
    pdf = render_label(long, shop, size="40x30")
    text = pdftotext(pdf)
    assert f"Due {job.repair_due_date.isoformat()}" in text and "** WW" in text
    assert ELLIPSIS in text


def test_chinese_label(job, shop):
    zh = {"Due {day}": "预计完成 {day}", "Device label": "设备标签"}
    pdf = render_label(job, shop, translate=lambda text: zh.get(text, text))
    text = squeeze(pdftotext(pdf))
    assert f"预计完成{job.repair_due_date.isoformat()}" in text
    assert reader(pdf).metadata.title == f"设备标签 {job.number}"


def test_the_shops_label_size_is_the_default(services, job, shop, manager_id, tmp_path, capsys):
    services.shop.save_settings(replace(shop, label_size="60x40"), manager_id)
    output = tmp_path / "label.pdf"
    assert write_receipt(services, job.number, "label", str(output)) == 0
    assert capsys.readouterr().out.strip() == str(output)
    page = reader(output.read_bytes()).pages[0]
    assert float(page.mediabox.width) == pytest.approx(60 * mm, abs=0.01)
    assert decoded(output.read_bytes(), 300) == [job.number]
