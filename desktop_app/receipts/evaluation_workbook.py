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

import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
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
    column_width,
    display_width,
    sheet_title,
    value_width,
    yuan_number,
)
from desktop_app.receipts.spreadsheet_table import (
    BOLD,
    Measured,
    TableColumn,
    Value,
    abandon,
    remembering,
    spool_rows,
    write_table,
)
from desktop_app.receipts.spreadsheet_table import cell as _cell
from desktop_app.receipts.spreadsheet_table import header as _header
from desktop_app.receipts.spreadsheet_table import set_widths as _set_widths
from desktop_app.receipts.spreadsheet_table import table_frame as _table_frame

UNIT_FORMATS: dict[Unit, str] = {
    Unit.COUNT: COUNT_FORMAT,
    Unit.RATE: RATE_FORMAT,
    Unit.DAYS: DAYS_FORMAT,
    Unit.SCORE: SCORE_FORMAT,
    Unit.MONEY: MONEY_FORMAT,
}
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_INDENTED = Alignment(indent=2)
_LINE_HEIGHT = 15  # points per line of wrapped text at the default font


def evaluation_workbook(
    evaluation: Evaluation,
    jobs: Iterable[PeriodJob],
    translate: Translator,
    path: str | os.PathLike[str],
) -> Path:
    """Writes the workbook to `path` (a new file, or one of our workbooks nobody changed since:
    anything else raises NotOurFile) and returns the path."""
    translate = remembering(translate)
    with tempfile.TemporaryFile() as spool:
        measured = spool_rows(jobs, JOB_COLUMNS, translate, spool)
        spool.seek(0)
        return save_new_or_ours(
            path,
            lambda stream: _write(evaluation, measured, spool, translate, stream),
            workbook_is_ours,
        )


def _write(
    evaluation: Evaluation,
    measured: Measured,
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
        abandon(book)
        raise


@dataclass
class _Sheets:
    book: Workbook
    taken: set[str]

    def new(self, title: str) -> WriteOnlyWorksheet:
        return self.book.create_sheet(sheet_title(title, self.taken))


# --- cells ---------------------------------------------------------------------------------------


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
    sheet.append([_cell(sheet, title, font=BOLD)])
    for values in top:
        sheet.append([_cell(sheet, value, number_format) for value, number_format in values])
    sheet.append(_header(sheet, headers))
    for row, values in zip(rows, table[1:], strict=True):
        cells = [_cell(sheet, value, number_format) for value, number_format in values[1:]]
        alignment = _INDENTED if row.indent else None
        sheet.append([_cell(sheet, t(row.label), alignment=alignment), *cells])
    sheet.append([])
    sheet.append([_cell(sheet, t("Notes"), font=BOLD)])
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


def _on_time(outcome: bool | None, translate: Translator) -> str | None:
    if outcome is None:
        return None
    return translate(N_("in time")) if outcome else translate(N_("late"))


def _money(cents: int | None) -> Decimal | None:
    return None if cents is None else yuan_number(cents)


JOB_COLUMNS: tuple[TableColumn[PeriodJob], ...] = (
    TableColumn(N_("Job number"), None, lambda j, t: j.number),
    TableColumn(N_("Checked in"), DATETIME_FORMAT, lambda j, t: j.checked_in_at),
    TableColumn(N_("Service"), None, lambda j, t: t(label(j.service))),
    TableColumn(N_("Category"), None, lambda j, t: t(label(j.category))),
    TableColumn(N_("Brand"), None, lambda j, t: j.brand),
    TableColumn(N_("Model"), None, lambda j, t: j.model),
    TableColumn(N_("Customer"), None, lambda j, t: j.customer),
    TableColumn(N_("Phone"), None, lambda j, t: j.masked_phone),
    TableColumn(N_("Status"), None, lambda j, t: t(label_of(Status, j.status))),
    TableColumn(N_("Coverage"), None, lambda j, t: t(label_of(Coverage, j.coverage))),
    TableColumn(N_("Technician"), None, lambda j, t: j.technician or None),
    TableColumn(N_("Response due"), DATETIME_FORMAT, lambda j, t: j.response_due_at),
    TableColumn(N_("First response"), DATETIME_FORMAT, lambda j, t: j.first_response_at),
    TableColumn(
        N_("First response within 24 hours"),
        None,
        lambda j, t: _on_time(j.first_response_on_time, t),
    ),
    TableColumn(N_("Repair due"), DATE_FORMAT, lambda j, t: j.repair_due_date),
    TableColumn(N_("Ready for pickup"), DATETIME_FORMAT, lambda j, t: j.ready_at),
    TableColumn(N_("Working days taken"), None, lambda j, t: j.working_days_taken),
    TableColumn(
        N_("Repair within 5 working days"), None, lambda j, t: _on_time(j.repair_on_time, t)
    ),
    TableColumn(N_("Handed back"), DATETIME_FORMAT, lambda j, t: j.returned_at),
    TableColumn(N_("Hand-back score"), None, lambda j, t: j.satisfaction_score),
    TableColumn(N_("Amount paid"), MONEY_FORMAT, lambda j, t: _money(j.amount_paid_cents)),
)


def _jobs_sheet(
    sheet: WriteOnlyWorksheet, measured: Measured, spool: IO[bytes], translate: Translator
) -> None:
    write_table(sheet, JOB_COLUMNS, measured, spool, translate)
