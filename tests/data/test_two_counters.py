"""Two counters, one job (PostgreSQL): two processes press every pair of actions on the same job
at the same moment, 20 rounds, with a fixed clock (every write in the same second) and the real
one. Exactly one of the two calls goes through; the other is refused with "changed at another
counter" and writes nothing; every job's status, coverage, lines and timeline agree afterwards
(no line added once ready for pickup, no warranty price on a paid job)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

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
    clock_for,
    copies,
    inconsistencies,
    races,
    templates,
)
from tests.postgres_server import PostgresServer

ROUNDS = 20
ANSWER_TIMEOUT_S = 300

pytestmark = pytest.mark.postgres


@pytest.fixture
def shared_database(postgres_server: PostgresServer) -> Iterator[tuple[str, Database]]:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        yield url, database
    finally:
        database.dispose()
        postgres_server.drop_database(url)


def test_two_counters_racing_every_pair_of_actions(
    shared_database: tuple[str, Database], capsys: pytest.CaptureFixture[str]
):
    url, database = shared_database
    setup = Services.build(database, clock_for("fixed"))
    managers = [
        setup.users.add(name, f"店长{n}", Role.MANAGER).id for n, name in enumerate(COUNTERS, 1)
    ]
    setup.users.add(TECHNICIAN, "李建国", Role.TECHNICIAN)
    started = time.perf_counter()
    counters = Counters.start(url)
    problems: list[str] = []
    wins: Counter[str] = Counter()
    tested: set[tuple[str, str]] = set()
    refused = 0
    try:
        for clock in CLOCKS:
            made = templates(Services.build(database, clock_for(clock)), managers[0])
            pairs = races(made)
            tested |= {(race.first.value, race.second.value) for race in pairs}
            for round_ in range(ROUNDS):
                jobs = {
                    state: iter(copies(database, job, sum(r.state == state for r in pairs)))
                    for state, job in made.items()
                }
                seen = [next(jobs[race.state]) for race in pairs]
                # Each counter presses "first" on every other round, so neither always leads.
                orders = [
                    (race.first, race.second) if round_ % 2 == 0 else (race.second, race.first)
                    for race in pairs
                ]
                work = [
                    [(job, order[n].value) for job, order in zip(seen, orders, strict=True)]
                    for n in range(2)
                ]
                answers = counters.ask("race", clock, work, ANSWER_TIMEOUT_S)
                for index, race in enumerate(pairs):
                    outcome = (answers[0][index], answers[1][index])
                    first, second = (action.value for action in orders[index])
                    where = f"{clock} clock, round {round_ + 1}, {race.state}: {first} ‖ {second}"
                    refused += _check_race(setup, seen[index].id, outcome, where, problems, wins)
    finally:
        counters.stop()
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\ntwo counters: {len(tested)} pairs of actions x {ROUNDS} rounds"
            f" x {len(CLOCKS)} clocks"
            f" = {sum(wins.values())} races, {refused} refused as changed elsewhere"
            f" ({dict(wins)}), {elapsed:.1f} s"
        )
    assert not problems, "\n".join(problems[:40])


def _check_race(
    services: Services,
    job_id: int,
    outcome: tuple[tuple[object, ...], tuple[object, ...]],
    where: str,
    problems: list[str],
    wins: Counter[str],
) -> int:
    kinds = sorted(str(result[0]) for result in outcome)
    after = services.jobs.get(job_id)
    for result in outcome:
        if result[0] == "other":
            problems.append(f"{where}: {result[1]}: {result[2]}")
        elif result[0] == "changed" and (
            CHANGED_ELSEWHERE not in str(result[1]) or after.number not in str(result[1])
        ):
            problems.append(f"{where}: refused with {result[1]!r}")
    if kinds != ["changed", "ok"]:
        problems.append(f"{where}: expected one success and one refusal, got {kinds}")
    else:
        winner = next(n for n, result in enumerate(outcome) if result[0] == "ok")
        wins[COUNTERS[winner]] += 1
        done = outcome[winner][1]
        assert isinstance(done, JobSnapshot)
        if after != done:
            problems.append(f"{where}: the job changed after the successful call returned")
    problems += [f"{where}: {problem}" for problem in inconsistencies(after)]
    return kinds.count("changed")
