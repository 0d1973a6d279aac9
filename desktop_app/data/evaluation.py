"""The evaluation's figures, counted by the database (domain/evaluation.py says what each is).

Every job figure is a conditional COUNT/SUM with GROUP BY over an indexed range of the jobs
table: a period's jobs are never loaded into Python. The same conditions select the jobs behind
a figure for the window's drill-down (`figure_condition`, used by queries.list_jobs), so the
list shows exactly the jobs the figure counted.

Working days come from the shop's calendar (holidays, 调休, closures), which lives in Python: it
goes into SQL as a small table of days (`workdays`: the day, how many working days there are up
to and including it since the table's first day, and the Monday of its week). A job's working
days taken is then n(ready day) - n(check-in day), and the weekly rates group by the Monday.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import (
    CTE,
    Date,
    Integer,
    and_,
    case,
    column,
    exists,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement

from desktop_app.data.models import (
    Compensation,
    Complaint,
    Consultation,
    Customer,
    Job,
    Product,
    Survey,
    User,
)
from desktop_app.domain.compensation import offers_from_json
from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    REPEAT_WITHIN_DAYS,
    SCORES,
    CompensationFigures,
    ComplaintFigures,
    DaysTaken,
    Figures,
    FigureSelection,
    JobFigure,
    OfferTotal,
    Period,
    PeriodJob,
    Rate,
    Received,
    ReturnsExchanges,
    Satisfaction,
    Scores,
    TechnicianFigures,
    WeekRates,
)
from desktop_app.domain.follow_up import SURVEYED_STATUSES
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import mask_phone
from desktop_app.domain.vocabulary import (
    Category,
    CompensationState,
    ComplaintCategory,
    Coverage,
    OfferKind,
    Outcome,
    ServiceKind,
    Status,
)
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import CLOSED_STATUSES

# --- two portable date constructs ---------------------------------------------------------------


class day_of(FunctionElement):
    """The date of a datetime column: SQLite stores datetimes as text (date(x)), PostgreSQL as
    timestamps (CAST(x AS DATE)); both compare with a Date parameter or column."""

    type = Date()
    inherit_cache = True
    name = "day_of"


@compiles(day_of)
def _day_of(element: day_of, compiler: SQLCompiler, **kw: object) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _day_of_sqlite(element: day_of, compiler: SQLCompiler, **kw: object) -> str:
    return f"date({compiler.process(element.clauses, **kw)})"


class days_before(FunctionElement):
    """The date REPEAT_WITHIN_DAYS days before a datetime's date (a constant: no parameter)."""

    type = Date()
    inherit_cache = True
    name = "days_before"


@compiles(days_before)
def _days_before(element: days_before, compiler: SQLCompiler, **kw: object) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - {REPEAT_WITHIN_DAYS})"


@compiles(days_before, "sqlite")
def _days_before_sqlite(element: days_before, compiler: SQLCompiler, **kw: object) -> str:
    return f"date({compiler.process(element.clauses, **kw)}, '-{REPEAT_WITHIN_DAYS} days')"


