"""Demo money (issue 16): deposits on paid repairs, hand-back payments split across methods
with change for cash, a few refunds; each line with its event on the job, as the services write
them. Deterministic for a seed: its own random numbers, so the jobs are the same with or without
it. Added after the compensation, whose discounts set what the jobs paid.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import insert, select, update

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, JobEvent, Payment, User
from desktop_app.domain import events
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import OPEN_STATUSES, Status

DEPOSIT_SHARE = 0.45  # of the paid repairs: a deposit at check-in
SPLIT_SHARE = 0.25  # of the paid hand-backs: cash and WeChat Pay
REFUND_SHARE = 0.04  # of the paid hand-backs: part given back later
MAX_JOBS = 20_000  # paid jobs given money lines at most: the demo stays quick at any size
WORKSTATIONS = ("前台1", "前台2")
REFUND_REASONS = ("屏幕边缘有划痕，退部分费用", "配件降价，退差价", "顾客投诉后协商退款")
CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT
OPENS, CLOSES = 9, 18  # as the demo's events (services/demo.py)


class _Paid(NamedTuple):
    id: int
    status: str
    checked_in_at: datetime
    checked_in_by_id: int
    returned_at: datetime | None
    amount_paid_cents: int | None
    payment_method: str


class _Rows:
    def __init__(self) -> None:
        self.payments: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.touched: dict[int, datetime] = {}  # job id -> its new last event time

    def add(
        self,
        job: _Paid,
        kind: PaymentKind,
        method: PaymentMethod | None,
        cents: int,
        at: datetime,
        by: int,
        rng: random.Random,
        tendered: int | None = None,
        note: str = "",
    ) -> None:
        change = tendered - cents if tendered is not None else 0
        value = method.value if method is not None else ""
        self.payments.append(
            {"job_id": job.id, "kind": kind.value, "method": value, "amount_cents": cents,
             "tendered_cents": tendered, "change_cents": change, "at": at, "taken_by_id": by,
             "workstation": rng.choice(WORKSTATIONS), "note": note}
        )  # fmt: skip
        payload = events.money(kind.value, value, cents, tendered, change)
        self.events.append(
            {"job_id": job.id, "at": at, "user_id": by, "kind": EventKind.MONEY.value,
             "from_status": None, "to_status": None, "note": note,
             "payload": queries.encode_payload(payload)}
        )  # fmt: skip


def add_payments(database: Database, now: datetime, seed: int) -> int:
    """Money lines for the paid demo jobs; returns how many lines were written."""
    rng = random.Random(f"payments-{seed}")
    rows = _Rows()
    with database.read() as session:
        clerks = list(
            session.scalars(
                select(User.id)
                .where(User.active.is_(True), User.role.in_([Role.CLERK.value, Role.MANAGER.value]))
                .order_by(User.id)
            )
        )
        managers = list(
            session.scalars(
                select(User.id).where(User.role == Role.MANAGER.value).order_by(User.id)
            )
        )
        calendar = queries.work_calendar(session)
        for job in _paid_jobs(session):
            _job_money(rows, job, now, rng, clerks, managers or clerks, calendar)
    if not rows.payments:
        return 0
    with database.write() as session:
        session.execute(insert(Payment.__table__), rows.payments)
        session.execute(insert(JobEvent.__table__), rows.events)
        for job_id, at in rows.touched.items():
            session.execute(
                update(Job.__table__)
                .where(Job.id == job_id, Job.last_event_at < at)
                .values(last_event_at=at)
            )
    return len(rows.payments)


def _paid_jobs(session: Any) -> Iterator[_Paid]:
    result = session.execute(
        select(
            Job.id, Job.status, Job.checked_in_at, Job.checked_in_by_id, Job.returned_at,
            Job.amount_paid_cents, Job.payment_method,
        )
        .where(Job.coverage == Coverage.PAID.value)
        .order_by(Job.id)
        .limit(MAX_JOBS)
        .execution_options(yield_per=5000)
    )  # fmt: skip
    try:
        for row in result:
            yield _Paid(*row)
    finally:
        result.close()


def _job_money(
    rows: _Rows,
    job: _Paid,
    now: datetime,
    rng: random.Random,
    clerks: list[int],
    managers: list[int],
    calendar: WorkCalendar,
) -> None:
    returned = job.status == Status.RETURNED.value and job.returned_at is not None
    due = (job.amount_paid_cents or 0) if returned else 0
    if not returned and Status(job.status) not in OPEN_STATUSES:
        return  # cancelled, or a 7-day return: no money for the demo
    deposit = 0
    deposit_method = rng.choice((CASH, WECHAT, PaymentMethod.ALIPAY))
    if rng.random() < DEPOSIT_SHARE and (due or not returned):
        deposit = rng.choice((5000, 10000, 20000, 30000))
        tendered = _tendered(deposit, rng) if deposit_method is CASH else None
        rows.add(job, PaymentKind.DEPOSIT, deposit_method, deposit, job.checked_in_at,
                 job.checked_in_by_id, rng, tendered)  # fmt: skip
    if not returned or job.returned_at is None or (not due and not deposit):
        return
    at, by = job.returned_at, rng.choice(clerks)
    used = min(deposit, due)
    if used:
        rows.add(job, PaymentKind.DEPOSIT_USED, None, used, at, by, rng)
    if deposit > used:
        rows.add(job, PaymentKind.REFUND, deposit_method, deposit - used, at, by, rng)
    to_pay = due - used
    main = PaymentMethod(job.payment_method) if job.payment_method else CASH
    if to_pay >= 2000 and rng.random() < SPLIT_SHARE:
        cash = to_pay // 2 // 100 * 100 or 100
        rows.add(job, PaymentKind.PAYMENT, CASH, cash, at, by, rng, _tendered(cash, rng))
        rows.add(job, PaymentKind.PAYMENT, WECHAT, to_pay - cash, at, by, rng)
    elif to_pay:
        tendered = _tendered(to_pay, rng) if main is CASH else None
        rows.add(job, PaymentKind.PAYMENT, main, to_pay, at, by, rng, tendered)
    if due >= 2000 and rng.random() < REFUND_SHARE:
        refund_at = _working_moment(at + timedelta(days=rng.randint(1, 5)), calendar, rng)
        if refund_at < now:
            part = rng.choice((due // 10, due // 5, due // 2)) // 100 * 100 or 100
            rows.add(job, PaymentKind.REFUND, main, part, refund_at, rng.choice(managers), rng,
                     note=rng.choice(REFUND_REASONS))  # fmt: skip
            rows.touched[job.id] = refund_at


def _working_moment(day: datetime, calendar: WorkCalendar, rng: random.Random) -> datetime:
    """A moment in opening hours on the first working day from `day` on."""
    moment = day.replace(hour=OPENS, minute=0, second=0, microsecond=0)
    while not calendar.is_working_day(moment.date()):
        moment += timedelta(days=1)
    return moment + timedelta(seconds=rng.randrange((CLOSES - OPENS) * 3600 - 1800))


def _tendered(cents: int, rng: random.Random) -> int | None:
    """Cash handed over: the amount exactly, or the next 50 or 100 yuan note above it."""
    if rng.random() < 0.4:
        return None
    note = rng.choice((5000, 10000))
    return (cents + note - 1) // note * note
