"""The manager's window on the staff: who has an account, their changes, and the staff record.

Every change is one operation of `ui/operations/user_actions.py`: a form that returns data, the
call in the background, the lists read again when it is saved. Who may do what to whom is the
service's to decide: a refusal (the last active manager, a clerk's attempt) comes back from the
call, and its words are shown where the manager is looking, the form keeping what was typed.
"""

from __future__ import annotations

from typing import Any

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.people import Actor
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.text import Translator
from desktop_app.services import Services
from desktop_app.services.users import StaffEventSnapshot, StaffMember
from desktop_app.ui import background
from desktop_app.ui.background import Lane, failure_text
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.fitting import remember_size
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.staff_models import StaffRecordModel, StaffTableModel
from desktop_app.ui.operations.user_actions import (
    NoInput,
    UserAction,
    UserContext,
    UserStep,
    user_step,
)
from desktop_app.ui.settings import UiSettings

ERROR_STYLE = "color: #c62828; font-weight: bold;"
RECORD_LIMIT = 500


class UsersDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        translate: Translator,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("users_dialog")
        self._services = services
        self._actor = actor
        self._translate = translate
        self._settings = settings
        self._busy = False
        self.last_form: FormDialog | None = None
        self.staff_model = StaffTableModel(self)
        self.record_model = StaffRecordModel(self)
        self._build()
        self.retranslate()
        self._enable_buttons()
        if settings is not None:
            remember_size(self, settings)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _table(self, name: str, model: Any) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _button(self, name: str, action: UserAction | None = None) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        if action is not None:
            button.clicked.connect(lambda _checked=False: self.perform(action))
        return button

    def _build(self) -> None:
        self.staff_table = self._table("staff_table", self.staff_model)
        self.staff_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._enable_buttons()
        )
        self.add_button = self._button("add_user_button", UserAction.ADD)
        self.role_button = self._button("change_role_button", UserAction.CHANGE_ROLE)
        self.disable_button = self._button("disable_button", UserAction.DISABLE)
        self.enable_button = self._button("enable_button", UserAction.ENABLE)
        self.reset_button = self._button("reset_password_button", UserAction.RESET_PASSWORD)
        self.action_buttons = (
            self.add_button,
            self.role_button,
            self.disable_button,
            self.enable_button,
            self.reset_button,
        )
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("busy_label")
        self.busy_label.hide()

        buttons = QVBoxLayout()
        for button in self.action_buttons:
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.staff_table, 1)
        row.addLayout(buttons)
        staff_page = QWidget(self)
        staff_layout = QVBoxLayout(staff_page)
        staff_layout.addWidget(self.message_label)
        staff_layout.addLayout(row)

        self.record_table = self._table("staff_record_table", self.record_model)
        record_page = QWidget(self)
        record_layout = QVBoxLayout(record_page)
        record_layout.addWidget(self.record_table)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("users_tabs")
        self.tabs.addTab(staff_page, "")
        self.tabs.addTab(record_page, "")

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close_button")

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.busy_label)
        layout.addWidget(close)
        self.resize(980, 560)

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.tabs.setTabText(0, self.tr("Staff"))
        self.tabs.setTabText(1, self.tr("Staff record"))
        self.add_button.setText(self.tr("Add user…"))
        self.role_button.setText(self.tr("Change role…"))
        self.disable_button.setText(self.tr("Disable…"))
        self.enable_button.setText(self.tr("Enable"))
        self.reset_button.setText(self.tr("Reset password…"))
        self.busy_label.setText(self.tr("Reading…"))
        self.staff_model.retranslate()
        self.record_model.retranslate()

    # --- reading ----------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the staff and the staff record again; then select `select` (a user name), or
        the member selected before."""
        chosen = self.selected_member()
        keep = select or (chosen.user.username if chosen is not None else None)
        services, actor = self._services, self._actor

        def staff_read(staff: list[StaffMember]) -> None:
            self.staff_model.set_rows(staff)
            if keep is not None:
                self.select(keep)
            self._enable_buttons()

        def record_read(record: list[StaffEventSnapshot]) -> None:
            self.record_model.set_rows(record)

        background.run(
            lambda: services.users.staff(actor),
            done=staff_read,
            failed=self._say,
            busy=self._show_busy,
            owner=self,
            lane=Lane.REFRESH,
        )
        background.run(
            lambda: services.users.staff_record(actor, RECORD_LIMIT),
            done=record_read,
            failed=self._say,
            owner=self,
            lane=Lane.REFRESH,
        )

    def selected_member(self) -> StaffMember | None:
        rows = self.staff_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.staff_model.member(rows[0].row())

    def select(self, username: str) -> bool:
        row = self.staff_model.row_of(username)
        if row < 0:
            return False
        self.staff_table.selectionModel().select(
            self.staff_model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.staff_table.setCurrentIndex(self.staff_model.index(row, 0))
        return True

    def _enable_buttons(self) -> None:
        member = self.selected_member()
        chosen = member is not None and not self._busy
        self.add_button.setEnabled(not self._busy)
        for button in (self.role_button, self.reset_button):
            button.setEnabled(chosen)
        self.disable_button.setEnabled(chosen and member is not None and member.user.active)
        self.enable_button.setEnabled(chosen and member is not None and not member.user.active)

    def _show_busy(self, busy: bool) -> None:
        self.busy_label.setVisible(busy)

    def _say(self, error: Exception) -> None:
        """A refusal or failure outside any form, in the service's words."""
        self.message_label.setText(failure_text(error, self._translate))
        self.message_label.show()

    # --- changes ----------------------------------------------------------------------------

    def perform(self, action: UserAction) -> None:
        """Ask for the change's inputs (if any), then make it in the background."""
        member = self.selected_member()
        if action is not UserAction.ADD and member is None:
            return
        self.message_label.hide()
        step = user_step(action, UserContext(self._actor, member))
        if not step.fields:  # enabling again asks nothing
            self._submit(step, NoInput(), None)
            return
        validate = step.validate
        form = FormDialog(
            step.title,
            step.fields,
            validate=(lambda values: validate(step.read(values))) if validate else None,
            translate=self._translate,
            parent=self,
        )
        form.setObjectName("user_form_" + action.value)
        form.set_submit(lambda values: self._submit(step, step.read(values), form))
        self.last_form = form
        if self._settings is not None:
            remember_size(form, self._settings, "form_user_" + action.value)
        try:
            exec_dialog(form)  # a lock hides it; the same manager finds it as typed
        finally:
            form.deleteLater()

    def _submit(self, step: UserStep[Any], typed: object, form: FormDialog | None) -> None:
        self._busy = True
        self._enable_buttons()
        services = self._services

        def finish() -> None:
            self._busy = False
            if isValid(self):
                self._enable_buttons()

        def done(user: UserSnapshot) -> None:
            finish()
            if form is not None and isValid(form):
                form.succeeded()
            self.reload(select=user.username)

        def failed(error: Exception) -> None:
            finish()
            if form is None or not isValid(form):
                self._say(error)
                self.reload()
            elif isinstance(error, InvalidInput):
                form.failed(error)  # the fields marked, everything typed kept
            else:
                form.failed()  # a refusal of the whole change: its words above the fields
                form.error_label.setText(failure_text(error, self._translate))
                form.error_label.show()
                form.grow_to_fit()

        def busy(on: bool) -> None:
            if form is not None and isValid(form):
                form.show_busy(on)
            elif isValid(self):
                self._show_busy(on)

        background.run(
            lambda: step.call(services, typed), done=done, failed=failed, busy=busy, owner=self
        )

    def show_record(self) -> None:
        self.tabs.setCurrentIndex(1)
