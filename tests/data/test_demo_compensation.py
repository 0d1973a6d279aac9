"""The demo's compensations, on SQLite and PostgreSQL: every state present, each proposal the
policy's answer to what the job's own clocks say was missed, decisions after the hand-back by a
manager, warranty extensions applied to the jobs."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Compensation, Job, JobEvent, User
from desktop_app.domain.compensation import (
    MONTH_OFFERS,
    missed_from_json,
    offers_from_json,
    proposal,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import add_months
from desktop_app.domain.vocabulary import CompensationState, EventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services, demo_compensation
from desktop_app.services.compensation import missed_at
from desktop_app.services.demo import DemoGenerator
from tests.helpers import actor

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def test_demo_compensations_follow_the_jobs_clocks(database: Database, services: Services):
    DemoGenerator(database, seed=7).run(700, NOW)
    with database.read() as session:
        calendar = queries.work_calendar(session)
        policy = queries.shop_snapshot(session).compensation_policy
        roles = {row.id: row.role for row in session.execute(select(User.id, User.role))}
        rows = list(session.scalars(select(Compensation).order_by(Compensation.id)))
        by_job = {row.job_id: row for row in rows}
        assert len(by_job) == len(rows)  # one proposal per hand-back
        returned = list(session.scalars(select(Job).where(Job.status == Status.RETURNED.value)))
        # Every late hand-back has its proposal and no job on time has one (the demo is
        # below the cap): missed promises computed as the hand-back computes them.
        for job in returned:
            assert job.returned_at is not None
            missed = missed_at(session, job, calendar, job.returned_at)
            row = by_job.get(job.id)
            assert bool(missed) == (row is not None), job.number
            if row is not None:
                assert missed_from_json(row.missed) == missed
                assert offers_from_json(row.proposed) == proposal(policy, missed)
        history: dict[int, list[JobEvent]] = defaultdict(list)
        for event in session.scalars(
            select(JobEvent)
            .where(
                JobEvent.kind.in_(
                    [
                        EventKind.COMPENSATION_PROPOSED.value,
                        EventKind.COMPENSATION_DECIDED.value,
                        EventKind.WARRANTY_EXTENDED.value,
                        EventKind.HANDED_BACK.value,
                    ]
                )
            )
            .order_by(JobEvent.id)
        ):
            history[event.job_id].append(event)
        jobs = {job.id: job for job in returned}
        states = set()
        extended = 0
        for row in rows:
            states.add(CompensationState(row.state))
            job = jobs[row.job_id]
            kinds = [e.kind for e in history[job.id]]
            handed = next(e for e in history[job.id] if e.kind == EventKind.HANDED_BACK.value)
            proposed = next(
                e for e in history[job.id] if e.kind == EventKind.COMPENSATION_PROPOSED.value
            )
            assert row.proposed_at == job.returned_at == proposed.at
            assert row.proposed_by_id == handed.user_id == proposed.user_id
            assert json.loads(proposed.payload)["compensation_offers"] == json.loads(row.proposed)
            given = offers_from_json(row.decided)
            if row.state == CompensationState.PROPOSED.value:
                assert row.decided_at is None and row.decided_by_id is None and not given
                assert EventKind.COMPENSATION_DECIDED.value not in kinds
                continue
            assert row.decided_at is not None and row.proposed_at < row.decided_at <= NOW
            assert roles[row.decided_by_id] == Role.MANAGER.value
            decided = next(
                e for e in history[job.id] if e.kind == EventKind.COMPENSATION_DECIDED.value
            )
            assert (decided.at, decided.user_id, decided.note) == (
                row.decided_at,
                row.decided_by_id,
                row.reason,
            )
            payload = json.loads(decided.payload)
            assert payload["compensation_state"] == row.state
            assert payload["compensation_offers"] == json.loads(row.decided)
            if row.state == CompensationState.APPROVED.value:
                assert given == offers_from_json(row.proposed) and not row.reason
            elif row.state == CompensationState.CHANGED.value:
                assert given and given != offers_from_json(row.proposed) and row.reason
            else:
                assert not given and row.reason
            months = sum(o.months for o in given if o.kind in MONTH_OFFERS)
            extensions = [e for e in history[job.id] if e.kind == EventKind.WARRANTY_EXTENDED.value]
            if months:
                extended += 1
                (extension,) = extensions
                facts = json.loads(extension.payload)
                old = date.fromisoformat(facts["warranty_old"])
                assert facts["months"] == months
                decided_on = row.decided_at.date()
                assert job.warranty_end == add_months(max(old, decided_on), months)
                assert facts["warranty_new"] == job.warranty_end.isoformat()
            else:
                assert not extensions
            assert job.last_event_at >= row.decided_at
    assert states == set(CompensationState), states
    assert extended > 0
    # The service reads them: the manager's list holds the proposals awaiting a decision.
    manager = actor(services)
    pending = services.compensation.pending(manager)
    assert {p.id for p in pending} == {
        row.id for row in rows if row.state == CompensationState.PROPOSED.value
    }
    shown = services.compensation.for_job(rows[0].job_id)
    assert shown[0].missed == missed_from_json(rows[0].missed)


def test_the_demo_compensations_stay_few_however_many_jobs_are_late(
    database: Database, monkeypatch
):
    """At any size the demo writes at most MAX_PROPOSALS proposals (the demo stays quick), and
    a second run leaves the jobs already compensated alone."""
    DemoGenerator(database, seed=3).run(300, NOW)
    with database.read() as session:
        first = list(session.scalars(select(Compensation.job_id)))
    assert first and len(first) == len(set(first))
    monkeypatch.setattr(demo_compensation, "MAX_PROPOSALS", 5)
    DemoGenerator(database, seed=4).run(300, NOW)
    with database.read() as session:
        both = list(session.scalars(select(Compensation.job_id)))
    assert 0 < len(both) - len(first) <= 5
    assert len(both) == len(set(both))
