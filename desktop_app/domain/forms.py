"""Plain input records: what a dialog (or the command line, or a test) hands to a service."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum

from desktop_app.domain import limits
from desktop_app.domain.compensation import Decision
from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.evaluation import FigureSelection
from desktop_app.domain.limits import CONTROL_CHARACTERS as CONTROL_CHARACTERS
from desktop_app.domain.limits import has_control_characters as has_control_characters
from desktop_app.domain.money import plain_yuan
from desktop_app.domain.payments import Tender, deposit_problems
from desktop_app.domain.rules import (
    Category,
    Claim,
    DocumentsPresented,
    ServiceKind,
    validate_claim,
    validate_mobile,
)
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.visits import appointment_problems
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workflow import Status


@dataclass(frozen=True)
class CheckInForm:
    """What the clerk enters at check-in, before any rule has looked at it."""

    customer_name: str
    phone: str
    category: Category
    brand: str
    model: str
    serial: str
    purchase_date: date | None  # None until the clerk enters it: required, never assumed
    warranty_months: int
    documents: DocumentsPresented
    service_requested: ServiceKind
    fault_description: str
    usage_description: str
    voucher_number: str = ""
    warranty_card_number: str = ""
    address: str = ""
    condition_on_arrival: str = ""
    accessories_received: str = ""
    manager_override_reason: str | None = None
    # A manager's reason to check in a serial that is still in the shop under an open job.
    serial_override_reason: str | None = None
    # On-site service: where the technician goes, and the appointment's window (issue 13).
    visit_address: str = ""
    appointment_start: datetime | None = None
    appointment_end: datetime | None = None
    # The consultation this check-in was made from (the hotline call it converts), or None.
    consultation_id: int | None = None
    # On-site service: the technician who goes (optional; assigned with the check-in).
    technician_id: int | None = None
    # Issue 16: the earlier job whose fault the clerk confirmed this is again (a repeat repair,
    # free under that repair's own warranty: domain/repair_warranty.py), or None.
    repeat_of: str | None = None
    # A deposit taken with the check-in of a paid repair (issue 16), or None.
    deposit: Tender | None = None


# What a check-in may be asked for. A consultation is not a job any more: it goes in the
# consultation log (domain/consultations.py) and becomes a check-in from there if it needs one.
CHECK_IN_SERVICES: tuple[ServiceKind, ...] = tuple(
    kind for kind in ServiceKind if kind is not ServiceKind.CONSULTATION
)
CONSULTATION_NOT_A_JOB = N_(
    "a consultation is not checked in: record it in the consultation log "
    "(Service desk → Consultation log), and check it in from there if it needs a repair"
)


class DueFilter(StrEnum):
    """The due states the counter filters its list by."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"  # due within 1 working day (today or the next working day)
    RESPONSE_OVERDUE = "response_overdue"


class ClockList(StrEnum):
    """The counter's at-a-glance lists of jobs that need someone now."""

    RESPONSE_OVERDUE = "response_overdue"
    REPAIR_OVERDUE = "repair_overdue"
    DUE_TODAY = "due_today"
    DUE_TOMORROW = "due_tomorrow"  # due on the next working day
    STALE = "stale"  # open, no event for 2 working days


# A clock list shows at most this many jobs, the most urgent; past that it says "500+".
CLOCK_LIST_LIMIT = 500


# A whole job number as printed on receipts and scanned from their barcode (R20261125-0001).
JOB_NUMBER_PATTERN = re.compile(r"^R\d{8}-\d{4,}$", re.IGNORECASE)


def job_number_day(day: date) -> str:
    """The day part of a job number (20261125), which is also the key of that day's counter.
    (Spelled out rather than strftime: ten times faster, and demo data makes 100,000.)"""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def job_number(day: date, sequence: int) -> str:
    """R20261125-0007: the day and that day's sequence. The one spelling of the format, for the
    check-in service and the demo data alike; JOB_NUMBER_PATTERN reads it back."""
    return f"R{job_number_day(day)}-{sequence:04d}"


