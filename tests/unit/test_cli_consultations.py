"""`repair-counter consultations`: the log in three formats, phones masked, CSV for Excel."""

from __future__ import annotations

import csv
import io
import json

import pytest

import desktop_app.admin
from desktop_app.cli import main
from tests.helpers import FAST_PASSWORDS, PASSWORD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('consultations')}/demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        argv = ["demo", "--jobs", "200", "--months", "1", "--seed", "5", "--staff-password-stdin"]
        assert main(["--database", url, *argv]) == 0
    return url


def test_json_lists_every_consultation_with_masked_phones(demo_db, capsys):
    assert main(["--database", demo_db, "consultations", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert len(records) >= 12
    assert all("****" in r["phone"] and len(r["phone"]) == 11 for r in records)
    assert {r["state"] for r in records} == {"answered", "callback_due", "called_back", "converted"}
    assert all(r["job"].startswith("R") for r in records if r["state"] == "converted")
    assert any(r["overdue"] for r in records)
    assert [r["received_at"] for r in records] == sorted(
        (r["received_at"] for r in records), reverse=True
    )


def test_open_lists_only_those_waiting_for_a_callback(demo_db, capsys):
    assert main(["--database", demo_db, "consultations", "--open", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and {r["state"] for r in records} == {"callback_due"}


def test_csv_has_a_bom_and_reads_back(demo_db, capsys):
    assert main(["--database", demo_db, "consultations", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffnumber,received_at,channel,phone")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows and all("****" in row["phone"] for row in rows)
    assert all(row["number"].startswith("ZX") for row in rows)


def test_table_is_in_the_shops_language(demo_db, capsys):
    from dataclasses import replace

    from desktop_app.data.db import open_database
    from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
    from desktop_app.services import Services

    assert main(["--database", demo_db, "consultations"]) == 0
    english = capsys.readouterr().out
    assert english.splitlines()[-1].endswith(" consultations)")
    database = open_database(demo_db)
    try:
        services = Services.build(database, calendars=PACKAGE_CALENDARS, passwords=FAST_PASSWORDS)
        manager = services.auth.sign_in("manager", PASSWORD)
        services.shop.save_settings(replace(services.shop.settings(), language="zh_CN"), manager)
        assert main(["--database", demo_db, "consultations"]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].split()[:4] == ["咨询编号", "受理时间", "渠道", "电话"]
        assert lines[-1].startswith("（共 ") and lines[-1].endswith(" 条咨询）")
        assert any("热线电话" in line for line in lines)
        assert any("回电已超时" in line for line in lines)
        for word in ("callback", "Hotline", "answered", "became", "consultation"):
            assert all(word not in line for line in lines), word
    finally:
        services.shop.save_settings(replace(services.shop.settings(), language=""), manager)
        database.dispose()


def test_a_search_with_a_nul_finds_nothing_and_bad_options_exit_2(demo_db, capsys):
    assert (
        main(["--database", demo_db, "consultations", "--search", "\x00", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out) == []
    with pytest.raises(SystemExit) as exited:
        main(["--database", demo_db, "consultations", "--format", "xml"])
    assert exited.value.code == 2
