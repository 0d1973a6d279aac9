"""The demo's satisfaction follow-up calls: surveys for a share of the returned demo jobs.

Made of the service's own pieces (the survey rule, the event payload, the complaint draft of
the contract), written in bulk with core inserts after the jobs exist: most calls reach the
customer with good scores, some needed a second or third try, some never reached anyone, and a
few low scores opened a complaint draft for the manager. Most jobs of the current call window
are left uncalled, so the follow-up list has work on it.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

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


def add_follow_ups(database: Database, now: datetime, seed: int = 2026) -> int:
    """Surveys for a share of the returned demo jobs; returns how many calls were written."""
    rng = random.Random(seed)
    with database.read() as session:
        after_days = queries.shop_snapshot(session).follow_up_after_days
        calendar = queries.work_calendar(session)
        callers = list(
            session.scalars(
                select(User.id).where(
                    User.active.is_(True), User.role.in_([Role.CLERK.value, Role.MANAGER.value])
                )
            )
        )
        window = due_window(now.date(), after_days)
        jobs = session.execute(
            select(Job.id, Job.customer_id, Job.returned_at)
            .where(
                Job.status.in_([s.value for s in SURVEYED_STATUSES]),
                Job.returned_at < window.ends_before,
                ~select(Survey.id).where(Survey.job_id == Job.id).exists(),
            )
            .order_by(Job.id)
        ).all()
        next_survey = (session.scalar(select(func.max(Survey.id))) or 0) + 1
        next_complaint = (session.scalar(select(func.max(Complaint.id))) or 0) + 1
    if not callers or not jobs:
        return 0
    chosen = [job for job in jobs if rng.random() < SHARE][:MAX_CALLED]
    surveys: list[dict] = []
    complaints: list[dict] = []
    complaint_events: list[dict] = []
    job_events: list[dict] = []
    for job_id, customer_id, returned_at in chosen:
        day = returned_at.date() + timedelta(days=after_days - 1)
        failures = rng.choices((0, 1, 2, MAX_ATTEMPTS), weights=(78, 12, 5, 5))[0]
        calls = [SurveyForm(False, comment=rng.choice(NOT_REACHED_NOTES))] * failures
        if failures < MAX_ATTEMPTS:
            calls.append(_reached(rng))
        for attempt, form in enumerate(calls):
            day = calendar.next_working_day(day)  # the shop calls on its working days
            at = datetime.combine(day, time(10)) + timedelta(minutes=rng.randrange(0, 7 * 60))
            if at > now:
                break
            by = rng.choice(callers)
            complaint_id = None
            if is_low(form):
                complaint_id = next_complaint
                next_complaint += 1
                complaints.append(_draft(complaint_id, customer_id, job_id, form, at, by))
                complaint_events.append(
                    {
                        "complaint_id": complaint_id,
                        "at": at,
                        "user_id": by,
                        "kind": ComplaintEventKind.DRAFTED.value,
                        "from_state": None,
                        "to_state": ComplaintState.DRAFT.value,
                        "note": "",
                        "payload": queries.encode_payload({"survey_id": next_survey}),
                    }
                )
            surveys.append(
                {
                    "id": next_survey,
                    "job_id": job_id,
                    "at": at,
                    "by_id": by,
                    "reached": form.reached,
                    **form.scores(),
                    "comment": form.comment,
                    "complaint_id": complaint_id,
                }
            )
            next_survey += 1
            job_events.append(
                {
                    "job_id": job_id,
                    "at": at,
                    "user_id": by,
                    "kind": EventKind.FOLLOW_UP.value,
                    "from_status": None,
                    "to_status": None,
                    "note": form.comment,
                    "payload": queries.encode_payload(
                        events.follow_up(
                            form.reached, form.scores(), attempt + 1, complaint_id is not None
                        )
                    ),
                }
            )
    with database.write() as session:
        # The complaint first: the survey names it.
        for model, rows in (
            (Complaint, complaints),
            (ComplaintEvent, complaint_events),
            (Survey, surveys),
            (JobEvent, job_events),
        ):
            if rows:
                session.execute(insert(model.__table__), rows)  # type: ignore[arg-type]
        _advance_sequences(session)
    return len(surveys)


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
