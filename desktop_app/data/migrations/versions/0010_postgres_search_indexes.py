"""Job search indexes (PostgreSQL): trigram indexes and the Chinese pieces SQLite's index holds.

On PostgreSQL every search that matched few jobs read all of jobs, customers and products
(240-340 ms at 100,000 jobs against 1-9 ms on SQLite). search_index.py now asks each searched
column by itself (a union of per-column lookups feeding `jobs.id IN (...)`), and this gives
those lookups indexes:

- **pg_trgm** GIN indexes on jobs.number, customers.name, customers.phone and products.serial,
  for fragments of 3 or more characters. The extension is created where this role may (a
  superuser; on PostgreSQL 13 and newer also a role with CREATE on the database, such as its
  owner, since pg_trgm is a trusted extension). Where it may not, or the server lacks the
  contrib package, the migration still succeeds without them, logs what to ask the
  administrator for (TRIGRAM_MISSING), and the search scans as before for those fragments.
  `repair-counter migrate` makes the indexes later, once the extension is there.
- **Pieces**: each Chinese character of a customer's name and of a serial, and the Chinese pair
  it starts (as migration 0005 indexes them on SQLite), in `customer_name_pieces` and
  `product_serial_pieces`, kept by triggers, looked up by btree. A trigram needs 3 characters,
  and Chinese gets trigrams only in a database whose LC_CTYPE is UTF-8 (in locale C,
  show_trgm('陆燕') is empty): the pieces find 1 and 2 Chinese characters everywhere, and
  longer Chinese text in a C-ctype database (a pair, then the LIKE on the few rows it finds).

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

from __future__ import annotations

import logging

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

# The code points search_index._CJK calls Chinese (migration 0005's CJK_RANGES).
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# (pieces table, source table, its id column in the pieces table, source column)
PIECES = (
    ("customer_name_pieces", "customers", "customer_id", "name"),
    ("product_serial_pieces", "products", "product_id", "serial"),
)
# (index, table, column): the trigram indexes the search's per-column lookups use.
TRIGRAM_INDEXES = (
    ("ix_jobs_number_trgm", "jobs", "number"),
    ("ix_customers_name_trgm", "customers", "name"),
    ("ix_customers_phone_trgm", "customers", "phone"),
    ("ix_products_serial_trgm", "products", "serial"),
)
EXTENSION = "pg_trgm"
INSUFFICIENT_PRIVILEGE = "42501"
TRIGRAM_MISSING = (
    "PostgreSQL search runs without trigram indexes ({why}): a fragment of 3 or more "
    "characters is found by scanning every job. Ask the database administrator to run "
    "`CREATE EXTENSION pg_trgm;` in database {database} (as a superuser, or as the "
    "database owner on PostgreSQL 13 or newer), then `repair-counter migrate`."
)

CTYPE_NOT_UTF8 = (
    "This database's LC_CTYPE is {ctype}, not UTF-8: pg_trgm makes no trigrams of Chinese "
    "there, so Chinese text of 3 or more characters is searched by its first pair instead "
    "(the same jobs, slower for a common pair). A database created with LC_CTYPE C.UTF-8 "
    "avoids this."
)


def _chinese(character: str) -> str:
    """SQL: the one-character text `character` is Chinese."""
    code = f"ascii({character})"
    return "(" + " OR ".join(f"{code} BETWEEN {lo} AND {hi}" for lo, hi in CJK_RANGES) + ")"


# Each Chinese character of `value`, and each pair of Chinese characters it starts, once.
SEARCH_PIECES = (
    "CREATE FUNCTION search_pieces(value text) RETURNS SETOF text "
    "LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ "
    "SELECT DISTINCT substr(value, k, n) "
    "FROM generate_series(1, length(value)) AS k, generate_series(1, 2) AS n "
    f"WHERE k + n - 1 <= length(value) AND {_chinese('substr(value, k, 1)')} "
    f"AND (n = 1 OR {_chinese('substr(value, k + 1, 1)')}) $$"
)


def _piece_statements(pieces: str, source: str, owner: str, column: str) -> list[str]:
    added, changed = f"{pieces}_added", f"{pieces}_changed"
    return [
        f"CREATE TABLE {pieces} (piece text NOT NULL, "
        f"{owner} integer NOT NULL REFERENCES {source}(id) ON DELETE CASCADE, "
        f"PRIMARY KEY (piece, {owner}))",
        f"CREATE INDEX ix_{pieces}_{owner} ON {pieces} ({owner})",
        # New rows a statement at a time (demo data and imports insert thousands at once).
        f"CREATE FUNCTION {added}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"INSERT INTO {pieces} (piece, {owner}) "
        f"SELECT p, n.id FROM added_rows AS n, search_pieces(n.{column}) AS p; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER {added} AFTER INSERT ON {source} REFERENCING NEW TABLE AS added_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {added}()",
        f"CREATE FUNCTION {changed}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"DELETE FROM {pieces} WHERE {owner} = OLD.id; "
        f"INSERT INTO {pieces} (piece, {owner}) "
        f"SELECT p, NEW.id FROM search_pieces(NEW.{column}) AS p; "
        "RETURN NULL; END $$",
        f"CREATE TRIGGER {changed} AFTER UPDATE OF {column} ON {source} FOR EACH ROW "
        f"WHEN (OLD.{column} IS DISTINCT FROM NEW.{column}) EXECUTE FUNCTION {changed}()",
        f"INSERT INTO {pieces} (piece, {owner}) "
        f"SELECT p, s.id FROM {source} AS s, search_pieces(s.{column}) AS p",
    ]


def _extension_schema(connection: Connection) -> str | None:
    return connection.exec_driver_sql(
        "SELECT quote_ident(n.nspname) FROM pg_extension e "
        "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
    ).scalar()


def install_trigram(connection: Connection) -> str | None:
    """Create pg_trgm where this role may, then the trigram indexes (those missing). None when
    they are all there; otherwise why not, in a few words (nothing was changed then)."""
    schema = _extension_schema(connection)
    if schema is None:
        available = connection.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
        ).scalar()
        if available is None:
            return "the pg_trgm extension is not installed on the server (PostgreSQL's contrib)"
        try:
            with connection.begin_nested():
                connection.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            return "the role may not create the pg_trgm extension"
        schema = _extension_schema(connection)
    made = set(
        connection.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        ).scalars()
    )
    try:
        with connection.begin_nested():
            for name, table, column in TRIGRAM_INDEXES:
                if name in made:
                    continue
                connection.exec_driver_sql(
                    f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
                    f"USING gin ({column} {schema}.gin_trgm_ops)"
                )
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        return "the role may not create indexes on the tables (not their owner)"
    return None


def missing_trigram_message(connection: Connection, why: str) -> str:
    database = connection.exec_driver_sql("SELECT current_database()").scalar()
    return TRIGRAM_MISSING.format(why=why, database=database)


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    connection.exec_driver_sql(SEARCH_PIECES)
    for pieces in PIECES:
        for statement in _piece_statements(*pieces):
            connection.exec_driver_sql(statement)
    why = install_trigram(connection)
    if why is not None:
        log.warning(missing_trigram_message(connection, why))
    ctype = connection.exec_driver_sql(
        "SELECT datctype FROM pg_database WHERE datname = current_database()"
    ).scalar()
    if not str(ctype).lower().replace("-", "").endswith("utf8"):
        log.warning(CTYPE_NOT_UTF8.format(ctype=ctype))


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    for pieces, source, _owner, _column in PIECES:
        for trigger in (f"{pieces}_added", f"{pieces}_changed"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {source}")
            connection.exec_driver_sql(f"DROP FUNCTION IF EXISTS {trigger}()")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {pieces}")
    connection.exec_driver_sql("DROP FUNCTION IF EXISTS search_pieces(text)")
