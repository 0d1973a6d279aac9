"""`repair-counter pickups`: the devices ready but not collected after the shop's days, with
their reminders, for scripting and export. Phones are masked (the list leaves the counter);
the CSV opens in a spreadsheet with its Chinese intact (UTF-8 with a byte-order mark)."""

from __future__ import annotations

import argparse
import csv
import json
from typing import TextIO

from desktop_app.consultations_cli import print_table
from desktop_app.domain.money import plain_yuan
from desktop_app.domain.pickup import PickupRow
from desktop_app.domain.text import N_, Text, Translator, no_translation, one_or_many
from desktop_app.services import Services

COLUMNS = (
    "number",
    "ready_at",
    "days_waiting",
    "customer",
    "phone",
    "product",
    "total",
    "reminders",
    "last_reminder_at",
)
TABLE_HEADERS = (
    N_("job number"),
    N_("ready since"),
    N_("days waiting"),
    N_("customer"),
    N_("phone"),
    N_("product"),
    N_("total (¥)"),
    N_("reminders"),
    N_("last reminder"),
)


def record(row: PickupRow) -> dict:
    return {
        "number": row.number,
        "ready_at": row.ready_at.isoformat(sep=" "),
        "days_waiting": row.days_waiting,
        "customer": row.customer_name,
        "phone": row.masked_phone,
        "product": row.product,
        "total": plain_yuan(row.total_cents),
        "reminders": row.reminders,
        "last_reminder_at": (
            row.last_reminder_at.isoformat(sep=" ") if row.last_reminder_at else ""
        ),
    }


def run_pickups(
    services: Services,
    args: argparse.Namespace,
    out: TextIO,
    translate: Translator = no_translation,
) -> int:
    rows = services.pickup.waiting(None)
    if args.format == "json":
        json.dump([record(row) for row in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write("\ufeff")
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(record(row) for row in rows)
    else:
        _table(rows, out, translate)
    return 0


def _table(rows: tuple[PickupRow, ...], out: TextIO, t: Translator) -> None:
    table = [
        [
            row.number,
            f"{row.ready_at:%Y-%m-%d %H:%M}",
            str(row.days_waiting),
            row.customer_name,
            row.masked_phone,
            row.product or "-",
            plain_yuan(row.total_cents),
            str(row.reminders),
            f"{row.last_reminder_at:%Y-%m-%d %H:%M}" if row.last_reminder_at else "-",
        ]
        for row in rows
    ]
    print_table([t(header) for header in TABLE_HEADERS], table, out)
    many = one_or_many(
        len(table),
        one=N_("({count} device waiting for pickup)"),
        many=N_("({count} devices waiting for pickup)"),
    )
    out.write(Text(many, count=len(table)).render(t) + "\n")
