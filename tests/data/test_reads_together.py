"""The evaluation's speed, kept right: reads opened together (Database.reads) see the database as
of one moment, on SQLite and on PostgreSQL, even when another connection commits while they
open; where they cannot (a writer holding SQLite's lock, a read-only file) there is one read, at
once; the figures counted in two threads on two such reads equal the figures counted on one; and
the repeat pass reads a product's jobs by check-in time (migration 0013)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, Select, create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from desktop_app.data import evaluation as counting
from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.domain.evaluation import Period
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.services import evaluation as evaluation_service
from desktop_app.services.demo import DemoGenerator
from tests.helpers import BACKENDS, SignedInDemo, demo_database, migrate

NOW = datetime(2026, 11, 25, 15, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    with db.write() as session:
        session.execute(text("CREATE TABLE moments (n INTEGER NOT NULL)"))
        session.execute(text("INSERT INTO moments (n) VALUES (1)"))
    yield db
    db.dispose()


def _count(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM moments")).scalar_one()


def test_a_commit_while_the_reads_open_is_seen_by_none(database: Database) -> None:
    """Another counter commits (or tries to) each time a read after the first begins: none of
    the reads sees it. Without the shared snapshot (PostgreSQL) or the gate (SQLite) the later
    reads would see the new rows and the earlier not."""
    url = database.engine.url
    sqlite = database.is_sqlite
    writer = create_engine(url, connect_args={"timeout": 0} if sqlite else {})
    outcomes: list[str] = []
    begun = 0

    def another_counter_writes(_connection: Connection) -> None:
        nonlocal begun
        begun += 1
        if begun == 1:
            return
        try:
            with writer.begin() as connection:
                connection.execute(text("INSERT INTO moments (n) VALUES (2)"))
            outcomes.append("committed")
        except OperationalError:
            outcomes.append("held off")

    event.listen(database.engine, "begin", another_counter_writes)
    try:
        with database.reads(3) as sessions:
            assert len(sessions) == 3
            counts = [_count(session) for session in sessions]
    finally:
        event.remove(database.engine, "begin", another_counter_writes)
    try:
        with writer.connect() as connection:
            after = connection.execute(text("SELECT count(*) FROM moments")).scalar_one()
    finally:
        writer.dispose()
    assert counts == [1, 1, 1]
    if sqlite:  # SQLite: no commit can fall between the reads' snapshots
        assert outcomes == ["held off", "held off"]
        assert after == 1
    else:  # PostgreSQL: the commits happen, and the later reads do not see them
        assert outcomes == ["committed", "committed"]
        assert after == 3


def test_the_reads_see_no_commit_made_after_they_opened(database: Database) -> None:
    with database.reads(2) as sessions:
        assert _count(sessions[1]) == 1
        with database.write() as session:
            session.execute(text("INSERT INTO moments (n) VALUES (2)"))
        assert [_count(s) for s in sessions] == [1, 1]
    with database.read() as session:
        assert _count(session) == 2


def test_a_writer_holding_sqlite_lock_leaves_one_read(tmp_path: Path) -> None:
    """The reads never wait for a writer: one read (which WAL lets read alongside it)."""
    path = tmp_path / "counter.db"
    database = open_database(f"sqlite:///{path}")
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with database.reads(2) as sessions:
            assert len(sessions) == 1
            assert _users(sessions[0]) >= 0
        writer.execute("ROLLBACK")
        with database.reads(2) as sessions:  # the lock released: two again
            assert len(sessions) == 2
    finally:
        writer.close()
        database.dispose()


def test_a_read_only_database_gives_one_read(tmp_path: Path) -> None:
    path = tmp_path / "counter.db"
    open_database(f"sqlite:///{path}").dispose()
    before = path.read_bytes()
    database = open_database(f"sqlite:///{path}", read_only=True)
    try:
        assert database.read_only is not None
        with database.reads(2) as sessions:
            assert len(sessions) == 1
            assert _users(sessions[0]) >= 0
    finally:
        database.dispose()
    assert path.read_bytes() == before


def _users(session: Session) -> int:
    return session.execute(text("SELECT count(*) FROM users")).scalar_one()


# --- the evaluation in two threads ---------------------------------------------------------------


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SignedInDemo]:
    def make(database: Database) -> None:
        DemoGenerator(database, seed=15, months=3).run(600, NOW)

    with demo_database(request, tmp_path_factory, make, NOW) as demo:
        yield demo


@pytest.mark.parametrize(
    "period",
    [
        Period.month(2026, 10),
        Period.quarter(2026, 4),  # still running at NOW
        Period.between(date(2026, 9, 1), date(2026, 11, 25)),
    ],
    ids=lambda period: period.label(),
)
def test_figures_counted_with_a_helper_equal_figures_counted_alone(
    demo: SignedInDemo, period: Period
) -> None:
    periods = (period, period.previous())
    with demo.database.read() as session:
        calendar = queries.work_calendar(session, PACKAGE_CALENDARS)
        alone = counting.figures_of(session, periods, calendar=calendar, now=NOW)
    with demo.database.reads(2) as (session, helper):
        together = counting.figures_of(session, periods, calendar=calendar, now=NOW, helper=helper)
    assert alone[0].received.total > 0
    assert together == alone


def test_the_report_is_the_same_with_one_read_or_two(
    demo: SignedInDemo, monkeypatch: pytest.MonkeyPatch
) -> None:
    period = Period.month(2026, 10)
    reports = []
    for reads in (1, 2):
        monkeypatch.setattr(evaluation_service, "READS", reads)
        reports.append(demo.services.evaluation.reference_report(period, demo.manager))
    assert reports[0].current.received.total > 0
    assert reports[0] == reports[1]


# --- migration 0013: the repeat pass reads the period's jobs of a product only ----------------


def _product_index(database: Database) -> list[str]:
    with database.read() as session:
        rows = session.execute(text("PRAGMA index_info('ix_jobs_product_id')")).all()
    return [row[2] for row in sorted(rows)]


def _repeat_plan(database: Database) -> str:
    """How SQLite reads the jobs checked in after an earlier repair of the same serial: the
    repeat pass's statement, sent with EXPLAIN QUERY PLAN before it."""

    def explain(_conn, _cursor, statement, parameters, _context, _many):
        return "EXPLAIN QUERY PLAN " + statement, parameters

    event.listen(database.engine, "before_cursor_execute", explain, retval=True)
    try:
        with database.read() as session:
            result = session.connection().execute(_repeat_statement(Period.year(2025)))
            rows = result.cursor.fetchall()  # the plan's rows, not the statement's columns
    finally:
        event.remove(database.engine, "before_cursor_execute", explain)
    return " ; ".join(str(row[-1]) for row in rows)


