"""The evaluation's figures from per-day summary rows: a year's report without reading a year of
jobs (issue 15: a year ≤ 2 s at a million jobs).

What is summarised. The four passes that read every job of the period (data/evaluation.py):
the check-in pass (by check-in day, service, category and brand: jobs, first responses on time,
warranty, paid, not a quality problem, refunded, exchanged, refused), the ready pass (by ready
day, technician and check-in day: jobs, on time; working days are taken from the calendar at
read time, so a new closure day needs no rebuild), the returned jobs (by return day,
technician and hand-back score: jobs, surveyed) and the repeat repairs (by check-in day and the
technician of the last earlier repair). Each summary row is exactly the row the pass's own
GROUP BY would give for that day (the same SQL conditions build both), so the period's figures
are the sums of its days' rows.

What stays live, answered from indexes: the jobs open and overdue at the period's end (they
depend on the end and on now), complaints, compensation, consultations and the follow-up calls
(each a few rows a day), and every day that cannot be taken from the summaries:
- a day with no summary, or one counted with another repair warranty (the repeat window);
- a stale day: every write that can change a figure marks the days it touches in
  `evaluation_stale`, in its own transaction, by triggers (migration 0020 says which): the
  counters, the demo's bulk loader, a script, psql — nothing has to remember to;
- for the first-response figures, a day whose latest response deadline is after the period's
  cutoff (its end, or now): "fallen due" depends on the cutoff there (the last day or two).
So the figures are the same as the reference passes' (`evaluation.figures_of`, kept as the
reference; tests compare the two on varied data, after changes, with missing and stale
summaries, on SQLite and PostgreSQL), however stale or missing the summaries are: a stale
summary is never read, only slower to do without.

Keeping them up to date. Before a report, `refresh` rewrites the missing and stale days of its
periods, before today (today's jobs change all day: read live), a few weeks a transaction so
that a counter waiting to write never waits long; in each transaction the day's marks are
deleted first and the rows counted after, so a mark left by a write the count may not have
seen is never lost (PostgreSQL, READ COMMITTED: a mark committed before the DELETE belongs to a
write the counting statements after it see; one committed later stays). Refreshes take turns
(SQLite's write lock; PostgreSQL an advisory lock): two could otherwise both write a day. A
report that cannot write (a read-only file, a busy database, a role without the right) is
counted all the same, from whatever is fresh and the rest live.

Restoring an old backup brings its own summaries and marks, consistent with its jobs; a
database older than migration 0020 starts with none (the first report counts them).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time

from sqlalchemy import (
    Integer,
    Select,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from desktop_app.data import evaluation as ev
from desktop_app.data.db import Database
from desktop_app.data.models import (
    EvaluationDay,
    EvaluationReady,
    EvaluationReceived,
    EvaluationRepeat,
    EvaluationReturned,
    EvaluationStale,
    Job,
    Product,
    Survey,
)
from desktop_app.domain.evaluation import Figures, Period
from desktop_app.domain.vocabulary import Coverage, Outcome, Status
from desktop_app.domain.workdays import WorkCalendar

log = logging.getLogger(__name__)

# Days rewritten a transaction: at a million jobs (2,800 a day) about half a second of the
# write lock.
CHUNK_DAYS = 14
# PostgreSQL: the advisory lock refreshes take turns on (any fixed number of ours).
REFRESH_LOCK = 20_261_130_15

Ranges = list[tuple[int, int]]  # runs of day numbers, both ends included
# Runs of days asked for as one OR of ranges at most; more (a long period whose days are fresh
# and stale by turns, where the summaries cannot be written) would make an expression deeper
# than SQLite parses ("Expression tree is too large", depth 1000): the days are named instead.
MAX_RANGES = 64


def day_number_of(day: date) -> int:
    return (day - ev.EPOCH).days


def _midnight(number: int) -> datetime:
    return datetime.combine(ev.day_from_number(number), time())


def runs(days: Iterable[int]) -> Ranges:
    """Day numbers as runs of consecutive days."""
    out: Ranges = []
    for day in sorted(set(days)):
        if out and out[-1][1] == day - 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def _moments_in(column: ColumnElement[datetime], ranges: Ranges) -> ColumnElement[bool]:
    """The moments falling on the days of `ranges` (index ranges of `column`; past
    MAX_RANGES runs, the one range from the first day to the last, and the days named)."""
    if len(ranges) > MAX_RANGES:
        days = _each_day(ranges)
        return and_(
            column >= _midnight(days[0]),
            column < _midnight(days[-1] + 1),
            ev.day_number(column).in_(days),
        )
    return or_(*(and_(column >= _midnight(a), column < _midnight(b + 1)) for a, b in ranges))


def _days_in(column: ColumnElement[int], ranges: Ranges) -> ColumnElement[bool]:
    if len(ranges) > MAX_RANGES:
        days = _each_day(ranges)
        return and_(column.between(days[0], days[-1]), column.in_(days))
    return or_(*(column.between(a, b) for a, b in ranges))


def _each_day(ranges: Ranges) -> list[int]:
    """The days of `ranges` in order (ranges of several periods come one period after another)."""
    return sorted({day for a, b in ranges for day in range(a, b + 1)})


def _period_days(period: Period) -> tuple[int, int]:
    return day_number_of(period.start), day_number_of(period.end)


# --- the per-day statements: what a summary row holds ---------------------------------------------


def _received_days(ranges: Ranges) -> Select:
    """The check-in pass's rows per day (evaluation.received_statement's, grouped by day)."""
    day = ev.day_number(Job.checked_in_at).label("day")
    return (
        select(
            day,
            Job.service_requested,
            Product.category,
            Product.brand,
            func.count(),
            ev._count_if(ev._RESPONSE_ON_TIME),
            ev._count_if(Job.coverage == Coverage.WARRANTY.value),
            ev._count_if(Job.coverage == Coverage.PAID.value),
            ev._count_if(ev._NOT_QUALITY),
            ev._count_if(Job.status == Status.REFUNDED.value),
            ev._count_if(Job.status == Status.EXCHANGED.value),
            ev._count_if(ev._REFUSED),
        )
        .join(Product, Product.id == Job.product_id)
        .where(_moments_in(Job.checked_in_at, ranges))
        .group_by(day, Job.service_requested, Product.category, Product.brand)
    )


def _ready_days(ranges: Ranges) -> Select:
    """The ready pass's groups (evaluation.ready_statement's), each its ready day's."""
    return (
        select(
            ev.day_number(Job.ready_at),
            Job.technician_id,
            ev.day_number(Job.checked_in_at),
            func.count(),
            ev._count_if(ev._REPAIR_ON_TIME),
        )
        .where(_moments_in(Job.ready_at, ranges))
        .group_by(ev.day_number(Job.ready_at), Job.technician_id, ev.day_number(Job.checked_in_at))
    )


