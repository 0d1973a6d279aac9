"""A job list of many rows in a window of 1280x800, and the list at rest: shared by the list's
adversarial tests."""

from __future__ import annotations

from typing import Any

from desktop_app.ui.main_window import MainWindow
from tests.helpers import actor, check_in_form
from tests.ui.driving import wait_idle


def listed(
    qtbot: Any, services: Any, window: MainWindow, count: int, names: tuple[str, ...] = ("张伟",)
) -> list:
    """`count` jobs checked in (their customers' names taken in turn from `names`) and the
    whole list shown, at rest."""
    clerk = actor(services)
    jobs = [
        services.jobs.check_in(check_in_form(customer_name=names[i % len(names)]), clerk)
        for i in range(count)
    ]
    window.resize(1280, 800)
    window.search_box.clear()
    window.apply_filters()
    settle(qtbot, window)
    return jobs


def settle(qtbot: Any, window: MainWindow) -> None:
    """What the window asked for has arrived and no page is on its way."""
    wait_idle(qtbot)
    qtbot.waitUntil(lambda: not window.model.fetching)
    wait_idle(qtbot)
