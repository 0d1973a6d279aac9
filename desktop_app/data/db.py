"""Opening the database: making sure it is ours, and migrating it (where it lives and the SQLite
file checks are in location.py, which start-up uses before SQLAlchemy is loaded).

SQLite is the embedded default (one counter); any SQLAlchemy URL works, PostgreSQL (psycopg 3) for
shops with several workstations.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.data.location import (
    ENV_DATABASE_URL,
    SQLITE_APPLICATION_ID,
    CorruptDatabase,
    DatabaseLocation,
    DatabaseProblem,
    NotOurDatabase,
    check_sqlite_file,
    default_database_path,
    known_revisions,
    latest_revision,
    resolve_url,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 15_000
OUR_TABLES = frozenset({"jobs", "job_events", "customers", "users"})
# Names that moved to location.py, still importable from here for the code that opens databases.
__all__ = [
    "ENV_DATABASE_URL",
    "SQLITE_APPLICATION_ID",
    "CorruptDatabase",
    "Database",
    "DatabaseLocation",
    "DatabaseProblem",
    "NotOurDatabase",
    "check_sqlite_file",
    "default_database_path",
    "latest_revision",
    "make_engine",
    "open_database",
    "resolve_url",
]


@dataclass
class Database:
    """An engine and the two kinds of session the services use."""

    engine: Engine
    location: DatabaseLocation

    @property
    def url(self) -> str:
        return self.location.url

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False, autoflush=False)
        self._write_factory = sessionmaker(
            self.engine.execution_options(repair_counter_write=True),
            expire_on_commit=False,
            autoflush=False,
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: commits at the end, rolls back everything on any error.

        On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), so two
        counters never both read and then fail to upgrade to a write; they queue instead.
        """
        with self._write_factory.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._factory.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts (pysqlite would
        # otherwise start deferred transactions on its own).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("repair_counter_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


def make_engine(location: DatabaseLocation) -> Engine:
    # The window reads from several worker threads at once, so the pool holds a few
    # connections. Hand out the most recently used one first (LIFO): each SQLite connection keeps
    # its own page cache, and taking them in turn (the FIFO default) would start reads on the
    # coldest one.
    if location.backend == "sqlite":
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_use_lifo=True,
        )
        _configure_sqlite(engine)
        return engine
    return create_engine(location.engine_url, pool_pre_ping=True, pool_use_lifo=True)


def open_database(where: DatabaseLocation | str, *, migrate: bool = True) -> Database:
    """Open (creating if new) and migrate the database; refuse anything not ours.

    Takes the location start-up parsed already, or a URL (scripts, tests) parsed here.
    """
    location = where if isinstance(where, DatabaseLocation) else DatabaseLocation.parse(where)
    url = location.url
    sqlite_path = location.sqlite_file
    new_sqlite_file = False
    if sqlite_path is not None:
        new_sqlite_file = check_sqlite_file(sqlite_path)
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(location)
    try:
        with engine.connect() as connection:
            if sqlite_path is not None and new_sqlite_file:
                connection.exec_driver_sql(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
            elif sqlite_path is None:
                _check_server_database(connection, url)
            connection.commit()
    except OperationalError as error:
        engine.dispose()
        raise DatabaseProblem(f"cannot open the database {_safe(url)}: {error.orig}") from error
    except DatabaseError as error:
        engine.dispose()
        raise CorruptDatabase(f"the database {_safe(url)} cannot be read: {error.orig}") from error
    except BaseException:
        engine.dispose()
        raise
    database = Database(engine, location)
    if migrate and not _at_latest_revision(database):
        # Alembic (0.2 s to import) is loaded only when there is something to migrate.
        from desktop_app.data.migrate import upgrade_to_head

        try:
            upgrade_to_head(database)
        except BaseException:
            database.dispose()
            raise
    return database


def _at_latest_revision(database: Database) -> bool:
    try:
        with database.engine.connect() as connection:
            current = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DatabaseError:  # a new database: no alembic_version table yet
        return False
    unknown = sorted({str(row[0]) for row in current} - known_revisions())
    if unknown:
        # A newer release migrated it: this one must neither migrate nor use it.
        database.dispose()
        raise DatabaseProblem(
            f"the database {_safe(database.url)} was made by a newer Repair Counter "
            f"(revision {', '.join(unknown)}); update the application to open it. "
            "It was left untouched."
        )
    return [tuple(row) for row in current] == [(latest_revision(),)]


def _check_server_database(connection: Any, url: str) -> None:
    tables = set(inspect(connection).get_table_names())
    if tables and "alembic_version" not in tables:
        raise NotOurDatabase(
            f"the database {_safe(url)} holds tables of another program "
            f"({', '.join(sorted(tables)[:5])}); it was left untouched."
        )
    if "alembic_version" in tables and not tables >= OUR_TABLES:
        raise NotOurDatabase(
            f"the database {_safe(url)} is managed by another program's migrations; "
            "it was left untouched."
        )
    connection.execute(text("SELECT 1"))


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
