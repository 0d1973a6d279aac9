"""bench/growth.py: the README's table from 100,000 to 1,000,000 jobs, from result files."""

from __future__ import annotations

import json
from pathlib import Path

from bench.growth import BEGIN, END, main, newest_runs, table


def result(
    folder: Path,
    name: str,
    backend: str,
    jobs: int,
    floor_ms: float,
    figures: dict[str, float],
    when: str = "2026-11-30T13:00:00",
    server: str | None = None,
) -> Path:
    """A result file as bench/run.py writes it: times given in ms, memory in MB."""
    rows = []
    for key, value in figures.items():
        if key.startswith("memory"):
            rows.append({"key": key, "value": value, "unit": "MB", "ratio": None})
        elif key == "search_speedup":
            rows.append({"key": key, "value": value, "unit": "×", "ratio": None})
        else:
            ratio = value / floor_ms
            rows.append({"key": key, "value": value, "unit": "ms", "ratio": ratio})
    report: dict[str, object] = {
        "backend": backend,
        "jobs": jobs,
        "machine": {
            "when": when,
            "cpu": "AMD EPYC 7B13",
            "cores": 2,
            "platform": "Linux-6.1-x86_64",
            "python": "3.11.7",
            "sqlite": "3.40.1",
            "pyside6": "6.12.0",
            "load_average": "1.50 1.20 1.00",
        },
        "table": [{"what": row["key"], "target": "", "met": None, **row} for row in rows],
    }
    if server is not None:
        report["database"] = {"server_version": server}
    path = folder / name
    path.write_text(json.dumps(report, ensure_ascii=False), "utf-8")
    return path


def line_of(lines: list[str], figure: str) -> list[str]:
    (line,) = [line for line in lines if line.startswith(f"| {figure} |")]
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_growth_table_from_result_files(tmp_path):
    files = [
        result(
            tmp_path,
            "s1.json",
            "sqlite",
            100_000,
            200,
            {"first_screen": 20, "memory_after_scroll": 180},
        ),
        result(
            tmp_path,
            "s2.json",
            "sqlite",
            1_000_003,
            250,
            {"first_screen": 37.5, "memory_after_scroll": 216},
        ),
        result(
            tmp_path,
            "p1.json",
            "postgresql",
            100_000,
            200,
            {"first_screen": 40, "search_speedup": 60},
            server="15.18",
        ),
    ]
    lines = table(newest_runs(files))
    assert lines[0] == (
        "| figure | SQLite 100k | SQLite 1M | growth | PostgreSQL 100k | PostgreSQL 1M | growth |"
    )
    first = line_of(lines, "first screen of the job list")
    # ms and the multiple of the run's own floor; growth of the multiple (0.15 / 0.10), not of
    # the times (which would say 1.88x on a machine that was slower for the 1M run).
    assert first[1:4] == ["20.0 ms (0.100×)", "37.5 ms (0.150×)", "1.50×"]
    assert first[4:7] == ["40.0 ms (0.200×)", "—", "—"]  # no PostgreSQL 1M run yet
    memory = line_of(lines, "peak memory after 10,000 rows scrolled")
    assert memory[1:4] == ["180 MB", "216 MB", "1.20×"]
    assert line_of(lines, "search: ours faster than QSqlTableModel (least of 5)")[4] == "60.0×"
    assert line_of(lines, "open a job with its timeline")[1:] == ["—"] * 6
    machine = [line for line in lines if line.startswith("- ")]
    assert len(machine) == 3
    assert machine[1].startswith("- SQLite 1M: 1,000,003 jobs, 2026-11-30T13:00:00")
    assert "AMD EPYC 7B13, 2 cores" in machine[1] and "SQLite 3.40.1" in machine[1]
    assert "PostgreSQL" not in machine[1] and ", PostgreSQL 15.18 (`p1.json`)" in machine[2]


def test_the_newest_run_of_a_size_counts_and_other_files_are_left_out(tmp_path):
    old = result(tmp_path, "a.json", "sqlite", 100_000, 100, {"summary": 30}, "2026-11-29T10:00:00")
    new = result(tmp_path, "b.json", "sqlite", 100_000, 100, {"summary": 5}, "2026-11-30T10:00:00")
    tiny = result(tmp_path, "c.json", "sqlite", 150, 100, {"summary": 1}, "2026-12-01T10:00:00")
    earlier_bench = tmp_path / "d.json"  # a result of the bench before issue 15: no keyed rows
    earlier_bench.write_text(json.dumps({"jobs": 100_000, "table": [{"what": "x"}]}), "utf-8")
    broken = tmp_path / "e.json"
    broken.write_text("{not json", "utf-8")
    runs = newest_runs([new, old, tiny, earlier_bench, broken])
    assert set(runs) == {("sqlite", 100_000), ("sqlite", 100)}
    lines = table(runs)
    assert line_of(lines, "due-state summary counts")[1] == "5.0 ms (0.050×)"
    assert [line for line in lines if line.startswith("- ")] == [
        line for line in lines if "b.json" in line
    ]


def test_readme_block_is_replaced_and_the_rest_kept(tmp_path):
    run = result(tmp_path, "s.json", "sqlite", 100_000, 200, {"first_screen": 20})
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\nbefore\n{BEGIN}\nold table\n{END}\nafter\n", "utf-8")
    assert main([str(run), "--readme", str(readme)]) == 0
    text = readme.read_text("utf-8")
    assert text.startswith(f"# Title\n\nbefore\n{BEGIN}\n| figure |")
    assert text.endswith(f"{END}\nafter\n") and "old table" not in text
    assert "20.0 ms (0.100×)" in text
    # A second run replaces the block again, not adds to it.
    assert main([str(run), "--readme", str(readme)]) == 0
    assert readme.read_text("utf-8") == text


def test_a_file_without_the_block_is_not_written(tmp_path, capsys):
    run = result(tmp_path, "s.json", "sqlite", 100_000, 200, {"first_screen": 20})
    readme = tmp_path / "README.md"
    readme.write_text("# no block here\n", "utf-8")
    assert main([str(run), "--readme", str(readme)]) == 1
    assert readme.read_text("utf-8") == "# no block here\n"
    assert "bench-growth:begin" in capsys.readouterr().err


def test_no_results_is_said(tmp_path, capsys):
    assert main([str(tmp_path / "missing.json")]) == 1
    assert "no benchmark results" in capsys.readouterr().err