def _returned_days(ranges: Ranges) -> Select:
    """The returned jobs per return day, technician and score, with those surveyed
    (evaluation.returned_statements')."""
    reached = select(Survey.job_id).where(Survey.reached.is_(True))
    day = ev.day_number(Job.returned_at)
    return (
        select(
            day,
            Job.technician_id,
            Job.satisfaction_score,
            func.count(),
            ev._count_if(Job.id.in_(reached)),
        )
        .where(_moments_in(Job.returned_at, ranges), ev.unindexed(Job.status).in_(ev._SURVEYED))
        .group_by(day, Job.technician_id, Job.satisfaction_score)
    )


def _repeat_pairs(key: ColumnElement, only: ColumnElement[bool], repeat_days: int) -> Select:
    """The repeat pass (evaluation._repeat_statement's conditions) read from the repeating
    jobs' side: the jobs checked in on the days asked for, each looked up by serial for an
    earlier repair (a few lookups a job, not the repair warranty's days of returns): (key,
    technician of the last earlier repair, repeats)."""
    earlier = aliased(Job, name="earlier")
    earlier_product = aliased(Product, name="earlier_product")
    pairs = (
        select(
            key.label("key"),
            earlier.technician_id.label("technician"),
            func.row_number()
            .over(partition_by=Job.id, order_by=(earlier.returned_at.desc(), earlier.id.desc()))
            .label("latest"),
        )
        .select_from(Job)
        .join(Product, Product.id == Job.product_id)
        .join(earlier_product, earlier_product.serial == Product.serial)
        .join(earlier, earlier.product_id == earlier_product.id)
        .where(
            only,
            Product.serial != "",
            earlier.id != Job.id,
            ev.unindexed(earlier.status) == Status.RETURNED.value,
            ev.unindexed(earlier.outcome) == Outcome.REPAIRED.value,
            ev.unindexed(earlier.returned_at) <= Job.checked_in_at,
            ev.day_of(earlier.returned_at)
            >= ev.days_before(Job.checked_in_at, literal(repeat_days, Integer)),
        )
        .subquery()
    )
    return (
        select(pairs.c.key, pairs.c.technician, func.count())
        .where(pairs.c.latest == 1)
        .group_by(pairs.c.key, pairs.c.technician)
    )


# --- writing the summaries ------------------------------------------------------------------------


