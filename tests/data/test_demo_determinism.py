"""`repair-counter demo --seed N` gives the same rows whatever the time of day it is run at, and
on either backend (issue 15: both backends benchmarked on identical data); its bulk writes
store what SQLAlchemy's own inserts would; its progress neither floods a log nor stays silent."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from desktop_app.admin import DemoProgress
from desktop_app.data import bulk
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Base, JobEvent, Product
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services, demo
from desktop_app.services.demo import DemoGenerator, history_end
from tests.helpers import FAST_PASSWORDS, FakeClock

DAY = date(2026, 11, 25)
# Nothing is left out: every table, every column. The search index's own tables (SQLite's
# FTS5 shadow tables, job_search*) are no part of the models' metadata: they are derived from
# the rows compared here, and PostgreSQL has none.
TABLES = [table.name for table in Base.metadata.sorted_tables]


def _dump(database: Database) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order, values as Python reads them back through the
    models' types (a datetime is a datetime on both backends). One value is not the demo's: the
    first migration seeds the shop's first manager (users.id 1) with the moment the database was
    made, a true record of the file, not demo data; it is left out."""
    dumped: dict[str, list[tuple]] = {}
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows = [
                dict(row._mapping) for row in connection.execute(sa.select(table).order_by(*order))
            ]
            if table.name == "users":
                for row in rows:
                    if row["id"] == SEEDED_MANAGER:
                        row["created_at"] = None
            dumped[table.name] = [tuple(row.items()) for row in rows]
    return dumped


SEEDED_MANAGER = 1


def _demo(url: str, now: datetime, jobs: int = 700, seed: int = 5) -> dict[str, list[tuple]]:
    database = open_database(url)
    try:
        DemoGenerator(database, seed=seed, months=3).run(jobs, now)
        return _dump(database)
    finally:
        database.dispose()


def test_the_same_seed_gives_the_same_rows_in_the_morning_and_at_night(tmp_path):
    morning = _demo(
        f"sqlite:///{tmp_path}/morning.db",
        datetime.combine(DAY, datetime.min.time()) + timedelta(hours=8),
    )
    night = _demo(f"sqlite:///{tmp_path}/night.db", datetime(2026, 11, 25, 21, 30, 17))
    assert morning["jobs"] and morning["job_events"] and morning["visits"]
    assert morning["consultations"] and morning["complaints"] and morning["surveys"]
    assert morning["parts"]  # the catalogue, its counts after the lines took their parts
    for table in TABLES:
        assert morning[table] == night[table], table


def test_nothing_is_later_than_the_moment_the_demo_is_run_at(tmp_path):
    """The history ends at the start of the day: at 08:00 no job is checked in at 15:00."""
    now = datetime(2026, 11, 25, 8, 0)
    rows = _demo(f"sqlite:///{tmp_path}/early.db", now)
    jobs = [dict(row) for row in rows["jobs"]]
    assert max(job["checked_in_at"] for job in jobs) < history_end(now)
    events = [dict(row) for row in rows["job_events"]]
    assert max(event["at"] for event in events) <= history_end(now)
    # Appointments still ahead, a callback still due: whatever the time of day.
    booked = [job["appointment_start"] for job in jobs if job["appointment_start"] is not None]
    assert booked and min(booked) >= history_end(now) + timedelta(days=1)


def test_the_day_changes_the_rows(tmp_path):
    """The day is part of the data (the months end there): the anchor is the day, not a
    constant."""
    one = _demo(f"sqlite:///{tmp_path}/one.db", datetime(2026, 11, 25, 10), jobs=200)
    other = _demo(f"sqlite:///{tmp_path}/other.db", datetime(2026, 11, 26, 10), jobs=200)
    assert one["jobs"] != other["jobs"]


