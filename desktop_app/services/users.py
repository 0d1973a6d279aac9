"""The shop's staff: who they are, and a manager's changes to them, each on the staff record.

Nobody is ever deleted (events name them): a manager disables an account instead. The shop
always keeps one active manager who can sign in, so it can never lock itself out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import StaffEvent, User
from desktop_app.domain.errors import FieldProblem, InvalidInput, NotFound, RuleRefusal
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.people import (
    Actor,
    locked_until,
    new_password_problems,
    new_user_problems,
)
from desktop_app.domain.roles import Action, Role
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import SEEDED_MANAGER_LABEL, SEEDED_MANAGER_NAME, StaffEventKind
from desktop_app.services.common import Clock, is_row_id, local_now
from desktop_app.services.passwords import Passwords
from desktop_app.services.signins import SignIns


class LastManager(RuleRefusal):
    """The change would leave the shop without an active manager."""


@dataclass(frozen=True)
class StaffMember:
    """A user as the manager's list shows them: the account and whether it can sign in."""

    user: UserSnapshot
    has_password: bool
    must_change_password: bool
    locked_until: datetime | None
    created_at: datetime


@dataclass(frozen=True)
class StaffEventSnapshot:
    at: datetime
    kind: StaffEventKind | str
    user: str  # the account's display name ("" for a user name nobody has)
    actor: str  # who did it ("" when nobody was signed in)
    workstation: str
    payload: dict[str, object]


