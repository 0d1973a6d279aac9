"""The shop's settings: details printed on receipts, the calendar, receipt paper, language."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import HOTLINE, SHOP_ADDRESS, SHOP_NAME
from desktop_app.domain.national_calendar import supported_countries
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import Translator
from desktop_app.ui.dialogs.problems import SavesInBackground, Saving, show_problems


class DayList(QWidget):
    """A list of dates with a date picker to add and a button to remove."""

    def __init__(self, name: str, days: tuple[date, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}_list")
        self.list.setMaximumHeight(110)
        self.picker = QDateEdit(self)
        self.picker.setObjectName(f"{name}_picker")
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        self.picker.setDate(QDate.currentDate())
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setObjectName(f"{name}_add")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName(f"{name}_remove")
        self.add_button.clicked.connect(lambda: self.add_day(self.picker.date().toPython()))
        self.remove_button.clicked.connect(self.remove_selected)
        controls = QHBoxLayout()
        controls.addWidget(self.picker)
        controls.addWidget(self.add_button)
        controls.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(controls)
        for day in days:
            self.add_day(day)

    def add_day(self, day: date) -> None:
        if day in self.days():
            return
        item = QListWidgetItem(day.isoformat())
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.list.addItem(item)
        self.list.sortItems()

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))

    def days(self) -> tuple[date, ...]:
        return tuple(
            self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
        )


class SettingsDialog(SavesInBackground, QDialog):
    def __init__(
        self, shop: ShopSnapshot, *, translate: Translator, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Shop settings"))
        self._translate = translate
        self.name = QLineEdit(shop.name, self)
        self.name.setObjectName("shop_name")
        self.address = QLineEdit(shop.address, self)
        self.address.setObjectName("shop_address")
        self.hotline = QLineEdit(shop.hotline, self)
        self.hotline.setObjectName("shop_hotline")
        self.name.setMaxLength(SHOP_NAME)
        self.address.setMaxLength(SHOP_ADDRESS)
        self.hotline.setMaxLength(HOTLINE)
        self.hotline.setPlaceholderText(self.tr("Printed on every receipt, e.g. 400-800-1234"))
        self.country = QComboBox(self)
        self.country.setObjectName("country")
        for code in supported_countries():
            self.country.addItem(code, code)
        self.country.setCurrentIndex(max(0, self.country.findData(shop.country)))
        self.warranty_months = QSpinBox(self)
        self.warranty_months.setObjectName("default_warranty_months")
        self.warranty_months.setRange(1, 240)
        self.warranty_months.setValue(shop.default_warranty_months)
        self.warranty_months.setSuffix(self.tr(" months"))
        self.paper = QComboBox(self)
        self.paper.setObjectName("receipt_paper")
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("80 mm receipt printer"), "80mm")
        self.paper.setCurrentIndex(max(0, self.paper.findData(shop.receipt_paper)))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(shop.language)))
        self.closures = DayList("closures", shop.closures, self)
        self.extra_working_days = DayList("extra_working_days", shop.extra_working_days, self)

        # Each field's label, once: beside the field and in the list of broken rules.
        self._labels = {
            "name": self.tr("Name"),
            "address": self.tr("Address"),
            "hotline": self.tr("24-hour after-sales hotline"),
            "country": self.tr("National calendar of"),
            "closures": self.tr("Shop closure days"),
            "extra_working_days": self.tr("Extra working days"),
            "default_warranty_months": self.tr("Default warranty"),
            "receipt_paper": self.tr("Receipt paper"),
            "language": self.tr("Language"),
        }
        details = self._group(
            self.tr("Shop (printed on receipts)"),
            {"name": self.name, "address": self.address, "hotline": self.hotline},
        )
        calendar = self._group(
            self.tr("Working-day calendar"),
            {
                "country": self.country,
                "closures": self.closures,
                "extra_working_days": self.extra_working_days,
            },
        )
        other = self._group(
            self.tr("Counter"),
            {
                "default_warranty_months": self.warranty_months,
                "receipt_paper": self.paper,
                "language": self.language,
            },
        )

        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("save_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        inputs = (self.name, self.address, self.hotline, self.country, self.warranty_months)
        self.saving = Saving(
            self,
            (save, buttons.button(QDialogButtonBox.StandardButton.Cancel)),
            lambda: (*inputs, self.paper, self.language, self.closures, self.extra_working_days),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.error_label)
        layout.addWidget(details)
        layout.addWidget(calendar)
        layout.addWidget(other)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self._fields: dict[str, QWidget] = {
            "country": self.country,
            "default_warranty_months": self.warranty_months,
            "receipt_paper": self.paper,
            "closures": self.closures,
            "extra_working_days": self.extra_working_days,
        }

    def _group(self, title: str, fields: dict[str, QWidget]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        for name, widget in fields.items():
            form.addRow(self._labels[name], widget)
        return box

    def result_settings(self) -> ShopSnapshot:
        return ShopSnapshot(
            name=self.name.text(),
            address=self.address.text(),
            hotline=self.hotline.text(),
            country=self.country.currentData(),
            default_warranty_months=self.warranty_months.value(),
            receipt_paper=self.paper.currentData(),
            language=self.language.currentData(),
            closures=self.closures.days(),
            extra_working_days=self.extra_working_days.days(),
        )

    def show_problems(self, error: InvalidInput) -> None:
        show_problems(
            error,
            self._fields,
            lambda field: self._labels.get(field, field),
            self.error_label,
            self._translate,
        )

    def accept(self) -> None:
        self.submit_or_accept(self.result_settings())
