"""Composition root: settings -> database -> services -> main window. Nothing else wires."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from desktop_app.data.db import DatabaseProblem, open_database
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


def run_window(url: str) -> int:
    app = create_application()
    install_translator(app)  # the system's language until the shop's setting is read
    try:
        database = open_database(url)
    except DatabaseProblem as error:
        prompts.error(None, app.translate("app", "Cannot open the database"), str(error))
        return 2
    try:
        services = Services.build(database)
        shop = services.shop.settings()
        install_translator(app, shop.language)
        # Until sign-in arrives (a later issue), the counter acts as the seeded manager.
        user = services.users.by_username("manager")
        if user is None:
            prompts.error(
                None,
                app.translate("app", "No user"),
                app.translate("app", "The database has no manager account."),
            )
            return 2
        window = MainWindow(services, user, UiSettings())
        window.show()
        return app.exec()
    finally:
        database.dispose()
