"""Opening databases: defaults, URLs, migrations, and refusing what is not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from desktop_app.data.db import (
    ENV_DATABASE_URL,
    SQLITE_APPLICATION_ID,
    CorruptDatabase,
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
