"""The start-up reader gives exactly what the services give (the shop, who may sign in), from
the standard library alone, and nothing about customers."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from desktop_app.data import first_screen as first_screen_module
from desktop_app.data.db import Database
from desktop_app.data.first_screen import (
    REMEMBERED_DATABASES,
    REMEMBERED_VARIABLE,
    read_first_screen,
    remember_first_screen,
    remembered_first_screen,
)
from desktop_app.data.location import DatabaseLocation, NotOurDatabase
from desktop_app.domain.roles import Role
from desktop_app.domain.sign_in import FirstScreen, SignInShop, UserSnapshot
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import actor, add_user, give_password

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def busy_counter(database: Database, services: Services) -> Services:
    """A shop with jobs, staff with passwords, closures and an extra working day."""
    DemoGenerator(database, seed=11, months=2).run(40, datetime(2026, 11, 25, 9, 0))
    manager = actor(services)
    services.shop.save_settings(
        replace(
            services.shop.settings(),
            name="城东家电维修",
            language="zh_CN",
            closures=(date(2026, 12, 24), date(2026, 12, 3)),
            extra_working_days=(date(2026, 12, 27),),
            # Issue 16's settings, none at its default: the start-up reader reads them all.
            repair_warranty_days=120,
            pickup_after_days=10,
            label_size="60x40",
        ),
        manager,
    )
    add_user(services, "wang", "王晓红", Role.CLERK)
    services.users.add(manager, "li", "李师傅", Role.TECHNICIAN, "temporary-1")
    zhao = add_user(services, "zhao", "赵敏", Role.CLERK)
    services.users.disable(manager, zhao.id)
    return services


def _path(database: Database) -> Path:
    path = database.location.first_screen_file
    assert path is not None
    return path


def test_the_first_screen_is_what_the_services_show(busy_counter: Services, database):
    first = read_first_screen(_path(database))

    assert first is not None
    shop = busy_counter.shop.settings()
    assert first.shop == SignInShop(shop.name, shop.language, shop.country)
    assert first.shop == SignInShop("城东家电维修", "zh_CN", "CN")
    assert list(first.users) == busy_counter.auth.sign_in_names()
    names = {user.username for user in first.users}
    assert {"manager", "wang", "li"} <= names and "zhao" not in names  # disabled: not offered


def test_the_first_screen_holds_no_customer_data(busy_counter: Services, database):
    first = read_first_screen(_path(database))
    assert first is not None
    assert set(vars(first)) == {"shop", "users"}  # nobody has signed in: no jobs, no customers


def test_anything_unusual_is_left_to_the_ordinary_start(services, database, tmp_path):
    assert read_first_screen(tmp_path / "new.db") is None
    # Nobody has a password yet: the setup (or the first manager password) needs the services.
    assert services.auth.sign_in_names() and read_first_screen(_path(database)) is None
    give_password(services, "manager")
    assert read_first_screen(_path(database)) is not None
    database.dispose()
    with sqlite3.connect(_path(database)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0002'")
    assert read_first_screen(_path(database)) is None  # a migration is due


def test_a_stranger_file_is_refused_as_opening_would(tmp_path):
    stranger = tmp_path / "notes.db"
    stranger.write_text("shopping list")

    with pytest.raises(NotOurDatabase):
        read_first_screen(stranger)


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


# Loaded behind the sign-in, never before it: SQLAlchemy, the holiday package, and the domain's
# snapshots (the shop's whole settings, and the dataclasses of the modules they import: about
# half a millisecond each to make).
HEAVY_MODULES = ("sqlalchemy", "holidays", "desktop_app.domain.snapshots")


def heavy_modules_loaded(reading: str) -> str:
    """Which of HEAVY_MODULES a fresh interpreter has loaded after running `reading` (Python
    lines that set `first` to a first screen of at least 3 people)."""
    script = (
        "import sys\n"
        f"{reading}\n"
        "assert first is not None and len(first.users) >= 3\n"
        f"print(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip()


def test_reading_the_first_screen_loads_no_sqlalchemy_holidays_or_snapshots(busy_counter, database):
    reading = (
        "from pathlib import Path\n"
        "from desktop_app.data.first_screen import read_first_screen\n"
        f"first = read_first_screen(Path({str(_path(database))!r}))"
    )
    assert heavy_modules_loaded(reading) == "[]"


# --- the sign-in remembered for a server database -------------------------------------------------


@pytest.fixture
def remembered_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    record = tmp_path / "cache" / "first-screens.json"
    monkeypatch.setenv(REMEMBERED_VARIABLE, str(record))
    return record


def _screen(name: str = "城东店") -> FirstScreen:
    return FirstScreen(
        SignInShop(name, "zh_CN", "CN"),
        (
            UserSnapshot(1, "manager", "店长", Role.MANAGER),
            UserSnapshot(7, "wang", "王晓红", Role.CLERK),
        ),
    )


def test_a_server_sign_in_is_remembered_without_its_password(remembered_file: Path):
    server = DatabaseLocation.parse("postgresql+psycopg://counter:s3cret@db:5432/shop")
    assert remembered_first_screen(server) is None  # nothing yet: read from the server
    remember_first_screen(server, _screen())

    assert remembered_first_screen(server) == _screen()
    # The same database reached with another password is the same sign-in; the password is
    # never written.
    other_password = DatabaseLocation.parse("postgresql+psycopg://counter:other@db:5432/shop")
    assert remembered_first_screen(other_password) == _screen()
    assert "s3cret" not in remembered_file.read_text(encoding="utf-8")
    for other in ("postgresql+psycopg://counter@db:5432/other", "postgresql://clerk@db/shop"):
        assert remembered_first_screen(DatabaseLocation.parse(other)) is None
    remember_first_screen(server, None)  # it now needs its setup: forgotten
    assert remembered_first_screen(server) is None


def test_a_sqlite_file_is_never_remembered(remembered_file: Path, tmp_path: Path):
    location = DatabaseLocation.parse(f"sqlite:///{tmp_path}/counter.db")
    remember_first_screen(location, _screen())
    assert not remembered_file.exists() and remembered_first_screen(location) is None


@pytest.mark.parametrize(
    "content",
    [
        "",
        "not json",
        "[]",
        '{"x": 1}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {}}}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {"name": 1, "language": "",'
        ' "country": "CN"}, "users": [[1, "manager", "M", "manager", true]]}}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {"name": "a", "language": "",'
        ' "country": "CN"}, "users": [[1, "manager", "M", "owner", true]]}}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {"name": "a", "language": "",'
        ' "country": "CN"}, "users": [[1, "manager", "M", "manager"]]}}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {"name": "a", "language": "",'
        ' "country": "CN"}, "users": []}}',
        '{"postgresql+psycopg://counter@db/shop": {"shop": {"name": "a", "language": "",'
        ' "country": "CN"}, "users": [["1", "manager", "M", "manager", true]]}}',
        "\x00\xff",
    ],
)
def test_a_damaged_record_is_read_from_the_server_and_rewritten(
    remembered_file: Path, content: str
):
    server = DatabaseLocation.parse("postgresql+psycopg://counter@db/shop")
    remembered_file.parent.mkdir(parents=True)
    remembered_file.write_text(content, encoding="utf-8", errors="surrogateescape")
    assert remembered_first_screen(server) is None
    remember_first_screen(server, _screen())
    assert remembered_first_screen(server) == _screen()


def test_the_newest_databases_are_remembered(remembered_file: Path):
    servers = [
        DatabaseLocation.parse(f"postgresql+psycopg://counter@db/shop{n}")
        for n in range(REMEMBERED_DATABASES + 5)
    ]
    for number, server in enumerate(servers):
        remember_first_screen(server, _screen(f"店{number}"))
    remember_first_screen(servers[0], _screen("again"))  # used again: newest
    assert remembered_first_screen(servers[0]) == _screen("again")
    kept = [server for server in servers if remembered_first_screen(server) is not None]
    assert len(kept) == REMEMBERED_DATABASES and servers[1] not in kept
    assert remembered_first_screen(servers[-1]) == _screen(f"店{len(servers) - 1}")


def test_an_unwritable_cache_folder_costs_only_the_memory(remembered_file: Path):
    remembered_file.parent.parent.mkdir(parents=True, exist_ok=True)
    remembered_file.parent.write_text("a file where the folder would be", encoding="utf-8")
    server = DatabaseLocation.parse("postgresql+psycopg://counter@db/shop")
    remember_first_screen(server, _screen())  # no exception
    assert remembered_first_screen(server) is None


@pytest.mark.parametrize(
    ("url", "secret"),
    [
        ("postgresql+psycopg://counter:S3cretA@db:5432/shop", "S3cretA"),
        ("postgresql://counter@db/shop?password=S3cretQ&sslmode=require", "S3cretQ"),
        ("postgresql:///shop?host=db&user=counter&password=S3cretH", "S3cretH"),
        ("postgresql://counter@db/shop?sslpassword=S3cretK&sslkey=/k.pem", "S3cretK"),
        ("postgresql://counter@db/shop?PassWord=S3cretC", "S3cretC"),
    ],
)
def test_no_password_in_any_form_of_url_reaches_the_record(
    remembered_file: Path, url: str, secret: str
):
    server = DatabaseLocation.parse(url)
    remember_first_screen(server, _screen())
    written = remembered_file.read_text(encoding="utf-8")
    assert secret not in written and "password" not in written.lower()
    assert remembered_first_screen(server) == _screen()
    # Owner-only: the names of the staff are nobody else's business on a shared computer.
    assert remembered_file.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in remembered_file.parent.iterdir()] == [remembered_file.name]


def test_hostile_records_cost_only_the_memory(remembered_file: Path):
    server = DatabaseLocation.parse("postgresql+psycopg://counter@db/shop")
    remembered_file.parent.mkdir(parents=True)
    remembered_file.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert remembered_first_screen(server) is None  # nested too deep for json: not a crash
    remember_first_screen(server, _screen())
    assert remembered_first_screen(server) == _screen()
    # Another database's record holding a lone surrogate (\\ud800 in its JSON): still written.
    other = '{"x": {"shop": {"name": "\\ud800", "language": "", "country": "CN"}, "users": []}}'
    remembered_file.write_text(other, encoding="utf-8")
    remember_first_screen(server, _screen("again"))
    assert remembered_first_screen(server) == _screen("again")
    assert [p.name for p in remembered_file.parent.iterdir()] == [remembered_file.name]


def test_a_failed_write_leaves_no_temporary_file(
    remembered_file: Path, monkeypatch: pytest.MonkeyPatch
):
    server = DatabaseLocation.parse("postgresql+psycopg://counter@db/shop")

    def refused(source: object, target: object) -> None:
        raise PermissionError("the file is held by another program")

    monkeypatch.setattr(first_screen_module.os, "replace", refused)
    remember_first_screen(server, _screen())  # no exception: it is a cache
    assert not remembered_file.parent.exists() or not list(remembered_file.parent.iterdir())
