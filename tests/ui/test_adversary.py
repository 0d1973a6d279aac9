"""Adversarial tests for the background service calls and the job operations (issue 10, §1–2).

Each test drives the window as a clerk would and states what the clerk should see; slowness is
made with Events the test releases, never with sleeps."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.domain.actions import JobAction
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.roles import Role
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui import background
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import FIRST_PAGE, JOB_ROW_ROLE
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


class ModalWatcher:
    """Records every job view that opens as a modal and closes it (what a clerk sees stacked)."""

    def __init__(self) -> None:
        self.opened: list[JobDialog] = []
        self._timer = QTimer(interval=10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def _look(self) -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, JobDialog):
            self.opened.append(modal)
            modal.reject()

    def stop(self) -> None:
        self._timer.stop()


def gated(monkeypatch, owner, name: str, gate_calls: set[int]):
    """owner.name where the calls numbered in `gate_calls` (0-based) read the database at once
    but hand their result back only when the test releases them (a slow network)."""
    real = getattr(owner, name)
    started: dict[int, threading.Event] = {n: threading.Event() for n in gate_calls}
    release: dict[int, threading.Event] = {n: threading.Event() for n in gate_calls}
    counter = {"n": 0}
    lock = threading.Lock()

    def call(*args, **kwargs):
        with lock:
            number = counter["n"]
            counter["n"] += 1
        result = real(*args, **kwargs)
        if number in gate_calls:
            started[number].set()
            assert release[number].wait(30), "the test never released the call"
        return result

    monkeypatch.setattr(owner, name, call)
    return started, release


def release_all(release: dict[int, threading.Event]) -> None:
    for event in release.values():
        event.set()


# --- 1. A double-click on a row opens the job twice --------------------------------------------


def test_a_double_click_on_a_job_row_opens_one_job_view(qtbot, window, services):
    clerk = actor(services, "clerk")
    services.jobs.check_in(check_in_form(), clerk)
    window.refresh()
    wait_idle(qtbot)
    assert window.model.rowCount() == 1
    watcher = ModalWatcher()
    try:
        rect = window.table.visualRect(window.model.index(0, 0))
        # A person's double-click: a click, then the second press that Qt reports as a double.
        qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: len(watcher.opened) >= 1, timeout=5_000)
        wait_idle(qtbot)
        QCoreApplication.processEvents()
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    finally:
        watcher.stop()
    assert len(watcher.opened) == 1, f"{len(watcher.opened)} job views opened for one double-click"


# --- 2. A job opened by its number cannot be assigned to anyone --------------------------------


@pytest.fixture
def manager_window(qtbot, services, ui_settings, clock) -> MainWindow:
    manager = actor(services)
    main = MainWindow(services, manager, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


def test_a_job_opened_by_scanning_its_number_offers_the_technicians(
    qtbot, manager_window, services
):
    manager = actor(services)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    job = services.jobs.check_in(check_in_form(), manager)
    job = services.jobs.assign(job.id, tech.id, manager, job.version)
    seen: dict[str, object] = {}

    def look_at_assign(form: FormDialog) -> None:
        combo = form.widgets["technician"]
        seen["choices"] = [combo.itemText(i) for i in range(combo.count())]
        seen["selected"] = combo.currentText()
        form.reject()

    def job_view(dialog: JobDialog) -> None:
        run_modal(qtbot, dialog.action_buttons[JobAction.ASSIGN].click, look_at_assign)
        dialog.reject()

    def scan() -> None:  # a barcode scanner types the number and Enter
        type_text(qtbot, manager_window.search_box, job.number)
        qtbot.keyClick(manager_window.search_box, Qt.Key.Key_Return)

    run_modal(qtbot, scan, job_view)
    assert "李建国" in seen["choices"], seen
    # Pressing OK without looking must not unassign the job.
    assert seen["selected"] == "李建国", seen


def test_a_number_typed_in_full_width_opens_its_job(qtbot, manager_window, services):
    """A Chinese input method left in full-width mode types Ｒ２０２６…: Enter opens the job, as
    the scanner's ASCII does (it said there was no such job)."""
    job = services.jobs.check_in(check_in_form(), actor(services))
    wide = job.number.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
    opened: list[str] = []

    def job_view(dialog: JobDialog) -> None:
        opened.append(dialog.job.number)
        dialog.reject()

    def typed() -> None:
        manager_window.search_box.setText(wide)
        qtbot.keyClick(manager_window.search_box, Qt.Key.Key_Return)

    run_modal(qtbot, typed, job_view)
    assert opened == [job.number]


# --- 3. Results arriving out of order: an older read overwrites a newer one --------------------


def test_a_late_summary_does_not_overwrite_a_newer_one(qtbot, window, services, monkeypatch):
    clerk = actor(services, "clerk")
    started, release = gated(monkeypatch, services.jobs, "summary", {0})
    try:
        window.refresh_clocks()  # the 60-s timer fires; the server is slow to answer
        qtbot.waitUntil(started[0].is_set)
        services.jobs.check_in(check_in_form(), clerk)  # another counter checks a job in
        window.refresh_summary()  # ... and this counter's next refresh answers at once
        qtbot.waitUntil(lambda: window.summary_labels["open"].text() == "Open: 1")
    finally:
        release_all(release)
    wait_idle(qtbot)
    assert window.summary_labels["open"].text() == "Open: 1"


