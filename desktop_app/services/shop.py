"""Shop settings and the shop's own calendar days (closures and extra working days)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import CalendarOverride, ShopSettings
from desktop_app.domain.backups import KEEP_DAILY_RANGE, KEEP_MONTHLY_RANGE, KEEP_WEEKLY_RANGE
from desktop_app.domain.compensation import policy_to_json, validate_policy
from desktop_app.domain.device_label import LABEL_SIZE_RULE, LABEL_SIZES, label_size_text
from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import HOTLINE, LANGUAGE, SHOP_ADDRESS, SHOP_NAME, text_problems
from desktop_app.domain.messages import (
    normalized,
    templates_to_json,
    validate_templates,
)
from desktop_app.domain.national_calendar import (
    PACKAGE_CALENDARS,
    NationalCalendars,
    supported_countries,
)
from desktop_app.domain.people import (
    MAXIMUM_IDLE_LOCK_MINUTES,
    MINIMUM_IDLE_LOCK_MINUTES,
    Actor,
)
from desktop_app.domain.pickup import MAXIMUM_PICKUP_AFTER_DAYS, MINIMUM_PICKUP_AFTER_DAYS
from desktop_app.domain.quotation import MAX_INSPECTION_FEE_CENTS
from desktop_app.domain.repair_warranty import REPAIR_WARRANTY_DAYS_RANGE
from desktop_app.domain.roles import Action
from desktop_app.domain.rules import MAXIMUM_WARRANTY_MONTHS, MINIMUM_WARRANTY_MONTHS
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import N_, Text, Verbatim
from desktop_app.domain.vocabulary import PAPERS
from desktop_app.domain.workdays import OFFICIAL_NOTE, WorkCalendar
from desktop_app.services.signins import SignIns

RECEIPT_PAPERS = PAPERS
# Issue 13's settings: a complaint resolved within at most a working month; a follow-up call
# at most two months after the return (a customer no longer remembers the visit after that).
MAXIMUM_COMPLAINT_RESOLVE_DAYS = 30
MAXIMUM_FOLLOW_UP_AFTER_DAYS = 60


class ShopService:
    def __init__(
        self,
        database: Database,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
        signins: SignIns | None = None,
    ) -> None:
        self._db = database
        # Reading the settings needs nobody signed in (start-up reads the language); saving does.
        self._signins = signins or SignIns("")
        self._calendars = calendars  # the national calendars app.py loaded (see WorkCalendar)

    def settings(self) -> ShopSnapshot:
        with self._db.read() as session:
            return queries.shop_snapshot(session)

    def calendar(self) -> WorkCalendar:
        with self._db.read() as session:
            return queries.work_calendar(session, self._calendars)

    def ping(self) -> None:
        """Whether the database answers (the window's retry after a lost connection): returns
        once it does, raises DatabaseUnreachable while the server cannot be reached. Reads
        nothing of anyone's, so it needs nobody signed in."""
        self._db.ping()

    def save_settings(self, new: ShopSnapshot, actor: Actor) -> ShopSnapshot:
        """Saves the shop's details and replaces its calendar days, in one transaction."""
        validate_settings(new)
        with self._db.write() as session:
            self._signins.user(session, actor, Action.MANAGE_SHOP)
            return write_settings(session, new)

    def set_closures(self, closures: list[date], actor: Actor) -> ShopSnapshot:
        current = self.settings()
        return self.save_settings(replace(current, closures=tuple(closures)), actor)

    def calendar_days(self) -> list[tuple[date, str]]:
        with self._db.read() as session:
            return [
                (row.day, row.kind)
                for row in session.scalars(select(CalendarOverride).order_by(CalendarOverride.day))
            ]


def _a_day(value: object) -> bool:
    """A calendar day: a date, not a datetime (which would be stored with its time)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def write_settings(session: Session, new: ShopSnapshot) -> ShopSnapshot:
    """Writes validated settings (validate_settings) and the calendar days they carry."""
    row = session.get(ShopSettings, 1)
    if row is None:
        row = ShopSettings(id=1)
        session.add(row)
    row.name = new.name.strip()
    row.address = new.address.strip()
    row.hotline = new.hotline.strip()
    row.country = new.country.upper()
    row.default_warranty_months = new.default_warranty_months
    row.receipt_paper = new.receipt_paper
    row.language = new.language
    row.idle_lock_minutes = new.idle_lock_minutes
    row.complaint_resolve_days = new.complaint_resolve_days
    row.follow_up_after_days = new.follow_up_after_days
    row.compensation_policy = policy_to_json(new.compensation_policy)
    row.backup_keep_daily = new.backup_keep_daily
    row.backup_keep_weekly = new.backup_keep_weekly
    row.backup_keep_monthly = new.backup_keep_monthly
    row.repair_warranty_days = new.repair_warranty_days
    # Issue 16, pickup.
    row.pickup_after_days = new.pickup_after_days
    row.message_templates = templates_to_json(normalized(new.message_templates))
    row.label_size = new.label_size
    row.inspection_fee_cents = new.inspection_fee_cents
    session.execute(delete(CalendarOverride))
    confirmed = set(new.confirmed_years)

    def note(day: date) -> str:
        return OFFICIAL_NOTE if day.year in confirmed else ""

    for day in sorted(set(new.closures)):
        session.add(CalendarOverride(day=day, kind="closure", note=note(day)))
    for day in sorted(set(new.extra_working_days)):
        session.add(CalendarOverride(day=day, kind="working", note=note(day)))
    session.flush()
    return queries.shop_snapshot(session)


def _whole_in_range(
    value: object, field: str, low: int, high: int, rule: str
) -> list[FieldProblem]:
    if not isinstance(value, int) or isinstance(value, bool):
        return [FieldProblem(field, Text(N_("must be a whole number")))]
    if not low <= value <= high:
        return [FieldProblem(field, Text(rule, low=low, high=high))]
    return []


def validate_settings(new: ShopSnapshot) -> None:
    problems = text_problems(
        [
            ("name", new.name, SHOP_NAME),
            ("address", new.address, SHOP_ADDRESS),
            ("hotline", new.hotline, HOTLINE),
            ("language", new.language, LANGUAGE),
        ]
    )
    if not isinstance(new.country, str) or new.country.upper() not in supported_countries():
        problems.append(
            FieldProblem(
                "country",
                Text(N_("{code} is not a known country code"), code=Verbatim(new.country)),
            )
        )
    problems += _number_problems(new)
    problems += _pickup_problems(new)
    try:
        validate_policy(new.compensation_policy)
    except InvalidInput as error:
        problems.extend(error.problems)
    if new.receipt_paper not in RECEIPT_PAPERS:
        problems.append(FieldProblem("receipt_paper", Text(N_("must be A4 or 80 mm"))))
    if new.label_size not in LABEL_SIZES:
        problems.append(
            FieldProblem(
                "label_size",
                Text(LABEL_SIZE_RULE, sizes=Verbatim(", ".join(map(label_size_text, LABEL_SIZES)))),
            )
        )
    problems += _calendar_value_problems(new)
    if problems:
        raise InvalidInput(problems)
    problems = _calendar_conflicts(new)
    if problems:
        raise InvalidInput(problems)


def _number_problems(new: ShopSnapshot) -> list[FieldProblem]:
    """The settings that are a whole number in a range."""
    return [
        *_whole_in_range(
            new.default_warranty_months,
            "default_warranty_months",
            MINIMUM_WARRANTY_MONTHS,
            MAXIMUM_WARRANTY_MONTHS,
            N_("must be from {low} to {high} months"),
        ),
        *_whole_in_range(
            new.idle_lock_minutes,
            "idle_lock_minutes",
            MINIMUM_IDLE_LOCK_MINUTES,
            MAXIMUM_IDLE_LOCK_MINUTES,
            N_("must be from {low} to {high} minutes"),
        ),
        *_whole_in_range(
            new.complaint_resolve_days,
            "complaint_resolve_days",
            1,
            MAXIMUM_COMPLAINT_RESOLVE_DAYS,
            N_("must be from {low} to {high} working days"),
        ),
        *_whole_in_range(
            new.follow_up_after_days,
            "follow_up_after_days",
            1,
            MAXIMUM_FOLLOW_UP_AFTER_DAYS,
            N_("must be from {low} to {high} days"),
        ),
        *_whole_in_range(
            new.backup_keep_daily,
            "backup_keep_daily",
            *KEEP_DAILY_RANGE,
            N_("must be from {low} to {high} daily backups"),
        ),
        *_whole_in_range(
            new.backup_keep_weekly,
            "backup_keep_weekly",
            *KEEP_WEEKLY_RANGE,
            N_("must be from {low} to {high} weekly backups"),
        ),
        *_whole_in_range(
            new.backup_keep_monthly,
            "backup_keep_monthly",
            *KEEP_MONTHLY_RANGE,
            N_("must be from {low} to {high} monthly backups"),
        ),
        # Issue 16: the repair's own warranty.
        *_whole_in_range(
            new.repair_warranty_days,
            "repair_warranty_days",
            *REPAIR_WARRANTY_DAYS_RANGE,
            N_("must be from {low} to {high} days"),
        ),
        # Issue 16: a declined quotation's inspection fee, in cents.
        *_whole_in_range(
            new.inspection_fee_cents,
            "inspection_fee",
            0,
            MAX_INSPECTION_FEE_CENTS,
            N_("must be an amount from 0 to 10,000.00"),
        ),
    ]


def _pickup_problems(new: ShopSnapshot) -> list[FieldProblem]:
    """Issue 16, pickup: the days before a device is on the pickup list, and the templates."""
    problems = _whole_in_range(
        new.pickup_after_days,
        "pickup_after_days",
        MINIMUM_PICKUP_AFTER_DAYS,
        MAXIMUM_PICKUP_AFTER_DAYS,
        N_("must be from {low} to {high} days"),
    )
    try:
        validate_templates(new.message_templates)
    except InvalidInput as error:
        problems.extend(error.problems)
    return problems


def _calendar_value_problems(new: ShopSnapshot) -> list[FieldProblem]:
    """Days and years come from the settings dialog's pickers; anything else is said, not
    stored."""
    problems: list[FieldProblem] = []
    for field in ("closures", "extra_working_days"):
        days = getattr(new, field)
        if not isinstance(days, tuple | list) or not all(_a_day(day) for day in days):
            problems.append(FieldProblem(field, Text(N_("must be a list of days"))))
    years = new.confirmed_years
    if not isinstance(years, tuple | list) or not all(
        isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9999 for y in years
    ):
        problems.append(FieldProblem("confirmed_years", Text(N_("must be a list of years"))))
    return problems


def _calendar_conflicts(new: ShopSnapshot) -> list[FieldProblem]:
    """Well-formed calendar days that contradict each other or the confirmed years."""
    problems: list[FieldProblem] = []
    both = set(new.closures) & set(new.extra_working_days)
    if both:
        first = min(both)
        problems.append(
            FieldProblem(
                "closures",
                Text(N_("{day} cannot be both a closure day and an extra working day"), day=first),
            )
        )
    holiday_years = {day.year for day in new.closures}
    for year in sorted(set(new.confirmed_years) - holiday_years):
        problems.append(
            FieldProblem(
                "confirmed_years",
                Text(
                    N_(
                        "enter {year}'s official holidays as closure days (or import them) "
                        "before marking {year} confirmed"
                    ),
                    year=year,
                ),
            )
        )
    return problems
