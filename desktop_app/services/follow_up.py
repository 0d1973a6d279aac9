"""The satisfaction follow-up: the list of returned jobs to call, and recording a call.

A call is one transaction: the survey row (append-only), the job's FOLLOW_UP event with the
scores, and, for a low score, the complaint draft the manager registers or dismisses later
(the contract with the complaints register: state draft, no number, no clocks yet, channel
follow_up, its "drafted" event naming the survey). The hand-back's own score on the job is
never touched: it is what the customer said at the counter, this is what they said later.

Two counters calling the same customer at once: the call locks the job's row first and reads
the job's calls again under the lock, so the second one waits for the first, then finds the
customer already reached (or the attempts used up) and is refused: the job is no longer due.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import and_, case, exists, func, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import (
    Complaint,
    ComplaintEvent,
    Customer,
    Job,
    Product,
    Survey,
    User,
)
from desktop_app.domain import events
from desktop_app.domain.errors import NotFound, RuleRefusal
from desktop_app.domain.follow_up import (
    MAX_ATTEMPTS,
    SURVEYED_STATUSES,
    CallHistory,
    FollowUpRow,
    SurveyForm,
    SurveySnapshot,
    complaint_category,
    due_window,
    is_low,
    refusal,
    validate_survey,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.rules import mask_phone
from desktop_app.domain.text import N_
from desktop_app.domain.vocabulary import (
    ComplaintChannel,
    ComplaintEventKind,
    ComplaintState,
    EventKind,
    Status,
)
from desktop_app.services.common import (
    Clock,
    changed_elsewhere,
    finish,
    is_row_id,
    load_job,
    local_now,
    lock_job,
    record_event,
)
from desktop_app.services.signins import SignIns

DUE_LIST_LIMIT = 2000  # a month of a busy shop's returns; the window says when there are more


class FollowUpService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    # --- reading ------------------------------------------------------------------------------

    def due(self, actor: Actor, limit: int = DUE_LIST_LIMIT) -> tuple[FollowUpRow, ...]:
        """The jobs to call today, the longest waiting first (they leave the list first).

        One query on the returned_at index: the window of return days, the surveyed statuses,
        minus the jobs whose customer was reached or could not be reached MAX_ATTEMPTS times."""
        with self._db.read() as session:
            self._signins.user(session, actor, Action.FOLLOW_UP)
            after_days = queries.shop_snapshot(session).follow_up_after_days
            window = due_window(self._clock().date(), after_days)
            not_reached = and_(Survey.job_id == Job.id, Survey.reached.is_(False))
            attempts = select(func.count()).where(not_reached).correlate(Job).scalar_subquery()
            last_attempt = (
                select(func.max(Survey.at)).where(not_reached).correlate(Job).scalar_subquery()
            )
            reached = exists().where(Survey.job_id == Job.id, Survey.reached.is_(True))
            rows = session.execute(
                select(
                    Job.id,
                    Job.number,
                    Job.status,
                    Job.returned_at,
                    Job.satisfaction_score,
                    Job.version,
                    Customer.name,
                    Customer.phone,
                    Product.brand,
                    Product.model,
                    attempts.label("attempts"),
                    last_attempt.label("last_attempt_at"),
                )
                .join(Customer, Customer.id == Job.customer_id)
                .join(Product, Product.id == Job.product_id)
                .where(
                    Job.returned_at >= window.starts_at,
                    Job.returned_at < window.ends_before,
                    Job.status.in_([s.value for s in SURVEYED_STATUSES]),
                    ~reached,
                    attempts < MAX_ATTEMPTS,
                )
                .order_by(Job.returned_at, Job.id)
                .limit(max(0, limit))
            ).all()
        return tuple(
            FollowUpRow(
                job_id=row.id,
                number=row.number,
                status=Status(row.status),
                returned_at=row.returned_at,
                customer_name=row.name,
                masked_phone=mask_phone(row.phone),
                product=" ".join(part for part in (row.brand, row.model) if part),
                satisfaction_score=row.satisfaction_score,
                attempts=row.attempts,
                last_attempt_at=row.last_attempt_at,
                version=row.version,
            )
            for row in rows
        )

    def surveys(self, job_id: int) -> tuple[SurveySnapshot, ...]:
        """Every call made about a job, oldest first."""
        with self._db.read() as session:
            job = load_job(session, job_id)
            found = session.execute(
                select(Survey, User.display_name)
                .join(User, User.id == Survey.by_id)
                .where(Survey.job_id == job.id)
                .order_by(Survey.at, Survey.id)
            ).all()
            return tuple(_snapshot(survey, job.number, name) for survey, name in found)

    # --- writing ------------------------------------------------------------------------------

    def record(
        self,
        job_id: int,
        form: SurveyForm,
        actor: Actor,
        expected_version: int | None = None,
    ) -> SurveySnapshot:
        """One call made: its survey, the job's event, and a complaint draft for a low score."""
        form = validate_survey(form)
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.FOLLOW_UP)
            if not is_row_id(job_id):
                raise NotFound(N_("no job with id {id}"), id=job_id)
            lock_job(session, job_id)  # the second counter waits here, then reads the first's call
            job = load_job(session, job_id)
            now = self._clock()
            history = _history(session, job.id)
            after_days = queries.shop_snapshot(session).follow_up_after_days
            why_not = refusal(Status(job.status), job.returned_at, history, now.date(), after_days)
            if why_not is not None:
                raise RuleRefusal(why_not.template, **dict(why_not.params))
            if expected_version is not None and job.version != expected_version:
                raise changed_elsewhere(session, job.id, job.number)
            complaint_id = _draft_complaint(session, job, user, form, now) if is_low(form) else None
            survey = Survey(
                job_id=job.id,
                at=now,
                by_id=user.id,
                reached=form.reached,
                speed=form.speed,
                quality=form.quality,
                attitude=form.attitude,
                overall=form.overall,
                comment=form.comment,
                complaint_id=complaint_id,
            )
            session.add(survey)
            session.flush()
            if complaint_id is not None:
                session.add(
                    ComplaintEvent(
                        complaint_id=complaint_id,
                        at=now,
                        user_id=user.id,
                        kind=ComplaintEventKind.DRAFTED.value,
                        from_state=None,
                        to_state=ComplaintState.DRAFT.value,
                        note="",
                        payload=queries.encode_payload({"survey_id": survey.id}),
                    )
                )
            record_event(
                session,
                job,
                user,
                EventKind.FOLLOW_UP,
                now,
                None,
                None,
                form.comment,
                events.follow_up(
                    form.reached,
                    form.scores(),
                    history.attempts + 1,
                    complaint_drafted=complaint_id is not None,
                ),
            )
            finish(session, job)  # the job's version checked: a concurrent write is refused
            return _snapshot(survey, job.number, user.display_name)


