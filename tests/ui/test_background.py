"""Service calls run off the GUI thread: the window keeps answering while a slow call runs, the
button that started it is disabled, a spinner shows after a moment, and a failure shows the
error with the form as typed. Slowness is made with an Event the test releases, not a sleep."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from sqlalchemy.exc import OperationalError

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.ui import background, prompts
from desktop_app.ui.dialogs.form_dialog import FormDialog
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def slowed(monkeypatch, owner, name: str) -> tuple[threading.Event, threading.Event]:
    """Make owner.name wait for the test's go-ahead; returns (started, release)."""
    real = getattr(owner, name)
    started, release = threading.Event(), threading.Event()

    def slow(*args, **kwargs):
        started.set()
        assert release.wait(30), "the test never released the slow call"
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, slow)
    return started, release


def test_the_window_answers_and_repaints_while_a_slow_call_runs(
    qtbot, window, services, monkeypatch
):
    started, release = slowed(monkeypatch, services.jobs, "summary")
    painted = PaintCounter()
    window.table.viewport().installEventFilter(painted)
    ticks: list[int] = []
    timer = QTimer(window, interval=20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        window.refresh_summary()
        qtbot.waitUntil(started.is_set)
        before = painted.paints
        window.table.viewport().update()
        qtbot.waitUntil(lambda: painted.paints > before and len(ticks) >= 5)
        # Past the busy threshold: the spinner shows, and the call is still running.
        qtbot.waitUntil(window.busy_indicator.isVisible, timeout=5_000)
        assert background.in_flight() >= 1 and not release.is_set()
    finally:
        release.set()
        timer.stop()
    wait_idle(qtbot)
    assert not window.busy_indicator.isVisible()
    assert window.summary_labels["open"].text() == "Open: 0"


def test_an_action_in_flight_disables_the_buttons_then_shows_the_new_job(
    qtbot, window, services, monkeypatch
):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    started, release = slowed(monkeypatch, services.jobs, "record_first_response")

    def respond(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["note"], "已致电顾客")
        form.ok_button.click()
        qtbot.waitUntil(started.is_set)
        assert form.isVisible() and not form.ok_button.isEnabled()
        assert not any(b.isEnabled() for b in dialog.action_buttons.values())
        qtbot.waitUntil(form.saving.label.isVisible, timeout=5_000)
        release.set()

    try:
        run_modal(qtbot, dialog.action_buttons[JobAction.RECORD_RESPONSE].click, respond)
    finally:
        release.set()
    wait_idle(qtbot)
    assert dialog.job.first_response_at is not None
    assert JobAction.RECORD_RESPONSE not in dialog.offered_actions()
    assert all(dialog.action_buttons[a].isEnabled() for a in dialog.offered_actions())


def test_a_failed_call_shows_the_error_and_keeps_the_form_as_typed(
    qtbot, window, services, monkeypatch
):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append((title, text)))

    def unreachable(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    monkeypatch.setattr(services.jobs, "record_first_response", unreachable)

    def respond(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["note"], "已致电顾客")
        form.ok_button.click()
        qtbot.waitUntil(lambda: bool(shown))
        assert form.isVisible() and form.ok_button.isEnabled()
        assert form.widgets["note"].toPlainText() == "已致电顾客"
        form.reject()

    run_modal(qtbot, dialog.action_buttons[JobAction.RECORD_RESPONSE].click, respond)
    _title, text = shown[0]
    assert "database did not answer" in text and "Traceback" not in text
    assert "OperationalError" not in text and "server closed" not in text
    assert services.jobs.get(job.id).first_response_at is None


def test_a_stale_job_view_is_refused_names_who_changed_it_and_shows_the_job_as_it_is(
    qtbot, window, services, clock, monkeypatch
):
    clerk = actor(services, "clerk")
    tech = add_user(services, "tech", "李建国", Role.MANAGER)
    job = services.jobs.check_in(check_in_form(), clerk)
    dialog = window.controller.make_dialog(job)  # this counter's view of the job
    qtbot.addWidget(dialog)
    clock.advance(minutes=7)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)  # the workshop, meanwhile
    events = len(services.jobs.get(job.id).events)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))

    dialog.action_buttons[JobAction.CANCEL].setEnabled(True)
    run_modal(
        qtbot,
        dialog.action_buttons[JobAction.CANCEL].click,
        lambda form: (type_text(qtbot, form.widgets["note"], "顾客不修了"), form.ok_button.click()),
    )
    wait_idle(qtbot)
    assert shown and "李建国" in shown[0] and f"{clock():%H:%M}" in shown[0]
    assert "another counter" in shown[0]
    now = services.jobs.get(job.id)
    assert now.status is Status.DIAGNOSING and len(now.events) == events
    assert dialog.job.version == now.version  # the view shows the job as it is now


def test_processing_events_does_not_release_none():
    """PySide6 6.12.0 released None once per processEvents()/qWait() call: a window that waits
    on its background calls long enough died with "deallocating None". pyproject excludes it."""
    app = QCoreApplication.instance()
    assert app is not None
    before = sys.getrefcount(None)
    for _ in range(500):
        app.processEvents()
    assert sys.getrefcount(None) >= before - 50


def test_a_note_with_a_nul_is_refused_in_the_form_and_nothing_is_saved(
    qtbot, window, services, monkeypatch
):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)

    def respond(form: FormDialog) -> None:
        form.widgets["note"].insertPlainText("已致电\x00顾客")
        form.ok_button.click()
        assert form.isVisible() and form.problem_fields() == {"note"}
        assert "control characters" in form.error_label.text()
        assert form.widgets["note"].toPlainText() == "已致电\x00顾客"  # kept as typed
        form.reject()

    run_modal(qtbot, dialog.action_buttons[JobAction.RECORD_RESPONSE].click, respond)
    assert services.jobs.get(job.id).first_response_at is None
