"""Devices not collected, and messages to the customer.

The pickup list is one query: the jobs ready for pickup since before the day the shop's setting
gives (the (status, ready_at) index), each with its reminders counted and dated from the
(job_id, kind, at) index of job_events. Nothing reads every job: at 100,000 jobs the list reads
the few hundred that are ready.

A message copied or sent is a job event of its own kind (CUSTOMER_MESSAGED), recorded as a look
(services/common.record_look): the job row is not written, so the version another counter's
open view holds stays valid and the job's last-event time does not move. Telling a customer
their device is ready changes nothing of the job, and a clerk typing a hand-back at the other
counter must not be refused because someone sent a reminder. The event still names who sent
what, when, how, and the very text.

The text recorded is the one the clerk saw: the service renders the template again inside the
transaction and refuses when it no longer matches (the templates or the job changed in between),
so the record never claims a text the customer did not get.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Customer, Job, JobEvent, JobLine, Product, Quotation
from desktop_app.domain import events
from desktop_app.domain.errors import NotFound, RuleRefusal
from desktop_app.domain.messages import (
    MessageChannel,
    MessageForm,
    MessageTemplate,
    MessageValues,
    SentMessage,
    render,
    validate_message,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.people import Actor
from desktop_app.domain.pickup import PickupRow, days_waiting, ready_before
from desktop_app.domain.roles import Action
from desktop_app.domain.rules import mask_phone
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import N_
from desktop_app.domain.vocabulary import EventKind, Status
from desktop_app.services.common import Clock, is_row_id, load_job, local_now, record_look
from desktop_app.services.quotations import declined_fee
from desktop_app.services.signins import SignIns

PICKUP_LIST_LIMIT = 2000  # the window and the command line say when there are more
MESSAGE_CHANGED = N_(
    "the message changed since it was shown (the job or the shop's templates changed): "
    "look at it again before sending"
)


class PickupService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    # --- the pickup list ----------------------------------------------------------------------

    def waiting(self, actor: Actor | None, limit: int = PICKUP_LIST_LIMIT) -> tuple[PickupRow, ...]:
        """The devices ready and not collected after the shop's days, the longest waiting
        first, with the reminders sent since each became ready. Phones masked; `actor` None
        is the command line, which lists like `consultations` and `complaints` do."""
        with self._db.read() as session:
            if actor is not None:
                self._signins.user(session, actor, Action.MESSAGE_CUSTOMER)
            after_days = queries.shop_snapshot(session).pickup_after_days
            today = self._clock().date()
            reminder = and_(
                JobEvent.job_id == Job.id,
                JobEvent.kind == EventKind.CUSTOMER_MESSAGED.value,
                JobEvent.at >= Job.ready_at,
            )
            reminders = select(func.count()).where(reminder).correlate(Job).scalar_subquery()
            last_reminder = (
                select(func.max(JobEvent.at)).where(reminder).correlate(Job).scalar_subquery()
            )
            total = (
                select(func.coalesce(func.sum(JobLine.charged_cents), 0))
                .where(JobLine.job_id == Job.id, JobLine.removed_at.is_(None))
                .correlate(Job)
                .scalar_subquery()
            )
            # A declined quotation: the inspection fee is what the customer owes, not the lines.
            latest = (
                select(func.max(Quotation.number))
                .where(Quotation.job_id == Job.id)
                .correlate(Job)
                .scalar_subquery()
            )
            declined_fee = (
                select(func.coalesce(Quotation.inspection_fee_cents, 0))
                .where(
                    Quotation.job_id == Job.id,
                    Quotation.number == latest,
                    Quotation.declined_at.is_not(None),
                )
                .correlate(Job)
                .scalar_subquery()
            )
            rows = session.execute(
                select(
                    Job.id,
                    Job.number,
                    Job.ready_at,
                    Job.version,
                    Customer.name,
                    Customer.phone,
                    Product.brand,
                    Product.model,
                    func.coalesce(declined_fee, total).label("total"),
                    reminders.label("reminders"),
                    last_reminder.label("last_reminder_at"),
                )
                .join(Customer, Customer.id == Job.customer_id)
                .join(Product, Product.id == Job.product_id)
                .where(
                    Job.status == Status.READY_FOR_PICKUP.value,
                    Job.ready_at < ready_before(today, after_days),
                )
                .order_by(Job.ready_at, Job.id)
                .limit(max(0, limit))
            ).all()
        return tuple(
            PickupRow(
                job_id=row.id,
                number=row.number,
                ready_at=row.ready_at,
                days_waiting=days_waiting(row.ready_at, today),
                customer_name=row.name,
                masked_phone=mask_phone(row.phone),
                product=" ".join(part for part in (row.brand, row.model) if part),
                total_cents=int(row.total or 0),
                reminders=row.reminders,
                last_reminder_at=row.last_reminder_at,
                version=row.version,
            )
            for row in rows
        )

    # --- messages -----------------------------------------------------------------------------

    def compose(
        self,
        job_id: int,
        template: MessageTemplate,
        actor: Actor,
        new_date: date | None = None,
    ) -> str:
        """The text of `template` for the job, as it would be sent now. A missing fact (the
        hotline never set, the delay's new day) is refused with its placeholder named."""
        with self._db.read() as session:
            self._signins.user(session, actor, Action.MESSAGE_CUSTOMER)
            job = load_job(session, job_id)
            # The template and the day are checked; any channel will do for that.
            form = MessageForm(template, MessageChannel.COPIED, "", new_date)
            validate_message(form, Status(job.status), self._clock().date())
            return _render(session, job, template, new_date)

    def record(self, job_id: int, form: MessageForm, actor: Actor) -> SentMessage:
        """The message copied or sent: its event on the job (a look: the job row is not
        written), with the text as the clerk saw it."""
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.MESSAGE_CUSTOMER)
            if not is_row_id(job_id):
                raise NotFound(N_("no job with id {id}"), id=job_id)
            job = load_job(session, job_id)
            now = self._clock()
            validate_message(form, Status(job.status), now.date())
            if _render(session, job, form.template, form.new_date) != form.text:
                raise RuleRefusal(MESSAGE_CHANGED)
            payload = events.customer_messaged(
                form.template, form.channel, form.text, form.new_date
            )
            record_look(session, job, user, EventKind.CUSTOMER_MESSAGED, now, payload)
            session.flush()
            return SentMessage(
                job_id=job.id,
                job_number=job.number,
                template=form.template,
                channel=form.channel,
                text=form.text,
                at=now,
                by_name=user.display_name,
            )


def message_values(
    session: Session, job: Job, shop: ShopSnapshot, new_date: date | None
) -> MessageValues:
    # What the customer is charged: the lines' total, or the inspection fee alone when they
    # declined the quotation (the product goes back unrepaired).
    total = declined_fee(session, job.id)
    if total is None:
        total = session.scalar(
            select(func.coalesce(func.sum(JobLine.charged_cents), 0)).where(
                JobLine.job_id == job.id, JobLine.removed_at.is_(None)
            )
        )
    return MessageValues(
        shop=shop.name,
        customer=job.customer.name,
        job_number=job.number,
        product=" ".join(part for part in (job.product.brand, job.product.model) if part),
        due_date=job.repair_due_date,
        hotline=shop.hotline,
        total=yuan(int(total or 0)),
        new_date=new_date,
    )


def _render(session: Session, job: Job, template: MessageTemplate, new_date: date | None) -> str:
    shop = queries.shop_snapshot(session)
    return render(
        shop.message_templates.text(template), message_values(session, job, shop, new_date)
    )
