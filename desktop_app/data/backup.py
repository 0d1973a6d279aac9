"""Backup files of a SQLite database, and putting one back; pg_dump for PostgreSQL.

A backup file is ours and says so before anything else:

    REPAIR-COUNTER-BACKUP\\n          the mark (a file without it is never restored nor deleted)
    {"app": "repair-counter", ...}\\n  the manifest, one line of JSON: format, schema revision,
                                      taken at, job count, rows per table, the database's size
                                      and SHA-256
    gzip stream                       the database file, as SQLite's online backup API copied it

The copy is taken with the backup API in one step (a consistent snapshot while another counter
writes: WAL readers do not block writers), checked with PRAGMA integrity_check, then compressed
into a temporary file beside the final name and linked into place, so a crash or a kill leaves
no half file under a backup's name and an existing file is never replaced.

A restore reads the manifest first (not ours, a newer revision: refused, nothing changed),
decompresses into a temporary file beside the database and checks it against the manifest's
size and SHA-256 (a truncated or damaged file: refused, nothing changed), keeps the current
database aside under a new name next to it (a consistent copy, again by the backup API), then
copies the backup into the live file with the backup API: one write transaction under SQLite's
own locks, so a second counter with the file open waits for it and then reads the restored data
(its stale views are refused by the job versions), never a half-written file.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import logging
import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import platformdirs

from desktop_app.data.location import (
    APP_NAME,
    SQLITE_APPLICATION_ID,
    known_revisions,
)
from desktop_app.domain.backups import (
    DAMAGED_BACKUP,
    NEWER_BACKUP,
    NOT_A_BACKUP,
    BackupInfo,
    BackupRefused,
    Rotation,
    backups_to_keep,
)
from desktop_app.domain.errors import NotOurFile
from desktop_app.domain.text import N_, Verbatim

log = logging.getLogger(__name__)

MAGIC = b"REPAIR-COUNTER-BACKUP\n"
FORMAT = 1
SUFFIX = ".rcbackup"
# Where the backups go: a folder under the user data folder, unless this names another (tests).
ENV_BACKUP_DIR = "REPAIR_COUNTER_BACKUP_DIR"
_MANIFEST_LIMIT = 1 << 20  # bytes: a manifest line is a few hundred; more is not ours
_BLOCK = 1 << 20
# gzip level 3: within 10 % of level 6's size on our databases at about half the time.
COMPRESS_LEVEL = 3
BUSY_TIMEOUT_S = 15.0
PG_DUMP_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class Manifest:
    revision: str
    created_at: datetime
    automatic: bool
    job_count: int
    tables: dict[str, int]
    size: int
    sha256: str

    def as_json(self) -> dict[str, Any]:
        return {
            "app": APP_NAME,
            "format": FORMAT,
            "revision": self.revision,
            "created_at": self.created_at.isoformat(timespec="seconds"),
            "automatic": self.automatic,
            "job_count": self.job_count,
            "tables": self.tables,
            "size": self.size,
            "sha256": self.sha256,
            "compression": "gzip",
        }


# --- where backups live -------------------------------------------------------------------------


def backups_root() -> Path:
    named = os.environ.get(ENV_BACKUP_DIR, "").strip()
    if named:
        return Path(named)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "backups"


def backup_folder(database_file: Path) -> Path:
    """Each database's backups in a folder of their own: its file name and a short hash of its
    full path (two shops' files of the same name never share a rotation)."""
    resolved = str(database_file.expanduser().absolute())
    tag = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:8]
    return backups_root() / f"{database_file.stem}-{tag}"


# --- making a backup ----------------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
    return connection