class day_number(FunctionElement):
    """The days from 1970-01-01 to a datetime's date: how the working-day table is joined."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number)
def _day_number(element: day_number, compiler: SQLCompiler, **kw: object) -> str:
    return f"(CAST({compiler.process(element.clauses, **kw)} AS DATE) - DATE '1970-01-01')"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: object) -> str:
    return (
        f"CAST(julianday(date({compiler.process(element.clauses, **kw)})) - 2440587.5 AS INTEGER)"
    )


EPOCH = date(1970, 1, 1)


# --- the working-day table ----------------------------------------------------------------------


class DayTable:
    """The working-day table as a query sees it: `day` and `monday` are day numbers (days
    since EPOCH), `n` the running count of working days."""

    def __init__(self, table: CTE) -> None:
        self.table = table
        self.day = table.c.column1
        self.n = table.c.column2
        self.monday = table.c.column3


@dataclass(frozen=True)
class WorkingDayIndex:
    """For each day from `first` to `last`: how many working days there are from `first` to it,
    inclusive. Working days from one day (excluded) to another (included) are the difference."""

    first: date
    last: date
    running: tuple[int, ...]

    @classmethod
    def build(cls, calendar: WorkCalendar, first: date, last: date) -> WorkingDayIndex:
        counts: list[int] = []
        n = 0
        for offset in range((last - first).days + 1):
            n += calendar.is_working_day(first + timedelta(days=offset))
            counts.append(n)
        return cls(first, last, tuple(counts))

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def count(self, day: date) -> int:
        return self.running[(day - self.first).days]

    def between(self, after: date, until: date) -> int:
        """Working days in (after, until] (0 if until <= after), as WorkCalendar says."""
        return max(0, self.count(until) - self.count(after))

    def table(self, name: str) -> DayTable:
        """The table the queries join a job's dates on: VALUES (day, n, monday) of whole
        numbers made here, written into the statement (a year is 366 rows: as parameters
        SQLAlchemy would take longer to compile them than the database takes to count)."""
        first = (self.first - EPOCH).days
        weekday = self.first.weekday()
        rows = ",".join(
            f"({first + i},{n},{first + i - (weekday + i) % 7})" for i, n in enumerate(self.running)
        )
        columns = (column(f"column{i}", Integer) for i in (1, 2, 3))
        return DayTable(text(f"VALUES {rows}").columns(*columns).cte(name))


def day_from_number(number: int) -> date:
    return EPOCH + timedelta(days=number)


# --- the conditions: one per set of jobs a figure counts ----------------------------------------


@dataclass(frozen=True)
class _Moments:
    """A period's bounds and what has fallen due by its end (or by now, if it has not ended:
    a promise not yet due is neither kept nor missed)."""

    begins: datetime
    ends: datetime
    cutoff: datetime  # promises due at or before this have fallen due
    overdue_before: date  # an open job due before this day is overdue at the end
    resolve_due_by: date  # a complaint due to be resolved by this day has fallen due

    @classmethod
    def of(cls, period: Period, now: datetime) -> _Moments:
        cutoff = min(period.ends_at, now)
        return cls(
            period.begins_at,
            period.ends_at,
            cutoff,
            min(period.end, now.date()),
            cutoff.date() - timedelta(days=1),
        )


_RETURN_SERVICES = (ServiceKind.RETURN.value, ServiceKind.EXCHANGE.value)
_SURVEYED = sorted(s.value for s in SURVEYED_STATUSES)


def _received(m: _Moments) -> ColumnElement[bool]:
    return and_(Job.checked_in_at >= m.begins, Job.checked_in_at < m.ends)


def _response_due(m: _Moments) -> ColumnElement[bool]:
    return and_(_received(m), Job.response_due_at <= m.cutoff)


_RESPONSE_ON_TIME = and_(
    Job.first_response_at.is_not(None), Job.first_response_at <= Job.response_due_at
)


def _ready(m: _Moments) -> ColumnElement[bool]:
    return and_(Job.ready_at >= m.begins, Job.ready_at < m.ends)


_REPAIR_ON_TIME = day_of(Job.ready_at) <= Job.repair_due_date


def _open_at_end(m: _Moments) -> ColumnElement[bool]:
    return and_(
        Job.checked_in_at < m.ends, or_(Job.returned_at.is_(None), Job.returned_at >= m.ends)
    )


def _overdue_at_end(m: _Moments) -> ColumnElement[bool]:
    return and_(
        _open_at_end(m),
        or_(Job.ready_at.is_(None), Job.ready_at >= m.ends),
        Job.repair_due_date < m.overdue_before,
    )


_NOT_QUALITY = and_(Job.coverage == Coverage.PAID.value, Job.not_quality_reason != "")
_ASKED_RETURN = Job.service_requested.in_(_RETURN_SERVICES)
_REFUSED = and_(_ASKED_RETURN, Job.coverage != Coverage.RETURN_EXCHANGE.value)


def _returned(m: _Moments) -> ColumnElement[bool]:
    return and_(Job.returned_at >= m.begins, Job.returned_at < m.ends, Job.status.in_(_SURVEYED))


def _earlier_repairs() -> tuple[type[Job], ColumnElement[bool]]:
    """The earlier job of the same serial handed back repaired within REPEAT_WITHIN_DAYS days
    before this one's check-in (services/compensation.previous_repair and is_repeat). The query
    joins this job's product (`Product`); the earlier one's is looked up by serial: the other
    columns are wrapped so that no planner walks the status or return-time index instead (every
    returned job, for each job counted)."""
    earlier = aliased(Job, name="earlier")
    earlier_product = aliased(Product, name="earlier_product")
    condition = and_(
        Product.serial != "",
        earlier_product.serial == Product.serial,
        earlier.product_id == earlier_product.id,
        earlier.id != Job.id,
        func.coalesce(earlier.status, "") == Status.RETURNED.value,
        earlier.outcome == Outcome.REPAIRED.value,
        earlier.returned_at.is_not(None),
        func.coalesce(earlier.returned_at, Job.checked_in_at) <= Job.checked_in_at,
        day_of(earlier.returned_at) >= days_before(Job.checked_in_at),
    )
    return earlier, condition


def _repeat(technician_id: int | None = None) -> ColumnElement[bool]:
    """A repeat repair; with a technician, one whose last earlier repair was theirs."""
    if technician_id is None:
        _earlier, condition = _earlier_repairs()
        return exists().where(condition).correlate(Job, Product)
    return _previous_technician() == technician_id


def _previous_technician() -> ColumnElement[int | None]:
    """The technician of the last earlier repair of a repeat (as previous_repair finds it)."""
    earlier, condition = _earlier_repairs()
    return (
        select(earlier.technician_id)
        .where(condition)
        .order_by(earlier.returned_at.desc(), earlier.id.desc())
        .limit(1)
        .correlate(Job, Product)
        .scalar_subquery()
    )


def figure_condition(selection: FigureSelection, *, now: datetime) -> ColumnElement[bool]:
    """The jobs behind one figure (the counts below use the same conditions)."""
    m = _Moments.of(selection.period, now)
    figure = selection.figure
    conditions: dict[JobFigure, ColumnElement[bool]] = {
        JobFigure.RECEIVED: _received(m),
        JobFigure.RESPONSE_DUE: _response_due(m),
        JobFigure.RESPONSE_LATE: and_(_response_due(m), ~_RESPONSE_ON_TIME),
        JobFigure.READY: _ready(m),
        JobFigure.REPAIR_LATE: and_(_ready(m), ~_REPAIR_ON_TIME),
        JobFigure.OPEN_AT_END: _open_at_end(m),
        JobFigure.OVERDUE_AT_END: _overdue_at_end(m),
        JobFigure.WARRANTY: and_(_received(m), Job.coverage == Coverage.WARRANTY.value),
        JobFigure.PAID: and_(_received(m), Job.coverage == Coverage.PAID.value),
        JobFigure.NOT_QUALITY: and_(_received(m), _NOT_QUALITY),
        JobFigure.RETURN_EXCHANGE: and_(_received(m), _ASKED_RETURN),
        JobFigure.REPEAT: _received(m),
        JobFigure.RETURNED: _returned(m),
    }
    condition = conditions[figure]
    technician = selection.technician_id
    if figure is JobFigure.REPEAT:
        return and_(condition, _repeat(technician))
    if technician is not None:
        return and_(condition, Job.technician_id == technician)
    return condition


# --- the figures --------------------------------------------------------------------------------


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _sum_if(condition: ColumnElement[bool], value: ColumnElement[int]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def figures(session: Session, period: Period, *, calendar: WorkCalendar, now: datetime) -> Figures:
    """Every figure of `period`, as the database stands (`now` says which promises have fallen
    due in a period not yet over)."""
    m = _Moments.of(period, now)
    weeks = period.weeks()
    received, response_weeks, coverage = _received_figures(session, m, calendar, weeks[0])
    ready = _ready_figures(session, m, period, calendar, weeks[0])
    open_at_end, overdue_at_end = _open_figures(session, m)
    repeats = _repeat_figures(session, m)
    complaints, complaints_by_technician = _complaint_figures(session, m)
    satisfaction, scores_by_technician = _satisfaction_figures(session, m)
    technicians = _technician_figures(
        session, ready, scores_by_technician, complaints_by_technician, repeats
    )
    weekly = tuple(
        WeekRates(
            monday,
            response_weeks.get(monday, Rate(0, 0)),
            ready.weekly.get(monday, Rate(0, 0)),
        )
        for monday in weeks
    )
    return Figures(
        period=period,
        received=received,
        first_response_on_time=_sum_rates(response_weeks.values()),
        repair_on_time=ready.rate,
        working_days_taken=ready.days,
        open_at_end=open_at_end,
        overdue_at_end=overdue_at_end,
        warranty_repairs=coverage["warranty"],
        paid_repairs=coverage["paid"],
        not_quality_problem=coverage["not_quality"],
        returns_exchanges=ReturnsExchanges(
            coverage["requested"], coverage["refunded"], coverage["exchanged"], coverage["refused"]
        ),
        repeat_repairs=sum(repeats.values()),
        complaints=complaints,
        compensation=_compensation_figures(session, m),
        satisfaction=satisfaction,
        per_technician=technicians,
        weekly=weekly,
    )


def _sum_rates(rates: Iterable[Rate]) -> Rate:
    count = of = 0
    for rate in rates:
        count += rate.count
        of += rate.of
    return Rate(count, of)


def _received_figures(
    session: Session, m: _Moments, calendar: WorkCalendar, first_monday: date
) -> tuple[Received, dict[date, Rate], dict[str, int]]:
    """The jobs checked in during the period, in one pass grouped by service, category and
    week of check-in; their brands in a second; the consultation log's questions in a third."""
    days = WorkingDayIndex.build(calendar, first_monday, m.ends.date()).table("checkin_days")
    due = _response_due(m)
    # Counted per day first, then the days joined to their weeks: the join never decides the
    # plan of the pass over the jobs.
    per_day = (
        select(
            Job.service_requested.label("service"),
            Product.category.label("category"),
            day_number(Job.checked_in_at).label("day"),
            func.count().label("jobs"),
            _count_if(due).label("due"),
            _count_if(and_(due, _RESPONSE_ON_TIME)).label("on_time"),
            _count_if(Job.coverage == Coverage.WARRANTY.value).label("warranty"),
            _count_if(Job.coverage == Coverage.PAID.value).label("paid"),
            _count_if(_NOT_QUALITY).label("not_quality"),
            _count_if(Job.status == Status.REFUNDED.value).label("refunded"),
            _count_if(Job.status == Status.EXCHANGED.value).label("exchanged"),
            _count_if(_REFUSED).label("refused"),
        )
        .join(Product, Product.id == Job.product_id)
        .where(_received(m))
        .group_by(Job.service_requested, Product.category, day_number(Job.checked_in_at))
        .subquery("per_day")
    )
    sums = ("jobs", "due", "on_time", "warranty", "paid", "not_quality")
    sums += ("refunded", "exchanged", "refused")
    statement = (
        select(
            per_day.c.service,
            per_day.c.category,
            days.monday,
            *(func.sum(per_day.c[name]) for name in sums),
        )
        .join(days.table, days.day == per_day.c.day)
        .group_by(per_day.c.service, per_day.c.category, days.monday)
    )
    by_service: dict[ServiceKind, int] = defaultdict(int)
    by_category: dict[Category, int] = defaultdict(int)
    weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    totals = dict.fromkeys(
        ("warranty", "paid", "not_quality", "requested", "refunded", "exchanged", "refused"), 0
    )
    total = 0
    for row in session.execute(statement):
        service, category, monday, *numbers = row
        count, due_count, on_time, warranty, paid, not_quality, *returns = (int(n) for n in numbers)
        refunded, exchanged, refused = returns
        total += count
        by_service[ServiceKind(service)] += count
        by_category[Category(category)] += count
        week = weeks[day_from_number(monday)]
        week[0] += int(on_time)
        week[1] += int(due_count)
        totals["warranty"] += warranty
        totals["paid"] += paid
        totals["not_quality"] += not_quality
        totals["refunded"] += refunded
        totals["exchanged"] += exchanged
        totals["refused"] += refused
        if service in _RETURN_SERVICES:
            totals["requested"] += count
    brands = session.execute(
        select(Product.brand, func.count())
        .join(Job, Job.product_id == Product.id)
        .where(_received(m))
        .group_by(Product.brand)
    ).all()
    consultations = session.scalar(
        select(func.count())
        .select_from(Consultation)
        .where(Consultation.received_at >= m.begins, Consultation.received_at < m.ends)
    )
    received = Received(
        total,
        dict(by_service),
        dict(by_category),
        tuple(sorted(((b, int(n)) for b, n in brands), key=lambda bn: (-bn[1], bn[0]))),
        int(consultations or 0),
    )
    rates = {monday: Rate(on_time, of) for monday, (on_time, of) in weeks.items()}
    return received, rates, totals


