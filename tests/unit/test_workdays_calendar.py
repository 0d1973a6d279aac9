"""The working-day calendar against the State Council's official 2025 and 2026 arrangements.

Sources: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号) and
国务院办公厅关于2026年部分节假日安排的通知. Every expected due date below was counted by hand on
those calendars (check-in day excluded, working day 1..5 after it), never computed with the code.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.workdays import (
    REPAIR_WORKING_DAYS,
    WorkCalendar,
    end_of_day,
    repair_due_date,
)
from tests.unit._builders import CHINA, d


def days(first: str, last: str) -> list[date]:
    start, end = d(first), d(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


CN = WorkCalendar(CHINA)

# 调休: weekend days the State Council declared working days.
MAKE_UP_WORKING_DAYS = [
    "2025-01-26",  # Sunday, Spring Festival
    "2025-02-08",  # Saturday, Spring Festival
    "2025-04-27",  # Sunday, Labour Day
    "2025-09-28",  # Sunday, National Day + Mid-Autumn
    "2025-10-11",  # Saturday, National Day + Mid-Autumn
    "2026-01-04",  # Sunday, New Year
    "2026-02-14",  # Saturday, Spring Festival
    "2026-02-28",  # Saturday, Spring Festival
    "2026-05-09",  # Saturday, Labour Day
    "2026-09-20",  # Sunday, National Day
    "2026-10-10",  # Saturday, National Day
]

OFFICIAL_DAYS_OFF = [
    ("2025-01-01", "2025-01-01"),  # New Year
    ("2025-01-28", "2025-02-04"),  # Spring Festival, 8 days
    ("2025-04-04", "2025-04-06"),  # Qingming
    ("2025-05-01", "2025-05-05"),  # Labour Day
    ("2025-05-31", "2025-06-02"),  # Dragon Boat
    ("2025-10-01", "2025-10-08"),  # National Day + Mid-Autumn, 8 days
    ("2026-01-01", "2026-01-03"),  # New Year
    ("2026-02-15", "2026-02-23"),  # Spring Festival, 9 days
    ("2026-04-04", "2026-04-06"),  # Qingming
    ("2026-05-01", "2026-05-05"),  # Labour Day
    ("2026-06-19", "2026-06-21"),  # Dragon Boat
    ("2026-09-25", "2026-09-27"),  # Mid-Autumn
    ("2026-10-01", "2026-10-07"),  # National Day
]


@pytest.mark.parametrize("day", MAKE_UP_WORKING_DAYS)
def test_make_up_weekend_day_is_a_working_day(day: str) -> None:
    assert d(day).weekday() >= 5, "the test table must list weekend days only"
    assert CN.is_working_day(d(day))


@pytest.mark.parametrize(
    "day",
    [day for first, last in OFFICIAL_DAYS_OFF for day in days(first, last)],
    ids=str,
)
def test_official_holiday_is_not_a_working_day(day: date) -> None:
    assert not CN.is_working_day(day)


@pytest.mark.parametrize("day", ["2025-03-08", "2025-03-09", "2026-03-07", "2026-03-08"])
def test_ordinary_weekend_is_not_a_working_day(day: str) -> None:
    assert not CN.is_working_day(d(day))


@pytest.mark.parametrize("day", ["2025-03-10", "2026-03-09", "2026-10-08", "2026-02-24"])
def test_ordinary_weekday_is_a_working_day(day: str) -> None:
    assert CN.is_working_day(d(day))


def test_default_calendar_is_china() -> None:
    assert CN.country == "CN"


def test_country_code_is_case_insensitive() -> None:
    assert WorkCalendar(package_calendar("cn")).is_working_day(d("2026-10-10"))


def test_holiday_name_is_given_for_a_holiday_and_none_for_a_working_day() -> None:
    assert CN.holiday_name(d("2026-10-01"))
    assert CN.holiday_name(d("2026-03-10")) is None


def test_repair_is_due_five_working_days_after_check_in() -> None:
    assert REPAIR_WORKING_DAYS == 5


@pytest.mark.parametrize(
    ("checked_in", "due"),
    [
        # The example: Oct 1-7 off, then 10-08 (1), 10-09 (2), Sat 10-10 make-up (3),
        # 10-12 (4), 10-13 (5).
        ("2026-09-30 10:00", "2026-10-13"),
        # Plain weeks: Monday counts from Tuesday; Friday counts from Monday.
        ("2026-03-09 09:00", "2026-03-16"),
        ("2026-03-06 17:30", "2026-03-13"),
        # Saturday and Sunday check-ins: the following Monday is working day 1.
        ("2026-03-07 11:00", "2026-03-13"),
        ("2026-03-08 11:00", "2026-03-13"),
        # Check-in on a holiday: count from the first working day after the holiday.
        ("2026-10-03 15:00", "2026-10-13"),
        ("2026-01-01 12:00", "2026-01-08"),  # Sun 01-04 make-up is day 1
        ("2025-10-01 12:00", "2025-10-14"),  # 10-09, 10-10, Sat 10-11, 10-13, 10-14
        # Check-in on a make-up working day: that day itself is still not counted.
        ("2026-02-14 10:00", "2026-02-28"),  # 02-24..02-27, then Sat 02-28 make-up is day 5
        ("2025-10-11 10:00", "2025-10-17"),
        ("2026-09-20 10:00", "2026-09-28"),  # 09-21..09-24, Mid-Autumn 09-25..27 off, 09-28
        # Spring Festival 2026 crossing: 02-13 (1), Sat 02-14 (2), 02-15..23 off, 24, 25, 26.
        ("2026-02-12 16:00", "2026-02-26"),
        ("2026-02-17 10:00", "2026-02-28"),  # checked in during the festival
        # Spring Festival 2025 crossing: Sun 01-26 (1), 01-27 (2), 01-28..02-04 off, 05, 06, 07.
        ("2025-01-24 16:00", "2025-02-07"),
        ("2025-01-27 10:00", "2025-02-10"),  # 02-05, 02-06, 02-07, Sat 02-08, Mon 02-10
        # National Day 2025 crossing: Sun 09-28 (1), 29 (2), 30 (3), 10-01..08 off, 09, 10.
        ("2025-09-26 10:00", "2025-10-10"),
        ("2025-09-30 10:00", "2025-10-14"),
        # New Year 2026 crossing from the last day of 2025.
        ("2025-12-31 10:00", "2026-01-08"),
        # Labour Day: 2025 (Sun 04-27 make-up) and 2026 (Sat 05-09 make-up).
        ("2025-04-25 10:00", "2025-05-06"),
        ("2026-04-30 10:00", "2026-05-11"),
        # Dragon Boat 2026: 06-19..21 off.
        ("2026-06-18 10:00", "2026-06-26"),
    ],
)
def test_repair_due_date_on_the_official_calendar(checked_in: str, due: str) -> None:
    assert repair_due_date(CN, datetime.fromisoformat(checked_in)) == d(due)


@pytest.mark.parametrize("clock", ["00:00:00", "08:59:59", "23:59:59.999999"])
def test_time_of_check_in_does_not_change_the_due_date(clock: str) -> None:
    assert repair_due_date(CN, datetime.fromisoformat(f"2026-09-30 {clock}")) == d("2026-10-13")


def test_end_of_day_is_the_next_midnight() -> None:
    assert end_of_day(d("2026-10-13")) == datetime(2026, 10, 14, 0, 0)


# --- the shop's own closures and extra working days -------------------------------------------


def test_closure_day_is_not_a_working_day() -> None:
    assert not WorkCalendar(CHINA, closures=[d("2026-03-10")]).is_working_day(d("2026-03-10"))


def test_closure_on_a_make_up_day_wins_over_the_national_calendar() -> None:
    assert not WorkCalendar(CHINA, closures=[d("2026-10-10")]).is_working_day(d("2026-10-10"))


def test_extra_working_day_on_a_weekend_is_a_working_day() -> None:
    assert WorkCalendar(CHINA, extra_working_days=[d("2026-03-14")]).is_working_day(d("2026-03-14"))


def test_extra_working_day_on_a_public_holiday_is_a_working_day() -> None:
    assert WorkCalendar(CHINA, extra_working_days=[d("2026-10-05")]).is_working_day(d("2026-10-05"))


def test_closure_wins_when_a_day_is_both_closed_and_an_extra_working_day() -> None:
    both = [d("2026-03-14")]
    assert not WorkCalendar(CHINA, closures=both, extra_working_days=both).is_working_day(
        d("2026-03-14")
    )


def test_overrides_do_not_touch_other_days() -> None:
    cal = WorkCalendar(CHINA, closures=[d("2026-03-10")], extra_working_days=[d("2026-03-14")])
    assert cal.is_working_day(d("2026-03-11"))
    assert not cal.is_working_day(d("2026-03-15"))


def test_calendar_exposes_its_overrides() -> None:
    cal = WorkCalendar(CHINA, closures=[d("2026-03-10")], extra_working_days=[d("2026-03-14")])
    assert cal.closures == frozenset({d("2026-03-10")})
    assert cal.extra_working_days == frozenset({d("2026-03-14")})


@pytest.mark.parametrize(
    ("closures", "extra", "checked_in", "due"),
    [
        # Closed Tuesday 03-10: 11, 12, 13, 16, 17.
        (["2026-03-10"], [], "2026-03-09 10:00", "2026-03-17"),
        # Extra Saturday 03-14: 10, 11, 12, 13, 14.
        ([], ["2026-03-14"], "2026-03-09 10:00", "2026-03-14"),
        # Open on holiday 10-05: 10-05, 10-08, 10-09, Sat 10-10, 10-12.
        ([], ["2026-10-05"], "2026-09-30 10:00", "2026-10-12"),
        # Closed on the make-up Saturday 10-10: 10-08, 10-09, 10-12, 10-13, 10-14.
        (["2026-10-10"], [], "2026-09-30 10:00", "2026-10-14"),
        # A whole closed week after a Friday check-in: 03-16..03-20 closed, then 23..27.
        (
            ["2026-03-16", "2026-03-17", "2026-03-18", "2026-03-19", "2026-03-20"],
            [],
            "2026-03-13 10:00",
            "2026-03-27",
        ),
    ],
)
def test_due_date_follows_the_shop_overrides(
    closures: list[str], extra: list[str], checked_in: str, due: str
) -> None:
    cal = WorkCalendar(CHINA, closures=map(d, closures), extra_working_days=map(d, extra))
    assert repair_due_date(cal, datetime.fromisoformat(checked_in)) == d(due)


# --- years the package does not cover officially ----------------------------------------------


@pytest.mark.parametrize("day", ["2031-01-04", "2031-01-05", "2099-01-03", "2099-01-04"])
def test_uncovered_year_still_has_weekends_off(day: str) -> None:
    assert d(day).weekday() >= 5
    assert not CN.is_working_day(d(day))


@pytest.mark.parametrize("day", ["2031-01-01", "2031-10-01", "2099-01-01", "2099-10-01"])
def test_uncovered_year_still_has_fixed_public_holidays(day: str) -> None:
    assert not CN.is_working_day(d(day))


@pytest.mark.parametrize("day", ["2031-01-06", "2099-01-05"])
def test_uncovered_year_still_has_ordinary_working_days(day: str) -> None:
    assert CN.is_working_day(d(day))


@pytest.mark.parametrize(
    ("checked_in", "due"),
    [("2031-01-03 10:00", "2031-01-10"), ("2099-01-02 10:00", "2099-01-09")],
)
def test_due_date_in_an_uncovered_year(checked_in: str, due: str) -> None:
    assert repair_due_date(CN, datetime.fromisoformat(checked_in)) == d(due)


@pytest.mark.parametrize("checked_in", ["2031-12-31 10:00", "2099-12-31 10:00"])
def test_due_date_across_an_uncovered_new_year_does_not_crash(checked_in: str) -> None:
    start = datetime.fromisoformat(checked_in)
    due = repair_due_date(CN, start)
    assert due > start.date()
    assert CN.is_working_day(due)


def test_shop_overrides_apply_in_an_uncovered_year() -> None:
    cal = WorkCalendar(CHINA, closures=[d("2099-01-05")], extra_working_days=[d("2099-01-03")])
    assert cal.is_working_day(d("2099-01-03"))
    assert not cal.is_working_day(d("2099-01-05"))


# --- the counting helpers themselves ----------------------------------------------------------


def test_add_working_days_never_counts_the_start_day() -> None:
    assert CN.add_working_days(d("2026-03-09"), 1) == d("2026-03-10")


@pytest.mark.parametrize("count", [0, -1])
def test_add_working_days_refuses_less_than_one(count: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        CN.add_working_days(d("2026-03-09"), count)


@pytest.mark.parametrize(
    ("day", "following"),
    [("2026-03-13", "2026-03-16"), ("2026-09-30", "2026-10-08"), ("2026-10-09", "2026-10-10")],
)
def test_next_working_day(day: str, following: str) -> None:
    assert CN.next_working_day(d(day)) == d(following)


@pytest.mark.parametrize(
    ("after", "until", "count"),
    [
        ("2026-03-09", "2026-03-09", 0),  # empty interval
        ("2026-03-13", "2026-03-09", 0),  # until before after
        ("2026-03-09", "2026-03-13", 4),  # after excluded, until included
        ("2026-03-13", "2026-03-15", 0),  # a weekend only
        ("2026-09-30", "2026-10-13", 5),  # the example interval
    ],
)
def test_working_days_between_counts_after_exclusive_until_inclusive(
    after: str, until: str, count: int
) -> None:
    assert CN.working_days_between(d(after), d(until)) == count
