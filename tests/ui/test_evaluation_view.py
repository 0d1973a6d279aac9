"""The manager's evaluation window (issue 14): the period picker, the figures and technicians
tables, the charts, the jobs behind a figure, and what a failed read shows.

Most tests drive the window over a hand-built evaluation (tests/ui/evaluation_sample.py), the
report call passed in as the service would be; the window's own menu is tested on a real one.
"""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCharts import (
    QBarSeries,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app.app import create_application
from desktop_app.domain.errors import DomainError, RuleRefusal
from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    Evaluation,
    FigureSelection,
    JobFigure,
    Period,
    PeriodKind,
    figure_rows,
)
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobPage, JobRow, PageCursor
from desktop_app.domain.vocabulary import ComplaintCategory, Coverage
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.receipts.evaluation_report import write_evaluation_pdf
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.evaluation_dialog import EvaluationDialog, next_period
from desktop_app.ui.labels import label
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.evaluation_models import (
    BETTER_COLOUR,
    RECORD_ROLE,
    WORSE_COLOUR,
    FigureTableModel,
    TechnicianTableModel,
)
from desktop_app.ui.models.job_table_model import JobTableModel
from desktop_app.ui.resources import install_translator, text_translator
from desktop_app.ui.widgets.evaluation_charts import FigureChart
from tests.helpers import actor, add_user
from tests.ui.driving import run_modal, wait_idle
from tests.ui.evaluation_sample import empty_evaluation, sample_evaluation

TODAY = date(2026, 12, 3)
NOVEMBER = Period.month(2026, 11)


def job_row(job_id: int) -> JobRow:
    moment = datetime(2026, 11, 2, 9, 0)
    return JobRow(
        job_id,
        f"R20261102-{job_id:04d}",
        "李雷",
        "13812345678",
        "华为 Mate 60",
        "SN1",
        Status.READY_FOR_PICKUP,
        Coverage.WARRANTY,
        moment,
        moment,
        moment,
        date(2026, 11, 9),
        "李师傅",
    )


class FakeJobs:
    """The job list's page reads: what was asked, and three jobs a page."""

    def __init__(self) -> None:
        self.queries: list[JobQuery] = []

    def __call__(self, query: JobQuery, after: PageCursor | None, limit: int) -> JobPage:
        self.queries.append(query)
        return JobPage(tuple(job_row(n) for n in (11, 12, 13)), None)


class FakeReport:
    def __init__(self, make=sample_evaluation) -> None:
        self.periods: list[Period] = []
        self._make = make

    def __call__(self, period: Period) -> Evaluation:
        self.periods.append(period)
        return self._make(period)


@pytest.fixture
def opened(qtbot):
    """Open the window over a report; returns (window, report, jobs, jobs opened)."""
    create_application()

    def open_window(report=None, **exports):
        report = report or FakeReport()
        jobs, opened_jobs = FakeJobs(), []
        window = EvaluationDialog(
            report,
            jobs,
            calendar=WorkCalendar(package_calendar("CN")),
            today=TODAY,
            translate=text_translator(),
            open_job=opened_jobs.append,
            **exports,
        )
        qtbot.addWidget(window)
        window.show()
        wait_idle(qtbot)
        return window, report, jobs, opened_jobs

    return open_window


