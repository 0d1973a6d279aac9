"""The `repair-counter` command: no subcommand opens the window; the rest are admin tools."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from desktop_app.data.location import ENV_DATABASE_URL, DatabaseProblem, resolve_url
from desktop_app.domain.errors import DomainError
from desktop_app.domain.forms import DueFilter, JobQuery
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.text import Translator
from desktop_app.domain.workdays import DueState, WorkCalendar, repair_clock
from desktop_app.domain.workflow import REPAIR_CLOCK_RUNNING, STATUS_LABELS, Status

if TYPE_CHECKING:  # the window's start-up must not wait for SQLAlchemy (see app.py)
    from desktop_app.data.db import Database
    from desktop_app.services import Services

log = logging.getLogger(__name__)

JOB_COLUMNS = (
    "number",
    "customer",
    "phone",
    "product",
    "serial",
    "status",
    "checked_in",
    "response_due",
    "repair_due",
    "working_days_left",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repair-counter",
        description=(
            "After-sales service counter: check products in, track every repair against the "
            "service agreement's clocks, print receipts. With no subcommand, opens the window."
        ),
        epilog=(
            f"The database is SQLite in your user data folder unless --database or "
            f"{ENV_DATABASE_URL} names another (any SQLAlchemy URL, e.g. "
            "postgresql://user@host/dbname for several workstations)."
        ),
    )
    parser.add_argument(
        "--database", metavar="URL", help=f"database URL (default: ${ENV_DATABASE_URL} or SQLite)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("window", help="open the counter window (the default)")
    commands.add_parser("migrate", help="create or upgrade the database schema, then exit")

    demo = commands.add_parser(
        "demo",
        help="fill the database with realistic demonstration jobs",
        description="Adds N realistic jobs spread over the past months, in every status, "
        "with Chinese names, real-looking products and some jobs overdue.",
    )
    demo.add_argument("--jobs", type=int, default=1000, metavar="N", help="how many (default 1000)")
    demo.add_argument("--months", type=int, default=6, help="spread over this many past months")
    demo.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")

    jobs = commands.add_parser(
        "jobs",
        help="list jobs for scripting and export",
        description="Lists jobs newest first: number, customer, phone (masked), product, serial, "
        "status, checked-in, response due, repair due, working days left (negative: overdue).",
    )
    jobs.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in Status],
        help="only this status (repeat for several)",
    )
    jobs.add_argument("--overdue", action="store_true", help="only jobs past their repair due day")
    jobs.add_argument("--search", default="", help="job number, phone fragment, name or serial")
    jobs.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")
    jobs.add_argument("--format", choices=("table", "csv", "json"), default="table")
    jobs.add_argument(
        "--full-phone", action="store_true", help="print phone numbers unmasked (staff only)"
    )

    receipt = commands.add_parser(
        "receipt",
        help="write a job's receipt as PDF (reprints, scripting)",
        description="Writes the intake or return receipt of a job to a PDF file.",
    )
    receipt.add_argument("job_number", help="e.g. R20261125-0007")
    receipt.add_argument("--kind", choices=("intake", "return"), default="intake")
    receipt.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    url = resolve_url(args.database)
    command = args.command or "window"
    if command == "window":
        from desktop_app.app import run_window

        return run_window(url)
    try:
        return _run_admin(command, args, url)
    except DatabaseProblem as error:
        print(f"repair-counter: {error}", file=sys.stderr)
        return 2
    except DomainError as error:
        print(f"repair-counter: {error}", file=sys.stderr)
        return 1


def _run_admin(command: str, args: argparse.Namespace, url: str) -> int:
    from desktop_app.data.db import open_database
    from desktop_app.services import Services

    database = open_database(url)
    try:
        services = Services.build(database)
        if command == "migrate":
            print(f"database ready: {database.engine.url.render_as_string(hide_password=True)}")
            return 0
        if command == "demo":
            return _demo(args, database)
        if command == "jobs":
            return _jobs(args, services, sys.stdout)
        if command == "receipt":
            from desktop_app.receipts.cli import write_receipt

            translate = _receipt_translator(services.shop.settings().language)
            return write_receipt(services, args.job_number, args.kind, args.output, translate)
        raise AssertionError(command)
    finally:
        database.dispose()


def _receipt_translator(language: str) -> Translator:
    """Receipts print in the shop's language (or the system's), as the window's do."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui.resources import install_translator, text_translator

    app = QCoreApplication.instance() or QCoreApplication([])
    install_translator(app, language)
    return text_translator()


