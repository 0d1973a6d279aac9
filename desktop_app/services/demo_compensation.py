"""The demo's compensations: what the shop's policy proposed for the demo jobs that went back to
the customer late, and what a manager decided.

Made of the service's own pieces: the missed promises are computed from each job's own clocks
(domain/compensation.missed_promises, as the hand-back does), the offers are the shop's policy
for them, the events carry the service's payloads, and a warranty extension moves the job's
warranty end as a manager's approval does. Written in bulk with core inserts after the jobs
exist. Most proposals were approved, some changed or declined with a reason; those of the last
days still await a manager, so the list of proposals has work on it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import bindparam, func, insert, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Compensation, Job, JobEvent, Product, User
from desktop_app.domain import events
from desktop_app.domain.compensation import (
    AMOUNT_OFFERS,
    MONTH_OFFERS,
    CompensationPolicy,
    JobClocks,
    Missed,
    Offer,
    PreviousRepair,
    extended_warranty_end,
    merge_offers,
    missed_promises,
    missed_to_json,
    offers_to_json,
    proposal,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    CompensationState,
    Coverage,
    EventKind,
    MissedPromise,
    OfferKind,
    Outcome,
    Status,
)
from desktop_app.domain.workdays import WorkCalendar

MAX_PROPOSALS = 2000  # the demo stays quick at any size
PENDING_DAYS = 10  # hand-backs this recent may still await a manager
PENDING_SHARE = 0.5  # of those
OPENS, CLOSES = 9, 18  # the counter's hours, as the demo's other events (services/demo.py)
STATES = (CompensationState.APPROVED, CompensationState.CHANGED, CompensationState.DECLINED)
STATE_WEIGHTS = (70, 18, 12)
CHANGE_REASONS = (
    "顾客更想要延长保修",
    "顾客不需要代金券，改为减免人工费",
    "与顾客协商后调整",
)
# Why a manager declined, by the first promise missed: a reason that fits what was missed.
DECLINE_REASONS = {
    MissedPromise.RESPONSE_LATE: ("顾客留的电话有误，联系不上，非本店原因",),
    MissedPromise.REPAIR_LATE: (
        "等待厂家配件，已提前告知顾客并获同意",
        "顾客要求延后取机，延误非本店原因",
    ),
    MissedPromise.REPEAT_FAILURE: ("不是同一故障：此次为进水损坏", "不是同一故障：此次为摔落损坏"),
    MissedPromise.SHOP_AT_FAULT: ("与顾客协商后撤回",),
}


@dataclass(frozen=True)
class _Late:
    job_id: int
    returned_at: datetime
    handed_back_by: int
    warranty_end: date
    missed: tuple[Missed, ...]
    # The product comes back later (services/demo_repeats.py): its later check-in's verdict,
    # written before these decisions, could not see months of warranty added here, so none are.
    comes_back: bool = False


@dataclass(frozen=True)
class _Setting:
    """What the proposals are made from, read before any is written."""

    calendar: WorkCalendar
    policy: CompensationPolicy
    managers: list[int]
    late: list[_Late]
    next_id: int


class _Decision(NamedTuple):
    """A manager's decision on a proposal."""

    state: CompensationState
    given: tuple[Offer, ...]
    reason: str
    at: datetime
    by: int


@dataclass
class _Rows:
    """The rows to write: compensations, job events, and the jobs whose warranty was
    extended."""

    compensations: list[dict] = field(default_factory=list)
    job_events: list[dict] = field(default_factory=list)
    extended: list[dict] = field(default_factory=list)


def add_compensations(database: Database, now: datetime, seed: int = 2026) -> int:
    """Proposals (and decisions) for the demo jobs handed back late; returns the job events
    written."""
    rng = random.Random(seed)
    setting = _read_setting(database, rng)
    if not setting.managers or not setting.late:
        return 0
    rows = _proposals(setting, now, rng)
    _write(database, rows)
    return len(rows.job_events)


def _read_setting(database: Database, rng: random.Random) -> _Setting:
    """The shop's calendar and policy, its managers, the late jobs and the next free id."""
    with database.read() as session:
        calendar = queries.work_calendar(session)
        policy = queries.shop_snapshot(session).compensation_policy
        managers = list(
            session.scalars(
                select(User.id)
                .where(User.active.is_(True), User.role == Role.MANAGER.value)
                .order_by(User.id)
            )
        )
        late = _late_jobs(session, calendar, rng)
        next_id = (session.scalar(select(func.max(Compensation.id))) or 0) + 1
    return _Setting(calendar, policy, managers, late, next_id)


