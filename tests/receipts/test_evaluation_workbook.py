"""The evaluation workbook and CSV, read back with openpyxl and csv: the same numbers as the
figures, real types and formats, Chinese headers, widths that fit, and hostile input."""

from __future__ import annotations

import csv
import io
import os
import resource
import weakref
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop_app.domain.errors import NotOurFile
from desktop_app.domain.evaluation import DEFINITIONS, Period, PeriodJob, Unit, figure_rows
from desktop_app.domain.text import no_translation
from desktop_app.receipts.evaluation_csv import evaluation_csv, write_evaluation_csv
from desktop_app.receipts.evaluation_workbook import JOB_COLUMNS, evaluation_workbook
from desktop_app.receipts.spreadsheet_cells import display_width
from tests.receipts.evaluation_objects import SHOP, evaluation, period_job, period_jobs

HEADER_ROW = 6  # the summary's table header (shop, title, three period rows above)


@pytest.fixture
def zh(qapp):
    """The Chinese catalogue, as the window and the command line translate."""
    from desktop_app.ui.resources import install_translator, text_translator

    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield text_translator()
    finally:
        install_translator(qapp, "en")


def write(tmp_path: Path, jobs=(), translate=no_translation, name="evaluation.xlsx") -> Path:
    path = tmp_path / name
    evaluation_workbook(evaluation(), jobs, translate, path)
    return path


def test_the_summary_reads_back_every_figure_with_its_type_and_format(tmp_path):
    book = load_workbook(write(tmp_path, period_jobs(5)))
    sheet = book.worksheets[0]
    assert sheet["A1"].value == SHOP
    assert sheet["A2"].value == "Service evaluation 2026-11"
    assert sheet["B3"].value.date() == date(2026, 11, 1) and sheet["C3"].value.date() == date(
        2026, 11, 30
    )
    assert sheet["B3"].number_format == "yyyy-mm-dd"
    assert sheet["B4"].value.date() == date(2026, 10, 1)
    assert sheet["B5"].value == datetime(2026, 12, 1, 9, 30)
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    rows = figure_rows(evaluation())
    for offset, row in enumerate(rows, start=HEADER_ROW + 1):
        label, current, detail, previous, previous_detail, change, note = (
            cell for cell in sheet[offset][:7]
        )
        assert label.value == row.label
        assert note.value == row.note
        for cell, value in ((current, row.current), (previous, row.previous), (change, row.change)):
            if value is None:
                assert cell.value is None, row.key
            elif row.unit is Unit.MONEY:
                assert Decimal(str(cell.value)) == Decimal(value) / 100, row.key
            else:
                assert cell.value == pytest.approx(value, abs=1e-12), row.key
                assert type(cell.value) is type(value) or row.unit is not Unit.COUNT
        if row.unit is Unit.RATE:
            assert isinstance(current.value, float) and current.number_format == "0.0%"
            assert change.number_format.startswith("+0.0%")
            assert detail.value == row.detail and previous_detail.value == row.previous_detail
        elif row.unit is Unit.COUNT:
            assert isinstance(current.value, int) and current.number_format == "#,##0"
        elif row.unit is Unit.MONEY:
            assert "¥" in current.number_format and "0.00" in current.number_format
        elif row.unit is Unit.DAYS:
            assert current.number_format == "0.0"
        elif row.unit is Unit.SCORE:
            assert current.number_format == "0.00"
    # The money went in as exact decimal digits, not a float's: ¥150.04 + ¥99.99 = ¥250.03.
    money = next(r for r in rows if r.unit is Unit.MONEY)
    money_row = HEADER_ROW + 1 + rows.index(money)
    assert sheet.cell(money_row, 2).value == 250.03
    # The footnotes, numbered and wrapped under the table.
    notes = [
        sheet.cell(row, 1).value
        for row in range(HEADER_ROW + len(rows) + 3, HEADER_ROW + len(rows) + 3 + len(DEFINITIONS))
    ]
    assert notes == [f"{n}. {text}" for n, (_key, text) in enumerate(DEFINITIONS, start=1)]
    last_note = HEADER_ROW + len(rows) + 2 + len(DEFINITIONS)
    assert sheet.cell(last_note, 1).alignment.wrap_text
    assert f"A{last_note}:G{last_note}" in {str(r) for r in sheet.merged_cells.ranges}


