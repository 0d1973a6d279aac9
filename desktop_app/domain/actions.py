"""Which actions a user may take on a job right now: its status, its path, and the user's role.

The job view offers exactly these; the services refuse anything else on their own (they check
the same transitions and roles), so a stale screen can never do what the rules forbid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.errors import IllegalTransition
from desktop_app.domain.quotation import blocked
from desktop_app.domain.roles import may, require
from desktop_app.domain.text import N_, Listing, Text
from desktop_app.domain.vocabulary import (
    STATUS_LABELS,
    Action,
    Coverage,
    QuoteState,
    Role,
    ServiceKind,
    Status,
)

# The `X as X` import: declared in the vocabulary beside its label, still importable from here.
from desktop_app.domain.vocabulary import JobAction as JobAction
from desktop_app.domain.workflow import CLOSED_STATUSES, allowed_next


@dataclass(frozen=True)
class JobState:
    """The facts about a job the choice of actions depends on."""

    status: Status
    coverage: Coverage
    service_requested: ServiceKind
    first_response_at: datetime | None
    has_active_lines: bool
    satisfaction_recorded: bool
    diagnosed: bool = False  # a diagnosis is on the record (only the usual next step asks)
    refundable_cents: int = 0  # money taken for the job not yet given back (payments.refundable)
    # A paid job's latest quotation against its lines now (domain/quotation.py); None on a
    # job that is not paid: no quotation gates its work.
    quote: QuoteState | None = None


BENCH_STATUSES = frozenset({Status.DIAGNOSING, Status.WAITING_FOR_PARTS, Status.REPAIRING})

# The permission each action needs (roles.py says who has it).
PERMISSION: dict[JobAction, Action] = {
    JobAction.RECORD_RESPONSE: Action.RECORD_RESPONSE,
    JobAction.ASSIGN: Action.ASSIGN,
    JobAction.START_DIAGNOSIS: Action.DIAGNOSE,
    JobAction.RECORD_DIAGNOSIS: Action.DIAGNOSE,
    JobAction.NOT_QUALITY_PROBLEM: Action.MARK_NOT_QUALITY,
    JobAction.WAIT_FOR_PARTS: Action.DIAGNOSE,
    JobAction.START_REPAIR: Action.DIAGNOSE,
    JobAction.ADD_PART: Action.EDIT_LINES,
    JobAction.ADD_LABOUR: Action.EDIT_LINES,
    JobAction.REMOVE_LINE: Action.EDIT_LINES,
    JobAction.MARK_READY: Action.DIAGNOSE,
    JobAction.CANNOT_REPAIR: Action.DIAGNOSE,
    JobAction.CANCEL: Action.CANCEL,
    JobAction.HAND_BACK: Action.HAND_BACK,
    JobAction.START_INSPECTION: Action.INSPECT_RETURN,
    JobAction.APPROVE_REFUND: Action.INSPECT_RETURN,
    JobAction.APPROVE_EXCHANGE: Action.INSPECT_RETURN,
    JobAction.REFUSE_RETURN: Action.INSPECT_RETURN,
    JobAction.RECORD_SATISFACTION: Action.RECORD_SATISFACTION,
    JobAction.CORRECTION: Action.CORRECT,
    JobAction.SCHEDULE_VISIT: Action.SCHEDULE_VISIT,
    JobAction.RECORD_VISIT: Action.RECORD_VISIT,
    JobAction.TAKE_DEPOSIT: Action.TAKE_PAYMENT,
    JobAction.REFUND_PAYMENT: Action.REFUND_PAYMENT,
    JobAction.WRITE_QUOTATION: Action.WRITE_QUOTATION,
    JobAction.APPROVE_QUOTATION: Action.RECORD_APPROVAL,
    JobAction.OVERRIDE_APPROVAL: Action.OVERRIDE_APPROVAL,
    JobAction.DECLINE_QUOTATION: Action.RECORD_APPROVAL,
}


def _allowed_by_status(job: JobState) -> list[JobAction]:
    """What the job's status and path allow, before asking who the user is."""
    status = job.status
    nexts = allowed_next(job.coverage, status)
    actions: list[JobAction] = []
    if status in CLOSED_STATUSES:
        if status is Status.RETURNED and not job.satisfaction_recorded:
            actions.append(JobAction.RECORD_SATISFACTION)
        actions.append(JobAction.CORRECTION)
        if job.refundable_cents > 0:
            actions.append(JobAction.REFUND_PAYMENT)
        return actions
    if job.first_response_at is None:
        actions.append(JobAction.RECORD_RESPONSE)
    actions.append(JobAction.ASSIGN)
    if job.service_requested is ServiceKind.ON_SITE:  # while open: the technician goes out
        actions += [JobAction.SCHEDULE_VISIT, JobAction.RECORD_VISIT]
    if Status.DIAGNOSING in nexts and status is Status.RECEIVED:
        actions.append(JobAction.START_DIAGNOSIS)
    if Status.INSPECTING in nexts:
        actions.append(JobAction.START_INSPECTION)
    if status is Status.INSPECTING:
        if job.service_requested is ServiceKind.EXCHANGE:
            actions.append(JobAction.APPROVE_EXCHANGE)
        else:
            actions.append(JobAction.APPROVE_REFUND)
        actions.append(JobAction.REFUSE_RETURN)
    if status in BENCH_STATUSES:
        actions.append(JobAction.RECORD_DIAGNOSIS)
        if job.coverage is Coverage.WARRANTY:
            actions.append(JobAction.NOT_QUALITY_PROBLEM)
        actions += [JobAction.ADD_PART, JobAction.ADD_LABOUR]
        if job.has_active_lines:
            actions.append(JobAction.REMOVE_LINE)
        if job.coverage is Coverage.PAID:  # the quotation and the customer's answer
            actions += [
                JobAction.WRITE_QUOTATION,
                JobAction.APPROVE_QUOTATION,
                JobAction.OVERRIDE_APPROVAL,
                JobAction.DECLINE_QUOTATION,
            ]
    if Status.WAITING_FOR_PARTS in nexts:
        actions.append(JobAction.WAIT_FOR_PARTS)
    if Status.REPAIRING in nexts:
        actions.append(JobAction.START_REPAIR)
    if Status.READY_FOR_PICKUP in nexts:
        actions.append(JobAction.MARK_READY)
        actions.append(JobAction.CANNOT_REPAIR)
    if status is Status.READY_FOR_PICKUP:
        actions.append(JobAction.HAND_BACK)
    if Status.CANCELLED in nexts:
        actions.append(JobAction.CANCEL)
    # Money (issue 16): a deposit on an open paid repair (e.g. once the quotation is agreed);
    # a refund of what the job holds, open or closed.
    if job.coverage is Coverage.PAID:
        actions.append(JobAction.TAKE_DEPOSIT)
    if job.refundable_cents > 0:
        actions.append(JobAction.REFUND_PAYMENT)
    return actions


