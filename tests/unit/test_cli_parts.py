"""`repair-counter parts`: list without credentials (table, CSV with a byte-order mark, JSON in
integer cents), add/edit/deactivate/activate as a manager; every refusal one line naming the
option and the rule (exit 2), nothing written, never a traceback; a stale edit refused."""

from __future__ import annotations

import csv
import io
import json

import pytest

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.domain.parts import MAX_STOCK, PART_MODELS, PART_NAME, PART_NUMBER, PartForm
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.parts import PartService
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, add_user, check_in_form

SCREEN = PartForm("屏幕总成", "HW-LCD-M60P", ("Mate 60 Pro", "Mate 60"), 89_900, 5)
CAPACITOR = PartForm("启动电容", "GR-CAP-35", ("云佳 KFR-26GW",), 4_500, 20)
BATTERY = PartForm("电池", "HW-BAT-P70", ("P70",), 19_900, 0)


@pytest.fixture
def url(services: Services, sqlite_url: str) -> str:
    manager = actor(services)
    add_user(services, "clerk", "王晓红", Role.CLERK)
    add_user(services, "tech", "李建国", Role.TECHNICIAN)
    for form in (SCREEN, CAPACITOR, BATTERY):
        services.parts.add(form, manager)
    old = services.parts.add(PartForm("主板", "HW-MB-M40", ("Mate 40",), 99_000, 1), manager)
    services.parts.set_active(old.id, False, manager)
    return sqlite_url


def run(monkeypatch, capsys, url: str, *argv: str, user: str | None = "manager"):
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    credentials = ("--user", user, "--password-stdin") if user else ()
    status = main(["--database", url, "parts", *argv, *credentials])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def refused(result: tuple[int, str, str], *words: str) -> str:
    """Exit 2, one line on standard error naming what was refused, nothing on standard out."""
    status, out, err = result
    assert status == 2, err
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("repair-counter: "), err
    for word in words:
        assert word in err, err
    return err


def catalogue(services: Services) -> list[tuple]:
    return [
        (p.part_number, p.name, p.models, p.unit_price_cents, p.stock, p.active, p.version)
        for p in services.parts.list()
    ]


# --- list --------------------------------------------------------------------------------------


def test_list_needs_no_credentials_and_leaves_deactivated_parts_out(url, monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, url, "list", user=None)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["part", "number"]
    assert [line.split()[0] for line in lines[1:-1]] == ["GR-CAP-35", "HW-LCD-M60P", "HW-BAT-P70"]
    assert "899.00" in out and "Mate 60 Pro, Mate 60" in out
    assert lines[-1] == "(3 parts)" and "HW-MB-M40" not in out
    status, out, _ = run(monkeypatch, capsys, url, "list", "--inactive", user=None)
    assert "HW-MB-M40" in out and "deactivated" in out and out.endswith("(4 parts)\n")


def test_list_json_has_stable_keys_and_prices_in_integer_cents(url, monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, url, "list", "--format", "json", user=None)
    assert status == 0
    parts = json.loads(out)
    assert [list(p) for p in parts] == [
        [
            "id",
            "part_number",
            "name",
            "models",
            "unit_price_cents",
            "stock",
            "active",
            "version",
            "updated_at",
        ]
    ] * 3
    screen = next(p for p in parts if p["part_number"] == "HW-LCD-M60P")
    assert screen["unit_price_cents"] == 89_900 and screen["models"] == ["Mate 60 Pro", "Mate 60"]
    assert (screen["stock"], screen["active"], screen["version"]) == (5, True, 1)


def test_list_csv_starts_with_a_byte_order_mark_and_gives_yuan(url, monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, url, "list", "--format", "csv", user=None)
    assert status == 0 and out.startswith("\ufeffid,part_number,name,models,unit_price,")
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    screen = next(r for r in rows if r["part_number"] == "HW-LCD-M60P")
    assert (screen["name"], screen["models"], screen["unit_price"]) == (
        "屏幕总成",
        "Mate 60 Pro, Mate 60",
        "899.00",
    )