def double_click(qtbot, table, index) -> None:
    """A person's double-click: a click, then the second press Qt reports as a double."""
    table.scrollTo(index)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def values(bars) -> list[float]:
    return [bars.at(i) for i in range(bars.count())]


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def test_the_figures_table_shows_every_figure_row_as_a_manager_reads_it(opened, qtmodeltester):
    window, report, _jobs, _opened = opened()
    assert report.periods == [NOVEMBER]  # the last complete month, before anything is touched
    model = window.figures
    rows = figure_rows(window.evaluation)
    assert model.rowCount() == len(rows)
    assert [cell(model, n, 0, RECORD_ROLE).key for n in range(len(rows))] == [r.key for r in rows]
    response = model.find("first_response_on_time")
    assert cell(model, response, 0) == "First response within 24 hours ²"
    assert cell(model, response, 1) == "92.0% (46 / 50)"
    assert cell(model, response, 2) == "80.0% (40 / 50)"
    assert cell(model, response, 3) == "+12.0 pp ▲"
    assert cell(model, response, 3, Qt.ItemDataRole.ForegroundRole) == BETTER_COLOUR
    repair = model.find("repair_on_time")
    assert cell(model, repair, 3) == "-4.6 pp ▼"
    assert cell(model, repair, 3, Qt.ItemDataRole.ForegroundRole) == WORSE_COLOUR
    overdue = model.find("overdue_at_end")  # fewer overdue jobs: good news, in green
    assert cell(model, overdue, 3) == "-2 ▼"
    assert cell(model, overdue, 3, Qt.ItemDataRole.ForegroundRole) == BETTER_COLOUR
    received = model.find("received.total")  # fewer jobs received is neither good nor bad
    assert cell(model, received, 3) == "-120 ▼"
    assert cell(model, received, 3, Qt.ItemDataRole.ForegroundRole) is None
    resolved = model.find("complaints.resolved_on_time")  # nothing fell due: no made-up rate
    assert [cell(model, resolved, c) for c in (1, 2, 3)] == ["—", "—", "—"]
    tip = cell(model, response, 0, Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("2. First response on time: of the jobs checked in")
    assert "Double-click" in tip
    assert "2026-11" in model.headerData(1, Qt.Orientation.Horizontal)
    assert "2026-10" in model.headerData(2, Qt.Orientation.Horizontal)
    qtmodeltester.check(model)
    qtmodeltester.check(window.technicians)
    technicians = window.technicians
    assert technicians.rowCount() == 3
    assert cell(technicians, 0, 0) == "李师傅"
    assert cell(technicians, 0, 2) == "93.3% (28 / 30)"
    assert cell(technicians, 2, 2) == "—"


def test_the_period_picker_steps_and_switches_kinds(opened, qtbot):
    window, report, _jobs, _opened = opened()
    assert window.kind_box.currentData() == PeriodKind.MONTH.value
    assert window.period_label.text() == "2026-11"
    assert not window.from_edit.isEnabled()
    window.previous_button.click()
    wait_idle(qtbot)
    assert report.periods[-1] == Period.month(2026, 10)
    assert window.evaluation.current.period == Period.month(2026, 10)
    window.next_button.click()
    window.next_button.click()  # December, the month under way
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.month(2026, 12)
    assert not window.next_button.isEnabled()  # no report of a month not begun
    window.kind_box.setCurrentIndex(window.kind_box.findData(PeriodKind.QUARTER.value))
    wait_idle(qtbot)
    assert report.periods[-1] == Period.quarter(2026, 4)
    window.previous_button.click()
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.quarter(2026, 3)
    window.kind_box.setCurrentIndex(window.kind_box.findData(PeriodKind.YEAR.value))
    wait_idle(qtbot)
    assert report.periods[-1] == Period.year(2026)
    asked = len(report.periods)
    window.kind_box.setCurrentIndex(window.kind_box.findData(PeriodKind.CUSTOM.value))
    assert len(report.periods) == asked  # nothing read until the dates are chosen
    assert window.from_edit.isEnabled() and window.show_button.isVisible()
    window.from_edit.setDate(date(2026, 11, 3))
    window.to_edit.setDate(date(2026, 11, 20))
    window.show_button.click()
    wait_idle(qtbot)
    custom = Period(date(2026, 11, 3), date(2026, 11, 20))
    assert window.evaluation.current.period == custom
    assert window.figures.headerData(2, Qt.Orientation.Horizontal).endswith(
        custom.previous().label()
    )
    window.previous_button.click()  # the same number of days just before
    wait_idle(qtbot)
    assert window.evaluation.current.period == custom.previous()
    window.from_edit.setDate(date(2026, 10, 1))  # a whole month typed is read as the month
    window.to_edit.setDate(date(2026, 10, 31))
    window.show_button.click()
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.month(2026, 10)
    assert window.kind_box.currentData() == PeriodKind.MONTH.value


def test_the_to_date_cannot_go_before_the_from_date(opened):
    window, _report, _jobs, _opened = opened()
    window.kind_box.setCurrentIndex(window.kind_box.findData(PeriodKind.CUSTOM.value))
    window.from_edit.setDate(date(2026, 11, 20))
    window.to_edit.setDate(date(2026, 11, 3))
    assert window.to_edit.date().toPython() == date(2026, 11, 20)


def test_a_period_answered_late_does_not_replace_the_one_picked_since(opened, qtbot):
    """Clicking back twice quickly: the answer for the month in between, should it arrive
    last, is dropped."""
    gate = threading.Event()

    def slow_for_october(period: Period) -> Evaluation:
        if period == Period.month(2026, 10):
            gate.wait(10)
        return sample_evaluation(period)

    window, _report, _jobs, _opened = opened(slow_for_october)
    window.previous_button.click()  # October: held
    window.previous_button.click()  # September
    qtbot.waitUntil(lambda: window.evaluation.current.period == Period.month(2026, 9))
    gate.set()
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.month(2026, 9)
    assert window.period == Period.month(2026, 9)


def test_the_charts_draw_the_figures(opened):
    window, _report, _jobs, _opened = opened()
    cards = window.charts.cards
    assert all(card.has_data for card in cards.values())
    weekly = cards["weekly"].series()
    assert [type(s) for s in weekly] == [QLineSeries, QLineSeries]
    weeks = window.evaluation.current.weekly
    assert weekly[0].count() == len(weeks) == len(NOVEMBER.weeks())
    # Weeks without a ready repair have no point (not a 0 % dip).
    assert weekly[1].count() == sum(1 for w in weeks if w.repair_on_time.of)
    assert [p.y() for p in weekly[0].points()] == [90.0] * len(weeks)
    (days,) = cards["days_taken"].series()
    assert isinstance(days, QBarSeries)
    assert [bars.count() for bars in days.barSets()] == [len(DAY_BUCKETS)] * 2
    assert values(days.barSets()[0]) == [10, 8, 9, 7, 6, 3, 1]
    (complaints,) = cards["complaints"].series()
    assert [bars.count() for bars in complaints.barSets()] == [len(ComplaintCategory)] * 2
    # Lying bars: each category's name beside its bars, read whole ("Service attitude", not
    # "Service attitu…" under a standing bar), the first category at the top.
    assert isinstance(complaints, QHorizontalBarSeries)
    names = cards["complaints"].chart.axes(Qt.Orientation.Vertical)[0].categories()
    assert names == [label(c) for c in reversed(ComplaintCategory)]
    assert values(complaints.barSets()[0])[-1] == 3  # Delay, at the top
    (people,) = cards["technicians"].series()
    assert isinstance(people, QHorizontalStackedBarSeries)
    on_time, late = people.barSets()
    # The technician with nothing completed has no bar; the first listed is drawn at the top.
    assert values(on_time) == [12, 28]
    assert values(late) == [2, 2]


def test_an_empty_period_shows_dashes_and_charts_that_say_so(opened):
    window, _report, _jobs, _opened = opened(FakeReport(empty_evaluation))
    model = window.figures
    for key in ("first_response_on_time", "repair_on_time", "satisfaction.surveyed"):
        row = model.find(key)
        assert [cell(model, row, c) for c in (1, 2, 3)] == ["—", "—", "—"]
    assert cell(model, model.find("received.total"), 1) == "0"
    assert window.technicians.rowCount() == 0
    for card in window.charts.cards.values():
        assert not card.has_data
        assert "No data in this period." in card.empty.text()
        assert card.series() == []


def test_double_clicking_a_figure_lists_the_jobs_behind_it(opened, qtbot):
    window, _report, jobs, opened_jobs = opened()
    assert not window.jobs_panel.isVisible()
    table = window.figure_table
    row = window.figures.find("repair_on_time")
    double_click(qtbot, table, window.figures.index(row, 0))
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.READY, NOVEMBER))
    assert jobs.queries[-1].figure.as_of == window.evaluation.generated_at  # the report's now
    assert window.jobs_panel.isVisible()
    # Which figure, which of its jobs and how many, which period.
    assert window.jobs_title.text() == "Repair within 5 working days · jobs: 44 · 2026-11"
    assert window.jobs.rowCount() == 3
    job_table = window.job_table
    double_click(qtbot, job_table, window.jobs.index(1, 0))
    assert opened_jobs == [12]
    # A figure with no job list behind it (the consultation log) lists nothing.
    asked = len(jobs.queries)
    table.activated.emit(window.figures.index(window.figures.find("received.consultations"), 0))
    wait_idle(qtbot)
    assert len(jobs.queries) == asked
    assert window.selection == FigureSelection(JobFigure.READY, NOVEMBER)
    window.clear_jobs_button.click()
    wait_idle(qtbot)
    assert not window.jobs_panel.isVisible() and window.jobs.rowCount() == 0
    assert len(jobs.queries) == asked  # closing the list reads nothing


