"""The quotation gate in plain Python (domain/quotation.py, domain/actions.py): which steps are
work, when the approval holds, when it goes stale, when a quotation has expired."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.domain.actions import JobState, available_actions, ensure_allowed
from desktop_app.domain.errors import RuleRefusal
from desktop_app.domain.quotation import (
    WORK_ACTIONS,
    ApprovalForm,
    QuotationForm,
    QuotationSnapshot,
    QuotedLine,
    approval_problems,
    quotation_problems,
    quote_state,
)
from desktop_app.domain.vocabulary import (
    ApprovalMethod,
    Coverage,
    JobAction,
    QuoteState,
    Role,
    ServiceKind,
    Status,
)

TODAY = date(2026, 9, 30)
WRITTEN = datetime(2026, 9, 30, 10, 0)
SCREEN = QuotedLine(1, "part", "屏幕", "Mate 60", 1, 45000, 45000)
LABOUR = QuotedLine(2, "labour", "工时", "", 1, 5000, 5000)


def quotation(**changes) -> QuotationSnapshot:
    base = dict(
        id=1,
        number=1,
        diagnosis="屏幕坏",
        lines=(SCREEN, LABOUR),
        total_cents=50000,
        valid_until=TODAY + timedelta(days=7),
        written_at=WRITTEN,
        written_by="李建国",
    )
    return QuotationSnapshot(**{**base, **changes})


def state(status: Status, quote: QuoteState | None, coverage: Coverage = Coverage.PAID) -> JobState:
    return JobState(status, coverage, ServiceKind.REPAIR, WRITTEN, True, False, True, quote=quote)


def test_the_state_follows_the_lines_the_answer_and_the_day() -> None:
    lines = [SCREEN.key, LABOUR.key]
    assert quote_state(None, lines, TODAY) is QuoteState.NOT_WRITTEN
    assert quote_state(quotation(), lines, TODAY) is QuoteState.PENDING
    assert quote_state(quotation(), reversed(lines), TODAY) is QuoteState.PENDING  # any order
    approved = quotation(approved_via=ApprovalMethod.PHONE)
    assert quote_state(approved, lines, TODAY) is QuoteState.APPROVED
    # A line more, a line less, the same line at another price: changed, approved or not.
    more = [*lines, QuotedLine(3, "part", "电池", "", 1, 12900, 12900).key]
    cheaper = [SCREEN.key, QuotedLine(2, "labour", "工时", "", 1, 4000, 4000).key]
    for now in (more, [SCREEN.key], cheaper, [*lines, LABOUR.key]):
        assert quote_state(approved, now, TODAY) is QuoteState.CHANGED
        assert quote_state(quotation(), now, TODAY) is QuoteState.CHANGED
    # Valid through its last day; the day after it has expired, unless already approved.
    last = TODAY + timedelta(days=7)
    assert quote_state(quotation(), lines, last) is QuoteState.PENDING
    assert quote_state(quotation(), lines, last + timedelta(days=1)) is QuoteState.EXPIRED
    assert quote_state(approved, lines, last + timedelta(days=30)) is QuoteState.APPROVED
    declined = quotation(declined_at=WRITTEN)
    assert quote_state(declined, lines, TODAY) is QuoteState.DECLINED


@pytest.mark.parametrize("status", [Status.DIAGNOSING, Status.WAITING_FOR_PARTS, Status.REPAIRING])
@pytest.mark.parametrize("quote", [q for q in QuoteState if q is not QuoteState.APPROVED])
def test_work_waits_on_a_paid_job_until_approved(status: Status, quote: QuoteState) -> None:
    job = state(status, quote)
    offered = set(available_actions(job, Role.MANAGER))
    assert not offered & WORK_ACTIONS
    for action in WORK_ACTIONS & set(
        available_actions(state(status, QuoteState.APPROVED), Role.MANAGER)
    ):
        with pytest.raises(RuleRefusal):
            ensure_allowed(job, Role.MANAGER, action)
    # Diagnosis and quoting are not work.
    assert {JobAction.RECORD_DIAGNOSIS, JobAction.ADD_PART, JobAction.REMOVE_LINE} <= offered


def test_a_paid_job_whose_state_was_not_read_counts_as_not_quoted() -> None:
    assert not set(available_actions(state(Status.DIAGNOSING, None), Role.MANAGER)) & WORK_ACTIONS


def test_a_free_repair_has_no_gate_and_no_quotation() -> None:
    offered = set(
        available_actions(state(Status.DIAGNOSING, None, Coverage.WARRANTY), Role.MANAGER)
    )
    assert {JobAction.START_REPAIR, JobAction.WAIT_FOR_PARTS, JobAction.MARK_READY} <= offered
    assert JobAction.WRITE_QUOTATION not in offered


def test_who_may_answer_and_what_each_state_allows() -> None:
    pending = state(Status.DIAGNOSING, QuoteState.PENDING)
    assert JobAction.APPROVE_QUOTATION in available_actions(pending, Role.CLERK)
    assert JobAction.OVERRIDE_APPROVAL not in available_actions(pending, Role.CLERK)
    assert JobAction.OVERRIDE_APPROVAL in available_actions(pending, Role.MANAGER)
    assert JobAction.WRITE_QUOTATION not in available_actions(pending, Role.CLERK)
    expired = state(Status.DIAGNOSING, QuoteState.EXPIRED)
    with pytest.raises(RuleRefusal, match="expired and cannot be approved"):
        ensure_allowed(expired, Role.CLERK, JobAction.APPROVE_QUOTATION)
    changed = state(Status.REPAIRING, QuoteState.CHANGED)
    with pytest.raises(RuleRefusal, match="quotation changed"):
        ensure_allowed(changed, Role.CLERK, JobAction.APPROVE_QUOTATION)
    assert JobAction.WRITE_QUOTATION in available_actions(changed, Role.TECHNICIAN)
    assert JobAction.DECLINE_QUOTATION in available_actions(changed, Role.CLERK)


def test_the_forms_are_checked_field_by_field() -> None:
    assert quotation_problems(QuotationForm("x", TODAY), TODAY) == []
    fields = {p.field for p in quotation_problems(QuotationForm(" ", TODAY - timedelta(1)), TODAY)}
    assert fields == {"diagnosis", "valid_until"}
    far = QuotationForm("x", TODAY + timedelta(days=91))
    assert [p.field for p in quotation_problems(far, TODAY)] == ["valid_until"]
    now = WRITTEN + timedelta(hours=1)
    good = ApprovalForm(1, ApprovalMethod.PHONE, "张伟", WRITTEN + timedelta(minutes=30))
    assert approval_problems(good, WRITTEN, now) == []
    assert approval_problems(ApprovalForm(1, ApprovalMethod.SIGNATURE), WRITTEN, now) == []
    late = ApprovalForm(1, ApprovalMethod.PHONE, "张伟", now + timedelta(minutes=1))
    assert [p.field for p in approval_problems(late, WRITTEN, now)] == ["called_at"]