def test_late_clock_lists_do_not_overwrite_newer_ones(qtbot, manager_window, services, monkeypatch):
    manager = actor(services)
    started, release = gated(monkeypatch, services.jobs, "technician_queue", {1})  # unassigned
    panel = manager_window.clock_panel
    try:
        manager_window.refresh_clocks()
        qtbot.waitUntil(started[1].is_set)
        services.jobs.check_in(check_in_form(), manager)
        panel.refresh()
        qtbot.waitUntil(lambda: panel.count("unassigned") == 1)
    finally:
        release_all(release)
    wait_idle(qtbot)
    assert panel.count("unassigned") == 1


def test_a_page_read_for_an_old_search_is_not_added_to_the_new_one(
    qtbot, window, services, database, monkeypatch
):
    DemoGenerator(database, seed=11).run(400, datetime(2026, 11, 25, 10, 0))
    window.refresh()
    wait_idle(qtbot)
    model = window.model
    assert model.rowCount() == FIRST_PAGE and model.canFetchMore()
    # Call 0: the page the clerk scrolled to; 1: the new filter's first page; 2: the next page.
    started, release = gated(monkeypatch, services.jobs, "search", {0, 1, 2})
    try:
        model.fetchMore()  # scrolled to the bottom: the next page of all jobs is on its way
        qtbot.waitUntil(started[0].is_set)
        window.status_filter.setCurrentIndex(window.status_filter.findData("open"))
        qtbot.waitUntil(started[1].is_set)
        release[0].set()  # the old page arrives (and is dropped)
        qtbot.waitUntil(lambda: background.in_flight() == 1)
        # The view asks for more rows whenever it may; the new first page is not there yet.
        if model.canFetchMore():
            model.fetchMore()
            qtbot.waitUntil(started[2].is_set)
        with qtbot.waitSignal(model.loaded, timeout=5_000):
            release[1].set()  # the new filter's first page is shown
        release[2].set()  # then the page asked for meanwhile arrives
    finally:
        release_all(release)
    wait_idle(qtbot)
    rows = [model.data(model.index(r, 0), JOB_ROW_ROLE) for r in range(model.rowCount())]
    numbers = [row.number for row in rows]
    assert len(numbers) == len(set(numbers)), "the list shows the same job twice"
    expected = services.jobs.search(JobQuery(open_only=True), limit=len(rows)).rows
    assert [row.id for row in rows] == [row.id for row in expected]


# --- 4. A stalled server: the timer piles reads up and nothing else gets to run ----------------


def test_opening_a_job_works_while_the_timer_refresh_is_stalled(
    qtbot, window, services, monkeypatch
):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    ticks = QThreadPool.globalInstance().maxThreadCount()
    stall = threading.Event()
    real_summary = services.jobs.summary

    def stalled_summary():
        assert stall.wait(60)
        return real_summary()

    monkeypatch.setattr(services.jobs, "summary", stalled_summary)
    watcher = ModalWatcher()
    try:
        for _ in range(ticks):  # the 60-s timer keeps firing while the server hangs
            window.refresh_clocks()
        window.controller.open_id(job.id)  # the clerk double-clicks a job
        opened = True
        try:
            qtbot.waitUntil(lambda: len(watcher.opened) == 1, timeout=5_000)
        except Exception:  # pytestqt's TimeoutError
            opened = False
    finally:
        stall.set()
        wait_idle(qtbot)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
        watcher.stop()
    assert opened, "the job view did not open: every worker waits on a stalled refresh"


# --- 5. Job views are never freed -------------------------------------------------------------


def test_closed_job_views_are_freed(qtbot, window, services):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    watcher = ModalWatcher()
    try:
        for count in range(1, 6):
            window.controller.open_id(job.id)
            qtbot.waitUntil(lambda c=count: len(watcher.opened) == c, timeout=5_000)
            wait_idle(qtbot)
    finally:
        watcher.stop()
    watcher.opened.clear()
    window.controller.last_dialog = None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    alive = window.findChildren(JobDialog)
    assert len(alive) <= 1, f"{len(alive)} closed job views still alive (children of the window)"


# --- 6. A worker that dies with a BaseException leaves the call in flight forever --------------


def test_a_call_that_raises_a_base_exception_still_reports_back(qtbot):
    class Cancelled(BaseException):  # e.g. asyncio.CancelledError, greenlet.GreenletExit
        pass

    def call():
        raise Cancelled

    failures: list[BaseException] = []
    before = background.in_flight()
    try:
        with qtbot.capture_exceptions():  # PySide prints the escaped exception; nobody else sees it
            background.run(call, done=lambda _v: None, failed=failures.append)
            reported = True
            try:
                qtbot.waitUntil(lambda: background.in_flight() == before, timeout=3_000)
            except Exception:  # pytestqt's TimeoutError
                reported = False
    finally:
        # Leave no phantom call behind for the other tests' wait_idle.
        for number, task in list(background._in_flight.items()):
            if task.running:
                del background._in_flight[number]
    assert reported and failures, "the call never delivered: its button stays disabled forever"