@pytest.mark.postgres
def test_sqlite_and_postgresql_get_the_same_rows(tmp_path, postgres_server):
    now = datetime(2026, 11, 25, 14, 45)
    on_sqlite = _demo(f"sqlite:///{tmp_path}/lite.db", now)
    url = postgres_server.create_database()
    try:
        on_postgres = _demo(url, now)
    finally:
        postgres_server.drop_database(url)
    assert on_sqlite["parts"] and any(row[-2][1] for row in on_sqlite["job_lines"])
    for table in TABLES:
        if table == "evaluation_stale":
            # The evaluation's stale-day marks (migration 0020) are bookkeeping, written the
            # backend's way (SQLite a day once, PostgreSQL once a statement): the same days.
            assert _days(on_sqlite[table]) == _days(on_postgres[table]) != set()
            continue
        assert on_sqlite[table] == on_postgres[table], table


# --- indexes set aside while a new database is loaded ------------------------------------------


def _schema(database: Database) -> list[tuple]:
    """Every index, constraint and trigger as the database's catalogue spells it."""
    with database.engine.connect() as connection:
        if database.is_sqlite:
            return [
                tuple(row)
                for row in connection.exec_driver_sql(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master "
                    "WHERE type IN ('index', 'trigger') ORDER BY type, name"
                )
            ]
        return [
            tuple(row)
            for row in connection.exec_driver_sql(
                "SELECT tablename, indexname, indexdef FROM pg_indexes "
                "WHERE schemaname = current_schema() "
                "UNION ALL SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
                "UNION ALL SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) "
                "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2, 3"
            )
        ]


def _search_tables(database: Database) -> dict[str, list[tuple]]:
    """The search's own rows: SQLite's FTS index, PostgreSQL's pieces tables."""
    names = (
        ["job_search"] if database.is_sqlite else ["customer_name_pieces", "product_serial_pieces"]
    )
    with database.engine.connect() as connection:
        return {
            name: [
                tuple(row)
                for row in connection.exec_driver_sql(
                    "SELECT rowid, * FROM job_search ORDER BY 1"
                    if name == "job_search"
                    else f"SELECT * FROM {name} ORDER BY 1, 2"
                )
            ]
            for name in names
        }


SEARCHED = ("王", "李建", "138", "SN0", "华为", "R2026", "86", "陈思")


