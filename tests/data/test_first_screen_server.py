"""The start-up reader on PostgreSQL: psycopg alone gives exactly what the services give (the
shop, who may sign in), before SQLAlchemy loads, and nothing about customers; anything unusual,
a server that does not answer included, is left to the ordinary start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.data.first_screen import read_server_first_screen
from desktop_app.data.location import DatabaseLocation, DatabaseProblem
from desktop_app.domain.sign_in import SignInShop
from desktop_app.services import Services
from tests.data.test_first_screen import (  # the same shop, on a server
    busy_counter,  # noqa: F401
    heavy_modules_loaded,
)
from tests.helpers import give_password

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(postgres_server) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    url = postgres_server.create_database()
    db = open_database(url)
    try:
        yield db
    finally:
        db.dispose()
        postgres_server.drop_database(url)


def _uri(database: Database) -> str:
    uri = database.location.server_first_screen
    assert uri is not None
    return uri


def _at(url: str) -> DatabaseLocation:
    return DatabaseLocation.parse(url)


def _superuser(database: Database, statement: str) -> None:
    with psycopg.connect(_uri(database), autocommit=True) as connection:
        connection.execute(statement)


def test_the_first_screen_from_a_server_is_what_the_services_show(busy_counter, database):  # noqa: F811
    first = read_server_first_screen(database.location)

    assert first is not None
    shop = busy_counter.shop.settings()
    assert first.shop == SignInShop(shop.name, shop.language, shop.country)
    assert first.shop == SignInShop("城东家电维修", "zh_CN", "CN")
    assert list(first.users) == busy_counter.auth.sign_in_names()
    names = {user.username for user in first.users}
    assert {"manager", "wang", "li"} <= names and "zhao" not in names  # disabled: not offered
    assert set(vars(first)) == {"shop", "users"}  # no jobs, no customers


def test_anything_unusual_on_the_server_is_left_to_the_ordinary_start(services, database):
    uri = database.location
    # Nobody has a password yet: the setup (or the first manager password) needs the services.
    assert services.auth.sign_in_names() and read_server_first_screen(uri) is None
    give_password(services, "manager")
    assert read_server_first_screen(uri) is not None
    _superuser(database, "UPDATE alembic_version SET version_num = '0002'")
    assert read_server_first_screen(uri) is None  # a migration is due
    _superuser(database, "DROP TABLE alembic_version")
    assert read_server_first_screen(uri) is None  # not ours, or not yet made: never an error


def test_a_server_that_refuses_is_said_as_opening_would(database):
    """Nothing listens, or no such database: the same message the ordinary start-up gives,
    at once (it would only try again, and wait as long, to say the same)."""
    for url in (
        "postgresql://counter:secret@127.0.0.1:1/shop",
        database.url.rsplit("/", 1)[0] + "/no_such_db",
    ):
        with pytest.raises(DatabaseProblem) as quick:
            read_server_first_screen(_at(url))
        with pytest.raises(DatabaseProblem) as ordinary:
            open_database(url)
        assert str(quick.value) == str(ordinary.value), url
        assert "secret" not in str(quick.value)
    # An option libpq does not know: left to SQLAlchemy, which reads its URLs its own way.
    assert read_server_first_screen(_at(database.url + "?no_such_option=1")) is None


def test_a_url_libpq_reads_otherwise_is_left_to_the_ordinary_start():
    """libpq decodes a percent-encoded host, SQLAlchemy does not: where they would connect to
    different places, a failure of the quick way says nothing; the ordinary way decides."""
    assert read_server_first_screen(_at("postgresql://counter@%2Fno%2Fsuch%2Fdir/shop")) is None


def test_a_server_that_never_answers_is_waited_for_once(database, monkeypatch, tmp_path):
    """A server that takes the connection and never answers (hung, or a firewall): one
    connection attempt, one connect timeout, then the ordinary start-up's message."""
    import socket

    from PySide6.QtCore import QSettings

    from desktop_app.app import StartupProblem, create_application, open_counter
    from desktop_app.data import db, first_screen
    from desktop_app.ui.settings import UiSettings

    monkeypatch.setattr(first_screen, "CONNECT_TIMEOUT_S", 2)
    monkeypatch.setitem(db.SERVER_CONNECT_ARGS, "connect_timeout", 2)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # the kernel takes each connection; nobody ever answers
    listener.setblocking(False)
    try:
        url = f"postgresql://counter@127.0.0.1:{listener.getsockname()[1]}/shop"
        settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
        with pytest.raises(StartupProblem):
            open_counter(create_application(), url, settings)
        attempts = 0
        while True:
            try:
                accepted, _address = listener.accept()
            except BlockingIOError:
                break
            accepted.close()
            attempts += 1
        assert attempts == 1
    finally:
        listener.close()


def test_only_urls_for_our_driver_take_the_quick_way():
    quick = DatabaseLocation.parse
    assert quick("postgresql://counter@db:5432/shop").server_first_screen == (
        "postgresql://counter@db:5432/shop"
    )
    assert quick("postgresql+psycopg://c:p%40ss@/shop?host=/run/pg").server_first_screen == (
        "postgresql://c:p%40ss@/shop?host=/run/pg"
    )
    assert quick("postgresql+psycopg2://counter@db/shop").server_first_screen is not None
    for url in ("postgresql+asyncpg://counter@db/shop", "sqlite:///a.db", "mysql://a@b/c", "x"):
        assert quick(url).server_first_screen is None, url


def test_reading_the_first_screen_from_a_server_loads_no_sqlalchemy_or_snapshots(
    busy_counter,  # noqa: F811
    database,
):
    reading = (
        "from desktop_app.data.first_screen import read_server_first_screen\n"
        "from desktop_app.data.location import DatabaseLocation\n"
        f"first = read_server_first_screen(DatabaseLocation.parse({database.url!r}))"
    )
    assert heavy_modules_loaded(reading) == "[]"


def test_these_tests_run_on_the_server(services: Services, database):
    assert database.engine.dialect.name == "postgresql"  # the fixture above, not SQLite's
