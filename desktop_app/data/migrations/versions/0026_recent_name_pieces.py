"""PostgreSQL: the Chinese pieces of the newest jobs' customers' names, in check-in order, for the
first page of a search of one or two Chinese characters (issue 15, the slowest search keystroke
at a million jobs).

A surname typed alone ("钟") is found through migration 0010's pieces: about 10,000 of a
million demo customers hold it. The list's first page then hashes their ids and walks the
check-in index newest first until 60 of the jobs it passes belong to one of them: 10,000 jobs
passed, 6 ms, on top of 1.5 ms counting the customers to choose that way.

`recent_name_pieces` holds, for every job checked in at or after `recent_name_pieces_since.since`
(made as 0025's `recent_jobs_since`, trimmed and refilled with it), one row for each piece of its
customer's name (each Chinese character, and each pair of them: `customer_name_pieces`), with
the job's check-in. Its primary
key (piece, check-in, job) is the order the first page wants: a surname's newest 60 jobs are the
last 60 entries of the key's range, read from the index alone. About 4 rows a job: 800,000
rows and 94 MB with its indexes for the newest 200,000 of the demo's million jobs. search_index
asks it for a text of one or two Chinese characters that no serial holds; fewer than a page
there, and it asks as before.

Kept by triggers, as the other pieces (0010) and the newest jobs (0025):
- on jobs: a check-in, or a job's customer or check-in changed, writes that job's rows (from
  `customer_name_pieces`, as they are once migration 0024's trigger has read the customer's row
  FOR SHARE: a rename at another counter either waits for this check-in or is seen by it);
- on customers: a name changed makes that customer's rows again, from the new name's pieces
  (`search_pieces`, as 0010's trigger makes them) for their jobs checked in since `since`.
`since` only moves forward (search_index.trim_recent_jobs trims this table with `recent_jobs`,
where the role may write it), so every job checked in at or after it has its rows; a row older
than it may stay a moment and is never read.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

TABLE = "recent_name_pieces"
# Its own `since` (made with 0025's): every job checked in at or after it has its rows here. Its
# own, so that a role that may not write this table (set up before this migration) can still
# trim and refill 0025's table: this one then keeps its older `since`, or stays "nothing yet"
# after a demo load held it, and is right for that `since` (found by the adversary: a shared
# `since` either stopped the role's trims or, refilled without this table, made it miss jobs).
SINCE = "recent_name_pieces_since"
JOB_WRITTEN = "recent_name_pieces_job_written"
RENAMED = "recent_name_pieces_renamed"
# SECURITY DEFINER (as 0020's and 0025's): written as the tables' owner, so a counter's check-in
# or a customer's new name never fails for want of a right on this table (an app role set up
# before this migration, `repair-counter postgres-roles` not run again yet).
_DEFINER = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"

STATEMENTS = (
    f"CREATE TABLE {TABLE} ("
    "piece text NOT NULL, "
    "checked_in_at timestamp without time zone NOT NULL, "
    # No foreign keys (as 0025's): `pg_restore --clean` of a dump without this table must be
    # able to drop jobs and customers.
    "job_id integer NOT NULL, "
    "customer_id integer NOT NULL, "
    "PRIMARY KEY (piece, checked_in_at, job_id))",
    # What a rename and a job's new customer find a customer's rows by.
    f"CREATE INDEX ix_{TABLE}_customer_id ON {TABLE} (customer_id)",
    f"CREATE TABLE {SINCE} ("
    "one boolean PRIMARY KEY DEFAULT true CHECK (one), "
    "since timestamp without time zone NOT NULL)",
    f"INSERT INTO {SINCE} (since) SELECT since FROM recent_jobs_since",
    f"INSERT INTO {TABLE} (piece, checked_in_at, job_id, customer_id) "
    "SELECT p.piece, j.checked_in_at, j.id, j.customer_id "
    "FROM jobs AS j JOIN customer_name_pieces AS p ON p.customer_id = j.customer_id "
    f"WHERE j.checked_in_at >= (SELECT since FROM {SINCE})",
    # A job checked in, or its customer or check-in changed (a status, a note: nothing to do).
    # Its customers' rows (the old one's and the new one's) are read FOR SHARE first: a rename
    # of either at another counter then waits for this job's rows, or this waits for the
    # rename's and sees them (without it a rename racing a job given to another customer, or
    # moved in time, left rows of the old name or time: found by the adversary).
    f"CREATE FUNCTION {JOB_WRITTEN}() RETURNS trigger {_DEFINER} AS $$ BEGIN "
    "IF TG_OP = 'UPDATE' AND NEW.checked_in_at = OLD.checked_in_at "
    "AND NEW.customer_id = OLD.customer_id THEN RETURN NULL; END IF; "
    "IF TG_OP = 'UPDATE' THEN "
    "PERFORM 1 FROM customers WHERE id IN (OLD.customer_id, NEW.customer_id) "
    "ORDER BY id FOR SHARE; "
    f"DELETE FROM {TABLE} WHERE customer_id = OLD.customer_id AND job_id = OLD.id; END IF; "
    f"IF NEW.checked_in_at >= (SELECT since FROM {SINCE}) THEN "
    # (A check-in: migration 0024's trigger has read it FOR SHARE already; not during a demo
    # load, whose `since` takes no job.)
    "IF TG_OP = 'INSERT' THEN "
    "PERFORM 1 FROM customers WHERE id = NEW.customer_id FOR SHARE; END IF; "
    f"INSERT INTO {TABLE} (piece, checked_in_at, job_id, customer_id) "
    "SELECT p.piece, NEW.checked_in_at, NEW.id, NEW.customer_id "
    "FROM customer_name_pieces AS p WHERE p.customer_id = NEW.customer_id "
    "ON CONFLICT DO NOTHING; END IF; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER {JOB_WRITTEN} AFTER INSERT OR UPDATE ON jobs "
    f"FOR EACH ROW EXECUTE FUNCTION {JOB_WRITTEN}()",
    # A customer's name changed: that customer's rows made again from the new name (a new
    # customer has no jobs yet). Row by row, by the customer's id, so every statement is planned
    # on the indexes whatever a statement changes (a statement trigger on the name pieces joined
    # a transition table, whose plan was kept from its first size: found by the adversary).
    f"CREATE FUNCTION {RENAMED}() RETURNS trigger {_DEFINER} AS $$ BEGIN "
    "IF NEW.name IS NOT DISTINCT FROM OLD.name THEN RETURN NULL; END IF; "
    f"DELETE FROM {TABLE} WHERE customer_id = NEW.id; "
    f"INSERT INTO {TABLE} (piece, checked_in_at, job_id, customer_id) "
    "SELECT p.piece, j.checked_in_at, j.id, j.customer_id "
    "FROM jobs AS j, search_pieces(NEW.name) AS p(piece) "
    f"WHERE j.customer_id = NEW.id AND j.checked_in_at >= (SELECT since FROM {SINCE}) "
    "ON CONFLICT DO NOTHING; RETURN NULL; END $$",
    f"CREATE TRIGGER {RENAMED} AFTER UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION {RENAMED}()",
)


def _drop(bind: Connection) -> None:
    """The table and its triggers (a function dropped CASCADE takes its trigger with it)."""
    for function in (JOB_WRITTEN, RENAMED):
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {function}() CASCADE")
    bind.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}, {SINCE}")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    # What a restore of an older dump over this database may have left: made afresh.
    _drop(bind)
    # No name changed and no job written while the table is made from them (a change not
    # committed yet would be neither read below nor copied by a trigger not made yet). In the
    # order a check-in of a new customer takes them (its name's pieces, then its job): the other
    # order deadlocked with one (found by the adversary, in the refill's lock).
    bind.exec_driver_sql("LOCK TABLE customer_name_pieces, jobs IN SHARE MODE")
    for statement in STATEMENTS:
        bind.exec_driver_sql(statement)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    _drop(bind)
