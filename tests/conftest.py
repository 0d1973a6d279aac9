import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.postgres_server import PostgresNotAvailable, PostgresServer

# One QApplication for the whole session, made before any test can make a bare
# QCoreApplication (the receipt command line does, when run in-process): pytest-qt's
# `qapp` fixture reuses it, and widget tests would fail against a QCoreApplication.
_APPLICATION = QApplication.instance() or QApplication(["repair-counter-tests"])


def _running_under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A throw-away PostgreSQL server for the whole session (skipped if not installed)."""
    server = PostgresServer()
    try:
        server.start()
    except PostgresNotAvailable as exc:
        if _running_under_ci():
            pytest.fail(f"{exc} (CI is set: PostgreSQL tests must not be skipped)")
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
    ]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLAlchemy URL of an empty database, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/counter.db"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    url = server.create_database()
    try:
        yield url
    finally:
        server.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """SQLAlchemy URL of an empty SQLite database file."""
    return f"sqlite:///{tmp_path}/counter.db"