def test_the_figure_read_fills_the_width_beside_the_table(opened, qtbot):
    """At 1366×768 the figures table keeps its words' width and the figure read takes the rest:
    its name, both periods with their counts, the change, the whole definition, its chart."""
    window, _report, _jobs, _opened = opened()
    window.resize(1366, 728)
    wait_idle(qtbot)
    table, panel = window.figure_table, window.figure_panel
    header = table.horizontalHeader()
    assert panel.isVisible()
    assert panel.geometry().left() >= table.geometry().right()
    assert panel.width() > window.width() // 2  # not an empty half of the window
    assert table.viewport().width() >= header.length()  # the table never scrolls sideways
    # Nothing picked yet: the first figure.
    assert panel.name.text() == "Jobs received"
    assert panel.values[0].text() == "120" and panel.values[1].text() == "240"
    assert panel.definition.text().startswith("1. Received: jobs checked in")
    assert panel.list_button.isVisible() and panel.list_button.text() == "List the jobs (120)"
    assert not panel.late_button.isVisible()
    # A rate: its share with its counts, the change in colour, its weeks.
    row = window.figures.find("repair_on_time")
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(window.figures.index(row, 0)).center(),
    )
    assert panel.name.text() == "Repair within 5 working days"
    assert [v.text() for v in panel.values] == ["90.9%", "95.5%", "-4.6 pp ▼"]
    assert [d.text() for d in panel.details[:2]] == ["40 of 44", "42 of 44"]
    assert WORSE_COLOUR.name() in panel.values[2].styleSheet()
    assert panel.definition.text().startswith("3. Repair on time: of the jobs that became")
    assert panel.late_button.isVisible() and panel.late_button.text() == "List the late ones (4)"
    assert panel.chart.isVisible() and panel.chart.has_data
    (line,) = panel.chart.series()
    assert isinstance(line, QLineSeries)
    weeks = window.evaluation.current.weekly
    assert line.count() == sum(1 for w in weeks if w.repair_on_time.of)
    # A count with no jobs and no chart to add says so, and draws nothing.
    table.setCurrentIndex(window.figures.index(window.figures.find("received.consultations"), 0))
    assert not panel.list_button.isVisible() and panel.no_jobs.isVisible()
    assert not panel.chart.isVisible()
    assert not panel.details[0].isVisible()  # no empty line under a count
    # Another month: the same figure is read there.
    table.setCurrentIndex(window.figures.index(row, 0))
    window.previous_button.click()
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.month(2026, 10)
    assert panel.row.key == "repair_on_time"
    assert panel.captions[0].text() == "This period 2026-10"


