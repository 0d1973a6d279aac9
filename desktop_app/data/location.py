"""Where the database lives and whether a SQLite file is ours, without SQLAlchemy.

Kept apart from db.py so that start-up can find and check the file, and read the first screen
(data/first_screen.py), before SQLAlchemy (a third of a second to import) is loaded.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import platformdirs

from desktop_app.domain.text import N_, Text, Translator, Verbatim, no_translation

log = logging.getLogger(__name__)

APP_NAME = "repair-counter"
ENV_DATABASE_URL = "REPAIR_COUNTER_DATABASE_URL"
# PRAGMA application_id of every SQLite file we create ("RCTR"): a file without it is not ours.
SQLITE_APPLICATION_ID = 0x52435452
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseProblem(Exception):
    """The database cannot be used; the message says why and what to do.

    Given a template and values (N_ marked), the window shows it in the reader's language."""

    def __init__(self, message: str, **params: Any) -> None:
        self.text = Text(message, **params) if params else None
        super().__init__(str(self.text) if self.text is not None else message)

    def render(self, translate: Translator = no_translation) -> str:
        return self.text.render(translate) if self.text is not None else str(self)


class NotOurDatabase(DatabaseProblem):
    pass


class CorruptDatabase(DatabaseProblem):
    pass


class EmptyFile(DatabaseProblem):
    """A zero-byte file: it becomes a new database only when the person says so."""


class FolderNotWritable(DatabaseProblem):
    pass


DAMAGED = N_(
    "{path} is damaged ({detail}). It was left untouched; restore a backup, "
    "or choose another file with --database."
)
EMPTY_FILE = N_(
    "{path} is an empty file (0 bytes), not a Repair Counter database. It was left untouched; "
    "to start a new database in it, confirm (command line: --use-empty-file)."
)
CANNOT_READ = N_(
    "{path} cannot be opened ({detail}). It was left untouched; check the path and its "
    "permissions, or choose another file with --database."
)
A_FOLDER = N_(
    "{path} is a folder, not a database file. Choose a file with --database (a new one is "
    "made if it does not exist)."
)
FOLDER_NOT_WRITABLE = N_(
    "The folder {folder} is not writable, so the database {path} cannot be created there. "
    "Choose another folder, or ask for write access to this one."
)


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "repair-counter.db"


def resolve_url(cli_url: str | None = None) -> str:
    """--database beats the environment variable, which beats the per-user SQLite default."""
    if cli_url:
        return _as_url(cli_url)
    env_url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if env_url:
        return _as_url(env_url)
    return f"sqlite:///{default_database_path()}"


def _as_url(value: str) -> str:
    """A URL as given; a plain file path (`/tmp/shop.db`, `shop.db`, `~/shop.db`: no scheme) is
    the SQLite database in that file, as anyone typing a path expects."""
    if "://" in value or value.startswith("sqlite:"):
        return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def check_sqlite_file(path: Path, *, use_empty_file: bool = False) -> bool:
    """Refuse a file that is not a SQLite database of ours, or is damaged. Returns True if the
    database is new: the path does not exist, or it is a zero-byte file and `use_empty_file`
    (the person confirmed); a zero-byte file otherwise raises EmptyFile.

    Never writes to the file, nor leaves a -wal/-shm beside it: a stranger's file or a damaged
    one must survive our refusal as it was.
    """
    try:
        return _check_sqlite_file(path, use_empty_file=use_empty_file)
    except OSError as error:
        # A file or folder we may not read, a folder given as the file, a file where a folder
        # should be: said as what it is, never a traceback.
        detail = error.strerror or str(error)
        raise DatabaseProblem(CANNOT_READ, path=Verbatim(path), detail=Verbatim(detail)) from error


def _check_sqlite_file(path: Path, *, use_empty_file: bool) -> bool:
    if path.is_dir():
        raise DatabaseProblem(A_FOLDER, path=Verbatim(path))
    if not path.exists():
        if not writable_folder(path.parent):
            raise FolderNotWritable(
                FOLDER_NOT_WRITABLE, folder=Verbatim(path.parent), path=Verbatim(path)
            )
        return True
    if path.stat().st_size == 0:
        if use_empty_file:
            return True
        raise EmptyFile(EMPTY_FILE, path=Verbatim(path))
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise NotOurDatabase(
            f"{path} is not a Repair Counter database (it is not an SQLite file at all). "
            "It was left untouched; choose another file with --database."
        )
    try:
        connection = peek(path)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            user_version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if application_id == SQLITE_APPLICATION_ID:
                _check_pages(connection, path)
                return False
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabase(DAMAGED, path=Verbatim(path), detail=Verbatim(error)) from error
    if tables:
        raise NotOurDatabase(
            f"{path} is an SQLite database of another program (tables: "
            f"{', '.join(sorted(tables)[:5])}). It was left untouched; choose another file."
        )
    # An SQLite file without our mark and without tables is still somebody's (an empty database
    # another program made, user_version {user_version}): only a missing or a zero-byte file
    # becomes ours.
    raise NotOurDatabase(
        f"{path} is an empty SQLite database of another program (application id "
        f"{application_id}, user version {user_version}). It was left untouched; choose another "
        "file with --database."
    )