def _proposals(setting: _Setting, now: datetime, rng: random.Random) -> _Rows:
    """Each late job's proposal, its events, and a manager's decision where one was made."""
    rows = _Rows()
    for offset, item in enumerate(setting.late):
        offers = proposal(setting.policy, item.missed)
        decision = _decision(rng, setting.calendar, item, offers, setting.managers, now)
        rows.compensations.append(
            _compensation_row(setting.next_id + offset, item, offers, decision)
        )
        rows.job_events.append(_proposed_event(item, offers))
        if decision is None:
            continue
        rows.job_events.append(_decided_event(item, decision))
        extension = _warranty_extension(item, decision)
        if extension is not None:
            event, extended = extension
            rows.job_events.append(event)
            rows.extended.append(extended)
    return rows


def _compensation_row(
    compensation_id: int, item: _Late, offers: tuple[Offer, ...], decision: _Decision | None
) -> dict:
    """The compensation as proposed at the hand-back, and as decided if it was."""
    return {
        "id": compensation_id,
        "job_id": item.job_id,
        "complaint_id": None,
        "missed": missed_to_json(item.missed),
        "proposed": offers_to_json(offers),
        "state": (decision.state if decision else CompensationState.PROPOSED).value,
        "decided": offers_to_json(decision.given if decision else ()),
        "reason": decision.reason if decision else "",
        "proposed_at": item.returned_at,
        "proposed_by_id": item.handed_back_by,
        "decided_at": decision.at if decision else None,
        "decided_by_id": decision.by if decision else None,
        "version": 2 if decision else 1,
    }


def _proposed_event(item: _Late, offers: tuple[Offer, ...]) -> dict:
    """The proposal's job event, by whoever handed the job back."""
    return _event(
        item.job_id,
        item.returned_at,
        item.handed_back_by,
        EventKind.COMPENSATION_PROPOSED,
        "",
        events.compensation_proposed(item.missed, offers),
    )


def _decided_event(item: _Late, decision: _Decision) -> dict:
    """The decision's job event, by the manager."""
    return _event(
        item.job_id,
        decision.at,
        decision.by,
        EventKind.COMPENSATION_DECIDED,
        decision.reason,
        events.compensation_decided(decision.state, decision.given),
    )


def _warranty_extension(item: _Late, decision: _Decision) -> tuple[dict, dict] | None:
    """The job event and the job's new warranty end when the decision gave months of warranty,
    as a manager's approval moves it; None when it gave none."""
    months = _months(decision.given)
    if not months:
        return None
    new_end = extended_warranty_end(item.warranty_end, decision.at.date(), months)
    event = _event(
        item.job_id,
        decision.at,
        decision.by,
        EventKind.WARRANTY_EXTENDED,
        "",
        events.warranty_extended(item.warranty_end, new_end, months),
    )
    return event, {"b_id": item.job_id, "b_end": new_end}


def _write(database: Database, rows: _Rows) -> None:
    """The compensations, their events and the extended warranties, in one transaction."""
    with database.write() as session:
        session.execute(insert(Compensation.__table__), rows.compensations)  # type: ignore[arg-type]
        session.execute(insert(JobEvent.__table__), rows.job_events)  # type: ignore[arg-type]
        if rows.extended:
            _extend_warranties(session, rows.extended)
        _touch_jobs(session, sorted({row["job_id"] for row in rows.job_events}))
        _advance_sequence(session)


def _extend_warranties(session: Session, extended: list[dict]) -> None:
    """Moves each extended job's warranty end ({"b_id": job id, "b_end": new end})."""
    jobs = Job.__table__
    session.execute(
        update(jobs).where(jobs.c.id == bindparam("b_id")).values(warranty_end=bindparam("b_end")),
        extended,
    )


def _touch_jobs(session: Session, job_ids: list[int]) -> None:
    """Each job's latest event time, as record_event keeps it, and a new version."""
    for start in range(0, len(job_ids), 500):
        chunk = job_ids[start : start + 500]
        latest = select(func.max(JobEvent.at)).where(JobEvent.job_id == Job.id).scalar_subquery()
        session.execute(
            update(Job)
            .where(Job.id.in_(chunk))
            .values(last_event_at=latest, version=Job.version + 1)
            .execution_options(synchronize_session=False)
        )


