"""Attacks on the service desk in the window (issue 13) as a clerk, a technician and a manager
would make them: a read-only database, a list left open while a job changes from it, a second
counter changing a complaint under an open view."""

from __future__ import annotations

import warnings
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_app.app import create_application, open_counter
from desktop_app.data.db import open_database
from desktop_app.domain.complaints import ComplaintForm
from desktop_app.domain.forms import HandBackForm, ServiceKind
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintState,
    JobAction,
)
from desktop_app.services import Services
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.compensation_dialog import CompensationDialog
from desktop_app.ui.dialogs.complaints_dialog import ComplaintsDialog, ComplaintView
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.dialogs.visits_dialog import VisitsDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers import FAST_PASSWORDS, ID_CHECKED, PASSWORD, actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_compensation_flow import late_ready_job
from tests.ui.test_lock import _unlock, _visible_texts

ADDRESS = "上海市浦东新区世纪大道100号"


def test_a_read_only_database_offers_no_compensation_decision(
    qtbot, tmp_path: Path, ui_settings, clock
) -> None:
    """The manager's list of proposals on a read-only database: looked at, never decided (the
    Decide… button was enabled; the decision form was typed in full, then refused)."""
    url = f"sqlite:///{tmp_path}/counter.db"
    database = open_database(url)
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    job = late_ready_job(services, clock, clerk, actor(services))
    services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )
    database.dispose()
    counter = open_counter(create_application(), url, ui_settings, read_only=True)
    assert counter.services is not None and counter.services.read_only is not None
    window = counter.open_window(counter.services.auth.sign_in("manager", PASSWORD))
    qtbot.addWidget(window)
    try:
        qtbot.waitExposed(window)
        wait_idle(qtbot)
        seen: list[tuple[int, bool]] = []

        def look(dialog: CompensationDialog) -> None:
            wait_idle(qtbot)
            seen.append((dialog.model.rowCount(), dialog.decide_button.isEnabled()))
            dialog.reject()

        run_modal(qtbot, window.compensation_action.trigger, look)
        assert seen == [(1, False)]
    finally:
        window.close()
        counter.dispose()


def test_the_visit_list_follows_an_appointment_moved_from_the_job_it_opened(
    qtbot, window: MainWindow, services: Services
) -> None:
    """A clerk opens today's visit, moves it to tomorrow from the job view and closes the view:
    the day's list no longer shows it (it still did, and its sheet printed with today's)."""
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    job = services.jobs.check_in(
        check_in_form(
            service_requested=ServiceKind.ON_SITE,
            address=ADDRESS,
            visit_address=ADDRESS,
            appointment_start=datetime(2026, 11, 25, 14),
            appointment_end=datetime(2026, 11, 25, 17),
            technician_id=tech.id,
        ),
        actor(services),
    )
    counts: list[int] = []

    def day_list(visits: VisitsDialog) -> None:
        qtbot.waitUntil(lambda: visits.model.rowCount() == 1)
        visits.table.selectRow(0)

        def move(view: JobDialog) -> None:
            def tomorrow(form: FormDialog) -> None:
                form.widgets["appointment"].set_window(
                    (datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 12))
                )
                form.ok_button.click()

            run_modal(qtbot, view.action_buttons[JobAction.SCHEDULE_VISIT].click, tomorrow)
            assert view.job.appointment_start == datetime(2026, 11, 26, 9)
            view.reject()

        run_modal(qtbot, visits.open_button.click, move)
        wait_idle(qtbot)
        counts.append(visits.model.rowCount())
        visits.reject()

    run_modal(qtbot, window.visits_action.trigger, day_list)
    assert services.jobs.get(job.id).appointment_start == datetime(2026, 11, 26, 9)
    assert counts == [0]


