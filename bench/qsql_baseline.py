"""Child process: the baseline a Qt developer reaches for first, for the search benchmark.

    python bench/qsql_baseline.py DATABASE RUNS TEXT [TEXT ...]

DATABASE is a SQLite file or a SQLAlchemy URL (sqlite:///FILE or postgresql+psycopg://...).
QSqlTableModel over the same database, through Qt's own driver (QSQLITE, or QPSQL over libpq),
filtered with setFilter(... LIKE '%text%') on the same columns the counter searches (phone,
name, serial, job number) -- ILIKE on PostgreSQL, whose LIKE is case-sensitive where SQLite's is
not for ASCII, so both find what the counter finds -- newest check-in first, shown in a
QTableView of the same size and painted. For each TEXT, typed one keystroke at a time, it
prints one JSON line: the slowest keystroke of each run (after a discarded warm-up round) and
the per-keystroke times of the last run.

It runs in its own process because Qt's SQLite driver carries its own copy of SQLite: two copies
in one process on one file break each other's locks (sqlite.org/howtocorrupt.html, 2.2.1).
The join is a TEMP view, so the database is not changed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from urllib.parse import unquote, urlsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtSql import QSqlDatabase, QSqlTableModel
from PySide6.QtWidgets import QApplication, QTableView

WINDOW_SIZE = (1280, 800)
JOIN = (
    "CREATE TEMP VIEW job_list AS SELECT j.number, c.name, c.phone, "
    "p.brand || ' ' || p.model AS product, p.serial, j.status, j.checked_in_at, "
    "j.repair_due_date, j.id FROM jobs j JOIN customers c ON c.id = j.customer_id "
    "JOIN products p ON p.id = j.product_id"
)


def connect(database: str) -> tuple[QSqlDatabase, str]:
    """Qt's connection to `database` (a SQLite file or URL, or a PostgreSQL URL), and the
    operator its filter matches with."""
    if "://" not in database:
        database = f"sqlite:///{database}"
    url = urlsplit(database)
    if url.scheme.startswith("sqlite"):
        connection = QSqlDatabase.addDatabase("QSQLITE")
        connection.setDatabaseName(unquote(url.path[1:]))
        return connection, "LIKE"
    if not url.scheme.startswith("postgresql"):
        raise SystemExit(f"no Qt driver for {url.scheme}")
    if "QPSQL" not in QSqlDatabase.drivers():
        raise SystemExit(
            "Qt's PostgreSQL driver (QPSQL) is not available: it needs libpq "
            "(Debian: apt-get install libpq5)"
        )
    connection = QSqlDatabase.addDatabase("QPSQL")
    connection.setHostName(url.hostname or "localhost")
    connection.setPort(url.port or 5432)
    connection.setUserName(unquote(url.username or ""))
    connection.setPassword(unquote(url.password or ""))
    connection.setDatabaseName(unquote(url.path.lstrip("/")))
    return connection, "ILIKE"


def main(database: str, runs: int, texts: list[str]) -> int:
    app = QApplication(sys.argv[:1])
    connection, like_operator = connect(database)
    if not connection.open():
        print(connection.lastError().text(), file=sys.stderr)
        return 1
    connection.exec(JOIN)
    model = QSqlTableModel(None, connection)
    model.setTable("job_list")
    model.setSort(6, Qt.SortOrder.DescendingOrder)
    view = QTableView()
    view.setModel(model)
    view.resize(*WINDOW_SIZE)
    view.show()
    model.select()
    app.processEvents()

    def search(text: str) -> float:
        started = time.perf_counter()
        like = text.replace("'", "''")
        model.setFilter(
            " OR ".join(
                f"{column} {like_operator} '%{like}%'"
                for column in ("phone", "name", "serial", "number")
            )
        )
        model.select()
        view.viewport().repaint()
        return time.perf_counter() - started

    for text in texts:
        slowest = []
        per_key: list[float] = []
        for _ in range(runs + 1):
            model.setFilter("")
            model.select()
            per_key = [search(text[: n + 1]) for n in range(len(text))]
            slowest.append(max(per_key))
        print(json.dumps({"text": text, "slowest": slowest[1:], "per_key": per_key}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), sys.argv[3:]))
