"""The evaluation's figures, counted by the database (domain/evaluation.py says what each is).

Every job figure is a conditional COUNT/SUM with GROUP BY over an indexed range of the jobs
table: a period's jobs are never loaded into Python. The same conditions select the jobs behind
a figure for the window's drill-down (`figure_condition`, used by queries.list_jobs), so the
list shows exactly the jobs the figure counted.

Working days come from the shop's calendar (holidays, 调休, closures), which lives in Python: the
database counts the jobs ready in the period per (technician, ready day, check-in day), a few
thousand groups for a year, and each group gets its working days taken from a running count of
the calendar's working days, n(ready day) - n(check-in day) (`WorkingDayIndex`). Weeks are
counted in SQL from the period's first Monday (`week_of`).

Dates of datetimes are taken by small portable constructs (`day_of`, `day_number`, `week_of`,
`days_before`): SQLite stores datetimes as text, PostgreSQL as timestamps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from sqlalchemy import (
    Date,
    Integer,
    Select,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    union_all,
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
    ShopSettings,
    Survey,
    User,
)
from desktop_app.domain.compensation import offers_from_json
from desktop_app.domain.complaints import ACKNOWLEDGE_HOURS
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
    day_bucket,
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
    """The date so many days (the second argument, a bound integer: the shop's repair warranty)
    before a datetime's date."""

    type = Date()
    inherit_cache = True
    name = "days_before"


@compiles(days_before)
def _days_before(element: days_before, compiler: SQLCompiler, **kw: object) -> str:
    column, days = list(element.clauses)
    return (
        f"(CAST({compiler.process(column, **kw)} AS DATE) - "
        f"CAST({compiler.process(days, **kw)} AS INTEGER))"
    )


@compiles(days_before, "sqlite")
def _days_before_sqlite(element: days_before, compiler: SQLCompiler, **kw: object) -> str:
    column, days = list(element.clauses)
    return (
        # the date's text alone: with a modifier, date() goes through julianday and would round
        # the day's last half-millisecond into the next day (migration 0022)
        f"date(substr({compiler.process(column, **kw)}, 1, 10), "
        f"'-' || {compiler.process(days, **kw)} || ' days')"
    )


def repeat_within_days(session: Session) -> int:
    """The shop's repair warranty in days (a repeat repair's window), or the default."""
    days = session.scalar(select(ShopSettings.repair_warranty_days).where(ShopSettings.id == 1))
    return int(days) if days is not None else REPEAT_WITHIN_DAYS


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
    # The day of the stored text's date (its first ten characters): julianday of a whole
    # datetime rounds the time to the millisecond, so the day's last half-millisecond would
    # count as the next day (migration 0022). One parse a row, of ten characters.
    moment = compiler.process(element.clauses, **kw)
    return f"CAST(julianday(substr({moment}, 1, 10)) - 2440587.5 AS INTEGER)"


class unindexed(FunctionElement):
    """A column as a value SQLite does not look it up by (`+column`, SQLite's own idiom): without
    statistics it prefers an equality on any indexed column (the status's indexes) to a range
    of the index that holds every column a pass reads, and would then read every job of that
    status. PostgreSQL plans from statistics: the column as it is, so that its estimates stay
    right."""

    inherit_cache = True
    name = "unindexed"

    @property
    def type(self):  # noqa: ANN201
        return self.clauses.clauses[0].type


@compiles(unindexed)
def _unindexed(element: unindexed, compiler: SQLCompiler, **kw: object) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: unindexed, compiler: SQLCompiler, **kw: object) -> str:
    return f"(+{compiler.process(element.clauses, **kw)})"


EPOCH = date(1970, 1, 1)
WORK_MEM = "32MB"


class week_of(FunctionElement):
    """Which week a datetime falls in, counting from a Monday given as its day number: 0 for
    the week of that Monday, 1 for the next... (for datetimes on or after that Monday)."""

    type = Integer()
    inherit_cache = True
    name = "week_of"


@compiles(week_of)
def _week_of(element: week_of, compiler: SQLCompiler, **kw: object) -> str:
    moment, monday = (compiler.process(c, **kw) for c in element.clauses)
    return f"((CAST({moment} AS DATE) - DATE '1970-01-01' - {monday}) / 7)"


