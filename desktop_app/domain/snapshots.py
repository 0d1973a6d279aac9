"""Frozen records the services hand out: no widget or receipt ever holds a live ORM object."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop_app.domain.compensation import DEFAULT_POLICY, CompensationPolicy
from desktop_app.domain.messages import DEFAULT_TEMPLATES, MessageTemplates
from desktop_app.domain.payments import (
    PaymentLine,
    deposit_held,
    deposits_taken,
    paid_total,
    refundable,
    refunded_total,
)
from desktop_app.domain.quotation import LineKey, QuotationSnapshot, line_key, quote_state
from desktop_app.domain.repair_warranty import DEFAULT_REPAIR_WARRANTY_DAYS
from desktop_app.domain.rules import Category, Coverage, DocumentsPresented, ServiceKind, mask_phone

# Declared with the sign-in (read before the rest of the domain loads), still importable from here.
from desktop_app.domain.sign_in import UserSnapshot as UserSnapshot
from desktop_app.domain.text import Text
from desktop_app.domain.visits import VisitSnapshot
from desktop_app.domain.vocabulary import QuoteState
from desktop_app.domain.workflow import Status


@dataclass(frozen=True)
class CustomerSnapshot:
    """The customer of a job; screens show the phone masked, the job record keeps it whole."""

    id: int
    name: str
    phone: str
    address: str

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class ProductSnapshot:
    """The product checked in, with the purchase voucher and warranty card it came with."""

    id: int
    category: Category
    brand: str
    model: str
    serial: str
    purchase_date: date
    warranty_months: int
    voucher_number: str
    warranty_card_number: str

    @property
    def description(self) -> str:
        return " ".join(part for part in (self.brand, self.model) if part)


@dataclass(frozen=True)
class EventSnapshot:
    """One entry of a job's audit trail: who did what, when, and any status change.

    `note` is what the person typed, as typed; `payload` holds the facts (domain/events.py
    builds and describes them), so each reader sees them in their own language.
    """

    id: int
    at: datetime
    user_name: str
    kind: str
    from_status: Status | None
    to_status: Status | None
    note: str
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LineSnapshot:
    """A part or labour line. `charged_cents` is what the customer pays (0 under warranty)."""

    id: int
    kind: str  # "part" or "labour"
    description: str
    part_model: str
    quantity: int
    unit_price_cents: int
    charged_cents: int
    added_at: datetime
    removed_at: datetime | None
    # Issue 16: the catalogue part the line took from stock (None: typed as it is), and why a
    # part not listed for the job's product model was used ("" when it is listed).
    part_id: int | None = None
    model_reason: str = ""

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class JobSnapshot:
    """Everything about one service job at the moment it was read."""

    id: int
    number: str
    status: Status
    coverage: Coverage
    service_requested: ServiceKind
    customer: CustomerSnapshot
    product: ProductSnapshot
    documents: DocumentsPresented
    verdict_reasons: tuple[Text, ...]
    warranty_end: date
    return_window_end: date
    manager_override_reason: str
    fault_description: str
    usage_description: str
    condition_on_arrival: str
    accessories_received: str
    checked_in_at: datetime
    checked_in_by: str
    response_due_at: datetime
    first_response_at: datetime | None
    repair_due_date: date
    ready_at: datetime | None
    returned_at: datetime | None
    technician: str
    technician_id: int | None
    not_quality_reason: str
    diagnosis: str
    satisfaction_score: int | None
    satisfaction_comment: str
    version: int
    outcome: str = ""  # repaired / cannot_repair / no_fault_found, set when ready for pickup
    work_done: str = ""
    accessories_returned: str = ""
    payment_method: str = ""
    amount_paid_cents: int | None = None
    refund_cents: int | None = None
    replacement_model: str = ""
    replacement_serial: str = ""
    # On-site service (issue 13): the visit address and the appointment's window.
    visit_address: str = ""
    appointment_start: datetime | None = None
    appointment_end: datetime | None = None
    # The consultation this job was made from (ZX20261125-007), or "".
    consultation_number: str = ""
    # Issue 16: the earlier job this one repeats (a repeat repair, free), or "".
    repeat_of: str = ""
    events: tuple[EventSnapshot, ...] = ()
    lines: tuple[LineSnapshot, ...] = ()
    visits: tuple[VisitSnapshot, ...] = ()  # on-site visits, in the order they were made
    # Every line of money of the job, oldest first (issue 16; domain/payments.py).
    payments: tuple[PaymentLine, ...] = ()
    # A paid job's quotations, oldest first (issue 16): the last one is the current one.
    quotations: tuple[QuotationSnapshot, ...] = ()

    @property
    def total_charged_cents(self) -> int:
        return sum(line.charged_cents for line in self.lines if line.active)

    @property
    def deposit_held_cents(self) -> int:
        return deposit_held(self.payments)

    @property
    def deposits_taken_cents(self) -> int:
        return deposits_taken(self.payments)

    @property
    def paid_cents(self) -> int:
        """What the customer has paid for the job net (deposits used included)."""
        return paid_total(self.payments)

    @property
    def refunded_cents(self) -> int:
        return refunded_total(self.payments)

    @property
    def refundable_cents(self) -> int:
        return refundable(self.payments)

    @property
    def quotation(self) -> QuotationSnapshot | None:
        """The current (latest) quotation, or None."""
        return self.quotations[-1] if self.quotations else None

    def quote_state(self, today: date) -> QuoteState | None:
        """Where a paid job's quotation stands today; None on a job that is not paid."""
        if self.coverage is not Coverage.PAID:
            return None
        return quote_state(self.quotation, self.active_line_keys, today)

    @property
    def active_line_keys(self) -> list[LineKey]:
        return [
            line_key(
                line.kind,
                line.description,
                line.part_model,
                line.quantity,
                line.unit_price_cents,
                line.charged_cents,
            )
            for line in self.lines
            if line.active
        ]

    @property
    def declined_fee_cents(self) -> int | None:
        """The inspection fee when the customer declined the quotation (the only charge then),
        or None when no quotation was declined."""
        quotation = self.quotation
        if quotation is None or not quotation.declined:
            return None
        return quotation.inspection_fee_cents or 0

    @property
    def amount_due_cents(self) -> int:
        """What the hand-back charges: the lines' total, or only the inspection fee when the
        customer declined the quotation."""
        fee = self.declined_fee_cents
        return self.total_charged_cents if fee is None else fee


