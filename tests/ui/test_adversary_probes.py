"""Adversarial probes that held up (kept as regression tests): double submits, closing while a
save is in flight, the stale-view message in Chinese."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import desktop_app
from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


def held(monkeypatch, owner, name):
    real = getattr(owner, name)
    started, release = threading.Event(), threading.Event()
    calls: list[int] = []

    def call(*args, **kwargs):
        calls.append(1)
        started.set()
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, call)
    return started, release, calls


def manager_dialog(qtbot, window, services, status=Status.DIAGNOSING):
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    if status is not Status.RECEIVED:
        job = services.jobs.change_status(job.id, status, manager)
    window.controller._user = manager  # the window's user is the clerk; act as the manager
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    return job, dialog


def test_enter_pressed_twice_in_a_form_saves_once(qtbot, window, services, monkeypatch):
    job, dialog = manager_dialog(qtbot, window, services)
    started, release, calls = held(monkeypatch, services.jobs, "add_line")

    def add(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["description"], "检测费")
        form.widgets["unit_price"].setValue(30)
        qtbot.keyClick(form.widgets["description"], Qt.Key.Key_Return)
        qtbot.keyClick(form.widgets["description"], Qt.Key.Key_Return)
        form.ok_button.click()
        form.reject()
        form.close()
        qtbot.waitUntil(started.is_set)
        assert form.isVisible()
        release.set()

    try:
        run_modal(qtbot, dialog.action_buttons[JobAction.ADD_LABOUR].click, add)
    finally:
        release.set()
    wait_idle(qtbot)
    assert len(calls) == 1
    assert len(services.jobs.get(job.id).lines) == 1


def test_a_one_click_action_clicked_twice_writes_once(qtbot, window, services, monkeypatch):
    _job, dialog = manager_dialog(qtbot, window, services, Status.RECEIVED)
    started, release, calls = held(monkeypatch, services.jobs, "change_status")
    dialog.show()
    qtbot.waitExposed(dialog)
    button = dialog.action_buttons[JobAction.START_DIAGNOSIS]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    release.set()
    wait_idle(qtbot)
    assert len(calls) == 1
    assert dialog.job.status is Status.DIAGNOSING
    assert all(dialog.action_buttons[a].isEnabled() for a in dialog.offered_actions())


def test_closing_the_job_view_while_an_action_saves_is_harmless(
    qtbot, window, services, monkeypatch
):
    job, dialog = manager_dialog(qtbot, window, services, Status.RECEIVED)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    started, release, _calls = held(monkeypatch, services.jobs, "change_status")
    dialog.show()
    dialog.action_buttons[JobAction.START_DIAGNOSIS].click()
    qtbot.waitUntil(started.is_set)
    dialog.reject()
    release.set()
    wait_idle(qtbot)
    assert not shown and services.jobs.get(job.id).status is Status.DIAGNOSING
    assert not window.busy_indicator.isVisible()


def test_the_stale_view_message_is_chinese_with_who_and_when(
    qtbot, window, services, clock, monkeypatch
):
    app = QApplication.instance()
    # The shared venv's editable install maps desktop_app.resources to /work/main/resources
    # (another tree's working copy): read this tree's catalogue instead.
    here = Path(desktop_app.__file__).resolve().parent.parent / "resources"
    monkeypatch.setattr(
        "desktop_app.ui.resources.resource_path", lambda *parts: str(here.joinpath(*parts))
    )
    try:
        install_translator(app, "zh_CN")
        job, dialog = manager_dialog(qtbot, window, services, Status.RECEIVED)
        tech = add_user(services, "tech2", "李建国", Role.MANAGER)
        clock.advance(minutes=3)
        services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
        shown: list[str] = []
        monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
        window.controller._translate = text_translator()
        dialog.action_buttons[JobAction.START_DIAGNOSIS].click()
        wait_idle(qtbot)
        assert shown, "nothing shown"
        text = shown[0]
        assert "李建国" in text and f"{clock():%H:%M}" in text, text
        assert not any(word in text for word in ("changed", "counter", "{", "?")), text
    finally:
        install_translator(app, "en")
