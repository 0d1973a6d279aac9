"""The follow-up call list as a Qt model: the returned jobs to call today.

The list is a month of returns at most (domain/follow_up.py WINDOW_DAYS), read whole in the
background and replaced at once. Phones are masked; a number someone asked to see (the look is
on the job's record, services.jobs.reveal_phone) shows in full until the list is read again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.follow_up import FollowUpRow

RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1
AnyIndex = QModelIndex | QPersistentModelIndex
TRIED_COLOUR = QColor("#8d6e00")  # a call already failed: try at another time of day

NUMBER, RETURNED, CUSTOMER, PHONE, PRODUCT, SCORE, ATTEMPTS, LAST_ATTEMPT = range(8)
COLUMNS = 8


class FollowUpModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[FollowUpRow] = []
        self._phones: dict[int, str] = {}  # job id -> the full number someone asked to see

    def set_rows(self, rows: Sequence[FollowUpRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._phones.clear()
        self.endResetModel()

    def record(self, row: int) -> FollowUpRow:
        return self._rows[row]

    def row_of(self, job_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row.job_id == job_id), -1)

    def show_phone(self, job_id: int, phone: str) -> None:
        """The whole number of one row (its look already recorded)."""
        row = self.row_of(job_id)
        if row >= 0:
            self._phones[job_id] = phone
            self.dataChanged.emit(self.index(row, PHONE), self.index(row, PHONE))

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def _cell(self, row: FollowUpRow, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == RETURNED:
            return row.returned_at.strftime("%Y-%m-%d")
        if column == CUSTOMER:
            return row.customer_name
        if column == PHONE:
            return self._phones.get(row.job_id, row.masked_phone)
        if column == PRODUCT:
            return row.product
        if column == SCORE:
            return "—" if row.satisfaction_score is None else f"{row.satisfaction_score}/5"
        if column == ATTEMPTS:
            return str(row.attempts)
        if row.last_attempt_at is None:
            return "—"
        return row.last_attempt_at.strftime("%Y-%m-%d %H:%M")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and row.attempts:
            return TRIED_COLOUR
        if role == RECORD_ROLE:
            return row
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (
            self.tr("Job number"),
            self.tr("Returned on"),
            self.tr("Customer"),
            self.tr("Phone"),
            self.tr("Product"),
            self.tr("Hand-back score"),
            self.tr("Calls not reached"),
            self.tr("Last call"),
        )
        return headers[section] if 0 <= section < COLUMNS else None
