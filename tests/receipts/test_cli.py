"""`repair-counter receipt`: writing a job's receipt from the command line."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.lib.units import mm

from desktop_app.cli import main
from desktop_app.receipt_cli import write_receipt
from tests.receipts.chinese import ZH
from tests.receipts.pdfs import pdftotext, reader


def test_writes_the_intake_receipt_and_prints_its_path(services, job, shop, tmp_path, capsys):
    output = tmp_path / "receipt.pdf"
    assert write_receipt(services, job.number, "intake", str(output)) == 0
    assert capsys.readouterr().out.strip() == str(output)
    pdf = output.read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdftotext(pdf)
    assert job.number in text and "张伟" in text and "138****5678" in text
    assert float(reader(pdf).pages[0].mediabox.width) == pytest.approx(210 * mm, abs=0.01)


def test_job_numbers_are_found_as_people_type_them(services, job, shop, tmp_path, capsys):
    output = tmp_path / "receipt.pdf"
    assert write_receipt(services, f"  {job.number.lower()} ", "intake", str(output)) == 0
    assert job.number in pdftotext(output.read_bytes())


def test_paper_comes_from_the_shop_settings(services, job, shop, manager_id, tmp_path):
    services.shop.save_settings(replace(shop, receipt_paper="80mm"), manager_id)
    output = tmp_path / "slip.pdf"
    assert write_receipt(services, job.number, "intake", str(output)) == 0
    page = reader(output.read_bytes()).pages[0]
    assert float(page.mediabox.width) == pytest.approx(80 * mm, abs=0.01)


def test_translator_is_passed_on(services, job, shop, tmp_path):
    output = tmp_path / "receipt.pdf"
    translate = lambda text: ZH.get(text, text)  # noqa: E731
    assert write_receipt(services, job.number, "intake", str(output), translate=translate) == 0
    assert "售后服务受理单" in pdftotext(output.read_bytes())


def test_unknown_job_number_fails_naming_it(services, job, tmp_path, capsys):
    output = tmp_path / "receipt.pdf"
    assert write_receipt(services, "R20991231-0042", "intake", str(output)) == 1
    captured = capsys.readouterr()
    assert "R20991231-0042" in captured.err and "no job" in captured.err
    assert captured.out == ""
    assert not output.exists()


def test_unwritable_output_is_reported(services, job, shop, tmp_path, capsys):
    output = tmp_path / "missing-folder" / "receipt.pdf"
    assert write_receipt(services, job.number, "intake", str(output)) == 1
    assert "cannot write" in capsys.readouterr().err


def test_the_repair_counter_command(sqlite_url, job, shop, tmp_path, capsys):
    output = tmp_path / "receipt.pdf"
    command = ["--database", sqlite_url, "receipt", job.number, "-o", str(output)]
    assert main(command) == 0
    assert capsys.readouterr().out.strip() == str(output)
    assert job.number in pdftotext(output.read_bytes())
    assert main(["--database", sqlite_url, "receipt", "R20000101-0001", "-o", str(output)]) == 1
    assert "R20000101-0001" in capsys.readouterr().err
