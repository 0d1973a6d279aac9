"""Opening the counter: the sign-in before the services, then the window as whoever signed in."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from shiboken6 import isValid
from sqlalchemy import update

from desktop_app import app as app_module
from desktop_app.app import Counter, create_application, open_counter
from desktop_app.data import calendar_cache as calendar_cache_module
from desktop_app.data.db import Database, open_database
from desktop_app.data.first_screen import remember_first_screen, remembered_first_screen
from desktop_app.data.location import DatabaseLocation, DatabaseProblem
from desktop_app.data.models import User
from desktop_app.domain.national_calendar import (
    PACKAGE_CALENDARS,
    CompiledCalendar,
    NationalCalendars,
)
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.services.jobs import local_now
from desktop_app.ui.dialogs.password_dialogs import ManagerPasswordDialog
from desktop_app.ui.dialogs.setup_dialog import SetupDialog
from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import FIRST_PAGE
from desktop_app.ui.resources import install_translator
from tests.helpers import PASSWORD, actor, add_user, give_password
from tests.ui.driving import type_text, wait_idle

pytestmark = pytest.mark.usefixtures("cheap_passwords")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shop_with_jobs(database: Database, services: Services, tmp_path: Path) -> str:
    DemoGenerator(database, seed=5, months=2).run(120, datetime(2026, 11, 25, 9, 0))
    give_password(services, "manager")
    database.dispose()  # the counter opens the file itself, as at the shop
    return database.url


def _sign_in(qtbot, counter: Counter) -> MainWindow:  # type: ignore[no-untyped-def]
    dialog = counter.dialog
    assert isinstance(dialog, SignInDialog)
    dialog.form.select("manager")
    dialog.form.password.setText(PASSWORD)
    with qtbot.waitSignal(counter.window_opened, timeout=20_000):
        dialog.form.sign_in_button.click()
    assert counter.window is not None
    return counter.window


def _close(counter: Counter) -> None:
    for widget in (counter.dialog, counter.window):
        if widget is not None and isValid(widget):
            widget.close()
    counter.dispose()


@pytest.fixture
def calendar_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the compiled national calendar out of the real user cache."""
    directory = tmp_path / "cache"
    real = calendar_cache_module.load_national_calendar
    monkeypatch.setattr(
        calendar_cache_module,
        "load_national_calendar",
        lambda country, today: real(country, today, directory=directory),
    )
    return directory


def test_the_sign_in_shows_before_the_services_then_the_window_opens(
    qtbot, shop_with_jobs, services, ui_settings, calendar_cache
):
    app = create_application()
    counter = open_counter(app, shop_with_jobs, ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SignInDialog)
        assert counter.services is None and counter.window is None
        assert dialog.form.user_box.findData("manager") >= 0
        with qtbot.waitSignal(counter.services_ready, timeout=20_000):
            counter.show()  # the first paint loads the services
        window = _sign_in(qtbot, counter)
        wait_idle(qtbot)  # pages, counts and clocks are read in the background
        assert window.model.rowCount() == FIRST_PAGE and window.model.canFetchMore()
        assert window.search_box.isEnabled() and window.check_in_action.isEnabled()
        open_jobs = services.jobs.summary().open
        assert window.summary_labels["open"].text() == f"Open: {open_jobs}"
        assert window.statusBar().currentMessage().startswith("Signed in: ")
        assert not isValid(dialog) or not dialog.isVisible()  # closed, then freed
        assert calendar_cache.is_dir()  # the national calendar was compiled for the next start
    finally:
        _close(counter)


@pytest.mark.parametrize("first_screen", [True, False], ids=["first-screen", "ordinary"])
def test_the_services_get_the_national_calendar_loaded_at_start_up(
    qtbot, shop_with_jobs, ui_settings, calendar_cache, monkeypatch, first_screen
):
    """Handed down by app.py, never registered: the services answer from the very calendar
    start-up read from the cache, however the window opened."""
    if not first_screen:
        monkeypatch.setattr(app_module, "_first_screen", lambda app, location: (None, False))
    loaded: list[CompiledCalendar] = []
    load = calendar_cache_module.load_national_calendar
    monkeypatch.setattr(
        calendar_cache_module,
        "load_national_calendar",
        lambda *args: loaded.append(load(*args)) or loaded[-1],
    )
    handed: list[NationalCalendars] = []
    build = Services.build

    def recording_build(database, clock=local_now, calendars=PACKAGE_CALENDARS, **options):
        handed.append(calendars)
        return build(database, clock, calendars, **options)

    monkeypatch.setattr(Services, "build", recording_build)
    app = create_application()
    counter = open_counter(app, shop_with_jobs, ui_settings)
    try:
        if counter.services is None:
            with qtbot.waitSignal(counter.services_ready, timeout=20_000):
                counter.show()
        assert len(loaded) == 1
        assert handed and handed[-1].for_country("CN") is loaded[0]
    finally:
        _close(counter)


