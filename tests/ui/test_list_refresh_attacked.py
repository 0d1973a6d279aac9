"""Adversarial probes of c8901fc: `MainWindow.refresh()` reads the list again in place
(`refresh_in_place`) instead of reloading it from its first page, and a new search whose first
page fails marks the model exhausted (`not_read`). As a clerk meets it: a job changed at this
counter leaving a filtered list, a check-in, pages on their way, searches in flight, deep scrolls,
another person signing in, the connection lost and back, the empty label, the summary, the clock
column."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from desktop_app.domain.errors import DatabaseBusy, DatabaseUnreachable
from desktop_app.domain.forms import DueFilter
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobPage, JobRow, PageCursor
from desktop_app.domain.vocabulary import Coverage
from desktop_app.domain.workflow import Status
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import FIRST_PAGE, Clock
from tests.helpers import actor, add_user, check_in_form
from tests.ui.listing import listed, settle


def _count_reads(window: MainWindow, fail=None) -> list[tuple[str, object, int]]:
    """Every page read from now on: (search text, cursor, limit); `fail(query, after)` may
    return an exception to raise instead. The window stops following the database (its own
    test's writes would be heard ~300 ms later and read in place)."""
    window.live.stop()
    reads: list[tuple[str, object, int]] = []
    fetch = window.model._fetch_page

    def counted(query, after, limit):
        reads.append((query.text, after, limit))
        error = fail(query, after) if fail is not None else None
        if error is not None:
            raise error
        return fetch(query, after, limit)

    window.model._fetch_page = counted
    return reads


def _ids(window: MainWindow) -> list[int]:
    return [window.model.row_of(r).id for r in range(window.model.rowCount())]


def _top_job(window: MainWindow) -> int:
    return window.model.row_of(window.table.rowAt(0)).id


def _load_all(qtbot, window: MainWindow, total: int) -> None:
    for _ in range(40):
        if window.model.rowCount() >= total:
            return
        window.table.scrollToBottom()
        settle(qtbot, window)
    assert window.model.rowCount() >= total


# --- a job changed at this counter so that it leaves the list -----------------------------------


def test_a_job_cancelled_while_filtered_on_open_jobs_leaves_the_list(qtbot, services, window):
    """A job whose action closes it (cancelled) while the list shows open jobs: after the job
    view's job_changed it is no longer listed, the other jobs stay, in one read."""
    jobs = listed(qtbot, services, window, 40)
    window.status_filter.setCurrentIndex(1)  # open jobs
    settle(qtbot, window)
    assert window.model.rowCount() == 40
    reads = _count_reads(window)
    target = jobs[20]
    services.jobs.cancel(target.id, actor(services), "customer changed mind")
    window.controller.job_changed.emit(target.id)
    settle(qtbot, window)
    assert target.id not in _ids(window)
    assert window.model.rowCount() == 39
    assert reads == [("", None, FIRST_PAGE)]


def test_a_selected_job_cancelled_while_filtered_on_open_jobs_is_no_longer_selected(
    qtbot, services, window
):
    """The selected job leaves the open list after its action: nothing stays selected (Enter
    must not open a row that now is another job), the row in its place is another job."""
    jobs = listed(qtbot, services, window, 40)
    window.status_filter.setCurrentIndex(1)
    settle(qtbot, window)
    window.live.stop()
    row = window.model.find_row(jobs[25].id)
    window.table.selectRow(row)
    assert window.selected_job_id() == jobs[25].id
    services.jobs.cancel(jobs[25].id, actor(services), "no longer wanted")
    window.controller.job_changed.emit(jobs[25].id)
    settle(qtbot, window)
    assert window.selected_job_id() is None
    assert jobs[25].id not in _ids(window)


def test_the_empty_label_shows_when_an_action_empties_a_filtered_search(qtbot, services, window):
    """A search by the job's number with "open jobs": the job cancelled at this counter, the
    refresh empties the list and says "No job matches"."""
    jobs = listed(qtbot, services, window, 5)
    window.search_box.setText(jobs[2].number)
    window.status_filter.setCurrentIndex(1)
    window.apply_filters()
    settle(qtbot, window)
    window.live.stop()
    assert _ids(window) == [jobs[2].id]
    assert not window.empty_label.isVisible()
    services.jobs.cancel(jobs[2].id, actor(services), "gone")
    window.refresh()
    settle(qtbot, window)
    assert window.model.rowCount() == 0
    assert window.empty_label.isVisible()
    assert jobs[2].number in window.empty_label.text()


def test_a_refresh_shows_the_summary_and_the_clock_panel_again(qtbot, services, window):
    """refresh() still reads the due-state summary and the clock panel."""
    listed(qtbot, services, window, 3)
    window.live.stop()
    before = window.summary_labels["open"].text()
    calls: list[str] = []
    panel_refresh = window.clock_panel.refresh
    window.clock_panel.refresh = lambda *a, **k: (calls.append("panel"), panel_refresh(*a, **k))
    services.jobs.check_in(check_in_form(), actor(services))
    window.refresh()
    settle(qtbot, window)
    assert calls == ["panel"]
    assert window.summary_labels["open"].text() != before
    assert "4" in window.summary_labels["open"].text()


def test_a_refresh_keeps_the_response_clock_of_a_response_overdue_filter(qtbot, services, window):
    """Filtered on a late first response the clock column shows the response clock; a refresh
    (an action on a job) keeps that column and its header."""
    listed(qtbot, services, window, 3)
    index = window.due_filter.findData(DueFilter.RESPONSE_OVERDUE.value)
    if index < 0:
        index = window.due_filter.findData(DueFilter.RESPONSE_OVERDUE)
    window.due_filter.setCurrentIndex(index)
    settle(qtbot, window)
    window.live.stop()
    assert window.model.clock is Clock.RESPONSE
    header = window.model.headerData(
        window.model.DAYS_LEFT, window.table.horizontalHeader().orientation()
    )
    window.refresh()
    settle(qtbot, window)
    assert window.model.clock is Clock.RESPONSE
    assert (
        window.model.headerData(
            window.model.DAYS_LEFT, window.table.horizontalHeader().orientation()
        )
        == header
    )


# --- a check-in, pages and searches in flight ---------------------------------------------------


def test_a_check_in_then_a_refresh_while_its_list_is_read_selects_the_new_job(
    qtbot, services, window, monkeypatch
):
    """A check-in at this counter while the list is filtered on one status (the filters are
    cleared, the list read from its top), and a refresh asked for while that read is on its
    way: the list is every job, the new one selected, the search box empty."""
    listed(qtbot, services, window, 70)
    window.status_filter.setCurrentIndex(window.status_filter.findData(Status.CANCELLED.value))
    settle(qtbot, window)
    assert window.model.rowCount() == 0
    window.live.stop()
    monkeypatch.setattr(window, "show_receipt", lambda *_a, **_k: None)
    job = services.jobs.check_in(check_in_form(customer_name="李四"), actor(services))
    window.job_checked_in(job)
    assert window.model.fetching
    window.refresh()  # an action's refresh arriving meanwhile
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.selected_job_id() == job.id)
    assert window.status_filter.currentIndex() == 0
    assert window.model.rowCount() == FIRST_PAGE
    assert window.model.query.statuses == frozenset()


