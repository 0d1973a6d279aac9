"""A real window on a real (temporary SQLite) database, with a clock the test controls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.app import create_application
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import FakeClock

NOW = datetime(2026, 11, 25, 10, 30)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, services: Services, ui_settings: UiSettings, clock: FakeClock) -> MainWindow:
    create_application()
    clerk = services.users.add("clerk", "王晓红", Role.CLERK)
    main = MainWindow(services, clerk, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main
