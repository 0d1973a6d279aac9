"""The evaluation from day summaries (data/evaluation_days.py) equals the reference passes over
the jobs (data/evaluation.figures_of, `EvaluationService.reference_report`) on a demo database,
on SQLite and PostgreSQL: for months, a quarter, a year and a period still running; after
changes to days already summarised (by the services at a counter whose clock is in those days,
by a script's UPDATE, a product edited, a follow-up call), with the summaries stale and not yet
rewritten, missing altogether, counted with another repair warranty, written while another
counter's change was not yet committed, after a demo bulk load on top, and after an old backup
is put back."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from desktop_app.data import evaluation_days as days
from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import (
    EvaluationDay,
    EvaluationReady,
    EvaluationReceived,
    EvaluationRepeat,
    EvaluationReturned,
    EvaluationStale,
    Job,
    Product,
    ShopSettings,
)
from desktop_app.domain.evaluation import Evaluation, Period
from desktop_app.domain.follow_up import SurveyForm
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.vocabulary import Status
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.services.evaluation import EvaluationService
from tests.helpers import (
    BACKENDS,
    FAST_PASSWORDS,
    ID_CHECKED,
    SignedInDemo,
    actor,
    check_in_form,
    demo_database,
)

NOW = datetime(2026, 11, 25, 15, 0)
PERIODS = (
    Period.month(2026, 10),  # National Day, 调休 Sundays
    Period.month(2026, 11),  # running at NOW
    Period.quarter(2026, 4),
    Period.year(2026),
    Period.between(date(2026, 9, 15), date(2026, 11, 27)),
)
SUMMARY_TABLES = (
    EvaluationDay,
    EvaluationStale,
    EvaluationReceived,
    EvaluationReady,
    EvaluationReturned,
    EvaluationRepeat,
)


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SignedInDemo]:
    def make(database: Database) -> None:
        DemoGenerator(database, seed=15, months=4).run(1200, NOW)

    with demo_database(request, tmp_path_factory, make, NOW) as demo:
        yield demo


def _same(demo: SignedInDemo, period: Period) -> Evaluation:
    """The report (summaries brought up to date, then read) equals the reference."""
    report = demo.services.evaluation.report(period, demo.manager)
    reference = demo.services.evaluation.reference_report(period, demo.manager)
    assert report.current == reference.current
    assert report.previous == reference.previous
    return report


def _read_without_refresh(demo: SignedInDemo, period: Period) -> None:
    """The summaries as they stand (stale, missing), read without writing them: the same."""
    with demo.database.read() as session:
        calendar = queries.work_calendar(session)
        current, previous = days.figures_of(
            session, (period, period.previous()), calendar=calendar, now=demo.services.jobs._clock()
        )
    reference = demo.services.evaluation.reference_report(period, demo.manager)
    assert (current, previous) == (reference.current, reference.previous)


def _stale(database: Database) -> set[date]:
    with database.read() as session:
        return {
            days.ev.day_from_number(d)
            for d in session.scalars(select(EvaluationStale.day).distinct())
        }


def _summarised(database: Database) -> set[date]:
    with database.read() as session:
        return {days.ev.day_from_number(d) for d in session.scalars(select(EvaluationDay.day))}


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: p.label())
def test_the_figures_from_the_summaries_are_the_reference_figures(
    demo: SignedInDemo, period: Period
):
    report = _same(demo, period)
    # The days before today are summarised and fresh; today is not (it is read live).
    summarised = _summarised(demo.database)
    first = period.previous().start
    assert {first, min(period.end, NOW.date() - timedelta(days=1))} <= summarised
    assert NOW.date() not in summarised
    assert not _stale(demo.database) & summarised
    # ...and the summaries are what the report was read from: the data is not trivial.
    with demo.database.read() as session:
        assert session.scalar(select(func.count()).select_from(EvaluationReceived)) > 100
        assert session.scalar(select(func.sum(EvaluationRepeat.jobs))) > 0
    if period.kind.value == "quarter":
        assert report.current.repeat_repairs > 0
        assert report.current.first_response_on_time.misses > 0
        assert report.current.satisfaction.surveyed.count > 0
    _read_without_refresh(demo, period)


def test_changes_to_summarised_days_are_counted(demo: SignedInDemo):
    """A counter whose day is in October (its clock) checks a job in, repairs it, hands it back
    with a low score, a follow-up call reaches the customer, the same serial comes back two
    days later (a repeat); a script changes a job's coverage; a product's brand is corrected.
    Every day touched is marked stale in the same transaction, read live until rewritten."""
    services, database, manager = demo.services, demo.database, demo.manager
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    assert not _stale(database)
    clock = services.jobs._clock
    tech = _technician(services)
    try:
        clock.now = datetime(2026, 10, 20, 9, 0)
        job = services.jobs.check_in(check_in_form(serial="SUMMARY-REPEAT-1"), manager)
        services.jobs.assign(job.id, tech.id, manager)
        services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
        services.jobs.mark_ready(job.id, manager, "已修好")
        clock.now = datetime(2026, 10, 20, 16, 0)
        back = HandBackForm(("充电器",), "", 0, satisfaction_score=2, identity_note=ID_CHECKED)
        services.handback.hand_back(job.id, manager, back)
        assert {date(2026, 10, 20)} <= _stale(database)
        _read_without_refresh(demo, quarter)
        _same(demo, quarter)
        clock.now = datetime(2026, 10, 22, 10, 0)
        services.jobs.check_in(check_in_form(serial="SUMMARY-REPEAT-1"), manager)
        clock.now = datetime(2026, 10, 26, 10, 0)
        services.follow_up.record(job.id, SurveyForm(True, 5, 5, 5, 5, "好"), manager)
    finally:
        clock.now = NOW
    assert {date(2026, 10, 20), date(2026, 10, 22)} <= _stale(database)
    _read_without_refresh(demo, quarter)
    report = _same(demo, quarter)
    assert not _stale(database) & _summarised(database)
    assert report.current.repeat_repairs > 0
    # A script's UPDATE, and a product edited: marked by the triggers too.
    with database.read() as session:
        october = session.execute(
            select(Job.id, Job.coverage, Job.product_id, Job.checked_in_at)
            .where(Job.checked_in_at >= datetime(2026, 10, 5), Job.coverage == "warranty")
            .order_by(Job.id)
            .limit(1)
        ).one()
    with database.write() as session:
        session.execute(update(Job).where(Job.id == october.id).values(coverage="paid"))
        session.execute(
            update(Product).where(Product.id == october.product_id).values(brand="改过的牌子")
        )
    assert october.checked_in_at.date() in _stale(database)
    _read_without_refresh(demo, quarter)
    _same(demo, quarter)


def test_a_moment_in_a_days_last_half_millisecond_is_that_days(demo: SignedInDemo):
    """SQLite's julianday rounds a time to the millisecond: a job checked in, ready and handed
    back in the last 0.3 ms of three Sundays counted as the Mondays (the next day and the next
    week) in the summaries and in the stale marks, so the Sundays kept summaries without it
    (migration 0022: the day from the text's date)."""
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    sundays = (date(2026, 10, 18), date(2026, 10, 25), date(2026, 11, 1))
    moments = [datetime.combine(d, time(23, 59, 59, 999_700)) for d in sundays]
    with demo.database.read() as session:
        job_id = session.scalar(
            select(Job.id)
            .where(Job.returned_at.is_not(None), Job.checked_in_at >= datetime(2026, 10, 5))
            .order_by(Job.id)
            .limit(1)
        )
    with demo.database.write() as session:
        session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(checked_in_at=moments[0], ready_at=moments[1], returned_at=moments[2])
        )
    assert set(sundays) <= _stale(demo.database)
    _read_without_refresh(demo, quarter)
    _same(demo, quarter)
    with demo.database.read() as session:
        assert session.scalar(
            select(func.count())
            .select_from(Job)
            .where(days.ev.day_number(Job.checked_in_at) == days.day_number_of(sundays[0]))
            .where(Job.id == job_id)
        )


