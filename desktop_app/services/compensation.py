"""Compensation for missed promises: proposed from the job's own clocks and the shop's policy,
decided by a manager, given on the record.

A proposal is made inside the action that finds the promise missed (the hand-back, a complaint's
resolution), in that action's transaction: the module-level functions take its session. A
manager's decision is its own action (`CompensationService.decide`), or part of the hand-back when
a manager hands back and decides at the counter (services/handback.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.evaluation import unindexed
from desktop_app.data.models import (
    Compensation,
    Complaint,
    ComplaintEvent,
    Customer,
    Job,
    JobLine,
    Product,
    ShopSettings,
    User,
)
from desktop_app.domain import events
from desktop_app.domain.compensation import (
    MONTH_OFFERS,
    CompensationSnapshot,
    Decision,
    DecisionKind,
    HandBackPreview,
    JobClocks,
    Missed,
    Offer,
    PreviousRepair,
    decision_problems,
    extended_warranty_end,
    missed_from_json,
    missed_promises,
    missed_to_json,
    offers_from_json,
    offers_to_json,
    proposal,
    readable_policy,
)
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotFound, RuleRefusal
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role, require
from desktop_app.domain.text import N_, Verbatim
from desktop_app.domain.vocabulary import (
    Action,
    CompensationState,
    Coverage,
    EventKind,
    LineKind,
    MissedPromise,
    Outcome,
)
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.services.common import (
    Clock,
    get_user,
    is_row_id,
    load_job,
    local_now,
    lock_job,
    record_event,
)
from desktop_app.services.quotations import declined_fee
from desktop_app.services.signins import SignIns

# --- inside other actions' transactions ---------------------------------------------------------


def _policy_json(session: Session) -> str:
    settings = session.get(ShopSettings, 1)
    return settings.compensation_policy if settings is not None else ""


def job_clocks(job: Job) -> JobClocks:
    return JobClocks(
        job.checked_in_at,
        job.response_due_at,
        job.first_response_at,
        job.repair_due_date,
        job.ready_at,
        repair_path=job.coverage != Coverage.RETURN_EXCHANGE.value,
    )


def previous_repair(session: Session, job: Job) -> PreviousRepair | None:
    """The last earlier job of this serial handed back repaired before this one came in."""
    serial = job.product.serial.strip()
    if not serial:
        return None
    row = session.execute(
        select(Job.number, Job.returned_at)
        .join(Product, Product.id == Job.product_id)
        .where(
            Product.serial == serial,
            Job.id != job.id,
            unindexed(Job.status) == Status.RETURNED.value,
            Job.outcome == Outcome.REPAIRED.value,
            Job.returned_at.is_not(None),
            unindexed(Job.returned_at) <= job.checked_in_at,
        )
        .order_by(unindexed(Job.returned_at).desc())  # found through the serial's index
        .limit(1)
    ).first()
    return PreviousRepair(row.number, row.returned_at) if row is not None else None


def missed_at(
    session: Session, job: Job, calendar: WorkCalendar, at: datetime
) -> tuple[Missed, ...]:
    days = queries.repair_warranty_days(session)
    return missed_promises(calendar, job_clocks(job), at, previous_repair(session, job), days)


def charges(session: Session, job_id: int) -> tuple[int, int]:
    """The active lines' total charged and the labour part of it; when the customer declined
    the quotation, the inspection fee alone (it is the shop's work: labour)."""
    fee = declined_fee(session, job_id)
    if fee is not None:
        return fee, fee
    rows = session.execute(
        select(JobLine.kind, JobLine.charged_cents).where(
            JobLine.job_id == job_id, JobLine.removed_at.is_(None)
        )
    ).all()
    total = sum(row.charged_cents for row in rows)
    labour = sum(row.charged_cents for row in rows if row.kind == LineKind.LABOUR.value)
    return total, labour


def propose(
    session: Session,
    job: Job | None,
    complaint: Complaint | None,
    missed: tuple[Missed, ...],
    user: User,
    now: datetime,
) -> Compensation | None:
    """Insert the policy's proposal for `missed` (nothing when nothing was missed), with the
    job's COMPENSATION_PROPOSED event."""
    if not missed:
        return None
    policy = readable_policy(_policy_json(session))
    offers = proposal(policy, missed)
    row = Compensation(
        job_id=job.id if job is not None else None,
        complaint_id=complaint.id if complaint is not None else None,
        missed=missed_to_json(missed),
        proposed=offers_to_json(offers),
        state=CompensationState.PROPOSED.value,
        decided="[]",
        reason="",
        proposed_at=now,
        proposed_by_id=user.id,
    )
    session.add(row)
    if job is not None:
        payload = events.compensation_proposed(missed, offers)
        record_event(
            session, job, user, EventKind.COMPENSATION_PROPOSED, now, None, None, "", payload
        )
    session.flush()
    return row


def propose_for_complaint(
    session: Session, complaint: Complaint, user: User, now: datetime
) -> Compensation | None:
    """A complaint resolved with the shop at fault: the policy's SHOP_AT_FAULT offers, linked to
    the complaint (and its job, if any), awaiting a manager. Nothing when the shop was not at
    fault, or when this complaint already has a compensation (a reopened complaint resolved
    again keeps the first one and its decision)."""
    if not complaint.shop_at_fault:
        return None
    existing = session.scalar(
        select(Compensation.id).where(Compensation.complaint_id == complaint.id).limit(1)
    )
    if existing is not None:
        return None
    job = session.get(Job, complaint.job_id) if complaint.job_id is not None else None
    missed = (Missed(MissedPromise.SHOP_AT_FAULT, complaint=complaint.number or ""),)
    return propose(session, job, complaint, missed, user, now)


def apply_decision(
    session: Session, row: Compensation, user: User, decision: Decision, now: datetime
) -> tuple[Offer, ...]:
    """Record a manager's decision on a proposal (its rules already checked): the state, the
    offers given, the job event (and the complaint's note), and a warranty extension applied
    to the job's warranty end. Returns the offers given."""
    require(Role(user.role), Action.DECIDE_COMPENSATION)
    if row.state != CompensationState.PROPOSED.value:
        raise RuleRefusal(N_("this compensation was already decided"))
    problems = decision_problems(decision)
    if problems:
        raise InvalidInput(problems)
    proposed = offers_from_json(row.proposed)
    given = decision.given(proposed)
    state = {
        DecisionKind.APPROVE: CompensationState.APPROVED,
        DecisionKind.CHANGE: CompensationState.CHANGED,
        DecisionKind.DECLINE: CompensationState.DECLINED,
    }[decision.kind]
    reason = decision.reason.strip()
    row.state = state.value
    row.decided = offers_to_json(given)
    row.reason = reason
    row.decided_at = now
    row.decided_by_id = user.id
    payload = events.compensation_decided(state, given)
    job = session.get(Job, row.job_id) if row.job_id is not None else None
    if job is not None:
        lock_job(session, job.id)
        record_event(
            session, job, user, EventKind.COMPENSATION_DECIDED, now, None, None, reason, payload
        )
        months = sum(offer.months for offer in given if offer.kind in MONTH_OFFERS)
        if months:
            old: date = job.warranty_end
            job.warranty_end = extended_warranty_end(old, now.date(), months)
            record_event(
                session,
                job,
                user,
                EventKind.WARRANTY_EXTENDED,
                now,
                None,
                None,
                "",
                events.warranty_extended(old, job.warranty_end, months),
            )
    if row.complaint_id is not None:
        session.add(
            ComplaintEvent(
                complaint_id=row.complaint_id,
                at=now,
                user_id=user.id,
                kind="note",
                from_state=None,
                to_state=None,
                note=reason,
                payload=queries.encode_payload({"compensation_id": row.id, **payload}),
            )
        )
    return given


def snapshot(session: Session, row: Compensation) -> CompensationSnapshot:
    job = session.get(Job, row.job_id) if row.job_id is not None else None
    complaint = session.get(Complaint, row.complaint_id) if row.complaint_id is not None else None
    customer_id = job.customer_id if job else complaint.customer_id if complaint else None
    customer = session.get(Customer, customer_id) if customer_id is not None else None
    proposer = session.get(User, row.proposed_by_id)
    decider = session.get(User, row.decided_by_id) if row.decided_by_id is not None else None
    return CompensationSnapshot(
        id=row.id,
        job_id=row.job_id,
        job_number=job.number if job else "",
        complaint_id=row.complaint_id,
        complaint_number=(complaint.number or "") if complaint else "",
        customer_name=customer.name if customer else "",
        missed=missed_from_json(row.missed),
        proposed=offers_from_json(row.proposed),
        state=CompensationState(row.state),
        decided=offers_from_json(row.decided),
        reason=row.reason,
        proposed_at=row.proposed_at,
        proposed_by=proposer.display_name if proposer else "",
        decided_at=row.decided_at,
        decided_by=decider.display_name if decider else "",
        version=row.version,
    )


# --- the service: what the window and the command line call --------------------------------------


class CompensationService:
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

    def missed_for(self, job_id: int) -> HandBackPreview:
        """What a hand-back saved now would find missed and propose: the hand-back dialog shows
        it before anything is saved (the hand-back computes it again when it saves)."""
        with self._db.read() as session:
            job = load_job(session, job_id)
            calendar = queries.work_calendar(session, self._calendars)
            missed = missed_at(session, job, calendar, self._clock())
            policy = readable_policy(_policy_json(session))
            total, labour = charges(session, job.id)
            return HandBackPreview(missed, proposal(policy, missed), total, labour)

    def decide(
        self,
        compensation_id: int,
        actor: Actor,
        decision: Decision,
        expected_version: int | None = None,
    ) -> CompensationSnapshot:
        """A manager approves, changes (with a reason) or declines (with a reason) a proposal."""
        problems = decision_problems(decision)
        if problems:
            raise InvalidInput(problems)
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.DECIDE_COMPENSATION)
            row = self._load(session, compensation_id, lock=True)
            if expected_version is not None and row.version != expected_version:
                raise self._changed(session, row)
            if row.state != CompensationState.PROPOSED.value:
                raise self._changed(session, row)
            apply_decision(session, row, user, decision, self._clock())
            try:
                session.flush()
            except StaleDataError as error:
                raise ConcurrentChange(
                    N_("this compensation was decided at another counter: reopen it")
                ) from error
            return snapshot(session, row)

    def pending(self, actor: Actor) -> list[CompensationSnapshot]:
        """Proposals awaiting a manager, oldest first."""
        with self._db.read() as session:
            self._signins.user(session, actor, Action.DECIDE_COMPENSATION)
            rows = session.scalars(
                select(Compensation)
                .where(Compensation.state == CompensationState.PROPOSED.value)
                .order_by(Compensation.proposed_at, Compensation.id)
            )
            return [snapshot(session, row) for row in rows]

    def for_job(self, job_id: int) -> tuple[CompensationSnapshot, ...]:
        """The job's compensations, oldest first (a hand-back's, then any from complaints)."""
        with self._db.read() as session:
            if not is_row_id(job_id):
                raise NotFound(N_("no job with id {id}"), id=job_id)
            rows = session.scalars(
                select(Compensation).where(Compensation.job_id == job_id).order_by(Compensation.id)
            )
            return tuple(snapshot(session, row) for row in rows)

    def job_facts(
        self, job_ids: Sequence[int]
    ) -> dict[int, tuple[JobClocks, datetime | None, CompensationSnapshot | None]]:
        with self._db.read() as session:
            return job_facts(session, job_ids)

    def get(self, compensation_id: int) -> CompensationSnapshot:
        with self._db.read() as session:
            return snapshot(session, self._load(session, compensation_id))

    def _load(self, session: Session, compensation_id: int, *, lock: bool = False) -> Compensation:
        if not is_row_id(compensation_id):
            raise NotFound(N_("no compensation with id {id}"), id=compensation_id)
        if lock:
            session.execute(
                select(Compensation.id).where(Compensation.id == compensation_id).with_for_update()
            )
        row = session.get(Compensation, compensation_id)
        if row is None:
            raise NotFound(N_("no compensation with id {id}"), id=compensation_id)
        return row

    def _changed(self, session: Session, row: Compensation) -> ConcurrentChange:
        decider = get_user(session, row.decided_by_id)
        if decider is None or row.decided_at is None:
            return ConcurrentChange(
                N_("this compensation was changed at another counter: reopen it")
            )
        return ConcurrentChange(
            N_("this compensation was decided at another counter by {name} at {at}: reopen it"),
            name=Verbatim(decider.display_name),
            at=row.decided_at,
        )


def job_facts(
    session: Session, job_ids: Sequence[int]
) -> dict[int, tuple[JobClocks, datetime | None, CompensationSnapshot | None]]:
    """For listings (the command line's jobs --format json): each job's clocks, when it went
    back, and its latest compensation. Two queries per call, whatever the number of jobs."""
    result: dict[int, tuple[JobClocks, datetime | None, CompensationSnapshot | None]] = {}
    ids = [job_id for job_id in job_ids if is_row_id(job_id)]
    if not ids:
        return result
    latest: dict[int, CompensationSnapshot] = {}
    for row in session.scalars(
        select(Compensation).where(Compensation.job_id.in_(ids)).order_by(Compensation.id)
    ):
        assert row.job_id is not None
        latest[row.job_id] = snapshot(session, row)
    for job in session.scalars(select(Job).where(Job.id.in_(ids))):
        result[job.id] = (job_clocks(job), job.returned_at, latest.get(job.id))
    return result