def test_a_rate_lists_its_late_ones_from_the_panel_and_the_list(opened, qtbot):
    """ "Which ones were late?": one click from the rate, and back to all of them."""
    window, _report, jobs, _opened = opened()
    panel = window.figure_panel
    window.figure_table.setCurrentIndex(
        window.figures.index(window.figures.find("first_response_on_time"), 0)
    )
    panel.late_button.click()
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.RESPONSE_LATE, NOVEMBER))
    assert window.jobs_title.text() == (
        "First response within 24 hours · answered late or never: 4 · 2026-11"
    )
    assert window.late_only.isVisible() and window.late_only.isChecked()
    window.late_only.click()
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.RESPONSE_DUE, NOVEMBER))
    assert window.jobs_title.text() == "First response within 24 hours · jobs: 50 · 2026-11"
    panel.list_button.click()
    wait_idle(qtbot)
    assert not window.late_only.isChecked()
    # A count's jobs have no late ones to pick.
    window.figure_table.activated.emit(
        window.figures.index(window.figures.find("repeat_repairs"), 0)
    )
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.REPEAT, NOVEMBER))
    assert window.jobs_title.text() == "Repeat repairs (within 90 days) · jobs: 3 · 2026-11"
    assert not window.late_only.isVisible()


def test_a_periods_jobs_show_no_working_days_left_column(opened, qtbot):
    """The list's clock column counts working days left from today: blank for the period's
    handed-back jobs, meaningless for a month gone. Hidden there; a first response's verdict
    stays. The model is the main window's, and keeps its column."""
    window, _report, _jobs, _opened = opened()
    table = window.job_table
    for key in ("repair_on_time", "received.total", "open_at_end"):
        window.figure_table.activated.emit(window.figures.index(window.figures.find(key), 0))
        wait_idle(qtbot)
        assert table.isColumnHidden(JobTableModel.DAYS_LEFT), key
    window.figure_table.activated.emit(
        window.figures.index(window.figures.find("first_response_on_time"), 0)
    )
    wait_idle(qtbot)
    assert not table.isColumnHidden(JobTableModel.DAYS_LEFT)
    assert cell(window.jobs, 0, JobTableModel.DAYS_LEFT) == "responded on time"
    assert window.jobs.columnCount() == JobTableModel.COLUMN_COUNT


