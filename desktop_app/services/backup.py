"""Backups: the automatic ones (SQLite, at the first start of a day and at quitting, rotated by
the shop's settings), a manager's Back up now and Restore (window and command line), and
pg_dump for a PostgreSQL database. The files themselves: data/backup.py."""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy.engine import make_url

from desktop_app.data import queries
from desktop_app.data.backup import (
    backup_folder,
    backup_name,
    clear_leftovers,
    info,
    is_backup_file,
    is_pg_dump_file,
    list_backups,
    pg_dump,
    restore_sqlite,
    rotate,
    write_backup,
    write_named_file,
    write_new_file,
)
from desktop_app.data.db import Database
from desktop_app.domain.backups import BackupInfo, BackupMade, BackupRefused, RestoreDone, Rotation
from desktop_app.domain.errors import ReadOnlyDatabase
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.text import N_, Verbatim
from desktop_app.services.common import Clock, local_now
from desktop_app.services.signins import SignIns

POSTGRES_RESTORE = N_(
    "a PostgreSQL database is restored with pg_restore, not from the counter: close every "
    "counter, then run pg_restore --clean --if-exists --dbname=DBNAME FILE (see the README, "
    "“Backup and restore”). Nothing was changed."
)
NO_FILE = N_(
    "this database is not kept in a file (a memory or file: URI database), so it has no "
    "backups here"
)


class BackupService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._now = clock
        self._signins = signins or SignIns("")

    # --- where -----------------------------------------------------------------------------------

    @property
    def is_sqlite(self) -> bool:
        return self._db.location.backend == "sqlite"

    def _file(self) -> Path:
        path = self._db.location.sqlite_file
        if path is None:
            raise BackupRefused(NO_FILE)
        return path

    def folder(self) -> Path:
        """Where this database's backups are kept (a folder per database)."""
        if self.is_sqlite:
            return backup_folder(self._file())
        url = make_url(self._db.location.engine_url)
        return backup_folder(Path(f"{url.host or 'local'}-{url.port or 5432}-{url.database}"))

    def _check(self, actor: Actor) -> None:
        with self._db.read() as session:
            self._signins.user(session, actor, Action.BACK_UP)

    def _rotation(self) -> Rotation:
        with self._db.read() as session:
            shop = queries.shop_snapshot(session)
        return Rotation(shop.backup_keep_daily, shop.backup_keep_weekly, shop.backup_keep_monthly)

    # --- making ----------------------------------------------------------------------------------

    def back_up(self, actor: Actor, output: str | None = None) -> BackupMade:
        """A manager's backup: into the backups folder, or to `output` (a new file, or a backup
        of ours that nobody changed since; anything else is refused, NotOurFile)."""
        self._check(actor)
        return self._make(output, automatic=False)

    def auto_backup(self, *, at_start: bool) -> BackupMade | None:
        """The automatic backup of a SQLite database: at a start only if none was made today
        (None then), at quitting always; then the rotation. Needs nobody signed in (the window
        makes it); a PostgreSQL database is the server's administrator's to back up."""
        if not self.is_sqlite or self._db.location.sqlite_file is None:
            return None
        folder = self.folder()
        today = self._now().date()
        if at_start and any(
            b.automatic and b.created_at.date() == today for b in list_backups(folder)
        ):
            return None
        made = self._make(None, automatic=True)
        rotate(folder, self._rotation())
        return made

    def _make(self, output: str | None, *, automatic: bool) -> BackupMade:
        try:
            return self._write(output, automatic=automatic)
        except OSError as error:  # a full disk, a folder that may not be written
            raise BackupRefused(
                N_("the backup could not be written ({detail}); no backup was made"),
                detail=Verbatim(error.strerror or error),
            ) from error

    def _write(self, output: str | None, *, automatic: bool) -> BackupMade:
        started = time.perf_counter()
        created_at = self._now()
        folder = self.folder()
        clear_leftovers(folder)
        if not self.is_sqlite:
            write = pg_dump(make_url(self._db.location.engine_url))
            name = backup_name(created_at, automatic=automatic)
            if output is not None:
                path = write_named_file(Path(output), write, is_pg_dump_file)
            else:
                path = write_new_file(folder, name, write, suffix=".dump")
            return BackupMade(str(path), path.stat().st_size, -1, time.perf_counter() - started)
        work = Path(output).absolute().parent if output is not None else folder
        # A file a person named goes into a folder that exists: a mistyped folder (a USB
        # stick not mounted) is refused, never made on the local disk in its place.
        manifest, write, clean_up = write_backup(
            self._file(),
            work,
            automatic=automatic,
            created_at=created_at,
            make_folder=output is None,
        )
        try:
            if output is not None:
                path = write_named_file(Path(output), write, is_backup_file)
            else:
                path = write_new_file(folder, backup_name(created_at, automatic=automatic), write)
        finally:
            clean_up()
        return BackupMade(
            str(path), path.stat().st_size, manifest.job_count, time.perf_counter() - started
        )

    # --- restoring -------------------------------------------------------------------------------

    def backups(self, actor: Actor) -> list[BackupInfo]:
        """This database's backups, newest first."""
        self._check(actor)
        return list_backups(self.folder())

    def describe(self, backup: str) -> BackupInfo:
        """What backup file `backup` holds; refused (BackupRefused) when it is not one this
        database can be restored from."""
        if not self.is_sqlite:
            raise BackupRefused(POSTGRES_RESTORE)
        return describe_file(backup)

    def restore(self, actor: Actor, backup: str) -> RestoreDone:
        """Puts `backup` in place of this database (SQLite), keeping the current one aside
        next to it. Refused with nothing changed when the file is not a backup of ours, is from
        a newer release, or is damaged. The actor's sign-in ends: the people and their
        passwords are now the backup's, so the counter signs in again."""
        if not self.is_sqlite:
            raise BackupRefused(POSTGRES_RESTORE)
        if self._db.read_only is not None:
            raise ReadOnlyDatabase(
                N_("the database is open read-only ({reason}): nothing can be changed"),
                reason=self._db.read_only,
            )
        self._check(actor)
        path = Path(backup)
        if not path.is_file():
            raise BackupRefused(N_("there is no file {path}"), path=Verbatim(path))
        try:
            manifest, aside = restore_sqlite(path, self._file(), self._now())
        except OSError as error:
            raise BackupRefused(
                N_("the backup could not be restored ({detail}); the database is unchanged"),
                detail=Verbatim(error.strerror or error),
            ) from error
        self._signins.revoke(actor)
        return RestoreDone(str(path), str(aside) if aside else None, manifest.job_count)


def describe_file(backup: str) -> BackupInfo:
    """What backup file `backup` holds; refused (BackupRefused) when there is no such file or
    it is not a backup this release can restore."""
    path = Path(backup)
    if not path.is_file():
        raise BackupRefused(N_("there is no file {path}"), path=Verbatim(path))
    return info(path)