def _copy_pages(reader: sqlite3.Connection, writer: sqlite3.Connection) -> None:
    """SQLite's backup API, all pages in one step. Python's loop would retry a busy database
    for ever (another counter holding the write lock); this one gives up after the busy
    timeout, and the step that failed changed nothing."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S

    def give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
        busy = status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        if busy and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    reader.backup(writer, pages=-1, progress=give_up_when_busy)


def _snapshot(source: Path, copy: Path) -> None:
    """The whole database as of one moment, by SQLite's online backup API in one step."""
    if not source.is_file():
        raise BackupRefused(
            N_("there is no database file {path} to back up"), path=Verbatim(source)
        )
    reader = _connect(source)
    try:
        writer = sqlite3.connect(str(copy), isolation_level=None)
        try:
            _copy_pages(reader, writer)
            # The copy is one file (no -wal to go with it); restored into a database in WAL
            # mode, the backup API keeps that database in WAL mode.
            writer.execute("PRAGMA journal_mode = DELETE")
        finally:
            writer.close()
    finally:
        reader.close()


def _describe(copy: Path, *, automatic: bool, created_at: datetime) -> Manifest:
    """Checks the copy (integrity_check, ours, a revision this release knows) and counts it."""
    connection = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro", uri=True)
    try:
        found = [row[0] for row in connection.execute("PRAGMA integrity_check(5)")]
        if found != ["ok"]:
            raise BackupRefused(
                N_(
                    "the database failed its integrity check ({detail}); no backup was made. "
                    "Keep the last good backup."
                ),
                detail=Verbatim("; ".join(" ".join(str(line).split()) for line in found)),
            )
        if connection.execute("PRAGMA application_id").fetchone()[0] != SQLITE_APPLICATION_ID:
            raise BackupRefused(N_("the database is not a Repair Counter database"))
        revision = str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables = {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in names
        }
    finally:
        connection.close()
    return Manifest(
        revision=revision,
        created_at=created_at,
        automatic=automatic,
        job_count=tables.get("jobs", 0),
        tables=tables,
        size=copy.stat().st_size,
        sha256=_file_sha256(copy),
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def write_backup(
    source: Path,
    work_folder: Path,
    *,
    automatic: bool,
    created_at: datetime,
    make_folder: bool = True,
) -> tuple[Manifest, Callable[[BinaryIO], None], Callable[[], None]]:
    """Takes and checks the snapshot (in a temporary file in `work_folder`, made when missing
    unless `make_folder` is False: the folder of a file a person named must exist); returns
    its manifest, the writer of the backup file's bytes, and the clean-up to call afterwards."""
    if make_folder:
        work_folder.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=".snapshot-", suffix=".tmp", dir=work_folder)
    os.close(descriptor)
    copy = Path(name)

    def clean_up() -> None:
        for leftover in (copy, Path(f"{copy}-journal"), Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)

    try:
        _snapshot(source, copy)
        manifest = _describe(copy, automatic=automatic, created_at=created_at)
    except sqlite3.Error as error:
        clean_up()
        raise BackupRefused(
            N_("the database could not be copied ({detail}); no backup was made"),
            detail=Verbatim(error),
        ) from error
    except BaseException:
        clean_up()
        raise

    def write(out: BinaryIO) -> None:
        out.write(MAGIC)
        out.write(json.dumps(manifest.as_json(), ensure_ascii=True).encode("ascii") + b"\n")
        with (
            gzip.GzipFile(fileobj=out, mode="wb", compresslevel=COMPRESS_LEVEL, mtime=0) as packed,
            copy.open("rb") as raw,
        ):
            shutil.copyfileobj(raw, packed, _BLOCK)

    return manifest, write, clean_up


def write_new_file(
    folder: Path, stem: str, write: Callable[[BinaryIO], None], suffix: str = SUFFIX
) -> Path:
    """Writes a new file `stem`.rcbackup in `folder` (stem-2, -3… if taken), through a temporary
    file linked into place: never a half file under the name, never over an existing file."""
    folder.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(prefix=".partial-", suffix=".tmp", dir=folder)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o600)  # a whole database: the customers' phone numbers
        for attempt in range(1, 100):
            target = folder / (f"{stem}{suffix}" if attempt == 1 else f"{stem}-{attempt}{suffix}")
            try:
                os.link(temporary, target)
                return target
            except FileExistsError:
                continue
        raise FileExistsError(folder / f"{stem}{suffix}")
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def write_named_file(
    target: Path, write: Callable[[BinaryIO], None], is_ours: Callable[[Path], bool]
) -> Path:
    """Writes the file a person named (-o): a new file, or one that is already a backup of
    ours (`is_ours`: our mark); anything else there is refused (NotOurFile), before writing
    and again at the moment it is moved into place. Written beside it and then moved, so the
    name never holds half a backup."""
    target = target.absolute()
    _refuse_unless_ours(target, is_ours)
    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, target)
            return target
        except FileExistsError:
            _refuse_unless_ours(target, is_ours)  # made meanwhile: whose is it?
            os.replace(temporary, target)
            return target
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)


