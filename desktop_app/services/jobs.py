"""Service-job use cases: one public method per user action, one transaction each.

Each method validates first, asks the domain for verdicts and dates, writes the job and an event
row in the same transaction, and returns a frozen snapshot. An exception anywhere rolls the whole
action back: the database is left as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Customer,
    Job,
    JobEvent,
    JobLine,
    JobNumberCounter,
    Product,
    User,
)
from desktop_app.domain.errors import (
    ConcurrentChange,
    FieldProblem,
    InvalidInput,
    NotFound,
    RuleRefusal,
)
from desktop_app.domain.forms import CheckInForm, JobQuery, validate_check_in
from desktop_app.domain.roles import Action, Role, require
from desktop_app.domain.rules import Coverage, decide
from desktop_app.domain.snapshots import DueSummary, JobPage, JobRow, JobSnapshot, PageCursor
from desktop_app.domain.text import Text
from desktop_app.domain.workdays import repair_due_date, response_due
from desktop_app.domain.workflow import CLOSED_STATUSES, STATUS_LABELS, Status, check_transition

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


def local_now() -> datetime:
    return datetime.now().replace(microsecond=0)


# Event kinds, as stored in job_events.kind.
CHECKED_IN = "checked_in"
FIRST_RESPONSE = "first_response"
STATUS_CHANGED = "status_changed"
NOT_QUALITY_PROBLEM = "not_quality_problem"
LINE_ADDED = "line_added"
LINE_REMOVED = "line_removed"
ASSIGNED = "assigned"
SATISFACTION = "satisfaction"
DIAGNOSIS = "diagnosis"

LINE_KINDS = ("part", "labour")
MAX_LINE_CENTS = 100_000_000  # one million yuan: anything above is a typo


class JobService:
    def __init__(self, database: Database, clock: Clock = local_now) -> None:
        self._db = database
        self._clock = clock

    # --- writing ------------------------------------------------------------------------------

    def check_in(self, form: CheckInForm, actor_id: int) -> JobSnapshot:
        now = self._clock()
        phone, claim = validate_check_in(form, now.date())
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.CHECK_IN)
            if form.manager_override_reason:
                require(Role(actor.role), Action.OVERRIDE_DOCUMENTS)
            verdict = decide(claim, now.date())
            calendar = queries.work_calendar(session)
            customer = _find_or_add_customer(session, form, phone, now)
            product = Product(
                customer_id=customer.id,
                category=form.category.value,
                brand=form.brand.strip(),
                model=form.model.strip(),
                serial=form.serial.strip().upper(),
                purchase_date=form.purchase_date,
                warranty_months=form.warranty_months,
                voucher_number=form.voucher_number.strip(),
                warranty_card_number=form.warranty_card_number.strip(),
            )
            session.add(product)
            session.flush()
            job = Job(
                number=_next_job_number(session, now),
                customer_id=customer.id,
                product_id=product.id,
                service_requested=form.service_requested.value,
                coverage=verdict.coverage.value,
                status=Status.RECEIVED.value,
                voucher_presented=form.documents.purchase_voucher,
                warranty_card_presented=form.documents.warranty_card,
                product_presented=form.documents.product,
                verdict_json=queries.encode_reasons(verdict.reasons),
                warranty_end=verdict.warranty_end,
                return_window_end=verdict.return_window_end,
                manager_override_reason=(form.manager_override_reason or "").strip(),
                fault_description=form.fault_description.strip(),
                usage_description=form.usage_description.strip(),
                condition_on_arrival=form.condition_on_arrival.strip(),
                accessories_received=form.accessories_received.strip(),
                checked_in_at=now,
                checked_in_by_id=actor.id,
                response_due_at=response_due(now),
                repair_due_date=repair_due_date(calendar, now),
                last_event_at=now,
            )
            session.add(job)
            session.flush()
            _record(session, job, actor, CHECKED_IN, now, None, Status.RECEIVED, _verdict_note(job))
            return self._finish(session, job)

    def record_first_response(
        self, job_id: int, actor_id: int, note: str, expected_version: int | None = None
    ) -> JobSnapshot:
        """The customer was contacted or offered a solution: stops the 24-hour clock."""
        note = _required_note(note, "how the customer was contacted or what was offered")
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.RECORD_RESPONSE)
            job = _open_job(session, job_id, expected_version)
            now = self._clock()
            if job.first_response_at is not None:
                raise RuleRefusal(
                    "the first response was already recorded at {at}", at=job.first_response_at
                )
            job.first_response_at = now
            _record(session, job, actor, FIRST_RESPONSE, now, None, None, note)
            return self._finish(session, job)

    def change_status(
        self,
        job_id: int,
        target: Status,
        actor_id: int,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        with self._db.write() as session:
            actor = _actor(session, actor_id, _action_for(target))
            job = _job(session, job_id, expected_version)
            current = Status(job.status)
            check_transition(Coverage(job.coverage), current, target)
            if target in (Status.CANCELLED,) and not note.strip():
                raise InvalidInput.single("note", "a reason is required to cancel a job")
            now = self._clock()
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
            _record(session, job, actor, STATUS_CHANGED, now, current, target, note.strip())
            return self._finish(session, job)

    def mark_ready(self, job_id: int, actor_id: int, note: str = "") -> JobSnapshot:
        return self.change_status(job_id, Status.READY_FOR_PICKUP, actor_id, note)

    def hand_back(self, job_id: int, actor_id: int, note: str = "") -> JobSnapshot:
        return self.change_status(job_id, Status.RETURNED, actor_id, note)

    def record_diagnosis(self, job_id: int, actor_id: int, diagnosis: str) -> JobSnapshot:
        diagnosis = _required_note(diagnosis, "the diagnosis")
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.DIAGNOSE)
            job = _open_job(session, job_id)
            now = self._clock()
            job.diagnosis = diagnosis
            if job.first_response_at is None:
                job.first_response_at = now
            _record(session, job, actor, DIAGNOSIS, now, None, None, diagnosis)
            return self._finish(session, job)

    def mark_not_quality_problem(self, job_id: int, actor_id: int, reason: str) -> JobSnapshot:
        """Misuse, liquid, a drop: the technician's finding turns a warranty job into a paid one."""
        reason = _required_note(reason, "why the fault is not a quality problem", field="reason")
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.MARK_NOT_QUALITY)
            job = _open_job(session, job_id)
            if job.coverage != Coverage.WARRANTY.value:
                raise RuleRefusal(
                    "only a free warranty repair can be turned into a paid one; this job is {c}",
                    c=job.coverage,
                )
            now = self._clock()
            job.coverage = Coverage.PAID.value
            job.not_quality_reason = reason
            for line in session.scalars(
                select(JobLine).where(JobLine.job_id == job.id, JobLine.removed_at.is_(None))
            ):
                line.charged_cents = line.quantity * line.unit_price_cents
            _record(session, job, actor, NOT_QUALITY_PROBLEM, now, None, None, reason)
            return self._finish(session, job)

    def add_line(
        self,
        job_id: int,
        actor_id: int,
        *,
        kind: str,
        description: str,
        quantity: int,
        unit_price_cents: int,
        part_model: str = "",
    ) -> JobSnapshot:
        _validate_line(kind, description, quantity, unit_price_cents)
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.EDIT_LINES)
            job = _open_job(session, job_id)
            now = self._clock()
            free = job.coverage != Coverage.PAID.value
            line = JobLine(
                job_id=job.id,
                kind=kind,
                description=description.strip(),
                part_model=part_model.strip(),
                quantity=quantity,
                unit_price_cents=unit_price_cents,
                charged_cents=0 if free else quantity * unit_price_cents,
                added_at=now,
                added_by_id=actor.id,
            )
            session.add(line)
            session.flush()
            note = f"{kind}: {line.description} x{quantity} @ {_money(unit_price_cents)}"
            if free:
                note += " (free under warranty)"
            _record(session, job, actor, LINE_ADDED, now, None, None, note)
            return self._finish(session, job)

    def remove_line(self, job_id: int, line_id: int, actor_id: int, reason: str) -> JobSnapshot:
        reason = _required_note(reason, "why the line is removed", field="reason")
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.EDIT_LINES)
            job = _open_job(session, job_id)
            line = session.get(JobLine, line_id)
            if line is None or line.job_id != job.id or line.removed_at is not None:
                raise NotFound("that line is not on job {number}", number=job.number)
            now = self._clock()
            line.removed_at = now
            line.removed_by_id = actor.id
            _record(
                session,
                job,
                actor,
                LINE_REMOVED,
                now,
                None,
                None,
                f"{line.kind}: {line.description} — {reason}",
            )
            return self._finish(session, job)

    def assign(self, job_id: int, technician_id: int | None, actor_id: int) -> JobSnapshot:
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.ASSIGN)
            job = _open_job(session, job_id)
            name = ""
            technician: User | None = None
            if technician_id is not None:
                technician = session.get(User, technician_id)
                if technician is None or not technician.active:
                    raise NotFound("no active user with id {id}", id=technician_id)
                if technician.role not in (Role.TECHNICIAN.value, Role.MANAGER.value):
                    raise InvalidInput.single(
                        "technician", "{name} is not a technician", name=technician.display_name
                    )
                name = technician.display_name
            job.technician = technician
            now = self._clock()
            _record(session, job, actor, ASSIGNED, now, None, None, name or "unassigned")
            return self._finish(session, job)

    def record_satisfaction(
        self, job_id: int, actor_id: int, score: int, comment: str = ""
    ) -> JobSnapshot:
        if not 1 <= score <= 5:
            raise InvalidInput.single("satisfaction_score", "must be a whole number from 1 to 5")
        with self._db.write() as session:
            actor = _actor(session, actor_id, Action.RECORD_SATISFACTION)
            job = _job(session, job_id)
            now = self._clock()
            job.satisfaction_score = score
            job.satisfaction_comment = comment.strip()
            _record(
                session,
                job,
                actor,
                SATISFACTION,
                now,
                None,
                None,
                f"{score}/5 {comment.strip()}".strip(),
            )
            return self._finish(session, job)

    # --- reading ------------------------------------------------------------------------------

    def get(self, job_id: int) -> JobSnapshot:
        with self._db.read() as session:
            return queries.job_snapshot(session, _job(session, job_id))

    def find_by_number(self, number: str) -> JobSnapshot | None:
        with self._db.read() as session:
            job = session.scalars(select(Job).where(Job.number == number.strip().upper())).first()
            return queries.job_snapshot(session, job) if job else None

    def search(self, query: JobQuery, after: PageCursor | None = None, limit: int = 100) -> JobPage:
        with self._db.read() as session:
            calendar = queries.work_calendar(session)
            return queries.list_jobs(
                session, query, now=self._clock(), calendar=calendar, after=after, limit=limit
            )

    def summary(self) -> DueSummary:
        with self._db.read() as session:
            return queries.due_summary(session, now=self._clock())

    def earlier_jobs_for_serial(self, serial: str) -> tuple[JobRow, ...]:
        with self._db.read() as session:
            return queries.jobs_for_serial(session, serial)

    # --- helpers --------------------------------------------------------------------------------

    def _finish(self, session: Session, job: Job) -> JobSnapshot:
        try:
            session.flush()
        except StaleDataError as error:
            raise ConcurrentChange(
                "job {number} was changed at another counter; reopen it and try again",
                number=job.number,
            ) from error
        return queries.job_snapshot(session, job)


