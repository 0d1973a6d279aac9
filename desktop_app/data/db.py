"""Opening the database: making sure it is ours, and migrating it (where it lives and the SQLite
file checks are in location.py, which start-up uses before SQLAlchemy is loaded).

SQLite is the embedded default (one counter); any SQLAlchemy URL works, PostgreSQL (psycopg 3) for
shops with several workstations.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    NoSuchModuleError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from desktop_app.data.location import (
    CANNOT_READ,
    CONNECT_TIMEOUT_S,
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
    read_only_reason,
    record_sound,
    resolve_url,
)
from desktop_app.domain.errors import DatabaseBusy, DatabaseUnreachable, ReadOnlyDatabase
from desktop_app.domain.text import N_, Text, Verbatim

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 15_000
# How long reads opened together (Database.reads) wait to hold writers off for the instant they
# take their snapshot; a writer busy for longer than this and they make do with one read.
GATE_TIMEOUT_MS = 250
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
    "StalePlan",
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
    # Why the database can only be read (a read-only file or folder, or asked for), or None.
    read_only: Text | None = None

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
        # PostgreSQL reads that share one snapshot: REPEATABLE READ (a snapshot can only be
        # exported from and imported into such transactions).
        self._snapshot_factory = sessionmaker(
            self.engine.execution_options(isolation_level="REPEATABLE READ"),
            expire_on_commit=False,
            autoflush=False,
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def prepared_or_not(self, action: Callable[[bool], T]) -> T:
        """`action(True)` (a read or write with `prepared=True`), made once more unprepared when
        a table changed under its prepared statements (StalePlan): nothing was written then."""
        try:
            return action(True)
        except StalePlan:
            log.info("a table changed under prepared statements: made again, unprepared")
            return action(False)

    @contextmanager
    def write(self, *, prepared: bool = False) -> Iterator[Session]:
        """One user action: commits at the end, rolls back everything on any error.

        `prepared`, for an action whose every statement has one best plan whatever the values
        (a check-in: lookups by serial, phone or id, then INSERTs): on PostgreSQL each
        statement is prepared on the server at its first run and planned once (a check-in took
        7.8 ms instead of 11). Never for an action that searches text.

        On SQLite the transaction takes the write lock up front (BEGIN IMMEDIATE), so two
        counters never both read and then fail to upgrade to a write; they queue instead.

        A write is never replayed here, whatever fails: a connection lost before the COMMIT
        left nothing saved (the server rolls back what a dead connection began) and is said
        so; one whose COMMIT went unanswered may have saved it, and is said so too.
        """
        if self.read_only is not None:
            raise ReadOnlyDatabase(READ_ONLY, reason=self.read_only)
        committing = False
        try:
            with self._write_factory.begin() as session, ExitStack() as stack:
                if prepared and not self.is_sqlite:
                    stack.enter_context(_prepared(session))
                yield session
                session.flush()  # every change sent: what fails from here on is the COMMIT
                committing = True
        except DBAPIError as error:
            refusal = self._unavailable(error, committing=committing)
            if refusal is error:
                raise
            raise refusal from error

    @contextmanager
    def read(self, *, prepared: bool = False, one_moment: bool = False) -> Iterator[Session]:
        """A read. A pooled connection the server ended meanwhile (a restart,
        pg_terminate_backend) is found dead by the ping on checkout (pool_pre_ping) and replaced
        by a fresh one before the read starts; a connection lost during the read is the
        DatabaseUnreachable refusal, and the caller may read again (the window's refreshes do,
        once: ui/background.py).

        `one_moment`: every statement sees the database as of the first one (PostgreSQL:
        REPEATABLE READ; under READ COMMITTED each statement sees what was committed when it
        began, and a job read as its row, then its timeline, could show a status its timeline
        had already left when another counter's change fell between them). SQLite's read
        keeps the snapshot of its first statement anyway.

        `prepared`, for reads whose every statement has one best plan whatever the values (one
        job and its rows, by its id): on PostgreSQL each statement is prepared on the server at
        its first run and planned once, not at every run. Never for a search, whose plan
        depends on what is typed (make_engine)."""
        try:
            with self._factory.begin() as session, ExitStack() as stack:
                if not self.is_sqlite:
                    options = {"isolation_level": "REPEATABLE READ"} if one_moment else {}
                    if prepared:
                        stack.enter_context(_prepared(session, options))
                    elif options:
                        session.connection(execution_options=options)
                yield session
        except DBAPIError as error:
            refusal = self._unavailable(error)
            if refusal is error:
                raise
            raise refusal from error

    @contextmanager
    def reads(self, count: int) -> Iterator[tuple[Session, ...]]:
        """Up to `count` read transactions that all see the database as of one moment, to be
        read in as many threads at once (each session by one thread at a time). Fewer (one,
        as `read` gives) where they cannot share a moment: a read-only or in-memory SQLite
        database, or a writer holding SQLite's write lock for longer than GATE_TIMEOUT_MS.

        PostgreSQL: the first transaction exports its snapshot and the others import it
        (REPEATABLE READ: each sees that snapshot for all its statements). SQLite (WAL): a
        reader's snapshot is taken at its first read, so the readers take theirs while a gate
        connection holds the write lock (BEGIN IMMEDIATE, then ROLLBACK: nothing is written):
        no commit can fall between them. Readers never wait for a writer longer than that."""
        try:
            with ExitStack() as stack:
                if count > 1 and self.engine.dialect.name == "postgresql":
                    yield self._postgres_reads(stack, count)
                elif self.engine.dialect.name == "postgresql":
                    # One read of one moment: REPEATABLE READ (a plain read takes a snapshot
                    # per statement). SQLite's read keeps the snapshot of its first read.
                    yield (stack.enter_context(self._snapshot_factory.begin()),)
                elif count > 1 and self._can_gate():
                    yield self._sqlite_reads(stack, count)
                else:
                    yield (stack.enter_context(self._factory.begin()),)
        except DBAPIError as error:
            refusal = self._unavailable(error)
            if refusal is error:
                raise
            raise refusal from error

    def _postgres_reads(self, stack: ExitStack, count: int) -> tuple[Session, ...]:
        """The shared snapshot, or one read where it cannot be had (the server refuses to
        export or import it, or has no connection to spare): the report is then read in one
        thread, not refused. A lost connection is the refusal it always is."""
        try:
            with ExitStack() as opened:
                leader = opened.enter_context(self._snapshot_factory.begin())
                snapshot = leader.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                if not _SNAPSHOT_ID.fullmatch(str(snapshot)):  # it goes into the statement
                    raise _NoSnapshot(f"not a snapshot: {snapshot!r}")
                sessions = [leader]
                for _ in range(count - 1):
                    follower = opened.enter_context(self._snapshot_factory.begin())
                    follower.execute(text(f"SET TRANSACTION SNAPSHOT '{snapshot}'"))
                    sessions.append(follower)
                stack.enter_context(opened.pop_all())
                return tuple(sessions)
        except (DBAPIError, _NoSnapshot) as error:
            if isinstance(error, DBAPIError) and connection_lost(error):
                raise
            log.info("the reads cannot share a snapshot, one read instead: %s", error)
        return (stack.enter_context(self._factory.begin()),)

    def _can_gate(self) -> bool:
        return self.read_only is None and self.location.sqlite_file is not None

    def _sqlite_reads(self, stack: ExitStack, count: int) -> tuple[Session, ...]:
        gate = self.engine.raw_connection()
        cursor = gate.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {GATE_TIMEOUT_MS}")
            try:
                cursor.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:  # a writer at work: one read, not a wait
                return (stack.enter_context(self._factory.begin()),)
            try:
                sessions = tuple(stack.enter_context(self._factory.begin()) for _ in range(count))
                for session in sessions:  # the first read takes the snapshot
                    session.execute(text("SELECT count(*) FROM sqlite_schema")).scalar_one()
            finally:
                cursor.execute("ROLLBACK")
            return sessions
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.close()
            gate.close()

    def ping(self) -> None:
        """One cheap round trip to the server, on a fresh or checked connection: the window's
        reconnect retry. Raises DatabaseUnreachable while the server cannot be reached."""
        with self.read() as session:
            session.execute(text("SELECT 1"))

    def _unavailable(self, error: DBAPIError, *, committing: bool = False) -> Exception:
        """SQLite's "database is locked" and "readonly database", and a lost connection to a
        database server, as the refusals they are (nothing was written; the person can try
        again, or knows why not); anything else as it came."""
        if not self.is_sqlite:
            if not connection_lost(error):
                return error
            # A COMMIT the server refused in words (it is ending the connection) did not
            # happen; one whose answer never came may have.
            unanswered = getattr(error.orig, "sqlstate", None) is None
            return DatabaseUnreachable(
                MAYBE_SAVED if committing and unanswered else CONNECTION_LOST
            )
        code = getattr(error.orig, "sqlite_errorcode", None)
        if code is None or not isinstance(error, OperationalError):
            return error
        if code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            return DatabaseBusy(BUSY)
        if code & 0xFF == sqlite3.SQLITE_READONLY:
            path = self.location.sqlite_file
            reason = (path and read_only_reason(path)) or Text(N_("it cannot be written"))
            return ReadOnlyDatabase(READ_ONLY, reason=reason)
        return error

    def dispose(self) -> None:
        self.engine.dispose()
        path = self.location.sqlite_file
        if path is not None and self.read_only is None:
            record_sound(path)  # closed cleanly: the next start need not check every page


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how a transaction starts (pysqlite would
        # otherwise start deferred transactions on its own).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("repair_counter_write"):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")


BUSY = N_(
    "the database is busy in another program (or at another counter) and did not answer in "
    "time; nothing was saved. Try again in a moment."
)


class _NoSnapshot(Exception):
    """pg_export_snapshot() answered something that is not a snapshot's name."""


# What pg_export_snapshot() returns (hex numbers and dashes), checked before it is sent back.
_SNAPSHOT_ID = re.compile(r"[0-9A-Fa-f-]+")
INSUFFICIENT_PRIVILEGE = "42501"  # PostgreSQL: permission denied, must be owner
NEEDS_UPGRADE = N_(
    "the database {url} needs an upgrade to this release's format, which the role the "
    "counter connects as may not make: ask the administrator to run `repair-counter "
    "migrate` as the owner (then `repair-counter postgres-roles` again). Nothing was changed."
)
READ_ONLY = N_("the database is open read-only ({reason}): nothing can be changed")
CONNECTION_LOST = N_(
    "the connection to the database server was lost; nothing was saved. Try again once it is back."
)
MAYBE_SAVED = N_(
    "the connection to the database server was lost while the change was being saved: it may "
    "or may not have been saved. Once the connection is back, look it up before trying again."
)
# PostgreSQL's SQLSTATEs for a connection that is gone or going: class 08 (connection
# exception), and the server ending it (57P01 administrator command: a fast shutdown or
# pg_terminate_backend; 57P02 crash; 57P03 starting up or shutting down).
SERVER_GONE_STATES = frozenset({"57P01", "57P02", "57P03"})


def connection_lost(error: DBAPIError) -> bool:
    """Whether a database server error means the connection is gone (not a refusal of the
    statement): SQLAlchemy found the connection dead (and invalidated it, so the pool never
    hands it out again), the server said it is ending connections, or the driver could not
    reach the server at all (psycopg's client-side errors carry no SQLSTATE)."""
    if error.connection_invalidated:
        return True
    state = getattr(error.orig, "sqlstate", None)
    if state is None:
        return isinstance(error, OperationalError)
    return state.startswith("08") or state in SERVER_GONE_STATES


# A database error's message names the statement, and by default the values it was sent: a
# password hash, a customer's phone number. Such messages reach the log (the window logs an
# unexpected error) and a terminal, so they name the statement only.
QUIET: dict[str, Any] = {"hide_parameters": True}


def _read_only_engine(path: Path) -> Engine:
    """An engine that can only read `path`, and leaves no -wal or -shm beside it."""
    uri = path.absolute().as_uri()
    # With no -wal the whole database is in the file; `immutable` then reads it without the
    # -shm and -wal files that a read-only connection would make and leave behind.
    options = "mode=ro" if Path(f"{path}-wal").exists() else "mode=ro&immutable=1"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            f"{uri}?{options}",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )

    engine = create_engine(
        "sqlite://", creator=connect, poolclass=QueuePool, pool_use_lifo=True, **QUIET
    )
    _configure_sqlite(engine, read_only=True)
    return engine


