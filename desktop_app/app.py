"""Composition root: settings -> database -> services -> sign-in -> main window. Nothing else
wires.

Nobody sees a customer before signing in, so the first thing on screen is the sign-in, as soon as
possible: a SQLite file that is ours, fully migrated and set up gives the shop's name, language
and country and who may sign in from the standard library, a PostgreSQL database the same through
psycopg alone (data/first_screen.py); the national calendar (from its compiled cache), SQLAlchemy
and the services load right after the sign-in dialog's first paint, while the person types, and
the password is checked once they are there. Anything else (a new file, a migration due, nobody
with a password yet, read-only) opens the database first, then asks what it needs: the setup,
the first manager password, or a sign-in.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING

# Qt's namespace as QtCore.Qt, looked up where used: PySide6 builds its 94 enums (10-20 ms) at
# the first use, and nothing before the sign-in's first paint needs one.
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.data.first_screen import (
    read_first_screen,
    read_server_first_screen,
    remember_first_screen,
    remembered_first_screen,
)
from desktop_app.data.location import DatabaseLocation, DatabaseProblem, EmptyFile
from desktop_app.domain.sign_in import FirstScreen, SignInShop, UserSnapshot
from desktop_app.ui import background, collector, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.resources import install_font, install_translator, text_translator
from desktop_app.ui.settings import UiSettings

if TYPE_CHECKING:
    from desktop_app.data.db import Database
    from desktop_app.domain.national_calendar import NationalCalendars
    from desktop_app.domain.people import Actor
    from desktop_app.services import Services
    from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog
    from desktop_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

# "0" turns the automatic backups (at the day's first start, at quitting) off: the benchmarks.
AUTO_BACKUP_VARIABLE = "REPAIR_COUNTER_AUTO_BACKUP"


def create_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Repair Counter")
    app.setOrganizationName("repair-counter")
    install_font(app)
    # Cycles are freed on the GUI thread only: freed in a worker, a Qt object crashes the counter.
    collector.install()
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


class Counter(QObject):
    """The start of a counter: a sign-in (or the first start's setup, or a first manager
    password), then the main window as the person who signed in. The caller shows it (show()),
    quits when `finished` is emitted before a window opened, and calls dispose() at the end.

    Behind a sign-in read from the first screen, the services load in a thread of their own
    (start_opening): the person picks their name and types the password meanwhile, and the
    password is checked once the services are there.
    """

    # The window is open, signed in.
    window_opened = Signal()
    # The services are loaded (a sign-in can be checked).
    services_ready = Signal()
    # Nobody signed in (cancelled) or the database failed: nothing more will open.
    finished = Signal()

    def __init__(
        self,
        app: QApplication,
        location: DatabaseLocation,
        ui_settings: UiSettings,
        country: str | None = None,
        *,
        shown: FirstScreen | None = None,
        remembered: bool = False,
    ) -> None:
        super().__init__()
        self._app = app
        self._location = location
        self._ui_settings = ui_settings
        self._country = country  # None: read the shop's country once the database is open
        # The sign-in on screen before the services load, and whether it came from the last
        # start's memory (data/first_screen.py): then the services confirm or correct it.
        self._shown = shown
        self._remembered = remembered
        self._confirmed: FirstScreen | None = None
        self.window: MainWindow | None = None
        self.dialog: QWidget | None = None  # the dialog in front before the window opens
        self.database: Database | None = None
        self.services: Services | None = None
        self.problem: StartupProblem | None = None
        self._translate = text_translator()
        self._loading: threading.Thread | None = None
        self._loaded: tuple[Database, Services] | Exception | None = None
        # Set by dispose() while the thread still loads: it then closes what it opened itself.
        self._loading_lock = threading.Lock()
        self._abandoned = False
        self._busy = False
        self._pending: tuple[str, str] | None = None  # a sign-in waiting for the services
        self._backed_up_at_start = False  # a window opened: back up at quitting too
        # Made when the loading thread starts (start_opening), not here: its queued connection
        # needs Qt's namespace of enums, which PySide6 builds (10-20 ms) at its first use, and the
        # sign-in's first paint does not wait for that.
        self._bridge: _Loaded | None = None

    # --- what shows first -------------------------------------------------------------------------

    def ask_sign_in(self, shop_name: str, users: Sequence[UserSnapshot]) -> SignInDialog:
        from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog

        dialog = SignInDialog(shop_name, users)
        dialog.form.submitted.connect(self._sign_in)
        dialog.rejected.connect(self._give_up)
        self.dialog = dialog
        return dialog

    def _ask_first(self) -> None:
        """The services are open (the ordinary way): what the database needs first."""
        from desktop_app.domain.people import SignInState
        from desktop_app.ui import start

        services = self._ready_services()
        state = services.auth.state()
        if state is not SignInState.READY and services.read_only is not None:
            raise StartupProblem(
                self._app.translate("app", "Nobody can sign in yet"),
                self._app.translate(
                    "app",
                    "Nobody has a password on this database yet, and it is opened read-only. "
                    "Open it without --read-only to set it up.",
                ),
            )
        if state is SignInState.NEEDS_SETUP:
            shop = services.shop.settings()
            self.dialog = start.ask_setup(services, shop, self._translate, self._set_up)
            self.dialog.restore_requested.connect(self._restore_instead_of_setup)
            self.dialog.hide()  # shown by show()
        elif state is SignInState.NEEDS_MANAGER_PASSWORD:
            managers = services.auth.sign_in_names()
            self.dialog = start.ask_manager_password(
                services, managers, self._translate, self._signed_in
            )
            self.dialog.hide()
        else:
            shop = services.shop.settings()
            self.ask_sign_in(shop.name, services.auth.sign_in_names())

    def show(self) -> None:
        if self.window is not None:
            self.window.show()
        elif self.dialog is not None:
            self.dialog.show()

    # --- signing in -------------------------------------------------------------------------------

    def _sign_in(self, username: str, password: str) -> None:
        from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog

        assert isinstance(self.dialog, SignInDialog)
        form = self.dialog.form
        form.set_busy(True)
        if self.services is None:  # checked as soon as the services are there
            self._pending = (username, password)
            return
        services = self.services
        background.run(
            lambda: services.auth.sign_in(username, password),
            done=self._signed_in,
            failed=lambda error: form.failed(failure_text(error, self._translate)),
            owner=self.dialog,
            sign_in=True,
        )

    def _set_up(self, actor: Actor | None) -> None:
        if actor is not None and self.services is not None:
            install_translator(self._app, self.services.shop.settings().language)
        self._signed_in(actor)

    def _signed_in(self, actor: Actor | None) -> None:
        from desktop_app.ui import start

        if actor is None:  # the setup or the first password was cancelled
            self._give_up()
            return
        services = self._ready_services()
        if actor.must_change_password:

            def changed(fresh: Actor | None) -> None:
                if fresh is not None:
                    self.open_window(fresh)
                    return
                background.run(
                    lambda: services.auth.sign_out(actor),
                    done=lambda _none: None,
                    failed=lambda _error: None,
                    sign_in=True,
                )
                self._show_sign_in_again()

            if self.dialog is not None:
                self.dialog.hide()
            self.dialog = start.ask_new_password(services, actor, self._translate, None, changed)
            return
        self.open_window(actor)

    def _show_sign_in_again(self) -> None:
        services = self._ready_services()
        self.ask_sign_in(services.shop.settings().name, services.auth.sign_in_names()).show()

    def open_window(self, actor: Actor) -> MainWindow:
        """The counter as `actor`; the dialog in front closes."""
        from desktop_app.ui.main_window import MainWindow

        services = self._ready_services()
        self.window = MainWindow(services, actor, self._ui_settings)
        self.window.backup.restored.connect(self.reopen, QtCore.Qt.ConnectionType.QueuedConnection)
        self.window.show()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self.window_opened.emit()
        self._back_up_at_start(services, self.window)
        return self.window

    # --- backups (services/backup.py) -------------------------------------------------------------

    def _back_up_at_start(self, services: Services, window: MainWindow) -> None:
        """The day's first start backs a SQLite database up, in the background; once a
        backup was made today, nothing is done."""
        if services.read_only is not None or self._backed_up_at_start:
            return
        if os.environ.get(AUTO_BACKUP_VARIABLE, "").strip() == "0":
            return  # the benchmarks: a backup in the background would skew what they measure
        self._backed_up_at_start = True

        def failed(error: Exception) -> None:
            log.error("the automatic backup failed", exc_info=error)
            window.statusBar().showMessage(
                self._app.translate("app", "The automatic backup failed: %s")
                % failure_text(error, self._translate)
            )

        background.run(
            lambda: services.backup.auto_backup(at_start=True),
            done=lambda _made: None,
            failed=failed,
            owner=window,
        )

    def _back_up_at_quit(self) -> None:
        """Quitting after someone used the counter backs a SQLite database up (rotated)."""
        services = self.services
        if services is None or services.read_only is not None or not self._backed_up_at_start:
            return
        notice = self._closing_notice()
        try:
            services.backup.auto_backup(at_start=False)
        except Exception:  # never keep the counter from closing; the next start tries again
            log.exception("the automatic backup at quitting failed")
        finally:
            notice.close()
            notice.deleteLater()

    def _closing_notice(self) -> QWidget:
        """Why closing takes a moment: the backup at quitting runs on this thread once the
        window is gone (many seconds on a database of years), and a counter that seems to have
        closed while its process still holds the file would be started again, or switched off."""
        from PySide6.QtWidgets import QProgressDialog

        notice = QProgressDialog(
            self._app.translate("app", "Backing up the database before closing…"), "", 0, 0
        )
        notice.setObjectName("closing_backup_notice")
        notice.setWindowTitle(self._app.translate("app", "Repair Counter"))
        notice.setCancelButton(None)  # a backup cut short is no backup; it takes seconds
        notice.setMinimumDuration(0)
        notice.setWindowModality(QtCore.Qt.WindowModality.ApplicationModal)
        notice.show()
        QApplication.processEvents()  # paint it once: the backup below holds this thread
        return notice

    def reopen(self, message: str | None) -> None:
        """The database was replaced by a restore: the window closes, the counter opens again
        on the restored data from the sign-in (its people and passwords are the backup's),
        and `message` says what was done."""
        window, self.window = self.window, None
        self._app.setQuitOnLastWindowClosed(False)
        if window is not None:
            window.save_layout()
            window.hide()
            window.deleteLater()
        background.wait_until_idle()
        if self.database is not None:
            self.database.dispose()
        self.database = self.services = None
        self._pending = None  # a sign-in typed for the database that was replaced
        self._backed_up_at_start = False  # backed up at quitting once someone signs in on it
        try:
            # The restored database's own country: it may be another shop's.
            self.database, self.services = _open_services(self._app, self._location, None)
            install_translator(self._app, self.services.shop.settings().language)
            self._ask_first()
        except Exception as error:
            self.problem = (
                error
                if isinstance(error, StartupProblem)
                else StartupProblem(
                    self._app.translate("app", "Cannot open the database"), str(error)
                )
            )
            prompts.error(None, self.problem.title, self.problem.message)
            self._give_up()
            return
        self.show()
        if message is not None:
            prompts.info(self.dialog, self._app.translate("app", "Restored"), message)

    def _restore_instead_of_setup(self) -> None:
        """A new computer, or a new file: the shop's backup instead of a setup, restored by a
        manager of the backup. Nothing restored: the setup again, on the database as it was."""
        from desktop_app.ui.recovery import restore_in_place

        path = self._location.first_screen_file
        setup = self.dialog
        if path is None:
            from desktop_app.services.backup import POSTGRES_RESTORE

            title = self._app.translate("app", "Restore a backup")
            prompts.info(setup, title, self._translate(POSTGRES_RESTORE))
            return
        # Our own connections would keep the file that is moved aside (and, closing, delete
        # the write-ahead log by its name): none may be open while the backup takes its place.
        # The engine opens new ones when asked again (nothing restored: the setup goes on).
        background.wait_until_idle()
        if self.database is not None:
            self.database.dispose()
        restored = restore_in_place(setup, path, None, self._translate)
        if restored is not None:
            self._start_again(restored)

    def _start_again(self, message: str | None) -> None:
        """The dialog in front goes; the counter opens again on the database (restored), from
        what it needs first, and `message` says what was done."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.blockSignals(True)  # its rejected() would end the counter
            dialog.hide()
            dialog.deleteLater()
        self.problem = None
        self.reopen(message)

    def _give_up(self) -> None:
        if self.dialog is not None:
            self.dialog.hide()
        self.finished.emit()

    def _ready_services(self) -> Services:
        if self.services is None:
            raise RuntimeError("the services are not loaded yet")
        return self.services

    # --- the services, loading behind the sign-in -------------------------------------------------

    def start_opening(self) -> None:
        """Load the services in the background; the sign-in uses them when they are there."""
        if self._loading is not None or self.services is not None or self.problem is not None:
            return
        # The arrow with an hourglass: working in the background, and the dialog still answers.
        QApplication.setOverrideCursor(QtCore.Qt.CursorShape.BusyCursor)
        self._busy = True
        self._bridge = _Loaded()
        # Queued: the slot runs in the GUI thread, whichever thread emits.
        self._bridge.done.connect(self._attach, QtCore.Qt.ConnectionType.QueuedConnection)
        self._loading = threading.Thread(target=self._load, name="open-database", daemon=True)
        self._loading.start()

    def finish_opening(self) -> None:
        """Load the services now, or wait for the thread loading them, and attach them."""
        if self.services is not None:
            return
        if self._loading is None:
            self._load()
        else:
            self._loading.join()
        self._attach()

    def _load(self) -> None:
        # A remembered sign-in's country may be out of date: the database's own is read then.
        country = None if self._remembered else self._country
        loaded: tuple[Database, Services] | Exception
        try:
            database, services = _open_services(self._app, self._location, country)
            try:
                if self._location.server_first_screen is not None:
                    self._confirmed = _confirmed_first_screen(services)
                    remember_first_screen(self._location, self._confirmed)
            except BaseException:
                database.dispose()
                raise
            loaded = (database, services)
        except Exception as error:  # reported in the GUI thread
            loaded = error
        with self._loading_lock:
            if self._abandoned:  # the counter closed meanwhile: nobody attaches this
                if isinstance(loaded, tuple):
                    loaded[0].dispose()
                return
            self._loaded = loaded
        if self._bridge is None:  # loaded on the GUI thread (finish_opening), which attaches
            return
        with contextlib.suppress(RuntimeError):  # the counter is gone already: dispose() cleans up
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
                problem = loaded
            else:
                title = self._app.translate("app", "Cannot open the database")
                problem = StartupProblem(title, str(loaded))
            restored = restore_instead(self._app, self._location.url, problem, parent=self.dialog)
            if restored is not None:
                self._start_again(restored)
                return
            self.problem = problem
            self._give_up()
            return
        self.database, self.services = loaded
        if self._remembered:
            self._remembered = False
            if not self._correct_sign_in(self._confirmed):
                return
        self.services_ready.emit()
        if self._pending is not None:
            (username, password), self._pending = self._pending, None
            self._sign_in(username, password)

    def _correct_sign_in(self, confirmed: FirstScreen | None) -> bool:
        """The sign-in was shown from the last start's memory; the database says what it is now.
        Another shop name, language or list of people is put right on the dialog (a person
        picked stays picked); a database that now needs its setup or a first manager password
        gets that dialog instead, and a sign-in typed meanwhile is dropped. Whether the sign-in
        stays."""
        from desktop_app.ui.dialogs.sign_in_dialog import SignInDialog

        dialog, shown = self.dialog, self._shown
        if confirmed is None:
            self._pending = None
            self.dialog = None
            if dialog is not None:
                dialog.hide()  # hiding does not reject it: the counter goes on
                dialog.deleteLater()
            try:
                services = self._ready_services()
                install_translator(self._app, services.shop.settings().language)
                self._ask_first()
            except Exception as error:  # e.g. the server went away since the services loaded
                log.error("asking what the database needs first failed", exc_info=error)
                title = self._app.translate("app", "Cannot open the database")
                problem = error if isinstance(error, StartupProblem) else None
                self.problem = problem or StartupProblem(title, str(error))
                prompts.error(None, self.problem.title, self.problem.message)
                self._give_up()
                return False
            self.show()
            return False
        self._shown = confirmed
        if confirmed != shown and isinstance(dialog, SignInDialog):
            if shown is None or confirmed.shop.language != shown.shop.language:
                install_translator(self._app, confirmed.shop.language)
            dialog.show_shop(confirmed.shop.name, confirmed.users)
        return True

    def dispose(self) -> None:
        if self._loading is not None:
            with self._loading_lock:
                self._abandoned = True
                loaded, self._loaded = self._loaded, None
            if isinstance(loaded, tuple):
                loaded[0].dispose()  # loaded, never attached
            # Still loading (a server that does not answer takes its connect timeout): not
            # waited for, or a closed counter would linger unseen that long; the thread closes
            # what it opens, and ends with the process (a daemon).
        if self.window is not None and self.services is not None:
            # Closing the counter ends the sign-in (recorded, where the database can be written).
            actor = self.window.user
            with contextlib.suppress(Exception):
                self.services.auth.sign_out(actor)
        if self.database is not None:
            # A call still reading or writing holds a connection: let it finish first, or the
            # pool's disposal leaves that connection open for the garbage collector.
            background.wait_until_idle()
            self._back_up_at_quit()
            self.database.dispose()
            self.database = None


def open_counter(
    app: QApplication, url: str, ui_settings: UiSettings | None = None, *, read_only: bool = False
) -> Counter:
    """The counter for the database at `url`, in the shop's language, starting with what the
    database needs first (a sign-in, or its setup); with `read_only`, to look at it only (as
    when the file cannot be written). Call show() on it.

    Raises StartupProblem when the database cannot be used at all.
    """
    install_translator(app)  # the system's language until the shop's setting is read
    ui_settings = ui_settings or UiSettings()
    location = DatabaseLocation.parse(url)
    first, remembered = (None, False) if read_only else _first_screen(app, location)
    if first is not None:
        install_translator(app, first.shop.language)
        counter = Counter(
            app, location, ui_settings, first.shop.country, shown=first, remembered=remembered
        )
        dialog = counter.ask_sign_in(first.shop.name, first.users)
        # Qt paints the dialog the moment the event loop runs; the services load right after.
        call_after_first_paint(dialog, counter.start_opening)
        return counter
    database, services = _open_services(app, location, None, read_only=read_only)
    counter = Counter(app, location, ui_settings)
    counter.database, counter.services = database, services
    try:
        install_translator(app, services.shop.settings().language)
        counter._ask_first()
    except BaseException:
        counter.dispose()
        raise
    return counter


def _national_calendars(country: str) -> NationalCalendars:
    """The shop country's national calendar from its cache (compiled on the first start), so the
    working days on screen need not wait for the holiday package. Without it they are still
    right: the package answers, only later. Loaded with the services, behind the sign-in."""
    from desktop_app.data.calendar_cache import load_national_calendar
    from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars

    try:
        return NationalCalendars([load_national_calendar(country, date.today())])
    except Exception:  # e.g. the package cannot compile this country; never stop the counter
        log.exception("no compiled national calendar for %s", country)
        return PACKAGE_CALENDARS


def _first_screen(app: QApplication, location: DatabaseLocation) -> tuple[FirstScreen | None, bool]:
    """What the sign-in shows before the services load, and whether it is the last start's
    memory of a server database (confirmed once the services are there); None: the ordinary
    way."""
    path = location.first_screen_file
    try:
        if path is None:
            remembered = remembered_first_screen(location)
            if remembered is not None:
                return remembered, True
            return read_server_first_screen(location), False
        return read_first_screen(path), False
    except EmptyFile:
        return None, False  # the ordinary way asks whether it becomes a new database
    except DatabaseProblem as error:
        raise StartupProblem(
            app.translate("app", "Cannot open the database"), error.render(text_translator())
        ) from error


def _confirmed_first_screen(services: Services) -> FirstScreen | None:
    """What the sign-in shows, as the services read it; None when the database needs its setup
    or a first manager password (the ordinary way's dialogs)."""
    from desktop_app.domain.people import SignInState

    if services.auth.state() is not SignInState.READY:
        return None
    shop = services.shop.settings()
    users = tuple(services.auth.sign_in_names())
    if not users:
        return None
    return FirstScreen(SignInShop(shop.name, shop.language, shop.country), users)


def _open_services(
    app: QApplication,
    location: DatabaseLocation,
    country: str | None,
    *,
    read_only: bool = False,
) -> tuple[Database, Services]:
    """The database and its services, on the national calendar of the shop's `country` (from
    the first screen); None means it is not known yet (no first screen was read), so it is read
    from the database first. On the GUI thread, a
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
        if country is None:
            country = ShopService(database).settings().country
        return database, Services.build(database, calendars=_national_calendars(country))
    except BaseException:
        database.dispose()
        raise


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


def restore_instead(
    app: QApplication,
    url: str,
    problem: StartupProblem,
    *,
    read_only: bool = False,
    parent: QWidget | None = None,
) -> str | None:
    """Says `problem`; and where nobody can sign in to the database (damaged, empty, gone),
    offers a backup in its place, restored by a manager of the backup (ui/recovery.py).
    Returns what to tell the person once restored; None when nothing was."""
    from desktop_app.services.recovery import recoverable

    path = None if read_only else recoverable(url)
    if path is None:
        prompts.error(parent, problem.title, problem.message)
        return None
    from desktop_app.ui.recovery import restore_in_place

    question = (
        problem.message
        + "\n\n"
        + app.translate(
            "app",
            "Restore a backup in its place? A manager of the backup signs in to do it; the "
            "file there now is kept aside as it is.",
        )
    )
    return restore_in_place(parent, path, question, text_translator())


def run_window(url: str, *, read_only: bool = False) -> int:
    app = create_application()
    while True:
        try:
            counter = open_counter(app, url, read_only=read_only)
            break
        except StartupProblem as problem:
            restored = restore_instead(app, url, problem, read_only=read_only)
            if restored is None:
                return 2
            prompts.info(None, app.translate("app", "Restored"), restored)
    # Between the dialogs (sign-in, a new password, the window) no window may be open for a
    # moment: the counter says when it is over.
    app.setQuitOnLastWindowClosed(False)
    counter.finished.connect(app.quit)
    counter.window_opened.connect(lambda: app.setQuitOnLastWindowClosed(True))
    try:
        counter.show()
        prompts.install_error_hook(counter.dialog)
        counter.window_opened.connect(lambda: prompts.install_error_hook(counter.window))
        status = app.exec()
        return 2 if counter.problem is not None else status
    finally:
        counter.dispose()
