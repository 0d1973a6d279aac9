"""A small dialog built from field descriptions: the inputs each job action asks for.

It returns a dict of values and saves nothing itself. A `validate` callback (the same domain rules
the service applies) can refuse the values; the dialog then marks the fields, says the rule, and
keeps everything typed. With a `submit` callback, OK hands the values over and the dialog stays
open, its buttons disabled, until the caller calls `succeeded()` (it closes) or `failed()` (it
shows the problems and keeps everything typed): the caller's service call runs in the background
meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import LONG_TEXT, text_problem
from desktop_app.domain.text import Text, Translator, no_translation
from desktop_app.ui.dialogs.problems import (
    SavesInBackground,
    Saving,
    Submit,
    marked_fields,
    show_problems,
)
from desktop_app.ui.widgets.window_field import WindowField


class FieldKind(Enum):
    """What widget an input is, and what value it gives back."""

    TEXT = "text"  # one line -> str
    PASSWORD = "password"  # one line, hidden as it is typed -> str
    MULTILINE = "multiline"  # several lines -> str
    CHOICE = "choice"  # one of `choices` -> its value
    MONEY = "money"  # yuan on screen -> integer cents
    NUMBER = "number"  # whole number within minimum..maximum -> int
    CHECKLIST = "checklist"  # any of `choices` -> tuple of their values
    INFO = "info"  # text to read, no value
    DATETIME = "datetime"  # a day and a time -> datetime (to the minute)
    WINDOW = "window"  # a day and a time window -> (start, end); None if not required and none
    SCAN = "scan"  # one line a barcode scanner types into, focused first -> str


class ScanEdit(QLineEdit):
    """A line a barcode scanner types into: the Enter it sends after the code moves on to the
    next input instead of pressing OK, so a scan never saves the form by itself."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.focusNextChild()
            return
        super().keyPressEvent(event)


@dataclass(frozen=True)
class Field:
    """One input of a form: its name is the typed form's attribute it fills."""

    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = False
    default: Any = None
    choices: Sequence[tuple[str, Any]] = field(default=())  # (label, value) pairs
    minimum: int = 0
    maximum: int = 1_000_000
    placeholder: str = ""
    max_length: int = LONG_TEXT  # TEXT stops here as the person types; MULTILINE is checked
    # INFO only: the text shown, worked out again from the values whenever one changes (e.g.
    # the change to give for the cash typed).
    live: Callable[[dict[str, Any]], str] | None = None


Validate = Callable[[dict[str, Any]], None]