def make_engine(location: DatabaseLocation) -> Engine:
    # The window reads from several worker threads at once, so the pool holds a few
    # connections. Hand out the most recently used one first (LIFO): each SQLite connection keeps
    # its own page cache, and taking them in turn (the FIFO default) would start reads on the
    # coldest one.
    if location.backend not in ("sqlite", "postgresql"):
        raise DatabaseProblem(NOT_A_DATABASE_URL, url=Verbatim(location.url))
    try:
        return _make_engine(location)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise DatabaseProblem(NOT_A_DATABASE_URL, url=Verbatim(location.url)) from error


# A value SQLAlchemy cannot read as a database URL (a typo, another product's scheme).
NOT_A_DATABASE_URL = N_(
    "{url} is neither a database file nor a database URL we use: give a file path, "
    "sqlite:///PATH or postgresql://user@host/dbname"
)


def _make_engine(location: DatabaseLocation) -> Engine:
    if location.backend == "sqlite":
        engine = create_engine(
            location.url,
            connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
            pool_use_lifo=True,
            **QUIET,
        )
        _configure_sqlite(engine)
        return engine
    # A server that went away must become a message, not a worker stuck for good: a connection
    # attempt gives up after CONNECT_TIMEOUT_S, and TCP keepalives find a dead network under a
    # running statement within about a minute. Settings the URL gives itself win.
    query = make_url(location.engine_url).query
    connect_args = {key: value for key, value in SERVER_CONNECT_ARGS.items() if key not in query}
    # psycopg 3 would prepare a statement on the server after its 5th run, and PostgreSQL may then
    # plan it once for any value (a generic plan): the search for a job number's start read all
    # 100,000 jobs per keystroke that way. Unprepared, every run is planned for its own values.
    engine = create_engine(
        location.engine_url,
        connect_args=connect_args,
        pool_pre_ping=True,
        pool_use_lifo=True,
        **QUIET,
    )
    _set_on_connect(engine)
    return engine


