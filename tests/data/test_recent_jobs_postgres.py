"""PostgreSQL: the newest jobs' table of the search of digits (migration 0025): it holds every job
checked in since `since`, as the job rows have them, through check-ins, phone and serial changes,
a job deleted, the trim at each start (which only ever moves `since` forward) and a demo load; the
migration fills it from existing jobs and takes it back; and a first page read from it is what a
scan finds, whether it fills the page or holds less than a page."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from sqlalchemy import select, text, update

from desktop_app.data import queries, search_index
from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.data.models import Customer, Job, Product
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.data import test_phone_and_serial_postgres as phone_and_serial
from tests.data.test_search import NOW, scanned
from tests.data.test_search_postgres import PAGE, pages_built, recorded
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form, migrate

pytestmark = pytest.mark.postgres

database = phone_and_serial.database  # the fixture: a database of its own on the suite's server
MIGRATION = import_module("desktop_app.data.migrations.versions.0025_recent_jobs")
# Every job checked in since `since` whose row in the table is missing or not as the job has it,
# and every row of the table for a job that is not there or not as it is.
DIFFERENT = (
    "(SELECT j.id, j.checked_in_at, j.phone_and_serial, j.number::text FROM jobs AS j "
    "WHERE j.checked_in_at >= (SELECT since FROM recent_jobs_since) "
    "EXCEPT SELECT job_id, checked_in_at, phone_and_serial, number FROM recent_jobs) "
    "UNION ALL "
    "(SELECT job_id, checked_in_at, phone_and_serial, number FROM recent_jobs "
    "EXCEPT SELECT j.id, j.checked_in_at, j.phone_and_serial, j.number::text FROM jobs AS j)"
)


def _services(database: Database, jobs: int) -> Services:
    """`jobs` jobs checked in (tests/data/test_phone_and_serial_postgres.py's), one a minute."""
    services = phone_and_serial._services(database, jobs)
    with database.write() as session:  # one a minute, the newest last (the clock stood still)
        session.execute(
            text("UPDATE jobs SET checked_in_at = checked_in_at + id * interval '1 minute'")
        )
    return services


def _different(database: Database) -> list[tuple]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(text(DIFFERENT))]


def _recent(database: Database) -> tuple[list[int], object]:
    with database.read() as session:
        ids = list(session.scalars(text("SELECT job_id FROM recent_jobs ORDER BY job_id")))
        since = session.scalar(text("SELECT since FROM recent_jobs_since"))
    return ids, since


def _trim(database: Database, keep: int) -> int:
    with database.write() as session:
        return search_index.trim_recent_jobs(session.connection(), keep)


def _pages(services: Services, query: JobQuery, limit: int = 5) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = services.jobs.search(query, after=after, limit=limit)
        ids += [row.id for row in page.rows]
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def test_the_table_follows_every_change_of_what_the_search_reads(database):
    _services(database, jobs=6)
    ids, since = _recent(database)
    assert ids == [1, 2, 3, 4, 5, 6]
    assert str(since).startswith("0001-01-01")  # fewer than RECENT_JOBS: it holds every job
    with database.write() as session:
        customer_id, product_id = session.execute(
            select(Job.customer_id, Job.product_id).where(Job.id == 2)
        ).one()
        session.execute(update(Customer).where(Customer.id == customer_id).values(phone="1361234"))
        session.execute(update(Product).where(Product.id == product_id).values(serial="IMEI9876"))
        session.execute(update(Job).where(Job.id == 3).values(number="R20991231-0003"))
    assert _different(database) == []
    with database.read() as session:
        assert session.scalar(
            text("SELECT phone_and_serial FROM recent_jobs WHERE job_id = 2")
        ) == ("1361234\x1fIMEI9876")
    # A status, a note: nothing the search reads; the table's row is not written again.
    with database.read() as session:
        before = session.scalar(text("SELECT xmin::text FROM recent_jobs WHERE job_id = 4"))
    with database.write() as session:
        session.execute(update(Job).where(Job.id == 4).values(diagnosis="screen", version=5))
    with database.read() as session:
        after = session.scalar(text("SELECT xmin::text FROM recent_jobs WHERE job_id = 4"))
    assert before == after


