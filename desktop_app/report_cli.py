"""`repair-counter report` (parser in cli.py): the periodic service-quality evaluation for a
period, as a table for people, JSON for programs, or a PDF, workbook or CSV file.

Everything printed or written comes from one `Evaluation` the service computed, through the one
list of figure rows (domain/evaluation.figure_rows), so the table, the JSON, the PDF and the
workbook carry the same numbers. The report is a manager's: the command signs one in (--user).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TextIO

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.evaluation import (
    DEFINITIONS,
    FIRST_YEAR,
    LAST_YEAR,
    YEARS,
    Evaluation,
    Period,
    Unit,
    figure_rows,
    format_row_change,
    format_value,
)
from desktop_app.domain.forms import parse_typed_date
from desktop_app.domain.people import Actor
from desktop_app.domain.text import N_, Text, Translator, no_translation
from desktop_app.services import Services

# The files -o writes, by their extension.
OUTPUT_KINDS = (".pdf", ".xlsx", ".csv")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")


# The period's own field names (domain/evaluation.Period) as the options that typed them.
OPTIONS = {"from": "--from", "to": "--to", "month": "--month", "quarter": "--quarter"}


def period_from(args: argparse.Namespace) -> Period:
    """The period the options name: --month, --quarter, --year, or --from and --to (both).
    InvalidInput naming the option when they are missing, mixed, or not dates."""
    try:
        return _period_from(args)
    except InvalidInput as error:
        raise InvalidInput(
            [
                replace(problem, field=OPTIONS.get(problem.field, problem.field))
                for problem in error.problems
            ]
        ) from None


def _period_from(args: argparse.Namespace) -> Period:
    chosen = [name for name in ("month", "quarter", "year") if getattr(args, name)]
    ranged = args.start is not None or args.end is not None
    if len(chosen) + ranged != 1:
        raise InvalidInput.single(
            "--from",
            N_(
                "name one period: --month 2026-11, --quarter 2026-Q4, --year 2026, or "
                "--from DATE --to DATE"
            ),
        )
    if args.month:
        found = _MONTH.match(args.month.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12:
            raise InvalidInput.single("--month", N_("a month is written 2026-11"))
        return Period.month(int(found.group(1)), int(found.group(2)))
    if args.quarter:
        found = _QUARTER.match(args.quarter.strip())
        if found is None:
            raise InvalidInput.single("--quarter", N_("a quarter is written 2026-Q4"))
        return Period.quarter(int(found.group(1)), int(found.group(2)))
    if args.year:
        if not re.fullmatch(r"\d{4}", args.year.strip()):
            raise InvalidInput.single("--year", N_("a year is written 2026"))
        if not FIRST_YEAR <= int(args.year) <= LAST_YEAR:
            raise InvalidInput.single("--year", YEARS)
        return Period.year(int(args.year))
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    return Period.between(start, end)


def _date(typed: str | None, option: str) -> date:
    if typed is None or not typed.strip():
        raise InvalidInput.single(option, N_("both --from and --to are needed, as dates"))
    try:
        found = parse_typed_date(typed)
    except ValueError:
        found = None
    if found is None:
        raise InvalidInput.single(
            option, N_("not a date: write it as year-month-day, e.g. 2026-06-01")
        )
    return found


def check_output(args: argparse.Namespace) -> str | None:
    """What -o writes (None: print); refused when --format asks for another kind of output."""
    if args.output is None:
        return None
    kind = output_kind(args.output)
    if args.format != "table":
        raise InvalidInput.single(
            "--format",
            N_("-o writes the kind of file its name ends with: leave --format out"),
        )
    return kind


def output_kind(output: str) -> str:
    """.pdf, .xlsx or .csv: what -o writes, by the file's extension."""
    if not output.strip() or output.endswith(("/", os.sep)):
        raise InvalidInput.single("--output", N_("name a file to write, not a folder"))
    suffix = Path(output).suffix.lower()
    if suffix not in OUTPUT_KINDS:
        raise InvalidInput.single(
            "--output", N_("the report is written as a .pdf, .xlsx or .csv file")
        )
    return suffix