@dataclass(frozen=True)
class JobQuery:
    """What the job list asks for: free text plus filters. Empty means everything."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    due: DueFilter | None = None
    open_only: bool = False
    technician_id: int | None = None
    # The jobs behind one figure of the evaluation (domain/evaluation.py), or None.
    figure: FigureSelection | None = None

    def __post_init__(self) -> None:
        # What a scanner or a paste can bring that no job holds: control characters (NUL) and
        # lone surrogates. Dropped here, so every backend searches the same text and none raises.
        cleaned = searchable(self.text)
        # Something was typed, but nothing a job can hold: no job matches it (not every job).
        object.__setattr__(self, "matches_nothing", cleaned != self.text and not cleaned.strip())
        object.__setattr__(self, "text", half_width(cleaned))

    matches_nothing: bool = field(default=False, init=False, compare=False)


# A Chinese input method in full-width mode types digits, Latin letters and punctuation as their
# full-width forms (１３８, Ｒ２０２６…, ＡＢＣ) and its space as U+3000; phones, serials and job
# numbers are stored in ASCII. Only these are mapped: Chinese text is left exactly as typed.
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def half_width(text: str) -> str:
    """`text` with full-width ASCII forms and the ideographic space as their ASCII selves."""
    return text.translate(_HALF_WIDTH)


def searchable(text: str) -> str:
    """`text` without control characters and lone surrogates (which cannot be encoded)."""
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


# Kept under their old names for the code and tests that know them (limits.py declares them).
MAX_SHORT_TEXT = limits.SHORT_TEXT
MAX_LONG_TEXT = limits.LONG_TEXT


# How long each typed text of a check-in may be: the service checks them, the dialog's fields stop
# there as the clerk types.
CHECK_IN_LIMITS: dict[str, int] = {
    "customer_name": limits.SHORT_TEXT,
    "brand": limits.SHORT_TEXT,
    "model": limits.SHORT_TEXT,
    "serial": limits.SHORT_TEXT,
    "voucher_number": limits.SHORT_TEXT,
    "warranty_card_number": limits.SHORT_TEXT,
    "address": limits.LONG_TEXT,
    "fault_description": limits.LONG_TEXT,
    "usage_description": limits.LONG_TEXT,
    "condition_on_arrival": limits.LONG_TEXT,
    "accessories_received": limits.LONG_TEXT,
    "manager_override_reason": limits.LONG_TEXT,
    "serial_override_reason": limits.LONG_TEXT,
    "visit_address": limits.LONG_TEXT,
}
OPTIONAL_REASONS = ("manager_override_reason", "serial_override_reason")
# A date as people type it from a voucher: 2026-06-01, 2026/6/1, 2026.6.1, 20260601, 2026年6月1日.
_TYPED_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_TYPED_DATE_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
DATE_FORMAT = N_("not a date: write it as year-month-day, e.g. 2026-06-01")


def parse_typed_date(text: str) -> date | None:
    """The date typed, or None when nothing is typed; ValueError when it is not a date."""
    typed = unicodedata.normalize("NFKC", text).strip()  # full-width digits from an IME
    if not typed:
        return None
    match = _TYPED_DATE.match(typed) or _TYPED_DATE_DIGITS.match(typed)
    if match is None:
        raise ValueError(typed)
    year, month, day = (int(part) for part in match.groups())
    return date(year, month, day)  # ValueError for 2026-02-30


def claim_of(form: CheckInForm, today: date, extended_warranty_end: date | None = None) -> Claim:
    """The claim the agreement judges: what the form says about the product and its papers,
    and any warranty extension the shop gave this serial as compensation."""
    return Claim(
        purchase_date=form.purchase_date,
        check_in_date=today,
        warranty_months=form.warranty_months,
        documents=form.documents,
        requested=form.service_requested,
        manager_override_reason=form.manager_override_reason,
        extended_warranty_end=extended_warranty_end,
    )


def visit_address_of(form: CheckInForm) -> str:
    """Where the technician goes: the visit address typed, else the customer's address."""
    typed = form.visit_address if isinstance(form.visit_address, str) else ""
    return (typed.strip() or form.address.strip()) if isinstance(form.address, str) else ""


