"""The compiled national calendar says, day for day, what the `holidays` package says.

Start-up answers working-day questions from a `CompiledCalendar` (plain data) so that it never
imports the package; these tests hold the compiled answers to the package's own, over whole years,
and check that days outside the compiled span still go to the package.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest

from desktop_app.domain.national_calendar import (
    COMPILED_CALENDAR_FORMAT,
    PACKAGE_CALENDARS,
    CompiledCalendar,
    NationalCalendars,
    PackageCalendar,
    compile_calendar,
    package_calendar,
)
from desktop_app.domain.workdays import WorkCalendar
from tests.unit._builders import d

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SAT_SUN = frozenset({5, 6})
FRI_SAT = frozenset({4, 5})


def every_day(first_year: int, last_year: int) -> Iterator[date]:
    day = date(first_year, 1, 1)
    while day.year <= last_year:
        yield day
        day += timedelta(days=1)


def package_name(package: holidays.HolidayBase, day: date) -> str | None:
    name = package.get(day)
    return str(name) if name else None


def test_importing_workdays_does_not_import_the_holidays_package() -> None:
    code = (
        "import sys, desktop_app.domain.workdays\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'holidays'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("country", "first_year", "last_year"),
    [
        ("CN", 2024, 2026),  # 调休: weekend days that are working days
        ("IL", 2024, 2026),  # a Friday-Saturday weekend
        ("AE", 2021, 2023),  # the weekend moved from Fri-Sat to Sat-Sun on 2022-01-01
    ],
)
def test_compiled_calendar_agrees_with_the_package_on_every_day(
    country: str, first_year: int, last_year: int
) -> None:
    compiled = compile_calendar(country, first_year, last_year)
    package = holidays.country_holidays(country)
    for day in every_day(first_year, last_year):
        assert compiled.is_working_day(day) == package.is_working_day(day), day
        assert compiled.holiday_name(day) == package_name(package, day), day


@pytest.mark.parametrize("day", ["2025-01-26", "2025-02-08", "2026-01-04", "2026-10-10"])
def test_make_up_working_days_are_compiled_in(day: str) -> None:
    compiled = compile_calendar("CN", 2024, 2026)
    assert d(day).weekday() in compiled.weekend_on(d(day))
    assert d(day) in compiled.weekend_workdays
    assert compiled.is_working_day(d(day))


@pytest.mark.parametrize("day", ["2026-02-16", "2026-10-01", "2026-10-07", "2025-01-01"])
def test_public_holidays_are_compiled_in(day: str) -> None:
    compiled = compile_calendar("CN", 2024, 2026)
    assert not compiled.is_working_day(d(day))
    assert compiled.holiday_name(d(day))


def test_ordinary_weekend_and_weekday() -> None:
    compiled = compile_calendar("CN", 2024, 2026)
    assert compiled.weekends == ((d("2024-01-01"), SAT_SUN),)
    assert not compiled.is_working_day(d("2026-03-07"))
    assert compiled.is_working_day(d("2026-03-09"))
    assert compiled.holiday_name(d("2026-03-09")) is None


def test_a_weekend_that_changes_is_compiled_as_periods() -> None:
    compiled = compile_calendar("AE", 2021, 2023)
    assert compiled.weekend_on(d("2021-06-04")) == FRI_SAT
    assert compiled.weekend_on(d("2023-06-04")) == SAT_SUN
    assert not compiled.is_working_day(d("2021-12-31"))  # Friday, old weekend
    assert compiled.is_working_day(d("2022-01-07"))  # Friday, new working week
    assert not compiled.is_working_day(d("2022-01-09"))  # Sunday, new weekend


def test_days_outside_the_span_go_to_the_package() -> None:
    # Deliberately empty data for 2025: inside the span the data rules, outside the package does.
    bare = CompiledCalendar("CN", 2025, 2025, ((d("2024-12-30"), SAT_SUN),), {}, frozenset())
    assert bare.is_working_day(d("2025-10-01"))
    assert bare.holiday_name(d("2025-10-01")) is None
    assert not bare.is_working_day(d("2026-10-01"))
    assert bare.holiday_name(d("2026-10-01"))
    assert bare.is_working_day(d("2026-10-10"))  # Saturday make-up day
    assert not bare.is_working_day(d("2024-10-01"))


def test_out_of_span_answers_match_the_package() -> None:
    compiled = compile_calendar("CN", 2025, 2025)
    package = holidays.country_holidays("CN")
    for day in [*every_day(2024, 2024), *every_day(2026, 2026)]:
        assert compiled.is_working_day(day) == package.is_working_day(day), day
        assert compiled.holiday_name(day) == package_name(package, day), day


def test_json_round_trip_keeps_every_answer() -> None:
    compiled = compile_calendar("AE", 2021, 2023)
    text = compiled.to_json()
    assert '"2022-01-03"' in text  # dates are ISO strings
    assert CompiledCalendar.from_json(text) == compiled
    assert CompiledCalendar.from_json(text.encode("utf-8")) == compiled


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{not json",
        "[]",
        "{}",
        '{"format": 1}',
        '{"format": 1, "country": "CN", "first_year": 2026, "last_year": 2025, "names_locale": "",'
        ' "weekends": [{"from": "2025-01-01", "weekdays": [5, 6]}], "holidays": {},'
        ' "weekend_workdays": []}',
        '{"format": 1, "country": "CN", "first_year": 2025, "last_year": 2025, "names_locale": "",'
        ' "weekends": [], "holidays": {}, "weekend_workdays": []}',
        '{"format": 1, "country": "CN", "first_year": "2025", "last_year": 2025,'
        ' "names_locale": "", "weekends": [{"from": "2025-01-01", "weekdays": [5, 6]}],'
        ' "holidays": {}, "weekend_workdays": []}',
        '{"format": 1, "country": "CN", "first_year": 2025, "last_year": 2025, "names_locale": "",'
        ' "weekends": [{"from": "2025-01-01", "weekdays": [5, 6]}], "holidays": {"x": "y"},'
        ' "weekend_workdays": []}',
    ],
)
def test_anything_but_a_compiled_calendar_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        CompiledCalendar.from_json(text)


def test_another_format_version_is_refused() -> None:
    text = compile_calendar("CN", 2025, 2025).to_json()
    older = text.replace(
        f'"format": {COMPILED_CALENDAR_FORMAT},', f'"format": {COMPILED_CALENDAR_FORMAT - 1},'
    )
    assert older != text
    with pytest.raises(ValueError, match="format"):
        CompiledCalendar.from_json(older)


def test_national_calendars_hand_out_the_compiled_calendar_else_the_package() -> None:
    assert isinstance(PACKAGE_CALENDARS.for_country("CN"), PackageCalendar)
    assert PACKAGE_CALENDARS.for_country("cn") is package_calendar("CN")
    compiled = compile_calendar("CN", 2025, 2026)
    given = NationalCalendars([compiled])
    assert given.for_country("cn") is compiled
    assert given.for_country("AE") is package_calendar("AE")
    # Handed to one owner, never registered for all: the package-only set is untouched.
    assert PACKAGE_CALENDARS.for_country("CN") is package_calendar("CN")


def test_package_calendar_waits_for_the_first_question() -> None:
    unknown = PackageCalendar("XX")  # no error yet: nothing has been asked
    with pytest.raises(NotImplementedError):
        unknown.is_working_day(d("2026-01-01"))


AROUND_NATIONAL_DAY_2026 = [d("2026-09-10") + timedelta(days=n) for n in range(45)]
AROUND_SPRING_FESTIVAL_2026 = [d("2026-01-25") + timedelta(days=n) for n in range(50)]


@pytest.mark.parametrize(
    "days",
    [AROUND_NATIONAL_DAY_2026, AROUND_SPRING_FESTIVAL_2026],
    ids=["national-day-2026", "spring-festival-2026"],
)
def test_work_calendar_answers_the_same_on_the_compiled_calendar(days: list[date]) -> None:
    shop = {"closures": [d("2026-10-09"), d("2026-02-13")], "extra_working_days": [d("2026-10-04")]}
    on_package = WorkCalendar(package_calendar("CN"), **shop)
    on_compiled = WorkCalendar(compile_calendar("CN", 2025, 2027), **shop)
    for start in days:
        assert on_compiled.is_working_day(start) == on_package.is_working_day(start), start
        assert on_compiled.holiday_name(start) == on_package.holiday_name(start), start
        for count in range(1, 11):
            assert on_compiled.add_working_days(start, count) == on_package.add_working_days(
                start, count
            ), (start, count)
        for until in days:
            assert on_compiled.working_days_between(start, until) == (
                on_package.working_days_between(start, until)
            ), (start, until)
