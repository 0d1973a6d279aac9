"""Who may do what at the counter.

Authentication arrives later; the roles are already enforced by the services so that every event
names a user entitled to cause it.
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.errors import NotPermitted


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    MANAGER = "manager"


class Action(StrEnum):
    CHECK_IN = "check in a product"
    OVERRIDE_DOCUMENTS = "make a claim with missing documents free"
    RECORD_RESPONSE = "record the first response"
    DIAGNOSE = "change the repair status"
    MARK_NOT_QUALITY = "mark a fault as not a quality problem"
    EDIT_LINES = "add or remove parts and labour"
    CANCEL = "cancel a job"
    HAND_BACK = "hand a product back"
    RECORD_SATISFACTION = "record customer satisfaction"
    ASSIGN = "assign a technician"
    INSPECT_RETURN = "decide a return or exchange"
    MANAGE_SHOP = "change the shop settings"
    CORRECT = "correct a closed job"


_ALL = frozenset(Role)
_PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.CHECK_IN: frozenset({Role.CLERK, Role.MANAGER}),
    Action.OVERRIDE_DOCUMENTS: frozenset({Role.MANAGER}),
    Action.RECORD_RESPONSE: _ALL,
    Action.DIAGNOSE: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.MARK_NOT_QUALITY: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.EDIT_LINES: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.CANCEL: _ALL,
    Action.HAND_BACK: frozenset({Role.CLERK, Role.MANAGER}),
    Action.RECORD_SATISFACTION: frozenset({Role.CLERK, Role.MANAGER}),
    Action.ASSIGN: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.INSPECT_RETURN: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.MANAGE_SHOP: frozenset({Role.MANAGER}),
    Action.CORRECT: frozenset({Role.MANAGER}),
}


def may(role: Role, action: Action) -> bool:
    return role in _PERMISSIONS[action]


def require(role: Role, action: Action) -> None:
    if not may(role, action):
        raise NotPermitted(
            "a {role} may not {action}; ask a {allowed}",
            role=role.value,
            action=action.value,
            allowed=" or ".join(sorted(r.value for r in _PERMISSIONS[action])),
        )
