"""A real window on a real (temporary SQLite) database, with a clock the test controls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktop_app.app import create_application
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.services.jobs import local_now
from desktop_app.ui import prompts
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import FAST_PASSWORDS, FakeClock, add_user, fill_receipt_details
from tests.ui.driving import wait_idle

NOW = datetime(2026, 11, 25, 10, 30)


@pytest.fixture(autouse=True)
def _no_call_left_running(qtbot):
    """A test ends only when the service calls its window started have delivered (the next
    test's database must not receive a late one)."""
    yield
    wait_idle(qtbot)


@pytest.fixture(autouse=True)
def _shop_prints_receipts(request: pytest.FixtureRequest) -> None:
    """A window test's shop has a name and a hotline, as every shop set up at its first start
    has: receipts refuse to print without them (a test of that refusal blanks them itself).
    Written directly, so the database's sign-in state (setup, sign-in) is left as it was."""
    if "services" in request.fixturenames:
        fill_receipt_details(request.getfixturevalue("services"))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def ui_settings(tmp_path: Path) -> UiSettings:
    return UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, services: Services, ui_settings: UiSettings, clock: FakeClock) -> MainWindow:
    create_application()
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    main = MainWindow(services, clerk, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)  # the list, counts and clocks are read in the background
    return main


@pytest.fixture
def cheap_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """The counter builds its services as at the shop, with the tests' cheap password hashes."""
    build = Services.build
    monkeypatch.setattr(
        Services,
        "build",
        lambda database, clock=local_now, calendars=PACKAGE_CALENDARS, **_options: build(
            database, clock, calendars, passwords=FAST_PASSWORDS
        ),
    )


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every message box replaced: what it would have said, (kind, text); confirmations yes."""
    shown: list[tuple[str, str]] = []
    for kind in ("info", "error", "warning"):
        monkeypatch.setattr(
            prompts, kind, lambda _parent, title, text, kind=kind: shown.append((kind, text))
        )
    monkeypatch.setattr(prompts, "confirm", lambda _parent, _title, text: True)
    return shown
