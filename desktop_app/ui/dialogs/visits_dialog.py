"""A day's on-site visits, per technician, in appointment order; and the jobs still waiting for
an appointment. Opens a job (double-click, Enter or the button) and prints the visit sheets.

The dialog reads through the callables it is given (in the background) and saves nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.visits import VisitDay, VisitRow
from desktop_app.domain.workflow import Status
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.labels import label, person_label, status_label
from desktop_app.ui.resources import text_translator

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class VisitTableModel(QAbstractTableModel):
    """Rows of a day's visit list (or of "appointment to set")."""

    WINDOW, NUMBER, CUSTOMER, PHONE, ADDRESS, PRODUCT, TECHNICIAN, STATUS, VISITS = range(9)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: tuple[VisitRow, ...] = ()

    def set_rows(self, rows: tuple[VisitRow, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> VisitRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 9

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is not Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Time"),
            self.tr("Job"),
            self.tr("Customer"),
            self.tr("Phone"),
            self.tr("Visit address"),
            self.tr("Product"),
            self.tr("Technician"),
            self.tr("Status"),
            self.tr("Visits so far"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == self.WINDOW:
            if row.start is None or row.end is None:
                return self.tr("to set")
            return f"{row.start:%H:%M}–{row.end:%H:%M}"
        if column == self.STATUS:
            if row.result is not None:
                return self.tr("visited: %s") % label(row.result)
            return status_label(Status(row.status))
        return {
            self.NUMBER: row.number,
            self.CUSTOMER: row.customer_name,
            self.PHONE: row.masked_phone,
            self.ADDRESS: row.visit_address,
            self.PRODUCT: row.product,
            self.TECHNICIAN: person_label(row.technician) if row.technician else "—",
            self.VISITS: str(row.visits_so_far),
        }.get(column)


class VisitsDialog(QDialog):
    def __init__(
        self,
        *,
        load_day: Callable[[date, int | None], VisitDay],
        load_staff: Callable[[], list[UserSnapshot]],
        open_job: Callable[[int], None],
        print_sheets: Callable[[list[int], str], None],
        today: date,
        technician_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visits_dialog")
        self.setWindowTitle(self.tr("On-site visits"))
        self._load_day = load_day
        self._open_job = open_job
        self._print_sheets = print_sheets
        self._generation = 0
        self.day = QDateEdit(self)
        self.day.setObjectName("visits_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setDate(QDate(today))
        self.technician = QComboBox(self)
        self.technician.setObjectName("visits_technician")
        self.technician.addItem(self.tr("All technicians"), None)
        if technician_id is not None:
            self.technician.addItem("…", technician_id)
            self.technician.setCurrentIndex(1)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("visits_status")
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Day"), self))
        top.addWidget(self.day)
        top.addWidget(QLabel(self.tr("Technician"), self))
        top.addWidget(self.technician, 1)
        top.addWidget(self.status_label, 2)

        self.model = VisitTableModel(self)
        self.table = self._table("visits_table", self.model)
        self.to_set_model = VisitTableModel(self)
        self.to_set_table = self._table("to_set_table", self.to_set_model)
        day_box = QGroupBox(self.tr("Visits of the day, in appointment order"), self)
        QVBoxLayout(day_box).addWidget(self.table)
        to_set_box = QGroupBox(self.tr("Appointment to set"), self)
        QVBoxLayout(to_set_box).addWidget(self.to_set_table)

        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Open job"), self)
        self.open_button.setObjectName("open_job_button")
        self.open_button.clicked.connect(self.open_selected)
        self.print_button = QPushButton(self.tr("Print visit sheets…"), self)
        self.print_button.setObjectName("print_sheets_button")
        self.print_button.setToolTip(
            self.tr("The selected jobs' sheets, or every appointment of the day")
        )
        self.print_button.clicked.connect(self.print_selected)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("close_button")
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(day_box, 3)
        layout.addWidget(to_set_box, 2)
        layout.addWidget(buttons)
        self.resize(1200, 620)
        self.day.dateChanged.connect(lambda _day: self.reload())
        self.technician.currentIndexChanged.connect(lambda _index: self.reload())
        background.run(load_staff, done=self._show_staff, failed=lambda _e: None, owner=self)
        self.reload()

    def _table(self, name: str, model: VisitTableModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VisitTableModel.ADDRESS, QHeaderView.ResizeMode.Stretch)
        table.doubleClicked.connect(lambda index: self._open_row(model, index.row()))
        return table

    def _show_staff(self, people: list[UserSnapshot]) -> None:
        chosen = self.technician.currentData()
        self.technician.blockSignals(True)
        while self.technician.count() > 1:
            self.technician.removeItem(1)
        for person in people:
            if person.active and person.role in (Role.TECHNICIAN, Role.MANAGER):
                self.technician.addItem(person_label(person.display_name), person.id)
        self.technician.setCurrentIndex(max(0, self.technician.findData(chosen)))
        self.technician.blockSignals(False)

    # --- reading ------------------------------------------------------------------------------

    def selected_day(self) -> date:
        day: date = self.day.date().toPython()
        return day

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        day, technician = self.selected_day(), self.technician.currentData()
        self.status_label.setText(self.tr("Loading…"))

        def shown(result: VisitDay) -> None:
            if generation != self._generation:
                return  # another day or technician was chosen meanwhile
            self.model.set_rows(result.rows)
            self.to_set_model.set_rows(result.to_set)
            self.status_label.setText(
                self.tr("Visits: %n; appointment to set: %1", "", len(result.rows)).replace(
                    "%1", str(len(result.to_set))
                )
            )

        def failed(error: Exception) -> None:
            if generation == self._generation:
                self.status_label.setText(failure_text(error, text_translator()))

        background.run(
            lambda: self._load_day(day, technician), done=shown, failed=failed, owner=self
        )

    # --- acting ---------------------------------------------------------------------------------

    def _selected(self) -> list[VisitRow]:
        rows: list[VisitRow] = []
        for table, model in ((self.table, self.model), (self.to_set_table, self.to_set_model)):
            rows += [model.row_at(i.row()) for i in table.selectionModel().selectedRows()]
        return rows

    def _open_row(self, model: VisitTableModel, row: int) -> None:
        self._open_job(model.row_at(row).job_id)

    def open_selected(self) -> None:
        rows = self._selected()
        if not rows:
            prompts.info(self, self.windowTitle(), self.tr("Select a job in the list first."))
            return
        self._open_job(rows[0].job_id)

    def print_selected(self) -> None:
        """The selected jobs' sheets; with none selected, every appointment still to come."""
        day = [self.model.row_at(i) for i in range(self.model.rowCount())]
        rows = self._selected() or [row for row in day if row.result is None]
        ids = list(dict.fromkeys(row.job_id for row in rows))
        if not ids:
            prompts.info(self, self.windowTitle(), self.tr("No visit to print for this day."))
            return
        self._print_sheets(ids, self.selected_day().isoformat())