def _set_on_connect(engine: Engine) -> None:
    """Each new connection of the pool sets SESSION_SETTINGS for its session, each only where
    nothing set it before (its source in pg_settings is still PostgreSQL's default: not the
    server's configuration, `ALTER DATABASE` or `ALTER ROLE … SET`, libpq's `options` in the URL
    or PGOPTIONS, however spelt). A statement, not libpq's startup `options`, which a connection
    pooler in front of the server (PgBouncer) refuses unless told to ignore them. A server that
    refuses it (one merely compatible with PostgreSQL) is logged and otherwise left as it is: a
    search's speed is not worth a counter that cannot start."""
    settings = list(SESSION_SETTINGS.items())

    @event.listens_for(engine, "connect")
    def _set(dbapi_connection: Any, _record: object) -> None:
        import psycopg  # loaded already: the connection is psycopg's (not at start for SQLite)

        try:
            with dbapi_connection.cursor() as cursor:
                for name, value in settings:
                    cursor.execute(
                        "SELECT set_config(name, %(value)s, false) FROM pg_settings "
                        "WHERE name = %(name)s AND source = 'default'",
                        {"name": name, "value": value},
                    )
            dbapi_connection.commit()
        except psycopg.Error as error:
            dbapi_connection.rollback()
            log.warning("the server refused the counter's session settings: %s", error)