def test_the_trim_moves_since_forward_and_the_table_keeps_every_job_since(database):
    services = _services(database, jobs=8)
    with database.write() as session:  # two jobs checked in at one moment: both kept
        session.execute(
            text(
                "UPDATE jobs SET checked_in_at = (SELECT checked_in_at FROM jobs WHERE id = 6) "
                "WHERE id = 5"
            )
        )
    assert _trim(database, 3) == 4  # jobs 1-4; job 5 shares the oldest kept moment
    ids, since = _recent(database)
    assert ids == [5, 6, 7, 8]
    assert _different(database) == []
    # Never back: a trim to more rows than the table holds moves nothing.
    assert _trim(database, 50) == 0
    assert _recent(database)[1] == since
    # A check-in after the trim is in the table; a job moved to before `since` leaves it.
    later = Services.build(database, FakeClock(NOW + timedelta(hours=1)), passwords=FAST_PASSWORDS)
    later.jobs.check_in(check_in_form(phone="13900009999", serial="SNNEW001"), actor(later))
    # One checked in (a clerk's clock behind) before `since` is not: the search never reads it.
    services.jobs.check_in(check_in_form(phone="13900009998", serial="SNNEW002"), actor(services))
    with database.write() as session:
        session.execute(text("UPDATE jobs SET checked_in_at = '2020-01-01' WHERE id = 7"))
    assert _recent(database)[0] == [5, 6, 8, 9]
    assert _different(database) == []


def test_each_start_trims_only_a_table_grown_well_past_its_size(database, monkeypatch):
    _services(database, jobs=10)
    monkeypatch.setattr(search_index, "RECENT_JOBS", 8)
    with database.engine.begin() as connection:
        connection.execute(text("ANALYZE recent_jobs"))
        # 10 rows, 8 kept with a slack of 1.2 (9.6): trimmed.
        assert search_index.keep_recent_jobs(connection) == 2
        connection.execute(text("ANALYZE recent_jobs"))
        # 8 rows: left as they are.
        assert search_index.keep_recent_jobs(connection) == 0
    assert len(_recent(database)[0]) == 8
    assert _different(database) == []
    # The start does it (open_database), and says nothing when there is nothing to do.
    monkeypatch.setattr(search_index, "RECENT_JOBS", 4)
    with database.engine.begin() as connection:
        connection.execute(text("ANALYZE recent_jobs"))
    reopened = open_database(database.url)
    reopened.dispose()
    assert _recent(database)[0] == [7, 8, 9, 10]


