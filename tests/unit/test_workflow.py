"""Job statuses: the repair path, the 7-day return/exchange path, and closed jobs."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import IllegalTransition
from desktop_app.domain.rules import Coverage
from desktop_app.domain.workflow import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    REPAIR_CLOCK_RUNNING,
    STATUS_LABELS,
    Status,
    allowed_next,
    check_transition,
    is_open,
)

S = Status
REPAIR_COVERAGES = [Coverage.WARRANTY, Coverage.PAID]

REPAIR_PATH = {
    S.RECEIVED: {S.DIAGNOSING, S.CANCELLED},
    S.DIAGNOSING: {S.WAITING_FOR_PARTS, S.REPAIRING, S.READY_FOR_PICKUP, S.CANCELLED},
    S.WAITING_FOR_PARTS: {S.REPAIRING, S.CANCELLED},
    S.REPAIRING: {S.WAITING_FOR_PARTS, S.READY_FOR_PICKUP, S.CANCELLED},
    S.READY_FOR_PICKUP: {S.RETURNED, S.REPAIRING},
}
RETURN_EXCHANGE_PATH = {
    S.RECEIVED: {S.INSPECTING, S.CANCELLED},
    S.INSPECTING: {S.REFUNDED, S.EXCHANGED, S.DIAGNOSING, S.CANCELLED},
    # Once an inspection sends the product to diagnosis, it follows the repair path.
    S.DIAGNOSING: REPAIR_PATH[S.DIAGNOSING],
    S.WAITING_FOR_PARTS: REPAIR_PATH[S.WAITING_FOR_PARTS],
    S.REPAIRING: REPAIR_PATH[S.REPAIRING],
    S.READY_FOR_PICKUP: REPAIR_PATH[S.READY_FOR_PICKUP],
}


def moves(path: dict[Status, set[Status]]) -> list[tuple[Status, Status]]:
    return [(here, there) for here, targets in path.items() for there in sorted(targets)]


@pytest.mark.parametrize("coverage", REPAIR_COVERAGES)
@pytest.mark.parametrize(("here", "there"), moves(REPAIR_PATH))
def test_repair_path_move_is_allowed(coverage: Coverage, here: Status, there: Status) -> None:
    check_transition(coverage, here, there)


@pytest.mark.parametrize(("here", "there"), moves(RETURN_EXCHANGE_PATH))
def test_return_exchange_path_move_is_allowed(here: Status, there: Status) -> None:
    check_transition(Coverage.RETURN_EXCHANGE, here, there)


@pytest.mark.parametrize("coverage", REPAIR_COVERAGES)
@pytest.mark.parametrize("here", sorted(REPAIR_PATH))
def test_repair_path_allows_exactly_the_listed_moves(coverage: Coverage, here: Status) -> None:
    assert set(allowed_next(coverage, here)) == REPAIR_PATH[here]


@pytest.mark.parametrize("here", sorted(RETURN_EXCHANGE_PATH))
def test_return_exchange_path_allows_exactly_the_listed_moves(here: Status) -> None:
    assert set(allowed_next(Coverage.RETURN_EXCHANGE, here)) == RETURN_EXCHANGE_PATH[here]


@pytest.mark.parametrize("coverage", REPAIR_COVERAGES)
@pytest.mark.parametrize(
    ("here", "there"),
    [
        (here, there)
        for here in sorted(REPAIR_PATH)
        for there in Status
        if there not in REPAIR_PATH[here]
    ],
)
def test_every_other_repair_move_is_refused(
    coverage: Coverage, here: Status, there: Status
) -> None:
    with pytest.raises(IllegalTransition):
        check_transition(coverage, here, there)


@pytest.mark.parametrize(
    ("here", "there"),
    [
        (here, there)
        for here in sorted(RETURN_EXCHANGE_PATH)
        for there in Status
        if there not in RETURN_EXCHANGE_PATH[here]
    ],
)
def test_every_other_return_exchange_move_is_refused(here: Status, there: Status) -> None:
    with pytest.raises(IllegalTransition):
        check_transition(Coverage.RETURN_EXCHANGE, here, there)


@pytest.mark.parametrize("coverage", list(Coverage))
@pytest.mark.parametrize("closed", sorted(CLOSED_STATUSES))
def test_closed_status_allows_nothing(coverage: Coverage, closed: Status) -> None:
    assert allowed_next(coverage, closed) == ()


@pytest.mark.parametrize("coverage", list(Coverage))
@pytest.mark.parametrize("closed", sorted(CLOSED_STATUSES))
def test_moving_a_closed_job_says_it_is_closed(coverage: Coverage, closed: Status) -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(coverage, closed, S.REPAIRING)
    assert str(raised.value) == (
        f"a job that is {STATUS_LABELS[closed]} is closed; it cannot become repairing"
    )


def test_illegal_move_names_what_is_allowed_from_here() -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(Coverage.WARRANTY, S.RECEIVED, S.READY_FOR_PICKUP)
    assert str(raised.value) == (
        "a job that is received cannot become ready for pickup; "
        "allowed from here: diagnosing, cancelled"
    )


def test_illegal_return_exchange_move_names_what_is_allowed_from_here() -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(Coverage.RETURN_EXCHANGE, S.RECEIVED, S.DIAGNOSING)
    assert str(raised.value) == (
        "a job that is received cannot become diagnosing; "
        "allowed from here: inspecting for return/exchange, cancelled"
    )


def test_illegal_move_message_is_translatable() -> None:
    with pytest.raises(IllegalTransition) as raised:
        check_transition(Coverage.PAID, S.WAITING_FOR_PARTS, S.RETURNED)
    text = raised.value.text
    assert text.template.startswith("a job that is {current} cannot become {target}")
    # The allowed statuses are translated one by one, with the separator, not as one phrase.
    allowed = dict(text.params)["allowed"]
    assert allowed.words == ("repairing", "cancelled")
    assert allowed.render() == "repairing, cancelled"
    assert allowed.render({"repairing": "维修中", "cancelled": "已取消", ", ": "、"}.get) == (
        "维修中、已取消"
    )


def test_repair_job_cannot_be_refunded() -> None:
    with pytest.raises(IllegalTransition):
        check_transition(Coverage.WARRANTY, S.RECEIVED, S.INSPECTING)


def test_every_status_has_a_label() -> None:
    assert set(STATUS_LABELS) == set(Status)


def test_closed_statuses() -> None:
    assert {S.RETURNED, S.CANCELLED, S.REFUNDED, S.EXCHANGED} == CLOSED_STATUSES


@pytest.mark.parametrize("status", list(Status))
def test_is_open_is_the_opposite_of_closed(status: Status) -> None:
    assert is_open(status) is (status not in CLOSED_STATUSES)
    assert (status in OPEN_STATUSES) is is_open(status)


def test_repair_clock_stops_when_ready_for_pickup() -> None:
    assert S.READY_FOR_PICKUP not in REPAIR_CLOCK_RUNNING
    assert OPEN_STATUSES - {S.READY_FOR_PICKUP} == REPAIR_CLOCK_RUNNING
    assert not REPAIR_CLOCK_RUNNING & CLOSED_STATUSES