def _found(database: Database, now: datetime) -> dict[str, list[str]]:
    """What the job list's search finds for a few texts (index, pieces and scan paths)."""
    services = Services.build(
        database, FakeClock(now), passwords=FAST_PASSWORDS, workstation="test-counter"
    )
    return {
        typed: sorted(row.number for row in services.jobs.search(JobQuery(text=typed)).rows)
        for typed in SEARCHED
    }


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_a_new_database_loaded_with_its_indexes_set_aside_is_the_ordinary_one(
    tmp_path, request, backend, monkeypatch
):
    """Into a database without jobs the demo sets the loaded tables' secondary indexes (and
    PostgreSQL's foreign keys) aside and makes them after the last batch: every row, every
    index, constraint and trigger, the search's own tables and what a search finds are those
    of the ordinary load, which keeps them up to date row by row; SQLite finds the file
    sound."""
    monkeypatch.setattr(demo, "CHUNK", 300)  # several batches written without the indexes
    now = datetime(2026, 11, 25, 14, 45)
    server = request.getfixturevalue("postgres_server") if backend == "postgres" else None
    real = bulk.insert_values
    indexes_while_writing: list[int] = []

    def counting(session, table, names, rows, converted=()):
        if table.name == "job_events":
            indexes_while_writing.append(len(_loaded_indexes(session)))
        real(session, table, names, rows, converted)

    monkeypatch.setattr(bulk, "insert_values", counting)
    made = {}
    for set_aside in (True, False):
        url = server.create_database() if server else f"sqlite:///{tmp_path}/{set_aside}.db"
        database = open_database(url)
        try:
            indexes_while_writing.clear()
            DemoGenerator(database, seed=5, months=3, set_aside=set_aside).run(1000, now)
            made[set_aside] = (
                _dump(database),
                _schema(database),
                _search_tables(database),
                _found(database, now),
                list(indexes_while_writing),
            )
            if database.is_sqlite:
                with database.engine.connect() as connection:
                    checked = connection.exec_driver_sql("PRAGMA integrity_check").all()
                    assert checked == [("ok",)]
                    assert not connection.exec_driver_sql("PRAGMA foreign_key_check").all()
        finally:
            database.dispose()
            if server is not None:
                server.drop_database(url)
    aside, ordinary = made[True], made[False]
    for table in TABLES:
        if table == "evaluation_stale":  # PostgreSQL marks a day once a statement: the same days
            assert _days(aside[0][table]) == _days(ordinary[0][table]) != set()
            continue
        assert aside[0][table] == ordinary[0][table], table
    assert aside[1] == ordinary[1]
    assert aside[2] == ordinary[2] and any(aside[2].values())  # no serial is Chinese
    assert aside[3] == ordinary[3] and any(aside[3].values())
    # The set-aside load wrote its batches with fewer indexes; the ordinary one with all.
    assert len(aside[4]) == len(ordinary[4]) == 4
    assert max(aside[4]) < min(ordinary[4])


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_indexes_a_killed_load_left_set_aside_are_made_by_the_next_demo(tmp_path, request, backend):
    """A demo killed outright (no Ctrl+C, no finally) leaves its loaded tables without their
    secondary indexes, and the statements that make them in a table of their own: the next
    demo makes them first; a demo into a database that has jobs sets none aside."""
    server = request.getfixturevalue("postgres_server") if backend == "postgres" else None
    url = server.create_database() if server else f"sqlite:///{tmp_path}/killed.db"
    database = open_database(url)
    try:
        made_with = _schema(database)
        with database.write() as session:
            statements = bulk.set_aside_indexes(session, demo.LOADED_TABLES)
        assert statements and len(_schema(database)) < len(made_with)
        # ... killed here. The next demo (a database still without jobs):
        DemoGenerator(database, seed=5, months=3).run(300, datetime(2026, 11, 25))
        assert _schema(database) == made_with
        with database.engine.connect() as connection:
            assert not database.engine.dialect.has_table(connection, bulk.SET_ASIDE_TABLE)
        # A database with jobs keeps its indexes while another demo writes.
        real = bulk.insert_values
        seen: list[int] = []

        def watching(session, table, names, rows, converted=()):
            seen.append(len(_loaded_indexes(session)))
            real(session, table, names, rows, converted)

        bulk.insert_values = watching
        try:
            DemoGenerator(database, seed=6, months=3).run(100, datetime(2026, 11, 25))
        finally:
            bulk.insert_values = real
        with database.engine.connect() as connection:
            indexes_now = len(_loaded_indexes(Session(connection)))
        assert seen and set(seen) == {indexes_now}
        assert _schema(database) == made_with
    finally:
        database.dispose()
        if server is not None:
            server.drop_database(url)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_opening_a_database_a_killed_load_left_without_indexes_makes_them(
    tmp_path, request, backend
):
    """A demo killed outright (a closed terminal, kill -9) between batches: the next opening of
    the database, not only the next demo, makes the indexes it set aside, before anyone searches
    a database that would read every row for each keystroke."""
    server = request.getfixturevalue("postgres_server") if backend == "postgres" else None
    url = server.create_database() if server else f"sqlite:///{tmp_path}/killed.db"
    database = open_database(url)
    try:
        made_with = _schema(database)
        with database.write() as session:
            assert bulk.set_aside_indexes(session, demo.LOADED_TABLES)
        assert len(_schema(database)) < len(made_with)
    finally:
        database.dispose()
    reopened = open_database(url)
    try:
        assert _schema(reopened) == made_with
        with reopened.engine.connect() as connection:
            assert not reopened.engine.dialect.has_table(connection, bulk.SET_ASIDE_TABLE)
    finally:
        reopened.dispose()
        if server is not None:
            server.drop_database(url)


