"""The window's way back when nobody can sign in to its database: the start stops on a damaged
file and offers its backups; the first start's setup offers "Restore a backup…" (a new
computer). A manager *of the backup* signs in; a refusal is said in the form with what was
typed kept; the counter then opens on the restored data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from shiboken6 import isValid

from desktop_app.app import (
    Counter,
    StartupProblem,
    create_application,
    open_counter,
    restore_instead,
)
from desktop_app.data.db import Database
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from tests.helpers import PASSWORD, damage_pages, give_password
from tests.ui.driving import run_modal
from tests.ui.test_backup_window import sign_in
from tests.unit.test_cli_backup import jobs

pytestmark = pytest.mark.usefixtures("backups_dir", "cheap_passwords")

JOBS = 60


@pytest.fixture
def backed_up_shop(database: Database, services: Services) -> tuple[Path, Path]:
    """A shop's database with jobs and its automatic backup (the day's first start made it)."""
    DemoGenerator(database, seed=9, months=2).run(JOBS, datetime(2026, 11, 25, 9, 0))
    give_password(services, "manager")
    made = services.backup.auto_backup(at_start=True)
    assert made is not None
    database.dispose()
    assert database.location.sqlite_file is not None
    return database.location.sqlite_file, Path(made.path)


def close(counter: Counter) -> None:
    for widget in (counter.dialog, counter.window):
        if widget is not None and isValid(widget):
            widget.close()
    counter.dispose()


def pick_the_newest(dialog: RestoreDialog) -> None:
    assert isinstance(dialog, RestoreDialog)
    assert dialog.model.rowCount() == 1
    assert dialog.model.data(dialog.model.index(0, 2)) == f"{JOBS}"
    dialog.restore_button.click()


def sign_in_as(username: str, password: str):  # type: ignore[no-untyped-def]
    def fill(form: FormDialog) -> None:
        assert isinstance(form, FormDialog) and form.objectName() == "recovery_sign_in"
        form.widgets["username"].setText(username)  # type: ignore[attr-defined]
        form.widgets["password"].setText(password)  # type: ignore[attr-defined]
        form.ok_button.click()

    return fill


def test_a_damaged_database_is_restored_from_its_backup_at_the_start(
    qtbot, backed_up_shop, ui_settings, said, monkeypatch
) -> None:
    path, _backup = backed_up_shop
    asked: list[str] = []
    monkeypatch.setattr(prompts, "confirm", lambda _p, _t, text: asked.append(text) or True)
    damage_pages(path)
    damaged = path.read_bytes()
    app = create_application()
    url = f"sqlite:///{path}"
    with pytest.raises(StartupProblem) as stopped:
        open_counter(app, url, ui_settings)
    restored: list[str | None] = []
    run_modal(
        qtbot,
        lambda: restored.append(restore_instead(app, url, stopped.value)),
        pick_the_newest,
        sign_in_as("manager", PASSWORD),
    )
    assert "damaged" in asked[0] and "Restore a backup in its place?" in asked[0]
    [message] = restored
    assert message is not None and ".before-restore-" in message
    [aside] = [p for p in path.parent.iterdir() if ".before-restore-" in p.name]
    assert aside.read_bytes() == damaged
    counter = open_counter(app, url, ui_settings)
    try:
        counter.show()
        window = sign_in(qtbot, counter)
        assert window.model.rowCount() > 0
    finally:
        close(counter)


def test_a_wrong_password_is_said_in_the_form_and_nothing_changes(
    qtbot, backed_up_shop, said, monkeypatch
) -> None:
    path, _backup = backed_up_shop
    damage_pages(path)
    damaged = path.read_bytes()
    app = create_application()
    problem = StartupProblem("Cannot open the database", "damaged")
    refusals: list[str] = []

    def refused_then_cancel(form: FormDialog) -> None:
        sign_in_as("manager", "not-the-password")(form)
        qtbot.waitUntil(lambda: form.error_label.isVisible(), timeout=20_000)
        refusals.append(form.error_label.text())
        username = form.widgets["username"]
        assert isinstance(username, QLineEdit) and username.text() == "manager"  # kept
        assert form.isVisible()
        form.reject()

    restored: list[str | None] = []
    run_modal(
        qtbot,
        lambda: restored.append(restore_instead(app, f"sqlite:///{path}", problem)),
        pick_the_newest,
        refused_then_cancel,
        lambda dialog: dialog.reject(),  # the list again: the person gives up
    )
    assert restored == [None]
    assert "wrong user name or password" in refusals[0]
    assert path.read_bytes() == damaged
    assert not [p for p in path.parent.iterdir() if ".before-restore-" in p.name]


def test_a_database_with_its_people_is_not_offered_a_restore_at_the_start(
    qtbot, backed_up_shop, said
) -> None:
    path, _backup = backed_up_shop
    app = create_application()
    problem = StartupProblem("Cannot open the database", "the server is away")
    assert restore_instead(app, f"sqlite:///{path}", problem) is None
    assert said == [("error", "the server is away")]


def test_the_first_start_on_a_new_computer_restores_the_shops_backup(
    qtbot, backed_up_shop, tmp_path, ui_settings, said
) -> None:
    _path, backup = backed_up_shop
    new = tmp_path / "new-computer" / "repair-counter.db"
    app = create_application()
    counter = open_counter(app, f"sqlite:///{new}", ui_settings)
    try:
        counter.show()
        setup = counter.dialog
        assert isinstance(setup, SetupDialog) and setup.restore_button.isVisible()

        def other_file(dialog: RestoreDialog) -> None:
            assert isinstance(dialog, RestoreDialog)
            assert dialog.model.rowCount() == 0  # no backups of this new file yet
            dialog.choose(str(backup))  # "Other file…": the shop's backup from a USB stick

        run_modal(qtbot, setup.restore_button.click, other_file, sign_in_as("manager", PASSWORD))
        qtbot.waitUntil(lambda: isinstance(counter.dialog, SignInDialog), timeout=20_000)
        assert said[-1][0] == "info" and f"({JOBS} jobs)" in said[-1][1]
        assert jobs(new) == JOBS
        window = sign_in(qtbot, counter)
        assert window.model.rowCount() > 0
    finally:
        close(counter)


def test_a_restore_given_up_at_the_setup_keeps_the_setup_as_typed(
    qtbot, tmp_path, ui_settings, said
) -> None:
    new = tmp_path / "new-computer" / "repair-counter.db"
    app = create_application()
    counter = open_counter(app, f"sqlite:///{new}", ui_settings)
    try:
        counter.show()
        setup = counter.dialog
        assert isinstance(setup, SetupDialog)
        setup.shop_name.setText("东城维修中心")
        run_modal(qtbot, setup.restore_button.click, lambda dialog: dialog.reject())
        assert counter.dialog is setup and setup.isVisible()
        assert setup.shop_name.text() == "东城维修中心"
        # The setup goes on, on the same (new) database.
        setup.address.setText("北京市东城区东四北大街1号")
        setup.hotline.setText("400-800-1234")
        setup.username.setText("boss")
        setup.display_name.setText("周建华")
        setup.password.setText(PASSWORD)
        setup.password_again.setText(PASSWORD)
        with qtbot.waitSignal(counter.window_opened, timeout=20_000):
            setup.ok_button.click()
        assert setup.error_label.text() == ""
        assert counter.window is not None and "东城维修中心" in counter.window.windowTitle()
    finally:
        close(counter)
