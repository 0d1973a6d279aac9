"""`repair-counter complaints` (parser in cli.py): the complaints register for scripting and
export.

Phones are always masked: a complaint's list is read by whoever runs the command, and nothing
here needs the whole number. CSV starts with a UTF-8 byte-order mark (a spreadsheet then reads
the Chinese right); JSON has the same keys for every record, in a stable order.
"""

from __future__ import annotations

import argparse
import csv
import json
import unicodedata
from typing import TextIO

from desktop_app.domain.complaints import ComplaintQuery, ComplaintRow
from desktop_app.domain.text import N_, Text, Translator, no_translation, one_or_many
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    label,
    label_of,
)
from desktop_app.services import Services

COLUMNS = (
    "number",
    "state",
    "channel",
    "category",
    "customer",
    "phone",
    "job",
    "received_at",
    "acknowledge_due_at",
    "resolve_due_date",
    "acknowledge_overdue",
    "resolve_overdue",
)
TABLE_HEADERS = (
    N_("number"),
    N_("state"),
    N_("channel"),
    N_("category"),
    N_("customer"),
    N_("phone"),
    N_("job"),
    N_("received"),
    N_("call back by"),
    N_("resolve by"),
    N_("overdue"),
)


def record(row: ComplaintRow) -> dict[str, object]:
    return {
        "number": row.number,
        "state": row.state.value,
        "channel": row.channel,
        "category": row.category,
        "customer": row.customer_name,
        "phone": row.masked_phone,
        "job": row.job_number,
        "received_at": row.received_at.isoformat(),
        "acknowledge_due_at": (
            row.acknowledge_due_at.isoformat() if row.acknowledge_due_at else None
        ),
        "resolve_due_date": row.resolve_due_date.isoformat() if row.resolve_due_date else None,
        "acknowledge_overdue": row.acknowledge_overdue,
        "resolve_overdue": row.resolve_overdue,
    }


def run_complaints(
    args: argparse.Namespace,
    services: Services,
    out: TextIO,
    translate: Translator = no_translation,
) -> int:
    rows = services.complaints.search(ComplaintQuery(open_only=args.open), limit=None)
    records = [record(row) for row in rows]
    if args.format == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_table(rows, out, translate)
    return 0


def _print_table(rows: tuple[ComplaintRow, ...], out: TextIO, translate: Translator) -> None:
    t = translate
    headers = [t(header) for header in TABLE_HEADERS]
    table = [
        [
            row.number or "-",
            t(label(row.state)),
            t(label_of(ComplaintChannel, row.channel)),
            t(label_of(ComplaintCategory, row.category)),
            row.customer_name,
            row.masked_phone,
            row.job_number or "-",
            f"{row.received_at:%Y-%m-%d %H:%M}",
            f"{row.acknowledge_due_at:%Y-%m-%d %H:%M}" if row.acknowledge_due_at else "-",
            row.resolve_due_date.isoformat() if row.resolve_due_date else "-",
            t(N_("overdue")) if row.overdue else "",
        ]
        for row in rows
    ]
    widths = [max([_width(h)] + [_width(line[i]) for line in table]) for i, h in enumerate(headers)]
    for line in [headers, *table]:
        out.write(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(line, widths, strict=True)).rstrip()
            + "\n"
        )
    count = one_or_many(len(table), one=N_("({count} complaint)"), many=N_("({count} complaints)"))
    out.write(Text(count, count=len(table)).render(t) + "\n")


def _width(text: str) -> int:
    """Chinese characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
