"""Issue 12: a manager manages the staff from the window (the Users dialog), the staff record
reads in words, the technicians offered for assignment are the active ones of the moment, "My
queue" is the signed-in technician's, and the shop sets how soon an idle counter locks."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop_app.domain import limits
from desktop_app.domain.actions import JobAction
from desktop_app.domain.people import Actor, NotSignedIn
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.services import Services
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.dialogs.users_dialog import UsersDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.staff_models import StaffRecordModel, StaffTableModel
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import PASSWORD, actor, add_user, check_in_form
from tests.ui.driving import run_modal, wait_idle

NEW_PASSWORD = "first-pass-7"


@pytest.fixture
def manager(services: Services) -> Actor:
    return actor(services)


@pytest.fixture
def dialog(qtbot, services: Services, manager: Actor) -> UsersDialog:
    shown = UsersDialog(services, manager, translate=text_translator())
    qtbot.addWidget(shown)
    shown.show()
    wait_idle(qtbot)
    return shown


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield
    finally:
        install_translator(qapp, "en")


def _cells(model, row: int) -> list[str]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def _row(dialog: UsersDialog, username: str) -> list[str]:
    row = dialog.staff_model.row_of(username)
    assert row >= 0, username
    return _cells(dialog.staff_model, row)


def _fill(form: FormDialog, **values: str) -> None:
    for name, value in values.items():
        widget = form.widgets[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(value)


def _saved(qtbot, **values: str) -> Callable[[FormDialog], None]:
    """A handler that fills the form, presses OK, and waits until it closed (saved)."""

    def handle(form: FormDialog) -> None:
        _fill(form, **values)
        form.ok_button.click()
        qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)

    return handle


def _refused(qtbot, seen: dict, **values: str) -> Callable[[FormDialog], None]:
    """A handler that fills the form, presses OK, waits for the refusal and notes what the form
    shows (marked fields, words, what stays typed), then cancels."""

    def handle(form: FormDialog) -> None:
        _fill(form, **values)
        form.ok_button.click()
        qtbot.waitUntil(lambda: form.error_label.isVisible() and not form.submitting)
        wait_idle(qtbot)
        seen["fields"] = form.problem_fields()
        seen["message"] = form.error_label.text()
        seen["values"] = form.values()
        seen["open"] = form.isVisible()
        form.reject()

    return handle


def _choose(dialog: UsersDialog, username: str) -> None:
    assert dialog.select(username)


def _add(qtbot, dialog: UsersDialog, username: str, name: str, role: Role) -> None:
    run_modal(
        qtbot,
        dialog.add_button.click,
        _saved(
            qtbot,
            username=username,
            display_name=name,
            role=role.value,
            password=NEW_PASSWORD,
            password_again=NEW_PASSWORD,
        ),
    )
    wait_idle(qtbot)


# --- the staff list -----------------------------------------------------------------------------


def test_the_list_shows_everyone_with_role_and_status_and_the_seeded_manager_in_words(
    qtbot, services, manager, clock
):
    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    gone = add_user(services, "zhao", "赵工", Role.TECHNICIAN)
    services.users.disable(manager, gone.id)
    services.users.add(manager, "chen", "陈静", Role.CLERK, NEW_PASSWORD)
    for _ in range(5):
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("li", "not-the-password")
    dialog = UsersDialog(services, manager, translate=text_translator())
    qtbot.addWidget(dialog)
    wait_idle(qtbot)
    assert _row(dialog, "manager") == ["Shop manager", "manager", "manager", "Active"]
    assert _row(dialog, "zhao") == ["赵工", "zhao", "technician", "Disabled"]
    assert _row(dialog, "chen")[3] == "Must change password at next sign-in"
    assert re.fullmatch(r"Locked until \d\d:\d\d", _row(dialog, "li")[3])


def test_the_models_pass_qt_model_checks(qtbot, qtmodeltester, dialog, services, manager):
    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    dialog.reload()
    wait_idle(qtbot)
    assert isinstance(dialog.staff_model, StaffTableModel)
    assert isinstance(dialog.record_model, StaffRecordModel)
    assert dialog.staff_model.rowCount() == 2 and dialog.record_model.rowCount() > 0
    qtmodeltester.check(dialog.staff_model)
    qtmodeltester.check(dialog.record_model)


# --- the changes ----------------------------------------------------------------------------------


def test_a_user_added_in_the_dialog_signs_in_and_must_change_the_password(qtbot, dialog, services):
    _add(qtbot, dialog, "xiaoli", "小李", Role.TECHNICIAN)
    assert _row(dialog, "xiaoli") == [
        "小李",
        "xiaoli",
        "technician",
        "Must change password at next sign-in",
    ]
    assert dialog.selected_member().user.username == "xiaoli"
    signed_in = services.auth.sign_in("xiaoli", NEW_PASSWORD)
    assert signed_in.role is Role.TECHNICIAN and signed_in.must_change_password
    changed = services.auth.change_password(signed_in, NEW_PASSWORD, "my-own-pass", "my-own-pass")
    assert not changed.must_change_password


def test_the_add_form_says_the_first_password_must_be_changed(qtbot, dialog):
    seen: dict = {}

    def look(form: FormDialog) -> None:
        seen["text"] = " ".join(
            label.text() for label in form.findChildren(type(form.error_label)) if label.text()
        )
        seen["echo"] = form.widgets["password"].echoMode()
        form.reject()

    run_modal(qtbot, dialog.add_button.click, look)
    assert "must choose a password of their own when they first sign in" in seen["text"]
    assert seen["echo"] == QLineEdit.EchoMode.Password


def test_change_role(qtbot, dialog, services):
    add_user(services, "wang", "王晓红", Role.CLERK)
    dialog.reload()
    wait_idle(qtbot)
    _choose(dialog, "wang")
    run_modal(qtbot, dialog.role_button.click, _saved(qtbot, role=Role.TECHNICIAN.value))
    assert services.users.by_username("wang").role is Role.TECHNICIAN
    assert _row(dialog, "wang")[2] == "technician"
    assert services.auth.sign_in("wang", PASSWORD).role is Role.TECHNICIAN


def test_disable_then_they_cannot_sign_in_then_enable(qtbot, dialog, services):
    clerk = add_user(services, "wang", "王晓红", Role.CLERK)
    dialog.reload()
    wait_idle(qtbot)
    _choose(dialog, "wang")
    assert dialog.disable_button.isEnabled() and not dialog.enable_button.isEnabled()
    run_modal(qtbot, dialog.disable_button.click, _saved(qtbot))
    assert _row(dialog, "wang")[3] == "Disabled"
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("wang", PASSWORD)
    with pytest.raises(NotSignedIn):  # the window they had open: signed out at its next action
        services.auth.check(clerk)
    assert dialog.enable_button.isEnabled() and not dialog.disable_button.isEnabled()

    dialog.enable_button.click()  # asks nothing
    wait_idle(qtbot)
    assert _row(dialog, "wang")[3] == "Active"
    assert services.auth.sign_in("wang", PASSWORD).username == "wang"


def test_reset_password(qtbot, dialog, services):
    add_user(services, "wang", "王晓红", Role.CLERK)
    dialog.reload()
    wait_idle(qtbot)
    _choose(dialog, "wang")
    run_modal(
        qtbot,
        dialog.reset_button.click,
        _saved(qtbot, password="temporary-9", password_again="temporary-9"),
    )
    assert _row(dialog, "wang")[3] == "Must change password at next sign-in"
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("wang", PASSWORD)
    assert services.auth.sign_in("wang", "temporary-9").must_change_password


def test_the_last_manager_is_refused_in_the_services_words(qtbot, dialog, services):
    _choose(dialog, "manager")
    seen: dict = {}
    run_modal(qtbot, dialog.disable_button.click, _refused(qtbot, seen))
    assert "last active manager" in seen["message"] and "Shop manager" in seen["message"]
    assert seen["open"]
    run_modal(qtbot, dialog.role_button.click, _refused(qtbot, seen, role=Role.CLERK.value))
    assert "last active manager" in seen["message"]
    assert seen["values"]["role"] == Role.CLERK.value  # the choice made stays
    manager = services.users.by_username("manager")
    assert manager.active and manager.role is Role.MANAGER

    # With a second manager the first may step down.
    add_user(services, "wang", "王晓红", Role.MANAGER)
    dialog.reload()
    wait_idle(qtbot)
    _choose(dialog, "wang")
    run_modal(qtbot, dialog.disable_button.click, _saved(qtbot))
    assert services.users.by_username("wang") not in services.users.list()


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        (
            {"password": "short", "password_again": "short"},
            "password",
            "at least 8 characters",
        ),
        (
            {"password": "long-enough-1", "password_again": "long-enough-2"},
            "password_again",
            "must be the same password",
        ),
        ({"username": "manager"}, "username", "manager is already taken"),
        ({"username": "two words"}, "username", "must not contain spaces"),
    ],
)
def test_bad_input_marks_the_field_and_keeps_what_was_typed(
    qtbot, dialog, services, values, field, words
):
    typed = {
        "username": "xiaoli",
        "display_name": "小李",
        "role": Role.TECHNICIAN.value,
        "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD,
        **values,
    }
    seen: dict = {}
    run_modal(qtbot, dialog.add_button.click, _refused(qtbot, seen, **typed))
    assert seen["fields"] == {field}
    assert words in seen["message"]
    assert seen["values"] == typed
    assert services.users.by_username(typed["username"]) is None or typed["username"] == "manager"
    assert dialog.staff_model.rowCount() == 1


def test_a_user_name_at_the_limit_is_taken_and_typing_stops_there(qtbot, dialog, services):
    longest = "u" * limits.USERNAME
    seen: dict = {}

    def type_past_the_limit(form: FormDialog) -> None:
        field = form.widgets["username"]
        qtbot.keyClicks(field, longest + "xyz")
        seen["typed"] = field.text()
        _saved(
            qtbot,
            display_name="长名",
            password=NEW_PASSWORD,
            password_again=NEW_PASSWORD,
        )(form)

    run_modal(qtbot, dialog.add_button.click, type_past_the_limit)
    assert seen["typed"] == longest
    assert services.auth.sign_in(longest, NEW_PASSWORD).username == longest


def test_a_name_past_the_limit_is_refused_by_the_service_in_words(qtbot, dialog, services):
    """The form stops typing at the limit; a longer name arriving anyway (pasted into a field
    without one) is the service's to refuse, and the form says so against the field."""
    seen: dict = {}

    def paste_too_long(form: FormDialog) -> None:
        form.widgets["username"].setMaxLength(limits.USERNAME + 10)
        _refused(
            qtbot,
            seen,
            username="u" * (limits.USERNAME + 1),
            display_name="长名",
            password=NEW_PASSWORD,
            password_again=NEW_PASSWORD,
        )(form)

    run_modal(qtbot, dialog.add_button.click, paste_too_long)
    assert seen["fields"] == {"username"}
    assert f"at most {limits.USERNAME} characters" in seen["message"]
    assert seen["values"]["username"] == "u" * (limits.USERNAME + 1)


