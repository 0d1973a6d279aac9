"""The complaints register's rules: the form, the steps a complaint may take, and its two clocks.

The agreement: "a complaint is recorded (against a job or a customer), acknowledged within 24
hours and resolved within a number of working days the shop sets (default 5)". The clocks are
kept like a job's: the acknowledgement in clock hours from the moment the complaint was received
(or a follow-up's draft was registered), the resolution by the end of the Nth working day after
that day, on the same WorkCalendar as the 5-working-day repair promise.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.domain import limits
from desktop_app.domain.compensation import Offer
from desktop_app.domain.errors import FieldProblem, IllegalTransition, InvalidInput, NotPermitted
from desktop_app.domain.rules import validate_mobile
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import (
    COMPLAINT_EVENT_LABELS,
    COMPLAINT_STATE_LABELS,
    CompensationState,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosing,
    ComplaintEventKind,
    ComplaintState,
    Role,
)
from desktop_app.domain.workdays import WorkCalendar, end_of_day

ACKNOWLEDGE_HOURS = 24
NUMBER_SERIES = "TS"

# How long each typed text of a complaint may be.
COMPLAINT_LIMITS: dict[str, int] = {
    "customer_name": limits.SHORT_TEXT,
    "phone": limits.SHORT_TEXT,
    "job_number": limits.SHORT_TEXT,
    "words": limits.LONG_TEXT,
    "request": limits.LONG_TEXT,
}

# The channels a person registers a complaint through; a follow-up call's complaint comes as a
# draft from the survey, never typed in.
TYPED_CHANNELS: tuple[ComplaintChannel, ...] = (
    ComplaintChannel.COUNTER,
    ComplaintChannel.HOTLINE,
    ComplaintChannel.ONLINE,
    ComplaintChannel.LETTER,
)

# Still to be resolved: the resolve clock runs.
UNRESOLVED: frozenset[ComplaintState] = frozenset(
    {ComplaintState.RECEIVED, ComplaintState.ACKNOWLEDGED, ComplaintState.INVESTIGATING}
)
# Open: anything not closed or dismissed (a resolved complaint still waits for the customer).
OPEN_STATES: frozenset[ComplaintState] = UNRESOLVED | {ComplaintState.RESOLVED}


@dataclass(frozen=True)
class ComplaintForm:
    """What the clerk types when a customer complains."""

    channel: ComplaintChannel
    customer_name: str
    phone: str
    category: ComplaintCategory
    words: str  # the customer's words, as they said them
    request: str = ""  # what they ask for
    job_number: str = ""  # optional: the job complained about


def validate_complaint(form: ComplaintForm) -> tuple[str, str]:
    """Check every field at once; returns the normalised phone and job number ("" for none).

    With a job number the phone may be left blank (a complaint opened from the job's view):
    the complaint is then the job's customer's, and the phone is "" here."""
    problems: list[FieldProblem] = []
    for name, limit in COMPLAINT_LIMITS.items():
        problem = limits.text_problem(name, getattr(form, name), limit)
        if problem is not None:
            problems.append(problem)
    bad = {p.field for p in problems}

    def required(name: str, what: str) -> None:
        if name not in bad and limits.is_blank(getattr(form, name)):
            problems.append(FieldProblem(name, Text(N_("{what} is required"), what=what)))

    required("customer_name", N_("the customer's name"))
    required("words", N_("the customer's words"))
    phone = ""
    job_given = isinstance(form.job_number, str) and not limits.is_blank(form.job_number)
    if "phone" not in bad and job_given and limits.is_blank(form.phone):
        pass  # the job's customer complains: the phone on file is theirs (never shown here)
    elif "phone" not in bad:
        try:
            phone = validate_mobile(form.phone)
        except InvalidInput as error:
            problems.extend(error.problems)
    if not isinstance(form.channel, ComplaintChannel) or form.channel not in TYPED_CHANNELS:
        problems.append(FieldProblem("channel", Text(N_("must be one of the choices offered"))))
    if not isinstance(form.category, ComplaintCategory):
        problems.append(FieldProblem("category", Text(N_("must be one of the choices offered"))))
    if problems:
        raise InvalidInput(problems)
    return phone, form.job_number.strip().upper()


# --- the steps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step a complaint may take: from which states, to which, and who may take it."""

    kind: ComplaintEventKind
    sources: frozenset[ComplaintState]
    target: ComplaintState
    manager_only: bool = False


STEPS: dict[ComplaintEventKind, Step] = {
    step.kind: step
    for step in (
        Step(
            ComplaintEventKind.ACKNOWLEDGED,
            frozenset({ComplaintState.RECEIVED}),
            ComplaintState.ACKNOWLEDGED,
        ),
        Step(
            ComplaintEventKind.INVESTIGATING,
            frozenset({ComplaintState.ACKNOWLEDGED}),
            ComplaintState.INVESTIGATING,
        ),
        Step(
            ComplaintEventKind.RESOLVED,
            frozenset({ComplaintState.INVESTIGATING}),
            ComplaintState.RESOLVED,
        ),
        Step(
            ComplaintEventKind.CLOSED,
            frozenset({ComplaintState.RESOLVED}),
            ComplaintState.CLOSED,
        ),
        Step(
            ComplaintEventKind.REOPENED,
            frozenset({ComplaintState.RESOLVED, ComplaintState.CLOSED}),
            ComplaintState.INVESTIGATING,
            manager_only=True,
        ),
        Step(
            ComplaintEventKind.RECEIVED,
            frozenset({ComplaintState.DRAFT}),
            ComplaintState.RECEIVED,
            manager_only=True,
        ),
        Step(
            ComplaintEventKind.DISMISSED,
            frozenset({ComplaintState.DRAFT}),
            ComplaintState.DISMISSED,
            manager_only=True,
        ),
    )
}


def next_steps(state: ComplaintState, role: Role) -> tuple[ComplaintEventKind, ...]:
    """The steps the complaint view offers this role for a complaint in `state`."""
    return tuple(
        step.kind
        for step in STEPS.values()
        if state in step.sources and (role is Role.MANAGER or not step.manager_only)
    )


def check_step(state: ComplaintState, kind: ComplaintEventKind, role: Role) -> Step:
    """The step, if a complaint in `state` may take it by this role; refused otherwise."""
    step = STEPS[kind]
    if step.manager_only and role is not Role.MANAGER:
        raise NotPermitted(
            N_("only a manager may do this: {step}"), step=COMPLAINT_EVENT_LABELS[kind]
        )
    if state not in step.sources:
        raise IllegalTransition(
            N_("a complaint that is {state} cannot take this step: {step}"),
            state=COMPLAINT_STATE_LABELS[state],
            step=COMPLAINT_EVENT_LABELS[kind],
        )
    return step


# --- the clocks ---------------------------------------------------------------------------------


def acknowledge_due(received_at: datetime) -> datetime:
    """The customer is called back within 24 clock hours of the complaint being received."""
    return received_at + timedelta(hours=ACKNOWLEDGE_HOURS)


def resolve_due_date(calendar: WorkCalendar, received_at: datetime, days: int) -> date:
    """The Nth working day after the day received: resolved by the end of that day."""
    return calendar.add_working_days(received_at.date(), days)


def acknowledge_overdue(
    state: ComplaintState, due: datetime | None, acknowledged_at: datetime | None, now: datetime
) -> bool:
    """Like a job's first response: not yet called back and the 24 hours are over."""
    return (
        state is ComplaintState.RECEIVED
        and acknowledged_at is None
        and due is not None
        and (due < now)
    )


def resolve_overdue(state: ComplaintState, due: date | None, now: datetime) -> bool:
    """Like a job's repair clock: still unresolved once the due day is over."""
    return state in UNRESOLVED and due is not None and now >= end_of_day(due)


def complaint_number(day: datetime, sequence: int) -> str:
    """TS20260325-007: the series, the day received, the day's sequence."""
    return f"{NUMBER_SERIES}{day:%Y%m%d}-{sequence:03d}"


# --- what the services hand out -----------------------------------------------------------------


@dataclass(frozen=True)
class ComplaintEventSnapshot:
    """One entry of a complaint's record: who, when, from which state to which, what was typed."""

    at: datetime
    user_name: str
    kind: str
    from_state: str | None
    to_state: str | None
    note: str
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class LinkedCompensation:
    """A compensation proposed for the complaint, and what a manager decided."""

    id: int
    state: CompensationState | str
    proposed: tuple[Offer, ...]
    decided: tuple[Offer, ...]
    reason: str
    proposed_at: datetime
    decided_at: datetime | None


@dataclass(frozen=True)
class ComplaintSnapshot:
    id: int
    number: str | None  # None while a draft
    state: ComplaintState
    channel: ComplaintChannel | str
    category: ComplaintCategory | str
    customer_name: str
    masked_phone: str
    job_id: int | None
    job_number: str | None
    words: str
    request: str
    received_at: datetime
    received_by: str
    acknowledge_due_at: datetime | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    resolve_due_date: date | None
    resolved_at: datetime | None
    finding: str
    shop_at_fault: bool | None
    resolution: str
    closed_at: datetime | None
    closing: ComplaintClosing | None
    version: int
    acknowledge_overdue: bool
    resolve_overdue: bool
    events: tuple[ComplaintEventSnapshot, ...] = ()
    compensations: tuple[LinkedCompensation, ...] = ()


@dataclass(frozen=True)
class ComplaintRow:
    """One line of the register (phones masked)."""

    id: int
    number: str | None
    state: ComplaintState
    channel: str
    category: str
    customer_name: str
    masked_phone: str
    job_number: str | None
    received_at: datetime
    acknowledge_due_at: datetime | None
    resolve_due_date: date | None
    acknowledge_overdue: bool
    resolve_overdue: bool

    @property
    def overdue(self) -> bool:
        return self.acknowledge_overdue or self.resolve_overdue


@dataclass(frozen=True)
class ComplaintQuery:
    """The register's filter: one state, open ones only, overdue ones only, and a text that
    matches the complaint's number, the phone, the customer's name or the job's number."""

    state: ComplaintState | None = None
    open_only: bool = False
    overdue_only: bool = False
    text: str = ""


@dataclass(frozen=True)
class ComplaintCounts:
    """The summary strip's complaint counts."""

    acknowledge_overdue: int
    resolve_overdue: int
    drafts: int
    # Complaints late on either clock, each once (one can be late on both).
    overdue: int = 0