def test_list_for_a_model_puts_the_fitting_parts_first_or_lists_only_them(url, monkeypatch, capsys):
    argv = ("list", "--model", "ｍａｔｅ　60", "--format", "json")
    _status, out, _ = run(monkeypatch, capsys, url, *argv, user=None)
    parts = json.loads(out)
    assert [(p["part_number"], p["fits"]) for p in parts] == [
        ("HW-LCD-M60P", True),
        ("GR-CAP-35", False),
        ("HW-BAT-P70", False),
    ]
    _, out, _ = run(monkeypatch, capsys, url, *argv, "--fitting-only", user=None)
    assert [p["part_number"] for p in json.loads(out)] == ["HW-LCD-M60P"]
    # A search: every word in the name, number or models.
    _, out, _ = run(monkeypatch, capsys, url, "list", "kfr", "--format", "json", user=None)
    assert [p["part_number"] for p in json.loads(out)] == ["GR-CAP-35"]
    refused(
        run(monkeypatch, capsys, url, "list", "--fitting-only", user=None),
        "--fitting-only",
        "--model",
    )


# --- add ---------------------------------------------------------------------------------------


def test_add_takes_repeated_and_comma_separated_models_and_the_price_exactly(
    url, services, monkeypatch, capsys
):
    argv = (
        "add", "--name", " 后摄像头模组 ", "--number", "HW-CAM-P70", "--model", "P70",
        "--model", "P70 Pro，P70 Art, P70", "--price", "320.1", "--stock", "3",
        "--format", "json",
    )  # fmt: skip
    status, out, err = run(monkeypatch, capsys, url, *argv)
    assert (status, err) == (0, "")
    (added,) = json.loads(out)
    assert added["models"] == ["P70", "P70 Pro", "P70 Art"]
    assert (added["name"], added["unit_price_cents"], added["stock"]) == ("后摄像头模组", 32_010, 3)
    found = services.parts.find_by_number("hw-cam-p70")
    assert found is not None and found.unit_price_cents == 32_010
    # The table form says what was done.
    status, out, _ = run(
        monkeypatch, capsys, url, "add", "--name", "电池", "--number", "MI-BAT-14",
        "--model", "Xiaomi 14", "--price", "¥199",
    )  # fmt: skip
    assert status == 0 and out.startswith("added MI-BAT-14 (电池), version 1\n")
    assert services.parts.find_by_number("MI-BAT-14").stock == 0  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("option", "value", "rule"),
    [
        ("--price", "12.345", "at most two decimals"),
        ("--price", "-1", "must not be negative"),
        ("--price", "12,5元", "must be an amount in yuan"),
        ("--price", "1000000.01", "must be at most 1000000.00"),
        ("--price", "", "is required"),
        ("--stock", str(MAX_STOCK + 1), f"from 0 to {MAX_STOCK}"),
        ("--stock", "-1", f"from 0 to {MAX_STOCK}"),
        ("--stock", "1.5", "whole number"),
        ("--stock", "３", "whole number"),
        ("--name", "x" * (PART_NAME + 1), f"at most {PART_NAME}"),
        ("--name", "   ", "is required"),
        ("--name", "屏幕\x07总成", "control"),
        ("--number", "N" * (PART_NUMBER + 1), f"at most {PART_NUMBER}"),
        ("--number", "", "is required"),
        ("--model", ",".join(f"M{n}" for n in range(PART_MODELS + 1)), f"at most {PART_MODELS}"),
        ("--model", "M" * 121, "at most 120"),
        ("--model", " ，、 ", "at least one model"),
    ],
)
def test_add_refuses_past_each_limit_in_one_line_and_writes_nothing(
    url, services, monkeypatch, capsys, option, value, rule
):
    before = catalogue(services)
    values = {
        "--name": "屏幕总成",
        "--number": "HW-LCD-P70",
        "--model": "P70",
        "--price": "680",
        "--stock": "2",
    }
    values[option] = value
    argv = [item for pair in values.items() for item in pair]
    refused(run(monkeypatch, capsys, url, "add", *argv), "nothing was changed", option, rule)
    assert catalogue(services) == before


