"""Adversary (dd21de4): digits searched by `strpos` wherever the search walks. `strpos` is
estimated at one job in three whatever the text, so a text of digits with SPARSE_MATCHES
matches or more, all among older jobs (the digits of a job number's old day, an old phone
range), is walked down the check-in index from the newest job to the oldest: where PostgreSQL
read its matches through the trigram indexes before (its LIKE estimated from the column's
statistics), the first page, a filtered page and a count now read every job. At a million jobs
(m1w): "20260605" first page 35 -> 131-168 ms (992,000 jobs walked), with status "received"
10 ms -> 0.5-4.7 s (1,000,000 jobs read with their rows), its count 37 -> 500-750 ms.

Here at 30,000 jobs, SPARSE_MATCHES is lowered so that a text matching a thousand old jobs
(3 %, which ANALYZE's statistics see) counts as common, as 8,000 of a million do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from desktop_app.data import queries, search_index
from desktop_app.data.db import Database, open_database
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.domain.vocabulary import Status
from desktop_app.services import Services
from tests.data.test_phone_and_serial_postgres import _pages
from tests.data.test_search import NOW, all_pages, scanned
from tests.data.test_search_postgres import (
    MANY,
    NAMES,
    PAGE,
    _clone_jobs,
    _everything,
    _fill,
    _job_rows_read,
    _plan,
    recorded,
)

pytestmark = pytest.mark.postgres

# Phones '137' || lpad(g, 8, '0'): these digits are held by the phones of g = 1,000..1,999, the
# oldest jobs but a thousand, and by none of the newest.
OLD_PHONES = "13700001"
OLD_MATCHES = 1000
SPARSE = 800  # below OLD_MATCHES: the text is "common" as the code counts
# Every RECEIVED_EVERY-th cloned job is "received", the rest "returned".
RECEIVED_EVERY = 30


@pytest.fixture(scope="module")
def old_digits(postgres_server) -> Iterator[tuple[Database, Services]]:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        services = _fill(database, _everything()[-len(NAMES) :])
        _clone_jobs(database, MANY)
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE jobs SET status = CASE WHEN id % :every = 0 THEN 'received' "
                    "ELSE 'returned' END"
                ),
                {"every": RECEIVED_EVERY},
            )
        with database.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
        yield database, services
    finally:
        database.dispose()
        postgres_server.drop_database(url)


@pytest.fixture
def sparse(monkeypatch):
    monkeypatch.setattr(search_index, "SPARSE_MATCHES", SPARSE)


def _page_plan(database, statements) -> str:
    [(statement, parameters)] = [(s, p) for s, p in statements.seen if s.startswith(PAGE)]
    return _plan(database, statement, parameters)


def test_the_old_digits_are_common_and_old(old_digits):
    database, _services = old_digits
    expected = scanned(database, OLD_PHONES)
    assert len(expected) == OLD_MATCHES
    with database.read() as session:
        newest = session.execute(
            text(
                "SELECT count(*) FROM jobs WHERE checked_in_at > (SELECT max(checked_in_at) "
                "FROM jobs WHERE phone_and_serial LIKE '%13700001%')"
            )
        ).scalar()
    assert newest > 25_000  # every match is older than 25,000 jobs


def test_first_page_of_old_common_digits_reads_no_whole_jobs_table(old_digits, sparse):
    database, services = old_digits
    with recorded(database) as statements:
        page = services.jobs.search(JobQuery(text=OLD_PHONES), limit=37)
    assert [row.id for row in page.rows] == scanned(database, OLD_PHONES)[:37]
    plan = _page_plan(database, statements)
    assert _job_rows_read(plan) <= 3 * OLD_MATCHES, plan


def test_a_filtered_page_of_old_common_digits_reads_no_whole_jobs_table(old_digits, sparse):
    database, services = old_digits
    query = JobQuery(text=OLD_PHONES, statuses=frozenset({Status.RECEIVED}))
    with recorded(database) as statements:
        page = services.jobs.search(query, limit=37)
    expected = [i for i in scanned(database, OLD_PHONES) if i % RECEIVED_EVERY == 0]
    assert [row.id for row in page.rows] == expected[:37]
    plan = _page_plan(database, statements)
    assert _job_rows_read(plan) <= 3 * OLD_MATCHES, plan


def test_a_count_of_old_common_digits_reads_no_whole_jobs_table(old_digits, sparse):
    database, _services = old_digits
    with recorded(database) as statements, database.read() as session:
        counted = queries.count_jobs(
            session, JobQuery(text=OLD_PHONES), now=NOW, calendars=PACKAGE_CALENDARS
        )
    assert counted == OLD_MATCHES
    [(statement, parameters)] = [
        (s, p) for s, p in statements.seen if s.startswith("SELECT count(*)")
    ]
    plan = _plan(database, statement, parameters)
    # Its matches through the trigram indexes (rechecked where the phones' trigrams are
    # shared: some 11,000 rows before dd21de4), not every job.
    assert "Seq Scan on jobs" not in plan, plan
    assert _job_rows_read(plan) < MANY / 2, plan


# --- what held: the same jobs as a scan ------------------------------------------------------


@pytest.mark.parametrize("typed", [OLD_PHONES, "137", "1370", "00001", "2024", "999"])
def test_every_page_of_digits_is_what_a_scan_finds(old_digits, sparse, typed):
    database, services = old_digits
    expected = scanned(database, typed)
    assert all_pages(services, typed) == expected
    received = JobQuery(text=typed, statuses=frozenset({Status.RECEIVED}))
    assert _pages(services, received) == [i for i in expected if i % RECEIVED_EVERY == 0]
    with database.read() as session:
        assert queries.count_jobs(
            session, JobQuery(text=typed), now=NOW, calendars=PACKAGE_CALENDARS
        ) == len(expected)


@pytest.mark.parametrize(
    "typed", ["²³⁴", "٣٤٥", "１３７０００", "۱۲۳", "1" * 300, "123", "%12", "1_3"]
)
def test_unicode_and_long_digits_find_what_a_scan_finds(old_digits, typed):
    database, services = old_digits
    with database.engine.begin() as connection:
        connection.execute(
            text(
                "UPDATE products SET serial = 'SN²³⁴٣٤٥۱۲۳X' "
                "WHERE id = (SELECT min(id) FROM products)"
            )
        )
    query = JobQuery(text=typed)  # full-width digits become ASCII; '²', '٣' stay digits
    assert all_pages(services, query.text) == scanned(database, query.text)


def test_threads_sharing_the_statements_made_once(old_digits, sparse):
    from concurrent.futures import ThreadPoolExecutor

    database, services = old_digits
    texts = [OLD_PHONES, "00001", "1370001", "20240", "137000", "5555", "12345", "0007"] * 3
    expected = {t: scanned(database, t)[:37] for t in set(texts)}

    def first(typed: str) -> tuple[str, list[int]]:
        return typed, [r.id for r in services.jobs.search(JobQuery(text=typed), limit=37).rows]

    with ThreadPoolExecutor(4) as pool:
        for typed, ids in pool.map(first, texts):
            assert ids == expected[typed], typed
