"""Issue 15: a connection to PostgreSQL lost mid-session (ended by the administrator with
pg_terminate_backend, or the server stopped and started again) is survived: the next read works
on a fresh connection, a write caught by the loss is refused with the DatabaseUnreachable
refusal and leaves nothing half-saved, the write afterwards works, and the command line says one
line. SQLite is not concerned and behaves as before."""

from __future__ import annotations

import io
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from desktop_app.cli import main
from desktop_app.data.db import CONNECTION_LOST, MAYBE_SAVED, Database, open_database
from desktop_app.data.models import Customer, Job, JobEvent
from desktop_app.domain.errors import DatabaseUnreachable
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, check_in_form, settle_background
from tests.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


@pytest.fixture
def server_database(postgres_server: PostgresServer) -> Iterator[tuple[str, Database]]:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        yield url, database
    finally:
        settle_background()
        database.dispose()
        postgres_server.drop_database(url)


@pytest.fixture
def server_services(server_database, clock) -> Services:
    return Services.build(server_database[1], clock, passwords=FAST_PASSWORDS, workstation="pg")


@contextmanager
def at_statement(database: Database, words: str, then: Callable[[Any], None]) -> Iterator[None]:
    """Run `then(dbapi_connection)` just before the first statement containing `words` is sent:
    the connection it is about to use is ended under it."""
    fired: list[bool] = []

    def before(connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not fired and words in statement:
            fired.append(True)
            then(connection.connection.dbapi_connection)

    event.listen(database.engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(database.engine, "before_cursor_execute", before)
    assert fired, f"no statement with {words!r} was sent"


def backend_pids(database: Database, how_many: int) -> set[int]:
    """The server processes of `how_many` pooled connections, held at once."""
    connections = [database.engine.connect() for _ in range(how_many)]
    try:
        return {c.execute(text("SELECT pg_backend_pid()")).scalar_one() for c in connections}
    finally:
        for connection in connections:
            connection.close()


def counts(database: Database) -> tuple[int, int, int]:
    with database.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(table))
            for table in (Job, Customer, JobEvent)
        )


def test_connections_ended_by_the_administrator_are_replaced_and_the_next_read_works(
    postgres_server, server_database, server_services
):
    url, database = server_database
    manager = actor(server_services)
    job = server_services.jobs.check_in(check_in_form(), manager)
    before = backend_pids(database, 3)  # three connections in the pool
    assert postgres_server.end_connections(url) >= 3
    # Every read after it works, on connections the pool opened afresh: none of the ended ones
    # is ever handed out again.
    assert server_services.jobs.get(job.id).number == job.number
    assert [r.id for r in server_services.jobs.search(JobQuery()).rows] == [job.id]
    after = backend_pids(database, 3)
    assert not before & after
    # And the next action writes as if nothing had happened.
    second = server_services.jobs.check_in(check_in_form(), manager)
    assert second.number != job.number


def test_a_read_that_loses_its_connection_midway_is_the_refusal_and_the_next_read_works(
    postgres_server, server_database, server_services
):
    url, database = server_database
    job = server_services.jobs.check_in(check_in_form(), actor(server_services))
    with (
        at_statement(database, "FROM jobs", lambda _c: postgres_server.end_connections(url)),
        pytest.raises(DatabaseUnreachable) as refused,
    ):
        server_services.jobs.get(job.id)
    assert refused.value.render() == CONNECTION_LOST
    assert "Traceback" not in refused.value.render()
    assert server_services.jobs.get(job.id).number == job.number


def test_a_write_that_loses_its_connection_saves_nothing_and_the_write_afterwards_works(
    postgres_server, server_database, server_services
):
    url, database = server_database
    manager = actor(server_services)
    first = server_services.jobs.check_in(check_in_form(), manager)
    saved = counts(database)
    # The job and customer rows are sent; the connection ends before the job's event is.
    with (
        at_statement(
            database, "INSERT INTO job_events", lambda _c: postgres_server.end_connections(url)
        ),
        pytest.raises(DatabaseUnreachable) as refused,
    ):
        server_services.jobs.check_in(check_in_form(customer_name="李娜"), manager)
    assert refused.value.render() == CONNECTION_LOST
    assert counts(database) == saved  # nothing half-saved: no job, no customer, no event
    # The same check-in again works, and takes the number the lost one did not keep.
    again = server_services.jobs.check_in(check_in_form(customer_name="李娜"), manager)
    assert int(again.number[-4:]) == int(first.number[-4:]) + 1
    assert counts(database) == (2, 2, saved[2] + 1)


