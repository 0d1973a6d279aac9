"""Statements prepared on the PostgreSQL server (a job read, a check-in: data/db.py) survive a
table changing under them while the counter runs, and a connection lost in the middle; what
they set on a connection is undone for its next user."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import psycopg
import pytest
from sqlalchemy import event

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import DatabaseUnreachable
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

pytestmark = pytest.mark.postgres


@pytest.fixture
def counter(postgres_server) -> Iterator[tuple[Database, Services, Any]]:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    database = open_database(url)
    services = Services.build(
        database, FakeClock(datetime(2026, 9, 30, 10)), passwords=FAST_PASSWORDS
    )
    try:
        yield database, services, lambda: _superuser(postgres_server, url)
    finally:
        database.dispose()
        postgres_server.drop_database(url)


def _superuser(server, url: str) -> psycopg.Connection:  # type: ignore[no-untyped-def]
    name = urlsplit(url).path.lstrip("/")
    return psycopg.connect(
        host="127.0.0.1", port=server.port, user="postgres", dbname=name, autocommit=True
    )


def _connection_as_left(database: Database) -> tuple[bool, object]:
    """Autocommit and the prepare threshold as the pool hands the connection out next; its
    isolation level is the server's default again (a job's read sets REPEATABLE READ)."""
    with database.engine.connect() as connection:
        driver = connection.connection.dbapi_connection
        assert driver.isolation_level in (None, psycopg.IsolationLevel.READ_COMMITTED)
        return driver.autocommit, driver.prepare_threshold


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE customers ALTER COLUMN phone TYPE varchar(32)",  # a limit widened
        "ALTER TABLE jobs ALTER COLUMN diagnosis TYPE varchar(5000)",
    ],
)
def test_a_table_changed_under_prepared_statements_is_read_and_written_again(counter, change):
    """PostgreSQL refuses a prepared statement whose result type changed ("cached plan must not
    change result type"), and psycopg would use it again at every job opened on that connection:
    the statements are forgotten and the same read or check-in made again, unprepared."""
    database, services, superuser = counter
    clerk = actor(services)
    job = services.jobs.check_in(check_in_form(), clerk)
    services.jobs.get(job.id)  # the job view: its statements prepared on this connection
    with superuser() as admin:
        admin.execute(change)
    assert services.jobs.search(JobQuery(), after=None, limit=10).rows
    for _ in range(3):
        assert services.jobs.get(job.id).id == job.id
    assert services.jobs.check_in(check_in_form(serial="SN-AFTER-CHANGE"), clerk).id > job.id
    with superuser() as admin:
        admin.execute(change.replace("varchar(32)", "varchar(40)").replace("5000", "6000"))
    # The check-in's own statements were prepared too: the same again for a write.
    assert services.jobs.check_in(check_in_form(serial="SN-AFTER-SECOND"), clerk).id
    assert _connection_as_left(database) == (False, None)


def test_a_connection_lost_in_a_prepared_read_is_said_and_the_next_read_works(counter):
    database, services, superuser = counter
    job = services.jobs.check_in(check_in_form(), actor(services))
    services.jobs.get(job.id)
    armed = {"on": True}

    def kill(connection, _cursor, statement, _parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if armed["on"] and "FROM job_events" in statement:
            armed["on"] = False
            pid = connection.connection.dbapi_connection.info.backend_pid
            with superuser() as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

    event.listen(database.engine, "before_cursor_execute", kill)
    try:
        with pytest.raises(DatabaseUnreachable):
            services.jobs.get(job.id)
    finally:
        event.remove(database.engine, "before_cursor_execute", kill)
    assert services.jobs.get(job.id).id == job.id
    assert _connection_as_left(database) == (False, None)


def test_a_refused_prepared_read_leaves_the_connection_as_it_was(counter):
    database, services, _superuser = counter
    from desktop_app.domain.errors import NotFound

    with pytest.raises(NotFound):
        services.jobs.get(999_999)
    assert _connection_as_left(database) == (False, None)
    with database.read() as session:  # the next plain read is one transaction again
        assert session.connection().connection.driver_connection.autocommit is False


def test_a_stale_plan_is_known_in_any_language_of_the_server():
    """The server's message is in its own language (lc_messages): the refusal is known by its
    code and the server function that raised it, never by its words."""
    from types import SimpleNamespace

    from sqlalchemy.exc import DBAPIError

    from desktop_app.data.db import _stale_plan

    def refusal(code: str, function: str, words: str) -> DBAPIError:
        orig = SimpleNamespace(sqlstate=code, diag=SimpleNamespace(source_function=function))
        orig.__str__ = lambda: words  # type: ignore[method-assign]
        return DBAPIError("SELECT 1", {}, orig, connection_invalidated=False)  # type: ignore[arg-type]

    assert _stale_plan(refusal("0A000", "RevalidateCachedQuery", "已缓冲的计划不能改变结果类型"))
    assert _stale_plan(refusal("0A000", "RevalidateCachedQuery", "cached plan must not change"))
    assert not _stale_plan(refusal("0A000", "transformStmt", "cached plan must not change"))
    assert not _stale_plan(refusal("42P01", "RevalidateCachedQuery", "relation does not exist"))


def test_two_counters_checking_in_one_serial_take_turns(counter, monkeypatch):
    """Both would read "not in the shop" before either wrote (READ COMMITTED): the second waits
    on the serial until the first has written, then sees its job and is refused."""
    import threading
    import time

    from desktop_app.data import queries
    from desktop_app.domain.errors import InvalidInput

    database, services, superuser = counter
    second_database = open_database(database.url)
    try:
        second = Services.build(
            second_database, FakeClock(datetime(2026, 9, 30, 10)), passwords=FAST_PASSWORDS
        )
        looked = threading.Event()
        go_on = threading.Event()
        real = queries.open_jobs_for_serial

        def first_looks_and_waits(session, serial):  # type: ignore[no-untyped-def]
            found = real(session, serial)
            if threading.current_thread().name == "first":
                looked.set()
                go_on.wait(20)  # the first has looked and not yet written
            return found

        monkeypatch.setattr(queries, "open_jobs_for_serial", first_looks_and_waits)
        outcome: dict[str, object] = {}

        def check_in(name: str, counter_services: Services) -> None:
            try:
                form = check_in_form(serial="SN-SAME-0001", phone=f"1381234567{len(name)}")
                outcome[name] = counter_services.jobs.check_in(form, actor(counter_services))
            except InvalidInput as refusal:
                outcome[name] = refusal

        first = threading.Thread(target=check_in, args=("first", services), name="first")
        first.start()
        assert looked.wait(20)
        later = threading.Thread(target=check_in, args=("second", second), name="second")
        later.start()
        # The second counter waits on the serial's lock (seen on the server), not on time.
        deadline = time.monotonic() + 20
        with superuser() as admin:
            while not admin.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()[0]:
                assert time.monotonic() < deadline, "the second counter never waited"
                assert later.is_alive(), outcome.get("second")
        go_on.set()
        first.join(30)
        later.join(30)
    finally:
        go_on.set()
        second_database.dispose()
    assert not isinstance(outcome["first"], InvalidInput), outcome["first"]
    assert isinstance(outcome["second"], InvalidInput), outcome["second"]
    with database.read() as session:
        assert len(queries.open_jobs_for_serial(session, "SN-SAME-0001")) == 1
