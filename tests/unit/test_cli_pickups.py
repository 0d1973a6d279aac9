"""`repair-counter pickups`: the devices not collected in three formats, phones masked, the
reminders from the demo's messages, the shop's days, the table in the shop's language."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.data.db import open_database
from desktop_app.domain.messages import MessageChannel, MessageForm, MessageTemplate
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('pickups')}/demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        argv = ["demo", "--jobs", "600", "--months", "3", "--seed", "5", "--staff-password-stdin"]
        assert main(["--database", url, *argv]) == 0
    return url


def save_shop(url: str, **changes) -> None:
    database = open_database(url)
    try:
        services = Services.build(database, calendars=PACKAGE_CALENDARS, passwords=FAST_PASSWORDS)
        manager = services.auth.sign_in("manager", PASSWORD)
        services.shop.save_settings(replace(services.shop.settings(), **changes), manager)
    finally:
        database.dispose()


def records(url: str, capsys) -> list[dict]:
    assert main(["--database", url, "pickups", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def tell_one(url: str, number: str) -> None:
    """The demo tells a random share of the waiting customers, so on some days none of those
    waiting a week: one is told then, as a clerk does it (the service records the message)."""
    database = open_database(url)
    try:
        services = Services.build(database, calendars=PACKAGE_CALENDARS, passwords=FAST_PASSWORDS)
        manager = services.auth.sign_in("manager", PASSWORD)
        job = services.jobs.find_by_number(number)
        assert job is not None
        text = services.pickup.compose(job.id, MessageTemplate.READY, manager)
        form = MessageForm(MessageTemplate.READY, MessageChannel.SMS, text)
        services.pickup.record(job.id, form, manager)
    finally:
        database.dispose()


def test_json_lists_the_devices_waiting_the_shops_days(demo_db, capsys):
    save_shop(demo_db, pickup_after_days=7, language="")
    found = records(demo_db, capsys)
    if found and not any(r["reminders"] for r in found):  # checked under faketime, 2027-03-15
        tell_one(demo_db, found[0]["number"])
        found = records(demo_db, capsys)
    assert found and all(r["days_waiting"] >= 7 for r in found)
    assert all("****" in r["phone"] and len(r["phone"]) == 11 for r in found)
    assert [r["ready_at"] for r in found] == sorted(r["ready_at"] for r in found)
    told = [r for r in found if r["reminders"]]
    assert told and all(r["last_reminder_at"] > r["ready_at"] for r in told)
    assert all(r["last_reminder_at"] == "" for r in found if not r["reminders"])
    save_shop(demo_db, pickup_after_days=1)
    more = records(demo_db, capsys)
    assert len(more) > len(found) and min(r["days_waiting"] for r in more) >= 1


def test_csv_has_a_bom_and_reads_back(demo_db, capsys):
    assert main(["--database", demo_db, "pickups", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffnumber,ready_at,days_waiting,customer,phone")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows and all("****" in row["phone"] for row in rows)
    assert all(row["number"].startswith("R") for row in rows)


def test_table_is_in_the_shops_language(demo_db, capsys):
    save_shop(demo_db, language="")
    assert main(["--database", demo_db, "pickups"]) == 0
    english = capsys.readouterr().out
    assert english.splitlines()[0].startswith("job number")
    assert english.splitlines()[-1].endswith("waiting for pickup)")
    save_shop(demo_db, language="zh_CN")
    assert main(["--database", demo_db, "pickups"]) == 0
    chinese = capsys.readouterr().out
    assert chinese.splitlines()[0].startswith("工单号") and "待取" in chinese.splitlines()[-1]


def test_a_file_that_is_no_database_is_one_line(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all, just some words " * 200)
    url = f"sqlite:///{path}"
    assert main(["--database", url, "pickups"]) != 0
    err = capsys.readouterr().err
    assert err.startswith("repair-counter:") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
