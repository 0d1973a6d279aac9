"""The ORM tables. Money is integer cents; times are the shop's local wall-clock time.

Local (naive) times because every clock in the agreement is the shop's: "24 hours from check-in"
and "end of the 5th working day" are read off the counter's wall clock and calendar, and all
counters sharing a PostgreSQL database stand in the same shop.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from desktop_app.domain import limits
from desktop_app.domain import parts as parts_rules

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(limits.USERNAME), unique=True)
    display_name: Mapped[str] = mapped_column(String(limits.DISPLAY_NAME))
    role: Mapped[str] = mapped_column(String(20))  # clerk / technician / manager
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # An argon2id hash (services/passwords.py), never the password; None: cannot sign in yet.
    password_hash: Mapped[str | None] = mapped_column(String(200), default=None)
    # A manager reset the password: the user must choose a new one at the next sign-in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Wrong passwords in a row, and the last one's time (people.locked_until).
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    # Bumped when a manager disables the account or resets its password: every sign-in made
    # before then is over, even if the account is enabled again at once (services/signins.py).
    access_version: Mapped[int] = mapped_column(Integer, default=0)


class StaffEvent(Base):
    """The staff record, append-only like job_events: sign-ins (and failures, lock-outs) with the
    workstation, and every change made to an account, with who made it."""

    __tablename__ = "staff_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    # Whose account it is about (None: a sign-in for a user name that does not exist).
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Who did it (a manager managing, the user signing in; None: nobody signed in yet).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    workstation: Mapped[str] = mapped_column(String(limits.WORKSTATION), default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), index=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Product(Base):
    """A product as brought in: one row per job, so a job keeps what was true at its check-in."""

    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    category: Mapped[str] = mapped_column(String(20))
    brand: Mapped[str] = mapped_column(String(limits.SHORT_TEXT))
    model: Mapped[str] = mapped_column(String(limits.SHORT_TEXT))
    serial: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), index=True)
    purchase_date: Mapped[date] = mapped_column(Date)
    warranty_months: Mapped[int] = mapped_column(Integer)
    voucher_number: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), default="")
    warranty_card_number: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), default="")


class Job(Base):
    __tablename__ = "jobs"
    __table_args__ = (
        # The job list pages by check-in time (newest first) and filters by status and due day.
        Index("ix_jobs_checked_in_at_id", "checked_in_at", "id"),
        Index("ix_jobs_status_repair_due_date", "status", "repair_due_date"),
        Index("ix_jobs_status_response_due_at", "status", "response_due_at"),
        # The summary's late first responses, counted from this index alone (migration 0021).
        Index("ix_jobs_status_first_response_at", "status", "first_response_at", "response_due_at"),
        Index("ix_jobs_status_last_event_at", "status", "last_event_at"),
        # The satisfaction follow-up lists the jobs returned on a given day (migration 0008);
        # the evaluation counts the jobs returned in a period and those open at its end from
        # this index alone (widened by migration 0009).
        Index(
            "ix_jobs_returned_at",
            "returned_at",
            "status",
            "outcome",
            "technician_id",
            "satisfaction_score",
            "product_id",
            "checked_in_at",
            "ready_at",
            "repair_due_date",
        ),
        # The evaluation counts the jobs ready for pickup in a period, from this index alone
        # (migration 0009).
        Index("ix_jobs_ready_at", "ready_at", "checked_in_at", "repair_due_date", "technician_id"),
        # A product's jobs, by check-in time: the evaluation's repeat pass reads those checked
        # in during the report's range only (migration 0013).
        Index("ix_jobs_product_id", "product_id", "checked_in_at"),
        # The pickup list: the jobs ready for pickup since before a day (migration 0018).
        Index("ix_jobs_status_ready_at", "status", "ready_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    service_requested: Mapped[str] = mapped_column(String(20))
    coverage: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    voucher_presented: Mapped[bool] = mapped_column(Boolean)
    warranty_card_presented: Mapped[bool] = mapped_column(Boolean)
    product_presented: Mapped[bool] = mapped_column(Boolean)
    verdict_json: Mapped[str] = mapped_column(Text)  # the reasons, as translatable templates
    warranty_end: Mapped[date] = mapped_column(Date)
    return_window_end: Mapped[date] = mapped_column(Date)
    manager_override_reason: Mapped[str] = mapped_column(Text, default="")
    fault_description: Mapped[str] = mapped_column(Text)
    usage_description: Mapped[str] = mapped_column(Text)
    condition_on_arrival: Mapped[str] = mapped_column(Text, default="")
    accessories_received: Mapped[str] = mapped_column(Text, default="")
    checked_in_at: Mapped[datetime] = mapped_column(DateTime)
    checked_in_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    response_due_at: Mapped[datetime] = mapped_column(DateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    repair_due_date: Mapped[date] = mapped_column(Date)
    ready_at: Mapped[datetime | None] = mapped_column(DateTime)
    returned_at: Mapped[datetime | None] = mapped_column(DateTime)
    technician_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    not_quality_reason: Mapped[str] = mapped_column(Text, default="")
    diagnosis: Mapped[str] = mapped_column(Text, default="")
    satisfaction_score: Mapped[int | None] = mapped_column(Integer)
    satisfaction_comment: Mapped[str] = mapped_column(Text, default="")
    last_event_at: Mapped[datetime] = mapped_column(DateTime)
    # Filled at the bench and at hand-back (migration 0002).
    outcome: Mapped[str] = mapped_column(String(20), default="", server_default="")
    work_done: Mapped[str] = mapped_column(Text, default="", server_default="")
    accessories_returned: Mapped[str] = mapped_column(Text, default="", server_default="")
    payment_method: Mapped[str] = mapped_column(String(20), default="", server_default="")
    amount_paid_cents: Mapped[int | None] = mapped_column(BigInteger)
    refund_cents: Mapped[int | None] = mapped_column(BigInteger)
    replacement_model: Mapped[str] = mapped_column(
        String(limits.REPLACEMENT_MODEL), default="", server_default=""
    )
    replacement_serial: Mapped[str] = mapped_column(
        String(limits.REPLACEMENT_SERIAL), default="", server_default=""
    )
    # On-site service (migration 0008): where the technician goes, and when the customer expects
    # them (the window of the appointment, local wall-clock times; None until one is set).
    visit_address: Mapped[str] = mapped_column(Text, default="", server_default="")
    appointment_start: Mapped[datetime | None] = mapped_column(DateTime, index=True)
    appointment_end: Mapped[datetime | None] = mapped_column(DateTime)
    # Issue 16 (migration 0014): the earlier job this one repeats (a repeat repair, free under
    # that repair's own warranty, confirmed by the clerk at check-in), or "".
    repeat_of: Mapped[str] = mapped_column(String(20), default="", server_default="")
    # Optimistic locking: two counters editing the same job cannot silently overwrite each other.
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)
    product: Mapped[Product] = relationship(lazy="joined", innerjoin=True)
    checked_in_by: Mapped[User] = relationship(foreign_keys=[checked_in_by_id], lazy="joined")
    technician: Mapped[User | None] = relationship(foreign_keys=[technician_id], lazy="joined")


class JobEvent(Base):
    """Append-only: database triggers refuse UPDATE and DELETE (see the first migration)."""

    __tablename__ = "job_events"
    # The pickup list's reminders: a job's messages to the customer since it became ready,
    # read by job, kind and time (migration 0018).
    __table_args__ = (Index("ix_job_events_job_id_kind_at", "job_id", "kind", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")  # what the person typed, as typed
    # The event's facts as JSON (domain/events.py): never a sentence in the writer's language.
    payload: Mapped[str] = mapped_column(Text, default="{}")

    user: Mapped[User] = relationship(lazy="joined")


class JobLine(Base):
    """A part or labour line. Removing one stamps it removed; the row stays for the record."""

    __tablename__ = "job_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # part / labour
    description: Mapped[str] = mapped_column(String(limits.LINE_DESCRIPTION))
    part_model: Mapped[str] = mapped_column(String(limits.PART_MODEL), default="")
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price_cents: Mapped[int] = mapped_column(BigInteger)
    charged_cents: Mapped[int] = mapped_column(BigInteger)
    added_at: Mapped[datetime] = mapped_column(DateTime)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    removed_at: Mapped[datetime | None] = mapped_column(DateTime)
    removed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Issue 16 (migration 0014): the catalogue part the line took from stock (None: typed), and
    # why a part not listed for the job's product model was used.
    part_id: Mapped[int | None] = mapped_column(ForeignKey("parts.id"), index=True)
    model_reason: Mapped[str] = mapped_column(Text, default="", server_default="")


class Part(Base):
    """A catalogue part (migration 0014): what it is, the models it fits, its price and how
    many are on the shelf. Never deleted (job lines point at it); deactivated instead."""

    __tablename__ = "parts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(parts_rules.PART_NAME))
    part_number: Mapped[str] = mapped_column(String(parts_rules.PART_NUMBER))
    # The part number as compared (domain/parts.part_number_key): unique whatever the case.
    number_key: Mapped[str] = mapped_column(String(parts_rules.PART_NUMBER), unique=True)
    models: Mapped[str] = mapped_column(Text, default="[]")  # a JSON list, as typed
    unit_price_cents: Mapped[int] = mapped_column(BigInteger)
    stock: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Bumped by every edit and every stock movement: an edit made on an old reading is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)


class Payment(Base):
    """One line of money for a job (domain/payments.py): a deposit, a deposit used against the
    bill, a payment by one method, or a refund. Append-only (triggers in migration 0016): a
    mistake is put right by a refund, never by changing a line."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # payments.PaymentKind
    method: Mapped[str] = mapped_column(String(20), default="")  # "" for a deposit used
    amount_cents: Mapped[int] = mapped_column(BigInteger)  # positive; the kind gives the way
    tendered_cents: Mapped[int | None] = mapped_column(BigInteger)  # cash handed over, if more
    change_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    at: Mapped[datetime] = mapped_column(DateTime)
    taken_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    workstation: Mapped[str] = mapped_column(String(limits.WORKSTATION), default="")
    note: Mapped[str] = mapped_column(Text, default="")  # what the person typed, as typed


