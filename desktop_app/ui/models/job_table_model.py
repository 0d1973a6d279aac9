"""The job list as a Qt model that fetches keyset pages on demand.

Only the rows a user scrolls to are read: a 100,000-job database shows its first screen as fast as
a 100-job one. Each row is a frozen JobRow; the custom JOB_ROW_ROLE hands it to whoever needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.snapshots import JobPage, JobRow, PageCursor
from desktop_app.domain.workdays import DueState, WorkCalendar, repair_clock
from desktop_app.domain.workflow import REPAIR_CLOCK_RUNNING

JOB_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
# The first page fills the tallest screen (60 rows of 26 px); further pages grow with what has
# been read (200, 260, 520, ... up to 5,000), so scrolling far reads few large pages rather than
# hundreds of small ones, while a search that changes every keystroke reads only a screenful.
FIRST_PAGE = 60
PAGE_SIZE = 200
MAX_PAGE = 5000

FetchPage = Callable[[JobQuery, PageCursor | None, int], JobPage]
AnyIndex = QModelIndex | QPersistentModelIndex

OVERDUE_COLOUR = QColor("#c62828")
DUE_TODAY_COLOUR = QColor("#ef6c00")
ON_TRACK_COLOUR = QColor("#2e7d32")


class JobTableModel(QAbstractTableModel):
    NUMBER, CUSTOMER, PRODUCT, STATUS, CHECKED_IN, REPAIR_DUE, DAYS_LEFT, TECHNICIAN = range(8)
    COLUMN_COUNT = 8

    def __init__(
        self,
        fetch_page: FetchPage,
        calendar: WorkCalendar,
        status_label: Callable[[JobRow], str],
        now: Callable[[], datetime] = datetime.now,
        parent: object | None = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._fetch_page = fetch_page
        self._calendar = calendar
        self._status_label = status_label
        self._now = now
        self._query = JobQuery()
        self._rows: list[JobRow] = []
        self._cursor: PageCursor | None = None
        self._exhausted = True
        self._clock_cache: dict[int, tuple[str, QColor | None]] = {}

    # --- what to show ---------------------------------------------------------------------------

    @property
    def query(self) -> JobQuery:
        return self._query

    def set_query(self, query: JobQuery) -> None:
        """Show the first page for a new search or filter."""
        self._query = query
        self.reload()

    def set_calendar(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self.reload()

    def reload(self) -> None:
        """Re-read from the first page (after a check-in elsewhere, or a settings change)."""
        self.beginResetModel()
        self._rows = []
        self._cursor = None
        self._exhausted = False
        self._clock_cache.clear()
        self._load_page()
        self.endResetModel()

    def _next_page_size(self) -> int:
        if not self._rows:
            return FIRST_PAGE
        return max(PAGE_SIZE, min(len(self._rows), MAX_PAGE))

    def _load_page(self) -> list[JobRow]:
        page = self._fetch_page(self._query, self._cursor, self._next_page_size())
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self._rows.extend(page.rows)
        return list(page.rows)

    def row_of(self, row: int) -> JobRow:
        return self._rows[row]

    def find_row(self, job_id: int) -> int:
        for index, job in enumerate(self._rows):
            if job.id == job_id:
                return index
        return -1

    # --- lazy loading ---------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch_page(self._query, self._cursor, self._next_page_size())
        if not page.rows:
            self._exhausted = True
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._rows.extend(page.rows)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.endInsertRows()

    # --- the model interface --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section] if 0 <= section < self.COLUMN_COUNT else None

    def headers(self) -> list[str]:
        return [
            self.tr("Job number"),
            self.tr("Customer"),
            self.tr("Product"),
            self.tr("Status"),
            self.tr("Checked in"),
            self.tr("Repair due"),
            self.tr("Working days"),
            self.tr("Technician"),
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        job = self._rows[index.row()]
        column = index.column()
        if role == JOB_ROW_ROLE:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(job, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.DAYS_LEFT:
            colour = self._clock(job)[1]
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.CUSTOMER:
            return self.tr("Phone numbers are masked on screen")
        return None

    def _display(self, job: JobRow, column: int) -> str | None:
        if column == self.NUMBER:
            return job.number
        if column == self.CUSTOMER:
            return f"{job.customer_name}  {job.masked_phone}"
        if column == self.PRODUCT:
            return job.product
        if column == self.STATUS:
            return self._status_label(job)
        if column == self.CHECKED_IN:
            return job.checked_in_at.strftime("%Y-%m-%d %H:%M")
        if column == self.REPAIR_DUE:
            return job.repair_due_date.isoformat()
        if column == self.DAYS_LEFT:
            return self._clock(job)[0]
        if column == self.TECHNICIAN:
            return job.technician
        return None

    def _clock(self, job: JobRow) -> tuple[str, QColor | None]:
        cached = self._clock_cache.get(job.id)
        if cached is None:
            cached = self._clock_cache[job.id] = self._describe_clock(job)
        return cached

    def _describe_clock(self, job: JobRow) -> tuple[str, QColor | None]:
        if job.status not in REPAIR_CLOCK_RUNNING:
            return "", None
        clock = repair_clock(self._calendar, job.repair_due_date, self._now().date())
        if clock.state is DueState.OVERDUE:
            return self.tr("overdue by %n working day(s)", "", clock.overdue_by), OVERDUE_COLOUR
        if clock.state is DueState.DUE_TODAY:
            return self.tr("due today"), DUE_TODAY_COLOUR
        return self.tr("%n working day(s) left", "", clock.working_days_left), ON_TRACK_COLOUR