@dataclass(frozen=True)
class _Ready:
    """The jobs ready for pickup in the period: overall, per week, per technician."""

    rate: Rate
    days: DaysTaken
    weekly: dict[date, Rate]
    technicians: dict[int, tuple[Rate, DaysTaken]]


def _ready_figures(
    session: Session, m: _Moments, period: Period, calendar: WorkCalendar, first_monday: date
) -> _Ready:
    """One pass over the jobs ready in the period (the ready_at index), grouped by technician,
    week and group of working days taken, after one look for the earliest check-in among them
    (the working-day table must reach back to it)."""
    earliest = session.scalar(select(func.min(Job.checked_in_at)).where(_ready(m)))
    if earliest is None:
        return _Ready(Rate(0, 0), DaysTaken(), {}, {})
    first = min(earliest.date() if isinstance(earliest, datetime) else earliest, first_monday)
    index = WorkingDayIndex.build(calendar, first, period.end)
    ready_day, checkin_day = index.table("ready_day"), index.table("checkin_day")
    # Counted per technician, ready day and check-in day first (as for the received jobs).
    per_day = (
        select(
            Job.technician_id.label("technician_id"),
            day_number(Job.ready_at).label("ready"),
            day_number(Job.checked_in_at).label("checked_in"),
            func.count().label("jobs"),
            _count_if(_REPAIR_ON_TIME).label("on_time"),
        )
        .where(_ready(m))
        .group_by(Job.technician_id, day_number(Job.ready_at), day_number(Job.checked_in_at))
        .subquery("per_day")
    )
    taken = ready_day.n - checkin_day.n
    bucket = case(
        (taken <= 1, 0),
        (taken <= 5, taken - 1),
        (taken <= 7, 5),
        else_=6,
    )
    statement = (
        select(
            per_day.c.technician_id,
            ready_day.monday,
            bucket,
            func.sum(per_day.c.jobs),
            func.sum(per_day.c.on_time),
            func.sum(taken * per_day.c.jobs),
        )
        .join(ready_day.table, ready_day.day == per_day.c.ready)
        .join(checkin_day.table, checkin_day.day == per_day.c.checked_in)
        .group_by(per_day.c.technician_id, ready_day.monday, bucket)
    )
    buckets = [0] * len(DAY_BUCKETS)
    total_days = on_time = count = 0
    weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
    per: dict[int, list] = {}
    for technician_id, monday, group, n, n_on_time, days in session.execute(statement):
        n, n_on_time, days, group = int(n), int(n_on_time), int(days), int(group)
        buckets[group] += n
        total_days += days
        on_time += n_on_time
        count += n
        week = weeks[day_from_number(monday)]
        week[0] += n_on_time
        week[1] += n
        if technician_id is not None:
            mine = per.setdefault(technician_id, [0, 0, [0] * len(DAY_BUCKETS), 0])
            mine[0] += n_on_time
            mine[1] += n
            mine[2][group] += n
            mine[3] += days
    return _Ready(
        Rate(on_time, count),
        DaysTaken(tuple(buckets), total_days),
        {monday: Rate(a, b) for monday, (a, b) in weeks.items()},
        {
            t: (Rate(a, b), DaysTaken(tuple(groups), days))
            for t, (a, b, groups, days) in per.items()
        },
    )