def _validate_line(kind: str, description: str, quantity: int, unit_price_cents: int) -> None:
    problems: list[FieldProblem] = []
    if kind not in LINE_KINDS:
        problems.append(FieldProblem("kind", Text("must be a part or labour")))
    if not description.strip():
        problems.append(FieldProblem("description", Text("a description is required")))
    if quantity < 1:
        problems.append(FieldProblem("quantity", Text("must be at least 1")))
    if unit_price_cents < 0:
        problems.append(FieldProblem("unit_price", Text("cannot be negative")))
    elif quantity * unit_price_cents > MAX_LINE_CENTS:
        problems.append(
            FieldProblem("unit_price", Text("the line total must be at most 1,000,000.00"))
        )
    if problems:
        raise InvalidInput(problems)


def _action_for(target: Status) -> Action:
    if target is Status.CANCELLED:
        return Action.CANCEL
    if target is Status.RETURNED:
        return Action.HAND_BACK
    if target in (Status.INSPECTING, Status.REFUNDED, Status.EXCHANGED):
        return Action.INSPECT_RETURN
    return Action.DIAGNOSE


def _actor(session: Session, actor_id: int, action: Action) -> User:
    user = session.get(User, actor_id)
    if user is None or not user.active:
        raise NotFound("no active user with id {id}", id=actor_id)
    require(Role(user.role), action)
    return user


