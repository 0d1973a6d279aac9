"""The consultation log (Service desk → Consultation log): hotline, online and counter questions,
the 24-hour callbacks owed, and the way from a question to a check-in or an on-site visit.

Every read and write goes through the consultation service in the background; the new
consultation and callback forms are FormDialogs that keep what was typed when refused.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.consultations import (
    CONSULTATION_LIMITS,
    CONVERTIBLE,
    ConsultationFilter,
    ConsultationForm,
    ConsultationQuery,
    ConsultationRow,
    ConsultationSnapshot,
    validate_callback_answer,
    validate_consultation,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, may
from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind, FormDialog
from desktop_app.ui.labels import label, person_label
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.consultation_model import (
    CONSULTATION_ROW_ROLE,
    ConsultationTableModel,
    fit_consultation_columns,
)

if TYPE_CHECKING:
    from desktop_app.services import Services

# Opens the check-in dialog prefilled from a consultation, as the given service, and returns
# once it is closed (the main window's make_check_in_dialog).
CheckInFrom = Callable[[ConsultationSnapshot, ServiceKind], None]
SEARCH_DELAY_MS = 200


class ConsultationLogDialog(QDialog):
    """Emits changed() after a consultation was recorded, called back or converted."""

    changed = Signal()

    def __init__(
        self,
        services: Services,
        user: Actor,
        *,
        translate: Translator,
        now: Callable[[], datetime],
        check_in_from: CheckInFrom,
        read_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("consultation_log")
        self._services = services
        self._user = user
        self._translate = translate
        self._now = now
        self._check_in_from = check_in_from
        self._read_only = read_only
        self._generation = 0
        self.model = ConsultationTableModel(now, self)

        self.filter = QComboBox(self)
        self.filter.setObjectName("consultation_filter")
        for which in ConsultationFilter:
            self.filter.addItem("", which.value)
        self.filter.currentIndexChanged.connect(self.reload)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("consultation_search")
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("consultation_counts")
        top = QHBoxLayout()
        top.addWidget(self.search_box, 3)
        top.addWidget(self.filter, 1)
        top.addWidget(self.counts_label)

        self.table = QTableView(self)
        self.table.setObjectName("consultation_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable_buttons())
        self.table.doubleClicked.connect(lambda _index: self.call_back())

        self.new_button = self._button("new_consultation_button", self.new_consultation)
        self.call_back_button = self._button("call_back_button", self.call_back)
        self.check_in_button = self._button(
            "consultation_check_in_button", lambda: self.convert(ServiceKind.REPAIR)
        )
        self.on_site_button = self._button(
            "consultation_on_site_button", lambda: self.convert(ServiceKind.ON_SITE)
        )
        self.close_button = self._button("close_button", self.accept)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.call_back_button):
            buttons.addWidget(button)
        buttons.addSpacing(16)
        buttons.addWidget(self.check_in_button)
        buttons.addWidget(self.on_site_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self._enable_buttons()
        self.resize(1180, 600)  # within a 1366×768 screen with a taskbar
        self.reload()

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Consultation log"))
        for index, text in enumerate(
            (
                self.tr("All consultations"),
                self.tr("Awaiting callback"),
                self.tr("Callback overdue"),
            )
        ):
            self.filter.setItemText(index, text)
        self.search_box.setPlaceholderText(self.tr("Search: number, phone digits, caller's name"))
        self.new_button.setText(self.tr("&New consultation…"))
        self.call_back_button.setText(self.tr("&Call back…"))
        self.check_in_button.setText(self.tr("Check &in…"))
        self.on_site_button.setText(self.tr("Book &on-site visit…"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        fit_consultation_columns(self.table)

    # --- the list -----------------------------------------------------------------------------

    def query(self) -> ConsultationQuery:
        return ConsultationQuery(
            ConsultationFilter(self.filter.currentData()), self.search_box.text()
        )

    def reload(self) -> None:
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        query = self.query()
        consultations = self._services.consultations

        def read() -> tuple[tuple[ConsultationRow, ...], Any]:
            return consultations.list(query), consultations.counts()

        def show(result: tuple[tuple[ConsultationRow, ...], Any]) -> None:
            if generation != self._generation:
                return
            rows, counts = result
            selected = self.selected_row()
            self.model.show_rows(rows)
            self.counts_label.setText(
                self.tr("Awaiting callback: %1 · overdue: %2")
                .replace("%1", str(counts.awaiting_callback))
                .replace("%2", str(counts.overdue))
            )
            fit_consultation_columns(self.table)
            if selected is not None:
                self.select(selected.id)
            self._enable_buttons()

        background.run(read, done=show, failed=self._show_failure, owner=self)

    def select(self, consultation_id: int) -> bool:
        for number, row in enumerate(self.model.rows()):
            if row.id == consultation_id:
                self.table.selectRow(number)
                return True
        return False

    def selected_row(self) -> ConsultationRow | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not indexes:
            return None
        return self.model.data(indexes[0], CONSULTATION_ROW_ROLE)  # type: ignore[return-value]

    def _enable_buttons(self) -> None:
        row = self.selected_row()
        may_record = not self._read_only and may(self._user.role, Action.RECORD_CONSULTATION)
        may_check_in = not self._read_only and may(self._user.role, Action.CHECK_IN)
        self.new_button.setEnabled(may_record)
        waiting = row is not None and row.state is ConsultationState.CALLBACK_DUE
        self.call_back_button.setEnabled(may_record and waiting)
        convertible = row is not None and row.state in CONVERTIBLE
        self.check_in_button.setEnabled(may_check_in and convertible)
        self.on_site_button.setEnabled(may_check_in and convertible)

    def _show_failure(self, error: Exception) -> None:
        prompts.error(self, self.tr("Consultation log"), failure_text(error, self._translate))

    # --- actions ------------------------------------------------------------------------------

    def new_consultation(self) -> None:
        dialog = self.new_consultation_dialog()
        consultations, user = self._services.consultations, self._user

        def submit(values: dict[str, Any]) -> None:
            form = consultation_form(values)
            background.run(
                lambda: consultations.record(form, user),
                done=lambda done: self._saved(dialog, done),
                failed=lambda error: self._refused(dialog, error),
                busy=dialog.show_busy,
            )

        dialog.set_submit(submit)
        exec_dialog(dialog)

    def call_back(self) -> None:
        row = self.selected_row()
        if row is None or row.state is not ConsultationState.CALLBACK_DUE:
            return
        if self._read_only or not may(self._user.role, Action.RECORD_CONSULTATION):
            return
        consultations = self._services.consultations
        background.run(
            lambda: consultations.get(row.id),
            done=lambda snapshot: self._ask_call_back(snapshot, row.version),
            failed=self._show_failure,
            owner=self,
        )

    def _ask_call_back(self, consultation: ConsultationSnapshot, version: int) -> None:
        dialog = self.call_back_dialog(consultation)
        consultations, user = self._services.consultations, self._user

        def submit(values: dict[str, Any]) -> None:
            answer = values["answer"]
            background.run(
                lambda: consultations.call_back(consultation.id, answer, user, version),
                done=lambda done: self._saved(dialog, done),
                failed=lambda error: self._refused(dialog, error),
                busy=dialog.show_busy,
            )

        dialog.set_submit(submit)
        exec_dialog(dialog)

    def convert(self, service: ServiceKind) -> None:
        """The check-in dialog, prefilled from the consultation; the log reads again when it
        closes (converted, the row shows the job's number)."""
        row = self.selected_row()
        if row is None or row.state not in CONVERTIBLE:
            return
        consultations = self._services.consultations

        def open_check_in(consultation: ConsultationSnapshot) -> None:
            self._check_in_from(consultation, service)
            self.reload()
            self.changed.emit()

        background.run(
            lambda: consultations.get(row.id),
            done=open_check_in,
            failed=self._show_failure,
            owner=self,
        )

    def _saved(self, dialog: FormDialog, consultation: ConsultationSnapshot) -> None:
        dialog.succeeded()
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self._select_after_reload(consultation.id)
        self.reload()
        self.changed.emit()

    def _select_after_reload(self, consultation_id: int) -> None:
        def once() -> None:
            self.model.modelReset.disconnect(once)
            QTimer.singleShot(0, lambda: self.select(consultation_id))

        self.model.modelReset.connect(once)

    def _refused(self, dialog: FormDialog, error: Exception) -> None:
        if isinstance(error, InvalidInput):
            dialog.failed(error)
            return
        dialog.failed()
        prompts.error(dialog, self.tr("Cannot save"), failure_text(error, self._translate))
        self.reload()

    # --- the two forms -------------------------------------------------------------------------

    def new_consultation_dialog(self) -> FormDialog:
        fields = [
            Field(
                "channel",
                self.tr("Channel"),
                FieldKind.CHOICE,
                default=ConsultationChannel.HOTLINE.value,
                choices=[(label(channel), channel.value) for channel in ConsultationChannel],
            ),
            Field(
                "phone",
                self.tr("Caller's mobile phone"),
                required=True,
                placeholder=self.tr("11-digit mobile, e.g. 13812345678"),
                max_length=CONSULTATION_LIMITS["phone"],
            ),
            Field(
                "caller_name",
                self.tr("Caller's name"),
                placeholder=self.tr("If they give it"),
                max_length=CONSULTATION_LIMITS["caller_name"],
            ),
            Field(
                "category",
                self.tr("Product category"),
                FieldKind.CHOICE,
                default="",
                choices=[(self.tr("— not said —"), ""), *((label(c), c.value) for c in Category)],
            ),
            Field("brand", self.tr("Brand"), max_length=CONSULTATION_LIMITS["brand"]),
            Field("model", self.tr("Model"), max_length=CONSULTATION_LIMITS["model"]),
            Field(
                "question",
                self.tr("Question"),
                FieldKind.MULTILINE,
                required=True,
                placeholder=self.tr("In the caller's words"),
                max_length=CONSULTATION_LIMITS["question"],
            ),
            Field(
                "answer",
                self.tr("Answer or advice given"),
                FieldKind.MULTILINE,
                placeholder=self.tr("Leave empty to promise a callback within 24 hours"),
                max_length=CONSULTATION_LIMITS["answer"],
            ),
        ]

        def validate(values: dict[str, Any]) -> None:
            validate_consultation(consultation_form(values))

        dialog = FormDialog(
            self.tr("New consultation"),
            fields,
            intro=self.tr(
                "A question answered now is recorded as answered; without an answer, the shop "
                "promises to call back within 24 hours."
            ),
            validate=validate,
            translate=self._translate,
            parent=self,
        )
        dialog.setObjectName("new_consultation_dialog")
        return dialog

    def call_back_dialog(self, consultation: ConsultationSnapshot) -> FormDialog:
        """The number to call is shown whole here: this dialog is for calling it."""
        due = (
            f"{consultation.callback_due_at:%Y-%m-%d %H:%M}" if consultation.callback_due_at else ""
        )
        who = " ".join(part for part in (consultation.caller_name, consultation.phone) if part)
        fields = [
            Field("who", self.tr("Call"), FieldKind.INFO, default=who),
            Field(
                "product", self.tr("Product"), FieldKind.INFO, default=consultation.product or "—"
            ),
            Field("question", self.tr("Question"), FieldKind.INFO, default=consultation.question),
            Field(
                "received",
                self.tr("Received"),
                FieldKind.INFO,
                default=self.tr("%1 by %2, callback due %3")
                .replace("%1", f"{consultation.received_at:%Y-%m-%d %H:%M}")
                .replace("%2", person_label(consultation.answered_by))
                .replace("%3", due),
            ),
            Field(
                "answer",
                self.tr("Answer given on the callback"),
                FieldKind.MULTILINE,
                required=True,
                max_length=CONSULTATION_LIMITS["answer"],
            ),
        ]

        def validate(values: dict[str, Any]) -> None:
            validate_callback_answer(values["answer"])

        dialog = FormDialog(
            self.tr("Call back %s") % consultation.number,
            fields,
            validate=validate,
            translate=self._translate,
            parent=self,
        )
        dialog.setObjectName("call_back_dialog")
        return dialog


def consultation_form(values: dict[str, Any]) -> ConsultationForm:
    """The typed form from the dialog's values (Qt hands enum data back as plain strings)."""
    category = values.get("category") or None
    return ConsultationForm(
        channel=ConsultationChannel(values["channel"]),
        phone=values["phone"],
        question=values["question"],
        caller_name=values["caller_name"],
        category=Category(category) if category else None,
        brand=values["brand"],
        model=values["model"],
        answer=values["answer"],
    )