def refresh(
    database: Database, periods: Sequence[Period], now: datetime, *, chunk_days: int = CHUNK_DAYS
) -> int:
    """Writes the missing and stale days of `periods` before today; the days written."""
    today = day_number_of(now.date())
    wanted: set[int] = set()
    for period in periods:
        first, last = _period_days(period)
        wanted.update(range(first, min(last, today - 1) + 1))
    if not wanted:
        return 0
    with database.read() as session:
        todo = sorted(wanted - _fresh(session, runs(wanted), ev.repeat_within_days(session)))
    # The days found missing or stale now, a chunk a transaction (each checked again: another
    # counter's report may have written them meanwhile). Days made stale while this runs are
    # left to the next report (read live till then): a busy shop cannot keep this going.
    written = 0
    for start in range(0, len(todo), chunk_days):
        chunk = todo[start : start + chunk_days]
        with database.write() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(text(f"SELECT pg_advisory_xact_lock({REFRESH_LOCK})"))
            repeat_days = ev.repeat_within_days(session)
            chunk = sorted(set(chunk) - _fresh(session, runs(chunk), repeat_days))
            for a, b in runs(chunk):
                _rewrite(session, a, b, repeat_days)
            written += len(chunk)
    return written


def _fresh(session: Session, ranges: Ranges, repeat_days: int) -> set[int]:
    """The days of `ranges` whose summaries can be read: written, with this repair warranty,
    and not marked stale since."""
    if not ranges:
        return set()
    known = set(
        session.scalars(
            select(EvaluationDay.day).where(
                _days_in(EvaluationDay.day, ranges), EvaluationDay.repeat_days == repeat_days
            )
        )
    )
    stale = set(
        session.scalars(
            select(EvaluationStale.day).where(_days_in(EvaluationStale.day, ranges)).distinct()
        )
    )
    return known - stale


def _rewrite(session: Session, first: int, last: int, repeat_days: int) -> None:
    """The days first..last counted again from the jobs. The marks go first: see the module's
    docstring."""
    days = [(first, last)]
    session.execute(delete(EvaluationStale).where(EvaluationStale.day.between(first, last)))
    for table in (EvaluationReceived, EvaluationReady, EvaluationReturned, EvaluationRepeat):
        session.execute(delete(table).where(table.day.between(first, last)))
    session.execute(delete(EvaluationDay).where(EvaluationDay.day.between(first, last)))
    t = EvaluationReceived
    session.execute(
        insert(t).from_select(
            [
                t.day,
                t.service_requested,
                t.category,
                t.brand,
                t.jobs,
                t.responded_on_time,
                t.warranty,
                t.paid,
                t.not_quality,
                t.refunded,
                t.exchanged,
                t.refused,
            ],
            _received_days(days),
        )
    )
    r = EvaluationReady
    session.execute(
        insert(r).from_select(
            [r.day, r.technician_id, r.checked_in_day, r.jobs, r.on_time], _ready_days(days)
        )
    )
    b = EvaluationReturned
    session.execute(
        insert(b).from_select(
            [b.day, b.technician_id, b.satisfaction_score, b.jobs, b.surveyed],
            _returned_days(days),
        )
    )
    p = EvaluationRepeat
    session.execute(
        insert(p).from_select(
            [p.day, p.technician_id, p.jobs],
            _repeat_pairs(
                ev.day_number(Job.checked_in_at),
                _moments_in(Job.checked_in_at, days),
                repeat_days,
            ),
        )
    )
    due_last = dict(
        session.execute(
            select(ev.day_number(Job.checked_in_at), func.max(Job.response_due_at))
            .where(_moments_in(Job.checked_in_at, days))
            .group_by(ev.day_number(Job.checked_in_at))
        ).all()
    )
    session.execute(
        insert(EvaluationDay),
        [
            {"day": day, "response_due_last": due_last.get(day), "repeat_days": repeat_days}
            for day in range(first, last + 1)
        ],
    )


# --- reading the figures --------------------------------------------------------------------------


