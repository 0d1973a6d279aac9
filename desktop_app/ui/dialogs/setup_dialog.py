"""The first start of a new database: the shop (printed on every receipt) and its first manager.

Collects a SetupForm; the caller saves it with services.auth.set_up in the background and
answers with succeeded() or failed(error), the problems marked against their fields and
everything typed kept.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.limits import DISPLAY_NAME, HOTLINE, SHOP_ADDRESS, SHOP_NAME, USERNAME
from desktop_app.domain.national_calendar import supported_country_list, two_letter_code
from desktop_app.domain.people import MINIMUM_PASSWORD, SetupForm
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import Translator
from desktop_app.ui.countries import country_choices
from desktop_app.ui.dialogs.problems import MarksProblems, SavesInBackground, Saving
from desktop_app.ui.resources import shown_language


class SetupDialog(MarksProblems, SavesInBackground, QDialog):
    # "Restore a backup…": the shop's backup instead of a new setup (a new computer).
    restore_requested = Signal()

    def __init__(
        self, shop: ShopSnapshot, *, translate: Translator, parent: QWidget | None = None
    ) -> None:
        """`shop`: the new database's settings (its defaults) to start from."""
        super().__init__(parent)
        self.setObjectName("setup_dialog")
        self.setWindowTitle(self.tr("Set up the counter"))
        self._translate = translate
        self._build_fields(shop)
        self._build_layout()

    def _line(self, name: str, text: str, limit: int) -> QLineEdit:
        line = QLineEdit(text, self)
        line.setObjectName(name)
        line.setMaxLength(limit)
        line.setMinimumWidth(280)
        return line

    def _build_fields(self, shop: ShopSnapshot) -> None:
        self.shop_name = self._line("shop_name", shop.name, SHOP_NAME)
        self.address = self._line("address", shop.address, SHOP_ADDRESS)
        self.hotline = self._line("hotline", shop.hotline, HOTLINE)
        self.hotline.setPlaceholderText(self.tr("Printed on every receipt, e.g. 400-800-1234"))
        self.country = QComboBox(self)
        self.country.setObjectName("country")
        country = two_letter_code(shop.country)
        for name, code in country_choices(supported_country_list(), shown_language(), country):
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(0, self.country.findData(country)))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(shop.language)))
        self.receipt_paper = QComboBox(self)
        self.receipt_paper.setObjectName("receipt_paper")
        self.receipt_paper.addItem(self.tr("A4"), "a4")
        self.receipt_paper.addItem(self.tr("80 mm receipt printer"), "80mm")
        self.receipt_paper.setCurrentIndex(max(0, self.receipt_paper.findData(shop.receipt_paper)))
        self.username = self._line("username", "", USERNAME)
        self.username.setPlaceholderText(self.tr("Typed at every sign-in, e.g. zhang"))
        self.display_name = self._line("display_name", "", DISPLAY_NAME)
        self.display_name.setPlaceholderText(self.tr("Shown on the record, e.g. 张经理"))
        self.password = self._line("password", "", 128)
        self.password_again = self._line("password_again", "", 128)
        for line in (self.password, self.password_again):
            line.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("At least %n characters", "", MINIMUM_PASSWORD))

    def _build_layout(self) -> None:
        self._labels = {
            "shop_name": self.tr("Shop name"),
            "address": self.tr("Address"),
            "hotline": self.tr("24-hour after-sales hotline"),
            "country": self.tr("National calendar of"),
            "language": self.tr("Language"),
            "receipt_paper": self.tr("Receipt paper"),
            "username": self.tr("User name"),
            "display_name": self.tr("Display name"),
            "password": self.tr("Password"),
            "password_again": self.tr("Password again"),
        }
        self._fields: dict[str, QWidget] = {
            "shop_name": self.shop_name,
            "address": self.address,
            "hotline": self.hotline,
            "country": self.country,
            "language": self.language,
            "receipt_paper": self.receipt_paper,
            "username": self.username,
            "display_name": self.display_name,
            "password": self.password,
            "password_again": self.password_again,
        }
        intro = QLabel(
            self.tr(
                "A new counter. Enter the shop's details, printed on every receipt, and the "
                "first manager's account: the manager then adds the staff."
            ),
            self,
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        shop = self._group(
            self.tr("Shop"),
            ("shop_name", "address", "hotline", "country", "language", "receipt_paper"),
        )
        manager = self._group(
            self.tr("First manager"), ("username", "display_name", "password", "password_again")
        )
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
        self.ok_button.setText(self.tr("Set up"))
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        self.restore_button = buttons.addButton(
            self.tr("Restore a backup…"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.restore_button.setObjectName("restore_backup_button")
        self.restore_button.setAutoDefault(False)
        self.restore_button.setToolTip(
            self.tr("A new computer for a shop that has a backup: restore it instead")
        )
        self.restore_button.clicked.connect(self.restore_requested.emit)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.saving = Saving(
            self,
            (self.ok_button, self.cancel_button, self.restore_button),
            lambda: self._fields.values(),
        )
        columns = QHBoxLayout()
        columns.addWidget(shop, 3)
        columns.addWidget(manager, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.error_label)
        layout.addLayout(columns)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)

    def _group(self, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name in names:
            form.addRow(self._labels[name], self._fields[name])
        return box

    def result_form(self) -> SetupForm:
        return SetupForm(
            shop_name=self.shop_name.text(),
            address=self.address.text(),
            hotline=self.hotline.text(),
            country=str(self.country.currentData()),
            language=str(self.language.currentData()),
            receipt_paper=str(self.receipt_paper.currentData()),
            username=self.username.text(),
            display_name=self.display_name.text(),
            password=self.password.text(),
            password_again=self.password_again.text(),
        )

    def accept(self) -> None:
        self.submit_or_accept(self.result_form())
