"""A paid job's quotation and the customer's approval: the gate before paid work starts.

The technician writes a quotation from the job's parts and labour lines as they stand: the lines
are frozen into it (quotation N of the job), with the total and the day it is valid until. Work
on a paid job (`WORK_ACTIONS`) waits until the customer approved the latest quotation, by phone
or by returning the signed printed copy, or a manager let it start with a reason on the record.

The quotation stays what the customer saw: when the job's lines or total no longer match it
(more parts found, a line removed) it is "changed", its approval no longer covers the work, and
a new version must be written and approved. A quotation past its valid-until day cannot be
approved; it is written again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.domain.errors import FieldProblem, RuleRefusal
from desktop_app.domain.limits import DISPLAY_NAME, LONG_TEXT, is_blank, text_problems
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import ApprovalMethod, JobAction, QuoteState

QUOTE_VALID_DAYS = 7  # the dialog's default: a week to decide
MAX_VALID_DAYS = 90  # a price is not held longer than a quarter
MAX_INSPECTION_FEE_CENTS = 1_000_000  # the shop setting's ceiling: ten thousand yuan
ANSWERED_BY = DISPLAY_NAME  # who answered the phone: a name, one line

# The steps that are paid work, gated on the approval. Starting the repair is work; waiting for
# parts orders parts on the customer's account; "ready for pickup" records the repair done (from
# diagnosis it would skip the repair step and the gate with it). Diagnosis, adding lines (that
# is quoting), "cannot be repaired" and cancelling are not work and stay open.
WORK_ACTIONS = frozenset({JobAction.START_REPAIR, JobAction.WAIT_FOR_PARTS, JobAction.MARK_READY})
QUOTE_ACTIONS = frozenset(
    {
        JobAction.WRITE_QUOTATION,
        JobAction.APPROVE_QUOTATION,
        JobAction.OVERRIDE_APPROVAL,
        JobAction.DECLINE_QUOTATION,
    }
)


# What a quotation compares of a job line: kind, description, part model, quantity, unit price
# and the amount charged. By content, not by row: the quotation is what the customer was shown.
LineKey = tuple[str, str, str, int, int, int]


def line_key(
    kind: str,
    description: str,
    part_model: str,
    quantity: int,
    unit_price_cents: int,
    charged_cents: int,
) -> LineKey:
    return (str(kind), description, part_model, quantity, unit_price_cents, charged_cents)


@dataclass(frozen=True)
class QuotedLine:
    """A job line as it stood when the quotation was written (its id names the job line)."""

    line_id: int
    kind: str
    description: str
    part_model: str
    quantity: int
    unit_price_cents: int
    charged_cents: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.line_id,
            "kind": self.kind,
            "description": self.description,
            "part_model": self.part_model,
            "quantity": self.quantity,
            "unit_price_cents": self.unit_price_cents,
            "charged_cents": self.charged_cents,
        }

    @property
    def key(self) -> LineKey:
        return line_key(
            self.kind,
            self.description,
            self.part_model,
            self.quantity,
            self.unit_price_cents,
            self.charged_cents,
        )

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> QuotedLine:
        return cls(
            int(data["id"]),
            str(data["kind"]),
            str(data["description"]),
            str(data.get("part_model", "")),
            int(data["quantity"]),
            int(data["unit_price_cents"]),
            int(data["charged_cents"]),
        )


@dataclass(frozen=True)
class QuotationSnapshot:
    """One version of a job's quotation, with the customer's answer once there is one."""

    id: int
    number: int  # 1, 2, … per job
    diagnosis: str
    lines: tuple[QuotedLine, ...]
    total_cents: int
    valid_until: date
    written_at: datetime
    written_by: str
    approved_via: ApprovalMethod | None = None
    approved_at: datetime | None = None
    approved_by: str = ""  # who recorded it (who called, or took the signed copy back)
    called_at: datetime | None = None  # by phone: when the customer was called
    answered_by: str = ""  # by phone: who answered (the customer or someone else)
    override_reason: str = ""
    declined_at: datetime | None = None
    declined_by: str = ""
    decline_note: str = ""
    inspection_fee_cents: int | None = None  # what a declined quotation costs, fixed then

    @property
    def approved(self) -> bool:
        return self.approved_via is not None

    @property
    def declined(self) -> bool:
        return self.declined_at is not None

    def matches(self, active_lines: Iterable[LineKey]) -> bool:
        """Whether the job's active lines (`line_key` each) are the quoted ones, no more and
        no fewer, at the same prices."""
        return sorted(active_lines) == sorted(q.key for q in self.lines)


def quote_state(
    latest: QuotationSnapshot | None, active_lines: Iterable[LineKey], today: date | None
) -> QuoteState:
    """Where the latest quotation stands against the job's lines now, and today's date (None:
    its validity is not asked, as for a work step, which waits for an approval either way)."""
    if latest is None:
        return QuoteState.NOT_WRITTEN
    if latest.declined:
        return QuoteState.DECLINED
    if not latest.matches(active_lines):
        return QuoteState.CHANGED
    if latest.approved:
        return QuoteState.APPROVED
    if today is not None and latest.valid_until < today:
        return QuoteState.EXPIRED
    return QuoteState.PENDING


# Why a work step waits, for each state that holds it back.
_WORK_WAITS: dict[QuoteState, str] = {
    QuoteState.NOT_WRITTEN: N_(
        "this is a paid repair: write the quotation and record the customer's approval before "
        "work starts"
    ),
    QuoteState.PENDING: N_(
        "the customer has not approved the quotation yet: record the approval (by phone or the "
        "signed copy) or a manager's override before work starts"
    ),
    QuoteState.CHANGED: N_(
        "the quotation changed after it was written (parts or labour added or removed, or the "
        "total changed): write a new quotation and record the customer's approval"
    ),
    QuoteState.EXPIRED: N_(
        "the quotation has expired: write a new one and record the customer's approval"
    ),
    QuoteState.DECLINED: N_(
        "the customer declined the quotation: the product goes back unrepaired"
    ),
}

_APPROVAL_WAITS: dict[QuoteState, str] = {
    QuoteState.NOT_WRITTEN: N_("there is no quotation to approve: write one first"),
    QuoteState.APPROVED: N_("the quotation is already approved"),
    QuoteState.CHANGED: _WORK_WAITS[QuoteState.CHANGED],
    QuoteState.EXPIRED: N_(
        "the quotation has expired and cannot be approved: write a new one (re-issue it)"
    ),
    QuoteState.DECLINED: _WORK_WAITS[QuoteState.DECLINED],
}


def blocked(action: JobAction, state: QuoteState | None) -> RuleRefusal | None:
    """Why the quotation's state holds `action` back on a paid job, or None when it does not.
    `state` None: not a paid job, nothing to hold back."""
    if state is None:
        return None
    if action in WORK_ACTIONS:
        return RuleRefusal(_WORK_WAITS[state]) if state is not QuoteState.APPROVED else None
    if action is JobAction.WRITE_QUOTATION:
        # No lines is a quotation too: the work at no charge, agreed before it starts.
        if state is QuoteState.APPROVED:
            return RuleRefusal(N_("the quotation is approved and unchanged: nothing to re-write"))
        return None
    if action is JobAction.APPROVE_QUOTATION:
        why = _APPROVAL_WAITS.get(state)
        return RuleRefusal(why) if why is not None else None
    if action is JobAction.OVERRIDE_APPROVAL:
        if state in (QuoteState.PENDING, QuoteState.EXPIRED):
            return None
        return RuleRefusal(_APPROVAL_WAITS[state])
    if action is JobAction.DECLINE_QUOTATION:
        if state in (QuoteState.PENDING, QuoteState.EXPIRED, QuoteState.CHANGED):
            return None
        if state is QuoteState.APPROVED:
            return RuleRefusal(N_("the customer approved the quotation; it cannot be declined now"))
        return RuleRefusal(_APPROVAL_WAITS[state])
    return None


# --- the forms -----------------------------------------------------------------------------


@dataclass(frozen=True)
class QuotationForm:
    """What the technician writes: the diagnosis and how long the price holds."""

    diagnosis: str
    valid_until: date


@dataclass(frozen=True)
class ApprovalForm:
    """The customer's answer to quotation `number`: by phone (when called, who answered) or by
    the signed printed copy."""

    number: int
    method: ApprovalMethod
    answered_by: str = ""
    called_at: datetime | None = None
    note: str = ""


def default_valid_until(today: date) -> date:
    return today + timedelta(days=QUOTE_VALID_DAYS)


def quotation_problems(form: QuotationForm, today: date) -> list[FieldProblem]:
    problems = text_problems([("diagnosis", form.diagnosis, LONG_TEXT)])
    if isinstance(form.diagnosis, str) and is_blank(form.diagnosis):
        problems.append(FieldProblem("diagnosis", Text(N_("the diagnosis is required"))))
    day = form.valid_until
    if not isinstance(day, date) or isinstance(day, datetime):
        problems.append(FieldProblem("valid_until", Text(N_("must be a day"))))
    elif day < today:
        problems.append(
            FieldProblem(
                "valid_until", Text(N_("cannot be in the past (today is {day})"), day=today)
            )
        )
    elif day > today + timedelta(days=MAX_VALID_DAYS):
        problems.append(
            FieldProblem(
                "valid_until",
                Text(N_("must be within {days} days of today"), days=MAX_VALID_DAYS),
            )
        )
    return problems


def approval_problems(
    form: ApprovalForm, written_at: datetime, now: datetime
) -> list[FieldProblem]:
    """A phone approval names who answered and when the call was (after the quotation was
    written, not in the future); a signed copy needs nothing more."""
    problems = text_problems(
        [("answered_by", form.answered_by, ANSWERED_BY), ("note", form.note, LONG_TEXT)]
    )
    if not isinstance(form.method, ApprovalMethod) or form.method is ApprovalMethod.OVERRIDE:
        problems.append(FieldProblem("method", Text(N_("must be by phone or by signature"))))
        return problems
    if form.method is ApprovalMethod.PHONE:
        if isinstance(form.answered_by, str) and is_blank(form.answered_by):
            problems.append(
                FieldProblem(
                    "answered_by",
                    Text(N_("say who answered the phone (the customer's name or another person)")),
                )
            )
        called = form.called_at
        if not isinstance(called, datetime):
            problems.append(FieldProblem("called_at", Text(N_("when the customer was called"))))
        elif called > now:
            problems.append(FieldProblem("called_at", Text(N_("cannot be in the future"))))
        elif called < written_at.replace(second=0, microsecond=0):
            problems.append(
                FieldProblem(
                    "called_at",
                    Text(N_("cannot be before the quotation was written ({at})"), at=written_at),
                )
            )
    return problems
