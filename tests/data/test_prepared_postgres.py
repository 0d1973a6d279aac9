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
    with database.engine.connect() as connection:
        driver = connection.connection.dbapi_connection
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