def test_the_jobs_title_is_in_the_managers_language(opened, qtbot, monkeypatch):
    import desktop_app

    here = Path(desktop_app.__file__).resolve().parent.parent / "resources"
    monkeypatch.setattr(
        "desktop_app.ui.resources.resource_path", lambda *parts: str(here.joinpath(*parts))
    )
    app = create_application()
    install_translator(app, "zh_CN")
    try:
        window, _report, _jobs, _opened = opened()
        row = window.figures.find("repair_on_time")
        double_click(qtbot, window.figure_table, window.figures.index(row, 0))
        wait_idle(qtbot)
        assert window.jobs_title.text() == "5 个工作日内修好 · 工单：44 · 2026-11"
        window.late_only.click()
        wait_idle(qtbot)
        assert window.jobs_title.text() == "5 个工作日内修好 · 超时修好的工单：4 · 2026-11"
        assert window.late_only.text() == "只看超时的"
        panel = window.figure_panel
        assert panel.definition.text().startswith("3. 维修及时率")
        assert panel.late_button.text() == "列出超时的（4）"
    finally:
        install_translator(app, "en")


def test_a_redrawn_chart_keeps_nothing_of_the_chart_before(qtbot):
    """QtCharts draws the labels of an axis removed from a chart under the next one's: the
    complaint categories stayed under the weekly lines. A chart drawn after another shows
    exactly what it shows drawn alone."""
    create_application()
    evaluation = sample_evaluation(NOVEMBER)

    def texts_drawn(*keys: str) -> int:
        chart = FigureChart()
        qtbot.addWidget(chart)
        chart.resize(600, 400)
        chart.show()
        for key in keys:
            assert chart.show_figure(evaluation, key)
            wait_idle(qtbot)
            chart.grab()
        text_item = 8  # QGraphicsTextItem.Type: the axes' and the title's words
        items = chart.view.scene().items()
        return sum(1 for item in items if item.type() == text_item and item.isVisible())

    alone = texts_drawn("repair_on_time")
    assert alone > 0
    assert texts_drawn("complaints.received", "repair_on_time") == alone
    assert texts_drawn("working_days_taken.average", "repair_on_time") == alone
    chart = FigureChart()
    qtbot.addWidget(chart)
    assert not chart.show_figure(evaluation, "open_at_end")  # a single count: no chart