@contextmanager
def _prepared(session: Session, options: dict[str, Any] | None = None) -> Iterator[None]:
    """psycopg prepares every statement of this session on its first run (and uses those it
    prepared before on this connection); afterwards it prepares nothing again. `options`: the
    connection's execution options for the session (its isolation level: SQLAlchemy sets the
    connection back when it is returned)."""
    driver = session.connection(execution_options=options or {}).connection.driver_connection
    before = driver.prepare_threshold  # type: ignore[union-attr]
    driver.prepare_threshold = 0  # type: ignore[union-attr]
    try:
        yield
    except DBAPIError as error:
        if not _stale_plan(error):
            raise
        # A table changed under a statement prepared before (an upgrade widened a column while
        # this counter ran): PostgreSQL refuses it, and psycopg would use it again and again.
        # The transaction's rollback makes psycopg forget every one (DEALLOCATE ALL).
        raise StalePlan(str(error.orig)) from error
    finally:
        driver.prepare_threshold = before  # type: ignore[union-attr]


class StalePlan(Exception):
    """A prepared statement's table changed since it was prepared: the statements are forgotten
    on that connection, and the same reading or writing, made again, plans afresh
    (`Database.prepared_or_not`)."""


def _stale_plan(error: DBAPIError) -> bool:
    """PostgreSQL's "cached plan must not change result type", known by its code and the server
    function that raises it (its text is in the server's language)."""
    orig = error.orig
    if getattr(orig, "sqlstate", None) != "0A000":  # feature_not_supported
        return False
    diagnosis = getattr(orig, "diag", None)
    return getattr(diagnosis, "source_function", None) == "RevalidateCachedQuery"


