"""Live changes between counters (issue 15): what one counter writes, another hears within the
2 seconds the window promises, on SQLite (PRAGMA data_version, a second connection or process)
and PostgreSQL (LISTEN/NOTIFY sent by the triggers of migration 0011)."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import socket
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop_app.data.changes import (
    POLL_S,
    RETRY_MAX_S,
    RETRY_S,
    Changes,
    ChangeWatcher,
    parse_payload,
)
from desktop_app.data.db import (
    CONNECT_TIMEOUT_S,
    SERVER_CONNECT_ARGS,
    Database,
    DatabaseLocation,
    make_engine,
    open_database,
)
from desktop_app.domain.complaints import ComplaintForm
from desktop_app.domain.consultations import ConsultationForm
from desktop_app.domain.errors import ConcurrentChange
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.rules import Category
from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel, ConsultationChannel
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.changes import COMPLAINTS, CONSULTATIONS, JOBS, Watch
from tests.data.live_counter import check_in_elsewhere
from tests.data.two_counters import STATES, copies
from tests.helpers import FAST_PASSWORDS, ID_CHECKED, FakeClock, actor, check_in_form

WITHIN_S = 2.0  # the promise: another counter's change shows within 2 seconds
READY_S = 10.0  # the watcher's own connection coming up (a server's first connection)


class Heard:
    """What a watch heard, in order; `wait_for` waits (at most `WITHIN_S`) for a match."""

    def __init__(self) -> None:
        self.batches: queue.Queue[Changes] = queue.Queue()

    def __call__(self, changes: Changes) -> None:
        self.batches.put(changes)

    def wait_for(self, match: Callable[[Changes], bool], within: float = WITHIN_S) -> Changes:
        deadline = time.monotonic() + within
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no matching change heard within {within} s")
            try:
                changes = self.batches.get(timeout=left)
            except queue.Empty:
                continue
            if match(changes):
                return changes


@pytest.fixture
def two_counters(database_url: str, clock: FakeClock) -> Iterator[tuple[Services, Services]]:
    """Two counters on one database, each with its own engine (as two workstations)."""
    first = open_database(database_url)
    second = open_database(database_url)
    try:
        yield (
            Services.build(first, clock, passwords=FAST_PASSWORDS, workstation="counter-1"),
            Services.build(second, clock, passwords=FAST_PASSWORDS, workstation="counter-2"),
        )
    finally:
        first.dispose()
        second.dispose()


@pytest.fixture
def watching(two_counters: tuple[Services, Services]) -> Iterator[tuple[Heard, Watch]]:
    """Counter 2 watching, ready to hear what is committed from now on."""
    heard = Heard()
    assert two_counters[1].changes is not None
    watch = two_counters[1].changes.watch(heard)
    assert watch.wait_ready(READY_S)
    try:
        yield heard, watch
    finally:
        watch.stop()


def _is_postgres(services: Services) -> bool:
    return services.jobs._db.engine.dialect.name == "postgresql"


def _job_heard(job_id: int) -> Callable[[Changes], bool]:
    return lambda changes: changes.may_touch(JOBS, job_id)


def test_check_in_status_change_and_hand_back_are_heard(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch]
) -> None:
    first, _second = two_counters
    heard, _watch = watching
    me = actor(first)
    job = first.jobs.check_in(check_in_form(), me)
    changes = heard.wait_for(_job_heard(job.id))
    if _is_postgres(first):  # the triggers name the job; SQLite can only say "something"
        assert changes.ids(JOBS) == frozenset({job.id})
    first.jobs.change_status(job.id, Status.DIAGNOSING, me)
    heard.wait_for(_job_heard(job.id))
    ready = STATES["ready for pickup (paid)"](first, me)
    returned = first.handback.hand_back(
        ready.id,
        me,
        HandBackForm(("充电器",), "cash", ready.total_charged_cents, identity_note=ID_CHECKED),
    )
    assert returned.status is Status.RETURNED
    heard.wait_for(_job_heard(ready.id))


def test_complaints_and_consultations_are_heard(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch]
) -> None:
    first, _second = two_counters
    heard, _watch = watching
    me = actor(first)
    consultation = first.consultations.record(
        ConsultationForm(
            channel=ConsultationChannel.HOTLINE,
            phone="139 1234 5678",
            question="洗衣机脱水时响声很大，要不要送修？",
            caller_name="刘芳",
            category=Category.APPLIANCE,
            brand="美的",
            model="MG100V11D",
        ),
        me,
    )
    heard.wait_for(lambda c: c.may_touch(CONSULTATIONS, consultation.id))
    complaint = first.complaints.register(
        ComplaintForm(
            channel=ComplaintChannel.HOTLINE,
            customer_name="张伟",
            phone="138 1234 5678",
            category=ComplaintCategory.DELAY,
            words="修了一个星期还没修好",
            request="尽快修好并给个说法",
        ),
        me,
    )
    heard.wait_for(lambda c: c.may_touch(COMPLAINTS, complaint.id))


def test_a_refused_action_announces_nothing(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch]
) -> None:
    """A stale screen's action rolls back, and so does its notification: the next one heard
    names only the job the following action changed."""
    first, second = two_counters
    heard, _watch = watching
    if not _is_postgres(first):
        pytest.skip("SQLite cannot say which rows changed")
    me = actor(first)
    stale = first.jobs.check_in(check_in_form(), me)
    other = first.jobs.check_in(check_in_form(), me)
    heard.wait_for(_job_heard(other.id))
    first.jobs.change_status(stale.id, Status.DIAGNOSING, me)
    heard.wait_for(_job_heard(stale.id))
    with pytest.raises(ConcurrentChange, match="by"):
        second.jobs.change_status(
            stale.id, Status.REPAIRING, actor(second), expected_version=stale.version
        )
    first.jobs.change_status(other.id, Status.DIAGNOSING, me)
    changes = heard.wait_for(lambda c: c.touches(JOBS))
    assert changes.ids(JOBS) == frozenset({other.id})


def test_a_bulk_write_is_one_notification(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch]
) -> None:
    """A statement writing more rows than a payload may name (the demo's bulk inserts) says
    "any job" once, instead of naming thousands."""
    first, _second = two_counters
    heard, _watch = watching
    if not _is_postgres(first):
        pytest.skip("PostgreSQL only: SQLite never names rows")
    me = actor(first)
    job = first.jobs.check_in(check_in_form(), me)
    heard.wait_for(_job_heard(job.id))
    copies(first.jobs._db, job, 250)
    changes = heard.wait_for(lambda c: c.touches(JOBS))
    assert changes.ids(JOBS) is None


def test_a_second_process_is_heard(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch], database_url: str
) -> None:
    """Another program on the same file or server (here: a process of its own) checks in."""
    first, _second = two_counters
    heard, _watch = watching
    actor(first)  # the manager's password, for the other process to sign in with
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        job_id = pool.apply(check_in_elsewhere, (database_url,))
    heard.wait_for(_job_heard(job_id))


def test_stop_ends_the_thread(watching: tuple[Heard, Watch]) -> None:
    _heard, watch = watching
    assert watch.running
    watch.stop()
    watch.stop()  # twice is harmless
    assert not watch.running
    assert not [t for t in threading.enumerate() if t.name == "change-watcher"]


def test_a_watch_survives_a_killed_connection(
    two_counters: tuple[Services, Services], watching: tuple[Heard, Watch]
) -> None:
    """The listening connection killed by the server: the watcher connects again and says
    "anything may have changed" (what was sent meanwhile is lost), then hears as before."""
    first, _second = two_counters
    heard, _watch = watching
    if not _is_postgres(first):
        pytest.skip("PostgreSQL only")
    with first.jobs._db.write() as session:
        killed = session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE query LIKE 'LISTEN %' AND pid <> pg_backend_pid()"
            )
        ).all()
    assert killed
    heard.wait_for(lambda c: c.ids(JOBS) is None, within=10.0)
    job = first.jobs.check_in(check_in_form(), actor(first))
    heard.wait_for(lambda c: c.ids(JOBS) is not None and job.id in c.ids(JOBS))  # type: ignore[operator]


def test_payloads_not_ours_are_ignored() -> None:
    assert parse_payload("jobs:1,2") == Changes({JOBS: frozenset({1, 2})})
    assert parse_payload("jobs:*") == Changes({JOBS: None})
    for foreign in ("", "jobs", "users:1", "jobs:1;drop", "jobs:x"):
        assert parse_payload(foreign) is None
    merged = Changes.merge([Changes({JOBS: frozenset({1})}), Changes({JOBS: None})])
    assert merged.ids(JOBS) is None and merged.ids(COMPLAINTS) == frozenset()


def test_a_database_opened_read_only_is_left_without_side_files(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Read-only (db.py reads it as immutable, leaving nothing beside it): watching it must not
    leave a -shm or -wal either."""
    path = tmp_path / "counter.db"
    open_database(f"sqlite:///{path}").dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.db"]
    database = open_database(f"sqlite:///{path}", read_only=True)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS)
        assert services.changes is not None
        watch = services.changes.watch(Heard())
        assert watch.wait_ready(READY_S)
        watch.stop()
    finally:
        database.dispose()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["counter.db"]


