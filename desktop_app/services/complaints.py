"""The complaints register: one public method per step of a complaint, one transaction each.

Every step checks the actor and the complaint's version (a second counter acting on the same
complaint is told who changed it and when), moves the state as domain/complaints.py allows,
stamps its clock and appends a ComplaintEvent; the complaint's record is never rewritten.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Compensation,
    Complaint,
    ComplaintEvent,
    Customer,
    Job,
    ShopSettings,
    User,
)
from desktop_app.domain.compensation import Offer
from desktop_app.domain.complaints import (
    NUMBER_SERIES,
    OPEN_STATES,
    UNRESOLVED,
    ComplaintCounts,
    ComplaintEventSnapshot,
    ComplaintForm,
    ComplaintQuery,
    ComplaintRow,
    ComplaintSnapshot,
    LinkedCompensation,
    acknowledge_due,
    acknowledge_overdue,
    check_step,
    complaint_number,
    resolve_due_date,
    resolve_overdue,
    validate_complaint,
)
from desktop_app.domain.errors import ConcurrentChange, FieldProblem, InvalidInput, NotFound
from desktop_app.domain.forms import half_width
from desktop_app.domain.limits import LONG_TEXT, check_texts, is_lookup_text, required_text
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, Role
from desktop_app.domain.rules import mask_phone, normalise_phone, validate_mobile
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import (
    CompensationState,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosing,
    ComplaintEventKind,
    ComplaintState,
    EventKind,
)
from desktop_app.services.common import (
    Clock,
    find_or_add_customer,
    is_row_id,
    local_now,
    lock_job,
    next_number,
    record_event,
)
from desktop_app.services.compensation import propose_for_complaint
from desktop_app.services.signins import SignIns

log = logging.getLogger(__name__)

LIST_LIMIT = 500


class ComplaintService:
    def __init__(
        self,
        database: Database,
        clock: Clock = local_now,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
        signins: SignIns | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._calendars = calendars
        self._signins = signins or SignIns("")

    # --- writing ------------------------------------------------------------------------------

    def register(self, form: ComplaintForm, actor: Actor) -> ComplaintSnapshot:
        """A customer complains (at the counter, on the hotline, online, by letter)."""
        phone, number = validate_complaint(form)
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.RECORD_COMPLAINT)
            now = self._clock()
            job = _job_of_phone(session, number, phone) if number else None
            if job is not None:
                # The complaint is the job's customer's, whatever name the caller gave (the
                # job's phone was checked): never a second customer record for that phone.
                customer = session.get(Customer, job.customer_id)
                assert customer is not None
            else:
                customer = find_or_add_customer(session, form.customer_name.strip(), phone, now)
            complaint = Complaint(
                number=_next_number(session, now),
                state=ComplaintState.RECEIVED.value,
                channel=form.channel.value,
                category=form.category.value,
                customer_id=customer.id,
                job_id=job.id if job is not None else None,
                words=form.words.strip(),
                request=form.request.strip(),
                received_at=now,
                received_by_id=user.id,
                last_event_at=now,
            )
            self._start_clocks(session, complaint, now)
            session.add(complaint)
            session.flush()
            _event(
                session, complaint, user, ComplaintEventKind.RECEIVED, now, None, from_state=None
            )
            if job is not None:
                _link_job(session, job, complaint, user, now)
            return self._finish(session, complaint)

    def acknowledge(
        self, complaint_id: int, actor: Actor, note: str, expected_version: int | None = None
    ) -> ComplaintSnapshot:
        """The customer was called back: stops the 24-hour clock."""
        note = required_text(note, N_("what the customer was told"))
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.ACKNOWLEDGED, expected_version
            )
            complaint.acknowledged_at = now
            complaint.acknowledged_by_id = user.id
            _event(
                session, complaint, user, ComplaintEventKind.ACKNOWLEDGED, now, note, from_state=was
            )
            return self._finish(session, complaint)

    def start_investigation(
        self, complaint_id: int, actor: Actor, note: str = "", expected_version: int | None = None
    ) -> ComplaintSnapshot:
        check_texts(("note", note, LONG_TEXT))
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.INVESTIGATING, expected_version
            )
            _event(
                session,
                complaint,
                user,
                ComplaintEventKind.INVESTIGATING,
                now,
                note.strip(),
                from_state=was,
            )
            return self._finish(session, complaint)

    def resolve(
        self,
        complaint_id: int,
        actor: Actor,
        *,
        finding: str,
        shop_at_fault: bool,
        resolution: str,
        expected_version: int | None = None,
    ) -> ComplaintSnapshot:
        """What was found, whether the shop was at fault, and what is done about it. At fault,
        the policy's compensation is proposed in the same transaction."""
        problems = []
        for field, value, what in (
            ("finding", finding, N_("what the investigation found")),
            ("resolution", resolution, N_("the resolution")),
        ):
            try:
                required_text(value, what, field=field)
            except InvalidInput as error:
                problems.extend(error.problems)
        if not isinstance(shop_at_fault, bool):
            problems.append(FieldProblem("shop_at_fault", Text(N_("must be yes or no"))))
        if problems:
            raise InvalidInput(problems)
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.RESOLVED, expected_version
            )
            complaint.resolved_at = now
            complaint.finding = finding.strip()
            complaint.shop_at_fault = shop_at_fault
            complaint.resolution = resolution.strip()
            _event(
                session,
                complaint,
                user,
                ComplaintEventKind.RESOLVED,
                now,
                complaint.resolution,
                {"finding": complaint.finding, "shop_at_fault": shop_at_fault},
                from_state=was,
            )
            if shop_at_fault:
                session.flush()
                propose_for_complaint(session, complaint, user, now)
            return self._finish(session, complaint)

    def close(
        self,
        complaint_id: int,
        actor: Actor,
        closing: ComplaintClosing,
        note: str = "",
        expected_version: int | None = None,
    ) -> ComplaintSnapshot:
        """The customer accepted the resolution, or did not and it goes to the manager."""
        if not isinstance(closing, ComplaintClosing):
            raise InvalidInput.single("closing", N_("must be one of the choices offered"))
        if closing is ComplaintClosing.ESCALATED:
            note = required_text(note, N_("why the customer did not accept"))
        check_texts(("note", note, LONG_TEXT))
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.CLOSED, expected_version
            )
            complaint.closed_at = now
            complaint.closing = closing.value
            _event(
                session,
                complaint,
                user,
                ComplaintEventKind.CLOSED,
                now,
                note.strip(),
                {"closing": closing.value},
                from_state=was,
            )
            return self._finish(session, complaint)

    def reopen(
        self, complaint_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> ComplaintSnapshot:
        """A manager takes a resolved or closed complaint back into investigation."""
        reason = required_text(reason, N_("a reason to reopen the complaint"), field="reason")
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session,
                complaint_id,
                actor,
                ComplaintEventKind.REOPENED,
                expected_version,
                Action.REOPEN_COMPLAINT,
            )
            complaint.resolved_at = None
            complaint.closed_at = None
            complaint.closing = ""
            _event(
                session, complaint, user, ComplaintEventKind.REOPENED, now, reason, from_state=was
            )
            return self._finish(session, complaint)

    def register_draft(
        self, complaint_id: int, actor: Actor, note: str = "", expected_version: int | None = None
    ) -> ComplaintSnapshot:
        """A manager registers a follow-up call's draft: it gets a number, and its clocks start
        now."""
        check_texts(("note", note, LONG_TEXT))
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.RECEIVED, expected_version
            )
            complaint.number = _next_number(session, now)
            self._start_clocks(session, complaint, now)
            _event(
                session,
                complaint,
                user,
                ComplaintEventKind.RECEIVED,
                now,
                note.strip(),
                from_state=was,
            )
            if complaint.job_id is not None:
                job = session.get(Job, complaint.job_id)
                if job is not None:
                    _link_job(session, job, complaint, user, now)
            return self._finish(session, complaint)

    def dismiss_draft(
        self, complaint_id: int, actor: Actor, reason: str, expected_version: int | None = None
    ) -> ComplaintSnapshot:
        reason = required_text(reason, N_("a reason to dismiss the draft"), field="reason")
        with self._db.write() as session:
            complaint, user, now, was = self._step(
                session, complaint_id, actor, ComplaintEventKind.DISMISSED, expected_version
            )
            _event(
                session, complaint, user, ComplaintEventKind.DISMISSED, now, reason, from_state=was
            )
            return self._finish(session, complaint)

    # --- reading ------------------------------------------------------------------------------

    def get(self, complaint_id: int) -> ComplaintSnapshot:
        with self._db.read() as session:
            return _snapshot(session, _load(session, complaint_id), self._clock())

    def find_by_number(self, number: str) -> ComplaintSnapshot | None:
        if not is_lookup_text(number) or not number.strip():
            return None
        with self._db.read() as session:
            complaint = session.scalars(
                select(Complaint).where(Complaint.number == number.strip().upper())
            ).first()
            return _snapshot(session, complaint, self._clock()) if complaint else None

    def search(
        self, query: ComplaintQuery, limit: int | None = LIST_LIMIT
    ) -> tuple[ComplaintRow, ...]:
        """The register, newest first, phones masked (`limit` None: all of it, for an export)."""
        if not is_lookup_text(query.text):
            return ()
        now = self._clock()
        conditions: list[object] = []
        if query.state is not None:
            conditions.append(Complaint.state == query.state.value)
        if query.open_only:
            conditions.append(Complaint.state.in_([s.value for s in OPEN_STATES]))
        if query.overdue_only:
            conditions.append(or_(*_overdue_conditions(now)))
        text = half_width(query.text).strip()  # a full-width mode's １３９ and ＴＳ… too
        if text:
            digits = normalise_phone(text)
            matches: list[object] = [
                Complaint.number.contains(text.upper(), autoescape=True),
                Customer.name.contains(text, autoescape=True),
                Job.number.contains(text.upper(), autoescape=True),
            ]
            if digits and digits.isdigit():
                matches.append(Customer.phone.contains(digits, autoescape=True))
            conditions.append(or_(*matches))
        with self._db.read() as session:
            statement = (
                select(Complaint, Customer.name, Customer.phone, Job.number)
                .join(Customer, Customer.id == Complaint.customer_id)
                .outerjoin(Job, Job.id == Complaint.job_id)
                .where(*conditions)
                .order_by(Complaint.received_at.desc(), Complaint.id.desc())
            )
            if limit is not None:
                statement = statement.limit(max(1, limit))
            return tuple(
                _row(complaint, name, phone, job_number, now)
                for complaint, name, phone, job_number in session.execute(statement)
            )

    def overdue(self) -> tuple[ComplaintRow, ...]:
        """The clocks panel's complaints: not called back in 24 hours, or not resolved in time."""
        return self.search(ComplaintQuery(overdue_only=True))

    def counts(self) -> ComplaintCounts:
        now = self._clock()
        acknowledge, resolve = _overdue_conditions(now)
        with self._db.read() as session:

            def count(condition: object) -> int:
                return int(session.scalar(select(func.count(Complaint.id)).where(condition)) or 0)

            return ComplaintCounts(
                count(acknowledge),
                count(resolve),
                count(Complaint.state == ComplaintState.DRAFT.value),
                count(or_(acknowledge, resolve)),
            )

    def customer_names_for_phone(self, phone: str) -> tuple[str, ...]:
        """The names on file for a phone (the new-complaint dialog fills the name from it)."""
        try:
            normalised = validate_mobile(phone)
        except InvalidInput:
            return ()
        with self._db.read() as session:
            return queries.customer_names_for_phone(session, normalised)

    # --- helpers ------------------------------------------------------------------------------

    def _start_clocks(self, session: Session, complaint: Complaint, now: datetime) -> None:
        settings = session.get(ShopSettings, 1)
        days = settings.complaint_resolve_days if settings is not None else 5
        calendar = queries.work_calendar(session, self._calendars)
        complaint.acknowledge_due_at = acknowledge_due(now)
        complaint.resolve_due_date = resolve_due_date(calendar, now, days)

    def _step(
        self,
        session: Session,
        complaint_id: int,
        actor: Actor,
        kind: ComplaintEventKind,
        expected_version: int | None,
        action: Action = Action.RECORD_COMPLAINT,
    ) -> tuple[Complaint, User, datetime, str]:
        """Check the actor, lock and load the complaint, check the step; moves the state and
        returns the state it left."""
        user = self._signins.user(session, actor, action)
        if not is_row_id(complaint_id):
            raise NotFound(N_("no complaint with id {id}"), id=complaint_id)
        session.execute(select(Complaint.id).where(Complaint.id == complaint_id).with_for_update())
        complaint = _load(session, complaint_id, expected_version)
        previous = complaint.state
        step = check_step(ComplaintState(previous), kind, Role(user.role))
        complaint.state = step.target.value
        return complaint, user, self._clock(), previous

    def _finish(self, session: Session, complaint: Complaint) -> ComplaintSnapshot:
        complaint_id, number = complaint.id, complaint.number
        try:
            session.flush()
        except StaleDataError as error:
            session.rollback()
            with Session(session.get_bind()) as fresh:
                raise _changed_elsewhere(fresh, complaint_id, number) from error
        return _snapshot(session, complaint, self._clock())


