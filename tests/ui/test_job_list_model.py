"""The job list model: lazy keyset paging, Qt's model checks, correctness as jobs arrive."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QTableView

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui.fitting import fit_columns
from desktop_app.ui.labels import status_label
from desktop_app.ui.models.job_table_model import (
    DUE_TODAY_COLOUR,
    FIRST_PAGE,
    FOREGROUND_ROLE,
    JOB_ROW_ROLE,
    ON_TRACK_COLOUR,
    OVERDUE_COLOUR,
    PAGE_SIZE,
    JobTableModel,
)
from tests.helpers import actor, check_in_form


def make_model(services, clock) -> JobTableModel:
    return JobTableModel(
        lambda query, after, limit: services.jobs.search(query, after=after, limit=limit),
        WorkCalendar(package_calendar("CN")),
        lambda row: status_label(row.status),
        now=clock,
    )


def test_model_passes_qt_model_tester(qtmodeltester, services, database, clock):
    DemoGenerator(database, seed=3).run(450, datetime(2026, 11, 25, 10, 0))
    model = make_model(services, clock)
    model.reload()
    assert model.rowCount() == FIRST_PAGE
    # The tester itself fetches every page through canFetchMore/fetchMore.
    qtmodeltester.check(model, force_py=True)
    assert not model.canFetchMore()
    assert model.rowCount() == 450
    numbers = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert len(set(numbers)) == 450


def test_first_page_is_lazy_and_pages_continue_in_order(services, database, clock):
    DemoGenerator(database, seed=4).run(500, datetime(2026, 11, 25, 10, 0))
    model = make_model(services, clock)
    model.reload()
    assert model.rowCount() == FIRST_PAGE
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE  # then pages grow with what was read
    model.fetchMore()
    assert model.rowCount() == 500
    rows = [model.data(model.index(r, 0), JOB_ROW_ROLE) for r in range(model.rowCount())]
    keys = [(row.checked_in_at, row.id) for row in rows]
    assert keys == sorted(keys, reverse=True)


def test_list_stays_correct_while_jobs_are_added(qtmodeltester, services, clock):
    manager = actor(services)
    model = make_model(services, clock)
    model.reload()
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)  # stays connected: checks every reset below
    for minute in range(3):
        clock.now = datetime(2026, 11, 25, 10, minute)
        job = services.jobs.check_in(check_in_form(), manager)
        model.reload()
        assert model.rowCount() == minute + 1
        assert model.data(model.index(0, 0)) == job.number  # newest first


def test_working_days_column_colours_overdue_due_today_and_on_track(services, clock):
    manager = actor(services)
    clock.now = datetime(2026, 9, 30, 10, 0)
    services.jobs.check_in(check_in_form(), manager)  # due 2026-10-13
    model = make_model(services, clock)
    cases = {
        datetime(2026, 10, 9, 12, 0): ("3 working days left", ON_TRACK_COLOUR),
        datetime(2026, 10, 12, 12, 0): ("1 working day left", ON_TRACK_COLOUR),
        datetime(2026, 10, 13, 12, 0): ("due today", DUE_TODAY_COLOUR),
        datetime(2026, 10, 14, 12, 0): ("overdue by 1 working day", OVERDUE_COLOUR),
        datetime(2026, 10, 15, 12, 0): ("overdue by 2 working days", OVERDUE_COLOUR),
    }
    for moment, (text, colour) in cases.items():
        clock.now = moment
        model.set_query(JobQuery())
        days_left = model.index(0, JobTableModel.DAYS_LEFT)
        assert model.data(days_left) == text
        assert model.data(days_left, FOREGROUND_ROLE) == colour
        assert model.data(model.index(0, JobTableModel.PRODUCT), FOREGROUND_ROLE) is None


def test_the_view_paints_the_clock_in_its_colour(qtbot, services, clock):
    """The model hands Qt a QColor for the foreground; the view must paint the text in it."""
    manager = actor(services)
    clock.now = datetime(2026, 9, 30, 10, 0)
    services.jobs.check_in(check_in_form(), manager)  # due 2026-10-13
    clock.now = datetime(2026, 10, 15, 12, 0)  # overdue
    model = make_model(services, clock)
    model.reload()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(1400, 200)
    fit_columns(view)
    view.show()  # the product column takes what is left once the view is laid out
    qtbot.waitExposed(view)
    cell = view.visualRect(model.index(0, JobTableModel.DAYS_LEFT))
    image = view.viewport().grab(cell).toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    # Anti-aliased text has in-between shades; its darkest pixels are the colour itself.
    assert OVERDUE_COLOUR.name() in colours
