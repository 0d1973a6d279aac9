"""Exports replace only a report this application wrote and nobody changed since (the export
record), and are made readable like any file the user saves (not the temporary file's 0600)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader, PdfWriter

from desktop_app.domain.errors import NotOurFile
from desktop_app.domain.text import no_translation
from desktop_app.receipts.evaluation_csv import write_evaluation_csv
from desktop_app.receipts.evaluation_report import write_evaluation_pdf
from desktop_app.receipts.evaluation_workbook import evaluation_workbook
from desktop_app.receipts.output_files import ExportRecord
from tests.receipts.evaluation_objects import evaluation, period_jobs


def write_pdf(path: Path) -> Path:
    return write_evaluation_pdf(evaluation(), path, no_translation)


def write_workbook(path: Path) -> Path:
    return evaluation_workbook(evaluation(), period_jobs(3), no_translation, path)


def write_csv(path: Path) -> Path:
    return write_evaluation_csv(evaluation(), no_translation, path)


def annotate_pdf(path: Path) -> None:
    """Re-saved by another program that keeps our Creator and writes one %%EOF."""
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Creator": "Repair Counter", "/Keywords": "checked by head office"})
    with path.open("wb") as out:
        writer.write(out)


def edit_workbook(path: Path) -> None:
    """Edited and saved by a library that keeps our creator and last modifier."""
    book = load_workbook(path)
    book.worksheets[0]["A1"] = "head office's note"
    book.save(path)


def append_to_csv(path: Path) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write("total,from head office,,,,,,,,,\n")


@pytest.mark.parametrize(
    ("name", "write", "edit"),
    [
        ("r.pdf", write_pdf, annotate_pdf),
        ("r.xlsx", write_workbook, edit_workbook),
        ("r.csv", write_csv, append_to_csv),
    ],
)
def test_our_report_is_replaced_until_someone_changes_it(tmp_path, name, write, edit) -> None:
    target = tmp_path / name
    write(target)
    write(target)  # ours, unchanged: replaced
    edit(target)
    edited = target.read_bytes()
    with pytest.raises(NotOurFile):
        write(target)
    assert target.read_bytes() == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_receipt_of_ours_is_not_a_report_to_replace(tmp_path) -> None:
    """A receipt carries our Creator too (receipts/layout.py), but no report was written there:
    `repair-counter receipt … -o receipt.pdf` then `report … -o receipt.pdf` must not lose it."""
    from reportlab.platypus import Paragraph

    from desktop_app.domain.vocabulary import Paper
    from desktop_app.receipts.layout import LAYOUTS, render_pdf

    receipt = tmp_path / "receipt.pdf"
    layout = LAYOUTS[Paper.A4]
    story = lambda: [Paragraph("intake receipt")]  # noqa: E731
    receipt.write_bytes(render_pdf(story, layout, lambda *_args: None, {"title": "intake"}))
    before = receipt.read_bytes()
    assert b"/Creator (Repair Counter)" in before
    with pytest.raises(NotOurFile):
        write_pdf(receipt)
    assert receipt.read_bytes() == before


def test_a_report_copied_from_elsewhere_is_not_ours(tmp_path) -> None:
    ours = write_pdf(tmp_path / "ours.pdf")
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(ours.read_bytes())  # the same bytes, a name we never wrote
    with pytest.raises(NotOurFile):
        write_pdf(copy)


def test_a_lost_record_refuses_rather_than_replaces(tmp_path, monkeypatch) -> None:
    target = write_csv(tmp_path / "r.csv")
    monkeypatch.setenv("REPAIR_COUNTER_EXPORT_RECORD", str(tmp_path / "gone" / "x.json"))
    with pytest.raises(NotOurFile):
        write_csv(target)


def test_an_unwritable_record_still_writes_the_export(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the record's folder should be")
    monkeypatch.setenv("REPAIR_COUNTER_EXPORT_RECORD", str(blocked / "exports.json"))
    target = write_pdf(tmp_path / "r.pdf")
    assert target.read_bytes().startswith(b"%PDF-")
    assert not ExportRecord().wrote(target)


def test_an_export_is_readable_like_any_saved_file(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        target = write_pdf(tmp_path / "r.pdf")
        assert stat.S_IMODE(target.stat().st_mode) == 0o644
        target.chmod(0o664)  # the shop made it group-writable for the office
        write_pdf(target)
        assert stat.S_IMODE(target.stat().st_mode) == 0o664
    finally:
        os.umask(old)
