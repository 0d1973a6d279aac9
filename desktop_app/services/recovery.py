"""Restoring a SQLite database that nobody can sign in to: the one case where the backup's own
manager, not the current database's, says yes.

A restore is a manager's (services/backup.py), but the times a shop most needs one are the
times its database has no manager to ask: the file is damaged, empty or gone (a disk failure, a
new computer), or it is a new database that was never set up. Then the people who may restore
a backup are the backup's managers, whose passwords it holds: the person signs in against the
backup itself, and the database they restore is the one they are managers of. The file that
was there is moved aside whole (never written), and nothing happens while another counter has
it open.

A database that opens and has its people (or a sign-in to set up, over work already done) is
not this module's: it is restored by one of its own managers, as always.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from desktop_app.data.backup import backup_folder, list_backups, restore_unusable
from desktop_app.data.location import (
    CorruptDatabase,
    DatabaseLocation,
    DatabaseProblem,
    EmptyFile,
    NotOurDatabase,
    check_sqlite_file,
    peek,
)
from desktop_app.domain.backups import DAMAGED_BACKUP, BackupInfo, BackupRefused, RestoreDone
from desktop_app.domain.limits import is_lookup_text
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.roles import Action, Role, may
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.services.auth import WRONG_PASSWORD
from desktop_app.services.backup import describe_file
from desktop_app.services.passwords import Passwords

DAMAGED = N_("it is damaged ({detail})")
EMPTY = N_("it is an empty file (0 bytes)")
MISSING = N_("there is no database there yet")
NOT_SET_UP = N_("it was never set up: nobody can sign in to it")
UNREADABLE = N_("it no longer reads as a Repair Counter database, and its backups are here")
NOT_A_MANAGER = N_(
    "{username} is not a manager in this backup: only a manager of the backup may restore it; "
    "nothing was changed"
)
HAS_PEOPLE = N_(
    "{path} opens and its people can sign in: a manager of it restores the backup (Restore… "
    "in the window, or --user); nothing was changed"
)


def why_unusable(database_file: Path) -> Text | None:
    """Why nobody can sign in to the database in `database_file` (a manager of a backup may
    then restore it), or None when it opens and has its people (or work on it awaiting its
    manager's password). A file that is not ours, with no backups of ours for its place, is
    refused as the start refuses it (NotOurDatabase); a folder or an unreadable path too."""
    try:
        new = check_sqlite_file(database_file)
    except EmptyFile:
        return Text(EMPTY)
    except CorruptDatabase as error:
        params = dict(error.text.params) if error.text is not None else {}
        return Text(DAMAGED, detail=params.get("detail", Verbatim(error)))
    except NotOurDatabase:
        if list_backups(backup_folder(database_file)):
            return Text(UNREADABLE)
        raise
    if new:
        return Text(MISSING)
    return Text(NOT_SET_UP) if _never_set_up(database_file) else None


def recoverable(url: str) -> Path | None:
    """The database file at `url` when nobody can sign in to it (a manager of a backup may then
    restore one in its place); None otherwise: it opens and has its people, it is not a plain
    SQLite file (a PostgreSQL database, memory), or not ours."""
    location = DatabaseLocation.parse(url)
    path = location.sqlite_file if location.backend == "sqlite" and location.plain else None
    if path is None:
        return None
    try:
        return path if why_unusable(path) is not None else None
    except (DatabaseProblem, OSError):
        return None


def backups_of(database_file: Path) -> tuple[list[BackupInfo], Path]:
    """The backups of the database in `database_file`, newest first, and their folder."""
    folder = backup_folder(database_file)
    return list_backups(folder), folder


def _never_set_up(database_file: Path) -> bool:
    """No active person with a password and no job: the state in which the window asks for
    the shop's setup. (A revision from before sign-in, or anything unexpected: False, and the
    database is left to its own managers.)"""
    try:
        connection = peek(database_file)
        try:
            people = connection.execute(
                "SELECT count(*) FROM users WHERE active AND password_hash IS NOT NULL"
            ).fetchone()[0]
            work = connection.execute("SELECT EXISTS (SELECT 1 FROM jobs)").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return not people and not work


def describe(backup: str) -> BackupInfo:
    return describe_file(backup)


def restore_unusable_database(
    database_file: Path,
    backup: str,
    username: str,
    password: str,
    *,
    passwords: Passwords,
    now: datetime,
) -> RestoreDone:
    """Puts `backup` in place of the database in `database_file`, which nobody can sign in to
    (why_unusable), when `username` and `password` are a manager's in the backup. The file that
    was there is kept aside whole. Refused with nothing changed otherwise: HAS_PEOPLE for a
    database with its own managers, a wrong password, a backup that is not ours, newer or
    damaged, another counter with the file open."""
    path = Path(backup)
    if not path.is_file():
        raise BackupRefused(N_("there is no file {path}"), path=Verbatim(path))
    if why_unusable(database_file) is None:
        raise BackupRefused(HAS_PEOPLE, path=Verbatim(database_file))

    def check(copy: Path) -> None:
        _require_manager(copy, path, username, password, passwords)

    try:
        manifest, aside = restore_unusable(path, database_file, now, check=check)
    except OSError as error:
        raise BackupRefused(
            N_("the backup could not be restored ({detail}); the database is unchanged"),
            detail=Verbatim(error.strerror or error),
        ) from error
    return RestoreDone(str(path), str(aside) if aside else None, manifest.job_count)


def _require_manager(
    copy: Path, backup: Path, username: str, password: str, passwords: Passwords
) -> None:
    """`username` is an active manager of the database `copy` (unpacked from `backup`) and
    `password` is theirs."""
    row = None
    if is_lookup_text(username) and isinstance(username, str):
        try:
            connection = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro", uri=True)
            try:
                row = connection.execute(
                    "SELECT password_hash, role, active FROM users WHERE username = ?",
                    (username.strip(),),
                ).fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:  # its people cannot be read: not a backup to restore
            raise BackupRefused(
                DAMAGED_BACKUP, path=Verbatim(backup), detail=Verbatim(error)
            ) from error
    if row is not None and not (row[0] is None or (isinstance(row[0], str) and row[0].isascii())):
        # A hash of ours is ASCII text or nothing: a number or other text is not our backup's.
        raise BackupRefused(
            DAMAGED_BACKUP,
            path=Verbatim(backup),
            detail=Verbatim("a person's password is not stored as a password"),
        )
    if row is None or not row[2]:
        passwords.waste_time(password)
        raise NotSignedIn(WRONG_PASSWORD)
    if not passwords.verify(row[0], password):
        raise NotSignedIn(WRONG_PASSWORD)
    try:
        role = Role(row[1])
    except ValueError:
        role = None
    if role is None or not may(role, Action.BACK_UP):
        raise BackupRefused(NOT_A_MANAGER, username=Verbatim(username.strip()))
