"""`repair-counter demo`: its staff sign in with the one password it prints, as every role; a new
database gets a demonstration shop whose receipts print; a shop set up already is left alone."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.data.db import open_database
from desktop_app.data.models import StaffEvent
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.people import NotSignedIn, SignInState
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.services import Services
from desktop_app.services.demo_staff import _ALPHABET, DEMO_SHOP_HOTLINE, demo_password
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, database_of


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)


@pytest.fixture
def opened(database_url: str) -> Iterator[Services]:
    assert main(["--database", database_url, "migrate"]) == 0
    database = open_database(database_url)
    yield Services.build(database, passwords=FAST_PASSWORDS)
    database.dispose()


def demo(url: str, capsys, monkeypatch, *extra: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--database", url, "demo", "--jobs", "30", "--months", "1", *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# A shop set up already: the demo adds a manager, which takes a manager's credentials.
AS_MANAGER = ("--user", "manager", "--password-stdin")


def printed_password(out: str) -> str:
    found = re.findall(r"^password \(the same for each\): (\S+)$", out, re.MULTILINE)
    assert len(found) == 1, out
    return found[0]


def printed_accounts(out: str) -> dict[str, tuple[str, str]]:
    """username: (role, display name), from the table after "sign in as any of these:"."""
    lines = out.split("sign in as any of these:\n", 1)[1].splitlines()
    assert lines[0].split() == ["role", "username", "display", "name"]
    accounts = {}
    for line in lines[1:]:
        if line.startswith(("password", "already")):
            break
        role, username, name = line.split()
        accounts[username] = (role, name)
    return accounts


def test_a_new_database_gets_a_shop_and_staff_who_sign_in_as_every_role(
    database_url, opened, capsys, monkeypatch, tmp_path: Path
):
    assert opened.auth.state() is SignInState.NEEDS_SETUP
    status, out, err = demo(database_url, capsys, monkeypatch)
    assert status == 0, err
    password = printed_password(out)
    assert len(password) >= 8
    accounts = printed_accounts(out)
    assert {role for role, _name in accounts.values()} == {"clerk", "technician", "manager"}
    assert accounts["manager"] == ("manager", "店长")  # the seeded account, now the demo's
    for username, (role, name) in accounts.items():
        signed_in = opened.auth.sign_in(username, password)
        assert (signed_in.role.value, signed_in.display_name) == (role, name)
        assert not signed_in.must_change_password
        opened.auth.sign_out(signed_in)
    assert opened.auth.state() is SignInState.READY

    shop = opened.shop.settings()
    assert shop.name.strip() and shop.address.strip() and shop.hotline == DEMO_SHOP_HOTLINE
    assert "demonstration shop set up" in out
    # ... so its receipts print.
    number = opened.jobs.search(JobQuery(), limit=1).rows[0].number
    receipt = tmp_path / "r.pdf"
    assert main(["--database", database_url, "receipt", number, "-o", str(receipt)]) == 0
    assert receipt.read_bytes().startswith(b"%PDF")

    # The record says the demo added them, with nobody signed in.
    with database_of(opened).read() as session:
        added = session.scalars(
            select(StaffEvent).where(StaffEvent.kind == StaffEventKind.USER_ADDED.value)
        ).all()
    assert len(added) == len(accounts) - 1 and all(e.actor_id is None for e in added)


def test_a_shop_set_up_already_and_its_people_are_left_alone(
    database_url, opened, capsys, monkeypatch
):
    before = opened.shop.settings()
    actor(opened)  # the shop's own manager chose a password: the database is set up
    status, out, _err = demo(database_url, capsys, monkeypatch, *AS_MANAGER, stdin=PASSWORD)
    assert status == 0
    assert opened.shop.settings() == before
    assert "demonstration shop" not in out
    password = printed_password(out)
    accounts = printed_accounts(out)
    assert "manager" not in accounts
    assert {role for role, _name in accounts.values()} == {"clerk", "technician", "manager"}
    opened.auth.sign_in("manager", PASSWORD)  # the owner's password still opens it
    with pytest.raises(NotSignedIn):
        opened.auth.sign_in("manager", password)
    for username in accounts:
        opened.auth.sign_in(username, password)

    # Run again: the demo's accounts have a password now and keep it; none is printed.
    status, out, _err = demo(database_url, capsys, monkeypatch, *AS_MANAGER, stdin=PASSWORD)
    assert status == 0
    assert "password (the same for each)" not in out
    assert "already there with a password of their own (unchanged): clerk1" in out
    for username in accounts:
        opened.auth.sign_in(username, password)


def test_a_chosen_password_on_standard_input(database_url, opened, capsys, monkeypatch):
    chosen = "try-the-counter-1"
    status, out, _err = demo(database_url, capsys, monkeypatch, "--staff-password-stdin",
                             stdin=chosen + "\n")  # fmt: skip
    assert status == 0 and printed_password(out) == chosen
    assert opened.auth.sign_in("tech1", chosen).role is Role.TECHNICIAN


def test_a_short_chosen_password_is_refused_and_nothing_is_written(
    database_url, opened, capsys, monkeypatch
):
    status, out, err = demo(database_url, capsys, monkeypatch, "--staff-password-stdin",
                            stdin="short\n")  # fmt: skip
    assert (status, out) == (2, "")
    assert "--staff-password-stdin: must be at least 8 characters" in err
    assert opened.auth.state() is SignInState.NEEDS_SETUP
    assert opened.users.by_username("clerk1") is None
    assert opened.jobs.search(JobQuery()).rows == ()


def test_the_generated_password_is_readable_and_random():
    passwords = {demo_password() for _ in range(50)}
    assert len(passwords) == 50
    for password in passwords:
        assert re.fullmatch(rf"[{_ALPHABET}]{{5}}-[{_ALPHABET}]{{5}}", password)
        assert not set(password) & set("0O1lI")
