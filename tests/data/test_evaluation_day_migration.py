"""Migration 0022 on a SQLite database made at 0021: the evaluation's stale-day triggers take a
moment's day from its date text (julianday rounded the day's last half-millisecond into the next
day), the days such moments fell on are marked stale, and a downgrade puts 0020's triggers back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time

import pytest
from sqlalchemy import delete, select, text, update

from desktop_app.data.db import Database, open_database
from desktop_app.data.evaluation_days import day_number_of
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.data.models import EvaluationStale, Job
from desktop_app.services import Services
from tests.data.test_search import NOW
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form, migrate

SUNDAY = date(2026, 10, 18)
LATE = datetime.combine(SUNDAY, time(23, 59, 59, 999_700))


def _marked(database: Database) -> set[int]:
    with database.read() as session:
        return set(session.scalars(select(EvaluationStale.day)))


def _trigger_text(database: Database) -> str:
    with database.read() as session:
        return " ".join(
            session.scalars(
                text(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                    "AND name LIKE 'evaluation_stale_%' ORDER BY name"
                )
            )
        )


@pytest.fixture
def at_0021(sqlite_url: str) -> Iterator[Database]:
    database = open_database(sqlite_url)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    job = services.jobs.check_in(check_in_form(), actor(services))
    migrate(database, "0021", down=True)
    with database.write() as session:
        session.execute(update(Job).where(Job.id == job.id).values(checked_in_at=LATE))
    yield database
    database.dispose()


def test_0021s_triggers_marked_the_next_day_and_0022_marks_the_right_one(at_0021):
    database = at_0021
    sunday = day_number_of(SUNDAY)
    assert sunday + 1 in _marked(database) and sunday not in _marked(database)
    with database.write() as session:
        session.execute(delete(EvaluationStale))

    upgrade_to_head(database)

    # The days of moments in a day's last half-millisecond, and the days after, to be recounted.
    assert {sunday, sunday + 1} <= _marked(database)
    assert "substr(NEW.checked_in_at, 1, 10)" in _trigger_text(database)
    assert _trigger_text(database).count("CREATE TRIGGER") == 7  # every one of them made again
    with database.write() as session:
        session.execute(delete(EvaluationStale))
        session.execute(update(Job).values(checked_in_at=LATE.replace(microsecond=999_800)))
    assert _marked(database) == {sunday}

    migrate(database, "0021", down=True)
    assert "substr(" not in _trigger_text(database)
    assert "julianday(NEW.checked_in_at)" in _trigger_text(database)


def test_every_stale_day_trigger_stands_at_head(sqlite_url: str):
    """A later migration in SQLite's batch mode (a table copied and renamed) would drop the
    triggers of the table it remakes, and the summaries would go stale unmarked: at head all
    seven stand, each reading the day from the date's text."""
    database = open_database(sqlite_url)
    try:
        with database.read() as session:
            names = set(
                session.scalars(
                    text(
                        "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                        "AND name LIKE 'evaluation_stale_%'"
                    )
                )
            )
        assert names == {
            f"evaluation_stale_{table}_{event}"
            for table, events in (
                ("jobs", ("insert", "update", "delete")),
                ("products", ("update",)),
                ("surveys", ("insert", "update", "delete")),
            )
            for event in events
        }
        triggers = _trigger_text(database)
        assert triggers.count("julianday(") == triggers.count("julianday(substr(") > 7
    finally:
        database.dispose()


def test_0022_marks_the_ready_day_of_a_job_checked_in_in_a_days_last_half_millisecond(sqlite_url):
    """A ready summary row holds its job's check-in day too: a job checked in at 23:59:59.9997
    on a Tuesday and ready the next week was kept under its ready day with Wednesday as its
    check-in day. 0022 marks that ready day as well, and the report then equals the reference."""
    from desktop_app.data import evaluation as ev
    from desktop_app.data import evaluation_days as days
    from desktop_app.data import queries
    from desktop_app.domain.evaluation import Period

    now = datetime(2026, 11, 25, 15, 0)
    tuesday, ready = date(2026, 10, 13), date(2026, 10, 21)
    database = open_database(sqlite_url)
    try:
        services = Services.build(database, FakeClock(now), passwords=FAST_PASSWORDS)
        job = services.jobs.check_in(check_in_form(), actor(services))
        with database.write() as session:
            session.execute(
                update(Job)
                .where(Job.id == job.id)
                .values(
                    checked_in_at=datetime.combine(tuesday, time(23, 59, 59, 999_700)),
                    ready_at=datetime.combine(ready, time(10)),
                    repair_due_date=ready,
                )
            )
        october = Period.month(2026, 10)
        periods = (october, october.previous())
        days.refresh(database, periods, now)
        with database.write() as session:  # what julianday's rounding had stored
            session.execute(text("UPDATE evaluation_ready SET checked_in_day = checked_in_day + 1"))
        migrate(database, "0021", down=True)
        with database.write() as session:
            session.execute(delete(EvaluationStale))

        upgrade_to_head(database)

        assert day_number_of(ready) in _marked(database)
        with database.read() as session:
            calendar = queries.work_calendar(session)
            summarised = days.figures_of(session, periods, calendar=calendar, now=now)
            reference = ev.figures_of(session, periods, calendar=calendar, now=now)
        assert summarised == reference
    finally:
        database.dispose()


def test_the_repeat_window_counts_back_from_the_moments_own_date(sqlite_url):
    """`days_before` (the repair warranty's window): SQLite's date() with a modifier rounds a
    day's last half-millisecond into the next day; PostgreSQL's CAST AS DATE does not."""
    from sqlalchemy import Integer, literal

    from desktop_app.data import evaluation as ev

    database = open_database(sqlite_url)
    try:
        services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
        job = services.jobs.check_in(check_in_form(), actor(services))
        with database.write() as session:
            session.execute(update(Job).where(Job.id == job.id).values(checked_in_at=LATE))
        with database.read() as session:
            before = session.scalar(
                select(ev.days_before(Job.checked_in_at, literal(30, Integer))).where(
                    Job.id == job.id
                )
            )
        assert str(before) == "2026-09-18"  # 30 days before Sunday 18 October, not Monday's
    finally:
        database.dispose()
