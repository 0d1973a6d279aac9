"""Backup and restore round trip on a copy of a large SQLite database (issue 15).

    python bench/backup.py [--database /tmp/ev100kb.db] [--json]

Copies the database to a scratch folder (SQLite's backup API, as `sqlite3 DB ".backup COPY"`),
then times, on that copy, what the counter does:
- backup: the online-backup snapshot, PRAGMA integrity_check, the manifest (rows per table, the
  SHA-256) and the gzip compression into a new file in the backups folder (data/backup.py);
- restore: reading the manifest, decompressing and checking the SHA-256, quick_check, keeping
  the current database aside, and copying the backup into the live file (backup API);
and then checks that every table has the same rows as before: its count and a checksum of its
rows, untimed (`table_sums`; tests/data/test_backup.py makes the same comparison on a small
shop). Prints the bare figures; bench/run.py may run it as a child and read --json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from desktop_app.data import backup


def _copy(source: Path, target: Path) -> None:
    reader, writer = sqlite3.connect(source), sqlite3.connect(target)
    try:
        reader.backup(writer)
    finally:
        reader.close()
        writer.close()


def table_sums(path: Path) -> dict[str, tuple[int, str]]:
    """Every table's row count and a checksum of its rows whatever their order: the sum of the
    rows' SHA-256 digests (as numbers, modulo 2**256), read as a stream, so a table of 760,000
    events is never held whole, and a row lost and another doubled do not cancel out."""
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        sums = {}
        for name in names:
            count, total = 0, 0
            for row in connection.execute(f'SELECT * FROM "{name}"'):
                digest = hashlib.sha256(repr(row).encode("utf-8")).digest()
                total = (total + int.from_bytes(digest, "big")) % 2**256
                count += 1
            sums[name] = (count, f"{total:064x}")
        return sums
    finally:
        connection.close()


def measure(source: Path) -> dict[str, float | int | bool]:
    with tempfile.TemporaryDirectory(prefix="bench-backup-") as scratch:
        folder = Path(scratch)
        database = folder / "counter.db"
        _copy(source, database)
        os.environ[backup.ENV_BACKUP_DIR] = str(folder / "backups")
        before = table_sums(database)

        started = time.perf_counter()
        manifest, write, clean_up = backup.write_backup(
            database, backup.backup_folder(database), automatic=False, created_at=datetime.now()
        )
        try:
            made = backup.write_new_file(
                backup.backup_folder(database),
                backup.backup_name(manifest.created_at, automatic=False),
                write,
            )
        finally:
            clean_up()
        backup_s = time.perf_counter() - started

        started = time.perf_counter()
        restored, aside = backup.restore_sqlite(made, database, datetime.now())
        restore_s = time.perf_counter() - started
        after = table_sums(database)
        return {
            "jobs": restored.job_count,
            "database_mb": round(database.stat().st_size / 1e6, 1),
            "backup_mb": round(made.stat().st_size / 1e6, 1),
            "backup_s": round(backup_s, 2),
            "restore_s": round(restore_s, 2),
            "round_trip_s": round(backup_s + restore_s, 2),
            "tables": len(after),
            "rows": sum(count for count, _sum in after.values()),
            "every_row_kept": before == after
            and {name: count for name, (count, _sum) in after.items()} == manifest.tables
            and aside is not None,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default="/tmp/ev100kb.db", help="the SQLite file to copy")
    parser.add_argument("--json", action="store_true", help="one JSON object")
    args = parser.parse_args()
    figures = measure(Path(args.database))
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>16}: {value}")
    return 0 if figures["every_row_kept"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
