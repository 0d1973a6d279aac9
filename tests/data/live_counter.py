"""The other counter of the live-change tests, as a process of its own (spawned: it imports
only this, no Qt and no pytest fixtures): it checks a job in on the same database and says its
id."""

from __future__ import annotations

from desktop_app.data.db import open_database
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, check_in_form


def check_in_elsewhere(url: str) -> int:
    database = open_database(url)
    try:
        services = Services.build(database, passwords=FAST_PASSWORDS, workstation="counter-2")
        manager = services.auth.sign_in("manager", PASSWORD)
        return services.jobs.check_in(check_in_form(customer_name="隔壁柜台"), manager).id
    finally:
        database.dispose()
