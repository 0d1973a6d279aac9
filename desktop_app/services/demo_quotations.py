"""The demo's quotations: paid repairs still in diagnosis get the technician's quotation of their
lines, and the customer's answer: approved by phone (who answered, when called) or with the
signed copy, declined (the product goes back unrepaired, the shop's inspection fee its only
charge), or still awaited (the newest ones), so the job view and the list have each state to
show.

Made of the service's own pieces (the quotation's frozen lines, the event payloads, the decline
as a status change to ready for pickup) and written after the jobs exist. Only jobs whose
history ends in diagnosis get one: nothing of their timeline comes after it, so the quotation
and its answer are the latest events, in order. The same rows for the same seed.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, JobEvent, JobLine, Part, Quotation, ShopSettings, User
from desktop_app.data.queries import encode_payload
from desktop_app.data.quotations import encode_lines
from desktop_app.domain import events
from desktop_app.domain.parts import fits
from desktop_app.domain.quotation import QUOTE_VALID_DAYS, QuotedLine
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    ApprovalMethod,
    Coverage,
    EventKind,
    Outcome,
    Status,
)
from desktop_app.domain.workdays import WorkCalendar

MAX_QUOTED = 300  # the demo stays quick at any size
ANSWERED = ("本人", "本人", "本人", "家属代接", "同事代接")
DECLINE_WORDS = ("太贵了，不修了", "考虑换新机", "先不修了", "")
# The customers' answers in turn (None: declined), most approved; the newest quotation (and any
# whose answer would come after the history ends) still awaits one.
ANSWERS: tuple[ApprovalMethod | None, ...] = (
    ApprovalMethod.PHONE,
    ApprovalMethod.SIGNATURE,
    None,
    ApprovalMethod.PHONE,
    ApprovalMethod.SIGNATURE,
    ApprovalMethod.PHONE,
)
OPENS, CLOSES = 9, 18  # the counter's hours, as the demo's other events (services/demo.py)
# What the technician found and lines for it, for a job in diagnosis without any yet.
FINDINGS = (
    ("屏幕排线断裂，需更换屏幕总成", "屏幕总成", 45000),
    ("电池鼓包，需更换电池", "电池", 12900),
    ("主板进水腐蚀，需更换主板", "主板", 89000),
    ("充电接口损坏，需更换尾插", "尾插排线", 6800),
)
LABOUR = ("拆装及检测工时", 5000)
LABOUR_ONLY = "拆机检测：需调整并清洁内部，无需更换配件"


def add_quotations(database: Database, now: datetime, seed: int = 2026) -> int:
    """Quotations for the demo's paid jobs in diagnosis; returns the job events written."""
    rng = random.Random(seed)
    written = 0
    with database.write() as session:
        staff = _staff(session)
        if staff is None:
            return 0
        settings = session.get(ShopSettings, 1)
        fee = settings.inspection_fee_cents if settings is not None else 0
        calendar = queries.work_calendar(session)
        working = partial(_working, calendar, now)
        jobs = _paid_in_diagnosis(session)[:MAX_QUOTED]
        turn = rng.randrange(len(ANSWERS))
        for index, job in enumerate(jobs):
            if not _lines(session, job.id):
                written += _find(session, job, staff[0], working, rng)
            if not _lines(session, job.id):
                continue  # no time left today to find them
            newest = index == len(jobs) - 1
            answer = "pending" if newest else ANSWERS[(turn + index) % len(ANSWERS)]
            lines = _lines(session, job.id)
            written += _quote(session, job, lines, staff, fee, working, rng, answer)
    return written


def _working(calendar: WorkCalendar, now: datetime, at: datetime) -> datetime | None:
    """`at`, or the counter's next opening after it (09:00-18:00 on a working day); None when
    that is after the demo's history ends."""
    if calendar.is_working_day(at.date()) and OPENS <= at.hour < CLOSES:
        moment = at
    else:
        day = at.date()
        if at.hour >= CLOSES or not calendar.is_working_day(day):
            day = calendar.next_working_day(day)
        moment = datetime.combine(day, time(OPENS)) + timedelta(minutes=7)
    return moment if moment <= now else None


Working = Callable[[datetime], datetime | None]


def _find(
    session: Session, job: Job, technicians: list[int], working: Working, rng: random.Random
) -> int:
    """The part and the labour the technician found the job needs (their events too)."""
    # A part the shop keeps for this model comes from the catalogue with its stock (the demo's
    # bench lines do that, services/demo_parts.py); a quotation's finding is a part to order:
    # one the catalogue does not list for the model, or the labour alone when it lists them all.
    listed = _listed_for(session, job.product.model)
    findings = [finding for finding in FINDINGS if finding[1] not in listed]
    diagnosis, part, price = rng.choice(findings) if findings else (LABOUR_ONLY, "", 0)
    technician = job.technician_id or rng.choice(technicians)
    last = session.scalar(select(func.max(JobEvent.at)).where(JobEvent.job_id == job.id))
    at = working((last or job.checked_in_at) + timedelta(minutes=rng.randint(20, 120)))
    if at is None:
        return 0
    job.diagnosis = job.diagnosis or diagnosis
    found = [("part", part, price)] if findings else []
    for kind, description, cents in (*found, ("labour", *LABOUR)):
        session.add(
            JobLine(
                job_id=job.id,
                kind=kind,
                description=description,
                part_model=job.product.model if kind == "part" else "",
                quantity=1,
                unit_price_cents=cents,
                charged_cents=cents,
                added_at=at,
                added_by_id=technician,
            )
        )
        facts = events.line_added(kind, description, 1, cents, False)
        _event(session, job, technician, at, EventKind.LINE_ADDED, facts)
    session.flush()
    return len(found) + 1


