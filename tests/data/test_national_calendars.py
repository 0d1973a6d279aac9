"""The services count working days on the national calendar they were handed, and only there.

app.py hands the compiled calendar it loaded to the services (and to the first screen); nothing
is registered for the whole process, so two sets of services never see each other's calendar.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop_app.domain.forms import ClockList
from desktop_app.domain.national_calendar import (
    CompiledCalendar,
    NationalCalendars,
    compile_calendar,
)
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FAST_PASSWORDS, actor, check_in_form

NATIONAL_DAY = [date(2026, 10, day) for day in range(1, 8)]


def without_national_day() -> CompiledCalendar:
    """China's calendar with the 2026 National Day week worked: answers no real calendar gives,
    so a service that asked anything but the calendar it was handed would show it."""
    real = compile_calendar("CN", 2026, 2026)
    holidays = {day: name for day, name in real.holidays.items() if day not in NATIONAL_DAY}
    return replace(real, holidays=holidays)


def test_the_services_count_on_the_calendar_they_are_handed(database, clock):
    handed = Services.build(
        database, clock, NationalCalendars([without_national_day()]), passwords=FAST_PASSWORDS
    )
    ordinary = Services.build(
        database, clock, passwords=FAST_PASSWORDS
    )  # the package's calendar, built after the other
    # A sign-in holds at the services that issued it: one for each counter.
    at_handed, at_ordinary = actor(handed), actor(ordinary)
    assert CHECK_IN_AT.date() == date(2026, 9, 30)

    assert handed.shop.calendar().is_working_day(date(2026, 10, 1))
    assert not ordinary.shop.calendar().is_working_day(date(2026, 10, 1))
    # Wednesday before the holiday: five weekdays later without it, the 13th with it.
    first = handed.jobs.check_in(check_in_form(), at_handed)
    second = ordinary.jobs.check_in(check_in_form(), at_ordinary)
    assert (first.repair_due_date, second.repair_due_date) == (
        date(2026, 10, 7),
        date(2026, 10, 13),
    )
    # On Tuesday the 6th the next working day is the 7th on one calendar, the 8th on the other:
    # the "due tomorrow" list asks the calendar its services were handed.
    clock.now = clock.now.replace(month=10, day=6)
    assert [row.number for row in handed.jobs.clock_list(ClockList.DUE_TOMORROW)] == [first.number]
    assert ordinary.jobs.clock_list(ClockList.DUE_TOMORROW) == ()
