"""Python's cycle collector, run on the GUI thread only, while the window runs.

Python collects reference cycles in whichever thread happens to allocate when a generation's
threshold is crossed. A service call compiling a query in a worker can then free a cycle that
holds a Qt object (a dialog and the lambdas connected to it, a timer): its C++ side dies off the
GUI thread, and the counter crashes with a segmentation fault (the test suite did once, with a
worker in SQLAlchemy's compiler). So while the window runs, automatic collection is off and a
timer on the GUI thread collects instead, generation by generation as Python itself would (the
same thresholds). GitFourchette and OpenCue's CueGUI do the same for the same reason.

Only the window installs it (`create_application`): the command line has no event loop to run
the timer, and no Qt objects to protect.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

# How often the GUI thread looks at the collector's counts (a look costs nothing; a young
# generation's collection a fraction of a millisecond).
INTERVAL_MS = 1_000
# The longest (and least often needed) collection, of every object, at most this often.
FULL_EVERY_S = 300.0


class GuiThreadCollector(QObject):
    """Turns Python's automatic collection off and collects on its timer, on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._last_full = float("-inf")
        self.timer = QTimer(self)
        self.timer.setObjectName("collector_timer")
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.collect_due)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose thresholds are crossed, as Python would have; returns
        how many unreachable objects were found. Only on the GUI thread."""
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() != app.thread():
            raise RuntimeError("the cycle collector runs on the GUI thread only")
        young, middle, old = gc.get_count()
        first, second, third = self.thresholds
        if young <= first:
            return 0
        # Python's own rule: the oldest generation whose count is over its threshold. A full
        # collection (tens of milliseconds with a long list loaded) at most every
        # FULL_EVERY_S: Python spaces them by growth, which it does not tell. A threshold of 0
        # for the oldest (Python 3.14's incremental collector) never asks for one.
        now = time.monotonic()
        if third and old > third and now - self._last_full >= FULL_EVERY_S:
            self._last_full = now
            return gc.collect(2)
        if middle > second or (third and old > third):
            return gc.collect(1)
        return gc.collect(0)


_collector: GuiThreadCollector | None = None


def install() -> GuiThreadCollector:
    """Once per process, after the QApplication exists: automatic collection off, the GUI
    thread's timer on. Calling it again returns the same collector."""
    global _collector
    if _collector is None:
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("install the collector after the application is made")
        _collector = GuiThreadCollector(app)
        _collector.start()
    return _collector
