"""The settings' "Pickup and messages" tab: the days before a ready device is on the pickup list,
and the four customer messages' templates with the placeholders they may use.

Each template shows how long it is and how many SMS it makes as it is typed (70 characters
alone, 67 a part), so a clerk sees at once when a message grows past one SMS; the hard limit
and the placeholders are checked by the service on save (domain/messages.py), each problem
marked on its template.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.messages import (
    PLACEHOLDERS,
    TEMPLATE_LABELS,
    TEMPLATE_LIMIT,
    MessageTemplate,
    MessageTemplates,
    field_of,
    sms_parts,
)
from desktop_app.domain.pickup import MAXIMUM_PICKUP_AFTER_DAYS, MINIMUM_PICKUP_AFTER_DAYS
from desktop_app.domain.text import Translator

AFTER_DAYS = "pickup_after_days"
OVER_STYLE = "color: #c62828;"


class MessageTemplatesEditor(QWidget):
    def __init__(
        self,
        after_days: int,
        templates: MessageTemplates,
        translate: Translator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("message_templates_editor")
        self._translate = translate
        self.after_days = QSpinBox(self)
        self.after_days.setObjectName(AFTER_DAYS)
        self.after_days.setRange(MINIMUM_PICKUP_AFTER_DAYS, MAXIMUM_PICKUP_AFTER_DAYS)
        self.after_days.setValue(after_days)
        self.after_days.setMaximumWidth(160)
        self.after_days_label = QLabel(self)
        self.pickup_box = QGroupBox(self)
        pickup_form = QFormLayout(self.pickup_box)
        pickup_form.addRow(self.after_days_label, self.after_days)

        self.texts: dict[MessageTemplate, QPlainTextEdit] = {}
        self.counts: dict[MessageTemplate, QLabel] = {}
        self.names: dict[MessageTemplate, QLabel] = {}
        self.messages_box = QGroupBox(self)
        form = QFormLayout(self.messages_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for template in MessageTemplate:
            edit = QPlainTextEdit(templates.text(template), self)
            edit.setObjectName(f"template_{template.value}")
            edit.setFixedHeight(62)
            count = QLabel(self)
            count.setObjectName(f"template_{template.value}_count")
            edit.textChanged.connect(lambda t=template: self._show_count(t))
            column = QVBoxLayout()
            column.setSpacing(2)
            column.addWidget(edit)
            column.addWidget(count)
            name = QLabel(self)
            form.addRow(name, column)
            self.texts[template], self.counts[template], self.names[template] = edit, count, name
        self.placeholders = QLabel(self)
        self.placeholders.setObjectName("placeholders_help")
        self.placeholders.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pickup_box)
        layout.addWidget(self.messages_box)
        layout.addWidget(self.placeholders)
        layout.addStretch(1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        t = self._translate
        self.pickup_box.setTitle(self.tr("Pickup list"))
        self.after_days_label.setText(self.label_of(AFTER_DAYS) or "")
        self.after_days.setSuffix(self.tr(" days"))
        self.messages_box.setTitle(self.tr("Messages to the customer"))
        for template, name in self.names.items():
            name.setText(t(TEMPLATE_LABELS[template]))
            self._show_count(template)
        known = "  ".join(f"{{{name}}} {t(words)}" for name, words in PLACEHOLDERS.items())
        self.placeholders.setText(
            self.tr("Placeholders: %1. One SMS holds 70 characters; at most %2 characters.")
            .replace("%1", known)
            .replace("%2", str(TEMPLATE_LIMIT))
        )

    def _show_count(self, template: MessageTemplate) -> None:
        text = self.texts[template].toPlainText()
        label = self.counts[template]
        label.setText(
            self.tr("%1 characters, %2 SMS (placeholders not yet filled in)")
            .replace("%1", str(len(text)))
            .replace("%2", str(sms_parts(text)))
        )
        label.setStyleSheet(OVER_STYLE if len(text) > TEMPLATE_LIMIT else "")

    def templates(self) -> MessageTemplates:
        return MessageTemplates(
            **{template.value: edit.toPlainText() for template, edit in self.texts.items()}
        )

    def problem_widgets(self) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {AFTER_DAYS: self.after_days}
        widgets.update({field_of(t): edit for t, edit in self.texts.items()})
        return widgets

    def label_of(self, field: str) -> str | None:
        if field == AFTER_DAYS:
            return self.tr("Ready and not collected after")
        for template in MessageTemplate:
            if field == field_of(template):
                return self.tr("Message “%1”").replace(
                    "%1", self._translate(TEMPLATE_LABELS[template])
                )
        return None

    def inputs(self) -> list[QWidget]:
        return [self.after_days, *self.texts.values()]
