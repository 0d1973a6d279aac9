"""Modal dialogs that a lock can take away and give back as they were.

The window's dialogs run modally (`QDialog.exec()`, a nested event loop each), and Qt ends a
dialog's `exec()` the moment it is hidden. A lock must hide every dialog (customer data must not
stay on screen behind it), and the same person unlocking must find them as they were left,
typed text and all; another person must not. So every modal dialog of the window runs through
`exec_dialog`: when the lock ends its `exec()`, it waits (an event loop of its own) until the lock
gives it back, then runs again, the same widget with the same contents; or it returns Rejected
when the lock discards it.

A dialog run otherwise (Qt's file and print dialogs) is simply closed by a lock, as if cancelled.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QToolTip, QWidget
from shiboken6 import isValid

log = logging.getLogger(__name__)


class _State(Enum):
    HELD = "held"  # hidden by a lock
    GIVEN_BACK = "given back"  # the same person unlocked: run on
    DISCARDED = "discarded"  # another person signed in: as if cancelled


@dataclass
class _Hold:
    state: _State = _State.HELD
    waiting: list[QEventLoop] = field(default_factory=list)

    def release(self, state: _State) -> None:
        self.state = state
        for loop in self.waiting:
            loop.quit()


# The dialogs running in exec_dialog, outermost first; and those a lock has hidden.
_running: list[QDialog] = []
_holds: dict[QDialog, _Hold] = {}
# The locks in effect: the window locked, and what its lock has taken away.
_locked: list[tuple[QWidget, Taken]] = []
# Per window, the actions its dialogs answer to as the window does (Lock, Ctrl+L): a shortcut
# of the window alone does nothing while a modal dialog has the keyboard.
_carried: dict[QWidget, list[QAction]] = {}


def carry_actions(window: QWidget, actions: list[QAction]) -> None:
    """Every dialog of `window` run through exec_dialog takes `actions` (their shortcuts)."""
    _carried[window] = actions
    window.destroyed.connect(lambda _object=None: _carried.pop(window, None))


def exec_dialog(dialog: QDialog) -> int:
    """`dialog.exec()`, surviving a lock: the result of the dialog's own end, or Rejected when
    a lock discarded it."""
    _running.append(dialog)
    _carry(dialog)
    try:
        taken = _lock_in_effect()
        if taken is not None:
            # Opened while locked (a job read, a receipt or a message asked for just before the
            # lock answers now): held unseen, as if it had been open when the lock came.
            taken.windows.append(dialog)
            _holds[dialog] = _Hold()
        while True:
            hold = _holds.get(dialog)
            if hold is not None:
                if hold.state is _State.HELD:
                    loop = QEventLoop()
                    hold.waiting.append(loop)
                    loop.exec()  # until the lock gives it back or discards it
                _holds.pop(dialog, None)
                if hold.state is _State.DISCARDED:
                    return QDialog.DialogCode.Rejected.value
                if not dialog.isVisible():  # given back, then closed by its person meanwhile
                    return dialog.result()
            result = dialog.exec()
            if dialog not in _holds:
                return result
    finally:
        _running.remove(dialog)


def _carry(dialog: QDialog) -> None:
    owner = dialog.parentWidget()
    while owner is not None and owner not in _carried:
        owner = owner.parentWidget()
    if owner is None:
        return
    for action in _carried[owner]:
        if isValid(action) and action not in dialog.actions():
            dialog.addAction(action)


@dataclass
class Taken:
    """What a lock took off the screen, in the order to show it again."""

    windows: list[QWidget]


def take_away(keep: QWidget) -> Taken:
    """Hide every window of the application but `keep` (the main window): dialogs, message
    boxes, menus, tool tips."""
    QToolTip.hideText()
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    shown = [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget is not keep and widget.isWindow() and widget.isVisible()
    ]
    order = {dialog: place for place, dialog in enumerate(_running)}
    # Windows shown without exec (outermost first by their parent chain), then the modal ones
    # in the order they were opened.
    shown.sort(key=lambda w: (order.get(w, -1), _depth(w)))  # type: ignore[call-overload]
    taken = []
    for widget in shown:
        if widget.windowType() in (Qt.WindowType.Popup, Qt.WindowType.ToolTip):
            widget.close()
            continue
        if isinstance(widget, QDialog) and widget in order:
            _holds[widget] = _holds.get(widget) or _Hold()
            _holds[widget].state = _State.HELD
        taken.append(widget)
        widget.hide()
    _locked[:] = [(keep, Taken(taken))]
    return _locked[0][1]


def give_back(taken: Taken) -> None:
    """Show again what `take_away` hid, as it was (the same person unlocked)."""
    _unlocked(taken)
    for widget in taken.windows:
        if not isValid(widget):
            continue
        hold = _holds.get(widget)  # type: ignore[call-overload]
        if hold is not None:
            widget.show()
            hold.release(_State.GIVEN_BACK)
        elif not widget.isModal():
            widget.show()
        # A modal dialog run without exec_dialog ended when it was hidden: it stays closed.
    _activate_top(taken)


def discard(taken: Taken) -> None:
    """Close for good what `take_away` hid, its contents unseen (another person signed in)."""
    _unlocked(taken)
    for widget in reversed(taken.windows):
        if not isValid(widget):
            continue
        hold = _holds.get(widget)  # type: ignore[call-overload]
        if hold is not None:
            hold.release(_State.DISCARDED)
        else:
            widget.close()


def _unlocked(taken: Taken) -> None:
    _locked[:] = [(window, other) for window, other in _locked if other is not taken]


def _lock_in_effect() -> Taken | None:
    """What the lock of a window still on screen took away; a locked window closed (its counter
    quitting) holds nothing any more."""
    _locked[:] = [(window, taken) for window, taken in _locked if isValid(window)]
    for window, taken in _locked:
        if window.isVisible():
            return taken
    return None


def _activate_top(taken: Taken) -> None:
    shown = [w for w in taken.windows if isValid(w) and w.isVisible()]
    if shown:
        shown[-1].activateWindow()


def _depth(widget: QWidget) -> int:
    depth = 0
    parent = widget.parentWidget()
    while parent is not None:
        depth += 1
        parent = parent.parentWidget()
    return depth
