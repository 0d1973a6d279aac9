"""The strip that says the database server cannot be reached, and retries until it can.

Shown when any call of the window finds the connection lost (ui/background.py hands the
DatabaseUnreachable refusal to `lost`); a cheap round trip (`ping`, a `SELECT 1`) then runs off
the GUI thread after 1, 2, 4 … up to 30 seconds. When one answers, the strip hides and
`restored` fires, so the window reads its list and counts again. Nothing typed is touched: the
forms keep what they hold, and their Save works again once the strip is gone.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desktop_app.domain.errors import DatabaseUnreachable
from desktop_app.ui import background

FIRST_RETRY_MS = 1_000
LONGEST_RETRY_MS = 30_000


class ConnectionBanner(QLabel):
    restored = Signal()  # the server answers again: read what is shown again

    def __init__(self, ping: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connection_banner")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel { background: #ffebee; color: #b71c1c; border: 1px solid #e57373; "
            "border-radius: 4px; padding: 6px 10px; font-weight: bold; }"
        )
        self._ping = ping
        self._lost = False
        self._pinging = False
        self._delay = FIRST_RETRY_MS
        self.retries = 0  # round trips tried since the connection was lost
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._try)
        self._retranslate()
        self.hide()

    @property
    def lost(self) -> bool:
        """Whether the window is waiting for the server."""
        return self._lost

    def connection_lost(self, _error: DatabaseUnreachable | None = None) -> None:
        """A call found the server gone: show the strip and start retrying (once; further
        failures meanwhile change nothing)."""
        if self._lost:
            return
        self._lost = True
        self._delay = FIRST_RETRY_MS
        self.retries = 0
        self.show()
        self._timer.start(self._delay)

    def _try(self) -> None:
        if self._pinging:
            return
        self._pinging = True
        self.retries += 1
        background.run(
            self._ping,
            done=self._answered,
            failed=self._unanswered,
            owner=self,
            lane=background.Lane.REFRESH,
        )

    def _answered(self, _result: object) -> None:
        self._pinging = False
        self._lost = False
        self.hide()
        self.restored.emit()

    def _unanswered(self, _error: Exception) -> None:
        # Whatever the error (the server gone, or up but refusing): try again later, less often.
        self._pinging = False
        self._delay = min(self._delay * 2, LONGEST_RETRY_MS)
        self._timer.start(self._delay)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setText(
            self.tr(
                "Connection to the database lost — retrying… Forms keep what was typed: save "
                "again once this strip is gone."
            )
        )