class DrawerCount(Base):
    """A count of a workstation's cash drawer for a day or shift (domain/takings.py): what was
    counted, what the payment lines said it should hold at that moment, who counted and why it
    differs. Append-only (triggers in migration 0017): a recount is a new row, the latest
    counts."""

    __tablename__ = "drawer_counts"
    __table_args__ = (Index("ix_drawer_counts_starts_at", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workstation: Mapped[str] = mapped_column(String(limits.WORKSTATION))
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # the day's or shift's start
    ends_before: Mapped[datetime] = mapped_column(DateTime)  # its end (exclusive)
    counted_cents: Mapped[int] = mapped_column(BigInteger)
    expected_cents: Mapped[int] = mapped_column(BigInteger)  # cash in less cash out, then
    counted_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    note: Mapped[str] = mapped_column(Text, default="")  # why it differs, as typed


class ShopSettings(Base):
    """One row (id 1): the shop's own details, printed on receipts and used by the calendar."""

    __tablename__ = "shop_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(limits.SHOP_NAME))
    address: Mapped[str] = mapped_column(Text)  # limits.SHOP_ADDRESS, checked by the service
    hotline: Mapped[str] = mapped_column(String(limits.HOTLINE))
    country: Mapped[str] = mapped_column(String(8))
    default_warranty_months: Mapped[int] = mapped_column(Integer)
    receipt_paper: Mapped[str] = mapped_column(String(10))
    language: Mapped[str] = mapped_column(String(limits.LANGUAGE))
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, default=10)
    # Issue 13: a complaint is resolved within this many working days; the satisfaction
    # follow-up calls jobs returned this many days ago; the compensation policy as JSON
    # (domain/compensation.py; "" is the default policy).
    complaint_resolve_days: Mapped[int] = mapped_column(Integer, default=5, server_default="5")
    follow_up_after_days: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    compensation_policy: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Issue 15: the automatic backups kept (domain/backups.py), migration 0012.
    backup_keep_daily: Mapped[int] = mapped_column(Integer, default=7, server_default="7")
    backup_keep_weekly: Mapped[int] = mapped_column(Integer, default=4, server_default="4")
    backup_keep_monthly: Mapped[int] = mapped_column(Integer, default=12, server_default="12")
    # Issue 16, migration 0014: parts and labour of a repair guaranteed for so many days.
    repair_warranty_days: Mapped[int] = mapped_column(Integer, default=90, server_default="90")
    # Issue 16, pickup (migration 0018): ready jobs not collected after this many days are
    # listed; the customer messages' templates as JSON (domain/messages.py; "" the defaults).
    pickup_after_days: Mapped[int] = mapped_column(Integer, default=7, server_default="7")
    message_templates: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Issue 16: the device tag label's size (domain/device_label.py), migration 0019.
    label_size: Mapped[str] = mapped_column(String(10), default="50x30", server_default="50x30")
    # Issue 16 (migration 0015): what a declined quotation costs the customer (0: nothing).
    inspection_fee_cents: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class CalendarOverride(Base):
    """A shop closure day (not worked) or an extra working day, on top of the national calendar."""

    __tablename__ = "calendar_overrides"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # closure / working
    # workdays.OFFICIAL_NOTE on every row of a year the shop confirmed as that year's official
    # arrangement (the package only estimating it); a year is confirmed when any row says so.
    note: Mapped[str] = mapped_column(Text, default="")


class JobNumberCounter(Base):
    """The last job number handed out per day; incremented under a row lock at check-in."""

    __tablename__ = "job_number_counters"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)  # YYYYMMDD
    last: Mapped[int] = mapped_column(Integer)


