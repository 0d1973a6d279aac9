"""The lock screen, and the watch that locks a counter left alone.

Locked, the window shows no customer data at all: the job list and the clock lists are hidden
(not covered), every dialog is taken off the screen (ui/modal.py), and only a sign-in is
offered. The same person signing in gets everything back as left; another person starts afresh
(main_window.py decides which).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QInputEvent, QWindow
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.people import Actor, NotSignedIn
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.ui import background
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.sign_in_dialog import MESSAGE_STYLE, SignInForm
from desktop_app.ui.modal import Taken, discard, give_back, take_away
from desktop_app.ui.resources import text_translator

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# What counts as someone at the counter: any key, click, wheel or mouse move in the application.
ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
    }
)


# Input that may open a popup window.
OPENING = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress})


class IdleWatch(QObject):
    """Calls `on_idle` after `minutes()` with no keyboard or mouse input to the application.

    The timer is restarted by every input event to one of the application's windows. Input
    reaches a window before any widget in it (Qt delivers a key, click, wheel or mouse move to
    the QWindow, which hands it to the widget), so the watch filters the windows' events only:
    a filter on the whole application would run in Python for every event of every widget
    (some two thousand while a job view is built, about a third of its time). Each window is
    watched from when it gets the focus, when the count starts, or right after a click or a key
    (which may have opened a popup). A test makes the counter idle by emitting `timer.timeout`
    rather than waiting."""

    def __init__(
        self, minutes: Callable[[], int], on_idle: Callable[[], None], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._minutes = minutes
        self.timer = QTimer(self)
        self.timer.setObjectName("idle_timer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._watch_windows)

    def start(self) -> None:
        self._watch_windows()
        self._restart()

    def _restart(self) -> None:
        self.timer.start(max(1, self._minutes()) * 60_000)

    def stop(self) -> None:
        self.timer.stop()

    def _watch_windows(self, _focused: QWindow | None = None) -> None:
        # Installing the same filter again on a window keeps one (Qt moves it to the front).
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QInputEvent):
            return False
        kind = event.type()
        if kind in ACTIVITY and self.timer.isActive():
            self._restart()
        if kind in OPENING:
            # What a click or a key opens (a combo's list, a menu, a calendar) is a window of
            # its own that takes the mouse without ever getting the focus (X11, Windows):
            # watched from right after this event, once it is there.
            QTimer.singleShot(0, self, self._watch_windows)
        return False


class LockScreen(QWidget):
    """What a locked window shows: who was signed in, why it locked, and a sign-in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.heading = QLabel(self)
        self.heading.setObjectName("lock_heading")
        self.heading.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.explanation = QLabel(self)
        self.explanation.setObjectName("lock_explanation")
        self.explanation.setWordWrap(True)
        self.reason = QLabel(self)
        self.reason.setObjectName("lock_reason")
        self.reason.setStyleSheet(MESSAGE_STYLE)
        self.reason.setWordWrap(True)
        self.reason.hide()
        self.form = SignInForm((), self)
        self.quit_button = QPushButton(self)
        self.quit_button.setObjectName("lock_quit_button")
        box = QWidget(self)
        box.setObjectName("lock_box")
        box.setFixedWidth(520)  # a wrapped explanation then gets the height it needs
        inner = QVBoxLayout(box)
        inner.addWidget(self.heading)
        inner.addWidget(self.explanation)
        inner.addWidget(self.reason)
        inner.addSpacing(12)
        inner.addWidget(self.form)
        inner.addSpacing(12)
        inner.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self._who = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Locked"))
        self.explanation.setText(
            self.tr(
                "%s was signed in. Sign in to go on: the same person finds everything as it "
                "was left; anyone else starts afresh, and what was open is closed unsaved."
            )
            % self._who
        )
        self.quit_button.setText(self.tr("Quit"))
        self.form.retranslate()

    def show_locked(
        self, who: str, username: str, users: Sequence[UserSnapshot], reason: str
    ) -> None:
        self._who = who
        self.form.set_users(users)
        self.form.select(username)
        self.form.reset()
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.retranslate()
        self.form.password.setFocus()


