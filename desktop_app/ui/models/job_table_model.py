"""The job list as a Qt model that fetches keyset pages on demand.

Only the rows a user scrolls to are read: a 100,000-job database shows its first screen as fast as
a 100-job one. Each row is a frozen JobRow; the custom JOB_ROW_ROLE hands it to whoever needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from enum import Enum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.snapshots import JobPage, JobRow, PageCursor
from desktop_app.domain.vocabulary import SEEDED_MANAGER_NAME, Coverage
from desktop_app.domain.workdays import DueState, WorkCalendar, repair_clock, response_clock
from desktop_app.domain.workflow import OPEN_STATUSES, REPAIR_CLOCK_RUNNING, Status
from desktop_app.ui.labels import person_label

# Roles as plain ints: a view calls data() for every role of every visible cell on each paint
# (about 800 calls for a screen of jobs), and comparing ints costs far less than enum lookups.
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
JOB_ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
# The first page fills the tallest screen (60 rows of 26 px); further pages grow with what has
# been read (200, 260, 520, ... up to 5,000), so scrolling far reads few large pages rather than
# hundreds of small ones, while a search that changes every keystroke reads only a screenful.
FIRST_PAGE = 60
PAGE_SIZE = 200
MAX_PAGE = 5000

FetchPage = Callable[[JobQuery, PageCursor | None, int], JobPage]
# Runs a page read somewhere (the window: a worker thread, see ui/background.py) and hands the
# page to the second callable on the GUI thread. Without one, pages are read in place.
# The third callable is told when the read failed.
Runner = Callable[
    [Callable[[], JobPage], Callable[[JobPage], None], Callable[[Exception], None]], None
]
AnyIndex = QModelIndex | QPersistentModelIndex

OVERDUE_COLOUR = QColor("#c62828")
DUE_TODAY_COLOUR = QColor("#ef6c00")
ON_TRACK_COLOUR = QColor("#2e7d32")
# The texts of this many rows are kept between paints (a screen shows a few dozen); the cache is
# emptied when it grows past that, so scrolling through 100,000 jobs does not keep them all.
CELL_CACHE_ROWS = 2000

# The display texts, and the clock's colour. The colour goes to the view as a QColor, which Qt
# turns into the brush ForegroundRole asks for; building a QBrush here would create QBrush's,
# QGradient's and QImage's Python enums during the first paint (about 1.5 ms).
Cells = tuple[tuple[str, ...], QColor | None]
# The first-response clock counts clock hours; past two days it counts days.
RESPONSE_HOURS_SHOWN = 48


def response_lateness(late_seconds: int) -> tuple[int, int]:
    """How late a first response is, as the list and the job view say it: (started hours, 0)
    under two days (10 minutes late is 1 hour), else (0, whole days), at least 2."""
    if late_seconds < RESPONSE_HOURS_SHOWN * 3600:
        return max(1, -(-late_seconds // 3600)), 0
    return 0, late_seconds // 86400


# Under this many hours left a first response is shown in the due-today colour.
RESPONSE_HURRY_HOURS = 4


class Clock(Enum):
    """Which of the agreement's clocks a list's clock column shows."""

    REPAIR = "repair"  # working days to (or past) the 5-working-day repair deadline
    RESPONSE = "response"  # hours to (or past) the 24-hour first-response deadline
    NEXT = "next"  # the first response while it is outstanding, then the repair


class JobTableModel(QAbstractTableModel):
    # After each page read (the first page of a reload, or one more while scrolling).
    loaded = Signal()

    NUMBER, CUSTOMER, PRODUCT, STATUS, CHECKED_IN, REPAIR_DUE, DAYS_LEFT, TECHNICIAN = range(8)
    COLUMN_COUNT = 8

    def __init__(
        self,
        fetch_page: FetchPage | None,
        calendar: WorkCalendar,
        status_label: Callable[[JobRow], str],
        now: Callable[[], datetime] = datetime.now,
        parent: object | None = None,
        *,
        runner: Runner | None = None,
        clock: Clock = Clock.REPAIR,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._runner = runner
        self._clock = clock
        # Each reload starts a new generation; a page that arrives for an older one is dropped
        # (the search text changed while it was being read).
        self._generation = 0
        self.fetching = False
        # None while the window shows its first screen before the services are loaded: the rows
        # given to show_page() are all there is until set_fetch_page().
        self._fetch_page = fetch_page
        self._calendar = calendar
        self._status_label = status_label
        self._now = now
        self._query = JobQuery()
        self._rows: list[JobRow] = []
        # The search the rows shown were read for: another than `_query` while a new search's
        # first page is on its way, or after its read failed (the rows and their cursor are
        # the last list's).
        self._rows_query = JobQuery()
        self._cursor: PageCursor | None = None
        self._exhausted = True
        self._refresh_wanted = False  # a refresh asked for while a page was on its way
        # True while rows are being put in: a view (or Qt's model tester) asking for more from
        # inside the insert signals would read the page being inserted a second time.
        self._changing = False
        self._cells: dict[int, Cells] = {}  # by row
        # Translated once (the header asks on every paint), and again by retranslate().
        self._headers = self._header_labels()

    # --- what to show ---------------------------------------------------------------------------

    @property
    def query(self) -> JobQuery:
        return self._query

    @property
    def shows_another_search(self) -> bool:
        """The rows shown were read for another search than the one asked for (its first page
        not read yet, or its read failed)."""
        return self._rows_query != self._query

    def set_query(self, query: JobQuery) -> None:
        """Show the first page for a new search or filter."""
        self._query = query
        self.reload()

    def set_fetch_page(self, fetch_page: FetchPage) -> None:
        self._fetch_page = fetch_page

    def show_page(self, query: JobQuery, page: JobPage) -> None:
        """Show a first page read elsewhere (at start-up); later pages come from fetch_page."""
        self._generation += 1
        self.beginResetModel()
        self._query = self._rows_query = query
        self._rows = list(page.rows)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self._cells.clear()
        self.endResetModel()

    @property
    def clock(self) -> Clock:
        return self._clock

    def set_clock(self, clock: Clock) -> None:
        """Show another clock in the clock column (the rows stay)."""
        if clock is self._clock:
            return
        self._clock = clock
        self.retranslate()

    def set_calendar(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._cells.clear()
        if self._fetch_page is not None:
            self.reload()
        elif self._rows:  # rows given with show_page: only their working days change
            last = self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def retranslate(self) -> None:
        """The language changed: headers and cached cell texts are made again, rows stay."""
        self._headers = self._header_labels()
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def reload(self) -> None:
        """Re-read from the first page (after a check-in elsewhere, or a settings change).

        With a runner the rows on screen stay until the new first page arrives."""
        self._generation += 1
        generation = self._generation
        fetch, query, size = self._fetch_page, self._query, FIRST_PAGE
        if fetch is None:
            self._show_first(generation, query, JobPage((), None))
            return

        def not_read() -> None:
            # Rows of another search stay shown, their cursor in that list: no page of this
            # search may be read on after them. They stay until a read of this search (the
            # window's refresh once the server answers again, the search asked again) replaces
            # them. The same search's rows are read on as before.
            if generation == self._generation and query != self._rows_query:
                self._exhausted = True

        self._read(
            lambda: fetch(query, None, size),
            lambda p: self._show_first(generation, query, p),
            not_read,
        )

    def refresh_in_place(self) -> None:
        """Read again the rows read so far (other counters changed jobs) and show them where
        they are: a job keeps its selection wherever it moved, the view keeps its scroll, the
        search stays. A reload (a new search) meanwhile wins; a page on its way is let in first.
        """
        if self._fetch_page is None:
            return
        if self.fetching:
            self._refresh_wanted = True
            return
        self._refresh_wanted = False
        if self.shows_another_search:  # the rows are not this search's: read its first page
            self.reload()
            return
        generation = self._generation
        fetch, query, size = self._fetch_page, self._query, max(FIRST_PAGE, len(self._rows))
        self._read(lambda: fetch(query, None, size), lambda p: self._replace(generation, p))

    def _replace(self, generation: int, page: JobPage) -> None:
        """The rows become `page`'s in three steps a view follows without losing its place:
        rows added at the end (if there are more), a layout change that moves every persistent
        index (the selection, the current row) to its job's new row (or drops it, the job no
        longer listed), then rows taken off the end (if there are fewer)."""
        if generation != self._generation:
            return
        self._changing = True
        try:
            self._move_rows(list(page.rows))
        finally:
            self._changing = False
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self.loaded.emit()

    def _move_rows(self, new: list[JobRow]) -> None:
        old_count, new_count = len(self._rows), len(new)
        if new_count > old_count:
            self.beginInsertRows(QModelIndex(), old_count, new_count - 1)
            self._rows.extend(new[old_count:])
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        where = {job.id: row for row, job in enumerate(new)}
        moved_from = self.persistentIndexList()
        moved_to = []
        for index in moved_from:
            row = where.get(before[index.row()].id, -1) if index.row() < len(before) else -1
            moved_to.append(self.index(row, index.column()) if row >= 0 else QModelIndex())
        self._rows = new + before[new_count:]  # the count stays while the layout changes
        self._cells.clear()
        self.changePersistentIndexList(moved_from, moved_to)
        self.layoutChanged.emit()
        if new_count < old_count:
            self.beginRemoveRows(QModelIndex(), new_count, old_count - 1)
            del self._rows[new_count:]
            self.endRemoveRows()

    def _show_first(self, generation: int, query: JobQuery, page: JobPage) -> None:
        if generation != self._generation:
            return
        self.beginResetModel()
        self._rows_query = query
        self._rows = list(page.rows)
        self._cursor = page.next_cursor
        self._exhausted = page.next_cursor is None
        self._cells.clear()
        self.endResetModel()
        self.loaded.emit()

    def _read(
        self,
        call: Callable[[], JobPage],
        deliver: Callable[[JobPage], None],
        not_read: Callable[[], None] | None = None,
    ) -> None:
        """One page read at a time per generation. A page for an older generation (the search
        changed meanwhile) must not clear `fetching`: the new first page is still on its way,
        and a fetchMore now would ask for the new search with the old search's cursor."""
        self.fetching = True
        generation = self._generation

        def arrived(page: JobPage) -> None:
            if generation == self._generation:
                self.fetching = False
            deliver(page)
            if self._refresh_wanted and not self.fetching:
                self.refresh_in_place()

        def failed(_error: Exception) -> None:
            wanted = False
            if generation == self._generation:
                self.fetching = False  # the rows shown stay; scrolling may try again
                wanted, self._refresh_wanted = self._refresh_wanted, False
            if not_read is not None:
                not_read()
            if wanted:  # asked for while this page was on its way: tried once now
                self.refresh_in_place()

        if self._runner is None:
            arrived(call())
        else:
            self._runner(call, arrived, failed)

    @property
    def generation(self) -> int:
        """Goes up with every reload; a caller waiting for "its" reload compares it."""
        return self._generation

    def _next_page_size(self) -> int:
        if not self._rows:
            return FIRST_PAGE
        return max(PAGE_SIZE, min(len(self._rows), MAX_PAGE))

    def row_of(self, row: int) -> JobRow:
        return self._rows[row]

    def last_place(self) -> tuple[datetime, int]:
        """Where the rows read so far end, in the list's order (newest check-in first): a job
        placed after it is on a page not read yet."""
        if not self._rows:
            return (datetime.max, 0)
        last = self._rows[-1]
        return (last.checked_in_at, last.id)

    def find_row(self, job_id: int) -> int:
        for index, job in enumerate(self._rows):
            if job.id == job_id:
                return index
        return -1

    # --- lazy loading ---------------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._exhausted
            and not self.fetching
            and not self._changing
            and self._fetch_page is not None
        )

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch_page is None:
            return
        generation = self._generation
        fetch, query, after, size = (
            self._fetch_page,
            self._query,
            self._cursor,
            self._next_page_size(),
        )
        self._read(lambda: fetch(query, after, size), lambda p: self._append(generation, p))

    def _append(self, generation: int, page: JobPage) -> None:
        if generation != self._generation:
            return
        if not page.rows:
            self._exhausted = True
            self.loaded.emit()
            return
        first = len(self._rows)
        self._changing = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self._cursor = page.next_cursor
            self._exhausted = page.next_cursor is None
            self.endInsertRows()
        finally:
            self._changing = False
        self.loaded.emit()

    # --- the model interface --------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY_ROLE:
            return None
        return self._headers[section] if 0 <= section < self.COLUMN_COUNT else None

    def _header_labels(self) -> tuple[str, ...]:
        return (
            self.tr("Job number"),
            self.tr("Customer"),
            self.tr("Product"),
            self.tr("Status"),
            self.tr("Checked in"),
            self.tr("Repair due"),
            {
                Clock.REPAIR: self.tr("Working days"),
                Clock.RESPONSE: self.tr("First response"),
                Clock.NEXT: self.tr("Next deadline"),
            }[self._clock],
            self.tr("Technician"),
        )

    def column_samples(self) -> tuple[tuple[str, ...], ...]:
        """The widest texts each column usually holds, in the language shown: the view sizes its
        columns from them (ui/fitting.py), so they fit their words in English and Chinese."""
        statuses = tuple(self._status_label(_sample_row(status)) for status in Status)
        if self._clock is Clock.REPAIR:
            clocks = (
                self.tr("overdue by %n working days", "", 15),
                self.tr("%n working days left", "", 5),
                self.tr("due today"),
            )
        else:
            clocks = (
                self.tr("response overdue by %n hours", "", 47),
                self.tr("response overdue by %n days", "", 15),
                self.tr("response due in %n hours", "", 23),
                self.tr("response due within the hour"),
            )
            if self._clock is Clock.NEXT:
                clocks += (self.tr("overdue by %n working days", "", 15),)
        return (
            ("R20261129-0019",),
            ("欧阳娜娜  138****5678", "Li Xiaoming  138****5678"),
            ("华为 Mate 60 Pro 手机", "Samsung Galaxy S24 Ultra"),
            statuses,
            ("2026-11-29 20:46",),
            ("2026-12-04",),
            clocks,
            ("欧阳娜娜", person_label(SEEDED_MANAGER_NAME)),
        )

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        if role == DISPLAY_ROLE:
            return self._cells_of(row)[0][index.column()]
        if role == FOREGROUND_ROLE:
            return self._cells_of(row)[1] if index.column() == self.DAYS_LEFT else None
        if role == JOB_ROW_ROLE:
            return self._rows[row]
        if role == TOOLTIP_ROLE and index.column() == self.CUSTOMER:
            return self.tr("Phone numbers are masked on screen")
        return None

    def _cells_of(self, row: int) -> Cells:
        cells = self._cells.get(row)
        if cells is None:
            if len(self._cells) >= CELL_CACHE_ROWS:
                self._cells.clear()
            cells = self._cells[row] = self._describe(self._rows[row])
        return cells

    def _describe(self, job: JobRow) -> Cells:
        clock, colour = self._describe_clock(job)
        texts = (
            job.number,
            f"{job.customer_name}  {job.masked_phone}",
            job.product,
            self._status_label(job),
            job.checked_in_at.strftime("%Y-%m-%d %H:%M"),
            job.repair_due_date.isoformat(),
            clock,
            person_label(job.technician),
        )
        return texts, colour

    def _describe_clock(self, job: JobRow) -> tuple[str, QColor | None]:
        if self._clock is Clock.RESPONSE or (
            self._clock is Clock.NEXT
            and job.first_response_at is None
            and job.status in OPEN_STATUSES
        ):
            return self._describe_response(job)
        return self._describe_repair(job)

    def _describe_response(self, job: JobRow) -> tuple[str, QColor | None]:
        """The 24-hour promise, in clock hours (days once it is two days late)."""
        clock = response_clock(job.response_due_at, job.first_response_at, self._now())
        if clock.responded_at is not None:
            if clock.met:
                return self.tr("responded on time"), ON_TRACK_COLOUR
            return self.tr("responded late"), OVERDUE_COLOUR
        if clock.overdue:
            hours, days = response_lateness(-clock.seconds_left)
            if days:  # from two days late on: always more than one
                text = self.tr("response overdue by %n days", "", days)
            else:
                text = (
                    self.tr("response overdue by 1 hour")
                    if hours == 1
                    else self.tr("response overdue by %n hours", "", hours)
                )
            return text, OVERDUE_COLOUR
        hours = clock.seconds_left // 3600
        colour = DUE_TODAY_COLOUR if hours < RESPONSE_HURRY_HOURS else ON_TRACK_COLOUR
        if hours < 1:
            return self.tr("response due within the hour"), colour
        if hours == 1:
            return self.tr("response due in 1 hour"), colour
        return self.tr("response due in %n hours", "", hours), colour

    def _describe_repair(self, job: JobRow) -> tuple[str, QColor | None]:
        if job.status not in REPAIR_CLOCK_RUNNING:
            return "", None
        clock = repair_clock(self._calendar, job.repair_due_date, self._now().date())
        if clock.state is DueState.OVERDUE:
            return (
                self.tr("overdue by 1 working day")
                if clock.overdue_by == 1
                else self.tr("overdue by %n working days", "", clock.overdue_by)
            ), OVERDUE_COLOUR
        if clock.state is DueState.DUE_TODAY:
            return self.tr("due today"), DUE_TODAY_COLOUR
        return (
            self.tr("1 working day left")
            if clock.working_days_left == 1
            else self.tr("%n working days left", "", clock.working_days_left)
        ), ON_TRACK_COLOUR


def _sample_row(status: Status) -> JobRow:
    """A row in `status`, for asking the status label (it takes a row) how wide it gets."""
    moment = datetime(2026, 1, 1)
    return JobRow(
        0, "", "", "", "", "", status, Coverage.WARRANTY, moment, moment, None, moment.date(), ""
    )