def _demo(args: argparse.Namespace, database: Database) -> int:
    from desktop_app.services.demo import DemoGenerator

    if args.jobs < 1:
        print("repair-counter: --jobs must be at least 1", file=sys.stderr)
        return 2
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        line = f"  {done:,} / {total:,} jobs ({100 * done // total}%)"
        if interactive:
            print(f"\r{line}", end="", file=sys.stderr, flush=True)
        else:
            print(line, file=sys.stderr, flush=True)

    generator = DemoGenerator(database, seed=args.seed, months=args.months)
    result = generator.run(args.jobs, datetime.now().replace(microsecond=0), progress)
    if interactive:
        print(file=sys.stderr)
    print(
        f"added {result.jobs:,} jobs and {result.events:,} events in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


def _iter_rows(services: Services, query: JobQuery, limit: int) -> Iterator[JobRow]:
    after = None
    yielded = 0
    while True:
        page = services.jobs.search(query, after=after, limit=1000)
        for row in page.rows:
            yield row
            yielded += 1
            if limit and yielded >= limit:
                return
        if page.next_cursor is None:
            return
        after = page.next_cursor


def job_record(row: JobRow, calendar: WorkCalendar, now: datetime, full_phone: bool) -> dict:
    left: int | None = None
    if row.status in REPAIR_CLOCK_RUNNING:
        clock = repair_clock(calendar, row.repair_due_date, now.date())
        left = -clock.overdue_by if clock.state is DueState.OVERDUE else clock.working_days_left
    return {
        "number": row.number,
        "customer": row.customer_name,
        "phone": row.phone if full_phone else row.masked_phone,
        "product": row.product,
        "serial": row.serial,
        "status": row.status.value,
        "checked_in": row.checked_in_at.isoformat(sep=" "),
        "response_due": row.response_due_at.isoformat(sep=" "),
        "repair_due": row.repair_due_date.isoformat(),
        "working_days_left": left,
    }


def _jobs(args: argparse.Namespace, services: Services, out: TextIO) -> int:
    query = JobQuery(
        text=args.search,
        statuses=frozenset(Status(s) for s in args.status or ()),
        due=DueFilter.OVERDUE if args.overdue else None,
    )
    calendar = services.shop.calendar()
    now = datetime.now()
    records = (
        job_record(row, calendar, now, args.full_phone)
        for row in _iter_rows(services, query, args.limit)
    )
    if args.format == "json":
        json.dump(list(records), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=JOB_COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_table(list(records), out)
    return 0


def _left_text(value: int | None) -> str:
    if value is None:
        return "-"
    if value < 0:
        return f"overdue {-value}"
    return "due today" if value == 0 else f"{value} left"


def _print_table(records: list[dict], out: TextIO) -> None:
    headers = ["number", "customer", "phone", "product", "serial", "status", "checked in"]
    headers += ["repair due", "working days"]
    table = [
        [
            r["number"],
            r["customer"],
            r["phone"],
            r["product"],
            r["serial"],
            STATUS_LABELS[Status(r["status"])],
            r["checked_in"][:16],
            r["repair_due"],
            _left_text(r["working_days_left"]),
        ]
        for r in records
    ]
    widths = [
        max([_display_width(h)] + [_display_width(row[i]) for row in table])
        for i, h in enumerate(headers)
    ]
    for line in [headers, *table]:
        out.write(
            "  ".join(
                cell + " " * (w - _display_width(cell))
                for cell, w in zip(line, widths, strict=True)
            ).rstrip()
            + "\n"
        )
    out.write(f"({len(table)} jobs)\n")


def _display_width(text: str) -> int:
    """Chinese characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


if __name__ == "__main__":
    raise SystemExit(main())
