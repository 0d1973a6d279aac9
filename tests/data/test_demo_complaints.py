"""The demo's complaints: every state, numbered and clocked like registered ones, records made
of allowed steps, readable through the service (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.complaints import STEPS, ComplaintQuery
from desktop_app.domain.vocabulary import ComplaintClosing, ComplaintEventKind, ComplaintState
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def test_demo_complaints_in_every_state(database: Database) -> None:
    DemoGenerator(database, seed=5, months=2).run(300, NOW)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS, workstation="t")
    rows = services.complaints.search(ComplaintQuery(), limit=None)
    assert {r.state for r in rows} == set(ComplaintState)
    assert any(r.acknowledge_overdue for r in rows) and any(r.resolve_overdue for r in rows)
    numbers = [r.number for r in rows if r.number is not None]
    assert len(numbers) == len(set(numbers))
    assert all(r.number is None for r in rows if r.state is ComplaintState.DRAFT)
    counts = services.complaints.counts()
    assert counts.drafts >= 1 and counts.acknowledge_overdue >= 1 and counts.resolve_overdue >= 1
    closings = set()
    reopened = False
    for row in rows:
        complaint = services.complaints.get(row.id)
        state = None
        for event in complaint.events:
            kind = ComplaintEventKind(event.kind)
            if kind is not ComplaintEventKind.DRAFTED and event.from_state is not None:
                assert ComplaintState(event.from_state) in STEPS[kind].sources
                assert event.to_state == STEPS[kind].target.value
            assert event.from_state == state
            state = event.to_state
            reopened |= kind is ComplaintEventKind.REOPENED
        assert state == complaint.state.value
        if complaint.closing is not None:
            closings.add(complaint.closing)
        assert complaint.job_number is not None and "****" in complaint.masked_phone
    assert closings == set(ComplaintClosing) and reopened
    # A real registration after the demo takes the next number of the day, not a taken one.
    manager = actor(services)
    from desktop_app.domain.complaints import ComplaintForm
    from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel

    made = services.complaints.register(
        ComplaintForm(
            ComplaintChannel.COUNTER, "张伟", "13812345678", ComplaintCategory.OTHER, "x"
        ),
        manager,
    )
    assert made.number not in numbers
