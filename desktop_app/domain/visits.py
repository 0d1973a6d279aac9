"""On-site service: the appointment's window and the technician's visit report, as rules.

An on-site job keeps the agreement's two clocks like any repair; what it adds is where the
technician goes (the visit address), when (the appointment: one day, a window such as
09:00–12:00) and what each visit found. The rules here are the ones the check-in dialog, the
"Set appointment…" and "Record visit…" forms and the services all apply.

Decisions, readable against the agreement:
- An appointment is a window within one day, its end after its start. It may not lie in the
  past beyond APPOINTMENT_PAST_TOLERANCE (an hour): a window agreed on the phone for "now" is
  typed a little late, but a window that began hours ago is a typo or a visit already made
  (record the visit instead). It may lie at most APPOINTMENT_MAX_DAYS ahead (a typed year).
- A visit's arrival is not before the job was checked in (to the minute), its leaving after its
  arrival, within VISIT_MAX_HOURS, and neither in the future beyond a clock's drift
  (CLOCK_DRIFT): a report says what happened.
- Work done is required unless the customer was not at home. A next visit's window is only
  possible when another visit is needed (not after "fixed on site" or "taken to the shop"); it
  starts after the visit ended and follows the appointment rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain import limits
from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import VisitResult

APPOINTMENT_PAST_TOLERANCE = timedelta(hours=1)
APPOINTMENT_MAX_DAYS = 90
VISIT_MAX_HOURS = 12
CLOCK_DRIFT = timedelta(minutes=5)
VISIT_ADDRESS = limits.LONG_TEXT
VISIT_WORK_DONE = limits.LONG_TEXT
VISIT_PARTS_USED = limits.LONG_TEXT
# After these results nobody goes back: a next visit's window is refused.
NO_NEXT_VISIT = frozenset({VisitResult.FIXED, VisitResult.TAKEN_TO_SHOP})


@dataclass(frozen=True)
class Window:
    """An appointment: one day, from a time to a time."""

    start: datetime
    end: datetime

    @property
    def day(self) -> date:
        return self.start.date()

    def label(self) -> str:
        """2026-12-04 09:00–12:00: as the screens and the visit sheet print it."""
        return f"{self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"


def window_of(start: datetime | None, end: datetime | None) -> Window | None:
    return Window(start, end) if start is not None and end is not None else None


def window_label(start: datetime | None, end: datetime | None) -> str:
    window = window_of(start, end)
    return window.label() if window is not None else ""


def _is_datetime(value: object) -> bool:
    return isinstance(value, datetime)


def appointment_problems(
    start: object, end: object, now: datetime, field: str = "appointment", *, optional: bool
) -> list[FieldProblem]:
    """What is wrong with an appointment window (both ends None: no appointment, allowed when
    `optional`)."""
    if start is None and end is None:
        if optional:
            return []
        return [FieldProblem(field, Text(N_("an appointment (day and time window) is required")))]
    if not _is_datetime(start) or not _is_datetime(end):
        return [FieldProblem(field, Text(N_("must be a day with a time window from–to")))]
    assert isinstance(start, datetime) and isinstance(end, datetime)
    problems: list[FieldProblem] = []
    if end <= start:
        problems.append(
            FieldProblem(
                field, Text(N_("the window must end after it starts ({start})"), start=start)
            )
        )
    elif end.date() != start.date():
        problems.append(
            FieldProblem(field, Text(N_("the window must start and end on the same day")))
        )
    if start < now - APPOINTMENT_PAST_TOLERANCE:
        problems.append(
            FieldProblem(
                field,
                Text(
                    N_("the window starts in the past ({start}); a visit already made is recorded"),
                    start=start,
                ),
            )
        )
    elif start > now + timedelta(days=APPOINTMENT_MAX_DAYS):
        problems.append(
            FieldProblem(
                field, Text(N_("must be within {days} days from today"), days=APPOINTMENT_MAX_DAYS)
            )
        )
    return problems


def validate_appointment(start: object, end: object, now: datetime) -> Window:
    problems = appointment_problems(start, end, now, optional=False)
    if problems:
        raise InvalidInput(problems)
    assert isinstance(start, datetime) and isinstance(end, datetime)
    return Window(start, end)


@dataclass(frozen=True)
class VisitForm:
    """What the technician reports after a visit."""

    arrived_at: datetime
    left_at: datetime
    result: VisitResult
    work_done: str = ""
    parts_used: str = ""
    next_visit_start: datetime | None = None
    next_visit_end: datetime | None = None


def validate_visit(form: VisitForm, now: datetime, checked_in_at: datetime) -> None:
    """Every problem of a visit report at once (the form marks them all)."""
    problems = limits.text_problems(
        [
            ("work_done", form.work_done, VISIT_WORK_DONE),
            ("parts_used", form.parts_used, VISIT_PARTS_USED),
        ]
    )
    result_known = isinstance(form.result, VisitResult)
    if not result_known:
        problems.append(FieldProblem("result", Text(N_("must be one of the choices offered"))))
    times_known = True
    for name in ("arrived_at", "left_at"):
        if not _is_datetime(getattr(form, name)):
            problems.append(FieldProblem(name, Text(N_("must be a day and a time"))))
            times_known = False
    if times_known:
        arrived, left = form.arrived_at, form.left_at
        if arrived < checked_in_at.replace(second=0, microsecond=0):
            problems.append(
                FieldProblem(
                    "arrived_at",
                    Text(N_("cannot be before the job was checked in ({at})"), at=checked_in_at),
                )
            )
        if arrived > now + CLOCK_DRIFT:
            problems.append(FieldProblem("arrived_at", Text(N_("cannot be in the future"))))
        if left <= arrived:
            problems.append(FieldProblem("left_at", Text(N_("must be after the arrival"))))
        elif left - arrived > timedelta(hours=VISIT_MAX_HOURS):
            problems.append(
                FieldProblem(
                    "left_at",
                    Text(N_("a visit lasts at most {hours} hours"), hours=VISIT_MAX_HOURS),
                )
            )
        if left > now + CLOCK_DRIFT:
            problems.append(FieldProblem("left_at", Text(N_("cannot be in the future"))))
    if (
        result_known
        and form.result is not VisitResult.CUSTOMER_ABSENT
        and isinstance(form.work_done, str)
        and limits.is_blank(form.work_done)
    ):
        problems.append(FieldProblem("work_done", Text(N_("what was done on site is required"))))
    wants_next = form.next_visit_start is not None or form.next_visit_end is not None
    if wants_next and result_known and form.result in NO_NEXT_VISIT:
        problems.append(
            FieldProblem(
                "next_visit",
                Text(N_("no next visit after this result; leave the next visit empty")),
            )
        )
    elif wants_next:
        next_problems = appointment_problems(
            form.next_visit_start, form.next_visit_end, now, "next_visit", optional=True
        )
        problems += next_problems
        if (
            not next_problems
            and times_known
            and isinstance(form.next_visit_start, datetime)
            and form.next_visit_start < form.left_at
        ):
            problems.append(
                FieldProblem("next_visit", Text(N_("must start after this visit ended")))
            )
    if problems:
        raise InvalidInput(problems)


@dataclass(frozen=True)
class VisitSnapshot:
    """One recorded visit, as the job view and the visit sheet show it."""

    id: int
    technician: str
    arrived_at: datetime
    left_at: datetime
    result: VisitResult
    work_done: str
    parts_used: str
    next_visit_start: datetime | None
    next_visit_end: datetime | None
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class VisitRow:
    """One line of a day's visit list: an appointment on that day, or a visit made that day."""

    job_id: int
    number: str
    start: datetime | None  # the window (or the arrival, for a visit made); None: to be set
    end: datetime | None
    customer_name: str
    masked_phone: str
    visit_address: str
    product: str
    status: str  # a workflow Status value
    technician: str
    technician_id: int | None
    visits_so_far: int
    result: VisitResult | None = None  # set for a visit made that day


@dataclass(frozen=True)
class VisitDay:
    """A technician's (or everyone's) day, in appointment order, and the open on-site jobs with
    no appointment yet ("appointment to set")."""

    day: date
    rows: tuple[VisitRow, ...]
    to_set: tuple[VisitRow, ...]
