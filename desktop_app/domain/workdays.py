"""The working-day calendar and the agreement's two clocks.

Working days follow the official national calendar (weekends, public holidays, and the weekend days
declared working days in their place, 调休) from the `holidays` package, plus the shop's own
closure days and extra working days. The package's tables are not hand-copied here on purpose:
they match the State Council's arrangements day for day and get updated every year.

Importing the package costs more than the whole start-up budget (it loads every country's module),
so it is imported only when a question needs it. Start-up instead registers a `CompiledCalendar`:
what the package says for a few whole years, as plain data that a cache file can hold (see
data/calendar_cache.py). Every other question still goes to the package.
"""

from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from holidays import HolidayBase

RESPONSE_HOURS = 24  # "respond within 24 hours of receiving a service request"
REPAIR_WORKING_DAYS = 5  # "finish the repair and hand it back within 5 working days"
DEFAULT_COUNTRY = "CN"


def supported_countries() -> list[str]:
    import holidays  # slow: only the settings need the list

    return sorted(holidays.list_supported_countries())


class NationalCalendar(Protocol):
    """The official calendar of one country: weekends, public holidays and 调休."""

    def is_working_day(self, day: date) -> bool: ...

    def holiday_name(self, day: date) -> str | None: ...


class PackageCalendar:
    """The `holidays` package's calendar for one country, imported and built on first question."""

    def __init__(self, country: str) -> None:
        self.country = country.upper()
        self._package: HolidayBase | None = None

    @property
    def package(self) -> HolidayBase:
        if self._package is None:
            import holidays  # slow: see the module docstring

            # Years are filled in lazily by the package as days are looked up.
            self._package = holidays.country_holidays(self.country)
        return self._package

    def is_working_day(self, day: date) -> bool:
        # The package's own test knows weekends, holidays and the make-up working days (调休).
        return bool(self.package.is_working_day(day))

    def holiday_name(self, day: date) -> str | None:
        name = self.package.get(day)
        return str(name) if name else None


def holiday_names_locale() -> str:
    """The locale the package translates holiday names into when no language is given.

    It is gettext's own choice: the first of these variables that is set. A compiled calendar
    records it, so that names cached under one locale are not shown under another.
    """
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable)
        if value:
            return value
    return ""


COMPILED_CALENDAR_FORMAT = 1


