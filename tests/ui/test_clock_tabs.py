"""Each clock tab shows its own clock: the response-overdue tab the 24-hour first-response clock
(how late, in red), the repair tabs the 5-working-day clock, a technician's queues the first
response while it is outstanding and then the repair; the main list filtered on a late first
response shows that clock too."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QSettings, Qt

from desktop_app.domain.forms import DueFilter
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import (
    FOREGROUND_ROLE,
    ON_TRACK_COLOUR,
    OVERDUE_COLOUR,
    Clock,
    JobTableModel,
)
from desktop_app.ui.settings import UiSettings
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import wait_idle

CHECKED_IN = datetime(2026, 11, 25, 10, 30)  # a Wednesday; repair due end of 2026-12-02
LATE = datetime(2026, 11, 26, 16, 30)  # the first response was due at 11-26 10:30


def clock_cell(model: JobTableModel, row: int = 0) -> tuple[str, object]:
    index = model.index(row, JobTableModel.DAYS_LEFT)
    return model.data(index), model.data(index, FOREGROUND_ROLE)


def header(model: JobTableModel) -> str:
    return str(model.headerData(JobTableModel.DAYS_LEFT, Qt.Orientation.Horizontal))


def manager_window(qtbot, services, clock, tmp_path) -> MainWindow:
    settings = UiSettings(QSettings(str(tmp_path / "m.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, actor(services), settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    return window


def test_the_response_overdue_tab_shows_how_late_the_first_response_is(
    qtbot, services, clock, tmp_path
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    clock.now = CHECKED_IN
    late = services.jobs.check_in(check_in_form(), clerk)
    clock.now = LATE
    window = manager_window(qtbot, services, clock, tmp_path)
    panel = window.clock_panel

    response = panel.models["response_overdue"]
    assert response.rowCount() == 1 and response.row_of(0).id == late.id
    assert clock_cell(response) == ("response overdue by 6 hours", OVERDUE_COLOUR)
    assert header(response) == "First response"
    # Not the repair clock, which is in good time.
    assert "working day" not in clock_cell(response)[0]

    # Two days late and more: counted in days.
    clock.now = datetime(2026, 11, 28, 11, 0)
    window.refresh_clocks()
    wait_idle(qtbot)
    assert clock_cell(panel.models["response_overdue"]) == (
        "response overdue by 2 days",
        OVERDUE_COLOUR,
    )


def test_repair_tabs_show_the_repair_clock_and_queues_the_next_promise(
    qtbot, services, clock, tmp_path
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    manager = actor(services)
    clock.now = CHECKED_IN
    waiting = services.jobs.check_in(check_in_form(), clerk)  # no response yet
    answered = services.jobs.check_in(check_in_form(serial="SN2"), clerk)
    services.jobs.change_status(answered.id, Status.DIAGNOSING, manager)
    services.jobs.assign(waiting.id, manager.id, manager)
    services.jobs.assign(answered.id, manager.id, manager)
    clock.now = datetime(2026, 12, 2, 9, 0)  # both due today; the first response long late
    window = manager_window(qtbot, services, clock, tmp_path)
    panel = window.clock_panel

    due_today = panel.models["due_today"]
    assert due_today.rowCount() == 2
    assert {clock_cell(due_today, row)[0] for row in range(2)} == {"due today"}
    assert header(due_today) == "Working days"

    mine = panel.models["mine"]
    shown = {mine.row_of(row).id: clock_cell(mine, row)[0] for row in range(mine.rowCount())}
    assert shown == {waiting.id: "response overdue by 5 days", answered.id: "due today"}
    assert header(mine) == "Next deadline"


def test_the_main_list_filtered_on_a_late_response_shows_the_response_clock(
    qtbot, window, services, clock
):
    clock.now = CHECKED_IN
    services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    clock.now = LATE
    window.due_filter.setCurrentIndex(window.due_filter.findData(DueFilter.RESPONSE_OVERDUE))
    wait_idle(qtbot)
    assert window.model.clock is Clock.RESPONSE
    assert clock_cell(window.model) == ("response overdue by 6 hours", OVERDUE_COLOUR)

    window.due_filter.setCurrentIndex(0)  # any due state: the repair clock again
    wait_idle(qtbot)
    assert window.model.clock is Clock.REPAIR
    assert clock_cell(window.model) == ("4 working days left", ON_TRACK_COLOUR)
