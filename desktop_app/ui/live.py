"""Other counters' changes reaching the window: the watcher's thread hands them to the GUI thread,
where a burst of them becomes one `changed` signal.

The watcher (services.changes) calls back in its own thread. The changes wait in a list under a
lock, and a signal with no arguments (Python objects in a queued signal's arguments upset
PySide's reference counts: ui/background.py) wakes the GUI thread, which starts the debounce:
whatever arrives in the next `DEBOUNCE_MS` is merged and delivered once, so 200 check-ins at
another counter read the list a handful of times, not 200.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QAbstractItemView, QTableView

from desktop_app.services import Services
from desktop_app.services.changes import Changes, Watch
from desktop_app.ui.models.job_table_model import JobTableModel

log = logging.getLogger(__name__)

DEBOUNCE_MS = 300


class LiveChanges(QObject):
    """Watches the database from start() until stop(); emits `changed` on the GUI thread with
    the merged Changes of each burst (read them from `last`)."""

    changed = Signal()
    _heard = Signal()  # emitted in the watcher's thread, received on the GUI thread

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        # The watch lives in a plain list, so that a window freed without being closed still
        # stops it (the thread would otherwise signal a deleted object).
        self._watches: list[Watch] = []
        self.destroyed.connect(partial(_stop_all, self._watches))
        self._lock = threading.Lock()
        self._pending: list[Changes] = []
        self.last: Changes | None = None  # what the last `changed` was about
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._deliver)
        self._heard.connect(self._arrived)

    @property
    def running(self) -> bool:
        return any(watch.running for watch in self._watches)

    def start(self) -> None:
        feed = self._services.changes
        if self._watches or feed is None:
            return
        self._watches.append(feed.watch(self._on_change))

    def wait_ready(self, timeout: float) -> bool:
        """Whether changes committed from now on will be heard (tests, before the other
        counter writes)."""
        return bool(self._watches) and self._watches[0].wait_ready(timeout)

    def stop(self) -> None:
        """Ends the watcher's thread and forgets what was heard but not yet delivered."""
        _stop_all(self._watches)
        self._timer.stop()
        with self._lock:
            self._pending.clear()

    def _on_change(self, changes: Changes) -> None:  # the watcher's thread
        with self._lock:
            first = not self._pending
            self._pending.append(changes)
        if first:
            self._heard.emit()

    @Slot()
    def _arrived(self) -> None:
        if self._watches and not self._timer.isActive():
            self._timer.start()  # not restarted by later ones: a steady stream still shows

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        if not pending or not self._watches:
            return
        self.last = Changes.merge(pending)
        self.changed.emit()


def _stop_all(watches: list[Watch], _destroyed: object = None) -> None:
    while watches:
        watches.pop().stop()


def keep_top_row(view: QTableView, model: JobTableModel) -> None:
    """While `model` refreshes in place, the job at the top of `view` stays at the top (a job
    checked in elsewhere lands above it without pushing the list down). A view at the very top
    stays at the top, where new jobs appear."""
    anchor: list[int] = []

    def remember() -> None:
        anchor.clear()
        if view.verticalScrollBar().value() == 0:
            return
        row = view.rowAt(0)
        if 0 <= row < model.rowCount():
            anchor.append(model.row_of(row).id)

    def restore() -> None:
        if not anchor:
            return
        row = model.find_row(anchor.pop())
        if row >= 0:
            view.scrollTo(model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    model.layoutAboutToBeChanged.connect(remember)
    model.layoutChanged.connect(restore)
