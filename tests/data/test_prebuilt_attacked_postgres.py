"""Adversary (kept): the search's statements made once (search_index._probe_statement,
_recent_statement, _recent_pieces_statement, queries._page_by_ids) and the counters' session
setting made by a SET on connect (db._set_on_connect, SESSION_SETTINGS)."""

from __future__ import annotations

import threading
from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy import text, update

from desktop_app.data import db as db_module
from desktop_app.data import queries, search_index
from desktop_app.data.db import SESSION_SETTINGS, Database, open_database
from desktop_app.data.location import CorruptDatabase
from desktop_app.data.models import Job
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.vocabulary import Status
from tests.data import test_recent_jobs_postgres as recent
from tests.data import test_recent_name_pieces_postgres as pieces
from tests.data import test_search_postgres as search_postgres
from tests.data.test_search import scanned
from tests.data.test_search_postgres import PAGE, recorded

pytestmark = pytest.mark.postgres

database = recent.database
big = search_postgres.big  # the module's 30,000 cloned jobs


def _setting(database: Database, name: str = "gin_pending_list_limit") -> str:
    with database.read() as session:
        return str(session.execute(text(f"SHOW {name}")).scalar_one())


def _joined(url: str) -> str:
    return "&" if "?" in url else "?"


def _plain(database: Database, **kwargs) -> psycopg.Connection:
    plain = database.engine.url.set(drivername="postgresql")
    return psycopg.connect(plain.render_as_string(hide_password=False), **kwargs)


def _a_counter_sees(url: str, expected: str) -> None:
    """A counter opened on `url` has gin_pending_list_limit at `expected`."""
    counter = open_database(url, migrate=False)
    try:
        assert _setting(counter) == expected
    finally:
        counter.dispose()


def _clear_made_once() -> None:
    for made in (
        search_index._probe_statement,
        search_index._recent_statement,
        search_index._recent_pieces_statement,
        queries._page_by_ids,
    ):
        made.cache_clear()


# --- the session setting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        "-c gin-pending-list-limit=64kB",  # PostgreSQL reads '-' in a -c name as '_'
        "-c GIN_PENDING_LIST_LIMIT=64kB",  # setting names are case-insensitive
    ],
)
def test_the_urls_own_options_win_however_postgresql_lets_them_spell_it(database, options):
    """A URL whose own `options` set it wins, however PostgreSQL lets them spell it (a plain
    libpq connection with them shows 64kB)."""
    with _plain(database, options=options) as connection:
        assert connection.execute("SHOW gin_pending_list_limit").fetchone() == ("64kB",)
    url = database.engine.url.render_as_string(hide_password=False)
    _a_counter_sees(f"{url}{_joined(url)}options={quote(options)}", "64kB")


def test_libpqs_own_pgoptions_win_as_the_urls_options_do(database, monkeypatch):
    """libpq's `options` from the environment (PGOPTIONS) win as the URL's do."""
    monkeypatch.setenv("PGOPTIONS", "-c gin_pending_list_limit=64kB")
    with _plain(database) as connection:
        assert connection.execute("SHOW gin_pending_list_limit").fetchone() == ("64kB",)
    _a_counter_sees(database.engine.url.render_as_string(hide_password=False), "64kB")


def test_an_administrators_database_setting_wins(database):
    """An administrator tunes a database the ordinary way, `ALTER DATABASE ... SET
    gin_pending_list_limit` (or ALTER ROLE): the counters leave it as it is."""
    with _plain(database, autocommit=True) as connection:
        name = connection.execute("SELECT current_database()").fetchone()[0]
        connection.execute(f"ALTER DATABASE \"{name}\" SET gin_pending_list_limit = '1MB'")
    with _plain(database) as connection:
        assert connection.execute("SHOW gin_pending_list_limit").fetchone() == ("1MB",)
    _a_counter_sees(database.engine.url.render_as_string(hide_password=False), "1MB")


