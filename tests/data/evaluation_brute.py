"""Every figure of the evaluation recomputed the slow, obvious way: the raw rows read with plain
SELECTs, each definition of domain/evaluation.DEFINITIONS applied row by row in Python with the
domain's own calendar functions. The database's aggregation must agree with it exactly."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from desktop_app.data.db import Database
from desktop_app.data.models import (
    Compensation,
    Complaint,
    Consultation,
    Job,
    Product,
    Survey,
    User,
)
from desktop_app.domain.compensation import PreviousRepair, is_repeat, offers_from_json
from desktop_app.domain.complaints import ACKNOWLEDGE_HOURS
from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    CompensationFigures,
    ComplaintFigures,
    DaysTaken,
    Figures,
    JobFigure,
    OfferTotal,
    Period,
    Rate,
    Received,
    ReturnsExchanges,
    Satisfaction,
    Scores,
    TechnicianFigures,
    WeekRates,
    day_bucket,
)
from desktop_app.domain.vocabulary import (
    Category,
    ComplaintCategory,
    OfferKind,
    ServiceKind,
)
from desktop_app.domain.workdays import WorkCalendar, end_of_day


@dataclass
class Raw:
    """The tables as plain dicts (one SELECT each)."""

    jobs: list[dict[str, Any]]
    users: list[dict[str, Any]]
    complaints: list[dict[str, Any]]
    compensations: list[dict[str, Any]]
    surveys: list[dict[str, Any]]
    consultations: list[dict[str, Any]]


def read_raw(database: Database) -> Raw:
    with database.read() as session:

        def rows(table: Any) -> list[dict[str, Any]]:
            return [dict(r._mapping) for r in session.execute(select(table))]

        products = {p["id"]: p for p in rows(Product.__table__)}
        jobs = rows(Job.__table__)
        for job in jobs:
            product = products[job["product_id"]]
            job["serial"], job["category"], job["brand"] = (
                product["serial"],
                product["category"],
                product["brand"],
            )
        return Raw(
            jobs,
            rows(User.__table__),
            rows(Complaint.__table__),
            rows(Compensation.__table__),
            rows(Survey.__table__),
            rows(Consultation.__table__),
        )


def _within(at: datetime | None, period: Period) -> bool:
    return at is not None and period.begins_at <= at < period.ends_at


def _rate(jobs: list[dict], on_time: Any) -> Rate:
    return Rate(sum(1 for j in jobs if on_time(j)), len(jobs))


def _monday(day: Any) -> Any:
    return day - timedelta(days=day.weekday())


def _previous_repair(raw: Raw, job: dict) -> dict | None:
    if not job["serial"]:
        return None
    earlier = [
        e
        for e in raw.jobs
        if e["serial"] == job["serial"]
        and e["id"] != job["id"]
        and e["status"] == "returned"
        and e["outcome"] == "repaired"
        and e["returned_at"] is not None
        and e["returned_at"] <= job["checked_in_at"]
    ]
    if not earlier:
        return None
    last = max(earlier, key=lambda e: (e["returned_at"], e["id"]))
    if is_repeat(PreviousRepair(last["number"], last["returned_at"]), job["checked_in_at"]):
        return last
    return None


def job_sets(raw: Raw, period: Period, now: datetime) -> dict[JobFigure, set[int]]:
    """The ids of the jobs behind each figure, by the words of the definitions."""
    cutoff = min(period.ends_at, now)
    received = [j for j in raw.jobs if _within(j["checked_in_at"], period)]
    due = [j for j in received if j["response_due_at"] <= cutoff]
    ready = [j for j in raw.jobs if _within(j["ready_at"], period)]

    def responded(j: dict) -> bool:
        return j["first_response_at"] is not None and j["first_response_at"] <= j["response_due_at"]

    def open_at_end(j: dict) -> bool:
        closed = j["returned_at"] is not None and j["returned_at"] < period.ends_at
        return j["checked_in_at"] < period.ends_at and not closed

    def overdue(j: dict) -> bool:
        # at the end (or now): not ready by then, and the due day over by then
        was_ready = j["ready_at"] is not None and j["ready_at"] < cutoff
        return open_at_end(j) and not was_ready and end_of_day(j["repair_due_date"]) <= cutoff

    return {
        JobFigure.RECEIVED: {j["id"] for j in received},
        JobFigure.RESPONSE_DUE: {j["id"] for j in due},
        JobFigure.RESPONSE_LATE: {j["id"] for j in due if not responded(j)},
        JobFigure.READY: {j["id"] for j in ready},
        JobFigure.REPAIR_LATE: {
            j["id"] for j in ready if j["ready_at"].date() > j["repair_due_date"]
        },
        JobFigure.OPEN_AT_END: {j["id"] for j in raw.jobs if open_at_end(j)},
        JobFigure.OVERDUE_AT_END: {j["id"] for j in raw.jobs if overdue(j)},
        JobFigure.WARRANTY: {j["id"] for j in received if j["coverage"] == "warranty"},
        JobFigure.PAID: {j["id"] for j in received if j["coverage"] == "paid"},
        JobFigure.NOT_QUALITY: {
            j["id"] for j in received if j["coverage"] == "paid" and j["not_quality_reason"]
        },
        JobFigure.RETURN_EXCHANGE: {
            j["id"] for j in received if j["service_requested"] in ("return", "exchange")
        },
        JobFigure.REPEAT: {j["id"] for j in received if _previous_repair(raw, j) is not None},
        JobFigure.RETURNED: {
            j["id"]
            for j in raw.jobs
            if _within(j["returned_at"], period) and j["status"] in ("returned", "exchanged")
        },
    }


def brute_figures(raw: Raw, period: Period, now: datetime, calendar: WorkCalendar) -> Figures:
    sets = job_sets(raw, period, now)
    by_id = {j["id"]: j for j in raw.jobs}
    cutoff = min(period.ends_at, now)

    def jobs_of(figure: JobFigure) -> list[dict]:
        return [by_id[i] for i in sorted(sets[figure])]

    received = jobs_of(JobFigure.RECEIVED)
    due = jobs_of(JobFigure.RESPONSE_DUE)
    ready = jobs_of(JobFigure.READY)
    returned = jobs_of(JobFigure.RETURNED)

    def responded(j: dict) -> bool:
        return j["id"] not in sets[JobFigure.RESPONSE_LATE]

    def in_time(j: dict) -> bool:
        return j["id"] not in sets[JobFigure.REPAIR_LATE]

    def taken(j: dict) -> int:
        return calendar.working_days_between(j["checked_in_at"].date(), j["ready_at"].date())

    def days_taken(jobs: list[dict]) -> DaysTaken:
        buckets = [0] * len(DAY_BUCKETS)
        for j in jobs:
            buckets[day_bucket(taken(j))] += 1
        return DaysTaken(tuple(buckets), sum(taken(j) for j in jobs))

    def scores(values: list[int]) -> Scores:
        counted = Counter(values)
        return Scores(tuple(counted.get(s, 0) for s in (1, 2, 3, 4, 5)))

    brands = Counter(j["brand"] for j in received)
    asked = [j for j in received if j["service_requested"] in ("return", "exchange")]

    # registered in the period: the acknowledgement falls due 24 hours after registration
    numbered = [c for c in raw.complaints if c["number"] is not None]
    complaints = [
        c
        for c in numbered
        if _within(c["acknowledge_due_at"] - timedelta(hours=ACKNOWLEDGE_HOURS), period)
    ]
    # each clock: the complaints whose promise fell due in the period (by its end, or now)
    ack_due = [
        c
        for c in numbered
        if _within(c["acknowledge_due_at"], period) and c["acknowledge_due_at"] <= cutoff
    ]
    resolve_due = [
        c
        for c in numbered
        if period.start <= c["resolve_due_date"] <= period.end
        and end_of_day(c["resolve_due_date"]) <= cutoff
    ]

    decided = [c for c in raw.compensations if _within(c["decided_at"], period)]
    approved = [c for c in decided if c["state"] in ("approved", "changed")]
    offers: dict[OfferKind, list[int]] = {}
    for row in approved:
        for offer in offers_from_json(row["decided"]):
            total = offers.setdefault(offer.kind, [0, 0, 0])
            total[0] += 1
            total[1] += offer.amount_cents
            total[2] += offer.months
    awaiting = [
        c
        for c in raw.compensations
        if _within(c["proposed_at"], period)
        and (c["decided_at"] is None or c["decided_at"] >= period.ends_at)
    ]

    calls = [s for s in raw.surveys if _within(s["at"], period)]
    reached_jobs = {s["job_id"] for s in raw.surveys if s["reached"]}

    # Per technician.
    repeats_by: Counter = Counter()
    for j in jobs_of(JobFigure.REPEAT):
        repeats_by[_previous_repair(raw, j)["technician_id"]] += 1
    complaints_by = Counter(
        by_id[c["job_id"]]["technician_id"] for c in complaints if c["job_id"] is not None
    )
    busy = {j["technician_id"] for j in ready} | {
        j["technician_id"] for j in returned if j["satisfaction_score"] is not None
    }
    busy |= set(complaints_by) | set(repeats_by)
    people = [
        u for u in raw.users if (u["role"] == "technician" and u["active"]) or u["id"] in busy
    ]
    technicians = []
    for user in sorted(people, key=lambda u: (u["display_name"], u["id"])):
        mine = [j for j in ready if j["technician_id"] == user["id"]]
        technicians.append(
            TechnicianFigures(
                user["id"],
                user["display_name"],
                completed=len(mine),
                repair_on_time=_rate(mine, in_time),
                days_taken=days_taken(mine),
                satisfaction=scores(
                    [
                        j["satisfaction_score"]
                        for j in returned
                        if j["technician_id"] == user["id"] and j["satisfaction_score"]
                    ]
                ),
                complaints=complaints_by.get(user["id"], 0),
                repeat_repairs=repeats_by.get(user["id"], 0),
            )
        )

    weekly = tuple(
        WeekRates(
            monday,
            _rate([j for j in due if _monday(j["checked_in_at"].date()) == monday], responded),
            _rate([j for j in ready if _monday(j["ready_at"].date()) == monday], in_time),
        )
        for monday in period.weeks()
    )

    return Figures(
        period=period,
        received=Received(
            len(received),
            _nonzero(Counter(ServiceKind(j["service_requested"]) for j in received)),
            _nonzero(Counter(Category(j["category"]) for j in received)),
            tuple(sorted(brands.items(), key=lambda bn: (-bn[1], bn[0]))),
            sum(1 for c in raw.consultations if _within(c["received_at"], period)),
        ),
        first_response_on_time=_rate(due, responded),
        repair_on_time=_rate(ready, in_time),
        working_days_taken=days_taken(ready),
        open_at_end=len(sets[JobFigure.OPEN_AT_END]),
        overdue_at_end=len(sets[JobFigure.OVERDUE_AT_END]),
        warranty_repairs=len(sets[JobFigure.WARRANTY]),
        paid_repairs=len(sets[JobFigure.PAID]),
        not_quality_problem=len(sets[JobFigure.NOT_QUALITY]),
        returns_exchanges=ReturnsExchanges(
            len(asked),
            sum(1 for j in received if j["status"] == "refunded"),
            sum(1 for j in received if j["status"] == "exchanged"),
            sum(1 for j in asked if j["coverage"] != "return_exchange"),
        ),
        repeat_repairs=len(sets[JobFigure.REPEAT]),
        complaints=ComplaintFigures(
            len(complaints),
            _nonzero(Counter(ComplaintCategory(c["category"]) for c in complaints)),
            _rate(
                ack_due,
                lambda c: (
                    c["acknowledged_at"] is not None
                    and c["acknowledged_at"] <= c["acknowledge_due_at"]
                ),
            ),
            _rate(
                resolve_due,
                lambda c: (
                    c["resolved_at"] is not None
                    and c["resolved_at"] < end_of_day(c["resolve_due_date"])
                ),
            ),
            sum(1 for c in complaints if c["shop_at_fault"] is True),
        ),
        compensation=CompensationFigures(
            len(approved),
            sum(1 for c in decided if c["state"] == "declined"),
            len(awaiting),
            {kind: OfferTotal(*numbers) for kind, numbers in offers.items()},
        ),
        satisfaction=Satisfaction(
            scores([j["satisfaction_score"] for j in returned if j["satisfaction_score"]]),
            scores([s["overall"] for s in calls if s["reached"] and s["overall"] is not None]),
            sum(1 for s in calls if not s["reached"]),
            Rate(sum(1 for j in returned if j["id"] in reached_jobs), len(returned)),
        ),
        per_technician=tuple(technicians),
        weekly=weekly,
    )


def _nonzero(counter: Counter) -> dict:
    return {key: n for key, n in counter.items() if n}


def technician_sets(
    raw: Raw, period: Period, now: datetime
) -> dict[tuple[JobFigure, int], set[int]]:
    """The drill-down's per-technician job sets: their ready jobs, and repeats of their work."""
    sets = job_sets(raw, period, now)
    by_id = {j["id"]: j for j in raw.jobs}
    out: dict[tuple[JobFigure, int], set[int]] = defaultdict(set)
    for i in sets[JobFigure.READY]:
        if by_id[i]["technician_id"] is not None:
            out[(JobFigure.READY, by_id[i]["technician_id"])].add(i)
    for i in sets[JobFigure.REPEAT]:
        technician = _previous_repair(raw, by_id[i])["technician_id"]
        if technician is not None:
            out[(JobFigure.REPEAT, technician)].add(i)
    return out
