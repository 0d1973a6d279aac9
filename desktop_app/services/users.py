"""Staff accounts. Sign-in comes later; every event already names the user who caused it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desktop_app.data.db import Database
from desktop_app.data.models import User
from desktop_app.data.queries import user_snapshot
from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import (
    DISPLAY_NAME,
    USERNAME,
    is_blank,
    is_lookup_text,
    text_problems,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.text import N_, Text, Verbatim


class UserService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def list(self, role: Role | None = None) -> list[UserSnapshot]:
        with self._db.read() as session:
            statement = select(User).where(User.active.is_(True)).order_by(User.id)
            if role is not None:
                statement = statement.where(User.role == role.value)
            return [user_snapshot(u) for u in session.scalars(statement)]

    def by_username(self, username: str) -> UserSnapshot | None:
        if not is_lookup_text(username):
            return None  # no user name on file holds a control character
        with self._db.read() as session:
            user = session.scalars(select(User).where(User.username == username)).first()
            return user_snapshot(user) if user else None

    def add(self, username: str, display_name: str, role: Role) -> UserSnapshot:
        problems = text_problems(
            [("username", username, USERNAME), ("display_name", display_name, DISPLAY_NAME)]
        )
        if not problems and is_blank(username):
            problems.append(FieldProblem("username", Text(N_("a user name is required"))))
        if not problems and is_blank(display_name):
            problems.append(FieldProblem("display_name", Text(N_("a display name is required"))))
        if not isinstance(role, Role):
            problems.append(FieldProblem("role", Text(N_("must be a known role"))))
        if problems:
            raise InvalidInput(problems)
        try:
            with self._db.write() as session:
                user = User(
                    username=username.strip(),
                    display_name=display_name.strip(),
                    role=role.value,
                    active=True,
                    created_at=datetime.now().replace(microsecond=0),
                )
                session.add(user)
                session.flush()
                return user_snapshot(user)
        except IntegrityError as error:
            raise InvalidInput.single(
                "username", N_("{name} is already taken"), name=Verbatim(username.strip())
            ) from error
