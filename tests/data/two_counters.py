"""Two counters acting on the same job at the same moment: the pieces of the stress test.

Each counter is a real OS process (multiprocessing, spawn) with its own `Services` on the same
database, reused for every round. For every race both counters show the job at the same version
(what their job view read), meet at a barrier, then both call the action with that version at
once (each call reads the job in its own transaction and writes): exactly one may succeed, the
other must hear "changed at another counter" and write nothing.

The jobs raced on are copies of one job per state that the services made (`copies`): making
each of the thousands of jobs through the services would take most of the test's time.

Kept apart from the test module so that the spawned processes import only this (no Qt, no
pytest fixtures).
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import combinations_with_replacement
from multiprocessing.connection import Connection
from multiprocessing.synchronize import Barrier
from typing import Any

from sqlalchemy import text

from desktop_app.data.db import Database
from desktop_app.data.models import Job, JobEvent, JobLine, Payment, Quotation
from desktop_app.domain.actions import BENCH_STATUSES, JobAction, JobState, available_actions
from desktop_app.domain.errors import ConcurrentChange
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.domain.workflow import CLOSED_STATUSES, Status
from desktop_app.services import Services
from desktop_app.services.common import read_job
from desktop_app.services.jobs import local_now
from tests.helpers import FAST_PASSWORDS, ID_CHECKED, PASSWORD, approved_quotation, check_in_form

FIXED_NOW = datetime(2026, 11, 25, 10, 0)
CLOCKS = ("fixed", "real")
COUNTERS = ("counter1", "counter2")  # the managers at the two counters (usernames)
TECHNICIAN = "tech"
CHANGED_ELSEWHERE = "was changed at another counter by"
BARRIER_TIMEOUT_S = 60


def clock_for(name: str) -> Callable[[], datetime]:
    return (lambda: FIXED_NOW) if name == "fixed" else local_now


# --- job states: how to bring a job there -----------------------------------------------------

Prepare = Callable[[Services, int], JobSnapshot]


def _check_in(services: Services, me: Actor, kind: ServiceKind) -> JobSnapshot:
    today = services.jobs._clock().date()
    form = check_in_form(service_requested=kind, purchase_date=today - timedelta(days=2))
    return services.jobs.check_in(form, me)


def _diagnosing(services: Services, me: Actor) -> JobSnapshot:
    job = _check_in(services, me, ServiceKind.REPAIR)
    return services.jobs.change_status(job.id, Status.DIAGNOSING, me)


def _repairing_with_line(services: Services, me: Actor) -> JobSnapshot:
    job = _diagnosing(services, me)
    job = services.jobs.change_status(job.id, Status.REPAIRING, me)
    return _add_part(services, job, me)


def _waiting_paid_with_line(services: Services, me: Actor) -> JobSnapshot:
    job = _diagnosing(services, me)
    job = services.jobs.mark_not_quality_problem(job.id, me, "进水")
    job = _add_part(services, job, me)
    # The customer approved the quotation of that part: the work may go on (issue 16).
    job = approved_quotation(services, job, me, me)
    return services.jobs.change_status(job.id, Status.WAITING_FOR_PARTS, me, "订配件")


def _ready_paid(services: Services, me: Actor) -> JobSnapshot:
    job = _waiting_paid_with_line(services, me)
    job = services.jobs.change_status(job.id, Status.REPAIRING, me)
    return services.jobs.mark_ready(job.id, me, "换电池")


def _returned(services: Services, me: Actor) -> JobSnapshot:
    job = _ready_paid(services, me)
    return services.handback.hand_back(job.id, me, _hand_back_form(job))


def _add_part(services: Services, job: JobSnapshot, me: Actor) -> JobSnapshot:
    return services.jobs.add_line(
        job.id, me, kind="part", description="电池", quantity=1, unit_price_cents=12900
    )


def _inspecting(kind: ServiceKind) -> Prepare:
    def prepare(services: Services, me: Actor) -> JobSnapshot:
        job = _check_in(services, me, kind)
        return services.handback.start_inspection(job.id, me)

    return prepare


STATES: dict[str, Prepare] = {
    "received (repair)": lambda s, me: _check_in(s, me, ServiceKind.REPAIR),
    "received (return)": lambda s, me: _check_in(s, me, ServiceKind.RETURN),
    "inspecting (return)": _inspecting(ServiceKind.RETURN),
    "inspecting (exchange)": _inspecting(ServiceKind.EXCHANGE),
    "diagnosing (warranty, no line)": _diagnosing,
    "repairing (warranty, a line)": _repairing_with_line,
    "waiting for parts (paid, a line)": _waiting_paid_with_line,
    "ready for pickup (paid)": _ready_paid,
    "returned": _returned,
}


@dataclass(frozen=True)
class Seen:
    """What a counter's job view shows and an action's call needs from it."""

    id: int
    version: int
    line_id: int | None  # the first active line, for "remove line"
    total_charged_cents: int


def read_jobs(database: Database, job_ids: list[int]) -> list[JobSnapshot]:
    """The jobs as `JobService.get` reads them, in one transaction."""
    with database.read() as session:
        return [read_job(session, job_id) for job_id in job_ids]


def copies(database: Database, template: JobSnapshot, count: int) -> list[Seen]:
    """`count` more jobs exactly like `template` (its row, lines, timeline, quotations and
    payments), numbered "<number>-NNNN": the same state the services made, without making it
    `count` times over. PostgreSQL only (generate_series, unnest)."""
    jobs, lines, events = Job.__table__, JobLine.__table__, JobEvent.__table__
    quotes = Quotation.__table__
    job_columns = [c.name for c in jobs.columns if c.name not in ("id", "number")]
    line_columns = [c.name for c in lines.columns if c.name not in ("id", "job_id")]
    event_columns = [c.name for c in events.columns if c.name not in ("id", "job_id")]
    quote_columns = [c.name for c in quotes.columns if c.name not in ("id", "job_id")]
    payment_columns = [c.name for c in Payment.__table__.columns if c.name not in ("id", "job_id")]
    with database.write() as session:
        made = session.scalars(
            text(
                f"INSERT INTO jobs (number, {', '.join(job_columns)}) "
                "SELECT j.number || '-' || lpad(((SELECT count(*) FROM jobs) + g)::text, 4, '0'), "
                f"{', '.join('j.' + c for c in job_columns)} "
                "FROM jobs j CROSS JOIN generate_series(1, :count) g WHERE j.id = :template "
                "ORDER BY g RETURNING id"
            ),
            {"template": template.id, "count": count},
        ).all()
        for table, columns in (
            ("job_lines", line_columns),
            ("job_events", event_columns),
            ("quotations", quote_columns),
            ("payments", payment_columns),  # what may be refunded (issue 16)
        ):
            session.execute(
                text(
                    f"INSERT INTO {table} (job_id, {', '.join(columns)}) "
                    f"SELECT n.id, {', '.join('t.' + c for c in columns)} "
                    f"FROM {table} t CROSS JOIN unnest(CAST(:ids AS integer[])) AS n(id) "
                    "WHERE t.job_id = :template ORDER BY n.id, t.id"
                ),
                {"template": template.id, "ids": list(made)},
            )
        first_lines = dict(
            session.execute(
                text(
                    "SELECT job_id, min(id) FROM job_lines WHERE removed_at IS NULL "
                    "AND job_id = ANY(CAST(:ids AS integer[])) GROUP BY job_id"
                ),
                {"ids": list(made)},
            ).all()
        )
    total = template.total_charged_cents
    return [Seen(job_id, template.version, first_lines.get(job_id), total) for job_id in made]


# --- the actions, each one call a person could make on the job they see ------------------------


def _hand_back_form(job: JobSnapshot | Seen) -> HandBackForm:
    total = job.total_charged_cents
    return HandBackForm(("充电器",), "cash" if total else "", total, identity_note=ID_CHECKED)


def _first_active_line(job: Seen) -> int:
    assert job.line_id is not None
    return job.line_id


Call = Callable[[Services, Seen, int, int], JobSnapshot]

CALLS: dict[JobAction, Call] = {
    JobAction.RECORD_RESPONSE: lambda s, j, me, v: s.jobs.record_first_response(
        j.id, me, "已致电", v
    ),
    JobAction.ASSIGN: lambda s, j, me, v: s.jobs.assign(j.id, _technician(s), me, v),
    JobAction.START_DIAGNOSIS: lambda s, j, me, v: s.jobs.change_status(
        j.id, Status.DIAGNOSING, me, "", v
    ),
    JobAction.RECORD_DIAGNOSIS: lambda s, j, me, v: s.jobs.record_diagnosis(
        j.id, me, "电池老化", v
    ),
    JobAction.NOT_QUALITY_PROBLEM: lambda s, j, me, v: s.jobs.mark_not_quality_problem(
        j.id, me, "有进水痕迹", v
    ),
    JobAction.WAIT_FOR_PARTS: lambda s, j, me, v: s.jobs.change_status(
        j.id, Status.WAITING_FOR_PARTS, me, "订配件", v
    ),
    JobAction.START_REPAIR: lambda s, j, me, v: s.jobs.change_status(
        j.id, Status.REPAIRING, me, "", v
    ),
    JobAction.ADD_PART: lambda s, j, me, v: s.jobs.add_line(
        j.id,
        me,
        kind="part",
        description="屏幕",
        quantity=1,
        unit_price_cents=45000,
        part_model="LCD-60",
        expected_version=v,
    ),
    JobAction.ADD_LABOUR: lambda s, j, me, v: s.jobs.add_line(
        j.id,
        me,
        kind="labour",
        description="拆装",
        quantity=2,
        unit_price_cents=3000,
        expected_version=v,
    ),
    JobAction.REMOVE_LINE: lambda s, j, me, v: s.jobs.remove_line(
        j.id, _first_active_line(j), me, "不需要", v
    ),
    JobAction.MARK_READY: lambda s, j, me, v: s.jobs.mark_ready(j.id, me, "已修好", "", v),
    JobAction.CANNOT_REPAIR: lambda s, j, me, v: s.jobs.cannot_repair(j.id, me, "停产无配件", v),
    JobAction.CANCEL: lambda s, j, me, v: s.jobs.cancel(j.id, me, "客户取消", v),
    JobAction.HAND_BACK: lambda s, j, me, v: s.handback.hand_back(j.id, me, _hand_back_form(j), v),
    JobAction.START_INSPECTION: lambda s, j, me, v: s.handback.start_inspection(j.id, me, "", v),
    JobAction.APPROVE_REFUND: lambda s, j, me, v: s.handback.approve_refund(
        j.id, me, 399900, "", v
    ),
    JobAction.APPROVE_EXCHANGE: lambda s, j, me, v: s.handback.approve_exchange(
        j.id, me, "Mate 60 Pro", "imei869999999999999", "", v
    ),
    JobAction.REFUSE_RETURN: lambda s, j, me, v: s.handback.refuse_return(
        j.id, me, "外壳有划痕", v
    ),
    JobAction.RECORD_SATISFACTION: lambda s, j, me, v: s.handback.record_satisfaction(
        j.id, me, 5, "", v
    ),
    JobAction.CORRECTION: lambda s, j, me, v: s.handback.record_correction(
        j.id, me, "work_done", "换电池和排线", "补记", v
    ),
    JobAction.TAKE_DEPOSIT: lambda s, j, me, v: s.payments.take_deposit(
        j.id, me, Tender(PaymentMethod.WECHAT, 5000), v
    ),
    JobAction.REFUND_PAYMENT: lambda s, j, me, v: s.payments.refund(
        j.id, me, 1000, PaymentMethod.CASH.value, "少收配件费退回", v
    ),
}

_TECHNICIANS: dict[int, int] = {}


def _technician(services: Services) -> int:
    key = id(services.users)
    if key not in _TECHNICIANS:
        user = services.users.by_username(TECHNICIAN)
        assert user is not None
        _TECHNICIANS[key] = user.id
    return _TECHNICIANS[key]


@dataclass(frozen=True)
class Race:
    state: str
    first: JobAction
    second: JobAction


def templates(services: Services, me: Actor) -> dict[str, JobSnapshot]:
    """One job in each state, made by the services (the races run on copies of them)."""
    return {name: prepare(services, me) for name, prepare in STATES.items()}


def races(made: dict[str, JobSnapshot]) -> list[Race]:
    """Every pair of actions a manager may take on the same job state (an action with itself
    too), each raced on the first state that offers both."""
    seen: set[tuple[JobAction, JobAction]] = set()
    found: list[Race] = []
    for name, job in made.items():
        actions = available_actions(job_state_of(job), Role.MANAGER)
        for first, second in combinations_with_replacement(actions, 2):
            if (first, second) not in seen:
                seen.add((first, second))
                found.append(Race(name, first, second))
    return found


def job_state_of(job: JobSnapshot) -> JobState:
    return JobState(
        status=job.status,
        coverage=job.coverage,
        service_requested=job.service_requested,
        first_response_at=job.first_response_at,
        has_active_lines=any(line.active for line in job.lines),
        satisfaction_recorded=job.satisfaction_score is not None,
        refundable_cents=job.refundable_cents,
        quote=job.quote_state(None),
    )


# --- the counters ---------------------------------------------------------------------------------


def counter(url: str, username: str, commands: Connection, barrier: Barrier) -> None:
    """One counter's process: races on the jobs the test sends, until told to stop.

    Outcome per job: ("ok", the job as the call returned it), ("changed", message) for the
    refusal the user must see, or ("other", type, message) for anything else (the test fails)."""
    from desktop_app.data.db import open_database

    database = open_database(url)
    by_clock = {
        name: Services.build(database, clock_for(name), passwords=FAST_PASSWORDS) for name in CLOCKS
    }
    # A sign-in holds at the services that issued it: one per clock's services.
    me_by_clock = {name: s.auth.sign_in(username, PASSWORD) for name, s in by_clock.items()}
    try:
        while True:
            command, clock, work = commands.recv()
            services = by_clock.get(clock)
            if command == "stop" or services is None:
                break
            me = me_by_clock[clock]
            outcomes: list[tuple[Any, ...]] = []
            for seen, action in work:
                # Both counters show the job at the same version; they press at the same moment.
                barrier.wait(BARRIER_TIMEOUT_S)
                try:
                    done = CALLS[JobAction(action)](services, seen, me, seen.version)
                except ConcurrentChange as refused:
                    outcomes.append(("changed", refused.render()))
                except Exception as error:
                    outcomes.append(("other", type(error).__name__, str(error)))
                else:
                    outcomes.append(("ok", done))
            commands.send(outcomes)
    finally:
        database.dispose()


@dataclass
class Counters:
    """The two counter processes, reused for every round."""

    processes: list[Any]
    pipes: list[Connection]
    barrier: Barrier  # kept here: the children find it only while the parent holds it

    @classmethod
    def start(cls, url: str) -> Counters:
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(2)
        processes, pipes = [], []
        for username in COUNTERS:
            here, there = context.Pipe()
            process = context.Process(
                target=counter, args=(url, username, there, barrier), daemon=True
            )
            process.start()
            there.close()
            processes.append(process)
            pipes.append(here)
        return cls(processes, pipes, barrier)

    def send(self, clock: str, work: list[list[Any]]) -> None:
        """Give each counter its share of a round: (job as seen, action) pairs, raced in order."""
        for pipe, share in zip(self.pipes, work, strict=True):
            pipe.send(("race", clock, share))

    def receive(self, timeout: float) -> list[Any]:
        """Both counters' outcomes of the round sent last (waiting at most `timeout` each)."""
        answers = []
        for pipe, process in zip(self.pipes, self.processes, strict=True):
            if not pipe.poll(timeout):
                raise AssertionError(f"no answer from {process.name} within {timeout} s")
            answers.append(pipe.recv())
        return answers

    def stop(self) -> None:
        for pipe in self.pipes:
            with contextlib.suppress(BrokenPipeError, OSError):
                pipe.send(("stop", "", []))
        for process in self.processes:
            process.join(30)
            if process.is_alive():
                process.kill()
                process.join()