def test_a_manager_no_longer_a_manager_is_told_so(qtbot, dialog, services, manager):
    """The dialog was opened by a manager another manager has since demoted: the service
    refuses and its words show; nothing changes."""
    other = add_user(services, "wang", "王晓红", Role.MANAGER)
    services.users.change_role(other, manager.id, Role.CLERK)
    seen: dict = {}
    run_modal(
        qtbot,
        dialog.add_button.click,
        _refused(
            qtbot,
            seen,
            username="xiaoli",
            display_name="小李",
            password=NEW_PASSWORD,
            password_again=NEW_PASSWORD,
        ),
    )
    assert "may not" in seen["message"]
    assert services.users.by_username("xiaoli") is None


# --- the window's action --------------------------------------------------------------------------


def _window(qtbot, services, ui_settings, clock, who: Actor) -> MainWindow:
    main = MainWindow(services, who, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
def test_a_clerk_or_technician_gets_no_users_action(qtbot, services, ui_settings, clock, role):
    who = add_user(services, "staff", "员工", role)
    main = _window(qtbot, services, ui_settings, clock, who)
    assert not main.users_action.isEnabled()
    assert not main.users_action.isVisible()


def test_the_manager_opens_the_users_dialog_from_the_menu(
    qtbot, services, ui_settings, clock, manager
):
    main = _window(qtbot, services, ui_settings, clock, manager)
    assert main.users_action.isEnabled() and main.users_action.isVisible()
    assert main.users_action in main.tools_menu.actions()
    seen: dict = {}

    def look(users: UsersDialog) -> None:
        wait_idle(qtbot)
        seen["names"] = [
            users.staff_model.index(row, 0).data() for row in range(users.staff_model.rowCount())
        ]
        users.reject()

    run_modal(qtbot, main.users_action.trigger, look)
    assert seen["names"] == ["Shop manager"]


# --- the staff record ---------------------------------------------------------------------------


def test_the_staff_record_reads_in_chinese_words(qtbot, services, manager, chinese):
    wang = add_user(services, "wang", "王晓红", Role.CLERK)
    services.users.change_role(manager, wang.id, Role.TECHNICIAN)
    services.users.disable(manager, wang.id)
    services.users.enable(manager, wang.id)
    services.users.reset_password(manager, wang.id, "temporary-9")
    for _ in range(5):
        with pytest.raises(NotSignedIn):
            services.auth.sign_in("wang", "not-the-password")
    with pytest.raises(NotSignedIn):
        services.auth.sign_in("nobody", "whatever-1")
    dialog = UsersDialog(services, manager, translate=text_translator())
    qtbot.addWidget(dialog)
    dialog.show_record()
    wait_idle(qtbot)
    model = dialog.record_model
    rows = [_cells(model, row) for row in range(model.rowCount())]
    kinds = {model.entry(row).kind for row in range(model.rowCount())}
    assert {
        StaffEventKind.USER_ADDED,
        StaffEventKind.ROLE_CHANGED,
        StaffEventKind.USER_DISABLED,
        StaffEventKind.USER_ENABLED,
        StaffEventKind.PASSWORD_RESET,
        StaffEventKind.SIGN_IN_FAILED,
        StaffEventKind.LOCKED_OUT,
        StaffEventKind.SIGNED_IN,
    } <= kinds
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    shown = " ".join(headers + [cell for row in rows for cell in row])
    # Every word is Chinese: no English, no stored key, no JSON; the workstation is as named.
    english = set(re.findall(r"[A-Za-z_]+", shown.replace("test-counter", "")))
    assert not english, english
    assert "{" not in shown and '"' not in shown
    assert "店长" in shown  # the seeded manager, in the reader's language
    assert any("维修技师" in row[5] and "接待员" in row[5] for row in rows), rows  # role from/to
    assert any("锁定" in row[5] and re.search(r"\d\d:\d\d", row[5]) for row in rows)


def test_the_users_dialog_in_chinese_has_no_english(qtbot, services, manager, chinese):
    add_user(services, "li", "李师傅", Role.TECHNICIAN)
    services.users.add(manager, "chen", "陈静", Role.CLERK, NEW_PASSWORD)
    dialog = UsersDialog(services, manager, translate=text_translator())
    qtbot.addWidget(dialog)
    wait_idle(qtbot)
    model = dialog.staff_model
    texts = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    texts += [cell for row in range(model.rowCount()) for cell in _cells(model, row)[:1]]
    texts += [cell for row in range(model.rowCount()) for cell in _cells(model, row)[2:]]
    texts += [button.text() for button in dialog.action_buttons]
    texts += [dialog.windowTitle(), dialog.tabs.tabText(0), dialog.tabs.tabText(1)]
    english = set(re.findall(r"[A-Za-z]+", " ".join(texts)))
    assert not english, english


# --- assignment and "My queue" --------------------------------------------------------------------


def _assignable(qtbot, main: MainWindow, services: Services, job_id: int) -> list[str]:
    controller = main.controller
    assert controller is not None
    view = controller.make_dialog(services.jobs.get(job_id))
    qtbot.addWidget(view)
    seen: list[str] = []

    def look(form: FormDialog) -> None:
        combo = form.widgets["technician"]
        assert isinstance(combo, QComboBox)
        seen.extend(combo.itemText(i) for i in range(combo.count()))
        form.reject()

    run_modal(qtbot, lambda: controller.perform(view, JobAction.ASSIGN), look)
    view.close()
    return seen


def test_the_technicians_offered_for_assignment_follow_the_staff_without_a_restart(
    qtbot, services, ui_settings, clock, manager
):
    main = _window(qtbot, services, ui_settings, clock, manager)
    job = services.jobs.check_in(check_in_form(), manager)
    assert "李师傅" not in _assignable(qtbot, main, services, job.id)

    li = add_user(services, "li", "李师傅", Role.TECHNICIAN)
    add_user(services, "wang", "王晓红", Role.CLERK)
    offered = _assignable(qtbot, main, services, job.id)
    assert "李师傅" in offered and "王晓红" not in offered

    services.users.disable(manager, li.id)
    assert "李师傅" not in _assignable(qtbot, main, services, job.id)


def test_my_queue_is_the_signed_in_technicians(qtbot, services, ui_settings, clock, manager):
    li = add_user(services, "li", "李师傅", Role.TECHNICIAN)
    zhao = add_user(services, "zhao", "赵工", Role.TECHNICIAN)
    mine = services.jobs.assign(services.jobs.check_in(check_in_form(), manager).id, li.id, manager)
    services.jobs.assign(services.jobs.check_in(check_in_form(), manager).id, zhao.id, manager)
    services.jobs.assign(services.jobs.check_in(check_in_form(), manager).id, manager.id, manager)
    main = _window(qtbot, services, ui_settings, clock, li)
    queue = main.clock_panel.models["mine"]
    assert [queue.row_of(row).id for row in range(queue.rowCount())] == [mine.id]


# --- the idle lock's minutes ---------------------------------------------------------------------


def test_the_manager_sets_the_idle_lock_minutes_in_the_settings(
    qtbot, services, ui_settings, clock, manager
):
    assert services.shop.settings().idle_lock_minutes == 10
    main = _window(qtbot, services, ui_settings, clock, manager)

    def set_minutes(settings: SettingsDialog) -> None:
        assert settings.idle_lock.value() == 10
        assert (settings.idle_lock.minimum(), settings.idle_lock.maximum()) == (1, 240)
        settings.idle_lock.setValue(25)
        settings.accept()
        qtbot.waitUntil(lambda: not settings.isVisible(), timeout=10_000)

    run_modal(qtbot, main.settings_action.trigger, set_minutes)
    assert services.shop.settings().idle_lock_minutes == 25

    # Saving the other settings keeps it.
    def change_name(settings: SettingsDialog) -> None:
        assert settings.idle_lock.value() == 25
        settings.name.setText("新店名")
        settings.accept()
        qtbot.waitUntil(lambda: not settings.isVisible(), timeout=10_000)

    run_modal(qtbot, main.settings_action.trigger, change_name)
    assert services.shop.settings().idle_lock_minutes == 25


def test_the_idle_lock_field_stays_within_its_limits(qtbot, services):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    dialog.idle_lock.setValue(0)
    assert dialog.result_settings().idle_lock_minutes == 1
    dialog.idle_lock.setValue(1000)
    assert dialog.result_settings().idle_lock_minutes == 240
