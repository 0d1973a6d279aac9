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

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
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
    session: Session, table: Table, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Inserts `rows` (tuples of the values of the columns `names`, in that order) into `table`
    in the session's transaction."""
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
        if (process := _processor(table.c[key].type, dialect)) is not None
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
