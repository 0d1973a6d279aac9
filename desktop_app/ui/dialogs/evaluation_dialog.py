"""The manager's evaluation window: a period's figures beside the previous period's, the
technicians, the charts, and the jobs behind any figure.

It is a window of its own, not a modal dialog: a manager reads the figures while opening jobs
from them, and may keep it open beside the counter's list. The report is read in the background
(services.evaluation.report, passed in as `report` so tests can hand in their own); a period
picked while one is being read supersedes it.

The jobs behind a figure are listed in this window, under the figures, in the same lazy job list
model the main window uses (filtered with JobQuery.figure): the manager keeps the figure and its
jobs side by side and goes from one figure to the next without losing the report, and the
counter's own list keeps its search and filters. A job opens in the usual job view.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.evaluation import (
    DEFINITIONS,
    FIRST_YEAR,
    LAST_YEAR,
    PERIOD_KIND_LABELS,
    Evaluation,
    FigureRow,
    FigureSelection,
    JobFigure,
    Period,
    PeriodKind,
    Unit,
)
from desktop_app.domain.evaluation_trend import Trend, trend
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.snapshots import JobPage
from desktop_app.domain.text import Translator
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui import background, prompts
from desktop_app.ui.background import Lane, failure_text
from desktop_app.ui.fitting import fit, fit_columns, remember_size
from desktop_app.ui.labels import person_label, status_label
from desktop_app.ui.models.evaluation_models import (
    ALL_OF,
    BETTER_COLOUR,
    LATE_ONES,
    RECORD_ROLE,
    WORSE_COLOUR,
    FigureTableModel,
    TechnicianTableModel,
    change_text,
    definition,
    jobs_counted,
    value_text,
)
from desktop_app.ui.models.job_table_model import (
    JOB_ROW_ROLE,
    Clock,
    FetchPage,
    JobTableModel,
)
from desktop_app.ui.settings import UiSettings
from desktop_app.ui.widgets.evaluation_charts import EvaluationCharts, FigureChart

log = logging.getLogger(__name__)

Report = Callable[[Period], Evaluation]
# Writes the evaluation shown to a file (the PDF report, the Excel workbook); returns the path.
Export = Callable[[Evaluation, Path], Path]
DATE_FORMAT = "yyyy-MM-dd"
CHARTS_MIN_HEIGHT = 430
JOBS_MIN_HEIGHT = 130
# The window's first size: within a 1366×768 screen with a taskbar (ui/fitting.py).
DEFAULT_SIZE = QSize(1280, 690)


def last_complete_month(today: date) -> Period:
    before = today.replace(day=1) - timedelta(days=1)
    return Period.month(before.year, before.month)


def next_period(period: Period) -> Period:
    """The period after, of the same kind (a custom period: as many days just after)."""
    day = period.end + timedelta(days=1)
    if period.kind is PeriodKind.MONTH:
        return Period.month(day.year, day.month)
    if period.kind is PeriodKind.QUARTER:
        return Period.quarter(day.year, (day.month - 1) // 3 + 1)
    if period.kind is PeriodKind.YEAR:
        return Period.year(day.year)
    return Period(day, day + timedelta(days=period.days - 1))


def _has_next(period: Period, today: date) -> bool:
    """A period follows that has begun (and is one a report covers)."""
    try:
        return next_period(period).start <= today
    except InvalidInput:  # past the last year a report covers
        return False


def of_kind(kind: PeriodKind, period: Period) -> Period:
    """The month, quarter or year the period starts in; a custom period keeps its days."""
    start = period.start
    if kind is PeriodKind.MONTH:
        return Period.month(start.year, start.month)
    if kind is PeriodKind.QUARTER:
        return Period.quarter(start.year, (start.month - 1) // 3 + 1)
    if kind is PeriodKind.YEAR:
        return Period.year(start.year)
    return Period(period.start, period.end)


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    # The years a report covers (domain/evaluation): nothing else can be picked.
    edit.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
    return edit


# The figures table keeps its words' width; the figure's panel beside it takes the rest.
PANEL_MIN_WIDTH = 320
FIGURE_NAME_STYLE = "font-size: 16px; font-weight: bold;"
VALUE_STYLE = "font-size: 20px; font-weight: bold;"
CAPTION_STYLE = "color: #607d8b;"


class FigurePanel(QFrame):
    """The figure a manager is reading, beside the figures table: its name, this period and
    the previous one with their counts, the change, its whole definition (the footnote), the
    buttons that list the jobs behind it (a rate's late ones too), and its chart."""

    def __init__(
        self,
        translate: Translator,
        list_jobs: Callable[[JobFigure], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figure_panel")
        self.setMinimumWidth(PANEL_MIN_WIDTH)
        self._translate = translate
        self._list_jobs = list_jobs
        self._evaluation: Evaluation | None = None
        self.row: FigureRow | None = None  # the figure shown
        self.name = QLabel(self)
        self.name.setObjectName("figure_name")
        self.name.setStyleSheet(FIGURE_NAME_STYLE)
        self.name.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        self.captions = [QLabel(self) for _ in range(3)]
        self.values = [QLabel(self) for _ in range(3)]
        self.details = [QLabel(self) for _ in range(3)]
        for column, (caption, value, detail) in enumerate(
            zip(self.captions, self.values, self.details, strict=True)
        ):
            caption.setStyleSheet(CAPTION_STYLE)
            value.setStyleSheet(VALUE_STYLE)
            detail.setStyleSheet(CAPTION_STYLE)
            for place, label in enumerate((caption, value, detail)):
                grid.addWidget(label, place, column)
        for name, label in zip(("current", "previous", "change"), self.values, strict=True):
            label.setObjectName(f"figure_{name}")
        self.details[0].setObjectName("figure_current_detail")
        self.details[1].setObjectName("figure_previous_detail")
        grid.setColumnStretch(3, 1)
        self.definition = QLabel(self)
        self.definition.setObjectName("figure_definition")
        self.definition.setWordWrap(True)
        self.definition.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list_button = QPushButton(self)
        self.list_button.setObjectName("list_figure_jobs")
        self.list_button.clicked.connect(lambda _c=False: self._list(late=False))
        self.late_button = QPushButton(self)
        self.late_button.setObjectName("list_late_jobs")
        self.late_button.clicked.connect(lambda _c=False: self._list(late=True))
        self.no_jobs = QLabel(self)
        self.no_jobs.setObjectName("figure_no_jobs")
        self.no_jobs.setStyleSheet(CAPTION_STYLE)
        buttons = QHBoxLayout()
        for widget in (self.list_button, self.late_button, self.no_jobs):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        self.chart = FigureChart(self)
        self.chart.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 0)
        layout.addWidget(self.name)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.definition)
        layout.addWidget(self.chart, 1)
        layout.addStretch(0)

    def show_figure(self, evaluation: Evaluation | None, row: FigureRow | None) -> None:
        self._evaluation, self.row = evaluation, row
        self.retranslate()

    def retranslate(self) -> None:
        evaluation, row = self._evaluation, self.row
        if evaluation is None or row is None:
            self.name.setText("")
            for label in (*self.captions, *self.values, *self.details):
                label.setText("")
            self.definition.setText("")
            for widget in (self.list_button, self.late_button, self.no_jobs, self.chart):
                widget.hide()
            return
        self.name.setText(self._translate(row.label))
        self.captions[0].setText(
            self.tr("This period %1").replace("%1", evaluation.current.period.label())
        )
        self.captions[1].setText(
            self.tr("Previous period %1").replace("%1", evaluation.previous.period.label())
        )
        self.captions[2].setText(self.tr("Change"))
        self.values[0].setText(value_text(row.unit, row.current))
        self.values[1].setText(value_text(row.unit, row.previous))
        self.values[2].setText(change_text(row, self._translate))
        colour = {Trend.BETTER: BETTER_COLOUR, Trend.WORSE: WORSE_COLOUR}.get(trend(row))
        self.values[2].setStyleSheet(
            VALUE_STYLE + (f" color: {colour.name()};" if colour is not None else "")
        )
        self.details[0].setText(self._detail(row.unit, row.current, row.detail))
        self.details[1].setText(self._detail(row.unit, row.previous, row.previous_detail))
        for detail in self.details:  # a count has none: no empty line under it
            detail.setVisible(bool(detail.text()))
        self.definition.setText(definition(row.note, self._translate))
        self._show_buttons(evaluation, row)
        self.chart.setVisible(self.chart.show_figure(evaluation, row.key))

    def _detail(self, unit: Unit, value: float | None, detail: str) -> str:
        """A rate's count: "337 of 411"."""
        if unit is not Unit.RATE or value is None or " / " not in detail:
            return ""
        count, of = detail.split(" / ")
        return self.tr("%1 of %2").replace("%1", count).replace("%2", of)

    def _show_buttons(self, evaluation: Evaluation, row: FigureRow) -> None:
        if row.jobs is None:
            self.list_button.hide()
            self.late_button.hide()
            self.no_jobs.setText(self.tr("No list of jobs behind this figure."))
            self.no_jobs.show()
            return
        self.no_jobs.hide()
        period = evaluation.current.period
        count = jobs_counted(evaluation, FigureSelection(row.jobs, period))
        self.list_button.setText(self.tr("List the jobs (%1)").replace("%1", f"{count or 0:,}"))
        self.list_button.setEnabled(bool(count))
        self.list_button.show()
        late = LATE_ONES.get(row.jobs)
        self.late_button.setVisible(late is not None)
        if late is not None:
            misses = jobs_counted(evaluation, FigureSelection(late, period))
            self.late_button.setText(
                self.tr("List the late ones (%1)").replace("%1", f"{misses or 0:,}")
            )
            self.late_button.setEnabled(bool(misses))

    def _list(self, *, late: bool) -> None:
        if self.row is None or self.row.jobs is None:
            return
        figure = self.row.jobs
        self._list_jobs(LATE_ONES.get(figure, figure) if late else figure)


class EvaluationDialog(QDialog):
    def __init__(
        self,
        report: Report,
        fetch_jobs: FetchPage,
        *,
        calendar: WorkCalendar,
        today: date,
        translate: Translator,
        open_job: Callable[[int], None],
        now: Callable[[], datetime] = datetime.now,
        settings: UiSettings | None = None,
        save_pdf: Export | None = None,
        save_workbook: Export | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`report(period)` reads the evaluation (run in the background); `fetch_jobs` reads a
        page of a job list (the jobs behind a figure); `open_job(id)` opens the job view;
        `save_pdf`/`save_workbook` write the evaluation shown (without one, no button)."""
        super().__init__(parent)
        self._settings = settings
        self._exports: dict[str, Export] = {}
        if save_pdf is not None:
            self._exports["pdf"] = save_pdf
        if save_workbook is not None:
            self._exports["xlsx"] = save_workbook
        self._saving = False
        self.setObjectName("evaluation_dialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._report = report
        self._today = today
        self._translate = translate
        self._open_job = open_job
        self._period = last_complete_month(today)
        self._generation = 0  # each read of the report; a late answer to an older one is dropped
        self.evaluation: Evaluation | None = None  # the report shown
        self._selection: FigureSelection | None = None  # the jobs listed
        self._jobs_title: Callable[[], str] | None = None  # a title given by the caller
        self.figures = FigureTableModel(translate, self)
        self.technicians = TechnicianTableModel(self)
        self.jobs = JobTableModel(
            fetch_jobs,
            calendar,
            lambda row: status_label(row.status),
            now=now,
            parent=self,
            runner=self._run_read,
        )
        self._build()
        self.retranslate()
        self._show_period()
        fit(self, DEFAULT_SIZE)
        if settings is not None:
            remember_size(self, settings)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_picker())
        self.heading = QLabel(self)
        self.heading.setObjectName("evaluation_heading")
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("evaluation_tabs")
        self.figure_table = self._table("figure_table", self.figures)
        self.figure_table.activated.connect(self._figure_activated)
        self.figure_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figure_table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_figure(current.row())
        )
        self.figure_panel = FigurePanel(self._translate, self._list_figure_jobs, self)
        figures_page = QWidget(self)
        figures_page.setObjectName("figures_page")
        beside = QHBoxLayout(figures_page)
        beside.setContentsMargins(0, 0, 0, 0)
        beside.setSpacing(0)
        beside.addWidget(self.figure_table)
        beside.addWidget(self.figure_panel, 1)
        self.technician_table = self._table("technician_table", self.technicians)
        self.technician_table.activated.connect(self._technician_activated)
        # Seven columns across the window, not bunched at its left edge.
        self.technician_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.charts = EvaluationCharts(self)
        # Below this the charts' axis labels and names turn into "…" (a list open under them).
        self.charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
        self.definitions = QTextBrowser(self)
        self.definitions.setObjectName("definitions")
        for widget in (figures_page, self.technician_table, self.charts, self.definitions):
            self.tabs.addTab(widget, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("evaluation_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self._build_jobs())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout.addWidget(self.splitter, 1)
        bottom = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setObjectName("evaluation_hint")
        self.hint.setStyleSheet("color: #607d8b;")
        bottom.addWidget(self.hint, 1)
        self.export_buttons: dict[str, QPushButton] = {}
        for kind in self._exports:
            button = QPushButton(self)
            button.setObjectName(f"save_{kind}")
            button.setEnabled(False)  # until there is an evaluation to save
            button.clicked.connect(lambda _c=False, k=kind: self.save(k))
            self.export_buttons[kind] = button
            bottom.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close_button")
        bottom.addWidget(close)
        layout.addLayout(bottom)

    def _build_picker(self) -> QHBoxLayout:
        self.kind_box = QComboBox(self)
        self.kind_box.setObjectName("period_kind")
        for kind in PeriodKind:
            self.kind_box.addItem("", kind.value)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.previous_button = QToolButton(self)
        self.previous_button.setObjectName("previous_period")
        self.previous_button.setArrowType(Qt.ArrowType.LeftArrow)
        self.previous_button.clicked.connect(lambda _c=False: self.step(-1))
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("next_period")
        self.next_button.setArrowType(Qt.ArrowType.RightArrow)
        self.next_button.clicked.connect(lambda _c=False: self.step(1))
        self.period_label = QLabel(self)
        self.period_label.setObjectName("period_label")
        self.period_label.setStyleSheet("font-weight: bold; padding: 0 6px;")
        self.from_label = QLabel(self)
        self.from_edit = _date_edit(self, "period_from")
        self.to_label = QLabel(self)
        self.to_edit = _date_edit(self, "period_to")
        self.from_edit.dateChanged.connect(lambda day: self.to_edit.setMinimumDate(day))
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("show_period")
        self.show_button.clicked.connect(lambda _c=False: self.apply_dates())
        self.busy_indicator = QProgressBar(self)
        self.busy_indicator.setObjectName("evaluation_busy")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(120)
        self.busy_indicator.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("evaluation_busy_label")
        self.busy_label.hide()
        row = QHBoxLayout()
        for widget in (
            self.kind_box,
            self.previous_button,
            self.period_label,
            self.next_button,
            self.from_label,
            self.from_edit,
            self.to_label,
            self.to_edit,
            self.show_button,
            self.busy_indicator,
            self.busy_label,
        ):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def _build_jobs(self) -> QWidget:
        self.jobs_panel = QWidget(self)
        self.jobs_panel.setObjectName("jobs_panel")
        self.jobs_title = QLabel(self.jobs_panel)
        self.jobs_title.setObjectName("jobs_title")
        self.jobs_title.setStyleSheet("font-weight: bold;")
        self.jobs_title.setWordWrap(True)
        self.clear_jobs_button = QPushButton(self.jobs_panel)
        self.clear_jobs_button.setObjectName("clear_jobs")
        self.clear_jobs_button.clicked.connect(lambda _c=False: self.clear_jobs())
        self.late_only = QCheckBox(self.jobs_panel)
        self.late_only.setObjectName("late_only")
        self.late_only.toggled.connect(self._late_only_toggled)
        self.job_table = QTableView(self.jobs_panel)
        self.job_table.setObjectName("evaluation_job_table")
        self.job_table.setModel(self.jobs)
        self.job_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.job_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.job_table.setAlternatingRowColors(True)
        self.job_table.setWordWrap(False)
        self.job_table.verticalHeader().hide()
        self.job_table.verticalHeader().setDefaultSectionSize(26)
        self.job_table.activated.connect(self._job_activated)
        top = QHBoxLayout()
        top.addWidget(self.jobs_title, 1)
        top.addWidget(self.late_only)
        top.addWidget(self.clear_jobs_button)
        layout = QVBoxLayout(self.jobs_panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.job_table, 1)
        self.jobs_panel.setMinimumHeight(JOBS_MIN_HEIGHT)
        self.jobs_panel.hide()
        return self.jobs_panel

    def _table(self, name: str, model: FigureTableModel | TechnicianTableModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(24)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Each figure's change right beside its values, not across the window from them.
        header.setStretchLastSection(False)
        return table

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Service evaluation"))
        for index, kind in enumerate(PeriodKind):
            self.kind_box.setItemText(index, self._translate(PERIOD_KIND_LABELS[kind]))
        self.previous_button.setToolTip(self.tr("The period before"))
        self.next_button.setToolTip(self.tr("The period after"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.show_button.setText(self.tr("Show"))
        self.busy_label.setText(self.tr("Counting…"))
        for index, text in enumerate(
            (self.tr("Figures"), self.tr("Technicians"), self.tr("Charts"), self.tr("Definitions"))
        ):
            self.tabs.setTabText(index, text)
        self.clear_jobs_button.setText(self.tr("Close the list"))
        self.late_only.setText(self.tr("Only the late ones"))
        if "pdf" in self.export_buttons:
            self.export_buttons["pdf"].setText(self.tr("Save PDF…"))
        if "xlsx" in self.export_buttons:
            self.export_buttons["xlsx"].setText(self.tr("Save Excel…"))
        self.hint.setText(
            self.tr(
                "Pick a figure to read its definition and chart; double-click it or a "
                "technician to list the jobs behind it; double-click a job to open it."
            )
        )
        self.definitions.setHtml(
            "<ol>"
            + "".join(f"<li>{self._translate(text)}</li>" for _key, text in DEFINITIONS)
            + "</ol>"
        )
        self.figures.retranslate()
        self._fit_figure_table()
        self.figure_panel.retranslate()
        self.technicians.retranslate()
        self.charts.retranslate()
        self.jobs.retranslate()
        fit_columns(self.job_table)
        self._show_heading()
        if self._selection is not None:
            self.jobs_title.setText(self._title_of(self._selection))

    # --- the period -------------------------------------------------------------------------

    @property
    def period(self) -> Period:
        """The period picked (shown once its report has been read)."""
        return self._period

    def set_period(self, period: Period) -> None:
        self._period = period
        self._show_period()
        self.reload()

    def step(self, direction: int) -> None:
        """The period before (-1) or after (+1), of the same kind."""
        self.set_period(self._period.previous() if direction < 0 else next_period(self._period))

    def _kind_changed(self, index: int) -> None:
        kind = PeriodKind(self.kind_box.itemData(index))
        if kind is self._period.kind:
            return
        if kind is PeriodKind.CUSTOM:  # the same days, now to be changed by hand
            self._period = of_kind(kind, self._period)
            self._show_period()
            return
        self.set_period(of_kind(kind, self._period))

    def apply_dates(self) -> None:
        """The custom period typed in the two dates (a whole month, quarter or year is read as
        one: its comparison is then the month, quarter or year before)."""
        start, end = self.from_edit.date().toPython(), self.to_edit.date().toPython()
        try:
            period = Period.between(start, end)  # type: ignore[arg-type]
        except InvalidInput as error:
            prompts.warning(
                self,
                self.tr("Cannot show this period"),
                "\n".join(problem.render(self._translate) for problem in error.problems),
            )
            return
        self.set_period(period)

    def _show_period(self) -> None:
        period = self._period
        custom = period.kind is PeriodKind.CUSTOM
        self.kind_box.blockSignals(True)
        self.kind_box.setCurrentIndex(self.kind_box.findData(period.kind.value))
        self.kind_box.blockSignals(False)
        self.period_label.setText(period.label())
        self.period_label.setVisible(not custom)
        for edit, day in ((self.from_edit, period.start), (self.to_edit, period.end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.setEnabled(custom)
            edit.blockSignals(False)
        self.to_edit.setMinimumDate(self.from_edit.date())
        self.show_button.setVisible(custom)
        self.next_button.setEnabled(_has_next(period, self._today))

    # --- the report -------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the report of the period picked."""
        self._generation += 1
        generation, period, report = self._generation, self._period, self._report

        def done(evaluation: Evaluation) -> None:
            if generation == self._generation:
                self.show_evaluation(evaluation)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                prompts.error(
                    self,
                    self.tr("Cannot read the evaluation"),
                    failure_text(error, self._translate),
                )

        background.run(
            lambda: report(period), done=done, failed=failed, busy=self._show_busy, owner=self
        )

    def show_evaluation(self, evaluation: Evaluation) -> None:
        self.evaluation = evaluation
        reading = self.figure_panel.row.key if self.figure_panel.row is not None else None
        self.figures.show(evaluation)
        self._fit_figure_table()
        # The figure read before, in the new period too; at first the first figure.
        place = max(0, self.figures.find(reading)) if reading is not None else 0
        if self.figures.rowCount():
            self.figure_table.setCurrentIndex(self.figures.index(place, 0))
        self._show_figure(place)
        self.technicians.show(evaluation)
        self.charts.show_evaluation(evaluation)
        self._show_heading()
        self._enable_exports()
        if self._selection is not None and self._selection.period != evaluation.current.period:
            self.clear_jobs()  # the jobs of another period would sit under these figures

    def _show_heading(self) -> None:
        evaluation = self.evaluation
        if evaluation is None:
            self.heading.setText(self.tr("Reading the figures…"))
            return
        current, previous = evaluation.current.period, evaluation.previous.period
        self.heading.setText(
            self.tr("%1: %2 (%3 to %4), compared with %5 · as of %6")
            .replace("%1", evaluation.shop_name or self.tr("Service evaluation"))
            .replace("%2", current.label())
            .replace("%3", current.start.isoformat())
            .replace("%4", current.end.isoformat())
            .replace("%5", previous.label())
            .replace("%6", f"{evaluation.generated_at:%Y-%m-%d %H:%M}")
        )

    def _show_busy(self, busy: bool) -> None:
        self.busy_indicator.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _run_read(
        self,
        call: Callable[[], object],
        deliver: Callable[[object], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """A page of the jobs behind a figure, read in the background; a failure is said in
        the list's title, the rows shown stay."""

        def read_failed(error: Exception) -> None:
            failed(error)
            self.jobs_title.setText(failure_text(error, self._translate))

        background.run(
            call,
            done=deliver,
            failed=read_failed,
            busy=self._show_busy,
            owner=self,
            lane=Lane.REFRESH,
        )

    # --- saving the report --------------------------------------------------------------------

    def _enable_exports(self) -> None:
        for button in self.export_buttons.values():
            button.setEnabled(self.evaluation is not None and not self._saving)

    def suggested_name(self, kind: str) -> str:
        """evaluation-2026-11.pdf; a custom period by its dates."""
        assert self.evaluation is not None
        period = self.evaluation.current.period
        if period.kind is PeriodKind.CUSTOM:
            name = f"{period.start.isoformat()}_{period.end.isoformat()}"
        else:
            name = period.label().replace(" ", "-")
        return f"evaluation-{name}.{kind}"

    # Replaced in tests: the system's file dialog needs a person.
    def ask_save_path(self, kind: str) -> str:
        folder = (self._settings.receipt_folder if self._settings else "") or str(Path.home())
        title = self.tr("Save PDF") if kind == "pdf" else self.tr("Save Excel")
        pattern = "PDF (*.pdf)" if kind == "pdf" else "Excel (*.xlsx)"
        path, _filter = QFileDialog.getSaveFileName(
            self, title, str(Path(folder) / self.suggested_name(kind)), pattern
        )
        return path

    def save(self, kind: str) -> None:
        """Write the evaluation shown as a PDF report or an Excel workbook, in the background;
        a file we did not make is never written over (the export refuses, and says so)."""
        evaluation, export = self.evaluation, self._exports.get(kind)
        if evaluation is None or export is None or self._saving:
            return
        path = self.ask_save_path(kind)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != f".{kind}":
            target = target.with_name(target.name + f".{kind}")
        self._saving = True
        self._enable_exports()

        def finish() -> None:
            self._saving = False
            self._enable_exports()

        def done(written: Path) -> None:
            finish()
            if self._settings is not None:
                self._settings.receipt_folder = str(written.parent)
            self.hint.setText(self.tr("Saved: %1").replace("%1", str(written)))

        def failed(error: Exception) -> None:
            finish()
            if isinstance(error, OSError):  # no such folder, no permission, disk full
                text = (
                    self.tr("%1 could not be written: %2")
                    .replace("%1", str(target))
                    .replace("%2", error.strerror or str(error))
                )
            else:
                text = failure_text(error, self._translate)
            prompts.error(self, self.tr("Cannot save"), text)

        background.run(
            lambda: export(evaluation, target),
            done=done,
            failed=failed,
            busy=self._show_busy,
            owner=self,
        )

    # --- the figure read ----------------------------------------------------------------------

    def _fit_figure_table(self) -> None:
        """The figures table as wide as its words (it never scrolls sideways); the figure's
        panel takes the rest of the window's width."""
        table = self.figure_table
        table.resizeColumnsToContents()
        width = table.horizontalHeader().length() + 2 * table.frameWidth()
        table.setFixedWidth(width + table.verticalScrollBar().sizeHint().width())

    def _show_figure(self, place: int) -> None:
        row = self.figures.row_at(place) if 0 <= place < self.figures.rowCount() else None
        self.figure_panel.show_figure(self.evaluation, row)

    def _list_figure_jobs(self, figure: JobFigure) -> None:
        """The panel's buttons: the jobs behind the figure read, or its late ones."""
        if self.evaluation is not None:
            self.show_jobs(FigureSelection(figure, self.evaluation.current.period))

    # --- the jobs behind a figure ---------------------------------------------------------------

    def _figure_activated(self, index: QModelIndex) -> None:
        row = self.figures.data(index, RECORD_ROLE)
        if row is None or row.jobs is None or self.evaluation is None:  # type: ignore[attr-defined]
            return
        self.show_jobs(FigureSelection(row.jobs, self.evaluation.current.period))  # type: ignore[attr-defined]

    def _technician_activated(self, index: QModelIndex) -> None:
        technician = self.technicians.data(index, RECORD_ROLE)
        if technician is None or self.evaluation is None:
            return
        period = self.evaluation.current.period
        self.show_jobs(FigureSelection(JobFigure.READY, period, technician.technician_id))  # type: ignore[attr-defined]

    def _title_of(self, selection: FigureSelection) -> str:
        """Whose jobs, which of them and how many, of which period, in the window's language:
        "Repair within 5 working days · late: 74 · 2026-10"."""
        if self._jobs_title is not None:
            return self._jobs_title()
        if selection.technician_id is not None:
            technician = next(
                (
                    t
                    for t in (self.evaluation.current.per_technician if self.evaluation else ())
                    if t.technician_id == selection.technician_id
                ),
                None,
            )
            subject = person_label(technician.name) if technician else self.tr("Technician")
        else:
            row = self.figures.row_listing(selection.figure)
            subject = self._translate(row.label) if row is not None else ""
        count = jobs_counted(self.evaluation, selection) if self.evaluation else None
        shown = "" if count is None else f"{count:,}"
        if selection.figure is JobFigure.REPAIR_LATE:
            which = self.tr("ready late: %1")
        elif selection.figure is JobFigure.RESPONSE_LATE:
            which = self.tr("answered late or never: %1")
        elif selection.technician_id is not None:
            which = self.tr("jobs completed: %1")
        else:
            which = self.tr("jobs: %1")
        which = which.replace("%1", shown).rstrip(" :：")
        return " · ".join(part for part in (subject, which, selection.period.label()) if part)

    def show_jobs(self, selection: FigureSelection, title: Callable[[], str] | None = None) -> None:
        """List the jobs behind one figure under the figures (a page at a time). The title says
        whose they are, which and how many (`title`, if given, says it instead)."""
        self._selection, self._jobs_title = selection, title
        query = JobQuery(
            figure=replace(selection, as_of=getattr(self.evaluation, "generated_at", None))
        )
        self.jobs_title.setText(self._title_of(selection))
        response = selection.figure in (JobFigure.RESPONSE_DUE, JobFigure.RESPONSE_LATE)
        self.jobs.set_clock(Clock.RESPONSE if response else Clock.REPAIR)
        self.jobs.set_query(query)
        fit_columns(self.job_table)
        # The clock column counts working days left from today: it says nothing of a period's
        # jobs, most of them long handed back. A first response's verdict it does say.
        self.job_table.setColumnHidden(JobTableModel.DAYS_LEFT, not response)
        rate = selection.figure in LATE_ONES or selection.figure in ALL_OF
        self.late_only.blockSignals(True)
        self.late_only.setChecked(selection.figure in ALL_OF)
        self.late_only.blockSignals(False)
        self.late_only.setVisible(rate)
        self.jobs_panel.show()

    def _late_only_toggled(self, late: bool) -> None:
        """All the rate's jobs, or only the late ones."""
        selection = self._selection
        if selection is None:
            return
        figure = selection.figure
        other = LATE_ONES.get(figure) if late else ALL_OF.get(figure)
        if other is not None:
            self.show_jobs(FigureSelection(other, selection.period, selection.technician_id))

    @property
    def selection(self) -> FigureSelection | None:
        """Whose jobs are listed, or None."""
        return self._selection

    def clear_jobs(self) -> None:
        self._selection = None
        self.jobs_panel.hide()
        self.jobs.show_page(JobQuery(), JobPage((), None))  # nothing listed, nothing read

    def _job_activated(self, index: QModelIndex) -> None:
        row = self.jobs.data(index, JOB_ROW_ROLE)
        if row is not None:
            self._open_job(row.id)  # type: ignore[attr-defined]
