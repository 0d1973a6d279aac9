"""A year the holidays package only estimates: detected, announced, and put right by the shop.

The installed package holds China's official arrangement through 2026 and guesses 2027 by rule
("observed" days, no make-up working days). The shop enters 2027's official days itself.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.national_calendar import compile_calendar, package_calendar
from desktop_app.domain.official_days import MAX_FILE_BYTES, parse_official_days
from desktop_app.domain.workdays import (
    WorkCalendar,
    YearStatus,
    repair_due_date,
)

CHINA = package_calendar("CN")
# What the shop enters for 2027 in the tests: New Year's Day a holiday, the Saturday after it a
# make-up working day (a made-up arrangement: the point is that the shop's days are used).
ENTERED_HOLIDAYS = (date(2027, 1, 1),)
ENTERED_WORKDAYS = (date(2027, 1, 2),)


def test_the_package_only_estimates_2027_for_china() -> None:
    assert not CHINA.is_estimated_year(2026)
    assert CHINA.is_estimated_year(2027)
    # The package's own words for it: no make-up working day in 2027, "observed" days instead.
    assert not [day for day in CHINA.package.weekend_workdays if day.year == 2027]


def test_a_country_whose_calendar_is_set_by_law_is_never_an_estimate() -> None:
    assert not package_calendar("US").is_estimated_year(2027)
    assert not package_calendar("DE").is_estimated_year(2027)


def test_the_compiled_calendar_keeps_which_years_are_estimates() -> None:
    compiled = compile_calendar("CN", 2025, 2027)
    assert compiled.estimated_years == {2027}
    again = type(compiled).from_json(compiled.to_json())
    assert again.is_estimated_year(2027) and not again.is_estimated_year(2026)


@pytest.mark.parametrize(
    ("today", "notice"),
    [
        (date(2026, 11, 1), None),  # 61 days before 2027: not yet
        (date(2026, 11, 2), 2027),  # 60 days before
        (date(2026, 12, 20), 2027),
        (date(2027, 3, 1), 2027),  # inside the estimated year: still
    ],
)
def test_the_notice_starts_60_days_before_an_estimated_year(today: date, notice: int) -> None:
    assert WorkCalendar(CHINA).estimate_ahead(today) == notice


def test_a_confirmed_year_needs_no_notice_and_says_confirmed() -> None:
    calendar = WorkCalendar(CHINA, ENTERED_HOLIDAYS, ENTERED_WORKDAYS, confirmed_years=[2027])
    assert calendar.estimate_ahead(date(2026, 12, 20)) is None
    assert calendar.year_status(2027) is YearStatus.CONFIRMED
    assert calendar.year_status(2026) is YearStatus.OFFICIAL
    assert WorkCalendar(CHINA).year_status(2027) is YearStatus.ESTIMATE


def test_a_due_date_across_the_entered_make_up_working_day() -> None:
    checked_in = datetime(2026, 12, 31, 15, 0)  # Thursday
    estimate = WorkCalendar(CHINA)
    # The package's guess: Jan 1 off, weekend off: Jan 4, 5, 6, 7, 8.
    assert repair_due_date(estimate, checked_in) == date(2027, 1, 8)
    confirmed = WorkCalendar(CHINA, ENTERED_HOLIDAYS, ENTERED_WORKDAYS, confirmed_years=[2027])
    # Saturday Jan 2 is worked: Jan 2, 4, 5, 6, 7.
    assert confirmed.is_working_day(date(2027, 1, 2))
    assert repair_due_date(confirmed, checked_in) == date(2027, 1, 7)


def test_a_confirmed_year_drops_the_package_guesses_the_shop_did_not_enter() -> None:
    # 2027-05-04 (Tuesday) is the package's guessed "observed" Labour Day: not in the entered days.
    assert not WorkCalendar(CHINA).is_working_day(date(2027, 5, 4))
    confirmed = WorkCalendar(CHINA, ENTERED_HOLIDAYS, ENTERED_WORKDAYS, confirmed_years=[2027])
    assert confirmed.is_working_day(date(2027, 5, 4))
    assert confirmed.holiday_name(date(2027, 5, 4)) is None
    assert not confirmed.is_working_day(date(2027, 5, 8))  # a Saturday stays a weekend
    # Other years keep the package's official arrangement.
    assert not confirmed.is_working_day(date(2026, 10, 5))


# --- the file of official days ------------------------------------------------------------------


def test_a_good_file_is_read() -> None:
    data = (
        "\ufeff# 2027 official arrangement\n"
        "2027-01-01,holiday\n"
        "\n"
        " 2027-02-06 , HOLIDAY \n"
        "2027-02-20,workday\n"
        "2027-02-07，休\n"
        "2027-02-21,班\n"
        "2027-01-01,holiday\n"  # said twice the same way: fine
    ).encode()
    days = parse_official_days(data)
    assert days.holidays == (date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 7))
    assert days.workdays == (date(2027, 2, 20), date(2027, 2, 21))
    assert days.years == (2027,)


def test_bad_lines_are_each_named_and_nothing_is_read() -> None:
    data = (
        b"2027-01-01,holiday\n"
        b"2027-02-30,holiday\n"  # line 2: no such day
        b"2027-02-20,weekend\n"  # line 3: unknown kind
        b"2027-02-21\n"  # line 4: no kind
        b"2027-01-01,workday\n"  # line 5: already a holiday on line 1
        b"27-3-1,holiday\n"  # line 6: not YYYY-MM-DD
    )
    with pytest.raises(InvalidInput) as raised:
        parse_official_days(data)
    messages = [problem.render() for problem in raised.value.problems]
    assert [message.split(":")[0] for message in messages] == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
        "line 6",
    ]
    assert "2027-02-30" in messages[0] and "YYYY-MM-DD" in messages[0]
    assert "weekend" in messages[1] and "holiday" in messages[1]
    assert "line 1" in messages[3]
    assert {problem.field for problem in raised.value.problems} == {"official_days"}


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# nothing but a comment\n",
        "2027-01-01,holiday\n".encode("utf-16"),  # not UTF-8
        b"\xff\xfe\x00garbage",
        b"2027-01-01,holiday\n" * (MAX_FILE_BYTES // 10),  # far too big for a year
    ],
)
def test_files_that_are_not_a_list_of_days_are_refused(data: bytes) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_official_days(data)
    assert raised.value.fields() == {"official_days"}