def test_a_long_period_fresh_and_stale_by_turns_is_read_without_writing(demo: SignedInDemo):
    """Three years (and the three before), every other day marked stale and nothing rewritten
    (a report that cannot write): a thousand runs of days each side, which as one OR of ranges
    is deeper than SQLite parses ("Expression tree is too large"); past 64 runs the days are
    named instead."""
    period = Period.between(date(2024, 1, 1), date(2026, 11, 24))
    _same(demo, period)  # every day of both periods summarised
    first = days.day_number_of(period.previous().start)
    with demo.database.write() as session:
        session.add_all(
            EvaluationStale(day=d) for d in range(first, days.day_number_of(period.end), 2)
        )
    assert len(days.runs(days.day_number_of(d) for d in _stale(demo.database))) > 1000
    _read_without_refresh(demo, period)
    _same(demo, period)
    assert not _stale(demo.database) & _summarised(demo.database)


def test_missing_summaries_and_another_repair_warranty(demo: SignedInDemo):
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    with demo.database.write() as session:
        for table in SUMMARY_TABLES:
            session.execute(delete(table))
    _read_without_refresh(demo, quarter)  # nothing summarised: every day read live
    _same(demo, quarter)
    assert _summarised(demo.database)
    with demo.database.write() as session:
        warranty = session.scalar(select(ShopSettings.repair_warranty_days))
        session.execute(update(ShopSettings).values(repair_warranty_days=30))
    try:
        _read_without_refresh(demo, quarter)  # counted with 90 days: not read
        report = _same(demo, quarter)
        with demo.database.read() as session:
            assert set(session.scalars(select(EvaluationDay.repeat_days).distinct())) == {30}
        assert report.current.repeat_repairs >= 0
    finally:
        with demo.database.write() as session:
            session.execute(update(ShopSettings).values(repair_warranty_days=warranty))
    _same(demo, quarter)


