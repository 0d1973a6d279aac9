"""The command line's people: `setup`, `users …` and `jobs --full-phone`, run in-process on
SQLite and PostgreSQL, without credentials, with a clerk's and with a manager's."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.data.db import open_database
from desktop_app.data.models import JobEvent, StaffEvent
from desktop_app.domain.people import NotSignedIn, SignInState
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import EventKind, StaffEventKind
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, add_user, check_in_form, database_of

NEW_PASSWORD = "tea-and-biscuits-7"


@pytest.fixture(autouse=True)
def _cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    # The same argon2id format as production's, at a thousandth of the cost.
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)


@pytest.fixture
def url(database_url: str) -> str:
    assert main(["--database", database_url, "migrate"]) == 0
    return database_url


@pytest.fixture
def shop(url: str) -> Iterator[Services]:
    """The services of a database with a manager (`manager`) and a clerk (`clerk`), both with
    the test password."""
    database = open_database(url)
    services = Services.build(database, passwords=FAST_PASSWORDS, workstation="test-counter")
    actor(services)
    add_user(services, "clerk", "王晓红", Role.CLERK)
    yield services
    database.dispose()


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, url: str, *argv: str,
    stdin: str = "",
) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    status = main(["--database", url, *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def staff_kinds(services: Services) -> list[str]:
    with database_of(services).read() as session:
        return list(session.scalars(select(StaffEvent.kind).order_by(StaffEvent.id)))


# --- setup ----------------------------------------------------------------------------------------

SETUP = (
    "setup", "--shop-name", "鑫诚电器售后服务中心", "--address", "上海市张杨路 1588 号",
    "--hotline", "400-820-6688", "--manager", "boss", "--display-name", "周建华",
    "--password-stdin",
)  # fmt: skip


def test_setup_on_an_empty_database_then_refused_the_second_time(url, monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, url, *SETUP, stdin=NEW_PASSWORD + "\n")
    assert (status, err) == (0, "")
    assert "boss" in out and NEW_PASSWORD not in out
    database = open_database(url)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS)
        assert services.auth.state() is SignInState.READY
        boss = services.auth.sign_in("boss", NEW_PASSWORD)
        assert (boss.role, boss.display_name, boss.must_change_password) == (
            Role.MANAGER, "周建华", False
        )  # fmt: skip
        shop = services.shop.settings()
        assert (shop.name, shop.hotline, shop.country, shop.language, shop.receipt_paper) == (
            "鑫诚电器售后服务中心", "400-820-6688", "CN", "zh_CN", "a4"
        )  # fmt: skip

        again = [*SETUP]
        again[again.index("鑫诚电器售后服务中心")] = "别的店"
        status, out, err = run(monkeypatch, capsys, url, *again, stdin="other-pass-99\n")
        assert status == 2
        assert "set up already" in err and "Traceback" not in err
        assert services.shop.settings().name == "鑫诚电器售后服务中心"
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("boss", "other-pass-99")
    finally:
        database.dispose()


def test_setup_with_bad_input_names_the_options_and_writes_nothing(url, monkeypatch, capsys):
    argv = [*SETUP]
    argv[argv.index("400-820-6688")] = "   "
    status, out, err = run(monkeypatch, capsys, url, *argv, stdin="Sh0rt!\n")
    assert status == 2
    assert "--hotline: is required" in err
    assert "password: must be at least 8 characters" in err
    assert "Sh0rt!" not in out + err  # the password itself is never shown
    database = open_database(url)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS)
        assert services.auth.state() is SignInState.NEEDS_SETUP
        assert services.shop.settings().name == ""
    finally:
        database.dispose()


def test_setup_asks_twice_on_a_terminal_and_refuses_two_different_passwords(
    url, monkeypatch, capsys
):
    typed = iter([NEW_PASSWORD, NEW_PASSWORD + "x"])
    prompts: list[str] = []

    def getpass(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    monkeypatch.setattr("getpass.getpass", getpass)
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    argv = [a for a in SETUP if a != "--password-stdin"]
    assert main(["--database", url, *argv]) == 2
    captured = capsys.readouterr()
    assert "not the same" in captured.err
    assert NEW_PASSWORD not in captured.out + captured.err
    assert len(prompts) == 2


# --- users ----------------------------------------------------------------------------------------

CHANGES = [
    ("users", "add", "newbie", "--role", "technician", "--display-name", "李建国"),
    ("users", "disable", "clerk"),
    ("users", "enable", "clerk"),
    ("users", "reset-password", "clerk"),
    ("users", "change-role", "clerk", "--role", "manager"),
    ("users", "list"),
    ("jobs", "--full-phone"),
]


@pytest.mark.parametrize("argv", CHANGES, ids=lambda a: " ".join(a[:2]))
def test_without_credentials_a_clear_refusal(shop, url, argv, monkeypatch, capsys):
    before = staff_kinds(shop)
    status, out, err = run(monkeypatch, capsys, url, *argv, "--password-stdin",
                           stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")  # fmt: skip
    assert status == 2
    assert "needs a manager's credentials: add --user USERNAME" in err
    assert out == "" and "Traceback" not in err
    assert staff_kinds(shop) == before  # not even a sign-in was tried


@pytest.mark.parametrize("argv", CHANGES, ids=lambda a: " ".join(a[:2]))
def test_a_clerks_credentials_are_refused(shop, url, argv, monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, url, *argv, "--user", "clerk",
                           "--password-stdin", stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")  # fmt: skip
    assert status == 2
    assert "a clerk may not" in err and "ask a manager" in err
    assert out == ""
    assert shop.users.by_username("newbie") is None
    clerk = shop.users.by_username("clerk")
    assert clerk is not None and clerk.active and clerk.role is Role.CLERK
    shop.auth.sign_in("clerk", PASSWORD)  # the password was not reset
    # The clerk did sign in (and out): the record says who tried.
    assert staff_kinds(shop)[-3:-1] == ["signed_in", "signed_out"]


def test_a_wrong_password_is_refused_and_recorded(shop, url, monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, url, "users", "disable", "clerk",
                           "--user", "manager", "--password-stdin",
                           stdin="not-the-password\n")  # fmt: skip
    assert status == 2
    assert "wrong user name or password" in err
    assert "not-the-password" not in out + err
    assert shop.users.by_username("clerk").active
    assert staff_kinds(shop)[-1] == StaffEventKind.SIGN_IN_FAILED.value


def test_five_wrong_passwords_lock_the_manager_out_of_the_command_line_too(
    shop, url, monkeypatch, capsys
):
    argv = ("users", "list", "--user", "manager", "--password-stdin")
    for _ in range(5):
        assert run(monkeypatch, capsys, url, *argv, stdin="guess-guess\n")[0] == 2
    status, out, err = run(monkeypatch, capsys, url, *argv, stdin=PASSWORD + "\n")
    assert (status, out) == (2, "")
    assert "locked until" in err


def test_add_reads_the_managers_password_first_then_the_new_users(shop, url, monkeypatch, capsys):
    status, out, err = run(monkeypatch, capsys, url, "users", "add", "newbie",
                           "--role", "technician", "--display-name", "李建国",
                           "--user", "manager", "--password-stdin",
                           stdin=f"{PASSWORD}\n{NEW_PASSWORD}\n")  # fmt: skip
    assert (status, err) == (0, "")
    assert "newbie" in out and PASSWORD not in out and NEW_PASSWORD not in out
    newbie = shop.auth.sign_in("newbie", NEW_PASSWORD)
    assert newbie.role is Role.TECHNICIAN and newbie.must_change_password
    assert StaffEventKind.USER_ADDED.value in staff_kinds(shop)


def test_the_two_passwords_in_the_other_order_are_refused(shop, url, monkeypatch, capsys):
    status, _out, err = run(monkeypatch, capsys, url, "users", "add", "newbie",
                            "--role", "clerk", "--display-name", "李建国",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{NEW_PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert status == 2 and "wrong user name or password" in err
    assert shop.users.by_username("newbie") is None


def test_only_the_line_end_is_stripped_from_a_password(shop, url, monkeypatch, capsys):
    spaced = "  spaces around  "
    status, _out, err = run(monkeypatch, capsys, url, "users", "reset-password", "clerk",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\r\n{spaced}\n")  # fmt: skip
    assert (status, err) == (0, "")
    assert shop.auth.sign_in("clerk", spaced).must_change_password
    with pytest.raises(NotSignedIn):
        shop.auth.sign_in("clerk", spaced.strip())


def test_standard_input_ending_early_is_refused(shop, url, monkeypatch, capsys):
    status, _out, err = run(monkeypatch, capsys, url, "users", "add", "newbie",
                            "--role", "clerk", "--display-name", "李建国",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 2 and "standard input ended before the new user's first password" in err
    assert shop.users.by_username("newbie") is None


def test_without_a_terminal_the_password_must_come_on_standard_input(
    shop, url, monkeypatch, capsys
):
    status, _out, err = run(monkeypatch, capsys, url, "users", "list", "--user", "manager",
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 2 and "--password-stdin" in err


def test_a_managers_password_asked_on_the_terminal(shop, url, monkeypatch, capsys):
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASSWORD)
    terminal = io.StringIO()
    terminal.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdin", terminal)
    assert main(["--database", url, "users", "disable", "clerk", "--user", "manager"]) == 0
    assert not shop.users.by_username("clerk").active


def test_a_manager_changes_people(shop, url, monkeypatch, capsys):
    creds = ("--user", "manager", "--password-stdin")
    ok = f"{PASSWORD}\n"
    assert run(monkeypatch, capsys, url, "users", "change-role", "clerk", "--role", "technician",
               *creds, stdin=ok)[0] == 0  # fmt: skip
    assert shop.users.by_username("clerk").role is Role.TECHNICIAN
    assert run(monkeypatch, capsys, url, "users", "disable", "clerk", *creds, stdin=ok)[0] == 0
    assert not shop.users.by_username("clerk").active
    with pytest.raises(NotSignedIn):
        shop.auth.sign_in("clerk", PASSWORD)
    assert run(monkeypatch, capsys, url, "users", "enable", "clerk", *creds, stdin=ok)[0] == 0
    assert shop.users.by_username("clerk").active
    kinds = staff_kinds(shop)
    for kind in ("role_changed", "user_disabled", "user_enabled"):
        assert kind in kinds


def test_the_last_manager_and_an_unknown_user_are_refused(shop, url, monkeypatch, capsys):
    creds = ("--user", "manager", "--password-stdin")
    status, _out, err = run(monkeypatch, capsys, url, "users", "disable", "manager", *creds,
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 2 and "last active manager" in err
    status, _out, err = run(monkeypatch, capsys, url, "users", "disable", "nobody", *creds,
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 2 and "no user named nobody" in err


def test_a_new_user_with_bad_input_names_the_field(shop, url, monkeypatch, capsys):
    status, _out, err = run(monkeypatch, capsys, url, "users", "add", "two words",
                            "--role", "clerk", "--display-name", " ",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\nshort\n")  # fmt: skip
    assert status == 2
    assert "USERNAME: must not contain spaces" in err
    assert "password: must be at least 8 characters" in err


def test_users_list_json_has_stable_keys(shop, url, monkeypatch, capsys):
    status, out, _err = run(monkeypatch, capsys, url, "users", "list", "--format", "json",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 0
    records = json.loads(out)
    assert [list(r) for r in records] == [
        ["username", "display_name", "role", "active", "must_change_password", "locked_until"]
    ] * len(records)
    by_name = {r["username"]: r for r in records}
    assert by_name["clerk"] == {
        "username": "clerk", "display_name": "王晓红", "role": "clerk", "active": True,
        "must_change_password": False, "locked_until": None,
    }  # fmt: skip
    assert by_name["manager"]["role"] == "manager"


def test_users_list_table(shop, url, monkeypatch, capsys):
    status, out, _err = run(monkeypatch, capsys, url, "users", "list",
                            "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["user", "name"]
    assert any(line.startswith("clerk ") and "王晓红" in line for line in lines)


# --- jobs --full-phone ------------------------------------------------------------------------


def test_full_phones_need_a_manager_and_each_job_listed_is_recorded(shop, url, monkeypatch, capsys):
    clerk = shop.auth.sign_in("clerk", PASSWORD)
    for phone in ("13700001234", "13900005678", "13600009999"):
        shop.jobs.check_in(check_in_form(phone=phone), clerk)

    def looks() -> list[tuple[int, int]]:
        with database_of(shop).read() as session:
            rows = session.execute(
                select(JobEvent.job_id, JobEvent.user_id).where(
                    JobEvent.kind == EventKind.PHONE_REVEALED.value
                )
            )
            return [tuple(row) for row in rows]

    status, out, _err = run(monkeypatch, capsys, url, "jobs", "--full-phone", "--format",
                            "json", "--limit", "2", "--user", "manager", "--password-stdin",
                            stdin=f"{PASSWORD}\n")  # fmt: skip
    assert status == 0
    records = json.loads(out)
    assert [r["phone"] for r in records] == ["13600009999", "13900005678"]
    manager = shop.users.by_username("manager")
    shown = {shop.jobs.find_by_number(r["number"]).id for r in records}
    assert sorted(looks()) == sorted((job_id, manager.id) for job_id in shown)

    # Masked, nothing asked and nothing recorded.
    status, out, _err = run(monkeypatch, capsys, url, "jobs", "--format", "json")
    assert status == 0 and all("****" in r["phone"] for r in json.loads(out))
    assert len(looks()) == 2
