"""Every message box goes through here, so tests can replace them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def _message_box() -> type[QMessageBox]:
    # Loaded with the first message: QMessageBox's enums cost a millisecond or two to create, and
    # the window imports this module before its first paint.
    from PySide6.QtWidgets import QMessageBox

    return QMessageBox


def error(parent: QWidget | None, title: str, text: str) -> None:
    _message_box().critical(parent, title, text)


def warning(parent: QWidget | None, title: str, text: str) -> None:
    _message_box().warning(parent, title, text)


def info(parent: QWidget | None, title: str, text: str) -> None:
    _message_box().information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    box = _message_box()
    return box.question(parent, title, text) == box.StandardButton.Yes


def install_error_hook(parent: QWidget | None) -> None:
    """An error nobody caught (a bug) is logged with its traceback and told to the person in
    plain words: the traceback goes to the log, never onto the screen."""
    import logging
    import sys

    from PySide6.QtCore import QCoreApplication

    log = logging.getLogger(__name__)
    showing: list[bool] = []

    def hook(kind: type[BaseException], value: BaseException, trace: object) -> None:
        log.error("unexpected error", exc_info=(kind, value, trace))  # type: ignore[arg-type]
        if showing or issubclass(kind, KeyboardInterrupt):
            return  # one message at a time; an error while showing it is only logged
        showing.append(True)
        try:
            error(
                parent,
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
