"""The next job view is built while the counter is idle, holding no job, and used once: opening
a job only fills it and shows it. Nothing of one job reaches the next through it (a number
shown, a "changed at another counter" notice, a compensation), and a view built for another
person, database or calendar is not used."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication, QLabel

from desktop_app.domain.roles import Role
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.job_controller import JobController
from desktop_app.ui.main_window import MainWindow
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, wait_idle

PHONE = "13812345678"


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The counter between two actions: results delivered, timers due run, views freed."""
    wait_idle(qtbot)
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _controller(window: MainWindow) -> JobController:
    assert window.controller is not None
    return window.controller


def _texts(dialog: JobDialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


def test_a_view_built_ahead_holds_no_job_and_is_used_once(qtbot, window, services):
    job = services.jobs.check_in(check_in_form(customer_name="欧阳娜娜"), actor(services, "clerk"))
    controller = _controller(window)
    controller.prepare_spare()
    spare = controller.spare
    assert spare is not None and not spare.isVisible()
    with pytest.raises(RuntimeError):
        spare.job  # noqa: B018  # nothing to act on
    assert "欧阳娜娜" not in _texts(spare) and "138" not in _texts(spare)
    assert spare.windowTitle() == ""

    seen: list[JobDialog] = []

    def the_view(dialog: JobDialog) -> None:
        seen.append(dialog)
        assert dialog.job.id == job.id and "欧阳娜娜" in _texts(dialog)
        dialog.reject()

    run_modal(qtbot, lambda: controller.open_id(job.id), the_view)
    assert seen == [spare]
    _idle(qtbot)
    assert controller.spare is not None and controller.spare is not spare  # the next, afresh
    run_modal(qtbot, lambda: controller.open_id(job.id), the_view)
    assert seen[1] is not spare


def test_nothing_of_one_job_reaches_the_next_through_a_view_built_ahead(
    qtbot, window, services, clock
):
    clerk = actor(services, "clerk")
    first = services.jobs.check_in(check_in_form(customer_name="欧阳娜娜"), clerk)
    second = services.jobs.check_in(check_in_form(customer_name="欧阳娜娜"), clerk)  # same phone
    controller = _controller(window)
    seen: dict[str, object] = {}

    def first_view(dialog: JobDialog) -> None:
        assert dialog.show_phone_button is not None
        dialog.show_phone_button.click()
        wait_idle(qtbot)
        assert dialog.phone_shown and PHONE in _texts(dialog)
        dialog.show_changed_elsewhere(services.jobs.get(first.id))
        assert dialog.changed_notice.isVisibleTo(dialog)
        dialog.reject()

    def second_view(dialog: JobDialog) -> None:
        seen["view"] = dialog
        seen["texts"] = _texts(dialog)
        seen["phone_shown"] = dialog.phone_shown
        seen["button"] = dialog.show_phone_button is not None
        seen["notice"] = dialog.changed_notice.isVisibleTo(dialog)
        seen["title"] = dialog.windowTitle()
        dialog.reject()

    run_modal(qtbot, lambda: controller.open_id(first.id), first_view)
    _idle(qtbot)
    ahead = controller.spare
    assert ahead is not None
    run_modal(qtbot, lambda: controller.open_id(second.id), second_view)
    assert seen["view"] is ahead
    assert PHONE not in str(seen["texts"]) and "138****5678" in str(seen["texts"])
    assert seen["phone_shown"] is False and seen["button"] is True
    assert seen["notice"] is False
    assert seen["title"] == f"Job {second.number}"


def test_a_view_built_for_another_role_is_not_used(qtbot, window, services):
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    controller = _controller(window)
    controller.prepare_spare()
    clerks = controller.spare
    assert clerks is not None
    technician = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    controller.set_user(technician)
    dialog = controller.make_dialog(job)
    qtbot.addWidget(dialog)
    assert dialog is not clerks
    # The technician's buttons, not the clerk's.
    assert dialog.action_buttons.keys() != clerks.action_buttons.keys()


def test_a_view_built_with_an_earlier_calendar_is_not_used(qtbot, window, services):
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    controller = _controller(window)
    controller.prepare_spare()
    earlier = controller.spare
    window._calendar = services.shop.calendar()  # the settings were saved: a calendar anew
    dialog = controller.make_dialog(job)
    qtbot.addWidget(dialog)
    assert dialog is not earlier and dialog._calendar is window._calendar


def test_a_view_built_in_one_language_opens_in_the_one_chosen_since(qtbot, window, services):
    from desktop_app.app import create_application
    from desktop_app.ui.resources import install_translator

    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    controller = _controller(window)
    controller.prepare_spare()
    spare = controller.spare
    assert spare is not None and spare.timeline_box.title() == "Timeline"
    app = create_application()
    assert install_translator(app, "zh_CN") == "zh_CN"
    try:
        QApplication.processEvents()  # the language change reaches every window
        dialog = controller.make_dialog(job)
        qtbot.addWidget(dialog)
        assert dialog is spare
        timeline = QCoreApplication.translate("JobDialog", "Timeline")
        assert timeline != "Timeline" and dialog.timeline_box.title() == timeline
        assert dialog.windowTitle() == QCoreApplication.translate("JobDialog", "Job %s") % (
            job.number
        )
    finally:
        install_translator(app, "en")


def test_another_person_signing_in_frees_the_view_built_for_the_last(qtbot, window, services):
    from shiboken6 import isValid

    from tests.ui.test_lock import _unlock

    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    first = _controller(window)
    first.prepare_spare()
    spare = first.spare
    assert spare is not None
    for who in ("li", "clerk", "li", "clerk"):
        window.switch_user_action.trigger()
        _unlock(qtbot, window, who)
        _controller(window).prepare_spare()  # as its timer would, a moment after
        _idle(qtbot)
    assert window.controller is not first and not isValid(spare)
    first.prepare_spare()  # a timer of the old one firing late builds nothing
    assert first.spare is None
    assert len(window.findChildren(JobDialog)) == 1  # only the one built for who is signed in


@pytest.mark.parametrize("saved", [None, (900, 520)])
def test_a_view_built_ahead_opens_at_the_size_a_new_one_would(
    qtbot, window, services, saved, monkeypatch
):
    """Built ahead, it opens at the size it was last left at (or its own), with the minimum of a
    view built for the job, within a 1366×768 screen."""
    from PySide6.QtCore import QSize

    from desktop_app.ui import fitting

    room = fitting.SMALL_SCREEN - fitting.FRAME
    monkeypatch.setattr(fitting, "available_size", lambda _widget: QSize(room))

    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    controller = _controller(window)
    settings = window._settings

    def shown(dialog: JobDialog) -> tuple[QSize, QSize]:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        found = (dialog.size(), dialog.minimumSize())
        dialog.reject()
        return found

    if saved is not None:
        settings.set_dialog_size("job_dialog", QSize(*saved))
    controller.prepare_spare()
    ahead = controller.make_dialog(job)
    assert ahead is not None and controller.spare is None  # the one built ahead
    first = shown(ahead)
    if saved is not None:
        settings.set_dialog_size("job_dialog", QSize(*saved))
    _idle(qtbot)
    controller._drop_spare()  # the next one built now, for the job
    fresh = controller.make_dialog(job)
    assert fresh is not ahead
    assert first == shown(fresh)
    if saved is not None:
        assert first[0] == QSize(*saved)
    assert first[0].boundedTo(room) == first[0]


def test_a_job_read_arriving_after_another_person_signed_in_is_not_shown(qtbot, window, services):
    """Asked for by the person who left (the server slow to answer), it arrives after the next
    one signed in: no view of it opens, as the one who left or at all."""
    import threading

    from tests.helpers import PASSWORD

    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    first = _controller(window)
    gate = threading.Event()
    real_get = services.jobs.get
    opened: list[JobDialog] = []
    first.open = lambda job: opened.append(job)  # type: ignore[method-assign,assignment,return-value]

    def slow_get(job_id: int):  # type: ignore[no-untyped-def]
        gate.wait(20)
        return real_get(job_id)

    services.jobs.get = slow_get  # type: ignore[method-assign]
    try:
        first.open_id(job.id)  # the clerk double-clicks; the answer is slow
        window.switch_user_action.trigger()  # and hands the counter over
        form = window._lock.screen.form  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: form.user_box.findData("li") >= 0, timeout=10_000)
        form.select("li")
        form.password.setText(PASSWORD)
        with qtbot.waitSignal(window.locked_changed, timeout=10_000):
            form.sign_in_button.click()
        assert window.controller is not first
        gate.set()  # the answer arrives once li is signed in
        wait_idle(qtbot)
    finally:
        gate.set()
        services.jobs.get = real_get  # type: ignore[method-assign]
    assert opened == []