def test_a_start_refills_the_table_a_stopped_demo_load_left_empty(database, monkeypatch):
    _services(database, jobs=5)
    monkeypatch.setattr(search_index, "RECENT_JOBS", 3)
    with database.engine.begin() as connection:
        search_index.hold_recent_jobs(connection)
        connection.execute(text("DELETE FROM recent_jobs"))
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    # Meanwhile the search finds nothing there and asks all jobs: what a scan finds.
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 1)
    monkeypatch.setattr(search_index, "PROBE_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    assert _pages(services, JobQuery(text="13900")) == scanned(database, "13900")
    reopened = open_database(database.url)
    reopened.dispose()
    assert _recent(database)[0] == [3, 4, 5]
    assert _different(database) == []


def test_the_migration_fills_the_newest_of_existing_jobs_and_takes_them_back(database, monkeypatch):
    _services(database, jobs=7)
    migrate(database, "0024", down=True)
    with database.read() as session:
        assert session.scalar(text("SELECT to_regclass('recent_jobs')")) is None
        assert (
            session.scalar(
                text("SELECT count(*) FROM pg_proc WHERE proname = 'recent_jobs_written'")
            )
            == 0
        )
    upgrade_to_head(database)
    ids, since = _recent(database)
    assert ids == [1, 2, 3, 4, 5, 6, 7]  # fewer than RECENT_JOBS: every job
    assert str(since).startswith("0001-01-01")
    assert _different(database) == []
    with database.read() as session:
        indexes = set(session.scalars(text("SELECT indexname FROM pg_indexes")))
    assert {name for name, _ in MIGRATION.TRIGRAM_INDEXES} <= indexes
    # With more jobs than it keeps, `since` is the check-in of the newest it keeps.
    monkeypatch.setattr(MIGRATION, "RECENT_JOBS", 4)
    with database.write() as session:
        session.execute(text("DELETE FROM recent_jobs_since"))
        session.execute(text(MIGRATION.since_statement()))
        assert session.scalar(text("SELECT since FROM recent_jobs_since")) == session.scalar(
            text("SELECT checked_in_at FROM jobs WHERE id = 4")
        )


def test_a_demo_load_fills_the_table_once_with_the_newest_jobs(database, monkeypatch):
    monkeypatch.setattr(search_index, "RECENT_JOBS", 30)
    DemoGenerator(database, seed=3, months=2).run(120, NOW)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    ids, _since = _recent(database)
    assert len(ids) >= 30
    assert _different(database) == []
    with database.read() as session:
        newest = list(session.scalars(select(Job.id).order_by(Job.checked_in_at.desc()).limit(30)))
        assert set(newest) <= set(ids)
        indexes = set(session.scalars(text("SELECT indexname FROM pg_indexes")))
    assert {name for name, _ in MIGRATION.TRIGRAM_INDEXES} <= indexes
    assert services.jobs.search(JobQuery(text="1")).rows


@pytest.mark.parametrize("keep", [None, 30, 12, 4])
def test_a_first_page_of_digits_from_the_newest_jobs_is_what_a_scan_finds(
    database, monkeypatch, keep
):
    """Every way the newest jobs' table answers a first page (it fills the page; it holds less
    than a page and all jobs are asked, also where it holds every job there is), with the probe
    before it at every size, finds what a scan finds, page after page."""
    monkeypatch.setattr(search_index, "PROBE_JOBS", 3)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=40)
    if keep is not None:
        assert _trim(database, keep) == 40 - keep
    ways: set[str] = set()
    recent, first = search_index._recent_newest, search_index._first_matches

    def from_recent(session, typed, rows):
        found = recent(session, typed, rows)
        ways.add("filled" if found[1] >= rows else "less than a page")
        return found

    def first_read(typed, rows, instead):
        ways.add("all jobs asked")
        return first(typed, rows, instead=instead)

    monkeypatch.setattr(search_index, "_recent_newest", from_recent)
    monkeypatch.setattr(search_index, "_first_matches", first_read)
    with database.read() as session:
        numbers = list(session.scalars(select(Job.number).order_by(Job.id)))
    texts = ["0000", "0001", "00003", "390000", "1390000003", "0003", "777", "00777", "9999"]
    texts += [numbers[0][-4:], numbers[39][1:9], "139000000"]
    for typed in texts:
        expected = scanned(database, typed)
        assert _pages(services, JobQuery(text=typed)) == expected, typed
        assert _pages(services, JobQuery(text=typed), limit=2) == expected, typed
    if keep == 30:
        assert "filled" in ways, ways
    else:
        assert {"less than a page", "all jobs asked"} <= ways, ways


def test_the_page_from_the_newest_jobs_reads_their_table_not_the_jobs(database, monkeypatch):
    """Digits the newest jobs' table holds a page of and the probe does not answer (none among
    the newest 3; "00002" was walked: the probe found it common): the table answers, and the
    page is read by its ids, not through the trigram index of all jobs nor a walk. (Five digits
    the probe did not find are asked of all jobs at once among a million: RARE_DIGITS.)"""
    monkeypatch.setattr(search_index, "PROBE_JOBS", 3)
    monkeypatch.setattr(search_index, "RARE_DIGITS", 6)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=30)
    _trim(database, 20)
    with recorded(database) as sent:
        found = services.jobs.search(JobQuery(text="00001"), limit=5)
    assert [row.id for row in found.rows] == scanned(database, "00001")[:5]
    pages = [s for s, _p in sent.seen if s.startswith(PAGE)]
    assert len(pages) == 1 and "phone_and_serial LIKE" not in pages[0], pages
    assert "jobs.id = ANY (CAST('{" in pages[0], pages
    assert "recent_jobs" in " ".join(s for s, _p in sent.seen)  # asked, and it filled the page


