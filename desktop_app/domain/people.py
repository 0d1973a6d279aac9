"""The people at the counter: who is signed in, the password rules, and when an account locks.

A person acts only once signed in. The sign-in service (services/auth.py) hands out an `Actor`:
the signed-in user as they were at sign-in, plus a secret that only that service knows it issued.
Every service call takes the actor, checks the secret, reads the user's row afresh and refuses
a user disabled, demoted or never signed in, so a bare user id (or an Actor a caller made up)
can do nothing.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.limits import (
    DISPLAY_NAME,
    HOTLINE,
    SHOP_ADDRESS,
    SHOP_NAME,
    USERNAME,
    has_control_characters,
    is_blank,
    text_problems,
)
from desktop_app.domain.sign_in import UserSnapshot
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import Paper, Role

# --- passwords ------------------------------------------------------------------------------------

MINIMUM_PASSWORD = 8
# Long enough for any pass phrase; short enough that nobody makes the hasher chew a megabyte.
MAXIMUM_PASSWORD = 128

# Five wrong passwords in a row lock the account for five minutes: enough for a typo or two and
# a forgotten Caps Lock, far too few to guess a password at the counter.
FAILURES_BEFORE_LOCK_OUT = 5
LOCK_OUT = timedelta(minutes=5)

# The window locks itself after this many idle minutes unless the manager sets another number.
DEFAULT_IDLE_LOCK_MINUTES = 10
MINIMUM_IDLE_LOCK_MINUTES = 1
MAXIMUM_IDLE_LOCK_MINUTES = 240


def password_problems(
    password: object, username: str = "", field_name: str = "password"
) -> list[FieldProblem]:
    """What is wrong with `password` as a new password (empty when it may be used)."""

    def problem(message: str, **params: object) -> list[FieldProblem]:
        return [FieldProblem(field_name, Text(message, **params))]

    if not isinstance(password, str):
        return problem(N_("must be text"))
    if len(password) < MINIMUM_PASSWORD:
        return problem(N_("must be at least {minimum} characters"), minimum=MINIMUM_PASSWORD)
    if len(password) > MAXIMUM_PASSWORD:
        return problem(N_("must be at most {limit} characters"), limit=MAXIMUM_PASSWORD)
    if has_control_characters(password) or any(ch in "\r\n\t" for ch in password):
        return problem(N_("must not contain control characters or line breaks"))
    if is_blank(password):
        return problem(N_("must not be only spaces"))
    if username and password.strip().casefold() == username.strip().casefold():
        return problem(N_("must not be the user name"))
    return []


def new_password_problems(
    password: object, repeated: object, username: str = ""
) -> list[FieldProblem]:
    """A new password typed twice: its rules, then that both are the same."""
    problems = password_problems(password, username)
    if not problems and password != repeated:
        problems.append(FieldProblem("password_again", Text(N_("must be the same password"))))
    return problems


def locked_until(failures: int, last_failure: datetime) -> datetime | None:
    """When an account with `failures` wrong passwords in a row, the last at `last_failure`,
    may try again; None when it is not locked."""
    if failures < FAILURES_BEFORE_LOCK_OUT:
        return None
    return last_failure + LOCK_OUT


# --- who is signed in -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Actor(UserSnapshot):
    """A signed-in person: the user as at sign-in, and the proof the sign-in service issued.

    The window shows `display_name` and offers what `role` may do; the services trust neither,
    and read the user's row again on every call.
    """

    # The secret the sign-in service recognises; never shown, compared or printed.
    token: str = field(default="", repr=False, compare=False)
    workstation: str = field(default="", compare=False)
    # Signed in with a password a manager reset: nothing but choosing a new one until then.
    must_change_password: bool = False


class SignInState(StrEnum):
    """What the database needs before anyone can sign in."""

    READY = "ready"  # people have passwords: sign in
    NEEDS_SETUP = "needs_setup"  # a new database: the shop and its first manager
    # A database from before sign-in existed, with work on it: its manager chooses a password.
    NEEDS_MANAGER_PASSWORD = "needs_manager_password"


class NotSignedIn(RuleRefusal):
    """The person is not (or no longer) signed in: a wrong password, a locked or disabled
    account, or a sign-in the service did not issue. The window asks for a sign-in again."""


class AccountLocked(NotSignedIn):
    """Too many wrong passwords in a row: no password is even checked until `until`."""

    def __init__(self, until: datetime) -> None:
        super().__init__(
            N_(
                "too many wrong passwords: this account is locked until {until}; "
                "try again then, or ask a manager"
            ),
            until=until,
        )
        self.until = until


# --- setting up a new shop ------------------------------------------------------------------------


@dataclass(frozen=True)
class SetupForm:
    """What the first start asks: the shop (printed on every receipt) and its first manager."""

    shop_name: str
    address: str
    hotline: str
    country: str
    language: str
    receipt_paper: str
    username: str
    display_name: str
    password: str
    password_again: str


def new_user_problems(username: object, display_name: object) -> list[FieldProblem]:
    """A new account's user name and display name: the limits, and both required."""
    problems = text_problems(
        [("username", username, USERNAME), ("display_name", display_name, DISPLAY_NAME)]
    )
    if not problems and is_blank(str(username)):
        problems.append(FieldProblem("username", Text(N_("a user name is required"))))
    if not problems and any(ch.isspace() for ch in str(username).strip()):
        problems.append(FieldProblem("username", Text(N_("must not contain spaces"))))
    if not problems and any(unicodedata.category(ch) == "Cf" for ch in str(username)):
        # A zero-width space or a right-to-left mark would make a second "wang" that looks
        # the same in the sign-in list.
        problems.append(FieldProblem("username", Text(N_("must not contain invisible characters"))))
    if not problems and is_blank(str(display_name)):
        problems.append(FieldProblem("display_name", Text(N_("a display name is required"))))
    return problems


def setup_problems(form: SetupForm) -> list[FieldProblem]:
    """Every rule the setup form breaks at once (the shop's country is checked by the service,
    which knows the calendars)."""
    problems = text_problems(
        [
            ("shop_name", form.shop_name, SHOP_NAME),
            ("address", form.address, SHOP_ADDRESS),
            ("hotline", form.hotline, HOTLINE),
        ]
    )
    fields = {p.field for p in problems}
    if "shop_name" not in fields and is_blank(form.shop_name):
        problems.append(FieldProblem("shop_name", Text(N_("is required: it heads every receipt"))))
    if "hotline" not in fields and is_blank(form.hotline):
        problems.append(
            FieldProblem("hotline", Text(N_("is required: the agreement promises a hotline")))
        )
    if form.receipt_paper not in tuple(Paper):
        problems.append(FieldProblem("receipt_paper", Text(N_("must be A4 or 80 mm"))))
    problems += new_user_problems(form.username, form.display_name)
    problems += new_password_problems(form.password, form.password_again, form.username)
    return problems


def check_setup(form: SetupForm) -> None:
    problems = setup_problems(form)
    if problems:
        raise InvalidInput(problems)


ROLES_OF_STAFF: tuple[Role, ...] = (Role.CLERK, Role.TECHNICIAN, Role.MANAGER)
