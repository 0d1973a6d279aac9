"""`repair-counter setup` and `repair-counter users …`, and the manager's credentials that the
commands changing people or listing full phone numbers ask for.

Part of the command line (beside cli.py, admin.py and receipt_cli.py): it goes through the
services only. A command acts as a manager who signs in with `--user USERNAME` and a password
read from the terminal (no echo) or, with `--password-stdin`, from the first line of standard
input; the sign-in and its failures are recorded by the sign-in service, as at the window, and
the command signs out when done. A password is never printed, logged or put in a message.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from desktop_app.domain.errors import InvalidInput, NotFound
from desktop_app.domain.people import Actor, SetupForm, SignInState
from desktop_app.domain.roles import Action, Role, require
from desktop_app.domain.text import N_, Text, Translator, Verbatim, no_translation
from desktop_app.domain.vocabulary import ROLE_LABELS
from desktop_app.services import Services
from desktop_app.services.users import StaffMember


class Refused(Exception):
    """A command refused before any service was asked: the message, exit status 2."""


# --- passwords --------------------------------------------------------------------------------


class PasswordReader:
    """Passwords from standard input, one a line, in the order the command asks for them (the
    manager's first), or from the terminal without echo."""

    def __init__(self, from_stdin: bool, stdin: TextIO | None = None) -> None:
        self.from_stdin = from_stdin
        self._stdin = stdin

    @property
    def stdin(self) -> TextIO:
        return self._stdin or sys.stdin

    def read(self, whose: str, *, twice: bool = False) -> str:
        """One password; `twice`: asked again on a terminal, and both must be the same."""
        if self.from_stdin:
            try:
                line = self.stdin.readline()
            except UnicodeDecodeError:
                raise Refused(
                    f"standard input is not UTF-8 text where {whose} password should be; "
                    "nothing was changed"
                ) from None
            if not line:
                raise Refused(f"standard input ended before {whose} password")
            # Only the line's end goes: spaces inside or around a pass phrase are the user's.
            if line.endswith("\n"):
                line = line[:-1]
                if line.endswith("\r"):
                    line = line[:-1]
            return line
        if not self.stdin.isatty():
            raise Refused(
                f"no terminal to ask for {whose} password: give it on standard input with "
                "--password-stdin"
            )
        try:
            password = getpass.getpass(f"{whose[0].upper()}{whose[1:]} password: ")
            if twice and getpass.getpass("The same password again: ") != password:
                raise Refused("the two passwords are not the same; nothing was changed")
        except (EOFError, KeyboardInterrupt) as stopped:
            raise Refused("cancelled; nothing was changed") from stopped
        return password


@contextmanager
def signed_in_manager(
    services: Services, args: argparse.Namespace, reader: PasswordReader, action: Action, what: str
) -> Iterator[Actor]:
    """The manager named by --user, signed in for one command and signed out after it.

    Refused (exit 2) without --user; the sign-in service refuses a wrong password or a locked
    account and records it; a role that may not do `action` is refused before anything else is
    read or done."""
    if not args.user:
        raise Refused(
            f"{what} needs a manager's credentials: add --user USERNAME (the password is asked "
            "on the terminal, or read from standard input with --password-stdin)"
        )
    password = reader.read(f"{args.user}'s")
    actor = services.auth.sign_in(args.user, password)
    del password
    try:
        require(actor.role, action)
        yield actor
    finally:
        services.auth.sign_out(actor)


# --- setup ----------------------------------------------------------------------------------------

# The setup form's fields as the command line names them.
SETUP_OPTIONS = {
    "shop_name": "--shop-name",
    "address": "--address",
    "hotline": "--hotline",
    "country": "--country",
    "language": "--language",
    "receipt_paper": "--paper",
    "username": "--manager",
    "display_name": "--display-name",
    "password": "the password",
    "password_again": "the password",
}


def run_setup(services: Services, args: argparse.Namespace, reader: PasswordReader) -> int:
    if services.auth.state() is not SignInState.NEEDS_SETUP:
        raise Refused("this database is set up already; nothing was changed (sign in instead)")
    password = reader.read(f"the new manager {args.manager}'s", twice=True)
    form = SetupForm(
        shop_name=args.shop_name,
        address=args.address,
        hotline=args.hotline,
        country=args.country,
        language=args.language,
        receipt_paper=args.paper,
        username=args.manager,
        display_name=args.display_name,
        password=password,
        password_again=password,
    )
    try:
        manager = services.auth.set_up(form)
    except InvalidInput as invalid:
        raise Refused(invalid_text(invalid, SETUP_OPTIONS)) from None
    services.auth.sign_out(manager)
    print(f"set up: {args.shop_name.strip()}; manager {manager.username} ({manager.display_name})")
    return 0


def invalid_text(invalid: InvalidInput, options: dict[str, str]) -> str:
    """Every problem on a line of its own, named as the command line names the field."""
    lines = [f"{options.get(p.field, p.field)}: {p.render()}" for p in invalid.problems]
    return "nothing was changed:\n  " + "\n  ".join(lines)


# --- users ------------------------------------------------------------------------------------

USER_OPTIONS = {"username": "USERNAME", "display_name": "--display-name", "role": "--role"}


def run_users(
    services: Services,
    args: argparse.Namespace,
    reader: PasswordReader,
    out: TextIO,
    translate: Translator = no_translation,
) -> int:
    command = args.users_command
    what = f"users {command}"
    with signed_in_manager(services, args, reader, Action.MANAGE_USERS, what) as manager:
        if command == "list":
            staff = services.users.staff(manager)
            if args.format == "json":
                json.dump([staff_record(m) for m in staff], out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                print_staff(staff, out, translate)
            return 0
        try:
            if command == "add":
                password = reader.read("the new user's first", twice=True)
                user = services.users.add(
                    manager, args.username, args.display_name, Role(args.role), password
                )
                print(f"added {user.username} ({user.display_name}), {user.role.value}; they "
                      "choose their own password at their first sign-in", file=out)  # fmt: skip
                return 0
            user_id = _user_id(services, args.username)
            if command == "disable":
                user = services.users.disable(manager, user_id)
                print(f"disabled {user.username} ({user.display_name})", file=out)
            elif command == "enable":
                user = services.users.enable(manager, user_id)
                print(f"enabled {user.username} ({user.display_name})", file=out)
            elif command == "reset-password":
                password = reader.read(f"{args.username}'s temporary", twice=True)
                user = services.users.reset_password(manager, user_id, password)
                print(f"password reset for {user.username} ({user.display_name}); they choose "
                      "their own at their next sign-in", file=out)  # fmt: skip
            elif command == "change-role":
                user = services.users.change_role(manager, user_id, Role(args.role))
                print(f"{user.username} ({user.display_name}) is a {user.role.value}", file=out)
            else:
                raise AssertionError(command)
        except InvalidInput as invalid:
            raise Refused(invalid_text(invalid, USER_OPTIONS)) from None
    return 0


def _user_id(services: Services, username: str) -> int:
    user = services.users.by_username(username.strip())
    if user is None:
        raise NotFound(N_("no user named {name}"), name=Verbatim(username))
    return user.id


def staff_record(member: StaffMember) -> dict[str, object]:
    """One person for programs: stable keys, role as its key, times in ISO 8601."""
    return {
        "username": member.user.username,
        "display_name": member.user.display_name,
        "role": member.user.role.value,
        "active": member.user.active,
        "must_change_password": member.must_change_password,
        "locked_until": member.locked_until.isoformat(sep=" ") if member.locked_until else None,
    }


STAFF_HEADERS = (
    N_("user name"),
    N_("display name"),
    N_("role"),
    N_("access"),
    N_("password"),
)


def print_staff(staff: Sequence[StaffMember], out: TextIO, translate: Translator) -> None:
    rows = []
    for member in staff:
        if not member.user.active:
            access = translate(N_("disabled"))
        elif member.locked_until is not None:
            until = member.locked_until.isoformat(sep=" ", timespec="minutes")
            access = Text(N_("locked until {until}"), until=Verbatim(until)).render(translate)
        else:
            access = translate(N_("active"))
        if not member.has_password:
            password = translate(N_("none yet"))
        elif member.must_change_password:
            password = translate(N_("to change at next sign-in"))
        else:
            password = translate(N_("set"))
        rows.append(
            [
                member.user.username,
                member.user.display_name,
                translate(ROLE_LABELS[member.user.role]),
                access,
                password,
            ]
        )
    print_table([translate(h) for h in STAFF_HEADERS], rows, out)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]], out: TextIO) -> None:
    """Columns aligned for a terminal, where a Chinese character takes two columns."""
    widths = [
        max([display_width(h)] + [display_width(row[i]) for row in rows])
        for i, h in enumerate(headers)
    ]
    for line in [list(headers), *rows]:
        cells = (
            cell + " " * (w - display_width(cell)) for cell, w in zip(line, widths, strict=True)
        )
        out.write("  ".join(cells).rstrip() + "\n")


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