def peek(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves nothing behind. With no -wal beside the file the
    database is all in the file, and `immutable` reads it without making a -shm or a -wal (a
    read-only connection would leave both); with a -wal there (another connection is using
    it, or one crashed) it must be read through it."""
    uri = path.absolute().as_uri()
    if Path(f"{path}-wal").exists():
        return sqlite3.connect(f"{uri}?mode=ro", uri=True)
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _check_pages(connection: sqlite3.Connection, path: Path) -> None:
    """PRAGMA quick_check, unless the file is exactly as it was when last found sound (a clean
    close or an earlier check): it reads every page, 1.5 to 3 seconds at 100,000 jobs, too slow
    for every start, while garbage written into the file changes its size or time."""
    stamp = _stamp(path)
    if stamp is not None and _known_sound().get(str(path.resolve())) == stamp:
        return
    found = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    if found != ["ok"]:
        # One line: SQLite's own report can hold line breaks ("*** in database main ***\n…").
        detail = "; ".join(" ".join(line.split()) for line in found)
        raise CorruptDatabase(DAMAGED, path=Verbatim(path), detail=Verbatim(detail))
    if stamp is not None:
        record_sound(path)


def _stamp(path: Path) -> list[int] | None:
    """The file's size and modification time, or None while a -wal holds part of it."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def _sound_files_record() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "sound-databases.json"


def _known_sound() -> dict[str, Any]:
    return read_records(_sound_files_record())


def record_sound(path: Path) -> None:
    """Remember that the file as it is now was checked (or closed cleanly): the next start need
    not check it again. Kept in the user's cache folder, never beside the database."""
    stamp = _stamp(path) if path.exists() else None
    if stamp is None:
        return
    record = _sound_files_record()
    if not write_records(record, str(path.resolve()), stamp, keep=50):
        log.info("cannot write %s; the next start checks the database again", record)


# --- small records of ours in the user's cache folder ------------------------------------------


def read_records(record: Path) -> dict[str, Any]:
    """The entries of a small JSON record of ours (keyed, the newest last); {} when it is missing
    or cannot be read, whatever it holds (damaged, hostile, nested too deep for json): it is a
    cache, and its reader then goes the long way."""
    try:
        found = json.loads(record.read_text(encoding="utf-8"))
    except Exception:
        return {}
    return found if isinstance(found, dict) else {}


def write_records(record: Path, key: str, entry: object | None, *, keep: int) -> bool:
    """`entry` under `key` as the newest entry of `record` (None: `key` forgotten), the newest
    `keep` kept. Written atomically (several counters may start at once), in ASCII (whatever a
    damaged entry held can be written), readable by its owner only (mkstemp's 0600). False when
    it cannot be written, and no temporary file is left: a cache costs only the next start."""
    entries = read_records(record)
    entries.pop(key, None)
    if entry is not None:
        entries[key] = entry
    try:
        text = json.dumps(dict(list(entries.items())[-keep:]))
        record.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=record.parent, prefix=f".{record.stem}.", suffix=".tmp"
        )
    except (OSError, ValueError, TypeError):
        return False
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as written:
            written.write(text)
        os.replace(temporary, record)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False
    return True


def writable_folder(folder: Path) -> bool:
    """Whether a file can be made in `folder` (or in the folders we would create for it)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


def read_only_reason(path: Path) -> Text | None:
    """Why an existing database file can only be read, or None when it can be written: SQLite
    needs to write the file, and to make its -wal and -shm files in the same folder."""
    if not os.access(path, os.W_OK):
        return Text(N_("the file {path} is read-only"), path=Verbatim(path))
    if not os.access(path.parent, os.W_OK):
        return Text(
            N_("the folder {folder} is not writable (the database needs its working files there)"),
            folder=Verbatim(path.parent),
        )
    return None


def known_revisions() -> set[str]:
    """Every migration this release knows (NNNN from the file names)."""
    versions = Path(__file__).parent / "migrations" / "versions"
    return {
        entry.name[:4]
        for entry in versions.iterdir()
        if entry.name[:4].isdigit() and entry.name.endswith(".py")
    }


def latest_revision() -> str:
    """The newest migration's revision, read from the file names (NNNN_what.py, revision NNNN)
    without importing Alembic; tests check it against Alembic's own idea of the head."""
    return max(known_revisions())


