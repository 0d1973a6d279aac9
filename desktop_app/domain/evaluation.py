"""The periodic evaluation of the service (the agreement's 定期评估): the period, each figure
and its definition, and how a figure compares with the period before.

The database counts (data/evaluation.py aggregates in SQL, never loading a period's jobs); this
module says what is counted, in words the report prints as its footnotes, and is the one list of
figures the window, the PDF, the workbook and the command line all show (`figure_rows`), so the
four cannot disagree on what a figure is or how it is labelled.
"""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.repair_warranty import DEFAULT_REPAIR_WARRANTY_DAYS
from desktop_app.domain.text import N_, Translator, no_translation
from desktop_app.domain.vocabulary import (
    Category,
    ComplaintCategory,
    OfferKind,
    ServiceKind,
)

# The longest period one report covers: ten years of days (a chain's whole history at most).
MAX_PERIOD_DAYS = 3660
# The years a report may cover (a mistyped 0001 or 9999 is said, never an overflow).
FIRST_YEAR, LAST_YEAR = 2000, 2099
YEARS = N_("a report covers the years 2000 to 2099")
NOT_BEGUN = N_("the period has not begun yet: pick one that has begun")
# The same serial checked in again within this many days of its repaired return is a repeat
# repair: by default the repair warranty's 90 days; the evaluation counts with the shop's setting
# (ShopSnapshot.repair_warranty_days), which data/evaluation.py reads and passes on.
REPEAT_WITHIN_DAYS = DEFAULT_REPAIR_WARRANTY_DAYS
# A follow-up or hand-back score at or below this is a low score.
LOW_SCORE = 2
SCORES = (1, 2, 3, 4, 5)


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


PERIOD_KIND_LABELS: dict[PeriodKind, str] = {
    PeriodKind.MONTH: N_("Month"),
    PeriodKind.QUARTER: N_("Quarter"),
    PeriodKind.YEAR: N_("Year"),
    PeriodKind.CUSTOM: N_("Custom"),
}


