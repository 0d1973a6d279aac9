"""The working-day calendar and the agreement's two clocks.

Working days follow the official national calendar (weekends, public holidays, and the weekend days
declared working days in their place, 调休; see national_calendar.py, from the `holidays`
package), plus the shop's own closure days and extra working days. Which national calendar answers
(compiled from the cache at start-up, or the package itself) is the caller's choice: a
`WorkCalendar` is handed its national calendar, it never looks one up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from desktop_app.domain.national_calendar import NationalCalendar

RESPONSE_HOURS = 24  # "respond within 24 hours of receiving a service request"
REPAIR_WORKING_DAYS = 5  # "finish the repair and hand it back within 5 working days"
DEFAULT_COUNTRY = "CN"


# Stored as the note of a shop calendar day of a year the shop confirmed (data/models.py): kept by
# the days themselves, so that no table is needed for it.
OFFICIAL_NOTE = "official"
ESTIMATE_NOTICE_DAYS = 60  # the manager is told this many days before an estimated year starts


class YearStatus(StrEnum):
    """Where a year's national calendar comes from."""

    OFFICIAL = "official"  # the package holds the official arrangement
    ESTIMATE = "estimate"  # the package only guesses it by rule
    CONFIRMED = "confirmed"  # the shop entered the official arrangement itself


