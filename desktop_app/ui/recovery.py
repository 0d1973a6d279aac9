"""The window's way back when its SQLite database cannot be used (damaged, empty, gone) or was
never set up: a backup of it restored by a manager of the backup (services/recovery.py).

Offered where the counter stops on such a database (app.py) and from the first start's setup
("Restore a backup…", a new computer). The person picks a backup (this database's, newest
first, or any file), signs in with a manager's name and password from that backup, and the
backup takes the database's place; the file that was there is kept aside as it was.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop_app.domain.backups import BackupInfo, RestoreDone
from desktop_app.domain.errors import DomainError
from desktop_app.domain.limits import USERNAME
from desktop_app.domain.text import Translator
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind, FormDialog
from desktop_app.ui.dialogs.restore_dialog import RestoreDialog
from desktop_app.ui.modal import exec_dialog


def restore_in_place(
    parent: QWidget | None, database_file: Path, question: str | None, translate: Translator
) -> str | None:
    """Asks `question` first (None: the person asked for a restore already), then a backup and
    a manager of it; returns what to tell the person once the backup is in place, None when
    nothing was restored."""
    from desktop_app.services.recovery import backups_of, describe

    if question is not None and not prompts.confirm(
        parent, QCoreApplication.translate("recovery", "Restore a backup"), question
    ):
        return None
    while True:
        backups, folder = backups_of(database_file)
        dialog = RestoreDialog(backups, str(folder), parent)
        try:
            if not exec_dialog(dialog) or dialog.chosen() is None:
                return None
            chosen = dialog.chosen()
        finally:
            dialog.deleteLater()
        assert chosen is not None
        try:
            found = describe(chosen)
        except DomainError as error:
            prompts.error(
                parent,
                QCoreApplication.translate("recovery", "Cannot restore"),
                failure_text(error, translate),
            )
            continue
        done = _sign_in_and_restore(parent, database_file, found, translate)
        if done is not None:
            return restored_message(done)


def restored_message(done: RestoreDone) -> str:
    message = (
        QCoreApplication.translate("recovery", "Restored the backup %1 (%2 jobs).")
        .replace("%1", done.restored)
        .replace("%2", f"{done.job_count:,}")
    )
    if done.kept_aside:
        message += "\n" + QCoreApplication.translate(
            "recovery", "The file that was there is kept as %1."
        ).replace("%1", done.kept_aside)
    return (
        message
        + "\n"
        + QCoreApplication.translate(
            "recovery", "Sign in with a name and password from the backup."
        )
    )


def _sign_in_and_restore(
    parent: QWidget | None, database_file: Path, backup: BackupInfo, translate: Translator
) -> RestoreDone | None:
    """A manager of the backup signs in; the restore runs in the background, a refusal (a wrong
    password, another counter with the file open) is said in the form, kept as typed."""
    from desktop_app.services.passwords import Passwords
    from desktop_app.services.recovery import restore_unusable_database

    intro = (
        QCoreApplication.translate(
            "recovery",
            "The backup taken %1 (%2 jobs) takes the place of %3. The people and passwords "
            "are the backup's: sign in as a manager in the backup. The file there now is kept "
            "aside as it is.",
        )
        .replace("%1", backup.created_at.strftime("%Y-%m-%d %H:%M"))
        .replace("%2", f"{backup.job_count:,}")
        .replace("%3", str(database_file))
    )
    restored: list[RestoreDone] = []
    form = FormDialog(
        QCoreApplication.translate("recovery", "Restore a backup"),
        [
            Field(
                "username",
                QCoreApplication.translate("recovery", "Manager's user name"),
                required=True,
                max_length=USERNAME,
            ),
            Field(
                "password",
                QCoreApplication.translate("recovery", "Password"),
                FieldKind.PASSWORD,
                required=True,
            ),
        ],
        intro=intro,
        translate=translate,
        parent=parent,
    )
    form.setObjectName("recovery_sign_in")
    form.ok_button.setText(QCoreApplication.translate("recovery", "Restore"))

    def submit(values: object) -> None:
        assert isinstance(values, dict)
        username, password = str(values["username"]), str(values["password"])

        def done(result: RestoreDone) -> None:
            restored.append(result)
            form.succeeded()

        background.run(
            lambda: restore_unusable_database(
                database_file,
                backup.path,
                username,
                password,
                passwords=Passwords(),
                now=datetime.now(),
            ),
            done=done,
            failed=lambda error: form.show_refusal(failure_text(error, translate)),
            busy=form.show_busy,
            owner=form,
            sign_in=True,
        )

    form.set_submit(submit)
    try:
        exec_dialog(form)
    finally:
        form.deleteLater()
    return restored[0] if restored else None