def _quote_of(job: JobState) -> QuoteState | None:
    """The quotation state that gates a paid job's work (none written unless said), or None."""
    if job.coverage is not Coverage.PAID:
        return None
    return job.quote if job.quote is not None else QuoteState.NOT_WRITTEN


def _quote_blocks(job: JobState, action: JobAction) -> bool:
    """Whether a paid job's quotation holds the action back (domain/quotation.py `blocked`)."""
    return blocked(action, _quote_of(job)) is not None


def available_actions(job: JobState, role: Role) -> list[JobAction]:
    """Exactly the actions this user may take on this job now, in the order a screen shows them."""
    return [
        a for a in _allowed_by_status(job) if may(role, PERMISSION[a]) and not _quote_blocks(job, a)
    ]


# The step that usually comes next in each status, most usual first: the first one this user may
# take now is the job view's default button (Enter). The job view's buttons keep their places;
# this only says which of them is the usual one.
USUAL_NEXT: dict[Status, tuple[JobAction, ...]] = {
    Status.RECEIVED: (JobAction.START_INSPECTION, JobAction.START_DIAGNOSIS),
    Status.INSPECTING: (JobAction.APPROVE_EXCHANGE, JobAction.APPROVE_REFUND),
    # A paid job's quotation comes before its work: its approval when one awaits it, else a
    # (new) quotation; neither applies to a free repair, nor once approved.
    # (The quotation carries the diagnosis: on a paid job it comes before "record diagnosis".)
    Status.DIAGNOSING: (
        JobAction.APPROVE_QUOTATION,
        JobAction.WRITE_QUOTATION,
        JobAction.RECORD_DIAGNOSIS,
        JobAction.START_REPAIR,
    ),
    Status.WAITING_FOR_PARTS: (
        JobAction.APPROVE_QUOTATION,
        JobAction.WRITE_QUOTATION,
        JobAction.START_REPAIR,
    ),
    Status.REPAIRING: (
        JobAction.APPROVE_QUOTATION,
        JobAction.WRITE_QUOTATION,
        JobAction.MARK_READY,
    ),
    Status.READY_FOR_PICKUP: (JobAction.HAND_BACK,),
    Status.RETURNED: (JobAction.RECORD_SATISFACTION,),
}


def next_action(job: JobState, role: Role) -> JobAction | None:
    """The usual next step for this user, or None when it is someone else's (or nobody's).

    A diagnosis already recorded makes starting the repair the next step; a first response
    still outstanding is next for whoever cannot take the job's own next step (a clerk: call
    the customer)."""
    available = available_actions(job, role)
    usual = [
        action
        for action in USUAL_NEXT.get(job.status, ())
        if not (action is JobAction.RECORD_DIAGNOSIS and job.diagnosed)
    ]
    usual.append(JobAction.RECORD_RESPONSE)
    return next((action for action in usual if action in available), None)


def ensure_allowed(job: JobState, role: Role, action: JobAction) -> None:
    """The services' guard: the same rule that decides what the job view offers."""
    by_status = _allowed_by_status(job)
    if action not in by_status:
        raise IllegalTransition(
            N_("“{action}” is not possible for a job that is {status}; possible now: {allowed}"),
            action=action.value,
            status=STATUS_LABELS[job.status],
            allowed=Listing([a.value for a in by_status], N_(", "))
            if by_status
            else Text(N_("nothing")),
        )
    refusal = blocked(action, _quote_of(job))
    if refusal is not None:
        raise refusal
    require(role, PERMISSION[action])


# The plain status moves and the action each one is.
STATUS_ACTIONS: dict[Status, JobAction] = {
    Status.DIAGNOSING: JobAction.START_DIAGNOSIS,
    Status.WAITING_FOR_PARTS: JobAction.WAIT_FOR_PARTS,
    Status.REPAIRING: JobAction.START_REPAIR,
    Status.CANCELLED: JobAction.CANCEL,
    Status.INSPECTING: JobAction.START_INSPECTION,
}
