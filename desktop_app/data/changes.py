"""Hearing what other counters change, as it happens (no Qt: a thread and a plain callback).

PostgreSQL: the triggers of migration 0011 send `NOTIFY repair_counter, 'jobs:12,13'` with every
statement that writes a job, a complaint or a consultation, whoever the writer is (this
application, a script, the demo); a dedicated connection LISTENs in a worker thread. The
notifications of one moment (up to `BATCH_S`) reach the callback as one `Changes`.

SQLite has no notifications: a dedicated connection asks `PRAGMA data_version` every `POLL_S`,
whose value moves when any other connection (another process's, or another of this one's pool)
commits. It cannot tell which rows changed, so it says "anything may have changed".

A lost connection (a server stopped; a SQLite file deleted, or replaced by another file under
its name) is tried again after `RETRY_S`, then twice as long each time up to `RETRY_MAX_S`, and
only the first failure of an outage reaches the log; once back, "anything may have changed"
(what was written meanwhile was not heard). Telling the person is not this module's task.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.data.db import BUSY_TIMEOUT_MS, SERVER_CONNECT_ARGS, Database

log = logging.getLogger(__name__)

CHANNEL = "repair_counter"
# The tables whose writes are announced, as the payload names them.
JOBS, COMPLAINTS, CONSULTATIONS = "jobs", "complaints", "consultations"
TABLES = (JOBS, COMPLAINTS, CONSULTATIONS)
POLL_S = 0.5  # SQLite: how often data_version is read
BATCH_S = 0.25  # PostgreSQL: notifications arriving within this are delivered together
RETRY_S = 2.0  # a lost or refused connection is tried again after this, then ever more slowly
RETRY_MAX_S = 30.0  # at most this long between two tries
JOIN_S = 5.0  # how long stop() waits for the thread


@dataclass(frozen=True)
class Changes:
    """What changed, as far as the database could say: for each table, the ids written, or
    None when it could not say which (SQLite; a statement writing many rows; a reconnection).
    A table absent from `tables` was not written."""

    tables: dict[str, frozenset[int] | None]

    @classmethod
    def anything(cls) -> Changes:
        return cls(dict.fromkeys(TABLES))

    def touches(self, table: str) -> bool:
        return table in self.tables

    def ids(self, table: str) -> frozenset[int] | None:
        """The ids of `table` written (empty if none), or None if any may have been."""
        return self.tables.get(table, frozenset())

    def may_touch(self, table: str, row_id: int) -> bool:
        ids = self.ids(table)
        return ids is None or row_id in ids

    @classmethod
    def merge(cls, parts: Iterable[Changes]) -> Changes:
        merged: dict[str, frozenset[int] | None] = {}
        for part in parts:
            for table, ids in part.tables.items():
                if table in merged and merged[table] is None:
                    continue
                if ids is None:
                    merged[table] = None
                else:
                    merged[table] = merged.get(table, frozenset()) | ids  # type: ignore[operator]
        return cls(merged)


def parse_payload(payload: str) -> Changes | None:
    """`jobs:1,2,3` (the ids written), `jobs:*` (too many to list); anything else is no
    notification of ours (None)."""
    table, sep, ids = payload.partition(":")
    if not sep or table not in TABLES:
        return None
    if ids == "*":
        return Changes({table: None})
    try:
        return Changes({table: frozenset(int(part) for part in ids.split(",") if part)})
    except ValueError:
        return None


OnChange = Callable[[Changes], None]


class _Outage:
    """The watcher's connection failures since it last worked: how long to wait before the next
    try (RETRY_S, doubled each time up to RETRY_MAX_S), and one line in the log per outage (the
    later failures of the same outage at DEBUG): a server stopped for an hour is not 1,800
    lines and 1,800 connection attempts."""

    def __init__(self) -> None:
        self.failures = 0

    def failed(self, what: str, error: BaseException) -> float:
        """Notes a failure; returns how long to wait before trying again."""
        level = logging.INFO if self.failures == 0 else logging.DEBUG
        log.log(level, "%s: %s", what, " ".join(str(error).split()))
        delay = min(RETRY_S * 2 ** min(self.failures, 16), RETRY_MAX_S)
        self.failures += 1
        return delay

    def recovered(self) -> bool:
        """The connection works (again); whether it had failed (then anything may have
        changed meanwhile)."""
        failed, self.failures = self.failures > 0, 0
        if failed:
            log.info("the change watcher is connected again")
        return failed


class ChangeWatcher:
    """Calls `on_change` (in its own thread) whenever another writer changed the database,
    from start() until stop(). One watcher holds one database connection of its own."""

    def __init__(self, database: Database, on_change: OnChange) -> None:
        self._database = database
        self._on_change = on_change
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Set once the first connection listens (or polls): a change committed after it is heard.
        self.ready = threading.Event()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self._thread is not None:
            return
        target = self._listen if self._database.engine.dialect.name == "postgresql" else self._poll
        self._thread = threading.Thread(target=target, name="change-watcher", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Ends the thread (within about BATCH_S or POLL_S) and closes its connection."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None and thread is not threading.current_thread():
            thread.join(JOIN_S)
            if thread.is_alive():
                log.warning("the change watcher did not stop within %s s", JOIN_S)

    def _deliver(self, changes: Changes) -> None:
        if self._stop.is_set():
            return
        try:
            self._on_change(changes)
        except Exception:  # the callback's fault must not end the watching
            log.exception("a change callback failed")

    def _pause(self, seconds: float) -> None:
        """Waits `seconds`, or less if stop() is called meanwhile."""
        self._stop.wait(seconds)

    # --- PostgreSQL: LISTEN --------------------------------------------------------------------

    def _connect_postgres(self) -> Any:
        import psycopg

        engine = self._database.engine
        args, kwargs = engine.dialect.create_connect_args(engine.url)
        # As the engine's connections (db.py): a connection attempt gives up, and keepalives
        # find a network gone quiet under the LISTEN (which would otherwise wait for good,
        # hearing nothing). What the URL sets itself wins.
        options = {k: v for k, v in SERVER_CONNECT_ARGS.items() if k != "prepare_threshold"}
        connection = psycopg.connect(*args, **{**options, **kwargs}, autocommit=True)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _listen(self) -> None:
        import psycopg

        connection = None
        outage = _Outage()
        try:
            while not self._stop.is_set():
                if connection is None:
                    try:
                        connection = self._connect_postgres()
                    except psycopg.Error as error:
                        self._pause(outage.failed("cannot listen for changes", error))
                        continue
                    self.ready.set()
                    if outage.recovered():  # what was sent meanwhile is lost: read everything
                        self._deliver(Changes.anything())
                try:
                    heard = [n.payload for n in connection.notifies(timeout=BATCH_S)]
                except psycopg.Error as error:
                    # Connected again at once (a killed backend, a server restarted): only a
                    # server still away waits, as the outage says.
                    outage.failed("the change listener lost its connection", error)
                    connection.close()
                    connection = None
                    continue
                parts = [p for p in map(parse_payload, heard) if p is not None]
                if parts:
                    self._deliver(Changes.merge(parts))
        finally:
            if connection is not None:
                connection.close()

    # --- SQLite: PRAGMA data_version -----------------------------------------------------------

    def _poll(self) -> None:
        path = self._database.location.sqlite_file
        if path is None or (
            self._database.read_only is not None and not Path(f"{path}-wal").exists()
        ):
            # In memory, nobody else can write it; a database opened read-only with no -wal
            # is read as immutable (db.py), and watching it would leave a -shm beside it.
            self.ready.set()
            return
        connection: sqlite3.Connection | None = None
        watched: tuple[int, int] | None = None  # the file the connection reads
        seen: int | None = None
        outage, replaced = _Outage(), False
        try:
            while not self._stop.is_set():
                try:
                    if connection is not None and _file_identity(path) != watched:
                        # Replaced by another file under its name: the connection would go on
                        # reading the old one and hear nothing, ever. (Deleted: OSError.)
                        log.info("%s was replaced: watching the file now under its name", path)
                        connection.close()
                        connection, replaced = None, True
                    if connection is None:
                        watched = _file_identity(path)
                        connection = sqlite3.connect(
                            f"{path.absolute().as_uri()}?mode=ro",
                            uri=True,
                            timeout=BUSY_TIMEOUT_MS / 1000,
                        )
                        seen = None  # data_version is counted per connection
                    version = int(connection.execute("PRAGMA data_version").fetchone()[0])
                except (sqlite3.Error, OSError) as error:
                    if connection is not None:
                        connection.close()
                        connection = None
                    self._pause(outage.failed("cannot read the database's data version", error))
                    continue
                if seen is None:
                    self.ready.set()
                    if outage.recovered() or replaced:  # written meanwhile: read everything
                        replaced = False
                        self._deliver(Changes.anything())
                elif version != seen:
                    self._deliver(Changes.anything())
                seen = version
                self._pause(POLL_S)
        finally:
            if connection is not None:
                connection.close()


def _file_identity(path: Path) -> tuple[int, int]:
    """Which file is under `path` (raises OSError if none)."""
    status = os.stat(path)
    return status.st_dev, status.st_ino