def _refuse_unless_ours(target: Path, is_ours: Callable[[Path], bool]) -> None:
    if not os.path.lexists(target):
        return
    if target.is_symlink() or not target.is_file() or not is_ours(target):
        raise NotOurFile(str(target))


def backup_name(created_at: datetime, *, automatic: bool) -> str:
    return f"{created_at:%Y%m%d-%H%M%S}-{'auto' if automatic else 'manual'}"


_LEFTOVERS = (".partial-*.tmp", ".snapshot-*.tmp*", ".restore-*.tmp*")


def clear_leftovers(
    folder: Path, older_than_s: float = 3600.0, *, patterns: tuple[str, ...] = _LEFTOVERS
) -> None:
    """Temporary files of a backup or restore killed halfway (ours by their names), an hour
    old or more (a younger one may be another counter's backup under way)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - older_than_s
    for pattern in patterns:
        for leftover in folder.glob(pattern):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


@functools.cache
def _known_revisions() -> frozenset[str]:
    """The migrations of this installation (they do not change while it runs)."""
    return frozenset(known_revisions())


# --- reading a backup ---------------------------------------------------------------------------


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup this release can restore; BackupRefused otherwise (not ours, a
    newer revision or format, or a manifest that does not read)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(MAGIC))
            line = stream.readline(_MANIFEST_LIMIT)
    except OSError as error:
        raise BackupRefused(
            DAMAGED_BACKUP, path=Verbatim(path), detail=Verbatim(error.strerror or error)
        ) from error
    if head != MAGIC:
        raise BackupRefused(NOT_A_BACKUP, path=Verbatim(path))
    try:
        found = json.loads(line.decode("ascii"))
        if not isinstance(found, dict) or found.get("app") != APP_NAME:
            raise BackupRefused(NOT_A_BACKUP, path=Verbatim(path))
        revision = str(found["revision"])
        known = _known_revisions()
        if int(found["format"]) > FORMAT or (revision not in known and revision > max(known)):
            raise BackupRefused(
                NEWER_BACKUP,
                path=Verbatim(path),
                revision=Verbatim(revision),
                known=Verbatim(max(known)),
            )
        if revision not in known:
            raise ValueError(f"unknown revision {revision}")
        tables = {str(name): _count(rows) for name, rows in dict(found["tables"]).items()}
        created_at = datetime.fromisoformat(str(found["created_at"]))
        if created_at.tzinfo is not None:
            # Ours are local times without an offset; one with an offset cannot be ordered
            # among them (the listing and the rotation compare them).
            raise ValueError("created_at with a time zone")
        return Manifest(
            revision=revision,
            created_at=created_at,
            automatic=found["automatic"] is True,
            job_count=_count(found["job_count"]),
            tables=tables,
            size=_count(found["size"]),
            sha256=str(found["sha256"]),
        )
    except (
        ValueError,
        KeyError,
        TypeError,
        UnicodeDecodeError,
        OverflowError,  # 1e400: a float that no int holds
        RecursionError,  # [[[[…]]]]: JSON nested past what the decoder follows
    ) as error:
        raise BackupRefused(
            DAMAGED_BACKUP, path=Verbatim(path), detail=Verbatim("manifest unreadable")
        ) from error


def _count(value: object) -> int:
    """A count or a size in a manifest: a whole number, not negative (ours are written so)."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"not a count: {value!r}")
    return value


