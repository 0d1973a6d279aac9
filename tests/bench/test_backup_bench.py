"""bench/backup.py: the round trip's check compares every table's rows (a count and a checksum),
and a difference in any one row of any table is seen."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from bench.backup import measure, table_sums
from desktop_app.data.db import open_database
from desktop_app.services.demo import DemoGenerator


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup-bench") / "shop.db"
    database = open_database(f"sqlite:///{path}")
    try:
        DemoGenerator(database, seed=4, months=2).run(150, datetime(2026, 11, 25, 15, 30))
    finally:
        database.dispose()
    return path


def test_the_round_trip_keeps_every_row_of_every_table(demo_file: Path) -> None:
    figures = measure(demo_file)
    assert figures["every_row_kept"] is True
    assert figures["jobs"] == 150
    assert figures["tables"] == len(table_sums(demo_file)) > 20
    assert figures["rows"] == sum(count for count, _sum in table_sums(demo_file).values())


def test_one_row_changed_moved_or_doubled_is_seen(demo_file: Path, tmp_path: Path) -> None:
    before = table_sums(demo_file)
    for change in (
        "UPDATE customers SET name = name || '.' WHERE id = (SELECT max(id) FROM customers)",
        # A row lost and another doubled: the count is the same. (The timeline is append-only:
        # its guards are dropped in this scratch copy first.)
        "DROP TRIGGER job_events_no_delete; "
        "DELETE FROM job_events WHERE id = (SELECT min(id) FROM job_events); "
        "INSERT INTO job_events SELECT (SELECT max(id) + 1 FROM job_events), job_id, at, "
        "user_id, kind, from_status, to_status, note, payload FROM job_events "
        "WHERE id = (SELECT max(id) FROM job_events)",
    ):
        copy = tmp_path / f"copy-{len(change)}.db"
        source, target = sqlite3.connect(demo_file), sqlite3.connect(copy)
        source.backup(target)
        source.close()
        target.executescript(change)
        target.commit()
        target.close()
        after = table_sums(copy)
        changed = {name for name in before if before[name] != after[name]}
        table = "customers" if change.startswith("UPDATE") else "job_events"
        assert table in changed, change
        assert before[table][0] == after[table][0]  # the same count: only the checksum tells


def test_the_checksum_does_not_depend_on_the_order_rows_are_read_in(
    demo_file: Path, tmp_path: Path
) -> None:
    """The same rows read in another order (a restore may lay them out anew) sum the same."""
    connection = sqlite3.connect(demo_file)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(customers)")]
    rows = connection.execute("SELECT * FROM customers ORDER BY id").fetchall()
    connection.close()
    other = tmp_path / "reversed.db"
    target = sqlite3.connect(other)
    # No primary key: rows come back in the order they were written, here the newest first.
    target.execute(f"CREATE TABLE customers ({', '.join(columns)})")
    target.executemany(
        f"INSERT INTO customers VALUES ({', '.join('?' * len(columns))})", reversed(rows)
    )
    target.commit()
    assert target.execute("SELECT * FROM customers").fetchone() == rows[-1]
    target.close()
    assert len(rows) > 1
    assert table_sums(other)["customers"] == table_sums(demo_file)["customers"]