@dataclass(frozen=True)
class Period:
    """Whole days, `start` to `end` inclusive, on the shop's wall clock. Made by `month`,
    `quarter`, `year` or `between` (which notices a whole month, quarter or year)."""

    start: date
    end: date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self) -> None:
        # Any period's previous must still be a date range Python can count in: a typed one
        # is held to FIRST_YEAR..LAST_YEAR by the constructors below and by `between`.
        for name, day in (("from", self.start), ("to", self.end)):
            if not FIRST_YEAR - 20 <= day.year <= LAST_YEAR:
                raise InvalidInput.single(name, YEARS)
        if self.end < self.start:
            raise InvalidInput.single(
                "to", N_("the period ends before it starts: pick a later end date")
            )
        if self.days > MAX_PERIOD_DAYS:
            raise InvalidInput.single(
                "to", N_("a report covers at most ten years: pick a shorter period")
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year, "month")
        if not 1 <= month <= 12:
            raise InvalidInput.single("month", N_("a month is 1 to 12"))
        last = month_calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year, "quarter")
        if not 1 <= quarter <= 4:
            raise InvalidInput.single("quarter", N_("a quarter is 1, 2, 3 or 4"))
        first = 3 * (quarter - 1) + 1
        last = month_calendar.monthrange(year, first + 2)[1]
        return cls(date(year, first, 1), date(year, first + 2, last), PeriodKind.QUARTER)

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year, "year")
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """Any two dates; a whole calendar month, quarter or year is known as one (its previous
        period is then the previous month, quarter or year)."""
        _check_year(start.year, "from")
        _check_year(end.year, "to")
        if start.day == 1 and start <= end:
            if end == cls.month(start.year, start.month).end:
                return cls.month(start.year, start.month)
            if start.month % 3 == 1 and end == cls.quarter(start.year, start.month // 3 + 1).end:
                return cls.quarter(start.year, start.month // 3 + 1)
            if start.month == 1 and end == date(start.year, 12, 31):
                return cls.year(start.year)
        return cls(start, end, PeriodKind.CUSTOM)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def begins_at(self) -> datetime:
        """The first moment of the period (midnight of `start`)."""
        return datetime.combine(self.start, time.min)

    @property
    def ends_at(self) -> datetime:
        """The moment after the period (midnight after `end`): times are `< ends_at`."""
        return datetime.combine(self.end + timedelta(days=1), time.min)

    def previous(self) -> Period:
        """The period before, to compare with: the previous month, quarter or year for those;
        the same number of days just before for any other period. (Made directly: the period
        before January 2000 is still a period to compare with, though not one to pick.)"""
        if self.kind is PeriodKind.YEAR:
            year = self.start.year - 1
            return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)
        if self.kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            months = 1 if self.kind is PeriodKind.MONTH else 3
            end = self.start - timedelta(days=1)
            first = end.month - months + 1
            return Period(date(end.year, first, 1), end, self.kind)
        return Period(self.start - timedelta(days=self.days), self.start - timedelta(days=1))

    def weeks(self) -> tuple[date, ...]:
        """The Monday of every week the period touches, in order."""
        monday = self.start - timedelta(days=self.start.weekday())
        return tuple(monday + timedelta(weeks=n) for n in range((self.end - monday).days // 7 + 1))

    def label(self) -> str:
        """2026-11 · 2026 Q4 · 2026 · 2026-11-03 – 2026-11-20: no words, any reader reads it."""
        if self.kind is PeriodKind.MONTH:
            return f"{self.start:%Y-%m}"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.start.year} Q{(self.start.month - 1) // 3 + 1}"
        if self.kind is PeriodKind.YEAR:
            return f"{self.start.year}"
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def to_json(self) -> dict[str, object]:
        return {
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "kind": self.kind.value,
            "days": self.days,
        }


def _check_year(year: int, field: str) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidInput.single(field, YEARS)


# --- the shapes of the figures ------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    """`count` of `of` (a share): the on-time jobs of those whose promise fell due, say.
    `rate` is None when there is nothing to measure (of = 0), never a made-up 100 %."""

    count: int
    of: int

    def __post_init__(self) -> None:
        if not 0 <= self.count <= self.of:
            raise ValueError(f"a rate of {self.count} out of {self.of}")

    @property
    def rate(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def misses(self) -> int:
        return self.of - self.count

    def to_json(self, key: str = "on_time") -> dict[str, object]:
        rate = self.rate
        return {key: self.count, "of": self.of, "rate": None if rate is None else round(rate, 4)}


# Working days taken, in the groups the report charts: 0-1, 2, 3, 4, 5 (all on time), 6-7, 8+.
DAY_BUCKETS: tuple[str, ...] = ("0-1", "2", "3", "4", "5", "6-7", "8+")


def day_bucket(days: int) -> int:
    """The index in DAY_BUCKETS of a job that took `days` working days."""
    if days <= 1:
        return 0
    if days <= 5:
        return days - 1
    return 5 if days <= 7 else 6


@dataclass(frozen=True)
class DaysTaken:
    """Working days from check-in to ready for pickup: how many jobs fell in each DAY_BUCKETS
    group, and the sum (for the average)."""

    buckets: tuple[int, ...] = (0,) * len(DAY_BUCKETS)
    total_days: int = 0

    def __post_init__(self) -> None:
        if len(self.buckets) != len(DAY_BUCKETS):
            raise ValueError("one count per group of DAY_BUCKETS")

    @property
    def count(self) -> int:
        return sum(self.buckets)

    @property
    def average(self) -> float | None:
        return self.total_days / self.count if self.count else None

    def to_json(self) -> dict[str, object]:
        average = self.average
        return {
            "buckets": dict(zip(DAY_BUCKETS, self.buckets, strict=True)),
            "jobs": self.count,
            "total_days": self.total_days,
            "average": None if average is None else round(average, 2),
        }


@dataclass(frozen=True)
class Scores:
    """Scores 1-5: how many of each (index 0 is score 1)."""

    distribution: tuple[int, ...] = (0, 0, 0, 0, 0)

    def __post_init__(self) -> None:
        if len(self.distribution) != len(SCORES):
            raise ValueError("one count per score 1-5")

    @property
    def count(self) -> int:
        return sum(self.distribution)

    @property
    def total(self) -> int:
        return sum(score * n for score, n in zip(SCORES, self.distribution, strict=True))

    @property
    def average(self) -> float | None:
        return self.total / self.count if self.count else None

    @property
    def low(self) -> int:
        return sum(
            n for score, n in zip(SCORES, self.distribution, strict=True) if score <= LOW_SCORE
        )

    def to_json(self) -> dict[str, object]:
        average = self.average
        return {
            "count": self.count,
            "average": None if average is None else round(average, 2),
            "distribution": {str(s): n for s, n in zip(SCORES, self.distribution, strict=True)},
        }


@dataclass(frozen=True)
class Received:
    """Jobs checked in during the period, and the consultation log's questions."""

    total: int = 0
    by_service: Mapping[ServiceKind, int] = field(default_factory=dict)
    by_category: Mapping[Category, int] = field(default_factory=dict)
    by_brand: tuple[tuple[str, int], ...] = ()  # most jobs first, then by brand
    consultations: int = 0  # questions in the consultation log (not jobs)

    def to_json(self) -> dict[str, object]:
        return {
            "total": self.total,
            "by_service": {kind.value: self.by_service.get(kind, 0) for kind in ServiceKind},
            "by_category": {c.value: self.by_category.get(c, 0) for c in Category},
            "by_brand": [{"brand": brand, "count": n} for brand, n in self.by_brand],
            "consultations": self.consultations,
        }


@dataclass(frozen=True)
class ReturnsExchanges:
    """Of the jobs received in the period that asked for a 7-day return or exchange."""

    requested: int = 0
    refunded: int = 0
    exchanged: int = 0
    refused: int = 0  # handled as a repair: not eligible at check-in, or refused at inspection

    def to_json(self) -> dict[str, object]:
        return {
            "requested": self.requested,
            "refunded": self.refunded,
            "exchanged": self.exchanged,
            "refused": self.refused,
        }


@dataclass(frozen=True)
class ComplaintFigures:
    """Complaints registered in the period (drafts and dismissed drafts are not complaints)."""

    received: int = 0
    by_category: Mapping[ComplaintCategory, int] = field(default_factory=dict)
    acknowledged_on_time: Rate = Rate(0, 0)
    resolved_on_time: Rate = Rate(0, 0)
    shop_at_fault: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "received": self.received,
            "by_category": {c.value: self.by_category.get(c, 0) for c in ComplaintCategory},
            "acknowledged_on_time": self.acknowledged_on_time.to_json(),
            "resolved_on_time": self.resolved_on_time.to_json(),
            "shop_at_fault": self.shop_at_fault,
        }


@dataclass(frozen=True)
class OfferTotal:
    """What was given of one kind of offer: how many times, the amounts, the months."""

    count: int = 0
    amount_cents: int = 0
    months: int = 0

    def to_json(self) -> dict[str, object]:
        return {"count": self.count, "amount_cents": self.amount_cents, "months": self.months}


@dataclass(frozen=True)
class CompensationFigures:
    """Compensation decided in the period (approved, approved with changes, or declined), and
    what the approved decisions gave, by kind of offer."""

    approved: int = 0  # approved as proposed or with changes
    declined: int = 0
    awaiting: int = 0  # proposed in the period, not decided by its end
    by_kind: Mapping[OfferKind, OfferTotal] = field(default_factory=dict)

    @property
    def total_amount_cents(self) -> int:
        return sum(total.amount_cents for total in self.by_kind.values())

    def to_json(self) -> dict[str, object]:
        return {
            "approved": self.approved,
            "declined": self.declined,
            "awaiting": self.awaiting,
            "by_kind": {k.value: self.by_kind.get(k, OfferTotal()).to_json() for k in OfferKind},
            "total_amount_cents": self.total_amount_cents,
        }


@dataclass(frozen=True)
class Satisfaction:
    """The hand-back score of jobs returned in the period; the follow-up calls made in it."""

    hand_back: Scores = Scores()
    follow_up: Scores = Scores()  # the survey's overall score, of calls that reached someone
    follow_up_unreached: int = 0
    surveyed: Rate = Rate(0, 0)  # jobs returned in the period with a survey that reached someone

    def to_json(self) -> dict[str, object]:
        return {
            "hand_back": self.hand_back.to_json(),
            "follow_up": self.follow_up.to_json(),
            "follow_up_unreached": self.follow_up_unreached,
            "surveyed": self.surveyed.to_json("surveyed"),
        }


@dataclass(frozen=True)
class TechnicianFigures:
    """One technician's period."""

    technician_id: int
    name: str
    completed: int = 0  # jobs of theirs that became ready for pickup in the period
    repair_on_time: Rate = Rate(0, 0)
    days_taken: DaysTaken = DaysTaken()
    satisfaction: Scores = Scores()  # hand-back scores of their jobs returned in the period
    complaints: int = 0  # complaints received in the period about their jobs
    repeat_repairs: int = 0  # repeats in the period of jobs they had repaired

    def to_json(self) -> dict[str, object]:
        average, score = self.days_taken.average, self.satisfaction.average
        return {
            "technician_id": self.technician_id,
            "name": self.name,
            "completed": self.completed,
            "repair_on_time": self.repair_on_time.to_json(),
            "average_working_days": None if average is None else round(average, 2),
            "satisfaction": None if score is None else round(score, 2),
            "satisfaction_count": self.satisfaction.count,
            "complaints": self.complaints,
            "repeat_repairs": self.repeat_repairs,
        }


@dataclass(frozen=True)
class WeekRates:
    """The two promises for one week of the period (Monday to Sunday, cut to the period)."""

    monday: date
    first_response_on_time: Rate
    repair_on_time: Rate

    def to_json(self) -> dict[str, object]:
        return {
            "week": self.monday.isoformat(),
            "first_response_on_time": self.first_response_on_time.to_json(),
            "repair_on_time": self.repair_on_time.to_json(),
        }


@dataclass(frozen=True)
class Figures:
    """Every figure of one period, as the database counted them."""

    period: Period
    received: Received = Received()
    first_response_on_time: Rate = Rate(0, 0)
    repair_on_time: Rate = Rate(0, 0)
    working_days_taken: DaysTaken = DaysTaken()
    open_at_end: int = 0
    overdue_at_end: int = 0
    warranty_repairs: int = 0
    paid_repairs: int = 0
    not_quality_problem: int = 0
    returns_exchanges: ReturnsExchanges = ReturnsExchanges()
    repeat_repairs: int = 0
    complaints: ComplaintFigures = ComplaintFigures()
    compensation: CompensationFigures = CompensationFigures()
    satisfaction: Satisfaction = Satisfaction()
    per_technician: tuple[TechnicianFigures, ...] = ()
    weekly: tuple[WeekRates, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Stable keys (the command line's JSON): rates as count, of and fraction."""
        return {
            "period": self.period.to_json(),
            "received": self.received.to_json(),
            "first_response_on_time": self.first_response_on_time.to_json(),
            "repair_on_time": self.repair_on_time.to_json(),
            "working_days_taken": self.working_days_taken.to_json(),
            "open_at_end": self.open_at_end,
            "overdue_at_end": self.overdue_at_end,
            "warranty_repairs": self.warranty_repairs,
            "paid_repairs": self.paid_repairs,
            "not_quality_problem": self.not_quality_problem,
            "returns_exchanges": self.returns_exchanges.to_json(),
            "repeat_repairs": self.repeat_repairs,
            "complaints": self.complaints.to_json(),
            "compensation": self.compensation.to_json(),
            "satisfaction": self.satisfaction.to_json(),
            "per_technician": [t.to_json() for t in self.per_technician],
            "weekly": [w.to_json() for w in self.weekly],
        }


@dataclass(frozen=True)
class Evaluation:
    """A period's figures beside the previous period's, as of `generated_at`."""

    current: Figures
    previous: Figures
    shop_name: str
    generated_at: datetime

    def to_json(self) -> dict[str, object]:
        return {
            **self.current.to_json(),
            "previous": self.previous.to_json(),
            "shop": self.shop_name,
            "generated_at": self.generated_at.isoformat(timespec="seconds"),
        }


# --- the jobs behind a figure -------------------------------------------------------------------


class JobFigure(StrEnum):
    """A set of jobs a figure counts: what the window lists when the figure is clicked. The
    database's count of a figure and its list of jobs are one condition (data/evaluation.py)."""

    RECEIVED = "received"
    RESPONSE_DUE = "response_due"  # the first-response rate's jobs
    RESPONSE_LATE = "response_late"  # ... those late or never answered
    READY = "ready"  # the repair rate's jobs: ready for pickup in the period
    REPAIR_LATE = "repair_late"  # ... those ready after their due day
    OPEN_AT_END = "open_at_end"
    OVERDUE_AT_END = "overdue_at_end"
    WARRANTY = "warranty"
    PAID = "paid"
    NOT_QUALITY = "not_quality"
    RETURN_EXCHANGE = "return_exchange"  # asked for a 7-day return or exchange
    REPEAT = "repeat"
    RETURNED = "returned"  # handed back in the period (the survey share's jobs)


@dataclass(frozen=True)
class FigureSelection:
    """The jobs behind one figure of one period, optionally one technician's only. `as_of` is
    the moment the figure was counted (the report's generated_at): the promises fallen due by
    then are the ones listed, whenever the list is read; None for now. (Not compared: the
    same figure of the same period, whenever counted.)"""

    figure: JobFigure
    period: Period
    technician_id: int | None = None
    as_of: datetime | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PeriodJob:
    """One job checked in during the period, as the workbook's jobs sheet lists it (phone
    masked). The clocks' outcomes are None while a promise has not fallen due or been met."""

    number: str
    checked_in_at: datetime
    service: ServiceKind
    category: Category
    brand: str
    model: str
    customer: str
    masked_phone: str
    status: str  # vocabulary.Status key
    coverage: str  # vocabulary.Coverage key
    technician: str
    response_due_at: datetime
    first_response_at: datetime | None
    first_response_on_time: bool | None
    repair_due_date: date
    ready_at: datetime | None
    working_days_taken: int | None
    repair_on_time: bool | None
    returned_at: datetime | None
    satisfaction_score: int | None
    amount_paid_cents: int | None


# --- the figures as rows: what every output shows, in this order ---------------------------------


class Unit(StrEnum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"  # an average of working days
    SCORE = "score"  # an average score out of 5
    MONEY = "money"  # cents


@dataclass(frozen=True)
class FigureRow:
    """One line of the figures table: the label, this period's and the previous period's value,
    the footnote that defines it, the jobs behind it."""

    key: str  # stable: the JSON path, e.g. "repair_on_time"
    label: str  # N_-marked English
    unit: Unit
    current: float | int | None
    previous: float | int | None
    detail: str = ""  # "46 / 50" for a rate
    previous_detail: str = ""
    note: int | None = None  # the footnote's number in DEFINITIONS order (1-based)
    jobs: JobFigure | None = None
    indent: bool = False  # a break-down of the line above

    @property
    def change(self) -> float | int | None:
        """This period less the previous (points of a rate: a fraction here), None if either
        is unknown."""
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


# The footnotes, in the order they are numbered: each figure's exact definition.
DEFINITIONS: tuple[tuple[str, str], ...] = (
    (
        "received",
        N_(
            "Received: jobs checked in during the period, by the service asked for, the "
            "product's category and brand. Consultations are the questions in the consultation "
            "log received in the period (they are not jobs)."
        ),
    ),
    (
        "first_response_on_time",
        N_(
            "First response on time: of the jobs checked in during the period whose response "
            "was due by the end of the period, the share whose first response (diagnosis, call "
            "or solution) came at or before the due time, 24 clock hours after check-in. A job "
            "never responded to counts as late."
        ),
    ),
    (
        "repair_on_time",
        N_(
            "Repair on time: of the jobs that became ready for pickup during the period (the "
            "last time, if reworked), the share ready on or before the repair due day, the 5th "
            "working day after the check-in day."
        ),
    ),
    (
        "working_days_taken",
        N_(
            "Working days taken: for the same jobs, the working days from the day after "
            "check-in to the day ready for pickup, inclusive, on the shop's working-day "
            "calendar (public holidays, official working weekends and the shop's closures) as "
            "it is now. The repair due day is the one promised at check-in: if the calendar "
            "changed since, a job ready on time may show more than 5 working days, or a late "
            "one fewer. A job ready before its check-in time (workstation clocks that "
            "disagree) took 0."
        ),
    ),
    (
        "open_at_end",
        N_(
            "Open at the end: jobs checked in by the end of the period (now, for a period still "
            "running) and not yet handed back, refunded, exchanged or cancelled by then. "
            "Overdue: those of them not ready for pickup by then whose repair due day was over "
            "by then (a repair is due by the end of its due day). Readiness is as the job "
            "stands now: a job sent back for rework later counts as not ready."
        ),
    ),
    (
        "coverage",
        N_(
            "Warranty and paid repairs: jobs checked in during the period handled as a free "
            "warranty repair or as a paid repair (as they stand now); not a quality problem: "
            "those a technician turned into a paid repair at diagnosis."
        ),
    ),
    (
        "returns_exchanges",
        N_(
            "7-day returns and exchanges: jobs checked in during the period asking for one; "
            "refunded or exchanged as they stand now; refused: handled as a repair instead "
            "(not eligible at check-in, or refused at inspection)."
        ),
    ),
    (
        "repeat_repairs",
        N_(
            "Repeat repairs: jobs checked in during the period whose serial number had been "
            "handed back repaired within the 90 days before the check-in. A technician's repeat "
            "repairs are those of jobs they had repaired."
        ),
    ),
    (
        "complaints",
        N_(
            "Complaints: complaints registered during the period (a draft from a low follow-up "
            "score counts when a manager registers it; a draft never registered never counts). "
            "Acknowledged on time: of the complaints whose acknowledgement (24 hours after "
            "registration) fell due during the period, up to now, the share called back by "
            "then. Resolved on time: of the complaints whose resolution day fell in the period "
            "and is over, the share resolved by the end of that day. Each complaint counts once "
            "on each clock, in the period its promise fell due. Shop at fault: as found at "
            "resolution."
        ),
    ),
    (
        "compensation",
        N_(
            "Compensation: decisions made during the period; the amounts and months are what "
            "the approved decisions gave. Awaiting: proposed during the period and not decided "
            "by its end."
        ),
    ),
    (
        "satisfaction",
        N_(
            "Satisfaction: the hand-back score (1-5) of the jobs returned during the period, and "
            "the overall score of the follow-up calls made during the period that reached the "
            "customer. Surveyed: the share of the jobs returned during the period with a "
            "follow-up call that reached the customer (by the time of the report)."
        ),
    ),
    (
        "per_technician",
        N_(
            "Per technician: the jobs assigned to them that became ready during the period, "
            "their on-time share and average working days; satisfaction and complaints of "
            "their jobs returned or complained about during the period."
        ),
    ),
    (
        "previous",
        N_(
            "Each figure is shown beside the previous period: the month, quarter or year before "
            "for those, otherwise the same number of days just before. Changes of a share are "
            "in percentage points."
        ),
    ),
)
NOTE_NUMBER: dict[str, int] = {key: n for n, (key, _text) in enumerate(DEFINITIONS, start=1)}


@dataclass(frozen=True)
class _Line:
    """One line of the figures table: where its value is in `Figures` (a Rate for a share)."""

    key: str
    label: str
    unit: Unit
    get: Callable[[Figures], float | int | Rate | None]
    note: str
    jobs: JobFigure | None = None
    indent: bool = False

    def row(self, now: Figures, before: Figures) -> FigureRow:
        current, previous = self.get(now), self.get(before)
        if isinstance(current, Rate) and isinstance(previous, Rate):
            return FigureRow(
                self.key,
                self.label,
                self.unit,
                current.rate,
                previous.rate,
                _detail(current),
                _detail(previous),
                NOTE_NUMBER[self.note],
                self.jobs,
                self.indent,
            )
        assert not isinstance(current, Rate) and not isinstance(previous, Rate)
        return FigureRow(
            self.key,
            self.label,
            self.unit,
            current,
            previous,
            note=NOTE_NUMBER[self.note],
            jobs=self.jobs,
            indent=self.indent,
        )


def _detail(rate: Rate) -> str:
    return f"{rate.count} / {rate.of}"


C, R = Unit.COUNT, Unit.RATE
# The lines after "Jobs received" and its break-down by service, in the order every output shows.
_LINES: tuple[_Line, ...] = (
    _Line("received.consultations", N_("Consultations (log)"), C,
          lambda f: f.received.consultations, "received"),
    _Line("first_response_on_time", N_("First response within 24 hours"), R,
          lambda f: f.first_response_on_time, "first_response_on_time", JobFigure.RESPONSE_DUE),
    _Line("repair_on_time", N_("Repair within 5 working days"), R,
          lambda f: f.repair_on_time, "repair_on_time", JobFigure.READY),
    _Line("working_days_taken.average", N_("Average working days taken"), Unit.DAYS,
          lambda f: f.working_days_taken.average, "working_days_taken"),
    _Line("open_at_end", N_("Open at the end of the period"), C,
          lambda f: f.open_at_end, "open_at_end", JobFigure.OPEN_AT_END),
    _Line("overdue_at_end", N_("Overdue at the end of the period"), C,
          lambda f: f.overdue_at_end, "open_at_end", JobFigure.OVERDUE_AT_END, indent=True),
    _Line("warranty_repairs", N_("Free warranty repairs"), C,
          lambda f: f.warranty_repairs, "coverage", JobFigure.WARRANTY),
    _Line("paid_repairs", N_("Paid repairs"), C,
          lambda f: f.paid_repairs, "coverage", JobFigure.PAID),
    _Line("not_quality_problem", N_("Not a quality problem"), C,
          lambda f: f.not_quality_problem, "coverage", JobFigure.NOT_QUALITY, indent=True),
    _Line("returns_exchanges.requested", N_("7-day returns and exchanges asked for"), C,
          lambda f: f.returns_exchanges.requested, "returns_exchanges",
          JobFigure.RETURN_EXCHANGE),
    _Line("returns_exchanges.refunded", N_("Refunded"), C,
          lambda f: f.returns_exchanges.refunded, "returns_exchanges", indent=True),
    _Line("returns_exchanges.exchanged", N_("Exchanged"), C,
          lambda f: f.returns_exchanges.exchanged, "returns_exchanges", indent=True),
    _Line("returns_exchanges.refused", N_("Refused"), C,
          lambda f: f.returns_exchanges.refused, "returns_exchanges", indent=True),
    _Line("repeat_repairs", N_("Repeat repairs (within 90 days)"), C,
          lambda f: f.repeat_repairs, "repeat_repairs", JobFigure.REPEAT),
    _Line("complaints.received", N_("Complaints received"), C,
          lambda f: f.complaints.received, "complaints"),
    _Line("complaints.acknowledged_on_time", N_("Complaints acknowledged within 24 hours"), R,
          lambda f: f.complaints.acknowledged_on_time, "complaints", indent=True),
    _Line("complaints.resolved_on_time", N_("Complaints resolved on time"), R,
          lambda f: f.complaints.resolved_on_time, "complaints", indent=True),
    _Line("complaints.shop_at_fault", N_("Shop at fault"), C,
          lambda f: f.complaints.shop_at_fault, "complaints", indent=True),
    _Line("compensation.approved", N_("Compensation approved"), C,
          lambda f: f.compensation.approved, "compensation"),
    _Line("compensation.declined", N_("Compensation declined"), C,
          lambda f: f.compensation.declined, "compensation", indent=True),
    _Line("compensation.total_amount_cents", N_("Compensation given (amounts)"), Unit.MONEY,
          lambda f: f.compensation.total_amount_cents, "compensation", indent=True),
    _Line("satisfaction.hand_back.average", N_("Hand-back score"), Unit.SCORE,
          lambda f: f.satisfaction.hand_back.average, "satisfaction"),
    _Line("satisfaction.follow_up.average", N_("Follow-up call score"), Unit.SCORE,
          lambda f: f.satisfaction.follow_up.average, "satisfaction"),
    _Line("satisfaction.surveyed", N_("Returned jobs surveyed"), R,
          lambda f: f.satisfaction.surveyed, "satisfaction", JobFigure.RETURNED),
)  # fmt: skip


def _received_lines(now: Figures, before: Figures) -> list[_Line]:
    """Jobs received, then one indented line per service asked for (consultation jobs only
    for old records: consultations are no longer jobs)."""
    lines = [
        _Line("received.total", N_("Jobs received"), C, lambda f: f.received.total, "received",
              JobFigure.RECEIVED),
    ]  # fmt: skip
    for kind in ServiceKind:
        if kind is ServiceKind.CONSULTATION and not (
            now.received.by_service.get(kind) or before.received.by_service.get(kind)
        ):
            continue
        lines.append(
            _Line(
                f"received.by_service.{kind.value}",
                _SERVICE_ROW_LABELS[kind],
                C,
                lambda f, k=kind: f.received.by_service.get(k, 0),
                "received",
                indent=True,
            )
        )
    return lines


def figure_rows(evaluation: Evaluation) -> tuple[FigureRow, ...]:
    """The figures table, the same for every output: labels are N_-marked English."""
    now, before = evaluation.current, evaluation.previous
    return tuple(line.row(now, before) for line in (*_received_lines(now, before), *_LINES))


_SERVICE_ROW_LABELS: dict[ServiceKind, str] = {
    ServiceKind.REPAIR: N_("Repairs at the counter"),
    ServiceKind.RETURN: N_("7-day returns"),
    ServiceKind.EXCHANGE: N_("7-day exchanges"),
    ServiceKind.ON_SITE: N_("On-site service"),
    ServiceKind.CONSULTATION: N_("Consultation jobs (before the log)"),
}


# --- one way to show a figure (the window, the PDF, the command line's table) --------------------

NO_VALUE = "—"  # nothing to measure: no job fell due, nobody scored
PERCENTAGE_POINTS = N_("{points} pp")  # a share's change: "+4.5 pp" (个百分点)


def format_value(unit: Unit, value: float | None) -> str:
    """92.0% · 1,234 · 3.3 (working days) · 4.36 (a score) · ¥120.00; "—" when there is
    nothing to measure."""
    if value is None:
        return NO_VALUE
    if unit is Unit.RATE:
        return f"{value * 100:.1f}%"
    if unit is Unit.COUNT:
        return f"{int(value):,}"
    if unit is Unit.MONEY:
        return _grouped_yuan(int(value))
    if unit is Unit.DAYS:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _grouped_yuan(cents: int) -> str:
    """¥4,050.00 (thousands grouped as the workbook's number format shows them)."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"¥{sign}{whole:,}.{part:02d}"


def shown(unit: Unit, value: float | None) -> float | None:
    """`value` rounded as format_value shows it (a share to a tenth of a percent)."""
    if value is None or unit in (Unit.COUNT, Unit.MONEY):
        return value
    if unit is Unit.RATE:
        return round(value * 100, 1) / 100
    return round(value, 1 if unit is Unit.DAYS else 2)


def format_row_change(row: FigureRow, translate: Translator = no_translation) -> str:
    """The change as a reader checks it against the two values shown beside it: the shown
    values' difference (67.7% after 64.4% is +3.3 pp, never the unrounded +3.4)."""
    current, previous = shown(row.unit, row.current), shown(row.unit, row.previous)
    change = None if current is None or previous is None else current - previous
    return format_change(row.unit, change, translate)


def format_change(unit: Unit, change: float | None, translate: Translator = no_translation) -> str:
    """+3 · -2 · +4.5 pp (a share's change, in percentage points) · +0.3 · +¥30.00; "—" when
    either period has nothing to measure. The sign always shows; no change is "0"."""
    if change is None:
        return NO_VALUE
    if unit is Unit.RATE:
        points = round(change * 100, 1)
        shown = "0" if points == 0 else f"{points:+.1f}"
        return translate(PERCENTAGE_POINTS).format(points=shown)
    if unit is Unit.COUNT:
        return f"{int(change):+,}" if change else "0"
    if unit is Unit.MONEY:
        cents = int(change)
        return "0" if cents == 0 else ("+" if cents > 0 else "-") + _grouped_yuan(abs(cents))
    rounded = round(change, 1 if unit is Unit.DAYS else 2)
    if rounded == 0:
        return "0"
    return f"{rounded:+.1f}" if unit is Unit.DAYS else f"{rounded:+.2f}"
