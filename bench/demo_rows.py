"""A demo's rows, table by table, as a count and a checksum: to show that a change to the demo's
writing keeps `demo --seed N` giving exactly the same rows (run it before and after the change,
on either backend, and compare the lines).

    PYTHONPATH=. python bench/demo_rows.py --database URL_OR_FILE --jobs 3000 --seed 3 --months 14

The database must be new (a file that does not exist yet, or an empty PostgreSQL database). The
demo is run at a fixed moment (--now), so the rows depend on nothing but the arguments. Values are
compared as Python reads them back through the models' types (a datetime is a datetime on both
backends), so the checksums of the two backends are equal too. Left out: the moment the first
migration seeds the first manager with (users.id 1), a record of the file, not demo data.
Also printed: the search index's own checksum on SQLite (its rows, by rowid), the pieces tables'
on PostgreSQL, a checksum of every index, constraint and trigger, and `PRAGMA integrity_check`.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from desktop_app.data.db import open_database
from desktop_app.data.models import Base
from desktop_app.services.demo import DemoGenerator

SEEDED_MANAGER = 1


def checksums(url: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and the SHA-256 of its rows in primary-key order."""
    engine = sa.create_engine(url)
    found: dict[str, tuple[int, str]] = {}
    try:
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                order = list(table.primary_key.columns) or list(table.columns)
                digest = hashlib.sha256()
                count = 0
                result = connection.execution_options(yield_per=20_000).execute(
                    sa.select(table).order_by(*order)
                )
                for row in result:
                    values = dict(row._mapping)
                    if table.name == "users" and values["id"] == SEEDED_MANAGER:
                        values["created_at"] = None
                    digest.update(repr(tuple(values.items())).encode())
                    count += 1
                found[table.name] = (count, digest.hexdigest()[:16])
            if engine.dialect.name == "sqlite":
                digest = hashlib.sha256()
                count = 0
                for row in connection.exec_driver_sql(
                    "SELECT rowid, * FROM job_search ORDER BY rowid"
                ):
                    digest.update(repr(tuple(row)).encode())
                    count += 1
                found["(job_search index)"] = (count, digest.hexdigest()[:16])
            else:  # the search's pieces tables (migration 0010), filled by triggers
                for pieces in ("customer_name_pieces", "product_serial_pieces"):
                    digest = hashlib.sha256()
                    count = 0
                    for row in connection.exec_driver_sql(f"SELECT * FROM {pieces} ORDER BY 1, 2"):
                        digest.update(repr(tuple(row)).encode())
                        count += 1
                    found[f"({pieces})"] = (count, digest.hexdigest()[:16])
    finally:
        engine.dispose()
    return found


def schema(url: str) -> tuple[list[str], str]:
    """The indexes' names, and a checksum of every index, constraint and trigger as the
    database's own catalogue spells it."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                # A table's lines sorted: the migrations that rebuild a table (batch mode) list
                # its foreign keys in an order that changes from run to run.
                rows = [
                    (
                        kind,
                        name,
                        table,
                        sorted((sql or "").splitlines()) if kind == "table" else sql,
                    )
                    for kind, name, table, sql in connection.exec_driver_sql(
                        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                    )
                ]
                names = [f"{r[2]}.{r[1]}" for r in rows if r[0] == "index"]
            else:
                indexes = connection.exec_driver_sql(
                    "SELECT tablename, indexname, indexdef FROM pg_indexes "
                    "WHERE schemaname = current_schema() ORDER BY 1, 2"
                ).all()
                others = connection.exec_driver_sql(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
                    "FROM pg_constraint WHERE connamespace = current_schema()::regnamespace "
                    "UNION ALL SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) "
                    "FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2"
                ).all()
                rows = [*indexes, *others]
                names = [f"{r[0]}.{r[1]}" for r in indexes]
    finally:
        engine.dispose()
    return names, hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def integrity(url: str) -> str:
    engine = sa.create_engine(url)
    try:
        if engine.dialect.name != "sqlite":
            return "(PostgreSQL: no integrity_check)"
        with engine.connect() as connection:
            return ", ".join(r[0] for r in connection.exec_driver_sql("PRAGMA integrity_check"))
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="a new SQLite file, or a URL")
    parser.add_argument("--jobs", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--months", type=int, default=14)
    parser.add_argument("--now", default="2026-11-25T14:45:00")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--no-demo", action="store_true", help="only check an existing database")
    args = parser.parse_args(argv)
    url = args.database if "://" in args.database else f"sqlite:///{Path(args.database)}"
    if not args.no_demo:
        database = open_database(url)
        try:
            started = time.perf_counter()
            DemoGenerator(database, seed=args.seed, months=args.months, workers=args.workers).run(
                args.jobs, datetime.fromisoformat(args.now)
            )
            print(f"demo: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        finally:
            database.dispose()
    for name, (count, digest) in checksums(url).items():
        print(f"{name:32} {count:>10} {digest}")
    names, digest = schema(url)
    print(f"schema (indexes, constraints, triggers): {digest}; {len(names)} indexes")
    print("indexes:", " ".join(names))
    print("integrity:", integrity(url))
    return 0


if __name__ == "__main__":
    sys.exit(main())
