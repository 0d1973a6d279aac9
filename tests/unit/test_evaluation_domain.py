"""The evaluation's domain: periods and their previous periods, weeks, groups of working days,
rates that never make up 100 %."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    MAX_PERIOD_DAYS,
    DaysTaken,
    Period,
    PeriodKind,
    Rate,
    Scores,
    day_bucket,
)


def test_between_recognises_whole_months_quarters_and_years():
    assert Period.between(date(2026, 2, 1), date(2026, 2, 28)) == Period.month(2026, 2)
    assert Period.between(date(2026, 10, 1), date(2026, 12, 31)) == Period.quarter(2026, 4)
    assert Period.between(date(2026, 1, 1), date(2026, 12, 31)) == Period.year(2026)
    # January alone is a month, not the start of a quarter or year.
    assert Period.between(date(2026, 1, 1), date(2026, 1, 31)).kind is PeriodKind.MONTH
    custom = Period.between(date(2026, 2, 1), date(2026, 2, 27))
    assert custom.kind is PeriodKind.CUSTOM
    assert Period.between(date(2026, 4, 2), date(2026, 6, 30)).kind is PeriodKind.CUSTOM


def test_previous_periods():
    assert Period.month(2026, 1).previous() == Period.month(2025, 12)
    assert Period.month(2026, 3).previous() == Period.month(2026, 2)
    assert Period.quarter(2026, 1).previous() == Period.quarter(2025, 4)
    assert Period.quarter(2026, 3).previous() == Period.quarter(2026, 2)
    assert Period.year(2026).previous() == Period.year(2025)
    custom = Period(date(2026, 11, 10), date(2026, 11, 19))
    before = custom.previous()
    assert (before.start, before.end, before.days) == (date(2026, 10, 31), date(2026, 11, 9), 10)
    one_day = Period(date(2026, 3, 1), date(2026, 3, 1))
    assert one_day.previous() == Period(date(2026, 2, 28), date(2026, 2, 28))


def test_bounds_are_whole_days():
    period = Period.month(2026, 10)
    assert period.begins_at == datetime(2026, 10, 1)
    assert period.ends_at == datetime(2026, 11, 1)
    assert period.days == 31


def test_weeks_are_the_mondays_the_period_touches():
    assert Period.month(2026, 10).weeks() == (
        date(2026, 9, 28),
        date(2026, 10, 5),
        date(2026, 10, 12),
        date(2026, 10, 19),
        date(2026, 10, 26),
    )
    assert Period(date(2026, 11, 30), date(2026, 11, 30)).weeks() == (date(2026, 11, 30),)
    assert Period(date(2026, 11, 29), date(2026, 11, 30)).weeks() == (
        date(2026, 11, 23),
        date(2026, 11, 30),
    )
    assert len(Period.year(2026).weeks()) == 53


def test_a_period_that_ends_before_it_starts_names_the_end_field():
    with pytest.raises(InvalidInput) as caught:
        Period(date(2026, 11, 2), date(2026, 11, 1))
    assert caught.value.problems[0].field == "to"


def test_a_period_longer_than_ten_years_is_refused():
    start = date(2016, 1, 1)
    longest = Period.between(start, date.fromordinal(start.toordinal() + MAX_PERIOD_DAYS - 1))
    assert longest.days == MAX_PERIOD_DAYS
    with pytest.raises(InvalidInput):
        Period(start, date.fromordinal(start.toordinal() + MAX_PERIOD_DAYS))


def test_day_buckets():
    assert [DAY_BUCKETS[day_bucket(d)] for d in range(11)] == [
        "0-1",
        "0-1",
        "2",
        "3",
        "4",
        "5",
        "6-7",
        "6-7",
        "8+",
        "8+",
        "8+",
    ]
    days = DaysTaken((1, 0, 0, 0, 0, 0, 1), 9)
    assert (days.count, days.average) == (2, 4.5)
    assert DaysTaken().average is None
    with pytest.raises(ValueError):
        DaysTaken((1, 2))


def test_a_rate_of_nothing_is_unknown_not_100_percent():
    assert Rate(0, 0).rate is None
    assert Rate(0, 0).to_json() == {"on_time": 0, "of": 0, "rate": None}
    assert Rate(2, 3).to_json("surveyed") == {"surveyed": 2, "of": 3, "rate": 0.6667}
    assert Rate(2, 3).misses == 1
    for count, of in ((-1, 3), (4, 3)):
        with pytest.raises(ValueError):
            Rate(count, of)


def test_scores():
    scores = Scores((1, 1, 0, 0, 2))
    assert (scores.count, scores.total, scores.low) == (4, 13, 2)
    assert scores.average == 13 / 4
    assert Scores().average is None


@pytest.mark.parametrize(
    "make",
    [
        lambda: Period.year(0),
        lambda: Period.year(9999),
        lambda: Period.month(1999, 12),
        lambda: Period.quarter(2100, 1),
        lambda: Period.between(date(9999, 12, 31), date(9999, 12, 31)),
        lambda: Period.between(date(1, 1, 1), date(1, 1, 5)),
    ],
)
def test_a_mistyped_year_is_said_never_an_overflow(make) -> None:
    with pytest.raises(InvalidInput) as refused:
        make()
    assert "2000 to 2099" in refused.value.render()


def test_the_first_pickable_period_still_has_one_before_it() -> None:
    before = Period.month(2000, 1).previous()
    assert (before.start, before.end, before.kind) == (
        date(1999, 12, 1),
        date(1999, 12, 31),
        PeriodKind.MONTH,
    )
    assert Period.quarter(2000, 1).previous().label() == "1999 Q4"
    assert Period.year(2000).previous().label() == "1999"
    assert Period.year(2099).end == date(2099, 12, 31)


def test_the_terminal_table_prints_no_control_or_direction_characters() -> None:
    from dataclasses import replace

    from desktop_app.report_cli import table_lines
    from tests.receipts.evaluation_objects import evaluation

    shown = evaluation()
    tech = replace(shown.current.per_technician[0], name="王\x07\u202e师傅")
    shown = replace(
        shown,
        shop_name="店\x1b[31m",
        current=replace(shown.current, per_technician=(tech, *shown.current.per_technician[1:])),
    )
    text = table_lines(shown)
    assert "\x07" not in text and "\u202e" not in text and "\x1b" not in text
    assert "王??师傅" in text