# What each counter's connection sets for its session (`_set_on_connect`), where nothing else
# (the server's configuration, ALTER DATABASE or ROLE, libpq's options) set it.
#
# gin_pending_list_limit: a GIN index (the search's trigram indexes) does not put a new row's
# entries into its tree at once; they wait in a "pending list" until a vacuum (or autovacuum's
# analyze), or the write that takes the list past this limit, moves them all in, and every search
# through the index reads the whole list first. PostgreSQL's 4 MB let a busy shop's lists grow all
# day: every status change of a job writes a new row version (the status is indexed), every check-in
# a new job, and at a million jobs autovacuum comes after 10,000 changes (migration 0023). On two
# copies of the 1M demo database, searches alternated between them, after 40,000 updates of the
# newest jobs a serial's five and six digits took 20.0 and 20.5 ms at 4 MB against 12.0 and 14.9 ms
# at 256 kB (about 9 ms on either once vacuumed); a job update took about 0.1 ms more (20,000 of
# them: 5.2-6.5 s against 3.5-4.6 s). A session setting, not an index's own storage parameter:
# setting that takes an ACCESS EXCLUSIVE lock on each index, which would stop every counter behind
# one long transaction while an upgrade waited for it (found by the adversary); an index's own
# parameter, where an administrator sets one, still wins.
SESSION_SETTINGS = {"gin_pending_list_limit": "256kB"}


SERVER_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": CONNECT_TIMEOUT_S,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
    "prepare_threshold": None,
}