@pytest.mark.postgres
@pytest.mark.parametrize("demo", ["postgres"], indirect=True)
def test_a_change_not_committed_while_the_summaries_are_written_is_not_lost(
    demo: SignedInDemo,
):
    """Another counter's change, made before a refresh and committed after it: its mark
    survives the refresh (which deletes the marks it could see before counting), so the day is
    read live, then rewritten by the next refresh."""
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    with demo.database.read() as session:
        job_id, checked_in = session.execute(
            select(Job.id, Job.checked_in_at)
            .where(Job.checked_in_at >= datetime(2026, 10, 12), Job.coverage == "warranty")
            .order_by(Job.id)
            .limit(1)
        ).one()
    with demo.database.write() as other_counter:
        other_counter.execute(update(Job).where(Job.id == job_id).values(coverage="paid"))
        other_counter.flush()
        # Make the day stale beforehand as well, so the refresh rewrites it meanwhile.
        with demo.database.write() as session:
            session.execute(
                update(Job)
                .where(Job.checked_in_at >= checked_in, Job.id != job_id)
                .where(Job.checked_in_at < checked_in + timedelta(minutes=1))
                .values(first_response_at=Job.first_response_at)
            )
            session.add(EvaluationStale(day=days.day_number_of(checked_in.date())))
        assert days.refresh(demo.database, (quarter, quarter.previous()), NOW) >= 1
    assert checked_in.date() in _stale(demo.database)
    _read_without_refresh(demo, quarter)
    _same(demo, quarter)


def test_a_demo_bulk_load_on_top(demo: SignedInDemo):
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    DemoGenerator(demo.database, seed=16, months=2).run(300, NOW)
    assert len(_stale(demo.database)) > 30
    _read_without_refresh(demo, quarter)
    _same(demo, quarter)