def test_a_technician_lists_the_jobs_they_completed(opened, qtbot):
    window, _report, jobs, _opened = opened()
    window.tabs.setCurrentWidget(window.technician_table)
    table = window.technician_table
    double_click(qtbot, table, window.technicians.index(1, 0))
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.READY, NOVEMBER, 8))
    assert window.jobs_title.text() == "Zhang Wei · jobs completed: 14 · 2026-11"
    # Which of theirs were late: the same technician's misses.
    window.late_only.click()
    wait_idle(qtbot)
    assert jobs.queries[-1] == JobQuery(figure=FigureSelection(JobFigure.REPAIR_LATE, NOVEMBER, 8))
    assert window.jobs_title.text() == "Zhang Wei · ready late: 2 · 2026-11"


def test_the_jobs_of_another_period_leave_when_the_period_changes(opened, qtbot):
    window, _report, _jobs, _opened = opened()
    row = window.figures.find("received.total")
    window.figure_table.activated.emit(window.figures.index(row, 0))
    wait_idle(qtbot)
    assert window.jobs_panel.isVisible()
    window.previous_button.click()
    wait_idle(qtbot)
    assert not window.jobs_panel.isVisible() and window.selection is None


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (RuntimeError("connection reset by peer"), "The database did not answer"),
        (RuleRefusal("you may not do this"), "you may not do this"),
    ],
)
def test_a_failed_read_is_said_in_words_never_a_traceback(opened, monkeypatch, error, said):
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append((title, text)))

    def refuse(period: Period) -> Evaluation:
        raise error

    window, _report, _jobs, _opened = opened(refuse)
    assert len(shown) == 1
    title, text = shown[0]
    assert title == "Cannot read the evaluation"
    assert said in text and "Traceback" not in text and "connection reset" not in text
    assert window.figures.rowCount() == 0


# --- the window's menu, on a real database -----------------------------------------------------


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
def test_only_a_manager_finds_the_evaluation(qtbot, services, ui_settings, clock, role):
    create_application()
    person = add_user(services, "someone", "王晓红", role)
    window = MainWindow(services, person, ui_settings, now=clock)
    qtbot.addWidget(window)
    wait_idle(qtbot)
    assert not window.evaluation_action.isVisible()
    assert not window.evaluation_action.isEnabled()
    assert window.evaluation_action not in [a for a in window.desk_menu.actions() if a.isVisible()]


def test_the_manager_finds_the_evaluation_in_the_service_desk_menu(
    qtbot, services, ui_settings, clock
):
    create_application()
    manager = add_user(services, "boss", "张经理", Role.MANAGER)
    window = MainWindow(services, manager, ui_settings, now=clock)
    qtbot.addWidget(window)
    wait_idle(qtbot)
    assert window.evaluation_action in window.desk_menu.actions()
    assert window.evaluation_action.isVisible() and window.evaluation_action.isEnabled()
    assert window.evaluation_action.text() == "&Evaluation…"


def test_next_period_follows_the_kind() -> None:
    assert next_period(Period.month(2026, 12)) == Period.month(2027, 1)
    assert next_period(Period.quarter(2026, 4)) == Period.quarter(2027, 1)
    assert next_period(Period.year(2026)) == Period.year(2027)
    custom = Period(date(2026, 11, 3), date(2026, 11, 20))
    assert next_period(custom) == Period(date(2026, 11, 21), date(2026, 12, 8))
    assert next_period(custom).previous() == custom


def test_the_models_are_sound_when_empty(qtmodeltester) -> None:
    create_application()
    figures, technicians = FigureTableModel(text_translator()), TechnicianTableModel()
    qtmodeltester.check(figures)
    qtmodeltester.check(technicians)
    figures.show(sample_evaluation(NOVEMBER))
    qtmodeltester.check(figures)


# --- saving the report ---------------------------------------------------------------------------


def test_without_exports_there_are_no_save_buttons(opened):
    window, _report, _jobs, _opened = opened()
    assert window.export_buttons == {}
    assert window.findChild(QPushButton, "save_pdf") is None


