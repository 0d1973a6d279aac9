"""The job list's layout follows a new list at once: a keystroke's search is painted once, not
painted and then laid out and painted again on the view's own timer."""

from __future__ import annotations

from desktop_app.ui.main_window import MainWindow
from tests.helpers import actor, check_in_form
from tests.ui.driving import wait_idle


def _forty_listed(qtbot, services, window: MainWindow) -> list[str]:
    """Forty jobs checked in and listed in a window of 1280x800 (more than a screen of rows):
    their numbers."""
    clerk = actor(services)
    numbers = [services.jobs.check_in(check_in_form(), clerk).number for _ in range(40)]
    window.resize(1280, 800)
    window.search_box.clear()
    window.apply_filters()
    wait_idle(qtbot)
    return numbers


def test_a_new_list_is_laid_out_before_it_is_painted(qtbot, services, window: MainWindow):
    """A search that leaves fewer rows than the screen holds: when its rows arrive the scroll
    range is already the new list's (the view's delayed layout came after the first paint and
    painted every row again: 3-4 ms more a keystroke at 1280x800, 1,000,000 jobs)."""
    numbers = _forty_listed(qtbot, services, window)
    bar = window.table.verticalScrollBar()
    assert window.model.rowCount() == 40 and bar.maximum() > 0
    seen: list[tuple[int, int]] = []
    window.model.loaded.connect(lambda: seen.append((window.model.rowCount(), bar.maximum())))
    window.search_box.setText(numbers[7])
    window.apply_filters()
    wait_idle(qtbot)
    assert seen and seen[0] == (1, 0), seen
    seen.clear()
    window.search_box.clear()
    window.apply_filters()
    wait_idle(qtbot)
    assert seen and seen[0][0] == 40 and seen[0][1] > 0, seen


def test_a_new_search_is_shown_from_its_top_reading_one_page(qtbot, services, window):
    """A clerk scrolled to the bottom of a long list types a search: its rows are shown from
    the top, and only its first page is read (left scrolled to the bottom, the new list's last
    row was in sight and the view read page after page: 260 rows for a keystroke's 60)."""
    clerk = actor(services)
    for _ in range(150):
        services.jobs.check_in(check_in_form(), clerk)
    window.resize(1280, 800)
    window.search_box.clear()
    window.apply_filters()
    wait_idle(qtbot)
    first_page = window.model.rowCount()
    assert first_page < 150
    window.table.scrollToBottom()
    wait_idle(qtbot)
    assert window.model.rowCount() > first_page  # scrolling down read more
    window.search_box.setText("张")  # every job's customer
    window.apply_filters()
    wait_idle(qtbot)
    qtbot.wait_until(lambda: not window.model.fetching)  # a page asked for would be on its way
    assert window.model.rowCount() == first_page
    assert window.table.verticalScrollBar().value() == 0


def test_the_list_keeps_its_width_as_a_search_narrows_it(qtbot, services, window):
    """A search that leaves fewer rows than a screen holds keeps the scroll bar (disabled), so
    the view neither widens nor lays out and paints its rows a second time, and its columns
    stay where the clerk saw them."""
    numbers = _forty_listed(qtbot, services, window)
    width = window.table.viewport().width()
    window.search_box.setText(numbers[3])
    window.apply_filters()
    wait_idle(qtbot)
    assert window.model.rowCount() == 1
    assert window.table.viewport().width() == width
    assert window.table.verticalScrollBar().isVisible()


def test_a_reload_of_the_same_list_keeps_its_place(qtbot, services, window):
    """After an action on a job the list is read again (the same search): it stays where the
    clerk was, not back at its top."""
    _forty_listed(qtbot, services, window)
    bar = window.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    assert place > 0
    window.refresh()
    wait_idle(qtbot)
    assert bar.value() == place
