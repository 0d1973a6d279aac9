"""“Message customer…”: the shop's template for the job, filled in, to copy or to send by SMS or
WeChat from the clerk's own phone.

The text is composed by the service (services.pickup.compose, in the background) from the job
and the shop's templates as they are now; the delayed message asks for its new day first (not
before today). Copying puts the text on the clipboard; either way the message is recorded on
the job (which template, how, by whom, the text), and the dialog closes once it is. A refusal
(another manager changed the templates meanwhile, the hotline is missing) is said in the
dialog and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.messages import (
    TEMPLATE_LABELS,
    MessageChannel,
    MessageForm,
    MessageTemplate,
    SentMessage,
    sms_parts,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.text import Translator
from desktop_app.services import Services
from desktop_app.ui import background
from desktop_app.ui.background import failure_text

ERROR_STYLE = "color: #c62828; font-weight: bold;"


class MessageDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        job_id: int,
        job_number: str,
        customer: str,
        templates: Sequence[MessageTemplate],
        translate: Translator,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`templates`: the messages that fit the job's status (domain/messages.templates_for);
        `customer`: the name and masked phone, said above the text."""
        super().__init__(parent)
        self.setObjectName("message_dialog")
        self._services = services
        self._actor = actor
        self._job_id = job_id
        self._job_number = job_number
        self._customer = customer
        self._translate = translate
        self._today = today or date.today()
        self._composed: str | None = None  # the text shown, once the service composed it
        self._busy = False
        self.sent: SentMessage | None = None  # the message recorded, once it is
        self._build(templates)
        self.retranslate()
        self.compose()

    def _build(self, templates: Sequence[MessageTemplate]) -> None:
        self.heading = QLabel(self)
        self.heading.setObjectName("message_heading")
        self.heading.setWordWrap(True)
        self.template = QComboBox(self)
        self.template.setObjectName("message_template")
        for template in templates:
            self.template.addItem("", template.value)
        self.template.currentIndexChanged.connect(lambda _i: self._template_changed())
        self.new_date = QDateEdit(self)
        self.new_date.setObjectName("message_new_date")
        self.new_date.setCalendarPopup(True)
        self.new_date.setDisplayFormat("yyyy-MM-dd")
        self.new_date.setMinimumDate(QDate(self._today))
        self.new_date.setDate(QDate(self._today))
        self.new_date.dateChanged.connect(lambda _d: self.compose())
        self.new_date_label = QLabel(self)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("message_text")
        self.text.setReadOnly(True)
        self.text.setMinimumSize(520, 150)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("message_count")
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.copy_button = QPushButton(self)
        self.copy_button.setObjectName("copy_message_button")
        self.copy_button.clicked.connect(lambda _c=False: self.record(MessageChannel.COPIED))
        self.sms_button = QPushButton(self)
        self.sms_button.setObjectName("sent_sms_button")
        self.sms_button.clicked.connect(lambda _c=False: self.record(MessageChannel.SMS))
        self.wechat_button = QPushButton(self)
        self.wechat_button.setObjectName("sent_wechat_button")
        self.wechat_button.clicked.connect(lambda _c=False: self.record(MessageChannel.WECHAT))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        buttons.rejected.connect(self.reject)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        for button in (self.copy_button, self.sms_button, self.wechat_button):
            button.setAutoDefault(False)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

        self.form = QFormLayout()
        self.template_label = QLabel(self)
        self.form.addRow(self.template_label, self.template)
        self.form.addRow(self.new_date_label, self.new_date)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self._show_new_date()

    # --- language ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Message customer — %1").replace("%1", self._job_number))
        self.heading.setText(
            self.tr("To %1. Copy the text, or send it from the shop's phone and say how.").replace(
                "%1", self._customer
            )
        )
        self.template_label.setText(self.tr("Message"))
        self.new_date_label.setText(self.tr("New day"))
        for index in range(self.template.count()):
            template = MessageTemplate(self.template.itemData(index))
            self.template.setItemText(index, self._translate(TEMPLATE_LABELS[template]))
        self.copy_button.setText(self.tr("Copy to clipboard"))
        self.sms_button.setText(self.tr("Sent by SMS"))
        self.wechat_button.setText(self.tr("Sent by WeChat"))
        self._show_count()

    # --- composing ----------------------------------------------------------------------------

    def chosen(self) -> MessageTemplate | None:
        data = self.template.currentData()  # Qt hands the enum back as its plain value
        return MessageTemplate(data) if data in set(MessageTemplate) else None

    def chosen_new_date(self) -> date | None:
        if self.chosen() is not MessageTemplate.DELAYED:
            return None
        return self.new_date.date().toPython()  # type: ignore[no-any-return]

    def _template_changed(self) -> None:
        self._show_new_date()
        self.compose()

    def _show_new_date(self) -> None:
        delayed = self.chosen() is MessageTemplate.DELAYED
        self.new_date.setVisible(delayed)
        self.new_date_label.setVisible(delayed)

    def compose(self) -> None:
        """Ask the service for the text of the chosen message (in the background)."""
        template = self.chosen()
        self._composed = None
        self.text.setPlainText("")
        self._enable()
        if template is None:
            self._say(self.tr("No message fits this job's status."))
            return
        services, actor, job_id, new_date = (
            self._services,
            self._actor,
            self._job_id,
            self.chosen_new_date(),
        )

        def shown(text: str) -> None:
            if self.chosen() is not template or self.chosen_new_date() != new_date:
                return  # the clerk chose another meanwhile; its own answer follows
            self._composed = text
            self.text.setPlainText(text)
            self.error_label.hide()
            self._show_count()
            self._enable()

        background.run(
            lambda: services.pickup.compose(job_id, template, actor, new_date),
            done=shown,
            failed=lambda error: self._say(failure_text(error, self._translate)),
            owner=self,
            lane=background.Lane.REFRESH,
        )

    def _show_count(self) -> None:
        text = self._composed or ""
        self.count_label.setText(
            self.tr("%1 characters, %2 SMS")
            .replace("%1", str(len(text)))
            .replace("%2", str(sms_parts(text)))
        )

    def _say(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _enable(self) -> None:
        ready = self._composed is not None and not self._busy
        writable = self._services.read_only is None
        for button in (self.copy_button, self.sms_button, self.wechat_button):
            button.setEnabled(ready and writable)

    # --- recording ----------------------------------------------------------------------------

    def record(self, channel: MessageChannel) -> None:
        """Copy (for COPIED) and record the message on the job; the dialog closes once it is."""
        template, text = self.chosen(), self._composed
        if template is None or text is None or self._busy:
            return
        if channel is MessageChannel.COPIED:
            QGuiApplication.clipboard().setText(text)
        form = MessageForm(template, channel, text, self.chosen_new_date())
        self._busy = True
        self._enable()
        services, actor, job_id = self._services, self._actor, self._job_id

        def done(sent: SentMessage) -> None:
            self._busy = False
            self.sent = sent
            if isValid(self):
                self.accept()

        def failed(error: Exception) -> None:
            self._busy = False
            if isValid(self):
                self._say(failure_text(error, self._translate))
                self._enable()

        background.run(
            lambda: services.pickup.record(job_id, form, actor),
            done=done,
            failed=failed,
            owner=self,
        )