def test_save_pdf_writes_the_report_of_the_period_shown(opened, qtbot, tmp_path, monkeypatch):
    translate = text_translator()
    window, _report, _jobs, _opened = opened(
        save_pdf=lambda evaluation, path: write_evaluation_pdf(evaluation, path, translate)
    )
    button = window.export_buttons["pdf"]
    assert button.isEnabled() and button.text() == "Save PDF…"
    assert window.suggested_name("pdf") == "evaluation-2026-11.pdf"
    monkeypatch.setattr(window, "ask_save_path", lambda kind: str(tmp_path / "november"))
    button.click()
    wait_idle(qtbot)
    written = tmp_path / "november.pdf"
    assert written.read_bytes().startswith(b"%PDF-")
    assert str(written) in window.hint.text()


def test_a_file_we_did_not_make_is_never_written_over(opened, qtbot, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    translate = text_translator()
    window, _report, _jobs, _opened = opened(
        save_pdf=lambda evaluation, path: write_evaluation_pdf(evaluation, path, translate)
    )
    theirs = tmp_path / "head-office.pdf"
    theirs.write_bytes(b"%PDF-1.4 somebody else's")
    monkeypatch.setattr(window, "ask_save_path", lambda kind: str(theirs))
    window.export_buttons["pdf"].click()
    wait_idle(qtbot)
    assert theirs.read_bytes() == b"%PDF-1.4 somebody else's"
    assert len(shown) == 1 and "not made by Repair Counter" in shown[0]
    assert window.export_buttons["pdf"].isEnabled()  # free to try another name


def test_save_excel_hands_the_export_the_evaluation_shown(opened, qtbot, tmp_path, monkeypatch):
    asked: list[tuple[Period, Path]] = []

    def save_workbook(evaluation: Evaluation, path: Path) -> Path:
        asked.append((evaluation.current.period, path))
        path.write_bytes(b"PK")
        return path

    window, _report, _jobs, _opened = opened(save_workbook=save_workbook)
    assert "pdf" not in window.export_buttons
    window.previous_button.click()
    wait_idle(qtbot)
    monkeypatch.setattr(window, "ask_save_path", lambda kind: str(tmp_path / "oct.xlsx"))
    window.export_buttons["xlsx"].click()
    wait_idle(qtbot)
    assert asked == [(Period.month(2026, 10), tmp_path / "oct.xlsx")]


def test_a_folder_that_cannot_be_written_is_said_in_words(opened, qtbot, tmp_path, monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    translate = text_translator()
    window, _report, _jobs, _opened = opened(
        save_pdf=lambda evaluation, path: write_evaluation_pdf(evaluation, path, translate)
    )
    target = tmp_path / "no such folder" / "report.pdf"
    monkeypatch.setattr(window, "ask_save_path", lambda kind: str(target))
    window.export_buttons["pdf"].click()
    wait_idle(qtbot)
    assert len(shown) == 1
    assert str(target) in shown[0] and "Traceback" not in shown[0]
    assert "database" not in shown[0]


def test_cancelling_the_file_dialog_writes_nothing(opened, qtbot, monkeypatch):
    calls: list[object] = []
    window, _report, _jobs, _opened = opened(save_pdf=lambda e, p: calls.append(p) or p)
    monkeypatch.setattr(window, "ask_save_path", lambda kind: "")
    window.export_buttons["pdf"].click()
    wait_idle(qtbot)
    assert calls == []


# --- on a real database ----------------------------------------------------------------------


def manager_window(qtbot, services, ui_settings, clock) -> tuple[MainWindow, EvaluationDialog]:
    create_application()
    window = MainWindow(services, actor(services), ui_settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    window.evaluation_action.trigger()
    wait_idle(qtbot)
    evaluation = window.evaluation_window
    assert isinstance(evaluation, EvaluationDialog) and evaluation.isVisible()
    return window, evaluation


def every_job(qtbot, model) -> list[int]:
    while model.canFetchMore():
        model.fetchMore()
        wait_idle(qtbot)
    return [model.row_of(n).id for n in range(model.rowCount())]


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: no window stack
def test_on_a_demo_database_the_window_shows_the_service_figures_and_their_jobs(
    qtbot, services, database, ui_settings, clock
):
    DemoGenerator(database, seed=7).run(400, datetime(2026, 11, 25, 10, 0))
    window, evaluation = manager_window(qtbot, services, ui_settings, clock)
    october = Period.month(2026, 10)  # the last complete month on the test's clock
    assert evaluation.evaluation.current.period == october
    expected = services.evaluation.report(october, actor(services))
    rows = figure_rows(expected)
    assert evaluation.figures.rowCount() == len(rows)
    for n, row in enumerate(rows):
        assert cell(evaluation.figures, n, 0, RECORD_ROLE) == row
    repair = expected.current.repair_on_time
    assert repair.of > 0
    shown = cell(evaluation.figures, evaluation.figures.find("repair_on_time"), 1)
    assert shown == f"{repair.count / repair.of * 100:.1f}% ({repair.count} / {repair.of})"
    weekly = evaluation.charts.cards["weekly"].series()
    weeks = expected.current.weekly
    assert weekly[0].count() == sum(1 for w in weeks if w.first_response_on_time.of)
    assert weekly[1].count() == sum(1 for w in weeks if w.repair_on_time.of)
    # The jobs behind the repair rate: exactly the rate's jobs.
    row = evaluation.figures.find("repair_on_time")
    evaluation.figure_table.activated.emit(evaluation.figures.index(row, 0))
    wait_idle(qtbot)
    listed = every_job(qtbot, evaluation.jobs)
    assert len(listed) == len(set(listed)) == repair.of
    # A technician's: the jobs they completed.
    technician = next(t for t in expected.current.per_technician if t.completed)
    place = [t.technician_id for t in expected.current.per_technician].index(
        technician.technician_id
    )
    evaluation.technician_table.activated.emit(evaluation.technicians.index(place, 0))
    wait_idle(qtbot)
    assert len(every_job(qtbot, evaluation.jobs)) == technician.completed
    # Another month, from the picker.
    evaluation.previous_button.click()
    wait_idle(qtbot)
    assert evaluation.evaluation.current.period == Period.month(2026, 9)
    # A job opens in the usual job view.
    evaluation.figure_table.activated.emit(evaluation.figures.index(row, 0))
    wait_idle(qtbot)
    first = evaluation.jobs.row_of(0)
    seen: list[str] = []

    def look(dialog) -> None:
        seen.append(dialog.objectName())
        assert first.number in dialog.windowTitle()
        dialog.reject()

    run_modal(
        qtbot,
        lambda: evaluation.job_table.activated.emit(evaluation.jobs.index(0, 0)),
        look,
    )
    assert seen == ["job_dialog"]
    # Opened again, the window already open comes forward (no second one).
    window.evaluation_action.trigger()
    assert window.evaluation_window is evaluation


def test_on_an_empty_database_rates_are_dashes_and_charts_say_so(
    qtbot, services, ui_settings, clock
):
    _window, evaluation = manager_window(qtbot, services, ui_settings, clock)
    model = evaluation.figures
    for key in ("first_response_on_time", "repair_on_time"):
        assert cell(model, model.find(key), 1) == "—"
    assert all(not card.has_data for card in evaluation.charts.cards.values())
    assert set(evaluation.export_buttons) == {"pdf", "xlsx"}


def test_the_service_refuses_a_clerk_even_without_the_menu(services, clock):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    with pytest.raises(DomainError):
        services.evaluation.report(Period.month(2026, 10), clerk)


def test_the_dates_stay_within_the_years_a_report_covers(opened, qtbot):
    """Typing the last day there is used to overflow picking the period after it (an
    OverflowError on the GUI thread); the picker now offers 2000-2099 only, and the last
    period has no next."""
    window, _report, _jobs, _opened = opened()
    window.kind_box.setCurrentIndex(window.kind_box.findData(PeriodKind.CUSTOM.value))
    assert window.from_edit.minimumDate().toPython() == date(2000, 1, 1)
    assert window.to_edit.maximumDate().toPython() == date(2099, 12, 31)
    window.to_edit.setDate(date(9999, 12, 31))
    assert window.to_edit.date().toPython() == date(2099, 12, 31)
    window.from_edit.setDate(date(2099, 12, 1))
    window.show_button.click()
    wait_idle(qtbot)
    assert window.evaluation.current.period == Period.month(2099, 12)
    assert not window.next_button.isEnabled()
