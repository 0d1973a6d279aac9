"""Attacks on the window's sign-in, lock and switch user (issue 12): what a clerk, a technician
and a manager could do to see a customer behind the lock, or act as somebody else."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.ui import background
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.dialogs.users_dialog import UsersDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_lock import CUSTOMER, _unlock, _visible_texts


def _others(window: MainWindow) -> list[QWidget]:
    """The application's windows on screen besides the main window."""
    return [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]


class _Watch:
    """Records (and closes, so the test fails instead of hanging) every window that shows over
    the lock screen: a modal one would block the test's event loop for good."""

    def __init__(self, window: MainWindow) -> None:
        self.over_the_lock: list[str] = []
        self._window = window
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        if not self._window.locked:
            return
        for widget in _others(self._window):
            self.over_the_lock.append(type(widget).__name__)
            if isinstance(widget, QDialog):
                widget.reject()
            else:
                widget.close()

    def stop(self) -> None:
        self._timer.stop()


@pytest.fixture
def watch(window: MainWindow):  # type: ignore[no-untyped-def]
    watching = _Watch(window)
    yield watching
    watching.stop()


def _a_job(services: Services) -> int:
    return services.jobs.check_in(check_in_form(customer_name=CUSTOMER), actor(services)).id


def _once_answered(qtbot, step) -> None:  # type: ignore[no-untyped-def]
    """Run `step()` once every call in flight has answered, from the event loop: an answer may
    open a dialog the lock holds (an event loop of its own, until the lock ends), so the test
    goes on from inside it, as a person at the lock screen would."""
    ran: list[bool] = []
    failures: list[BaseException] = []

    def look() -> None:
        if background.in_flight():
            QTimer.singleShot(10, look)
            return
        try:
            step()
        except BaseException as error:  # reported by the test, not lost in the event loop
            failures.append(error)
        ran.append(True)

    QTimer.singleShot(0, look)
    qtbot.waitUntil(lambda: bool(ran), timeout=20_000)
    if failures:
        raise failures[0]


def test_a_job_view_read_just_before_the_lock_opens_behind_it_not_over_it(
    qtbot, window, services, watch
):
    job_id = _a_job(services)
    seen: dict[str, object] = {}

    def at_the_lock_screen() -> None:
        seen["locked"] = window.locked
        seen["others"] = _others(window)
        seen["texts"] = _visible_texts()
        _unlock(qtbot, window, "clerk")
        seen["back"] = [w for w in _others(window) if isinstance(w, JobDialog)]
        for dialog in seen["back"]:  # type: ignore[attr-defined]
            dialog.reject()

    assert window.controller is not None
    window.controller.open_id(job_id)  # a double-click: the job is read in the background
    window.lock()  # the clerk presses Ctrl+L (or the idle time ends) before it answers
    _once_answered(qtbot, at_the_lock_screen)
    wait_idle(qtbot)
    assert seen["locked"] is True
    assert watch.over_the_lock == [] and seen["others"] == []
    assert CUSTOMER not in str(seen["texts"])
    assert len(seen["back"]) == 1  # type: ignore[arg-type]  # the same person gets it, as asked


def test_a_job_view_asked_for_before_a_switch_never_shows_to_the_next_person(
    qtbot, window, services, watch
):
    job_id = _a_job(services)
    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    seen: dict[str, object] = {}

    def at_the_lock_screen() -> None:
        seen["others"] = _others(window)
        _unlock(qtbot, window, "li")
        seen["after"] = _others(window)

    assert window.controller is not None
    window.controller.open_id(job_id)
    window.switch_user()
    _once_answered(qtbot, at_the_lock_screen)
    wait_idle(qtbot)
    assert watch.over_the_lock == [] and seen["others"] == []
    assert seen["after"] == [] and _others(window) == []
    assert window.user.username == "li"


def test_a_receipt_read_before_the_lock_is_not_previewed_over_it(qtbot, window, services, watch):
    _a_job(services)
    window.refresh()
    wait_idle(qtbot)
    window.table.selectRow(0)
    seen: dict[str, object] = {}

    def at_the_lock_screen() -> None:
        seen["others"] = _others(window)
        window.switch_user()
        _unlock(qtbot, window, "manager")
        seen["after"] = _others(window)

    window.print_selected_receipt()
    window.lock()
    _once_answered(qtbot, at_the_lock_screen)
    wait_idle(qtbot)
    assert watch.over_the_lock == [] and seen["others"] == [] and seen["after"] == []


def test_quitting_at_the_lock_screen_leaves_the_toolbar_and_clocks_for_the_next_start(
    qtbot, window, services, ui_settings, clock
):
    assert window.toolbar.isVisible() and window.clock_dock.isVisible()
    window.lock()
    window.close()  # Quit on the lock screen, or Alt+F4
    again = MainWindow(services, actor(services, "clerk"), ui_settings, now=clock)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    wait_idle(qtbot)
    assert again.toolbar.isVisible() and again.clock_dock.isVisible()
    assert again.menuBar().isVisible()


@pytest.fixture
def manager_window(qtbot, services, ui_settings, clock) -> MainWindow:  # type: ignore[no-untyped-def]
    main = MainWindow(services, actor(services), ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


def test_the_manager_finds_the_users_dialog_and_a_half_typed_new_user_after_a_lock(
    qtbot, manager_window
):
    window = manager_window
    seen: dict[str, object] = {}

    def in_the_users_dialog(users: UsersDialog) -> None:
        wait_idle(qtbot)
        run_modal(qtbot, users.add_button.click, type_lock_and_come_back)
        seen["users_back"] = users.isVisible()
        users.reject()

    def type_lock_and_come_back(form: FormDialog) -> None:
        username = form.widgets["username"]
        assert isinstance(username, QLineEdit)
        type_text(qtbot, username, "zhao")
        window._lock.idle.timer.timeout.emit()  # type: ignore[union-attr]  # left alone
        seen["hidden"] = window.locked and _others(window) == []
        _unlock(qtbot, window, "manager")
        seen["form_back"] = form.isVisible()
        seen["typed"] = username.text()
        form.reject()

    run_modal(qtbot, window.open_users, in_the_users_dialog)
    assert seen["hidden"] is True
    assert seen["form_back"] is True and seen["typed"] == "zhao"
    assert seen["users_back"] is True


def test_the_password_dialogs_say_the_rule_in_chinese(qapp, services):  # type: ignore[no-untyped-def]
    """Their placeholder came from a plural tr() that PySide looks up under the subclass's
    name, where it has no translation: "At least 8 characters" in the Chinese dialogs."""
    import re

    from desktop_app.ui.dialogs.password_dialogs import (
        ChangePasswordDialog,
        ManagerPasswordDialog,
    )
    from desktop_app.ui.resources import install_translator, text_translator

    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        manager = actor(services)
        for dialog in (
            ChangePasswordDialog(manager, translate=text_translator()),
            ManagerPasswordDialog(services.auth.sign_in_names(), translate=text_translator()),
        ):
            placeholder = dialog.password.placeholderText()
            assert placeholder == "至少 8 个字符", placeholder
            assert not re.search("[A-Za-z]", dialog.intro.text() + dialog.windowTitle())
            dialog.deleteLater()
    finally:
        install_translator(qapp, "en")
