"""`repair-counter takings`: the day's takings as a table, JSON in integer cents, or a PDF; a
bad date named in one line (exit 2), never a traceback; a clerk gets their own takings."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, add_user
from tests.receipts.pdfs import pdftotext, squeeze
from tests.takings_builder import add_job, pay


@pytest.fixture
def url(services: Services, sqlite_url: str, clock) -> str:
    clock.now = datetime(2026, 11, 30, 9, 0)
    manager = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    zhao = add_user(services, "zhao", "赵敏", Role.CLERK)
    job, _ = add_job(services, clerk)
    pay(
        services,
        job,
        clerk,
        PaymentKind.DEPOSIT,
        PaymentMethod.CASH,
        10_000,
        datetime(2026, 11, 30, 0, 0, 0),
    )
    pay(
        services,
        job,
        clerk,
        PaymentKind.PAYMENT,
        PaymentMethod.CASH,
        25_050,
        datetime(2026, 11, 30, 15),
        tendered_cents=30_000,
    )
    pay(
        services,
        job,
        zhao,
        PaymentKind.PAYMENT,
        PaymentMethod.WECHAT,
        8_800,
        datetime(2026, 11, 30, 23, 59, 59),
        workstation="counter-2",
    )
    pay(
        services,
        job,
        manager,
        PaymentKind.REFUND,
        PaymentMethod.CASH,
        1_000,
        datetime(2026, 12, 1, 0, 0, 0),
    )
    return sqlite_url


def run(monkeypatch, url: str, *options: str, user: str = "manager") -> int:
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return main(["--database", url, "takings", *options, "--user", user, "--password-stdin"])


def test_json_in_integer_cents_with_stable_keys(url, capsys, monkeypatch):
    assert run(monkeypatch, url, "--date", "2026-11-30", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == [
        "shop",
        "date",
        "from",
        "to",
        "workstation",
        "clerk",
        "generated_at",
        "currency",
        "amounts_in",
        "total",
        "per_workstation",
        "per_clerk",
        "drawer_counts",
        "lines",
    ]
    total = data["total"]
    assert total["by_method"]["cash"] == {
        "payments": 25_050,
        "deposits": 10_000,
        "refunds": 0,
        "net": 35_050,
    }
    assert total["by_method"]["wechat"]["net"] == 8_800
    assert total["expected_cash"] == 35_050 and total["net"] == 43_850
    assert isinstance(total["net"], int)
    assert [line["at"] for line in data["lines"]] == [
        "2026-11-30T00:00:00",
        "2026-11-30T15:00:00",
        "2026-11-30T23:59:59",
    ]
    assert data["lines"][1]["tendered"] == 30_000 and data["lines"][1]["change"] == 4_950
    assert [g["workstation"] for g in data["per_workstation"]] == ["counter-1", "counter-2"]


def test_the_next_day_and_a_workstation(url, capsys, monkeypatch):
    assert run(monkeypatch, url, "--date", "2026-12-01", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)["total"]["refunds"] == 1_000
    assert (
        run(
            monkeypatch,
            url,
            "--date",
            "2026-11-30",
            "--workstation",
            "counter-2",
            "--format",
            "json",
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["total"]["net"] == 8_800


def test_the_table(url, capsys, monkeypatch):
    assert run(monkeypatch, url, "--date", "2026-11-30") == 0
    out = capsys.readouterr().out
    for expected in (
        "Day's takings 2026-11-30",
        "Cash",
        "¥350.50",
        "WeChat Pay",
        "¥88.00",
        "Expected cash: ¥350.50",
        "王晓红",
        "赵敏",
        "counter-2",
        "23:59:59",
    ):
        assert expected in out, expected


def test_a_clerk_sees_their_own(url, capsys, monkeypatch):
    assert run(monkeypatch, url, "--date", "2026-11-30", "--format", "json", user="zhao") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["clerk"] == "zhao" and data["total"]["net"] == 8_800
    assert run(monkeypatch, url, "--date", "2026-11-30", "--clerk", "clerk", user="zhao") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "may not" in err


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (("--date", "2026-13-01"), "--date"),
        (("--date", "yesterday"), "--date"),
        (("--date", "9999-12-31"), "--date"),
        (("--date", "2026-11-30", "--from", "25:00"), "--from"),
        (("--date", "2026-11-30", "--from", "14:00", "--to", "08:00"), "--to"),
        (("--date", "2026-11-30", "--clerk", "nobody"), "--clerk"),
        (("--date", "2026-11-30", "-o", "out.txt"), "--output"),
    ],
)
def test_a_mistake_is_one_line_naming_the_option(url, capsys, monkeypatch, options, named):
    assert run(monkeypatch, url, *options) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and named in captured.err
    assert "Traceback" not in captured.err


def test_without_user_it_says_so(url, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--database", url, "takings", "--date", "2026-11-30"]) == 2
    assert "--user" in capsys.readouterr().err


def test_a_pdf(url, capsys, monkeypatch, tmp_path: Path):
    target = tmp_path / "takings.pdf"
    assert run(monkeypatch, url, "--date", "2026-11-30", "-o", str(target), "--paper", "80mm") == 0
    assert capsys.readouterr().out.strip() == str(target)
    flat = squeeze(pdftotext(target.read_bytes()))
    assert "¥350.50" in flat and "¥88.00" in flat
    theirs = tmp_path / "theirs.pdf"
    theirs.write_bytes(b"%PDF-1.4 not ours")
    assert run(monkeypatch, url, "--date", "2026-11-30", "-o", str(theirs)) == 2
    assert theirs.read_bytes() == b"%PDF-1.4 not ours"
    assert "Traceback" not in capsys.readouterr().err