def _late_jobs(session: Session, calendar: WorkCalendar, rng: random.Random) -> list[_Late]:
    """Returned jobs whose clocks say a promise was missed at their hand-back, at most
    MAX_PROPOSALS of them. The database picks the candidates (a late first response, ready or
    back after the due day, a serial seen before); the domain decides which missed what."""
    # Joined as a table, not `serial IN (…)` under the OR: PostgreSQL cannot hash a subquery
    # of a million serials within work_mem and re-read it for every row instead (15 minutes at
    # 1,000,000 jobs, where the join takes seconds).
    repeated = (
        select(Product.serial.label("serial"))
        .where(Product.serial != "")
        .group_by(Product.serial)
        .having(func.count() > 1)
        .subquery("repeated")
    )
    finished = func.date(func.coalesce(Job.ready_at, Job.returned_at))
    # The candidates' ids first (380,000 at a million jobs: their rows whole took the demo past
    # 700 MB), the sample drawn from them as it was from the rows (the same positions: sample
    # looks at the count alone), then the rows of the jobs drawn.
    candidates = list(
        session.scalars(
            select(Job.id)
            .join(Product, Product.id == Job.product_id)
            .outerjoin(repeated, repeated.c.serial == Product.serial)
            .where(
                Job.status == Status.RETURNED.value,
                Job.returned_at.is_not(None),
                ~select(Compensation.id).where(Compensation.job_id == Job.id).exists(),
                or_(
                    Job.first_response_at.is_(None),
                    Job.first_response_at > Job.response_due_at,
                    finished > Job.repair_due_date,
                    repeated.c.serial.is_not(None),
                ),
            )
            .order_by(Job.id)
        )
    )
    if len(candidates) > MAX_PROPOSALS:
        candidates = sorted(rng.sample(candidates, MAX_PROPOSALS))
    rows = []
    for start in range(0, len(candidates), 500):
        rows += session.execute(
            select(
                Job.id,
                Job.coverage,
                Job.checked_in_at,
                Job.response_due_at,
                Job.first_response_at,
                Job.repair_due_date,
                Job.ready_at,
                Job.returned_at,
                Job.warranty_end,
                Job.number,
                Product.serial,
            )
            .join(Product, Product.id == Job.product_id)
            .where(Job.id.in_(candidates[start : start + 500]))
            .order_by(Job.id)
        ).all()
    # Earlier repairs of these serials, for the same fault coming back.
    serials = sorted({row.serial.strip() for row in rows if row.serial.strip()})
    repaired: dict[str, list[PreviousRepair]] = defaultdict(list)
    for start in range(0, len(serials), 500):
        for serial, number, returned_at in session.execute(
            select(Product.serial, Job.number, Job.returned_at)
            .join(Product, Product.id == Job.product_id)
            .where(
                Product.serial.in_(serials[start : start + 500]),
                Job.status == Status.RETURNED.value,
                Job.outcome == Outcome.REPAIRED.value,
                Job.returned_at.is_not(None),
            )
        ):
            repaired[serial.strip()].append(PreviousRepair(number, returned_at))
    found: list[tuple[int, datetime, date, tuple[Missed, ...]]] = []
    for row in rows:
        clocks = JobClocks(
            row.checked_in_at,
            row.response_due_at,
            row.first_response_at,
            row.repair_due_date,
            row.ready_at,
            repair_path=row.coverage != Coverage.RETURN_EXCHANGE.value,
        )
        previous = _previous(repaired.get(row.serial.strip(), ()), row.number, row.checked_in_at)
        missed = missed_promises(calendar, clocks, row.returned_at, previous)
        if missed:
            found.append((row.id, row.returned_at, row.warranty_end, missed))
    handers = _handed_back_by(session, [job_id for job_id, *_rest in found])
    back = _coming_back(session, [job_id for job_id, *_rest in found])
    return [
        _Late(job_id, returned_at, handers[job_id], warranty_end, missed, job_id in back)
        for job_id, returned_at, warranty_end, missed in found
        if job_id in handers
    ]


def _coming_back(session: Session, job_ids: list[int]) -> set[int]:
    """The jobs whose serial was checked in again after them."""
    later = aliased(Job, name="later")
    later_product = aliased(Product, name="later_product")
    result: set[int] = set()
    for start in range(0, len(job_ids), 500):
        chunk = job_ids[start : start + 500]
        result.update(
            session.scalars(
                select(Job.id)
                .join(Product, Product.id == Job.product_id)
                .join(later_product, later_product.serial == Product.serial)
                .join(later, later.product_id == later_product.id)
                .where(
                    Job.id.in_(chunk),
                    Product.serial != "",
                    later.id != Job.id,
                    later.checked_in_at > Job.checked_in_at,
                )
            )
        )
    return result


