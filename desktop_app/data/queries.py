"""Reads the services need: ORM rows to frozen snapshots, the job list and its filters.

Nothing here commits: the caller's session scope is the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Integer,
    Row,
    ScalarSelect,
    Select,
    and_,
    any_,
    bindparam,
    case,
    exists,
    func,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session, aliased

from desktop_app.data import search_index
from desktop_app.data.evaluation import figure_condition, repeat_within_days, unindexed
from desktop_app.data.job_list import JOB_LIST_COLUMNS, TECHNICIAN, job_row
from desktop_app.data.models import (
    CalendarOverride,
    Consultation,
    Customer,
    Job,
    JobEvent,
    JobLine,
    Payment,
    Product,
    ShopSettings,
    User,
)
from desktop_app.data.payment_lines import payment_lines
from desktop_app.data.quotations import quotation_snapshots
from desktop_app.data.visits import visit_snapshots
from desktop_app.domain.compensation import readable_policy
from desktop_app.domain.forms import (
    CLOCK_LIST_LIMIT,
    JOB_NUMBER_PATTERN,
    ClockList,
    DueFilter,
    JobQuery,
)
from desktop_app.domain.messages import templates_from_json
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.repair_warranty import EarlierRepair
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, Coverage, DocumentsPresented, ServiceKind
from desktop_app.domain.snapshots import (
    CustomerSnapshot,
    DueSummary,
    EventSnapshot,
    JobPage,
    JobRow,
    JobSnapshot,
    LineSnapshot,
    PageCursor,
    ProductSnapshot,
    ShopSnapshot,
    UserSnapshot,
)
from desktop_app.domain.text import Text
from desktop_app.domain.vocabulary import EventKind, Outcome
from desktop_app.domain.workdays import (
    DEFAULT_COUNTRY,
    OFFICIAL_NOTE,
    WorkCalendar,
    stale_before,
)
from desktop_app.domain.workflow import OPEN_STATUSES, REPAIR_CLOCK_RUNNING, Status

_RUNNING = sorted(s.value for s in REPAIR_CLOCK_RUNNING)
_OPEN = sorted(s.value for s in OPEN_STATUSES)


def user_snapshot(user: User) -> UserSnapshot:
    return UserSnapshot(user.id, user.username, user.display_name, Role(user.role), user.active)


def consultation_of_job() -> ScalarSelect[str]:
    """The number of the consultation a job came from, as a column of a statement on jobs (the
    job view reads it with the job, in one statement)."""
    return (
        select(Consultation.number)
        .where(Consultation.job_id == Job.id)
        .order_by(Consultation.id)
        .limit(1)
        .scalar_subquery()
    )


# The job view's reads, by the job's id, made once: flat rows of columns, never ORM objects. The
# job view is the counter's most opened screen; read as objects (the job with its four joined
# relationships, then each of its timeline, lines and payments) one job took 3.3 ms on PostgreSQL
# at 1,000,000 jobs and 1.6 ms on SQLite; read as rows, about half (measured with the busiest
# jobs, 17 events each). A write's snapshot is read the same way, after its flush.
JOB_ID = bindparam("job_id", type_=Integer)
_CHECKED_IN_BY = aliased(User, name="checked_in_by")
_TECHNICIAN = aliased(User, name="job_technician")
_PRODUCT_COLUMNS = (
    "category",
    "brand",
    "model",
    "serial",
    "purchase_date",
    "warranty_months",
    "voucher_number",
    "warranty_card_number",
)
JOB_READ = (
    select(
        Job.__table__,
        Customer.name.label("customer_name"),
        Customer.phone.label("customer_phone"),
        Customer.address.label("customer_address"),
        *(Product.__table__.c[name].label(f"product_{name}") for name in _PRODUCT_COLUMNS),
        _CHECKED_IN_BY.display_name.label("checked_in_by_name"),
        _TECHNICIAN.display_name.label("technician_name"),
        consultation_of_job().label("consultation_number"),
        # Whether it has lines and payments: most jobs have neither (every new job, a warranty
        # repair without parts), and a read not made is a round trip saved on PostgreSQL.
        exists().where(JobLine.job_id == Job.id).label("has_lines"),
        exists().where(Payment.job_id == Job.id).label("has_payments"),
    )
    .join(Customer, Customer.id == Job.customer_id)
    .join(Product, Product.id == Job.product_id)
    .join(_CHECKED_IN_BY, _CHECKED_IN_BY.id == Job.checked_in_by_id)
    .outerjoin(_TECHNICIAN, _TECHNICIAN.id == Job.technician_id)
    .where(Job.id == JOB_ID)
)
EVENTS_READ = (
    select(
        JobEvent.id,
        JobEvent.at,
        User.display_name,
        JobEvent.kind,
        JobEvent.from_status,
        JobEvent.to_status,
        JobEvent.note,
        JobEvent.payload,
    )
    .join(User, User.id == JobEvent.user_id)
    .where(JobEvent.job_id == JOB_ID)
    .order_by(JobEvent.id)
)
LINES_READ = (
    select(
        JobLine.id,
        JobLine.kind,
        JobLine.description,
        JobLine.part_model,
        JobLine.quantity,
        JobLine.unit_price_cents,
        JobLine.charged_cents,
        JobLine.added_at,
        JobLine.removed_at,
        JobLine.part_id,
        JobLine.model_reason,
    )
    .where(JobLine.job_id == JOB_ID)
    .order_by(JobLine.id)
)


def job_snapshot(session: Session, job_id: int) -> JobSnapshot | None:
    """The job with its history, for the job view: the job, its people and the number of the
    consultation it came from in one statement, then its timeline, lines and payments (and its
    visits or quotations where it has them). None: no such job. What the caller's session has
    not yet sent (a write's new event and line rows) is sent first: it belongs in the snapshot."""
    session.flush()
    connection = session.connection()
    job = connection.execute(JOB_READ, {"job_id": job_id}).first()
    if job is None:
        return None
    events = connection.execute(EVENTS_READ, {"job_id": job_id}).all()
    lines = connection.execute(LINES_READ, {"job_id": job_id}).all() if job.has_lines else ()
    return JobSnapshot(
        id=job.id,
        number=job.number,
        status=Status(job.status),
        coverage=Coverage(job.coverage),
        service_requested=ServiceKind(job.service_requested),
        customer=CustomerSnapshot(
            job.customer_id, job.customer_name, job.customer_phone, job.customer_address
        ),
        product=ProductSnapshot(
            job.product_id,
            Category(job.product_category),
            job.product_brand,
            job.product_model,
            job.product_serial,
            job.product_purchase_date,
            job.product_warranty_months,
            job.product_voucher_number,
            job.product_warranty_card_number,
        ),
        documents=DocumentsPresented(
            job.voucher_presented, job.warranty_card_presented, job.product_presented
        ),
        verdict_reasons=decode_reasons(job.verdict_json),
        warranty_end=job.warranty_end,
        return_window_end=job.return_window_end,
        manager_override_reason=job.manager_override_reason,
        fault_description=job.fault_description,
        usage_description=job.usage_description,
        condition_on_arrival=job.condition_on_arrival,
        accessories_received=job.accessories_received,
        checked_in_at=job.checked_in_at,
        checked_in_by=job.checked_in_by_name,
        response_due_at=job.response_due_at,
        first_response_at=job.first_response_at,
        repair_due_date=job.repair_due_date,
        ready_at=job.ready_at,
        returned_at=job.returned_at,
        technician=job.technician_name or "",
        technician_id=job.technician_id,
        not_quality_reason=job.not_quality_reason,
        diagnosis=job.diagnosis,
        satisfaction_score=job.satisfaction_score,
        satisfaction_comment=job.satisfaction_comment,
        version=job.version,
        outcome=job.outcome,
        work_done=job.work_done,
        accessories_returned=job.accessories_returned,
        payment_method=job.payment_method,
        amount_paid_cents=job.amount_paid_cents,
        refund_cents=job.refund_cents,
        replacement_model=job.replacement_model,
        replacement_serial=job.replacement_serial,
        visit_address=job.visit_address,
        appointment_start=job.appointment_start,
        appointment_end=job.appointment_end,
        consultation_number=job.consultation_number or "",
        repeat_of=job.repeat_of,
        events=tuple(_event_snapshot(*event) for event in events),
        lines=tuple(LineSnapshot(*line) for line in lines),
        visits=visit_snapshots(connection, job_id)
        if job.service_requested == ServiceKind.ON_SITE.value
        else (),
        payments=payment_lines(connection, job_id) if job.has_payments else (),
        quotations=quotation_snapshots(connection, job_id)
        if job.coverage == Coverage.PAID.value
        else (),
    )


def _event_snapshot(
    id: int,
    at: datetime,
    by: str,
    kind: str,
    from_status: str | None,
    to_status: str | None,
    note: str,
    payload: str,
) -> EventSnapshot:
    return EventSnapshot(
        id,
        at,
        by,
        kind,
        Status(from_status) if from_status else None,
        Status(to_status) if to_status else None,
        note,
        decode_payload(payload),
    )


# One encoder, made once: json.dumps with options builds a new one per call, which the demo
# data (150,000 events for 20,000 jobs) would feel.
_PAYLOAD_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def encode_payload(payload: Mapping[str, Any] | None) -> str:
    """An event's facts as stored: JSON, Chinese kept readable for whoever opens the table."""
    if not payload:
        return "{}"
    return _PAYLOAD_ENCODER.encode(payload if isinstance(payload, dict) else dict(payload))


def decode_payload(raw: str | None) -> dict[str, Any]:
    return json.loads(raw) if raw else {}


def encode_reasons(reasons: tuple[Text, ...] | list[Text]) -> str:
    return json.dumps([r.to_json() for r in reasons], ensure_ascii=False)


def decode_reasons(raw: str) -> tuple[Text, ...]:
    return tuple(Text.from_json(item) for item in json.loads(raw or "[]"))


def shop_snapshot(session: Session) -> ShopSnapshot:
    settings = session.get(ShopSettings, 1)
    if settings is None:  # only possible if someone deleted the seeded row by hand
        raise LookupError("the shop settings row is missing; the database was edited by hand")
    closures, extra, confirmed = calendar_overrides(session)
    return ShopSnapshot(
        settings.name,
        settings.address,
        settings.hotline,
        settings.country,
        settings.default_warranty_months,
        settings.receipt_paper,
        settings.language,
        tuple(sorted(closures)),
        tuple(sorted(extra)),
        tuple(sorted(confirmed)),
        settings.idle_lock_minutes,
        settings.complaint_resolve_days,
        settings.follow_up_after_days,
        readable_policy(settings.compensation_policy),
        settings.backup_keep_daily,
        settings.backup_keep_weekly,
        settings.backup_keep_monthly,
        settings.repair_warranty_days,
        pickup_after_days=settings.pickup_after_days,
        message_templates=templates_from_json(settings.message_templates),
        label_size=settings.label_size,
        inspection_fee_cents=settings.inspection_fee_cents,
    )


def repair_warranty_days(session: Session) -> int:
    """The shop's repair warranty in days (ShopSettings.repair_warranty_days): from the settings
    row this transaction read already (work_calendar), else read now."""
    settings = session.get(ShopSettings, 1)
    if settings is None or settings.repair_warranty_days is None:
        return repeat_within_days(session)
    return int(settings.repair_warranty_days)


def earlier_repairs_for_serial(session: Session, serial: str) -> tuple[EarlierRepair, ...]:
    """The serial's jobs handed back repaired, newest first: what a repeat repair repeats."""
    wanted = serial.strip().upper()
    if not wanted:
        return ()
    rows = session.execute(
        select(Job.number, Job.returned_at, Job.fault_description, Job.work_done)
        .join(Product, Product.id == Job.product_id)
        .where(
            # Found through the serial's index (SQLite, without statistics, would rather walk
            # a million jobs by status or return time: 1.4 s a check-in at 1,000,000 jobs).
            Product.serial == wanted,
            unindexed(Job.status) == Status.RETURNED.value,
            Job.outcome == Outcome.REPAIRED.value,
            Job.returned_at.is_not(None),
        )
        .order_by(unindexed(Job.returned_at).desc(), unindexed(Job.id).desc())
        .limit(20)
    ).all()
    return tuple(
        EarlierRepair(r.number, r.returned_at, r.fault_description, r.work_done) for r in rows
    )


def calendar_overrides(session: Session) -> tuple[set[date], set[date], set[int]]:
    """The shop's closure days, extra working days, and the years it confirmed (see
    models.CalendarOverride)."""
    closures: set[date] = set()
    extra: set[date] = set()
    confirmed: set[int] = set()
    for row in session.scalars(select(CalendarOverride)):
        (closures if row.kind == "closure" else extra).add(row.day)
        if row.note == OFFICIAL_NOTE:
            confirmed.add(row.day.year)
    return closures, extra, confirmed


def work_calendar(
    session: Session, calendars: NationalCalendars = PACKAGE_CALENDARS
) -> WorkCalendar:
    """The shop's calendar: its country's national calendar, taken from `calendars` (what the
    composition root loaded), with the shop's own closures and extra working days."""
    settings = session.get(ShopSettings, 1)
    closures, extra, confirmed = calendar_overrides(session)
    country = settings.country if settings else DEFAULT_COUNTRY
    return WorkCalendar(calendars.for_country(country), closures, extra, confirmed)


# --- the job list -------------------------------------------------------------------------


# The job list's order, newest check-in first.
NEWEST_FIRST = (Job.checked_in_at.desc(), Job.id.desc())


@cache  # statements are immutable; building this one costs more than running a page of it
def _row_select() -> tuple[Select, type[User]]:
    """The job list's columns (declared in job_list.py) and joins."""
    technician = aliased(User, name=TECHNICIAN)
    tables = {
        Job.__tablename__: Job,
        Customer.__tablename__: Customer,
        Product.__tablename__: Product,
        TECHNICIAN: technician,
    }
    statement = (
        select(*(getattr(tables[c.table], c.column) for c in JOB_LIST_COLUMNS))
        .join(Customer, Customer.id == Job.customer_id)
        .join(Product, Product.id == Job.product_id)
        .outerjoin(technician, technician.id == Job.technician_id)
    )
    return statement, technician


def text_condition(
    session: Session, raw: str, *, alone: bool = False, first_page: int = 0
) -> object | search_index.MatchingJobs | search_index.PostgresMatches | None:
    """What a search box or a scanner typed: job number, phone fragment, name or serial.
    `alone`: the condition is a list page's only one; `first_page`: the rows that page needs
    when it is the list's first (search_index.text_condition)."""
    typed = raw.strip()
    if not typed:
        return None
    if JOB_NUMBER_PATTERN.match(typed):
        return Job.number == typed.upper()
    return search_index.text_condition(session, typed, alone=alone, first_page=first_page)


def due_condition(
    session: Session, due: DueFilter, now: datetime, calendars: NationalCalendars
) -> object:
    """Only "due soon" needs the shop's calendar (the next working day): it is read then."""
    today = now.date()
    running = Job.status.in_(_RUNNING)
    if due is DueFilter.OVERDUE:
        return and_(running, Job.repair_due_date < today)
    if due is DueFilter.DUE_TODAY:
        return and_(running, Job.repair_due_date == today)
    if due is DueFilter.DUE_SOON:
        return and_(
            running,
            Job.repair_due_date >= today,
            Job.repair_due_date <= work_calendar(session, calendars).next_working_day(today),
        )
    return and_(Job.status.in_(_OPEN), Job.first_response_at.is_(None), Job.response_due_at < now)


def job_list_conditions(
    session: Session, query: JobQuery, *, now: datetime, calendars: NationalCalendars
) -> list[object]:
    """The job list's WHERE for a query (its page and its count share it)."""
    return _job_list_filter(session, query, now=now, calendars=calendars)[0]


def _job_list_filter(
    session: Session,
    query: JobQuery,
    *,
    now: datetime,
    calendars: NationalCalendars,
    page: bool = False,
    first_page: int = 0,
) -> tuple[list[object], search_index.PostgresMatches | None]:
    """The job list's WHERE, and on PostgreSQL the jobs the search matched by their ids, if it
    did (list_jobs then reads them its own way). Every condition is on the jobs table except
    where the search tests the customer's or the product's own columns. `page`: for one page
    of the list (list_jobs), not the whole of it (a count, an export); `first_page`: the rows
    the list's first page needs (0 for a later one)."""
    conditions: list[object] = []
    if query.statuses:
        conditions.append(Job.status.in_(sorted(s.value for s in query.statuses)))
    if query.open_only:
        conditions.append(Job.status.in_(_OPEN))
    if query.due is not None:
        conditions.append(due_condition(session, query.due, now, calendars))
    if query.technician_id is not None:
        conditions.append(Job.technician_id == query.technician_id)
    if query.figure is not None:
        conditions.append(
            figure_condition(query.figure, now=now, repeat_days=repeat_within_days(session))
        )
    alone = page and not conditions
    condition = text_condition(session, query.text, alone=alone, first_page=first_page)
    if isinstance(condition, search_index.MatchingJobs):
        conditions.append(condition.exact)  # on the matches only: a filter, not a scan
    if isinstance(condition, search_index.MatchingJobs) and condition.few:
        conditions.append(Job.id.in_(condition.matching))  # looked up by id, sorted: cheap for few
    elif isinstance(condition, search_index.MatchingJobs):
        # Hundreds to thousands: walk the (checked_in_at, id) index newest first, keeping the
        # matches, until a page is full. ("id + 0" keeps SQLite from looking every match up by
        # id and sorting whole rows, the slower way here.)
        conditions.append((Job.id + 0).in_(condition.matching))
    elif isinstance(condition, search_index.PostgresMatches):
        conditions.append(condition.condition)
        return conditions, condition
    elif condition is not None:
        conditions.append(condition)
    return conditions, None


def count_jobs(
    session: Session, query: JobQuery, *, now: datetime, calendars: NationalCalendars
) -> int:
    """How many jobs the list holds for `query` (an export's progress counts them)."""
    statement, _technician = _row_select()
    conditions = job_list_conditions(session, query, now=now, calendars=calendars)
    counted = statement.with_only_columns(func.count(), maintain_column_froms=False)
    return int(session.execute(counted.where(*conditions)).scalar_one())


def stream_jobs(
    session: Session,
    query: JobQuery,
    *,
    now: datetime,
    calendars: NationalCalendars,
    batch: int = 1000,
) -> Iterator[JobRow]:
    """The whole list for `query` in its order (newest check-in first), as one statement whose
    rows are fetched `batch` at a time (an export): one scan and one sort, where keyset pages
    would scan and sort again for every page."""
    statement, _technician = _row_select()
    conditions = job_list_conditions(session, query, now=now, calendars=calendars)
    statement = (
        statement.where(*conditions)
        .order_by(*NEWEST_FIRST)
        .execution_options(yield_per=batch, stream_results=True)
    )
    result = session.execute(statement)
    try:
        for values in result:
            yield job_row(values)
    finally:
        result.close()  # a server-side cursor (PostgreSQL) when the reader stops early


def list_jobs(
    session: Session,
    query: JobQuery,
    *,
    now: datetime,
    calendars: NationalCalendars,
    after: PageCursor | None = None,
    limit: int = 100,
) -> JobPage:
    """One keyset page of the job list, newest check-in first."""
    if session.get_bind().dialect.name == "postgresql":
        # A page is a walk down the check-in index that stops after `limit` rows: parallel
        # workers would only add their start (60 ms on a busy two-core machine) to it. The
        # evaluation's large counts keep them (this read's transaction only).
        session.execute(text("SET LOCAL max_parallel_workers_per_gather = 0"))
        typed = query.text.strip()
        if search_index.is_job_number_start(typed) and not JOB_NUMBER_PATTERN.match(typed):
            # The start of a job number bounds the check-in days, and every job of those days
            # may match ("R202606": all of June). PostgreSQL cannot estimate the number's
            # prefix there ("|| ''" keeps it off the trigram index) and guesses 0.5 %: it would
            # then read and sort the whole month (60-80 ms at 100,000 jobs) rather than walk
            # the check-in index to a page (under 1 ms). Only the walk is left to it. (A whole
            # number is one row of its unique index: that plan needs them both, and without
            # them it walked every job, 186 ms a scan at 1,000,000.)
            session.execute(text("SET LOCAL enable_bitmapscan = off"))
            session.execute(text("SET LOCAL enable_sort = off"))
    statement, _technician = _row_select()
    conditions, matches = _job_list_filter(
        session,
        query,
        now=now,
        calendars=calendars,
        page=True,
        first_page=limit + 1 if after is None else 0,
    )
    if after is not None:
        conditions.append(tuple_(Job.checked_in_at, Job.id) < (after.checked_in_at, after.id))
    if matches is not None and matches.ids is not None and len(conditions) == 1:
        # A first page by the ids the search found, the search its only condition (a
        # keystroke's, mostly): the same statement as _page's, made once.
        values = {"ids": matches.ids, "rows": limit + 1}
        rows = [job_row(row) for row in session.execute(_page_by_ids(), values)]
    elif matches is not None and matches.values is not None and len(conditions) == 1:
        # A first page read from the trigram indexes with its own check (rare digits): the
        # same statement as _page's, made once; its values give the page's rows.
        found = session.execute(_page_of_first_matches(), matches.values).all()
        rows = _checked(found)
    else:
        rows = _page(session, statement, conditions, matches, limit)
    if rows is None and matches is not None and matches.instead is not None:
        # The page's own statement read too many matches to be sure of it (a text rare among
        # the newest jobs and common among older ones): the other way.
        instead = matches.instead()
        conditions[-1] = instead.condition
        rows = _page(session, statement, conditions, instead, limit)
    assert rows is not None  # only a page read with a check can be refused
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = PageCursor(rows[-1].checked_in_at, rows[-1].id) if more and rows else None
    return JobPage(tuple(rows), cursor)


# A page's matches in the same order by an expression the check-in index does not hold: the
# planner then looks them up by their ids and sorts them (_page).
_FEW_FIRST = (func.greatest(Job.checked_in_at, Job.checked_in_at).desc(), Job.id.desc())


@cache
def _page_by_ids() -> Select:
    """_page's statement for matches found by their ids and no other condition (a first page:
    search_index.PostgresMatches.ids), made once: parameters `ids` and `rows`."""
    statement, _technician = _row_select()
    rows = bindparam("rows", type_=Integer)
    page = (
        select(Job.id)
        .where(Job.id == any_(search_index.ids_parameter()))
        .order_by(*_FEW_FIRST)
        .limit(rows)
        .correlate(None)
    )
    return statement.where(Job.id.in_(page)).order_by(*NEWEST_FIRST).limit(rows)


@cache
def _page_of_first_matches() -> Select:
    """_page's statement for a first page read with its own check (search_index's
    first_matches_parts), the search its only condition, made once: parameters `pattern`,
    `rows` and `sparse`."""
    statement, _technician = _row_select()
    condition, counted = search_index.first_matches_parts()
    rows = bindparam("rows", type_=Integer)
    page = select(Job.id).where(condition).order_by(*_FEW_FIRST).limit(rows).correlate(None)
    return (
        statement.where(Job.id.in_(page)).order_by(*NEWEST_FIRST).limit(rows).add_columns(counted)
    )


def _checked(found: Sequence[Row[Any]]) -> list[JobRow] | None:
    """A page read with its count of the matches it read (its last column): None where it read
    SPARSE_MATCHES, so it may miss some (search_index.PostgresMatches.counted)."""
    if found and found[0][-1] >= search_index.SPARSE_MATCHES:
        return None
    return [job_row(values[:-1]) for values in found]


def _page(
    session: Session,
    statement: Select,
    conditions: list[object],
    matches: search_index.PostgresMatches | None,
    limit: int,
) -> list[JobRow] | None:
    """A page of the list (`limit` rows and one more); None when the search's own check says
    the page may miss matches (search_index.PostgresMatches.counted)."""
    if matches is not None:
        # Every condition is on the jobs table: the page's ids come first, and only the page's
        # rows are read and joined (the few matches of a phone's four digits, 1,966 at a million
        # jobs, each joined to its customer and product before the sort: 7 ms of 11).
        # Few: in the same order by an expression the check-in index does not hold, so the
        # planner looks the matches up by their ids and sorts them, where its estimate would walk
        # the index past page * N / matches jobs (35,000 for 1,750 matches in a million). More:
        # a walk down the check-in index, which carries customer_id, product_id, the phone and
        # serial and the number (migrations 0021, 0024), reading no job row.
        page = (
            select(Job.id)
            .where(*conditions)
            .order_by(*(_FEW_FIRST if matches.few else NEWEST_FIRST))
            .limit(limit + 1)
            .correlate(None)
        )
        statement = statement.where(Job.id.in_(page)).order_by(*NEWEST_FIRST)
    else:
        statement = statement.where(*conditions).order_by(*NEWEST_FIRST)
    statement = statement.limit(limit + 1)
    parameters = matches.values if matches is not None and matches.values else {}
    if matches is None or matches.counted is None:
        return [job_row(values) for values in session.execute(statement, parameters)]
    return _checked(session.execute(statement.add_columns(matches.counted), parameters).all())


def due_summary(session: Session, *, now: datetime) -> DueSummary:
    """The counter's summary strip: four counts in one statement, each a range of an index
    read without the rows (status + repair_due_date; status + first_response_at +
    response_due_at, migration 0021). One pass over the open jobs' rows read each row of a
    job still open: tens of thousands of scattered rows at a million jobs."""
    today = now.date()

    def counted(*conditions: object) -> ScalarSelect[int]:
        return select(func.count()).select_from(Job).where(*conditions).scalar_subquery()

    running = Job.status.in_(_RUNNING)
    statement = select(
        counted(Job.status.in_(_OPEN)),
        counted(running, Job.repair_due_date < today),
        counted(running, Job.repair_due_date == today),
        counted(Job.status.in_(_OPEN), Job.first_response_at.is_(None), Job.response_due_at < now),
    )
    total, overdue, due_today, response_overdue = session.execute(statement).one()
    return DueSummary(int(total), int(overdue), int(due_today), int(response_overdue))


def due_summary_scan(session: Session, *, now: datetime) -> DueSummary:
    """The same counts from one pass over the open jobs' rows (what due_summary did before
    migration 0021's index): the tests compare the two."""
    today = now.date()
    running = Job.status.in_(_RUNNING)

    def count_if(condition: object) -> object:
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    statement = select(
        func.count(),
        count_if(and_(running, Job.repair_due_date < today)),
        count_if(and_(running, Job.repair_due_date == today)),
        count_if(and_(Job.first_response_at.is_(None), Job.response_due_at < now)),
    ).where(Job.status.in_(_OPEN))
    total, overdue, due_today, response_overdue = session.execute(statement).one()
    return DueSummary(int(total), int(overdue), int(due_today), int(response_overdue))


def jobs_for_serial(session: Session, serial: str, limit: int = 20) -> tuple[JobRow, ...]:
    """Earlier jobs for the same serial/IMEI, newest first (a product that keeps coming back)."""
    if not serial.strip():
        return ()
    statement, _ = _row_select()
    statement = (
        statement.where(Product.serial == serial.strip().upper())
        .order_by(*NEWEST_FIRST)
        .limit(limit)
    )
    return tuple(job_row(values) for values in session.execute(statement))


def extended_warranty_end(session: Session, serial: str) -> date | None:
    """The latest warranty end a compensation extended this serial to (jobs of the serial with
    a WARRANTY_EXTENDED event), or None when none was ever extended."""
    if not serial.strip():
        return None
    return session.scalar(
        select(func.max(Job.warranty_end))
        .join(Product, Product.id == Job.product_id)
        .where(
            Product.serial == serial.strip().upper(),
            select(JobEvent.id)
            .where(
                JobEvent.job_id == Job.id,
                JobEvent.kind == EventKind.WARRANTY_EXTENDED.value,
            )
            .exists(),
        )
    )


# PostgreSQL advisory locks in two-key form: this first key is the serials' (the evaluation's
# single-key lock is in another key space).
SERIAL_LOCK_CLASS = 15


def hold_serial(session: Session, serial: str) -> None:
    """Until this transaction ends, another counter checking in the same serial waits here, then
    sees this one's job in the shop (PostgreSQL: an advisory lock on the serial; under READ
    COMMITTED both would otherwise look, find none and write). SQLite's write lock, taken up
    front, does that already."""
    if session.get_bind().dialect.name != "postgresql" or not serial.strip():
        return
    key = func.hashtext(serial.strip().upper())
    session.execute(select(func.pg_advisory_xact_lock(SERIAL_LOCK_CLASS, key)))


def open_jobs_for_serial(session: Session, serial: str) -> tuple[JobRow, ...]:
    """The jobs holding this serial/IMEI that are still open (the product is in the shop)."""
    if not serial.strip():
        return ()
    statement, _ = _row_select()
    statement = statement.where(
        Product.serial == serial.strip().upper(), Job.status.in_(_OPEN)
    ).order_by(*NEWEST_FIRST)
    return tuple(job_row(values) for values in session.execute(statement))


def customer_names_for_phone(session: Session, phone: str) -> tuple[str, ...]:
    """Every name a customer with this (normalised) phone number is on file under."""
    if not phone:
        return ()
    statement = select(Customer.name).where(Customer.phone == phone).distinct()
    return tuple(sorted(session.scalars(statement)))


def _urgent(session: Session, *conditions: object) -> tuple[JobRow, ...]:
    """Open jobs matching the conditions, most urgent first (due day, then check-in)."""
    statement, _ = _row_select()
    statement = (
        statement.where(*conditions)
        .order_by(Job.repair_due_date, Job.response_due_at, Job.id)
        .limit(CLOCK_LIST_LIMIT)
    )
    return tuple(job_row(values) for values in session.execute(statement))


def clock_list(
    session: Session, which: ClockList, *, now: datetime, calendars: NationalCalendars
) -> tuple[JobRow, ...]:
    today = now.date()
    running = Job.status.in_(_RUNNING)
    if which is ClockList.RESPONSE_OVERDUE:
        overdue = due_condition(session, DueFilter.RESPONSE_OVERDUE, now, calendars)
        return _urgent(session, overdue)
    if which is ClockList.REPAIR_OVERDUE:
        return _urgent(session, running, Job.repair_due_date < today)
    if which is ClockList.DUE_TODAY:
        return _urgent(session, running, Job.repair_due_date == today)
    # The last two lists count working days: only they read the shop's calendar.
    calendar = work_calendar(session, calendars)
    if which is ClockList.DUE_TOMORROW:
        return _urgent(session, running, Job.repair_due_date == calendar.next_working_day(today))
    return _urgent(session, Job.status.in_(_OPEN), Job.last_event_at < stale_before(calendar, now))


def technician_queue(session: Session, technician_id: int | None) -> tuple[JobRow, ...]:
    """A technician's bench (None: the unassigned jobs), most urgent first."""
    owner = (
        Job.technician_id.is_(None)
        if technician_id is None
        else (Job.technician_id == technician_id)
    )
    return _urgent(session, Job.status.in_(_RUNNING), owner)
