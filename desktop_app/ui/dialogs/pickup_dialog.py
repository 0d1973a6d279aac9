"""Devices waiting for pickup: ready, not collected after the shop's days, with the reminders
sent since each became ready.

The list is read in the background (services.pickup.waiting) and read again after each
message: the row then shows one reminder more and its day. "Message customer…" opens the
message dialog on the "ready for pickup" template; the job itself opens from the main window.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import MessageTemplate
from desktop_app.domain.people import Actor
from desktop_app.domain.pickup import PickupRow
from desktop_app.domain.text import Translator
from desktop_app.services import Services
from desktop_app.ui import background
from desktop_app.ui.background import Lane, failure_text
from desktop_app.ui.dialogs.message_dialog import MessageDialog
from desktop_app.ui.fitting import remember_size
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.pickup_model import PickupModel
from desktop_app.ui.settings import UiSettings

ERROR_STYLE = "color: #c62828; font-weight: bold;"


class PickupDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        translate: Translator,
        after_days: int,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`after_days`: the shop's pickup days as the window last read them (said above the
        list; the service reads its own)."""
        super().__init__(parent)
        self.setObjectName("pickup_dialog")
        self._after_days = after_days
        self._services = services
        self._actor = actor
        self._translate = translate
        self._settings = settings
        self.last_message: MessageDialog | None = None
        self.model = PickupModel(self)
        self._build()
        self.retranslate()
        self._enable_buttons()
        if settings is not None:
            remember_size(self, settings)
        self.reload()

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("pickup_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable_buttons())
        self.table.doubleClicked.connect(lambda _index: self.message_customer())
        self.model.modelReset.connect(self._enable_buttons)

        self.message_button = QPushButton(self)
        self.message_button.setObjectName("message_customer_button")
        self.message_button.clicked.connect(lambda _c=False: self.message_customer())
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refresh_button")
        self.refresh_button.clicked.connect(lambda _c=False: self.reload())
        self.rule_label = QLabel(self)
        self.rule_label.setObjectName("rule_label")
        self.rule_label.setWordWrap(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busy_label")
        self.busy_label.hide()

        buttons = QVBoxLayout()
        buttons.addWidget(self.message_button)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close_button")
        layout = QVBoxLayout(self)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.message_label)
        layout.addLayout(row, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addWidget(self.busy_label)
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.resize(1100, 560)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Waiting for pickup"))
        self.message_button.setText(self.tr("Message customer…"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.busy_label.setText(self.tr("Reading…"))
        self.rule_label.setText(
            self.tr(
                "Devices ready for pickup and not collected after %1 days (Shop settings), the "
                "longest waiting first. Reminders: the messages sent since the device became "
                "ready; in red, nobody has told the customer yet."
            ).replace("%1", str(self._after_days))
        )
        self._show_count()
        self.model.retranslate()

    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("Devices waiting: %1").replace("%1", str(self.model.rowCount()))
        )

    # --- reading ----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        chosen = self.selected_row()
        keep = select if select is not None else (chosen.job_id if chosen else None)
        services, actor = self._services, self._actor

        def read(rows: tuple[PickupRow, ...]) -> None:
            self.model.set_rows(rows)
            self._show_count()
            if keep is not None:
                self.select(keep)
            self._enable_buttons()

        background.run(
            lambda: services.pickup.waiting(actor),
            done=read,
            failed=self._say,
            busy=self.busy_label.setVisible,
            owner=self,
            lane=Lane.REFRESH,
        )

    def selected_row(self) -> PickupRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select(self, job_id: int) -> bool:
        row = self.model.row_of(job_id)
        if row < 0:
            return False
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def _enable_buttons(self) -> None:
        chosen = self.selected_row() is not None
        self.message_button.setEnabled(chosen and self._services.read_only is None)

    def _say(self, error: Exception) -> None:
        self.message_label.setText(failure_text(error, self._translate))
        self.message_label.show()

    # --- a reminder ---------------------------------------------------------------------------

    def message_customer(self) -> None:
        row = self.selected_row()
        if row is None or self._services.read_only is not None:
            return
        self.message_label.hide()
        dialog = MessageDialog(
            self._services,
            self._actor,
            job_id=row.job_id,
            job_number=row.number,
            customer=f"{row.customer_name} {row.masked_phone}",
            templates=(MessageTemplate.READY,),
            translate=self._translate,
            parent=self,
        )
        self.last_message = dialog
        if self._settings is not None:
            remember_size(dialog, self._settings)
        try:
            exec_dialog(dialog)
        finally:
            sent = dialog.sent
            dialog.deleteLater()
        if sent is not None:
            self.reload(select=row.job_id)
