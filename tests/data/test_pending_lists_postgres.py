"""PostgreSQL: the counters' sessions bound the pending lists of the GIN indexes they write
(gin_pending_list_limit, db.SESSION_SETTINGS), so a busy counter's job updates never leave more
than about 256 kB of entries for every search through the trigram indexes to read first (the
server's default is 4 MB). Set by each new connection (a SET, not libpq's startup options, which
a pooler such as PgBouncer refuses), but where the URL's own options set it."""

from __future__ import annotations

from urllib.parse import quote

import psycopg
import pytest
from sqlalchemy import text

from desktop_app.data.db import SESSION_SETTINGS, Database, open_database
from desktop_app.domain.forms import JobQuery
from tests.data import test_phone_and_serial_postgres as phone_and_serial
from tests.data.test_search import scanned

pytestmark = pytest.mark.postgres

database = phone_and_serial.database  # the fixture: a database of its own on the suite's server
TRIGRAM = ("ix_jobs_phone_and_serial_trgm", "ix_jobs_number_trgm")
# Updates of jobs that are not HOT (last_event_at is indexed): each adds the new row version's
# trigrams to the jobs' trigram indexes. 3,000 of them filled 215 pages of the phone and serial's
# list on the 100,000-job demo database at the server's default.
UPDATES = (
    "DO $$ BEGIN FOR i IN 1..3000 LOOP UPDATE jobs SET last_event_at = "
    "coalesce(last_event_at, checked_in_at) + interval '1 second' "
    "WHERE id = 1 + i % (SELECT count(*) FROM jobs); END LOOP; END $$"
)
# The most a bounded list holds: 256 kB of 8 kB pages, and the page that took it past the limit
# (the write after that moves the list in).
BOUNDED_PAGES = 256 // 8 + 1


def _pending(database: Database) -> dict[str, int]:
    """The jobs' trigram indexes' pending pages (pgstattuple's pgstatginindex)."""
    with database.write() as session:
        session.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
    with database.read() as session:
        return {
            name: session.execute(
                text("SELECT (pgstatginindex(CAST(:name AS regclass))).pending_pages"),
                {"name": name},
            ).scalar_one()
            for name in TRIGRAM
        }


def _setting(database: Database, name: str) -> str:
    with database.read() as session:
        return str(session.execute(text(f"SHOW {name}")).scalar_one())


def test_a_counters_updates_keep_the_lists_bounded_where_the_servers_default_does_not(database):
    """The same 3,000 job updates: through a counter's connection the lists stay bounded; through
    a plain connection (the server's 4 MB), the phone and serial's list outgrows that bound (so
    the bound is what holds it). The search finds what a scan finds either way."""
    services = phone_and_serial._services(database, jobs=20)
    assert _setting(database, "gin_pending_list_limit") == "256kB"
    with database.write() as session:
        session.execute(text(UPDATES))
    bounded = _pending(database)
    assert all(pages <= BOUNDED_PAGES for pages in bounded.values()), bounded
    assert bounded["ix_jobs_phone_and_serial_trgm"] > 0  # the updates did reach the list
    plain = database.engine.url.set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False)) as connection:
        assert connection.execute("SHOW gin_pending_list_limit").fetchone() == ("4MB",)
        connection.execute(UPDATES)
    unbounded = _pending(database)
    assert unbounded["ix_jobs_phone_and_serial_trgm"] > BOUNDED_PAGES, unbounded
    for typed in ("139", "0001", "R2026"):
        found = services.jobs.search(JobQuery(text=typed), limit=100)
        assert [row.id for row in found.rows] == scanned(database, typed), typed


def test_the_urls_own_options_are_kept_and_win(database):
    url = database.engine.url.render_as_string(hide_password=False)
    joined = "&" if "?" in url else "?"
    own = open_database(f"{url}{joined}options={quote('-c work_mem=8MB')}", migrate=False)
    theirs = open_database(
        f"{url}{joined}options={quote('-c gin_pending_list_limit=64kB')}", migrate=False
    )
    try:
        assert _setting(own, "work_mem") == "8MB"
        assert _setting(own, "gin_pending_list_limit") == SESSION_SETTINGS["gin_pending_list_limit"]
        assert _setting(theirs, "gin_pending_list_limit") == "64kB"
    finally:
        own.dispose()
        theirs.dispose()
