"""What a check-in promises, worked out once: for the dialog's live preview and for the job saved.

The clerk sees the verdict and the two due dates change as they type; the service then saves a
job with exactly those. Both ask `preview_check_in`, so the screen can never promise what the
record will not say.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.forms import CheckInForm, claim_of
from desktop_app.domain.rules import Verdict, decide
from desktop_app.domain.workdays import WorkCalendar, repair_due_date, response_due


@dataclass(frozen=True)
class CheckInPreview:
    """The verdict (None while the claim is incomplete, with the reasons why) and the clocks."""

    verdict: Verdict | None
    problems: tuple[FieldProblem, ...]
    response_due_at: datetime
    repair_due: date


def preview_check_in(form: CheckInForm, now: datetime, calendar: WorkCalendar) -> CheckInPreview:
    """What this form would be granted if it were checked in at `now`."""
    verdict: Verdict | None = None
    problems: tuple[FieldProblem, ...] = ()
    try:
        verdict = decide(claim_of(form, now.date()), now.date())
    except InvalidInput as error:
        problems = error.problems
    return CheckInPreview(verdict, problems, response_due(now), repair_due_date(calendar, now))
