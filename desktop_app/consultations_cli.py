"""`repair-counter consultations`: the consultation log for scripting and export. Phones are
masked (the export leaves the counter); the CSV opens in a spreadsheet with its Chinese intact
(UTF-8 with a byte-order mark)."""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from desktop_app.domain.consultations import (
    ConsultationFilter,
    ConsultationQuery,
    ConsultationRow,
)
from desktop_app.domain.text import N_, Text, Translator, no_translation, one_or_many
from desktop_app.domain.vocabulary import (
    CATEGORY_LABELS,
    CONSULTATION_CHANNEL_LABELS,
    CONSULTATION_STATE_LABELS,
)
from desktop_app.services import Services

COLUMNS = (
    "number",
    "received_at",
    "channel",
    "phone",
    "caller",
    "category",
    "product",
    "question",
    "state",
    "callback_due",
    "overdue",
    "answered_by",
    "called_back_by",
    "job",
)
TABLE_HEADERS = (
    N_("consultation number"),
    N_("received at"),
    N_("channel"),
    N_("phone"),
    N_("caller"),
    N_("product"),
    N_("question"),
    N_("state"),
    N_("callback due"),
    N_("job"),
)
OVERDUE = N_("callback overdue")
QUESTION_WIDTH = 30  # terminal columns of the question in the table


def record(row: ConsultationRow, now: datetime) -> dict:
    return {
        "number": row.number,
        "received_at": row.received_at.isoformat(sep=" "),
        "channel": row.channel.value,
        "phone": row.masked_phone,
        "caller": row.caller_name,
        "category": row.category.value if row.category is not None else "",
        "product": row.product,
        "question": row.question,
        "state": row.state.value,
        "callback_due": row.callback_due_at.isoformat(sep=" ") if row.callback_due_at else "",
        "overdue": row.overdue(now),
        "answered_by": row.answered_by,
        "called_back_by": row.called_back_by,
        "job": row.job_number,
    }


def run_consultations(
    services: Services,
    args: argparse.Namespace,
    out: TextIO,
    translate: Translator = no_translation,
) -> int:
    which = ConsultationFilter.AWAITING_CALLBACK if args.open else ConsultationFilter.ALL
    rows = services.consultations.list(ConsultationQuery(which, args.search), limit=None)
    now = datetime.now()
    if args.format == "json":
        json.dump([record(row, now) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(record(row, now) for row in rows)
    else:
        _table(rows, now, out, translate)
    return 0


def _table(rows: tuple[ConsultationRow, ...], now: datetime, out: TextIO, t: Translator) -> None:
    def due(row: ConsultationRow) -> str:
        if row.callback_due_at is None:
            return "-"
        text = f"{row.callback_due_at:%Y-%m-%d %H:%M}"
        return f"{text} {t(OVERDUE)}" if row.overdue(now) else text

    def product(row: ConsultationRow) -> str:
        category = t(CATEGORY_LABELS[row.category]) if row.category is not None else ""
        return " ".join(part for part in (category, row.product) if part) or "-"

    table = [
        [
            row.number,
            f"{row.received_at:%Y-%m-%d %H:%M}",
            t(CONSULTATION_CHANNEL_LABELS[row.channel]),
            row.masked_phone,
            row.caller_name or "-",
            product(row),
            _cut(" ".join(row.question.split()), QUESTION_WIDTH),
            t(CONSULTATION_STATE_LABELS[row.state]),
            due(row),
            row.job_number or "-",
        ]
        for row in rows
    ]
    print_table([t(header) for header in TABLE_HEADERS], table, out)
    many = one_or_many(
        len(table), one=N_("({count} consultation)"), many=N_("({count} consultations)")
    )
    out.write(Text(many, count=len(table)).render(t) + "\n")


def _cut(text: str, width: int) -> str:
    """At most `width` terminal columns, an ellipsis where it was cut."""
    if display_width(text) <= width:
        return text
    kept = ""
    for ch in text:
        if display_width(kept + ch) > width - 1:
            break
        kept += ch
    return kept + "…"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns aligned for a terminal, where a Chinese character takes two columns."""
    widths = [
        max([display_width(h)] + [display_width(row[i]) for row in rows])
        for i, h in enumerate(headers)
    ]
    for line in [list(headers), *rows]:
        cells = (
            cell + " " * (w - display_width(cell)) for cell, w in zip(line, widths, strict=True)
        )
        out.write("  ".join(cells).rstrip() + "\n")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
