"""The official national calendar, from the `holidays` package, and its compiled form.

The package's tables are not hand-copied on purpose: they match the State Council's arrangements
(public holidays and the weekend days declared working days in their place, 调休) day for day and
get updated every year. Importing the package costs more than the whole start-up budget (it loads
every country's module), so it is imported only when a question needs it. Start-up instead reads a
`CompiledCalendar`: what the package says for a few whole years, as plain data that a cache file
can hold (see data/calendar_cache.py), and the composition root (app.py) hands it to everything
that builds a `WorkCalendar` inside `NationalCalendars`. Every other question still goes to the
package.
"""

from __future__ import annotations

import json
import os
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, Final, Protocol

if TYPE_CHECKING:
    from holidays import HolidayBase


def supported_countries() -> list[str]:
    """Every code the package knows, two- and three-letter (CA and CAN are both Canada)."""
    import holidays  # slow: only the settings need the list

    return sorted(holidays.list_supported_countries())


def supported_country_list() -> list[str]:
    """One two-letter ISO code per country the package knows."""
    import holidays  # slow: only the settings need the list

    return sorted(holidays.list_supported_countries(include_aliases=False))


def two_letter_code(code: str) -> str:
    """The two-letter code of the country `code` names (CAN -> CA); `code` itself if unknown."""
    import holidays  # slow: only the settings need it

    code = code.upper()
    try:
        return str(holidays.country_holidays(code).country).upper()
    except NotImplementedError:  # the package does not know the code
        return code


class NationalCalendar(Protocol):
    """The official calendar of one country: weekends, public holidays and 调休."""

    @property
    def country(self) -> str: ...

    def is_working_day(self, day: date) -> bool: ...

    def is_weekend(self, day: date) -> bool: ...

    def holiday_name(self, day: date) -> str | None: ...

    def is_estimated_year(self, year: int) -> bool:
        """True when the package only guesses `year` by rule (see estimated_year)."""
        ...


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

    def is_weekend(self, day: date) -> bool:
        return bool(self.package.is_weekend(day))

    def holiday_name(self, day: date) -> str | None:
        name = self.package.get(day)
        return str(name) if name else None

    def is_estimated_year(self, year: int) -> bool:
        return estimated_year(self.package, year)


def estimated_year(package: HolidayBase, year: int) -> bool:
    """Whether the package only estimates `year` for its country, by what the package says.

    Two marks, both the package's own: a holiday name carrying its "estimated" label (a lunar or
    Islamic date it computed, not one it was given), or, for a country whose days off are
    arranged by decree every year (it has a "substituted" label: China's 调休), a year after the
    last one its tables of arranged days list; there the package falls back to its rules, with
    "observed" days and no make-up working days.
    """
    package.get(date(year, 1, 1))  # a lookup fills the year in, as for any other question
    markers = [
        package.tr(label) % ""
        for label in (
            getattr(package, "estimated_label", None),
            getattr(package, "observed_estimated_label", None),
        )
        if label
    ]
    markers = [marker.strip() for marker in markers if marker.strip()]
    for day, name in package.items():
        if day.year == year and any(marker in name for marker in markers):
            return True
    if getattr(package, "substituted_label", None):
        arranged = _arranged_years(package)
        if arranged and year > max(arranged):
            return True
    return False


def _arranged_years(package: HolidayBase) -> set[int]:
    """The years the package's tables of special (decreed) days list for this country."""
    years: set[int] = set()
    for attribute, value in vars(package).items():
        if attribute.startswith("special_") and isinstance(value, dict):
            years.update(key for key in value if isinstance(key, int))
    return years


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


COMPILED_CALENDAR_FORMAT = 2


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
    estimated_years: frozenset[int] = frozenset()  # the span's years the package only estimates

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
            return package_calendar(self.country).is_working_day(day)
        if day.weekday() in self.weekend_on(day):
            return day in self.weekend_workdays
        return day not in self.holidays

    def is_weekend(self, day: date) -> bool:
        if not self.first_year <= day.year <= self.last_year:
            return package_calendar(self.country).is_weekend(day)
        return day.weekday() in self.weekend_on(day)

    def holiday_name(self, day: date) -> str | None:
        if not self.first_year <= day.year <= self.last_year:
            return package_calendar(self.country).holiday_name(day)
        return self.holidays.get(day)

    def is_estimated_year(self, year: int) -> bool:
        if not self.first_year <= year <= self.last_year:
            return package_calendar(self.country).is_estimated_year(year)
        return year in self.estimated_years

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
                "estimated_years": sorted(self.estimated_years),
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
                estimated_years=frozenset(map(_whole, data["estimated_years"])),
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
        estimated_years=frozenset(
            year for year in range(first_year, last_year + 1) if estimated_year(package, year)
        ),
    )


def package_calendar(country: str) -> PackageCalendar:
    """The package's calendar for `country`, one per process so its tables are built only once.

    A pure memo, not a registry: every call for a country gets an equal answer, whatever ran
    before, so nothing ever needs resetting.
    """
    return _package_calendar(country.upper())


@cache
def _package_calendar(country: str) -> PackageCalendar:
    return PackageCalendar(country)


class NationalCalendars:
    """The national calendar of any country: a compiled one where the caller was given it (from
    the cache file, at start-up), else the package's.

    The composition root builds one and hands it to the services and the window, instead of a
    module-global registry that start-up mutates: which calendar answers is decided where the
    objects are wired, and two of them (two tests, two shops) never see each other's.
    """

    def __init__(self, compiled: Iterable[CompiledCalendar] = ()) -> None:
        self._compiled = {calendar.country.upper(): calendar for calendar in compiled}

    def for_country(self, country: str) -> NationalCalendar:
        country = country.upper()
        compiled = self._compiled.get(country)
        return compiled if compiled is not None else package_calendar(country)

    def __repr__(self) -> str:
        return f"NationalCalendars(compiled={sorted(self._compiled)})"


# Nothing compiled: every answer comes from the package. Always right, only slower to the first
# answer; what tests, the admin commands and the demo data use.
PACKAGE_CALENDARS: Final = NationalCalendars()
