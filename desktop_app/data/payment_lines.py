"""Reading a job's lines of money (the payments table) back as frozen PaymentLine records."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, Row, bindparam, select
from sqlalchemy.orm import Session

from desktop_app.data.models import Job, Payment, User
from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.vocabulary import PaymentMethod

# Made once; flat rows (queries.JOB_READ says why).
PAYMENTS_READ = (
    select(
        Payment.__table__,
        Job.number.label("job_number"),
        User.display_name.label("taken_by_name"),
    )
    .join(Job, Job.id == Payment.job_id)
    .join(User, User.id == Payment.taken_by_id)
    .where(Payment.job_id == bindparam("job_id", type_=Integer))
    .order_by(Payment.id)
)


def payment_lines(reader: Session | Connection, job_id: int) -> tuple[PaymentLine, ...]:
    """Every line of money of one job, oldest first: one query (who took it joined in)."""
    rows = reader.execute(PAYMENTS_READ, {"job_id": job_id})
    return tuple(payment_line(row) for row in rows)


def payment_line(row: Row[Any]) -> PaymentLine:
    return PaymentLine(
        id=row.id,
        job_id=row.job_id,
        job_number=row.job_number,
        kind=PaymentKind(row.kind),
        method=PaymentMethod(row.method) if row.method else None,
        amount_cents=row.amount_cents,
        tendered_cents=row.tendered_cents,
        change_cents=row.change_cents,
        at=row.at,
        taken_by_id=row.taken_by_id,
        taken_by=row.taken_by_name,
        workstation=row.workstation,
        note=row.note,
    )