@pytest.mark.parametrize("demo", ["sqlite"], indirect=True)
def test_an_old_backup_put_back(demo: SignedInDemo, tmp_path: Path):
    """The summaries travel with the jobs they count: a file copied back brings both."""
    quarter = Period.quarter(2026, 4)
    before = _same(demo, quarter)
    path = demo.database.location.sqlite_file
    assert path is not None
    old = tmp_path / "old.db"
    _copy(path, old)
    clock = demo.services.jobs._clock
    try:
        clock.now = datetime(2026, 10, 21, 9, 0)
        demo.services.jobs.check_in(check_in_form(), demo.manager)
    finally:
        clock.now = NOW
    assert _same(demo, quarter).current.received.total == before.current.received.total + 1
    demo.database.dispose()
    shutil.copyfile(old, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    restored = open_database(f"sqlite:///{path}")
    try:
        services = Services.build(
            restored, clock, passwords=FAST_PASSWORDS, workstation="test-counter"
        )
        again = SignedInDemo(restored, services, actor(services))
        assert _same(again, quarter).current == before.current
    finally:
        restored.dispose()


def test_a_read_only_database_is_counted_all_the_same(demo: SignedInDemo, tmp_path: Path):
    if demo.database.location.sqlite_file is None:
        pytest.skip("a read-only file is SQLite's")
    quarter = Period.quarter(2026, 4)
    _same(demo, quarter)
    with demo.database.write() as session:
        session.execute(delete(EvaluationDay))  # nothing summarised, nothing can be written
    copy = tmp_path / "read-only.db"
    _copy(demo.database.location.sqlite_file, copy)
    signing = open_database(f"sqlite:///{copy}")
    try:
        writable = Services.build(signing, passwords=FAST_PASSWORDS, workstation="test")
        manager = actor(writable)
    finally:
        signing.dispose()
    looking = open_database(f"sqlite:///{copy}", read_only=True)
    try:
        assert looking.read_only is not None
        evaluation = EvaluationService(
            looking, demo.services.jobs._clock, signins=writable.evaluation._signins
        )
        report = evaluation.report(quarter, manager)
        assert report.current == evaluation.reference_report(quarter, manager).current
        with looking.read() as session:
            assert session.scalar(select(func.count()).select_from(EvaluationDay)) == 0
    finally:
        looking.dispose()


def _copy(path: Path, target: Path) -> None:
    """A consistent copy (SQLite's online backup, as the counter's backup makes)."""
    source, copy = sqlite3.connect(path), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _technician(services: Services):
    from desktop_app.data.models import User

    with services.jobs._db.read() as session:
        return session.scalars(
            select(User).where(User.role == "technician", User.active.is_(True)).order_by(User.id)
        ).first()


@pytest.mark.postgres
def test_an_app_role_set_up_before_the_summaries_still_writes_and_reports(postgres_server):
    """The counters' role of `repair-counter postgres-roles`, set up before migration 0020 and
    not set up again: its writes still leave their marks (the triggers run as the owner), and
    its report, which may not write the summaries, is counted from the jobs: the same figures.
    Set up again, the report writes them."""
    import uuid

    from alembic import command

    from desktop_app.data.migrate import alembic_config
    from desktop_app.data.roles import secure_postgres
    from tests.data.test_adversary_roles import _drop_roles
    from tests.helpers import FakeClock

    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url, migrate=False)
    counter = None
    try:
        config = alembic_config()
        with admin.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0019")
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        admin.dispose()
        admin = open_database(admin_url)  # the administrator migrates; no roles run again
        counter = open_database(admin_url.replace("//postgres@", f"//{app}@"))
        clock = FakeClock(datetime(2026, 10, 20, 10, 0))
        services = Services.build(counter, clock, passwords=FAST_PASSWORDS, workstation="t")
        manager = actor(services)
        services.jobs.check_in(check_in_form(), manager)
        assert date(2026, 10, 20) in _stale(admin)
        clock.now = NOW
        october = Period.month(2026, 10)
        report = services.evaluation.report(october, manager)
        assert report.current == services.evaluation.reference_report(october, manager).current
        assert report.current.received.total == 1
        assert not _summarised(admin)  # it could not write them
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        assert services.evaluation.report(october, manager) == report
        assert date(2026, 10, 20) in _summarised(admin)
        assert date(2026, 10, 20) not in _stale(admin)
    finally:
        if counter is not None:
            counter.dispose()
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)
