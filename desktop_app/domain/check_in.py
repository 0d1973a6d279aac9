"""What a check-in promises, worked out once: for the dialog's live preview and for the job saved.

The clerk sees the verdict and the two due dates change as they type; the service then saves a
job with exactly those. Both ask `preview_check_in`, so the screen can never promise what the
record will not say.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.forms import CheckInForm, claim_of
from desktop_app.domain.repair_warranty import (
    DEFAULT_REPAIR_WARRANTY_DAYS,
    NOT_A_REPEAT,
    EarlierRepair,
    repeat_reason,
)
from desktop_app.domain.rules import Coverage, Verdict, decide
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import STATUS_LABELS
from desktop_app.domain.workdays import WorkCalendar, repair_due_date, response_due
from desktop_app.domain.workflow import is_open


@dataclass(frozen=True)
class CheckInPreview:
    """The verdict (None while the claim is incomplete, with the reasons why) and the clocks."""

    verdict: Verdict | None
    problems: tuple[FieldProblem, ...]
    response_due_at: datetime
    repair_due: date


def preview_check_in(
    form: CheckInForm,
    now: datetime,
    calendar: WorkCalendar,
    extended_warranty_end: date | None = None,
    repeat: RepeatCheck | None = None,
) -> CheckInPreview:
    """What this form would be granted if it were checked in at `now` (with the warranty end an
    earlier job's compensation extended the serial to, if any, and the serial's earlier repair
    whose guarantee covers this check-in, if any)."""
    verdict: Verdict | None = None
    problems: tuple[FieldProblem, ...] = ()
    try:
        decided = decide(claim_of(form, now.date(), extended_warranty_end), now.date())
        verdict = repeat_verdict(form, decided, repeat or RepeatCheck(None))
    except InvalidInput as error:
        problems = error.problems
    return CheckInPreview(verdict, problems, response_due(now), repair_due_date(calendar, now))


@dataclass(frozen=True)
class RepeatCheck:
    """The serial's earlier repair whose guarantee covers this check-in (None: none does), and
    the shop's repair warranty in days."""

    candidate: EarlierRepair | None
    days: int = DEFAULT_REPAIR_WARRANTY_DAYS


def repeat_verdict(form: CheckInForm, verdict: Verdict, repeat: RepeatCheck) -> Verdict:
    """A repair the clerk confirmed as the same fault as the covering earlier repair is free,
    whatever the product warranty says (a 7-day return or exchange granted stays one). A
    confirmation naming any other job is refused, naming the field."""
    named = (form.repeat_of or "").strip().upper()
    if not named:
        return verdict
    candidate = repeat.candidate
    if candidate is None or candidate.number.upper() != named:
        raise InvalidInput(
            [
                FieldProblem(
                    "repeat_of",
                    Text(NOT_A_REPEAT, number=Verbatim(named), days=repeat.days),
                )
            ]
        )
    if verdict.coverage is Coverage.RETURN_EXCHANGE:
        return verdict
    return replace(
        verdict,
        coverage=Coverage.WARRANTY,
        reasons=(repeat_reason(candidate, repeat.days), *verdict.reasons),
    )


def job_in_shop(jobs_with_serial: Iterable[JobRow]) -> JobRow | None:
    """The open job (not yet handed back, refunded, exchanged or cancelled) holding the serial."""
    return next((job for job in jobs_with_serial if is_open(job.status)), None)


def serial_in_shop_problems(
    form: CheckInForm, jobs_with_serial: Iterable[JobRow]
) -> list[FieldProblem]:
    """A serial still in the shop cannot come in a second time (as another brand and model,
    say) unless a manager confirms it with a reason, which the check-in event records."""
    open_job = job_in_shop(jobs_with_serial)
    if open_job is None or (form.serial_override_reason or "").strip():
        return []
    return [
        FieldProblem(
            "serial",
            Text(
                N_(
                    "{serial} is still in the shop as job {number} ({product}, {status}): "
                    "hand that job back first, or a manager confirms with a reason"
                ),
                serial=Verbatim(form.serial.strip().upper()),
                number=Verbatim(open_job.number),
                product=Verbatim(open_job.product),
                status=STATUS_LABELS[open_job.status],
            ),
        )
    ]


def other_names_for_phone(form: CheckInForm, names_on_file: Iterable[str]) -> tuple[str, ...]:
    """The names other customers with this phone number are on file under (not blocking: a
    family shares a phone; a typo in the name would split one customer in two)."""
    typed = form.customer_name.strip()
    return tuple(sorted({name for name in names_on_file if name.strip() and name != typed}))


def phone_warning(form: CheckInForm, names_on_file: Iterable[str]) -> Text | None:
    """The warning the check-in dialog shows beside the verdict, or None."""
    others = other_names_for_phone(form, names_on_file)
    if not others:
        return None
    return Text(
        N_("this phone number is on file under another name: {names}; check the name"),
        names=Verbatim(" / ".join(others)),  # names as typed: neither translated nor reordered
    )
