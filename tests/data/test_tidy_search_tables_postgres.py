"""PostgreSQL: migration 0027 bounds the pending lists of the search's trigram indexes, so a busy
counter's job updates never leave more than 256 kB of entries waiting for every search to read
(the default is 4 MB, and at a million jobs autovacuum rarely empties it): after the migration,
after an upgrade that finds a full list, for an index made later by `repair-counter migrate`, and
after a demo load rebuilds the indexes."""

from __future__ import annotations

from importlib import import_module

import pytest
from sqlalchemy import text

from desktop_app.data import search_index
from desktop_app.data.db import Database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.data import test_phone_and_serial_postgres as phone_and_serial
from tests.data.test_search import NOW, scanned
from tests.helpers import FAST_PASSWORDS, FakeClock, migrate

pytestmark = pytest.mark.postgres

database = phone_and_serial.database  # the fixture: a database of its own on the suite's server
MIGRATION = import_module("desktop_app.data.migrations.versions.0027_tidy_search_tables")
# The pages a bounded list may hold: 256 kB of 8 kB pages (the insert that overflows it empties
# it, so it never holds more).
BOUNDED_PAGES = MIGRATION.PENDING_LIST_KB // 8
# Updates of jobs that are not HOT (last_event_at is indexed): each adds the new row version's
# trigrams to the jobs' trigram indexes. 3,000 of them filled 215 pages of the phone and serial's
# list on the 100,000-job demo database, unbounded.
UPDATES = (
    "DO $$ BEGIN FOR i IN 1..{n} LOOP UPDATE jobs SET last_event_at = "
    "coalesce(last_event_at, checked_in_at) + interval '1 second' "
    "WHERE id = 1 + i % (SELECT count(*) FROM jobs); END LOOP; END $$"
)


def _pending(database: Database) -> dict[str, int]:
    """Each trigram index's pending pages (pgstattuple's pgstatginindex)."""
    with database.write() as session:
        session.execute(text("CREATE EXTENSION IF NOT EXISTS pgstattuple"))
    with database.read() as session:
        rows = session.execute(
            text(
                "SELECT relname, (pgstatginindex(oid)).pending_pages FROM pg_class "
                "WHERE relname = ANY(:names)"
            ),
            {"names": list(MIGRATION.INDEXES)},
        ).all()
    return {name: pages for name, pages in rows}


def _limits(database: Database) -> dict[str, list[str] | None]:
    with database.read() as session:
        rows = session.execute(
            text("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(:names)"),
            {"names": list(MIGRATION.INDEXES)},
        ).all()
    return {name: options for name, options in rows}


def _update_jobs(database: Database, times: int) -> None:
    with database.write() as session:
        session.execute(text(UPDATES.format(n=times)))


BOUND = [f"gin_pending_list_limit={MIGRATION.PENDING_LIST_KB}"]


def test_every_trigram_index_is_bounded_and_stays_so_under_updates(database):
    phone_and_serial._services(database, jobs=20)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES, BOUND)
    _update_jobs(database, 3000)
    pending = _pending(database)
    assert set(pending) == set(MIGRATION.INDEXES)
    assert all(pages <= BOUNDED_PAGES for pages in pending.values()), pending
    # The updates did reach the lists (a bound never tried proves nothing).
    assert pending["ix_jobs_phone_and_serial_trgm"] > 0 or pending["ix_jobs_number_trgm"] > 0


def test_the_upgrade_bounds_and_empties_a_list_filled_before_it(database):
    """Down to 0026, the lists fill as before (the default 4 MB); up again, each is bounded and
    what waited in it is moved into the index, and the search finds what a scan finds."""
    services = phone_and_serial._services(database, jobs=20)
    migrate(database, "0026", down=True)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES)
    _update_jobs(database, 3000)
    unbounded = _pending(database)
    assert unbounded["ix_jobs_phone_and_serial_trgm"] > BOUNDED_PAGES, unbounded
    upgrade_to_head(database)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES, BOUND)
    assert _pending(database) == dict.fromkeys(MIGRATION.INDEXES, 0)
    for typed in ("139", "0001", "R2026"):
        found = services.jobs.search(JobQuery(text=typed), limit=100)
        assert [row.id for row in found.rows] == scanned(database, typed), typed


def test_an_index_made_later_by_migrate_is_bounded_too(database):
    """pg_trgm added after the migrations (the index was missing): `repair-counter migrate`
    makes the index (search_index.complete_postgres_search), bounded as 0027 bounds them. Run
    again with every index bounded, it changes nothing."""
    phone_and_serial._services(database, jobs=5)
    with database.write() as session:
        session.execute(text("DROP INDEX ix_jobs_phone_and_serial_trgm"))
        session.execute(text("DROP INDEX ix_recent_jobs_number_trgm"))
    with database.engine.begin() as connection:
        assert search_index.complete_postgres_search(connection) == []
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES, BOUND)
    with database.engine.begin() as connection:
        assert MIGRATION.bound_pending_lists(connection) == []


def test_a_demo_load_keeps_the_bound(database):
    """A demo load sets the indexes aside and makes them again from the catalogue's own text
    (data/bulk.py), which carries the bound."""
    DemoGenerator(database, seed=3, months=2).run(120, NOW)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES, BOUND)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    assert services.jobs.search(JobQuery(text="1")).rows


def test_the_downgrade_takes_the_bound_back(database):
    migrate(database, "0026", down=True)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES)
    upgrade_to_head(database)
    assert _limits(database) == dict.fromkeys(MIGRATION.INDEXES, BOUND)


def test_the_counters_role_running_migrate_leaves_an_unbounded_index_as_it_is(postgres_server):
    """`repair-counter migrate` as the counters' role (it may not alter the owner's indexes):
    an index found unbounded is left so, and the command neither fails nor half-changes
    anything; as the owner, it is bounded."""
    import uuid

    from desktop_app.data.db import open_database
    from desktop_app.data.roles import secure_postgres
    from tests.data.test_adversary_roles import _drop_roles

    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url)
    counter = None
    try:
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
            connection.exec_driver_sql(
                "ALTER INDEX ix_jobs_number_trgm RESET (gin_pending_list_limit)"
            )
        counter = open_database(admin_url.replace("//postgres@", f"//{app}@"))
        with counter.engine.begin() as connection:
            assert search_index.complete_postgres_search(connection) == []
        assert _limits(admin)["ix_jobs_number_trgm"] is None
        with admin.engine.begin() as connection:
            assert search_index.complete_postgres_search(connection) == []
        assert _limits(admin) == dict.fromkeys(MIGRATION.INDEXES, BOUND)
    finally:
        search_index.forget_postgres_search()
        if counter is not None:
            counter.dispose()
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_roles(postgres_server, app, owner)