# --- the module's helpers -------------------------------------------------------------------------


def _overdue_conditions(now: datetime) -> tuple[object, object]:
    acknowledge = and_(
        Complaint.state == ComplaintState.RECEIVED.value,
        Complaint.acknowledged_at.is_(None),
        Complaint.acknowledge_due_at < now,
    )
    resolve = and_(
        Complaint.state.in_([s.value for s in UNRESOLVED]),
        Complaint.resolve_due_date < now.date(),
    )
    return acknowledge, resolve


def _load(session: Session, complaint_id: int, expected_version: int | None = None) -> Complaint:
    complaint = session.get(Complaint, complaint_id) if is_row_id(complaint_id) else None
    if complaint is None:
        raise NotFound(N_("no complaint with id {id}"), id=complaint_id)
    if expected_version is not None and complaint.version != expected_version:
        raise _changed_elsewhere(session, complaint.id, complaint.number)
    return complaint


def _changed_elsewhere(session: Session, complaint_id: int, number: str | None) -> ConcurrentChange:
    last = session.execute(
        select(ComplaintEvent.at, User.display_name)
        .join(User, User.id == ComplaintEvent.user_id)
        .where(ComplaintEvent.complaint_id == complaint_id)
        .order_by(ComplaintEvent.id.desc())
        .limit(1)
    ).first()
    name, at = (last.display_name, last.at) if last is not None else ("?", None)
    return ConcurrentChange(
        N_("complaint {number} was changed at another counter by {name} at {at}: reopen it"),
        number=Verbatim(number or "—"),
        name=Verbatim(name),
        at=at if at is not None else Verbatim("?"),
    )