# SQLAlchemy's own URL pattern (sqlalchemy.engine.url._parse_url), copied so that start-up can
# read a URL before SQLAlchemy is loaded; tests compare the two on many URLs.
_URL_PATTERN = re.compile(
    r"""
        (?P<name>[\w\+]+)://
        (?:
            (?P<username>[^:/]*)
            (?::(?P<password>[^@]*))?
        @)?
        (?:
            (?:
                \[(?P<ipv6host>[^/\?]+)\] |
                (?P<ipv4host>[^/:\?]+)
            )?
            (?::(?P<port>[^/\?]*))?
        )?
        (?:/(?P<database>[^\?]*))?
        (?:\?(?P<query>.*))?
    """,
    re.VERBOSE,
)
# The driver we ship for PostgreSQL: a plain postgresql:// URL (or psycopg2's) means it.
POSTGRES_DRIVER = "psycopg"
# How long connecting to a database server may take before it is said not to answer (a URL's
# own connect_timeout wins).
CONNECT_TIMEOUT_S = 10


@dataclass(frozen=True)
class DatabaseLocation:
    """A database URL, read once into what start-up, the SQLite checks and the engine each need.

    Three readers used to parse the URL their own way (the first screen, the SQLite file checks
    and the engine), and could disagree about the same URL; now they all read this.
    """

    url: str  # as given: what messages show (passwords hidden) and SQLAlchemy connects to
    backend: str  # "sqlite", "postgresql", ...; "" when the URL cannot be read at all
    driver: str  # "" for the backend's default driver
    sqlite_file: Path | None  # a SQLite database's file; None for memory or a `file:` URI
    plain: bool  # sqlite:///PATH with no driver, host or query options

    @classmethod
    def parse(cls, url: str) -> DatabaseLocation:
        """Never raises: a URL nobody can read is SQLAlchemy's to explain when it connects."""
        found = _URL_PATTERN.match(url)
        if found is None:
            return cls(url, "", "", None, plain=False)
        parts = found.groupdict()
        backend, _plus, driver = parts["name"].partition("+")
        database = unquote(parts["database"]) if parts["database"] is not None else ""
        sqlite_file = None
        if backend == "sqlite" and database not in ("", ":memory:"):
            sqlite_file = None if database.startswith("file:") else Path(database)
        extras = (parts["username"], parts["ipv4host"], parts["ipv6host"], parts["port"])
        plain = (
            sqlite_file is not None
            and not driver
            and parts["query"] is None
            and all(extra is None for extra in extras)
        )
        return cls(url, backend, driver, sqlite_file, plain)

    @property
    def first_screen_file(self) -> Path | None:
        """The file start-up may read with the standard library before SQLAlchemy: only a plain
        `sqlite:///PATH`, which sqlite3 opens exactly as SQLAlchemy would. Any other URL (a
        server, a driver, query options) is left to SQLAlchemy to interpret."""
        return self.sqlite_file if self.plain else None

    def url_parts(self) -> dict[str, str | None] | None:
        """The URL's host, port, username, password and database, unquoted as SQLAlchemy reads
        them, and its query as written; None for a URL that cannot be read."""
        found = _URL_PATTERN.match(self.url)
        if found is None:
            return None
        parts = found.groupdict()

        def unquoted(key: str) -> str | None:
            value = parts[key]
            return unquote(value) if value is not None else None

        return {
            "host": parts["ipv4host"] or parts["ipv6host"],
            "port": parts["port"],
            "username": unquoted("username"),
            "password": unquoted("password"),
            "database": unquoted("database"),
            "query": parts["query"],
        }

    @property
    def shown(self) -> str:
        """The URL as messages show it: a password in it as ***, as SQLAlchemy shows it."""
        found = _URL_PATTERN.match(self.url)
        if found is None or found.group("password") is None:
            return self.url
        start, end = found.span("password")
        return self.url[:start] + "***" + self.url[end:]

    @property
    def server_first_screen(self) -> str | None:
        """The libpq URI start-up may read the first screen from with psycopg before SQLAlchemy:
        a PostgreSQL URL for the driver we ship (or none named). libpq reads the URL's parts and
        options as SQLAlchemy hands them to psycopg; one it cannot read makes the quick way give
        up, and SQLAlchemy explains."""
        if self.backend == "postgresql" and self.driver in ("", "psycopg", "psycopg2"):
            return "postgresql" + self.url[len(self.url.partition("://")[0]) :]
        return None

    @property
    def engine_url(self) -> str:
        """The URL to connect with: psycopg 3 is the PostgreSQL driver we ship."""
        if self.backend == "postgresql" and self.driver in ("", "psycopg2"):
            scheme = self.url.partition("://")[0]
            return f"postgresql+{POSTGRES_DRIVER}{self.url[len(scheme) :]}"
        return self.url
