"""The manager's lists of people: the staff, and the staff record, as Qt models.

Both are short (a shop has a handful of people; the record is read a few hundred entries at a
time), so each is read whole, in the background, and replaced at once. Every cell is words in the
window's language: roles, statuses and what happened come from the domain's vocabulary, and an
entry's facts (a role's change, a lock-out's end) are said, never shown as stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from desktop_app.domain import vocabulary
from desktop_app.domain.roles import Role
from desktop_app.domain.text import N_
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.domain.workflow import Status
from desktop_app.services.users import StaffEventSnapshot, StaffMember
from desktop_app.ui.labels import label, person_label
from desktop_app.ui.resources import text_translator

RECORD_ROLE = int(Qt.ItemDataRole.UserRole) + 1
AnyIndex = QModelIndex | QPersistentModelIndex

R = TypeVar("R")  # the frozen record a list shows a row of

DISABLED_COLOUR = QColor("#757575")
WARNING_COLOUR = QColor("#c62828")


def _time(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def role_label(role: str) -> str:
    """A role stored or handed out, in the window's language (a role this version does not
    know is said to be unknown, not shown as stored)."""
    try:
        return label(Role(role))
    except ValueError:
        return QCoreApplication.translate("StaffModels", "unknown role")


def member_status(member: StaffMember) -> str:
    if not member.user.active:
        return QCoreApplication.translate("StaffModels", "Disabled")
    if member.locked_until is not None:
        return QCoreApplication.translate(
            "StaffModels", "Locked until %s"
        ) % member.locked_until.strftime("%H:%M")
    if not member.has_password:
        return QCoreApplication.translate("StaffModels", "No password yet")
    if member.must_change_password:
        return QCoreApplication.translate("StaffModels", "Must change password at next sign-in")
    return QCoreApplication.translate("StaffModels", "Active")


class _ListModel(QAbstractTableModel, Generic[R]):
    """A read-only table of frozen records, replaced whole.

    A list is configured, not subclassed into shape: its column headers (asked anew, so they
    follow the window's language), the words of a record's cells, and, if any, a record's colour.
    """

    def __init__(
        self,
        headers: Callable[[], Sequence[str]],
        cells: Callable[[R], Sequence[str]],
        colour: Callable[[R], QColor | None] = lambda _record: None,
        parent: object = None,
    ) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._headers = headers
        self._cells = cells
        self._colour = colour
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """The words change with the language; the records stay."""
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    def record(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells(record)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cells(record)[index.column()] or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(record)
        if role == RECORD_ROLE:
            return record
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < self.columnCount()
        ):
            return self._headers()[section]
        return None


def _staff_headers() -> Sequence[str]:
    return (
        QCoreApplication.translate("StaffModels", "Name"),
        QCoreApplication.translate("StaffModels", "User name"),
        QCoreApplication.translate("StaffModels", "Role"),
        QCoreApplication.translate("StaffModels", "Status"),
    )


def _staff_cells(member: StaffMember) -> Sequence[str]:
    user = member.user
    return (
        person_label(user.display_name),
        user.username,
        role_label(user.role),
        member_status(member),
    )


def _staff_colour(member: StaffMember) -> QColor | None:
    if not member.user.active:
        return DISABLED_COLOUR
    if member.locked_until is not None:
        return WARNING_COLOUR
    return None


class StaffTableModel(_ListModel[StaffMember]):
    """Everyone who has an account, disabled included: name, user name, role, status."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(_staff_headers, _staff_cells, _staff_colour, parent)

    def member(self, row: int) -> StaffMember:
        return self.record(row)

    def row_of(self, username: str) -> int:
        """The row showing `username`, or -1."""
        for row, record in enumerate(self._rows):
            if record.user.username == username:
                return row
        return -1


# Why a sign-in failed (the payload's "reason"), in words.
_SIGN_IN_FAILURES = {
    "unknown": N_("No user has this name"),
    "cannot_sign_in": N_("The account is disabled or has no password"),
    "locked": N_("The account was locked"),
    "wrong_password": N_("Wrong password"),
}


def event_facts(event: StaffEventSnapshot) -> str:
    """An entry's facts in words; facts this version does not know are left out."""
    payload = event.payload
    kind = event.kind
    if kind in (StaffEventKind.USER_ADDED,) and "role" in payload:
        return QCoreApplication.translate("StaffModels", "Role: %s") % role_label(
            str(payload["role"])
        )
    if kind is StaffEventKind.ROLE_CHANGED and "from" in payload and "to" in payload:
        return (
            QCoreApplication.translate("StaffModels", "From %1 to %2")
            .replace("%1", role_label(str(payload["from"])))
            .replace("%2", role_label(str(payload["to"])))
        )
    if kind is StaffEventKind.LOCKED_OUT and "until" in payload:
        try:
            until = datetime.fromisoformat(str(payload["until"]))
        except ValueError:
            return ""
        return QCoreApplication.translate("StaffModels", "Locked until %s") % _time(until)
    if kind is StaffEventKind.PHONES_EXPORTED:
        return _export_facts(payload)
    if kind is StaffEventKind.SIGN_IN_FAILED:
        reason = _SIGN_IN_FAILURES.get(str(payload.get("reason", "")))
        if reason is None:
            return ""
        words = text_translator()(reason)
        count = payload.get("in_a_row")
        if isinstance(count, int) and not isinstance(count, bool) and count > 1:
            words += QCoreApplication.translate("StaffModels", " (%s in a row)") % count
        return words
    return ""


def _export_facts(payload: dict[str, object]) -> str:
    """An export with the full numbers (domain/list_export.py): how many, which query, where."""
    parts: list[str] = []
    rows = payload.get("rows")
    if isinstance(rows, int) and not isinstance(rows, bool):
        parts.append(QCoreApplication.translate("StaffModels", "jobs: %s") % f"{rows:,}")
    if payload.get("text"):
        parts.append(QCoreApplication.translate("StaffModels", "search “%s”") % payload["text"])
    statuses = payload.get("statuses")
    if isinstance(statuses, list) and statuses:
        words = [text_translator()(vocabulary.label_of(Status, str(s))) for s in statuses]
        parts.append(QCoreApplication.translate("StaffModels", "status: %s") % ", ".join(words))
    if payload.get("open_only"):
        parts.append(QCoreApplication.translate("StaffModels", "open jobs only"))
    if payload.get("due"):
        parts.append(
            QCoreApplication.translate("StaffModels", "due filter: %s")
            % _due_words(str(payload["due"]))
        )
    if payload.get("technician"):
        parts.append(
            QCoreApplication.translate("StaffModels", "technician: %s")
            % person_label(str(payload["technician"]))
        )
    if payload.get("figure"):
        parts.append(QCoreApplication.translate("StaffModels", "jobs behind an evaluation figure"))
    filters = ("text", "statuses", "open_only", "due", "technician_id", "figure")
    if not any(key in payload for key in filters):
        parts.append(QCoreApplication.translate("StaffModels", "the whole list"))
    if payload.get("file"):
        parts.append(QCoreApplication.translate("StaffModels", "file %s") % payload["file"])
    return "; ".join(parts)


def _due_words(due: str) -> str:
    return {
        "overdue": QCoreApplication.translate("StaffModels", "overdue"),
        "due_today": QCoreApplication.translate("StaffModels", "due today"),
        "due_soon": QCoreApplication.translate("StaffModels", "due within 1 working day"),
        "response_overdue": QCoreApplication.translate("StaffModels", "first response overdue"),
    }.get(due, due)


def event_kind_label(kind: StaffEventKind | str) -> str:
    if isinstance(kind, StaffEventKind):
        return text_translator()(vocabulary.label(kind))
    return QCoreApplication.translate("StaffModels", "Other")  # an entry written by a newer version


def _record_headers() -> Sequence[str]:
    return (
        QCoreApplication.translate("StaffModels", "Time"),
        QCoreApplication.translate("StaffModels", "What"),
        QCoreApplication.translate("StaffModels", "Account"),
        QCoreApplication.translate("StaffModels", "By"),
        QCoreApplication.translate("StaffModels", "Workstation"),
        QCoreApplication.translate("StaffModels", "Details"),
    )


def _record_cells(event: StaffEventSnapshot) -> Sequence[str]:
    return (
        _time(event.at),
        event_kind_label(event.kind),
        person_label(event.user) if event.user else "",
        person_label(event.actor) if event.actor else "",
        event.workstation,
        event_facts(event),
    )


def _record_colour(event: StaffEventSnapshot) -> QColor | None:
    if event.kind in (StaffEventKind.SIGN_IN_FAILED, StaffEventKind.LOCKED_OUT):
        return WARNING_COLOUR
    return None


class StaffRecordModel(_ListModel[StaffEventSnapshot]):
    """The staff record, newest first: when, what, whose account, by whom, where, the facts."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(_record_headers, _record_cells, _record_colour, parent)

    def entry(self, row: int) -> StaffEventSnapshot:
        return self.record(row)
