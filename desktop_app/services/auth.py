"""Setting up a new shop, signing in and out, and choosing passwords.

Every sign-in, wrong password and lock-out goes into the staff record with the time and the
workstation; the password itself goes nowhere but through the hasher.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, User
from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.people import (
    FAILURES_BEFORE_LOCK_OUT,
    AccountLocked,
    Actor,
    NotSignedIn,
    SetupForm,
    SignInState,
    locked_until,
    new_password_problems,
    setup_problems,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.services.common import Clock, local_now
from desktop_app.services.passwords import Passwords
from desktop_app.services.shop import validate_settings, write_settings
from desktop_app.services.signins import SignIns

WRONG_PASSWORD = N_("wrong user name or password")


class AlreadySetUp(RuleRefusal):
    """Setup asked of a database whose people can sign in already."""


class AuthService:
    def __init__(
        self, database: Database, signins: SignIns, passwords: Passwords, clock: Clock = local_now
    ) -> None:
        self._db = database
        self._signins = signins
        self._passwords = passwords
        self._clock = clock
        # Wrong passwords in a row by user name, on a database that can only be read.
        self._read_only_failures: dict[str, tuple[int, datetime]] = {}

    # --- what the start needs ---------------------------------------------------------------

    def state(self) -> SignInState:
        with self._db.read() as session:
            return _state(session)

    def sign_in_names(self) -> list[UserSnapshot]:
        """Who may be picked at the sign-in: the active users with a password (before any has
        one, the active managers, who choose theirs)."""
        with self._db.read() as session:
            statement = select(User).where(User.active.is_(True))
            statement = statement.order_by(User.display_name, User.id)
            if _state(session) is SignInState.READY:
                statement = statement.where(User.password_hash.is_not(None))
            else:
                statement = statement.where(User.role == Role.MANAGER.value)
            return [queries.user_snapshot(u) for u in session.scalars(statement)]

    # --- the first start --------------------------------------------------------------------

    def set_up(self, form: SetupForm) -> Actor:
        """A new database: the shop's details and its first manager, signed in. The account the
        first migration made becomes that manager, so nothing refers to a user who never was."""
        problems = setup_problems(form)
        with self._db.read() as session:
            current = queries.shop_snapshot(session)
        shop = replace(
            current,
            name=form.shop_name.strip() if isinstance(form.shop_name, str) else form.shop_name,
            address=form.address.strip() if isinstance(form.address, str) else form.address,
            hotline=form.hotline.strip() if isinstance(form.hotline, str) else form.hotline,
            country=form.country,
            language=form.language,
            receipt_paper=form.receipt_paper,
        )
        try:
            validate_settings(shop)
        except InvalidInput as invalid:
            names = {"name": "shop_name"}
            known = {p.field for p in problems}
            problems += [
                FieldProblem(names.get(p.field, p.field), p.message)
                for p in invalid.problems
                if names.get(p.field, p.field) not in known
            ]
        if problems:
            raise InvalidInput(problems)
        password_hash = self._passwords.hash(form.password)
        now = self._now()
        with self._db.write() as session:
            if _state(session, lock=True) is not SignInState.NEEDS_SETUP:
                raise AlreadySetUp(N_("this database is set up already: sign in instead"))
            write_settings(session, shop)
            user = session.scalars(
                select(User).where(User.role == Role.MANAGER.value).order_by(User.id)
            ).first()
            taken = session.scalars(
                select(User).where(User.username == form.username.strip())
            ).first()
            if taken is not None and taken is not user:
                raise InvalidInput.single("username", N_("this user name is taken"))
            if user is None:
                user = User(role=Role.MANAGER.value, created_at=now)
                session.add(user)
            user.username = form.username.strip()
            user.display_name = form.display_name.strip()
            user.active = True
            user.password_hash = password_hash
            user.must_change_password = False
            user.failed_sign_ins = 0
            session.flush()
            self._signins.record(session, StaffEventKind.SHOP_SET_UP, now, user, user)
            self._signins.record(session, StaffEventKind.PASSWORD_SET, now, user, user)
            self._signins.record(session, StaffEventKind.SIGNED_IN, now, user, user)
            return self._signins.issue(user)

    def set_manager_password(self, username: str, password: str, again: str) -> Actor:
        """A database from before sign-in: its manager chooses the first password, and is
        signed in."""
        problems = new_password_problems(password, again, username)
        if problems:
            raise InvalidInput(problems)
        password_hash = self._passwords.hash(password)
        now = self._now()
        with self._db.write() as session:
            if _state(session, lock=True) is not SignInState.NEEDS_MANAGER_PASSWORD:
                raise AlreadySetUp(N_("passwords are set already: sign in instead"))
            user = _by_username(session, username)
            if user is None or not user.active or user.role != Role.MANAGER.value:
                raise InvalidInput.single("username", N_("must be an active manager"))
            user.password_hash = password_hash
            user.must_change_password = False
            self._signins.record(session, StaffEventKind.PASSWORD_SET, now, user, user)
            self._signins.record(session, StaffEventKind.SIGNED_IN, now, user, user)
            return self._signins.issue(user)

    # --- signing in and out -----------------------------------------------------------------

    def sign_in(self, username: str, password: str) -> Actor:
        """The person, signed in; NotSignedIn (the same words for an unknown name and a wrong
        password) or AccountLocked otherwise. Each outcome is recorded (but on a database that
        can only be read: see _sign_in_read_only)."""
        now = self._now()
        if self._db.read_only is not None:
            return self._sign_in_read_only(username, password, now)
        # The password is checked (a fifth of a second of argon2) before the write begins, so
        # that a sign-in never holds the database's write lock (on SQLite: every counter's)
        # while it hashes; the write then re-reads the account and uses the answer only if the
        # hash checked is still the account's.
        with self._db.read() as session:
            found = _by_username(session, username)
            stored = found.password_hash if found is not None and found.active else None
            until = (
                locked_until(found.failed_sign_ins, found.last_failed_sign_in_at or now)
                if found is not None
                else None
            )
        if stored is None or (until is not None and now < until):
            self._passwords.waste_time(password if isinstance(password, str) else "")
            verified = False
        else:
            verified = isinstance(password, str) and self._passwords.verify(stored, password)
        with self._db.write() as session:
            user = _by_username(session, username, lock=True)
            if user is None or not user.active or user.password_hash is None:
                self._signins.record(
                    session,
                    StaffEventKind.SIGN_IN_FAILED,
                    now,
                    user,
                    None,
                    {"reason": "unknown" if user is None else "cannot_sign_in"},
                )
                failure: NotSignedIn = NotSignedIn(WRONG_PASSWORD)
            else:
                verified = verified and user.password_hash == stored
                failure = self._check_password(session, user, password, now, verified=verified)
                if failure is None:
                    return self._signins.issue(user, must_change_password=user.must_change_password)
        # The failure is committed (the count, the record) before it is raised.
        raise failure

    def _sign_in_read_only(self, username: str, password: str, now: datetime) -> Actor:
        """Reading a database that cannot be written still needs a person (customers' details
        are on it), but nothing can be recorded: the password is checked and nothing written.
        A lock-out on the record is respected; wrong passwords are counted in this process
        only (whoever can read the file can read its hashes anyway: this stops guessing at the
        counter, it does not defend the hashes)."""
        with self._db.read() as session:
            user = _by_username(session, username)
            if user is None or not user.active or user.password_hash is None:
                self._passwords.waste_time(password if isinstance(password, str) else "")
                raise NotSignedIn(WRONG_PASSWORD)
            failures, last = self._read_only_failures.get(user.username, (0, now))
            if user.failed_sign_ins >= failures and user.last_failed_sign_in_at is not None:
                failures, last = user.failed_sign_ins, user.last_failed_sign_in_at
            until = locked_until(failures, last)
            if until is not None and now < until:
                raise AccountLocked(until)
            if until is not None:  # the lock-out is over: a fresh run of attempts
                failures = 0
            if not (
                isinstance(password, str) and self._passwords.verify(user.password_hash, password)
            ):
                self._read_only_failures[user.username] = (failures + 1, now)
                until = locked_until(failures + 1, now)
                raise AccountLocked(until) if until is not None else NotSignedIn(WRONG_PASSWORD)
            self._read_only_failures.pop(user.username, None)
            if user.must_change_password:
                raise NotSignedIn(
                    N_(
                        "this account must choose a new password, which a read-only database "
                        "cannot store: sign in where the database can be written first"
                    )
                )
            return self._signins.issue(user)

    def _check_password(
        self, session: Session, user: User, password: object, now: datetime,
        *, signing_in: bool = True, verified: bool | None = None,
    ) -> NotSignedIn | None:  # fmt: skip
        """Counts a right or wrong password on the account (`verified`: the answer checked
        already, outside the transaction; None: check it here)."""
        until = locked_until(user.failed_sign_ins, user.last_failed_sign_in_at or now)
        if until is not None and now < until:
            self._signins.record(
                session, StaffEventKind.SIGN_IN_FAILED, now, user, None, {"reason": "locked"}
            )
            return AccountLocked(until)
        if until is not None:  # the lock-out is over: a fresh run of attempts
            user.failed_sign_ins = 0
        if verified is None:
            verified = isinstance(password, str) and self._passwords.verify(
                user.password_hash, password
            )
        if verified:
            user.failed_sign_ins = 0
            user.last_failed_sign_in_at = None
            if user.password_hash is not None and self._passwords.needs_rehash(user.password_hash):
                user.password_hash = self._passwords.hash(password)
            if signing_in:
                self._signins.record(session, StaffEventKind.SIGNED_IN, now, user, user)
            return None
        user.failed_sign_ins += 1
        user.last_failed_sign_in_at = now
        self._signins.record(
            session,
            StaffEventKind.SIGN_IN_FAILED,
            now,
            user,
            None,
            {"reason": "wrong_password", "in_a_row": user.failed_sign_ins},
        )
        if user.failed_sign_ins >= FAILURES_BEFORE_LOCK_OUT:
            until = locked_until(user.failed_sign_ins, now)
            assert until is not None
            self._signins.record(
                session, StaffEventKind.LOCKED_OUT, now, user, None, {"until": until.isoformat()}
            )
            return AccountLocked(until)
        return NotSignedIn(WRONG_PASSWORD)

    def sign_out(self, actor: Actor) -> None:
        """Ends the sign-in (the window locks, switches user or closes)."""
        if not self._signins.is_issued(actor):
            return
        self._signins.revoke(actor)
        if self._db.read_only is not None:
            return  # nothing can be recorded (nor was the sign-in)
        with self._db.write() as session:
            user = session.get(User, actor.id)
            self._signins.record(session, StaffEventKind.SIGNED_OUT, self._now(), user, user)

    def check(self, actor: Actor) -> Actor:
        """The actor as the database says today (role, name), or NotSignedIn when disabled or
        signed out: what the window asks before it shows anything again."""
        with self._db.read() as session:
            user = self._signins.user(session, actor, password_change_owed_ok=True)
            fresh = queries.user_snapshot(user)
            return replace(
                actor,
                username=fresh.username,
                display_name=fresh.display_name,
                role=fresh.role,
                must_change_password=user.must_change_password,
            )

    def change_password(self, actor: Actor, current: str, new: str, again: str) -> Actor:
        """The signed-in person chooses a new password (required after a manager reset it).

        A wrong current password counts as a wrong password at the sign-in: five in a row lock
        the account (and end this sign-in), so an open window is no place to guess it."""
        if not self._signins.is_issued(actor):
            raise NotSignedIn(N_("nobody is signed in here: sign in first"))
        problems = new_password_problems(new, again, actor.username)
        if not problems and new == current:
            problems.append(
                FieldProblem("password", Text(N_("must differ from the current password")))
            )
        password_hash = None if problems else self._passwords.hash(new)
        now = self._now()
        with self._db.write() as session:
            user = session.get(User, actor.id, with_for_update=True)
            if user is None or not user.active:
                self._signins.revoke(actor)
                raise NotSignedIn(N_("this account has been disabled"))
            failure = self._check_password(session, user, current, now, signing_in=False)
            if failure is None and password_hash is not None:
                user.password_hash = password_hash
                user.must_change_password = False
                self._signins.record(session, StaffEventKind.PASSWORD_SET, now, user, user)
                return replace(actor, must_change_password=False)
        # A wrong password is committed (the count, the record) before it is refused.
        if isinstance(failure, AccountLocked):
            self._signins.revoke(actor)
            raise failure
        if failure is not None:
            problems.insert(0, FieldProblem("current_password", Text(N_("is not your password"))))
        raise InvalidInput(problems)

    # --- helpers ----------------------------------------------------------------------------

    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)


def _by_username(session: Session, username: object, *, lock: bool = False) -> User | None:
    if not is_lookup_text(username) or not isinstance(username, str):
        return None
    statement = select(User).where(User.username == username.strip())
    if lock:
        statement = statement.with_for_update()
    return session.scalars(statement).first()


def _state(session: Session, *, lock: bool = False) -> SignInState:
    if lock:
        # Two counters setting up the same new database: the second waits, then sees it done.
        session.execute(select(User.id).order_by(User.id).limit(1).with_for_update())
    with_password = session.scalar(
        select(func.count())
        .select_from(User)
        .where(User.active.is_(True), User.password_hash.is_not(None))
    )
    if with_password:
        return SignInState.READY
    if session.scalar(select(exists().where(Job.id.is_not(None)))):
        return SignInState.NEEDS_MANAGER_PASSWORD
    return SignInState.NEEDS_SETUP
