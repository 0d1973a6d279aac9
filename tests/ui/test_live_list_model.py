"""The job list refreshing in place (another counter changed jobs): the rows read so far are read
again and each job keeps its selection wherever it moved; Qt's model checks hold throughout."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobPage, JobRow, PageCursor
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.ui.labels import status_label
from desktop_app.ui.models.job_table_model import FIRST_PAGE, JobTableModel

START = datetime(2026, 11, 25, 10, 0)


def row(job_id: int, status: Status = Status.RECEIVED) -> JobRow:
    at = START + timedelta(minutes=job_id)
    return JobRow(
        job_id, f"R-{job_id}", "张伟", "13812345678", "华为", "", status, Coverage.WARRANTY,
        at, at + timedelta(hours=24), None, at.date() + timedelta(days=7), "",
    )  # fmt: skip


class Table:
    """What the database holds, newest first, paged as the service pages it."""

    def __init__(self, ids: list[int]) -> None:
        self.rows = {i: row(i) for i in ids}
        self.reads = 0

    def fetch(self, _query: JobQuery, after: PageCursor | None, limit: int) -> JobPage:
        self.reads += 1
        ordered = sorted(self.rows.values(), key=lambda r: (r.checked_in_at, r.id), reverse=True)
        if after is not None:
            ordered = [
                r for r in ordered if (r.checked_in_at, r.id) < (after.checked_in_at, after.id)
            ]
        page = tuple(ordered[:limit])
        more = len(ordered) > limit
        return JobPage(page, PageCursor(page[-1].checked_in_at, page[-1].id) if more else None)


@pytest.fixture
def table() -> Table:
    return Table(list(range(1, 101)))


@pytest.fixture
def model(table: Table, qtmodeltester) -> JobTableModel:
    made = JobTableModel(
        table.fetch, WorkCalendar(package_calendar("CN")), lambda r: status_label(r.status),
        now=lambda: START,
    )  # fmt: skip
    made.reload()
    assert made.rowCount() == FIRST_PAGE
    qtmodeltester.check(made, force_py=True)  # stays connected: checks every change below
    assert made.rowCount() == 100  # the tester read every page
    return made


def _ids(model: JobTableModel) -> list[int]:
    return [model.row_of(r).id for r in range(model.rowCount())]


def _select(model: JobTableModel, job_id: int) -> QItemSelectionModel:
    selection = QItemSelectionModel(model)
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection.setCurrentIndex(model.index(model.find_row(job_id), 0), flags)
    return selection


def _selected(model: JobTableModel, selection: QItemSelectionModel) -> list[int]:
    return sorted(model.row_of(i.row()).id for i in selection.selectedRows())


def test_new_jobs_come_in_above_and_the_selection_follows_its_job(table, model) -> None:
    selection = _select(model, 70)
    table.rows[101] = row(101)
    table.rows[102] = row(102)
    model.refresh_in_place()
    assert _ids(model)[:3] == [102, 101, 100] and model.rowCount() == 100
    assert _selected(model, selection) == [70]
    assert model.row_of(selection.currentIndex().row()).id == 70
    # The rows cut off at the end come again with the next page, none twice, none lost.
    while model.canFetchMore():
        model.fetchMore()
    assert _ids(model) == list(range(102, 0, -1))


def test_changed_rows_show_their_news_and_gone_ones_leave(table, model) -> None:
    read = model.rowCount()
    selection = _select(model, 50)
    table.rows[50] = row(50, Status.DIAGNOSING)
    model.refresh_in_place()
    assert model.row_of(model.find_row(50)).status is Status.DIAGNOSING
    assert _selected(model, selection) == [50] and model.rowCount() == read
    del table.rows[50]  # (a filter no longer matches it)
    model.refresh_in_place()
    assert model.find_row(50) == -1 and _selected(model, selection) == []
    assert model.rowCount() == read - 1 and not model.canFetchMore()


def test_a_shorter_list_shrinks_and_an_empty_one_empties(table, model) -> None:
    selection = _select(model, 100)
    for job_id in range(1, 96):
        del table.rows[job_id]
    model.refresh_in_place()
    assert _ids(model) == [100, 99, 98, 97, 96] and not model.canFetchMore()
    assert _selected(model, selection) == [100]
    table.rows.clear()
    model.refresh_in_place()
    assert model.rowCount() == 0 and _selected(model, selection) == []


def test_a_refresh_asked_while_a_page_is_read_follows_it(table) -> None:
    """With a runner (the window's workers) a refresh asked for while a page is on its way is
    made once that page is in, not alongside it (it would read with a stale count)."""
    waiting: list[tuple[object, object]] = []

    def runner(call, done, _failed) -> None:  # type: ignore[no-untyped-def]
        waiting.append((call, done))

    model = JobTableModel(
        table.fetch, WorkCalendar(package_calendar("CN")), lambda r: status_label(r.status),
        now=lambda: START, runner=runner,
    )  # fmt: skip
    model.reload()
    model.refresh_in_place()
    model.refresh_in_place()
    assert len(waiting) == 1  # the first page only
    call, done = waiting.pop()
    done(call())  # type: ignore[operator]
    assert len(waiting) == 1  # then one refresh, for both asks
    table.rows[101] = row(101)
    call, done = waiting.pop()
    done(call())  # type: ignore[operator]
    assert _ids(model)[0] == 101 and not waiting


def test_a_new_search_meanwhile_wins(table) -> None:
    waiting: list[tuple[object, object]] = []
    model = JobTableModel(
        table.fetch, WorkCalendar(package_calendar("CN")), lambda r: status_label(r.status),
        now=lambda: START, runner=lambda call, done, _f: waiting.append((call, done)),
    )  # fmt: skip
    model.reload()
    call, done = waiting.pop()
    done(call())  # type: ignore[operator]
    model.refresh_in_place()
    refresh = waiting.pop()
    model.set_query(JobQuery(text="x"))
    table.rows.clear()
    call, done = waiting.pop()
    done(call())  # type: ignore[operator]
    assert model.rowCount() == 0
    refresh[1](refresh[0]())  # type: ignore[operator]  # the old refresh answers late: dropped
    assert model.rowCount() == 0
