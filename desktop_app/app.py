"""Composition root: settings -> database -> services -> main window. Nothing else wires."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from desktop_app.data.db import Database, DatabaseProblem, open_database
from desktop_app.services import Services
from desktop_app.ui import prompts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import install_font, install_translator
from desktop_app.ui.settings import UiSettings

log = logging.getLogger(__name__)


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


def open_counter(
    app: QApplication, url: str, ui_settings: UiSettings | None = None
) -> tuple[MainWindow, Database]:
    """Opens the database and builds the main window for it, in the shop's language. The caller
    shows the window and disposes of the database when the window is gone."""
    install_translator(app)  # the system's language until the shop's setting is read
    try:
        database = open_database(url)
    except DatabaseProblem as error:
        raise StartupProblem(
            app.translate("app", "Cannot open the database"), str(error)
        ) from error
    try:
        services = Services.build(database)
        shop = services.shop.settings()
        install_translator(app, shop.language)
        # Until sign-in arrives (a later issue), the counter acts as the seeded manager.
        user = services.users.by_username("manager")
        if user is None:
            raise StartupProblem(
                app.translate("app", "No user"),
                app.translate("app", "The database has no manager account."),
            )
        return MainWindow(services, user, ui_settings or UiSettings()), database
    except BaseException:
        database.dispose()
        raise


def run_window(url: str) -> int:
    app = create_application()
    try:
        window, database = open_counter(app, url)
    except StartupProblem as problem:
        prompts.error(None, problem.title, problem.message)
        return 2
    try:
        window.show()
        return app.exec()
    finally:
        database.dispose()