@dataclass(frozen=True)
class JobRow:
    """One line of the job list: only what the list shows, read without ORM objects."""

    id: int
    number: str
    customer_name: str
    phone: str
    product: str
    serial: str
    status: Status
    coverage: Coverage
    checked_in_at: datetime
    response_due_at: datetime
    first_response_at: datetime | None
    repair_due_date: date
    technician: str

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class PageCursor:
    """Keyset position: the last row of a page, so the next page starts strictly after it."""

    checked_in_at: datetime
    id: int


@dataclass(frozen=True)
class JobPage:
    """One page of the job list, and where the next page starts (None after the last)."""

    rows: tuple[JobRow, ...]
    next_cursor: PageCursor | None


@dataclass(frozen=True)
class ShopSnapshot:
    """The shop's settings: what receipts print, the working calendar, paper and language."""

    name: str
    address: str
    hotline: str
    country: str
    default_warranty_months: int
    receipt_paper: str  # "a4" or "80mm"
    language: str  # "" for the system's, or e.g. "zh_CN"
    closures: tuple[date, ...] = field(default=())
    extra_working_days: tuple[date, ...] = field(default=())
    # Years whose official holidays and make-up working days the shop entered itself (as closure
    # and extra working days) because the package only estimates them: see WorkCalendar.
    confirmed_years: tuple[int, ...] = field(default=())
    # Idle minutes before the window locks itself and hides the customers' data.
    idle_lock_minutes: int = 10
    # A complaint is resolved within this many working days after it is received.
    complaint_resolve_days: int = 5
    # The satisfaction follow-up calls the jobs returned this many days ago.
    follow_up_after_days: int = 3
    # What the shop offers when it misses a promise (domain/compensation.py).
    compensation_policy: CompensationPolicy = DEFAULT_POLICY
    # The automatic backups kept: the newest of so many days, ISO weeks and months
    # (domain/backups.py).
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_keep_monthly: int = 12
    # Issue 16: parts and labour of a repair are guaranteed for so many days after the hand-back
    # (domain/repair_warranty.py); a check-in within them of the same fault is a repeat repair.
    repair_warranty_days: int = DEFAULT_REPAIR_WARRANTY_DAYS
    # Issue 16, pickup: ready jobs not collected after this many days are listed
    # (domain/pickup.py); the customer messages' templates (domain/messages.py).
    pickup_after_days: int = 7
    message_templates: MessageTemplates = DEFAULT_TEMPLATES
    # The device tag label's size, "50x30" (domain/device_label.py LABEL_SIZES).
    label_size: str = "50x30"
    # Issue 16: what a declined quotation costs the customer (cents; 0: nothing).
    inspection_fee_cents: int = 0


@dataclass(frozen=True)
class DueSummary:
    """The counts of the summary strip over all open jobs."""

    open: int
    overdue: int
    due_today: int
    response_overdue: int
