"""Driving modal dialogs and typing as a person would, for the UI tests."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from desktop_app.ui import background

# How long run_modal waits for the next dialog before it fails the test (a watchdog, not a
# synchronisation: a dialog that opens at all opens within a second or two).
WATCHDOG_SECONDS = 60


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
    waiting_since = [time.monotonic()]

    def close_ours() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal is not seen[0]:
            modal.reject()
            QTimer.singleShot(20, close_ours)

    def step() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal in seen:
            if time.monotonic() - waiting_since[0] > WATCHDOG_SECONDS:
                # The dialog a handler waits for never opened (an earlier step did not do what
                # it should have): fail the test instead of blocking the whole run forever.
                failures.append(
                    AssertionError(
                        f"no new dialog for {pending[0].__name__} within {WATCHDOG_SECONDS} s; "
                        f"the dialog open was {type(modal).__name__}"
                    )
                )
                pending.clear()
                close_ours()
                return
            QTimer.singleShot(20, step)
            return
        waiting_since[0] = time.monotonic()
        seen.append(modal)
        handler = pending.pop(0)
        try:
            handler(modal)
        except BaseException as error:  # close the dialogs so the test fails instead of hanging
            failures.append(error)
            pending.clear()
            close_ours()
            return
        waiting_since[0] = time.monotonic()
        if pending:
            QTimer.singleShot(20, step)

    QTimer.singleShot(0, step)
    action()
    if failures:
        raise failures[0]
    qtbot.waitUntil(lambda: not pending, timeout=10_000)
    wait_idle(qtbot)
