"""Demo data is made of the services' own pieces: workflow moves, job numbers, event facts."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime

import pytest
import sqlalchemy as sa

from desktop_app.data.db import Database, open_database
from desktop_app.domain import events
from desktop_app.domain.forms import JOB_NUMBER_PATTERN, job_number
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.domain.snapshots import EventSnapshot
from desktop_app.domain.vocabulary import Coverage, EventKind, Status
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import CLOSED_STATUSES, check_transition
from desktop_app.services.demo import (
    CLOSES,
    FAULTS,
    NO_FAULT_DIAGNOSIS,
    OPENS,
    PRODUCTS,
    DemoGenerator,
    routes,
)

NOW = datetime(2026, 11, 25, 10, 0)


def test_every_route_is_made_of_allowed_moves():
    for coverage in Coverage:
        for final in Status:
            for route in routes(coverage, final):
                previous = Status.RECEIVED
                for status in route:
                    check_transition(coverage, previous, status)
                    previous = status
                assert previous is final
    assert (Status.DIAGNOSING, Status.REPAIRING, Status.READY_FOR_PICKUP, Status.RETURNED) in (
        routes(Coverage.WARRANTY, Status.RETURNED)
    )


def test_demo_jobs_read_like_real_ones(database: Database):
    result = DemoGenerator(database, seed=11).run(400, NOW)
    assert result.jobs == 400
    with database.engine.connect() as connection:
        jobs = connection.execute(
            sa.text("SELECT id, number, checked_in_at, status, coverage FROM jobs")
        ).all()
        rows = connection.execute(
            sa.text(
                "SELECT job_id, kind, from_status, to_status, note, payload FROM job_events "
                "ORDER BY id"
            )
        ).all()
        indexed = connection.execute(sa.text("SELECT count(*) FROM job_search")).scalar()
    assert indexed == len(jobs)  # indexed in bulk, none missed
    by_job: dict[int, list] = defaultdict(list)
    for row in rows:
        by_job[row.job_id].append(row)
    kinds = set()
    for job_id, number, checked_in_at, status, coverage in jobs:
        assert JOB_NUMBER_PATTERN.match(number)
        assert number.startswith(job_number(datetime.fromisoformat(str(checked_in_at)), 0)[:10])
        history = by_job[job_id]
        assert history[0].kind == EventKind.CHECKED_IN
        moves = [r for r in history if r.kind == EventKind.STATUS_CHANGED]
        current = Status.RECEIVED
        for move in moves:
            check_transition(Coverage(coverage), Status(move.from_status), Status(move.to_status))
            assert Status(move.from_status) is current
            current = Status(move.to_status)
        assert current is Status(status)
        for row in history:
            kinds.add(row.kind)
            assert row.kind in set(EventKind)
            event = EventSnapshot(
                0, NOW, "", row.kind, None, None, row.note, json.loads(row.payload)
            )
            # Facts, described: never a stored key such as no_fault_found in the text.
            assert "_" not in events.describe(event), (row.kind, row.payload)
    assert {"checked_in", "status_changed", "assigned", "handed_back", "line_added"} <= kinds


# --- a believable demo (issue 11) ----------------------------------------------------------------


def _demo_rows(database: Database, jobs: int, seed: int = 7) -> dict[str, list]:
    DemoGenerator(database, seed=seed).run(jobs, NOW)
    with database.engine.connect() as connection:
        return {
            "jobs": connection.execute(
                sa.text(
                    "SELECT j.id, j.number, j.status, j.coverage, j.outcome, j.fault_description,"
                    " j.diagnosis, j.work_done, j.not_quality_reason, j.repair_due_date,"
                    " j.amount_paid_cents, p.model, p.serial FROM jobs j JOIN products p"
                    " ON p.id = j.product_id ORDER BY j.id"
                )
            ).all(),
            "events": connection.execute(
                sa.text("SELECT job_id, at, kind, note FROM job_events ORDER BY id")
            ).all(),
            "lines": connection.execute(
                sa.text("SELECT job_id, kind, description, charged_cents FROM job_lines")
            ).all(),
        }


def _kind_of_model() -> dict[str, str]:
    return {
        model: kind
        for products in PRODUCTS.values()
        for _brand, models, _months in products
        for model, kind in models
    }


def test_even_a_small_demo_has_every_status_and_path(database: Database):
    rows = _demo_rows(database, 40)
    statuses = {Status(job.status) for job in rows["jobs"]}
    assert statuses == set(Status)  # inspecting, refunded, exchanged, cancelled included
    paths = {(job.coverage, job.status) for job in rows["jobs"]}
    assert {
        ("return_exchange", "refunded"),
        ("return_exchange", "exchanged"),
        ("return_exchange", "inspecting"),
        ("return_exchange", "returned"),  # the return refused, the product repaired
        ("warranty", "returned"),
        ("paid", "returned"),
    } <= paths
    outcomes = {job.outcome for job in rows["jobs"]}
    assert {"repaired", "cannot_repair", "no_fault_found"} <= outcomes
    assert any(job.not_quality_reason for job in rows["jobs"])
    open_statuses = {s.value for s in Status} - {s.value for s in CLOSED_STATUSES}
    overdue = [
        job
        for job in rows["jobs"]
        if job.status in open_statuses
        and job.status != "ready_for_pickup"
        and str(job.repair_due_date) < NOW.date().isoformat()
    ]
    assert overdue


@pytest.fixture(scope="module")
def demo_rows(tmp_path_factory) -> dict[str, list]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.db")
    try:
        return _demo_rows(database, 1500)
    finally:
        database.dispose()


def test_faults_fit_the_product(demo_rows):
    kinds = _kind_of_model()
    for job in demo_rows["jobs"]:
        kind = kinds[job.model]
        assert job.fault_description in {fault.reported for fault in FAULTS[kind]}, job
    # The reported one: a toothbrush that cannot connect to Wi-Fi.
    toothbrushes = [job for job in demo_rows["jobs"] if "牙刷" in job.model]
    assert toothbrushes and not [job for job in toothbrushes if "Wi-Fi" in job.fault_description]


def test_a_job_waiting_for_parts_was_diagnosed_with_a_fault_that_needs_one(demo_rows):
    waiting = [job for job in demo_rows["jobs"] if job.status == "waiting_for_parts"]
    assert waiting
    for job in waiting:
        assert job.diagnosis and job.diagnosis != NO_FAULT_DIAGNOSIS, job
        kind = _kind_of_model()[job.model]
        needs = {f.diagnosis for f in FAULTS[kind] if f.part is not None}
        assert job.diagnosis in needs, job


def test_only_phones_carry_an_imei(demo_rows):
    kinds = _kind_of_model()
    for job in demo_rows["jobs"]:
        if kinds[job.model] == "phone":
            assert re.fullmatch(r"\d{15}", job.serial), job  # an IMEI: 15 digits
        else:
            assert re.fullmatch(r"SN\d{14}", job.serial), job  # a laptop has no IMEI


def test_water_damage_is_never_a_free_warranty_repair(demo_rows):
    damages = {
        fault.reported for faults in FAULTS.values() for fault in faults if fault.not_quality
    }
    damaged = [job for job in demo_rows["jobs"] if job.fault_description in damages]
    assert damaged
    assert any("进水" in job.fault_description for job in damaged)
    for job in damaged:
        assert job.coverage == "paid", job
    not_quality_events = {e.job_id for e in demo_rows["events"] if e.kind == "not_quality_problem"}
    reasoned = {job.id for job in demo_rows["jobs"] if job.not_quality_reason}
    assert reasoned and reasoned == not_quality_events
    charged = {line.job_id for line in demo_rows["lines"] if line.charged_cents > 0}
    for job in demo_rows["jobs"]:
        if job.not_quality_reason and job.status == "returned" and job.outcome == "repaired":
            assert job.id in charged and job.amount_paid_cents > 0


def test_a_replaced_part_is_listed(demo_rows):
    parts = defaultdict(set)
    for line in demo_rows["lines"]:
        if line.kind == "part":
            parts[line.job_id].add(line.description)
    replaced = [job for job in demo_rows["jobs"] if "更换" in job.work_done]
    assert replaced
    for job in replaced:
        assert "更换故障部件" not in job.work_done
        assert any(part in job.work_done for part in parts[job.id]), job
    for job in demo_rows["jobs"]:
        if job.outcome in ("no_fault_found", "cannot_repair"):
            assert not parts[job.id], job
            assert "更换" not in job.work_done


def test_events_happen_in_working_hours_on_working_days(demo_rows):
    calendar = WorkCalendar(PACKAGE_CALENDARS.for_country("CN"))
    for event in demo_rows["events"]:
        at = datetime.fromisoformat(str(event.at))
        assert at <= NOW
        assert calendar.is_working_day(at.date()), event
        assert OPENS <= at.hour < CLOSES, event
    # And none at 01:11 on a Sunday, or any other night.
    assert not [e for e in demo_rows["events"] if datetime.fromisoformat(str(e.at)).hour < 9]


def test_the_demo_is_the_same_for_a_seed(tmp_path):
    first = open_database(f"sqlite:///{tmp_path}/one.db")
    second = open_database(f"sqlite:///{tmp_path}/two.db")
    try:
        assert _demo_rows(first, 300, seed=5) == _demo_rows(second, 300, seed=5)
    finally:
        first.dispose()
        second.dispose()
