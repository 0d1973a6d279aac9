"""The compensation policy as the manager edits it in the shop settings: one row per kind of
missed promise, one column per kind of offer (labour waived, a discount or a voucher of an amount
in yuan, months of warranty, a loan device).

The inputs are the offers' own (ui/operations/compensation_fields.py: names, defaults, and how
values become offers); only the layout is a grid, so the four promises fit one page. The rules
are the domain's (validate_policy): the amount and month inputs take more than the rules allow,
so a number beyond them is said as a broken rule, naming the promise, instead of the input
silently refusing the keystroke.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.compensation import (
    CompensationPolicy,
    offer_problems,
)
from desktop_app.domain.vocabulary import MissedPromise
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind, cents_from_yuan
from desktop_app.ui.labels import label as vocabulary_label
from desktop_app.ui.operations.compensation_fields import offer_fields, offers_from

FIELD = "compensation_policy"  # the settings' field; a promise's is FIELD.<promise>
WIDEST_YUAN = 999_999.99  # what the input holds; the rule's limit is lower
WIDEST_MONTHS = 999


def field_name(promise: MissedPromise) -> str:
    return f"{FIELD}.{promise.value}"


class PolicyEditor(QWidget):
    def __init__(self, policy: CompensationPolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("policy_editor")
        self.intro = QLabel(self)
        self.intro.setObjectName("policy_intro")
        self.intro.setWordWrap(True)
        self.intro.setText(
            self.tr(
                "What the shop offers when it misses a promise of the agreement. The counter "
                "proposes it at the hand-back (and when a complaint is found to be the shop's "
                "fault); a manager approves, changes or declines it. For a late repair, amounts "
                "and months are given for each working day late. An amount or months of 0, or a "
                "box not ticked: not offered."
            )
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self._specs: dict[MissedPromise, list[Field]] = {}
        # Every input by its spec's name: "<promise>.<kind>".
        self.inputs: dict[str, QWidget] = {}
        self.row_labels: dict[MissedPromise, QLabel] = {}
        for promise in MissedPromise:
            specs = offer_fields(f"{promise.value}.", policy.for_promise(promise))
            self._specs[promise] = specs
            row = len(self.row_labels) + 1
            text = QLabel(vocabulary_label(promise), self)
            text.setWordWrap(True)
            text.setObjectName(f"policy_{promise.value}_label")
            self.row_labels[promise] = text
            grid.addWidget(text, row, 0)
            for column, spec in enumerate(specs, start=1):
                if row == 1:
                    header = QLabel(spec.label, self)
                    header.setWordWrap(True)
                    header.setAlignment(Qt.AlignmentFlag.AlignCenter)
                    grid.addWidget(header, 0, column)
                widget = self._make(spec)
                widget.setObjectName("policy_" + spec.name.replace(".", "_"))
                self.inputs[spec.name] = widget
                grid.addWidget(widget, row, column, Qt.AlignmentFlag.AlignCenter)
        grid.setColumnStretch(0, 2)
        for column in range(1, len(self._specs[MissedPromise.RESPONSE_LATE]) + 1):
            grid.setColumnStretch(column, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(grid)
        layout.addStretch(1)

    def _make(self, spec: Field) -> QWidget:
        if spec.kind is FieldKind.MONEY:
            money = QDoubleSpinBox(self)
            money.setDecimals(2)
            money.setRange(0, WIDEST_YUAN)
            money.setPrefix("¥ ")
            money.setSpecialValueText("—")  # 0: not offered
            money.setValue((spec.default or 0) / 100)
            money.setMinimumWidth(100)
            return money
        if spec.kind is FieldKind.NUMBER:
            months = QSpinBox(self)
            months.setRange(0, WIDEST_MONTHS)
            months.setSuffix(self.tr(" months"))
            months.setSpecialValueText("—")
            months.setValue(spec.default or 0)
            months.setMinimumWidth(90)
            return months
        check = QCheckBox(self)
        check.setChecked(bool(spec.default))
        check.setToolTip(spec.label)
        return check

    def _values(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QDoubleSpinBox):
                values[name] = cents_from_yuan(widget.value())
            elif isinstance(widget, QSpinBox):
                values[name] = widget.value()
            elif isinstance(widget, QCheckBox):
                values[name] = widget.isChecked()
        return values

    def policy(self) -> CompensationPolicy:
        values = self._values()
        return CompensationPolicy(
            {promise: offers_from(f"{promise.value}.", values) for promise in MissedPromise}
        )

    def set_enabled_inputs(self, enabled: bool) -> None:
        for widget in self.inputs.values():
            widget.setEnabled(enabled)

    def _first_bad(self, promise: MissedPromise) -> str | None:
        """The spec name of the first offer of `promise` breaking a rule as typed now."""
        for offer in self.policy().for_promise(promise):
            if offer_problems(offer, field_name(promise)):
                return f"{promise.value}.{offer.kind.value}"
        return None

    def problem_widgets(self) -> dict[str, QWidget]:
        """The input to mark for each promise's field: the offer breaking a rule as typed now
        (the one the service refused), else the promise's first input."""
        result: dict[str, QWidget] = {}
        for promise in MissedPromise:
            name = self._first_bad(promise) or self._specs[promise][0].name
            result[field_name(promise)] = self.inputs[name]
        return result

    def label_of(self, field: str) -> str | None:
        """A promise's field as its row and column read: "Compensation policy — Same fault
        again — Voucher"."""
        for promise in MissedPromise:
            if field == field_name(promise):
                parts = [self.tr("Compensation policy"), vocabulary_label(promise)]
                bad = self._first_bad(promise)
                if bad is not None:
                    parts.append(next(s.label for s in self._specs[promise] if s.name == bad))
                return " — ".join(parts)
        if field == FIELD:
            return self.tr("Compensation policy")
        return None