def _job(session: Session, job_id: int, expected_version: int | None = None) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound("no job with id {id}", id=job_id)
    if expected_version is not None and job.version != expected_version:
        raise ConcurrentChange(
            "job {number} was changed at another counter; reopen it and try again",
            number=job.number,
        )
    return job


def _open_job(session: Session, job_id: int, expected_version: int | None = None) -> Job:
    job = _job(session, job_id, expected_version)
    if Status(job.status) in CLOSED_STATUSES:
        raise RuleRefusal(
            "job {number} is {status} and can no longer be changed",
            number=job.number,
            status=STATUS_LABELS[Status(job.status)],
        )
    return job


def _record(
    session: Session,
    job: Job,
    actor: User,
    kind: str,
    at: datetime,
    from_status: Status | None,
    to_status: Status | None,
    note: str,
) -> None:
    job.last_event_at = at
    session.add(
        JobEvent(
            job_id=job.id,
            at=at,
            user_id=actor.id,
            kind=kind,
            from_status=from_status.value if from_status else None,
            to_status=to_status.value if to_status else None,
            note=note,
        )
    )


def _required_note(text: str, what: str, field: str = "note") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InvalidInput.single(field, "{what} is required", what=what)
    return cleaned


def _verdict_note(job: Job) -> str:
    reasons = "; ".join(str(r) for r in queries.decode_reasons(job.verdict_json))
    return f"{job.coverage}: {reasons}"


