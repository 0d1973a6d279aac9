"""Pieces every job use case shares: loading the actor and the job, writing events."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.data import queries
from desktop_app.data.models import Customer, DocumentCounter, Job, JobEvent, JobLine, User
from desktop_app.data.payment_lines import payment_lines
from desktop_app.data.quotations import latest_quotation_snapshot
from desktop_app.domain.actions import JobAction, JobState, ensure_allowed
from desktop_app.domain.errors import ConcurrentChange, NotFound
from desktop_app.domain.limits import required_text as required_text
from desktop_app.domain.payments import refundable
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import LineKey, line_key, quote_state
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import N_, Verbatim
from desktop_app.domain.vocabulary import LOOK_EVENTS, EventKind, QuoteState
from desktop_app.domain.workflow import CLOSED_STATUSES, Status, check_transition
from desktop_app.services.signins import SignIns

Clock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().replace(microsecond=0)


# The largest id an INTEGER column holds on PostgreSQL (SQLite holds 2**63 - 1).
MAX_ROW_ID = 2**31 - 1


def is_row_id(value: object) -> bool:
    """Whether `value` can be the id of a row: a whole number both backends can compare with an
    id column. Anything else (a string, a bool, 2**63) names no row, and is said so: passed to
    the database it would be SQLite's OverflowError or PostgreSQL's DataError."""
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ROW_ID


def get_user(session: Session, user_id: object) -> User | None:
    return session.get(User, user_id) if is_row_id(user_id) else None


def load_job(session: Session, job_id: int, expected_version: int | None = None) -> Job:
    job = session.get(Job, job_id) if is_row_id(job_id) else None
    if job is None:
        raise NotFound(N_("no job with id {id}"), id=job_id)
    if expected_version is not None and job.version != expected_version:
        raise changed_elsewhere(session, job.id, job.number)
    return job


def read_job(session: Session, job_id: int) -> JobSnapshot:
    """The job with its history, for the job view (queries.job_snapshot)."""
    snapshot = queries.job_snapshot(session, job_id) if is_row_id(job_id) else None
    if snapshot is None:
        raise NotFound(N_("no job with id {id}"), id=job_id)
    return snapshot


def lock_job(session: Session, job_id: int) -> None:
    """Hold the job's row until the action commits (PostgreSQL: SELECT … FOR UPDATE; on SQLite
    the write transaction holds the whole database already).

    Without it, under READ COMMITTED each statement sees what other counters committed since
    the last one: the job row could be read at one version and its lines at the next, and an
    action the other counter just made impossible was refused with the rule ("remove line is
    not possible") instead of "changed at another counter". Locked, another counter's write
    waits for this one, or this one waits and then reads the new version.
    """
    session.execute(select(Job.id).where(Job.id == job_id).with_for_update())


def changed_elsewhere(session: Session, job_id: int, number: str) -> ConcurrentChange:
    """The refusal a stale screen gets: who changed the job, and when, from its last event."""
    last = session.execute(
        select(JobEvent.at, User.display_name)
        .join(User, User.id == JobEvent.user_id)
        .where(JobEvent.job_id == job_id, JobEvent.kind.not_in([k.value for k in LOOK_EVENTS]))
        .order_by(JobEvent.id.desc())
        .limit(1)
    ).first()
    name, at = (last.display_name, last.at) if last is not None else ("?", None)
    return ConcurrentChange(
        N_("job {number} was changed at another counter by {name} at {at}: reopen it"),
        number=number,
        name=Verbatim(name),
        at=at if at is not None else Verbatim("?"),
    )


def record_event(
    session: Session,
    job: Job,
    actor: User,
    kind: EventKind,
    at: datetime,
    from_status: Status | None,
    to_status: Status | None,
    note: str = "",
    payload: Mapping[str, Any] | None = None,
    *,
    new_job: bool = False,
) -> None:
    """Append one event: `note` is only ever what the person typed; every fact goes in the
    payload (domain/events.py builders), so the timeline reads in each viewer's language.
    `new_job`: the job's own first event, written with it (its INSERT is its first version)."""
    if not new_job:
        job.last_event_at = at
        # Every write to a job bumps its version, even when nothing else on the row changes (a
        # line added in the same clock second): the UPDATE is what checks the version.
        flag_modified(job, "last_event_at")
    session.add(
        JobEvent(
            job_id=job.id,
            at=at,
            user_id=actor.id,
            kind=kind.value,
            from_status=from_status.value if from_status else None,
            to_status=to_status.value if to_status else None,
            note=note,
            payload=queries.encode_payload(payload),
        )
    )


def finish(session: Session, job: Job) -> JobSnapshot:
    """Flush (catching another counter's concurrent change) and snapshot the job."""
    # Read before the flush: after a failed flush the session can no longer load attributes.
    job_id, number = job.id, job.number
    try:
        session.flush()
    except StaleDataError as error:
        session.rollback()
        # The other counter's change is committed: a fresh transaction can read who made it.
        with Session(session.get_bind()) as fresh:
            raise changed_elsewhere(fresh, job_id, number) from error
    return read_job(session, job_id)


def transition(
    session: Session,
    job: Job,
    actor: User,
    target: Status,
    note: str,
    now: datetime,
    payload: Mapping[str, Any] | None = None,
) -> Status:
    """Move a job to `target` if the workflow allows it; stamps the clocks and writes the event."""
    current = Status(job.status)
    check_transition(Coverage(job.coverage), current, target)
    job.status = target.value
    if job.first_response_at is None and current is Status.RECEIVED:
        # Starting diagnosis or inspection is a response under the agreement.
        job.first_response_at = now
    if target is Status.READY_FOR_PICKUP:
        job.ready_at = now
    elif current is Status.READY_FOR_PICKUP and target is Status.REPAIRING:
        job.ready_at = None
    if target in CLOSED_STATUSES:
        job.returned_at = now
    record_event(
        session, job, actor, EventKind.STATUS_CHANGED, now, current, target, note.strip(), payload
    )
    return current


def active_line_keys(session: Session, job_id: int) -> list[LineKey]:
    """The job's active lines as a quotation compares them (domain/quotation.py `line_key`)."""
    rows = session.execute(
        select(
            JobLine.kind,
            JobLine.description,
            JobLine.part_model,
            JobLine.quantity,
            JobLine.unit_price_cents,
            JobLine.charged_cents,
        ).where(JobLine.job_id == job_id, JobLine.removed_at.is_(None))
    ).all()
    return [line_key(*row) for row in rows]


def quote_state_of(session: Session, job: Job, today: date | None) -> QuoteState | None:
    """A paid job's latest quotation against its lines now; None on a job that is not paid."""
    if job.coverage != Coverage.PAID.value:
        return None
    return quote_state(
        latest_quotation_snapshot(session, job.id), active_line_keys(session, job.id), today
    )


def job_state(session: Session, job: Job, today: date | None = None) -> JobState:
    active_lines = session.scalar(
        select(func.count())
        .select_from(JobLine)
        .where(JobLine.job_id == job.id, JobLine.removed_at.is_(None))
    )
    return JobState(
        status=Status(job.status),
        coverage=Coverage(job.coverage),
        service_requested=ServiceKind(job.service_requested),
        first_response_at=job.first_response_at,
        has_active_lines=bool(active_lines),
        satisfaction_recorded=job.satisfaction_score is not None,
        refundable_cents=refundable(payment_lines(session, job.id)),
        quote=quote_state_of(session, job, today),
    )


def load_for(
    session: Session,
    signins: SignIns,
    job_id: int,
    actor: Actor,
    action: JobAction,
    expected_version: int | None = None,
    today: date | None = None,
) -> tuple[Job, User]:
    """Check the actor, lock and load the job, and refuse unless the job view would offer this
    action to the actor's role as the database has it now (`today`: the service clock's day,
    for a quotation's validity)."""
    user = signins.user(session, actor)
    if not is_row_id(job_id):
        raise NotFound(N_("no job with id {id}"), id=job_id)
    lock_job(session, job_id)
    job = load_job(session, job_id, expected_version)
    ensure_allowed(job_state(session, job, today), Role(user.role), action)
    return job, user


def record_look(
    session: Session,
    job: Job,
    actor: User,
    kind: EventKind,
    at: datetime,
    payload: Mapping[str, Any] | None = None,
) -> None:
    """Append an event that records a look at the job (LOOK_EVENTS), not a change of it: the
    job row is not written, so its version and last-event time stay as they were."""
    if kind not in LOOK_EVENTS:
        raise ValueError(f"{kind} changes a job: use record_event")
    session.add(
        JobEvent(
            job_id=job.id,
            at=at,
            user_id=actor.id,
            kind=kind.value,
            from_status=None,
            to_status=None,
            note="",
            payload=queries.encode_payload(payload),
        )
    )


def next_number(session: Session, series: str, now: datetime | date) -> int:
    """The next sequence of `series` for the day, unique across counters: the day's counter
    row is incremented with an upsert that takes its row lock (PostgreSQL) or runs under the
    write lock the transaction holds (SQLite, BEGIN IMMEDIATE), like job numbers."""
    day = f"{now.year:04d}{now.month:02d}{now.day:02d}"
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (
        insert(DocumentCounter)
        .values(series=series, day=day, last=1)
        .on_conflict_do_update(
            index_elements=[DocumentCounter.series, DocumentCounter.day],
            set_={"last": DocumentCounter.last + 1},
        )
        .returning(DocumentCounter.last)
    )
    return int(session.execute(statement).scalar_one())


def find_or_add_customer(
    session: Session, name: str, phone: str, now: datetime, address: str = ""
) -> Customer:
    """A returning customer (same phone and name) keeps one record; an address given refreshes
    theirs (check-in and complaints alike)."""
    customer = session.scalars(
        select(Customer).where(Customer.phone == phone, Customer.name == name)
    ).first()
    if customer is None:
        customer = Customer(name=name, phone=phone, address=address, created_at=now)
        session.add(customer)
        session.flush()
    elif address:
        customer.address = address
    return customer
