"""The day's takings (domain/takings.py) and the cash drawer's count.

A report is one read: the shift's payment lines (one indexed query, data/takings.py), its
drawer counts, the shop's name; the domain adds them up. A clerk sees their own lines only (and
the counts they made); a manager sees every clerk's, or one's.

A count is one write: the expected cash is read again inside the count's own transaction (not
taken from the window, which may be minutes old), the count is checked against it (a difference
needs a note), and the row is appended. A recount appends another; the latest counts.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data import takings as rows
from desktop_app.data.db import Database
from desktop_app.data.models import DrawerCount as DrawerCountRow
from desktop_app.data.models import User
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, Role, may, require
from desktop_app.domain.takings import (
    NOT_BEGUN,
    DrawerCount,
    DrawerCountForm,
    Takings,
    TakingsQuery,
    takings,
    totals,
    validated_count,
)
from desktop_app.domain.text import N_, Verbatim
from desktop_app.services.common import Clock, local_now
from desktop_app.services.signins import SignIns

NO_SUCH_CLERK = N_("no member of staff has the user name {name}")


class TakingsService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    @property
    def workstation(self) -> str:
        """This counter's name, as its payments record it: the drawer a count here is of."""
        return self._signins.workstation

    def report(self, query: TakingsQuery, actor: Actor) -> Takings:
        """The takings of the day or shift as they stand now. A clerk's are their own: asking
        for everyone's gives theirs, asking for another clerk's is refused."""
        with self._db.read() as session:
            user = self._signins.user(session, actor, Action.VIEW_TAKINGS)
            everyone = may(Role(user.role), Action.VIEW_ALL_TAKINGS)
            if not everyone:
                if query.clerk not in (None, user.username):
                    require(Role(user.role), Action.VIEW_ALL_TAKINGS)  # refused, and says so
                query = TakingsQuery(query.shift, query.workstation, user.username)
            clerk_name = ""
            if query.clerk is not None:
                clerk = _user_named(session, query.clerk)
                clerk_name = clerk.display_name
            shift = query.shift
            lines, usernames = rows.payment_lines(session, shift.starts_at, shift.ends_before)
            counts = rows.drawer_counts(
                session, shift.starts_at, shift.ends_before, None if everyone else user.id
            )
            shop = queries.shop_snapshot(session)
            now = self._clock()
        if not everyone:  # what the filters offer: their own lines only
            lines = [line for line in lines if line.taken_by_id == user.id]
        return takings(
            shop=(shop.name, shop.address, shop.hotline),
            query=query,
            clerk_name=clerk_name,
            generated_at=now,
            lines=lines,
            usernames=usernames,
            counts=counts,
        )

    def count_drawer(self, form: DrawerCountForm, actor: Actor) -> DrawerCount:
        """Records a count of `form.workstation`'s drawer for the day or shift: counted,
        expected (that drawer's cash in less cash out, read now), who, when, and the note a
        difference needs. Refused for a day not begun."""
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.COUNT_DRAWER)
            now = self._clock()
            shift = form.shift
            if shift.starts_at > now:
                raise InvalidInput.single("date", NOT_BEGUN)
            workstation = form.workstation.strip() if isinstance(form.workstation, str) else ""
            lines, _ = rows.payment_lines(
                session,
                shift.starts_at,
                shift.ends_before,
                workstation if is_lookup_text(workstation) else None,
            )
            expected = totals(lines).expected_cash_cents
            counted, note = validated_count(form, expected)
            row = DrawerCountRow(
                workstation=workstation,
                starts_at=shift.starts_at,
                ends_before=shift.ends_before,
                counted_cents=counted,
                expected_cents=expected,
                counted_by_id=user.id,
                at=now,
                note=note,
            )
            session.add(row)
            session.flush()
            return rows.drawer_count(row, user.display_name)


def _user_named(session: Session, username: str) -> User:
    found = (
        session.scalars(select(User).where(User.username == username)).first()
        if is_lookup_text(username)
        else None
    )
    if found is None:
        raise InvalidInput.single("clerk", NO_SUCH_CLERK, name=Verbatim(username))
    return found