def figures_of(
    session: Session, periods: Sequence[Period], *, calendar: WorkCalendar, now: datetime
) -> tuple[Figures, ...]:
    """Every figure of each of `periods`, as evaluation.figures_of counts them, from the fresh
    days' summaries and the other days' jobs."""
    spans = ev._Spans(
        tuple(ev._Moments.of(p, now) for p in periods),
        tuple(periods),
        ev.repeat_within_days(session),
    )
    first_monday = min(p.weeks()[0] for p in periods)
    ev._give_room(session)
    bounds = [_period_days(p) for p in periods]
    fresh = _fresh(session, runs(d for a, b in bounds for d in range(a, b + 1)), spans.repeat_days)
    due_last = (
        dict(
            session.execute(
                select(EvaluationDay.day, EvaluationDay.response_due_last).where(
                    _days_in(EvaluationDay.day, runs(fresh))
                )
            ).all()
        )
        if fresh
        else {}
    )
    # Per period: the days read from the summaries, and the rest (read from the jobs).
    summarised: Ranges = []
    responded: Ranges = []  # and, of those, the days whose responses have all fallen due
    live: Ranges = []
    late_responses: Ranges = []  # summarised, but some responses due after the cutoff
    for (first, last), m in zip(bounds, spans.moments, strict=True):
        days = range(first, last + 1)
        mine = [d for d in days if d in fresh]
        summarised += runs(mine)
        live += runs(d for d in days if d not in fresh)
        settled = [d for d in mine if due_last[d] is None or due_last[d] <= m.cutoff]
        responded += runs(settled)
        late_responses += runs(set(mine) - set(settled))
    which = _which_day(bounds)

    received_rows: list = []
    if responded:
        received_rows += session.execute(_received_summary(responded, which, first_monday)).all()
    if live or late_responses:
        received_rows += session.execute(
            ev.received_statement(
                spans, first_monday, _moments_in(Job.checked_in_at, live + late_responses)
            )
        ).all()
    received = ev.received_from_rows(received_rows, spans, first_monday)

    groups: list = []
    if summarised:
        r = EvaluationReady
        groups += session.execute(
            select(r.technician_id, r.day, r.checked_in_day, r.jobs, r.on_time).where(
                _days_in(r.day, summarised)
            )
        ).all()
    if live:
        groups += session.execute(ev.ready_statement(spans, _moments_in(Job.ready_at, live))).all()
    ready = ev.ready_from_groups(groups, spans, calendar)

    repeat_rows: list = []
    hand_back_rows: list = []
    surveyed_rows: list = []
    if summarised:
        p = EvaluationRepeat
        n = which(p.day)
        repeat_rows += session.execute(
            select(n, p.technician_id, func.sum(p.jobs))
            .where(_days_in(p.day, summarised))
            .group_by(n, p.technician_id)
        ).all()
        b = EvaluationReturned
        n = which(b.day)
        hand_back_rows += session.execute(
            select(n, b.technician_id, b.satisfaction_score, func.sum(b.jobs))
            .where(_days_in(b.day, summarised))
            .group_by(n, b.technician_id, b.satisfaction_score)
        ).all()
        surveyed_rows += session.execute(
            select(n, func.sum(b.surveyed)).where(_days_in(b.day, summarised)).group_by(n)
        ).all()
    if live:
        repeat_rows += session.execute(
            _repeat_pairs(
                spans.which(Job.checked_in_at),
                _moments_in(Job.checked_in_at, live),
                spans.repeat_days,
            )
        ).all()
        hand_back, surveyed = ev.returned_statements(spans, _moments_in(Job.returned_at, live))
        hand_back_rows += session.execute(hand_back).all()
        surveyed_rows += session.execute(surveyed).all()
    repeats = ev.repeats_from_rows(repeat_rows, spans)
    satisfaction = ev.satisfaction_from_rows(session, spans, hand_back_rows, surveyed_rows)
    consultations = ev._consultations(session, spans)
    return ev.assemble(session, spans, received, ready, repeats, satisfaction, consultations)


def _which_day(bounds: Sequence[tuple[int, int]]):  # noqa: ANN202
    """The number of the period a day number falls in (NULL for none)."""

    def which(column: ColumnElement[int]) -> ColumnElement[int | None]:
        return case(
            *((column.between(a, b), literal_column(str(n))) for n, (a, b) in enumerate(bounds))
        )

    return which


def _received_summary(ranges: Ranges, which, first_monday: date) -> Select:  # noqa: ANN001
    """The check-in pass's rows (evaluation.received_from_rows's shape) from the summaries of
    days whose responses have all fallen due by their period's cutoff."""
    t = EvaluationReceived
    n = which(t.day).label("period")
    monday = day_number_of(first_monday)
    week = ((t.day - monday) // 7).label("week")
    return (
        select(
            n,
            t.service_requested,
            t.category,
            t.brand,
            week,
            func.sum(t.jobs),
            func.sum(t.jobs),  # every response has fallen due
            func.sum(t.responded_on_time),
            func.sum(t.warranty),
            func.sum(t.paid),
            func.sum(t.not_quality),
            func.sum(t.refunded),
            func.sum(t.exchanged),
            func.sum(t.refused),
        )
        .where(_days_in(t.day, ranges))
        .group_by(week, n, t.service_requested, t.category, t.brand)
    )