def _event(
    session: Session,
    complaint: Complaint,
    user: User,
    kind: ComplaintEventKind,
    at: datetime,
    note: str | None,
    payload: dict[str, object] | None = None,
    *,
    from_state: str | None,
) -> None:
    """Append one entry to the complaint's record; the complaint's version goes up."""
    complaint.last_event_at = at
    flag_modified(complaint, "last_event_at")
    session.add(
        ComplaintEvent(
            complaint_id=complaint.id,
            at=at,
            user_id=user.id,
            kind=kind.value,
            from_state=from_state,
            to_state=complaint.state,
            note=note or "",
            payload=queries.encode_payload(payload),
        )
    )


def _job_of_phone(session: Session, number: str, phone: str) -> Job:
    """The job complained about: it must exist and be this phone's (a complaint about another
    customer's job is refused, not filed against the wrong person). No phone: the job's own
    customer complains."""
    if not is_lookup_text(number):
        raise InvalidInput.single("job_number", N_("no job with number {number}"), number="?")
    job = session.scalars(select(Job).where(Job.number == number)).first()
    if job is None:
        raise InvalidInput.single(
            "job_number", N_("no job with number {number}"), number=Verbatim(number)
        )
    owner = session.get(Customer, job.customer_id)
    if phone and (owner is None or owner.phone != phone):
        raise InvalidInput.single(
            "job_number",
            N_("job {number} is another customer's: check the job number and the phone"),
            number=Verbatim(number),
        )
    lock_job(session, job.id)
    return job


