"""The complaints register (Service desk menu): the list with its filters, a new complaint, and
a complaint's view with its record and the steps the signed-in role may take next.

Every service call runs in the background; a form keeps what was typed when the service refuses
it, and the refusal is said in the reader's language (never a traceback).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.compensation import offers_words
from desktop_app.domain.complaints import (
    COMPLAINT_LIMITS,
    TYPED_CHANNELS,
    ComplaintForm,
    ComplaintQuery,
    ComplaintSnapshot,
    next_steps,
)
from desktop_app.domain.errors import ConcurrentChange, InvalidInput
from desktop_app.domain.people import Actor
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import (
    CompensationState,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintState,
    day_with_weekday,
    label,
    label_of,
    person_name,
)
from desktop_app.services import Services
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind, FormDialog
from desktop_app.ui.fitting import remember_size
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.complaint_table_model import (
    COMPLAINT_ROW_ROLE,
    ComplaintTableModel,
    ComplaintTimelineModel,
)
from desktop_app.ui.operations.complaint_steps import STEPS, ComplaintStep
from desktop_app.ui.settings import UiSettings

ERROR_STYLE = "color: #c62828; font-weight: bold;"
# The filter's entries: (key, query) — the words are set by retranslate().
FILTERS: tuple[tuple[str, ComplaintQuery], ...] = (
    ("open", ComplaintQuery(open_only=True)),
    ("overdue", ComplaintQuery(overdue_only=True)),
    ("all", ComplaintQuery()),
    *((state.value, ComplaintQuery(state=state)) for state in ComplaintState),
)


def _as(kind: type, value: object) -> object:
    """`value` as a member of `kind` if it is one; otherwise as it came (the service refuses it
    with the field named)."""
    try:
        return kind(value)
    except ValueError:
        return value


def _table(parent: QWidget, name: str, model: Any) -> QTableView:
    table = QTableView(parent)
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


class ComplaintsDialog(QDialog):
    """The register. `job_number` (from a job's view) opens a new complaint for that job at
    once."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        translate: Translator,
        settings: UiSettings | None = None,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("complaints_dialog")
        self._services = services
        self._actor = actor
        self._translate = translate
        self._settings = settings
        self._generation = 0
        self.last_form: FormDialog | None = None
        self.last_view: ComplaintView | None = None
        self.model = ComplaintTableModel(self, translate=translate, now=now)
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("complaint_search")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(COMPLAINT_LIMITS["customer_name"])
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.filter = QComboBox(self)
        self.filter.setObjectName("complaint_filter")
        for key, _query in FILTERS:
            self.filter.addItem("", key)
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.table = _table(self, "complaint_table", self.model)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.activated.connect(lambda index: self.open_row(index.row()))
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_complaint_button")
        self.new_button.clicked.connect(lambda _checked=False: self.new_complaint())
        self.new_button.setEnabled(services.read_only is None)
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("open_complaint_button")
        self.open_button.clicked.connect(lambda _checked=False: self.open_selected())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("complaint_count")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.search_box, 3)
        top.addWidget(self.filter, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(1100, 600)
        self.retranslate()
        if settings is not None:
            remember_size(self, settings)
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Complaints register"))
        self.search_box.setPlaceholderText(self.tr("Complaint number, phone or name"))
        words = {
            "open": self.tr("Open complaints"),
            "overdue": self.tr("Overdue"),
            "all": self.tr("All complaints"),
        }
        for index, (key, _query) in enumerate(FILTERS):
            text = words.get(key) or self._translate(label(ComplaintState(key)))
            self.filter.setItemText(index, text)
        self.new_button.setText(self.tr("New complaint…"))
        self.open_button.setText(self.tr("Open"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def query(self) -> ComplaintQuery:
        base = FILTERS[max(0, self.filter.currentIndex())][1]
        return ComplaintQuery(base.state, base.open_only, base.overdue_only, self.search_box.text())

    def select_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(self.filter.findData(key))

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        query = self.query()

        def show(rows: tuple) -> None:
            if generation != self._generation:
                return
            self.model.show_rows(rows)
            self.count_label.setText(self.tr("Complaints shown: %n", "", len(rows)))

        background.run(
            lambda: self._services.complaints.search(query),
            done=show,
            failed=self._say,
            owner=self,
        )

    def _say(self, error: Exception) -> None:
        self.message_label.setText(failure_text(error, self._translate))
        self.message_label.show()

    # --- a new complaint --------------------------------------------------------------------

    def new_complaint(self, job_number: str = "", name: str = "", phone: str = "") -> None:
        form = new_complaint_form(self._translate, self, job_number, name, phone)
        self.last_form = form
        services = self._services
        names_timer = QTimer(form)
        names_timer.setSingleShot(True)
        names_timer.setInterval(300)
        phone_box = form.widgets["phone"]
        name_box = form.widgets["customer_name"]
        assert isinstance(phone_box, QLineEdit) and isinstance(name_box, QLineEdit)

        def look_up() -> None:
            typed = phone_box.text()

            def fill(names: tuple[str, ...]) -> None:
                if names and not name_box.text().strip() and phone_box.text() == typed:
                    name_box.setText(names[0])

            background.run(
                lambda: services.complaints.customer_names_for_phone(typed),
                done=fill,
                failed=lambda _error: None,
                owner=form,
            )

        names_timer.timeout.connect(look_up)
        phone_box.textChanged.connect(lambda _text: names_timer.start())

        made: list[ComplaintSnapshot] = []

        def saved(complaint: ComplaintSnapshot) -> None:
            made.append(complaint)
            form.succeeded()
            self.reload()

        def failed(error: Exception) -> None:
            if isinstance(error, InvalidInput):
                form.failed(error)
                return
            form.failed()
            prompts.error(form, self.tr("Cannot save"), failure_text(error, self._translate))

        def submit(values: dict[str, Any]) -> None:
            # A combo box hands its enumeration values back as plain strings.
            complaint_form = ComplaintForm(
                **{
                    **values,
                    "channel": _as(ComplaintChannel, values["channel"]),
                    "category": _as(ComplaintCategory, values["category"]),
                }
            )
            background.run(
                lambda: services.complaints.register(complaint_form, self._actor),
                done=saved,
                failed=failed,
                busy=form.show_busy,
            )

        form.set_submit(submit)
        if self._settings is not None:
            remember_size(form, self._settings, "new_complaint")
        try:
            exec_dialog(form)
        finally:
            form.deleteLater()
        if made:  # registered: its view, with the receipt to print and the next steps
            self.show_complaint(made[0])

    # --- a complaint's view -------------------------------------------------------------------

    def open_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_row(rows[0].row())

    def open_row(self, row: int) -> None:
        complaint_id = self.model.index(row, 0).data(COMPLAINT_ROW_ROLE).id
        background.run(
            lambda: self._services.complaints.get(complaint_id),
            done=self.show_complaint,
            failed=self._say,
            owner=self,
        )

    def show_complaint(self, complaint: ComplaintSnapshot) -> None:
        view = ComplaintView(
            self._services,
            self._actor,
            complaint,
            translate=self._translate,
            settings=self._settings,
            parent=self,
        )
        self.last_view = view
        if self._settings is not None:
            remember_size(view, self._settings)
        try:
            exec_dialog(view)
        finally:
            self.last_view = None
            view.deleteLater()
            self.reload()


def new_complaint_form(
    translate: Translator,
    parent: QWidget | None,
    job_number: str = "",
    name: str = "",
    phone: str = "",
) -> FormDialog:
    t = translate
    fields = [
        Field(
            "channel",
            QCoreApplication.translate("ComplaintsDialog", "Channel"),
            FieldKind.CHOICE,
            default=ComplaintChannel.HOTLINE,
            choices=[(t(label(c)), c) for c in TYPED_CHANNELS],
        ),
        # Not marked required: with a job number, blank means the job's customer (the service
        # says so, field named, when neither is given).
        Field(
            "phone",
            QCoreApplication.translate("ComplaintsDialog", "Phone"),
            default=phone,
            max_length=20,
            placeholder=QCoreApplication.translate(
                "ComplaintsDialog", "blank: the phone on file for the job"
            )
            if job_number
            else "",
        ),
        Field(
            "customer_name",
            QCoreApplication.translate("ComplaintsDialog", "Customer name"),
            required=True,
            default=name,
            max_length=COMPLAINT_LIMITS["customer_name"],
        ),
        Field(
            "job_number",
            QCoreApplication.translate("ComplaintsDialog", "Job number (optional)"),
            default=job_number,
            max_length=COMPLAINT_LIMITS["job_number"],
        ),
        Field(
            "category",
            QCoreApplication.translate("ComplaintsDialog", "Category"),
            FieldKind.CHOICE,
            default=ComplaintCategory.DELAY,
            choices=[(t(label(c)), c) for c in ComplaintCategory],
        ),
        Field(
            "words",
            QCoreApplication.translate("ComplaintsDialog", "The customer's words"),
            FieldKind.MULTILINE,
            True,
        ),
        Field(
            "request",
            QCoreApplication.translate("ComplaintsDialog", "What the customer asks for"),
            FieldKind.MULTILINE,
        ),
    ]
    form = FormDialog(
        QCoreApplication.translate("ComplaintsDialog", "New complaint"),
        fields,
        intro=QCoreApplication.translate(
            "ComplaintsDialog",
            "The customer is called back within 24 hours and the complaint resolved within the "
            "shop's working days; the receipt prints both dates.",
        ),
        translate=translate,
        parent=parent,
    )
    form.setObjectName("new_complaint_form")
    return form


class ComplaintView(QDialog):
    """One complaint: its details, its record, and buttons for the next steps."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        complaint: ComplaintSnapshot,
        *,
        translate: Translator,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_view")
        self._settings = settings
        self._services = services
        self._actor = actor
        self._translate = translate
        self.complaint = complaint
        self.last_form: FormDialog | None = None
        self.last_receipt: QDialog | None = None
        self.details = QLabel(self)
        self.details.setObjectName("complaint_details")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.clocks = QLabel(self)
        self.clocks.setObjectName("complaint_clocks")
        self.clocks.setWordWrap(True)
        self.timeline_model = ComplaintTimelineModel(self, translate)
        self.timeline = _table(self, "complaint_timeline", self.timeline_model)
        self.timeline.setWordWrap(True)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.step_buttons: dict[str, QPushButton] = {}
        self._steps_row = QHBoxLayout()
        self.receipt_button = QPushButton(self)
        self.receipt_button.setObjectName("complaint_receipt_button")
        self.receipt_button.clicked.connect(lambda _checked=False: self.print_receipt())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addLayout(self._steps_row)
        bottom.addStretch(1)
        bottom.addWidget(self.receipt_button)
        bottom.addWidget(close)
        form = QFormLayout()
        form.addRow(self.details)
        form.addRow(self.clocks)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message_label)
        layout.addWidget(self.timeline, 1)
        layout.addLayout(bottom)
        self.resize(900, 560)
        self.show_complaint(complaint)

    def show_complaint(self, complaint: ComplaintSnapshot) -> None:
        self.complaint = complaint
        t = self._translate
        self.setWindowTitle(self.tr("Complaint %s") % (complaint.number or self.tr("(draft)")))
        lines = [
            self.tr("State: %s") % t(label(complaint.state)),
            self.tr("Received %1 by %2 · %3 · %4")
            .replace("%1", f"{complaint.received_at:%Y-%m-%d %H:%M}")
            .replace("%2", person_name(complaint.received_by, t))
            .replace("%3", t(label_of(ComplaintChannel, str(complaint.channel))))
            .replace("%4", t(label_of(ComplaintCategory, str(complaint.category)))),
            self.tr("Customer: %1 %2 · job %3")
            .replace("%1", complaint.customer_name)
            .replace("%2", complaint.masked_phone)
            .replace("%3", complaint.job_number or "—"),
            self.tr("The customer's words: %s") % complaint.words,
            self.tr("Asks for: %s") % (complaint.request or "—"),
        ]
        if complaint.resolved_at is not None or complaint.finding:
            fault = (
                self.tr("shop at fault")
                if complaint.shop_at_fault
                else self.tr("shop not at fault")
            )
            lines.append(
                self.tr("Finding: %1 (%2) · Resolution: %3")
                .replace("%1", complaint.finding)
                .replace("%2", fault)
                .replace("%3", complaint.resolution)
            )
        for compensation in complaint.compensations:
            offers = compensation.decided or compensation.proposed
            lines.append(
                self.tr("Compensation: %1 (%2)")
                .replace("%1", offers_words(offers, t) or "—")
                .replace("%2", t(label_of(CompensationState, str(compensation.state))))
            )
        self.details.setText("\n".join(lines))
        self.clocks.setText(self._clock_text(complaint))
        self.clocks.setStyleSheet(
            ERROR_STYLE if complaint.acknowledge_overdue or complaint.resolve_overdue else ""
        )
        self.timeline_model.show_events(complaint.events)
        self._show_steps()
        self.receipt_button.setText(self.tr("Print receipt…"))
        self.receipt_button.setEnabled(complaint.number is not None)

    def _clock_text(self, c: ComplaintSnapshot) -> str:
        t = self._translate
        if c.acknowledge_due_at is None or c.resolve_due_date is None:
            return self.tr("A draft: its clocks start when a manager registers it.")
        if c.acknowledged_at is not None:
            ack = (
                self.tr("Called back %1 by %2")
                .replace("%1", f"{c.acknowledged_at:%Y-%m-%d %H:%M}")
                .replace("%2", person_name(c.acknowledged_by or "?", t))
            )
        else:
            ack = self.tr("Call back by %s") % f"{c.acknowledge_due_at:%Y-%m-%d %H:%M}"
            if c.acknowledge_overdue:
                ack += " · " + self.tr("overdue")
        resolve = self.tr("resolve by the end of %s") % day_with_weekday(c.resolve_due_date, t)
        if c.resolve_overdue:
            resolve += " · " + self.tr("overdue")
        return f"{ack}; {resolve}"

    def _show_steps(self) -> None:
        for button in self.step_buttons.values():
            self._steps_row.removeWidget(button)
            button.deleteLater()
        self.step_buttons = {}
        if self._services.read_only is not None:
            return
        for kind in next_steps(self.complaint.state, self._actor.role):
            step = STEPS[kind]
            button = QPushButton(step.button(), self)
            button.setObjectName(f"step_{kind.value}")
            button.clicked.connect(lambda _checked=False, s=step: self.take_step(s))
            self._steps_row.addWidget(button)
            self.step_buttons[kind.value] = button

    def take_step(self, step: ComplaintStep) -> None:
        form = FormDialog(
            step.button().rstrip("…"),
            step.fields(self._translate),
            translate=self._translate,
            parent=self,
        )
        form.setObjectName(f"complaint_step_{step.kind.value}")
        self.last_form = form
        services, actor = self._services, self._actor
        complaint_id = self.complaint.id

        def saved(complaint: ComplaintSnapshot) -> None:
            form.succeeded()
            self.message_label.hide()
            self.show_complaint(complaint)

        def failed(error: Exception) -> None:
            if isinstance(error, InvalidInput):
                form.failed(error)
                return
            form.failed()
            self._say(error)
            if isinstance(error, ConcurrentChange):
                # Changed at another counter: said over the form, kept as typed, and the view
                # behind it shows the complaint as it is now; OK again is judged on that.
                self.reload()
                prompts.error(form, form.windowTitle(), failure_text(error, self._translate))
                return
            form.reject()

        def submit(values: dict[str, Any]) -> None:
            version = self.complaint.version  # the one shown now (read again after a refusal)
            background.run(
                lambda: step.call(services, complaint_id, actor, values, version),
                done=saved,
                failed=failed,
                busy=form.show_busy,
            )

        form.set_submit(submit)
        try:
            exec_dialog(form)
        finally:
            form.deleteLater()

    def _say(self, error: Exception) -> None:
        self.message_label.setText(failure_text(error, self._translate))
        self.message_label.show()

    def reload(self) -> None:
        """Read the complaint again (another counter changed it) and show it."""
        complaint_id = self.complaint.id
        background.run(
            lambda: self._services.complaints.get(complaint_id),
            done=self.show_complaint,
            failed=self._say,
            owner=self,
        )

    def print_receipt(self) -> None:
        """The complaint receipt in the receipt preview (print or save), like the intake's."""
        from desktop_app.domain.shop_details import ShopDetailsMissing, check_receipt_details
        from desktop_app.receipts.complaint import render_complaint
        from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog

        complaint, t = self.complaint, self._translate

        def render() -> bytes:
            shop = self._services.shop.settings()
            check_receipt_details(shop)
            return render_complaint(complaint, shop, translate=t, paper=shop.receipt_paper)

        def show(pdf: bytes) -> None:
            settings = self._settings if self._settings is not None else UiSettings()
            name = f"{complaint.number}-complaint.pdf"
            dialog = ReceiptDialog(pdf, name, settings, parent=self)
            self.last_receipt = dialog
            try:
                exec_dialog(dialog)
            finally:
                self.last_receipt = None
                dialog.deleteLater()

        def failed(error: Exception) -> None:
            if isinstance(error, ShopDetailsMissing):
                prompts.warning(self, self.tr("Cannot print"), error.render(t))
                return
            self._say(error)

        background.run(render, done=show, failed=failed, owner=self)
