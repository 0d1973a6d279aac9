"""The evaluation's figures as CSV: the rows of `figure_rows`, with their stable keys, for a
spreadsheet or a program.

It starts with a UTF-8 byte-order mark, as every CSV the application writes does: without it
Excel on a Chinese Windows reads UTF-8 as the local code page and the labels turn to mojibake.
Numbers are plain (rates as fractions with their count and base beside them, money in yuan
with two decimals, exactly); the label is in the reader's language.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from desktop_app.domain.evaluation import Evaluation, FigureRow, Unit, figure_rows
from desktop_app.domain.text import Translator
from desktop_app.receipts.output_files import UTF8_BOM, save_new_or_ours, text_is_ours
from desktop_app.receipts.spreadsheet_cells import yuan_number

CSV_COLUMNS = (
    "key",
    "label",
    "unit",
    "current",
    "previous",
    "change",
    "count",
    "of",
    "previous_count",
    "previous_of",
    "note",
)


def evaluation_csv(evaluation: Evaluation, translate: Translator) -> str:
    out = io.StringIO(newline="")
    out.write(UTF8_BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in figure_rows(evaluation):
        count, of = _count_of(row.detail)
        previous_count, previous_of = _count_of(row.previous_detail)
        writer.writerow(
            (
                row.key,
                translate(row.label),
                row.unit.value,
                _number(row, row.current),
                _number(row, row.previous),
                _number(row, row.change),
                count,
                of,
                previous_count,
                previous_of,
                row.note if row.note is not None else "",
            )
        )
    return out.getvalue()


def write_evaluation_csv(
    evaluation: Evaluation, translate: Translator, path: str | os.PathLike[str]
) -> Path:
    """The CSV to `path`, never over a file we did not make (NotOurFile)."""
    data = evaluation_csv(evaluation, translate).encode("utf-8")
    header = ",".join(CSV_COLUMNS)
    return save_new_or_ours(path, lambda stream: stream.write(data), text_is_ours(header))


def _number(row: FigureRow, value: float | int | None) -> str:
    if value is None:
        return ""
    if row.unit is Unit.MONEY:
        return str(yuan_number(int(value)))
    if row.unit is Unit.COUNT:
        return str(value)
    return repr(float(value))  # the fraction or average as it is: nothing rounded away


def _count_of(detail: str) -> tuple[str, str]:
    """A rate's "46 / 50" (evaluation._detail) as its two numbers; nothing for other rows."""
    if not detail:
        return "", ""
    count, _slash, of = detail.partition(" / ")
    return count, of
