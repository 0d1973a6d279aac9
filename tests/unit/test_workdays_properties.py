"""Properties of the working-day calendar that hold for any check-in and any shop overrides."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.domain.rules import add_months
from desktop_app.domain.workdays import (
    REPAIR_WORKING_DAYS,
    DueState,
    WorkCalendar,
    repair_clock,
    repair_due_date,
)
from tests.unit._builders import CHINA

# No example database: the tests must not leave files behind in the working tree.
PROPERTY = settings(max_examples=200, deadline=None, database=None)

check_ins = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31, 23, 59))
# Overrides around the check-in range (and a little beyond it, where due dates may fall).
override_days = st.frozensets(
    st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 2, 29)), max_size=40
)


def working_days_counted_by_hand(cal: WorkCalendar, after: date, until: date) -> int:
    """An independent count, one day at a time, using only is_working_day."""
    count = 0
    day = after + timedelta(days=1)
    while day <= until:
        if cal.is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


@PROPERTY
@given(checked_in=check_ins, closures=override_days, extra=override_days)
def test_due_date_is_always_a_working_day(
    checked_in: datetime, closures: frozenset[date], extra: frozenset[date]
) -> None:
    cal = WorkCalendar(CHINA, closures=closures, extra_working_days=extra)
    assert cal.is_working_day(repair_due_date(cal, checked_in))


@PROPERTY
@given(checked_in=check_ins, closures=override_days, extra=override_days)
def test_exactly_five_working_days_after_check_in_day_up_to_due_date(
    checked_in: datetime, closures: frozenset[date], extra: frozenset[date]
) -> None:
    cal = WorkCalendar(CHINA, closures=closures, extra_working_days=extra)
    due = repair_due_date(cal, checked_in)
    assert working_days_counted_by_hand(cal, checked_in.date(), due) == REPAIR_WORKING_DAYS


@PROPERTY
@given(checked_in=check_ins, closures=override_days)
def test_due_date_is_after_the_check_in_day(
    checked_in: datetime, closures: frozenset[date]
) -> None:
    cal = WorkCalendar(CHINA, closures=closures)
    assert repair_due_date(cal, checked_in) > checked_in.date()


@PROPERTY
@given(checked_in=check_ins, closures=override_days)
def test_due_date_is_never_a_closure_day(checked_in: datetime, closures: frozenset[date]) -> None:
    cal = WorkCalendar(CHINA, closures=closures)
    assert repair_due_date(cal, checked_in) not in closures


@PROPERTY
@given(checked_in=check_ins, closures=override_days)
def test_repair_clock_runs_from_five_left_to_due_today(
    checked_in: datetime, closures: frozenset[date]
) -> None:
    cal = WorkCalendar(CHINA, closures=closures)
    due = repair_due_date(cal, checked_in)
    start = repair_clock(cal, due, checked_in.date())
    assert (start.state, start.working_days_left) == (DueState.ON_TRACK, REPAIR_WORKING_DAYS)
    assert repair_clock(cal, due, due).state is DueState.DUE_TODAY
    assert repair_clock(cal, due, due + timedelta(days=1)).overdue_by >= 1


@PROPERTY
@given(
    purchase=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    years=st.integers(min_value=1, max_value=10),
)
def test_whole_years_of_warranty_end_on_the_same_calendar_day(purchase: date, years: int) -> None:
    end = add_months(purchase, 12 * years)
    assert end.year == purchase.year + years
    assert end.month == purchase.month
    if (purchase.month, purchase.day) == (2, 29):
        assert end.day in (28, 29)
    else:
        assert end.day == purchase.day
