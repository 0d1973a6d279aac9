"""`repair-counter report`: a manager's evaluation of a period as a table, JSON with stable keys,
or a PDF, workbook or CSV file; every mistake said in one line naming the option, never a
traceback, and never a file we did not make written over."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

import desktop_app.admin
from desktop_app.cli import main
from tests.helpers import FAST_PASSWORDS, PASSWORD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report')}/demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        argv = ["demo", "--jobs", "400", "--months", "3", "--seed", "11", "--staff-password-stdin"]
        assert main(["--database", url, *argv]) == 0
    return url


def report(
    demo_db: str, *options: str, user: str = "manager", password: str = PASSWORD
) -> list[str]:
    return [
        "--database",
        demo_db,
        "report",
        *options,
        "--user",
        user,
        "--password-stdin",
    ]


def run(monkeypatch: pytest.MonkeyPatch, argv: list[str], password: str = PASSWORD) -> int:
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(argv)


def last_month() -> str:
    """A whole month inside the three-month demo, whatever today is: on the first of a month
    this month has had no repair come due yet."""
    first = date.today().replace(day=1)
    before = first.fromordinal(first.toordinal() - 1)
    return f"{before.year}-{before.month:02d}"


def last_months_quarter() -> str:
    """A quarter that has begun and holds demo work, whatever today is (this year's Q4 has not
    begun from January to September)."""
    year, month = (int(part) for part in last_month().split("-"))
    return f"{year}-Q{(month - 1) // 3 + 1}"


def test_json_has_the_issues_keys_and_rates_as_fractions(demo_db, capsys, monkeypatch) -> None:
    capsys.readouterr()
    assert run(monkeypatch, report(demo_db, "--month", last_month(), "--format", "json")) == 0
    data = json.loads(capsys.readouterr().out)
    for key in (
        "period",
        "received",
        "first_response_on_time",
        "repair_on_time",
        "working_days_taken",
        "per_technician",
        "complaints",
        "compensation",
        "satisfaction",
        "previous",
    ):
        assert key in data, key
    rate = data["repair_on_time"]
    assert set(rate) == {"on_time", "of", "rate"}
    assert rate["of"] > 0 and rate["rate"] == round(rate["on_time"] / rate["of"], 4)
    assert data["period"]["kind"] == "month" and data["previous"]["period"]["kind"] == "month"
    assert data["received"]["total"] == sum(data["received"]["by_service"].values())


def test_the_same_period_from_dates_is_the_same_report(demo_db, capsys, monkeypatch) -> None:
    today = date.today()  # read once: the month and the range are the same day's
    first = date(today.year, today.month, 1)
    capsys.readouterr()
    month = f"{today.year}-{today.month:02d}"
    assert run(monkeypatch, report(demo_db, "--month", month, "--format", "json")) == 0
    by_month = json.loads(capsys.readouterr().out)
    ranged = report(demo_db, "--from", first.isoformat(), "--to", f"{today:%Y/%m/%d}")
    assert run(monkeypatch, [*ranged, "--format", "json"]) == 0
    by_dates = json.loads(capsys.readouterr().out)
    assert by_dates["received"]["total"] <= by_month["received"]["total"]
    assert by_dates["period"]["from"] == first.isoformat()


def test_the_table_lists_every_figure_and_its_definitions(demo_db, capsys, monkeypatch) -> None:
    capsys.readouterr()
    assert run(monkeypatch, report(demo_db, "--quarter", last_months_quarter())) == 0
    out = capsys.readouterr().out
    assert "Repair within 5 working days [3]" in out
    assert "[13] Each figure is shown beside the previous period" in out
    assert "Technician" in out


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ((), "--from"),
        (("--month", "2026-13"), "--month"),
        (("--month", "2026-11", "--year", "2026"), "--from"),
        (("--quarter", "2026-Q5"), "--quarter"),
        (("--year", "26"), "--year"),
        (("--from", "2026-11-01"), "--to"),
        (("--from", "2026-11-31", "--to", "2026-12-01"), "--from"),
        (("--from", "2000-01-01", "--to", "2026-01-01"), "--to"),
        (("--month", "2026-11", "-o", "report.docx"), "--output"),
        (("--month", "2026-11", "-o", ""), "--output"),
        (("--month", "2026-11", "-o", "report.pdf/"), "--output"),
        (("--month", "2026-11", "-o", "r.pdf", "--format", "json"), "--format"),
        (("--year", "0000"), "--year"),
        (("--year", "9999"), "--year"),
        (("--month", "0001-01"), "--month"),
        (("--quarter", "0000-Q2"), "--quarter"),
        (("--from", "9999-12-31", "--to", "9999-12-31"), "--from"),
        (("--from", "2026-12-01", "--to", "2026-11-01"), "--to"),
    ],
)
def test_a_bad_period_or_file_is_one_line_naming_the_option(
    demo_db, capsys, monkeypatch, options, named
) -> None:
    capsys.readouterr()
    assert run(monkeypatch, report(demo_db, *options)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("repair-counter:") and named in captured.err
    assert "Traceback" not in captured.err


def test_a_clerk_and_a_wrong_password_are_refused(demo_db, capsys, monkeypatch) -> None:
    from desktop_app.data.db import open_database
    from desktop_app.services import Services
    from tests.helpers import give_password

    database = open_database(demo_db)
    give_password(Services.build(database, passwords=FAST_PASSWORDS), "clerk1")
    database.dispose()
    capsys.readouterr()
    assert run(monkeypatch, report(demo_db, "--month", "2026-11", user="clerk1")) == 2
    assert "may not" in capsys.readouterr().err
    assert run(monkeypatch, report(demo_db, "--month", "2026-11"), password="wrong") == 2
    assert "wrong user name or password" in capsys.readouterr().err
    assert run(monkeypatch, ["--database", demo_db, "report", "--month", "2026-11"]) == 2
    assert "--user" in capsys.readouterr().err


def test_files_are_written_and_only_our_own_is_replaced(
    demo_db, capsys, monkeypatch, tmp_path: Path
) -> None:
    for name, magic in (("r.pdf", b"%PDF-"), ("r.xlsx", b"PK"), ("r.csv", "\ufeff".encode())):
        target = tmp_path / name
        capsys.readouterr()
        assert run(monkeypatch, report(demo_db, "--month", "2026-11", "-o", str(target))) == 0
        assert capsys.readouterr().out.strip() == str(target)
        assert target.read_bytes().startswith(magic)
        # Again: a report of ours, unchanged since, is replaced.
        assert run(monkeypatch, report(demo_db, "--month", "2026-10", "-o", str(target))) == 0
        # Somebody else's file under the name is left alone.
        target.write_bytes(b"head office's own numbers")
        assert run(monkeypatch, report(demo_db, "--month", "2026-11", "-o", str(target))) == 2
        err = capsys.readouterr().err
        assert str(target) in err and "Traceback" not in err
        assert target.read_bytes() == b"head office's own numbers"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv", "r.pdf", "r.xlsx"]


def test_a_folder_that_does_not_exist_is_one_line(demo_db, capsys, monkeypatch, tmp_path) -> None:
    target = tmp_path / "missing" / "r.pdf"
    capsys.readouterr()
    assert run(monkeypatch, report(demo_db, "--month", "2026-11", "-o", str(target))) == 1
    err = capsys.readouterr().err
    assert err.startswith("repair-counter: cannot write") and "Traceback" not in err


def test_a_reader_that_stops_reading_is_no_error(demo_db) -> None:
    """`repair-counter report … | head -1`: the pipe closes early; nothing is said, exit 0."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    argv = [sys.executable, "-m", "desktop_app", *report(demo_db, "--month", "2026-11")]
    worker = subprocess.Popen(
        argv,
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert worker.stdin is not None and worker.stdout is not None and worker.stderr is not None
    worker.stdin.write(f"{PASSWORD}\n".encode())
    worker.stdin.close()
    worker.stdout.close()  # the reader is gone before the report is printed
    err = worker.stderr.read().decode()
    worker.stderr.close()
    assert worker.wait(timeout=120) == 0
    assert err == ""
