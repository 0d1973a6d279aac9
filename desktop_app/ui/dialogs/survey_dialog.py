"""One follow-up call: was the customer reached, their four scores, and what they said.

The dialog returns a `SurveyForm` and saves nothing itself: the caller's save runs in the
background while the dialog waits (problems.SavesInBackground). The form is checked with the
same rule the service applies (domain/follow_up.validate_survey) before anything is sent, so a
missing score is marked at once, and everything typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.follow_up import (
    ASPECTS,
    HIGHEST,
    LOWEST,
    FollowUpRow,
    SurveyForm,
    validate_survey,
)
from desktop_app.domain.text import Translator, no_translation
from desktop_app.ui.dialogs.problems import MarksProblems, SavesInBackground, Saving


class SurveyDialog(MarksProblems, SavesInBackground, QDialog):
    def __init__(
        self,
        row: FollowUpRow,
        *,
        translate: Translator = no_translation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("survey_dialog")
        self.row = row
        self._translate = translate
        self.job_label = QLabel(self)
        self.job_label.setObjectName("survey_job")
        self.job_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.hide()
        self.reached = QCheckBox(self)
        self.reached.setObjectName("reached")
        self.reached.setChecked(True)
        self.reached.toggled.connect(self._reached_changed)
        self.scores: dict[str, QComboBox] = {}
        for name, _label in ASPECTS:
            combo = QComboBox(self)
            combo.setObjectName(name)
            combo.addItem("—", None)
            for score in range(HIGHEST, LOWEST - 1, -1):  # 5 first: the usual answer on top
                combo.addItem(str(score), score)
            self.scores[name] = combo
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(90)
        self._fields: dict[str, QWidget] = {
            "reached": self.reached,
            **self.scores,
            "comment": self.comment,
        }
        self._row_labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.addRow(self.reached)
        for name in (*self.scores, "comment"):
            label = QLabel(self)
            self._row_labels[name] = label
            form.addRow(label, self._fields[name])
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save_button")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.saving = Saving(
            self, (self.save_button, self.cancel_button), lambda: self._inputs_to_lock()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.job_label)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def _inputs_to_lock(self) -> tuple[QWidget, ...]:
        # Scores stay disabled while "not reached", whatever the save did with them.
        if self.saving.active or self.reached.isChecked():
            return tuple(self._fields.values())
        return (self.reached, self.comment)

    # --- language -----------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        t = self._translate
        row = self.row
        self.setWindowTitle(self.tr("Follow-up call"))
        self.job_label.setText(
            self.tr("Job %1 · %2 · %3 · returned on %4")
            .replace("%1", row.number)
            .replace("%2", row.customer_name)
            .replace("%3", row.product)
            .replace("%4", row.returned_at.strftime("%Y-%m-%d"))
        )
        self.reached.setText(self.tr("Customer reached"))
        self._labels = {name: t(label) for name, label in ASPECTS}
        self._labels["reached"] = self.tr("Customer reached")
        self._labels["comment"] = self._comment_label()
        for name, label in self._row_labels.items():
            label.setText(self._labels[name])
        self.comment.setPlaceholderText(
            self.tr("What the customer said (required for a score of 2 or less)")
            if self.reached.isChecked()
            else self.tr("Optional: e.g. no answer, number switched off")
        )

    def _comment_label(self) -> str:
        return self.tr("Comment") if self.reached.isChecked() else self.tr("Note")

    def _reached_changed(self, reached: bool) -> None:
        for combo in self.scores.values():
            combo.setEnabled(reached)
            if not reached:
                combo.setCurrentIndex(0)
        self.retranslate()

    # --- the form -----------------------------------------------------------------------------

    def set_score(self, name: str, score: int | None) -> None:
        combo = self.scores[name]
        combo.setCurrentIndex(max(0, combo.findData(score)))

    def form(self) -> SurveyForm:
        reached = self.reached.isChecked()
        scores = {
            name: (combo.currentData() if reached else None) for name, combo in self.scores.items()
        }
        return SurveyForm(reached=reached, comment=self.comment.toPlainText(), **scores)

    def accept(self) -> None:
        form = self.form()
        try:
            form = validate_survey(form)
        except InvalidInput as error:
            self.show_problems(error)
            return
        self.submit_or_accept(form)

    def failed(self, error: InvalidInput | None = None) -> None:
        super().failed(error)
        self._reached_changed(self.reached.isChecked())  # scores stay off while not reached
