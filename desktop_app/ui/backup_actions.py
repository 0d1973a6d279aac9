"""The window's Back up now and Restore… (a manager's; File menu). Every service call runs in
the background; a restore is confirmed first and, once done, `restored` carries the message to
show, and the counter (app.py) reopens on the restored data from the sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.domain.backups import BackupInfo, BackupMade, RestoreDone
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, may
from desktop_app.domain.text import Translator
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog, size_text
from desktop_app.ui.modal import exec_dialog

if TYPE_CHECKING:
    from desktop_app.services import Services


class BackupActions(QObject):
    # A restore is done: the message to show once the counter has reopened on it.
    restored = Signal(str)

    def __init__(
        self,
        window: QWidget,
        services: Callable[[], Services],
        user: Callable[[], Actor],
        translate: Translator,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._services = services
        self._user = user
        self._translate = translate
        self.back_up_action = QAction(window)
        self.back_up_action.setObjectName("back_up_action")
        self.back_up_action.triggered.connect(lambda _checked=False: self.back_up_now())
        self.restore_action = QAction(window)
        self.restore_action.setObjectName("restore_action")
        self.restore_action.triggered.connect(lambda _checked=False: self.open_restore())
        self.last_dialog: RestoreDialog | None = None
        self._working = False
        self._read_only = False

    def retranslate(self) -> None:
        self.back_up_action.setText(self.tr("&Back up now"))
        self.restore_action.setText(self.tr("&Restore…"))

    def set_ready(self, ready: bool, read_only: bool = False) -> None:
        """Shown to a manager only; Restore not on a database that can only be read."""
        allowed = may(self._user().role, Action.BACK_UP)
        self._read_only = read_only
        for action in (self.back_up_action, self.restore_action):
            action.setVisible(allowed)
        self.back_up_action.setEnabled(ready and allowed and not self._working)
        self.restore_action.setEnabled(ready and allowed and not self._working and not read_only)

    def _busy(self, working: bool) -> None:
        self._working = working
        self.set_ready(True, self._read_only)
        if working:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _failed(self, title: str) -> Callable[[Exception], None]:
        def failed(error: Exception) -> None:
            self._busy(False)
            prompts.error(self._window, title, failure_text(error, self._translate))

        return failed

    # --- back up now -----------------------------------------------------------------------------

    def back_up_now(self) -> None:
        services, user = self._services(), self._user()
        self._busy(True)

        def done(made: BackupMade) -> None:
            self._busy(False)
            prompts.info(
                self._window,
                self.tr("Backed up"),
                self.tr("The database is backed up to\n%1\n(%2).")
                .replace("%1", made.path)
                .replace("%2", size_text(made.size)),
            )

        background.run(
            lambda: services.backup.back_up(user),
            done=done,
            failed=self._failed(self.tr("No backup made")),
            owner=self._window,
        )

    # --- restore ---------------------------------------------------------------------------------

    def open_restore(self) -> None:
        services, user = self._services(), self._user()
        if not services.backup.is_sqlite:
            from desktop_app.services.backup import POSTGRES_RESTORE

            prompts.info(self._window, self.tr("Restore"), self._translate(POSTGRES_RESTORE))
            return

        def listed(found: tuple[list[BackupInfo], str]) -> None:
            self._choose(*found)

        background.run(
            lambda: (services.backup.backups(user), str(services.backup.folder())),
            done=listed,
            failed=self._failed(self.tr("Cannot list the backups")),
            owner=self._window,
        )

    def _choose(self, backups: list[BackupInfo], folder: str) -> None:
        dialog = RestoreDialog(backups, folder, self._window)
        self.last_dialog = dialog
        try:
            if not exec_dialog(dialog) or dialog.chosen() is None:
                return
            path = dialog.chosen()
        finally:
            self.last_dialog = None
            dialog.deleteLater()
        assert path is not None
        services = self._services()
        background.run(
            lambda: services.backup.describe(path),
            done=self._confirm,
            failed=self._failed(self.tr("Cannot restore")),
            owner=self._window,
        )

    def _confirm(self, backup: BackupInfo) -> None:
        question = (
            self.tr(
                "Replace the whole database with the backup taken %1 (%2 jobs)?\n\n"
                "The current database is kept aside next to it. Everyone signs in again "
                "afterwards; close the other counters on this database first."
            )
            .replace("%1", backup.created_at.strftime("%Y-%m-%d %H:%M"))
            .replace("%2", f"{backup.job_count:,}")
        )
        if not prompts.confirm(self._window, self.tr("Restore"), question):
            return
        services, user = self._services(), self._user()
        self._busy(True)

        def done(result: RestoreDone) -> None:
            self._busy(False)
            message = (
                self.tr("Restored the backup %1 (%2 jobs).")
                .replace("%1", result.restored)
                .replace("%2", f"{result.job_count:,}")
            )
            if result.kept_aside:
                message += "\n" + self.tr("The database it replaced is kept as %1.").replace(
                    "%1", result.kept_aside
                )
            self.restored.emit(message)

        background.run(
            lambda: services.backup.restore(user, backup.path),
            done=done,
            failed=self._failed(self.tr("Cannot restore")),
            owner=self._window,
        )