def _open_figures(session: Session, m: _Moments) -> tuple[int, int]:
    open_, overdue = session.execute(
        select(func.count(), _count_if(_overdue_at_end(m))).where(_open_at_end(m))
    ).one()
    return int(open_), int(overdue or 0)


def _repeat_figures(session: Session, m: _Moments) -> dict[int | None, int]:
    """Repeat repairs checked in during the period, by the technician of the earlier repair."""
    technician = _previous_technician().label("technician")
    inner = (
        select(technician)
        .select_from(Job)
        .join(Product, Product.id == Job.product_id)
        .where(_received(m), _repeat())
        .subquery()
    )
    rows = session.execute(
        select(inner.c.technician, func.count()).group_by(inner.c.technician)
    ).all()
    return {t: int(n) for t, n in rows}


def _complaint_figures(session: Session, m: _Moments) -> tuple[ComplaintFigures, dict[int, int]]:
    """Complaints registered (numbered) and received in the period, by category and by the
    technician of their job."""
    ack_due = Complaint.acknowledge_due_at <= m.cutoff
    ack_on_time = and_(
        Complaint.acknowledged_at.is_not(None),
        Complaint.acknowledged_at <= Complaint.acknowledge_due_at,
    )
    resolve_due = Complaint.resolve_due_date <= m.resolve_due_by
    resolved_on_time = and_(
        Complaint.resolved_at.is_not(None),
        day_of(Complaint.resolved_at) <= Complaint.resolve_due_date,
    )
    rows = session.execute(
        select(
            Complaint.category,
            Job.technician_id,
            func.count(),
            _count_if(ack_due),
            _count_if(and_(ack_due, ack_on_time)),
            _count_if(resolve_due),
            _count_if(and_(resolve_due, resolved_on_time)),
            _count_if(Complaint.shop_at_fault.is_(True)),
        )
        .outerjoin(Job, Job.id == Complaint.job_id)
        .where(_complaint_registered(m))
        .group_by(Complaint.category, Job.technician_id)
    ).all()
    by_category: dict[ComplaintCategory, int] = defaultdict(int)
    by_technician: dict[int, int] = defaultdict(int)
    sums = [0] * 6
    for category, technician_id, *numbers in rows:
        numbers = [int(n) for n in numbers]
        by_category[ComplaintCategory(category)] += numbers[0]
        if technician_id is not None:
            by_technician[technician_id] += numbers[0]
        sums = [a + b for a, b in zip(sums, numbers, strict=True)]
    received, due, acknowledged, resolve, resolved, at_fault = sums
    return (
        ComplaintFigures(
            received,
            dict(by_category),
            Rate(acknowledged, due),
            Rate(resolved, resolve),
            at_fault,
        ),
        dict(by_technician),
    )