def validate_check_in(
    form: CheckInForm, today: date, now: datetime | None = None
) -> tuple[str, Claim]:
    """Check every field of a check-in at once; returns the normalised phone and the claim.

    Raises InvalidInput listing every problem, so the dialog can mark all bad fields together.
    `now` places an on-site appointment (domain/visits.py); without it, the start of `today`.
    """
    problems: list[FieldProblem] = []

    def limited(field: str, value: object, limit: int) -> None:
        problem = limits.text_problem(field, value, limit)
        if problem is not None:
            problems.append(problem)

    def required(field: str, value: str, label: str) -> None:
        if isinstance(value, str) and limits.is_blank(value):
            problems.append(FieldProblem(field, Text(N_("{label} is required"), label=label)))

    limited("phone", form.phone, limits.SHORT_TEXT)
    required("customer_name", form.customer_name, N_("the customer's name"))
    phone = ""
    if "phone" not in {p.field for p in problems}:
        try:
            phone = validate_mobile(form.phone)
        except InvalidInput as error:
            problems.extend(error.problems)
    required("brand", form.brand, N_("the brand"))
    required("model", form.model, N_("the model"))
    required("fault_description", form.fault_description, N_("a description of the fault"))
    required("usage_description", form.usage_description, N_("how the product was used"))
    if form.deposit is not None:
        problems += deposit_problems(form.deposit)
    for name, limit in CHECK_IN_LIMITS.items():
        value = getattr(form, name)
        limited(name, "" if value is None and name in OPTIONAL_REASONS else value, limit)
    if form.serial_override_reason is not None and limits.is_blank(form.serial_override_reason):
        problems.append(
            FieldProblem(
                "serial_override_reason",
                Text(N_("a manager's confirmation needs a written reason")),
            )
        )
    if problems and any(not isinstance(getattr(form, p.field, ""), str) for p in problems):
        raise InvalidInput(problems)  # a value that is not even text: the rules cannot read it
    # No date yet is the claim's problem (validate_claim says it is required); another type is not
    # (a datetime is a date to isinstance, but cannot be compared with one).
    a_date = form.purchase_date is None or (
        isinstance(form.purchase_date, date) and not isinstance(form.purchase_date, datetime)
    )
    if not a_date:
        problems.append(FieldProblem("purchase_date", Text(N_("must be a date"))))
    # The choices come from lists in the form; a caller passing anything else is told so.
    choices_known = True
    for name, kind in (
        ("category", Category),
        ("service_requested", ServiceKind),
        ("documents", DocumentsPresented),
    ):
        if not isinstance(getattr(form, name), kind):
            problems.append(FieldProblem(name, Text(N_("must be one of the choices offered"))))
            choices_known = False
    whole_months = isinstance(form.warranty_months, int) and not isinstance(
        form.warranty_months, bool
    )
    if not whole_months:
        problems.append(FieldProblem("warranty_months", Text(N_("must be a whole number"))))
    if not whole_months or not a_date or not choices_known:
        raise InvalidInput(problems)
    if form.service_requested is ServiceKind.CONSULTATION:
        problems.append(FieldProblem("service_requested", Text(CONSULTATION_NOT_A_JOB)))
    problems.extend(_on_site_problems(form, now or datetime.combine(today, time())))
    if form.documents.purchase_voucher and not form.voucher_number.strip():
        problems.append(
            FieldProblem(
                "voucher_number",
                Text(N_("the purchase voucher was presented: enter its invoice or receipt number")),
            )
        )
    claim = claim_of(form, today)
    try:
        validate_claim(claim, today)
    except InvalidInput as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    return phone, claim


def _on_site_problems(form: CheckInForm, now: datetime) -> list[FieldProblem]:
    """On-site service needs a visit address; the appointment and the technician are optional
    (without an appointment the job lists as "appointment to set"). Other services take none."""
    if form.service_requested is not ServiceKind.ON_SITE:
        given = [
            name
            for name, value in (
                (
                    "visit_address",
                    form.visit_address.strip()
                    if isinstance(form.visit_address, str)
                    else form.visit_address,
                ),
                ("appointment", form.appointment_start or form.appointment_end),
                ("technician", form.technician_id),
            )
            if value
        ]
        return [FieldProblem(name, Text(N_("only for on-site service"))) for name in given]
    problems: list[FieldProblem] = []
    if not visit_address_of(form) or limits.is_blank(visit_address_of(form)):
        problems.append(
            FieldProblem(
                "visit_address",
                Text(N_("{label} is required"), label=N_("an address for on-site service")),
            )
        )
    problems += appointment_problems(
        form.appointment_start, form.appointment_end, now, optional=True
    )
    technician = form.technician_id
    if technician is not None and (
        not isinstance(technician, int) or isinstance(technician, bool) or technician < 1
    ):
        problems.append(FieldProblem("technician", Text(N_("must be one of the choices offered"))))
    return problems


