"""Choosing a password: the first manager password of a database made before sign-in, and the
change a person owes after a manager reset theirs.

Both dialogs only collect (what the service checks: at least 8 characters, typed twice the
same); their caller saves in the background and answers with succeeded() or failed(error).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.people import MINIMUM_PASSWORD
from desktop_app.domain.snapshots import UserSnapshot
from desktop_app.domain.text import Translator
from desktop_app.ui.dialogs.problems import MarksProblems, SavesInBackground, Saving
from desktop_app.ui.labels import person_label


@dataclass(frozen=True)
class NewPassword:
    username: str
    current: str  # empty where none is asked
    password: str
    again: str


def _password_line(name: str, parent: QWidget) -> QLineEdit:
    line = QLineEdit(parent)
    line.setObjectName(name)
    line.setEchoMode(QLineEdit.EchoMode.Password)
    line.setMinimumWidth(260)
    return line


class _PasswordDialog(MarksProblems, SavesInBackground, QDialog):
    def __init__(
        self,
        intro: str,
        *,
        translate: Translator,
        users: Sequence[UserSnapshot] = (),
        username: str = "",
        ask_current: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._translate = translate
        self._username = username
        self.intro = QLabel(intro, self)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.user_box: QComboBox | None = None
        self.current: QLineEdit | None = None
        form = QFormLayout()
        self._fields: dict[str, QWidget] = {}
        self._labels: dict[str, str] = {}
        if users:
            self.user_box = QComboBox(self)
            self.user_box.setObjectName("username")
            for user in users:
                self.user_box.addItem(
                    f"{person_label(user.display_name)} ({user.username})", user.username
                )
            self._add(form, "username", self.tr("Manager"), self.user_box)
        if ask_current:
            self.current = _password_line("current_password", self)
            self._add(form, "current_password", self.tr("Current password"), self.current)
        self.password = _password_line("password", self)
        # Not self.tr: with a count, PySide looks it up under the subclass's name (untranslated).
        self.password.setPlaceholderText(
            QCoreApplication.translate(
                "_PasswordDialog", "At least %n characters", "", MINIMUM_PASSWORD
            )
        )
        self._add(form, "password", self.tr("New password"), self.password)
        self.password_again = _password_line("password_again", self)
        self._add(form, "password_again", self.tr("New password again"), self.password_again)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("ok_button")
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.saving = Saving(
            self, (self.ok_button, self.cancel_button), lambda: self._fields.values()
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.error_label)
        layout.addLayout(form)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def _add(self, form: QFormLayout, name: str, label: str, widget: QWidget) -> None:
        self._fields[name] = widget
        self._labels[name] = label
        form.addRow(label, widget)

    def typed(self) -> NewPassword:
        username = self._username
        if self.user_box is not None:
            username = str(self.user_box.currentData() or "")
        return NewPassword(
            username,
            self.current.text() if self.current is not None else "",
            self.password.text(),
            self.password_again.text(),
        )

    def accept(self) -> None:
        self.submit_or_accept(self.typed())


class ManagerPasswordDialog(_PasswordDialog):
    """A database made before sign-in: its manager chooses the first password."""

    def __init__(
        self,
        managers: Sequence[UserSnapshot],
        *,
        translate: Translator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            self.tr(
                "From now on everyone at the counter signs in, and every change on the record "
                "names who made it. Choose the manager's password first: the manager then adds "
                "the staff and their passwords."
            ),
            translate=translate,
            users=managers,
            parent=parent,
        )
        self.setObjectName("manager_password_dialog")
        self.setWindowTitle(self.tr("Choose the manager's password"))


class ChangePasswordDialog(_PasswordDialog):
    """A password a manager set (a new account, a reset) is changed before anything else."""

    def __init__(
        self, user: UserSnapshot, *, translate: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr(
                "%s, your password was set by a manager. Choose a password of your own before "
                "you go on; nobody else should know it."
            )
            % person_label(user.display_name),
            translate=translate,
            username=user.username,
            ask_current=True,
            parent=parent,
        )
        self.setObjectName("change_password_dialog")
        self.setWindowTitle(self.tr("Choose a new password"))
