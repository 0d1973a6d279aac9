"""Job statuses and the transitions the counter allows between them.

Two paths share the statuses: a repair (received → diagnosing → [waiting for parts ↔ repairing] →
ready for pickup → returned) and a 7-day no-reason return/exchange (received → inspecting →
refunded or exchanged; an inspection that finds the product not returnable sends it to diagnosis).
"""

from __future__ import annotations

from desktop_app.domain.errors import IllegalTransition
from desktop_app.domain.text import N_, Listing

# The `X as X` imports: declared in the vocabulary beside their labels, still importable from here.
from desktop_app.domain.vocabulary import STATUS_LABELS as STATUS_LABELS
from desktop_app.domain.vocabulary import Coverage
from desktop_app.domain.vocabulary import Status as Status

CLOSED_STATUSES = frozenset({Status.RETURNED, Status.CANCELLED, Status.REFUNDED, Status.EXCHANGED})
# The statuses in which the product (or the money, or a replacement) has gone back: the ones a
# return receipt is printed for.
HANDED_BACK_STATUSES = frozenset({Status.RETURNED, Status.REFUNDED, Status.EXCHANGED})
OPEN_STATUSES = frozenset(Status) - CLOSED_STATUSES
# Once ready for pickup the shop has done its part; the repair clock stops there.
REPAIR_CLOCK_RUNNING = OPEN_STATUSES - {Status.READY_FOR_PICKUP}

_REPAIR_PATH: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.DIAGNOSING, Status.CANCELLED),
    Status.DIAGNOSING: (
        Status.WAITING_FOR_PARTS,
        Status.REPAIRING,
        Status.READY_FOR_PICKUP,  # no fault found, or cannot be repaired
        Status.CANCELLED,
    ),
    Status.WAITING_FOR_PARTS: (Status.REPAIRING, Status.CANCELLED),
    Status.REPAIRING: (Status.WAITING_FOR_PARTS, Status.READY_FOR_PICKUP, Status.CANCELLED),
    Status.READY_FOR_PICKUP: (Status.RETURNED, Status.REPAIRING),  # rework after a failed check
    Status.RETURNED: (),
    Status.CANCELLED: (),
}

_RETURN_EXCHANGE_PATH: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.INSPECTING, Status.CANCELLED),
    Status.INSPECTING: (Status.REFUNDED, Status.EXCHANGED, Status.DIAGNOSING, Status.CANCELLED),
    Status.REFUNDED: (),
    Status.EXCHANGED: (),
}


def allowed_next(coverage: Coverage, current: Status) -> tuple[Status, ...]:
    """Statuses a job may move to from `current`."""
    if coverage is Coverage.RETURN_EXCHANGE and current in _RETURN_EXCHANGE_PATH:
        return _RETURN_EXCHANGE_PATH[current]
    return _REPAIR_PATH.get(current, ())


def check_transition(coverage: Coverage, current: Status, target: Status) -> None:
    """Refuse an illegal move, saying what is allowed from here."""
    allowed = allowed_next(coverage, current)
    if target in allowed:
        return
    if not allowed:
        raise IllegalTransition(
            N_("a job that is {current} is closed; it cannot become {target}"),
            current=STATUS_LABELS[current],
            target=STATUS_LABELS[target],
        )
    raise IllegalTransition(
        N_("a job that is {current} cannot become {target}; allowed from here: {allowed}"),
        current=STATUS_LABELS[current],
        target=STATUS_LABELS[target],
        allowed=Listing([STATUS_LABELS[s] for s in allowed], N_(", ")),
    )


def is_open(status: Status) -> bool:
    return status in OPEN_STATUSES
