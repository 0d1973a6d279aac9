"""The admin command line: demo data, job listing in three formats, help."""

from __future__ import annotations

import csv
import io
import json

import pytest

import desktop_app.admin
from desktop_app import cli
from desktop_app.cli import main
from tests.helpers import FAST_PASSWORDS, PASSWORD


@pytest.fixture
def demo_db(tmp_path, capsys, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path}/demo.db"
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))  # the demo staff's
    argv = ["demo", "--jobs", "300", "--months", "1", "--seed", "7", "--staff-password-stdin"]
    assert main(["--database", url, *argv]) == 0
    err = capsys.readouterr().err
    assert "300 / 300 jobs (100%)" in err
    assert "added 300 jobs" in err
    assert err.count(" jobs (") <= 10  # progress into a pipe: a line a tenth of the way at most
    return url


def test_help_documents_every_subcommand(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    commands = ("window", "migrate", "demo", "jobs", "receipt", "postgres-roles", "setup", "users")
    for command in (*commands, "--database"):
        assert command in out


def test_demo_jobs_cover_every_status_and_some_are_overdue(demo_db, capsys):
    assert main(["--database", demo_db, "jobs", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) == 300
    statuses = {r["status"] for r in records}
    assert {"received", "diagnosing", "repairing", "ready_for_pickup", "returned"} <= statuses
    assert any(r["working_days_left"] is not None and r["working_days_left"] < 0 for r in records)
    assert all("****" in r["phone"] for r in records)  # masked unless --full-phone
    numbers = [r["number"] for r in records]
    assert len(set(numbers)) == 300


def test_jobs_csv_has_the_documented_columns(demo_db, capsys):
    assert main(["--database", demo_db, "jobs", "--format", "csv", "--limit", "5"]) == 0
    out = capsys.readouterr().out
    # A byte-order mark first, as every CSV export: Excel on a Chinese Windows needs it.
    assert out.startswith("\ufeffnumber,customer,")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert len(rows) == 5
    assert list(rows[0]) == [
        "number",
        "customer",
        "phone",
        "product",
        "serial",
        "status",
        "checked_in",
        "response_due",
        "repair_due",
        "working_days_left",
    ]


def test_jobs_overdue_and_status_filters(demo_db, capsys):
    assert main(["--database", demo_db, "jobs", "--overdue", "--format", "json"]) == 0
    overdue = json.loads(capsys.readouterr().out)
    assert overdue and all(r["working_days_left"] < 0 for r in overdue)
    assert main(["--database", demo_db, "jobs", "--status", "returned", "--format", "json"]) == 0
    returned = json.loads(capsys.readouterr().out)
    assert returned and {r["status"] for r in returned} == {"returned"}


def test_jobs_table_is_aligned_and_counts(demo_db, capsys):
    assert main(["--database", demo_db, "jobs", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("number")
    assert out[-1] == "(3 jobs)"


def test_a_database_that_is_not_ours_gives_a_clear_error(tmp_path, capsys):
    path = tmp_path / "photo.db"
    path.write_bytes(b"\x89PNG not a database")
    assert main(["--database", f"sqlite:///{path}", "jobs"]) == 2
    assert "not a Repair Counter database" in capsys.readouterr().err


def test_the_jobs_table_speaks_the_shops_language_and_json_keeps_keys(demo_db, capsys):
    from dataclasses import replace

    from desktop_app.data.db import open_database
    from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
    from desktop_app.services import Services

    database = open_database(demo_db)
    try:
        services = Services.build(database, calendars=PACKAGE_CALENDARS, passwords=FAST_PASSWORDS)
        manager = services.auth.sign_in("manager", PASSWORD)
        services.shop.save_settings(replace(services.shop.settings(), language="zh_CN"), manager)
    finally:
        database.dispose()
    try:
        assert main(["--database", demo_db, "jobs", "--limit", "40"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split()[:3] == ["工单号", "客户", "电话"]
        assert lines[-1] == "（共 40 个工单）"
        statuses = {"已受理", "检测中", "维修中", "等待配件", "待取件", "已交还客户", "已取消"}
        assert any(word in line for line in lines[1:-1] for word in statuses)
        for english in ("received", "diagnosing", "repairing", "left", "overdue", "due today"):
            assert all(english not in line for line in lines), english
        assert main(["--database", demo_db, "jobs", "--limit", "5", "--format", "json"]) == 0
        records = json.loads(capsys.readouterr().out)
        assert all(r["status"].isascii() for r in records)  # programs get the stable keys
    finally:
        from PySide6.QtCore import QCoreApplication

        from desktop_app.ui.resources import install_translator

        install_translator(QCoreApplication.instance(), "en")  # the next tests read English


def test_one_job_is_counted_in_the_singular(demo_db, capsys):
    assert main(["--database", demo_db, "jobs", "--limit", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "(1 job)"


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--database", "sqlite:////tmp/a.db"],
        ["--data", "x"],  # an abbreviation, as the full parser allows
        ["--database=postgresql://counter@db/shop", "--read-only"],
        ["-v", "--use-empty-file", "--database", "y"],
    ],
)
def test_the_window_start_is_read_as_the_full_parser_reads_it(argv, monkeypatch):
    """The window's start skips building every subcommand's parser, and gets the same."""
    built: list[bool] = []
    real = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: built.append(True) or real())
    found = cli.parse_arguments(argv)
    assert built == []  # the subcommands were not built
    assert vars(found) == vars(real().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [["--database"], ["--bogus"], ["-h"], ["window", "--nope"], ["--database", "x", "jobs", "-h"]],
)
def test_anything_else_gets_the_full_parser_and_its_words(argv, capsys):
    with pytest.raises(SystemExit) as ended:
        cli.build_parser().parse_args(argv)
    expected = (ended.value.code, capsys.readouterr())
    with pytest.raises(SystemExit) as ended:
        cli.parse_arguments(argv)
    assert (ended.value.code, capsys.readouterr()) == expected


def test_a_subcommand_is_read_by_the_full_parser():
    found = cli.parse_arguments(["--database", "x", "jobs", "--status", "received"])
    assert found.command == "jobs" and found.database == "x"