class UserService:
    def __init__(
        self,
        database: Database,
        signins: SignIns | None = None,
        passwords: Passwords | None = None,
        clock: Clock = local_now,
    ) -> None:
        self._db = database
        self._signins = signins or SignIns("")
        self._passwords = passwords or Passwords()
        self._clock = clock

    # --- reading ------------------------------------------------------------------------------

    def list(self, role: Role | None = None) -> list[UserSnapshot]:
        """The active users (with `role`, those only): who can be assigned or picked."""
        with self._db.read() as session:
            statement = select(User).where(User.active.is_(True)).order_by(User.id)
            if role is not None:
                statement = statement.where(User.role == role.value)
            return [queries.user_snapshot(u) for u in session.scalars(statement)]

    def by_username(self, username: str) -> UserSnapshot | None:
        if not is_lookup_text(username):
            return None  # no user name on file holds a control character
        with self._db.read() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            return queries.user_snapshot(user) if user else None

    def staff(self, actor: Actor) -> list[StaffMember]:
        """Everyone, disabled included, for the manager's list."""
        with self._db.read() as session:
            self._signins.user(session, actor, Action.MANAGE_USERS)
            now = self._clock()
            members = []
            for user in session.scalars(select(User).order_by(User.active.desc(), User.id)):
                until = locked_until(user.failed_sign_ins, user.last_failed_sign_in_at or now)
                members.append(
                    StaffMember(
                        queries.user_snapshot(user),
                        user.password_hash is not None,
                        user.must_change_password,
                        until if until is not None and until > now else None,
                        user.created_at,
                    )
                )
            return members

    def staff_record(self, actor: Actor, limit: int = 200) -> list[StaffEventSnapshot]:
        """The newest entries of the staff record (sign-ins, failures, changes), newest first."""
        subject, doer = aliased(User), aliased(User)
        with self._db.read() as session:
            self._signins.user(session, actor, Action.MANAGE_USERS)
            rows = session.execute(
                select(StaffEvent, subject.display_name, doer.display_name)
                .outerjoin(subject, subject.id == StaffEvent.user_id)
                .outerjoin(doer, doer.id == StaffEvent.actor_id)
                .order_by(StaffEvent.id.desc())
                .limit(max(1, min(limit, 10_000)))
            )
            result = []
            for event, user_name, actor_name in rows:
                try:
                    kind: StaffEventKind | str = StaffEventKind(event.kind)
                except ValueError:
                    kind = event.kind
                result.append(
                    StaffEventSnapshot(
                        event.at,
                        kind,
                        user_name or "",
                        actor_name or "",
                        event.workstation,
                        queries.decode_payload(event.payload),
                    )
                )
            return result

    # --- a manager's changes ------------------------------------------------------------------

    def add(
        self, actor: Actor, username: str, display_name: str, role: Role, password: str
    ) -> UserSnapshot:
        """A new account with a first password the manager gives them; they choose their own
        at their first sign-in."""
        problems = new_user_problems(username, display_name)
        if not isinstance(role, Role):
            problems.append(FieldProblem("role", Text(N_("must be a known role"))))
        problems += new_password_problems(
            password, password, username if isinstance(username, str) else ""
        )
        if problems:
            raise InvalidInput(problems)
        password_hash = self._passwords.hash(password)
        now = self._now()
        try:
            with self._db.write() as session:
                manager = self._signins.user(session, actor, Action.MANAGE_USERS)
                user = User(
                    username=username.strip(),
                    display_name=display_name.strip(),
                    role=role.value,
                    active=True,
                    created_at=now,
                    password_hash=password_hash,
                    must_change_password=True,
                    failed_sign_ins=0,
                )
                session.add(user)
                session.flush()
                self._signins.record(
                    session, StaffEventKind.USER_ADDED, now, user, manager, {"role": role.value}
                )
                return queries.user_snapshot(user)
        except IntegrityError as error:
            raise InvalidInput.single(
                "username", N_("{name} is already taken"), name=Verbatim(username.strip())
            ) from error

    def change_role(self, actor: Actor, user_id: int, role: Role) -> UserSnapshot:
        if not isinstance(role, Role):
            raise InvalidInput.single("role", N_("must be a known role"))
        now = self._now()
        with self._db.write() as session:
            manager, user = self._load(session, actor, user_id)
            if user.role == role.value:
                return queries.user_snapshot(user)
            if user.role == Role.MANAGER.value:
                _keep_a_manager(session, user)
            before, user.role = user.role, role.value
            self._signins.record(
                session,
                StaffEventKind.ROLE_CHANGED,
                now,
                user,
                manager,
                {"from": before, "to": role.value},
            )
            return queries.user_snapshot(user)

    def disable(self, actor: Actor, user_id: int) -> UserSnapshot:
        """The account can no longer sign in or act; its open windows are signed out at their
        next action. Its name stays on everything it did."""
        now = self._now()
        with self._db.write() as session:
            manager, user = self._load(session, actor, user_id)
            if not user.active:
                return queries.user_snapshot(user)
            if user.role == Role.MANAGER.value:
                _keep_a_manager(session, user)
            user.active = False
            user.access_version = (user.access_version or 0) + 1
            self._signins.record(session, StaffEventKind.USER_DISABLED, now, user, manager)
            return queries.user_snapshot(user)

    def enable(self, actor: Actor, user_id: int) -> UserSnapshot:
        now = self._now()
        with self._db.write() as session:
            manager, user = self._load(session, actor, user_id)
            if user.active:
                return queries.user_snapshot(user)
            user.active = True
            user.failed_sign_ins = 0
            self._signins.record(session, StaffEventKind.USER_ENABLED, now, user, manager)
            return queries.user_snapshot(user)

    def reset_password(self, actor: Actor, user_id: int, password: str) -> UserSnapshot:
        """A temporary password the manager tells the user; they must choose their own at the
        next sign-in. Also ends a lock-out."""
        with self._db.read() as session:
            target = session.get(User, user_id) if is_row_id(user_id) else None
            username = target.username if target is not None else ""
        problems = new_password_problems(password, password, username)
        if problems:
            raise InvalidInput(problems)
        password_hash = self._passwords.hash(password)
        now = self._now()
        with self._db.write() as session:
            manager, user = self._load(session, actor, user_id)
            user.password_hash = password_hash
            user.must_change_password = True
            user.failed_sign_ins = 0
            user.last_failed_sign_in_at = None
            user.access_version = (user.access_version or 0) + 1  # the old password's sign-ins end
            self._signins.record(session, StaffEventKind.PASSWORD_RESET, now, user, manager)
            return queries.user_snapshot(user)

    # --- helpers ------------------------------------------------------------------------------

    def _load(self, session: Session, actor: Actor, user_id: int) -> tuple[User, User]:
        manager = self._signins.user(session, actor, Action.MANAGE_USERS)
        # Every active manager's row first, always in the same order: two counters changing
        # the last two managers at once then queue instead of deadlocking, and the second
        # sees the first's change (_keep_a_manager).
        session.execute(
            select(User.id)
            .where(User.role == Role.MANAGER.value, User.active.is_(True))
            .order_by(User.id)
            .with_for_update()
        )
        user = session.get(User, user_id, with_for_update=True) if is_row_id(user_id) else None
        if user is None:
            raise NotFound(N_("no user with id {id}"), id=user_id)
        return manager, user

    def _now(self) -> datetime:
        return self._clock().replace(microsecond=0)


def _keep_a_manager(session: Session, leaving: User) -> None:
    """Refuse when `leaving` is the last active manager who can sign in (its role or access
    about to go). A manager without a password (an account from before sign-in) does not count:
    nobody can sign in as them, so the shop would have nobody left to manage it. The caller
    holds every manager's row (UserService._load)."""
    others = session.scalars(
        select(User.id).where(
            User.role == Role.MANAGER.value,
            User.active.is_(True),
            User.password_hash.is_not(None),
            User.id != leaving.id,
        )
    ).all()
    if not others:
        # The seeded manager's name is a word, said in the reader's language.
        name = (
            Text(SEEDED_MANAGER_LABEL)
            if leaving.display_name == SEEDED_MANAGER_NAME
            else Verbatim(leaving.display_name)
        )
        if session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.MANAGER.value, User.active.is_(True), User.id != leaving.id)
        ):
            raise LastManager(
                N_(
                    "{name} is the last manager who can sign in: reset another manager's "
                    "password first"
                ),
                name=name,
            )
        raise LastManager(
            N_("{name} is the last active manager: make someone else a manager first"), name=name
        )
