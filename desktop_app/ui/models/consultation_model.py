"""The consultation log as a Qt model: one frozen ConsultationRow per line, the callback clock
coloured (overdue red, still due orange), phones masked."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableView

from desktop_app.domain.consultations import ConsultationRow
from desktop_app.domain.vocabulary import ConsultationState
from desktop_app.ui.labels import label, person_label

CONSULTATION_ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 2
OVERDUE_COLOUR = QColor("#c62828")
WAITING_COLOUR = QColor("#ef6c00")
DONE_COLOUR = QColor("#2e7d32")
AnyIndex = QModelIndex | QPersistentModelIndex
QUESTION_SHOWN = 60  # characters of the question in the list (the tooltip has it all)
# The widest the free-text columns get when fitted (pixels); the rest fit their contents.
WIDEST = {5: 200, 6: 280}


class ConsultationTableModel(QAbstractTableModel):
    (
        NUMBER,
        RECEIVED,
        CHANNEL,
        PHONE,
        CALLER,
        PRODUCT,
        QUESTION,
        STATE,
        CALLBACK_DUE,
        ANSWERED_BY,
    ) = range(10)
    COLUMN_COUNT = 10

    def __init__(self, now: Callable[[], datetime], parent: object = None) -> None:
        super().__init__(parent)
        self._now = now
        self._rows: tuple[ConsultationRow, ...] = ()

    def show_rows(self, rows: tuple[ConsultationRow, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def rows(self) -> tuple[ConsultationRow, ...]:
        return self._rows

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1)
            )

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Number"),
            self.tr("Received"),
            self.tr("Channel"),
            self.tr("Phone"),
            self.tr("Caller"),
            self.tr("Product"),
            self.tr("Question"),
            self.tr("State"),
            self.tr("Callback due"),
            self.tr("Answered by"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == CONSULTATION_ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.STATE, self.CALLBACK_DUE):
            return self._colour(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.QUESTION:
                return row.question
            if column == self.PHONE:
                return self.tr("Phone numbers are masked on screen")
        return None

    def _text(self, row: ConsultationRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.RECEIVED:
            return f"{row.received_at:%Y-%m-%d %H:%M}"
        if column == self.CHANNEL:
            return label(row.channel)
        if column == self.PHONE:
            return row.masked_phone
        if column == self.CALLER:
            return row.caller_name
        if column == self.PRODUCT:
            return row.product
        if column == self.QUESTION:
            question = " ".join(row.question.split())
            return question if len(question) <= QUESTION_SHOWN else question[:QUESTION_SHOWN] + "…"
        if column == self.STATE:
            if row.state is ConsultationState.CONVERTED and row.job_number:
                return self.tr("became job %s") % row.job_number
            return label(row.state)
        if column == self.CALLBACK_DUE:
            if row.callback_due_at is None:
                return ""
            due = f"{row.callback_due_at:%Y-%m-%d %H:%M}"
            return self.tr("%s (overdue)") % due if row.overdue(self._now()) else due
        if column == self.ANSWERED_BY:
            if row.called_back_by:
                return (
                    self.tr("%1, called back by %2")
                    .replace("%1", person_label(row.answered_by))
                    .replace("%2", person_label(row.called_back_by))
                )
            return person_label(row.answered_by)
        return ""

    def _colour(self, row: ConsultationRow) -> QColor | None:
        if row.overdue(self._now()):
            return OVERDUE_COLOUR
        if row.state is ConsultationState.CALLBACK_DUE:
            return WAITING_COLOUR
        if row.state in (ConsultationState.CALLED_BACK, ConsultationState.CONVERTED):
            return DONE_COLOUR
        return None


def fit_consultation_columns(view: QTableView) -> None:
    """Each column as wide as what it shows (the rows read so far), the product and the
    question no wider than WIDEST: the callback's due time and state are never cut."""
    view.resizeColumnsToContents()
    header = view.horizontalHeader()
    for column, widest in WIDEST.items():
        if header.sectionSize(column) > widest:
            header.resizeSection(column, widest)
