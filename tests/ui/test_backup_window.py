"""Back up now and Restore… in the window: a manager's only; the backup runs in the background
and says where it went; the restore lists the backups, asks first, keeps the current database
aside, and the counter reopens on the restored data from the sign-in. The day's first start
backs up automatically, and so does quitting."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog
from shiboken6 import isValid

from desktop_app.app import Counter, create_application, open_counter
from desktop_app.data.backup import read_manifest
from desktop_app.data.db import Database
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers import PASSWORD, give_password
from tests.ui.driving import run_modal, wait_idle

pytestmark = pytest.mark.usefixtures("backups_dir", "cheap_passwords")


@pytest.fixture
def shop_file(database: Database, services: Services) -> Path:
    DemoGenerator(database, seed=5, months=2).run(80, datetime(2026, 11, 25, 9, 0))
    give_password(services, "manager")
    database.dispose()
    assert database.location.sqlite_file is not None
    return database.location.sqlite_file


def sign_in(qtbot, counter: Counter) -> MainWindow:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: counter.services is not None, timeout=20_000)
    dialog = counter.dialog
    assert isinstance(dialog, SignInDialog)
    dialog.form.select("manager")
    dialog.form.password.setText(PASSWORD)
    with qtbot.waitSignal(counter.window_opened, timeout=20_000):
        dialog.form.sign_in_button.click()
    assert counter.window is not None
    wait_idle(qtbot)
    return counter.window


def close(counter: Counter) -> None:
    for widget in (counter.dialog, counter.window):
        if widget is not None and isValid(widget):
            widget.close()
    counter.dispose()


def count(path: Path, table: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        connection.close()


def backups(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.rcbackup"))


def test_a_clerk_sees_neither_back_up_nor_restore(window: MainWindow) -> None:
    assert not window.backup.back_up_action.isVisible()
    assert not window.backup.restore_action.isVisible()


def test_back_up_now_then_restore_reopens_the_counter_on_the_restored_data(
    qtbot, shop_file, ui_settings, backups_dir, said
) -> None:
    app = create_application()
    counter = open_counter(app, f"sqlite:///{shop_file}", ui_settings)
    try:
        counter.show()
        window = sign_in(qtbot, counter)
        automatic = backups(backups_dir)
        assert [p.name.endswith("-auto.rcbackup") for p in automatic] == [True]  # the day's first
        assert window.backup.back_up_action.isVisible()
        assert window.backup.back_up_action.isEnabled()
        assert window.backup.restore_action.isEnabled()
        window.backup.back_up_action.trigger()
        wait_idle(qtbot)
        [manual] = [p for p in backups(backups_dir) if p.name.endswith("-manual.rcbackup")]
        assert said[-1][0] == "info" and str(manual) in said[-1][1] and "KB" in said[-1][1]
        lines = count(shop_file, "job_lines")
        assert lines > 0
        connection = sqlite3.connect(shop_file)  # the day goes wrong
        with connection:
            connection.execute("DELETE FROM job_lines")
        connection.close()

        def choose_manual(dialog: RestoreDialog) -> None:
            assert isinstance(dialog, RestoreDialog)
            listed = [b.path for b in dialog.model.backups]
            assert str(manual) in listed and len(listed) == 2
            assert dialog.model.data(dialog.model.index(0, 2)) == "80"  # jobs
            dialog.table.selectRow(listed.index(str(manual)))
            dialog.restore_button.click()

        run_modal(qtbot, window.backup.restore_action.trigger, choose_manual)
        qtbot.waitUntil(lambda: isinstance(counter.dialog, SignInDialog), timeout=20_000)
        assert counter.window is None
        assert said[-1][0] == "info" and ".before-restore-" in said[-1][1]
        assert count(shop_file, "job_lines") == lines
        [aside] = [p for p in shop_file.parent.iterdir() if ".before-restore-" in p.name]
        assert count(aside, "job_lines") == 0
        window = sign_in(qtbot, counter)  # the counter again, on the restored data
        assert window.model.rowCount() > 0
    finally:
        close(counter)
    # Quitting backed up again; the rotation keeps one automatic backup a day, the newest.
    [kept] = [p for p in backups(backups_dir) if p.name.endswith("-auto.rcbackup")]
    assert read_manifest(kept).tables["job_lines"] == lines


def test_a_restore_not_confirmed_changes_nothing(
    qtbot, shop_file, ui_settings, backups_dir, said, monkeypatch
) -> None:
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, _text: False)
    app = create_application()
    counter = open_counter(app, f"sqlite:///{shop_file}", ui_settings)
    try:
        counter.show()
        window = sign_in(qtbot, counter)
        before = count(shop_file, "jobs")

        def choose_first(dialog: RestoreDialog) -> None:
            dialog.restore_button.click()

        run_modal(qtbot, window.backup.restore_action.trigger, choose_first)
        wait_idle(qtbot)
        assert counter.window is window and window.isVisible()
        assert count(shop_file, "jobs") == before
        assert not [p for p in shop_file.parent.iterdir() if ".before-restore-" in p.name]
    finally:
        close(counter)


def test_the_automatic_backups_can_be_turned_off_for_the_benchmarks(
    qtbot, shop_file, ui_settings, backups_dir, said, monkeypatch
) -> None:
    monkeypatch.setenv("REPAIR_COUNTER_AUTO_BACKUP", "0")
    app = create_application()
    counter = open_counter(app, f"sqlite:///{shop_file}", ui_settings)
    try:
        counter.show()
        sign_in(qtbot, counter)
    finally:
        close(counter)
    assert backups(backups_dir) == []


def test_quitting_says_it_is_backing_up_while_it_does(
    qtbot, shop_file, ui_settings, backups_dir, said, monkeypatch
) -> None:
    """The backup at quitting runs after the window is gone (seconds to minutes on a large
    database): a notice says so for as long as it runs, and is gone afterwards."""
    app = create_application()
    counter = open_counter(app, f"sqlite:///{shop_file}", ui_settings)
    shown: list[str] = []
    try:
        counter.show()
        sign_in(qtbot, counter)
        wait_idle(qtbot)
        assert counter.services is not None
        backup = counter.services.backup
        made: list[object] = []
        original = backup.auto_backup

        def watched(*, at_start: bool):  # type: ignore[no-untyped-def]
            shown.extend(
                widget.labelText()
                for widget in QApplication.topLevelWidgets()
                if isinstance(widget, QProgressDialog) and widget.isVisible()
            )
            made.append(original(at_start=at_start))
            return made[-1]

        monkeypatch.setattr(backup, "auto_backup", watched)
    finally:
        close(counter)
    assert shown == ["Backing up the database before closing…"]
    assert len(made) == 1 and made[0] is not None  # the backup was made meanwhile
    still = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    assert not [w for w in still if w.isVisible()]