def is_backup_file(path: Path) -> bool:
    """Whether `path` starts with our mark (-o may replace only such a file)."""
    try:
        with path.open("rb") as stream:
            return stream.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def info(path: Path) -> BackupInfo:
    manifest = read_manifest(path)
    return BackupInfo(
        path=str(path),
        created_at=manifest.created_at,
        size=path.stat().st_size,
        job_count=manifest.job_count,
        revision=manifest.revision,
        automatic=manifest.automatic,
    )


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first; files that are not ours are left out."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        with contextlib.suppress(BackupRefused, OSError):
            found.append(info(path))
    return sorted(found, key=lambda backup: (backup.created_at, backup.path), reverse=True)


def rotate(folder: Path, rotation: Rotation) -> list[Path]:
    """Deletes the automatic backups the rotation does not keep; returns them. Backups asked
    for (Back up now, the command) and every file not ours are left alone."""
    automatic = [b for b in list_backups(folder) if b.automatic]
    kept = backups_to_keep([b.created_at for b in automatic], rotation)
    deleted = []
    for backup in automatic:  # newest first; of two taken in the same second, one is kept
        if backup.created_at in kept:
            kept.discard(backup.created_at)
            continue
        path = Path(backup.path)
        with contextlib.suppress(OSError):
            path.unlink()
            deleted.append(path)
    return deleted


