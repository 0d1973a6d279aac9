"""Child process of the cold-start and memory benchmarks: one measurement per process.

    python bench/cold_start.py floor
    python bench/cold_start.py table
    python bench/cold_start.py app  DATABASE_URL SETTINGS_FILE
    python bench/cold_start.py memory DATABASE_URL SETTINGS_FILE

`floor` shows a minimal PySide6 QMainWindow; `table` a reference between the two: a QMainWindow
whose central widget is a QTableView over a plain Python table model (8 columns, 60 rows of fixed
text, no database and none of the app's code), i.e. what any PySide6 job list costs; `app` opens
Repair Counter exactly as `repair-counter` does (the same start-up code,
`desktop_app.app.open_counter`), on a settings file of its own so a person's saved window layout
plays no part. Each prints the line `painted` as soon as the first paint of what a person sees
first has happened: for `table`, the table's viewport; for the app, the sign-in dialog (nobody
sees a customer before signing in, so the sign-in is the counter's first screen); the parent
times process start -> that line. The app then also prints `ready` once its services are loaded
(a password typed can be checked, and the window opens at once after it), and exits.

`memory` opens the app the same way, signs in (bench/signing.py: on the scratch copy the bench
measures), then reports the peak resident memory (ru_maxrss) with the window's first screen of
jobs shown, again after scrolling the list through its first SCROLL_ROWS (10,000) jobs, and
after a few searches on top.
The measurement imports nothing it does not need before the clock it is measured by stops.
"""

from __future__ import annotations

import os
import sys
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No automatic backup in the background while the counter is measured (desktop_app/app.py):
# the measuring processes get REPAIR_COUNTER_AUTO_BACKUP=0 from bench/run.py's _child_env, not
# from an import here (run.py imports this module, and so do the tests: it would switch the
# automatic backups off for everything after them in the same process).

SCROLL_ROWS = 10_000  # as bench/measure.py's (not imported: it loads the app before the clock)


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _when_painted(widget, then) -> None:  # type: ignore[no-untyped-def]
    """Calls `then()` once, right after `widget` has been painted for the first time."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class PaintWatcher(QObject):
        done = False

        def eventFilter(self, watched, event):  # type: ignore[no-untyped-def]
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, then)  # after the paint has finished
            return False

    watcher = PaintWatcher(widget)
    widget.installEventFilter(watcher)


def floor() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    label = QLabel("Repair Counter")
    window.setCentralWidget(label)
    window.resize(1280, 800)

    def painted() -> None:
        print("painted", flush=True)
        app.quit()

    _when_painted(label, painted)
    window.show()
    return app.exec()


def table() -> int:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    Index = QModelIndex | QPersistentModelIndex

    class TextTable(QAbstractTableModel):
        def __init__(self, rows: int, columns: int) -> None:
            super().__init__()
            self._cells = [[f"R{row:07d}-{col}" for col in range(columns)] for row in range(rows)]
            self._headers = [f"Column {column}" for column in range(columns)]

        def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self._cells)

        def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(self._headers)

        def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._cells[index.row()][index.column()]
            return None

        def headerData(
            self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
        ) -> object:
            if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            return None

    app = QApplication(sys.argv)
    window = QMainWindow()
    view = QTableView()
    model = TextTable(60, 8)
    view.setModel(model)
    window.setCentralWidget(view)
    window.resize(1280, 800)

    def painted() -> None:
        print("painted", flush=True)
        app.quit()

    _when_painted(view.viewport(), painted)
    window.show()
    return app.exec()


def _open_app(url: str, settings_file: str):  # type: ignore[no-untyped-def]
    # The way `repair-counter` starts: its command line first (desktop_app.cli, parsed), then
    # desktop_app.app.run_window's steps, with a settings file of the bench's own.
    from desktop_app import cli

    cli.parse_arguments(["--database", url])
    from PySide6.QtCore import QSettings

    from desktop_app.app import create_application, open_counter
    from desktop_app.ui.settings import UiSettings

    app = create_application()
    ui_settings = UiSettings(QSettings(settings_file, QSettings.Format.IniFormat))
    counter = open_counter(app, url, ui_settings)
    return app, counter


def app_start(url: str, settings_file: str) -> int:
    app, counter = _open_app(url, settings_file)

    def ready() -> None:
        print("ready", flush=True)
        app.quit()

    def painted() -> None:
        print("painted", flush=True)
        if counter.services is not None:  # opened the ordinary way: the services came first
            ready()

    counter.services_ready.connect(ready)
    assert counter.dialog is not None
    _when_painted(counter.dialog, painted)
    counter.show()
    try:
        return app.exec()
    finally:
        counter.dispose()


def memory(url: str, settings_file: str) -> int:
    from bench.signing import open_signed_in

    app, counter = _open_app(url, settings_file)
    report: dict[str, float] = {}

    def measure() -> None:
        window = open_signed_in(counter)
        window.resize(1280, 800)
        from desktop_app.ui import background

        background.wait_until_idle()  # the first page of jobs
        window.table.viewport().repaint()
        report["first_screen_mb"] = _peak_rss_mb()
        model = window.model

        def settle(_app: Any) -> None:  # the window reads in worker threads
            background.wait_until_idle()

        settle(app)
        while model.rowCount() < SCROLL_ROWS and model.canFetchMore():
            window.table.scrollToBottom()
            model.fetchMore()
            settle(app)
        window.table.scrollToBottom()
        window.table.viewport().repaint()
        report["rows_loaded"] = float(model.rowCount())
        report["after_scroll_mb"] = _peak_rss_mb()
        for text in ("138", "张伟", "R2026", "SN"):
            window.search_box.setText(text)
            window.apply_filters()
            settle(app)
            window.table.viewport().repaint()
        report["after_scroll_and_searches_mb"] = _peak_rss_mb()
        import json

        print(json.dumps(report), flush=True)
        app.quit()

    assert counter.dialog is not None
    _when_painted(counter.dialog, measure)
    counter.show()
    try:
        return app.exec()
    finally:
        counter.dispose()


def main(argv: list[str]) -> int:
    mode = argv[0]
    if mode == "floor":
        return floor()
    if mode == "table":
        return table()
    if mode == "app":
        return app_start(argv[1], argv[2])
    if mode == "memory":
        return memory(argv[1], argv[2])
    print(f"unknown mode {mode!r}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.exit(main(sys.argv[1:]))
