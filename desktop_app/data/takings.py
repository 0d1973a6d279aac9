"""The rows behind the day's takings: a day's or shift's payment lines and drawer counts.

One query each, on the `at` and `starts_at` indexes (migrations 0016, 0017), joined to the jobs
for their numbers and to the users for their names: a day holds a few hundred lines whatever the
size of the jobs table. The domain adds them up (domain/takings.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data.models import DrawerCount as DrawerCountRow
from desktop_app.data.models import Job, Payment, User
from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.takings import DrawerCount
from desktop_app.domain.vocabulary import PaymentMethod


def payment_lines(
    session: Session, starts_at: datetime, ends_before: datetime, workstation: str | None = None
) -> tuple[list[PaymentLine], dict[int, str]]:
    """The lines taken from `starts_at` up to (not including) `ends_before`, oldest first, and
    the user names of who took them (by user id). A row whose kind or method this version does
    not know (written by a newer one) is left out rather than guessed at."""
    query = (
        select(Payment, Job.number, User.username, User.display_name)
        .join(Job, Job.id == Payment.job_id)
        .join(User, User.id == Payment.taken_by_id)
        .where(Payment.at >= starts_at, Payment.at < ends_before)
        .order_by(Payment.at, Payment.id)
    )
    if workstation is not None:
        query = query.where(Payment.workstation == workstation)
    lines: list[PaymentLine] = []
    usernames: dict[int, str] = {}
    for payment, number, username, display_name in session.execute(query):
        try:
            kind = PaymentKind(payment.kind)
            method = PaymentMethod(payment.method) if payment.method else None
        except ValueError:
            continue
        usernames[payment.taken_by_id] = username
        lines.append(
            PaymentLine(
                id=payment.id,
                job_id=payment.job_id,
                job_number=number,
                kind=kind,
                method=method,
                amount_cents=payment.amount_cents,
                tendered_cents=payment.tendered_cents,
                change_cents=payment.change_cents or 0,
                at=payment.at,
                taken_by_id=payment.taken_by_id,
                taken_by=display_name,
                workstation=payment.workstation or "",
                note=payment.note or "",
            )
        )
    return lines, usernames


def drawer_counts(
    session: Session,
    starts_at: datetime,
    ends_before: datetime,
    counted_by_id: int | None = None,
) -> list[DrawerCount]:
    """Every count of a drawer for a day or shift lying within the range (recounts included)."""
    query = (
        select(DrawerCountRow, User.display_name)
        .join(User, User.id == DrawerCountRow.counted_by_id)
        .where(DrawerCountRow.starts_at >= starts_at, DrawerCountRow.ends_before <= ends_before)
        .order_by(DrawerCountRow.at, DrawerCountRow.id)
    )
    if counted_by_id is not None:
        query = query.where(DrawerCountRow.counted_by_id == counted_by_id)
    return [drawer_count(row, name) for row, name in session.execute(query)]


def drawer_count(row: DrawerCountRow, counted_by: str) -> DrawerCount:
    return DrawerCount(
        id=row.id,
        workstation=row.workstation,
        starts_at=row.starts_at,
        ends_before=row.ends_before,
        counted_cents=row.counted_cents,
        expected_cents=row.expected_cents,
        counted_by=counted_by,
        at=row.at,
        note=row.note or "",
    )
