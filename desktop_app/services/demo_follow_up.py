"""The demo's satisfaction follow-up calls: surveys for a share of the returned demo jobs.

Made of the service's own pieces (the survey rule, the event payload, the complaint draft of
the contract), written in bulk with core inserts after the jobs exist: most calls reach the
customer with good scores, some needed a second or third try, some never reached anyone, and a
few low scores opened a complaint draft for the manager. Most jobs of the current call window
are left uncalled, so the follow-up list has work on it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Complaint, ComplaintEvent, Job, JobEvent, Survey, User
from desktop_app.domain import events
from desktop_app.domain.follow_up import (
    MAX_ATTEMPTS,
    SURVEYED_STATUSES,
    SurveyForm,
    complaint_category,
    due_window,
    is_low,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintState,
    EventKind,
)
from desktop_app.domain.workdays import WorkCalendar

SHARE = 0.35  # of the returned jobs whose call window has opened
MAX_CALLED = 2500  # jobs called at most: the demo stays quick at any size
LOW_SHARE = 0.06  # of the customers reached
GOOD_WORDS = ("挺好的，修得很快", "师傅很耐心", "用着没问题", "", "", "")
LOW_WORDS = (
    "修好没几天又出现同样的问题",
    "等了一个多星期才拿到",
    "前台态度不太好，问什么都不耐烦",
    "收费比说好的贵",
)
NOT_REACHED_NOTES = ("无人接听", "关机", "占线", "")


class _Returned(NamedTuple):
    """A returned job not yet called."""

    job_id: int
    customer_id: int
    returned_at: datetime


@dataclass(frozen=True)
class _Setting:
    """What the calls are made from, read before any is written."""

    after_days: int
    calendar: WorkCalendar
    callers: list[int]
    jobs: list[_Returned]
    next_survey: int
    next_complaint: int


@dataclass
class _Rows:
    """The rows to write, and the next free survey and complaint ids."""

    next_survey: int
    next_complaint: int
    surveys: list[dict] = field(default_factory=list)
    complaints: list[dict] = field(default_factory=list)
    complaint_events: list[dict] = field(default_factory=list)
    job_events: list[dict] = field(default_factory=list)


def add_follow_ups(database: Database, now: datetime, seed: int = 2026) -> int:
    """Surveys for a share of the returned demo jobs; returns how many calls were written."""
    rng = random.Random(seed)
    setting = _read_setting(database, now, rng)
    if not setting.callers or not setting.jobs:
        return 0
    chosen = setting.jobs
    rows = _Rows(setting.next_survey, setting.next_complaint)
    for job in chosen:
        _call(rows, setting, job, now, rng)
    _write(database, rows)
    return len(rows.surveys)


def _read_setting(database: Database, now: datetime, rng: random.Random) -> _Setting:
    """The shop's call rule and calendar, who calls, the jobs to call (about SHARE of the
    returned jobs, the oldest first, at most MAX_CALLED) and the next free ids. The returned
    jobs are read as a stream until enough are chosen: at a million jobs, holding all of them
    would take hundreds of megabytes."""
    with database.read() as session:
        after_days = queries.shop_snapshot(session).follow_up_after_days
        calendar = queries.work_calendar(session)
        callers = list(
            session.scalars(
                select(User.id)
                .where(User.active.is_(True), User.role.in_([Role.CLERK.value, Role.MANAGER.value]))
                .order_by(User.id)
            )
        )
        window = due_window(now.date(), after_days)
        jobs: list[_Returned] = []
        returned = session.execute(
            select(Job.id, Job.customer_id, Job.returned_at)
            .where(
                Job.status.in_([s.value for s in SURVEYED_STATUSES]),
                Job.returned_at < window.ends_before,
                ~select(Survey.id).where(Survey.job_id == Job.id).exists(),
            )
            .order_by(Job.id)
            .execution_options(yield_per=5000)
        )
        try:
            for row in returned:
                if rng.random() < SHARE:
                    jobs.append(_Returned(*row))
                    if len(jobs) >= MAX_CALLED:
                        break
        finally:
            returned.close()
        next_survey = (session.scalar(select(func.max(Survey.id))) or 0) + 1
        next_complaint = (session.scalar(select(func.max(Complaint.id))) or 0) + 1
    return _Setting(after_days, calendar, callers, jobs, next_survey, next_complaint)


def _call(
    rows: _Rows, setting: _Setting, job: _Returned, now: datetime, rng: random.Random
) -> None:
    """One job's calls, one a working day from its call day on, until one reaches the customer
    or the attempts run out; none after now."""
    day = job.returned_at.date() + timedelta(days=setting.after_days - 1)
    for attempt, form in enumerate(_attempts(rng)):
        day = setting.calendar.next_working_day(day)  # the shop calls on its working days
        at = datetime.combine(day, time(10)) + timedelta(minutes=rng.randrange(0, 7 * 60))
        if at > now:
            break
        by = rng.choice(setting.callers)
        _record_call(rows, job, attempt + 1, form, at, by)


def _attempts(rng: random.Random) -> list[SurveyForm]:
    """How the calls went: some not reached, then (unless all were) one that reached."""
    failures = rng.choices((0, 1, 2, MAX_ATTEMPTS), weights=(78, 12, 5, 5))[0]
    calls = [SurveyForm(False, comment=rng.choice(NOT_REACHED_NOTES))] * failures
    if failures < MAX_ATTEMPTS:
        calls.append(_reached(rng))
    return calls


def _record_call(
    rows: _Rows, job: _Returned, attempt: int, form: SurveyForm, at: datetime, by: int
) -> None:
    """The call's survey and job event; a low score's complaint draft first."""
    complaint_id = None
    if is_low(form):
        complaint_id = rows.next_complaint
        rows.next_complaint += 1
        rows.complaints.append(_draft(complaint_id, job.customer_id, job.job_id, form, at, by))
        rows.complaint_events.append(_drafted_event(complaint_id, rows.next_survey, at, by))
    rows.surveys.append(_survey(rows.next_survey, job.job_id, form, at, by, complaint_id))
    rows.next_survey += 1
    rows.job_events.append(
        _follow_up_event(job.job_id, form, attempt, at, by, complaint_id is not None)
    )


def _drafted_event(complaint_id: int, survey_id: int, at: datetime, by: int) -> dict:
    """The complaint draft's first event, naming the survey that opened it."""
    return {
        "complaint_id": complaint_id,
        "at": at,
        "user_id": by,
        "kind": ComplaintEventKind.DRAFTED.value,
        "from_state": None,
        "to_state": ComplaintState.DRAFT.value,
        "note": "",
        "payload": queries.encode_payload({"survey_id": survey_id}),
    }


