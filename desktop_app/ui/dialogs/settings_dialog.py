"""The shop's settings: details printed on receipts, the calendar, receipt paper, language."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.backups import KEEP_DAILY_RANGE, KEEP_MONTHLY_RANGE, KEEP_WEEKLY_RANGE
from desktop_app.domain.device_label import LABEL_SIZES, label_size_text
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import HOTLINE, SHOP_ADDRESS, SHOP_NAME
from desktop_app.domain.national_calendar import supported_country_list, two_letter_code
from desktop_app.domain.official_days import FIELD as OFFICIAL_DAYS
from desktop_app.domain.official_days import MAX_FILE_BYTES, OfficialDays, parse_official_days
from desktop_app.domain.people import MAXIMUM_IDLE_LOCK_MINUTES, MINIMUM_IDLE_LOCK_MINUTES
from desktop_app.domain.quotation import MAX_INSPECTION_FEE_CENTS
from desktop_app.domain.repair_warranty import REPAIR_WARRANTY_DAYS_RANGE
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import N_, Translator, Verbatim
from desktop_app.services.shop import MAXIMUM_FOLLOW_UP_AFTER_DAYS
from desktop_app.ui.countries import country_choices
from desktop_app.ui.dialogs.form_dialog import cents_from_yuan
from desktop_app.ui.dialogs.message_templates_editor import MessageTemplatesEditor
from desktop_app.ui.dialogs.policy_editor import FIELD as POLICY
from desktop_app.ui.dialogs.policy_editor import PolicyEditor
from desktop_app.ui.dialogs.problems import SavesInBackground, Saving, show_problems
from desktop_app.ui.resources import shown_language


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

    def remove_day(self, day: date) -> None:
        for row in reversed(range(self.list.count())):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == day:
                self.list.takeItem(row)

    def days(self) -> tuple[date, ...]:
        return tuple(
            self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
        )


class SettingsDialog(SavesInBackground, QDialog):
    def __init__(
        self,
        shop: ShopSnapshot,
        *,
        translate: Translator,
        today: date | None = None,
        estimated_years: Collection[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """`estimated_years`: which of this year and the next the shop's national calendar only
        estimates (WorkCalendar.national_estimate), whatever the shop confirmed."""
        super().__init__(parent)
        self.setObjectName("settings_dialog")
        self.setWindowTitle(self.tr("Shop settings"))
        self._translate = translate
        self._today = today or date.today()
        self._estimated = frozenset(estimated_years)
        self._confirmed = set(shop.confirmed_years)
        # What the dialog has no field for is saved as it was, never reset to a default.
        self._shop = shop
        self._build_fields(shop)
        self._build_layout()

    def _build_fields(self, shop: ShopSnapshot) -> None:
        """One input per setting, holding the shop's value."""
        self.name = QLineEdit(shop.name, self)
        self.name.setObjectName("shop_name")
        self.address = QLineEdit(shop.address, self)
        self.address.setObjectName("shop_address")
        self.hotline = QLineEdit(shop.hotline, self)
        self.hotline.setObjectName("shop_hotline")
        for line in (self.name, self.address, self.hotline):
            line.setMinimumWidth(300)
        self.name.setMaxLength(SHOP_NAME)
        self.address.setMaxLength(SHOP_ADDRESS)
        self.hotline.setMaxLength(HOTLINE)
        self.hotline.setPlaceholderText(self.tr("Printed on every receipt, e.g. 400-800-1234"))
        self.country = QComboBox(self)
        self.country.setObjectName("country")
        country = two_letter_code(shop.country)
        language = shown_language()
        for name, code in country_choices(supported_country_list(), language, country):
            self.country.addItem(name, code)
        self.country.setCurrentIndex(max(0, self.country.findData(country)))
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
        # The device tag label's stock (receipts/label.py).
        self.label_size = QComboBox(self)
        self.label_size.setObjectName("label_size")
        for size in LABEL_SIZES:
            self.label_size.addItem(label_size_text(size), size)
        self.label_size.setCurrentIndex(max(0, self.label_size.findData(shop.label_size)))
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(shop.language)))
        # How long an unattended counter shows customer data before it locks itself.
        self.idle_lock = QSpinBox(self)
        self.idle_lock.setObjectName("idle_lock_minutes")
        self.idle_lock.setRange(MINIMUM_IDLE_LOCK_MINUTES, MAXIMUM_IDLE_LOCK_MINUTES)
        self.idle_lock.setValue(shop.idle_lock_minutes)
        # The satisfaction follow-up calls the jobs returned this many days ago.
        self.follow_up_after_days = QSpinBox(self)
        self.follow_up_after_days.setObjectName("follow_up_after_days")
        self.follow_up_after_days.setRange(1, MAXIMUM_FOLLOW_UP_AFTER_DAYS)
        self.follow_up_after_days.setValue(shop.follow_up_after_days)
        # The complaints register's promise: resolved within this many working days.
        self.complaint_days = QSpinBox(self)
        self.complaint_days.setObjectName("complaint_resolve_days")
        self.complaint_days.setRange(1, 30)  # services/shop.py checks the same range
        self.complaint_days.setValue(shop.complaint_resolve_days)
        # The automatic backups kept (services/backup.py checks the same ranges).
        self.backup_keep: dict[str, QSpinBox] = {}
        for name, (low, high), value in (
            ("backup_keep_daily", KEEP_DAILY_RANGE, shop.backup_keep_daily),
            ("backup_keep_weekly", KEEP_WEEKLY_RANGE, shop.backup_keep_weekly),
            ("backup_keep_monthly", KEEP_MONTHLY_RANGE, shop.backup_keep_monthly),
        ):
            box = self.backup_keep[name] = QSpinBox(self)
            box.setObjectName(name)
            box.setRange(low, high)
            box.setValue(value)
        # Issue 16: the repair's own warranty (services/shop.py checks the same range).
        self.repair_warranty_days = QSpinBox(self)
        self.repair_warranty_days.setObjectName("repair_warranty_days")
        self.repair_warranty_days.setRange(*REPAIR_WARRANTY_DAYS_RANGE)
        self.repair_warranty_days.setValue(shop.repair_warranty_days)
        self.repair_warranty_days.setSuffix(self.tr(" days"))
        # Issue 16: what a declined quotation costs (yuan on screen, cents stored).
        self.inspection_fee = QDoubleSpinBox(self)
        self.inspection_fee.setObjectName("inspection_fee")
        self.inspection_fee.setDecimals(2)
        self.inspection_fee.setRange(0, MAX_INSPECTION_FEE_CENTS / 100)
        self.inspection_fee.setPrefix("¥ ")
        self.inspection_fee.setValue(shop.inspection_fee_cents / 100)
        self.closures = DayList("closures", shop.closures, self)
        self.extra_working_days = DayList("extra_working_days", shop.extra_working_days, self)
        self.official_years = self._build_official_years()
        # What the shop offers when it misses a promise (its own tab).
        self.policy_editor = PolicyEditor(shop.compensation_policy, self)
        # Issue 16: the pickup list's days and the customer messages (their own tab).
        self.messages_editor = MessageTemplatesEditor(
            shop.pickup_after_days, shop.message_templates, self._translate, self
        )

    def _build_layout(self) -> None:
        """The fields in their groups, two columns, the problems above and the buttons below."""
        # Each field's label, once: beside the field and in the list of broken rules.
        self._labels = self._field_labels()
        self.error_label = QLabel(self)
        self.error_label.setObjectName("error_label")
        self.error_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = self._build_buttons()
        layout = QVBoxLayout(self)
        # Tall enough for every wrapped line (the year's status says what to do, at length).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.error_label)
        # The compensation policy on a tab of its own: beside the rest it would not fit.
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settings_tabs")
        self.tabs.addTab(self._general_tab(), self.tr("Shop and calendar"))
        self.tabs.addTab(self.policy_editor, self.tr("Compensation policy"))
        self.tabs.addTab(self.messages_editor, self.tr("Pickup and messages"))
        layout.addWidget(self.tabs)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self._fields: dict[str, QWidget] = {
            "country": self.country,
            "default_warranty_months": self.warranty_months,
            "receipt_paper": self.paper,
            "label_size": self.label_size,
            "idle_lock_minutes": self.idle_lock,
            "follow_up_after_days": self.follow_up_after_days,
            "complaint_resolve_days": self.complaint_days,
            "repair_warranty_days": self.repair_warranty_days,
            **self.backup_keep,
            "inspection_fee": self.inspection_fee,
            "closures": self.closures,
            "extra_working_days": self.extra_working_days,
            # The button, not the whole box: a mark on the box would frame every line in it.
            "confirmed_years": self.import_button,
            OFFICIAL_DAYS: self.import_button,
        }

    def _field_labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "address": self.tr("Address"),
            "hotline": self.tr("24-hour after-sales hotline"),
            "country": self.tr("National calendar of"),
            "closures": self.tr("Shop closure days"),
            "extra_working_days": self.tr("Extra working days"),
            "confirmed_years": self.tr("Official calendar"),
            OFFICIAL_DAYS: self.tr("Official days file"),
            "default_warranty_months": self.tr("Default warranty"),
            "receipt_paper": self.tr("Receipt paper"),
            "label_size": self.tr("Device label size"),
            "language": self.tr("Language"),
            "idle_lock_minutes": self.tr("Lock after idle (minutes)"),
            "follow_up_after_days": self.tr("Follow-up call after (days)"),
            "complaint_resolve_days": self.tr("Complaint resolved within (working days)"),
            "backup_keep_daily": self.tr("Daily backups kept"),
            "backup_keep_weekly": self.tr("Weekly backups kept"),
            "backup_keep_monthly": self.tr("Monthly backups kept"),
            "repair_warranty_days": self.tr("Repair warranty (parts and labour)"),
            "inspection_fee": self.tr("Inspection fee if a quotation is declined"),
        }

    def _general_tab(self) -> QWidget:
        """Two columns: the calendar's lists and year lines beside the shop and counter fields,
        so the dialog stays within a 1366x768 screen."""
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
                "confirmed_years": self.official_years,
            },
        )
        other = self._group(
            self.tr("Counter"),
            {
                "default_warranty_months": self.warranty_months,
                "receipt_paper": self.paper,
                "label_size": self.label_size,
                "language": self.language,
                "idle_lock_minutes": self.idle_lock,
                "follow_up_after_days": self.follow_up_after_days,
                "complaint_resolve_days": self.complaint_days,
                "repair_warranty_days": self.repair_warranty_days,
            },
        )
        backups = self._group(self.tr("Automatic backups (SQLite)"), dict(self.backup_keep))
        paid = self._group(self.tr("Paid repairs"), {"inspection_fee": self.inspection_fee})
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(details)
        left.addWidget(other)
        left.addWidget(backups)
        left.addWidget(paid)
        left.addStretch(1)
        columns.addLayout(left, 1)
        columns.addWidget(calendar, 1)
        general = QWidget(self)
        general.setLayout(columns)
        return general

    def _build_buttons(self) -> QDialogButtonBox:
        """Save and Cancel, and what a save in progress disables."""
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
            lambda: (
                *inputs,
                self.paper,
                self.language,
                self.idle_lock,
                self.follow_up_after_days,
                self.complaint_days,
                self.repair_warranty_days,
                *self.backup_keep.values(),
                self.inspection_fee,
                self.closures,
                self.extra_working_days,
                self.official_years,
                self.policy_editor,
                self.messages_editor,
            ),
        )
        return buttons

    # --- the official calendar of this year and the next ----------------------------------

    def _build_official_years(self) -> QWidget:
        box = QWidget(self)
        box.setObjectName("official_years")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.year_labels: dict[int, QLabel] = {}
        self.confirm_boxes: dict[int, QCheckBox] = {}
        for year in (self._today.year, self._today.year + 1):
            label = QLabel(box)
            label.setObjectName(f"year_status_{year}")
            label.setWordWrap(True)
            # A wrapped label in a form gets one line's height unless it may grow.
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            label.setMinimumWidth(420)
            self.year_labels[year] = label
            layout.addWidget(label)
            if year in self._estimated or year in self._confirmed:
                check = QCheckBox(
                    self.tr("The days entered for %1 are its official arrangement").replace(
                        "%1", str(year)
                    ),
                    box,
                )
                check.setObjectName(f"confirm_{year}")
                check.setChecked(year in self._confirmed)
                check.toggled.connect(lambda on, year=year: self.set_confirmed(year, on))
                self.confirm_boxes[year] = check
                layout.addWidget(check)
        self.import_button = QPushButton(self.tr("Import official days…"), box)
        self.import_button.setObjectName("import_official_days")
        self.import_button.setToolTip(
            self.tr("A UTF-8 text file, one day a line: 2027-02-06,holiday or 2027-02-20,workday")
        )
        self.import_button.clicked.connect(self.choose_import_file)
        self.import_result = QLabel(box)
        self.import_result.setObjectName("import_result")
        self.import_result.setWordWrap(True)
        self.import_result.hide()
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.import_result, 1)
        layout.addLayout(row)
        self._show_year_status()
        return box

    def set_confirmed(self, year: int, confirmed: bool) -> None:
        if confirmed:
            self._confirmed.add(year)
        else:
            self._confirmed.discard(year)
        check = self.confirm_boxes.get(year)
        if check is not None and check.isChecked() != confirmed:
            check.setChecked(confirmed)
        self._show_year_status()

    def year_status_text(self, year: int) -> str:
        if year in self._confirmed:
            text = self.tr("%1: official arrangement, entered and confirmed by the shop")
            colour = "#2e7d32"
        elif year in self._estimated:
            text = self.tr(
                "%1: only an estimate (the holidays package guesses it by rule, without the "
                "make-up working days). Enter the year's official holidays as closure days and "
                "its make-up working days as extra working days, or import them, then tick below."
            )
            colour = "#c62828"
        else:
            text = self.tr("%1: official arrangement (from the holidays package)")
            colour = "#37474f"
        return f"<span style='color: {colour}'>{text.replace('%1', str(year))}</span>"

    def _show_year_status(self) -> None:
        for year, label in self.year_labels.items():
            label.setText(self.year_status_text(year))

    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import official days"),
            "",
            self.tr("Text files (*.csv *.txt);;All files (*)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> OfficialDays | None:
        """Adds the file's holidays as closure days and its make-up working days as extra
        working days, and marks their years confirmed; a bad file changes nothing and says
        which lines are wrong."""
        try:
            with path.open("rb") as file:
                data = file.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            error = InvalidInput.single(
                OFFICIAL_DAYS,
                N_("cannot read {path}: {reason}"),
                path=Verbatim(str(path)),
                reason=Verbatim(exc.strerror or str(exc)),
            )
            self.show_problems(error)
            return None
        try:
            days = parse_official_days(data)
        except InvalidInput as error:
            self.import_result.hide()
            self.show_problems(error)
            return None
        for day in days.holidays:
            self.extra_working_days.remove_day(day)
            self.closures.add_day(day)
        for day in days.workdays:
            self.closures.remove_day(day)
            self.extra_working_days.add_day(day)
        for year in days.years:
            self.set_confirmed(year, True)
        self.error_label.hide()
        self.import_button.setStyleSheet("")
        years = ", ".join(str(year) for year in days.years)
        self.import_result.setText(
            self.tr("Imported for %3: holidays %1, make-up working days %2. Save to use them.")
            .replace("%1", str(len(days.holidays)))
            .replace("%2", str(len(days.workdays)))
            .replace("%3", years)
        )
        self.import_result.show()
        return days

    def _group(self, title: str, fields: dict[str, QWidget]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, widget in fields.items():
            form.addRow(self._labels[name], widget)
        return box

    def result_settings(self) -> ShopSnapshot:
        return replace(
            self._shop,
            name=self.name.text(),
            address=self.address.text(),
            hotline=self.hotline.text(),
            country=self.country.currentData(),
            default_warranty_months=self.warranty_months.value(),
            receipt_paper=self.paper.currentData(),
            label_size=self.label_size.currentData(),
            language=self.language.currentData(),
            closures=self.closures.days(),
            extra_working_days=self.extra_working_days.days(),
            confirmed_years=tuple(sorted(self._confirmed)),
            idle_lock_minutes=self.idle_lock.value(),
            follow_up_after_days=self.follow_up_after_days.value(),
            complaint_resolve_days=self.complaint_days.value(),
            backup_keep_daily=self.backup_keep["backup_keep_daily"].value(),
            backup_keep_weekly=self.backup_keep["backup_keep_weekly"].value(),
            backup_keep_monthly=self.backup_keep["backup_keep_monthly"].value(),
            compensation_policy=self.policy_editor.policy(),
            repair_warranty_days=self.repair_warranty_days.value(),
            pickup_after_days=self.messages_editor.after_days.value(),
            message_templates=self.messages_editor.templates(),
            inspection_fee_cents=cents_from_yuan(self.inspection_fee.value()),
        )

    def show_problems(self, error: InvalidInput) -> None:
        for widget in self.policy_editor.inputs.values():
            widget.setStyleSheet("")
        policy, messages = self.policy_editor, self.messages_editor
        show_problems(
            error,
            {**self._fields, **policy.problem_widgets(), **messages.problem_widgets()},
            lambda field: (
                policy.label_of(field) or messages.label_of(field) or self._labels.get(field, field)
            ),
            self.error_label,
            self._translate,
        )
        # The tab of the first broken rule, so its marked input is in sight.
        fields = [problem.field for problem in error.problems]
        if fields:
            on_policy = fields[0].split(".")[0] == POLICY
            on_messages = fields[0] in messages.problem_widgets()
            tab = policy if on_policy else messages if on_messages else self.tabs.widget(0)
            self.tabs.setCurrentWidget(tab)

    def accept(self) -> None:
        self.submit_or_accept(self.result_settings())
