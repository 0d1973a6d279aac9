"""The evaluation's tables as Qt models: the figures (domain.evaluation.figure_rows, the one list
every output shows) and the technicians.

Values are formatted here once for the window: a rate as "92.0 % (46 / 50)", nothing measured as
"—" (never a made-up 0 % or 100 %), a change with ▲ or ▼ in green when it is good news and red
when it is bad (domain/evaluation_trend.py decides which).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.evaluation import (
    DEFINITIONS,
    Evaluation,
    FigureRow,
    Figures,
    FigureSelection,
    JobFigure,
    Period,
    TechnicianFigures,
    Unit,
    figure_rows,
    format_row_change,
    format_value,
)
from desktop_app.domain.evaluation_trend import Trend, trend
from desktop_app.domain.text import Translator
from desktop_app.ui.labels import person_label

AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
FOREGROUND_ROLE = int(Qt.ItemDataRole.ForegroundRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
FONT_ROLE = int(Qt.ItemDataRole.FontRole)
# The FigureRow (figures table) or TechnicianFigures (technicians table) behind a row.
RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1

BETTER_COLOUR = QColor("#2e7d32")
WORSE_COLOUR = QColor("#c62828")
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
INDENT = "    "
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def note_mark(note: int | None) -> str:
    """The footnote's number, raised: "Jobs received ¹"."""
    return "" if note is None else " " + str(note).translate(SUPERSCRIPT)


def definition(note: int | None, translate: Translator) -> str:
    """The footnote that defines a figure, numbered, in the window's language."""
    if note is None:
        return ""
    return f"{note}. {translate(DEFINITIONS[note - 1][1])}"


def value_text(unit: Unit, value: float | None, detail: str = "") -> str:
    """A figure as every output writes it (domain/evaluation.format_value), a rate with its
    count: 92.0% (46 / 50)."""
    text = format_value(unit, value)
    return f"{text} ({detail})" if unit is Unit.RATE and value is not None and detail else text


# A rate's jobs, and the misses among them: what "only the late ones" lists.
LATE_ONES: dict[JobFigure, JobFigure] = {
    JobFigure.READY: JobFigure.REPAIR_LATE,
    JobFigure.RESPONSE_DUE: JobFigure.RESPONSE_LATE,
}
ALL_OF: dict[JobFigure, JobFigure] = {late: every for every, late in LATE_ONES.items()}


def jobs_counted(evaluation: Evaluation, selection: FigureSelection) -> int | None:
    """How many jobs the selection lists, as the figure counted them; None when the evaluation
    shown is of another period or does not know the technician."""
    figures: Figures | None = next(
        (f for f in (evaluation.current, evaluation.previous) if f.period == selection.period),
        None,
    )
    if figures is None:
        return None
    repair, response = figures.repair_on_time, figures.first_response_on_time
    if selection.technician_id is not None:
        technician = next(
            (t for t in figures.per_technician if t.technician_id == selection.technician_id),
            None,
        )
        if technician is None:
            return None
        repair = technician.repair_on_time
    counts: dict[JobFigure, int] = {
        JobFigure.READY: repair.of,
        JobFigure.REPAIR_LATE: repair.misses,
    }
    if selection.technician_id is None:
        counts |= {
            JobFigure.RECEIVED: figures.received.total,
            JobFigure.RESPONSE_DUE: response.of,
            JobFigure.RESPONSE_LATE: response.misses,
            JobFigure.OPEN_AT_END: figures.open_at_end,
            JobFigure.OVERDUE_AT_END: figures.overdue_at_end,
            JobFigure.WARRANTY: figures.warranty_repairs,
            JobFigure.PAID: figures.paid_repairs,
            JobFigure.NOT_QUALITY: figures.not_quality_problem,
            JobFigure.RETURN_EXCHANGE: figures.returns_exchanges.requested,
            JobFigure.REPEAT: figures.repeat_repairs,
            JobFigure.RETURNED: figures.satisfaction.surveyed.of,
        }
    return counts.get(selection.figure)


def arrow(change: float) -> str:
    return "▲" if change > 0 else "▼" if change < 0 else ""


def change_text(row: FigureRow, translate: Translator) -> str:
    """The change with its arrow: "+4.5 pp ▲"."""
    change = row.change
    text = format_row_change(row, translate)
    return text if not change else f"{text} {arrow(change)}"