# --- what must hold afterwards --------------------------------------------------------------------


def inconsistencies(job: JobSnapshot) -> list[str]:
    """Whatever in the job's status, coverage, lines and timeline disagrees."""
    problems: list[str] = []
    status: Status | None = None
    coverage: Coverage | None = None
    added = removed = 0
    for event in sorted(job.events, key=lambda e: e.id):
        kind = EventKind(event.kind)
        if kind is EventKind.CHECKED_IN:
            coverage = Coverage(event.payload["coverage"])
        bench_only = (EventKind.LINE_ADDED, EventKind.LINE_REMOVED, EventKind.NOT_QUALITY_PROBLEM)
        if kind in bench_only and status not in BENCH_STATUSES:
            problems.append(f"{kind.value} while the job was {status}")
        if kind is EventKind.LINE_ADDED:
            added += 1
            if event.payload["free"] != (coverage is not Coverage.PAID):
                problems.append(f"line added as free={event.payload['free']} on a {coverage} job")
        if kind is EventKind.LINE_REMOVED:
            removed += 1
        if kind is EventKind.NOT_QUALITY_PROBLEM:
            if coverage is not Coverage.WARRANTY:
                problems.append(f"not a quality problem on a {coverage} job")
            coverage = Coverage.PAID
        if event.to_status is not None:
            if status in CLOSED_STATUSES:
                problems.append(f"status changed to {event.to_status} after {status}")
            if status is Status.INSPECTING and event.to_status is Status.DIAGNOSING:
                coverage = job.coverage  # refused return: judged again as a repair
            status = event.to_status
    if status is not job.status:
        problems.append(f"status {job.status} but the timeline ends at {status}")
    if coverage is not job.coverage:
        problems.append(f"coverage {job.coverage} but the timeline says {coverage}")
    active = [line for line in job.lines if line.active]
    if len(job.lines) != added or len(job.lines) - len(active) != removed:
        problems.append(
            f"{len(job.lines)} lines ({len(active)} active) but {added} added, {removed} removed"
        )
    for line in active:
        owed = line.quantity * line.unit_price_cents if job.coverage is Coverage.PAID else 0
        if job.coverage in (Coverage.PAID, Coverage.WARRANTY) and line.charged_cents != owed:
            problems.append(
                f"{line.description} charged {line.charged_cents} on a {job.coverage} job"
            )
    if job.status is Status.READY_FOR_PICKUP and job.ready_at is None:
        problems.append("ready for pickup with no ready time")
    return problems