def test_a_new_database_opens_the_ordinary_way_and_asks_for_its_setup(
    qtbot, tmp_path, ui_settings, calendar_cache
):
    app = create_application()
    counter = open_counter(app, f"sqlite:///{tmp_path}/new.db", ui_settings)
    try:
        assert counter.services is not None and counter.database is not None
        assert isinstance(counter.dialog, SetupDialog) and counter.window is None
    finally:
        _close(counter)


def test_a_database_gone_bad_after_the_first_screen_is_explained_and_closes(
    qtbot, shop_with_jobs, ui_settings, calendar_cache, monkeypatch
):
    from desktop_app.data import db

    def refuse(url: str, **_options: object) -> Database:
        raise DatabaseProblem("the disk went away")

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(db, "open_database", refuse)
    monkeypatch.setattr(
        app_module.prompts, "error", lambda parent, title, text: shown.append((title, text))
    )
    app = create_application()
    counter = open_counter(app, shop_with_jobs, ui_settings)
    with qtbot.waitSignal(counter.finished, timeout=20_000):
        counter.show()

    assert counter.problem is not None
    assert shown == [("Cannot open the database", "the disk went away")]
    assert counter.dialog is not None and not counter.dialog.isVisible()
    assert counter.window is None
    _close(counter)


def test_the_first_paint_needs_only_what_the_sign_in_shows(shop_with_jobs, tmp_path):
    """The point of the quick start, guarded: a new import before the sign-in dialog's first
    paint fails here. Not SQLAlchemy, not the holiday package (the national calendar loads with
    the services), not the domain's snapshots (51 dataclasses made, ~25 ms), and not Qt's
    namespace of enums (`Qt.*`: PySide6 builds its 94 enums at the first use, 10-20 ms)."""
    script = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6 import QtCore
from PySide6.QtCore import QSettings
from desktop_app.app import call_after_first_paint, create_application, open_counter
from desktop_app.ui.settings import UiSettings

app = create_application()
settings = UiSettings(QSettings({str(tmp_path / "ui.ini")!r}, QSettings.Format.IniFormat))
counter = open_counter(app, {shop_with_jobs!r}, settings)
seen = {{}}
HEAVY = ("sqlalchemy", "holidays", "desktop_app.domain.snapshots")
def painted():
    seen["painted"] = sorted(m for m in HEAVY if m in sys.modules)
    seen["painted"] += ["Qt namespace"] if "Qt" in vars(QtCore) else []
