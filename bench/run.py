"""Repair Counter at shop scale: one command, a table on screen and a JSON file.

    ./scripts/bench [--backend sqlite|postgresql] [--jobs 100000] [--seed 2026] [--runs 7]
                    [--database FILE|URL] [--output FILE.json]

1. The database: on SQLite a fresh file made with `repair-counter demo --jobs N --seed S`, or
   the --database file (made there if it does not exist). On PostgreSQL the bench starts a
   throw-away server of its own (tests/postgres_server.py, initdb with locale C.UTF-8: trigram
   search needs a UTF-8 LC_CTYPE) and makes the demo there, or takes --database URL of an
   existing one. A database that is kept is measured as a scratch copy (SQLite's backup API;
   `CREATE DATABASE ... TEMPLATE ...` on PostgreSQL, dropped afterwards), so the check-in
   measurement's jobs never land in it and it is measured in the same state every run.
2. Cold start, each in a new process, taking turns: process start -> Repair Counter's first
   screen painted, which is its sign-in dialog (nobody sees a customer before signing in; a
   manager of the scratch copy is given the bench's password first, bench/signing.py); the
   same for a minimal PySide6 QMainWindow (the floor)
   and, for reference, for a bare QMainWindow + QTableView over a plain Python model.
3. In one process (bench/measure.py): first screen, scrolling the first 10,000 rows, search per
   keystroke, open a job, check-in save, intake and return receipts, the summary counts.
4. Search per keystroke with Qt's QSqlTableModel + setFilter LIKE over the same database
   (bench/qsql_baseline.py, its own process; QPSQL and ILIKE on PostgreSQL).
5. Peak resident memory of the app with the list open, after scrolling its first 10,000 rows
   and after a few searches (bench/cold_start.py memory).
6. The evaluation (issue 14): the report of a month and of a year, each with its previous
   period, and the Excel workbook of a month, with wall and CPU time beside references taken
   in the same run (a full scan of the jobs, a QSqlTableModel over them) and the load average
   (bench/evaluation.py, its own process; also runnable alone on any database URL).

Every figure is a median over --runs runs after a discarded warm-up, shown in milliseconds and
as a multiple of the floor (the bare window's cold start) of the same run: the multiples are
what compare across runs, backends and sizes on a machine whose speed drifts. Targets (issue
15's at 1,000,000 jobs, earlier issues' where it names none) are printed beside the figures and
kept in the JSON; they are never asserted (the test suite has no timed asserts).
bench/growth.py turns result files into the README's table from 100,000 to 1,000,000 jobs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.data.first_screen import REMEMBERED_VARIABLE  # noqa: E402
from desktop_app.data.location import DatabaseLocation  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PYTHON = sys.executable
BACKENDS = ("sqlite", "postgresql")

# Issue 15's targets at 1,000,000 jobs, as multiples of the bare window's cold start (the same
# multiples as at 100,000 on SQLite); a key ending in "_" is a prefix (every search).
RATIO_TARGETS: dict[str, float] = {
    "first_screen": 0.15,
    "search_": 0.12,
    "open_job": 0.1,
    # The issue names check-in among these but gives it no number: open job's, whose earlier
    # absolute target (30 ms) it shared.
    "check_in": 0.1,
    "summary": 0.15,
}
MS_TARGETS: dict[str, float] = {"intake_receipt": 60, "return_receipt": 60}  # issue 9's
SEARCH_SPEEDUP = 50  # ours at least 50x faster than QSqlTableModel + LIKE, every search
COLD_START_RATIO = 1.5
PEAK_MEMORY_MB = 300  # after scrolling the first 10,000 rows
EVALUATION_YEAR_MS = 2000.0  # issue 15, at 1,000,000 jobs (issue 14's 1 s was at 100,000)


def machine() -> dict[str, object]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from PySide6 import __version__ as pyside_version

    return {
        "when": datetime.now().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "pyside6": pyside_version,
        "qpa": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "load_average": _load_average(),
    }


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


# --- the database ---------------------------------------------------------------------------------


def make_database(url: str, jobs: int, seed: int) -> float:
    """`repair-counter demo` into a new database; returns how long it took."""
    path = sqlite_path(url)
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [PYTHON, "-m", "desktop_app", "--database", url, "demo", *demo_args(jobs, seed)],
        check=True,
        cwd=ROOT,
        env=_child_env(),
    )
    return time.perf_counter() - started


def demo_args(jobs: int, seed: int) -> list[str]:
    return ["--jobs", str(jobs), "--seed", str(seed)]


def sqlite_path(url: str) -> Path | None:
    """The file of a sqlite:/// URL, None for another backend's."""
    parts = urlsplit(url)
    return Path(unquote(parts.path[1:])) if parts.scheme.startswith("sqlite") else None