def test_per_technician_breakdown_and_compensation_sheets(tmp_path):
    book = load_workbook(write(tmp_path))
    figures = evaluation().current
    names = book.sheetnames
    assert names == ["Summary", "Per technician", "Breakdown", "Compensation", "Jobs"]
    technicians = book["Per technician"]
    assert technicians.freeze_panes == "A2" and technicians.auto_filter.ref == "A1:I3"
    for row, tech in zip(technicians.iter_rows(min_row=2), figures.per_technician, strict=True):
        assert row[0].value == tech.name and row[0].data_type == "s"
        assert row[1].value == tech.completed
        assert row[2].value == pytest.approx(tech.repair_on_time.rate)
        assert row[2].number_format == "0.0%"
        assert row[4].value == pytest.approx(tech.days_taken.average)
        assert row[5].value == pytest.approx(tech.satisfaction.average)
        assert [c.value for c in row[6:9]] == [
            tech.satisfaction.count,
            tech.complaints,
            tech.repeat_repairs,
        ]
    breakdown = {
        (row[0].value): tuple(c.value for c in row[1:4])
        for row in book["Breakdown"].iter_rows()
        if row[0].value is not None
    }
    assert breakdown["华为"] == (63, 60, 3)
    assert breakdown['=HYPERLINK("http://x")'] == (40, 40, 0)
    assert breakdown["Household appliance"] == (50, 50, 0)
    assert "Consultation" not in breakdown  # no consultation jobs: no row, as the summary
    compensation = book["Compensation"]
    discount = next(r for r in compensation.iter_rows(min_row=2) if r[0].value == "Discount")
    assert [discount[1].value, discount[2].value, discount[5].value] == [3, 150.04, 150.01]
    assert "¥" in discount[2].number_format


def test_the_jobs_sheet_holds_typed_values_masked_phones_and_fitted_widths(tmp_path):
    jobs = list(period_jobs(40))
    book = load_workbook(write(tmp_path, jobs))
    sheet = book["Jobs"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:U{len(jobs) + 1}"
    assert sheet.max_row == len(jobs) + 1
    for job, row in zip(jobs, sheet.iter_rows(min_row=2), strict=True):
        cells = {column.header: cell for column, cell in zip(JOB_COLUMNS, row, strict=True)}
        assert cells["Job number"].value == job.number
        assert cells["Checked in"].value == job.checked_in_at
        assert cells["Checked in"].number_format == "yyyy-mm-dd hh:mm"
        assert cells["Repair due"].value.date() == job.repair_due_date
        assert cells["Repair due"].number_format == "yyyy-mm-dd"
        assert cells["Phone"].value == "138****5678" and cells["Phone"].data_type == "s"
        assert cells["Ready for pickup"].value == job.ready_at
        assert cells["Working days taken"].value == job.working_days_taken
        assert cells["Hand-back score"].value == job.satisfaction_score
        if job.amount_paid_cents is None:
            assert cells["Amount paid"].value is None
        else:
            assert Decimal(str(cells["Amount paid"].value)) == Decimal(job.amount_paid_cents) / 100
            assert "¥" in cells["Amount paid"].number_format
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(JOB_COLUMNS))]
    for column, width in zip(JOB_COLUMNS, widths, strict=True):
        assert width > display_width(column.header), column.header
    assert widths[1] >= len("2026-11-01 09:00")


def test_chinese_headers_labels_and_sheet_names(tmp_path, zh):
    path = write(tmp_path, [period_job(1, status="returned", coverage="paid")], zh)
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "按技师", "分项统计", "补偿", "工单"]
    summary = book["汇总"]
    assert summary["A2"].value == "售后服务评估 2026-11"
    assert [c.value for c in summary[HEADER_ROW]][:3] == ["指标", "本期", "数量 / 总数"]
    jobs = book["工单"]
    headers = [c.value for c in jobs[1]]
    assert headers[:3] == ["工单号", "受理时间", zh("Service")]
    assert all(h and not h.isascii() for h in headers), headers
    row = [c.value for c in jobs[2]]
    assert row[8] == zh("returned to customer") and not row[8].isascii()
    assert row[9] == zh("Paid repair") and row[2] == zh("Return (7-day, no reason)")
    for index, header in enumerate(headers):
        width = jobs.column_dimensions[chr(ord("A") + index)].width
        assert width > display_width(header), header  # CJK counted double


def test_zero_jobs_still_make_a_whole_workbook(tmp_path):
    book = load_workbook(write(tmp_path, []))
    sheet = book["Jobs"]
    assert sheet.max_row == 1 and sheet["A1"].value == "Job number"
    assert sheet.auto_filter.ref == "A1:U2"


def test_formula_like_text_is_stored_as_text(tmp_path):
    hostile = ["=1+1", "+8613812345678", "-2+3", "@SUM(A1)", "#N/A", '=HYPERLINK("x")']
    jobs = [
        period_job(n, customer=text, brand=text, model=text, technician=text)
        for n, text in enumerate(hostile)
    ]
    book = load_workbook(write(tmp_path, jobs))
    for text, row in zip(hostile, book["Jobs"].iter_rows(min_row=2), strict=True):
        for cell in (row[4], row[5], row[6], row[10]):
            assert cell.value == text and cell.data_type == "s", (text, cell.data_type)
            assert cell.quotePrefix
    technician = book["Per technician"]["A3"]
    assert technician.value == "@SUM(A1:A9)" and technician.data_type == "s"