def _complaint_registered(m: _Moments) -> ColumnElement[bool]:
    """A complaint received in the period and registered: a draft or a dismissed draft has no
    number."""
    return and_(
        Complaint.received_at >= m.begins,
        Complaint.received_at < m.ends,
        Complaint.number.is_not(None),
    )


def _compensation_figures(session: Session, m: _Moments) -> CompensationFigures:
    """Decisions made in the period counted in SQL; the offers the approved ones gave are JSON
    text, summed here: compensations are few (a handful a month), so this reads no job."""
    approved_states = (CompensationState.APPROVED.value, CompensationState.CHANGED.value)
    decided = and_(Compensation.decided_at >= m.begins, Compensation.decided_at < m.ends)
    approved, declined, awaiting = session.execute(
        select(
            _count_if(and_(decided, Compensation.state.in_(approved_states))),
            _count_if(and_(decided, Compensation.state == CompensationState.DECLINED.value)),
            _count_if(
                and_(
                    Compensation.proposed_at >= m.begins,
                    Compensation.proposed_at < m.ends,
                    or_(Compensation.decided_at.is_(None), Compensation.decided_at >= m.ends),
                )
            ),
        )
    ).one()
    totals: dict[OfferKind, list[int]] = {}
    for raw in session.scalars(
        select(Compensation.decided).where(decided, Compensation.state.in_(approved_states))
    ):
        for offer in offers_from_json(raw):
            total = totals.setdefault(offer.kind, [0, 0, 0])
            total[0] += 1
            total[1] += offer.amount_cents
            total[2] += offer.months
    return CompensationFigures(
        int(approved or 0),
        int(declined or 0),
        int(awaiting or 0),
        {kind: OfferTotal(*numbers) for kind, numbers in totals.items()},
    )