def test_the_stale_day_triggers_look_up_by_index_while_a_load_sets_indexes_aside(tmp_path):
    """The evaluation's stale-day trigger (migration 0020) finds, for every job row a load
    writes, the later jobs of the same serial: with the serial and product indexes set aside it
    read the whole jobs table for each row, and a 20,000-job demo took 4.5 times as long as with
    them (a million would take hours). Those two stay; the lookup is an index search."""
    database = open_database(f"sqlite:///{tmp_path}/aside.db")
    try:
        with database.write() as session:
            bulk.set_aside_indexes(session, demo.LOADED_TABLES)
        with database.read() as session:
            plan = [
                row[-1]
                for row in session.execute(
                    sa.text(
                        "EXPLAIN QUERY PLAN SELECT j.checked_in_at FROM products p "
                        "JOIN products ep ON ep.serial = p.serial "
                        "JOIN jobs j ON j.product_id = ep.id "
                        "WHERE p.id = 5 AND p.serial <> '' AND j.checked_in_at >= '2026-01-01'"
                    )
                )
            ]
        assert not [step for step in plan if step.startswith("SCAN")], plan
    finally:
        database.dispose()


def _loaded_indexes(session) -> list[str]:
    """The indexes of the loaded tables, as the writing transaction sees them."""
    if session.get_bind().dialect.name == "sqlite":
        sql = (
            "SELECT name FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name IN ('customers', 'products', 'jobs', 'job_events', 'job_lines')"
        )
    else:
        sql = (
            "SELECT indexname FROM pg_indexes WHERE tablename IN "
            "('customers', 'products', 'jobs', 'job_events', 'job_lines')"
        )
    return list(session.scalars(sa.text(sql)))


def _days(rows: list[tuple]) -> set[int]:
    return {dict(row)["day"] for row in rows}


# --- the bulk path -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_bulk_rows_are_the_rows_an_ordinary_insert_stores(tmp_path, request, backend):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/bulk.db"
        server = None
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database()
    engine = sa.create_engine(url)
    try:
        metadata = sa.MetaData()
        # The models' columns, without their foreign keys: only the writing is compared.
        events = sa.Table(
            "bulk_events",
            metadata,
            *(
                sa.Column(c.name, c.type, primary_key=c.primary_key, default=c.default)
                for c in JobEvent.__table__.columns
            ),
        )
        products = sa.Table(
            "bulk_products",
            metadata,
            *(
                sa.Column(c.name, c.type, primary_key=c.primary_key, default=c.default)
                for c in Product.__table__.columns
            ),
        )
        metadata.create_all(engine)
        at = datetime(2026, 3, 4, 9, 5, 7, 120)
        event_rows = [
            {
                "job_id": n,
                "at": at + timedelta(minutes=n),
                "user_id": 2,
                "kind": "checked_in",
                "from_status": None if n % 2 else "received",
                "to_status": "received",
                "payload": '{"a": "中文\\t\\n"}',
            }
            for n in range(1, 40)
        ]  # `note` left out: its default ("") is written
        product_rows = [
            {
                "id": n,
                "customer_id": n,
                "category": "electronics",
                "brand": "华为",
                "model": "P70",
                "serial": f"SN{n:014d}",
                "purchase_date": date(2025, 1, n),
                "warranty_months": 12,
            }
            for n in range(1, 20)
        ]
        with Session(engine) as session, session.begin():
            bulk.insert_rows(session, events, event_rows)
            bulk.insert_rows(session, products, product_rows)
            stored_bulk = _raw(session, events), _raw(session, products)
            session.execute(events.delete())
            session.execute(products.delete())
            session.execute(
                sa.insert(events), [dict(r, id=n + 1) for n, r in enumerate(event_rows)]
            )
            session.execute(sa.insert(products), product_rows)
            stored_insert = _raw(session, events), _raw(session, products)
        assert stored_bulk == stored_insert
        assert len(stored_bulk[0]) == 39 and stored_bulk[0][0][6] == ""
    finally:
        engine.dispose()
        if server is not None:
            server.drop_database(url)


def _raw(session: Session, table: sa.Table) -> list[tuple]:
    """The stored values as the database holds them (on SQLite: the text of a date)."""
    columns = ", ".join(c.name for c in table.columns if c.name != "id")
    return [
        tuple(r)
        for r in session.execute(sa.text(f"SELECT {columns} FROM {table.name} ORDER BY 1, 2"))
    ]


