"""Real jobs for the receipts, made through the services on a throw-away SQLite database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.services import Services
from tests.helpers import actor, add_user, check_in_form

PRINTED_AT = datetime(2026, 9, 30, 10, 5)


@pytest.fixture
def manager_id(services: Services) -> Actor:
    return actor(services)


@pytest.fixture
def clerk_id(services: Services) -> Actor:
    return add_user(services, "clerk", "王晓红", Role.CLERK)


@pytest.fixture
def shop(services: Services, manager_id: Actor) -> ShopSnapshot:
    settings = replace(
        services.shop.settings(),
        name="华为授权服务中心（中关村店）",
        address="北京市海淀区中关村大街1号 海龙大厦3层301室",
        hotline="400-830-8300",
    )
    return services.shop.save_settings(settings, manager_id)


@pytest.fixture
def check_in(services: Services, clerk_id: Actor) -> Callable[..., JobSnapshot]:
    """Checks a product in (the standard 张伟 / 华为 form, with any field changed)."""

    def make(**changes: Any) -> JobSnapshot:
        return services.jobs.check_in(check_in_form(**changes), clerk_id)

    return make


@pytest.fixture
def job(check_in: Callable[..., JobSnapshot]) -> JobSnapshot:
    return check_in()