def test_a_complaint_step_refused_as_stale_keeps_the_note_and_shows_the_complaint_as_it_is(
    qtbot, window: MainWindow, services: Services, monkeypatch
) -> None:
    """A clerk's complaint view is open; the manager calls the customer back at another counter;
    the clerk then records a call-back of their own. Refused (stale), said with who: the note
    stays as typed and the view shows the complaint as it is now (it stayed 'received' with the
    same button, every retry refused again, until closed and reopened)."""
    manager = actor(services)
    made = services.complaints.register(
        ComplaintForm(
            ComplaintChannel.HOTLINE, "张伟", "13812345678", ComplaintCategory.DELAY, "太慢了"
        ),
        manager,
    )
    said: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda _parent, _title, text: said.append(text))
    seen: dict[str, object] = {}

    def register(dialog: ComplaintsDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)

        def the_view(view: ComplaintView) -> None:
            assert set(view.step_buttons) == {"acknowledged"}
            services.complaints.acknowledge(made.id, manager, "店长已回电", None)

            def call_back(form: FormDialog) -> None:
                type_text(qtbot, form.widgets["note"], "已致电顾客道歉")
                form.ok_button.click()
                wait_idle(qtbot)
                seen["open"] = form.isVisible()
                seen["note"] = form.widgets["note"].toPlainText()
                form.reject()

            run_modal(qtbot, view.step_buttons["acknowledged"].click, call_back)
            wait_idle(qtbot)
            seen["state"] = view.complaint.state
            said.append(view.message_label.text() if view.message_label.isVisible() else "")
            seen["steps"] = set(view.step_buttons)
            view.reject()

        run_modal(qtbot, lambda: dialog.open_row(0), the_view)
        dialog.reject()

    run_modal(qtbot, window.complaints_action.trigger, register)
    who = services.complaints.get(made.id).events[-1].user_name
    assert who in said[0] and "another counter" in said[0], said  # over the form, as typed
    assert seen == {
        "open": True,
        "note": "已致电顾客道歉",
        "state": ComplaintState.ACKNOWLEDGED,
        "steps": {"investigating"},
    }
    assert len(services.complaints.get(made.id).events) == 2  # nothing of the clerk's saved


def test_a_locked_complaint_step_comes_back_as_typed_to_its_clerk_only(
    qtbot, window: MainWindow, services: Services
) -> None:
    """Register, complaint view and a half-typed resolution, three dialogs deep: Ctrl+L typed in
    the form hides them all (it did nothing while any dialog had the keyboard: the shortcut was
    the main window's only); the same clerk gets the form back as typed and saves it."""
    manager = actor(services)
    made = services.complaints.register(
        ComplaintForm(
            ComplaintChannel.COUNTER, "张伟", "13812345678", ComplaintCategory.PRICE, "太贵了"
        ),
        manager,
    )
    services.complaints.acknowledge(made.id, manager, "已回电", None)
    services.complaints.start_investigation(made.id, manager, "", None)

    def register(dialog: ComplaintsDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)

        def the_view(view: ComplaintView) -> None:
            def resolve(form: FormDialog) -> None:
                type_text(qtbot, form.widgets["finding"], "报价单未写明检测费")
                # Ctrl+L typed where the clerk is typing (the form has the keyboard).
                finding = form.widgets["finding"]
                # As a window manager does with a dialog just opened (offscreen does not).
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", DeprecationWarning)
                    QApplication.setActiveWindow(form)
                qtbot.keyClick(finding, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
                assert window.locked and not form.isVisible() and not view.isVisible()
                assert "报价单" not in _visible_texts() and "张伟" not in _visible_texts()
                _unlock(qtbot, window, "clerk")
                qtbot.waitUntil(form.isVisible)
                assert form.widgets["finding"].toPlainText() == "报价单未写明检测费"
                type_text(qtbot, form.widgets["resolution"], "退还检测费")
                fault = form.widgets["shop_at_fault"]
                fault.setCurrentIndex(fault.findData(False))
                form.ok_button.click()
                qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)

            run_modal(qtbot, view.step_buttons["resolved"].click, resolve)
            view.reject()

        run_modal(qtbot, lambda: dialog.open_row(0), the_view)
        dialog.reject()

    run_modal(qtbot, window.complaints_action.trigger, register)
    saved = services.complaints.get(made.id)
    assert saved.state is ComplaintState.RESOLVED and saved.finding == "报价单未写明检测费"
