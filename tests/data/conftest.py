"""Service tests: the staff every workflow needs."""

from __future__ import annotations

import pytest

from desktop_app.domain.roles import Role
from desktop_app.services import Services


@pytest.fixture
def staff(services: Services) -> dict[Role, int]:
    manager = services.users.by_username("manager")
    assert manager is not None
    return {
        Role.MANAGER: manager.id,
        Role.CLERK: services.users.add("clerk", "王晓红", Role.CLERK).id,
        Role.TECHNICIAN: services.users.add("tech", "李建国", Role.TECHNICIAN).id,
    }
