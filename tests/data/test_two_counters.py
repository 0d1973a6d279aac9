"""Two counters, one job (PostgreSQL): two processes press every pair of actions on the same job
at the same moment, 20 rounds, with a fixed clock (every write in the same second) and the real
one. Exactly one of the two calls goes through; the other is refused with "changed at another
counter" and writes nothing; every job's status, coverage, lines and timeline agree afterwards
(no line added once ready for pickup, no warranty price on a paid job)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.services import Services
from tests.data.two_counters import (
    CHANGED_ELSEWHERE,
    CLOCKS,
    COUNTERS,
    TECHNICIAN,
    Counters,
    Race,
    Seen,
    clock_for,
    copies,
    inconsistencies,
    races,
    read_jobs,
    templates,
)
from tests.helpers import FAST_PASSWORDS, PASSWORD, add_user
from tests.postgres_server import PostgresServer

ROUNDS = 20
ANSWER_TIMEOUT_S = 300

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@pytest.fixture
def shared_database(postgres_server: PostgresServer) -> Iterator[tuple[str, Database]]:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        yield url, database
    finally:
        database.dispose()
        postgres_server.drop_database(url)


@dataclass
class Round:
    clock: str
    number: int
    pairs: list[Race]
    seen: list[Seen]

    def orders(self) -> list[tuple[str, str]]:
        """Counter 1 presses the pair's first action on even rounds, its second on odd ones."""
        return [
            (race.first.value, race.second.value)
            if self.number % 2 == 0
            else (race.second.value, race.first.value)
            for race in self.pairs
        ]

    def work(self) -> list[list[tuple[Seen, str]]]:
        orders = self.orders()
        return [
            [(job, order[n]) for job, order in zip(self.seen, orders, strict=True)] for n in (0, 1)
        ]


@dataclass
class Tally:
    problems: list[str] = field(default_factory=list)
    wins: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    pairs: set[tuple[str, str]] = field(default_factory=set)


@pytest.mark.parametrize("clock", CLOCKS)
def test_two_counters_racing_every_pair_of_actions(
    shared_database: tuple[str, Database], clock: str, capsys: pytest.CaptureFixture[str]
):
    """One clock a test (each within the suite's two-minute hang warning): "fixed" makes every
    write of a race fall in the same second, "real" is the counter's own clock."""
    url, database = shared_database
    setup = Services.build(database, clock_for("fixed"), passwords=FAST_PASSWORDS)
    for n, name in enumerate(COUNTERS, 1):
        add_user(setup, name, f"店长{n}", Role.MANAGER)
    add_user(setup, TECHNICIAN, "李建国", Role.TECHNICIAN)
    started = time.perf_counter()
    rounds = _rounds(database, clock, COUNTERS[0])
    tally = Tally()
    counters = Counters.start(url)
    try:
        # The counters race round n+1 while this process checks round n.
        counters.send(rounds[0].clock, rounds[0].work())
        for index, current in enumerate(rounds):
            answers = counters.receive(ANSWER_TIMEOUT_S)
            if index + 1 < len(rounds):
                counters.send(rounds[index + 1].clock, rounds[index + 1].work())
            _check_round(database, current, answers, tally)
    finally:
        counters.stop()
    elapsed = time.perf_counter() - started
    races_run = sum(len(r.pairs) for r in rounds)
    with capsys.disabled():
        print(
            f"\ntwo counters, {clock} clock: {len(tally.pairs)} pairs of actions x {ROUNDS} rounds"
            f" = {races_run} races; {tally.refused} calls refused as"
            f" changed elsewhere; wins {dict(tally.wins)}; {elapsed:.1f} s"
        )
    assert not tally.problems, "\n".join(tally.problems[:40])
    assert tally.refused == races_run


def _rounds(database: Database, clock: str, username: str) -> list[Round]:
    """Every round's jobs for one clock: one job per pair and round, in the pair's state."""
    services = Services.build(database, clock_for(clock), passwords=FAST_PASSWORDS)
    made = templates(services, services.auth.sign_in(username, PASSWORD))
    pairs = races(made)
    jobs = {
        state: iter(copies(database, job, ROUNDS * sum(r.state == state for r in pairs)))
        for state, job in made.items()
    }
    return [
        Round(clock, number, pairs, [next(jobs[race.state]) for race in pairs])
        for number in range(ROUNDS)
    ]


def _check_round(database: Database, current: Round, answers: list[Any], tally: Tally) -> None:
    after = read_jobs(database, [job.id for job in current.seen])
    for index, (race, (first, second)) in enumerate(
        zip(current.pairs, current.orders(), strict=True)
    ):
        tally.pairs.add((race.first.value, race.second.value))
        where = (
            f"{current.clock} clock, round {current.number + 1}, {race.state}: {first} ‖ {second}"
        )
        outcome = (answers[0][index], answers[1][index])
        problems = _check_race(after[index], outcome, tally)
        tally.problems += [f"{where}: {problem}" for problem in problems]


def _check_race(after: JobSnapshot, outcome: tuple[Any, Any], tally: Tally) -> list[str]:
    problems: list[str] = []
    kinds = sorted(str(result[0]) for result in outcome)
    for result in outcome:
        if result[0] == "other":
            problems.append(f"{result[1]}: {result[2]}")
        elif result[0] == "changed":
            tally.refused += 1
            if CHANGED_ELSEWHERE not in result[1] or after.number not in result[1]:
                problems.append(f"refused with {result[1]!r}")
    if kinds != ["changed", "ok"]:
        problems.append(f"expected one success and one refusal, got {kinds}")
    else:
        winner = next(n for n, result in enumerate(outcome) if result[0] == "ok")
        tally.wins[COUNTERS[winner]] += 1
        if after != outcome[winner][1]:
            problems.append("the job is not as the successful call left it")
    return problems + inconsistencies(after)