@dataclass(frozen=True)
class CompiledCalendar:
    """What the package says for the whole years first_year..last_year, as plain data.

    The test mirrors the package's `HolidayBase.is_working_day`: a weekend day is worked only if it
    was declared a working day (调休), any other day unless it is a holiday. `weekends` holds
    (first day, weekend weekdays) periods in date order, because a few countries changed their
    weekend (the UAE moved from Fri-Sat to Sat-Sun in 2022); usually there is just one. Days
    outside the span go to the package itself: correct, only slower.
    """

    country: str
    first_year: int
    last_year: int
    weekends: tuple[tuple[date, frozenset[int]], ...]
    holidays: Mapping[date, str]
    weekend_workdays: frozenset[date]
    names_locale: str = ""

    def __post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise ValueError(f"empty span {self.first_year}..{self.last_year}")
        starts = [start for start, _ in self.weekends]
        if not starts or starts[0] > date(self.first_year, 1, 1) or starts != sorted(starts):
            raise ValueError("the weekend periods must be in order and start by the span's start")
        if any(not weekdays <= set(range(7)) for _, weekdays in self.weekends):
            raise ValueError("weekend weekdays run from 0 (Monday) to 6 (Sunday)")

    def covers(self, first_year: int, last_year: int) -> bool:
        return self.first_year <= first_year and last_year <= self.last_year

    def weekend_on(self, day: date) -> frozenset[int]:
        """The weekend weekdays in force on `day` (which must be inside the span)."""
        if len(self.weekends) == 1:
            return self.weekends[0][1]
        return self.weekends[bisect_right(self.weekends, day, key=lambda p: p[0]) - 1][1]

    def is_working_day(self, day: date) -> bool:
        if not self.first_year <= day.year <= self.last_year:
            return _package_calendar(self.country).is_working_day(day)
        if day.weekday() in self.weekend_on(day):
            return day in self.weekend_workdays
        return day not in self.holidays

    def holiday_name(self, day: date) -> str | None:
        if not self.first_year <= day.year <= self.last_year:
            return _package_calendar(self.country).holiday_name(day)
        return self.holidays.get(day)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": COMPILED_CALENDAR_FORMAT,
                "country": self.country,
                "first_year": self.first_year,
                "last_year": self.last_year,
                "names_locale": self.names_locale,
                "weekends": [
                    {"from": start.isoformat(), "weekdays": sorted(weekdays)}
                    for start, weekdays in self.weekends
                ],
                "holidays": {day.isoformat(): name for day, name in sorted(self.holidays.items())},
                "weekend_workdays": sorted(day.isoformat() for day in self.weekend_workdays),
            },
            ensure_ascii=False,
            indent=1,
        )

    @classmethod
    def from_json(cls, text: str | bytes) -> CompiledCalendar:
        """Raises ValueError for anything that is not a calendar in this format."""
        try:
            data: Any = json.loads(text)
            if data["format"] != COMPILED_CALENDAR_FORMAT:
                raise ValueError(
                    f"calendar format {data['format']!r}, not {COMPILED_CALENDAR_FORMAT}"
                )
            return cls(
                country=_text(data["country"]),
                first_year=_whole(data["first_year"]),
                last_year=_whole(data["last_year"]),
                names_locale=_text(data["names_locale"]),
                weekends=tuple(
                    (date.fromisoformat(period["from"]), frozenset(map(_whole, period["weekdays"])))
                    for period in data["weekends"]
                ),
                holidays={
                    date.fromisoformat(day): _text(name) for day, name in data["holidays"].items()
                },
                weekend_workdays=frozenset(map(date.fromisoformat, data["weekend_workdays"])),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"not a compiled calendar: {exc!r}") from exc


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _whole(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, got {value!r}")
    return value


def compile_calendar(country: str, first_year: int, last_year: int) -> CompiledCalendar:
    """Asks the package about every day of first_year..last_year and keeps the answers as data."""
    import holidays  # slow: see the module docstring

    country = country.upper()
    package = holidays.country_holidays(country, years=range(first_year, last_year + 1))
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    # The weekend is read a whole week at a time (Monday to Sunday), so that each period records
    # every weekday's status even where the span starts or ends mid-week.
    weekends: list[tuple[date, frozenset[int]]] = []
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        week = (monday + timedelta(days=n) for n in range(7))
        weekdays = frozenset(day.weekday() for day in week if package.is_weekend(day))
        if not weekends or weekends[-1][1] != weekdays:
            weekends.append((monday, weekdays))
        monday += timedelta(days=7)
    return CompiledCalendar(
        country=country,
        first_year=first_year,
        last_year=last_year,
        weekends=tuple(weekends),
        holidays={day: str(name) for day, name in package.items() if first <= day <= last},
        weekend_workdays=frozenset(day for day in package.weekend_workdays if first <= day <= last),
        names_locale=holiday_names_locale(),
    )


_compiled_calendars: dict[str, CompiledCalendar] = {}
_package_calendars: dict[str, PackageCalendar] = {}


def _package_calendar(country: str) -> PackageCalendar:
    calendar = _package_calendars.get(country)
    if calendar is None:
        calendar = _package_calendars.setdefault(country, PackageCalendar(country))
    return calendar


def use_national_calendar(calendar: CompiledCalendar) -> None:
    """From now on, calendars made for `calendar.country` ask it (ones already made do not)."""
    _compiled_calendars[calendar.country] = calendar


def national_calendar(country: str) -> NationalCalendar:
    """The registered compiled calendar for `country`, else the package's."""
    country = country.upper()
    compiled = _compiled_calendars.get(country)
    return compiled if compiled is not None else _package_calendar(country)


def reset_national_calendars() -> None:
    """Forgets every registered and package calendar (for tests)."""
    _compiled_calendars.clear()
    _package_calendars.clear()


class WorkCalendar:
    """Answers "is this a working day?" for one shop.

    The shop's own overrides win over the national calendar: a closure day is never a working day,
    an extra working day always is.
    """

    def __init__(
        self,
        country: str = DEFAULT_COUNTRY,
        closures: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
    ) -> None:
        self.country = country.upper()
        self._national = national_calendar(self.country)
        self._closures = frozenset(closures)
        self._extra = frozenset(extra_working_days)
        self._cache: dict[date, bool] = {}

    @property
    def closures(self) -> frozenset[date]:
        return self._closures

    @property
    def extra_working_days(self) -> frozenset[date]:
        return self._extra

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
        return self._national.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
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