def scratch_copy(source: Path, copy: Path) -> None:
    """A consistent copy of the SQLite file (its WAL included), with SQLite's backup API."""
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reading,
        closing(sqlite3.connect(copy)) as writing,
    ):
        reading.backup(writing)


def _admin(url: str):  # type: ignore[no-untyped-def]
    """An autocommit psycopg connection to the `postgres` database of `url`'s server."""
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 5432,
        user=unquote(parts.username or "") or None,
        password=unquote(parts.password or "") or None,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    )


def _database_name(url: str) -> str:
    return unquote(urlsplit(url).path.lstrip("/"))


@contextmanager
def template_copy(url: str) -> Iterator[str]:
    """A scratch copy of the PostgreSQL database at `url` (CREATE DATABASE ... TEMPLATE, which
    needs nobody else connected to it), dropped afterwards; yields its URL."""
    from psycopg import sql

    source = _database_name(url)
    name = f"bench_scratch_{uuid.uuid4().hex[:12]}"
    with closing(_admin(url)) as admin:
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(source)
            )
        )
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with closing(_admin(url)) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def database_size_mb(url: str) -> float:
    path = sqlite_path(url)
    if path is not None:
        return round(path.stat().st_size / 2**20, 1)
    from bench.measure import query

    (size,) = query(url, "SELECT pg_database_size(current_database())")[0]
    return round(int(size) / 2**20, 1)


def count_jobs(url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text("SELECT count(*) FROM jobs")).scalar_one())
    finally:
        engine.dispose()


def prepare_database(args: argparse.Namespace, stack: ExitStack, scratch: Path) -> tuple[str, dict]:
    """The URL to measure (a scratch copy where the database is kept) and what to say of it."""
    given: str | None = args.database
    if args.backend == "sqlite":
        path = sqlite_path(given) if given and "://" in given else (Path(given) if given else None)
        if path is not None and path.exists():
            info: dict[str, object] = {"source": str(path), "created": False}
        else:
            path = path or scratch / f"bench-{args.jobs}.db"
            print(f"creating {args.jobs:,} jobs with repair-counter demo …", flush=True)
            seconds = make_database(f"sqlite:///{path}", args.jobs, args.seed)
            info = {"source": str(path), "created": True, "demo_s": round(seconds, 1)}
        info["size_mb"] = database_size_mb(f"sqlite:///{path}")
        if path.parent != scratch:  # a file that is kept: measure a copy of it
            print("copying the database to measure a scratch copy …", flush=True)
            path, kept = scratch / path.name, path
            scratch_copy(kept, path)
        return f"sqlite:///{path}", info
    if given:  # an existing PostgreSQL database: measured as a TEMPLATE copy
        print("copying the database (CREATE DATABASE … TEMPLATE) …", flush=True)
        url = stack.enter_context(template_copy(given))
        info = {"source": _hide_password(given), "created": False}
    else:
        from tests.postgres_server import PostgresServer

        print("starting a throw-away PostgreSQL server …", flush=True)
        server = PostgresServer(locale="C.UTF-8")
        stack.callback(server.stop)
        server.start()
        url = server.create_database()
        print(f"creating {args.jobs:,} jobs with repair-counter demo …", flush=True)
        seconds = make_database(url, args.jobs, args.seed)
        info = {"source": "throw-away server", "created": True, "demo_s": round(seconds, 1)}
        info["server_locale"] = "C.UTF-8"
    info["size_mb"] = database_size_mb(url)
    from bench.measure import query

    info["server_version"] = str(query(url, "SHOW server_version")[0][0])
    return url, info


