"""Who may do what at the counter.

The services enforce these for the signed-in actor (services/auth.py) on every call, reading the
actor's role afresh from the database, so every event names a user entitled to cause it.
"""

from __future__ import annotations

from desktop_app.domain.errors import NotPermitted
from desktop_app.domain.text import N_, Listing
from desktop_app.domain.vocabulary import ROLE_LABELS

# The `X as X` imports: declared in the vocabulary beside their labels, still importable from here.
from desktop_app.domain.vocabulary import Action as Action
from desktop_app.domain.vocabulary import Role as Role

_ALL = frozenset(Role)
_PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.CHECK_IN: frozenset({Role.CLERK, Role.MANAGER}),
    Action.OVERRIDE_DOCUMENTS: frozenset({Role.MANAGER}),
    Action.CHECK_IN_SERIAL_IN_SHOP: frozenset({Role.MANAGER}),
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
    Action.MANAGE_USERS: frozenset({Role.MANAGER}),
    Action.REVEAL_PHONE: _ALL,  # whoever calls the customer; each look is on the record
    # Every number at once (the command line's export): the manager answers for the list.
    Action.LIST_FULL_PHONES: frozenset({Role.MANAGER}),
    # Issue 13. Anyone who takes the customer's call records a complaint and handles it; only a
    # manager reopens one, decides compensation, or registers a follow-up's draft.
    Action.RECORD_COMPLAINT: _ALL,
    Action.REOPEN_COMPLAINT: frozenset({Role.MANAGER}),
    Action.DECIDE_COMPENSATION: frozenset({Role.MANAGER}),
    Action.RECORD_CONSULTATION: _ALL,
    Action.SCHEDULE_VISIT: frozenset({Role.CLERK, Role.MANAGER}),
    Action.RECORD_VISIT: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.FOLLOW_UP: frozenset({Role.CLERK, Role.MANAGER}),
    Action.VIEW_EVALUATION: frozenset({Role.MANAGER}),
    Action.BACK_UP: frozenset({Role.MANAGER}),
    # Issue 16. A clerk sees their own takings (to close their shift) and counts the drawer they
    # worked at; the whole shop's, every clerk's, is the manager's.
    Action.VIEW_TAKINGS: frozenset({Role.CLERK, Role.MANAGER}),
    Action.VIEW_ALL_TAKINGS: frozenset({Role.MANAGER}),
    Action.COUNT_DRAWER: frozenset({Role.CLERK, Role.MANAGER}),
    # Issue 16: the manager keeps the catalogue and its prices; a technician picks from it.
    Action.MANAGE_PARTS: frozenset({Role.MANAGER}),
    Action.CHANGE_PART_PRICE: frozenset({Role.MANAGER}),
    # Issue 16: whoever talks to the customer (a technician announces a delay too); each
    # message is on the job's record.
    Action.MESSAGE_CUSTOMER: _ALL,
    # Issue 16: whoever hands back takes money; only a manager gives it back.
    Action.TAKE_PAYMENT: frozenset({Role.CLERK, Role.MANAGER}),
    Action.REFUND_PAYMENT: frozenset({Role.MANAGER}),
    # Issue 16: the technician quotes; whoever calls the customer or takes the signed copy back
    # records the answer; only a manager lets paid work start without it.
    Action.WRITE_QUOTATION: frozenset({Role.TECHNICIAN, Role.MANAGER}),
    Action.RECORD_APPROVAL: _ALL,
    Action.OVERRIDE_APPROVAL: frozenset({Role.MANAGER}),
}


def may(role: Role, action: Action) -> bool:
    return role in _PERMISSIONS[action]


def require(role: Role, action: Action) -> None:
    if not may(role, action):
        raise NotPermitted(
            N_("a {role} may not {action}; ask a {allowed}"),
            role=ROLE_LABELS[role],
            action=action.value,
            allowed=Listing(sorted(ROLE_LABELS[r] for r in _PERMISSIONS[action]), N_(" or ")),
        )
