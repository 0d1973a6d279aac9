"""The agreement's two clocks: 5 working days for the repair, 24 clock hours for the response."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from desktop_app.domain.workdays import (
    RESPONSE_HOURS,
    DueState,
    WorkCalendar,
    repair_clock,
    response_clock,
    response_due,
    working_days_late,
)
from tests.unit._builders import CHINA, d

CN = WorkCalendar(CHINA)
FRIDAY_DUE = d("2026-03-13")  # a plain Friday with a plain weekend and week after it


# --- repair clock -----------------------------------------------------------------------------


def test_repair_due_today() -> None:
    clock = repair_clock(CN, FRIDAY_DUE, d("2026-03-13"))
    assert clock.state is DueState.DUE_TODAY
    assert (clock.working_days_left, clock.overdue_by) == (0, 0)
    assert clock.due == FRIDAY_DUE


def test_repair_with_one_working_day_left() -> None:
    clock = repair_clock(CN, FRIDAY_DUE, d("2026-03-12"))
    assert clock.state is DueState.ON_TRACK
    assert (clock.working_days_left, clock.overdue_by) == (1, 0)


def test_repair_on_check_in_day_has_all_five_working_days_left() -> None:
    # Checked in Friday 03-06, due Friday 03-13.
    clock = repair_clock(CN, FRIDAY_DUE, d("2026-03-06"))
    assert clock.state is DueState.ON_TRACK
    assert clock.working_days_left == 5


def test_working_days_left_skip_the_weekend() -> None:
    # Due Monday 03-16, looked at on Saturday 03-14: only Monday is left.
    assert repair_clock(CN, d("2026-03-16"), d("2026-03-14")).working_days_left == 1


def test_working_days_left_skip_a_public_holiday() -> None:
    # Due 2026-10-13, looked at on 09-30: 10-08, 10-09, 10-10, 10-12, 10-13.
    assert repair_clock(CN, d("2026-10-13"), d("2026-09-30")).working_days_left == 5


@pytest.mark.parametrize(
    ("today", "overdue_by"),
    [
        ("2026-03-16", 1),  # Monday
        ("2026-03-17", 2),
        ("2026-03-18", 3),
        ("2026-03-20", 5),
        ("2026-03-23", 6),  # the next Monday; the weekend in between does not count
    ],
)
def test_repair_overdue_by_working_days(today: str, overdue_by: int) -> None:
    clock = repair_clock(CN, FRIDAY_DUE, d(today))
    assert clock.state is DueState.OVERDUE
    assert (clock.working_days_left, clock.overdue_by) == (0, overdue_by)


@pytest.mark.parametrize("today", ["2026-03-14", "2026-03-15"])
def test_repair_overdue_over_the_weekend_after_a_missed_friday_is_at_least_one(today: str) -> None:
    clock = repair_clock(CN, FRIDAY_DUE, d(today))
    assert clock.state is DueState.OVERDUE
    assert clock.overdue_by == 1


def test_repair_overdue_during_a_holiday_is_at_least_one() -> None:
    # Due Wednesday 2026-09-30, National Day runs 10-01..10-07.
    clock = repair_clock(CN, d("2026-09-30"), d("2026-10-05"))
    assert clock.state is DueState.OVERDUE
    assert clock.overdue_by == 1


def test_repair_overdue_counts_a_make_up_saturday() -> None:
    # Due 2026-09-30: 10-08 (1), 10-09 (2), Saturday 10-10 make-up (3).
    assert repair_clock(CN, d("2026-09-30"), d("2026-10-10")).overdue_by == 3


def test_repair_overdue_respects_shop_closures() -> None:
    cal = WorkCalendar(CHINA, closures=[d("2026-03-16")])
    assert repair_clock(cal, FRIDAY_DUE, d("2026-03-17")).overdue_by == 1


@pytest.mark.parametrize(
    ("finished", "late"),
    [
        ("2026-03-10", 0),  # early
        ("2026-03-13", 0),  # on the due day
        ("2026-03-14", 1),  # Saturday right after a missed Friday
        ("2026-03-15", 1),
        ("2026-03-16", 1),
        ("2026-03-17", 2),
        ("2026-03-20", 5),
    ],
)
def test_working_days_late(finished: str, late: int) -> None:
    assert working_days_late(CN, FRIDAY_DUE, d(finished)) == late


# --- response clock ---------------------------------------------------------------------------

CHECKED_IN = datetime(2026, 3, 6, 16, 30)  # a Friday afternoon


def test_response_hours_are_24() -> None:
    assert RESPONSE_HOURS == 24


def test_response_is_due_exactly_24_clock_hours_later() -> None:
    assert response_due(CHECKED_IN) == datetime(2026, 3, 7, 16, 30)


def test_response_clock_counts_clock_hours_over_weekends_and_holidays() -> None:
    assert response_due(datetime(2026, 9, 30, 23, 15)) == datetime(2026, 10, 1, 23, 15)


def test_response_met_exactly_at_the_deadline() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(due, responded_at=due, at=due + timedelta(days=3))
    assert clock.met is True
    assert clock.overdue is False
    assert clock.seconds_left == 0


def test_response_met_early_stops_the_clock() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(
        due, responded_at=CHECKED_IN + timedelta(hours=2), at=due + timedelta(days=3)
    )
    assert clock.met is True
    assert clock.overdue is False
    assert clock.seconds_left == 22 * 3600


def test_response_one_second_late_is_not_met() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(due, responded_at=due + timedelta(seconds=1), at=due + timedelta(days=1))
    assert clock.met is False
    assert clock.overdue is True
    assert clock.seconds_left == -1


def test_response_a_fraction_of_a_second_late_is_overdue_as_well_as_not_met() -> None:
    # Timestamps come from datetime.now() and carry microseconds; overdue and met must agree.
    due = response_due(CHECKED_IN)
    late = due + timedelta(milliseconds=500)
    clock = response_clock(due, responded_at=late, at=late)
    assert clock.met is False
    assert clock.overdue is True


def test_response_still_waiting_before_the_deadline() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(due, responded_at=None, at=due - timedelta(hours=1))
    assert clock.met is None
    assert clock.overdue is False
    assert clock.seconds_left == 3600


def test_response_still_waiting_after_the_deadline_is_overdue() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(due, responded_at=None, at=due + timedelta(minutes=1))
    assert clock.met is None
    assert clock.overdue is True
    assert clock.seconds_left == -60


def test_response_still_waiting_a_fraction_of_a_second_after_the_deadline_is_overdue() -> None:
    due = response_due(CHECKED_IN)
    clock = response_clock(due, responded_at=None, at=due + timedelta(microseconds=1))
    assert clock.overdue is True
