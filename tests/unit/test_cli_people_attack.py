"""Adversary (people, command line): what scripts pipe into `--password-stdin`, and what the
commands say back. Every refusal is exit status 2 with a message, never a traceback."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.data.db import open_database
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, add_user


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)


@pytest.fixture
def url(sqlite_url: str) -> Iterator[str]:
    """A database with a manager (`manager`) and a clerk (`clerk`), both with the test
    password."""
    database = open_database(sqlite_url)
    services = Services.build(database, passwords=FAST_PASSWORDS, workstation="test-counter")
    actor(services)
    add_user(services, "clerk", "王晓红", Role.CLERK)
    database.dispose()
    return sqlite_url


def run_bytes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, url: str, stdin: bytes,
    errors: str, *argv: str,
) -> tuple[int, str, str]:  # fmt: skip
    """The command with standard input as Python opens it: UTF-8, strict in a UTF-8 locale and
    surrogateescape in the C locale."""
    wrapper = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors=errors)
    monkeypatch.setattr("sys.stdin", wrapper)
    status = main(["--database", url, *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


LIST = ("users", "list", "--user", "manager", "--password-stdin")
ADD = ("users", "add", "newbie", "--role", "clerk", "--display-name", "新人", "--user", "manager",
       "--password-stdin")  # fmt: skip


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_a_manager_password_that_is_not_utf8_is_refused_with_exit_2(
    url, monkeypatch, capsys, errors
):
    status, out, err = run_bytes(monkeypatch, capsys, url, b"secr\xffet-pass\n", errors, *LIST)
    assert status == 2 and out == ""
    assert err.startswith("repair-counter: ") and err.count("\n") == 1
    assert "Traceback" not in err and "secr" not in err


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
def test_a_new_password_that_is_not_utf8_is_refused_and_nobody_added(
    url, monkeypatch, capsys, errors
):
    stdin = PASSWORD.encode() + b"\nnew\xffpassword\n"
    status, out, err = run_bytes(monkeypatch, capsys, url, stdin, errors, *ADD)
    assert status == 2 and "Traceback" not in err and "newbie" not in out
    database = open_database(url)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS)
        assert services.users.by_username("newbie") is None
    finally:
        database.dispose()


# --- the demo on a real shop ----------------------------------------------------------------------


def demo(monkeypatch, capsys, url: str, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--database", url, "demo", "--jobs", "1", "--months", "1", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def managers(url: str) -> list[str]:
    database = open_database(url)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS)
        return [u.username for u in services.users.list(Role.MANAGER)]
    finally:
        database.dispose()


def test_a_clerk_cannot_make_themselves_a_manager_with_the_demo(url, monkeypatch, capsys):
    """`demo --staff-password-stdin` on a shop set up already added a manager account with the
    password the caller chose, no credentials asked: anyone at the counter PC became a
    manager. On a set-up shop it now asks a manager's credentials, like `users add`."""
    chosen = "i-am-the-boss-now"
    for argv, stdin in (
        (("--staff-password-stdin",), chosen + "\n"),
        (("--user", "clerk", "--password-stdin", "--staff-password-stdin"),
         f"{PASSWORD}\n{chosen}\n"),
        (("--user", "manager", "--password-stdin", "--staff-password-stdin"),
         f"wrong-password\n{chosen}\n"),
    ):  # fmt: skip
        status, out, err = demo(monkeypatch, capsys, url, *argv, stdin=stdin)
        assert status == 2 and chosen not in out + err and "Traceback" not in err, err
        assert managers(url) == ["manager"]
    status, out, err = demo(
        monkeypatch, capsys, url, "--user", "manager", "--password-stdin",
        "--staff-password-stdin", stdin=f"{PASSWORD}\n{chosen}\n",
    )  # fmt: skip
    assert status == 0, err
    assert "manager2" in managers(url) and f"password (the same for each): {chosen}" in out


def test_the_demo_on_an_old_database_waits_for_its_manager_password(
    sqlite_url, monkeypatch, capsys
):
    """A database with work and nobody with a password yet: its own manager chooses a password
    first (in the window); the demo does not hand out a manager account before that."""
    from sqlalchemy import text

    from tests.helpers import check_in_form

    database = open_database(sqlite_url)
    services = Services.build(database, passwords=FAST_PASSWORDS)
    services.jobs.check_in(check_in_form(), actor(services))
    with database.write() as session:
        session.execute(text("UPDATE users SET password_hash = NULL"))
    database.dispose()
    status, _out, err = demo(monkeypatch, capsys, sqlite_url)
    assert status == 2 and "password" in err and "Traceback" not in err
    assert managers(sqlite_url) == ["manager"]
