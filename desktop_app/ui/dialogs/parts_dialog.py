"""The manager's parts catalogue: a list with search, add, edit, deactivate (and activate).

Add and edit ask in a FormDialog and save in the background; a refused field is marked and
everything typed is kept. An edit names the version it was made on, so a count of the shelf typed
while a job took a part is refused rather than overwriting it (services/parts.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.parts import (
    MAX_STOCK,
    PART_NAME,
    PART_NUMBER,
    PartForm,
    PartSnapshot,
    split_models,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.text import Translator, no_translation
from desktop_app.services import Services
from desktop_app.ui import background
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind, FormDialog
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.models.part_table_model import PartTableModel


@dataclass(frozen=True)
class PartValues:
    """The part form's values as the dialog gives them (models as one typed text)."""

    name: str
    part_number: str
    models: str
    unit_price: int  # cents
    stock: int

    def form(self, active: bool) -> PartForm:
        return PartForm(
            self.name,
            self.part_number,
            split_models(self.models),
            self.unit_price,
            self.stock,
            active,
        )


class PartsDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        translate: Translator = no_translation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("parts_dialog")
        self._services = services
        self._actor = actor
        self._translate = translate
        self._busy = False
        self.last_form: FormDialog | None = None
        self.search = QLineEdit(self)
        self.search.setObjectName("parts_search")
        self.search.setClearButtonEnabled(True)
        self.model = PartTableModel(None, self)
        self.table = QTableView(self)
        self.table.setObjectName("parts_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PartTableModel.MODELS, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #c62828;")
        self.message_label.hide()
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_part_button")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit_part_button")
        self.edit_button.clicked.connect(self.edit)
        self.active_button = QPushButton(self)
        self.active_button.setObjectName("deactivate_part_button")
        self.active_button.clicked.connect(self.toggle_active)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        self.search_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.retranslate()
        self.resize(960, 560)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Parts catalogue"))
        self.search_label.setText(self.tr("Search:"))
        self.search.setPlaceholderText(self.tr("Name, part number or model"))
        self.add_button.setText(self.tr("Add part…"))
        self.edit_button.setText(self.tr("Edit…"))
        self._enable()

    # --- reading ------------------------------------------------------------------------------

    def selected(self) -> PartSnapshot | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.part(rows[0].row()) if rows else None

    def reload(self, select: int | None = None) -> None:
        search = self.search.text()
        chosen = select if select is not None else getattr(self.selected(), "id", None)

        def read() -> tuple[PartSnapshot, ...]:
            return self._services.parts.list(search)

        def shown(parts: tuple[PartSnapshot, ...]) -> None:
            if search != self.search.text():
                return  # typed on meanwhile: the newer search is on its way
            self.model.set_parts(parts)
            row = self.model.row_of(chosen) if chosen is not None else -1
            if row >= 0:
                self.table.selectRow(row)
            self._enable()

        background.run(read, done=shown, failed=self._say, owner=self)

    def _enable(self) -> None:
        part = self.selected()
        self.edit_button.setEnabled(part is not None and not self._busy)
        self.active_button.setEnabled(part is not None and not self._busy)
        self.add_button.setEnabled(not self._busy)
        deactivating = part is None or part.active
        self.active_button.setText(self.tr("Deactivate") if deactivating else self.tr("Activate"))

    def _say(self, error: Exception) -> None:
        if isValid(self):
            self.message_label.setText(failure_text(error, self._translate))
            self.message_label.show()

    # --- changing -------------------------------------------------------------------------------

    def _fields(self, part: PartSnapshot | None) -> list[Field]:
        return [
            Field(
                "name",
                self.tr("Name"),
                FieldKind.TEXT,
                required=True,
                default=part.name if part else "",
                max_length=PART_NAME,
            ),
            Field(
                "part_number",
                self.tr("Part number"),
                FieldKind.TEXT,
                required=True,
                default=part.part_number if part else "",
                max_length=PART_NUMBER,
            ),
            Field(
                "models",
                self.tr("Fits models (separated by commas)"),
                FieldKind.TEXT,
                required=True,
                default=", ".join(part.models) if part else "",
                max_length=4000,
            ),
            Field(
                "unit_price",
                self.tr("Unit price"),
                FieldKind.MONEY,
                default=part.unit_price_cents if part else 0,
                maximum=1_000_000,
            ),
            Field(
                "stock",
                self.tr("In stock"),
                FieldKind.NUMBER,
                default=part.stock if part else 0,
                minimum=0,
                maximum=MAX_STOCK,
            ),
        ]

    def add(self) -> None:
        self._ask(None)

    def edit(self) -> None:
        part = self.selected()
        if part is not None:
            self._ask(part)

    def _ask(self, part: PartSnapshot | None) -> None:
        self.message_label.hide()
        title = self.tr("Add part") if part is None else self.tr("Edit part")
        form = FormDialog(title, self._fields(part), translate=self._translate, parent=self)
        form.setObjectName("part_form")
        services, actor = self._services, self._actor

        def call(values: dict[str, Any]) -> PartSnapshot:
            typed = PartValues(**{k: values[k] for k in PartValues.__dataclass_fields__})
            if part is None:
                return services.parts.add(typed.form(True), actor)
            return services.parts.edit(part.id, typed.form(part.active), actor, part.version)

        form.set_submit(lambda values: self._submit(lambda: call(values), form))
        self.last_form = form
        try:
            exec_dialog(form)
        finally:
            form.deleteLater()

    def toggle_active(self) -> None:
        part = self.selected()
        if part is None:
            return
        services, actor = self._services, self._actor
        self._submit(
            lambda: services.parts.set_active(part.id, not part.active, actor, part.version), None
        )

    def _submit(self, call: Any, form: FormDialog | None) -> None:
        self._busy = True
        self._enable()

        def finish() -> None:
            self._busy = False
            if isValid(self):
                self._enable()

        def done(part: PartSnapshot) -> None:
            finish()
            if form is not None and isValid(form):
                form.succeeded()
            if isValid(self):
                self.reload(select=part.id)

        def failed(error: Exception) -> None:
            finish()
            if form is None or not isValid(form):
                self._say(error)
                if isValid(self):
                    self.reload()
            elif isinstance(error, InvalidInput):
                form.failed(error)
            else:
                form.failed()
                form.error_label.setText(failure_text(error, self._translate))
                form.error_label.show()
                form.grow_to_fit()

        background.run(call, done=done, failed=failed, owner=self)