PAYMENT_METHODS: tuple[str, ...] = tuple(PaymentMethod)


def split_accessories(text: str) -> list[str]:
    """'充电器、数据线, 遥控器' -> ['充电器', '数据线', '遥控器']: items a clerk can tick off."""
    items = [item.strip() for item in re.split(r"[、，,;；/\n]+", text)]
    return [item for item in items if item and item not in ("无", "none", "-")]


@dataclass(frozen=True)
class HandBackForm:
    """What the clerk records when the product goes back to the customer.

    The payment is `tenders`: one part per method, cash with what was tendered (issue 16).
    Without tenders, `payment_method` and `amount_paid_cents` are one part for the whole amount
    (the shorthand older callers and the tests use); both 0/"" when nothing is paid now.
    """

    accessories_returned: tuple[str, ...]
    payment_method: str  # "" when nothing is charged
    amount_paid_cents: int
    satisfaction_score: int | None = None  # 1-5; the customer may decline to say
    satisfaction_comment: str = ""
    note: str = ""  # required when an accessory received is not handed back
    # A manager handing back decides the proposed compensation at the counter (None: it waits).
    compensation: Decision | None = None
    tenders: tuple[Tender, ...] = ()

    def payment_tenders(self) -> tuple[Tender, ...]:
        if self.tenders:
            return self.tenders
        if self.amount_paid_cents and self.payment_method in PAYMENT_METHODS:
            return (Tender(PaymentMethod(self.payment_method), self.amount_paid_cents),)
        return ()

    # Who takes it back (domain/identification.py): the job number a scanner typed from the
    # intake receipt or the device label, or the phone's last four digits as the customer said
    # them, or else a note saying how; and how many wrong answers of four digits came first.
    scanned_number: str = ""
    phone_last_four: str = ""
    identity_note: str = ""
    wrong_phone_tries: int = 0


def validate_hand_back(
    form: HandBackForm,
    accessories_received: str,
    total_charged_cents: int,
    deposit_held_cents: int = 0,
) -> None:
    """The accessories, the score, and (for the one-method shorthand) the payment against what
    is left to pay once the deposit held is used; split tenders are checked by
    `payments.settle`, which also uses the deposit."""
    problems: list[FieldProblem] = []
    received = split_accessories(accessories_received)
    missing = [item for item in received if item not in form.accessories_returned]
    if missing and not form.note.strip():
        problems.append(
            FieldProblem(
                "accessories_returned",
                Text(
                    N_("not returned: {items}; say why in the note"),
                    items=Verbatim("、".join(missing)),
                ),
            )
        )
    to_pay = max(total_charged_cents - deposit_held_cents, 0)
    if form.tenders:
        pass
    elif to_pay > 0:
        if form.payment_method not in PAYMENT_METHODS:
            problems.append(
                FieldProblem("payment_method", Text(N_("choose how the customer paid")))
            )
        if form.amount_paid_cents != to_pay:
            problems.append(
                FieldProblem(
                    "amount_paid",
                    Text(
                        N_("must equal the total charged, {total}"),
                        total=plain_yuan(to_pay),
                    ),
                )
            )
    elif form.amount_paid_cents != 0:
        problems.append(
            FieldProblem("amount_paid", Text(N_("nothing is charged for this job; enter 0")))
        )
    if form.satisfaction_score is not None and not 1 <= form.satisfaction_score <= 5:
        problems.append(
            FieldProblem("satisfaction_score", Text(N_("must be a whole number from 1 to 5")))
        )
    if problems:
        raise InvalidInput(problems)