def _satisfaction_figures(session: Session, m: _Moments) -> tuple[Satisfaction, dict[int, Scores]]:
    """Hand-back scores of the jobs returned in the period (per technician too), the share of
    them surveyed, and the follow-up calls made in the period."""
    reached = exists().where(Survey.job_id == Job.id, Survey.reached.is_(True))
    rows = session.execute(
        select(Job.technician_id, Job.satisfaction_score, func.count(), _count_if(reached))
        .where(_returned(m))
        .group_by(Job.technician_id, Job.satisfaction_score)
    ).all()
    hand_back = [0] * len(SCORES)
    per: dict[int, list[int]] = {}
    returned = surveyed = 0
    for technician_id, score, n, n_reached in rows:
        returned += int(n)
        surveyed += int(n_reached)
        if score is None:
            continue
        hand_back[score - 1] += int(n)
        if technician_id is not None:
            per.setdefault(technician_id, [0] * len(SCORES))[score - 1] += int(n)
    calls = session.execute(
        select(Survey.reached, Survey.overall, func.count())
        .where(Survey.at >= m.begins, Survey.at < m.ends)
        .group_by(Survey.reached, Survey.overall)
    ).all()
    follow_up = [0] * len(SCORES)
    unreached = 0
    for was_reached, overall, n in calls:
        if not was_reached:
            unreached += int(n)
        elif overall is not None:
            follow_up[overall - 1] += int(n)
    return (
        Satisfaction(
            Scores(tuple(hand_back)), Scores(tuple(follow_up)), unreached, Rate(surveyed, returned)
        ),
        {t: Scores(tuple(scores)) for t, scores in per.items()},
    )