def test_add_at_each_limit_is_taken(url, services, monkeypatch, capsys):
    argv = (
        "add", "--name", "名" * PART_NAME, "--number", "N" * PART_NUMBER,
        "--model", ",".join(f"M{n}" for n in range(PART_MODELS - 1)), "--model", "M" * 120,
        "--price", "1,000,000.00", "--stock", str(MAX_STOCK), "--format", "json",
    )  # fmt: skip
    status, out, err = run(monkeypatch, capsys, url, *argv)
    assert (status, err) == (0, "")
    (added,) = json.loads(out)
    assert (added["unit_price_cents"], added["stock"], len(added["models"])) == (
        100_000_000,
        MAX_STOCK,
        PART_MODELS,
    )


def test_several_bad_options_are_named_on_one_line(url, services, monkeypatch, capsys):
    before = catalogue(services)
    err = refused(
        run(monkeypatch, capsys, url, "add", "--number", "X-1", "--price", "1.001", "--stock", "x")
    )
    assert "--price: must have at most two decimals" in err and "--stock:" in err
    assert "--name: is required" in err and "--model:" in err
    assert catalogue(services) == before


def test_a_duplicate_part_number_is_refused_whatever_its_case_or_width(
    url, services, monkeypatch, capsys
):
    before = catalogue(services)
    argv = ("add", "--name", "屏幕", "--number", "ｈｗ-lcd-m60p", "--model", "P70", "--price", "1")
    refused(
        run(monkeypatch, capsys, url, *argv), "--number", "already in the catalogue", "屏幕总成"
    )
    # Renaming another part to that number is refused the same way.
    argv = ("edit", "HW-BAT-P70", "--number", "hw-lcd-M60P")
    refused(run(monkeypatch, capsys, url, *argv), "--number", "already in the catalogue")
    assert catalogue(services) == before


def test_a_clerk_or_a_technician_is_refused_and_nothing_is_written(
    url, services, monkeypatch, capsys
):
    before = catalogue(services)
    argv = ("add", "--name", "电池", "--number", "X-2", "--model", "P70", "--price", "1")
    for who, role in (("clerk", "clerk"), ("tech", "technician")):
        refused(run(monkeypatch, capsys, url, *argv, user=who), f"a {role} may not", "manager")
        refused(run(monkeypatch, capsys, url, "deactivate", "GR-CAP-35", user=who), "may not")
    refused(run(monkeypatch, capsys, url, *argv, user=None), "manager's credentials", "--user")
    assert catalogue(services) == before


# --- edit, deactivate, activate ----------------------------------------------------------------


def test_edit_changes_only_the_options_given(url, services, monkeypatch, capsys):
    argv = ("edit", "hw-lcd-m60p", "--price", "850", "--model", "Mate 60 Pro", "--format", "json")
    status, out, err = run(monkeypatch, capsys, url, *argv)
    assert (status, err) == (0, "")
    (changed,) = json.loads(out)
    assert (changed["name"], changed["models"], changed["unit_price_cents"]) == (
        "屏幕总成",
        ["Mate 60 Pro"],
        85_000,
    )
    assert (changed["stock"], changed["active"], changed["version"]) == (5, True, 2)
    status, out, _ = run(monkeypatch, capsys, url, "edit", "HW-LCD-M60P", "--stock", "0")
    assert status == 0 and "changed HW-LCD-M60P (屏幕总成), version 3" in out
    assert services.parts.find_by_number("HW-LCD-M60P").stock == 0  # type: ignore[union-attr]


def test_edit_refuses_bad_options_before_asking_anything(url, services, monkeypatch, capsys):
    before = catalogue(services)
    refused(run(monkeypatch, capsys, url, "edit", "HW-LCD-M60P", "--name", ""), "--name")
    refused(run(monkeypatch, capsys, url, "edit", "HW-LCD-M60P", "--model", "，"), "--model")
    for version in ("0", "x", "-1", str(2**63)):
        argv = ("edit", "HW-LCD-M60P", "--stock", "1", "--expected-version", version)
        refused(run(monkeypatch, capsys, url, *argv), "--expected-version")
    refused(run(monkeypatch, capsys, url, "edit", "NO-SUCH", "--stock", "1"), "no part", "NO-SUCH")
    assert catalogue(services) == before


