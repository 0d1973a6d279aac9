"""The hotline and online consultation log, as the agreement has it: a question by phone, online
or in person is answered on the first contact, or the shop promises a callback within 24 clock
hours; a question that turns out to need a repair becomes a check-in (or an on-site visit) with
the link kept. A consultation is never a repair job itself: it has no 5-working-day clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from desktop_app.domain import limits
from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.rules import (
    Category,
    DocumentsPresented,
    ServiceKind,
    mask_phone,
    validate_mobile,
)
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState

# "a consultation the first contact could not answer gets a callback within 24 hours"
CALLBACK_HOURS = 24
NUMBER_SERIES = "ZX"
# ZX20261125-007: the series, the day, that day's sequence.
NUMBER_PATTERN = re.compile(r"^ZX\d{8}-\d{3,}$", re.IGNORECASE)

# How long each typed text of a consultation may be (the service checks, the dialog stops there).
CONSULTATION_LIMITS: dict[str, int] = {
    "phone": limits.SHORT_TEXT,
    "caller_name": limits.SHORT_TEXT,
    "brand": limits.SHORT_TEXT,
    "model": limits.SHORT_TEXT,
    "question": limits.LONG_TEXT,
    "answer": limits.LONG_TEXT,
}
# The states a consultation can still be turned into a service job from.
CONVERTIBLE = frozenset(
    {ConsultationState.ANSWERED, ConsultationState.CALLBACK_DUE, ConsultationState.CALLED_BACK}
)


@dataclass(frozen=True)
class ConsultationForm:
    """What the person at the hotline (or the counter, or the shop's WeChat) writes down."""

    channel: ConsultationChannel
    phone: str
    question: str
    caller_name: str = ""
    category: Category | None = None
    brand: str = ""
    model: str = ""
    # What was answered or advised on this first contact; blank: a callback is promised.
    answer: str = ""


@dataclass(frozen=True)
class ValidConsultation:
    """A form that passed every rule, its texts stripped and its phone normalised."""

    channel: ConsultationChannel
    phone: str
    question: str
    caller_name: str
    category: Category | None
    brand: str
    model: str
    answer: str

    @property
    def state(self) -> ConsultationState:
        return first_state(self.answer)


def validate_consultation(form: ConsultationForm) -> ValidConsultation:
    """Every problem of the form at once (InvalidInput naming each field), or the clean values."""
    problems = limits.text_problems(
        (name, getattr(form, name), limit) for name, limit in CONSULTATION_LIMITS.items()
    )
    bad = {problem.field for problem in problems}
    phone = ""
    if "phone" not in bad:
        try:
            phone = validate_mobile(form.phone)
        except InvalidInput as error:
            problems.extend(error.problems)
    if "question" not in bad and limits.is_blank(form.question):
        problems.append(
            FieldProblem("question", Text(N_("{what} is required"), what=N_("the question")))
        )
    if not isinstance(form.channel, ConsultationChannel):
        problems.append(FieldProblem("channel", Text(N_("must be one of the choices offered"))))
    if form.category is not None and not isinstance(form.category, Category):
        problems.append(FieldProblem("category", Text(N_("must be one of the choices offered"))))
    if problems:
        raise InvalidInput(problems)
    return ValidConsultation(
        channel=form.channel,
        phone=phone,
        question=form.question.strip(),
        caller_name=form.caller_name.strip(),
        category=form.category,
        brand=form.brand.strip(),
        model=form.model.strip(),
        answer="" if limits.is_blank(form.answer) else form.answer.strip(),
    )


def validate_callback_answer(answer: object) -> str:
    """The callback's answer is what the callback is for: required, within the limits."""
    return limits.required_text(
        answer, N_("what was answered on the callback"), field="answer", limit=limits.LONG_TEXT
    )


def first_state(answer: str) -> ConsultationState:
    """Answered on the first contact, or a callback promised."""
    return ConsultationState.CALLBACK_DUE if not answer else ConsultationState.ANSWERED


def callback_due(received_at: datetime) -> datetime:
    """24 clock hours after the question came in (nights and holidays included: the hotline
    runs around the clock)."""
    return received_at + timedelta(hours=CALLBACK_HOURS)


def callback_overdue(state: ConsultationState, due_at: datetime | None, now: datetime) -> bool:
    """A promised callback not made by its due time."""
    return state is ConsultationState.CALLBACK_DUE and due_at is not None and now > due_at


def check_callback(number: str, state: ConsultationState) -> None:
    """Only a consultation waiting for its callback is called back."""
    if state is ConsultationState.CALLBACK_DUE:
        return
    if state is ConsultationState.CALLED_BACK:
        raise RuleRefusal(N_("consultation {number} was already called back"), number=number)
    if state is ConsultationState.CONVERTED:
        raise RuleRefusal(
            N_("consultation {number} became a service job: no callback is due"), number=number
        )
    raise RuleRefusal(
        N_("consultation {number} was answered on the first contact: no callback is due"),
        number=number,
    )


def check_convertible(number: str, state: ConsultationState, job_number: str | None) -> None:
    """A consultation becomes one service job, once."""
    if state in CONVERTIBLE:
        return
    raise RuleRefusal(
        N_("consultation {number} already became job {job}: open that job instead"),
        number=number,
        job=Verbatim(job_number or "?"),
    )


def consultation_number(day: date, sequence: int) -> str:
    """ZX20261125-007: the one spelling of the format (service and demo data alike)."""
    return f"{NUMBER_SERIES}{day.year:04d}{day.month:02d}{day.day:02d}-{sequence:03d}"


class ConsultationFilter(StrEnum):
    """What the consultation log lists."""

    ALL = "all"
    AWAITING_CALLBACK = "awaiting_callback"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class ConsultationQuery:
    which: ConsultationFilter = ConsultationFilter.ALL
    text: str = ""  # a number, phone digits or a caller's name


@dataclass(frozen=True)
class ConsultationSnapshot:
    """One consultation as read, with the whole phone number (for the callback and the
    check-in it becomes); screens show `masked_phone`."""

    id: int
    number: str
    channel: ConsultationChannel
    state: ConsultationState
    phone: str
    caller_name: str
    category: Category | None
    brand: str
    model: str
    question: str
    answer: str
    received_at: datetime
    answered_by: str
    callback_due_at: datetime | None
    called_back_at: datetime | None
    called_back_by: str
    callback_answer: str
    job_id: int | None
    job_number: str
    version: int

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def product(self) -> str:
        return " ".join(part for part in (self.brand, self.model) if part)

    def overdue(self, now: datetime) -> bool:
        return callback_overdue(self.state, self.callback_due_at, now)


def check_in_form_from(
    consultation: ConsultationSnapshot, service: ServiceKind, warranty_months: int
) -> CheckInForm:
    """The check-in (or on-site visit) a consultation becomes, what is known carried over: the
    caller, the product, the question as the fault. The rest (purchase date, serial, papers)
    is asked at the counter or on site."""
    return CheckInForm(
        customer_name=consultation.caller_name,
        phone=consultation.phone,
        category=consultation.category or Category.ELECTRONICS,
        brand=consultation.brand,
        model=consultation.model,
        serial="",
        purchase_date=None,
        warranty_months=warranty_months,
        documents=DocumentsPresented(False, False, service is not ServiceKind.ON_SITE),
        service_requested=service,
        fault_description=consultation.question,
        usage_description="",
        consultation_id=consultation.id,
    )


@dataclass(frozen=True)
class ConsultationRow:
    """One line of the consultation log: the phone only masked (the log is on screen)."""

    id: int
    number: str
    channel: ConsultationChannel
    state: ConsultationState
    masked_phone: str
    caller_name: str
    category: Category | None
    product: str
    question: str
    received_at: datetime
    answered_by: str
    callback_due_at: datetime | None
    called_back_by: str
    job_number: str
    version: int

    def overdue(self, now: datetime) -> bool:
        return callback_overdue(self.state, self.callback_due_at, now)


@dataclass(frozen=True)
class ConsultationCounts:
    """For the clocks panel and the summary strip."""

    awaiting_callback: int
    overdue: int
