"""Issue 11 in the window: a read-only database shows a banner and offers no change; a write lock
held by another program is a message, and the check-in form stays as typed for a retry."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop_app.app import create_application, open_counter
from desktop_app.data import db as db_module
from desktop_app.data.db import open_database
from desktop_app.services import Services
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, check_in_form, database_of
from tests.ui.driving import run_modal, wait_idle
from tests.ui.test_check_in_flow import fill_check_in


def test_a_read_only_database_shows_a_banner_and_offers_no_change(
    qtbot, tmp_path: Path, ui_settings, clock
):
    url = f"sqlite:///{tmp_path}/counter.db"
    database = open_database(url)
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    manager = actor(services)
    assert manager is not None
    job = services.jobs.check_in(check_in_form(), manager)
    database.dispose()
    app = create_application()
    # As the file's owner would get it when the file is read-only (tests may run as root, who
    # may write any file): the same read-only opening, asked for.
    counter = open_counter(app, url, ui_settings, read_only=True)
    # Reading customers still needs a person: the sign-in comes first (tests/ui/test_sign_in.py).
    assert counter.services is not None and counter.window is None
    window = counter.open_window(counter.services.auth.sign_in("manager", PASSWORD))
    qtbot.addWidget(window)
    try:
        qtbot.waitExposed(window)
        wait_idle(qtbot)
        assert window.read_only_banner.isVisible()
        assert window.read_only_banner.text().startswith("Read-only: opened read-only on request.")
        assert not window.check_in_action.isEnabled()
        assert not window.settings_action.isEnabled()
        assert window.model.rowCount() == 1  # the list, search and receipts still work
        assert window.print_action.isEnabled() and window.search_box.isEnabled()
        assert window.controller is not None
        dialog = window.controller.make_dialog(services.jobs.get(job.id))
        qtbot.addWidget(dialog)
        assert dialog.offered_actions() == []
        # A look at the whole number is recorded first: a read-only database cannot record it.
        assert dialog.show_phone_button is not None
        assert not dialog.show_phone_button.isEnabled()
        assert "read-only" in dialog.show_phone_button.toolTip()
    finally:
        window.close()
        counter.dispose()


@pytest.fixture
def short_busy_timeout(monkeypatch) -> None:
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)


def test_a_check_in_while_another_program_holds_the_lock_says_busy_and_keeps_the_form(
    short_busy_timeout, qtbot, window, services, sqlite_url, monkeypatch
):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, title, text: shown.append((title, text)))
    # Connections the window opened before the short timeout was set keep SQLite's 15 s one;
    # the save may take any of them from the pool (it waited 15 s for a lock, flakily: more
    # background reads at start-up now open more connections). Close them: every connection
    # from here on has the short timeout.
    wait_idle(qtbot)
    database_of(services).engine.dispose()
    other = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
    kept: list[str] = []

    def busy_then_retry(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)
        other.execute("BEGIN IMMEDIATE")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown))
        assert dialog.isVisible()
        kept.append(dialog.customer_name.text())
        other.rollback()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # try again

    def receipt(dialog) -> None:
        dialog.reject()

    try:
        run_modal(qtbot, window.check_in_action.trigger, busy_then_retry, receipt)
    finally:
        other.close()
    assert shown[0][0] == "Cannot check in"
    assert "busy in another program" in shown[0][1] and "Traceback" not in shown[0][1]
    assert kept == ["刘德华"]
    assert len(services.jobs.search(window.current_query()).rows) == 1


def test_run_modal_fails_instead_of_hanging_when_the_next_dialog_never_opens(
    qtbot, window, monkeypatch
):
    """The busy check-in above once hung the whole suite: its retry did not close the form, and
    the handler for the receipt waited forever. run_modal's watchdog fails the test instead."""
    import tests.ui.driving as driving

    monkeypatch.setattr(driving, "WATCHDOG_SECONDS", 1)

    def leave_it_open(dialog) -> None:
        pass  # never saves: the receipt dialog never comes

    def receipt(dialog) -> None:
        dialog.reject()

    with pytest.raises(AssertionError, match="no new dialog for receipt"):
        run_modal(qtbot, window.check_in_action.trigger, leave_it_open, receipt)
    from PySide6.QtWidgets import QApplication

    assert QApplication.activeModalWidget() is None