class _NotWritten(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.error = error


@contextlib.contextmanager
def unpacked(path: Path, manifest: Manifest, folder: Path) -> Iterator[Path]:
    """The database in backup `path` as a temporary file in `folder`, checked against the
    manifest; BackupRefused (and nothing left behind) when it is truncated or damaged. The
    folders it had to make go again when nothing was put in them (a restore refused)."""
    made = _make_folders(folder)
    try:
        descriptor, name = tempfile.mkstemp(prefix=".restore-", suffix=".tmp", dir=folder)
    except BaseException:
        _remove_empty(made)
        raise
    temporary = Path(name)
    try:
        digest = hashlib.sha256()
        try:
            with path.open("rb") as stream, os.fdopen(descriptor, "wb") as out:
                stream.read(len(MAGIC))
                stream.readline(_MANIFEST_LIMIT)
                with gzip.GzipFile(fileobj=stream, mode="rb") as packed:
                    written = 0
                    # Never more than the manifest says plus one block: a file that inflates
                    # past it (a gzip bomb) is refused before it fills the disk.
                    while written <= manifest.size:
                        block = packed.read(_BLOCK)
                        if not block:
                            break
                        written += len(block)
                        digest.update(block)
                        try:
                            out.write(block)
                        except OSError as error:
                            raise _NotWritten(error) from error
                    try:
                        # On the disk before it is renamed into place: a power cut after the
                        # rename must not leave the database's name on unwritten blocks.
                        out.flush()
                        os.fsync(out.fileno())
                    except OSError as error:
                        raise _NotWritten(error) from error
        except _NotWritten as failed:
            # The disk beside the database (full, gone): not the backup's fault, so not
            # called damaged (a good backup would be thrown away for it).
            raise failed.error from None
        except (OSError, EOFError, gzip.BadGzipFile, ValueError) as error:
            detail = "truncated" if isinstance(error, EOFError) else str(error)
            raise BackupRefused(
                DAMAGED_BACKUP, path=Verbatim(path), detail=Verbatim(detail)
            ) from error
        if written != manifest.size or digest.hexdigest() != manifest.sha256:
            raise BackupRefused(
                DAMAGED_BACKUP,
                path=Verbatim(path),
                detail=Verbatim("the database inside differs from the one backed up"),
            )
        _check_unpacked(temporary, path, manifest)
        yield temporary
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        _remove_empty(made)


# mkstemp's names in unpacked(), and SQLite's beside them: the only files a restore clears in
# the database's folder (somebody else's files live there too).
_RESTORE_TEMPORARIES = tuple(
    f".restore-{'?' * 8}.tmp{companion}" for companion in ("", "-wal", "-shm", "-journal")
)


def _make_folders(folder: Path) -> list[Path]:
    """`folder` and the folders above it that are missing, made; returns those made here,
    outermost first."""
    missing: list[Path] = []
    above = folder.absolute()
    while not os.path.lexists(above) and above != above.parent:
        missing.append(above)
        above = above.parent
    made: list[Path] = []
    try:
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:
                continue
            made.append(each)
    except BaseException:
        _remove_empty(made)
        raise
    return made


def _remove_empty(made: list[Path]) -> None:
    """The folders in `made` (outermost first) removed, innermost first, where still empty."""
    for each in reversed(made):
        with contextlib.suppress(OSError):
            each.rmdir()


# Tables every revision of ours has had since the first: a database without them is not ours,
# whatever its application_id says.
_FIRST_TABLES = frozenset(
    {"customers", "products", "jobs", "job_events", "job_lines", "users", "shop_settings"}
)


def _check_unpacked(copy: Path, path: Path, manifest: Manifest) -> None:
    """The database inside is ours, whole, and what the manifest says: its revision and its
    tables (a manifest forged to match another file's size and SHA-256 is caught here)."""
    try:
        connection = sqlite3.connect(f"{copy.absolute().as_uri()}?mode=ro", uri=True)
        try:
            ours = connection.execute("PRAGMA application_id").fetchone()[0]
            found = connection.execute("PRAGMA quick_check(1)").fetchone()[0]
            tables = {
                str(row[0])
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            }
            revisions = (
                [
                    str(row[0])
                    for row in connection.execute("SELECT version_num FROM alembic_version")
                ]
                if "alembic_version" in tables
                else []
            )
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise BackupRefused(DAMAGED_BACKUP, path=Verbatim(path), detail=Verbatim(error)) from error
    if ours != SQLITE_APPLICATION_ID or found != "ok":
        raise BackupRefused(DAMAGED_BACKUP, path=Verbatim(path), detail=Verbatim(found))
    if (
        revisions != [manifest.revision]
        or not _FIRST_TABLES.issubset(tables)
        or tables != set(manifest.tables)
    ):
        raise BackupRefused(
            DAMAGED_BACKUP,
            path=Verbatim(path),
            detail=Verbatim("the database inside is not the one its manifest describes"),
        )


# --- restoring ----------------------------------------------------------------------------------


def restore_sqlite(backup: Path, target: Path, now: datetime) -> tuple[Manifest, Path | None]:
    """Puts backup `backup` in place of the database `target`; returns the manifest and where
    the database it replaced was kept (None when there was none). Refused (BackupRefused) with
    nothing changed when the file is not a backup we can restore."""
    manifest = read_manifest(backup)
    target = _real(target)
    with unpacked(backup, manifest, target.parent) as restored:
        if not target.exists():
            _take_mode(restored, None)
            os.link(restored, target)  # fails rather than replace a file made meanwhile
            _sync_folder(target.parent)
            return manifest, None
        try:
            aside = _keep_aside(target, now)
            _copy_into(restored, target)
        except sqlite3.Error as error:
            # The copy into the live file is one transaction: it failed whole (another counter
            # held the write lock past the busy timeout, a disk error).
            raise BackupRefused(
                N_("the backup could not be put in place ({detail}); the database is unchanged"),
                detail=Verbatim(error),
            ) from error
    return manifest, aside


def _keep_aside(target: Path, now: datetime) -> Path:
    """A consistent copy of the current database next to it, under a name nobody has."""
    reader = _connect(target)
    try:
        for aside in _aside_names(target, now):
            try:
                descriptor = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            os.close(descriptor)
            writer = sqlite3.connect(str(aside), isolation_level=None)
            try:
                _copy_pages(reader, writer)
                writer.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            finally:
                writer.close()
            return aside
        raise AssertionError("unreachable: _aside_names raises when it runs out")
    finally:
        reader.close()


def restore_unusable(
    backup: Path, target: Path, now: datetime, *, check: Callable[[Path], None]
) -> tuple[Manifest, Path | None]:
    """Puts backup `backup` in place of a database file nobody can sign in to (missing, empty,
    damaged, not set up): the file there (and its -wal, -shm, -journal) is kept aside whole
    under a new name, never written to, and the backup's database takes its place by a rename,
    with the old file's permissions (and owner and group, where we may set them). `check` sees
    the unpacked database first (whose people are the ones who may restore it) and refuses by
    raising. Refused with nothing changed while another program has the file or its
    companions open (in_use), and when a step fails (a shared folder where we may not rename
    another account's files): what was done is taken back.

    A symbolic link is followed: the restored file takes the place of the file it names, and
    the link stays as it was.

    Killed at any moment, `target` is the old file or the restored one, never neither, and a
    -wal or -journal beside it is never the old file's (they are moved before the restored file
    comes in, also when the file itself is gone: SQLite would replay another database's log
    into it). The restored file is on the disk before its name is."""
    manifest = read_manifest(backup)
    target = _real(target)
    with unpacked(backup, manifest, target.parent) as restored:
        check(restored)
        _refuse_unless_renamable(target)
        existed = os.path.lexists(target)  # decided once: a file made meanwhile is not replaced
        if existed:
            if in_use(target):
                raise BackupRefused(IN_USE, path=Verbatim(target))
            _take_mode(restored, target)
            aside: Path | None = _link_aside(target, now)
        else:
            stale = any(os.path.lexists(companion) for companion in _companions(target))
            if stale and in_use(target):
                raise BackupRefused(IN_USE, path=Verbatim(target))
            _take_mode(restored, None)
            # A name whose own and companions' names are free (_aside_names checks them all).
            aside = next(_aside_names(target, now)) if stale else None
        moved: list[str] = []
        try:
            for companion in _COMPANIONS if aside is not None else ():
                try:
                    os.rename(f"{target}{companion}", f"{aside}{companion}")
                except FileNotFoundError:
                    continue
                moved.append(companion)
            if existed:
                os.replace(restored, target)
            else:
                os.link(restored, target)  # fails rather than replace a file made meanwhile
        except BaseException:
            _take_back(target, aside, moved)
            raise
        _sync_folder(target.parent)
    clear_leftovers(target.parent, patterns=_RESTORE_TEMPORARIES)
    return manifest, aside if aside is not None and os.path.lexists(aside) else None


NOT_RENAMABLE = N_(
    "{path} belongs to another account, in a folder where only a file's owner may move it "
    "(the sticky bit): restore it as that account or the folder's owner; nothing was changed"
)


def _move_back(kept: Path, name: Path) -> None:
    """`kept` back under `name`, never over a file made there meanwhile (another counter's own
    -wal, its database made between our steps): a link, which fails on a taken name, then the
    kept name goes. Where the name is taken the file stays where it was kept, and is logged."""
    try:
        os.link(kept, name)
    except FileExistsError:
        log.warning("%s was made meanwhile: %s stays where it was kept", name, kept)
        return
    except OSError:  # no hard links here (or not ours to link): a rename, if still free
        if not os.path.lexists(name):
            with contextlib.suppress(OSError):
                os.rename(kept, name)
        return
    with contextlib.suppress(OSError):
        os.unlink(kept)


def _refuse_unless_renamable(target: Path) -> None:
    """In a folder with the sticky bit (a shared folder, /tmp), only a file's owner (or the
    folder's, or root) may rename or remove it: the database and its companions must be ours
    to move there, or nothing is started (an aside link once made could not even be taken
    back)."""
    if not hasattr(os, "geteuid"):
        return
    folder = os.stat(target.parent)
    me = os.geteuid()
    if not folder.st_mode & stat.S_ISVTX or me in (0, folder.st_uid):
        return
    for name in (target, *_companions(target)):
        try:
            owner = os.lstat(name).st_uid
        except FileNotFoundError:
            continue
        if owner != me:
            raise BackupRefused(NOT_RENAMABLE, path=Verbatim(name))


def _take_back(target: Path, aside: Path | None, moved: list[str]) -> None:
    """A restore that failed before the restored file took the name: the companions moved
    aside go back, and the aside name of the old file (a second link to it) goes."""
    if aside is None:
        return
    for companion in reversed(moved):
        _move_back(Path(f"{aside}{companion}"), Path(f"{target}{companion}"))
    if os.path.lexists(target) and os.path.lexists(aside) and os.path.samefile(target, aside):
        with contextlib.suppress(OSError):
            os.unlink(aside)


def _real(target: Path) -> Path:
    """The file `target` names, symbolic links followed (a missing file's folder too)."""
    return Path(os.path.realpath(target))


def _take_mode(restored: Path, old: Path | None) -> None:
    """The restored file gets the permissions of the file it replaces, and its owner and group
    where we may set them (another user's file, restored by us); a new file the permissions a
    file SQLite makes would get (0666 less the umask), not a temporary file's 0600."""
    if old is None:
        os.chmod(restored, 0o666 & ~_umask())
        return
    status = os.stat(old)
    try:
        os.chown(restored, status.st_uid, status.st_gid)
    except PermissionError:  # another account's file: its group at least (a shared folder's)
        with contextlib.suppress(PermissionError):
            os.chown(restored, -1, status.st_gid)
    os.chmod(restored, stat.S_IMODE(status.st_mode))


def _umask() -> int:
    """This process's umask, read without changing it (Linux); else by setting and restoring."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """The folder's entries (a rename, a new name) on the disk; where a folder cannot be
    opened for that (not POSIX), the file system's own order is all there is."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)


IN_USE = N_(
    "{path} is open in another counter or program: close it there first; nothing was changed"
)
_COMPANIONS = ("-wal", "-shm", "-journal")


def _companions(path: Path) -> list[Path]:
    """The files SQLite keeps beside the database `path` (its log, shared memory, journal)."""
    return [Path(f"{path}{companion}") for companion in _COMPANIONS]


# SQLite's locks (os_unix.c): the database file's lock bytes from PENDING_BYTE, and in the -shm
# of a WAL database the byte every open connection holds a shared lock on (its "DMS" byte).
_PENDING_BYTE = 0x40000000
_LOCK_BYTES = 512
_SHM_DMS_BYTE = 128


def in_use(path: Path) -> bool:
    """Whether another process has the database `path` open: a SQLite connection holding a
    lock there that a write lock of ours conflicts with, or (Linux) any process with the file
    or its -wal, -shm or -journal open, which finds the connection of a rollback-journal
    database between two statements, when it holds no lock at all. Nothing is written; the
    probe's own locks go with its file descriptor. (This process is not counted: the caller
    closes its own connections first.)"""
    if _open_in_another_process([path, *_companions(path)]):
        return True
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no probe
        return False
    probes = [(path, _PENDING_BYTE, _LOCK_BYTES), (Path(f"{path}-shm"), _SHM_DMS_BYTE, 1)]
    for file, start, length in probes:
        try:
            descriptor = os.open(file, os.O_RDWR)
        except (FileNotFoundError, PermissionError):
            # Not ours to write (a read-only file, a -shm left by another account): a restore
            # renames, never writes it, and the open files above were the probe there.
            continue
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, length, start)
        except OSError:
            return True
        finally:
            os.close(descriptor)
    return False


