"""PostgreSQL: the newest jobs' phones, serials and numbers in a small table of their own, for
the first page of a search of digits (issue 15, the slowest search keystroke at a million jobs).

Four digits of a phone or a serial ("5041") match about 2,000 of a million jobs: too few for the
walk down the check-in index to find a page soon (it would pass 50,000 jobs), and too many to
read cheaply from the trigram index of `jobs.phone_and_serial` (migration 0024), which must read
each match's row in the jobs table to check it and sort them all by check-in: 2,000 rows of a
1.1 GB table, 8-10 ms of a keystroke. The first page only needs the newest 101 of them.

`recent_jobs` holds, for every job checked in at or after `recent_jobs_since.since`, what the
search of digits reads: its check-in, phone and serial (`jobs.phone_and_serial`) and number,
with trigram indexes of their own. The newest 200,000 jobs' rows take about 15 MB with their
indexes and stay in memory; the same "5041" finds about 400 matches there, in 1.5 ms.
search_index._digits_condition asks it between the probe of the newest 2,000 jobs and the
trigram indexes of all jobs; when it finds fewer than a page, the page may hold older jobs, and
all jobs are asked as before.

Kept by a trigger on jobs (a check-in; a phone or serial changed, which migration 0024's
triggers copy into the job row; a number or check-in changed), named by no column outside its
body (as 0024's). `since` only ever moves forward (search_index.keep_recent_jobs, at each
start, when the table has grown well past its size): a job checked in at or after it is always
in the table, so whatever the search reads there at or after `since` is every match of those
days. A row older than `since` may stay a moment (a check-in racing the trim): the search never
reads it. Without `since`'s row, the search finds nothing there and asks all jobs, and the next
start makes the table again.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-02
"""

from __future__ import annotations

from importlib import import_module

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

TABLE = "recent_jobs"
SINCE = "recent_jobs_since"
# How many of the newest jobs the table is made with and trimmed back to.
RECENT_JOBS = 200_000
WRITTEN = "recent_jobs_written"
# (index, column): the trigram indexes the search of digits reads it by (as migration 0024's,
# the number apart from the phone and serial: every number holds the year's trigrams).
TRIGRAM_INDEXES = (
    ("ix_recent_jobs_phone_and_serial_trgm", "phone_and_serial"),
    ("ix_recent_jobs_number_trgm", "number"),
)

STATEMENTS = (
    f"CREATE TABLE {TABLE} ("
    # No foreign key to jobs: `pg_restore --clean` of a dump without this table could not drop
    # jobs then (found by the adversary). Jobs are never deleted; a row of one that was would
    # only name a job the page's statement no longer finds.
    "job_id integer PRIMARY KEY, "
    "checked_in_at timestamp without time zone NOT NULL, "
    "phone_and_serial text, "
    "number text NOT NULL)",
    # What the trim walks, newest first, to the row it keeps the table at.
    f"CREATE INDEX ix_{TABLE}_checked_in_at ON {TABLE} (checked_in_at)",
    f"CREATE TABLE {SINCE} ("
    "one boolean PRIMARY KEY DEFAULT true CHECK (one), "
    "since timestamp without time zone NOT NULL)",
    f"INSERT INTO {TABLE} (job_id, checked_in_at, phone_and_serial, number) "
    "SELECT id, checked_in_at, phone_and_serial, number FROM jobs "
    f"WHERE checked_in_at >= (SELECT since FROM {SINCE})",
    # SECURITY DEFINER (as migration 0020's): written as the tables' owner, so that a counter's
    # check-in never fails for want of a right on this table (an app role set up before this
    # migration, `repair-counter postgres-roles` not run again yet).
    f"CREATE FUNCTION {WRITTEN}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
    "SET search_path = public, pg_temp AS $$ BEGIN "
    # A status, a note, a technician: nothing the search of digits reads (most job writes).
    "IF TG_OP = 'UPDATE' AND NEW.checked_in_at = OLD.checked_in_at "
    "AND NEW.number = OLD.number "
    "AND NEW.phone_and_serial IS NOT DISTINCT FROM OLD.phone_and_serial THEN "
    "RETURN NULL; END IF; "
    f"IF NEW.checked_in_at >= (SELECT since FROM {SINCE}) THEN "
    f"INSERT INTO {TABLE} (job_id, checked_in_at, phone_and_serial, number) "
    "VALUES (NEW.id, NEW.checked_in_at, NEW.phone_and_serial, NEW.number) "
    "ON CONFLICT (job_id) DO UPDATE SET checked_in_at = EXCLUDED.checked_in_at, "
    "phone_and_serial = EXCLUDED.phone_and_serial, number = EXCLUDED.number; "
    f"ELSIF TG_OP = 'UPDATE' THEN DELETE FROM {TABLE} WHERE job_id = NEW.id; "
    "END IF; RETURN NULL; END $$",
    f"CREATE TRIGGER {WRITTEN} AFTER INSERT OR UPDATE ON jobs "
    f"FOR EACH ROW EXECUTE FUNCTION {WRITTEN}()",
)


def install_trigram(connection: Connection) -> None:
    """The table's trigram indexes, where pg_trgm is there and they are missing (as 0024's)."""
    searches = import_module("desktop_app.data.migrations.versions.0010_postgres_search_indexes")
    schema = searches._extension_schema(connection)
    if schema is None:
        return
    try:
        with connection.begin_nested():
            for name, column in TRIGRAM_INDEXES:
                connection.exec_driver_sql(
                    f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} "
                    f"USING gin ({column} {schema}.gin_trgm_ops)"
                )
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != searches.INSUFFICIENT_PRIVILEGE:
            raise


def since_statement() -> str:
    """`since`: the check-in of the RECENT_JOBS-th newest job, or the first day there is (the
    table holds every job) while there are fewer."""
    return (
        f"INSERT INTO {SINCE} (since) VALUES (coalesce("
        f"(SELECT checked_in_at FROM jobs ORDER BY checked_in_at DESC OFFSET {RECENT_JOBS - 1} "
        "LIMIT 1), '0001-01-01'))"
    )


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    tables, fill = STATEMENTS[:3], STATEMENTS[3:]
    # What a restore of an older dump over this database may have left (pg_restore --clean
    # drops only what the dump holds): made afresh.
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}, {SINCE}")
    bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {WRITTEN}() CASCADE")
    for statement in (*tables, since_statement(), *fill):
        bind.exec_driver_sql(statement)
    install_trigram(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {WRITTEN} ON jobs")
    bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {WRITTEN}()")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {SINCE}")