def test_an_edit_on_an_old_reading_is_refused(url, services, monkeypatch, capsys):
    """The script read version 1; a job took one from stock since: the count typed on the old
    reading does not overwrite the newer one."""
    _, out, _ = run(monkeypatch, capsys, url, "list", "--format", "json", user=None)
    read = next(p for p in json.loads(out) if p["part_number"] == "HW-LCD-M60P")
    technician = actor(services, "tech")
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, technician)
    services.jobs.add_line(
        job.id,
        technician,
        kind="part",
        description="屏幕总成",
        quantity=1,
        unit_price_cents=89_900,
        part_id=read["id"],
        expected_version=job.version,
    )
    before = catalogue(services)
    argv = ("edit", "HW-LCD-M60P", "--stock", "9", "--expected-version", str(read["version"]))
    refused(run(monkeypatch, capsys, url, *argv), "nothing was changed", "changed meanwhile")
    refused(
        run(monkeypatch, capsys, url, "deactivate", "HW-LCD-M60P", "--expected-version", "1"),
        "changed meanwhile",
    )
    assert catalogue(services) == before
    assert services.parts.find_by_number("HW-LCD-M60P").stock == 4  # type: ignore[union-attr]


def test_a_change_between_the_edits_reading_and_its_writing_is_refused(
    url, services, monkeypatch, capsys
):
    """Without --expected-version the edit reads and writes in one go: another manager's edit
    landing in between is refused, not overwritten."""
    real = PartService.find_by_number
    manager = actor(services)

    def read_then_someone_edits(self, number):
        found = real(self, number)
        services.parts.edit(found.id, SCREEN, manager)  # the same values: version 2
        return found

    monkeypatch.setattr(PartService, "find_by_number", read_then_someone_edits)
    err = refused(
        run(monkeypatch, capsys, url, "edit", "HW-LCD-M60P", "--stock", "1"), "changed meanwhile"
    )
    assert "nothing was changed" in err
    monkeypatch.setattr(PartService, "find_by_number", real)
    part = services.parts.find_by_number("HW-LCD-M60P")
    assert part is not None and part.stock == 5 and part.version == 2


def test_deactivate_and_activate(url, services, monkeypatch, capsys):
    status, out, _ = run(monkeypatch, capsys, url, "deactivate", "gr-cap-35")
    assert status == 0 and out.startswith("deactivated GR-CAP-35 (启动电容)")
    _, out, _ = run(monkeypatch, capsys, url, "list", user=None)
    assert "GR-CAP-35" not in out
    status, out, _ = run(monkeypatch, capsys, url, "activate", "GR-CAP-35", "--format", "json")
    (part,) = json.loads(out)
    assert (status, part["active"], part["stock"], part["version"]) == (0, True, 20, 3)


def test_list_csv_never_hands_a_spreadsheet_a_formula(services, url, monkeypatch, capsys):
    """Fails without the fix: a part named "=HYPERLINK(…)" went into the CSV as is, and a
    spreadsheet opening it ran it (the job list's export quote-prefixes such cells)."""
    hostile = PartForm('=HYPERLINK("http://x","屏")', "+PN-1", ("@Mate 60", "-P60"), 1_200, 1)
    services.parts.add(hostile, actor(services))
    status, out, _ = run(monkeypatch, capsys, url, "list", "--format", "csv", user=None)
    assert status == 0
    row = next(r for r in csv.DictReader(io.StringIO(out[1:])) if "PN-1" in r["part_number"])
    assert row["name"] == '\'=HYPERLINK("http://x","屏")'
    assert row["part_number"] == "'+PN-1"
    assert row["models"] == "'@Mate 60, -P60"
    # JSON is for programs: the values as they are.
    _, out, _ = run(monkeypatch, capsys, url, "list", "PN-1", "--format", "json", user=None)
    assert json.loads(out)[0]["name"] == hostile.name
