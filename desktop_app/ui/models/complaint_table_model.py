"""The complaints register as a table, and a complaint's record as a timeline.

Rows are the service's frozen snapshots (phones already masked); the due columns are coloured
like the job list's clocks: red once overdue, orange on the due day.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor

from desktop_app.domain.complaints import UNRESOLVED, ComplaintEventSnapshot, ComplaintRow
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosing,
    ComplaintEventKind,
    ComplaintState,
    label_of,
    person_name,
)
from desktop_app.ui.models.job_table_model import DUE_TODAY_COLOUR, OVERDUE_COLOUR

COMPLAINT_ROW_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
EMPTY = "—"


def _overdue() -> str:
    return QCoreApplication.translate("ComplaintTableModel", "overdue")


class ComplaintTableModel(QAbstractTableModel):
    COLUMNS = ("number", "state", "customer", "phone", "job", "received", "call_back", "resolve")

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        translate: Translator = no_translation,
        now: Any = datetime.now,
    ) -> None:
        super().__init__(parent)
        self._rows: tuple[ComplaintRow, ...] = ()
        self._translate = translate
        self._now = now

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ComplaintTableModel", "Number"),
            QCoreApplication.translate("ComplaintTableModel", "State"),
            QCoreApplication.translate("ComplaintTableModel", "Customer"),
            QCoreApplication.translate("ComplaintTableModel", "Phone"),
            QCoreApplication.translate("ComplaintTableModel", "Job"),
            QCoreApplication.translate("ComplaintTableModel", "Received"),
            QCoreApplication.translate("ComplaintTableModel", "Call back by"),
            QCoreApplication.translate("ComplaintTableModel", "Resolve by"),
        )

    def show_rows(self, rows: tuple[ComplaintRow, ...]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ComplaintRow:
        return self._rows[row]

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 7))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            headers = self.headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == COMPLAINT_ROW_ROLE:
            return row
        column = self.COLUMNS[index.column()]
        if role == DISPLAY:
            return self._text(row, column)
        if role == FOREGROUND:
            return self._colour(row, column)
        return None

    def _text(self, row: ComplaintRow, column: str) -> str:
        t = self._translate
        if column == "number":
            return row.number or QCoreApplication.translate("ComplaintTableModel", "(draft)")
        if column == "state":
            return t(label_of(ComplaintState, row.state.value))
        if column == "customer":
            category = t(label_of(ComplaintCategory, row.category))
            return f"{row.customer_name} · {category}"
        if column == "phone":
            return row.masked_phone
        if column == "job":
            return row.job_number or EMPTY
        if column == "received":
            channel = t(label_of(ComplaintChannel, row.channel))
            return f"{row.received_at:%Y-%m-%d %H:%M} · {channel}"
        if column == "call_back":
            if row.acknowledge_due_at is None:
                return EMPTY
            text = f"{row.acknowledge_due_at:%Y-%m-%d %H:%M}"
            return f"{text} · {_overdue()}" if row.acknowledge_overdue else text
        if row.resolve_due_date is None:
            return EMPTY
        text = row.resolve_due_date.isoformat()
        return f"{text} · {_overdue()}" if row.resolve_overdue else text

    def _colour(self, row: ComplaintRow, column: str) -> QColor | None:
        if column == "call_back" and row.acknowledge_overdue:
            return OVERDUE_COLOUR
        if column == "resolve" and row.resolve_overdue:
            return OVERDUE_COLOUR
        due_today = row.resolve_due_date == self._now().date()
        if column == "resolve" and due_today and row.state in UNRESOLVED:
            return DUE_TODAY_COLOUR
        if column == "number" and row.overdue:
            return OVERDUE_COLOUR
        return None


class ComplaintTimelineModel(QAbstractTableModel):
    """A complaint's record: when, who, what (from → to), and what was typed."""

    def __init__(
        self, parent: QObject | None = None, translate: Translator = no_translation
    ) -> None:
        super().__init__(parent)
        self._events: tuple[ComplaintEventSnapshot, ...] = ()
        self._translate = translate

    def show_events(self, events: tuple[ComplaintEventSnapshot, ...]) -> None:
        self.beginResetModel()
        self._events = tuple(events)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._events)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY:
            return (
                QCoreApplication.translate("ComplaintTableModel", "When"),
                QCoreApplication.translate("ComplaintTableModel", "Who"),
                QCoreApplication.translate("ComplaintTableModel", "What"),
                QCoreApplication.translate("ComplaintTableModel", "Details"),
            )[section]
        return None

    def data(self, index: QModelIndex, role: int = DISPLAY) -> Any:
        if role != DISPLAY or not index.isValid():
            return None
        event = self._events[index.row()]
        t = self._translate
        column = index.column()
        if column == 0:
            return f"{event.at:%Y-%m-%d %H:%M}"
        if column == 1:
            return person_name(event.user_name, t)
        if column == 2:
            what = t(label_of(ComplaintEventKind, event.kind))
            if event.from_state and event.to_state and event.from_state != event.to_state:
                before = t(label_of(ComplaintState, event.from_state))
                after = t(label_of(ComplaintState, event.to_state))
                return f"{what} ({before} → {after})"
            return what
        return describe_event(event, t)


def describe_event(event: ComplaintEventSnapshot, t: Translator) -> str:
    """The event's facts in the reader's language, then what the person typed, as typed."""
    parts: list[str] = []
    payload = event.payload
    if "finding" in payload:
        parts.append(
            QCoreApplication.translate("ComplaintTableModel", "Finding: %s") % payload["finding"]
        )
    if "shop_at_fault" in payload:
        parts.append(
            QCoreApplication.translate("ComplaintTableModel", "shop at fault")
            if payload["shop_at_fault"]
            else QCoreApplication.translate("ComplaintTableModel", "shop not at fault")
        )
    if "closing" in payload:
        parts.append(t(label_of(ComplaintClosing, str(payload["closing"]))))
    if event.note.strip():
        parts.append(event.note.strip())
    return "; ".join(parts)
