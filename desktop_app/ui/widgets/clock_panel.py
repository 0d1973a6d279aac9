"""The counter's clocks at a glance: response overdue, repair overdue, due today and tomorrow,
stale jobs, and the technician's queues — each a tab with a count, most urgent first, and each
showing its own clock (the response-overdue tab the 24-hour clock, not the repair's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTabWidget, QVBoxLayout, QWidget

from desktop_app.domain.forms import CLOCK_LIST_LIMIT, ClockList, JobQuery
from desktop_app.domain.snapshots import JobPage, JobRow
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.fitting import fit_columns
from desktop_app.ui.labels import status_label
from desktop_app.ui.models.job_table_model import JOB_ROW_ROLE, Clock, JobTableModel

Rows = Callable[[], tuple[JobRow, ...]]
Lists = dict[str, tuple]


class RowsModel(Protocol):
    """The model of a list of other records than jobs (overdue callbacks, complaints)."""

    def show_rows(self, rows: tuple) -> None: ...
    def rowCount(self) -> int: ...
    def retranslate(self) -> None: ...


# Runs a read somewhere (the window: a worker thread) and hands its result over on the GUI
# thread; without one the lists are read in place.
Runner = Callable[[Callable[[], Lists], Callable[[Lists], None]], None]


class ClockPanel(QWidget):
    """Emits job_activated(job_id) when a row is double-clicked or Enter is pressed."""

    job_activated = Signal(int)
    refreshed = Signal()

    def __init__(
        self,
        lists: list[tuple[str, str, Rows]],
        calendar: WorkCalendar,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
        clocks: dict[str, Clock] | None = None,
    ) -> None:
        """`clocks` says which clock a list shows, by key; the repair clock by default."""
        super().__init__(parent)
        self.setObjectName("clock_panel")
        self._runner = runner
        self._readers: dict[str, Callable[[], tuple]] = {key: rows for key, _title, rows in lists}
        self._order: list[str] = []  # the tabs' keys, in tab order
        self.others: dict[str, RowsModel] = {}
        self._generation = 0
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("clock_tabs")
        self._titles: list[str] = []
        self._counts: list[str] = []  # "12" or "500+" once refreshed, shown beside each title
        self.models: dict[str, JobTableModel] = {}
        for key, title, _rows in lists:
            model = JobTableModel(
                None,
                calendar,
                lambda row: status_label(row.status),
                now=now,
                parent=self,
                clock=(clocks or {}).get(key, Clock.REPAIR),
            )
            view = QTableView(self)
            view.setObjectName(f"clock_{key}")
            view.setModel(model)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setAlternatingRowColors(True)
            view.setWordWrap(False)
            view.verticalHeader().hide()
            fit_columns(view)
            view.activated.connect(
                lambda index, m=model: self.job_activated.emit(m.data(index, JOB_ROW_ROLE).id)
            )
            view.doubleClicked.connect(
                lambda index, m=model: self.job_activated.emit(m.data(index, JOB_ROW_ROLE).id)
            )
            self.models[key] = model
            self._order.append(key)
            self._titles.append(title)
            self._counts.append("")
            self.tabs.addTab(view, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def add_list(
        self, key: str, title: str, rows: Callable[[], tuple], model: RowsModel, view: QTableView
    ) -> None:
        """A tab of other records than jobs (promised callbacks overdue, complaints), read with
        the job lists; `view` shows `model`, and its owner opens what is activated."""
        view.setObjectName(f"clock_{key}")
        self._readers[key] = rows
        self.others[key] = model
        self._order.append(key)
        self._titles.append(title)
        self._counts.append("")
        self.tabs.addTab(view, title)

    def refresh(self, calendar: WorkCalendar | None = None) -> None:
        """Read every list (in one go, in the background with a runner), then show them."""
        if calendar is not None:
            for model in self.models.values():
                model.set_calendar(calendar)
        readers = dict(self._readers)

        def read() -> Lists:
            return {key: rows() for key, rows in readers.items()}

        # Only the newest read is shown: an older one answering late (a slow server) would put
        # back lists that are already out of date.
        self._generation += 1
        generation = self._generation

        def show(lists: Lists) -> None:
            if generation == self._generation:
                self._show(lists)

        if self._runner is None:
            show(read())
        else:
            self._runner(read, show)

    def _show(self, lists: Lists) -> None:
        for index, key in enumerate(self._order):
            if key in self.models:
                self.models[key].show_page(JobQuery(), JobPage(lists[key], None))
            else:
                self.others[key].show_rows(lists[key])
            count = self.count(key)
            self._counts[index] = f"{count}+" if count >= CLOCK_LIST_LIMIT else str(count)
            self._show_title(index)
        self.refreshed.emit()

    def set_titles(self, titles: dict[str, str]) -> None:
        """The tabs' titles in another language (the window owns the words, by list key)."""
        for index, key in enumerate(self._order):
            self._titles[index] = titles.get(key, self._titles[index])
            self._show_title(index)

    def _show_title(self, index: int) -> None:
        count = self._counts[index]
        title = self._titles[index]
        self.tabs.setTabText(index, f"{title} ({count})" if count else title)

    def changeEvent(self, event: QEvent) -> None:
        """The lists' headers and status words follow a language change at once."""
        if event.type() == QEvent.Type.LanguageChange:
            for model in self.models.values():
                model.retranslate()
            for other in self.others.values():
                other.retranslate()
            for index in range(self.tabs.count()):
                view = self.tabs.widget(index)
                if isinstance(view, QTableView):
                    fit_columns(view)
        super().changeEvent(event)

    def view(self, key: str) -> QTableView:
        return self.findChild(QTableView, f"clock_{key}")

    def count(self, key: str) -> int:
        return (self.models[key] if key in self.models else self.others[key]).rowCount()


CLOCK_LISTS = (
    ClockList.RESPONSE_OVERDUE,
    ClockList.REPAIR_OVERDUE,
    ClockList.DUE_TODAY,
    ClockList.DUE_TOMORROW,
    ClockList.STALE,
)
