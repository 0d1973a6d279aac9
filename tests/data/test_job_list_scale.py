"""The job list at a million jobs (issue 15): the summary strip counted from indexes alone
(migration 0021) gives what one pass over the open jobs' rows gives, on SQLite and PostgreSQL;
the search's thresholds grow with the table."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import event, text

from desktop_app.data import queries, search_index
from desktop_app.data.db import Database, open_database
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    DemoGenerator(db, seed=5).run(400, NOW)
    services = Services.build(db, FakeClock(NOW), passwords=FAST_PASSWORDS)
    manager = actor(services)
    assert manager is not None
    for n in range(3):  # waiting for their first response: late from the next day on
        services.jobs.check_in(check_in_form(phone=f"1390000{n:04d}"), manager)
    yield db
    db.dispose()


@pytest.mark.parametrize("later", [timedelta(0), timedelta(hours=30), timedelta(days=6)])
def test_the_summary_counts_what_a_pass_over_the_open_jobs_counts(database, later):
    now = NOW + later
    with database.read() as session:
        counted = queries.due_summary(session, now=now)
        scanned = queries.due_summary_scan(session, now=now)
    assert counted == scanned
    # Jobs in every state the strip counts: the test compares numbers, not zeros.
    assert counted.open and counted.overdue
    assert counted.response_overdue or not later


def test_the_summary_follows_a_first_response(database):
    services = Services.build(
        database, FakeClock(NOW + timedelta(days=2)), passwords=FAST_PASSWORDS
    )
    before = services.jobs.summary()
    with database.read() as session:
        job_id = session.execute(
            text(
                "SELECT id FROM jobs WHERE first_response_at IS NULL AND status = 'received' "
                "ORDER BY id LIMIT 1"
            )
        ).scalar_one()
    manager = actor(services)
    assert manager is not None
    services.jobs.record_first_response(job_id, manager, "已联系")
    after = services.jobs.summary()
    assert after.response_overdue == before.response_overdue - 1
    with database.read() as session:
        assert after == queries.due_summary_scan(session, now=NOW + timedelta(days=2))


def test_the_summary_reads_no_job_row_on_sqlite(sqlite_url):
    """Every count is a range of an index that holds what it tests ("COVERING INDEX"); the one
    pass before migration 0021 read every open job's row."""
    database = open_database(sqlite_url)
    try:
        statements: list[tuple[str, object]] = []

        def seen(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
            if statement.lstrip().upper().startswith("SELECT"):
                statements.append((statement, parameters))

        event.listen(database.engine, "before_cursor_execute", seen)
        services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
        services.jobs.summary()
        event.remove(database.engine, "before_cursor_execute", seen)
        (statement, parameters), *_ = [s for s in statements if "count(" in s[0]]
        with database.engine.connect() as connection:
            plan = [
                row[3]
                for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
            ]
        reads = [line for line in plan if line.startswith(("SEARCH", "SCAN")) and "jobs" in line]
        assert len(reads) == 4, plan
        assert all("COVERING INDEX" in line for line in reads), plan
        assert any("ix_jobs_status_first_response_at" in line for line in reads), plan
    finally:
        database.dispose()


def test_search_thresholds_hold_for_small_tables_and_grow_with_the_square_root():
    hold = search_index.THRESHOLDS_HOLD_UP_TO
    for threshold in (search_index.FEW_MATCHES, search_index.SPARSE_MATCHES):
        assert search_index.scaled(threshold, 0) == threshold
        assert search_index.scaled(threshold, hold) == threshold
        assert search_index.scaled(threshold, 4 * hold) == 2 * threshold
        sizes = [hold, 100_000, 1_000_000, 10_000_000]
        grown = [search_index.scaled(threshold, size) for size in sizes]
        assert grown == sorted(grown) and len(set(grown)) == len(grown)


@pytest.mark.postgres
def test_statements_with_a_searchs_ids_are_not_kept_in_the_statement_cache(postgres_server):
    """PostgreSQL's search writes the ids it found into the list's statement when it runs
    (search_index._id_array): the statements SQLAlchemy caches hold a placeholder, or the cache
    would keep hundreds of them, ids and all, in the counter's memory."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        DemoGenerator(database, seed=5).run(300, NOW)
        services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
        with database.read() as session:
            names = session.execute(text("SELECT name FROM customers LIMIT 20")).scalars().all()
        for name in names:
            services.jobs.search(JobQuery(text=name[:2]))
        cached = [
            getattr(compiled, "string", "")
            for compiled in database.engine._compiled_cache.values()  # type: ignore[attr-defined]
        ]
        assert cached, "the engine caches its other statements"
        with_ids = [s for s in cached if "AS INTEGER[]" in s]
        assert with_ids, "the search wrote ids into its statements"
        assert not [s for s in with_ids if "'{" in s], with_ids[:1]
    finally:
        database.dispose()
        postgres_server.drop_database(url)


def test_a_check_in_finds_the_serials_earlier_repairs_through_its_index(tmp_path):
    """Every check-in looks up the serial's earlier repairs (repeat repair, issue 16). SQLite,
    without statistics, walked the jobs by their return time (or status) for it instead: 1.4 s
    a check-in at 1,000,000 jobs. The plan starts from the serial's index and reads no table
    through."""
    database = open_database(f"sqlite:///{tmp_path}/plan.db")
    seen: list[tuple[str, object]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if "products.serial" in statement:
            seen.append((statement, parameters))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        with database.read() as session:
            queries.earlier_repairs_for_serial(session, "SN123")
        event.remove(database.engine, "before_cursor_execute", capture)
        assert len(seen) == 1
        statement, parameters = seen[0]
        with database.engine.connect() as connection:
            plan = [
                row[-1]
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            ]
        assert not [step for step in plan if step.startswith("SCAN")], plan
        assert any("ix_products_serial" in step for step in plan), plan
    finally:
        database.dispose()