def test_a_refresh_asked_while_a_new_search_is_read_shows_only_the_search(qtbot, services, window):
    """A search typed and a refresh (an action's) asked for while its first page is on its
    way: the newer search wins, the list is the search's only, from its top."""
    listed(qtbot, services, window, 150, names=("张伟", "李四"))
    window.table.scrollToBottom()
    settle(qtbot, window)
    reads = _count_reads(window)
    window.search_box.setText("李四")
    window.apply_filters()
    window.refresh()
    settle(qtbot, window)
    # the newer search only is read (the refresh waits for its first page, then reads it
    # once more: two reads of 60 rows, as on 4953bd5)
    assert {text for text, _after, _limit in reads} == {"李四"}, reads
    assert len(reads) <= 2, reads
    names = {window.model.row_of(r).customer_name for r in range(window.model.rowCount())}
    assert names == {"李四"}
    assert window.table.verticalScrollBar().value() == 0


def test_a_refresh_asked_while_a_page_is_on_its_way_shows_the_change(qtbot, services, window):
    """Scrolled to the bottom (a page of 200 on its way) and a job cancelled at this counter
    while the list shows open jobs: once the page is in, the list is read again and the job
    is gone."""
    jobs = listed(qtbot, services, window, 150)
    window.status_filter.setCurrentIndex(1)
    settle(qtbot, window)
    reads = _count_reads(window)
    target = jobs[-3]  # on the first page (newest first)
    services.jobs.cancel(target.id, actor(services), "gone")
    window.table.scrollToBottom()
    assert window.model.fetching
    window.controller.job_changed.emit(target.id)
    settle(qtbot, window)
    assert target.id not in _ids(window)
    assert window.model.rowCount() == 149
    assert len(reads) == 2, reads