class FigureTableModel(QAbstractTableModel):
    """figure_rows(evaluation): label (with its footnote's number), this period, the previous
    one, the change."""

    LABEL, CURRENT, PREVIOUS, CHANGE = range(4)
    COLUMN_COUNT = 4

    def __init__(self, translate: Translator, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._translate = translate
        self._rows: tuple[FigureRow, ...] = ()
        self._periods: tuple[Period, Period] | None = None

    def show(self, evaluation: Evaluation | None) -> None:
        self.beginResetModel()
        if evaluation is None:
            self._rows, self._periods = (), None
        else:
            self._rows = figure_rows(evaluation)
            self._periods = (evaluation.current.period, evaluation.previous.period)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_at(self, row: int) -> FigureRow:
        return self._rows[row]

    def find(self, key: str) -> int:
        """The row of the figure with this key, or -1."""
        return next((n for n, row in enumerate(self._rows) if row.key == key), -1)

    def row_listing(self, figure: JobFigure) -> FigureRow | None:
        """The figure whose jobs these are (a rate's, for its late ones), or None."""
        wanted = ALL_OF.get(figure, figure)
        return next((row for row in self._rows if row.jobs is wanted), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY_ROLE:
            return None
        current, previous = self._periods or (None, None)
        titles = (
            self.tr("Figure"),
            self.tr("This period") + (f"\n{current.label()}" if current else ""),
            self.tr("Previous period") + (f"\n{previous.label()}" if previous else ""),
            self.tr("Change"),
        )
        return titles[section] if 0 <= section < self.COLUMN_COUNT else None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == DISPLAY_ROLE:
            return self._text(row, column)
        if role == RECORD_ROLE:
            return row
        if role == TOOLTIP_ROLE:
            tip = definition(row.note, self._translate)
            if row.jobs is not None:
                tip += "\n\n" + self.tr("Double-click to list the jobs behind this figure.")
            return tip
        if role == FOREGROUND_ROLE and column == self.CHANGE:
            return {Trend.BETTER: BETTER_COLOUR, Trend.WORSE: WORSE_COLOUR}.get(trend(row))
        if role == ALIGNMENT_ROLE and column != self.LABEL:
            return RIGHT
        if role == FONT_ROLE and column == self.LABEL and not row.indent:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: FigureRow, column: int) -> str:
        if column == self.LABEL:
            indent = INDENT if row.indent else ""
            return f"{indent}{self._translate(row.label)}{note_mark(row.note)}"
        if column == self.CURRENT:
            return value_text(row.unit, row.current, row.detail)
        if column == self.PREVIOUS:
            return value_text(row.unit, row.previous, row.previous_detail)
        return self.change_text(row)

    def change_text(self, row: FigureRow) -> str:
        return change_text(row, self._translate)


class TechnicianTableModel(QAbstractTableModel):
    """One row per technician of the period: their completed jobs and how they went."""

    NAME, COMPLETED, ON_TIME, DAYS, SATISFACTION, COMPLAINTS, REPEATS = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: tuple[TechnicianFigures, ...] = ()

    def show(self, evaluation: Evaluation | None) -> None:
        self.beginResetModel()
        self._rows = () if evaluation is None else evaluation.current.per_technician
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)

    def row_at(self, row: int) -> TechnicianFigures:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = DISPLAY_ROLE
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != DISPLAY_ROLE:
            return None
        titles = (
            self.tr("Technician"),
            self.tr("Jobs completed"),
            self.tr("Repair within 5 working days"),
            self.tr("Average working days"),
            self.tr("Hand-back score"),
            self.tr("Complaints"),
            self.tr("Repeat repairs"),
        )
        return titles[section] if 0 <= section < self.COLUMN_COUNT else None

    def data(self, index: AnyIndex, role: int = DISPLAY_ROLE) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        technician, column = self._rows[index.row()], index.column()
        if role == DISPLAY_ROLE:
            return self._text(technician, column)
        if role == RECORD_ROLE:
            return technician
        if role == ALIGNMENT_ROLE and column != self.NAME:
            return RIGHT
        if role == TOOLTIP_ROLE:
            return self.tr("Double-click to list the jobs this technician completed.")
        return None

    def _text(self, technician: TechnicianFigures, column: int) -> str:
        rate = technician.repair_on_time
        texts = (
            person_label(technician.name),
            str(technician.completed),
            value_text(Unit.RATE, rate.rate, f"{rate.count} / {rate.of}"),
            value_text(Unit.DAYS, technician.days_taken.average),
            value_text(Unit.SCORE, technician.satisfaction.average),
            str(technician.complaints),
            str(technician.repeat_repairs),
        )
        return texts[column]
