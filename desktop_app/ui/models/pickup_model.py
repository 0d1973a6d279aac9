"""The pickup list as a Qt model: the devices ready and not collected after the shop's days.

Read whole in the background (a shop's uncollected devices: hundreds at most, the service caps
the list) and replaced at once. Phones are masked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.money import plain_yuan
from desktop_app.domain.pickup import PickupRow

RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1
AnyIndex = QModelIndex | QPersistentModelIndex
NOT_TOLD_COLOUR = QColor("#c62828")  # waiting, and nobody has told the customer yet

NUMBER, READY, DAYS, CUSTOMER, PHONE, PRODUCT, TOTAL, REMINDERS, LAST_REMINDER = range(9)
COLUMNS = 9


class PickupModel(QAbstractTableModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list[PickupRow] = []

    def set_rows(self, rows: Sequence[PickupRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> PickupRow:
        return self._rows[row]

    def row_of(self, job_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row.job_id == job_id), -1)

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COLUMNS - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMNS - 1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def _cell(self, row: PickupRow, column: int) -> str:
        if column == NUMBER:
            return row.number
        if column == READY:
            return row.ready_at.strftime("%Y-%m-%d")
        if column == DAYS:
            return str(row.days_waiting)
        if column == CUSTOMER:
            return row.customer_name
        if column == PHONE:
            return row.masked_phone
        if column == PRODUCT:
            return row.product
        if column == TOTAL:
            return plain_yuan(row.total_cents)
        if column == REMINDERS:
            return str(row.reminders)
        if row.last_reminder_at is None:
            return "—"
        return row.last_reminder_at.strftime("%Y-%m-%d %H:%M")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not row.reminders:
            return NOT_TOLD_COLOUR
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (DAYS, TOTAL, REMINDERS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
            self.tr("Ready since"),
            self.tr("Days waiting"),
            self.tr("Customer"),
            self.tr("Phone"),
            self.tr("Product"),
            self.tr("Total (¥)"),
            self.tr("Reminders"),
            self.tr("Last reminder"),
        )
        return headers[section] if 0 <= section < COLUMNS else None