def test_a_refresh_while_a_failing_page_is_on_its_way_still_shows_the_change(
    qtbot, services, window
):
    """Scrolled to the bottom, the next page's read refused (the database busy, not gone: no
    banner, no read on its return) while a job just cancelled at this counter asks for the list
    again: the cancelled job must leave the open-jobs list. The refresh waits for the page and
    is forgotten when the page fails."""
    jobs = listed(qtbot, services, window, 150)
    window.status_filter.setCurrentIndex(1)
    settle(qtbot, window)
    _count_reads(window, fail=lambda _q, after: DatabaseBusy("busy") if after else None)
    target = jobs[-3]
    services.jobs.cancel(target.id, actor(services), "gone")
    window.table.scrollToBottom()
    assert window.model.fetching
    window.controller.job_changed.emit(target.id)
    settle(qtbot, window)
    row = window.model.find_row(target.id)
    shown = window.model.row_of(row).status if row >= 0 else None
    assert row < 0, f"cancelled job still listed as {shown} among open jobs"


def test_a_same_list_read_refused_once_still_reads_on_when_scrolled(qtbot, services, window):
    """The same list asked again (Enter in the search box, a check-in with no filter, the
    calendar saved) and its first page refused once (database busy: no banner, no read on the
    connection's return): the rows shown are this list's, so scrolling to the bottom must still
    read the next page."""
    listed(qtbot, services, window, 150)
    failed = [False]

    def fail(_query, after):
        if after is None and not failed[0]:
            failed[0] = True
            return DatabaseBusy("busy")
        return None

    reads = _count_reads(window, fail=fail)
    window.apply_filters()  # the same list again
    settle(qtbot, window)
    assert failed[0] and window.model.rowCount() == FIRST_PAGE
    window.table.scrollToBottom()
    settle(qtbot, window)
    assert window.model.rowCount() > FIRST_PAGE, (reads, window.model.rowCount())


# --- the connection lost and back --------------------------------------------------------------


def test_a_search_whose_read_failed_reads_one_first_page_when_the_server_is_back(
    qtbot, services, window
):
    """Scrolled through 150 jobs, a search typed while the server is gone (its first read
    fails); once the server answers again the new search is read as a new search: one first
    page (60 rows), not as many rows as the old list had loaded."""
    listed(qtbot, services, window, 150, names=("张伟", "李四"))
    _load_all(qtbot, window, 150)
    gone = [True]
    reads = _count_reads(
        window, fail=lambda _q, _a: DatabaseUnreachable("gone") if gone[0] else None
    )
    window.search_box.setText("李")
    window.apply_filters()
    settle(qtbot, window)
    assert window.model.rowCount() == 150  # the old rows stay
    gone[0] = False
    reads.clear()
    window.connection_banner.restored.emit()
    settle(qtbot, window)
    assert [text for text, _after, _limit in reads] == ["李"]
    assert reads == [("李", None, FIRST_PAGE)], reads


