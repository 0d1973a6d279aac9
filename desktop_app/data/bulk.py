"""Writing many new rows at once (demo data): the database driver's own bulk path.

SQLAlchemy's executemany processes every parameter of every row in Python (a few microseconds
each), which at a million demo jobs and eight million events is most of the time spent writing.
Here the values are converted once per value with the column types' own bind processors (so the
stored values are exactly the ones SQLAlchemy's insert would store) and handed to the driver: one
`executemany` on SQLite, one `COPY … FROM STDIN` on PostgreSQL. Columns a row leaves out get their
scalar Python default, as an insert would; a column with any other Python-side default must be
given in the rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Column, Table, bindparam, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeEngine


class NotBulkable(ValueError):
    """A column the rows leave out has a default only SQLAlchemy's insert can compute."""


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Inserts `rows` (dicts with the same keys, column keys) into `table` in the session's
    transaction."""
    if not rows:
        return
    names = [column.key for column in table.columns if column.key in rows[0]]
    getter = itemgetter(*names)
    values = [(getter(row),) for row in rows] if len(names) == 1 else [getter(row) for row in rows]
    insert_values(session, table, names, values)


def insert_values(
    session: Session,
    table: Table,
    names: Sequence[str],
    rows: Sequence[Sequence[Any]],
    converted: Collection[str] = (),
) -> None:
    """Inserts `rows` (tuples of the values of the columns `names`, in that order) into `table`
    in the session's transaction. The columns named in `converted` hold values converted
    already, by the `converter` of their column (in a process that made the rows)."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    defaulted: list[str] = []
    defaults: list[object] = []
    for column in table.columns:
        if column.key in names or column.default is None:
            continue  # given, or the database's own default (an id, a server default)
        if not column.default.is_scalar:
            raise NotBulkable(f"{table.name}.{column.key} needs SQLAlchemy's default")
        defaulted.append(column.key)
        defaults.append(column.default.arg)  # type: ignore[attr-defined]
    preparer = dialect.identifier_preparer
    columns = ", ".join(preparer.quote(table.c[key].name) for key in (*names, *defaulted))
    target = preparer.format_table(table)
    raw = connection.connection.driver_connection
    if raw is None:
        raise NotBulkable("no driver connection")
    if dialect.name == "postgresql":
        # psycopg adapts Python values itself; COPY streams the rows in one round trip.
        with raw.cursor() as cursor, cursor.copy(f"COPY {target} ({columns}) FROM STDIN") as copy:
            if defaults:
                for row in rows:
                    copy.write_row([*row, *defaults])
            else:
                for row in rows:
                    copy.write_row(row)
        return
    # Converted column by column: only the columns whose type has a processor (dates and
    # times as SQLite stores them); the other values are passed as they are.
    converting = [
        (index, process)
        for index, key in enumerate(names)
        if key not in converted and (process := _processor(table.c[key].type, dialect)) is not None
    ]
    fixed = [
        process(value) if value is not None and process is not None else value
        for key, value in zip(defaulted, defaults)  # noqa: B905
        for process in [_processor(table.c[key].type, dialect)]
    ]
    values: Sequence[Sequence[Any]] = rows
    if converting or fixed:
        # Column by column (the rows transposed and back in C): one tight loop a converted
        # column instead of a list and a loop a row.
        by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
        for index, process in converting:
            by_column[index] = [
                None if value is None else process(value) for value in by_column[index]
            ]
        by_column += [[value] * len(rows) for value in fixed]
        values = list(zip(*by_column, strict=True))
    marks = ", ".join("?" * (len(names) + len(defaulted)))
    cursor = raw.cursor()
    try:
        cursor.executemany(f"INSERT INTO {target} ({columns}) VALUES ({marks})", values)
    finally:
        cursor.close()


def converter(dialect: Dialect, column: Column) -> Callable[[Any], Any] | None:
    """What insert_values does to each value of `column` on this database before the driver
    has it (None: nothing), for rows made in another process to be converted there; a C
    callable where one gives the same stored text, so it can be sent to that process."""
    if dialect.name == "postgresql":
        return None  # COPY: psycopg adapts the values itself
    return _processor(column.type, dialect)


def convert_column(
    rows: Sequence[Sequence[Any]], index: int, process: Callable[[Any], Any]
) -> list[tuple]:
    """`rows` with the values at `index` converted by `process` (None stays None)."""
    by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
    by_column[index] = [None if value is None else process(value) for value in by_column[index]]
    return list(zip(*by_column, strict=True))


_SAMPLES: dict[type, tuple[object, ...]] = {
    datetime: (datetime(2026, 11, 30, 9, 5, 7), datetime(987, 1, 2, 3, 4, 5, 6)),
    date: (date(2026, 11, 30), date(987, 1, 2)),
}
_FAST: dict[type, Callable[[Any], str]] = {  # C callables: no Python frame a value
    datetime: methodcaller("isoformat", " ", "microseconds"),
    date: methodcaller("isoformat"),
}


