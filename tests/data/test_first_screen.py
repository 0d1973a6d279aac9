"""The start-up reader gives exactly what the services give, from the standard library alone."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import event

from desktop_app.data.db import Database
from desktop_app.data.first_screen import JOB_LIST_SQL, read_first_screen
from desktop_app.data.location import DatabaseLocation, NotOurDatabase
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_counter(database: Database, services: Services) -> Services:
    """A shop with 150 jobs in every status, technicians, closures and an extra working day."""
    DemoGenerator(database, seed=11, months=2).run(150, datetime(2026, 11, 25, 9, 0))
    manager = services.users.by_username("manager")
    assert manager is not None
    services.shop.save_settings(
        replace(
            services.shop.settings(),
            name="城东家电维修",
            closures=(date(2026, 12, 24), date(2026, 12, 3)),
            extra_working_days=(date(2026, 12, 27),),
        ),
        manager.id,
    )
    return services


def _path(database: Database) -> Path:
    path = database.location.first_screen_file
    assert path is not None
    return path


@pytest.mark.parametrize("rows", [1, 60, 149, 150, 400])
def test_the_first_screen_is_what_the_services_show(busy_counter: Services, database, rows):
    first = read_first_screen(_path(database), "manager", rows)

    assert first is not None
    assert first.shop == busy_counter.shop.settings()
    assert first.shop.closures == (date(2026, 12, 3), date(2026, 12, 24))
    assert first.user == busy_counter.users.by_username("manager")
    assert first.page == busy_counter.jobs.search(JobQuery(), limit=rows)
    assert any(row.technician for row in first.page.rows) or rows == 1
    if first.page.next_cursor is not None:  # the services carry on exactly where it stopped
        after = busy_counter.jobs.search(JobQuery(), after=first.page.next_cursor, limit=50)
        whole = busy_counter.jobs.search(JobQuery(), limit=rows + 50)
        assert first.page.rows + after.rows == whole.rows


def test_an_empty_counter_has_an_empty_first_screen(services, database):
    first = read_first_screen(_path(database), "manager", 60)

    assert first is not None
    assert first.page.rows == () and first.page.next_cursor is None


def test_anything_unusual_is_left_to_the_ordinary_start(services, database, tmp_path):
    assert read_first_screen(tmp_path / "new.db", "manager", 60) is None
    assert read_first_screen(_path(database), "nobody", 60) is None
    database.dispose()
    with sqlite3.connect(_path(database)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    assert read_first_screen(_path(database), "manager", 60) is None  # a migration is due


def test_a_stranger_file_is_refused_as_opening_would(tmp_path):
    stranger = tmp_path / "notes.db"
    stranger.write_text("shopping list")

    with pytest.raises(NotOurDatabase):
        read_first_screen(stranger, "manager", 60)


def test_the_first_screen_sends_the_job_lists_own_statement(services: Services, database):
    """One column order for both readers: what list_jobs sends, compiled by SQLAlchemy, is the
    first screen's statement word for word (but for the page size, a parameter in both)."""
    sent: list[str] = []

    def record(_conn, _cursor, statement: str, *_args) -> None:
        sent.append(statement)

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        services.jobs.search(JobQuery(), limit=5)
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
    [listed] = [statement for statement in sent if "FROM jobs" in statement]
    words = " ".join(listed.split())
    assert words.endswith(" LIMIT ? OFFSET ?")
    assert words.removesuffix(" LIMIT ? OFFSET ?") == JOB_LIST_SQL


def test_only_plain_sqlite_urls_take_the_quick_way(tmp_path):
    assert DatabaseLocation.parse(f"sqlite:///{tmp_path}/a.db").first_screen_file == (
        tmp_path / "a.db"
    )
    assert DatabaseLocation.parse("sqlite:///relative.db").first_screen_file == Path("relative.db")
    for url in (
        "postgresql://counter@db/shop",
        "sqlite://",
        "sqlite:///:memory:",
        f"sqlite:///{tmp_path}/a.db?timeout=5",
        f"sqlite+pysqlite:///{tmp_path}/a.db",
        "sqlite:///file:a.db?mode=ro&uri=true",
        "sqlite://host/a.db",
    ):
        assert DatabaseLocation.parse(url).first_screen_file is None, url


def test_reading_the_first_screen_loads_neither_sqlalchemy_nor_holidays(busy_counter, database):
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop_app.data.first_screen import read_first_screen\n"
        f"first = read_first_screen(Path({str(_path(database))!r}), 'manager', 60)\n"
        "assert first is not None and len(first.page.rows) == 60\n"
        "print(sorted(m for m in ('sqlalchemy', 'holidays') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