class WindowLock(QObject):
    """Locks `window` and unlocks it for whoever signs in at its lock screen."""

    def __init__(
        self, window: MainWindow, services: Services, idle_minutes: Callable[[], int]
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._translate = text_translator()
        self.locked = False
        self._taken: Taken | None = None
        self._enabled: dict[QAction, bool] = {}
        self._shown: dict[QWidget, bool] = {}
        self.screen = LockScreen(window.pages)
        window.pages.addWidget(self.screen)
        self.screen.form.submitted.connect(self._sign_in)
        self.screen.quit_button.clicked.connect(window.close)
        self.idle = IdleWatch(idle_minutes, self.lock, self)
        self.idle.start()

    def lock(self, *, switching: bool = False, reason: str = "") -> None:
        """Take every customer detail off the screen and ask for a sign-in. Records nothing."""
        if not self._window.isVisible():
            return  # closed (or not shown yet): nothing on screen to hide
        if self.locked:
            if reason:
                self.screen.reason.setText(reason)
                self.screen.reason.show()
            return
        window = self._window
        self.locked = True
        self.idle.stop()
        self._taken = take_away(window)
        window.save_layout()  # quitting at the lock screen must not keep its hidden bars
        self._shown = {w: w.isVisibleTo(window) for w in self._bars()}
        for widget in self._shown:
            widget.hide()
        self._enabled = {a: a.isEnabled() for a in window.findChildren(QAction)}
        for action in self._enabled:
            action.setEnabled(False)
        window.pages.setCurrentWidget(self.screen)  # the counter's page is hidden
        window.pause(True)
        user = window.user
        self.screen.show_locked(window.who(), "" if switching else user.username, [user], reason)
        background.run(
            self._services.auth.sign_in_names,
            done=lambda users: self._show_names(users, "" if switching else user.username),
            failed=lambda _error: None,  # the name signed in stays to pick
            owner=self.screen,
            sign_in=True,
        )
        window.locked_changed.emit(True)

    def signed_out(self, error: NotSignedIn) -> None:
        """A call was refused: the person is no longer signed in (disabled, signed out)."""
        self.lock(reason=failure_text(error, self._translate))

    def _bars(self) -> list[QWidget]:
        window = self._window
        return [window.clock_dock, window.toolbar, window.menuBar()]

    def _show_names(self, users: list[UserSnapshot], username: str) -> None:
        if self.locked and not self.screen.form.busy_label.isVisible():
            self.screen.form.set_users(users)
            if username:
                self.screen.form.select(username)

    # --- signing in at the lock screen --------------------------------------------------------

    def _sign_in(self, username: str, password: str) -> None:
        form = self.screen.form
        form.set_busy(True)
        background.run(
            lambda: self._services.auth.sign_in(username, password),
            done=self._signed_in,
            failed=lambda error: form.failed(failure_text(error, self._translate)),
            owner=self.screen,
            sign_in=True,
        )

    def _signed_in(self, actor: Actor) -> None:
        if not actor.must_change_password:
            self._unlock(actor)
            return
        from desktop_app.ui.start import ask_new_password

        def changed(fresh: Actor | None) -> None:
            if fresh is None:  # not changed: that sign-in ends, the window stays locked
                self._sign_out(actor)
                self.screen.form.reset()
            else:
                self._unlock(fresh)

        ask_new_password(self._services, actor, self._translate, self._window, changed)

    def _unlock(self, actor: Actor) -> None:
        window = self._window
        previous = window.user
        taken, self._taken = self._taken, None
        for action, enabled in self._enabled.items():
            if isValid(action):
                action.setEnabled(enabled)
        for widget, shown in self._shown.items():
            if isValid(widget):
                widget.setVisible(shown)
        window.pages.setCurrentIndex(0)
        self.locked = False
        self.screen.form.reset()
        if actor.id == previous.id:
            window.same_person_again(actor)
            if taken is not None:
                give_back(taken)
        else:
            if taken is not None:
                discard(taken)
            window.signed_in_as(actor)
            self._sign_out(previous)
        window.pause(False)
        self.idle.start()
        window.locked_changed.emit(False)

    def _sign_out(self, actor: Actor) -> None:
        background.run(
            lambda: self._services.auth.sign_out(actor),
            done=lambda _none: None,
            failed=lambda error: log.warning("signing out failed: %s", error),
            sign_in=True,
        )
