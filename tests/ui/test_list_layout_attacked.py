"""Adversarial probes of the job list's layout changes (scrollToTop in apply_filters, a new list
laid out at once on modelReset, the vertical scroll bar always on): selection, scroll place,
pages read, select_when_loaded, the empty label, Enter, live updates."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.errors import DatabaseUnreachable
from desktop_app.domain.forms import JobQuery
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import FIRST_PAGE
from tests.helpers import actor, check_in_form
from tests.ui.listing import listed, settle

# Found by the adversary of 2026-12-02 (midday) and left: each marked test fails until fixed.
# (A reload after an action, read again from the first page, lost the place, the top job and
# the selection; a new search whose first read failed was read on after the old rows: fixed in
# the afternoon. Those tests pass.)
KNOWN_5 = (
    "the columns need about 1,030 px: at 1024 wide a list longer than a screen "
    "scrolled sideways before this session, and with the scroll bar kept a short one "
    "does too (noticed, left)"
)


def _count_reads(window: MainWindow) -> list[tuple[object, int]]:
    """Every page read from now on: (cursor, limit). The window stops following the database:
    a check-in the test makes is heard from it like another counter's (300 ms later, more under
    load), and its read in place would be counted with the ones under test."""
    window.live.stop()
    reads: list[tuple[object, int]] = []
    fetch = window.model._fetch_page

    def counted(query, after, limit):
        reads.append((after, limit))
        return fetch(query, after, limit)

    window.model._fetch_page = counted
    return reads


def _top_job(window: MainWindow) -> int:
    return window.model.row_of(window.table.rowAt(0)).id


def _visible(window: MainWindow, row: int) -> bool:
    rect = window.table.visualRect(window.model.index(row, 0))
    return window.table.viewport().rect().intersects(rect)


def _scrolled_deep(qtbot, window: MainWindow, top_row: int) -> None:
    window.table.scrollToBottom()
    settle(qtbot, window)
    window.table.scrollToBottom()
    settle(qtbot, window)
    window.table.scrollTo(window.model.index(top_row, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == top_row)


# --- a reload of the same list (after an action on a job) --------------------------------------


def test_reload_scrolled_past_the_first_page_keeps_the_rows_in_sight(qtbot, services, window):
    listed(qtbot, services, window, 150)
    _scrolled_deep(qtbot, window, 100)
    top = _top_job(window)
    window.refresh()
    settle(qtbot, window)
    assert _top_job(window) == top, (window.table.rowAt(0), window.model.rowCount())


def test_reload_scrolled_past_the_first_page_reads_one_page(qtbot, services, window):
    listed(qtbot, services, window, 150)
    _scrolled_deep(qtbot, window, 100)
    reads = _count_reads(window)
    window.refresh()
    settle(qtbot, window)
    assert len(reads) == 1, reads


def test_reload_after_another_counter_checked_in_keeps_the_rows_in_sight(qtbot, services, window):
    listed(qtbot, services, window, 40)
    bar = window.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = _top_job(window)
    services.jobs.check_in(check_in_form(), actor(services))  # the list grows at its top
    window.refresh()  # an action on a job at this counter
    settle(qtbot, window)
    assert _top_job(window) == top


def test_an_action_on_the_selected_job_keeps_it_selected_and_enter_opens_it(
    qtbot, services, window, monkeypatch
):
    jobs = listed(qtbot, services, window, 40)
    bar = window.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    row = window.table.rowAt(5)
    window.table.selectRow(row)
    chosen = window.selected_job_id()
    assert chosen is not None and chosen in {job.id for job in jobs}
    window.controller.job_changed.emit(chosen)  # what the job view says after an action
    settle(qtbot, window)
    assert window.selected_job_id() == chosen
    opened: list[int] = []
    monkeypatch.setattr(window, "_open_id", opened.append)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == [chosen]


# --- a new search or filter --------------------------------------------------------------------


def test_a_filter_changed_scrolled_deep_reads_one_page_from_the_top(qtbot, services, window):
    listed(qtbot, services, window, 150)
    _scrolled_deep(qtbot, window, 100)
    reads = _count_reads(window)
    window.status_filter.setCurrentIndex(1)  # open jobs: all of them
    settle(qtbot, window)
    assert reads == [(None, FIRST_PAGE)]
    assert window.table.verticalScrollBar().value() == 0
    assert window.table.rowAt(0) == 0


def test_scrolling_to_the_bottom_of_a_search_reads_on(qtbot, services, window):
    listed(qtbot, services, window, 150)
    window.search_box.setText("张")
    window.apply_filters()
    settle(qtbot, window)
    assert window.model.rowCount() == FIRST_PAGE
    window.table.scrollToBottom()
    settle(qtbot, window)
    assert window.model.rowCount() == 150


def test_a_search_typed_while_a_page_is_on_its_way_shows_only_the_search(qtbot, services, window):
    listed(qtbot, services, window, 150)
    window.table.scrollToBottom()  # a page of 200 asked for
    window.search_box.setText("no such customer")
    window.apply_filters()
    settle(qtbot, window)
    assert window.model.rowCount() == 0
    assert window.empty_label.isVisible()


def test_the_empty_label_sits_in_the_list_after_a_deep_scroll(qtbot, services, window):
    listed(qtbot, services, window, 150)
    _scrolled_deep(qtbot, window, 100)
    window.search_box.setText("nobody at all")
    window.apply_filters()
    settle(qtbot, window)
    label = window.empty_label
    assert label.isVisible() and "nobody at all" in label.text()
    viewport = window.table.viewport().rect()
    assert viewport.contains(label.geometry()), (label.geometry(), viewport)
    window.refresh()  # a reload of the same empty list
    settle(qtbot, window)
    assert label.isVisible()
    window.search_box.clear()
    window.apply_filters()
    settle(qtbot, window)
    assert not label.isVisible()
    assert window.model.rowCount() == FIRST_PAGE


def test_enter_opens_the_job_picked_with_the_keyboard_after_a_search(
    qtbot, services, window, monkeypatch
):
    jobs = listed(qtbot, services, window, 40)
    window.search_box.setText(jobs[7].number)
    window.apply_filters()
    settle(qtbot, window)
    opened: list[int] = []
    monkeypatch.setattr(window, "_open_id", opened.append)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened == [jobs[7].id]


# --- a check-in (select_when_loaded) -----------------------------------------------------------


def test_a_check_in_scrolled_deep_in_a_search_selects_and_shows_the_new_job(
    qtbot, services, window, monkeypatch
):
    listed(qtbot, services, window, 150)
    window.search_box.setText("张")
    window.apply_filters()
    settle(qtbot, window)
    _scrolled_deep(qtbot, window, 100)
    monkeypatch.setattr(window, "show_receipt", lambda *_a, **_k: None)
    reads = _count_reads(window)
    job = services.jobs.check_in(check_in_form(customer_name="李四"), actor(services))
    window.job_checked_in(job)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.selected_job_id() == job.id)
    assert _visible(window, window.model.find_row(job.id))
    assert window.search_box.text() == ""
    assert reads == [(None, FIRST_PAGE)]


def test_a_check_in_on_page_two_scrolled_deep_is_selected_and_in_sight(
    qtbot, services, window, clock, monkeypatch
):
    from datetime import datetime

    checked_in_at = clock.now
    clock.now = datetime(2026, 11, 25, 15, 0)
    listed(qtbot, services, window, 150)
    clock.now = checked_in_at
    _scrolled_deep(qtbot, window, 120)
    monkeypatch.setattr(window, "show_receipt", lambda *_a, **_k: None)
    job = services.jobs.check_in(check_in_form(customer_name="李四"), actor(services))
    window.job_checked_in(job)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window.selected_job_id() == job.id)
    row = window.model.find_row(job.id)
    assert row >= FIRST_PAGE
    assert _visible(window, row)


# --- live updates from another counter ---------------------------------------------------------


def test_a_live_update_after_a_search_keeps_selection_scroll_and_text(qtbot, services, window):
    listed(qtbot, services, window, 90, names=("张伟",))
    window.search_box.setText("张伟")
    window.apply_filters()
    settle(qtbot, window)
    window.table.scrollTo(window.model.index(30, 0), window.table.ScrollHint.PositionAtTop)
    window.table.selectRow(34)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 30)
    chosen, top = window.selected_job_id(), _top_job(window)
    services.jobs.check_in(check_in_form(customer_name="张伟"), actor(services))
    window.model.refresh_in_place()
    settle(qtbot, window)
    assert window.selected_job_id() == chosen
    assert _top_job(window) == top
    assert window.search_box.text() == "张伟"


def test_a_live_update_arriving_with_a_new_search_shows_the_search_from_its_top(
    qtbot, services, window
):
    listed(qtbot, services, window, 150)
    _scrolled_deep(qtbot, window, 100)
    window.search_box.setText("张")
    window.apply_filters()
    window.model.refresh_in_place()  # another counter's change, while the search is read
    settle(qtbot, window)
    assert window.table.verticalScrollBar().value() == 0
    assert window.model.rowCount() == FIRST_PAGE


# --- a failed read -------------------------------------------------------------------------------


def test_a_new_search_whose_read_fails_reads_no_page_of_it_after_the_old_rows(
    qtbot, services, window
):
    listed(qtbot, services, window, 150)
    fetch = window.model._fetch_page
    failing = [True]
    reads: list[str] = []

    def flaky(query, after, limit):
        reads.append(query.text)
        if failing[0]:
            raise DatabaseUnreachable("gone")
        return fetch(query, after, limit)

    window.model._fetch_page = flaky
    window.search_box.setText("nobody at all")
    window.apply_filters()
    settle(qtbot, window)
    failing[0] = False
    reads.clear()
    window.table.scrollToBottom()  # the old rows are still shown
    settle(qtbot, window)
    shown = {window.model.row_of(r).customer_name for r in range(window.model.rowCount())}
    # the list shows one search's rows: either the old list read on, or the new (empty) one
    assert not (reads and reads[0] == "nobody at all" and window.model.rowCount() > 0), (
        reads,
        shown,
    )


def test_a_new_search_whose_read_failed_is_shown_when_the_connection_is_back(
    qtbot, services, window
):
    """The new search's first read failed (the server gone): the old rows stay, no page is read
    on after them; once the server answers again the window reads what is shown again, and the
    list is the new search's, in one read."""
    listed(qtbot, services, window, 150)
    fetch = window.model._fetch_page
    failing = [True]
    reads: list[tuple[str, object, int]] = []

    def flaky(query, after, limit):
        reads.append((query.text, after, limit))
        if failing[0]:
            raise DatabaseUnreachable("gone")
        return fetch(query, after, limit)

    window.model._fetch_page = flaky
    window.live.stop()  # the test's own check-ins, heard later, would read the list in place
    window.search_box.setText(services.jobs.search(JobQuery(), limit=1).rows[0].number)
    window.apply_filters()
    settle(qtbot, window)
    assert window.model.rowCount() > 1  # the old rows stay while the server is gone
    window.table.scrollToBottom()
    settle(qtbot, window)
    # the first page asked for (once more: a lost connection's read is tried again), nothing
    # read on after the old rows with their cursor
    assert reads and all(after is None for _text, after, _limit in reads), reads
    failing[0] = False
    reads.clear()
    window.connection_banner.restored.emit()
    settle(qtbot, window)
    assert window.model.rowCount() == 1
    assert [text for text, _after, _limit in reads] == [window.search_box.text()]


