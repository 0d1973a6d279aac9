"""Who may do what at the counter."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import NotPermitted
from desktop_app.domain.roles import Action, Role, may, require

A = Action

CLERK_MAY = {
    A.CHECK_IN,
    A.RECORD_RESPONSE,
    A.CANCEL,
    A.HAND_BACK,
    A.RECORD_SATISFACTION,
    A.REVEAL_PHONE,
    A.RECORD_COMPLAINT,
    A.RECORD_CONSULTATION,
    A.SCHEDULE_VISIT,
    A.FOLLOW_UP,
    A.MESSAGE_CUSTOMER,
    A.VIEW_TAKINGS,  # their own, to close their shift
    A.COUNT_DRAWER,
    A.TAKE_PAYMENT,  # deposits and payments at the counter; a refund is a manager's
    A.RECORD_APPROVAL,
}
TECHNICIAN_MAY = {
    A.RECORD_RESPONSE,
    A.DIAGNOSE,
    A.MARK_NOT_QUALITY,
    A.EDIT_LINES,
    A.CANCEL,
    A.ASSIGN,
    A.INSPECT_RETURN,
    A.REVEAL_PHONE,
    A.RECORD_COMPLAINT,
    A.RECORD_CONSULTATION,
    A.RECORD_VISIT,
    A.MESSAGE_CUSTOMER,  # a delay is announced by whoever works on the job
    A.WRITE_QUOTATION,
    A.RECORD_APPROVAL,
}


@pytest.mark.parametrize("action", list(Action))
def test_manager_may_do_everything(action: Action) -> None:
    assert may(Role.MANAGER, action)
    require(Role.MANAGER, action)


@pytest.mark.parametrize("action", list(Action))
def test_clerk_permissions(action: Action) -> None:
    assert may(Role.CLERK, action) is (action in CLERK_MAY)


@pytest.mark.parametrize("action", list(Action))
def test_technician_permissions(action: Action) -> None:
    assert may(Role.TECHNICIAN, action) is (action in TECHNICIAN_MAY)


def test_clerk_may_not_mark_a_fault_as_not_a_quality_problem() -> None:
    with pytest.raises(NotPermitted) as raised:
        require(Role.CLERK, A.MARK_NOT_QUALITY)
    assert str(raised.value) == (
        "a clerk may not mark a fault as not a quality problem; ask a manager or technician"
    )


def test_technician_may_not_hand_a_product_back() -> None:
    with pytest.raises(NotPermitted) as raised:
        require(Role.TECHNICIAN, A.HAND_BACK)
    assert str(raised.value) == "a technician may not hand a product back; ask a clerk or manager"


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
def test_only_a_manager_may_override_documents_or_manage_the_shop(role: Role) -> None:
    assert not may(role, A.OVERRIDE_DOCUMENTS)
    assert not may(role, A.MANAGE_SHOP)


def test_refusal_to_override_names_the_manager() -> None:
    with pytest.raises(NotPermitted, match=r"ask a manager$"):
        require(Role.CLERK, A.OVERRIDE_DOCUMENTS)


@pytest.mark.parametrize("action", list(Action))
def test_every_action_is_permitted_to_someone(action: Action) -> None:
    # Every action has an entry in the permission table.
    assert {role for role in Role if may(role, action)}