call_after_first_paint(counter.dialog, painted)
counter.services_ready.connect(app.quit)
counter.show()
app.exec()
ready = sorted(m for m in HEAVY if m in sys.modules)
print(seen["painted"], ready, counter.services is not None)
counter.dispose()
"""

    def start() -> str:
        environment = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "xdg"))
        done = subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=environment,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    # The very first start compiles the calendar cache, behind the sign-in; every later one
    # reads it.
    assert start() == "[] ['desktop_app.domain.snapshots', 'holidays', 'sqlalchemy'] True"
    assert start() == "[] ['desktop_app.domain.snapshots', 'sqlalchemy'] True"


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch):
    """The services load only when the test lets them (and record the database they open).

    `started` is set by the loading thread once it is waiting: a test waits on that, not on time.
    """
    started = threading.Event()
    release = threading.Event()
    opened: list[Database] = []
    real = app_module._open_services

    def held(*args):  # type: ignore[no-untyped-def]
        started.set()
        assert release.wait(20)
        database, services = real(*args)
        opened.append(database)
        return database, services

    monkeypatch.setattr(app_module, "_open_services", held)
    return started, release, opened


def test_the_sign_in_answers_while_the_services_load_and_waits_for_them(
    qtbot, shop_with_jobs, ui_settings, calendar_cache, held_open
):
    started, release, _opened = held_open
    app = create_application()
    counter = open_counter(app, shop_with_jobs, ui_settings)
    try:
        counter.show()
        # The loading thread is under way and blocked; the GUI thread must still answer.
        qtbot.waitUntil(started.is_set, timeout=20_000)
        dialog = counter.dialog
        assert isinstance(dialog, SignInDialog)
        dialog.form.select("manager")
        type_text(qtbot, dialog.form.password, PASSWORD)
        dialog.form.sign_in_button.click()  # held until the services are there
        assert dialog.form.busy_label.isVisibleTo(dialog) and counter.window is None
        with qtbot.waitSignal(counter.window_opened, timeout=20_000):
            release.set()
        assert counter.window is not None and counter.window.user.username == "manager"
    finally:
        _close(counter)


def test_closing_while_the_services_load_closes_their_database(
    qtbot, shop_with_jobs, ui_settings, calendar_cache, held_open, monkeypatch
):
    started, release, opened = held_open
    disposed: list[Database] = []
    real_dispose = Database.dispose
    monkeypatch.setattr(Database, "dispose", lambda db: (disposed.append(db), real_dispose(db)))
    app = create_application()
    counter = open_counter(app, shop_with_jobs, ui_settings)
    counter.show()
    qtbot.waitUntil(started.is_set, timeout=20_000)  # the services are being loaded
    assert counter.dialog is not None
    counter.dialog.reject()  # Cancel at the sign-in
    counter.dispose()  # does not wait: a server that never answers would hold it ~10 s
    loading = counter._loading
    assert loading is not None and loading.is_alive() and opened == []
    release.set()
    loading.join(20)  # the thread closes what it opened, nobody attaches it

    assert len(opened) == 1 and disposed == opened
    assert counter.database is None and counter.services is None


@pytest.fixture
def server_shop(postgres_server) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A shop with jobs and a manager's password on a PostgreSQL server."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        services = Services.build(database)
        DemoGenerator(database, seed=5, months=2).run(60, datetime(2026, 11, 25, 9, 0))
        give_password(services, "manager")
    finally:
        database.dispose()
    yield url
    postgres_server.drop_database(url)


@pytest.mark.postgres
def test_on_a_server_too_the_sign_in_shows_before_the_services(
    qtbot, server_shop, ui_settings, calendar_cache
):
    app = create_application()
    counter = open_counter(app, server_shop, ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SignInDialog)
        assert counter.services is None and counter.window is None  # read with psycopg alone
        assert dialog.form.user_box.findData("manager") >= 0
        with qtbot.waitSignal(counter.services_ready, timeout=20_000):
            counter.show()  # the first paint loads the services
        window = _sign_in(qtbot, counter)
        wait_idle(qtbot)
        assert window.model.rowCount() > 0
    finally:
        _close(counter)


# --- a server's sign-in from the last start's memory (data/first_screen.py) ---------------------


def _start_and_load(qtbot, url: str, ui_settings) -> Counter:  # type: ignore[no-untyped-def]
    counter = open_counter(create_application(), url, ui_settings)
    if counter.services is None:
        with qtbot.waitSignal(counter.services_ready, timeout=20_000):
            counter.show()
    return counter


def _server_services(url: str) -> tuple[Database, Services]:
    database = open_database(url)
    return database, Services.build(database)


@pytest.mark.postgres
def test_a_server_sign_in_shows_from_memory_and_the_database_puts_it_right(
    qtbot, server_shop, ui_settings, calendar_cache, monkeypatch
):
    _close(_start_and_load(qtbot, server_shop, ui_settings))  # remembers what it read
    database, services = _server_services(server_shop)
    try:  # meanwhile, at another counter: a new name, Chinese, and one more person
        manager = actor(services)
        shop = services.shop.settings()
        services.shop.save_settings(replace(shop, name="城西店", language="zh_CN"), manager)
        add_user(services, "wang", "王晓红", Role.CLERK)
    finally:
        database.dispose()

    def no_server(location):  # type: ignore[no-untyped-def]
        raise AssertionError("the remembered sign-in needs no server before its first paint")

    monkeypatch.setattr(app_module, "read_server_first_screen", no_server)
    app = create_application()
    counter = open_counter(app, server_shop, ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SignInDialog) and counter.services is None
        assert shop.name == "" and dialog.heading.text() == "After-sales counter"  # unnamed
        assert dialog.cancel_button.text() == "Cancel"
        assert dialog.form.user_box.findData("wang") < 0  # as the last start saw it
        dialog.form.select("manager")
        with qtbot.waitSignal(counter.services_ready, timeout=20_000):
            counter.show()
        assert dialog.heading.text() == "城西店" and dialog.cancel_button.text() == "取消"
        assert dialog.form.user_box.findData("wang") >= 0
        assert dialog.form.username() == "manager"  # the person picked stays picked
        assert _sign_in(qtbot, counter).user.username == "manager"
    finally:
        _close(counter)
        install_translator(create_application(), "")
    remembered = remembered_first_screen(DatabaseLocation.parse(server_shop))
    assert remembered is not None and remembered.shop.name == "城西店"


@pytest.mark.postgres
def test_a_remembered_server_sign_in_gives_way_to_a_first_manager_password(
    qtbot, server_shop, ui_settings, calendar_cache
):
    _close(_start_and_load(qtbot, server_shop, ui_settings))
    database, _services = _server_services(server_shop)
    try:  # the database restored from before anyone had a password
        with database.write() as session:
            session.execute(update(User).values(password_hash=None))
    finally:
        database.dispose()
    app = create_application()
    counter = open_counter(app, server_shop, ui_settings)
    try:
        dialog = counter.dialog
        assert isinstance(dialog, SignInDialog)  # from memory
        dialog.form.select("manager")
        dialog.form.password.setText(PASSWORD)
        dialog.form.sign_in_button.click()  # typed before the services are there: dropped
        with qtbot.waitSignal(counter.services_ready, timeout=20_000, raising=False):
            counter.show()
        qtbot.waitUntil(lambda: isinstance(counter.dialog, ManagerPasswordDialog), timeout=20_000)
        assert counter.dialog.isVisible() and counter.window is None
        assert not isValid(dialog) or not dialog.isVisible()
        assert counter.problem is None  # nothing failed: the counter goes on
    finally:
        _close(counter)
    assert remembered_first_screen(DatabaseLocation.parse(server_shop)) is None  # forgotten


@pytest.mark.postgres
def test_a_remembered_sign_in_for_a_server_gone_says_so_and_closes(
    qtbot, server_shop, ui_settings, calendar_cache, monkeypatch
):
    _close(_start_and_load(qtbot, server_shop, ui_settings))
    first = remembered_first_screen(DatabaseLocation.parse(server_shop))
    assert first is not None
    with socket.socket() as listener:  # a port nobody answers on, as a server switched off
        listener.bind(("127.0.0.1", 0))
        gone = f"postgresql+psycopg://counter@127.0.0.1:{listener.getsockname()[1]}/shop"
    remember_first_screen(DatabaseLocation.parse(gone), first)
    shown: list[str] = []
    monkeypatch.setattr(app_module.prompts, "error", lambda parent, title, text: shown.append(text))
    app = create_application()
    counter = open_counter(app, gone, ui_settings)  # the sign-in at once, from memory
    assert isinstance(counter.dialog, SignInDialog)
    with qtbot.waitSignal(counter.finished, timeout=30_000):
        counter.show()
    assert counter.problem is not None and counter.window is None
    assert len(shown) == 1 and "cannot open the database" in shown[0]
    assert "Traceback" not in shown[0]
    _close(counter)


@pytest.mark.postgres
def test_a_remembered_sign_in_whose_first_question_fails_says_so_and_closes(
    qtbot, server_shop, ui_settings, calendar_cache, monkeypatch
):
    """The database needs a first manager password, and asking for it fails (the server gone
    between the services' load and the question): said once, and the counter closes."""
    _close(_start_and_load(qtbot, server_shop, ui_settings))
    database, _services = _server_services(server_shop)
    try:
        with database.write() as session:
            session.execute(update(User).values(password_hash=None))
    finally:
        database.dispose()

    def server_gone(self):  # type: ignore[no-untyped-def]
        raise DatabaseProblem("the server closed the connection")

    monkeypatch.setattr(Counter, "_ask_first", server_gone)
    shown: list[str] = []
    monkeypatch.setattr(app_module.prompts, "error", lambda parent, title, text: shown.append(text))
    counter = open_counter(create_application(), server_shop, ui_settings)
    assert isinstance(counter.dialog, SignInDialog)
    with qtbot.waitSignal(counter.finished, timeout=20_000):
        counter.show()
    assert shown == ["the server closed the connection"] and counter.window is None
    assert counter.problem is not None
    _close(counter)
