"""The demo's reminders: "ready to collect" messages for a share of the demo jobs waiting at the
counter, so the pickup list shows some customers told once or twice and some not yet.

Made of the service's own pieces (the shop's template rendered by domain/messages.render, the
event payload of domain/events), written in bulk after the jobs exist, deterministic for a seed.
Recorded as the service records them: events of their own kind that do not touch the job row.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, insert, select

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Customer, Job, JobEvent, JobLine, Product, User
from desktop_app.domain import events
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.messages import MessageChannel, MessageTemplate, MessageValues, render
from desktop_app.domain.money import yuan
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import EventKind, Status

SHARE = 0.6  # of the ready jobs waiting a day or more: the customer was told
MAX_REMINDED = 2000  # the demo stays quick at any size
CHANNELS = (MessageChannel.SMS, MessageChannel.SMS, MessageChannel.WECHAT, MessageChannel.COPIED)


def add_reminders(database: Database, now: datetime, seed: int = 2026) -> int:
    """Reminders for a share of the ready demo jobs; returns how many were written."""
    rng = random.Random(seed)
    with database.read() as session:
        shop = queries.shop_snapshot(session)
        senders = list(
            session.scalars(
                select(User.id)
                .where(User.active.is_(True), User.role.in_([Role.CLERK.value, Role.MANAGER.value]))
                .order_by(User.id)
            )
        )
        total = (
            select(func.coalesce(func.sum(JobLine.charged_cents), 0))
            .where(JobLine.job_id == Job.id, JobLine.removed_at.is_(None))
            .correlate(Job)
            .scalar_subquery()
        )
        waiting = session.execute(
            select(
                Job.id,
                Job.number,
                Job.ready_at,
                Job.repair_due_date,
                Customer.name,
                Product.brand,
                Product.model,
                total.label("total"),
            )
            .join(Customer, Customer.id == Job.customer_id)
            .join(Product, Product.id == Job.product_id)
            .where(
                Job.status == Status.READY_FOR_PICKUP.value,
                Job.ready_at < now - timedelta(days=1),
            )
            .order_by(Job.id)
            .limit(MAX_REMINDED * 2)
        ).all()
    if not senders:
        return 0
    template = shop.message_templates.text(MessageTemplate.READY)
    rows: list[dict[str, object]] = []
    for job in waiting:
        if rng.random() >= SHARE or len(rows) >= MAX_REMINDED:
            continue
        values = MessageValues(
            shop=shop.name,
            customer=job.name,
            job_number=job.number,
            product=" ".join(part for part in (job.brand, job.model) if part),
            due_date=job.repair_due_date,
            hotline=shop.hotline,
            total=yuan(int(job.total or 0)),
        )
        try:
            text = render(template, values)
        except InvalidInput:
            return 0  # a shop without a name or hotline sends nothing (as the window refuses)
        day = job.ready_at.date() + timedelta(days=rng.randrange(0, 2))
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            at = _in_shop_hours(day, rng)
            if at <= job.ready_at:
                at = job.ready_at + timedelta(minutes=rng.randrange(10, 90))
            if at >= now:
                break
            channel = rng.choice(CHANNELS)
            rows.append(
                {
                    "job_id": job.id,
                    "at": at.replace(microsecond=0),
                    "user_id": rng.choice(senders),
                    "kind": EventKind.CUSTOMER_MESSAGED.value,
                    "from_status": None,
                    "to_status": None,
                    "note": "",
                    "payload": queries.encode_payload(
                        events.customer_messaged(MessageTemplate.READY, channel, text)
                    ),
                }
            )
            day = at.date() + timedelta(days=rng.randrange(2, 6))
    if rows:
        with database.write() as session:
            session.execute(insert(JobEvent), rows)
    return len(rows)


def _in_shop_hours(day: date, rng: random.Random) -> datetime:
    """A moment of `day` while the counter is open (09:00 to 18:59)."""
    return datetime.combine(day, time(rng.randrange(9, 19), rng.randrange(60)))
