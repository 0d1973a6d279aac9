"""Signing in: the form (who, password) shared by the start-up dialog and the lock screen.

The form only collects; its owner checks the password in the background (a fifth of a second
of argon2) and answers with `failed(message)` or by moving on. A wrong password clears the
password and keeps the person picked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.sign_in import UserSnapshot
from desktop_app.ui.labels import person_label

MESSAGE_STYLE = "color: #c62828; font-weight: bold;"


class SignInForm(QWidget):
    """Who signs in and their password. Emits submitted(username, password)."""

    submitted = Signal(str, str)

    def __init__(self, users: Sequence[UserSnapshot], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_form")
        self.user_box = QComboBox(self)
        self.user_box.setObjectName("sign_in_user")
        self.user_box.setMinimumWidth(280)
        self.password = QLineEdit(self)
        self.password.setObjectName("sign_in_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.message = QLabel(self)
        self.message.setObjectName("sign_in_message")
        self.message.setStyleSheet(MESSAGE_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.busy_label = QLabel(self)
        self.busy_label.setObjectName("sign_in_busy")
        self.busy_label.hide()
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("sign_in_button")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.submit)
        self.user_label = QLabel(self)
        self.password_label = QLabel(self)
        self._form = QFormLayout()
        self._form.addRow(self.user_label, self.user_box)
        self._form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._form)
        layout.addWidget(self.message)
        layout.addWidget(self.busy_label)
        # On the right, after a stretch: the first screen names no Qt.AlignmentFlag: its
        # namespace PySide6 builds at its first use (10-20 ms before the sign-in could paint).
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.sign_in_button)
        layout.addLayout(button_row)
        self.set_users(users)
        self.retranslate()

    def retranslate(self) -> None:
        self.user_label.setText(self.tr("Name"))
        self.password_label.setText(self.tr("Password"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.busy_label.setText(self.tr("Checking…"))

    def set_users(self, users: Sequence[UserSnapshot]) -> None:
        """The people to pick from: display name and user name (two people may share a
        name); the one picked stays picked if they are still there."""
        picked = self.username()
        self.user_box.clear()
        for user in users:
            self.user_box.addItem(
                f"{person_label(user.display_name)} ({user.username})", user.username
            )
        self.select(picked)

    def select(self, username: str) -> None:
        index = self.user_box.findData(username)
        if index >= 0:
            self.user_box.setCurrentIndex(index)

    def username(self) -> str:
        return str(self.user_box.currentData() or "")

    def submit(self) -> None:
        if not self.sign_in_button.isEnabled() or not self.username():
            return
        self.message.hide()
        self.submitted.emit(self.username(), self.password.text())

    def set_busy(self, busy: bool) -> None:
        """While the password is checked: nothing can be changed or sent twice."""
        for widget in (self.user_box, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.busy_label.setVisible(busy)

    def failed(self, message: str) -> None:
        """Refused: say why, clear the password, keep the person."""
        self.set_busy(False)
        self.password.clear()
        self.show_message(message)
        self.password.setFocus()

    def show_message(self, message: str) -> None:
        self.message.setText(message)
        self.message.setVisible(bool(message))

    def reset(self) -> None:
        self.set_busy(False)
        self.password.clear()
        self.message.hide()


class SignInDialog(QDialog):
    """The first thing the counter shows: who signs in. Cancel quits."""

    def __init__(
        self, shop_name: str, users: Sequence[UserSnapshot], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sign_in_dialog")
        self._shop_name = shop_name
        self.heading = QLabel(self)
        self.heading.setObjectName("sign_in_heading")
        self.heading.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.form = SignInForm(users, self)
        # A button of its own, not a QDialogButtonBox: making one names Qt.Orientation, and the
        # first use of Qt's namespace costs PySide6 10-20 ms before this dialog, the counter's
        # first screen, could paint. Enter signs in (the form's default button), or cancels on
        # the Cancel button when it has the focus.
        self.cancel_button = QPushButton(self)
        self.cancel_button.setObjectName("cancel_button")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.retranslate()
        self.form.password.setFocus()

    def show_shop(self, shop_name: str, users: Sequence[UserSnapshot]) -> None:
        """Another shop name, list of people or language than the dialog opened with (it
        opened from the last start's memory, and the database says otherwise now)."""
        self._shop_name = shop_name
        self.form.set_users(users)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in — Repair Counter"))
        self.cancel_button.setText(self.tr("Cancel"))
        name = self._shop_name or self.tr("After-sales counter")
        self.heading.setText(name)
        self.form.retranslate()
