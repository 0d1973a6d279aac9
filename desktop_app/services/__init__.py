"""Use cases, one transaction per user action. Built once by app.py (the composition root)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.data.db import Database
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.text import Text
from desktop_app.services.handback import HandBackService
from desktop_app.services.jobs import Clock, JobService, local_now
from desktop_app.services.shop import ShopService
from desktop_app.services.users import UserService


@dataclass(frozen=True)
class Services:
    jobs: JobService
    handback: HandBackService
    shop: ShopService
    users: UserService
    # Why the database can only be read (the window says so and offers no change), or None.
    read_only: Text | None = None

    @classmethod
    def build(
        cls,
        database: Database,
        clock: Clock = local_now,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
    ) -> Services:
        """`calendars` answers for the national holidays: the composition root passes the
        compiled one it read at start-up; without it the `holidays` package answers (right,
        only slower to the first answer)."""
        return cls(
            JobService(database, clock, calendars),
            HandBackService(database, clock),
            ShopService(database, calendars),
            UserService(database),
            database.read_only,
        )