def open_database(
    where: DatabaseLocation | str,
    *,
    migrate: bool = True,
    use_empty_file: bool = False,
    read_only: bool = False,
) -> Database:
    """Open (creating if new) and migrate the database; refuse anything not ours or damaged.

    Takes the location start-up parsed already, or a URL (scripts, tests) parsed here. A zero-byte
    file becomes a new database only with `use_empty_file` (the person confirmed). A SQLite file
    that cannot be written (or `read_only`) is opened read-only; Database.read_only says why.
    """
    location = where if isinstance(where, DatabaseLocation) else DatabaseLocation.parse(where)
    url = location.url
    sqlite_path = location.sqlite_file
    new_sqlite_file = False
    why_read_only: Text | None = None
    if sqlite_path is not None:
        new_sqlite_file = check_sqlite_file(sqlite_path, use_empty_file=use_empty_file)
        if not new_sqlite_file:
            why_read_only = read_only_reason(sqlite_path)
            if why_read_only is None and read_only:
                why_read_only = Text(N_("opened read-only on request"))
        try:
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseProblem(
                CANNOT_READ, path=Verbatim(sqlite_path), detail=Verbatim(error.strerror or error)
            ) from error
    if why_read_only is not None and sqlite_path is not None:
        return _open_read_only(location, sqlite_path, why_read_only)
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
        # libpq's message runs over lines ("…Connection refused\n\tIs the server running…"):
        # said on one.
        reason = " ".join(str(error.orig).split())
        raise DatabaseProblem(f"cannot open the database {_safe(url)}: {reason}") from error
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
        except OperationalError as error:
            database.dispose()
            busy = database._unavailable(error)
            if isinstance(busy, DatabaseBusy):
                raise DatabaseProblem(BUSY) from error
            raise
        except DBAPIError as error:
            database.dispose()
            if getattr(error.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE:
                # The counters' app role (roles.py) may not change the schema: that is the point.
                raise DatabaseProblem(NEEDS_UPGRADE, url=Verbatim(_safe(url))) from error
            raise
        except BaseException:
            database.dispose()
            raise
    if migrate:
        _finish_interrupted_load(database)
        _keep_recent_jobs(database)
    return database


def _keep_recent_jobs(database: Database) -> None:
    """PostgreSQL: the newest jobs' table of the search (migration 0025) trimmed back to its size
    when it has grown well past it (search_index.keep_recent_jobs; one look at the server's
    estimate otherwise). Never a reason not to start: a refusal (a role set up before 0025 and
    not given the table yet, another counter trimming it) is logged, and the search is right
    with a table of any size."""
    if database.is_sqlite:
        return
    from desktop_app.data import search_index

    try:
        with database.engine.begin() as connection:
            gone = search_index.keep_recent_jobs(connection)
    except DBAPIError as error:
        log.warning("the search's table of the newest jobs was not trimmed: %s", error.orig)
        return
    if gone:
        log.info("the search's table of the newest jobs: %d older rows removed", gone)


def _finish_interrupted_load(database: Database) -> None:
    """A demo load killed while its indexes were set aside (data/bulk.py) left the statements
    that make them again: made now, before anyone works on a database that would read every
    row for each search. Where the role may not make indexes (a counter's app role), it is left
    for the next `migrate` or `demo` by the owner, and logged."""
    from desktop_app.data import bulk

    with database.engine.connect() as connection:
        if not database.engine.dialect.has_table(connection, bulk.SET_ASIDE_TABLE):
            return
    try:
        with database.write() as session:
            made = bulk.restore_set_aside(session)
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            database.dispose()
            raise
        log.warning("indexes set aside by an interrupted demo load remain to be made: %s", error)
        return
    log.warning("made %d indexes an interrupted demo load had set aside", made)


def _open_read_only(location: DatabaseLocation, path: Path, why: Text) -> Database:
    """A database to look at: the list, search and receipts work; every write is refused."""
    database = Database(_read_only_engine(path), location, read_only=why)
    try:
        if not _at_latest_revision(database):
            raise DatabaseProblem(
                N_(
                    "{path} must be upgraded to this release's format before use, but {reason}. "
                    "It was left untouched."
                ),
                path=Verbatim(str(path)),
                reason=why,
            )
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