# --- progress ------------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_progress_into_a_log_is_ten_lines_with_the_time_left():
    out, clock = io.StringIO(), _Clock()
    progress = DemoProgress(out, False, clock)
    total = 1_000_000
    for done in range(5000, total + 1, 5000):
        clock.now += 1.5
        progress(done, total)
    progress.finish()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # not 200: one a tenth of the way
    assert lines[0] == "  100,000 / 1,000,000 jobs (10%), about 4 min 30 s left"
    assert lines[-1].startswith("  1,000,000 / 1,000,000 jobs (100%) in 5 min 00 s")


def test_progress_on_a_terminal_redraws_one_line_at_most_twice_a_second():
    out, clock = io.StringIO(), _Clock()
    progress = DemoProgress(out, True, clock)
    for done in range(1000, 100_001, 1000):
        clock.now += 0.1
        progress(done, 100_000)
    progress.finish()
    text = out.getvalue()
    assert text.count("\r") <= 21 and "\n" not in text[:-1] and text.endswith("\n")
    assert "100,000 / 100,000 jobs (100%)" in text
    assert "left" in text


# --- worker processes ---------------------------------------------------------------------------


def test_worker_processes_make_the_same_rows_as_the_demos_own_process(tmp_path, monkeypatch):
    """Each batch draws from its own seed (the demo's and the batch's number): the rows do not
    depend on how many processes make the batches, nor on which one makes which."""
    monkeypatch.setattr(demo, "CHUNK", 150)  # several batches, so several seeds and counters
    now = datetime(2026, 11, 25, 10)

    def run(name: str, workers: int) -> dict[str, list[tuple]]:
        database = open_database(f"sqlite:///{tmp_path}/{name}.db")
        try:
            DemoGenerator(database, seed=5, months=3, workers=workers).run(700, now)
            return _dump(database)
        finally:
            database.dispose()

    alone, two = run("alone", 0), run("two", 2)
    assert len(alone["jobs"]) == 700
    for table in TABLES:
        assert alone[table] == two[table], table


def test_a_demo_stopped_between_batches_leaves_whole_jobs_and_numbers_that_continue(
    tmp_path, monkeypatch
):
    """Ctrl+C (here: an error raised while the third batch is written) leaves the batches
    written before it, each job with all its rows and its day's counter at its number; a
    check-in after that continues the day's numbers."""
    monkeypatch.setattr(demo, "CHUNK", 100)
    database = open_database(f"sqlite:///{tmp_path}/stopped.db")
    written = 0
    real = bulk.insert_values

    def stop_at_the_third_batch(session, table, names, rows, converted=()):
        nonlocal written
        if table.name == "job_events":
            written += 1
            if written == 3:
                raise KeyboardInterrupt
        real(session, table, names, rows, converted)

    monkeypatch.setattr(bulk, "insert_values", stop_at_the_third_batch)
    made_with = _schema(database)
    try:
        with pytest.raises(KeyboardInterrupt):
            DemoGenerator(database, seed=5, months=3, workers=0).run(500, datetime(2026, 11, 25))
        # The indexes set aside for the load are all made again for the batches written.
        assert _schema(database) == made_with
        with database.engine.connect() as connection:
            jobs = connection.execute(sa.text("SELECT id, number FROM jobs")).all()
            without_events = connection.execute(
                sa.text(
                    "SELECT count(*) FROM jobs WHERE NOT EXISTS "
                    "(SELECT 1 FROM job_events e WHERE e.job_id = jobs.id)"
                )
            ).scalar()
            counters = dict(
                connection.execute(sa.text("SELECT day, last FROM job_number_counters")).all()
            )
        assert len(jobs) == 200 and without_events == 0
        last = {}
        for _id, number in jobs:
            day, sequence = number[1:9], int(number[10:])
            last[day] = max(last.get(day, 0), sequence)
        assert counters == last
    finally:
        database.dispose()
