"""Use cases, one transaction per user action. Built once by app.py (the composition root)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.data.db import Database
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

    @classmethod
    def build(cls, database: Database, clock: Clock = local_now) -> Services:
        return cls(
            JobService(database, clock),
            HandBackService(database, clock),
            ShopService(database),
            UserService(database),
        )
