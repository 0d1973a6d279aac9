"""Driving modal dialogs and typing as a person would, for the UI tests."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop_app.ui import background


def wait_idle(qtbot, timeout: int = 10_000) -> None:
    """Wait until every service call the window started has delivered its result."""
    qtbot.waitUntil(lambda: background.in_flight() == 0, timeout=timeout)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a person would: key by key, or as an input method commits Chinese text."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
    elif isinstance(widget, QPlainTextEdit):
        widget.insertPlainText(text)  # what a Chinese input method does on commit
    else:
        widget.insert(text)


def run_modal(qtbot, action, *handlers) -> None:
    """Trigger `action`; each handler gets the next modal dialog that opens, in order."""
    pending = list(handlers)
    # The dialog already open (the job view an action is clicked in) is not the next one: the
    # next may open a moment later, once a background read has answered.
    seen: list[object] = [QApplication.activeModalWidget()]
    failures: list[BaseException] = []

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in seen:
            QTimer.singleShot(20, step)
            return
        seen.append(modal)
        handler = pending.pop(0)
        try:
            handler(modal)
        except BaseException as error:  # close the dialog so the test fails instead of hanging
            failures.append(error)
            pending.clear()
            modal.reject()
            return
        if pending:
            QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    action()
    if failures:
        raise failures[0]
    qtbot.waitUntil(lambda: not pending, timeout=10_000)
    wait_idle(qtbot)
