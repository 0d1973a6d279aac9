"""`repair-counter takings` (parser in cli.py): the day's (or a shift's) takings as a table for
people, JSON for programs (amounts in integer cents, stable keys), or a PDF (-o).

Everything printed or written comes from the one `Takings` the service computed. The command
acts as the person named by --user: a clerk gets their own takings, a manager everyone's (or
one workstation's, one clerk's).
"""

from __future__ import annotations

import argparse
import io
import json
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import parse_typed_date
from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, require
from desktop_app.domain.takings import Shift, Takings, TakingsQuery, Totals
from desktop_app.domain.text import N_, Text, Translator, no_translation
from desktop_app.domain.vocabulary import PAYMENT_LABELS
from desktop_app.services import Services

if TYPE_CHECKING:
    from desktop_app.people_cli import PasswordReader

# The query's field names as the options that typed them.
OPTIONS = {
    "date": "--date",
    "from": "--from",
    "to": "--to",
    "clerk": "--clerk",
    "workstation": "--workstation",
}
NOT_A_DATE = N_("not a date: write it as year-month-day, e.g. 2026-11-30")


def query_from(args: argparse.Namespace, today: date) -> TakingsQuery:
    """The day (today unless --date), the shift (--from, --to) and the filters; InvalidInput
    naming the option otherwise."""
    try:
        day = _day(args.date, today)
        shift = Shift.of(day, args.start or "", args.end or "")
    except InvalidInput as error:
        raise InvalidInput(
            [replace(p, field=OPTIONS.get(p.field, p.field)) for p in error.problems]
        ) from None
    if args.output is not None:
        if args.format != "table":
            raise InvalidInput.single("--format", N_("-o writes a PDF: leave --format out"))
        if Path(args.output).suffix.lower() != ".pdf" or args.output.endswith("/"):
            raise InvalidInput.single("--output", N_("the takings are written as a .pdf file"))
    return TakingsQuery(shift, args.workstation or None, args.clerk or None)


def _day(typed: str | None, today: date) -> date:
    if typed is None:
        return today
    try:
        found = parse_typed_date(typed)
    except ValueError:
        found = None
    if found is None or found >= date.max:
        raise InvalidInput.single("date", NOT_A_DATE)
    return found


@contextmanager
def signed_in(
    services: Services, args: argparse.Namespace, reader: PasswordReader
) -> Iterator[Actor]:
    """The person named by --user (a clerk or a manager), signed in for the command."""
    from desktop_app.people_cli import Refused

    if not args.user:
        raise Refused(
            "takings acts as a member of staff: add --user USERNAME (the password is asked on "
            "the terminal, or read from standard input with --password-stdin)"
        )
    password = reader.read(f"{args.user}'s")
    actor = services.auth.sign_in(args.user, password)
    del password
    try:
        require(actor.role, Action.VIEW_TAKINGS)
        yield actor
    finally:
        services.auth.sign_out(actor)


def run_takings(
    args: argparse.Namespace,
    services: Services,
    reader: PasswordReader,
    out: TextIO,
    translate: Translator,
    today: date,
) -> int:
    query = query_from(args, today)  # a mistyped date is said before any password is asked
    with signed_in(services, args, reader) as actor:
        try:
            report = services.takings.report(query, actor)
        except InvalidInput as error:
            raise InvalidInput(
                [replace(p, field=OPTIONS.get(p.field, p.field)) for p in error.problems]
            ) from None
    if args.output is not None:
        from desktop_app.receipts.takings_report import write_takings_pdf

        paper = args.paper or services.shop.settings().receipt_paper
        written = write_takings_pdf(report, args.output, translate, paper)
        out.write(f"{written}\n")
        return 0
    if args.format == "json":
        json.dump(report.to_json(), out, ensure_ascii=False, indent=2, sort_keys=False)
        out.write("\n")
    else:
        print_table(report, out, translate)
    out.flush()
    return 0


