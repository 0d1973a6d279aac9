"""Demo data is made of the services' own pieces: workflow moves, job numbers, event facts."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa

from desktop_app.data.db import Database
from desktop_app.domain import events
from desktop_app.domain.forms import JOB_NUMBER_PATTERN, job_number
from desktop_app.domain.snapshots import EventSnapshot
from desktop_app.domain.vocabulary import Coverage, EventKind, Status
from desktop_app.domain.workflow import check_transition
from desktop_app.services.demo import DemoGenerator, routes

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