def _survey(
    survey_id: int,
    job_id: int,
    form: SurveyForm,
    at: datetime,
    by: int,
    complaint_id: int | None,
) -> dict:
    """The survey row of one call."""
    return {
        "id": survey_id,
        "job_id": job_id,
        "at": at,
        "by_id": by,
        "reached": form.reached,
        **form.scores(),
        "comment": form.comment,
        "complaint_id": complaint_id,
    }


def _follow_up_event(
    job_id: int, form: SurveyForm, attempt: int, at: datetime, by: int, complained: bool
) -> dict:
    """The job's follow-up event of one call."""
    return {
        "job_id": job_id,
        "at": at,
        "user_id": by,
        "kind": EventKind.FOLLOW_UP.value,
        "from_status": None,
        "to_status": None,
        "note": form.comment,
        "payload": queries.encode_payload(
            events.follow_up(form.reached, form.scores(), attempt, complained)
        ),
    }


def _write(database: Database, rows: _Rows) -> None:
    """All the rows in one transaction; the complaints first, as the surveys name them."""
    with database.write() as session:
        for model, written in (
            (Complaint, rows.complaints),
            (ComplaintEvent, rows.complaint_events),
            (Survey, rows.surveys),
            (JobEvent, rows.job_events),
        ):
            if written:
                session.execute(insert(model.__table__), written)  # type: ignore[arg-type]
        _advance_sequences(session)


def _reached(rng: random.Random) -> SurveyForm:
    if rng.random() < LOW_SHARE:
        scores = [rng.choice((3, 4)) for _ in range(4)]
        for low in rng.sample(range(4), rng.choice((1, 2))):
            scores[low] = rng.choice((1, 2))
        return SurveyForm(True, *scores, comment=rng.choice(LOW_WORDS))
    scores = [rng.choices((3, 4, 5), weights=(1, 3, 6))[0] for _ in range(4)]
    return SurveyForm(True, *scores, comment=rng.choice(GOOD_WORDS))


def _draft(
    complaint_id: int, customer_id: int, job_id: int, form: SurveyForm, at: datetime, by: int
) -> dict:
    """A complaint draft as FollowUpService writes it (the contract with the complaints
    register): no number and no clocks until a manager registers it."""
    return {
        "id": complaint_id,
        "number": None,
        "state": ComplaintState.DRAFT.value,
        "channel": ComplaintChannel.FOLLOW_UP.value,
        "category": complaint_category(form).value,
        "customer_id": customer_id,
        "job_id": job_id,
        "words": form.comment,
        "request": "",
        "received_at": at,
        "received_by_id": by,
        "acknowledge_due_at": None,
        "acknowledged_at": None,
        "acknowledged_by_id": None,
        "resolve_due_date": None,
        "resolved_at": None,
        "finding": "",
        "shop_at_fault": None,
        "resolution": "",
        "closed_at": None,
        "closing": "",
        "last_event_at": at,
        "version": 1,
    }


def _advance_sequences(session: Session) -> None:
    """Rows were written with explicit ids: PostgreSQL's sequences must learn of them."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in ("complaints", "surveys"):
        session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )
