"""Opening databases: defaults, URLs, migrations, and refusing what is not ours."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from desktop_app.data.db import (
    ENV_DATABASE_URL,
    SQLITE_APPLICATION_ID,
    CorruptDatabase,
    DatabaseLocation,
    NotOurDatabase,
    default_database_path,
    open_database,
    resolve_url,
)


def test_url_comes_from_option_then_environment_then_default(monkeypatch):
    monkeypatch.setenv(ENV_DATABASE_URL, "postgresql://counter@db/shop")
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"
    assert resolve_url(None) == "postgresql://counter@db/shop"
    monkeypatch.delenv(ENV_DATABASE_URL)
    assert resolve_url(None) == f"sqlite:///{default_database_path()}"
    assert "repair-counter" in str(default_database_path())


URLS = [
    "sqlite:///counter.db",
    "sqlite:////var/lib/counter/counter.db",
    "sqlite:///C:/shop/counter.db",
    "sqlite:///a%20b.db",
    "sqlite:///counter.db?timeout=5",
    "sqlite+pysqlite:///counter.db",
    "sqlite://",
    "sqlite:///:memory:",
    "sqlite:///file:counter.db?mode=ro&uri=true",
    "sqlite://host/counter.db",
    "postgresql://counter@db/shop",
    "postgresql://counter:p%40ss@db:5433/shop?sslmode=require",
    "postgresql+psycopg2://counter@db/shop",
    "postgresql+psycopg://counter@[::1]/shop",
    "mysql+pymysql://counter@db/shop",
]


@pytest.mark.parametrize("url", URLS)
def test_a_location_reads_a_url_as_sqlalchemy_does(url: str):
    """The location is parsed once, before SQLAlchemy loads; it must agree with SQLAlchemy."""
    location = DatabaseLocation.parse(url)
    parsed = make_url(url)
    assert location.backend == parsed.get_backend_name()
    assert location.driver == ("" if "+" not in parsed.drivername else parsed.get_driver_name())
    database = parsed.database or ""
    is_file = parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:")
    expected = Path(database) if is_file and not database.startswith("file:") else None
    assert location.sqlite_file == expected
    if location.first_screen_file is not None:
        assert url.startswith("sqlite:///") and "?" not in url
        assert location.first_screen_file == location.sqlite_file


def test_a_plain_postgresql_url_connects_with_psycopg_3():
    assert DatabaseLocation.parse("postgresql://u:p%40ss@db/shop").engine_url == (
        "postgresql+psycopg://u:p%40ss@db/shop"
    )
    assert DatabaseLocation.parse("postgresql+psycopg2://u@db/shop").engine_url == (
        "postgresql+psycopg://u@db/shop"
    )
    for url in ("postgresql+psycopg://u@db/shop", "sqlite:///counter.db"):
        assert DatabaseLocation.parse(url).engine_url == url


def test_a_url_nobody_can_read_is_left_for_sqlalchemy_to_explain():
    location = DatabaseLocation.parse("counter.db")
    assert (location.backend, location.sqlite_file, location.first_screen_file) == ("", None, None)


def test_new_database_is_created_migrated_and_marked_ours(database_url):
    database = open_database(database_url)
    with database.engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert {"jobs", "job_events", "customers", "products", "users", "alembic_version"} <= tables
        if database.is_sqlite:
            assert connection.exec_driver_sql("PRAGMA application_id").scalar() == (
                SQLITE_APPLICATION_ID
            )
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    database.dispose()
    # Opening again finds it at the head revision and changes nothing.
    open_database(database_url).dispose()


def test_a_file_that_is_not_sqlite_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"shopping list: milk, eggs\n" * 10)
    before = path.read_bytes()
    with pytest.raises(NotOurDatabase, match="not a Repair Counter database"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_another_programs_sqlite_database_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(NotOurDatabase, match="another program"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_damaged_database_is_refused_and_untouched(tmp_path: Path):
    path = tmp_path / "counter.db"
    open_database(f"sqlite:///{path}").dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    before = path.read_bytes()
    with pytest.raises(CorruptDatabase):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_a_server_database_of_another_program_is_refused(postgres_server):
    url = postgres_server.create_database()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id serial PRIMARY KEY)"))
    engine.dispose()
    try:
        with pytest.raises(NotOurDatabase, match="another program"):
            open_database(url)
    finally:
        postgres_server.drop_database(url)


def test_the_latest_revision_read_from_file_names_is_alembics_head():
    from alembic.script import ScriptDirectory

    from desktop_app.data.db import latest_revision
    from desktop_app.data.migrate import alembic_config

    assert latest_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_a_damaged_record_of_checked_files_only_costs_a_check(tmp_path, monkeypatch):
    """The record of files already checked (the user's cache folder) is a cache: damaged or
    hostile (nested too deep for json), the file is checked again and the record rewritten."""
    from desktop_app.data import location

    record = tmp_path / "cache" / "sound-databases.json"
    monkeypatch.setattr(location, "_sound_files_record", lambda: record)
    path = tmp_path / "counter.db"
    open_database(f"sqlite:///{path}").dispose()  # closed cleanly: recorded
    assert str(path.resolve()) in json.loads(record.read_text(encoding="utf-8"))
    record.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    open_database(f"sqlite:///{path}").dispose()
    assert str(path.resolve()) in json.loads(record.read_text(encoding="utf-8"))
    assert record.stat().st_mode & 0o777 == 0o600
