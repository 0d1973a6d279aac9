"""The evaluation as an Excel workbook for head office (openpyxl).

Sheets: the summary (`figure_rows`, the same rows the window, the PDF and the command line
show, with the footnoted definitions below), per technician, the break-downs (received by
service, category and brand; complaints by category; working days taken; scores), the
compensation given by kind, and every job checked in during the period.

Numbers are numbers (rates as fractions shown as percentages, money as exact yuan, dates as
dates), so head office can sum and filter; phones are masked and stored as text; text a
person typed is always text, never a formula. The jobs come streamed from the database: they
are measured for the column widths on the way to a temporary file, then written in openpyxl's
write-only mode, so a month of many thousand jobs is never held in memory at once.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    DEFINITIONS,
    SCORES,
    Evaluation,
    FigureRow,
    Figures,
    OfferTotal,
    PeriodJob,
    Unit,
    figure_rows,
)
from desktop_app.domain.text import N_, Translator
from desktop_app.domain.vocabulary import (
    Category,
    ComplaintCategory,
    Coverage,
    OfferKind,
    ServiceKind,
    Status,
    label,
    label_of,
)
from desktop_app.receipts.output_files import MAKER, save_new_or_ours, workbook_is_ours
from desktop_app.receipts.spreadsheet_cells import (
    CHANGE_FORMATS,
    COUNT_FORMAT,
    DATE_FORMAT,
    DATETIME_FORMAT,
    DAYS_FORMAT,
    MONEY_FORMAT,
    RATE_FORMAT,
    SCORE_FORMAT,
    clean_text,
    column_width,
    display_width,
    looks_like_formula,
    sheet_title,
    value_width,
    yuan_number,
)

UNIT_FORMATS: dict[Unit, str] = {
    Unit.COUNT: COUNT_FORMAT,
    Unit.RATE: RATE_FORMAT,
    Unit.DAYS: DAYS_FORMAT,
    Unit.SCORE: SCORE_FORMAT,
    Unit.MONEY: MONEY_FORMAT,
}
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_INDENTED = Alignment(indent=2)
_LINE_HEIGHT = 15  # points per line of wrapped text at the default font

Value = str | int | float | Decimal | datetime | date | None


def evaluation_workbook(
    evaluation: Evaluation,
    jobs: Iterable[PeriodJob],
    translate: Translator,
    path: str | os.PathLike[str],
) -> Path:
    """Writes the workbook to `path` (a new file, or one of our workbooks nobody changed since:
    anything else raises NotOurFile) and returns the path."""
    translate = _remembering(translate)
    with tempfile.TemporaryFile() as spool:
        measured = _spool_jobs(jobs, translate, spool)
        spool.seek(0)
        return save_new_or_ours(
            path,
            lambda stream: _write(evaluation, measured, spool, translate, stream),
            workbook_is_ours,
        )


def _remembering(translate: Translator) -> Translator:
    """The same few labels are looked up for every job: once each is enough."""
    known: dict[str, str] = {}

    def remembered(text: str) -> str:
        found = known.get(text)
        if found is None:
            found = known[text] = translate(text)
        return found

    return remembered


def _write(
    evaluation: Evaluation,
    measured: _Measured,
    spool: IO[bytes],
    translate: Translator,
    stream: IO[bytes],
) -> None:
    t = translate
    book = Workbook(write_only=True)
    book.properties.creator = MAKER
    book.properties.lastModifiedBy = MAKER
    book.properties.title = t("Service evaluation {period}").format(
        period=evaluation.current.period.label()
    )
    taken: set[str] = set()
    sheets = _Sheets(book, taken)
    try:
        _summary_sheet(sheets.new(t("Summary")), evaluation, translate)
        _technician_sheet(sheets.new(t("Per technician")), evaluation.current, translate)
        _breakdown_sheet(sheets.new(t("Breakdown")), evaluation, translate)
        _compensation_sheet(sheets.new(t("Compensation")), evaluation, translate)
        _jobs_sheet(sheets.new(t("Jobs")), measured, spool, translate)
        book.save(stream)
    except BaseException:
        _abandon(book)
        raise


def _abandon(book: Workbook) -> None:
    """A failed workbook's sheets still hold open temporary files and row writers: closed here
    (else they complain when collected, long after the error was reported)."""
    for sheet in book.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()


@dataclass
class _Sheets:
    book: Workbook
    taken: set[str]

    def new(self, title: str) -> WriteOnlyWorksheet:
        return self.book.create_sheet(sheet_title(title, self.taken))


# --- cells --------------------------------------------------------------------------------------


def _cell(
    sheet: WriteOnlyWorksheet,
    value: Value,
    number_format: str | None = None,
    font: Font | None = None,
    alignment: Alignment | None = None,
) -> WriteOnlyCell | Value:
    """A value ready for `append`: text cleaned and kept as text, a number format where it
    matters (plain values go as they are: styling every cell would cost the jobs sheet dearly)."""
    if isinstance(value, str):
        value = clean_text(value)
        formula_like = looks_like_formula(value)
    else:
        formula_like = False
    plain = (value is None or number_format is None) and font is None and alignment is None
    if plain and not formula_like:
        return value
    cell = WriteOnlyCell(sheet, value)
    if formula_like:
        cell.data_type = "s"  # openpyxl took it for a formula or an error value
        cell.quotePrefix = True  # and a spreadsheet keeps it text when the cell is edited
    if number_format is not None and value is not None:
        cell.number_format = number_format
    if font is not None:
        cell.font = font
    if alignment is not None:
        cell.alignment = alignment
    return cell


def _header(sheet: WriteOnlyWorksheet, texts: Sequence[str]) -> list[WriteOnlyCell | Value]:
    return [_cell(sheet, text, font=_BOLD) for text in texts]


def _set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    """Before the first row: a write-only sheet writes its columns first."""
    for index, widest in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(widest)


def _table_frame(sheet: WriteOnlyWorksheet, columns: int, rows: int, header_row: int = 1) -> None:
    """Header row frozen, an autofilter over the table."""
    sheet.freeze_panes = f"A{header_row + 1}"
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(rows, 1)}"


def _widths(rows: Iterable[Sequence[tuple[Value, str | None]]], columns: int) -> list[int]:
    widest = [0] * columns
    for row in rows:
        for index, (value, number_format) in enumerate(row):
            widest[index] = max(widest[index], value_width(value, number_format))
    return widest


# --- the summary --------------------------------------------------------------------------------


def _figure_value(row: FigureRow, value: float | int | None) -> Value:
    if value is None:
        return None
    if row.unit is Unit.MONEY:
        return yuan_number(int(value))
    return value


def _summary_sheet(
    sheet: WriteOnlyWorksheet, evaluation: Evaluation, translate: Translator
) -> None:
    t = translate
    rows = figure_rows(evaluation)
    now, before = evaluation.current.period, evaluation.previous.period
    headers = [
        t("Figure"),
        t("This period"),
        t("Count / of"),
        t("Previous period"),
        t("Count / of"),
        t("Change"),
        t("Note"),
    ]
    table: list[list[tuple[Value, str | None]]] = [[(text, None) for text in headers]]
    for row in rows:
        number_format = UNIT_FORMATS[row.unit]
        table.append(
            [
                (("    " if row.indent else "") + t(row.label), None),
                (_figure_value(row, row.current), number_format),
                (row.detail or None, None),
                (_figure_value(row, row.previous), number_format),
                (row.previous_detail or None, None),
                (_figure_value(row, row.change), CHANGE_FORMATS[number_format]),
                (row.note, None),
            ]
        )
    top: list[list[tuple[Value, str | None]]] = [
        [(t("Period"), None), (now.start, DATE_FORMAT), (now.end, DATE_FORMAT)],
        [(t("Previous period"), None), (before.start, DATE_FORMAT), (before.end, DATE_FORMAT)],
        [(t("Generated"), None), (evaluation.generated_at, DATETIME_FORMAT)],
    ]
    widths = _widths(top + table, len(headers))
    _set_widths(sheet, widths)
    header_row = 2 + len(top) + 1
    sheet.freeze_panes = f"B{header_row + 1}"
    sheet.append([_cell(sheet, evaluation.shop_name, font=_TITLE)])
    title = t("Service evaluation {period}").format(period=now.label())
    sheet.append([_cell(sheet, title, font=_BOLD)])
    for values in top:
        sheet.append([_cell(sheet, value, number_format) for value, number_format in values])
    sheet.append(_header(sheet, headers))
    for row, values in zip(rows, table[1:], strict=True):
        cells = [_cell(sheet, value, number_format) for value, number_format in values[1:]]
        alignment = _INDENTED if row.indent else None
        sheet.append([_cell(sheet, t(row.label), alignment=alignment), *cells])
    sheet.append([])
    sheet.append([_cell(sheet, t("Notes"), font=_BOLD)])
    _footnotes(sheet, translate, widths, header_row + len(rows) + 3)


def _footnotes(
    sheet: WriteOnlyWorksheet, translate: Translator, widths: Sequence[int], first_row: int
) -> None:
    """Each definition wrapped across the table's width (Excel does not grow merged rows:
    the height is set from the text's width)."""
    across = sum(column_width(w) for w in widths)
    last = get_column_letter(len(widths))
    for offset, (_key, text) in enumerate(DEFINITIONS):
        row = first_row + offset
        note = f"{offset + 1}. {translate(text)}"
        lines = -(-display_width(note) // max(across - 4, 10))
        sheet.row_dimensions[row].height = _LINE_HEIGHT * max(lines, 1) + 3
        sheet.merged_cells.add(f"A{row}:{last}{row}")
        sheet.append([_cell(sheet, note, alignment=_WRAP)])


# --- per technician -----------------------------------------------------------------------------


def _technician_sheet(sheet: WriteOnlyWorksheet, figures: Figures, translate: Translator) -> None:
    t = translate
    headers = [
        t("Technician"),
        t("Jobs completed"),
        t("Repair within 5 working days"),
        t("Count / of"),
        t("Average working days taken"),
        t("Hand-back score"),
        t("Scores given"),
        t("Complaints received"),
        t("Repeat repairs (within 90 days)"),
    ]
    table: list[list[tuple[Value, str | None]]] = [[(text, None) for text in headers]]
    for tech in figures.per_technician:
        rate = tech.repair_on_time
        table.append(
            [
                (tech.name, None),
                (tech.completed, COUNT_FORMAT),
                (rate.rate, RATE_FORMAT),
                (f"{rate.count} / {rate.of}", None),
                (tech.days_taken.average, DAYS_FORMAT),
                (tech.satisfaction.average, SCORE_FORMAT),
                (tech.satisfaction.count, COUNT_FORMAT),
                (tech.complaints, COUNT_FORMAT),
                (tech.repeat_repairs, COUNT_FORMAT),
            ]
        )
    _plain_table(sheet, table)


def _plain_table(sheet: WriteOnlyWorksheet, table: list[list[tuple[Value, str | None]]]) -> None:
    """A header row and its rows: widths fitted, header frozen, an autofilter."""
    headers = [value for value, _format in table[0]]
    _set_widths(sheet, _widths(table, len(headers)))
    _table_frame(sheet, len(headers), len(table) - 1)
    sheet.append(_header(sheet, [str(text) for text in headers]))
    for values in table[1:]:
        sheet.append([_cell(sheet, value, number_format) for value, number_format in values])


# --- break-downs and compensation ---------------------------------------------------------------


Block = tuple[str, list[tuple[str, int, int]]]  # a heading, and (name, this, previous) lines


def _breakdown_sheet(
    sheet: WriteOnlyWorksheet, evaluation: Evaluation, translate: Translator
) -> None:
    """Blocks of this period / previous period / change counts, one under the other."""
    t = translate
    columns = [t("This period"), t("Previous period"), t("Change")]
    table: list[list[tuple[Value, str | None]]] = []
    for title, lines in _breakdown_blocks(evaluation, translate):
        table.append([(title, None), *((text, None) for text in columns)])
        table += [
            [
                (name, None),
                (a, COUNT_FORMAT),
                (b, COUNT_FORMAT),
                (a - b, CHANGE_FORMATS[COUNT_FORMAT]),
            ]
            for name, a, b in lines
        ]
    _set_widths(sheet, _widths(table, 4))
    first = True
    for values in table:
        if values[1][1] is None:  # a block's heading
            if not first:
                sheet.append([])
            first = False
            sheet.append(_header(sheet, [str(value) for value, _format in values]))
        else:
            sheet.append([_cell(sheet, value, number_format) for value, number_format in values])


def _breakdown_blocks(evaluation: Evaluation, translate: Translator) -> list[Block]:
    """Received by service, category and brand; complaints by category; working days taken;
    both score distributions: each line's name with this period's and the previous count."""
    t = translate
    now, before = evaluation.current, evaluation.previous

    def by_key(
        keys: Iterable[Any], get: Callable[[Figures], Mapping[Any, int]]
    ) -> list[tuple[str, int, int]]:
        return [(t(label(k)), get(now).get(k, 0), get(before).get(k, 0)) for k in keys]

    services = [
        kind
        for kind in ServiceKind
        if kind is not ServiceKind.CONSULTATION
        or now.received.by_service.get(kind)
        or before.received.by_service.get(kind)
    ]
    brands_now, brands_before = dict(now.received.by_brand), dict(before.received.by_brand)
    brands = list(brands_now) + [b for b in brands_before if b not in brands_now]
    scores = [str(score) for score in SCORES]
    return [
        (t("Received by service"), by_key(services, lambda f: f.received.by_service)),
        (t("Received by category"), by_key(Category, lambda f: f.received.by_category)),
        (
            t("Received by brand"),
            [(b, brands_now.get(b, 0), brands_before.get(b, 0)) for b in brands],
        ),
        (
            t("Complaints by category"),
            by_key(ComplaintCategory, lambda f: f.complaints.by_category),
        ),
        (
            t("Working days taken"),
            _paired(DAY_BUCKETS, now.working_days_taken.buckets, before.working_days_taken.buckets),
        ),
        (
            t("Hand-back score"),
            _paired(
                scores,
                now.satisfaction.hand_back.distribution,
                before.satisfaction.hand_back.distribution,
            ),
        ),
        (
            t("Follow-up call score"),
            _paired(
                scores,
                now.satisfaction.follow_up.distribution,
                before.satisfaction.follow_up.distribution,
            ),
        ),
    ]


def _paired(
    names: Sequence[str], now: Sequence[int], before: Sequence[int]
) -> list[tuple[str, int, int]]:
    return list(zip(names, now, before, strict=True))


def _compensation_sheet(
    sheet: WriteOnlyWorksheet, evaluation: Evaluation, translate: Translator
) -> None:
    t = translate
    headers = [
        t("Kind of compensation"),
        t("Times given"),
        t("Amount"),
        t("Months"),
        t("Previous period: times given"),
        t("Previous period: amount"),
        t("Previous period: months"),
    ]
    table: list[list[tuple[Value, str | None]]] = [[(text, None) for text in headers]]
    for kind in OfferKind:
        now = evaluation.current.compensation.by_kind.get(kind, OfferTotal())
        before = evaluation.previous.compensation.by_kind.get(kind, OfferTotal())
        table.append(
            [
                (t(label(kind)), None),
                *_offer_cells(now),
                *_offer_cells(before),
            ]
        )
    _plain_table(sheet, table)


def _offer_cells(total: OfferTotal) -> list[tuple[Value, str | None]]:
    return [
        (total.count, COUNT_FORMAT),
        (yuan_number(total.amount_cents), MONEY_FORMAT),
        (total.months, COUNT_FORMAT),
    ]


# --- the jobs -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    header: str  # N_-marked English
    number_format: str | None
    value: Callable[[PeriodJob, Translator], Value]


def _on_time(outcome: bool | None, translate: Translator) -> str | None:
    if outcome is None:
        return None
    return translate(N_("in time")) if outcome else translate(N_("late"))


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else yuan_number(cents)


JOB_COLUMNS: tuple[_Column, ...] = (
    _Column(N_("Job number"), None, lambda j, t: j.number),
    _Column(N_("Checked in"), DATETIME_FORMAT, lambda j, t: j.checked_in_at),
    _Column(N_("Service"), None, lambda j, t: t(label(j.service))),
    _Column(N_("Category"), None, lambda j, t: t(label(j.category))),
    _Column(N_("Brand"), None, lambda j, t: j.brand),
    _Column(N_("Model"), None, lambda j, t: j.model),
    _Column(N_("Customer"), None, lambda j, t: j.customer),
    _Column(N_("Phone"), None, lambda j, t: j.masked_phone),
    _Column(N_("Status"), None, lambda j, t: t(label_of(Status, j.status))),
    _Column(N_("Coverage"), None, lambda j, t: t(label_of(Coverage, j.coverage))),
    _Column(N_("Technician"), None, lambda j, t: j.technician or None),
    _Column(N_("Response due"), DATETIME_FORMAT, lambda j, t: j.response_due_at),
    _Column(N_("First response"), DATETIME_FORMAT, lambda j, t: j.first_response_at),
    _Column(
        N_("First response within 24 hours"),
        None,
        lambda j, t: _on_time(j.first_response_on_time, t),
    ),
    _Column(N_("Repair due"), DATE_FORMAT, lambda j, t: j.repair_due_date),
    _Column(N_("Ready for pickup"), DATETIME_FORMAT, lambda j, t: j.ready_at),
    _Column(N_("Working days taken"), None, lambda j, t: j.working_days_taken),
    _Column(N_("Repair within 5 working days"), None, lambda j, t: _on_time(j.repair_on_time, t)),
    _Column(N_("Handed back"), DATETIME_FORMAT, lambda j, t: j.returned_at),
    _Column(N_("Hand-back score"), None, lambda j, t: j.satisfaction_score),
    _Column(N_("Amount paid"), MONEY_FORMAT, lambda j, t: _money(j.amount_paid_cents)),
)


@dataclass(frozen=True)
class _Measured:
    rows: int
    widths: tuple[int, ...]


def _spool_jobs(jobs: Iterable[PeriodJob], translate: Translator, spool: IO[bytes]) -> _Measured:
    """Each job's cell values to `spool`, one pickle per row, measuring the columns on the way
    (a write-only sheet needs its widths before its first row)."""
    widest = [display_width(translate(column.header)) for column in JOB_COLUMNS]
    count = 0
    for job in jobs:
        values = tuple(_job_value(column, job, translate) for column in JOB_COLUMNS)
        for index, (column, value) in enumerate(zip(JOB_COLUMNS, values, strict=True)):
            width = value_width(value, column.number_format)
            if width > widest[index]:
                widest[index] = width
        pickle.dump(values, spool, protocol=pickle.HIGHEST_PROTOCOL)
        count += 1
    return _Measured(count, tuple(widest))


def _job_value(column: _Column, job: PeriodJob, translate: Translator) -> Value:
    value = column.value(job, translate)
    return clean_text(value) if isinstance(value, str) else value


def _spooled(spool: IO[bytes], rows: int) -> Iterator[tuple[Any, ...]]:
    for _row in range(rows):
        yield pickle.load(spool)  # our own temporary file, written just now


def _jobs_sheet(
    sheet: WriteOnlyWorksheet, measured: _Measured, spool: IO[bytes], translate: Translator
) -> None:
    _set_widths(sheet, measured.widths)
    _table_frame(sheet, len(JOB_COLUMNS), measured.rows)
    sheet.append(_header(sheet, [translate(column.header) for column in JOB_COLUMNS]))
    formats = [column.number_format for column in JOB_COLUMNS]
    for values in _spooled(spool, measured.rows):
        sheet.append(
            [
                _cell(sheet, value, number_format)
                if number_format or (isinstance(value, str) and looks_like_formula(value))
                else value
                for value, number_format in zip(values, formats, strict=True)
            ]
        )