@compiles(week_of, "sqlite")
def _week_of_sqlite(element: week_of, compiler: SQLCompiler, **kw: object) -> str:
    moment, monday = (compiler.process(c, **kw) for c in element.clauses)
    # the date's text alone, as day_number: no rounding into the next day (or week)
    return f"CAST((julianday(substr({moment}, 1, 10)) - 2440587.5 - {monday}) / 7 AS INTEGER)"


# --- the working-day table ----------------------------------------------------------------------


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
        """Working days in (after, until] (0 if until <= after: a job ready before its
        check-in, by workstations whose clocks disagree), as WorkCalendar says."""
        if until <= after:
            return 0
        return self.count(until) - self.count(after)


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
    overdue_before: date  # a due day before this one is over by the cutoff

    @classmethod
    def of(cls, period: Period, now: datetime) -> _Moments:
        cutoff = min(period.ends_at, now)
        return cls(
            period.begins_at,
            period.ends_at,
            cutoff,
            # a due day is over at the next midnight: over by the cutoff iff before its date
            cutoff.date(),
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


def _overdue(m: _Moments) -> ColumnElement[bool]:
    """Of the jobs open at the end: not ready for pickup by the cutoff (the end, or now) and
    their repair due day over by then (a job due on the last day is overdue at the end)."""
    return and_(
        or_(Job.ready_at.is_(None), Job.ready_at >= m.cutoff),
        Job.repair_due_date < m.overdue_before,
    )


def _overdue_at_end(m: _Moments) -> ColumnElement[bool]:
    return and_(_open_at_end(m), _overdue(m))


_NOT_QUALITY = and_(Job.coverage == Coverage.PAID.value, Job.not_quality_reason != "")
_ASKED_RETURN = Job.service_requested.in_(_RETURN_SERVICES)
_REFUSED = and_(_ASKED_RETURN, Job.coverage != Coverage.RETURN_EXCHANGE.value)


def _returned(m: _Moments) -> ColumnElement[bool]:
    return and_(Job.returned_at >= m.begins, Job.returned_at < m.ends, Job.status.in_(_SURVEYED))


def _earlier_repairs(days: int) -> tuple[type[Job], ColumnElement[bool]]:
    """The earlier job of the same serial handed back repaired within `days` days
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
        day_of(earlier.returned_at) >= days_before(Job.checked_in_at, literal(days, Integer)),
    )
    return earlier, condition


def _repeat(technician_id: int | None, days: int) -> ColumnElement[bool]:
    """A repeat repair; with a technician, one whose last earlier repair was theirs."""
    if technician_id is None:
        _earlier, condition = _earlier_repairs(days)
        return exists().where(condition).correlate(Job, Product)
    return _previous_technician(days) == technician_id


def _previous_technician(days: int) -> ColumnElement[int | None]:
    """The technician of the last earlier repair of a repeat (as previous_repair finds it)."""
    earlier, condition = _earlier_repairs(days)
    return (
        select(earlier.technician_id)
        .where(condition)
        .order_by(earlier.returned_at.desc(), earlier.id.desc())
        .limit(1)
        .correlate(Job, Product)
        .scalar_subquery()
    )


def figure_condition(
    selection: FigureSelection, *, now: datetime, repeat_days: int = REPEAT_WITHIN_DAYS
) -> ColumnElement[bool]:
    """The jobs behind one figure (the counts below use the same conditions), as of the moment
    the figure was counted if the selection says (else `now`)."""
    m = _Moments.of(selection.period, selection.as_of or now)
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
        return and_(condition, _repeat(technician, repeat_days))
    if technician is not None:
        return and_(condition, Job.technician_id == technician)
    return condition


# --- the figures --------------------------------------------------------------------------------


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    # count(*) FILTER (both backends): no CASE and no coalesce a row (SQLite runs ~5 % fewer
    # instructions for the check-in pass than with sum(CASE ...))
    return func.count().filter(condition)


def _sum_if(condition: ColumnElement[bool], value: ColumnElement[int]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def figures(session: Session, period: Period, *, calendar: WorkCalendar, now: datetime) -> Figures:
    """Every figure of `period`, as the database stands (`now` says which promises have fallen
    due in a period not yet over)."""
    return figures_of(session, (period,), calendar=calendar, now=now)[0]


def figures_of(
    session: Session,
    periods: Sequence[Period],
    *,
    calendar: WorkCalendar,
    now: datetime,
    helper: Session | None = None,
) -> tuple[Figures, ...]:
    """Every figure of each of `periods` (a report's period and the one before), counted in the
    same passes over the jobs: each pass reads the range from the first period's start to the
    last one's end once and tells the periods apart by a CASE (`_Spans.which`), so the previous
    period costs no pass of its own.

    With a `helper` (a second read transaction that sees the database as of the same moment:
    Database.reads), the passes over the jobs are shared between two threads: the check-in
    pass here, the ready, repeat and return passes on the helper at the same time (SQLite and
    the PostgreSQL driver let other threads run while the database works). The figures are
    the same either way."""
    spans = _Spans(
        tuple(_Moments.of(p, now) for p in periods), tuple(periods), repeat_within_days(session)
    )
    first_monday = min(p.weeks()[0] for p in periods)
    _give_room(session)
    if helper is None:
        received = _received_figures(session, spans, first_monday)
        ready, repeats, satisfaction, consultations = _other_passes(session, spans, calendar)
    else:
        _give_room(helper)
        with ThreadPoolExecutor(max_workers=1) as pool:  # waits for the helper on any exit
            others = pool.submit(_other_passes, helper, spans, calendar)
            received = _received_figures(session, spans, first_monday)
            ready, repeats, satisfaction, consultations = others.result()
    return assemble(session, spans, received, ready, repeats, satisfaction, consultations)


def assemble(
    session: Session,
    spans: _Spans,
    received: list[_Counted],
    ready: list[_Ready],
    repeats: list[dict[int | None, int]],
    satisfaction: list[tuple[Satisfaction, dict[int, Scores]]],
    consultations: list[int],
) -> tuple[Figures, ...]:
    """The figures of each period from what the passes over the jobs counted (here or from the
    day summaries: evaluation_days.py) and the passes that stay live (open at the end,
    complaints, compensation, the technicians' names)."""
    periods = spans.periods
    out = []
    for n, (period, m) in enumerate(zip(periods, spans.moments, strict=True)):
        by_service, by_category, by_brand, response_weeks, coverage = received[n]
        open_at_end, overdue_at_end = _open_figures(session, m)
        complaints, complaints_by_technician = _complaint_figures(session, m)
        scores, scores_by_technician = satisfaction[n]
        technicians = _technician_figures(
            session, ready[n], scores_by_technician, complaints_by_technician, repeats[n]
        )
        weekly = tuple(
            WeekRates(
                monday,
                response_weeks.get(monday, Rate(0, 0)),
                ready[n].weekly.get(monday, Rate(0, 0)),
            )
            for monday in period.weeks()
        )
        out.append(
            Figures(
                period=period,
                received=Received(
                    sum(by_service.values()),
                    dict(by_service),
                    dict(by_category),
                    tuple(sorted(by_brand.items(), key=lambda bn: (-bn[1], bn[0]))),
                    consultations[n],
                ),
                first_response_on_time=_sum_rates(response_weeks.values()),
                repair_on_time=ready[n].rate,
                working_days_taken=ready[n].days,
                open_at_end=open_at_end,
                overdue_at_end=overdue_at_end,
                warranty_repairs=coverage["warranty"],
                paid_repairs=coverage["paid"],
                not_quality_problem=coverage["not_quality"],
                returns_exchanges=ReturnsExchanges(
                    coverage["requested"],
                    coverage["refunded"],
                    coverage["exchanged"],
                    coverage["refused"],
                ),
                repeat_repairs=sum(repeats[n].values()),
                complaints=complaints,
                compensation=_compensation_figures(session, m),
                satisfaction=scores,
                per_technician=technicians,
                weekly=weekly,
            )
        )
    return tuple(out)


def _give_room(session: Session) -> None:
    """PostgreSQL: the check-in pass groups a year's jobs (two, with the previous): with the
    default 4 MB it sorts them on disk; with room it hashes the few thousand groups. For this
    read transaction only."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"SET LOCAL work_mem = '{WORK_MEM}'"))


def _other_passes(
    session: Session, spans: _Spans, calendar: WorkCalendar
) -> tuple[
    list[_Ready],
    list[dict[int | None, int]],
    list[tuple[Satisfaction, dict[int, Scores]]],
    list[int],
]:
    """The passes other than the check-in pass: what a helper thread counts meanwhile."""
    return (
        _ready_figures(session, spans, calendar),
        _repeat_figures(session, spans),
        _satisfaction_figures(session, spans),
        _consultations(session, spans),
    )


@dataclass(frozen=True)
class _Spans:
    """The periods counted together: one range read once, each row told to its period."""

    moments: tuple[_Moments, ...]
    periods: tuple[Period, ...]
    # The shop's repair warranty: a check-in within so many days of a repaired return repeats it.
    repeat_days: int = REPEAT_WITHIN_DAYS

    def within(self, column: ColumnElement[datetime]) -> ColumnElement[bool]:
        """The range covering every period (the index range a pass reads)."""
        return and_(
            column >= min(m.begins for m in self.moments),
            column < max(m.ends for m in self.moments),
        )

    def which(self, column: ColumnElement[datetime]) -> ColumnElement[int | None]:
        """The number of the period a moment within the range (`within`: every query using
        this reads that range only) falls in; NULL for none, a gap between them."""
        return self.per_period(column, [literal_column(str(n)) for n in range(len(self.moments))])

    def per_period(
        self, column: ColumnElement[datetime], values: Sequence[object]
    ) -> ColumnElement:
        """The value given for the period a moment within the range falls in (NULL for none).
        Periods that follow each other (a report's and the one before) are told apart by
        their starts alone, latest first: one comparison a row, not two a period."""
        order = sorted(range(len(self.moments)), key=lambda n: self.moments[n].begins)
        adjacent = all(self.moments[a].ends == self.moments[b].begins for a, b in pairwise(order))
        if adjacent and len(order) > 1:  # (one period alone: a CASE with a WHEN, below)
            *later, earliest = reversed(order)
            return case(
                *((column >= self.moments[n].begins, values[n]) for n in later),
                else_=values[earliest],
            )
        return case(
            *(
                (and_(column >= m.begins, column < m.ends), value)
                for m, value in zip(self.moments, values, strict=True)
            )
        )

    def of_day(self, day: date) -> int | None:
        for n, period in enumerate(self.periods):
            if period.start <= day <= period.end:
                return n
        return None


def _sum_rates(rates: Iterable[Rate]) -> Rate:
    count = of = 0
    for rate in rates:
        count += rate.count
        of += rate.of
    return Rate(count, of)


_Counted = tuple[
    dict[ServiceKind, int], dict[Category, int], dict[str, int], dict[date, Rate], dict[str, int]
]


_SERVICES = {kind.value: kind for kind in ServiceKind}
_CATEGORIES = {category.value: category for category in Category}


def _received_figures(session: Session, spans: _Spans, first_monday: date) -> list[_Counted]:
    return received_from_rows(
        session.execute(received_statement(spans, first_monday)), spans, first_monday
    )


def received_statement(
    spans: _Spans, first_monday: date, only: ColumnElement[bool] | None = None
) -> Select:
    """The jobs checked in during the periods in one pass, grouped by period, service, category,
    brand and week of check-in (a few thousand groups for two years). The week is counted from
    the first Monday (`week_of`): no calendar is needed to name it."""
    period = spans.which(Job.checked_in_at).label("period")
    # of the jobs received: the response has fallen due by its period's end (or by now)
    due = Job.response_due_at <= spans.per_period(
        Job.checked_in_at, [m.cutoff for m in spans.moments]
    )
    week = week_of(Job.checked_in_at, literal_column(str((first_monday - EPOCH).days))).label(
        "week"
    )
    statement = (
        select(
            period,
            Job.service_requested,
            Product.category,
            Product.brand,
            week,
            func.count(),
            _count_if(due),
            _count_if(and_(due, _RESPONSE_ON_TIME)),
            _count_if(Job.coverage == Coverage.WARRANTY.value),
            _count_if(Job.coverage == Coverage.PAID.value),
            _count_if(_NOT_QUALITY),
            _count_if(Job.status == Status.REFUNDED.value),
            _count_if(Job.status == Status.EXCHANGED.value),
            _count_if(_REFUSED),
        )
        .join(Product, Product.id == Job.product_id)
        .where(spans.within(Job.checked_in_at) if only is None else only)
        # the week first: it follows the order the check-in index is read in, so SQLite's
        # sort of the rows into groups finds them nearly in order (a third faster than with
        # the week last)
        .group_by(week, period, Job.service_requested, Product.category, Product.brand)
    )
    return statement


def received_from_rows(rows: Iterable, spans: _Spans, first_monday: date) -> list[_Counted]:
    """The check-in pass's figures from its rows: (period, service, category, brand, week from
    the first Monday, jobs, due, due and on time, warranty, paid, not quality, refunded,
    exchanged, refused); rows of the same group may come more than once (they add up)."""
    out = []
    for _ in spans.moments:
        weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        totals = dict.fromkeys(
            ("warranty", "paid", "not_quality", "requested", "refunded", "exchanged", "refused"),
            0,
        )
        out.append(
            (defaultdict(int), defaultdict(int), defaultdict(int), weeks, totals)  # type: ignore[arg-type]
        )
    for n, service, category, brand, week_index, *numbers in rows:
        if n is None:
            continue
        by_service, by_category, by_brand, weeks, totals = out[int(n)]
        count, due_count, on_time, warranty, paid, not_quality, *returns = (int(x) for x in numbers)
        by_service[_SERVICES[service]] += count
        by_category[_CATEGORIES[category]] += count
        by_brand[brand] += count
        counted = weeks[first_monday + timedelta(weeks=int(week_index))]
        counted[0] += on_time
        counted[1] += due_count
        totals["warranty"] += warranty
        totals["paid"] += paid
        totals["not_quality"] += not_quality
        refunded, exchanged, refused = returns
        totals["refunded"] += refunded
        totals["exchanged"] += exchanged
        totals["refused"] += refused
        if service in _RETURN_SERVICES:
            totals["requested"] += count
    return [
        (
            dict(by_service),
            dict(by_category),
            dict(by_brand),
            {monday: Rate(a, b) for monday, (a, b) in weeks.items()},
            totals,
        )
        for by_service, by_category, by_brand, weeks, totals in out
    ]


def _consultations(session: Session, spans: _Spans) -> list[int]:
    """The consultation log's questions received in each period."""
    counts = [0] * len(spans.moments)
    period = spans.which(Consultation.received_at).label("period")
    for n, count in session.execute(
        select(period, func.count()).where(spans.within(Consultation.received_at)).group_by(period)
    ):
        if n is not None:
            counts[int(n)] = int(count)
    return counts


@dataclass(frozen=True)
class _Ready:
    """The jobs ready for pickup in the period: overall, per week, per technician."""

    rate: Rate
    days: DaysTaken
    weekly: dict[date, Rate]
    technicians: dict[int, tuple[Rate, DaysTaken]]


def _ready_figures(session: Session, spans: _Spans, calendar: WorkCalendar) -> list[_Ready]:
    """The jobs ready in the periods, counted by the database per technician, ready day and
    check-in day (a few thousand groups for two years, read from the ready_at index alone,
    which holds every column needed: migration 0009); the groups then get their working days
    taken from the shop's calendar here, n(ready day) - n(check-in day), and their period from
    their ready day.

    (Joining a VALUES table of the calendar in SQL gave the same numbers, but SQLite's planner
    walked every pair of days for it: a year took longer than all the other figures together.)
    """
    groups = session.execute(ready_statement(spans)).all()
    return ready_from_groups(groups, spans, calendar)


def ready_statement(spans: _Spans, only: ColumnElement[bool] | None = None) -> Select:
    """The ready pass's groups (`only`: those of the jobs it selects, a part of the range)."""
    return (
        select(
            Job.technician_id,
            day_number(Job.ready_at),
            day_number(Job.checked_in_at),
            func.count(),
            _count_if(_REPAIR_ON_TIME),
        )
        .where(spans.within(Job.ready_at) if only is None else only)
        # the ready day first: the order the index is read in (a nearly sorted sort)
        .group_by(day_number(Job.ready_at), Job.technician_id, day_number(Job.checked_in_at))
    )


def ready_from_groups(groups: Sequence, spans: _Spans, calendar: WorkCalendar) -> list[_Ready]:
    """The ready pass's figures from its groups: (technician, ready day number, check-in day
    number, jobs, on time); a group may come more than once (they add up)."""
    if not groups:
        return [_Ready(Rate(0, 0), DaysTaken(), {}, {}) for _ in spans.periods]
    first = min(int(g[2]) for g in groups)
    last = max(int(g[2]) for g in groups)
    starts = [(p.start - EPOCH).days for p in spans.periods]
    ends = [(p.end - EPOCH).days for p in spans.periods]
    first, last = min(first, *starts), max(last, *ends)
    index = WorkingDayIndex.build(calendar, day_from_number(first), day_from_number(last))
    running = index.running
    # the period and the week's Monday of each ready day, worked out once a day
    days: dict[int, tuple[int | None, date]] = {}
    counted = [_ReadyCount() for _ in spans.periods]
    for technician_id, ready_number, checked_in_number, n, n_on_time in groups:
        ready_number, checked_in_number = int(ready_number), int(checked_in_number)
        day = days.get(ready_number)
        if day is None:
            which = next(
                (
                    k
                    for k, (a, b) in enumerate(zip(starts, ends, strict=True))
                    if a <= ready_number <= b
                ),
                None,
            )
            ready = day_from_number(ready_number)
            day = days[ready_number] = (which, ready - timedelta(days=ready.weekday()))
        which, monday = day
        if which is None:
            continue
        # working days in (check-in day, ready day]: 0 for a job ready before its check-in
        # (workstations whose clocks disagree)
        taken = (
            running[ready_number - first] - running[checked_in_number - first]
            if ready_number > checked_in_number
            else 0
        )
        counted[which].add(technician_id, monday, taken, n, n_on_time)
    return [c.figures() for c in counted]


class _ReadyCount:
    """The groups of one period's ready jobs, summed."""

    def __init__(self) -> None:
        self.buckets = [0] * len(DAY_BUCKETS)
        self.total_days = self.on_time = self.count = 0
        self.weeks: dict[date, list[int]] = defaultdict(lambda: [0, 0])
        self.per: dict[int, list] = {}

    def add(
        self, technician_id: int | None, monday: date, taken: int, n: int, on_time: int
    ) -> None:
        n, on_time, group, days = int(n), int(on_time), day_bucket(taken), taken * int(n)
        self.buckets[group] += n
        self.total_days += days
        self.on_time += on_time
        self.count += n
        week = self.weeks[monday]
        week[0] += on_time
        week[1] += n
        if technician_id is not None:
            mine = self.per.setdefault(technician_id, [0, 0, [0] * len(DAY_BUCKETS), 0])
            mine[0] += on_time
            mine[1] += n
            mine[2][group] += n
            mine[3] += days

    def figures(self) -> _Ready:
        return _Ready(
            Rate(self.on_time, self.count),
            DaysTaken(tuple(self.buckets), self.total_days),
            {monday: Rate(a, b) for monday, (a, b) in self.weeks.items()},
            {
                t: (Rate(a, b), DaysTaken(tuple(groups), days))
                for t, (a, b, groups, days) in self.per.items()
            },
        )


def _open_figures(session: Session, m: _Moments) -> tuple[int, int]:
    """The jobs open at the period's end (`_open_at_end`), read from the return-time index
    alone (migration 0009) in its two ranges: not returned yet, and returned after the end
    (few for a recent period), never every job checked in before the end."""
    overdue = _overdue(m)
    checked_in = unindexed(Job.checked_in_at) < m.ends
    parts = union_all(
        *(
            select(func.count().label("open"), _count_if(overdue).label("overdue")).where(
                returned, checked_in
            )
            for returned in (Job.returned_at.is_(None), Job.returned_at >= m.ends)
        )
    ).subquery()
    open_, overdue_ = session.execute(
        select(func.sum(parts.c.open), func.sum(parts.c.overdue))
    ).one()
    return int(open_ or 0), int(overdue_ or 0)


def _repeat_figures(session: Session, spans: _Spans) -> list[dict[int | None, int]]:
    """Repeat repairs checked in during the periods, by the technician of the last earlier
    repair (services/compensation.previous_repair and is_repeat). Read from the other side:
    the jobs handed back repaired from the repair warranty's days before the first period to the
    end of the last (the return-time index holds what is needed), each looked up by serial for
    a later check-in of the same serial; the last earlier repair of each repeat is picked by
    row_number(). A job is never looked up against every other: the repaired ones only."""
    return repeats_from_rows(session.execute(_repeat_statement(spans)), spans)


def repeats_from_rows(rows: Iterable, spans: _Spans) -> list[dict[int | None, int]]:
    """(period, technician of the last earlier repair, repeats) rows, added up."""
    counts: list[dict[int | None, int]] = [{} for _ in spans.moments]
    for n, technician, count in rows:
        if n is not None:
            counts[int(n)][technician] = counts[int(n)].get(technician, 0) + int(count)
    return counts


def _repeat_statement(spans: _Spans) -> Select:
    """The repeat pass's statement: (period, technician of the last earlier repair, count).
    Each earlier repair's serial leads to the jobs of its products checked in within the range,
    read by (product, check-in time) (migration 0013), not every job the product ever had."""
    earlier = aliased(Job, name="earlier")
    earlier_product = aliased(Product, name="earlier_product")
    first = min(m.begins for m in spans.moments)
    last = max(m.ends for m in spans.moments)
    pairs = (
        select(
            spans.which(Job.checked_in_at).label("period"),
            earlier.technician_id.label("technician"),
            func.row_number()
            .over(partition_by=Job.id, order_by=(earlier.returned_at.desc(), earlier.id.desc()))
            .label("latest"),
        )
        .select_from(earlier)
        .join(earlier_product, earlier_product.id == earlier.product_id)
        .join(Product, Product.serial == earlier_product.serial)
        .join(Job, Job.product_id == Product.id)
        .where(
            # the earlier repair: its return can only matter from this day (a bound the
            # definition implies, so that the range is read, not the table)
            earlier.returned_at >= first - timedelta(days=spans.repeat_days),
            earlier.returned_at < last,
            unindexed(earlier.status) == Status.RETURNED.value,
            earlier.outcome == Outcome.REPAIRED.value,
            earlier_product.serial != "",
            spans.within(Job.checked_in_at),
            earlier.id != Job.id,
            earlier.returned_at <= Job.checked_in_at,
            day_of(earlier.returned_at)
            >= days_before(Job.checked_in_at, literal(spans.repeat_days, Integer)),
        )
        .subquery()
    )
    return (
        select(pairs.c.period, pairs.c.technician, func.count())
        .where(pairs.c.latest == 1)
        .group_by(pairs.c.period, pairs.c.technician)
    )


def _complaint_figures(session: Session, m: _Moments) -> tuple[ComplaintFigures, dict[int, int]]:
    """Complaints registered in the period, by category and by the technician of their job; and
    each clock's complaints that fell due in the period (up to now): those whose acknowledgement
    fell due in it, and those whose resolution day fell in it. Each complaint counts once per
    clock, in the period its promise fell due."""
    registered = _complaint_registered(m)
    ack_due = and_(
        Complaint.acknowledge_due_at >= m.begins,
        Complaint.acknowledge_due_at < m.ends,
        Complaint.acknowledge_due_at <= m.cutoff,
    )
    ack_on_time = and_(
        Complaint.acknowledged_at.is_not(None),
        Complaint.acknowledged_at <= Complaint.acknowledge_due_at,
    )
    # a resolution day falls due at its end: in the period, and over by its end (or by now)
    resolve_due = and_(
        Complaint.resolve_due_date >= m.begins.date(),
        Complaint.resolve_due_date < m.overdue_before,
    )
    resolved_on_time = and_(
        Complaint.resolved_at.is_not(None),
        day_of(Complaint.resolved_at) <= Complaint.resolve_due_date,
    )
    rows = session.execute(
        select(
            Complaint.category,
            Job.technician_id,
            _count_if(registered),
            _count_if(ack_due),
            _count_if(and_(ack_due, ack_on_time)),
            _count_if(resolve_due),
            _count_if(and_(resolve_due, resolved_on_time)),
            _count_if(and_(registered, Complaint.shop_at_fault.is_(True))),
        )
        .outerjoin(Job, Job.id == Complaint.job_id)
        .where(Complaint.number.is_not(None), or_(registered, ack_due, resolve_due))
        .group_by(Complaint.category, Job.technician_id)
    ).all()
    by_category: dict[ComplaintCategory, int] = defaultdict(int)
    by_technician: dict[int, int] = defaultdict(int)
    sums = [0] * 6
    for category, technician_id, *numbers in rows:
        numbers = [int(n) for n in numbers]
        if numbers[0]:
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
    """A complaint registered (numbered) in the period: its acknowledgement falls due 24 hours
    after registration (services/complaints), also for a draft registered days after the call
    that raised it. A draft or a dismissed draft has no number."""
    after = timedelta(hours=ACKNOWLEDGE_HOURS)
    return and_(
        Complaint.number.is_not(None),
        Complaint.acknowledge_due_at >= m.begins + after,
        Complaint.acknowledge_due_at < m.ends + after,
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


def _satisfaction_figures(
    session: Session, spans: _Spans
) -> list[tuple[Satisfaction, dict[int, Scores]]]:
    """Hand-back scores of the jobs returned in the periods (per technician too, read from the
    return-time index alone: migration 0009), the share of them surveyed (counted from the
    reached calls' side: there are far fewer calls than returns), and the follow-up calls made
    in the periods."""
    hand_back, surveyed = returned_statements(spans)
    return satisfaction_from_rows(
        session, spans, session.execute(hand_back), session.execute(surveyed).all()
    )


def returned_statements(
    spans: _Spans, only: ColumnElement[bool] | None = None
) -> tuple[Select, Select]:
    """The returned jobs' statements: (period, technician, hand-back score, jobs) and
    (period, surveyed jobs); `only`: of those jobs alone."""
    returned_in = spans.which(Job.returned_at).label("period")
    returned = and_(
        spans.within(Job.returned_at) if only is None else only,
        unindexed(Job.status).in_(_SURVEYED),
    )
    hand_back = (
        select(returned_in, Job.technician_id, Job.satisfaction_score, func.count())
        .where(returned)
        .group_by(returned_in, Job.technician_id, Job.satisfaction_score)
    )
    reached = select(Survey.job_id).where(Survey.reached.is_(True)).distinct().subquery("reached")
    surveyed = (
        select(returned_in, func.count())
        .select_from(reached)
        .join(Job, Job.id == reached.c.job_id)
        .where(returned)
        .group_by(returned_in)
    )
    return hand_back, surveyed


def satisfaction_from_rows(
    session: Session, spans: _Spans, hand_back_rows: Iterable, surveyed_rows: Iterable
) -> list[tuple[Satisfaction, dict[int, Scores]]]:
    """The satisfaction figures from the returned jobs' rows, (period, technician, hand-back
    score, jobs) and (period, surveyed jobs), added up; the follow-up calls are counted here."""
    hand_back = [[0] * len(SCORES) for _ in spans.moments]
    per: list[dict[int, list[int]]] = [{} for _ in spans.moments]
    counted = [0] * len(spans.moments)
    for n, technician_id, score, count in hand_back_rows:
        if n is None:
            continue
        counted[int(n)] += int(count)
        if score is None:
            continue
        hand_back[int(n)][score - 1] += int(count)
        if technician_id is not None:
            per[int(n)].setdefault(technician_id, [0] * len(SCORES))[score - 1] += int(count)
    surveyed = [0] * len(spans.moments)
    for n, count in surveyed_rows:
        if n is not None:
            surveyed[int(n)] += int(count)
    called = spans.which(Survey.at).label("period")
    follow_up = [[0] * len(SCORES) for _ in spans.moments]
    unreached = [0] * len(spans.moments)
    for n, was_reached, overall, count in session.execute(
        select(called, Survey.reached, Survey.overall, func.count())
        .where(spans.within(Survey.at))
        .group_by(called, Survey.reached, Survey.overall)
    ):
        if n is None:
            continue
        if not was_reached:
            unreached[int(n)] += int(count)
        elif overall is not None:
            follow_up[int(n)][overall - 1] += int(count)
    return [
        (
            Satisfaction(
                Scores(tuple(hand_back[n])),
                Scores(tuple(follow_up[n])),
                unreached[n],
                Rate(surveyed[n], counted[n]),
            ),
            {t: Scores(tuple(scores)) for t, scores in per[n].items()},
        )
        for n in range(len(spans.moments))
    ]


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
