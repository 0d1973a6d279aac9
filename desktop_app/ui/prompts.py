"""Every message box goes through here, so tests can replace them.

Each box runs through ui/modal.py, so that a lock hides it with the rest and gives it back.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def _message_box() -> type[QMessageBox]:
    # Loaded with the first message: QMessageBox's enums cost a millisecond or two to create, and
    # the window imports this module before its first paint.
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox


_log = logging.getLogger(__name__)
_quiet: list[bool] = []


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """No message box opens meanwhile: a sign-in that ended is said on the lock screen, not in
    a box over it (ui/background.py)."""
    _quiet.append(True)
    try:
        yield
    finally:
        _quiet.pop()


def _show(parent: QWidget | None, icon: str, title: str, text: str, buttons: str = "Ok") -> int:
    from desktop_app.ui.modal import exec_dialog

    if _quiet:
        _log.info("not shown (the window signs out): %s", title)
        return 0
    box_type = _message_box()
    box = box_type(
        getattr(box_type.Icon, icon),
        title,
        text,
        getattr(box_type.StandardButton, buttons)
        if buttons == "Ok"
        else box_type.StandardButton.Yes | box_type.StandardButton.No,
        parent,
    )
    try:
        return exec_dialog(box)
    finally:
        box.deleteLater()


def error(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Critical", title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Warning", title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    _show(parent, "Information", title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = _show(parent, "Question", title, text, "YesNo")
    return answer == _message_box().StandardButton.Yes.value


def install_error_hook(parent: QWidget | None) -> None:
    """An error nobody caught (a bug) is logged with its traceback and told to the person in
    plain words: the traceback goes to the log, never onto the screen."""
    import logging
    import sys

    from PySide6.QtCore import QCoreApplication
    from shiboken6 import isValid

    log = logging.getLogger(__name__)
    showing: list[bool] = []

    def hook(kind: type[BaseException], value: BaseException, trace: object) -> None:
        log.error("unexpected error", exc_info=(kind, value, trace))  # type: ignore[arg-type]
        if showing or issubclass(kind, KeyboardInterrupt):
            return  # one message at a time; an error while showing it is only logged
        showing.append(True)
        # The dialog it was installed over may be gone (the sign-in replaced by another).
        owner = parent if parent is not None and isValid(parent) else None
        try:
            error(
                owner,
                QCoreApplication.translate("prompts", "Something went wrong"),
                QCoreApplication.translate(
                    "prompts",
                    "The counter hit an unexpected problem and did not finish what it was "
                    "doing. Check the job before trying again; the details are in the log.",
                ),
            )
        finally:
            showing.clear()

    sys.excepthook = hook
