"""The demonstration counter's people: accounts anyone trying the app can sign in with.

`repair-counter demo` gives its clerks, technicians and a manager one password, which it prints,
and owes no change of it, so a person trying the app signs in as any role at once. On a new
database it also sets up a demonstration shop, its seeded manager becoming the demo's manager
with the same password, so receipts print (they need the shop's name and hotline). On a
database already set up the shop and everyone already there are left alone: only the demo's
missing accounts are added, and a demo account an older demo made without any password gets
this one (it could not sign in at all).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from desktop_app.data.db import Database
from desktop_app.data.models import User
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.people import SetupForm, SignInState, password_problems
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import Paper, StaffEventKind
from desktop_app.services.auth import AlreadySetUp, AuthService
from desktop_app.services.common import Clock, local_now
from desktop_app.services.demo import DEMO_STAFF
from desktop_app.services.passwords import Passwords
from desktop_app.services.signins import record_staff_event

# The demo's own manager, beside the seeded one (who is the shop owner's on a real database).
DEMO_MANAGER = ("manager2", "周建华", Role.MANAGER)

# A believable shop: what the setup dialog asks, filled in.
DEMO_SHOP_NAME = "鑫诚电器数码售后服务中心"
DEMO_SHOP_ADDRESS = "上海市浦东新区张杨路 1588 号 2 楼"
DEMO_SHOP_HOTLINE = "400-820-6688"

# Readable: no 0/O, 1/l/I, which are easily misread from a terminal or a sticky note.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def demo_password() -> str:
    """A fresh random password, two groups of five (about 49 bits): "k7mq2-xr9ta"."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(2))
    return "-".join(groups)


class Given(StrEnum):
    """What the demo did to an account."""

    ADDED = "added"  # a new account with the demo's password
    PASSWORD = "password"  # it had no password (an older demo's): it has the demo's now
    SET_UP = "set_up"  # the seeded manager, made the demo shop's manager
    KEPT = "kept"  # it has a password of its own: left alone


@dataclass(frozen=True)
class DemoAccount:
    role: Role
    username: str
    display_name: str
    given: Given

    @property
    def has_demo_password(self) -> bool:
        return self.given is not Given.KEPT


@dataclass(frozen=True)
class DemoStaff:
    accounts: tuple[DemoAccount, ...]
    shop_set_up: bool  # the database was new: the demonstration shop was set up


def set_up_demo_staff(
    database: Database,
    auth: AuthService,
    passwords: Passwords,
    password: str,
    *,
    workstation: str,
    clock: Clock = local_now,
) -> DemoStaff:
    """The demo's staff with `password` (and the demonstration shop on a new database)."""
    problems = password_problems(password)
    if problems:
        raise InvalidInput(problems)
    accounts: list[DemoAccount] = []
    shop_set_up = False
    if auth.state() is SignInState.NEEDS_SETUP:
        seeded = _seeded_manager(database)
        form = SetupForm(
            shop_name=DEMO_SHOP_NAME,
            address=DEMO_SHOP_ADDRESS,
            hotline=DEMO_SHOP_HOTLINE,
            country="CN",
            language="",  # the system's: whoever tries the app reads their own language
            receipt_paper=Paper.A4.value,
            username=seeded[0],
            display_name=seeded[1],
            password=password,
            password_again=password,
        )
        try:
            manager = auth.set_up(form)
        except AlreadySetUp:
            pass  # another counter set it up meanwhile: its shop and manager stay as they are
        else:
            auth.sign_out(manager)
            shop_set_up = True
            accounts.append(
                DemoAccount(Role.MANAGER, manager.username, manager.display_name, Given.SET_UP)
            )
    wanted = (*DEMO_STAFF, DEMO_MANAGER)
    names = [username for username, _name, _role in wanted]
    with database.read() as session:
        usable = {
            u.username
            for u in session.scalars(select(User).where(User.username.in_(names)))
            if u.password_hash is not None
        }
    # Hashed before the transaction (a fifth of a second each), each with a salt of its own.
    hashes = {username: passwords.hash(password) for username in names if username not in usable}
    now = clock().replace(microsecond=0)
    with database.write() as session:
        existing = {
            u.username: u for u in session.scalars(select(User).where(User.username.in_(names)))
        }
        for username, name, role in wanted:
            user = existing.get(username)
            if user is not None and user.password_hash is not None:
                accounts.append(
                    DemoAccount(Role(user.role), username, user.display_name, Given.KEPT)
                )
                continue
            password_hash = hashes.get(username) or passwords.hash(password)
            if user is None:
                user = User(username=username, display_name=name, role=role.value, active=True,
                            created_at=now, password_hash=password_hash,
                            must_change_password=False, failed_sign_ins=0)  # fmt: skip
                session.add(user)
                session.flush()
                kind, payload, given = StaffEventKind.USER_ADDED, {"role": role.value}, Given.ADDED
            else:
                user.password_hash = password_hash
                user.must_change_password = False
                user.failed_sign_ins = 0
                kind, payload, given = StaffEventKind.PASSWORD_SET, None, Given.PASSWORD
            # Nobody signed in did it: the record says so (no actor), and where it was run.
            record_staff_event(session, kind, now, user_id=user.id, actor_id=None,
                               workstation=workstation, payload=payload)  # fmt: skip
            accounts.append(DemoAccount(Role(user.role), username, user.display_name, given))
    return DemoStaff(tuple(accounts), shop_set_up)


def _seeded_manager(database: Database) -> tuple[str, str]:
    """The user name and display name of the account the first migration made (the first
    manager), which set_up turns into the shop's manager."""
    with database.read() as session:
        user = session.scalars(
            select(User).where(User.role == Role.MANAGER.value).order_by(User.id)
        ).first()
        if user is None:
            return ("manager", "店长")
        return (user.username, user.display_name)