def _processor(column_type: TypeEngine, dialect: Dialect) -> Callable[[Any], Any] | None:
    """The type's bind processor, or a faster one that gives the same text for dates and times
    (SQLite's are a format string applied to a dict of parts, a few microseconds a value):
    used only when it agrees with SQLAlchemy's on sample values, so the stored text is the
    one an ordinary insert stores."""
    process = column_type._cached_bind_processor(dialect)
    if process is None:
        return None
    try:
        python_type = column_type.python_type
    except NotImplementedError:
        return process
    fast = _FAST.get(python_type)
    if fast is None:
        return process
    samples = _SAMPLES[python_type]
    if all(fast(sample) == process(sample) for sample in samples):
        return fast
    return process


# --- loading many rows into an empty database ---------------------------------------------------

SET_ASIDE_TABLE = "bulk_set_aside"

# Never set aside: the evaluation's stale-day triggers (migration 0020) look up, for every job
# row written, the later jobs of the same serial through these two. Without them each row reads
# the whole jobs table and the load grows with the square of its size.
KEPT_INDEXES = frozenset({"ix_products_serial", "ix_jobs_product_id"})


def set_aside_indexes(session: Session, tables: Sequence[str]) -> list[str]:
    """Drops the secondary indexes of `tables` (and on PostgreSQL their foreign keys) for a load
    into tables that are still empty, and gives the statements that make them again, exactly as
    the database has them (its own catalogue's text). Building an index once over all the rows
    sorts them; keeping it up to date row by row walks it for each row, which at a million jobs
    (random names, phones, serials, statuses) is most of the time the writing takes.

    Kept: primary keys and unique indexes and constraints (what the rows must satisfy is checked
    as they are written), and KEPT_INDEXES (what the triggers look up by for each row). The
    statements are also written to a table of their own, in the same
    transaction, so a load killed outright is repaired by the next `restore_set_aside`."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        found = session.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND sql NOT LIKE 'CREATE UNIQUE %' AND tbl_name IN :tables ORDER BY name"
            ).bindparams(bindparam("tables", expanding=True)),
            {"tables": list(tables)},
        ).all()
        found = [(name, sql) for name, sql in found if name not in KEPT_INDEXES]
        drops = [f'DROP INDEX "{name}"' for name, _ in found]
        statements = [sql for _, sql in found]
    elif dialect == "postgresql":
        indexes = session.execute(
            text(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
                "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid "
                "WHERE t.relname = ANY(:tables) "
                "AND t.relnamespace = current_schema()::regnamespace "
                "AND NOT i.indisunique AND NOT i.indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
                "ORDER BY 1"
            ),
            {"tables": list(tables)},
        ).all()
        indexes = [(name, sql) for name, sql in indexes if name not in KEPT_INDEXES]
        keys = session.execute(
            text(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
                "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
                "WHERE c.contype = 'f' AND t.relname = ANY(:tables) "
                "AND t.relnamespace = current_schema()::regnamespace ORDER BY 1, 2"
            ),
            {"tables": list(tables)},
        ).all()
        drops = [f"DROP INDEX {name}" for name, _ in indexes] + [
            f'ALTER TABLE {table} DROP CONSTRAINT "{name}"' for table, name, _ in keys
        ]
        statements = [sql for _, sql in indexes] + [
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for table, name, definition in keys
        ]
    else:
        return []
    session.execute(text(f"CREATE TABLE {SET_ASIDE_TABLE} (position INTEGER, statement TEXT)"))
    session.execute(
        text(f"INSERT INTO {SET_ASIDE_TABLE} VALUES (:position, :statement)"),
        [{"position": n, "statement": s} for n, s in enumerate(statements)],
    )
    for drop in drops:
        session.execute(text(drop))
    return statements


def restore_set_aside(session: Session) -> int:
    """Makes the indexes and constraints set_aside_indexes set aside (from its table: also those
    of a load killed before it could make them); how many. On PostgreSQL the tables are analysed
    after: the planner's statistics then know the rows just loaded."""
    bind = session.get_bind()
    if not bind.dialect.has_table(session.connection(), SET_ASIDE_TABLE):
        return 0
    statements = list(
        session.scalars(text(f"SELECT statement FROM {SET_ASIDE_TABLE} ORDER BY position"))
    )
    postgres = bind.dialect.name == "postgresql"
    if postgres:
        # An index build sorts in memory up to this much (per index), else on disk.
        session.execute(text(f"SET LOCAL maintenance_work_mem = '{BUILD_MEMORY_MB}MB'"))
    for statement in statements:
        session.execute(text(statement))
    session.execute(text(f"DROP TABLE {SET_ASIDE_TABLE}"))
    if postgres:
        tables = {match.group(1) for s in statements if (match := _ON_TABLE.search(s)) is not None}
        for table in sorted(tables):
            session.execute(text(f"ANALYZE {table}"))
    return len(statements)


BUILD_MEMORY_MB = 256
_ON_TABLE = re.compile(r"^(?:CREATE INDEX \S+ ON|ALTER TABLE) (?:ONLY )?([\w.]+)")


def vacuum_after_load(engine: Engine) -> None:
    """PostgreSQL, after a bulk load and the updates that follow it: `VACUUM (ANALYZE)`, so that
    the visibility map says which pages hold only rows every transaction sees. The counts and
    walks the list reads from indexes alone (the summary strip's, the search's walk down the
    check-in index) otherwise visit the table for each entry of a page not known all-visible:
    at a million demo jobs the summary took 88 ms with 50,000 such visits, 17 ms after. (A
    VACUUM outside a transaction; tables the role does not own are skipped with a warning.)"""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE)"))