def _hide_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


def _child_env(first_screens: str | None = None) -> dict[str, str]:
    # No automatic backup in the background while the counter is measured (desktop_app/app.py).
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        REPAIR_COUNTER_AUTO_BACKUP="0",
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if first_screens is not None:  # the sign-ins remembered for servers (data/first_screen.py)
        env[REMEMBERED_VARIABLE] = first_screens
    return env


# --- the measurements, each in processes of its own ---------------------------------------------


def time_to_lines(
    args: list[str], lines: tuple[str, ...], first_screens: str | None = None
) -> dict[str, float]:
    """Seconds from starting the process to each of its `lines`, in the order they come."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [PYTHON, str(ROOT / "bench" / "cold_start.py"), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_child_env(first_screens),
    )
    assert child.stdout is not None
    seen: dict[str, float] = {}
    for line in child.stdout:
        if line.strip() in lines:
            seen[line.strip()] = time.perf_counter() - started
            if len(seen) == len(lines):
                break
    child.wait(timeout=60)
    if len(seen) < len(lines):
        raise RuntimeError(
            f"cold start {args[0]} printed only {sorted(seen)} (exit {child.returncode})"
        )
    return seen


def cold_start(url: str, settings: str, runs: int) -> dict[str, list[float]]:
    """The counter's start as on every start after its first on this computer (a server
    database's sign-in shown from what the warm-up run remembered), beside the floor and the
    bare table; on a server also a computer's first start (`app_first`: nothing remembered, the
    sign-in read from the server with psycopg before it can show)."""
    samples: dict[str, list[float]] = {"app": [], "app_ready": [], "floor": [], "table": []}
    folder = Path(settings).parent
    remembered = str(folder / "first-screens.json")
    server = DatabaseLocation.parse(url).server_first_screen is not None
    if server:
        samples["app_first"] = []
    for run in range(runs + 1):
        app = time_to_lines(["app", url, settings], ("painted", "ready"), remembered)
        floor = time_to_lines(["floor"], ("painted",))
        table = time_to_lines(["table"], ("painted",))
        first = None
        if server:
            nothing = str(folder / f"first-screens-none-{run}.json")  # never written before
            first = time_to_lines(["app", url, settings], ("painted", "ready"), nothing)
        if run:  # the first of each is the warm-up (cold disk cache, .pyc files)
            samples["app"].append(app["painted"])
            samples["app_ready"].append(app["ready"])
            samples["floor"].append(floor["painted"])
            samples["table"].append(table["painted"])
            if first is not None:
                samples["app_first"].append(first["painted"])
    return samples


def peak_memory(url: str, settings: str) -> dict[str, float]:
    done = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "cold_start.py"), "memory", url, settings],
        capture_output=True,
        text=True,
        env=_child_env(),
        check=True,
        timeout=600,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def in_process(url: str, settings: str, runs: int) -> dict[str, dict[str, object]]:
    """bench/measure.py in a process of its own; returns its figures."""
    code = (
        "import json, os, sys\n"
        "from bench.measure import Bench\n"
        f"bench = Bench({url!r}, {settings!r}, {runs})\n"
        "figures = bench.run_all()\n"
        "print(json.dumps({k: dict(f.as_json(), name=f.name) for k, f in figures.items()}))\n"
        "sys.stdout.flush()\n"
        "bench.close()\n"
        # PySide6 can crash while tearing down at interpreter exit; the figures are out.
        "os._exit(0)\n"
    )
    done = subprocess.run(
        [PYTHON, "-c", code], capture_output=True, text=True, env=_child_env(), cwd=ROOT
    )
    if done.returncode != 0:
        raise RuntimeError(f"measurements failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def baseline(url: str, runs: int, texts: list[str]) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [PYTHON, str(ROOT / "bench" / "qsql_baseline.py"), url, str(runs), *texts],
        capture_output=True,
        text=True,
        env=_child_env(),
    )
    if done.returncode != 0:
        raise RuntimeError(f"QSqlTableModel baseline failed:\n{done.stderr}")
    result = {}
    for line in done.stdout.strip().splitlines():
        row = json.loads(line)
        result[row["text"]] = row
    return result


def evaluation_figures(url: str, runs: int) -> dict[str, object]:
    """bench/evaluation.py in a process of its own (its QSqlTableModel reference needs one)."""
    script = str(ROOT / "bench" / "evaluation.py")
    done = subprocess.run(
        [PYTHON, script, "--database", url, "--runs", str(runs), "--json"],
        capture_output=True,
        text=True,
        env=_child_env(),
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise RuntimeError(f"evaluation measurements failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure, its multiple of the run's floor, and its target."""

    key: str
    what: str
    value: float
    unit: str = "ms"
    ratio: float | None = None  # value / the bare window's cold start, for times
    target: str = ""
    met: bool | None = None