def _open_in_another_process(files: list[Path]) -> bool:
    """Whether a process other than this one has one of `files` open (Linux: its /proc/PID/fd
    entries, compared by device and inode; the processes of other users are seen where /proc
    shows them). False where there is no /proc."""
    wanted = set()
    for file in files:
        with contextlib.suppress(OSError):
            status = os.stat(file)
            wanted.add((status.st_dev, status.st_ino))
    if not wanted or not os.path.isdir("/proc/self/fd"):
        return False
    me = str(os.getpid())
    with os.scandir("/proc") as processes:
        for process in processes:
            if not process.name.isdigit() or process.name == me:
                continue
            try:
                descriptors = os.scandir(f"/proc/{process.name}/fd")
            except OSError:  # gone, or another user's
                continue
            with descriptors:
                for descriptor in descriptors:
                    try:
                        status = os.stat(descriptor.path)
                    except OSError:
                        continue
                    if (status.st_dev, status.st_ino) in wanted:
                        return True
    return False


ASIDE_NAMES_TAKEN = N_(
    "{path} has 99 files kept aside by earlier restores under today's names: move some of "
    "them away first; nothing was changed"
)


def _aside_names(target: Path, now: datetime) -> Iterator[Path]:
    """NAME.before-restore-DATE[-N] whose companions' names are free too."""
    base = _aside_base(target)
    for attempt in range(1, 100):
        suffix = "" if attempt == 1 else f"-{attempt}"
        aside = target.with_name(f"{base}.before-restore-{now:%Y%m%d-%H%M%S}{suffix}")
        if not any(os.path.lexists(f"{aside}{c}") for c in ("", *_COMPANIONS)):
            yield aside
    raise BackupRefused(ASIDE_NAMES_TAKEN, path=Verbatim(target))