def _previous(
    repairs: Sequence[PreviousRepair], number: str, checked_in_at: datetime
) -> PreviousRepair | None:
    """The last repair of the serial handed back before this job came in (as
    services/compensation.previous_repair reads it)."""
    earlier = [r for r in repairs if r.number != number and r.returned_at <= checked_in_at]
    return max(earlier, key=lambda r: r.returned_at) if earlier else None


def _handed_back_by(session: Session, job_ids: list[int]) -> dict[int, int]:
    """Who handed each job back: the proposal is theirs, as at a real hand-back."""
    result: dict[int, int] = {}
    for start in range(0, len(job_ids), 500):
        chunk = job_ids[start : start + 500]
        for job_id, user_id in session.execute(
            select(JobEvent.job_id, JobEvent.user_id).where(
                JobEvent.job_id.in_(chunk), JobEvent.kind == EventKind.HANDED_BACK.value
            )
        ):
            result[job_id] = user_id
    return result


def _decision(
    rng: random.Random,
    calendar: WorkCalendar,
    item: _Late,
    offers: tuple[Offer, ...],
    managers: list[int],
    now: datetime,
) -> _Decision | None:
    """A manager's decision a working day or two after the hand-back, or None: not yet."""
    recent = item.returned_at >= now - timedelta(days=PENDING_DAYS)
    if recent and rng.random() < PENDING_SHARE:
        return None
    at = item.returned_at + timedelta(minutes=rng.randrange(20, 120))
    for _day in range(rng.choice((0, 1, 1, 2))):
        at = datetime.combine(calendar.next_working_day(at.date()), time(OPENS)) + timedelta(
            minutes=rng.randrange(0, (CLOSES - OPENS) * 60)
        )
    if at.hour >= CLOSES or not calendar.is_working_day(at.date()):
        # After closing: the manager decides the next working morning.
        at = datetime.combine(calendar.next_working_day(at.date()), time(OPENS)) + timedelta(
            minutes=rng.randrange(0, 90)
        )
    if at > now:
        return None
    state = rng.choices(STATES, weights=STATE_WEIGHTS)[0]
    if state is CompensationState.CHANGED:
        changed = _changed(rng, offers)
        if changed is None or (item.comes_back and _months(changed)):
            state = CompensationState.APPROVED
        else:
            return _Decision(state, changed, rng.choice(CHANGE_REASONS), at, rng.choice(managers))
    if state is CompensationState.DECLINED:
        reasons = DECLINE_REASONS[item.missed[0].promise]
        return _Decision(state, (), rng.choice(reasons), at, rng.choice(managers))
    return _Decision(CompensationState.APPROVED, offers, "", at, rng.choice(managers))


def _months(offers: tuple[Offer, ...]) -> int:
    return sum(offer.months for offer in offers if offer.kind in MONTH_OFFERS)


def _changed(rng: random.Random, offers: tuple[Offer, ...]) -> tuple[Offer, ...] | None:
    """Other offers than proposed: an amount halved or doubled, or months of warranty (or
    labour waived) instead of the money."""
    choice = rng.randrange(3)
    if choice == 0:
        money = [o for o in offers if o.kind in AMOUNT_OFFERS]
        if money:
            factor = rng.choice((0.5, 2))
            return merge_offers(
                Offer(o.kind, max(100, int(o.amount_cents * factor)))
                if o.kind in AMOUNT_OFFERS
                else o
                for o in offers
            )
    if choice == 1:
        kept = [o for o in offers if o.kind not in AMOUNT_OFFERS]
        return merge_offers([*kept, Offer(OfferKind.WARRANTY_EXTENSION, months=3)])
    kept = [o for o in offers if o.kind not in AMOUNT_OFFERS]
    changed = merge_offers([*kept, Offer(OfferKind.WAIVE_LABOUR)])
    return changed if changed != offers else None


def _event(
    job_id: int, at: datetime, user_id: int, kind: EventKind, note: str, payload: events.Payload
) -> dict:
    return {
        "job_id": job_id,
        "at": at,
        "user_id": user_id,
        "kind": kind.value,
        "from_status": None,
        "to_status": None,
        "note": note,
        "payload": queries.encode_payload(payload),
    }


def _advance_sequence(session: Session) -> None:
    """Rows were written with explicit ids: PostgreSQL's sequence must learn of them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text(
            "SELECT setval(pg_get_serial_sequence('compensations', 'id'), "
            "(SELECT max(id) FROM compensations))"
        )
    )
