"""A long table in a write-only openpyxl sheet: what the evaluation's jobs sheet and the job
list's export share.

The rows come streamed (from the database, a page at a time). A write-only sheet needs its
column widths before its first row, so the rows are measured on the way to a temporary spool
file (one pickle per row) and written from there: many thousand rows are never held in memory
at once. Header frozen, an autofilter over the table, numbers and dates with their formats,
text always text (never a formula).
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.text import Translator
from desktop_app.receipts.spreadsheet_cells import (
    clean_text,
    column_width,
    display_width,
    looks_like_formula,
    value_width,
)

Value = str | int | float | Decimal | datetime | date | None
Row = TypeVar("Row")

BOLD = Font(bold=True)


@dataclass(frozen=True)
class TableColumn(Generic[Row]):
    header: str  # N_-marked English
    number_format: str | None
    value: Callable[[Row, Translator], Value]


@dataclass(frozen=True)
class Measured:
    rows: int
    widths: tuple[int, ...]


def remembering(translate: Translator) -> Translator:
    """The same few labels are looked up for every row: once each is enough."""
    known: dict[str, str] = {}

    def remembered(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = translate(text)
        return found

    return remembered


def abandon(book: Workbook) -> None:
    """A failed workbook's sheets still hold open temporary files and row writers: closed here
    (else they complain when collected, long after the error was reported)."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


def cell(
    sheet: WriteOnlyWorksheet,
    value: Value,
    number_format: str | None = None,
    font: Font | None = None,
    alignment: Alignment | None = None,
) -> WriteOnlyCell | Value:
    """A value ready for `append`: text cleaned and kept as text, a number format where it
    matters (plain values go as they are: styling every cell would cost a long sheet dearly)."""
    if isinstance(value, str):
        value = clean_text(value)
        formula_like = looks_like_formula(value)
    else:
        formula_like = False
    plain = (value is None or number_format is None) and font is None and alignment is None
    if plain and not formula_like:
        return value
    made = WriteOnlyCell(sheet, value)
    if formula_like:
        made.data_type = "s"  # openpyxl took it for a formula or an error value
        made.quotePrefix = True  # and a spreadsheet keeps it text when the cell is edited
    if number_format is not None and value is not None:
        made.number_format = number_format
    if font is not None:
        made.font = font
    if alignment is not None:
        made.alignment = alignment
    return made


def header(sheet: WriteOnlyWorksheet, texts: Sequence[str]) -> list[WriteOnlyCell | Value]:
    return [cell(sheet, text, font=BOLD) for text in texts]


def set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    """Before the first row: a write-only sheet writes its columns first."""
    for index, widest in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(widest)


def table_frame(sheet: WriteOnlyWorksheet, columns: int, rows: int, header_row: int = 1) -> None:
    """Header row frozen, an autofilter over the table."""
    sheet.freeze_panes = f"A{header_row + 1}"
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(rows, 1)}"


def spool_rows(
    rows: Iterable[Row],
    columns: Sequence[TableColumn[Row]],
    translate: Translator,
    spool: IO[bytes],
) -> Measured:
    """Each row's cell values to `spool`, one pickle per row, measuring the columns on the way
    (a write-only sheet needs its widths before its first row)."""
    widest = [display_width(translate(column.header)) for column in columns]
    count = 0
    for row in rows:
        values = tuple(_value(column, row, translate) for column in columns)
        for index, (column, value) in enumerate(zip(columns, values, strict=True)):
            width = value_width(value, column.number_format)
            if width > widest[index]:
                widest[index] = width
        pickle.dump(values, spool, protocol=pickle.HIGHEST_PROTOCOL)
        count += 1
    return Measured(count, tuple(widest))


def _value(column: TableColumn[Row], row: Row, translate: Translator) -> Value:
    value = column.value(row, translate)
    return clean_text(value) if isinstance(value, str) else value


def _spooled(spool: IO[bytes], rows: int) -> Iterator[tuple[Any, ...]]:
    for _row in range(rows):
        yield pickle.load(spool)  # our own temporary file, written just now


def write_table(
    sheet: WriteOnlyWorksheet,
    columns: Sequence[TableColumn[Any]],
    measured: Measured,
    spool: IO[bytes],
    translate: Translator,
    written: Callable[[int], None] | None = None,
) -> None:
    """The spooled rows under a frozen header; `written(n)` is told every thousand rows (it
    may raise to stop: the caller abandons the workbook)."""
    set_widths(sheet, measured.widths)
    table_frame(sheet, len(columns), measured.rows)
    sheet.append(header(sheet, [translate(column.header) for column in columns]))
    formats = [column.number_format for column in columns]
    for done, values in enumerate(_spooled(spool, measured.rows), start=1):
        sheet.append(
            [
                cell(sheet, value, number_format)
                if number_format or (isinstance(value, str) and looks_like_formula(value))
                else value
                for value, number_format in zip(values, formats, strict=True)
            ]
        )
        if written is not None and done % 1000 == 0:
            written(done)
    if written is not None:
        written(measured.rows)
