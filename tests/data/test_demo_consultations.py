"""The demo's consultation log (SQLite and PostgreSQL): every state, some overdue, some the
demo's own jobs, numbered like live ones; and no demo job is a consultation any more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Consultation, Customer, Job
from desktop_app.domain.consultations import NUMBER_PATTERN, ConsultationForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, add_user

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def test_demo_consultations(database: Database) -> None:
    DemoGenerator(database, seed=7).run(600, NOW)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    with database.read() as session:
        kinds = set(session.scalars(select(Job.service_requested).distinct()))
        rows = list(session.scalars(select(Consultation)))
        linked = session.execute(
            select(Consultation.phone, Customer.phone, Job.service_requested)
            .join(Job, Job.id == Consultation.job_id)
            .join(Customer, Customer.id == Job.customer_id)
        ).all()
        jobs_linked = session.scalar(
            select(func.count(func.distinct(Consultation.job_id))).where(
                Consultation.job_id.is_not(None)
            )
        )
    assert ServiceKind.CONSULTATION.value not in kinds
    assert {ConsultationState(r.state) for r in rows} == set(ConsultationState)
    assert {ConsultationChannel(r.channel) for r in rows} == set(ConsultationChannel)
    assert all(NUMBER_PATTERN.match(r.number) for r in rows)
    assert len({r.number for r in rows}) == len(rows)
    # The converted ones are the demo's repair and on-site jobs, the same caller, once each.
    assert linked and jobs_linked == len(linked)
    assert all(mine == theirs for mine, theirs, _kind in linked)
    assert {kind for _m, _t, kind in linked} <= {"repair", "on_site"}
    for r in rows:
        waiting = r.state in ("callback_due", "called_back")
        assert (r.callback_due_at is not None) == waiting
        assert (r.answer == "") == waiting
        assert (r.called_back_at is not None) == (r.state == "called_back")
        assert r.received_at <= NOW
        if r.channel == ConsultationChannel.IN_PERSON.value:  # at the counter: while open
            assert 9 <= r.received_at.hour < 18, r.received_at
    counts = services.consultations.counts()
    assert counts.overdue >= 1
    assert counts.awaiting_callback > counts.overdue  # one still within its 24 hours
    # A live consultation on a demo day carries on from the demo's numbers.
    busiest = max({r.number[2:10] for r in rows}, key=lambda d: sum(d in r.number for r in rows))
    day = datetime.strptime(busiest, "%Y%m%d").replace(hour=12)
    clocked = Services.build(database, FakeClock(day), passwords=FAST_PASSWORDS)
    asked = clocked.consultations.record(
        ConsultationForm(ConsultationChannel.HOTLINE, "13912345678", "问题"),
        add_user(clocked, "consult-manager", "测试店长", Role.MANAGER),
    )
    assert asked.number not in {r.number for r in rows}
    assert asked.number.startswith(f"ZX{busiest}-")


@pytest.mark.parametrize("hour", range(24))
def test_a_counter_visit_moves_into_opening_hours_never_later(hour: int) -> None:
    """An in-person question outside 9:00-18:00 moves to an earlier opening hour: moving it
    later turned the demo's "waiting over 24 hours" callback into one still in time whenever
    the demo ran early in the morning (the CLI test failed at 09:49)."""
    from datetime import timedelta

    from desktop_app.services.demo_consultations import _in_opening_hours

    at = datetime(2026, 11, 28, hour, 49)
    now = at + timedelta(hours=30)
    moved = _in_opening_hours(at, now)
    assert 9 <= moved.hour < 18
    assert moved <= at
    assert now - moved > timedelta(hours=24)