def _technician_figures(
    session: Session,
    ready: _Ready,
    scores: dict[int, Scores],
    complaints: dict[int, int],
    repeats: dict[int | None, int],
) -> tuple[TechnicianFigures, ...]:
    """The active technicians, and anyone else with a figure in the period, by name."""
    busy = set(ready.technicians) | set(scores) | set(complaints)
    busy |= {t for t in repeats if t is not None}
    people = session.execute(
        select(User.id, User.display_name).where(
            or_(
                and_(User.role == Role.TECHNICIAN.value, User.active.is_(True)),
                User.id.in_(sorted(busy)) if busy else false(),
            )
        )
    ).all()
    out = []
    for user_id, name in sorted(people, key=lambda p: (p.display_name, p.id)):
        rate, days = ready.technicians.get(user_id, (Rate(0, 0), DaysTaken()))
        out.append(
            TechnicianFigures(
                user_id,
                name,
                completed=rate.of,
                repair_on_time=rate,
                days_taken=days,
                satisfaction=scores.get(user_id, Scores()),
                complaints=complaints.get(user_id, 0),
                repeat_repairs=repeats.get(user_id, 0),
            )
        )
    return tuple(out)


# --- the jobs of the period, one row each (the workbook's jobs sheet) ----------------------------


def period_jobs(
    session: Session, period: Period, *, calendar: WorkCalendar, now: datetime
) -> Iterator[PeriodJob]:
    """The jobs checked in during the period, oldest first, streamed from the database (never
    all held): their working days taken from a day index built once for the period."""
    m = _Moments.of(period, now)
    index = WorkingDayIndex.build(calendar, period.start, max(period.end, now.date()))
    technician = aliased(User, name="technician")
    statement = (
        select(
            Job.number,
            Job.checked_in_at,
            Job.service_requested,
            Product.category,
            Product.brand,
            Product.model,
            Customer.name,
            Customer.phone,
            Job.status,
            Job.coverage,
            technician.display_name,
            Job.response_due_at,
            Job.first_response_at,
            Job.repair_due_date,
            Job.ready_at,
            Job.returned_at,
            Job.satisfaction_score,
            Job.amount_paid_cents,
        )
        .join(Customer, Customer.id == Job.customer_id)
        .join(Product, Product.id == Job.product_id)
        .outerjoin(technician, technician.id == Job.technician_id)
        .where(_received(m))
        .order_by(Job.checked_in_at, Job.id)
        .execution_options(yield_per=500)
    )
    for row in session.execute(statement):
        yield _period_job(row, index, calendar, now)


