"""The parts catalogue as a table: the catalogue dialog and the job view's pick dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop_app.domain.money import yuan
from desktop_app.domain.parts import PartSnapshot

PART_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class PartTableModel(QAbstractTableModel):
    """One row per part. With a product model, a first column says whether the part fits it."""

    NAME, NUMBER, MODELS, PRICE, STOCK, STATE = range(6)

    def __init__(self, product_model: str | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._parts: tuple[PartSnapshot, ...] = ()
        self._product_model = product_model

    def set_parts(self, parts: tuple[PartSnapshot, ...]) -> None:
        self.beginResetModel()
        self._parts = tuple(parts)
        self.endResetModel()

    def part(self, row: int) -> PartSnapshot | None:
        return self._parts[row] if 0 <= row < len(self._parts) else None

    def row_of(self, part_id: int) -> int:
        return next((n for n, p in enumerate(self._parts) if p.id == part_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._parts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < 6:
            return None
        last = (
            QCoreApplication.translate("PartTableModel", "Active")
            if self._product_model is None
            else QCoreApplication.translate("PartTableModel", "Fits this product")
        )
        return (
            QCoreApplication.translate("PartTableModel", "Name"),
            QCoreApplication.translate("PartTableModel", "Part number"),
            QCoreApplication.translate("PartTableModel", "Fits models"),
            QCoreApplication.translate("PartTableModel", "Unit price"),
            QCoreApplication.translate("PartTableModel", "In stock"),
            last,
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._parts):
            return None
        part = self._parts[index.row()]
        if role == PART_ROLE:
            return part
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.PRICE, self.STOCK):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.STATE:
            if self._product_model is None:
                return (
                    QCoreApplication.translate("PartTableModel", "Yes")
                    if part.active
                    else QCoreApplication.translate("PartTableModel", "No")
                )
            return (
                QCoreApplication.translate("PartTableModel", "Yes")
                if part.fits(self._product_model)
                else QCoreApplication.translate("PartTableModel", "No — a reason is needed")
            )
        return (
            part.name,
            part.part_number,
            QCoreApplication.translate("PartTableModel", ", ").join(part.models),
            yuan(part.unit_price_cents),
            str(part.stock),
        )[column]