def test_control_characters_do_not_break_the_workbook(tmp_path):
    job = period_job(1, customer="张\x00伟\x1b", model="Mate\x0b60", brand="华为\x07")
    book = load_workbook(write(tmp_path, [job]))
    row = [c.value for c in book["Jobs"][2]]
    assert row[6] == "张\ufffd伟\ufffd" and row[5] == "Mate\ufffd60" and row[4] == "华为\ufffd"


@pytest.mark.slow
def test_thirty_thousand_jobs_are_streamed(tmp_path):
    """No job is kept once written (the database streams them; holding them all would cost
    what the write-only mode saves), and the process does not grow by the sheet's size."""
    count = 30_000
    alive: weakref.WeakSet[PeriodJob] = weakref.WeakSet()
    most_alive = 0

    def jobs():
        nonlocal most_alive
        for job in period_jobs(count):
            alive.add(job)
            most_alive = max(most_alive, len(alive))
            yield job
            del job

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    path = write(tmp_path, jobs())
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert most_alive <= 2
    # 630,000 openpyxl cells held at once would take several hundred MB.
    assert grown_kib < 150 * 1024, grown_kib
    book = load_workbook(path, read_only=True)
    rows = 0
    last = None
    for values in book["Jobs"].iter_rows(min_row=2, values_only=True):
        rows += 1
        last = values
    book.close()
    assert rows == count
    assert last is not None and last[0] == period_job(count - 1).number


def test_an_existing_file_we_did_not_make_is_refused_and_left_alone(tmp_path):
    theirs = tmp_path / "head-office.xlsx"
    other = Workbook()
    other.active["A1"] = "head office's own numbers"
    other.save(theirs)
    before = theirs.read_bytes()
    with pytest.raises(NotOurFile) as refused:
        evaluation_workbook(evaluation(), period_jobs(3), no_translation, theirs)
    assert str(theirs) in refused.value.render() and "not made by Repair Counter" in str(
        refused.value
    )
    assert theirs.read_bytes() == before
    text_file = tmp_path / "notes.xlsx"
    text_file.write_text("notes")
    empty = tmp_path / "empty.xlsx"
    empty.touch()
    for path in (text_file, empty):
        with pytest.raises(NotOurFile):
            evaluation_workbook(evaluation(), [], no_translation, path)
    assert text_file.read_text() == "notes" and empty.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "empty.xlsx",
        "head-office.xlsx",
        "notes.xlsx",
    ]


def test_our_own_workbook_is_replaced_but_not_once_someone_saved_it(tmp_path):
    path = write(tmp_path, period_jobs(3))
    evaluation_workbook(evaluation(), period_jobs(5), no_translation, path)
    assert load_workbook(path)["Jobs"].max_row == 6
    edited = load_workbook(path)
    edited.properties.lastModifiedBy = "王经理"  # as a spreadsheet program does on save
    edited.save(path)
    with pytest.raises(NotOurFile):
        evaluation_workbook(evaluation(), period_jobs(1), no_translation, path)
    assert load_workbook(path)["Jobs"].max_row == 6


def test_a_failure_halfway_leaves_nothing_behind(tmp_path):
    def jobs():
        yield period_job(1)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write(tmp_path, jobs())
    ours = write(tmp_path, period_jobs(2), name="ours.xlsx")
    before = ours.read_bytes()
    broken = period_job(2, checked_in_at=object())  # openpyxl refuses the value late
    with pytest.raises(ValueError):
        evaluation_workbook(evaluation(), [broken], no_translation, ours)
    assert ours.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["ours.xlsx"]


# --- CSV ----------------------------------------------------------------------------------------


def test_the_evaluation_csv_has_a_bom_and_every_figure(tmp_path):
    text = evaluation_csv(evaluation(), no_translation)
    assert text.startswith("\ufeffkey,label,unit,current,previous,change,count,of,")
    records = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    rows = figure_rows(evaluation())
    assert [r["key"] for r in records] == [row.key for row in rows]
    for record, row in zip(records, rows, strict=True):
        assert record["label"] == row.label
        if row.unit is Unit.MONEY:
            assert Decimal(record["current"]) == Decimal(row.current) / 100
            assert record["current"] == "250.03"
        elif row.current is None:
            assert record["current"] == ""
        else:
            assert float(record["current"]) == row.current
        if row.unit is Unit.RATE:
            assert f"{record['count']} / {record['of']}" == row.detail
            assert f"{record['previous_count']} / {record['previous_of']}" == row.previous_detail
    path = write_evaluation_csv(evaluation(), no_translation, tmp_path / "evaluation.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfkey,")
    write_evaluation_csv(evaluation(), no_translation, path)  # ours: replaced
    path.write_bytes(path.read_bytes().removeprefix(b"\xef\xbb\xbf"))  # re-saved elsewhere
    with pytest.raises(NotOurFile):
        write_evaluation_csv(evaluation(), no_translation, path)


def test_the_evaluation_csv_in_chinese(zh):
    text = evaluation_csv(evaluation(Period.month(2026, 11)), zh)
    records = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert text.startswith("\ufeff")
    assert all(not record["label"].isascii() for record in records)