class WorkCalendar:
    """Answers "is this a working day?" for one shop.

    The shop's own overrides win over the national calendar: a closure day is never a working day,
    an extra working day always is. For a year the shop confirmed (it entered that year's official
    holidays as closure days and its make-up working days as extra working days, because the
    package only estimates the year), the package's guesses for it are left out: a day of that
    year is worked unless it is a weekend or a closure day, or if it is an extra working day.
    """

    def __init__(
        self,
        national: NationalCalendar,
        closures: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
        confirmed_years: Iterable[int] = (),
    ) -> None:
        self.country = national.country.upper()
        self._national = national
        self._closures = frozenset(closures)
        self._extra = frozenset(extra_working_days)
        self._confirmed = frozenset(confirmed_years)
        self._cache: dict[date, bool] = {}

    @property
    def closures(self) -> frozenset[date]:
        return self._closures

    @property
    def extra_working_days(self) -> frozenset[date]:
        return self._extra

    @property
    def confirmed_years(self) -> frozenset[int]:
        return self._confirmed

    def national_estimate(self, year: int) -> bool:
        """Whether the national calendar only estimates `year`, whatever the shop entered."""
        return self._national.is_estimated_year(year)

    def year_status(self, year: int) -> YearStatus:
        if year in self._confirmed:
            return YearStatus.CONFIRMED
        if self.national_estimate(year):
            return YearStatus.ESTIMATE
        return YearStatus.OFFICIAL

    def estimate_ahead(self, today: date) -> int | None:
        """The year whose calendar is only an estimate that today is in, or that starts within
        ESTIMATE_NOTICE_DAYS days; None when there is none (or the shop confirmed it)."""
        for year in (today.year, today.year + 1):
            notice_from = date(year, 1, 1) - timedelta(days=ESTIMATE_NOTICE_DAYS)
            if today >= notice_from and self.year_status(year) is YearStatus.ESTIMATE:
                return year
        return None

    def is_working_day(self, day: date) -> bool:
        cached = self._cache.get(day)
        if cached is None:
            cached = self._cache[day] = self._decide(day)
        return cached

    def _decide(self, day: date) -> bool:
        if day in self._closures:
            return False
        if day in self._extra:
            return True
        if day.year in self._confirmed:
            return not self._national.is_weekend(day)
        return self._national.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        if day.year in self._confirmed and day not in self._closures:
            return None  # the package's guess, which the shop's entered days replace
        return self._national.holiday_name(day)

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start`; `start` itself is never counted."""
        if count < 1:
            raise ValueError("count must be at least 1")
        day = start
        found = 0
        while found < count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                found += 1
        return day

    def nth_working_day_back(self, day: date, count: int) -> date:
        """Counting back from `day` itself: 1 is `day` if it is worked, else the last one before."""
        if count < 1:
            raise ValueError("count must be at least 1")
        found = 0
        current = day
        while True:
            if self.is_working_day(current):
                found += 1
                if found == count:
                    return current
            current -= timedelta(days=1)

    def next_working_day(self, day: date) -> date:
        return self.add_working_days(day, 1)

    def working_days_between(self, after: date, until: date) -> int:
        """Working days in (after, until]: after excluded, until included; 0 if until <= after."""
        count = 0
        day = after
        while day < until:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count += 1
        return count


def response_due(checked_in_at: datetime) -> datetime:
    """First response is due 24 clock hours after check-in."""
    return checked_in_at + timedelta(hours=RESPONSE_HOURS)


def repair_due_date(calendar: WorkCalendar, checked_in_at: datetime) -> date:
    """The 5th working day after the check-in day: the repair is due by the end of that day."""
    return calendar.add_working_days(checked_in_at.date(), REPAIR_WORKING_DAYS)


STALE_AFTER_WORKING_DAYS = 2  # an open job with no event for this long needs a look


def stale_before(calendar: WorkCalendar, now: datetime) -> datetime:
    """Open jobs whose last event is older than this have had no event for 2 working days."""
    day = calendar.nth_working_day_back(now.date(), STALE_AFTER_WORKING_DAYS)
    return datetime.combine(day, time.min)


def end_of_day(day: date) -> datetime:
    """The moment a due day is over (the next day's midnight), in the same naive local time."""
    return datetime.combine(day + timedelta(days=1), time.min)


class DueState(StrEnum):
    ON_TRACK = "on_track"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class RepairClock:
    """Where a job stands against the 5-working-day promise at a given moment.

    `working_days_left` counts working days after today up to and including the due day, so a job
    due today has 0 left. `overdue_by` counts working days after the due day up to and including
    today, and is at least 1 once the due day is over: a weekend right after a missed Friday is
    still late.
    """

    due: date
    state: DueState
    working_days_left: int
    overdue_by: int


def repair_clock(calendar: WorkCalendar, due: date, at: date) -> RepairClock:
    if at < due:
        return RepairClock(due, DueState.ON_TRACK, calendar.working_days_between(at, due), 0)
    if at == due:
        return RepairClock(due, DueState.DUE_TODAY, 0, 0)
    late = max(1, calendar.working_days_between(due, at))
    return RepairClock(due, DueState.OVERDUE, 0, late)


def working_days_late(calendar: WorkCalendar, due: date, finished: date) -> int:
    """How many working days late a job finished on `finished` was (0 if on time)."""
    if finished <= due:
        return 0
    return max(1, calendar.working_days_between(due, finished))


@dataclass(frozen=True)
class ResponseClock:
    """The first-response clock: due 24 hours after check-in, met or missed once answered."""

    due: datetime
    responded_at: datetime | None
    overdue: bool
    seconds_left: int  # negative when overdue

    @property
    def met(self) -> bool | None:
        """True/False once responded, None while still waiting."""
        if self.responded_at is None:
            return None
        return self.responded_at <= self.due


def response_clock(due: datetime, responded_at: datetime | None, at: datetime) -> ResponseClock:
    stop = responded_at if responded_at is not None else at
    left = math.floor((due - stop).total_seconds())
    return ResponseClock(due, responded_at, stop > due, left)


@dataclass(frozen=True)
class PromiseOutcome:
    """How a finished job did against the 5-working-day promise.

    Working days taken count from the day after check-in up to and including the day the job
    was ready for pickup (the clock stops there), on the same calendar as the due date.
    """

    working_days_taken: int
    late_by: int  # 0 when on time

    @property
    def on_time(self) -> bool:
        return self.late_by == 0


def promise_outcome(
    calendar: WorkCalendar, checked_in_at: datetime, due: date, finished_at: datetime
) -> PromiseOutcome:
    taken = calendar.working_days_between(checked_in_at.date(), finished_at.date())
    return PromiseOutcome(taken, working_days_late(calendar, due, finished_at.date()))
