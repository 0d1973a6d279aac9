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
