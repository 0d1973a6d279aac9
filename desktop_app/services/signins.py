"""Who is signed in at this counter: the secrets the sign-in service issued, and the check every
service call makes of its actor."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.models import StaffEvent, User
from desktop_app.domain.errors import NotPermitted
from desktop_app.domain.people import Actor, NotSignedIn
from desktop_app.domain.roles import Action, Role, require
from desktop_app.domain.text import N_, Verbatim
from desktop_app.domain.vocabulary import StaffEventKind


class SignIns:
    """The sign-ins this process issued (one per signed-in window or command), by secret.

    An Actor is only as good as its secret: one made up by a caller, one from another counter's
    services, or one signed out is refused. The user's row is read again on every call, so a
    user disabled at another counter is refused at their next action, and a changed role counts
    at once.
    """

    def __init__(self, workstation: str) -> None:
        self.workstation = workstation
        # secret -> (user id, the account's access_version at sign-in)
        self._issued: dict[str, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def issue(self, user: User, *, must_change_password: bool = False) -> Actor:
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._issued[token] = (user.id, user.access_version or 0)
        snapshot = queries.user_snapshot(user)
        return Actor(
            snapshot.id,
            snapshot.username,
            snapshot.display_name,
            snapshot.role,
            snapshot.active,
            token=token,
            workstation=self.workstation,
            must_change_password=must_change_password,
        )

    def record(
        self,
        session: Session,
        kind: StaffEventKind,
        at: datetime,
        user: User | None,
        actor: User | None,
        payload: Mapping[str, Any] | None = None,
    ) -> None:
        """Write an entry of the staff record: what happened to whose account, by whom, at
        this counter."""
        record_staff_event(
            session,
            kind,
            at,
            user_id=user.id if user is not None else None,
            actor_id=actor.id if actor is not None else None,
            workstation=self.workstation,
            payload=payload,
        )

    def revoke(self, actor: Actor) -> None:
        with self._lock:
            self._issued.pop(actor.token, None)

    def is_issued(self, actor: object) -> bool:
        if not isinstance(actor, Actor) or not isinstance(actor.token, str):
            return False
        with self._lock:
            issued = self._issued.get(actor.token)
        return issued is not None and issued[0] == actor.id

    def _access_version(self, actor: Actor) -> int | None:
        with self._lock:
            issued = self._issued.get(actor.token)
        return issued[1] if issued is not None else None

    def user(
        self,
        session: Session,
        actor: object,
        action: Action | None = None,
        *,
        password_change_owed_ok: bool = False,
    ) -> User:
        """The actor's user row, checked: signed in here, still active, no password change
        owed, and (with `action`) allowed to do it by the role the row says today."""
        if not self.is_issued(actor):
            raise NotSignedIn(N_("nobody is signed in here: sign in first"))
        assert isinstance(actor, Actor)
        user = session.get(User, actor.id)
        if user is None or not user.active:
            self.revoke(actor)
            raise NotSignedIn(
                N_("{name}'s account has been disabled: sign in as someone else"),
                name=Verbatim(actor.display_name),
            )
        if (user.access_version or 0) != self._access_version(actor):
            self.revoke(actor)
            raise NotSignedIn(
                N_("a manager has signed {name} out (access changed): sign in again"),
                name=Verbatim(actor.display_name),
            )
        if user.must_change_password and not password_change_owed_ok:
            raise NotPermitted(N_("choose a new password before anything else"))
        if action is not None:
            require(Role(user.role), action)
        return user


def record_staff_event(
    session: Session,
    kind: StaffEventKind,
    at: datetime,
    *,
    user_id: int | None,
    actor_id: int | None,
    workstation: str,
    payload: Mapping[str, Any] | None = None,
) -> None:
    session.add(
        StaffEvent(
            at=at,
            kind=kind.value,
            user_id=user_id,
            actor_id=actor_id,
            workstation=workstation[:255],
            payload=queries.encode_payload(payload),
        )
    )
