"""The day's takings in tables: the figures by method (a row per method and the total) and the
payment lines behind them. Both show a frozen `Takings`; nothing here reads the database."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS, PaymentLine
from desktop_app.domain.takings import MethodFigures, Takings
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import PAYMENT_LABELS, PaymentMethod

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class MethodTableModel(QAbstractTableModel):
    """A row per method, then the total; RECORD_ROLE gives the method (None for the total)."""

    def __init__(self, translate: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translate = translate
        self._rows: list[tuple[PaymentMethod | None, MethodFigures]] = []

    def headers(self) -> list[str]:
        return [
            self.tr("Method"),
            self.tr("Payments"),
            self.tr("Deposits"),
            self.tr("Refunds"),
            self.tr("Net"),
        ]

    def show(self, takings: Takings | None) -> None:
        self.beginResetModel()
        self._rows = []
        if takings is not None:
            total = takings.total
            self._rows = [(m.method, m) for m in total.by_method]
            self._rows.append(
                (
                    None,
                    MethodFigures(
                        PaymentMethod.OTHER,
                        total.payments_cents,
                        total.deposits_cents,
                        total.refunds_cents,
                    ),
                )
            )
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        method, figures = self._rows[index.row()]
        if role == RECORD_ROLE:
            return method
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return self.tr("Total") if method is None else self._translate(PAYMENT_LABELS[method])
        cents = (
            figures.payments_cents,
            figures.deposits_cents,
            figures.refunds_cents,
            figures.net_cents,
        )[index.column() - 1]
        return yuan(cents)


class LineTableModel(QAbstractTableModel):
    """The payment lines shown (all of the report's, or those behind one figure)."""

    def __init__(self, translate: Translator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translate = translate
        self._lines: tuple[PaymentLine, ...] = ()

    def headers(self) -> list[str]:
        return [
            self.tr("Time"),
            self.tr("Job"),
            self.tr("Kind"),
            self.tr("Method"),
            self.tr("Amount"),
            self.tr("Taken by"),
            self.tr("Workstation"),
        ]

    def show(self, lines: tuple[PaymentLine, ...]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    @property
    def lines(self) -> tuple[PaymentLine, ...]:
        return self._lines

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        if role == RECORD_ROLE:
            return line
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        t = self._translate
        return (
            f"{line.at:%H:%M:%S}",
            line.job_number,
            t(PAYMENT_KIND_LABELS[line.kind]),
            t(PAYMENT_LABELS[line.method]) if line.method is not None else "—",
            yuan(line.drawer_cents or line.amount_cents),
            line.taken_by,
            line.workstation,
        )[index.column()]
