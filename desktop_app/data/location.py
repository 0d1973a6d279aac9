"""Where the database lives and whether a SQLite file is ours, without SQLAlchemy.

Kept apart from db.py so that start-up can find and check the file, and read the first screen
(data/first_screen.py), before SQLAlchemy (a third of a second to import) is loaded.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import platformdirs

APP_NAME = "repair-counter"
ENV_DATABASE_URL = "REPAIR_COUNTER_DATABASE_URL"
# PRAGMA application_id of every SQLite file we create ("RCTR"): a file without it is not ours.
SQLITE_APPLICATION_ID = 0x52435452
SQLITE_HEADER = b"SQLite format 3\x00"


class DatabaseProblem(Exception):
    """The database cannot be used; the message says why and what to do."""


class NotOurDatabase(DatabaseProblem):
    pass


class CorruptDatabase(DatabaseProblem):
    pass


def default_database_path() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "repair-counter.db"


def resolve_url(cli_url: str | None = None) -> str:
    """--database beats the environment variable, which beats the per-user SQLite default."""
    if cli_url:
        return cli_url
    env_url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if env_url:
        return env_url
    return f"sqlite:///{default_database_path()}"


def check_sqlite_file(path: Path) -> bool:
    """Refuse a file that is not a SQLite database of ours. Returns True if it is new (empty).

    Never writes to the file: a stranger's file or a damaged one must survive our refusal.
    """
    if not path.exists() or path.stat().st_size == 0:
        return True
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header.startswith(SQLITE_HEADER):
        raise NotOurDatabase(
            f"{path} is not a Repair Counter database (it is not an SQLite file at all). "
            "It was left untouched; choose another file with --database."
        )
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            application_id = connection.execute("PRAGMA application_id").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if application_id == SQLITE_APPLICATION_ID:
                # No full integrity check here: it reads every page, far too slow for start-up
                # on a large file. Reading the schema catches a damaged header; deeper damage
                # surfaces as CorruptDatabase when a query touches it.
                return False
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise CorruptDatabase(
            f"{path} cannot be read as a database ({error}). It was left untouched; "
            "restore a backup or choose another file with --database."
        ) from error
    if tables:
        raise NotOurDatabase(
            f"{path} is an SQLite database of another program (tables: "
            f"{', '.join(sorted(tables)[:5])}). It was left untouched; choose another file."
        )
    return True


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

    @property
    def engine_url(self) -> str:
        """The URL to connect with: psycopg 3 is the PostgreSQL driver we ship."""
        if self.backend == "postgresql" and self.driver in ("", "psycopg2"):
            scheme = self.url.partition("://")[0]
            return f"postgresql+{POSTGRES_DRIVER}{self.url[len(scheme) :]}"
        return self.url
