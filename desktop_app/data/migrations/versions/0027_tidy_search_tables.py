"""PostgreSQL: the search's trigram indexes keep at most 256 kB of new entries waiting (issue 15,
the search at a million jobs at counters in use, not only on a freshly vacuumed copy).

A GIN index (pg_trgm's, migrations 0010, 0024, 0025) does not put a new row's entries into its
tree at once: they wait in a "pending list" of up to `gin_pending_list_limit` (4 MB by default)
until a vacuum, or the insert that overflows the list, moves them all in; and every search
through the index reads the whole list first. Every update of a job that is not HOT (a status
change: the status is indexed) writes a new row version with new entries, and every check-in
writes a job and its row of the newest jobs' table, so the counters fill these lists all day;
jobs is vacuumed after 1% of its rows change (migration 0023), 10,000 changes at a million.

Measured on two copies of the 1M demo database, one bounded, searches alternated between them
(service level, medians of 18): after 20,000 updates of the newest 30,000 jobs the unbounded
phone and serial's index held 401 pending pages (3.2 MB), the bounded one 18; a serial's five
and six digits (read through the trigram indexes of all jobs) took 16.8 and 15.0 ms unbounded
against 14.6 and 10.8 bounded, and after 40,000 updates 20.0 and 20.5 against 12.0 and 14.9
(9.1-9.4 and 7.7-9.0 once both were vacuumed). Names, read from b-tree tables, did not move.

Bounded to 256 kB (32 pages) per index: a search reads at most that much of a list, and the
update that overflows it moves the list in (a few milliseconds, every few hundred updates). The
price is on writes: 20,000 single-job updates took 5.2-6.5 s bounded against 3.5-4.6 s (about
0.1 ms more an update); 64 kB took 7.1-7.2 s, and `fastupdate = off` (no list at all) twice
the default's time on the 100,000-job copy. What waits in the lists now is moved in here
(`gin_clean_pending_list`). An index made later (pg_trgm installed after these migrations, made
then by `repair-counter migrate`: search_index.complete_postgres_search) is bounded there; a
demo load's rebuilt indexes keep the bound (data/bulk.py makes them again as the catalogue
spells them).

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

PENDING_LIST_KB = 256
INSUFFICIENT_PRIVILEGE = "42501"  # also "must be owner of index"
# Every trigram index of the search (0010's, 0024's, 0025's), where it is there.
INDEXES = (
    "ix_jobs_number_trgm",
    "ix_jobs_phone_and_serial_trgm",
    "ix_customers_name_trgm",
    "ix_customers_phone_trgm",
    "ix_products_serial_trgm",
    "ix_recent_jobs_phone_and_serial_trgm",
    "ix_recent_jobs_number_trgm",
)


def _present(connection: Connection) -> dict[str, bool]:
    """The search's trigram indexes in this database's schema (GIN ones only), each with whether
    its pending list is bounded as this migration bounds it."""
    rows = connection.exec_driver_sql(
        "SELECT c.relname, coalesce(%(bound)s = ANY(c.reloptions), false) "
        "FROM pg_class c JOIN pg_am a ON a.oid = c.relam "
        "WHERE c.relkind = 'i' AND a.amname = 'gin' "
        "AND c.relnamespace = current_schema()::regnamespace "
        "AND c.relname = ANY(%(names)s) ORDER BY c.relname",
        {"bound": f"gin_pending_list_limit={PENDING_LIST_KB}", "names": list(INDEXES)},
    ).all()
    return {name: bool(bound) for name, bound in rows}


def bound_pending_lists(connection: Connection) -> list[str]:
    """Bounds the pending list of each of the search's trigram indexes that is there and not
    bounded yet, and moves in what waits in it; the indexes bounded. Only the tables' owner may:
    for another role (`repair-counter migrate` run as the counters' role) an index is left as it
    is, which only costs its searches the wait."""
    bounded = []
    for name, bound in _present(connection).items():
        if bound:
            continue
        try:
            with connection.begin_nested():
                # SHARE UPDATE EXCLUSIVE on the index: the counters read and write on meanwhile.
                connection.exec_driver_sql(
                    f"ALTER INDEX {name} SET (gin_pending_list_limit = {PENDING_LIST_KB})"
                )
                connection.exec_driver_sql(f"SELECT gin_clean_pending_list('{name}'::regclass)")
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            continue
        bounded.append(name)
    return bounded


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    bound_pending_lists(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    for name in _present(bind):
        bind.exec_driver_sql(f"ALTER INDEX {name} RESET (gin_pending_list_limit)")