def _history(session: Session, job_id: int) -> CallHistory:
    attempts, reached_at = session.execute(
        select(
            func.count(case((Survey.reached.is_(False), 1))),
            func.min(case((Survey.reached.is_(True), Survey.at))),
        ).where(Survey.job_id == job_id)
    ).one()
    return CallHistory(attempts=attempts or 0, reached_at=reached_at)


def _draft_complaint(
    session: Session, job: Job, user: User, form: SurveyForm, now: datetime
) -> int:
    """The complaint draft of a low score (the contract in the issue-13 brief): no number and
    no clocks until a manager registers it; the customer's words are the call's comment (a low
    score cannot be recorded without them)."""
    complaint = Complaint(
        number=None,
        state=ComplaintState.DRAFT.value,
        channel=ComplaintChannel.FOLLOW_UP.value,
        category=complaint_category(form).value,
        customer_id=job.customer_id,
        job_id=job.id,
        words=form.comment,
        request="",
        received_at=now,
        received_by_id=user.id,
        acknowledge_due_at=None,
        resolve_due_date=None,
        last_event_at=now,
    )
    session.add(complaint)
    session.flush()
    return complaint.id


def _snapshot(survey: Survey, number: str, by_name: str) -> SurveySnapshot:
    return SurveySnapshot(
        id=survey.id,
        job_id=survey.job_id,
        job_number=number,
        at=survey.at,
        by_name=by_name,
        reached=survey.reached,
        speed=survey.speed,
        quality=survey.quality,
        attitude=survey.attitude,
        overall=survey.overall,
        comment=survey.comment,
        complaint_id=survey.complaint_id,
    )
