"""Reading a job's lines of money (the payments table) back as frozen PaymentLine records."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data.models import Job, Payment, User
from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.vocabulary import PaymentMethod


def payment_lines(session: Session, job_id: int) -> tuple[PaymentLine, ...]:
    """Every line of money of one job, oldest first: one query (who took it joined in)."""
    rows = session.execute(
        select(Payment, Job.number, User.display_name)
        .join(Job, Job.id == Payment.job_id)
        .join(User, User.id == Payment.taken_by_id)
        .where(Payment.job_id == job_id)
        .order_by(Payment.id)
    )
    return tuple(payment_line(payment, number, name) for payment, number, name in rows)


def payment_line(payment: Payment, job_number: str, taken_by: str) -> PaymentLine:
    return PaymentLine(
        id=payment.id,
        job_id=payment.job_id,
        job_number=job_number,
        kind=PaymentKind(payment.kind),
        method=PaymentMethod(payment.method) if payment.method else None,
        amount_cents=payment.amount_cents,
        tendered_cents=payment.tendered_cents,
        change_cents=payment.change_cents,
        at=payment.at,
        taken_by_id=payment.taken_by_id,
        taken_by=taken_by,
        workstation=payment.workstation,
        note=payment.note,
    )
