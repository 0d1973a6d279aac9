"""Starting the counter: setup on a new database, the first manager password of an old one, the
sign-in (wrong password, lock-out, the right one), and the password change a person owes."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import update

from desktop_app.app import Counter, create_application, open_counter
from desktop_app.data import calendar_cache
from desktop_app.data.db import open_database
from desktop_app.data.models import User
from desktop_app.domain.people import FAILURES_BEFORE_LOCK_OUT
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.ui.dialogs.password_dialogs import ChangePasswordDialog, ManagerPasswordDialog
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from tests.helpers import FAST_PASSWORDS, PASSWORD, FakeClock, actor, check_in_form, give_password
from tests.ui.driving import type_text, wait_idle

START = datetime(2026, 11, 25, 10, 30)


@pytest.fixture
def start_clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(autouse=True)
def quick_services(monkeypatch: pytest.MonkeyPatch, start_clock: FakeClock) -> None:
    """The counter builds its services as at the shop, but on the test's clock and with cheap
    password hashes."""
    build = Services.build

    def built(database, clock=None, calendars=None, **_options):  # type: ignore[no-untyped-def]
        options = {} if calendars is None else {"calendars": calendars}
        return build(database, start_clock, passwords=FAST_PASSWORDS, workstation="test", **options)

    monkeypatch.setattr(Services, "build", built)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = calendar_cache.load_national_calendar
    monkeypatch.setattr(
        calendar_cache,
        "load_national_calendar",
        lambda country, today: real(country, today, directory=tmp_path / "cache"),
    )


def _start(qtbot, url: str, ui_settings) -> Counter:  # type: ignore[no-untyped-def]
    counter = open_counter(create_application(), url, ui_settings)
    counter.show()
    return counter


def _close(counter: Counter) -> None:
    from shiboken6 import isValid

    for widget in (counter.dialog, counter.window):
        if widget is not None and isValid(widget):
            widget.close()
            widget.deleteLater()
    counter.dispose()


@pytest.fixture
def ready_shop(tmp_path: Path, start_clock: FakeClock) -> str:
    """A shop whose manager (店长, the seeded account) has a password, with one job."""
    url = f"sqlite:///{tmp_path}/counter.db"
    database = open_database(url)
    services = Services.build(database, start_clock)
    manager = actor(services)
    services.shop.save_settings(
        services.shop.settings().__class__(
            **{**services.shop.settings().__dict__, "name": "城东家电维修", "hotline": "400-1"}
        ),
        manager,
    )
    services.jobs.check_in(check_in_form(customer_name="欧阳娜娜"), manager)
    services.users.add(manager, "wang", "王晓红", Role.CLERK, "temporary-1")
    give_password(services, "wang")
    services.users.add(manager, "li", "李师傅", Role.TECHNICIAN, "temporary-1")
    database.dispose()
    return url


# --- the first start ------------------------------------------------------------------------------


def _fill_setup(qtbot, dialog: SetupDialog, *, password_again: str = "good-pass-1") -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.shop_name, "城西数码售后")
    type_text(qtbot, dialog.address, "北京市海淀区中关村大街1号")
    type_text(qtbot, dialog.hotline, "400-800-1234")
    type_text(qtbot, dialog.username, "zhang")
    type_text(qtbot, dialog.display_name, "张经理")
    type_text(qtbot, dialog.password, "good-pass-1")
    type_text(qtbot, dialog.password_again, password_again)


def test_a_new_database_is_set_up_and_its_manager_signed_in(qtbot, tmp_path, ui_settings, cache):
    counter = _start(qtbot, f"sqlite:///{tmp_path}/new.db", ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SetupDialog) and dialog.isVisible()
        assert counter.window is None
        dialog.country.setCurrentIndex(dialog.country.findData("CN"))
        _fill_setup(qtbot, dialog)
        with qtbot.waitSignal(counter.window_opened, timeout=10_000):
            dialog.ok_button.click()
        window = counter.window
        assert window is not None and window.user.username == "zhang"
        assert window.user.role is Role.MANAGER
        assert "张经理 (manager)" in window.windowTitle()
        assert "城西数码售后" in window.windowTitle()
        assert counter.services is not None
        shop = counter.services.shop.settings()
        assert (shop.name, shop.hotline, shop.country) == ("城西数码售后", "400-800-1234", "CN")
        # The manager can sign in with the password chosen.
        assert counter.services.auth.sign_in("zhang", "good-pass-1").display_name == "张经理"
    finally:
        _close(counter)


def test_bad_setup_input_is_shown_against_its_field_and_kept(qtbot, tmp_path, ui_settings, cache):
    counter = _start(qtbot, f"sqlite:///{tmp_path}/new.db", ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SetupDialog)
        _fill_setup(qtbot, dialog, password_again="other-pass-2")
        dialog.shop_name.clear()
        dialog.ok_button.click()
        qtbot.waitUntil(dialog.error_label.isVisible)
        wait_idle(qtbot)
        text = dialog.error_label.text()
        assert "Shop name" in text and "Password again" in text, text
        assert "shop_name" not in text and "password_again" not in text
        from desktop_app.ui.dialogs.problems import marked_fields

        assert marked_fields(dialog._fields) == {"shop_name", "password_again"}
        assert dialog.isVisible() and counter.window is None
        assert dialog.username.text() == "zhang" and dialog.password.text() == "good-pass-1"
        assert dialog.hotline.text() == "400-800-1234"
        assert dialog.ok_button.isEnabled()
    finally:
        _close(counter)


def test_an_old_database_asks_the_managers_first_password(
    qtbot, tmp_path, ui_settings, cache, start_clock
):
    url = f"sqlite:///{tmp_path}/old.db"
    database = open_database(url)
    services = Services.build(database, start_clock)
    services.jobs.check_in(check_in_form(), actor(services))
    with database.write() as session:  # as before sign-in existed: nobody has a password
        session.execute(update(User).values(password_hash=None))
    database.dispose()

    counter = _start(qtbot, url, ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, ManagerPasswordDialog)
        assert dialog.user_box is not None and dialog.user_box.currentData() == "manager"
        type_text(qtbot, dialog.password, "short")
        type_text(qtbot, dialog.password_again, "short")
        dialog.ok_button.click()
        qtbot.waitUntil(dialog.error_label.isVisible)
        assert "at least 8 characters" in dialog.error_label.text()
        assert counter.window is None
        dialog.password.setText("manager-pass-1")
        dialog.password_again.setText("manager-pass-1")
        with qtbot.waitSignal(counter.window_opened, timeout=10_000):
            dialog.ok_button.click()
        assert counter.window is not None and counter.window.user.username == "manager"
        wait_idle(qtbot)
        assert counter.window.model.rowCount() == 1
    finally:
        _close(counter)


# --- signing in -----------------------------------------------------------------------------------


def _sign_in_dialog(counter: Counter) -> SignInDialog:
    dialog = counter.dialog
    assert isinstance(dialog, SignInDialog)
    return dialog


def test_the_sign_in_shows_before_the_services_and_names_who_may_sign_in(
    qtbot, ready_shop, ui_settings, cache
):
    counter = _start(qtbot, ready_shop, ui_settings)
    try:
        dialog = _sign_in_dialog(counter)
        assert counter.services is None  # the first screen: no SQLAlchemy yet
        names = [dialog.form.user_box.itemText(i) for i in range(dialog.form.user_box.count())]
        # 李师傅 has only a manager's temporary password: still listed (he must change it).
        assert "王晓红 (wang)" in names and "李师傅 (li)" in names
        assert any(name.endswith("(manager)") for name in names)
        assert dialog.heading.text() == "城东家电维修"
        # Typed before the services are there: checked once they are.
        dialog.form.select("wang")
        type_text(qtbot, dialog.form.password, PASSWORD)
        with qtbot.waitSignal(counter.window_opened, timeout=20_000):
            dialog.form.sign_in_button.click()
            counter.start_opening()
        assert counter.window is not None and counter.window.user.username == "wang"
        assert "王晓红 (clerk)" in counter.window.windowTitle()
        assert counter.window.statusBar().currentMessage() == "Signed in: 王晓红 (clerk)"
    finally:
        _close(counter)


def test_a_wrong_password_is_said_in_the_dialog_and_the_name_kept(
    qtbot, ready_shop, ui_settings, cache
):
    counter = _start(qtbot, ready_shop, ui_settings)
    try:
        counter.finish_opening()
        dialog = _sign_in_dialog(counter)
        dialog.form.select("wang")
        type_text(qtbot, dialog.form.password, "not-her-password")
        dialog.form.sign_in_button.click()
        qtbot.waitUntil(dialog.form.message.isVisible)
        assert dialog.form.message.text() == "wrong user name or password"
        assert dialog.form.password.text() == ""
        assert dialog.form.username() == "wang"
        assert counter.window is None and dialog.isVisible()
    finally:
        _close(counter)


def test_too_many_wrong_passwords_lock_the_account_for_five_minutes(
    qtbot, ready_shop, ui_settings, cache, start_clock
):
    counter = _start(qtbot, ready_shop, ui_settings)
    try:
        counter.finish_opening()
        form = _sign_in_dialog(counter).form
        form.select("wang")
        for _ in range(FAILURES_BEFORE_LOCK_OUT):
            form.password.setText("wrong-password")
            form.sign_in_button.click()
            qtbot.waitUntil(lambda: form.sign_in_button.isEnabled())
        assert "too many wrong passwords" in form.message.text()
        assert "2026-11-25 10:35" in form.message.text()
        form.password.setText(PASSWORD)  # the right one, too soon
        form.sign_in_button.click()
        qtbot.waitUntil(lambda: form.sign_in_button.isEnabled())
        assert "too many wrong passwords" in form.message.text() and counter.window is None
        start_clock.advance(minutes=5, seconds=1)
        form.password.setText(PASSWORD)
        with qtbot.waitSignal(counter.window_opened, timeout=10_000):
            form.sign_in_button.click()
        assert counter.window is not None and counter.window.user.username == "wang"
    finally:
        _close(counter)


def test_cancel_at_the_sign_in_opens_nothing(qtbot, ready_shop, ui_settings, cache):
    counter = _start(qtbot, ready_shop, ui_settings)
    try:
        with qtbot.waitSignal(counter.finished):
            _sign_in_dialog(counter).cancel_button.click()
        assert counter.window is None
    finally:
        _close(counter)


def test_a_password_set_by_a_manager_is_changed_before_the_window_opens(
    qtbot, ready_shop, ui_settings, cache
):
    counter = _start(qtbot, ready_shop, ui_settings)
    try:
        counter.finish_opening()
        form = _sign_in_dialog(counter).form
        form.select("li")
        form.password.setText("temporary-1")
        form.sign_in_button.click()
        qtbot.waitUntil(lambda: isinstance(counter.dialog, ChangePasswordDialog))
        change = counter.dialog
        assert isinstance(change, ChangePasswordDialog) and counter.window is None
        assert change.current is not None
        type_text(qtbot, change.current, "temporary-1")
        type_text(qtbot, change.password, "temporary-1")
        type_text(qtbot, change.password_again, "temporary-1")
        change.ok_button.click()
        qtbot.waitUntil(change.error_label.isVisible)
        assert "must differ from the current password" in change.error_label.text()
        change.password.setText("li-own-pass-1")
        change.password_again.setText("li-own-pass-1")
        with qtbot.waitSignal(counter.window_opened, timeout=10_000):
            change.ok_button.click()
        window = counter.window
        assert window is not None and window.user.username == "li"
        assert not window.user.must_change_password
        assert "李师傅 (technician)" in window.windowTitle()
        assert counter.services is not None
        assert counter.services.auth.sign_in("li", "li-own-pass-1").username == "li"
    finally:
        _close(counter)


# --- read-only ------------------------------------------------------------------------------------


def test_a_read_only_database_still_asks_who_and_records_nothing(
    qtbot, ready_shop, ui_settings, cache
):
    from sqlalchemy import func, select

    from desktop_app.data.models import StaffEvent

    def events() -> int:
        database = open_database(ready_shop)
        try:
            with database.read() as session:
                return int(session.scalar(select(func.count()).select_from(StaffEvent)) or 0)
        finally:
            database.dispose()

    before = events()
    counter = open_counter(create_application(), ready_shop, ui_settings, read_only=True)
    counter.show()
    try:
        dialog = _sign_in_dialog(counter)
        form = dialog.form
        form.select("wang")
        form.password.setText("wrong-password")
        form.sign_in_button.click()
        qtbot.waitUntil(lambda: form.message.isVisible())
        assert form.message.text() == "wrong user name or password"
        form.password.setText(PASSWORD)
        with qtbot.waitSignal(counter.window_opened, timeout=10_000):
            form.sign_in_button.click()
        window = counter.window
        assert window is not None and window.read_only_banner.isVisible()
        assert not window.check_in_action.isEnabled()
        wait_idle(qtbot)
        assert window.model.rowCount() == 1
    finally:
        _close(counter)
    assert events() == before  # no sign-in, failure or sign-out recorded: nothing was written


def test_read_only_sign_in_counts_wrong_passwords_in_the_process(tmp_path, start_clock):
    url = f"sqlite:///{tmp_path}/counter.db"
    database = open_database(url)
    give_password(Services.build(database, start_clock), "manager")
    database.dispose()
    database = open_database(url, read_only=True)
    try:
        services = Services.build(database, start_clock)
        from desktop_app.domain.people import AccountLocked, NotSignedIn

        for _ in range(FAILURES_BEFORE_LOCK_OUT - 1):
            with pytest.raises(NotSignedIn):
                services.auth.sign_in("manager", "wrong-password")
        with pytest.raises(AccountLocked):
            services.auth.sign_in("manager", "wrong-password")
        with pytest.raises(AccountLocked):
            services.auth.sign_in("manager", PASSWORD)
        start_clock.advance(minutes=5, seconds=1)
        signed_in = services.auth.sign_in("manager", PASSWORD)
        assert signed_in.username == "manager"
        services.auth.sign_out(signed_in)  # nothing to record, and no error
        assert services.auth.sign_in("manager", PASSWORD).token != signed_in.token
    finally:
        database.dispose()


def test_the_sign_in_keys_enter_signs_in_escape_and_enter_on_cancel_cancel(qtbot):
    from PySide6.QtCore import Qt

    from desktop_app.domain.sign_in import UserSnapshot

    def dialog() -> tuple[SignInDialog, list[object]]:
        made = SignInDialog("店", [UserSnapshot(1, "manager", "店长", Role.MANAGER)])
        qtbot.addWidget(made)
        seen: list[object] = []
        made.form.submitted.connect(lambda user, password: seen.append((user, password)))
        made.form.submitted.connect(lambda *_typed: made.form.set_busy(True))  # as its owner
        made.rejected.connect(lambda: seen.append("cancelled"))
        made.show()
        qtbot.waitExposed(made)
        return made, seen

    typed, seen = dialog()
    typed.form.password.setText("guess")
    qtbot.keyClick(typed.form.password, Qt.Key.Key_Return)
    assert seen == [("manager", "guess")]
    on_cancel, seen = dialog()
    on_cancel.form.password.setText("guess")
    on_cancel.cancel_button.setFocus()
    qtbot.keyClick(on_cancel.cancel_button, Qt.Key.Key_Return)
    assert seen == ["cancelled"]  # not a sign-in with what the password box holds
    escaped, seen = dialog()
    qtbot.keyClick(escaped.form.password, Qt.Key.Key_Escape)
    assert seen == ["cancelled"]
