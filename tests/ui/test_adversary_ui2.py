"""Second UI adversary on issue 11: what a clerk, a technician and a manager hit in the window."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

from desktop_app.domain import limits
from desktop_app.domain.roles import Role
from desktop_app.ui.main_window import MainWindow
from tests.helpers import actor, add_user
from tests.ui.driving import wait_idle


def test_pasting_10000_characters_stops_every_check_in_field_at_its_limit(qtbot, window):
    dialog = window.make_check_in_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.clipboard().setText("故" * 10_000)
    too_long = {}
    for name, widget in dialog._field_widgets.items():
        if not isinstance(widget, QLineEdit | QPlainTextEdit) or not widget.isEnabled():
            continue
        widget.setFocus()
        widget.paste()
        text = widget.text() if hasattr(widget, "text") else widget.toPlainText()
        if len(text) > limits.LONG_TEXT:
            too_long[name] = len(text)
    assert too_long == {}
    assert len(dialog.fault_description.toPlainText()) == limits.LONG_TEXT


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
def test_shop_settings_are_offered_to_the_manager_only(qtbot, services, ui_settings, clock, role):
    user = add_user(services, "staff", "赵敏", role)
    main = MainWindow(services, user, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot)
    assert not main.settings_action.isEnabled()


def test_the_manager_is_offered_the_shop_settings(qtbot, services, ui_settings, clock):
    main = MainWindow(services, actor(services), ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot)
    assert main.settings_action.isEnabled()


def test_a_technician_is_not_offered_a_check_in_the_service_refuses(
    qtbot, services, ui_settings, clock
):
    technician = add_user(services, "tech", "李师傅", Role.TECHNICIAN)
    main = MainWindow(services, technician, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot)
    assert not main.check_in_action.isEnabled()


def test_a_check_in_while_a_search_hides_the_new_job_still_selects_it(qtbot, window, services):
    """The clerk looked up another customer, then checked in a new one: Enter must open the
    new job, not the one the search had selected."""
    from PySide6.QtCore import Qt

    from desktop_app.domain.forms import JobQuery
    from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
    from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
    from tests.helpers import check_in_form
    from tests.ui.driving import run_modal
    from tests.ui.test_check_in_flow import fill_check_in

    manager = actor(services)
    old = services.jobs.check_in(
        check_in_form(customer_name="欧阳娜娜", phone="13600000000"), manager
    )
    window.search_box.setText("欧阳娜娜")
    window.apply_filters()
    wait_idle(qtbot)
    window.table.selectRow(0)
    assert window.selected_job_id() == old.id

    def check_in(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    run_modal(qtbot, window.check_in_action.trigger, check_in, ReceiptDialog.reject)
    newest = max(services.jobs.search(JobQuery()).rows, key=lambda row: row.id)
    assert newest.id != old.id
    qtbot.waitUntil(lambda: window.selected_job_id() == newest.id, timeout=5000)
    assert window.focusWidget() is window.table
    opened: list[str] = []

    def job_view(view) -> None:
        opened.append(view.job.number)
        view.reject()

    run_modal(qtbot, lambda: qtbot.keyClick(window.table, Qt.Key.Key_Return), job_view)
    assert opened == [newest.number]