def _aside_base(target: Path) -> str:
    """The database's name, or where NAME.before-restore-DATE-NN-journal would pass the file
    system's limit on a name (SQLite takes names 40 bytes from it), its start and a digest of
    the whole name: still beside it, still telling whose it is."""
    name = target.name
    tail = ".before-restore-20260101-000000-99-journal"
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    # In the file system's bytes: a name that is not UTF-8 (a copied stick's Latin-1) holds
    # lone surrogates that str.encode() refuses; cut by characters, a byte each for those.
    if len(os.fsencode(f"{name}{tail}")) <= limit:
        return name
    digest = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    start = name
    while start and len(os.fsencode(f"{start}{digest}{tail}")) > limit:
        start = start[:-1]
    return f"{start}{digest}"


def _link_aside(target: Path, now: datetime) -> Path:
    """A second name for the file `target`, NAME.before-restore-DATE, that neither it nor its
    companions' names are taken: the old database kept as it was."""
    for aside in _aside_names(target, now):
        try:
            os.link(target, aside)  # fails rather than replace a file made meanwhile
        except FileExistsError:
            continue
        return aside
    raise AssertionError("unreachable: _aside_names raises when it runs out")


def _copy_into(restored: Path, target: Path) -> None:
    """The restored pages into the live file, in one write transaction (backup API)."""
    reader = sqlite3.connect(f"{restored.absolute().as_uri()}?mode=ro", uri=True)
    try:
        writer = _connect(target)
        try:
            _copy_pages(reader, writer)
        finally:
            writer.close()
    finally:
        reader.close()