class DocumentCounter(Base):
    """The last number handed out per series and day (complaints "TS…", consultations "ZX…"),
    incremented under a row lock like job numbers."""

    __tablename__ = "document_counters"

    series: Mapped[str] = mapped_column(String(10), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)  # YYYYMMDD
    last: Mapped[int] = mapped_column(Integer)


# --- the agreement's second half (issue 13, migration 0008) ------------------------------------


class Complaint(Base):
    """A complaint against a job or a customer, with its own two clocks: acknowledged within 24
    hours of being received, resolved within the shop's number of working days."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_state_acknowledge_due_at", "state", "acknowledge_due_at"),
        Index("ix_complaints_state_resolve_due_date", "state", "resolve_due_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str | None] = mapped_column(String(20), unique=True)  # None while a draft
    state: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    words: Mapped[str] = mapped_column(Text)  # the customer's words, as typed
    request: Mapped[str] = mapped_column(Text, default="")  # what the customer asks for
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    received_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    acknowledge_due_at: Mapped[datetime | None] = mapped_column(DateTime)  # None while a draft
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolve_due_date: Mapped[date | None] = mapped_column(Date)  # None while a draft
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    finding: Mapped[str] = mapped_column(Text, default="")
    shop_at_fault: Mapped[bool | None] = mapped_column(Boolean)
    resolution: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    closing: Mapped[str] = mapped_column(String(20), default="")  # vocabulary.ComplaintClosing
    last_event_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    customer: Mapped[Customer] = relationship(lazy="joined", innerjoin=True)


class ComplaintEvent(Base):
    """A complaint's own record, append-only like job_events (triggers in migration 0008)."""

    __tablename__ = "complaint_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[str] = mapped_column(Text, default="{}")