def _listed_for(session: Session, model: str) -> set[str]:
    """The names of the active catalogue parts that fit `model` (domain/parts.py matching)."""
    return {
        part.name
        for part in session.scalars(select(Part).where(Part.active.is_(True)))
        if fits(json.loads(part.models), model)
    }


def _staff(session: Session) -> tuple[list[int], list[int]] | None:
    """The technicians (or managers) who quote and the clerks (or managers) who call."""
    users = session.execute(
        select(User.id, User.role).where(User.active.is_(True)).order_by(User.id)
    ).all()
    technicians = [u.id for u in users if u.role == Role.TECHNICIAN.value]
    clerks = [u.id for u in users if u.role == Role.CLERK.value]
    managers = [u.id for u in users if u.role == Role.MANAGER.value]
    if not (technicians or managers) or not (clerks or managers):
        return None
    return technicians or managers, clerks or managers


def _paid_in_diagnosis(session: Session) -> list[Job]:
    return list(
        session.scalars(
            select(Job)
            .where(Job.coverage == Coverage.PAID.value, Job.status == Status.DIAGNOSING.value)
            .where(~select(Quotation.id).where(Quotation.job_id == Job.id).exists())
            .order_by(Job.id)
        )
    )


def _lines(session: Session, job_id: int) -> tuple[QuotedLine, ...]:
    rows = session.scalars(
        select(JobLine)
        .where(JobLine.job_id == job_id, JobLine.removed_at.is_(None))
        .order_by(JobLine.id)
    )
    return tuple(
        QuotedLine(
            r.id,
            r.kind,
            r.description,
            r.part_model,
            r.quantity,
            r.unit_price_cents,
            r.charged_cents,
        )
        for r in rows
    )


def _quote(
    session: Session,
    job: Job,
    lines: tuple[QuotedLine, ...],
    staff: tuple[list[int], list[int]],
    fee: int,
    working: Working,
    rng: random.Random,
    answer: ApprovalMethod | str | None,
) -> int:
    """Quotation 1 of `job`, written after its last event, and the customer's answer
    ("pending": none yet)."""
    technicians, clerks = staff
    last = session.scalar(select(func.max(JobEvent.at)).where(JobEvent.job_id == job.id))
    written_at = working((last or job.checked_in_at) + timedelta(minutes=rng.randint(10, 90)))
    if written_at is None:
        return 0
    technician = job.technician_id or rng.choice(technicians)
    total = sum(line.charged_cents for line in lines)
    valid_until = written_at.date() + timedelta(days=QUOTE_VALID_DAYS)
    diagnosis = job.diagnosis or FINDINGS[0][0]
    quotation = Quotation(
        job_id=job.id,
        number=1,
        diagnosis=diagnosis,
        lines_json=encode_lines(lines),
        total_cents=total,
        valid_until=valid_until,
        written_at=written_at,
        written_by_id=technician,
        answered_by="",
        override_reason="",
        decline_note="",
    )
    session.add(quotation)
    job.diagnosis = diagnosis
    _event(
        session,
        job,
        technician,
        written_at,
        EventKind.QUOTATION_ISSUED,
        events.quotation_issued(1, total, valid_until),
    )
    answered_at = working(written_at + timedelta(hours=rng.randint(1, 20)))
    if answer == "pending" or answered_at is None:
        return 1  # the customer has not answered yet
    clerk = rng.choice(clerks)
    if answer is None:
        note = rng.choice(DECLINE_WORDS)
        quotation.declined_at = answered_at
        quotation.declined_by_id = clerk
        quotation.decline_note = note
        quotation.inspection_fee_cents = fee
        _event(
            session,
            job,
            clerk,
            answered_at,
            EventKind.QUOTATION_DECLINED,
            events.quotation_declined(1, fee),
            note,
        )
        job.status = Status.READY_FOR_PICKUP.value
        job.outcome = Outcome.QUOTATION_DECLINED.value
        job.ready_at = answered_at
        _event(
            session,
            job,
            clerk,
            answered_at,
            EventKind.STATUS_CHANGED,
            events.outcome(Outcome.QUOTATION_DECLINED),
            moved=(Status.DIAGNOSING, Status.READY_FOR_PICKUP),
        )
        return 3
    assert isinstance(answer, ApprovalMethod)
    quotation.approved_via = answer.value
    quotation.approved_at = answered_at
    quotation.approved_by_id = clerk
    called_at = None
    answered_by = ""
    if answer is ApprovalMethod.PHONE:
        called_at = max(answered_at - timedelta(minutes=rng.randint(1, 15)), written_at)
        answered_by = job.customer.name + rng.choice(ANSWERED)
        quotation.called_at = called_at
        quotation.answered_by = answered_by[:120]
    facts = events.quotation_approved(1, answer, quotation.answered_by, called_at)
    _event(session, job, clerk, answered_at, EventKind.QUOTATION_APPROVED, facts)
    return 2


def _event(
    session: Session,
    job: Job,
    user_id: int,
    at: datetime,
    kind: EventKind,
    payload: events.Payload,
    note: str = "",
    moved: tuple[Status, Status] | None = None,
) -> None:
    job.last_event_at = max(job.last_event_at, at)
    session.add(
        JobEvent(
            job_id=job.id,
            at=at,
            user_id=user_id,
            kind=kind.value,
            from_status=moved[0].value if moved else None,
            to_status=moved[1].value if moved else None,
            note=note,
            payload=encode_payload(payload),
        )
    )
