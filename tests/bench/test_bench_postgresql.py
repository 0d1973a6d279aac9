"""The benchmark on PostgreSQL: a throw-away server of its own, or a TEMPLATE copy of a kept
database, every figure taken there (Qt's QPSQL driver for the QSqlTableModel baseline). Nothing
here is timed: the figures are read by people, from the full-size run."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import create_engine, text

from bench import run

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.postgres


def scalar(url: str, sql: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(text(sql)).scalar_one()
    finally:
        engine.dispose()


def demo(url: str, jobs: int) -> None:
    subprocess.run(
        [sys.executable, "-m", "desktop_app", "--database", url, "demo", "--jobs", str(jobs)],
        check=True,
        capture_output=True,
        cwd=ROOT,
        env=dict(os.environ, PYTHONPATH=str(ROOT)),
        timeout=300,
    )


def databases(server) -> set[str]:  # type: ignore[no-untyped-def]
    with psycopg.connect(server.url("postgres").replace("+psycopg", ""), autocommit=True) as c:
        return {row[0] for row in c.execute("SELECT datname FROM pg_database")}


def test_bench_measures_a_template_copy_of_a_kept_postgresql_database(postgres_server, tmp_path):
    url = postgres_server.create_database()
    try:
        demo(url, 200)
        before = databases(postgres_server)
        output = tmp_path / "bench.json"
        command = [sys.executable, str(ROOT / "bench" / "run.py"), "--database", url]
        done = subprocess.run(
            [*command, "--runs", "1", "--output", str(output)],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        report = json.loads(output.read_text("utf-8"))
        # The backend is the URL's; the kept database was measured as a copy, then dropped:
        # its 200 jobs are all it has (no check-in measurement's, no bench clerk).
        assert report["backend"] == "postgresql" and report["jobs"] == 200
        assert report["database"]["created"] is False and report["database"]["size_mb"] > 0
        assert report["database"]["server_version"][:2].isdigit()
        assert scalar(url, "SELECT count(*) FROM jobs") == 200
        assert scalar(url, "SELECT count(*) FROM users WHERE username = 'bench-clerk'") == 0
        assert databases(postgres_server) == before
        figures = report["figures"]
        for key in ("first_screen", "scroll", "open_job", "check_in", "summary"):
            assert figures[key]["median_ms"] > 0, key
        searches = [key for key in figures if key.startswith("search_")]
        assert len(searches) == 5
        for key in searches:  # Qt's QPSQL driver ran the baseline on the same database
            assert figures[key]["median_ms"] > 0 and figures[key]["qsqltablemodel_ms"] > 0
        assert report["evaluation"]["backend"] == "postgresql"
        assert report["evaluation"]["timings"]["report_year"]["wall_ms"] > 0
        assert report["memory_mb"]["after_scroll_mb"] > 0
        rows = {row["key"]: row for row in report["table"]}
        assert rows["search_slowest"]["ratio"] > 0 and rows["search_speedup"]["value"] > 0
        assert "postgresql, 200 jobs" in done.stdout and "× floor" in done.stdout
    finally:
        postgres_server.drop_database(url)


def test_bench_starts_its_own_server_with_a_utf8_locale_and_stops_it(tmp_path):
    args = argparse.Namespace(backend="postgresql", database=None, jobs=30, seed=4)
    with ExitStack() as stack:
        url, info = run.prepare_database(args, stack, tmp_path)
        assert info["created"] and info["server_locale"] == "C.UTF-8"
        assert scalar(url, "SELECT count(*) FROM jobs") == 30
        # Trigram search of Chinese needs a UTF-8 LC_CTYPE (issue 15).
        ctype = "SELECT datctype FROM pg_database WHERE datname = current_database()"
        assert scalar(url, ctype) == "C.UTF-8"
        port = run.urlsplit(url).port
    with pytest.raises(psycopg.OperationalError):  # the server is gone with the bench
        psycopg.connect(host="127.0.0.1", port=port, user="postgres", connect_timeout=3)


def test_a_postgresql_bench_wants_a_url():
    with pytest.raises(SystemExit):
        run.main(["--backend", "postgresql", "--database", "/tmp/some.db"])