# --- PostgreSQL ---------------------------------------------------------------------------------


PG_DUMP_MISSING = N_(
    "pg_dump is not installed here, so no backup was made. Install the PostgreSQL client "
    "tools (e.g. the postgresql-client package), or run on the server: pg_dump "
    "--format=custom --file=FILE DBNAME"
)


def pg_dump_command(url: Any) -> tuple[list[str], dict[str, str]]:
    """pg_dump's arguments and environment for a SQLAlchemy URL: the password in PGPASSWORD,
    never on the command line (where `ps` shows it)."""
    program = shutil.which("pg_dump")
    if program is None:
        raise BackupRefused(PG_DUMP_MISSING)
    arguments = [program, "--format=custom", "--no-password"]
    if url.host:
        arguments += ["--host", str(url.host)]
    if url.port:
        arguments += ["--port", str(url.port)]
    if url.username:
        arguments += ["--username", str(url.username)]
    arguments += ["--dbname", str(url.database)]
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    return arguments, environment


def pg_dump(url: Any) -> Callable[[BinaryIO], None]:
    """The writer of a pg_dump custom-format archive of the database at `url`."""
    arguments, environment = pg_dump_command(url)

    def write(out: BinaryIO) -> None:
        done = subprocess.run(
            arguments,
            stdout=out,
            stderr=subprocess.PIPE,
            env=environment,
            check=False,
        )
        if done.returncode != 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BackupRefused(
                N_("pg_dump failed ({detail}); no backup was made"),
                detail=Verbatim(detail[-1] if detail else f"exit status {done.returncode}"),
            )

    return write


def is_pg_dump_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(len(PG_DUMP_MAGIC)) == PG_DUMP_MAGIC
    except OSError:
        return False
