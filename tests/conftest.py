import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt

import tempfile

# The record of the exports we wrote (receipts/output_files.ExportRecord): the tests' own, never
# the user's.
os.environ["REPAIR_COUNTER_EXPORT_RECORD"] = os.path.join(tempfile.mkdtemp(), "exports.json")
# The automatic and asked-for backups (data/backup.py): the tests' own folder, never the user's.
os.environ["REPAIR_COUNTER_BACKUP_DIR"] = os.path.join(tempfile.mkdtemp(), "backups")
# The sign-ins remembered for server databases (data/first_screen.py): the tests' own file.
os.environ["REPAIR_COUNTER_FIRST_SCREENS"] = os.path.join(tempfile.mkdtemp(), "first-screens.json")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.data.db import Database, open_database
from desktop_app.services import Services
from desktop_app.ui import collector
from tests.helpers import FAST_PASSWORDS, FakeClock, settle_background
from tests.postgres_server import PostgresNotAvailable, PostgresServer

# The services' clock starts the day before the 2026 National Day holiday, where the working-day
# rules show most; a test moves it, and a folder's conftest may start it elsewhere.
CHECK_IN_AT = datetime(2026, 9, 30, 10, 0)

# One QApplication for the whole session, made before any test can make a bare
# QCoreApplication (the receipt command line does, when run in-process): pytest-qt's
# `qapp` fixture reuses it, and widget tests would fail against a QCoreApplication.
_APPLICATION = QApplication.instance() or QApplication(["repair-counter-tests"])
# As in the window (create_application): cycles are collected on this, the GUI thread, only; a
# test's worker freeing an earlier test's window crashed the suite once.
_COLLECTOR = collector.install()


@pytest.fixture(autouse=True)
def _collect_on_the_gui_thread() -> Iterator[None]:
    """Between tests, what Python's automatic collection would have done meanwhile (a test that
    runs no event loop never lets the collector's timer fire). So what a cycle holds (a
    database left open, its files) lives until then: a test that opens many in a loop disposes
    of each."""
    yield
    _COLLECTOR.collect_due()


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


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(CHECK_IN_AT)


@pytest.fixture
def database(sqlite_url: str) -> Iterator[Database]:
    """A migrated SQLite database (a test module overrides this to run on PostgreSQL too)."""
    db = open_database(sqlite_url)
    yield db
    settle_background()
    db.dispose()


@pytest.fixture
def services(database: Database, clock: FakeClock) -> Services:
    return Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="test-counter")


@pytest.fixture
def backups_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Backups go to a folder of the test's own (REPAIR_COUNTER_BACKUP_DIR), never the user's."""
    folder = tmp_path / "backups"
    monkeypatch.setenv("REPAIR_COUNTER_BACKUP_DIR", str(folder))
    return folder