def _money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def _find_or_add_customer(
    session: Session, form: CheckInForm, phone: str, now: datetime
) -> Customer:
    """A returning customer (same phone and name) keeps one record; the address is refreshed."""
    name = form.customer_name.strip()
    customer = session.scalars(
        select(Customer).where(Customer.phone == phone, Customer.name == name)
    ).first()
    if customer is None:
        customer = Customer(name=name, phone=phone, address=form.address.strip(), created_at=now)
        session.add(customer)
        session.flush()
    elif form.address.strip():
        customer.address = form.address.strip()
    return customer


def _next_job_number(session: Session, now: datetime) -> str:
    """R20261125-0007: unique even when two counters check in at the same moment.

    The per-day counter row is incremented with an upsert that takes its row lock (PostgreSQL)
    or runs under the write lock the transaction already holds (SQLite, BEGIN IMMEDIATE), so two
    check-ins never read the same value.
    """
    day = now.strftime("%Y%m%d")
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = (
        insert(JobNumberCounter)
        .values(day=day, last=1)
        .on_conflict_do_update(
            index_elements=[JobNumberCounter.day], set_={"last": JobNumberCounter.last + 1}
        )
        .returning(JobNumberCounter.last)
    )
    sequence = session.execute(statement).scalar_one()
    return f"R{day}-{sequence:04d}"
