"""The check-in dialog: collects a CheckInForm, shows the verdict and promised dates live.

It returns data and saves nothing: the main window hands the form to the service. Validation
here uses the same domain function the service uses, so the dialog refuses exactly what the
service would, and keeps everything typed while the clerk fixes it.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.check_in import (
    RepeatCheck,
    job_in_shop,
    phone_warning,
    preview_check_in,
    serial_in_shop_problems,
)
from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.forms import (
    CHECK_IN_LIMITS,
    CHECK_IN_SERVICES,
    DATE_FORMAT,
    CheckInForm,
    validate_check_in,
)
from desktop_app.domain.limits import LONG_TEXT, SHORT_TEXT
from desktop_app.domain.money import yuan
from desktop_app.domain.payments import Tender, parse_amount
from desktop_app.domain.repair_warranty import guaranteed_until
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import (
    EARLIEST_PURCHASE,
    Category,
    Coverage,
    DocumentsPresented,
    ServiceKind,
)
from desktop_app.domain.snapshots import JobRow, UserSnapshot
from desktop_app.domain.text import Text, Translator
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.receipts.fonts import unprintable
from desktop_app.ui import background
from desktop_app.ui.dialogs.problems import (
    SavesInBackground,
    Saving,
    field_said,
    marked_fields,
    show_problems,
)
from desktop_app.ui.labels import (
    category_label,
    coverage_label,
    day_label,
    payment_label,
    person_label,
    service_label,
    status_label,
)
from desktop_app.ui.widgets.date_field import DateField
from desktop_app.ui.widgets.window_field import WindowField

LookupEarlier = Callable[[str], tuple[JobRow, ...]]
LookupNames = Callable[[str], tuple[str, ...]]
LookupTechnicians = Callable[[], list[UserSnapshot]]


COVERAGE_COLOURS = {
    Coverage.RETURN_EXCHANGE: "#1565c0",
    Coverage.WARRANTY: "#2e7d32",
    Coverage.PAID: "#c62828",
}


class CheckInDialog(SavesInBackground, QDialog):
    """Emits open_job_requested(number) when the clerk follows a link to an earlier job."""

    open_job_requested = Signal(str)

    def __init__(
        self,
        *,
        calendar: WorkCalendar,
        default_warranty_months: int,
        translate: Translator,
        lookup_earlier: LookupEarlier,
        now: Callable[[], datetime] = datetime.now,
        initial: CheckInForm | None = None,
        parent: QWidget | None = None,
        lookup_names: LookupNames | None = None,
        lookup_technicians: LookupTechnicians | None = None,
        lookup_extension: Callable[[str], date | None] | None = None,
        lookup_repeat: Callable[[str], RepeatCheck] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("check_in_dialog")
        self.setWindowTitle(self.tr("Check in a product"))
        self._calendar = calendar
        self._translate = translate
        self._lookup_earlier = lookup_earlier
        self._lookup_names = lookup_names
        self._lookup_technicians = lookup_technicians
        # The warranty end an earlier job's compensation extended the typed serial to: the
        # verdict counts it as the service will (read with the serial's earlier jobs).
        self._lookup_extension = lookup_extension
        self._extended_warranty_end: date | None = None
        # Issue 16: the serial's repaired hand-back whose repair warranty covers this check-in
        # (read with the earlier jobs); the clerk confirms the same fault with `repeat_check`.
        self._lookup_repeat = lookup_repeat
        self._repeat = RepeatCheck(None)
        self._now = now
        self._field_widgets: dict[str, QWidget] = {}
        # The consultation this check-in converts (set by an initial form), kept as it is.
        self._consultation_id: int | None = None
        # What the last lookups found: the jobs with this serial, the names on this phone.
        self._serial_jobs: tuple[JobRow, ...] = ()
        self._names_on_phone: tuple[str, ...] = ()
        # The problems listed above the form: those this dialog found (checked again as the
        # clerk types, so a fixed field leaves the list) and those the service found (kept until
        # their field is edited).
        self._local_problem_fields: set[str] = set()
        self._service_problems: list[FieldProblem] = []
        self._build(default_warranty_months)
        self._serial_timer = QTimer(self, singleShot=True, interval=300)
        self._serial_timer.timeout.connect(self._refresh_earlier_jobs)
        self._phone_timer = QTimer(self, singleShot=True, interval=300)
        self._phone_timer.timeout.connect(self._refresh_names_on_phone)
        self._connect_live_updates()
        if initial is not None:
            self.set_form(initial)
        self._show_on_site()
        self._load_technicians()
        self._refresh_verdict()
        self._refresh_unprintable()
        self.resize(880, 680)  # within a 1366×768 screen with a taskbar; the form scrolls

    # --- layout -----------------------------------------------------------------------------

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        widget = QLineEdit(self)
        widget.setObjectName(name)
        widget.setPlaceholderText(placeholder)
        widget.setMaxLength(CHECK_IN_LIMITS.get(name, SHORT_TEXT))
        if placeholder:
            # Wide enough for its hint in the language shown (frame and text margins: 16 px).
            widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(placeholder) + 16)
        self._field_widgets[name] = widget
        return widget

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        widget = QPlainTextEdit(self)
        widget.setObjectName(name)
        widget.setPlaceholderText(placeholder)
        widget.setTabChangesFocus(True)
        # Wide enough for its hint (document margins and frame: 24 px).
        widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(placeholder) + 24)
        widget.setFixedHeight(64)
        # A QPlainTextEdit has no maxLength: typing or pasting past the limit is cut there.
        limit = CHECK_IN_LIMITS.get(name, LONG_TEXT)
        widget.textChanged.connect(lambda: _cap_text(widget, limit))
        self._field_widgets[name] = widget
        return widget

    def _build(self, default_warranty_months: int) -> None:
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()

        left = QVBoxLayout()
        left.addWidget(self._build_customer())
        left.addWidget(self._build_product(default_warranty_months))
        left.addWidget(self._build_documents())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._build_service())
        right.addWidget(self._build_on_site())
        right.addWidget(self._build_verdict(), 1)
        right.addWidget(self._build_deposit())
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        body = QWidget(self)
        body.setLayout(columns)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Check in and print receipt"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save_button")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel_button")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.saving = Saving(self, (self.save_button, cancel), lambda: self._field_widgets.values())

        outer = QVBoxLayout(self)
        outer.addWidget(self.error_label)
        outer.addWidget(scroll, 1)
        outer.addWidget(self.saving.label)
        outer.addWidget(self.buttons)

    def _build_customer(self) -> QGroupBox:
        self.customer_name = self._line("customer_name", self.tr("Full name"))
        self.phone = self._line("phone", self.tr("11-digit mobile, e.g. 13812345678"))
        self.address = self._line("address", self.tr("Only needed for on-site service"))
        customer = QGroupBox(self.tr("Customer"), self)
        customer_form = QFormLayout(customer)
        customer_form.addRow(self.tr("Name"), self.customer_name)
        customer_form.addRow(self.tr("Mobile phone"), self.phone)
        customer_form.addRow(self.tr("Address"), self.address)
        return customer

    def _build_product(self, default_warranty_months: int) -> QGroupBox:
        self.category = QComboBox(self)
        self.category.setObjectName("category")
        for category in Category:
            self.category.addItem(category_label(category), category)
        self.brand = self._line("brand", self.tr("e.g. 华为, 美的"))
        self.model = self._line("model", self.tr("As on the label"))
        self.serial = self._line("serial", self.tr("Serial number or IMEI"))
        # Empty until entered (typed, or picked from the calendar): it decides the verdict.
        self.purchase_date = DateField(lambda: self._now().date(), self, earliest=EARLIEST_PURCHASE)
        self.purchase_date.setObjectName("purchase_date")
        self.purchase_date.setPlaceholderText(self.tr("YYYY-MM-DD (required)"))
        self.purchase_date.setToolTip(self.tr("From the voucher or the warranty card"))
        self._field_widgets["purchase_date"] = self.purchase_date
        self.warranty_months = QSpinBox(self)
        self.warranty_months.setObjectName("warranty_months")
        self.warranty_months.setRange(1, 240)
        self.warranty_months.setValue(default_warranty_months)
        self.warranty_months.setSuffix(self.tr(" months"))
        self._field_widgets["warranty_months"] = self.warranty_months
        product = QGroupBox(self.tr("Product"), self)
        product_form = QFormLayout(product)
        product_form.addRow(self.tr("Category"), self.category)
        product_form.addRow(self.tr("Brand"), self.brand)
        product_form.addRow(self.tr("Model"), self.model)
        product_form.addRow(self.tr("Serial / IMEI"), self.serial)
        product_form.addRow(self.tr("Purchase date"), self.purchase_date.with_picker())
        product_form.addRow(self.tr("Warranty (label)"), self.warranty_months)
        self.earlier_jobs_label = QLabel(self)
        self.earlier_jobs_label.setObjectName("earlier_jobs_label")
        self.earlier_jobs_label.setWordWrap(True)
        self.earlier_jobs_label.setTextFormat(Qt.TextFormat.RichText)
        self.earlier_jobs_label.linkActivated.connect(self._follow_link)
        self.earlier_jobs_label.hide()
        product_form.addRow(self.earlier_jobs_label)
        # Never ticked for the clerk: they hear the customer, read the earlier job's fault and
        # work done (beside the box) and confirm it is the same fault (domain/repair_warranty.py).
        self.repeat_check = QCheckBox(self)
        self.repeat_check.setObjectName("repeat_of")
        self.repeat_check.hide()
        self._field_widgets["repeat_of"] = self.repeat_check
        self.repeat_label = QLabel(self)
        self.repeat_label.setObjectName("repeat_label")
        self.repeat_label.setWordWrap(True)
        self.repeat_label.hide()
        product_form.addRow(self.repeat_check)
        product_form.addRow(self.repeat_label)
        self.serial_override_reason = self._line(
            "serial_override_reason", self.tr("Why it is checked in again")
        )
        self.serial_override_reason.setToolTip(
            self.tr("Manager only: this serial is still in the shop under an open job")
        )
        self.serial_override_label = QLabel(self.tr("Manager's confirmation"), self)
        product_form.addRow(self.serial_override_label, self.serial_override_reason)
        self.serial_override_label.hide()
        self.serial_override_reason.hide()
        return product

    def _build_documents(self) -> QGroupBox:
        self.voucher_presented = QCheckBox(self.tr("Purchase voucher (invoice or receipt)"), self)
        self.voucher_presented.setObjectName("voucher_presented")
        self.voucher_number = self._line("voucher_number", self.tr("Invoice / receipt number"))
        self.card_presented = QCheckBox(self.tr("Warranty card"), self)
        self.card_presented.setObjectName("card_presented")
        self.warranty_card_number = self._line("warranty_card_number", self.tr("Card number"))
        self.product_presented = QCheckBox(self.tr("The product itself"), self)
        self.product_presented.setObjectName("product_presented")
        self.product_presented.setChecked(True)
        documents = QGroupBox(self.tr("Documents presented"), self)
        documents_grid = QGridLayout(documents)
        documents_grid.addWidget(self.voucher_presented, 0, 0)
        documents_grid.addWidget(self.voucher_number, 0, 1)
        documents_grid.addWidget(self.card_presented, 1, 0)
        documents_grid.addWidget(self.warranty_card_number, 1, 1)
        documents_grid.addWidget(self.product_presented, 2, 0)
        self.manager_override_reason = self._line(
            "manager_override_reason", self.tr("Why it is free anyway")
        )
        self.manager_override_reason.setToolTip(
            self.tr("Manager only: why the claim is free anyway")
        )
        self.override_label = QLabel(self.tr("Manager's override"), self)
        documents_grid.addWidget(self.override_label, 3, 0)
        documents_grid.addWidget(self.manager_override_reason, 3, 1)
        return documents

    def _build_service(self) -> QGroupBox:
        self.service_requested = QComboBox(self)
        self.service_requested.setObjectName("service_requested")
        for kind in CHECK_IN_SERVICES:  # a consultation goes in the consultation log
            self.service_requested.addItem(service_label(kind), kind)
        self.fault_description = self._text(
            "fault_description", self.tr("In the customer's words (required)")
        )
        self.usage_description = self._text(
            "usage_description", self.tr("How the product was used (required)")
        )
        self.condition_on_arrival = self._line(
            "condition_on_arrival", self.tr("Scratches, dents, missing screws…")
        )
        self.accessories_received = self._line(
            "accessories_received", self.tr("Charger, remote, box…")
        )
        service = QGroupBox(self.tr("Service"), self)
        service_form = QFormLayout(service)
        service_form.addRow(self.tr("Service asked for"), self.service_requested)
        service_form.addRow(self.tr("Fault"), self.fault_description)
        service_form.addRow(self.tr("How it was used"), self.usage_description)
        service_form.addRow(self.tr("Condition on arrival"), self.condition_on_arrival)
        service_form.addRow(self.tr("Accessories received"), self.accessories_received)
        return service

    def _build_on_site(self) -> QGroupBox:
        """Shown for on-site service only: where, when (optional) and who goes (optional)."""
        self.visit_address = self._line("visit_address", self.tr("Where the technician goes"))
        self._mirrored_address = ""  # the customer's address, copied while not edited here
        self.appointment = WindowField(
            None, optional=True, none_label=self.tr("Not yet"), parent=self
        )
        self.appointment.setObjectName("appointment")
        self._field_widgets["appointment"] = self.appointment
        self.technician = QComboBox(self)
        self.technician.setObjectName("technician")
        self.technician.addItem(self.tr("Not assigned yet"), None)
        self._field_widgets["technician"] = self.technician
        self.on_site_box = QGroupBox(self.tr("On-site service"), self)
        self.on_site_box.setObjectName("on_site_box")
        form = QFormLayout(self.on_site_box)
        form.addRow(self.tr("Visit address"), self.visit_address)
        form.addRow(self.tr("Appointment"), self.appointment)
        form.addRow(self.tr("Technician"), self.technician)
        note = QLabel(self.tr("Without an appointment the job lists as “appointment to set”."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        form.addRow(note)
        return self.on_site_box

    def _mirror_address(self, text: str) -> None:
        """The visit address follows the customer's address until the clerk types another."""
        if self.visit_address.text() == self._mirrored_address:
            self.visit_address.setText(text)
        self._mirrored_address = text

    def _show_on_site(self) -> None:
        on_site = self.service_requested.currentData() == ServiceKind.ON_SITE
        self.on_site_box.setVisible(on_site)

    def _load_technicians(self) -> None:
        lookup = self._lookup_technicians
        if lookup is None:
            return
        background.run(lookup, done=self._show_technicians, failed=lambda _e: None, owner=self)

    def _show_technicians(self, people: list[UserSnapshot]) -> None:
        chosen = self.technician.currentData()
        for person in people:
            if person.active and person.role in (Role.TECHNICIAN, Role.MANAGER):
                index = self.technician.findData(person.id)
                if index < 0:
                    self.technician.addItem(person_label(person.display_name), person.id)
                else:
                    self.technician.setItemText(index, person_label(person.display_name))
        self.technician.setCurrentIndex(max(0, self.technician.findData(chosen)))

    def _build_verdict(self) -> QGroupBox:
        """The verdict and the promised dates, refreshed as the clerk types."""
        self.verdict_label = QLabel(self)
        self.verdict_label.setObjectName("verdict_label")
        self.verdict_label.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.reasons_label = QLabel(self)
        self.reasons_label.setObjectName("reasons_label")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        self.dates_label = QLabel(self)
        self.dates_label.setObjectName("dates_label")
        self.dates_label.setWordWrap(True)
        verdict = QGroupBox(self.tr("Verdict and promised dates"), self)
        verdict_box = QVBoxLayout(verdict)
        verdict_box.addWidget(self.verdict_label)
        verdict_box.addWidget(self.reasons_label)
        self.phone_warning_label = QLabel(self)
        self.phone_warning_label.setObjectName("phone_warning_label")
        self.phone_warning_label.setWordWrap(True)
        self.phone_warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.phone_warning_label.setStyleSheet("color: #ef6c00; font-weight: bold;")
        self.phone_warning_label.hide()
        verdict_box.addWidget(self.phone_warning_label)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        verdict_box.addWidget(line)
        verdict_box.addWidget(self.dates_label)
        self.unprintable_label = QLabel(self)
        self.unprintable_label.setObjectName("unprintable_label")
        self.unprintable_label.setWordWrap(True)
        self.unprintable_label.setTextFormat(Qt.TextFormat.PlainText)
        self.unprintable_label.setStyleSheet("color: #b35c00;")
        self.unprintable_label.setVisible(False)
        verdict_box.addWidget(self.unprintable_label)
        verdict_box.addStretch(1)
        return verdict

    def _build_deposit(self) -> QGroupBox:
        """A deposit, offered while the live verdict is a paid repair (issue 16): the amount
        (empty: none), how it is paid, and for cash what was handed over and the change."""
        self.deposit_box = QGroupBox(self)
        self.deposit_box.setObjectName("deposit_box")
        self.deposit_amount = self._line("deposit_amount", "0.00")
        self.deposit_method = QComboBox(self)
        self.deposit_method.setObjectName("deposit_method")
        for method in PaymentMethod:
            self.deposit_method.addItem(payment_label(method), method.value)
        self.deposit_tendered = self._line("deposit_tendered", "0.00")
        self.deposit_change = QLabel(self)
        self.deposit_change.setObjectName("deposit_change")
        form = QFormLayout(self.deposit_box)
        self._deposit_labels = [QLabel(self) for _ in range(3)]
        form.addRow(self._deposit_labels[0], self.deposit_amount)
        form.addRow(self._deposit_labels[1], self.deposit_method)
        form.addRow(self._deposit_labels[2], self.deposit_tendered)
        form.addRow(self.deposit_change)
        self._deposit_tendered_label = self._deposit_labels[2]
        self.deposit_box.setTitle(self.tr("Deposit (paid repair)"))
        self._deposit_labels[0].setText(self.tr("Deposit amount"))
        self._deposit_labels[1].setText(self.tr("Paid by"))
        self._deposit_labels[2].setText(self.tr("Cash handed over"))
        for signal in (
            self.deposit_amount.textChanged,
            self.deposit_tendered.textChanged,
            self.deposit_method.currentIndexChanged,
        ):
            signal.connect(lambda *_args: self._refresh_deposit())
        self._offer_deposit = False  # while the live verdict is a paid repair
        self.deposit_box.setVisible(False)
        return self.deposit_box

    def _deposit(self) -> tuple[Tender | None, list[FieldProblem]]:
        """The deposit typed (None: none, or not a paid repair), or the problems reading it."""
        if not self._offer_deposit or not self.deposit_amount.text().strip():
            return None, []
        method = PaymentMethod(self.deposit_method.currentData())
        problems: list[FieldProblem] = []
        amount = tendered = None
        try:
            amount = parse_amount(self.deposit_amount.text(), "deposit_amount")
        except InvalidInput as error:
            problems += error.problems
        if method is PaymentMethod.CASH and self.deposit_tendered.text().strip():
            try:
                tendered = parse_amount(self.deposit_tendered.text(), "deposit_tendered")
            except InvalidInput as error:
                problems += error.problems
        if problems or amount is None:
            return None, problems
        return Tender(method, amount, tendered), []

    def _refresh_deposit(self) -> None:
        cash = self.deposit_method.currentData() == PaymentMethod.CASH.value
        self.deposit_tendered.setVisible(cash)
        self._deposit_tendered_label.setVisible(cash)
        deposit, _problems = self._deposit()
        change = deposit.change_cents if deposit is not None else 0
        self.deposit_change.setText(
            self.tr("Change to give: %s") % yuan(change) if cash and change else ""
        )

    def _connect_live_updates(self) -> None:
        for widget in (
            self.voucher_presented,
            self.card_presented,
            self.product_presented,
            self.repeat_check,
        ):
            widget.toggled.connect(self._refresh_verdict)
        self.purchase_date.dateChanged.connect(self._refresh_verdict)
        self.warranty_months.valueChanged.connect(self._refresh_verdict)
        self.service_requested.currentIndexChanged.connect(self._refresh_verdict)
        self.service_requested.currentIndexChanged.connect(lambda _index: self._show_on_site())
        self.address.textChanged.connect(self._mirror_address)
        self.manager_override_reason.textChanged.connect(self._refresh_verdict)
        self.serial.textChanged.connect(lambda _text: self._serial_timer.start())
        self.phone.textChanged.connect(lambda _text: self._phone_timer.start())
        self.customer_name.textChanged.connect(self._show_phone_warning)
        self.voucher_presented.toggled.connect(self.voucher_number.setEnabled)
        self.card_presented.toggled.connect(self.warranty_card_number.setEnabled)
        self.voucher_number.setEnabled(False)
        self.warranty_card_number.setEnabled(False)
        for name, widget in self._field_widgets.items():
            signal = getattr(widget, "textChanged", None) or getattr(widget, "valueChanged", None)
            if signal is not None:
                signal.connect(lambda *_args, field=name: self._edited(field))
            if name in _PRINTED_FIELDS and signal is not None:
                signal.connect(self._refresh_unprintable)
        for box in (self.voucher_presented, self.card_presented, self.product_presented):
            box.toggled.connect(lambda _on: self._edited(None))
        for combo in (self.category, self.service_requested):
            combo.currentIndexChanged.connect(lambda _index: self._edited(None))

    # --- the form -----------------------------------------------------------------------------

    def documents(self) -> DocumentsPresented:
        return DocumentsPresented(
            self.voucher_presented.isChecked(),
            self.card_presented.isChecked(),
            self.product_presented.isChecked(),
        )

    def form(self) -> CheckInForm:
        override = self.manager_override_reason.text()
        on_site = self.service_requested.currentData() == ServiceKind.ON_SITE
        window = self.appointment.value() if on_site else None
        return CheckInForm(
            customer_name=self.customer_name.text(),
            phone=self.phone.text(),
            # Qt hands enum data back as plain strings.
            category=Category(self.category.currentData()),
            brand=self.brand.text(),
            model=self.model.text(),
            serial=self.serial.text(),
            purchase_date=self.purchase_date.date(),
            warranty_months=self.warranty_months.value(),
            documents=self.documents(),
            service_requested=ServiceKind(self.service_requested.currentData()),
            fault_description=self.fault_description.toPlainText(),
            usage_description=self.usage_description.toPlainText(),
            voucher_number=self.voucher_number.text() if self.voucher_presented.isChecked() else "",
            warranty_card_number=self.warranty_card_number.text()
            if self.card_presented.isChecked()
            else "",
            address=self.address.text(),
            condition_on_arrival=self.condition_on_arrival.text(),
            accessories_received=self.accessories_received.text(),
            manager_override_reason=override if override.strip() else None,
            serial_override_reason=self.serial_override_reason.text().strip() or None,
            visit_address=self.visit_address.text() if on_site else "",
            appointment_start=window[0] if window is not None else None,
            appointment_end=window[1] if window is not None else None,
            technician_id=self.technician.currentData() if on_site else None,
            consultation_id=self._consultation_id,
            repeat_of=(
                self._repeat.candidate.number
                if self._repeat.candidate is not None and self.repeat_check.isChecked()
                else None
            ),
            deposit=self._deposit()[0],
        )

    def set_form(self, form: CheckInForm) -> None:
        self._consultation_id = form.consultation_id
        self.customer_name.setText(form.customer_name)
        self.phone.setText(form.phone)
        self.address.setText(form.address)
        self.visit_address.setText(form.visit_address or form.address)
        self._mirrored_address = form.address if not form.visit_address else ""
        if form.appointment_start is not None and form.appointment_end is not None:
            self.appointment.set_window((form.appointment_start, form.appointment_end))
        else:
            self.appointment.set_window(None)
        if form.technician_id is not None and self.technician.findData(form.technician_id) < 0:
            # Named before the staff list arrives: kept, with its name once it does.
            self.technician.addItem(str(form.technician_id), form.technician_id)
        self.technician.setCurrentIndex(max(0, self.technician.findData(form.technician_id)))
        self.category.setCurrentIndex(self.category.findData(form.category))
        self.brand.setText(form.brand)
        self.model.setText(form.model)
        self.serial.setText(form.serial)
        self.purchase_date.setDate(form.purchase_date)
        self.warranty_months.setValue(form.warranty_months)
        self.voucher_presented.setChecked(form.documents.purchase_voucher)
        self.voucher_number.setText(form.voucher_number)
        self.card_presented.setChecked(form.documents.warranty_card)
        self.warranty_card_number.setText(form.warranty_card_number)
        self.product_presented.setChecked(form.documents.product)
        self.service_requested.setCurrentIndex(
            self.service_requested.findData(form.service_requested)
        )
        self.fault_description.setPlainText(form.fault_description)
        self.usage_description.setPlainText(form.usage_description)
        self.condition_on_arrival.setText(form.condition_on_arrival)
        self.accessories_received.setText(form.accessories_received)
        self.manager_override_reason.setText(form.manager_override_reason or "")
        self.serial_override_reason.setText(form.serial_override_reason or "")

    # --- validation ---------------------------------------------------------------------------

    def accept(self) -> None:
        form = self.form()
        problems = self._problems_in(form)
        if problems:
            self._local_problem_fields = {problem.field for problem in problems}
            self._service_problems = []
            self._list_problems(problems, focus=True)
            return
        self.submit_or_accept(form)

    def _problems_in(self, form: CheckInForm) -> list[FieldProblem]:
        """What the service would refuse, as far as this dialog can tell."""
        problems: list[FieldProblem] = []
        try:
            now = self._now()
            validate_check_in(form, now.date(), now)
        except InvalidInput as error:
            problems.extend(error.problems)
        if not self.purchase_date.is_date():  # typed, but not a date: say so, not "enter it"
            problems = [p for p in problems if p.field != "purchase_date"]
            problems.append(FieldProblem("purchase_date", Text(DATE_FORMAT)))
        problems.extend(serial_in_shop_problems(form, self._serial_jobs))
        problems.extend(self._deposit()[1])
        return problems

    def show_problems(self, error: InvalidInput) -> None:
        """The service refused: mark every bad field and list the rules broken; everything
        typed stays."""
        self._local_problem_fields = set()
        self._service_problems = list(error.problems)
        self._list_problems(self._service_problems, focus=True)
        if any(problem.field == "serial" for problem in error.problems):
            self._refresh_earlier_jobs()  # shows the open job and the manager's confirmation

    def _list_problems(self, problems: list[FieldProblem], *, focus: bool) -> None:
        if not problems:
            for widget in self._field_widgets.values():
                widget.setStyleSheet("")
                widget.setToolTip("")
            self.error_label.clear()
            self.error_label.hide()
            return
        first = show_problems(
            InvalidInput(problems),
            self._field_widgets,
            self._field_label,
            self.error_label,
            self._translate,
        )
        if focus and first is not None:
            first.setFocus()

    def _edited(self, field: str | None) -> None:
        """After a refused save, the list follows what the clerk fixes: a field this dialog
        checks leaves the list once it is right; one the service refused, once it is edited."""
        if not self._local_problem_fields and not self._service_problems:
            return
        self._service_problems = [p for p in self._service_problems if p.field != field]
        still = [p for p in self._problems_in(self.form()) if p.field in self._local_problem_fields]
        self._local_problem_fields = {problem.field for problem in still}
        self._list_problems(still + self._service_problems, focus=False)

    def problem_fields(self) -> set[str]:
        return marked_fields(self._field_widgets)

    def _field_label(self, field: str) -> str:
        return {
            "customer_name": self.tr("Name"),
            "phone": self.tr("Mobile phone"),
            "address": self.tr("Address"),
            "brand": self.tr("Brand"),
            "model": self.tr("Model"),
            "serial": self.tr("Serial / IMEI"),
            "purchase_date": self.tr("Purchase date"),
            "warranty_months": self.tr("Warranty (label)"),
            "voucher_number": self.tr("Invoice / receipt number"),
            "warranty_card_number": self.tr("Card number"),
            "fault_description": self.tr("Fault"),
            "usage_description": self.tr("How it was used"),
            "condition_on_arrival": self.tr("Condition on arrival"),
            "accessories_received": self.tr("Accessories received"),
            "manager_override_reason": self.tr("Manager's override"),
            "serial_override_reason": self.tr("Manager's confirmation"),
            "repeat_of": self.tr("Same fault as an earlier repair"),
            "visit_address": self.tr("Visit address"),
            "appointment": self.tr("Appointment"),
            "technician": self.tr("Technician"),
            "deposit_amount": self.tr("Deposit amount"),
            "deposit_tendered": self.tr("Cash handed over"),
        }.get(field, field)

    # --- live verdict -------------------------------------------------------------------------

    def _refresh_verdict(self) -> None:
        form = self.form()
        preview = preview_check_in(
            form, self._now(), self._calendar, self._extended_warranty_end, self._repeat
        )
        documents_missing = not form.documents.complete
        self.override_label.setVisible(documents_missing)
        self.manager_override_reason.setVisible(documents_missing)
        verdict = preview.verdict
        if verdict is None:
            self.verdict_label.setText(self.tr("Cannot decide yet"))
            self.verdict_label.setStyleSheet("font-size: 15px; font-weight: bold; color: #555;")
            problems = list(preview.problems)
            if not self.purchase_date.is_date():
                problems = [p for p in problems if p.field != "purchase_date"]
                problems.insert(0, FieldProblem("purchase_date", Text(DATE_FORMAT)))
            # Each named with its field, as in the list of problems on saving.
            reasons = [
                field_said(self._field_label(p.field), p.render(self._translate)) for p in problems
            ]
        else:
            self.verdict_label.setText(coverage_label(verdict.coverage))
            self.verdict_label.setStyleSheet(
                f"font-size: 15px; font-weight: bold; color: {COVERAGE_COLOURS[verdict.coverage]};"
            )
            reasons = [r.render(self._translate) for r in verdict.reasons]
        self._offer_deposit = verdict is not None and verdict.coverage is Coverage.PAID
        self.deposit_box.setVisible(self._offer_deposit)
        self._refresh_deposit()
        self.reasons_label.setText("\n".join(f"• {reason}" for reason in reasons))
        self.dates_label.setText(
            self.tr("First response by {response}\nRepair finished by the end of {repair}").format(
                response=preview.response_due_at.strftime("%Y-%m-%d %H:%M"),
                repair=day_label(preview.repair_due),
            )
        )

    def _refresh_unprintable(self) -> None:
        """Characters the receipt would print as a box, named with their field before saving."""
        form = self.form()
        lines = []
        for field in _PRINTED_FIELDS:
            value = getattr(form, field) or ""
            missing = "" if value.isascii() else unprintable(value)
            if missing:
                lines.append(
                    self.tr(
                        "{field} contains characters the receipt cannot print: {characters}"
                    ).format(field=self._field_label(field), characters=" ".join(missing))
                )
        self.unprintable_label.setText("\n".join(lines))
        self.unprintable_label.setVisible(bool(lines))

    def _refresh_earlier_jobs(self) -> None:
        serial = self.serial.text().strip()
        if len(serial) < 4:
            self._show_earlier_jobs(serial, ())
            return
        lookup, extension = self._lookup_earlier, self._lookup_extension
        repeat = self._lookup_repeat

        def read() -> tuple[tuple[JobRow, ...], date | None, RepeatCheck]:
            return (
                lookup(serial),
                extension(serial) if extension is not None else None,
                repeat(serial) if repeat is not None else RepeatCheck(None),
            )

        background.run(
            read,
            done=lambda found: self._show_earlier_jobs(serial, *found),
            failed=lambda _error: self._show_earlier_jobs(serial, ()),
            owner=self,
        )

    def _show_earlier_jobs(
        self,
        serial: str,
        jobs: tuple[JobRow, ...],
        extended: date | None = None,
        repeat: RepeatCheck | None = None,
    ) -> None:
        if serial != self.serial.text().strip():
            return  # typed on meanwhile: a newer lookup is on its way
        self._serial_jobs = jobs
        self._show_repeat(repeat or RepeatCheck(None))
        if extended != self._extended_warranty_end:
            self._extended_warranty_end = extended
            self._refresh_verdict()
        in_shop = job_in_shop(jobs)
        self.serial_override_label.setVisible(in_shop is not None)
        self.serial_override_reason.setVisible(in_shop is not None)
        self._edited(None)
        if not jobs:
            self.earlier_jobs_label.hide()
            self.earlier_jobs_label.clear()
            return
        links = ", ".join(
            f'<a href="{job.number}">{job.number}</a> ({job.checked_in_at:%Y-%m-%d}, '
            f"{html.escape(status_label(job.status))})"
            for job in jobs[:5]
        )
        if len(jobs) == 1:
            text = self.tr("This serial has been in before (1 job): ")
        else:
            text = self.tr("This serial has been in before (%n jobs): ", "", len(jobs))
        text = html.escape(text) + links
        if in_shop is not None:
            warning = self.tr(
                "It is still in the shop as job %1 (%2): a manager must confirm to check it "
                "in again."
            )
            warning = warning.replace("%1", in_shop.number).replace(
                "%2", status_label(in_shop.status)
            )
            style = "color: #c62828; font-weight: bold;"
            text += f'<br><span style="{style}">{html.escape(warning)}</span>'
        self.earlier_jobs_label.setText(text)
        self.earlier_jobs_label.show()

    def _show_repeat(self, repeat: RepeatCheck) -> None:
        """Offer "same fault as job X" while an earlier repair's warranty covers the check-in."""
        previous = self._repeat.candidate
        self._repeat = repeat
        candidate = repeat.candidate
        if candidate is None or previous is None or previous.number != candidate.number:
            self.repeat_check.setChecked(False)  # never carried over to another job
        self.repeat_check.setVisible(candidate is not None)
        self.repeat_label.setVisible(candidate is not None)
        if candidate is not None:
            until = guaranteed_until(candidate.returned_at, repeat.days)
            self.repeat_check.setText(
                self.tr("Same fault as job %1: a repeat repair, free (repair warranty until %2)")
                .replace("%1", candidate.number)
                .replace("%2", until.isoformat())
            )
            self.repeat_label.setText(
                self.tr("Job %1, handed back %2. Fault: %3 — Work done: %4")
                .replace("%1", candidate.number)
                .replace("%2", candidate.returned_at.strftime("%Y-%m-%d"))
                .replace("%3", candidate.fault_description or "—")
                .replace("%4", candidate.work_done or "—")
            )
        self._refresh_verdict()

    def _refresh_names_on_phone(self) -> None:
        lookup, phone = self._lookup_names, self.phone.text()
        if lookup is None:
            return
        background.run(
            lambda: lookup(phone),
            done=lambda names: self._show_names_on_phone(phone, names),
            failed=lambda _error: self._show_names_on_phone(phone, ()),
            owner=self,
        )

    def _show_names_on_phone(self, phone: str, names: tuple[str, ...]) -> None:
        if phone != self.phone.text():
            return  # typed on meanwhile: a newer lookup is on its way
        self._names_on_phone = names
        self._show_phone_warning()

    def _show_phone_warning(self) -> None:
        """The same phone under another name: said beside the verdict, not blocking."""
        warning = phone_warning(self.form(), self._names_on_phone)
        self.phone_warning_label.setText(
            f"⚠ {warning.render(self._translate)}" if warning is not None else ""
        )
        self.phone_warning_label.setVisible(warning is not None)

    def _follow_link(self, number: str) -> None:
        self.open_job_requested.emit(number)


# What the intake receipt prints of the form, as typed: checked for characters it cannot print.
_PRINTED_FIELDS = (
    "customer_name",
    "visit_address",
    "brand",
    "model",
    "serial",
    "voucher_number",
    "warranty_card_number",
    "fault_description",
    "usage_description",
    "condition_on_arrival",
    "accessories_received",
    "manager_override_reason",
)


def _cap_text(widget: QPlainTextEdit, limit: int) -> None:
    """Cut a multi-line field at its limit (what the service checks), the cursor at its end."""
    text = widget.toPlainText()
    if len(text) > limit:
        widget.setPlainText(text[:limit])
        widget.moveCursor(QTextCursor.MoveOperation.End)
