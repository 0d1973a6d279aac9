"""The consultation log's use cases: record a question, call back, list, count; and the two
pieces the check-in service uses to turn a consultation into a job in its own transaction."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.data.db import Database
from desktop_app.data.models import Consultation, Job, User
from desktop_app.domain.consultations import (
    NUMBER_SERIES,
    ConsultationCounts,
    ConsultationFilter,
    ConsultationForm,
    ConsultationQuery,
    ConsultationRow,
    ConsultationSnapshot,
    callback_due,
    check_callback,
    check_convertible,
    consultation_number,
    validate_callback_answer,
    validate_consultation,
)
from desktop_app.domain.errors import ConcurrentChange, NotFound
from desktop_app.domain.forms import CLOCK_LIST_LIMIT, half_width, searchable
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.rules import Category, mask_phone
from desktop_app.domain.text import N_
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState, label_of
from desktop_app.services.common import Clock, is_row_id, local_now, next_number
from desktop_app.services.signins import SignIns

# The log shows at most this many consultations, newest first (a search narrows it).
LIST_LIMIT = 1000


class ConsultationService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    # --- writing ------------------------------------------------------------------------------

    def record(self, form: ConsultationForm, actor: Actor) -> ConsultationSnapshot:
        """A question taken: answered now, or a callback promised within 24 hours."""
        valid = validate_consultation(form)
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.RECORD_CONSULTATION)
            now = self._clock()
            state = valid.state
            consultation = Consultation(
                number=consultation_number(now.date(), next_number(session, NUMBER_SERIES, now)),
                channel=valid.channel.value,
                state=state.value,
                phone=valid.phone,
                caller_name=valid.caller_name,
                category=valid.category.value if valid.category is not None else "",
                brand=valid.brand,
                model=valid.model,
                question=valid.question,
                answer=valid.answer,
                received_at=now,
                answered_by_id=user.id,
                callback_due_at=(
                    callback_due(now) if state is ConsultationState.CALLBACK_DUE else None
                ),
                last_event_at=now,
            )
            session.add(consultation)
            session.flush()
            return snapshot(session, consultation)

    def call_back(
        self,
        consultation_id: int,
        answer: str,
        actor: Actor,
        expected_version: int | None = None,
    ) -> ConsultationSnapshot:
        """The promised callback was made: what was answered, by whom, when."""
        answer = validate_callback_answer(answer)
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.RECORD_CONSULTATION)
            consultation = lock(session, consultation_id, expected_version)
            check_callback(consultation.number, ConsultationState(consultation.state))
            now = self._clock()
            consultation.state = ConsultationState.CALLED_BACK.value
            consultation.called_back_at = now
            consultation.called_back_by_id = user.id
            consultation.callback_answer = answer
            consultation.last_event_at = now
            flush(session, consultation)
            return snapshot(session, consultation)

    # --- reading ------------------------------------------------------------------------------

    def get(self, consultation_id: int) -> ConsultationSnapshot:
        with self._db.read() as session:
            return snapshot(session, load(session, consultation_id))

    def list(
        self, query: ConsultationQuery | None = None, limit: int | None = LIST_LIMIT
    ) -> tuple[ConsultationRow, ...]:
        """Newest first (overdue callbacks: the longest overdue first); `limit` None: all
        (the command line's export)."""
        query = query or ConsultationQuery()
        text = half_width(searchable(query.text)).strip() if isinstance(query.text, str) else ""
        if isinstance(query.text, str) and query.text.strip() and not text:
            return ()  # only characters no consultation holds
        now = self._clock()
        statement = _rows()
        if query.which is ConsultationFilter.AWAITING_CALLBACK:
            statement = statement.where(
                Consultation.state == ConsultationState.CALLBACK_DUE.value
            ).order_by(Consultation.callback_due_at, Consultation.id)
        elif query.which is ConsultationFilter.OVERDUE:
            statement = statement.where(
                Consultation.state == ConsultationState.CALLBACK_DUE.value,
                Consultation.callback_due_at < now,
            ).order_by(Consultation.callback_due_at, Consultation.id)
        else:
            statement = statement.order_by(Consultation.received_at.desc(), Consultation.id.desc())
        if text:
            statement = statement.where(_matching(text))
        with self._db.read() as session:
            if limit is not None:
                statement = statement.limit(max(0, limit))
            return tuple(_row(r) for r in session.execute(statement))

    def overdue_callbacks(self) -> tuple[ConsultationRow, ...]:
        """The clocks panel's list: promised callbacks past due, the longest overdue first."""
        return self.list(ConsultationQuery(ConsultationFilter.OVERDUE), limit=CLOCK_LIST_LIMIT)

    def counts(self) -> ConsultationCounts:
        now = self._clock()
        waiting = Consultation.state == ConsultationState.CALLBACK_DUE.value
        with self._db.read() as session:
            awaiting = session.scalar(select(func.count()).where(waiting)) or 0
            overdue = (
                session.scalar(
                    select(func.count()).where(waiting, Consultation.callback_due_at < now)
                )
                or 0
            )
        return ConsultationCounts(awaiting, overdue)


# --- shared with the check-in service ----------------------------------------------------------


def load(session: Session, consultation_id: object) -> Consultation:
    consultation = (
        session.get(Consultation, consultation_id) if is_row_id(consultation_id) else None
    )
    if consultation is None:
        raise NotFound(N_("no consultation with id {id}"), id=consultation_id)
    return consultation


def lock(
    session: Session, consultation_id: object, expected_version: int | None = None
) -> Consultation:
    """Hold the consultation's row until the action commits (PostgreSQL: FOR UPDATE; SQLite's
    write transaction holds the database), then load it, refusing a stale screen."""
    if is_row_id(consultation_id):
        session.execute(
            select(Consultation.id).where(Consultation.id == consultation_id).with_for_update()
        )
    consultation = load(session, consultation_id)
    if expected_version is not None and consultation.version != expected_version:
        raise changed_elsewhere(consultation.number, consultation.state)
    return consultation


def changed_elsewhere(number: str, state: str) -> ConcurrentChange:
    return ConcurrentChange(
        N_("consultation {number} was changed at another counter (now: {state}): look again"),
        number=number,
        state=label_of(ConsultationState, state),
    )


def flush(session: Session, consultation: Consultation) -> None:
    number = consultation.number
    try:
        session.flush()
    except StaleDataError as error:
        session.rollback()
        with Session(session.get_bind()) as fresh:
            state = fresh.scalar(select(Consultation.state).where(Consultation.number == number))
        raise changed_elsewhere(number, state or "") from error


def take_for_check_in(session: Session, consultation_id: object) -> Consultation:
    """The consultation a check-in converts, locked; refused if unknown or already a job."""
    consultation = lock(session, consultation_id)
    job_number = (
        session.scalar(select(Job.number).where(Job.id == consultation.job_id))
        if consultation.job_id is not None
        else None
    )
    check_convertible(consultation.number, ConsultationState(consultation.state), job_number)
    return consultation


def mark_converted(session: Session, consultation: Consultation, job: Job, now: datetime) -> None:
    """In the check-in's own transaction: the consultation became this job."""
    consultation.job_id = job.id
    consultation.state = ConsultationState.CONVERTED.value
    consultation.last_event_at = now
    flush(session, consultation)


def snapshot(session: Session, consultation: Consultation) -> ConsultationSnapshot:
    session.flush()
    answered_by = session.get(User, consultation.answered_by_id)
    called_back_by = (
        session.get(User, consultation.called_back_by_id)
        if consultation.called_back_by_id is not None
        else None
    )
    job_number = (
        session.scalar(select(Job.number).where(Job.id == consultation.job_id))
        if consultation.job_id is not None
        else None
    )
    return ConsultationSnapshot(
        id=consultation.id,
        number=consultation.number,
        channel=ConsultationChannel(consultation.channel),
        state=ConsultationState(consultation.state),
        phone=consultation.phone,
        caller_name=consultation.caller_name,
        category=_category(consultation.category),
        brand=consultation.brand,
        model=consultation.model,
        question=consultation.question,
        answer=consultation.answer,
        received_at=consultation.received_at,
        answered_by=answered_by.display_name if answered_by is not None else "",
        callback_due_at=consultation.callback_due_at,
        called_back_at=consultation.called_back_at,
        called_back_by=called_back_by.display_name if called_back_by is not None else "",
        callback_answer=consultation.callback_answer,
        job_id=consultation.job_id,
        job_number=job_number or "",
        version=consultation.version,
    )


def _category(value: str) -> Category | None:
    try:
        return Category(value) if value else None
    except ValueError:
        return None


_ANSWERER = aliased(User)
_CALLER_BACK = aliased(User)


def _rows() -> Select:
    return (
        select(
            Consultation.id,
            Consultation.number,
            Consultation.channel,
            Consultation.state,
            Consultation.phone,
            Consultation.caller_name,
            Consultation.category,
            Consultation.brand,
            Consultation.model,
            Consultation.question,
            Consultation.received_at,
            _ANSWERER.display_name.label("answered_by"),
            Consultation.callback_due_at,
            _CALLER_BACK.display_name.label("called_back_by"),
            Job.number.label("job_number"),
            Consultation.version,
        )
        .join(_ANSWERER, _ANSWERER.id == Consultation.answered_by_id)
        .outerjoin(_CALLER_BACK, _CALLER_BACK.id == Consultation.called_back_by_id)
        .outerjoin(Job, Job.id == Consultation.job_id)
    )


def _row(r) -> ConsultationRow:  # noqa: ANN001 (a result row)
    return ConsultationRow(
        id=r.id,
        number=r.number,
        channel=ConsultationChannel(r.channel),
        state=ConsultationState(r.state),
        masked_phone=mask_phone(r.phone),
        caller_name=r.caller_name,
        category=_category(r.category),
        product=" ".join(part for part in (r.brand, r.model) if part),
        question=r.question,
        received_at=r.received_at,
        answered_by=r.answered_by or "",
        callback_due_at=r.callback_due_at,
        called_back_by=r.called_back_by or "",
        job_number=r.job_number or "",
        version=r.version,
    )


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matching(text: str):  # noqa: ANN202 (a SQL condition)
    """A number (or its part), phone digits, or part of the caller's name."""
    pattern = f"%{_escaped(text)}%"
    conditions = [
        Consultation.number.like(f"%{_escaped(text.upper())}%", escape="\\"),
        Consultation.caller_name.like(pattern, escape="\\"),
    ]
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and is_lookup_text(digits) and len(digits) == len(text.replace(" ", "")):
        conditions.append(Consultation.phone.like(f"%{digits}%"))
    return or_(*conditions)
