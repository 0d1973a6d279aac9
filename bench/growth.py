"""The README's table of how each benchmark figure grows from 100,000 to 1,000,000 jobs.

    python bench/growth.py [RESULT.json ...] [--readme README.md]

Reads result files of bench/run.py (default: every bench/results/*.json), takes for each
backend and size (100,000 and 1,000,000 jobs) the newest run, and prints a Markdown table:

    figure | SQLite 100k | SQLite 1M | growth | PostgreSQL 100k | PostgreSQL 1M | growth

with the machine each run was on below it. A time is shown in milliseconds and as the multiple
of its own run's floor (the bare window's cold start); its growth is that multiple's, 1M over
100k, since two runs on a VM whose speed drifts compare by their multiples. Memory and the
speed-up over QSqlTableModel grow by their values. With --readme the table replaces what lies
between the lines `<!-- bench-growth:begin -->` and `<!-- bench-growth:end -->` of that file.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BEGIN = "<!-- bench-growth:begin -->"
END = "<!-- bench-growth:end -->"
BACKENDS = (("sqlite", "SQLite"), ("postgresql", "PostgreSQL"))
SIZES = ((100_000, "100k"), (1_000_000, "1M"))

# The figures of the table, in order: result-row key and what the README calls it.
FIGURES: tuple[tuple[str, str], ...] = (
    ("cold_start_floor", "cold start, bare window (the floor)"),
    ("cold_start_app", "cold start to the sign-in dialog"),
    ("cold_start_first", "the same, a computer's first start (server: read by psycopg)"),
    ("first_screen", "first screen of the job list"),
    ("scroll", "scroll through the first 10,000 rows"),
    ("search_slowest", "search, slowest keystroke (slowest of 5 searches)"),
    ("search_slowest_qsql", "the same with QSqlTableModel + LIKE"),
    ("search_speedup", "search: ours faster than QSqlTableModel (least of 5)"),
    ("open_job", "open a job with its timeline"),
    ("check_in", "check-in save"),
    ("intake_receipt", "intake receipt PDF"),
    ("return_receipt", "return receipt PDF"),
    ("summary", "due-state summary counts"),
    ("memory_after_scroll", "peak memory after 10,000 rows scrolled"),
    ("evaluation_month", "evaluation report, a month"),
    ("evaluation_year", "evaluation report, a year"),
    ("evaluation_workbook", "evaluation workbook of a month"),
)


@dataclass(frozen=True)
class Run:
    """One result file: its backend, size class and rows by key."""

    path: Path
    backend: str
    jobs: int
    when: str
    machine: dict[str, object]
    rows: dict[str, dict[str, object]]
    server: str = ""  # PostgreSQL's version, for a run on it

    @property
    def size(self) -> int:
        """The power of ten nearest the job count (100,000 for 100,003 jobs)."""
        return 10 ** round(math.log10(max(self.jobs, 1)))


def load(path: Path) -> Run | None:
    """The run in `path`, or None for a file of an older bench (no keyed rows) or not a result."""
    try:
        report = json.loads(path.read_text("utf-8"))
        rows = {row["key"]: row for row in report["table"]}
        return Run(
            path,
            str(report.get("backend", "sqlite")),
            int(report["jobs"]),
            str(report["machine"]["when"]),
            dict(report["machine"]),
            rows,
            str(report.get("database", {}).get("server_version", "")),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def newest_runs(paths: list[Path]) -> dict[tuple[str, int], Run]:
    """For each (backend, size) of the table, the newest run among `paths`."""
    chosen: dict[tuple[str, int], Run] = {}
    for path in paths:
        run = load(path)
        if run is None:
            continue
        key = (run.backend, run.size)
        if key not in chosen or run.when > chosen[key].when:
            chosen[key] = run
    return chosen


def _cell(row: dict[str, object] | None) -> str:
    if row is None:
        return "—"
    value, unit, ratio = float(row["value"]), str(row["unit"]), row.get("ratio")  # type: ignore[arg-type]
    if unit == "ms":
        shown = f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"
        return f"{shown} ({float(ratio):.3f}×)" if ratio is not None else shown  # type: ignore[arg-type]
    if unit == "×":
        return f"{value:.1f}×"
    return f"{value:.0f} {unit}"


def _growth(small: dict[str, object] | None, large: dict[str, object] | None) -> str:
    if small is None or large is None:
        return "—"
    measure = (
        "ratio" if small.get("ratio") is not None and large.get("ratio") is not None else "value"
    )
    before, after = float(small[measure]), float(large[measure])  # type: ignore[arg-type]
    if before <= 0:
        return "—"
    return f"{after / before:.2f}×"


def _machine_line(label: str, run: Run) -> str:
    m = run.machine
    return (
        f"- {label}: {run.jobs:,} jobs, {m.get('when')}, "
        f"load average {m.get('load_average', '?')}; "
        f"{m.get('cpu') or 'unknown CPU'}, {m.get('cores')} cores, {m.get('platform')}, "
        f"Python {m.get('python')}, SQLite {m.get('sqlite')}, PySide6 {m.get('pyside6')}"
        + (f", PostgreSQL {run.server}" if run.server else "")
        + f" (`{run.path.name}`)"
    )


def table(runs: dict[tuple[str, int], Run]) -> list[str]:
    """The Markdown lines: the table, then one line per run saying where and when it ran."""
    header = ["figure"]
    for _backend, name in BACKENDS:
        header += [f"{name} {label}" for _size, label in SIZES] + ["growth"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for key, what in FIGURES:
        cells = [what]
        for backend, _name in BACKENDS:
            small, large = (
                runs[(backend, size)].rows.get(key) if (backend, size) in runs else None
                for size, _label in SIZES
            )
            cells += [_cell(small), _cell(large), _growth(small, large)]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Times in ms and, in brackets, as a multiple of the same run's bare-window cold start; "
        "growth is 1M over 100k of that multiple (of the value for memory and the speed-up)."
    )
    lines.append("")
    for backend, name in BACKENDS:
        for size, label in SIZES:
            if (backend, size) in runs:
                lines.append(_machine_line(f"{name} {label}", runs[(backend, size)]))
    return lines


def replace_block(text: str, block: list[str]) -> str:
    """`text` with the lines between BEGIN and END replaced by `block`."""
    if BEGIN not in text or END not in text:
        raise ValueError(f"the file has no {BEGIN} … {END} block")
    before, rest = text.split(BEGIN, 1)
    _old, after = rest.split(END, 1)
    return before + BEGIN + "\n" + "\n".join(block) + "\n" + END + after


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="*", type=Path, help="default: bench/results/*.json")
    parser.add_argument("--readme", type=Path, help="write the table into this file's block")
    args = parser.parse_args(argv)
    paths = args.results or sorted(RESULTS.glob("*.json"))
    runs = newest_runs(paths)
    if not runs:
        print("no benchmark results at 100,000 or 1,000,000 jobs", file=sys.stderr)
        return 1
    lines = table(runs)
    if args.readme is None:
        print("\n".join(lines))
        return 0
    try:
        text = args.readme.read_text("utf-8")
        args.readme.write_text(replace_block(text, lines), "utf-8")
    except (OSError, ValueError) as error:
        print(f"{args.readme}: {error}", file=sys.stderr)
        return 1
    print(f"written to {args.readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
