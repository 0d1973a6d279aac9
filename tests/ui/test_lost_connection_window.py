"""Issue 15 in the window: a lost connection to PostgreSQL shows a banner and retries; the
check-in form keeps what was typed; nothing shows a traceback; the first action after the server
is back works. Each test runs its own throw-away server, which it stops and starts again."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from desktop_app.app import create_application
from desktop_app.data.db import CONNECTION_LOST, open_database
from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.widgets import connection_banner
from tests.helpers import (
    FAST_PASSWORDS,
    actor,
    add_user,
    check_in_form,
    database_of,
    fill_receipt_details,
    settle_background,
)
from tests.postgres_server import PostgresNotAvailable, PostgresServer
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_check_in_flow import fill_check_in

pytestmark = pytest.mark.postgres


@pytest.fixture
def server() -> Iterator[PostgresServer]:
    """A server of this test's own: stopping it stops nobody else's test."""
    server = PostgresServer()
    try:
        server.start()
    except PostgresNotAvailable as exc:
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_services(server: PostgresServer, clock) -> Iterator[Services]:
    database = open_database(server.create_database())
    services = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="pg")
    fill_receipt_details(services)
    try:
        yield services
    finally:
        settle_background()
        database.dispose()


@pytest.fixture
def pg_window(qtbot, pg_services: Services, ui_settings, clock, monkeypatch) -> MainWindow:
    monkeypatch.setattr(connection_banner, "FIRST_RETRY_MS", 50)
    create_application()
    clerk = add_user(pg_services, "clerk", "王晓红", Role.CLERK)
    window = MainWindow(pg_services, clerk, ui_settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_idle(qtbot)
    return window


@pytest.fixture
def shown(monkeypatch) -> list[tuple[str, str]]:
    said: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, title, text: said.append((title, text)))
    return said


def test_a_save_while_the_server_is_down_keeps_the_form_and_works_once_it_is_back(
    qtbot, server, pg_window, pg_services, shown
):
    window = pg_window
    banner = window.connection_banner
    assert not banner.isVisible()
    kept: list[str] = []
    receipts: list[bool] = []

    def down_then_again(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)
        wait_idle(qtbot)  # the form's own lookups (earlier jobs, names for the phone) answered
        server.halt()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown))
        assert dialog.isVisible()  # the form is still there, as typed
        kept.extend([dialog.customer_name.text(), dialog.serial.text()])
        assert banner.isVisible() and banner.lost
        assert banner.text().startswith("Connection to the database lost — retrying…")
        assert dialog.save_button.isEnabled()  # saving again is offered
        server.resume()
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=30_000)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # the same form again

    def receipt(dialog) -> None:
        receipts.append(True)
        dialog.reject()

    run_modal(qtbot, window.check_in_action.trigger, down_then_again, receipt)
    wait_idle(qtbot)
    assert shown == [("Cannot check in", CONNECTION_LOST)]
    assert kept == ["刘德华", "SN-MD-778899"]
    assert receipts == [True]
    assert banner.retries >= 1
    rows = pg_services.jobs.search(window.current_query()).rows
    assert len(rows) == 1 and window.model.rowCount() == 1
    assert "Traceback" not in window.statusBar().currentMessage()


def test_a_refresh_while_the_server_is_down_shows_the_banner_until_it_is_back(
    qtbot, server, pg_window, pg_services, shown
):
    window = pg_window
    banner = window.connection_banner
    said = window.statusBar().currentMessage()  # who is signed in
    server.halt()
    window.refresh_action.trigger()
    qtbot.waitUntil(banner.isVisible)
    wait_idle(qtbot)
    # Nothing else about it: no message box, no error text in the status bar, the list kept.
    assert shown == [] and window.statusBar().currentMessage() == said
    tries = banner.retries
    qtbot.waitUntil(lambda: banner.retries > tries, timeout=10_000)  # it keeps trying
    assert banner.isVisible()
    server.resume()
    # Back: the strip goes, and the window reads its list and counts again by itself.
    with qtbot.waitSignal(window.model.loaded, timeout=30_000):
        qtbot.waitUntil(lambda: not banner.isVisible(), timeout=30_000)
    wait_idle(qtbot)
    manager_job = pg_services.jobs.check_in(
        check_in_form(), add_user(pg_services, "boss", "赵经理", Role.MANAGER)
    )
    window.refresh()
    wait_idle(qtbot)
    assert window.model.rowCount() == 1
    assert pg_services.jobs.get(manager_job.id).number == manager_job.number
    assert not banner.isVisible()


def test_a_connection_ended_under_a_refresh_is_read_again_without_a_banner(
    qtbot, server, pg_window, pg_services, shown
):
    """pg_terminate_backend on every connection, one of them in the middle of the list's read:
    that read is made once more, on a fresh connection, and nobody is told anything."""
    window = pg_window
    database = database_of(pg_services)
    url = str(database.engine.url.render_as_string(hide_password=False))
    ended: list[int] = []
    said = window.statusBar().currentMessage()

    def before(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not ended and "FROM jobs" in statement:
            ended.append(server.end_connections(url))

    event.listen(database.engine, "before_cursor_execute", before)
    try:
        window.refresh()
        wait_idle(qtbot)
    finally:
        event.remove(database.engine, "before_cursor_execute", before)
    assert ended and ended[0] >= 1
    banner = window.connection_banner
    assert not banner.isVisible() and not banner.lost
    assert banner.retries == 0  # it never showed: nothing to retry
    assert shown == [] and window.statusBar().currentMessage() == said


def test_a_job_view_form_saved_while_the_server_is_down_keeps_what_was_typed(
    qtbot, server, pg_services, ui_settings, clock, shown, monkeypatch
):
    monkeypatch.setattr(connection_banner, "FIRST_RETRY_MS", 50)
    create_application()
    tech = add_user(pg_services, "tech", "李建国", Role.TECHNICIAN)
    job = pg_services.jobs.check_in(check_in_form(), actor(pg_services))
    pg_services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    bench = MainWindow(pg_services, tech, ui_settings, now=clock)
    qtbot.addWidget(bench)
    wait_idle(qtbot)
    assert bench.controller is not None
    dialog = bench.controller.make_dialog(pg_services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    banner = bench.connection_banner
    kept: list[str] = []

    def diagnose(form: FormDialog) -> None:
        field = form.widgets["diagnosis"]
        type_text(qtbot, field, "屏幕排线松动")
        server.halt()
        form.ok_button.click()
        qtbot.waitUntil(lambda: bool(shown))
        assert form.isVisible() and banner.lost
        kept.append(field.toPlainText() if hasattr(field, "toPlainText") else field.text())
        server.resume()
        qtbot.waitUntil(lambda: not banner.lost, timeout=30_000)
        form.ok_button.click()  # the same form, once more

    run_modal(qtbot, dialog.action_buttons[JobAction.RECORD_DIAGNOSIS].click, diagnose)
    wait_idle(qtbot)
    assert shown[0][1] == CONNECTION_LOST
    assert kept == ["屏幕排线松动"]
    assert dialog.job.diagnosis == "屏幕排线松动"
    assert pg_services.jobs.get(job.id).diagnosis == "屏幕排线松动"
