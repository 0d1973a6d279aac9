"""On a 1366×768 screen with a taskbar: the main window's list has no horizontal scrollbar at the
window's first size (English and Chinese), every dialog opens within the screen, and a dialog
somebody resized opens at that size again (never larger than the screen)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication, QDialog, QTableView

from desktop_app.domain.actions import JobAction
from desktop_app.domain.workflow import Status
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui import fitting
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import DEFAULT_SIZE, MainWindow
from desktop_app.ui.operations.job_actions import ActionContext, step_for
from desktop_app.ui.resources import install_translator, text_translator
from desktop_app.ui.settings import UiSettings
from tests.helpers import actor, check_in_form
from tests.ui.driving import wait_idle
from tests.ui.test_job_operations import _job_where

ROOM = fitting.SMALL_SCREEN - fitting.FRAME  # what a window may take on that screen
MOST = QSize(ROOM.width(), 700)  # and a dialog: the brief's limit, under the room


@pytest.fixture(autouse=True)
def small_screen(monkeypatch) -> None:
    """The test platform's screen is 800×800: the windows are sized for a 1366×768 one."""
    monkeypatch.setattr(fitting, "available_size", lambda _widget: QSize(ROOM))


@pytest.fixture(params=["en", "zh_CN"])
def language(request) -> Iterator[str]:
    app = QApplication.instance()
    install_translator(app, request.param)
    try:
        yield request.param
    finally:
        install_translator(app, "en")


def within(size: QSize, limit: QSize = MOST) -> bool:
    return size.width() <= limit.width() and size.height() <= limit.height()


def no_horizontal_scrollbar(qtbot, view: QTableView) -> bool:
    qtbot.waitUntil(lambda: view.viewport().width() > 0)
    return view.horizontalScrollBar().maximum() == 0


def make_window(qtbot, services, tmp_path, user) -> MainWindow:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, user, settings, now=lambda: datetime(2026, 11, 25, 10, 30))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    return window


def test_the_job_list_fits_the_first_window_size(qtbot, services, database, tmp_path, language):
    DemoGenerator(database, seed=7).run(300, datetime(2026, 11, 25, 10, 0))
    manager = actor(services)
    window = make_window(qtbot, services, tmp_path, manager)
    assert window.size() == DEFAULT_SIZE and within(window.size(), ROOM)
    assert window.model.rowCount() > 0
    assert no_horizontal_scrollbar(qtbot, window.table), language
    for key in window.clock_panel.models:
        view = window.clock_panel.view(key)
        window.clock_panel.tabs.setCurrentWidget(view)
        assert no_horizontal_scrollbar(qtbot, view), (language, key)
    # Every column shows its words whole: the clock column is no wider than it needs.
    header = window.table.horizontalHeader()
    assert header.sectionSize(window.model.DAYS_LEFT) < 260


def test_every_dialog_opens_within_the_screen(qtbot, window, services, clock, language):
    """Check-in, job view, every action's form, settings, receipt preview."""
    manager = actor(services)
    dialogs: list[QDialog] = [window.make_check_in_dialog()]
    for action in JobAction:
        job = _job_where(services, action, clock)
        step = step_for(action, ActionContext(job, manager, (manager,)))
        if step.fields:
            dialogs.append(FormDialog(step.title, step.fields, translate=text_translator()))
    job = services.jobs.get(_job_where(services, JobAction.HAND_BACK, clock).id)
    dialogs.append(window.controller.make_dialog(job))
    dialogs.append(SettingsDialog(services.shop.settings(), translate=text_translator()))
    dialogs.append(ReceiptDialog(window.receipt_pdf(job), "r.pdf", window._settings))
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        name = dialog.objectName() or dialog.windowTitle()
        # Its size, what it would take on a larger screen, and the least it can be squeezed to.
        assert within(dialog.size()), (name, dialog.size())
        assert within(dialog.sizeHint()), (name, dialog.sizeHint())
        assert within(dialog.minimumSizeHint()), (name, dialog.minimumSizeHint())
        dialog.close()


def test_a_resized_dialog_opens_at_its_size_again(qtbot, window, services):
    first = window.make_check_in_dialog()
    qtbot.addWidget(first)
    first.show()
    first.resize(700, 520)
    first.reject()
    again = window.make_check_in_dialog()
    qtbot.addWidget(again)
    assert again.size() == QSize(700, 520)

    # Saved on a bigger screen: opened within this one.
    window._settings.set_dialog_size("check_in_dialog", QSize(2400, 1500))
    big = window.make_check_in_dialog()
    qtbot.addWidget(big)
    assert within(big.size(), ROOM)


def test_the_job_view_and_an_action_form_remember_their_sizes(qtbot, window, services):
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    view = window.controller.make_dialog(job)
    qtbot.addWidget(view)
    view.show()
    view.resize(1000, 600)
    view.reject()
    again = window.controller.make_dialog(job)
    qtbot.addWidget(again)
    assert again.size() == QSize(1000, 600)
    # Each action's form has its own size.
    settings = window._settings
    settings.set_dialog_size("form_record_response", QSize(640, 420))
    assert settings.dialog_size("form_record_response") == QSize(640, 420)
    assert settings.dialog_size("form_cancel") is None


def test_a_garbled_saved_size_is_ignored(tmp_path):
    store = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    store.setValue("dialogs/job_dialog/size", "not a size")
    store.setValue("dialogs/check_in_dialog/size", QSize(-5, 0))
    settings = UiSettings(store)
    assert settings.dialog_size("job_dialog") is None
    assert settings.dialog_size("check_in_dialog") is None


def test_the_technician_column_shows_the_seeded_managers_name_whole(
    qtbot, services, tmp_path, language
):
    """In English the seeded account reads "Shop manager": the column was cut to "Shop mana…"."""
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    services.jobs.assign(job.id, manager.id, manager, job.version)
    window = make_window(qtbot, services, tmp_path, manager)
    shown = window.model.data(window.model.index(0, window.model.TECHNICIAN))
    assert shown == ("Shop manager" if language == "en" else "店长")
    needed = window.table.fontMetrics().horizontalAdvance(shown)
    assert window.table.horizontalHeader().sectionSize(window.model.TECHNICIAN) > needed


def test_the_job_views_parts_and_charges_need_no_sideways_scrolling(
    qtbot, window, services, language
):
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    job = services.jobs.add_line(
        job.id, manager, kind="part", description="电池", quantity=2, unit_price_cents=12900
    )
    assert window.controller is not None
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.lines.topLevelItemCount() == 1
    qtbot.waitUntil(lambda: dialog.lines.viewport().width() > 0)
    assert dialog.lines.horizontalScrollBar().maximum() == 0, language
