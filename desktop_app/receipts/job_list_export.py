"""The job list as shown, to an Excel workbook or a CSV file (by the file's extension).

The workbook is one sheet like the evaluation's jobs sheet (receipts/spreadsheet_table.py):
headers in the reader's language, dates as dates, the working days left as a number, phones
and job numbers as text, the header frozen, columns as wide as their contents. The CSV keeps
the conventions of every CSV we write (receipts/evaluation_csv.py): a UTF-8 byte-order mark,
stable keys in the header for a program, labels in the reader's language, plain numbers.

Both are written through output_files (a new file, or one of ours nobody changed; atomic), so a
failure or a cancel halfway leaves no file under the name.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook

from desktop_app.domain.list_export import ExportFormat, ExportRows, ExportStage, format_of
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.text import N_, Translator
from desktop_app.domain.vocabulary import label_of
from desktop_app.domain.workdays import DueState, WorkCalendar, repair_clock
from desktop_app.domain.workflow import REPAIR_CLOCK_RUNNING, Status
from desktop_app.receipts.output_files import (
    MAKER,
    UTF8_BOM,
    save_new_or_ours,
    text_is_ours,
    workbook_is_ours,
)
from desktop_app.receipts.spreadsheet_cells import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    clean_text,
    looks_like_formula,
    sheet_title,
)
from desktop_app.receipts.spreadsheet_table import (
    TableColumn,
    Value,
    abandon,
    remembering,
    spool_rows,
    write_table,
)

# Numbers of working days: a minus sign when overdue, nothing else.
DAYS_LEFT_FORMAT = "0;-0;0"


def working_days_left(row: JobRow, calendar: WorkCalendar, today: date) -> int | None:
    """Working days to the repair's due day (negative: overdue by that many), as the list's
    clock column counts them; None when the repair clock is not running."""
    if row.status not in REPAIR_CLOCK_RUNNING:
        return None
    clock = repair_clock(calendar, row.repair_due_date, today)
    return -clock.overdue_by if clock.state is DueState.OVERDUE else clock.working_days_left


# The CSV's header line: stable keys, whatever the language; one per column, in order.
CSV_KEYS = (
    "number",
    "customer",
    "phone",
    "product",
    "serial",
    "status",
    "coverage",
    "checked_in",
    "response_due",
    "first_response",
    "repair_due",
    "working_days_left",
    "technician",
)


def job_list_columns(calendar: WorkCalendar, today: date) -> tuple[TableColumn[JobRow], ...]:
    """The columns, in CSV_KEYS's order: the list's own, then what only the job view shows."""

    def days_left(row: JobRow, _t: Translator) -> int | None:
        return working_days_left(row, calendar, today)

    return (
        TableColumn(N_("Job number"), None, lambda r, t: r.number),
        TableColumn(N_("Customer"), None, lambda r, t: r.customer_name),
        TableColumn(N_("Phone"), None, lambda r, t: r.phone),
        TableColumn(N_("Product"), None, lambda r, t: r.product),
        TableColumn(N_("Serial number"), None, lambda r, t: r.serial or None),
        TableColumn(N_("Status"), None, lambda r, t: t(label_of(Status, r.status))),
        TableColumn(N_("Coverage"), None, lambda r, t: t(label_of(Coverage, r.coverage))),
        TableColumn(N_("Checked in"), DATETIME_FORMAT, lambda r, t: r.checked_in_at),
        TableColumn(N_("Response due"), DATETIME_FORMAT, lambda r, t: r.response_due_at),
        TableColumn(N_("First response"), DATETIME_FORMAT, lambda r, t: r.first_response_at),
        TableColumn(N_("Repair due"), DATE_FORMAT, lambda r, t: r.repair_due_date),
        TableColumn(N_("Working days left"), DAYS_LEFT_FORMAT, days_left),
        TableColumn(N_("Technician"), None, lambda r, t: r.technician or None),
    )


def write_job_list(export: ExportRows, path: str | os.PathLike[str], translate: Translator) -> Path:
    """Writes the rows to `path` as its extension says (.xlsx or .csv; anything else is
    InvalidInput), never over a file we did not make (NotOurFile)."""
    translate = remembering(translate)
    if format_of(path) is ExportFormat.XLSX:
        return _workbook(export, path, translate)
    return _csv(export, path, translate)


def _workbook(export: ExportRows, path: str | os.PathLike[str], translate: Translator) -> Path:
    columns = job_list_columns(export.calendar, export.now.date())
    with tempfile.TemporaryFile() as spool:
        measured = spool_rows(export.rows, columns, translate, spool)
        spool.seek(0)

        def written(done: int) -> None:
            export.progress(ExportStage.WRITING, done, measured.rows)

        def write(stream: IO[bytes]) -> None:
            book = Workbook(write_only=True)
            book.properties.creator = MAKER
            book.properties.lastModifiedBy = MAKER
            book.properties.title = translate(N_("Job list"))
            sheet = book.create_sheet(sheet_title(translate(N_("Jobs")), set()))
            try:
                write_table(sheet, columns, measured, spool, translate, written)
                book.save(stream)
            except BaseException:
                abandon(book)
                raise

        return save_new_or_ours(path, write, workbook_is_ours)


def _csv(export: ExportRows, path: str | os.PathLike[str], translate: Translator) -> Path:
    keys = CSV_KEYS
    columns = job_list_columns(export.calendar, export.now.date())

    def write(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            text.write(UTF8_BOM)
            writer = csv.writer(text)
            writer.writerow(keys)
            for row in export.rows:
                writer.writerow([_csv_value(column.value(row, translate)) for column in columns])
            text.flush()
        finally:
            text.detach()  # the stream is output_files' to close

    return save_new_or_ours(path, write, text_is_ours(",".join(keys)))


def _csv_value(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = clean_text(value)
        # A name typed as "=..." must not become a formula when a spreadsheet opens the file.
        return "'" + text if looks_like_formula(text) else text
    return str(value)
