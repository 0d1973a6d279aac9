"""The satisfaction follow-up calls: the returned jobs to call today, and a call recorded.

The list is read in the background (services.follow_up.due), and read again after each call:
a job the customer answered leaves it, a call that did not reach them shows one more attempt.
A call is a `SurveyDialog` that returns its form; the save runs in the background while the
dialog waits, and a refusal (another counter called the customer first) is said in the dialog,
everything typed kept. A full phone number is shown through the job's own reveal, so the look
is on the job's record like any other.
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
from shiboken6 import isValid

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.follow_up import (
    MAX_ATTEMPTS,
    WINDOW_DAYS,
    FollowUpRow,
    SurveyForm,
    SurveySnapshot,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import Translator
from desktop_app.services import Services
from desktop_app.ui import background
from desktop_app.ui.background import Lane, failure_text
from desktop_app.ui.dialogs.survey_dialog import SurveyDialog
from desktop_app.ui.fitting import remember_size
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.follow_up_model import FollowUpModel
from desktop_app.ui.settings import UiSettings

ERROR_STYLE = "color: #c62828; font-weight: bold;"


class FollowUpDialog(QDialog):
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
        """`after_days`: the shop's follow-up delay as the window last read it (said above the
        list; the service reads its own)."""
        super().__init__(parent)
        self.setObjectName("follow_up_dialog")
        self._after_days = after_days
        self._services = services
        self._actor = actor
        self._translate = translate
        self._settings = settings
        self._busy = False
        self.last_survey: SurveyDialog | None = None
        self.model = FollowUpModel(self)
        self._build()
        self.retranslate()
        self._enable_buttons()
        if settings is not None:
            remember_size(self, settings)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("follow_up_table")
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
        self.table.doubleClicked.connect(lambda _index: self.record_call())
        self.model.modelReset.connect(self._enable_buttons)

        self.record_button = QPushButton(self)
        self.record_button.setObjectName("record_call_button")
        self.record_button.clicked.connect(lambda _c=False: self.record_call())
        self.reveal_button = QPushButton(self)
        self.reveal_button.setObjectName("reveal_phone_button")
        self.reveal_button.clicked.connect(lambda _c=False: self.reveal_phone())
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
        for button in (self.record_button, self.reveal_button, self.refresh_button):
            buttons.addWidget(button)
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

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Follow-up calls"))
        self.record_button.setText(self.tr("Record call…"))
        self.reveal_button.setText(self.tr("Show number"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.busy_label.setText(self.tr("Reading…"))
        self.rule_label.setText(
            self.tr(
                "Jobs returned to the customer (or exchanged) at least %1 days ago, for %2 days; "
                "a job leaves the list when the customer is reached or after %3 calls that did "
                "not reach them. A score of 2 or less opens a complaint draft for the manager."
            )
            .replace("%1", str(self._after_days))
            .replace("%2", str(WINDOW_DAYS))
            .replace("%3", str(MAX_ATTEMPTS))
        )
        self._show_count()
        self.model.retranslate()

    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("Jobs to call: %1").replace("%1", str(self.model.rowCount()))
        )

    # --- reading ----------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Read the list again; then select the job `select`, or the one selected before."""
        chosen = self.selected_row()
        keep = select if select is not None else (chosen.job_id if chosen else None)
        services, actor = self._services, self._actor

        def read(rows: tuple[FollowUpRow, ...]) -> None:
            self.model.set_rows(rows)
            self._show_count()
            if keep is not None:
                self.select(keep)
            self._enable_buttons()

        background.run(
            lambda: services.follow_up.due(actor),
            done=read,
            failed=self._say,
            busy=self._show_busy,
            owner=self,
            lane=Lane.REFRESH,
        )

    def selected_row(self) -> FollowUpRow | None:
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
        chosen = self.selected_row() is not None and not self._busy
        writable = self._services.read_only is None
        self.record_button.setEnabled(chosen and writable)
        self.reveal_button.setEnabled(chosen and writable)

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)

    def _say(self, error: Exception) -> None:
        self.message_label.setText(failure_text(error, self._translate))
        self.message_label.show()

    # --- the full number ----------------------------------------------------------------------

    def reveal_phone(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        services, actor = self._services, self._actor

        def shown(job: JobSnapshot) -> None:
            self.model.show_phone(job.id, job.customer.phone)

        background.run(
            lambda: services.jobs.reveal_phone(row.job_id, actor),
            done=shown,
            failed=self._say,
            busy=self._show_busy,
            owner=self,
        )

    # --- a call -------------------------------------------------------------------------------

    def record_call(self) -> None:
        row = self.selected_row()
        if row is None or self._busy or self._services.read_only is not None:
            return
        self.message_label.hide()
        dialog = SurveyDialog(row, translate=self._translate, parent=self)
        dialog.set_submit(lambda form: self._submit(row, form, dialog))
        self.last_survey = dialog
        if self._settings is not None:
            remember_size(dialog, self._settings)
        try:
            exec_dialog(dialog)  # a lock hides it; the same person finds it as typed
        finally:
            dialog.deleteLater()

    def _submit(self, row: FollowUpRow, form: SurveyForm, dialog: SurveyDialog) -> None:
        self._busy = True
        self._enable_buttons()
        services, actor = self._services, self._actor

        def finish() -> None:
            self._busy = False
            if isValid(self):
                self._enable_buttons()

        def done(_survey: SurveySnapshot) -> None:
            finish()
            if isValid(dialog):
                dialog.succeeded()
            if isValid(self):
                self.reload()

        def failed(error: Exception) -> None:
            finish()
            if not isValid(dialog):
                self._say(error)
            elif isinstance(error, InvalidInput):
                dialog.failed(error)
            else:
                dialog.failed()
                dialog.show_refusal(failure_text(error, self._translate))
            if isValid(self):
                self.reload()  # another counter's call: the list says so too

        background.run(
            lambda: services.follow_up.record(row.job_id, form, actor, row.version),
            done=done,
            failed=failed,
            busy=dialog.show_busy,
            owner=self,
        )