class _CountedRetries(ChangeWatcher):
    """A watcher whose waits after a failure are noted, not waited: it stops itself after
    `failures` of them. The polls of a working connection wait as usual."""

    def __init__(self, database: Database, failures: int) -> None:
        super().__init__(database, Heard())
        self.delays: list[float] = []
        self._failures = failures

    def _pause(self, seconds: float) -> None:
        if seconds == POLL_S:
            super()._pause(seconds)
            return
        self.delays.append(seconds)
        if len(self.delays) >= self._failures:
            self._stop.set()

    def wait_stopped(self) -> None:
        thread = self._thread
        assert thread is not None
        thread.join(READY_S)
        assert not thread.is_alive(), "the watcher never noticed its connection was gone"


RETRIES = [RETRY_S, 2 * RETRY_S, 4 * RETRY_S, 8 * RETRY_S, RETRY_MAX_S, RETRY_MAX_S]


def _lines_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "desktop_app.data.changes" and r.levelno >= logging.INFO
    ]


def test_a_replaced_sqlite_file_is_watched_again(sqlite_url: str, tmp_path: Path) -> None:
    """Another file put under the database's name (a copy moved into place): the watcher must
    watch the new file, not go on reading the old one and hear nothing ever again."""
    database = open_database(sqlite_url)
    path = database.location.sqlite_file
    assert path is not None
    heard = Heard()
    watcher = ChangeWatcher(database, heard)
    try:
        watcher.start()
        assert watcher.ready.wait(READY_S)
        copy = tmp_path / "copy.db"
        with (
            contextlib.closing(sqlite3.connect(path)) as old,
            contextlib.closing(sqlite3.connect(copy)) as new,
        ):
            old.backup(new)
        os.replace(copy, path)
        heard.wait_for(lambda c: c.ids(JOBS) is None, within=READY_S)
        with contextlib.closing(sqlite3.connect(path)) as writer:
            writer.execute("CREATE TABLE written_elsewhere (x)")
            writer.commit()
        heard.wait_for(lambda c: c.ids(JOBS) is None, within=READY_S)
    finally:
        watcher.stop()
        database.dispose()


