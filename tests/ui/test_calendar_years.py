"""The manager is told about a year the national calendar only estimates, and puts it right.

The clock is a fake "today" in late 2026: the installed holidays package knows China's official
2026 arrangement and only estimates 2027.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop_app.app import create_application
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import YearStatus
from desktop_app.services import Services
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import install_translator, text_translator
from desktop_app.ui.settings import UiSettings
from tests.helpers import FakeClock, actor, add_user, check_in_form
from tests.ui.driving import wait_idle

OFFICIAL_2027 = (
    "# 2027 (as entered by the shop)\n"
    "2027-01-01,holiday\n"
    "2027-01-02,workday\n"
    "2027-02-06,holiday\n"
    "2027-02-07,holiday\n"
)


def _window(qtbot, services: Services, ui_settings: UiSettings, clock, role: Role) -> MainWindow:
    create_application()
    user = actor(services) if role is Role.MANAGER else add_user(services, "clerk", "王晓红", role)
    assert user is not None
    main = MainWindow(services, user, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 12, 20, 10, 0))


def test_the_manager_sees_the_notice_in_december(qtbot, services, ui_settings, clock) -> None:
    window = _window(qtbot, services, ui_settings, clock, Role.MANAGER)
    assert window.calendar_notice.isVisible()
    text = window.calendar_notice_text.text()
    assert "2027" in text and "estimate" in text
    assert window.calendar_notice_button.defaultAction() is window.settings_action


def test_no_notice_before_60_days_and_from_60_days_on(qtbot, services, ui_settings, clock) -> None:
    clock.now = datetime(2026, 11, 1, 23, 0)  # 61 days before 2027
    window = _window(qtbot, services, ui_settings, clock, Role.MANAGER)
    assert not window.calendar_notice.isVisible()
    clock.now = datetime(2026, 11, 2, 9, 0)  # the minute timer notices the new day
    window._tick()
    wait_idle(qtbot)
    assert window.calendar_notice.isVisible()


def test_a_clerk_sees_no_notice(qtbot, services, ui_settings, clock) -> None:
    window = _window(qtbot, services, ui_settings, clock, Role.CLERK)
    assert not window.calendar_notice.isVisible()


def _dialog(qtbot, services: Services, today: date, language: str = "") -> SettingsDialog:
    shop = services.shop.settings()
    calendar = services.shop.calendar()
    years = (today.year, today.year + 1)
    dialog = SettingsDialog(
        shop,
        translate=text_translator(),
        today=today,
        estimated_years=[year for year in years if calendar.national_estimate(year)],
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_settings_say_which_year_is_an_estimate(qtbot, services) -> None:
    dialog = _dialog(qtbot, services, date(2026, 12, 20))
    assert "official arrangement" in dialog.year_labels[2026].text()
    assert "estimate" in dialog.year_labels[2027].text()
    assert "confirm_2026" not in {box.objectName() for box in dialog.confirm_boxes.values()}
    assert not dialog.confirm_boxes[2027].isChecked()


def test_importing_a_good_file_fills_the_days_and_confirms_the_year(
    qtbot, services, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, services, date(2026, 12, 20))
    dialog.extra_working_days.add_day(date(2027, 2, 6))  # the file says otherwise: it wins
    path = tmp_path / "2027.csv"
    path.write_text(OFFICIAL_2027, encoding="utf-8")
    dialog.import_file(path)
    assert dialog.closures.days() == (date(2027, 1, 1), date(2027, 2, 6), date(2027, 2, 7))
    assert dialog.extra_working_days.days() == (date(2027, 1, 2),)
    assert dialog.confirm_boxes[2027].isChecked()
    assert "confirmed by the shop" in dialog.year_labels[2027].text()
    assert dialog.result_settings().confirmed_years == (2027,)
    assert not dialog.import_result.isHidden()


def test_importing_a_bad_file_names_the_lines_and_changes_nothing(
    qtbot, services, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, services, date(2026, 12, 20))
    path = tmp_path / "2027.csv"
    path.write_text("2027-01-01,holiday\n2027-13-01,holiday\n2027-01-02,maybe\n", "utf-8")
    assert dialog.import_file(path) is None
    error = dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    assert "line 2" in error and "line 3" in error and "2027-13-01" in error
    assert dialog.closures.days() == () and dialog.extra_working_days.days() == ()
    assert not dialog.confirm_boxes[2027].isChecked()
    assert dialog.import_file(tmp_path / "missing.csv") is None
    assert "missing.csv" in dialog.error_label.text()


def test_after_confirmation_the_notice_goes_and_due_dates_use_the_entered_days(
    qtbot, services, ui_settings, clock, tmp_path: Path
) -> None:
    window = _window(qtbot, services, ui_settings, clock, Role.MANAGER)
    assert window.calendar_notice.isVisible()
    path = tmp_path / "2027.txt"
    path.write_text(OFFICIAL_2027, encoding="utf-8")

    def fill_and_save() -> None:
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        assert "estimate" in dialog.year_labels[2027].text()
        dialog.import_file(path)
        dialog.accept()  # saves in the background; the dialog closes when saved

    QTimer.singleShot(0, fill_and_save)
    window.open_settings()
    wait_idle(qtbot)
    assert not window.calendar_notice.isVisible()
    assert services.shop.settings().confirmed_years == (2027,)
    assert services.shop.calendar().year_status(2027) is YearStatus.CONFIRMED
    # A check-in on Thursday 2026-12-31: Jan 1 off, Saturday Jan 2 worked (as entered): due on
    # Thursday Jan 7 (the package's estimate alone says Friday Jan 8).
    clock.now = datetime(2026, 12, 31, 15, 0)
    manager = actor(services)
    assert manager is not None
    job = services.jobs.check_in(check_in_form(purchase_date=date(2026, 6, 1)), manager)
    assert job.repair_due_date == date(2027, 1, 7)


def test_countries_are_named_once_each_with_the_shop_country_first(qtbot, services) -> None:
    dialog = _dialog(qtbot, services, date(2026, 12, 20))
    combo = dialog.country
    names = [combo.itemText(i) for i in range(combo.count())]
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes[0] == "CN" and combo.currentData() == "CN"
    assert names[0] == "China"
    assert len(codes) == len(set(codes)) and "CAN" not in codes and "CA" in codes
    assert names[codes.index("CA")] == "Canada"
    assert len(set(names)) == len(names)
    assert all(len(code) == 2 for code in codes)
    assert dialog.result_settings().country == "CN"  # the stored value is still the code


def test_countries_in_chinese(qtbot, services) -> None:
    app = QApplication.instance()
    assert app is not None
    install_translator(app, "zh_CN")
    try:
        shop = services.shop.settings()
        manager = actor(services)
        assert manager is not None
        services.shop.save_settings(
            type(shop)(**{**shop.__dict__, "language": "zh_CN", "country": "CAN"}), manager
        )
        dialog = _dialog(qtbot, services, date(2026, 12, 20))
        combo = dialog.country
        names = [combo.itemText(i) for i in range(combo.count())]
        codes = [combo.itemData(i) for i in range(combo.count())]
        # "CAN" was stored: one Canada, shown first, in Chinese, and saved back as a code.
        assert codes[0] == "CA" and names[0] == "加拿大"
        assert names[codes.index("CN")] == "中国"
        assert names[codes.index("XK")] == "科索沃"  # not in ISO 3166-1: the app's translation
        assert not [name for name in names if name.isascii()]
        assert dialog.result_settings().country == "CA"
    finally:
        install_translator(app, "en")