def _period_job(row, index: WorkingDayIndex, calendar: WorkCalendar, now: datetime) -> PeriodJob:  # noqa: ANN001
    checked_in, ready = row.checked_in_at, row.ready_at
    if row.first_response_at is not None:
        responded: bool | None = row.first_response_at <= row.response_due_at
    else:
        responded = False if row.response_due_at <= now else None
    taken: int | None = None
    if ready is not None:
        on_time: bool | None = ready.date() <= row.repair_due_date
        if index.covers(checked_in.date()) and index.covers(ready.date()):
            taken = index.between(checked_in.date(), ready.date())
        else:  # a clock set wrong: counted the slow way
            taken = calendar.working_days_between(checked_in.date(), ready.date())
    elif Status(row.status) in CLOSED_STATUSES:
        on_time = None  # closed without a repair to finish (refunded, cancelled...)
    else:
        on_time = False if row.repair_due_date < now.date() else None
    return PeriodJob(
        number=row.number,
        checked_in_at=checked_in,
        service=ServiceKind(row.service_requested),
        category=Category(row.category),
        brand=row.brand,
        model=row.model,
        customer=row.name,
        masked_phone=mask_phone(row.phone),
        status=row.status,
        coverage=row.coverage,
        technician=row.display_name or "",
        response_due_at=row.response_due_at,
        first_response_at=row.first_response_at,
        first_response_on_time=responded,
        repair_due_date=row.repair_due_date,
        ready_at=ready,
        working_days_taken=taken,
        repair_on_time=on_time,
        returned_at=row.returned_at,
        satisfaction_score=row.satisfaction_score,
        amount_paid_cents=row.amount_paid_cents,
    )