def ratio_target_for(key: str) -> float | None:
    for prefix, target in RATIO_TARGETS.items():
        if key == prefix or (prefix.endswith("_") and key.startswith(prefix)):
            return target
    return None


def build_rows(
    starts: dict[str, list[float]],
    figures: dict[str, dict[str, object]],
    memory: dict[str, float],
    evaluation: dict[str, object],
) -> list[Row]:
    """Every figure, in ms and as a multiple of the floor, with the target it is held to. The
    search figures in `figures` gain their QSqlTableModel times first (see main)."""
    floor_ms = statistics.median(starts["floor"]) * 1000

    def timed_row(key: str, what: str, ms: float, target: str = "", met: bool | None = None) -> Row:
        return Row(key, what, round(ms, 2), "ms", round(ms / floor_ms, 4), target, met)

    app_ms = statistics.median(starts["app"]) * 1000
    table_ms = statistics.median(starts["table"]) * 1000
    ready_ms = statistics.median(starts["app_ready"]) * 1000
    rows = [
        timed_row(
            "cold_start_app",
            "cold start: Repair Counter, sign-in dialog painted",
            app_ms,
            f"≤ {COLD_START_RATIO} ×",
            app_ms / floor_ms <= COLD_START_RATIO,
        ),
        timed_row("cold_start_floor", "cold start: minimal QMainWindow (the floor)", floor_ms),
        timed_row("cold_start_table", "cold start: bare QTableView + Python model", table_ms),
        timed_row("cold_start_ready", "cold start: services ready (password checkable)", ready_ms),
    ]
    if starts.get("app_first"):
        first_ms = statistics.median(starts["app_first"]) * 1000
        rows.insert(
            1,
            timed_row(
                "cold_start_first",
                "cold start: a computer's first, sign-in read from the server",
                first_ms,
            ),
        )
    searches: list[tuple[float, float]] = []
    for key, figure in figures.items():
        median = float(figure["median_ms"])  # type: ignore[arg-type]
        ratio = median / floor_ms
        if key.startswith("search_"):
            other_ms = float(figure["qsqltablemodel_ms"])  # type: ignore[arg-type]
            searches.append((median, other_ms))
            target = ratio_target_for(key)
            assert target is not None
            rows.append(
                timed_row(key, str(figure["name"]), median, f"≤ {target:g} ×", ratio <= target)
            )
            speedup = other_ms / median
            rows.append(
                timed_row(
                    f"{key}_qsql",
                    "  QSqlTableModel + setFilter LIKE, same text",
                    other_ms,
                    f"ours {speedup:.1f}× faster; ≥ {SEARCH_SPEEDUP}×",
                    speedup >= SEARCH_SPEEDUP,
                )
            )
            continue
        target = ratio_target_for(key)
        if target is not None:
            rows.append(
                timed_row(key, str(figure["name"]), median, f"≤ {target:g} ×", ratio <= target)
            )
        elif key in MS_TARGETS:
            limit = MS_TARGETS[key]
            met = median <= limit
            rows.append(timed_row(key, str(figure["name"]), median, f"≤ {limit:g} ms", met))
        else:
            rows.append(timed_row(key, str(figure["name"]), median))
    if searches:
        slowest = max(ours for ours, _ in searches)
        target = RATIO_TARGETS["search_"]
        rows.append(
            timed_row(
                "search_slowest",
                f"search: the slowest of the {len(searches)} searches",
                slowest,
                f"≤ {target:g} ×",
                slowest / floor_ms <= target,
            )
        )
        rows.append(
            timed_row(
                "search_slowest_qsql",
                "  QSqlTableModel + LIKE: the slowest of the same",
                max(theirs for _, theirs in searches),
            )
        )
        least = min(theirs / ours for ours, theirs in searches)
        rows.append(
            Row(
                "search_speedup",
                "search: speed-up over QSqlTableModel + LIKE (the least)",
                round(least, 1),
                "×",
                None,
                f"≥ {SEARCH_SPEEDUP} ×",
                least >= SEARCH_SPEEDUP,
            )
        )
    rows.append(
        Row("memory_first_screen", "peak memory, list open", memory["first_screen_mb"], "MB")
    )
    scrolled = memory["after_scroll_mb"]
    rows.append(
        Row(
            "memory_after_scroll",
            f"peak memory after scrolling the first {int(memory['rows_loaded']):,} rows",
            scrolled,
            "MB",
            None,
            f"≤ {PEAK_MEMORY_MB} MB",
            scrolled <= PEAK_MEMORY_MB,
        )
    )
    rows.append(
        Row(
            "memory_after_searches",
            "peak memory, then 4 searches",
            memory["after_scroll_and_searches_mb"],
            "MB",
        )
    )
    timings: dict[str, dict] = evaluation["timings"]  # type: ignore[assignment]
    for key, row_key, what in (
        ("report_month", "evaluation_month", "evaluation report, a month (and the one before)"),
        ("report_year", "evaluation_year", "evaluation report, a year (and the one before)"),
        ("workbook_month", "evaluation_workbook", "evaluation: Excel workbook of the month"),
    ):
        ms = float(timings[key]["wall_ms"])
        if key == "report_year":
            limit = f"≤ {EVALUATION_YEAR_MS:g} ms"
            rows.append(timed_row(row_key, what, ms, limit, ms <= EVALUATION_YEAR_MS))
        else:
            rows.append(timed_row(row_key, what, ms))
    return rows


