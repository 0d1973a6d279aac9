"""Composition root: settings -> database -> services -> main window. Nothing else wires.

Start-up is in two steps so that the counter sees its jobs at once. A SQLite file that is ours and
fully migrated shows its first screen from the standard library (data/first_screen.py) and the
national calendar from its compiled cache; SQLAlchemy, the services and the dialogs load right
after that first paint, and the window's actions switch on when they are there. Anything else (a
new file, a migration due, PostgreSQL) opens the database first, as before.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.data.calendar_cache import load_national_calendar
from desktop_app.data.first_screen import read_first_screen
from desktop_app.data.location import DatabaseLocation, DatabaseProblem, EmptyFile
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.snapshots import FirstScreen
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui import background, prompts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.job_table_model import FIRST_PAGE
from desktop_app.ui.resources import install_font, install_translator, text_translator
from desktop_app.ui.settings import UiSettings

if TYPE_CHECKING:
    from desktop_app.data.db import Database
    from desktop_app.domain.snapshots import UserSnapshot
    from desktop_app.services import Services

log = logging.getLogger(__name__)

# Until sign-in arrives (a later issue), the counter acts as the seeded manager.
COUNTER_USER = "manager"


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Repair Counter")
    app.setOrganizationName("repair-counter")
    install_font(app)
    return app


class StartupProblem(Exception):
    """The window cannot open: a title and a message for the person at the counter."""

    def __init__(self, title: str, message: str) -> None:
        super().__init__(message)
        self.title = title
        self.message = message


class _Loaded(QObject):
    """Carries the services (or the failure) from the loading thread to the GUI thread."""

    done = Signal(object)


class Counter:
    """The open window and, once loaded, its database. The caller shows the window and calls
    dispose() when it is gone.

    Behind a first screen, the services load in a thread of their own (start_opening), so the
    window stays responsive for the half second SQLAlchemy and the services take to import:
    it scrolls, resizes and repaints while the status bar says the database is opening.
    """

    def __init__(
        self,
        app: QApplication,
        location: DatabaseLocation,
        window: MainWindow,
        calendars: NationalCalendars | None = None,
    ) -> None:
        self._app = app
        self._location = location
        self._calendars = calendars  # None: read the shop's country once the database is open
        self.window = window
        self.database: Database | None = None
        self.problem: StartupProblem | None = None
        self._loading: threading.Thread | None = None
        self._loaded: tuple[Database, Services] | Exception | None = None
        self._busy = False
        self._bridge = _Loaded(window)
        # Queued: the slot runs in the GUI thread, whichever thread emits.
        self._bridge.done.connect(self._attach, Qt.ConnectionType.QueuedConnection)

    def start_opening(self) -> None:
        """Load the services in the background; the window attaches them when they are there."""
        if self._loading is not None or self.database is not None or self.problem is not None:
            return
        # The arrow with an hourglass: working in the background, and the window still answers.
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._busy = True
        self._loading = threading.Thread(target=self._load, name="open-database", daemon=True)
        self._loading.start()

    def finish_opening(self) -> None:
        """Load the services now, or wait for the thread loading them, and attach them."""
        if self._loading is None:
            self._load()
        else:
            self._loading.join()
        self._attach()

    def _load(self) -> None:
        try:
            self._loaded = _open_services(self._app, self._location, self._calendars)
        except Exception as error:  # reported in the GUI thread
            self._loaded = error
        with contextlib.suppress(RuntimeError):  # the window is gone already: dispose() cleans up
            self._bridge.done.emit(None)

    def _attach(self, _signal_argument: object = None) -> None:
        loaded, self._loaded = self._loaded, None
        if loaded is None:  # attached already (finish_opening and the signal both ask)
            return
        if self._busy:
            QApplication.restoreOverrideCursor()
            self._busy = False
        if isinstance(loaded, Exception):
            # The file changed since the first screen, or a disk or the server failed.
            log.error("opening the database after the first screen failed", exc_info=loaded)
            if isinstance(loaded, StartupProblem):
                self.problem = loaded
            else:
                title = self._app.translate("app", "Cannot open the database")
                self.problem = StartupProblem(title, str(loaded))
            prompts.error(self.window, self.problem.title, self.problem.message)
            self.window.close()
            return
        database, services = loaded
        self.database = database
        self.window.attach_services(services)

    def dispose(self) -> None:
        if self._loading is not None:
            self._loading.join()  # a database it opened must be closed too
            loaded, self._loaded = self._loaded, None
            if isinstance(loaded, tuple):
                loaded[0].dispose()
        if self.database is not None:
            # A call still reading or writing holds a connection: let it finish first, or the
            # pool's disposal leaves that connection open for the garbage collector.
            background.wait_until_idle()
            self.database.dispose()
            self.database = None


def open_counter(
    app: QApplication, url: str, ui_settings: UiSettings | None = None, *, read_only: bool = False
) -> Counter:
    """The main window for the database at `url`, in the shop's language; with `read_only`,
    to look at it only (as when the file cannot be written).

    Raises StartupProblem when the database cannot be used at all.
    """
    install_translator(app)  # the system's language until the shop's setting is read
    ui_settings = ui_settings or UiSettings()
    location = DatabaseLocation.parse(url)
    first = None if read_only else _first_screen(app, location)
    if first is not None:
        shop = first.shop
        install_translator(app, shop.language)
        calendars = _national_calendars(shop.country)
        calendar = WorkCalendar(
            calendars.for_country(shop.country),
            shop.closures,
            shop.extra_working_days,
            shop.confirmed_years,
        )
        window = MainWindow(None, first.user, ui_settings, first_screen=first, calendar=calendar)
        counter = Counter(app, location, window, calendars)
        # Qt paints the window the moment the event loop runs; the services load right after.
        call_after_first_paint(window.table.viewport(), counter.start_opening)
        return counter
    database, services = _open_services(app, location, None, read_only=read_only)
    try:
        install_translator(app, services.shop.settings().language)
        user = _counter_user(app, services)
        counter = Counter(app, location, MainWindow(services, user, ui_settings))
    except BaseException:
        database.dispose()
        raise
    counter.database = database
    return counter


def _national_calendars(country: str) -> NationalCalendars:
    """The shop country's national calendar from its cache (compiled on the first start), so the
    working days on screen need not wait for the holiday package. Without it they are still
    right: the package answers, only later."""
    try:
        return NationalCalendars([load_national_calendar(country, date.today())])
    except Exception:  # e.g. the package cannot compile this country; never stop the counter
        log.exception("no compiled national calendar for %s", country)
        return PACKAGE_CALENDARS


def _first_screen(app: QApplication, location: DatabaseLocation) -> FirstScreen | None:
    path = location.first_screen_file
    if path is None:
        return None
    try:
        return read_first_screen(path, COUNTER_USER, FIRST_PAGE)
    except EmptyFile:
        return None  # the ordinary way asks whether it becomes a new database
    except DatabaseProblem as error:
        raise StartupProblem(
            app.translate("app", "Cannot open the database"), error.render(text_translator())
        ) from error


def _open_services(
    app: QApplication,
    location: DatabaseLocation,
    calendars: NationalCalendars | None,
    *,
    read_only: bool = False,
) -> tuple[Database, Services]:
    """The database and its services; `calendars` None means the shop's country is not known
    yet (no first screen was read), so it is read from the database first. On the GUI thread, a
    zero-byte file becomes a new database if the person says so (the loading thread cannot
    ask: it reports the refusal)."""
    # SQLAlchemy and the services: a good half second to import, so never before the first paint.
    from desktop_app.data.db import open_database
    from desktop_app.services import Services
    from desktop_app.services.shop import ShopService

    title = app.translate("app", "Cannot open the database")
    try:
        try:
            database = open_database(location, read_only=read_only)
        except EmptyFile as empty:
            question = app.translate(
                "app",
                "%s is an empty file (0 bytes). Make it a new Repair Counter database?",
            ) % str(location.sqlite_file)
            new = app.translate("app", "New database")
            ask = threading.current_thread() is threading.main_thread()
            if not ask or not prompts.confirm(None, new, question):
                raise StartupProblem(title, empty.render(text_translator())) from empty
            database = open_database(location, use_empty_file=True)
    except DatabaseProblem as error:
        raise StartupProblem(title, error.render(text_translator())) from error
    try:
        if calendars is None:
            calendars = _national_calendars(ShopService(database).settings().country)
        return database, Services.build(database, calendars=calendars)
    except BaseException:
        database.dispose()
        raise


def _counter_user(app: QApplication, services: Services) -> UserSnapshot:
    user = services.users.by_username(COUNTER_USER)
    if user is None:
        raise StartupProblem(
            app.translate("app", "No user"),
            app.translate("app", "The database has no manager account."),
        )
    return user


class _FirstPaintWatcher(QObject):
    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._then)  # once the paint is on screen
        return False


def call_after_first_paint(widget: QWidget, then: Callable[[], None]) -> None:
    """Calls `then()` once, as soon as `widget` has been painted for the first time."""
    _FirstPaintWatcher(widget, then)


def run_window(url: str, *, read_only: bool = False) -> int:
    app = create_application()
    try:
        counter = open_counter(app, url, read_only=read_only)
    except StartupProblem as problem:
        prompts.error(None, problem.title, problem.message)
        return 2
    prompts.install_error_hook(counter.window)
    try:
        counter.window.show()
        status = app.exec()
        return 2 if counter.problem is not None else status
    finally:
        counter.dispose()