def test_a_deleted_sqlite_file_is_tried_ever_more_slowly_and_logged_once(
    sqlite_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    database = open_database(sqlite_url)
    path = database.location.sqlite_file
    assert path is not None
    watcher = _CountedRetries(database, failures=len(RETRIES))
    caplog.set_level(logging.DEBUG, logger="desktop_app.data.changes")
    try:
        watcher.start()
        assert watcher.ready.wait(READY_S)
        database.engine.dispose()
        for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
            (path.parent / name).unlink(missing_ok=True)
        watcher.wait_stopped()
    finally:
        watcher.stop()
    assert watcher.delays == RETRIES
    assert len(_lines_logged(caplog)) == 1


def test_a_stopped_server_is_tried_ever_more_slowly_and_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No server listening (stopped while the window is open): the listener's tries back off
    to one every RETRY_MAX_S, and the log says so once, not every 2 seconds."""
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql+psycopg://nobody@127.0.0.1:{port}/nothing"
    database = Database(make_engine(DatabaseLocation.parse(url)), DatabaseLocation.parse(url))
    watcher = _CountedRetries(database, failures=len(RETRIES))
    caplog.set_level(logging.DEBUG, logger="desktop_app.data.changes")
    try:
        watcher.start()
        watcher.wait_stopped()
    finally:
        watcher.stop()
        database.engine.dispose()
    assert watcher.delays == RETRIES
    assert len(_lines_logged(caplog)) == 1


def test_the_listening_connection_gives_up_and_keeps_alive(database_url: str) -> None:
    """The listener's own connection has the engine's connect timeout and TCP keepalives: a
    network gone quiet is found out, not listened to for good (and stop() is not kept waiting
    by a connection attempt to a host that does not answer)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    database = open_database(database_url)
    try:
        connection = ChangeWatcher(database, Heard())._connect_postgres()
        try:
            parameters = connection.info.get_parameters()
        finally:
            connection.close()
    finally:
        database.dispose()
    assert parameters["connect_timeout"] == str(CONNECT_TIMEOUT_S)
    assert parameters["keepalives"] == "1"
    assert parameters["keepalives_idle"] == str(SERVER_CONNECT_ARGS["keepalives_idle"])