def print_rows(rows: list[Row]) -> None:
    print(f"{'':62}{'value':>10}{'× floor':>9}  target")
    for row in rows:
        value = f"{row.value:.1f} {row.unit}"
        ratio = "" if row.ratio is None else f"{row.ratio:.3f}"
        mark = "" if row.met is None else ("  ok" if row.met else "  MISSED")
        print(f"{row.what[:62]:62}{value:>10}{ratio:>9}  {row.target}{mark}")


# --- the command ----------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--backend",
        choices=BACKENDS,
        help="default: the --database URL's, else sqlite",
    )
    parser.add_argument("--jobs", type=int, default=100_000, help="demo jobs to make")
    parser.add_argument("--seed", type=int, default=2026, help="the demo's random seed")
    parser.add_argument("--runs", type=int, default=7, help="measured runs per figure")
    parser.add_argument(
        "--database",
        help="an existing database to measure (a copy of it): a SQLite file, or a URL",
    )
    parser.add_argument("--output", type=Path, help="JSON file (default: bench/results/…)")
    args = parser.parse_args(argv)
    if args.backend is None:
        is_postgres = bool(args.database) and args.database.startswith("postgresql")
        args.backend = "postgresql" if is_postgres else "sqlite"
    if args.backend == "postgresql" and args.database and "://" not in args.database:
        parser.error("--backend postgresql takes --database as a URL (postgresql+psycopg://…)")

    report: dict[str, object] = {
        "machine": machine(),
        "backend": args.backend,
        "jobs_asked": args.jobs,
        "seed": args.seed,
        "runs": args.runs,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url, report["database"] = prepare_database(args, stack, scratch)
        report["jobs"] = count_jobs(url)  # before the check-in measurement adds its own
        settings = str(scratch / "ui.ini")
        from bench.signing import prepare

        prepare(url)  # a shop's counter starts at its sign-in
        print("cold start …", flush=True)
        starts = cold_start(url, settings, args.runs)
        print("measuring in the window …", flush=True)
        figures = in_process(url, settings, args.runs)
        from bench.measure import pick_searches

        typed = pick_searches(url)
        print("QSqlTableModel baseline …", flush=True)
        theirs = baseline(url, args.runs, [t.text for t in typed])
        print("peak memory …", flush=True)
        memory = peak_memory(url, settings)
        print("evaluation …", flush=True)
        evaluation = evaluation_figures(url, args.runs)

    for index, what in enumerate(typed):
        mine = figures[f"search_{index}"]
        other = theirs[what.text]
        mine["qsqltablemodel_ms"] = round(statistics.median(other["slowest"]) * 1000, 2)
        mine["qsqltablemodel_per_key_ms"] = [round(t * 1000, 1) for t in other["per_key"]]
    rows = build_rows(starts, figures, memory, evaluation)
    floor_ms = statistics.median(starts["floor"]) * 1000
    app_ms = statistics.median(starts["app"]) * 1000
    report["cold_start"] = {
        "app_ms": round(app_ms, 1),
        "floor_ms": round(floor_ms, 1),
        "table_reference_ms": round(statistics.median(starts["table"]) * 1000, 1),
        "ready_ms": round(statistics.median(starts["app_ready"]) * 1000, 1),
        "ratio": round(app_ms / floor_ms, 2),
        "app_samples_ms": [round(s * 1000, 1) for s in starts["app"]],
        "floor_samples_ms": [round(s * 1000, 1) for s in starts["floor"]],
        "table_reference_samples_ms": [round(s * 1000, 1) for s in starts["table"]],
        "ready_samples_ms": [round(s * 1000, 1) for s in starts["app_ready"]],
        "first_start_samples_ms": [round(s * 1000, 1) for s in starts.get("app_first", [])],
    }
    report["figures"] = figures
    report["evaluation"] = evaluation
    report["memory_mb"] = memory
    report["targets"] = {
        "ratio_to_floor": RATIO_TARGETS,
        "ms": MS_TARGETS,
        "search_speedup": SEARCH_SPEEDUP,
        "cold_start_ratio": COLD_START_RATIO,
        "peak_memory_mb_after_10000_rows": PEAK_MEMORY_MB,
        "evaluation_year_ms": EVALUATION_YEAR_MS,
    }
    report["table"] = [asdict(row) for row in rows]

    print()
    print(
        f"{args.backend}, {report['jobs']:,} jobs; floor (bare window cold start) "
        f"{floor_ms:.1f} ms; load average {report['machine']['load_average']}"  # type: ignore[index]
    )
    print_rows(rows)
    from bench.evaluation import table as evaluation_table

    print()
    print("\n".join(evaluation_table(evaluation)))
    output = args.output or RESULTS / f"bench-{args.backend}-{datetime.now():%Y%m%d-%H%M%S}.json"
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    print(f"\nwritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