def _repeat_statement(period: Period) -> Select:
    periods = (period, period.previous())  # as the report asks
    spans = counting._Spans(tuple(counting._Moments.of(p, NOW) for p in periods), periods)
    return counting._repeat_statement(spans)


def test_0013_reads_a_products_jobs_by_check_in_time(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        assert _product_index(database) == ["product_id", "checked_in_at"]
        plan = _repeat_plan(database)
        assert "ix_jobs_product_id (product_id=? AND checked_in_at>? AND checked_in_at<?)" in plan
        migrate(database, "0012", down=True)  # the revision before 0013
        assert _product_index(database) == ["product_id"]
        # before 0013: every job the product ever had, then each one's check-in time checked
        assert "ix_jobs_product_id (product_id=?)" in _repeat_plan(database)
        upgrade_to_head(database)
        assert _product_index(database) == ["product_id", "checked_in_at"]
    finally:
        database.dispose()


def test_a_snapshot_the_server_will_not_share_leaves_one_read(database: Database) -> None:
    """PostgreSQL refusing the shared snapshot (here: its export fails on the server, as it
    may for a role, a pooler or a server with no connection to spare): the reads fall back to
    one read, at once, instead of failing the report."""
    if database.is_sqlite:
        pytest.skip("PostgreSQL only")

    @event.listens_for(database.engine, "before_cursor_execute", retval=True)
    def refuse_export(_conn, _cursor, statement, parameters, _context, _many):  # type: ignore[no-untyped-def]
        return statement.replace("pg_export_snapshot()", "pg_export_snapshot_refused()"), (
            parameters
        )

    try:
        with database.reads(2) as sessions:
            assert len(sessions) == 1
            assert _count(sessions[0]) == 1
    finally:
        event.remove(database.engine, "before_cursor_execute", refuse_export)
    with database.reads(2) as sessions:  # the pool's connections are fine afterwards
        assert len(sessions) == 2
        assert [_count(s) for s in sessions] == [1, 1]
