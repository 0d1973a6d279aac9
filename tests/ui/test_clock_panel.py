"""The clock tabs count their jobs, and say so when a list is cut at its limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from desktop_app.domain.forms import CLOCK_LIST_LIMIT
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.ui.widgets.clock_panel import ClockPanel

OVERDUE = JobRow(
    1,
    "R20261101-0001",
    "张伟",
    "13800001234",
    "华为 Mate 60",
    "SN1",
    Status.REPAIRING,
    Coverage.WARRANTY,
    datetime(2026, 11, 2, 9, 0),
    datetime(2026, 11, 3, 9, 0),
    datetime(2026, 11, 2, 10, 0),
    date(2026, 11, 9),
    "赵志强",
)


def test_tabs_show_the_count_and_a_plus_at_the_limit(qtbot):
    lists = [
        ("few", "Due today", lambda: (OVERDUE,) * 3),
        (
            "many",
            "Repair overdue",
            lambda: tuple(replace(OVERDUE, id=n) for n in range(CLOCK_LIST_LIMIT)),
        ),
    ]
    panel = ClockPanel(
        lists, WorkCalendar(package_calendar("CN")), lambda: datetime(2026, 11, 25, 10, 0)
    )
    qtbot.addWidget(panel)
    panel.refresh()

    assert panel.tabs.tabText(0) == "Due today (3)"
    assert panel.tabs.tabText(1) == f"Repair overdue ({CLOCK_LIST_LIMIT}+)"
    assert panel.count("many") == CLOCK_LIST_LIMIT