def cents_from_yuan(value: float) -> int:
    return int((Decimal(str(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


class FormDialog(SavesInBackground, QDialog):
    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        *,
        intro: str = "",
        validate: Validate | None = None,
        submit: Submit | None = None,
        translate: Translator = no_translation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("form_dialog")
        self.setWindowTitle(title)
        self._fields = list(fields)
        self._validate = validate
        self._submit = submit
        self._translate = translate
        self.widgets: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        form = QFormLayout()
        for spec in self._fields:
            widget = self._make(spec)
            widget.setObjectName(spec.name)
            self.widgets[spec.name] = widget
            self._labels[spec.name] = spec.label
            if spec.kind is FieldKind.INFO:
                form.addRow(spec.label, widget) if spec.label else form.addRow(widget)
            else:
                form.addRow(spec.label + (" *" if spec.required else ""), widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.saving = Saving(
            self, (self.ok_button, self.cancel_button), lambda: self.widgets.values()
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if intro:
            intro_label = QLabel(intro, self)
            intro_label.setWordWrap(True)
            layout.addWidget(intro_label)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self._connect_live()
        scans = [self.widgets[f.name] for f in self._fields if f.kind is FieldKind.SCAN]
        # Where a scanner's keystrokes must land: given the focus each time the form is shown
        # (a hidden widget takes none), never again while the person types elsewhere.
        self._focus_first: QWidget | None = scans[0] if scans else None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._focus_first is not None:
            self._focus_first.setFocus()

    def _connect_live(self) -> None:
        """Every input refreshes the INFO fields that follow the values."""
        if not any(spec.live is not None for spec in self._fields):
            return
        for widget in self.widgets.values():
            for child in (widget, *widget.findChildren(QWidget)):
                if isinstance(child, QLineEdit | QPlainTextEdit):
                    child.textChanged.connect(self._refresh_live)
                elif isinstance(child, QComboBox):
                    child.currentIndexChanged.connect(self._refresh_live)
                elif isinstance(child, QDoubleSpinBox | QSpinBox):
                    child.valueChanged.connect(self._refresh_live)
                elif isinstance(child, QCheckBox):
                    child.toggled.connect(self._refresh_live)
        self._refresh_live()

    def _refresh_live(self, *_args: object) -> None:
        values = self.values()
        for spec in self._fields:
            if spec.live is not None:
                label = self.widgets[spec.name]
                assert isinstance(label, QLabel)
                label.setText(spec.live(values))

    def _make(self, spec: Field) -> QWidget:
        if spec.kind is FieldKind.MULTILINE:
            edit = QPlainTextEdit(self)
            edit.setPlaceholderText(spec.placeholder)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(80)
            edit.setPlainText(spec.default or "")
            return edit
        if spec.kind is FieldKind.CHOICE:
            combo = QComboBox(self)
            for label, value in spec.choices:
                combo.addItem(label, value)
            if spec.default is not None:
                combo.setCurrentIndex(max(0, combo.findData(spec.default)))
            return combo
        if spec.kind is FieldKind.MONEY:
            money = QDoubleSpinBox(self)
            money.setDecimals(2)
            money.setRange(0, spec.maximum)
            money.setPrefix("¥ ")
            money.setValue((spec.default or 0) / 100)
            return money
        if spec.kind is FieldKind.NUMBER:
            number = QSpinBox(self)
            number.setRange(spec.minimum, spec.maximum)
            number.setValue(spec.default if spec.default is not None else spec.minimum)
            return number
        if spec.kind is FieldKind.CHECKLIST:
            box = QWidget(self)
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            for label, value in spec.choices:
                check = QCheckBox(label, box)
                check.setObjectName(f"{spec.name}_{value}")
                check.setProperty("value", value)
                check.setChecked(bool(spec.default))
                column.addWidget(check)
            if not spec.choices:
                column.addWidget(QLabel("—", box))
            return box
        if spec.kind is FieldKind.DATETIME:
            moment = QDateTimeEdit(self)
            moment.setCalendarPopup(True)
            moment.setDisplayFormat("yyyy-MM-dd HH:mm")
            moment.setDateTime(spec.default or QDateTime.currentDateTime())
            return moment
        if spec.kind is FieldKind.WINDOW:
            return WindowField(
                spec.default, optional=not spec.required, none_label=spec.placeholder, parent=self
            )
        if spec.kind is FieldKind.INFO:
            info = QLabel(spec.default or "", self)
            info.setWordWrap(True)
            return info
        line = ScanEdit(self) if spec.kind is FieldKind.SCAN else QLineEdit(self)
        if spec.kind is FieldKind.PASSWORD:
            line.setEchoMode(QLineEdit.EchoMode.Password)
        line.setPlaceholderText(spec.placeholder)
        line.setMaxLength(spec.max_length)
        line.setText(spec.default or "")
        return line

    # --- values ---------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for spec in self._fields:
            widget = self.widgets[spec.name]
            if isinstance(widget, QPlainTextEdit):
                result[spec.name] = widget.toPlainText()
            elif isinstance(widget, QDateTimeEdit):
                moment: datetime = widget.dateTime().toPython()
                result[spec.name] = moment.replace(second=0, microsecond=0)
            elif isinstance(widget, WindowField):
                result[spec.name] = widget.value()
            elif isinstance(widget, QComboBox):
                result[spec.name] = widget.currentData()
            elif isinstance(widget, QDoubleSpinBox):
                result[spec.name] = cents_from_yuan(widget.value())
            elif isinstance(widget, QSpinBox):
                result[spec.name] = widget.value()
            elif isinstance(widget, QLineEdit):
                result[spec.name] = widget.text()
            elif spec.kind is FieldKind.CHECKLIST:
                result[spec.name] = tuple(
                    check.property("value")
                    for check in widget.findChildren(QCheckBox)
                    if check.isChecked()
                )
        return result

    def accept(self) -> None:
        values = self.values()
        problems = [
            FieldProblem(spec.name, Text("is required"))
            for spec in self._fields
            if spec.required
            and isinstance(values.get(spec.name), str)
            and not values[spec.name].strip()
        ]
        # The same rules as the service's (domain/limits.py): a multi-line text has no
        # maxLength of its own, so its length is checked here, before anything is sent.
        problems += [
            problem
            for spec in self._fields
            if isinstance(values.get(spec.name), str)
            and (problem := text_problem(spec.name, values[spec.name], spec.max_length))
        ]
        try:
            if problems:
                raise InvalidInput(problems)
            if self._validate is not None:
                self._validate(values)
        except InvalidInput as error:
            self.show_problems(error)
            return
        self.submit_or_accept(values)

    def show_refusal(self, text: str) -> None:
        """A refusal that names no field (a wrong password, a file in use): said above the
        fields, everything typed kept, OK again."""
        self.failed()
        self.error_label.setText(text)
        self.error_label.show()
        self.grow_to_fit()

    @property
    def submitting(self) -> bool:
        return self.saving.active

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(
            error,
            self.widgets,
            lambda name: self._labels.get(name, name),
            self.error_label,
            self._translate,
        )
        self.grow_to_fit()

    def grow_to_fit(self) -> None:
        """Taller when the list of broken rules appears, rather than squeezing the fields and a
        wrapped note under it (the dialog's minimum width keeps Qt from doing it)."""
        layout = self.layout()
        width = self.width()
        needed = layout.heightForWidth(width) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.sizeHint().height())
        if needed > self.height():
            self.resize(width, needed)

    def problem_fields(self) -> set[str]:
        return marked_fields(self.widgets)