def test_a_commit_whose_answer_never_comes_says_it_may_have_been_saved(
    server_database, server_services
):
    """The network dropped just as the COMMIT left: the counter cannot know whether it arrived,
    and says so instead of "nothing was saved" (which would invite a duplicate check-in)."""
    _url, database = server_database
    manager = actor(server_services)
    saved = counts(database)

    def cut_the_wire(connection: Any) -> None:  # just before the COMMIT is sent
        descriptor = connection.connection.dbapi_connection.pgconn.socket
        wire = socket.socket(fileno=os.dup(descriptor))
        wire.shutdown(socket.SHUT_RDWR)
        wire.close()

    event.listen(database.engine, "commit", cut_the_wire)
    try:
        with pytest.raises(DatabaseUnreachable) as refused:
            server_services.jobs.check_in(check_in_form(), manager)
    finally:
        event.remove(database.engine, "commit", cut_the_wire)
    assert refused.value.render() == MAYBE_SAVED
    # Here the server never saw the COMMIT: nothing was saved, and the counter works on.
    assert counts(database) == saved
    server_services.jobs.check_in(check_in_form(), manager)
    assert counts(database)[0] == saved[0] + 1


def test_a_stopped_server_is_refused_cleanly_and_the_first_action_after_its_restart_works(
    clock,
):
    with PostgresServer() as server:
        url = server.create_database()
        database = open_database(url)
        try:
            services = Services.build(database, clock, passwords=FAST_PASSWORDS)
            manager = actor(services)
            job = services.jobs.check_in(check_in_form(), manager)
            server.halt()
            for read in (services.shop.ping, lambda: services.jobs.get(job.id)):
                with pytest.raises(DatabaseUnreachable) as refused:
                    read()
                assert refused.value.render() == CONNECTION_LOST
            with pytest.raises(DatabaseUnreachable):
                services.jobs.check_in(check_in_form(customer_name="李娜"), manager)
            server.resume()
            services.shop.ping()
            second = services.jobs.check_in(check_in_form(customer_name="李娜"), manager)
            assert [r.id for r in services.jobs.search(JobQuery()).rows] == [second.id, job.id]
        finally:
            database.dispose()


def test_the_command_line_says_one_line_when_the_connection_is_lost(
    postgres_server, server_database, server_services, capsys, monkeypatch
):
    url, _database = server_database
    server_services.jobs.check_in(check_in_form(), actor(server_services))
    capsys.readouterr()
    # The command opens its own engine: end the connections when any engine lists the jobs.
    fired: list[bool] = []

    def before(_connection: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not fired and "FROM jobs" in statement:
            fired.append(True)
            postgres_server.end_connections(url)

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    event.listen(Engine, "before_cursor_execute", before)
    try:
        code = main(
            ["--database", url, "jobs", "--format", "csv", "--user", "manager", "--password-stdin"]
        )
    finally:
        event.remove(Engine, "before_cursor_execute", before)
    assert fired
    out, err = capsys.readouterr()
    assert code == 2
    assert err.strip().splitlines() == [f"repair-counter: {CONNECTION_LOST}"]
    assert "Traceback" not in out + err


def test_the_command_line_says_one_line_when_the_server_is_down(capsys):
    with PostgresServer() as server:
        url = server.create_database()
        server.halt()
        code = main(["--database", url, "migrate"])
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert "cannot open the database" in err and "Connection refused" in err


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres")])
def test_a_statement_the_server_refuses_is_no_lost_connection(backend, request, tmp_path):
    """Only a gone connection is DatabaseUnreachable: a bad statement stays the error it is, on
    either backend (and SQLite's own errors are not read as a server's)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path}/counter.db"
        expected: type[Exception] = OperationalError
    else:
        url = request.getfixturevalue("postgres_server").create_database()
        expected = ProgrammingError
    database = open_database(url)
    try:
        for session_of in (database.read, database.write):
            with pytest.raises(expected) as raised, session_of() as session:
                session.execute(text("SELECT * FROM no_such_table"))
            assert not isinstance(raised.value, DatabaseUnreachable)
        database.ping()
    finally:
        database.dispose()
