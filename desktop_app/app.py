"""Composition root: settings -> database -> services -> main window. Nothing else wires."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.data.db import DatabaseProblem, open_database
from desktop_app.services import Services

log = logging.getLogger(__name__)


def run_window(url: str) -> int:
    from desktop_app.ui.main_window import MainWindow
    from desktop_app.ui.resources import install_font, install_translator
    from desktop_app.ui.settings import UiSettings

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Repair Counter")
    app.setOrganizationName("repair-counter")
    settings = UiSettings()
    install_font(app)
    install_translator(app, settings.language)
    try:
        database = open_database(url)
    except DatabaseProblem as error:
        QMessageBox.critical(
            None, app.translate("app", "Cannot open the database"), str(error)
        )
        return 2
    services = Services.build(database)
    user = services.users.by_username("manager")
    if user is None:
        QMessageBox.critical(
            None,
            app.translate("app", "No user"),
            app.translate("app", "The database has no manager account."),
        )
        return 2
    window = MainWindow(services, user, settings)
    window.show()
    try:
        return app.exec()
    finally:
        database.dispose()