class Compensation(Base):
    """What the policy proposed for a missed promise (at a hand-back, or a complaint's
    resolution), and what a manager decided. Offers are JSON (domain/compensation.py)."""

    __tablename__ = "compensations"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"), index=True)
    missed: Mapped[str] = mapped_column(Text)  # the missed promises, computed from the clocks
    proposed: Mapped[str] = mapped_column(Text)  # the policy's offers
    state: Mapped[str] = mapped_column(String(20), index=True)
    decided: Mapped[str] = mapped_column(Text, default="[]")  # the offers given, once decided
    reason: Mapped[str] = mapped_column(Text, default="")  # why changed or declined
    proposed_at: Mapped[datetime] = mapped_column(DateTime, index=True)  # migration 0009
    proposed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # migration 0009
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Consultation(Base):
    """A question by phone, online or in person; a callback within 24 hours when the first
    contact could not answer it; a link to the job it became."""

    __tablename__ = "consultations"
    __table_args__ = (Index("ix_consultations_state_callback_due_at", "state", "callback_due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    channel: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    phone: Mapped[str] = mapped_column(String(20), index=True)
    caller_name: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), default="")
    category: Mapped[str] = mapped_column(String(20), default="")
    brand: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), default="")
    model: Mapped[str] = mapped_column(String(limits.SHORT_TEXT), default="")
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    answered_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    callback_due_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_back_at: Mapped[datetime | None] = mapped_column(DateTime)
    called_back_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    callback_answer: Mapped[str] = mapped_column(Text, default="")
    # The job it became (a check-in or an on-site visit made from it), or None.
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id"), index=True)
    last_event_at: Mapped[datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Visit(Base):
    """One on-site visit of a job, as the technician reports it. Append-only: a wrong record is
    corrected by a later one (triggers in migration 0008)."""

    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    technician_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    arrived_at: Mapped[datetime] = mapped_column(DateTime)
    left_at: Mapped[datetime] = mapped_column(DateTime)
    result: Mapped[str] = mapped_column(String(20))  # vocabulary.VisitResult
    work_done: Mapped[str] = mapped_column(Text, default="")
    parts_used: Mapped[str] = mapped_column(Text, default="")
    next_visit_start: Mapped[datetime | None] = mapped_column(DateTime)
    next_visit_end: Mapped[datetime | None] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Survey(Base):
    """A satisfaction follow-up call after the return (scores 1-5; None: not asked or not
    reached). Append-only; a low score links the complaint draft it opened."""

    __tablename__ = "surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)  # migration 0009
    by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reached: Mapped[bool] = mapped_column(Boolean)
    speed: Mapped[int | None] = mapped_column(Integer)
    quality: Mapped[int | None] = mapped_column(Integer)
    attitude: Mapped[int | None] = mapped_column(Integer)
    overall: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    complaint_id: Mapped[int | None] = mapped_column(ForeignKey("complaints.id"))


# --- a paid job's quotation (issue 16, migration 0015) ------------------------------------------


class Quotation(Base):
    """One version of a paid job's quotation: the job's lines frozen as they were quoted, the
    total, how long it holds, and the customer's answer (domain/quotation.py). Versions are
    numbered per job; a new version replaces the one before for the approval gate."""

    __tablename__ = "quotations"
    __table_args__ = (Index("ix_quotations_job_id_number", "job_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("jobs.id"))
    number: Mapped[int] = mapped_column(Integer)
    diagnosis: Mapped[str] = mapped_column(Text)
    lines_json: Mapped[str] = mapped_column(Text)  # QuotedLine.to_json, each
    total_cents: Mapped[int] = mapped_column(BigInteger)
    valid_until: Mapped[date] = mapped_column(Date)
    written_at: Mapped[datetime] = mapped_column(DateTime)
    written_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # The customer's approval: how (vocabulary.ApprovalMethod), when and who recorded it; by
    # phone also when the call was and who answered; a manager's override its reason.
    approved_via: Mapped[str | None] = mapped_column(String(20))
    approved_at: Mapped[datetime | None] = mapped_column(DateTime)
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    answered_by: Mapped[str] = mapped_column(String(limits.DISPLAY_NAME), default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    # Declined: the product goes back unrepaired with the shop's inspection fee of that day.
    declined_at: Mapped[datetime | None] = mapped_column(DateTime)
    declined_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decline_note: Mapped[str] = mapped_column(Text, default="")
    inspection_fee_cents: Mapped[int | None] = mapped_column(BigInteger)

    written_by: Mapped[User] = relationship(foreign_keys=[written_by_id], lazy="joined")
    approved_by: Mapped[User | None] = relationship(foreign_keys=[approved_by_id], lazy="joined")
    declined_by: Mapped[User | None] = relationship(foreign_keys=[declined_by_id], lazy="joined")


# --- the evaluation's day summaries (issue 15, migration 0020; data/evaluation_days.py) --------
# Derived rows, rebuilt from the jobs whenever a day is stale: no foreign keys, days numbered
# from 1970-01-01.


class EvaluationDay(Base):
    """A day whose summary rows are written, with what they were counted with."""

    __tablename__ = "evaluation_days"

    day: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # The latest first-response deadline of the jobs checked in that day (None: no job).
    response_due_last: Mapped[datetime | None] = mapped_column(DateTime)
    repeat_days: Mapped[int] = mapped_column(Integer)


class EvaluationStale(Base):
    """A day changed since its summary was written (left by the triggers of migration 0020)."""

    __tablename__ = "evaluation_stale"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)


class EvaluationReceived(Base):
    """The jobs checked in on a day, by service, category and brand."""

    __tablename__ = "evaluation_received"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)
    service_requested: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    brand: Mapped[str] = mapped_column(String(limits.SHORT_TEXT))
    jobs: Mapped[int] = mapped_column(Integer)
    responded_on_time: Mapped[int] = mapped_column(Integer)
    warranty: Mapped[int] = mapped_column(Integer)
    paid: Mapped[int] = mapped_column(Integer)
    not_quality: Mapped[int] = mapped_column(Integer)
    refunded: Mapped[int] = mapped_column(Integer)
    exchanged: Mapped[int] = mapped_column(Integer)
    refused: Mapped[int] = mapped_column(Integer)


class EvaluationReady(Base):
    """The jobs ready for pickup on a day, by technician and check-in day."""

    __tablename__ = "evaluation_ready"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)
    technician_id: Mapped[int | None] = mapped_column(Integer)
    checked_in_day: Mapped[int] = mapped_column(Integer)
    jobs: Mapped[int] = mapped_column(Integer)
    on_time: Mapped[int] = mapped_column(Integer)


class EvaluationReturned(Base):
    """The jobs handed back on a day (a surveyed status), by technician and hand-back score."""

    __tablename__ = "evaluation_returned"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)
    technician_id: Mapped[int | None] = mapped_column(Integer)
    satisfaction_score: Mapped[int | None] = mapped_column(Integer)
    jobs: Mapped[int] = mapped_column(Integer)
    surveyed: Mapped[int] = mapped_column(Integer)


class EvaluationRepeat(Base):
    """The repeat repairs checked in on a day, by the technician of the last earlier repair."""

    __tablename__ = "evaluation_repeats"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[int] = mapped_column(Integer, index=True)
    technician_id: Mapped[int | None] = mapped_column(Integer)
    jobs: Mapped[int] = mapped_column(Integer)
