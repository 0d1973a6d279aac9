"""The evaluation report's speed (issue 14), beside references measured in the same run.

    python bench/evaluation.py --database URL [--runs 5] [--json]

URL is a SQLAlchemy URL (sqlite:///FILE or postgresql+psycopg://...) or a SQLite file. The
database is opened as the app opens it (migrated to this release if older: run it on a copy,
as bench/run.py does); the report is asked for by a manager signed in to this process alone,
without a password. The report writes the evaluation's day summaries it finds missing or stale
(data/evaluation_days.py): the first report of each period writes them (timed on its own,
"first"), the runs after read them.

Measured, each the median of --runs runs after a discarded warm-up, as wall time
(time.perf_counter) and as this process's CPU time (time.process_time, which includes SQLite's
work but not a PostgreSQL server's):
- the report of the newest whole month of the data and of its whole year, each with its
  previous period (what the window, the PDF and `repair-counter report` ask for); with
  `--reference`, also the same reports counted from the jobs alone (the reference passes the
  summaries are tested against: what the report cost before them);
- the Excel workbook of that month (summary, technicians, the month's jobs);
- references, because this machine's speed drifts 2-3x between runs: `SELECT count(*) FROM
  jobs`, a full scan that reads a column of every job row, and on SQLite a bare QSqlTableModel
  over the jobs table (select, and select + fetch every row), in a process of its own (Qt's
  SQLite driver carries its own copy of SQLite: two in one process break each other's locks).
The load average is printed with the figures: a loaded machine is slower by as much.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RUNS = 5
TARGET_YEAR_MS = 1000.0  # issue 14: a whole year's evaluation in under 1 s


@dataclass(frozen=True)
class Timing:
    """Median wall and CPU time of `runs` runs, in milliseconds."""

    name: str
    wall_ms: float
    cpu_ms: float
    runs: int
    wall_samples_ms: tuple[float, ...]
    server_cpu_ms: float | None = None  # a local PostgreSQL backend's CPU time, when readable

    def as_json(self) -> dict[str, object]:
        # To the microsecond: a reference read of a small database takes less than 0.05 ms,
        # which rounded to a tenth was 0 (no ratio could be taken against it).
        out: dict[str, object] = {
            "name": self.name,
            "wall_ms": round(self.wall_ms, 3),
            "cpu_ms": round(self.cpu_ms, 3),
            "runs": self.runs,
            "wall_samples_ms": [round(s, 3) for s in self.wall_samples_ms],
        }
        if self.server_cpu_ms is not None:
            out["server_cpu_ms"] = round(self.server_cpu_ms, 3)
        return out


def timed(
    name: str,
    action: Callable[[], object],
    runs: int,
    server_cpu: Callable[[], float | None] = lambda: None,
    *,
    warm_up: bool = True,
) -> Timing:
    """`action` run once to warm up (unless not), then `runs` times: the medians."""
    if warm_up:
        action()
    walls, cpus, servers = [], [], []
    for _ in range(runs):
        server_before = server_cpu()
        cpu_before = time.process_time()
        started = time.perf_counter()
        action()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu_before) * 1000)
        server_after = server_cpu()
        if server_before is not None and server_after is not None:
            servers.append((server_after - server_before) * 1000)
    return Timing(
        name,
        statistics.median(walls),
        statistics.median(cpus),
        runs,
        tuple(walls),
        statistics.median(servers) if servers else None,
    )


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def database_url(where: str) -> str:
    return where if "://" in where else f"sqlite:///{Path(where).resolve()}"


def _backends_cpu(monitor: Connection) -> Callable[[], float | None]:
    """The CPU seconds the local PostgreSQL backends of this database have used (their /proc
    entries; the monitoring connection's own excluded), or None where they cannot be read."""
    ticks = os.sysconf("SC_CLK_TCK")

    def read() -> float | None:
        pids = monitor.exec_driver_sql(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).scalars()
        total = 0.0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                return None
            total += (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
        return total

    return read


def measure(url: str, runs: int, reference: bool = False) -> dict[str, object]:
    from sqlalchemy import func, select

    from desktop_app.data.db import open_database
    from desktop_app.data.models import Job, User
    from desktop_app.domain.evaluation import Period
    from desktop_app.domain.roles import Role
    from desktop_app.receipts.evaluation_workbook import evaluation_workbook
    from desktop_app.services.evaluation import EvaluationService
    from desktop_app.services.signins import SignIns

    database = open_database(url)
    try:
        signins = SignIns("bench")
        with database.read() as session:
            manager = session.scalars(
                select(User).where(User.role == Role.MANAGER.value).order_by(User.id)
            ).first()
            if manager is None:
                raise SystemExit("the database has no manager")
            actor = signins.issue(manager)
            newest = session.scalar(select(func.max(Job.checked_in_at)))
            jobs = session.scalar(select(func.count()).select_from(Job))
        if newest is None:
            raise SystemExit("the database has no jobs")
        service = EvaluationService(database, signins=signins)
        month = Period.month(newest.year, newest.month)
        if month.end >= date.today():  # still running (the bench's own check-ins are today's)
            month = month.previous()
        year = Period.year(month.end.year)
        timings: dict[str, Timing] = {}

        postgres = database.engine.dialect.name == "postgresql"
        with (
            database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as monitor,
            database.engine.connect() as connection,
        ):
            # On PostgreSQL the server's CPU is counted too (when it runs on this machine).
            server_cpu = _backends_cpu(monitor) if postgres else (lambda: None)
            timings["count_jobs"] = timed(
                "reference: SELECT count(*) FROM jobs",
                lambda: connection.exec_driver_sql("SELECT count(*) FROM jobs").scalar(),
                runs,
                server_cpu,
            )
            # max(length(...)) of a text column: every job row is read (no index holds it).
            timings["scan_jobs"] = timed(
                "reference: full scan of the jobs rows (max(length(fault_description)))",
                lambda: connection.exec_driver_sql(
                    "SELECT count(*), max(length(fault_description)) FROM jobs"
                ).one(),
                runs,
                server_cpu,
            )
            connection.rollback()
            # The first report of the year writes the summaries it finds missing (all of them
            # on a database new to this release), once.
            timings["report_year_first"] = timed(
                f"evaluation report, year {year.label()}, first (summaries written)",
                lambda: service.report(year, actor),
                1,
                server_cpu,
                warm_up=False,
            )
            # The reports: the service opens its own read, as the window's worker does.
            timings["report_month"] = timed(
                f"evaluation report, month {month.label()} (and the month before)",
                lambda: service.report(month, actor),
                runs,
                server_cpu,
            )
            timings["report_year"] = timed(
                f"evaluation report, year {year.label()} (and the year before)",
                lambda: service.report(year, actor),
                runs,
                server_cpu,
            )
            if reference:
                for key, period in (("month", month), ("year", year)):
                    timings[f"reference_{key}"] = timed(
                        f"reference: report, {key} {period.label()}, from the jobs alone",
                        lambda period=period: service.reference_report(period, actor),
                        max(1, runs // 2),
                        server_cpu,
                    )
        evaluation = service.report(month, actor)
        with tempfile.TemporaryDirectory() as folder:

            def workbook() -> None:
                evaluation_workbook(
                    evaluation,
                    service.period_jobs(month, actor),
                    lambda text: text,
                    f"{folder}/month.xlsx",  # ours: replaced on every run
                )

            timings["workbook_month"] = timed(
                f"Excel workbook of month {month.label()} (summary, technicians, its jobs)",
                workbook,
                max(1, runs // 2),
            )
        backend = database.engine.dialect.name
        sqlite_file = database.location.sqlite_file
    finally:
        database.dispose()
    if sqlite_file is not None:
        timings.update(qsql_reference(str(sqlite_file), runs))
    return {
        "backend": backend,
        "jobs": jobs,
        "month": month.label(),
        "year": year.label(),
        "load_average": load_average(),
        "timings": {key: t.as_json() for key, t in timings.items()},
    }


# --- the QSqlTableModel reference (SQLite), in a process of its own -----------------------------


def qsql_reference(path: str, runs: int) -> dict[str, Timing]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, __file__, "--qsql-child", path, "--runs", str(runs)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=600,
    )
    rows = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        key: Timing(**{**row, "wall_samples_ms": tuple(row["wall_samples_ms"])})
        for key, row in rows.items()
    }


def qsql_child(path: str, runs: int) -> None:
    """A bare QSqlTableModel over the jobs table: select() (its first batch of rows), and
    select() with every row fetched (what loading the period's jobs into objects would cost)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtSql import QSqlDatabase, QSqlTableModel

    app = QCoreApplication(sys.argv[:1])  # noqa: F841 (QtSql needs an application)
    connection = QSqlDatabase.addDatabase("QSQLITE")
    connection.setDatabaseName(path)
    connection.setConnectOptions("QSQLITE_OPEN_READONLY")
    if not connection.open():
        raise SystemExit(connection.lastError().text())
    model = QSqlTableModel(None, connection)
    model.setTable("jobs")

    def select() -> None:
        model.select()

    def select_all() -> None:
        model.select()
        while model.canFetchMore():
            model.fetchMore()

    timings = {
        "qsql_select": timed("reference: QSqlTableModel('jobs').select()", select, runs),
        "qsql_select_all": timed(
            "reference: QSqlTableModel('jobs').select() + fetch every row", select_all, runs
        ),
    }
    print(json.dumps({key: t.as_json() | {"name": t.name} for key, t in timings.items()}))


# --- the table ----------------------------------------------------------------------------------


def table(result: dict[str, object]) -> list[str]:
    """The figures as lines: wall and CPU medians, and each report as a ratio to the
    references (the ratios are what compare across runs on a drifting machine)."""
    timings: dict[str, dict] = result["timings"]  # type: ignore[assignment]
    lines = [
        f"evaluation on {result['backend']}, {result['jobs']:,} jobs; "
        f"load average {result['load_average']}",
        f"{'':66}{'wall ms':>9}{'cpu ms':>9}  ratios / target",
    ]
    # count(*) is answered from an index (SQLite) or in parallel (PostgreSQL): shown, but the
    # row scan and the Qt model are what the reports are compared with.
    references = [k for k in ("scan_jobs", "qsql_select_all") if k in timings]

    def cpu(row: dict) -> float:  # this process's and, on PostgreSQL, the server's
        return float(row["cpu_ms"]) + float(row.get("server_cpu_ms", 0))

    for key, row in timings.items():
        note = ""
        if key.startswith(("report_", "reference_")) or key == "workbook_month":
            note = "  ".join(
                f"{row['wall_ms'] / timings[r]['wall_ms']:.1f}x {r} "
                f"(cpu {cpu(row) / max(1.0, cpu(timings[r])):.1f}x)"
                for r in references
                if timings[r]["wall_ms"] > 0
            )
        if key == "report_year":
            met = "ok" if row["wall_ms"] < TARGET_YEAR_MS else "MISSED"
            note += f"  < {TARGET_YEAR_MS:g} ms: {met}"
        if "server_cpu_ms" in row:
            note = f"server cpu {row['server_cpu_ms']:.0f} ms  " + note
        lines.append(f"{row['name'][:66]:66}{row['wall_ms']:9.1f}{row['cpu_ms']:9.1f}  {note}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="SQLAlchemy URL or SQLite file")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--json", action="store_true", help="one JSON line instead of a table")
    parser.add_argument(
        "--reference",
        action="store_true",
        help="also time the reports counted from the jobs alone (slow at 1,000,000 jobs)",
    )
    parser.add_argument("--qsql-child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.qsql_child:
        qsql_child(args.qsql_child, args.runs)
        return 0
    if not args.database:
        parser.error("--database is required")
    result = measure(database_url(args.database), args.runs, args.reference)
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print("\n".join(table(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