def _link_job(session: Session, job: Job, complaint: Complaint, user: User, now: datetime) -> None:
    """The job's own record says a complaint was received about it."""
    record_event(
        session,
        job,
        user,
        EventKind.COMPLAINT_LINKED,
        now,
        None,
        None,
        "",
        {"complaint": complaint.number},
    )


def _next_number(session: Session, now: datetime) -> str:
    """TS20260325-007, unique even when two counters register at the same moment."""
    return complaint_number(now, next_number(session, NUMBER_SERIES, now))


def _name(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return user.display_name if user is not None else "?"


def _choice(kind: type, value: str) -> object:
    try:
        return kind(value)
    except ValueError:
        return value


def _offers(raw: str) -> tuple[Offer, ...]:
    """A compensation's offers as stored (a JSON list of Offer.to_json); an unreadable value
    (written by hand, or by a newer version) shows as no offers rather than failing the view."""
    try:
        items = json.loads(raw or "[]")
        if isinstance(items, dict):
            items = items.get("offers", [])
        return tuple(Offer.from_json(item) for item in items if isinstance(item, dict))
    except (ValueError, KeyError, TypeError, AttributeError):
        log.warning("compensation offers not readable: %r", raw)
        return ()


def _compensations(session: Session, complaint_id: int) -> tuple[LinkedCompensation, ...]:
    rows = session.scalars(
        select(Compensation)
        .where(Compensation.complaint_id == complaint_id)
        .order_by(Compensation.id)
    )
    return tuple(
        LinkedCompensation(
            row.id,
            _choice(CompensationState, row.state),  # type: ignore[arg-type]
            _offers(row.proposed),
            _offers(row.decided),
            row.reason,
            row.proposed_at,
            row.decided_at,
        )
        for row in rows
    )


def _snapshot(session: Session, complaint: Complaint, now: datetime) -> ComplaintSnapshot:
    state = ComplaintState(complaint.state)
    job = session.get(Job, complaint.job_id) if complaint.job_id is not None else None
    events = tuple(
        ComplaintEventSnapshot(
            event.at,
            name,
            event.kind,
            event.from_state,
            event.to_state,
            event.note,
            queries.decode_payload(event.payload),
        )
        for event, name in session.execute(
            select(ComplaintEvent, User.display_name)
            .join(User, User.id == ComplaintEvent.user_id)
            .where(ComplaintEvent.complaint_id == complaint.id)
            .order_by(ComplaintEvent.id)
        )
    )
    return ComplaintSnapshot(
        id=complaint.id,
        number=complaint.number,
        state=state,
        channel=_choice(ComplaintChannel, complaint.channel),  # type: ignore[arg-type]
        category=_choice(ComplaintCategory, complaint.category),  # type: ignore[arg-type]
        customer_name=complaint.customer.name,
        masked_phone=mask_phone(complaint.customer.phone),
        job_id=complaint.job_id,
        job_number=job.number if job is not None else None,
        words=complaint.words,
        request=complaint.request,
        received_at=complaint.received_at,
        received_by=_name(session, complaint.received_by_id) or "?",
        acknowledge_due_at=complaint.acknowledge_due_at,
        acknowledged_at=complaint.acknowledged_at,
        acknowledged_by=_name(session, complaint.acknowledged_by_id),
        resolve_due_date=complaint.resolve_due_date,
        resolved_at=complaint.resolved_at,
        finding=complaint.finding,
        shop_at_fault=complaint.shop_at_fault,
        resolution=complaint.resolution,
        closed_at=complaint.closed_at,
        closing=ComplaintClosing(complaint.closing) if complaint.closing else None,
        version=complaint.version,
        acknowledge_overdue=acknowledge_overdue(
            state, complaint.acknowledge_due_at, complaint.acknowledged_at, now
        ),
        resolve_overdue=resolve_overdue(state, complaint.resolve_due_date, now),
        events=events,
        compensations=_compensations(session, complaint.id),
    )


def _row(
    complaint: Complaint, name: str, phone: str, job_number: str | None, now: datetime
) -> ComplaintRow:
    state = ComplaintState(complaint.state)
    return ComplaintRow(
        id=complaint.id,
        number=complaint.number,
        state=state,
        channel=complaint.channel,
        category=complaint.category,
        customer_name=name,
        masked_phone=mask_phone(phone),
        job_number=job_number,
        received_at=complaint.received_at,
        acknowledge_due_at=complaint.acknowledge_due_at,
        resolve_due_date=complaint.resolve_due_date,
        acknowledge_overdue=acknowledge_overdue(
            state, complaint.acknowledge_due_at, complaint.acknowledged_at, now
        ),
        resolve_overdue=resolve_overdue(state, complaint.resolve_due_date, now),
    )