def test_a_connection_the_server_ended_is_replaced_by_one_with_the_setting(database):
    """pg_terminate_backend on every counter connection: pool_pre_ping replaces it, and the
    new connection runs the SET too. (Held.)"""
    recent._services(database, jobs=6)
    with database.read() as session:
        before = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
    with _plain(database, autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    with database.read() as session:
        after = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
        setting = session.execute(text("SHOW gin_pending_list_limit")).scalar_one()
    assert after != before
    assert setting == SESSION_SETTINGS["gin_pending_list_limit"]


def test_a_refused_session_setting_is_not_called_a_damaged_database(database, monkeypatch):
    """A server or pooler that refuses the setting (simulated: a value PostgreSQL rejects; a
    "PostgreSQL-compatible" server without the parameter would say "unrecognized configuration
    parameter" the same way) does not stop the counter, let alone make the database "damaged"
    (open_database turns a non-operational DatabaseError into CorruptDatabase): the refusal is
    logged and the connection is used without it."""
    monkeypatch.setattr(db_module, "SESSION_SETTINGS", {"gin_pending_list_limit": "1kB"})
    url = database.engine.url.render_as_string(hide_password=False)
    try:
        counter = open_database(url, migrate=False)
    except CorruptDatabase as error:
        pytest.fail(f"a refused SET is reported as a damaged database: {error}")
    counter.dispose()


# --- the statements made once -----------------------------------------------------------------


@pytest.fixture
def many(database, monkeypatch):
    """30 jobs with Chinese names (tests/data/test_recent_name_pieces_postgres.py), the probe
    of 3 of them, the newest jobs' table trimmed to 20."""
    monkeypatch.setattr(search_index, "PROBE_JOBS", 3)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = pieces._services(database, jobs=30)
    recent._trim(database, 20)
    return services


TYPED = ("00001", "0000", "13800", "000", "0002", "钟", "王", "李", "钟宇", "宇", "SN00")


def test_first_pages_searched_at_once_from_many_threads_are_what_a_scan_finds(database, many):
    """The window searches from several worker threads: every thread's first keystroke at
    once, the made-once statements not made yet (each thread may race to make them). (Held.)"""
    expected = {typed: scanned(database, typed) for typed in TYPED}
    _clear_made_once()
    barrier = threading.Barrier(len(TYPED) * 2)
    found: dict[tuple[str, int], list[int]] = {}
    errors: list[BaseException] = []

    def search(typed: str, limit: int) -> None:
        try:
            barrier.wait()
            for _ in range(5):
                page = many.jobs.search(JobQuery(text=typed), limit=limit)
                found[typed, limit] = [row.id for row in page.rows]
        except BaseException as error:
            errors.append(error)

    threads = [
        threading.Thread(target=search, args=(typed, limit)) for typed in TYPED for limit in (2, 5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    for (typed, limit), ids in found.items():
        assert ids == expected[typed][:limit], (typed, limit)


@pytest.mark.parametrize("typed", ["00001", "0000", "钟", "王"])
def test_pages_with_filters_and_later_pages_are_what_a_scan_finds(database, many, typed):
    """The ids path only for a first page with the search alone: a filter (statuses, open
    only, a technician), and later pages, still what a scan finds. (Held.)"""
    with database.write() as session:  # every third job closed: a filter that matters
        session.execute(update(Job).where(Job.id % 3 == 0).values(status=Status.RETURNED.value))
    expected = scanned(database, typed)
    with database.read() as session:
        closed = set(session.scalars(text("SELECT id FROM jobs WHERE id % 3 = 0")))
    for limit in (2, 5):
        assert recent._pages(many, JobQuery(text=typed), limit=limit) == expected
        opened = recent._pages(many, JobQuery(text=typed, open_only=True), limit=limit)
        assert opened == [i for i in expected if i not in closed], (typed, limit)
        collected = recent._pages(
            many, JobQuery(text=typed, statuses=frozenset({Status.RETURNED})), limit=limit
        )
        assert collected == [i for i in expected if i in closed], (typed, limit)


def test_the_made_once_statements_are_never_prepared_on_the_server(database, many):
    """Ten runs of the same keystrokes on the counter's connections: nothing prepared on the
    server (psycopg's prepare_threshold is off), so no generic plan; each run's page read by
    the made-once statement carries its own ids. (Held.)"""
    expected = {typed: scanned(database, typed) for typed in ("00001", "钟", "0000")}
    with recorded(database) as sent:
        for _ in range(10):
            for typed, ids in expected.items():
                for limit in (2, 5):
                    page = many.jobs.search(JobQuery(text=typed), limit=limit)
                    assert [row.id for row in page.rows] == ids[:limit], (typed, limit)
    made_once = [(s, p) for s, p in sent.seen if s.startswith(PAGE) and "rows" in p]
    assert len(made_once) >= 20, len(made_once)
    assert all("ANY (CAST('{" in s for s, _p in made_once)
    assert {"pattern", "probe_jobs"} <= {k for _s, p in sent.seen for k in p}
    assert "piece" in {k for _s, p in sent.seen for k in p}
    with database.engine.connect() as connection:
        # (a check-in's statements are prepared by design: db.Database.write(prepared=True))
        prepared = list(connection.scalars(text("SELECT statement FROM pg_prepared_statements")))
    searches = [s for s in prepared if "LIKE" in s or "recent_" in s or "ANY (CAST" in s]
    assert searches == [], searches


# --- generic plans: tests/data/test_search_postgres.py's guard explains what it is given ---------


def test_the_generic_plan_guard_explains_the_statement_it_was_given(big):
    """test_search_postgres._generic_plan (the guard of test_even_a_generic_plan_reads_no_whole_
    jobs_table, the only check of what a statement's generic plan would read, were a pooler or
    driver to prepare it) explains the statement it is given, not its own lookup of
    pg_prepared_statements (which, prepared too, was the newest: that test could not fail)."""
    from tests.data.test_search_postgres import _generic_plan

    database, _services = big
    statement = "SELECT count(*) FROM jobs WHERE jobs.number LIKE %(pattern)s"
    plan = _generic_plan(database, statement, {"pattern": "%0555%"})
    assert "pg_prepared_statements" not in plan and "prepare_time" not in plan, plan
    assert " on jobs" in plan, plan


@pytest.mark.parametrize("typed", ["05551", "0555"])
def test_even_a_generic_plan_of_the_made_once_digit_statements_reads_no_whole_jobs_table(
    big, typed
):
    """The probe's and the newest jobs' statements made once (parameters `pattern`, `rows`,
    `probe_jobs`): even a generic plan of them reads no whole jobs table."""
    database, services = big
    with recorded(database) as sent:
        services.jobs.search(JobQuery(text=typed), limit=100)
    made_once = [(s, p) for s, p in sent.seen if isinstance(p, dict) and "pattern" in p]
    assert made_once
    for statement, parameters in made_once:
        plan = search_postgres._generic_plan(database, statement, parameters)
        assert "Seq Scan on jobs" not in plan, (typed, statement, plan)
        assert "Seq Scan on recent_jobs " not in plan, (typed, statement, plan)