def run_report(
    args: argparse.Namespace,
    services: Services,
    actor: Actor,
    out: TextIO,
    translate: Translator,
) -> int:
    """Computes the evaluation as `actor` and prints or writes it; returns the exit status."""
    period = period_from(args)
    kind = check_output(args)
    evaluation = services.evaluation.report(period, actor)
    if kind is None:
        if args.format == "json":
            json.dump(evaluation.to_json(), out, ensure_ascii=False, indent=2)
            out.write("\n")
        elif args.format == "csv":
            out.write(evaluation_csv(evaluation, no_translation))
        else:
            print_table(evaluation, out, translate)
        out.flush()  # a reader gone (`| head`) is found here, not at the interpreter's exit
        return 0
    if kind == ".pdf":
        from desktop_app.receipts.evaluation_report import write_evaluation_pdf

        written = write_evaluation_pdf(evaluation, args.output, translate)
    elif kind == ".xlsx":
        from desktop_app.receipts.evaluation_workbook import evaluation_workbook

        jobs = services.evaluation.period_jobs(period, actor)
        written = evaluation_workbook(evaluation, jobs, translate, args.output)
    else:
        from desktop_app.receipts.evaluation_csv import write_evaluation_csv

        written = write_evaluation_csv(evaluation, translate, args.output)
    out.write(f"{written}\n")
    return 0


def evaluation_csv(evaluation: Evaluation, translate: Translator) -> str:
    from desktop_app.receipts.evaluation_csv import evaluation_csv as as_csv

    return as_csv(evaluation, translate)


def print_table(evaluation: Evaluation, out: TextIO, translate: Translator) -> None:
    """The figures, then each technician, then the definitions: the shop's language."""
    t = translate
    now, before = evaluation.current.period, evaluation.previous.period
    out.write(f"{_printable(evaluation.shop_name)}\n")
    out.write(
        Text(
            N_("Service evaluation {period} ({start} to {end}), compared with {previous}"),
            period=now.label(),
            start=now.start.isoformat(),
            end=now.end.isoformat(),
            previous=before.label(),
        ).render(t)
        + "\n\n"
    )
    rows = figure_rows(evaluation)
    table = [[t(N_("Figure")), now.label(), before.label(), t(N_("Change"))]]
    for row in rows:
        name = ("  " if row.indent else "") + t(row.label) + (f" [{row.note}]" if row.note else "")
        current = format_value(row.unit, row.current)
        previous = format_value(row.unit, row.previous)
        if row.detail:
            current += f" ({row.detail})"
            previous += f" ({row.previous_detail})"
        table.append([name, current, previous, format_row_change(row, t)])
    _write_columns(table, out)
    technicians = evaluation.current.per_technician
    if technicians:
        out.write("\n")
        table = [
            [
                t(N_("Technician")),
                t(N_("Completed")),
                t(N_("Repair on time")),
                t(N_("Average working days")),
                t(N_("Satisfaction")),
                t(N_("Complaints")),
                t(N_("Repeat repairs")),
            ]
        ]
        for tech in technicians:
            rate = tech.repair_on_time
            table.append(
                [
                    _printable(tech.name),
                    str(tech.completed),
                    f"{format_value(Unit.RATE, rate.rate)} ({rate.count} / {rate.of})",
                    _number(tech.days_taken.average),
                    format_value(Unit.SCORE, tech.satisfaction.average),
                    str(tech.complaints),
                    str(tech.repeat_repairs),
                ]
            )
        _write_columns(table, out)
    out.write("\n")
    for number, (_key, text) in enumerate(DEFINITIONS, start=1):
        out.write(f"[{number}] {t(text)}\n")


def _number(value: float | None) -> str:
    return format_value(Unit.DAYS, value)


def _write_columns(table: list[list[str]], out: TextIO) -> None:
    widths = [max(_width(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        cells = [
            cell + " " * (width - _width(cell)) if i == 0 else " " * (width - _width(cell)) + cell
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def _printable(text: str) -> str:
    """A name as a terminal may print it: a control or direction-changing character (a bell,
    an RTL override turning the rest of the line around) shows as "?"."""
    return "".join("?" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in text)


def _width(text: str) -> int:
    """Chinese characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table_lines(evaluation: Evaluation, translate: Translator = no_translation) -> str:
    """The table as text (tests, and whoever wants it without a stream)."""
    buffer = io.StringIO()
    print_table(evaluation, buffer, translate)
    return buffer.getvalue()