def test_a_first_page_by_ids_is_read_with_the_statement_made_once(database, monkeypatch):
    """A keystroke's first page the search found by ids (here the newest jobs' table filled
    it) is read with queries._page_by_ids, made once, not built by _page at each keystroke; a
    later page, or one with a filter beside the search, still is. Each is what a scan finds."""
    monkeypatch.setattr(search_index, "PROBE_JOBS", 3)
    monkeypatch.setattr(search_index, "RARE_DIGITS", 6)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=30)
    _trim(database, 20)
    built = pages_built(monkeypatch)
    expected = scanned(database, "00001")
    first = services.jobs.search(JobQuery(text="00001"), limit=5)
    assert [row.id for row in first.rows] == expected[:5] and not built
    assert queries._page_by_ids() is queries._page_by_ids()
    assert _pages(services, JobQuery(text="00001")) == expected and built
    built.clear()
    opened = services.jobs.search(JobQuery(text="00001", open_only=True), limit=5)
    assert [row.id for row in opened.rows] == expected[:5] and built  # every job is open


def test_a_role_set_up_before_the_table_checks_in_and_searches_and_is_told(
    postgres_server, monkeypatch
):
    """The counters' role of `repair-counter postgres-roles`, set up before migration 0025 and
    not set up again: its check-ins and phone changes still reach the table (the trigger runs as
    the owner), its start does not fail for want of the right to trim it, its search asks all
    jobs (the same pages) and the log says what to ask for. Set up again, it reads the table."""
    import uuid

    from desktop_app.data.roles import secure_postgres
    from tests.data.test_adversary_roles import _drop_roles

    monkeypatch.setattr(search_index, "PROBE_JOBS", 3)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", 2)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url, migrate=False)
    counter = None
    try:
        migrate(admin, "0024")
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        admin.dispose()
        admin = open_database(admin_url)  # the administrator migrates; no roles run again
        search_index.forget_postgres_search()
        counter = open_database(admin_url.replace("//postgres@", f"//{app}@"))
        services = Services.build(counter, FakeClock(NOW), passwords=FAST_PASSWORDS)
        manager = actor(services)
        for n in range(6):
            services.jobs.check_in(
                check_in_form(phone=f"1370000{n:04d}", serial=f"SNR{n:05d}"), manager
            )
        with counter.read() as session:
            found = search_index.postgres_search(session)
        assert found.trigram and not found.recent and found.recent_refused
        assert not found.recent_pieces and found.pieces_refused  # migration 0026's too
        told = [line for line in search_index.search_problems(found) if "postgres-roles" in line]
        assert len(told) == 2 and "recent_name_pieces" in told[1]
        assert _pages(services, JobQuery(text="00003")) == scanned(admin, "00003") != []
        assert _different(admin) == [] and len(_recent(admin)[0]) == 6
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
        search_index.forget_postgres_search()
        with counter.read() as session:
            assert search_index.postgres_search(session).recent
            assert search_index.postgres_search(session).recent_pieces
        assert _pages(services, JobQuery(text="00003")) == scanned(admin, "00003")
        with counter.write() as session:  # the role may trim it now
            search_index.trim_recent_jobs(session.connection(), 2)
    finally:
        search_index.forget_postgres_search()
        if counter is not None:
            counter.dispose()
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)


def test_a_start_trims_without_importing_the_migrations(database):
    """The start's look at the table (`keep_recent_jobs`) knows its size without importing
    migration 0025: importing a migration imports Alembic, 0.2 s of every start (it did)."""
    import subprocess
    import sys

    _services(database, jobs=2)
    url = database.engine.url.render_as_string(hide_password=False)
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys\nfrom desktop_app.data.db import open_database\n"
            f"open_database({url!r}).dispose()\nprint(sorted(m for m in sys.modules "
            "if m == 'alembic' or m.startswith('desktop_app.data.migrations.versions')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == "[]", shown.stdout + shown.stderr


def test_the_newest_jobs_table_is_read_through_its_trigram_indexes_never_walked(database):
    """The newest jobs' statement sorts its matches by an expression that table's check-in index
    does not hold, so no plan can walk that index reading a row at each step: at a million jobs
    PostgreSQL, guessing "2682" common, walked 34,000 rows of it for 62 matches (6.6 ms against
    0.5 through the trigram indexes). With bitmap and sequential scans off, the planner's next
    choice is still no walk (it walked the statement as it was)."""
    _services(database, jobs=30)
    statement = search_index._recent_statement().compile(database.engine)
    values = {"pattern": "%0000%", "rows": 5}
    with database.engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute("BEGIN")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + str(statement), values, prepare=False)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("ROLLBACK")
    assert "Backward using ix_recent_jobs_checked_in_at" not in plan, plan  # the walk, newest first
