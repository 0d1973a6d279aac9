"""Service tests: the staff every workflow needs."""

from __future__ import annotations

import pytest

from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from tests.helpers import actor, add_user


@pytest.fixture
def staff(services: Services) -> dict[Role, Actor]:
    """One signed-in person of each role."""
    return {
        Role.MANAGER: actor(services),
        Role.CLERK: add_user(services, "clerk", "王晓红", Role.CLERK),
        Role.TECHNICIAN: add_user(services, "tech", "李建国", Role.TECHNICIAN),
    }