def test_a_search_whose_read_failed_is_shown_from_its_top_when_the_server_is_back(
    qtbot, services, window
):
    """A search typed while the server is gone (the old rows stay), the clerk scrolls them down;
    the server answers again: the list becomes the search's, shown from its first match (not
    from the old top job's place in it, the first matches above the screen)."""
    jobs = listed(qtbot, services, window, 150, names=("张伟", "李四"))
    _load_all(qtbot, window, 150)
    gone = [True]
    _count_reads(window, fail=lambda _q, _a: DatabaseUnreachable("gone") if gone[0] else None)
    window.search_box.setText("李")
    window.apply_filters()
    settle(qtbot, window)
    window.table.scrollTo(window.model.index(100, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 100)
    gone[0] = False
    window.connection_banner.restored.emit()
    settle(qtbot, window)
    names = {window.model.row_of(r).customer_name for r in range(window.model.rowCount())}
    assert names == {"李四"}
    newest_li = max((j for j in jobs if j.customer.name == "李四"), key=lambda j: j.id).id
    assert window.table.rowAt(0) == 0, (window.table.rowAt(0), window.model.rowCount())
    assert _top_job(window) == newest_li


def test_the_connection_back_scrolled_deep_keeps_the_top_job(qtbot, services, window):
    """Scrolled deep (row 100 at the top), the server lost then back: the list is read again
    in one read and the same job is at the top."""
    listed(qtbot, services, window, 150)
    _load_all(qtbot, window, 150)
    window.table.scrollTo(window.model.index(100, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 100)
    top = _top_job(window)
    reads = _count_reads(window)
    window.connection_banner.restored.emit()
    settle(qtbot, window)
    assert _top_job(window) == top
    assert reads == [("", None, 150)]


# --- deep scrolls ------------------------------------------------------------------------------


def _synthetic(total: int) -> list[JobRow]:
    start = datetime(2026, 11, 25, 10, 0)
    return [
        JobRow(
            total - i,
            f"R20261125-{total - i:05d}",
            "张伟",
            "13812345678",
            "华为 Mate 60 Pro",
            f"SN{i}",
            Status.RECEIVED,
            Coverage.WARRANTY,
            start - timedelta(minutes=i),
            start - timedelta(minutes=i) + timedelta(hours=24),
            None,
            date(2026, 12, 2),
            "",
        )
        for i in range(total)
    ]


def test_ten_thousand_rows_scrolled_then_an_action_reads_once_and_keeps_the_top_job(
    qtbot, services, window
):
    """10,000 jobs scrolled through (row 9,000 at the top), then an action on a job: one read of
    the 10,000 rows, the same job at the top, the selection kept."""
    rows = _synthetic(10_000)

    def fetch(_query, after, limit):
        start = 0
        if after is not None:
            start = next(i for i, r in enumerate(rows) if r.id == after.id) + 1
        page = tuple(rows[start : start + limit])
        more = start + limit < len(rows)
        return JobPage(page, PageCursor(page[-1].checked_in_at, page[-1].id) if more else None)

    window.live.stop()
    window.model._fetch_page = fetch
    window.resize(1280, 800)
    window.apply_filters()
    settle(qtbot, window)
    _load_all(qtbot, window, 10_000)
    window.table.scrollTo(window.model.index(9000, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 9000)
    window.table.selectRow(9005)
    chosen, top = window.selected_job_id(), _top_job(window)
    reads = _count_reads(window)
    window.controller.job_changed.emit(chosen)
    settle(qtbot, window)
    assert reads == [("", None, 10_000)]
    assert _top_job(window) == top
    assert window.selected_job_id() == chosen


# --- another person signs in -------------------------------------------------------------------


def test_another_person_signing_in_reads_the_list_again(qtbot, services, window):
    """A technician signs in at this window (signed_in_as): the list is read again (a job
    cancelled meanwhile leaves the open list), the search kept."""
    jobs = listed(qtbot, services, window, 10)
    window.status_filter.setCurrentIndex(1)
    settle(qtbot, window)
    window.live.stop()
    technician = add_user(services, "tech", "李工", Role.TECHNICIAN)
    services.jobs.cancel(jobs[0].id, actor(services), "gone")
    window.signed_in_as(technician)
    settle(qtbot, window)
    assert jobs[0].id not in _ids(window)
    assert window.model.rowCount() == 9
    assert window.status_filter.currentIndex() == 1


def test_a_failing_page_on_its_way_the_windows_own_echo_still_shows_the_change(
    qtbot, services, window
):
    """As the failing-page case above, with the window following the database as at the shop:
    the window hears its own cancel ~300 ms later and reads the list in place, which is what
    takes the job off the list there (the action's own refresh was forgotten)."""
    jobs = listed(qtbot, services, window, 150)
    window.status_filter.setCurrentIndex(1)
    settle(qtbot, window)
    assert window.live.running
    fetch = window.model._fetch_page

    def busy_pages(query, after, limit):
        if after is not None:
            raise DatabaseBusy("busy")
        return fetch(query, after, limit)

    window.model._fetch_page = busy_pages
    target = jobs[-3]
    services.jobs.cancel(target.id, actor(services), "gone")
    window.table.scrollToBottom()
    assert window.model.fetching
    window.controller.job_changed.emit(target.id)
    qtbot.waitUntil(lambda: window.model.find_row(target.id) < 0, timeout=5000)
