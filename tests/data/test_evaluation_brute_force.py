"""The evaluation's figures, as the database aggregates them, equal a brute-force recount of the
raw rows (tests/data/evaluation_brute.py) on a demo database, on SQLite and on PostgreSQL: for a
month over the National Day holiday (2026-10-01..08, made-up working Sundays 09-20 and 10-10), a
quarter, and a custom period still running at the report's moment; and the job list's drill-down
lists exactly the jobs behind each figure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, Product
from desktop_app.domain.evaluation import Figures, FigureSelection, JobFigure, Period
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.people import Actor
from desktop_app.domain.rules import mask_phone
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.data.evaluation_brute import (
    brute_figures,
    job_sets,
    read_raw,
    technician_sets,
)
from tests.helpers import BACKENDS, SignedInDemo, check_in_form, demo_database

NOW = datetime(2026, 11, 25, 15, 0)
PERIODS = (
    Period.month(2026, 10),
    Period.quarter(2026, 4),
    Period.between(date(2026, 9, 15), date(2026, 11, 27)),  # still running at NOW
)


Demo = SignedInDemo


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """1,500 demo jobs over four months (with the demo's own repeat repairs), and a few more
    repeats checked in at NOW through the service."""

    def make(database: Database) -> None:
        DemoGenerator(database, seed=14, months=4).run(1500, NOW)

    with demo_database(request, tmp_path_factory, make, NOW) as demo:
        _add_repeats(demo.database, demo.services, demo.manager)
        yield demo


def _add_repeats(database: Database, services: Services, manager: Actor) -> None:
    """Serials handed back repaired in the last 90 days come in again, as a real check-in."""
    with database.read() as session:
        open_serials = set(
            session.scalars(
                select(Product.serial)
                .join(Job, Job.product_id == Product.id)
                .where(Job.returned_at.is_(None))
            )
        )
        serials = [
            serial
            for serial in session.scalars(
                select(Product.serial)
                .join(Job, Job.product_id == Product.id)
                .where(
                    Job.status == "returned",
                    Job.outcome == "repaired",
                    Job.returned_at >= datetime(2026, 9, 1),
                    Product.serial != "",
                )
                .order_by(Job.id)
            )
            if serial not in open_serials
        ]
    assert len(serials) >= 6
    for serial in serials[:6]:
        services.jobs.check_in(check_in_form(serial=serial), manager)


def _normalised(figures: Figures) -> dict:
    """Figures as JSON plus what the JSON summarises (per-technician groups and scores)."""
    return {
        **figures.to_json(),
        "technicians": [(t.days_taken, t.satisfaction) for t in figures.per_technician],
    }


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label())
def test_every_figure_equals_the_brute_force_recount(demo: Demo, period: Period):
    raw = read_raw(demo.database)
    with demo.database.read() as session:
        calendar = queries.work_calendar(session)
    report = demo.services.evaluation.report(period, demo.manager)
    for figures in (report.current, report.previous):
        expected = brute_figures(raw, figures.period, NOW, calendar)
        assert _normalised(figures) == _normalised(expected)
        assert figures.weekly == expected.weekly
        assert figures.per_technician == expected.per_technician
    assert report.previous.period == period.previous()
    assert report.generated_at == NOW
    # The data is not trivial: every kind of figure has something to count in the quarter.
    if period.kind.value == "quarter":
        current = report.current
        assert current.repeat_repairs >= 6
        assert current.first_response_on_time.misses > 0
        assert current.repair_on_time.misses > 0
        assert current.overdue_at_end > 0
        assert current.returns_exchanges.refused > 0
        assert current.not_quality_problem > 0
        assert current.complaints.received > 0
        assert current.compensation.approved > 0
        assert current.satisfaction.follow_up.count > 0
        assert any(t.repeat_repairs for t in current.per_technician)


def _listed(services: Services, selection: FigureSelection) -> set[int]:
    ids: set[int] = set()
    cursor = None
    while True:
        page = services.jobs.search(JobQuery(figure=selection), after=cursor, limit=400)
        ids |= {row.id for row in page.rows}
        if page.next_cursor is None:
            return ids
        cursor = page.next_cursor


@pytest.mark.parametrize("period", PERIODS[1:], ids=lambda p: p.label())
def test_the_drill_down_lists_exactly_the_jobs_behind_each_figure(demo: Demo, period: Period):
    raw = read_raw(demo.database)
    expected = job_sets(raw, period, NOW)
    for figure in JobFigure:
        assert _listed(demo.services, FigureSelection(figure, period)) == expected[figure], figure
    by_technician = technician_sets(raw, period, NOW)
    assert by_technician
    for (figure, technician), ids in by_technician.items():
        assert _listed(demo.services, FigureSelection(figure, period, technician)) == ids
    # The counts and the lists are one condition.
    figures = demo.services.evaluation.report(period, demo.manager).current
    assert len(expected[JobFigure.RECEIVED]) == figures.received.total
    assert len(expected[JobFigure.RESPONSE_LATE]) == figures.first_response_on_time.misses
    assert len(expected[JobFigure.REPAIR_LATE]) == figures.repair_on_time.misses
    assert len(expected[JobFigure.RETURNED]) == figures.satisfaction.surveyed.of


def test_the_period_jobs_are_every_job_checked_in_oldest_first(demo: Demo):
    period = PERIODS[0]
    raw = read_raw(demo.database)
    with demo.database.read() as session:
        calendar = queries.work_calendar(session)
    rows = list(demo.services.evaluation.period_jobs(period, demo.manager))
    jobs = sorted(
        (j for j in raw.jobs if period.begins_at <= j["checked_in_at"] < period.ends_at),
        key=lambda j: (j["checked_in_at"], j["id"]),
    )
    assert [row.number for row in rows] == [j["number"] for j in jobs]
    phones = {}
    with demo.database.read() as session:
        for number, phone in session.execute(
            select(Job.number, queries.Customer.phone).join(
                queries.Customer, queries.Customer.id == Job.customer_id
            )
        ):
            phones[number] = phone
    for row, job in zip(rows, jobs, strict=True):
        assert row.masked_phone == mask_phone(phones[row.number])
        assert "*" in row.masked_phone
        if job["ready_at"] is not None:
            assert row.working_days_taken == calendar.working_days_between(
                job["checked_in_at"].date(), job["ready_at"].date()
            )
            assert row.repair_on_time == (job["ready_at"].date() <= job["repair_due_date"])
        else:
            assert row.working_days_taken is None
        if job["first_response_at"] is not None:
            assert row.first_response_on_time == (
                job["first_response_at"] <= job["response_due_at"]
            )
        else:
            assert row.first_response_on_time is False  # all fell due long before NOW
    assert any(r.working_days_taken is not None for r in rows)
    assert replace(rows[0]) == rows[0]


def test_the_json_the_workbook_the_csv_and_the_pdf_say_what_the_recount_says(
    demo: Demo, tmp_path: Path
):
    """`repair-counter report` in every form, on the same data: the JSON is the recount's, the
    workbook's summary and jobs sheets read back the same numbers, the CSV too, and the PDF
    prints every figure's value as every output formats it."""
    import csv
    import io
    import json
    from argparse import Namespace
    from decimal import Decimal

    from openpyxl import load_workbook

    from desktop_app.domain.evaluation import Unit, figure_rows, format_value
    from desktop_app.report_cli import run_report
    from tests.receipts.pdfs import pdftotext

    period = Period.quarter(2026, 4)
    raw = read_raw(demo.database)
    with demo.database.read() as session:
        calendar = queries.work_calendar(session)
    expected = brute_figures(raw, period, NOW, calendar)

    def run(**options: object) -> str:
        args = Namespace(
            month=None,
            quarter="2026-Q4",
            year=None,
            start=None,
            end=None,
            format="table",
            output=None,
        )
        for name, value in options.items():
            setattr(args, name, value)
        out = io.StringIO()
        assert run_report(args, demo.services, demo.manager, out, lambda text: text) == 0
        return out.getvalue()

    as_json = json.loads(run(format="json"))
    assert {k: v for k, v in as_json.items() if k not in ("previous", "shop", "generated_at")} == (
        json.loads(json.dumps(expected.to_json()))
    )
    evaluation = demo.services.evaluation.report(period, demo.manager)
    rows = figure_rows(evaluation)

    workbook = tmp_path / "q4.xlsx"
    assert run(output=str(workbook)).strip() == str(workbook)
    book = load_workbook(workbook)
    summary = book.worksheets[0]
    header = next(r for r in range(1, 20) if summary.cell(r, 1).value == "Figure")
    for offset, row in enumerate(rows, start=header + 1):
        assert summary.cell(offset, 1).value == row.label
        cell = summary.cell(offset, 2).value
        if row.current is None:
            assert cell is None, row.key
        elif row.unit is Unit.MONEY:
            assert Decimal(str(cell)) == Decimal(row.current) / 100, row.key
        else:
            assert cell == pytest.approx(row.current, abs=1e-12), row.key
    jobs_sheet = book.worksheets[-1]
    assert jobs_sheet.max_row - 1 == expected.received.total
    phones = [r[7] for r in jobs_sheet.iter_rows(min_row=2, values_only=True)]
    assert phones and all(isinstance(p, str) and "****" in p for p in phones)

    table = list(csv.DictReader(io.StringIO(run(format="csv").removeprefix("\ufeff"))))
    assert [line["key"] for line in table] == [row.key for row in rows]

    pdf = tmp_path / "q4.pdf"
    run(output=str(pdf))
    text = " ".join(pdftotext(pdf.read_bytes()).split())
    for row in rows:
        assert format_value(row.unit, row.current) in text, row.key
    assert f"{expected.first_response_on_time.count} / {expected.first_response_on_time.of}" in text