def print_table(report: Takings, out: TextIO, translate: Translator) -> None:
    t = translate
    query = report.query
    out.write(f"{_printable(report.shop_name)}\n")
    out.write(
        Text(
            N_("Day's takings {shift} · workstation: {workstation} · clerk: {clerk}"),
            shift=query.shift.label(),
            workstation=_printable(query.workstation or t(N_("all"))),
            clerk=_printable(report.clerk_name or query.clerk or t(N_("all"))),
        ).render(t)
        + "\n\n"
    )
    _write_columns(_method_rows(report.total, t), out)
    out.write("\n")
    total = report.total
    for label, cents in (
        (N_("Deposits used"), total.deposits_used_cents),
        (N_("Expected cash"), total.expected_cash_cents),
    ):
        out.write(f"{t(label)}: {yuan(cents)}\n")
    for count in report.counts:
        out.write(
            Text(
                N_(
                    "Drawer {workstation} ({shift}): counted {counted}, expected {expected}, "
                    "difference {difference}, by {name} at {at}"
                ),
                workstation=_printable(count.workstation),
                shift=count.shift.label(),
                counted=yuan(count.counted_cents),
                expected=yuan(count.expected_cents),
                difference=yuan(count.difference_cents),
                name=_printable(count.counted_by),
                at=f"{count.at:%Y-%m-%d %H:%M}",
            ).render(t)
            + (f" · {_printable(count.note)}" if count.note else "")
            + "\n"
        )
    for title, groups in (
        (N_("Workstation"), report.per_workstation),
        (N_("Clerk"), report.per_clerk),
    ):
        if not groups:
            continue
        out.write("\n")
        table = [
            [
                t(title),
                t(N_("Payments")),
                t(N_("Deposits")),
                t(N_("Refunds")),
                t(N_("Net")),
                t(N_("Expected cash")),
            ]
        ]
        table += [
            [
                _printable(g.name),
                yuan(g.totals.payments_cents),
                yuan(g.totals.deposits_cents),
                yuan(g.totals.refunds_cents),
                yuan(g.totals.net_cents),
                yuan(g.totals.expected_cash_cents),
            ]
            for g in groups
        ]
        _write_columns(table, out)
    out.write("\n")
    table = [
        [
            t(N_("Time")),
            t(N_("Job")),
            t(N_("Kind")),
            t(N_("Method")),
            t(N_("By")),
            t(N_("Workstation")),
            t(N_("Amount")),
        ]
    ]
    table += [
        [
            f"{line.at:%H:%M:%S}",
            line.job_number,
            t(PAYMENT_KIND_LABELS[line.kind]),
            t(PAYMENT_LABELS[line.method]) if line.method else "—",
            _printable(line.taken_by),
            _printable(line.workstation),
            yuan(line.drawer_cents or line.amount_cents),
        ]
        for line in report.lines
    ]
    _write_columns(table, out, amounts_from=6)


def _method_rows(total: Totals, t: Translator) -> list[list[str]]:
    rows = [[t(N_("Method")), t(N_("Payments")), t(N_("Deposits")), t(N_("Refunds")), t(N_("Net"))]]
    rows += [
        [
            t(PAYMENT_LABELS[m.method]),
            yuan(m.payments_cents),
            yuan(m.deposits_cents),
            yuan(m.refunds_cents),
            yuan(m.net_cents),
        ]
        for m in total.by_method
    ]
    rows.append(
        [
            t(N_("Total")),
            yuan(total.payments_cents),
            yuan(total.deposits_cents),
            yuan(total.refunds_cents),
            yuan(total.net_cents),
        ]
    )
    return rows


def _write_columns(table: list[list[str]], out: TextIO, amounts_from: int = 1) -> None:
    widths = [max(_width(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        cells = [
            " " * (width - _width(cell)) + cell
            if i >= amounts_from
            else cell + " " * (width - _width(cell))
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def _printable(text: str) -> str:
    """A name as a terminal may print it: control and direction characters show as "?"."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_text(report: Takings, translate: Translator = no_translation) -> str:
    buffer = io.StringIO()
    print_table(report, buffer, translate)
    return buffer.getvalue()