@pytest.mark.xfail(strict=True, reason=KNOWN_5)
@pytest.mark.parametrize("count", [3, 150])
def test_a_1024_wide_window_has_no_sideways_scrolling(qtbot, services, window, count):
    listed(qtbot, services, window, count)
    window.resize(1024, 600)
    settle(qtbot, window)
    header = window.table.horizontalHeader()
    assert window.table.horizontalScrollBar().maximum() == 0, (
        header.length(),
        window.table.viewport().width(),
        window.width(),
        window.minimumSizeHint().width(),
    )


def test_a_key_typed_and_taken_back_leaves_the_list_where_it_was(qtbot, services, window):
    """The search box's text is the same once the search timer fires: the same list."""
    listed(qtbot, services, window, 40)
    window.table.scrollTo(window.model.index(10, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 10)
    top = _top_job(window)
    qtbot.keyClicks(window.search_box, "x")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: not window._search_timer.isActive())
    settle(qtbot, window)
    assert _top_job(window) == top


def test_enter_again_in_the_search_box_leaves_the_search_where_it_was(qtbot, services, window):
    listed(qtbot, services, window, 90, names=("张伟",))
    window.search_box.setText("张伟")
    window.apply_filters()
    settle(qtbot, window)
    window.table.scrollTo(window.model.index(20, 0), window.table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: window.table.rowAt(0) == 20)
    top = _top_job(window)
    window.search_box.setFocus()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)  # the same search, entered again
    settle(qtbot, window)
    assert _top_job(window) == top
