"""The throw-away PostgreSQL server and the database fixtures really work."""

import pytest
from sqlalchemy import create_engine, text

from tests.postgres_server import (
    PostgresNotAvailable,
    PostgresServer,
    find_bindir,
)


def _query(url: str, statement: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(statement)).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_server_accepts_connections(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    try:
        assert url.startswith(f"postgresql+psycopg://postgres@127.0.0.1:{postgres_server.port}/")
        assert _query(url, "select 1") == 1
        version = str(_query(url, "show server_version"))
        assert int(version.split(".")[0]) >= 15, version
        assert int(str(_query(url, "show server_version_num"))) >= 150000
        assert _query(url, "show listen_addresses") == "127.0.0.1"
        assert _query(url, "show fsync") == "off"
        assert _query(url, "show synchronous_commit") == "off"
        assert _query(url, "show full_page_writes") == "off"
    finally:
        postgres_server.drop_database(url)


@pytest.mark.postgres
def test_databases_sort_as_c_with_a_utf8_character_type(postgres_server: PostgresServer) -> None:
    """UTF-8 ctype: pg_trgm makes trigrams of Chinese (none in locale C); a database may ask
    for C, to try the search there."""
    utf8, c_ctype = postgres_server.create_database(), postgres_server.create_database(ctype="C")
    try:
        assert _query(utf8, "show lc_ctype") == "C.UTF-8"
        assert _query(utf8, "show lc_collate") == "C"
        assert _query(c_ctype, "show lc_ctype") == "C"
    finally:
        postgres_server.drop_database(utf8)
        postgres_server.drop_database(c_ctype)


@pytest.mark.postgres
def test_create_database_gives_distinct_databases(postgres_server: PostgresServer) -> None:
    first = postgres_server.create_database()
    second = postgres_server.create_database()
    try:
        assert first != second
        name_first = _query(first, "select current_database()")
        name_second = _query(second, "select current_database()")
        assert name_first != name_second
        assert first.endswith(f"/{name_first}")

        # A table in one is invisible in the other.
        engine = create_engine(first)
        try:
            with engine.begin() as conn:
                conn.execute(text("create table only_in_first (id integer)"))
        finally:
            engine.dispose()
        assert _query(first, "select to_regclass('only_in_first') is not null") is True
        assert _query(second, "select to_regclass('only_in_first') is not null") is False
    finally:
        postgres_server.drop_database(first)
        postgres_server.drop_database(second)


@pytest.mark.postgres
def test_drop_database_closes_open_connections(postgres_server: PostgresServer) -> None:
    url = postgres_server.create_database()
    name = url.rsplit("/", 1)[1]
    engine = create_engine(url)
    conn = engine.connect()  # left open on purpose: drop must still succeed
    try:
        conn.execute(text("select 1"))
        postgres_server.drop_database(url)
    finally:
        conn.invalidate()
        conn.close()
        engine.dispose()
    admin = postgres_server.url("postgres")
    exists = _query(admin, f"select count(*) from pg_database where datname = '{name}'")
    assert exists == 0


def test_database_url_fixture(database_url: str) -> None:
    assert _query(database_url, "select 1") == 1


def test_sqlite_url_fixture(sqlite_url: str) -> None:
    assert sqlite_url.startswith("sqlite:///")
    assert sqlite_url.endswith("/counter.db")
    assert _query(sqlite_url, "select 1") == 1


def test_missing_binaries_give_a_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PG_BINDIR", str(tmp_path))
    with pytest.raises(PostgresNotAvailable, match="does not contain initdb and pg_ctl"):
        find_bindir()
    with pytest.raises(PostgresNotAvailable, match="does not exist"):
        PostgresServer(bindir=tmp_path).start()


def test_stop_without_start_is_harmless() -> None:
    server = PostgresServer()
    server.stop()
    assert not server.running
    with pytest.raises(RuntimeError, match="not running"):
        server.url("x")
