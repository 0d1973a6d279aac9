"""Money at the counter (issue 16): a deposit on an open paid repair, a refund of what a job
paid. The hand-back's payments are written by services/handback.py and a check-in's deposit by
services/jobs.py, through `record_money` below: one payments row and one event on the job each,
in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from desktop_app.data.db import Database
from desktop_app.data.models import Job, Payment, User
from desktop_app.data.payment_lines import payment_lines
from desktop_app.domain import events
from desktop_app.domain.actions import JobAction
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import LONG_TEXT, check_texts
from desktop_app.domain.payments import (
    PaymentKind,
    PaymentLine,
    Tender,
    deposit_problems,
    refund_problems,
    refundable,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.services.common import Clock, finish, load_for, local_now, record_event
from desktop_app.services.signins import SignIns


def record_money(
    session: Session,
    job: Job,
    user: User,
    workstation: str,
    kind: PaymentKind,
    method: PaymentMethod | None,
    amount_cents: int,
    at: datetime,
    *,
    tendered_cents: int | None = None,
    note: str = "",
) -> None:
    """One line of money and its event on the job's timeline (who took it, when, how)."""
    change = max(tendered_cents - amount_cents, 0) if tendered_cents is not None else 0
    method_value = method.value if method is not None else ""
    session.add(
        Payment(
            job_id=job.id,
            kind=kind.value,
            method=method_value,
            amount_cents=amount_cents,
            tendered_cents=tendered_cents,
            change_cents=change,
            at=at,
            taken_by_id=user.id,
            workstation=workstation[:255],
            note=note,
        )
    )
    record_event(
        session,
        job,
        user,
        EventKind.MONEY,
        at,
        None,
        None,
        note,
        events.money(kind.value, method_value, amount_cents, tendered_cents, change),
    )


def record_deposit(
    session: Session, job: Job, user: User, workstation: str, deposit: Tender, at: datetime
) -> None:
    if problems := deposit_problems(deposit):
        raise InvalidInput(problems)
    record_money(
        session,
        job,
        user,
        workstation,
        PaymentKind.DEPOSIT,
        deposit.method,
        deposit.amount_cents,
        at,
        tendered_cents=deposit.tendered_cents,
    )


class PaymentService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    def take_deposit(
        self, job_id: int, actor: Actor, deposit: Tender, expected_version: int | None = None
    ) -> JobSnapshot:
        """A deposit on an open paid repair (e.g. once the customer agreed to the quotation)."""
        if problems := deposit_problems(deposit):
            raise InvalidInput(problems)
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.TAKE_DEPOSIT, expected_version
            )
            record_deposit(session, job, user, self._signins.workstation, deposit, self._clock())
            return finish(session, job)

    def refund(
        self,
        job_id: int,
        actor: Actor,
        amount_cents: int,
        method: str,
        reason: str,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """Money given back for a job, open or closed: at most what it paid and has not had
        back. The job's row is locked and its version checked, so two counters refunding at
        once cannot together give back more than was taken."""
        check_texts(("reason", reason, LONG_TEXT))
        with self._db.write() as session:
            job, user = load_for(
                session, self._signins, job_id, actor, JobAction.REFUND_PAYMENT, expected_version
            )
            lines = payment_lines(session, job.id)
            if problems := refund_problems(amount_cents, method, reason, refundable(lines)):
                raise InvalidInput(problems)
            record_money(
                session,
                job,
                user,
                self._signins.workstation,
                PaymentKind.REFUND,
                PaymentMethod(method),
                amount_cents,
                self._clock(),
                note=reason.strip(),
            )
            return finish(session, job)

    def lines(self, job_id: int) -> tuple[PaymentLine, ...]:
        with self._db.read() as session:
            return payment_lines(session, job_id)
