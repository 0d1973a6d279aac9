"""A paid job's quotation and the customer's answer: one transaction per action, like every
job action (the job's version guards each one against another counter's change).

Writing a quotation freezes the job's active lines into version N; the customer's approval (by
phone or by the signed copy) or a manager's override opens the gate to paid work
(domain/quotation.py); a decline sends the product back unrepaired with the shop's inspection
fee as the only charge. Lines added or removed afterwards make the quotation "changed"
(services/jobs.py records that on the timeline).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.data.db import Database
from desktop_app.data.models import Job, JobLine, Quotation, ShopSettings, User
from desktop_app.data.quotations import decode_lines, encode_lines, latest_quotation
from desktop_app.domain import events
from desktop_app.domain.actions import JobAction
from desktop_app.domain.errors import InvalidInput, RuleRefusal
from desktop_app.domain.limits import LONG_TEXT, check_texts
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import (
    ApprovalForm,
    QuotationForm,
    QuotedLine,
    approval_problems,
    quotation_problems,
)
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import N_
from desktop_app.domain.vocabulary import ApprovalMethod, EventKind, Outcome
from desktop_app.domain.workflow import Status
from desktop_app.services.common import (
    Clock,
    active_line_keys,
    finish,
    load_for,
    local_now,
    record_event,
    required_text,
    transition,
)
from desktop_app.services.signins import SignIns


class QuotationService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    def write(
        self,
        job_id: int,
        actor: Actor,
        form: QuotationForm,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """Quotation N+1 of a paid job: its lines as they stand, frozen, with the total and the
        day it holds until; the diagnosis becomes the job's."""
        now = self._clock()
        problems = quotation_problems(form, now.date())
        if problems:
            raise InvalidInput(problems)
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.WRITE_QUOTATION,
                expected_version,
                now.date(),
            )
            lines = _quoted_lines(session, job.id)
            total = sum(line.charged_cents for line in lines)
            number = (
                session.scalar(select(func.max(Quotation.number)).where(Quotation.job_id == job.id))
                or 0
            ) + 1
            diagnosis = form.diagnosis.strip()
            session.add(
                Quotation(
                    job_id=job.id,
                    number=number,
                    diagnosis=diagnosis,
                    lines_json=encode_lines(lines),
                    total_cents=total,
                    valid_until=form.valid_until,
                    written_at=now,
                    written_by_id=user.id,
                    answered_by="",
                    override_reason="",
                    decline_note="",
                )
            )
            job.diagnosis = diagnosis
            if job.first_response_at is None:
                job.first_response_at = now  # a diagnosis with a price is a response
            facts = events.quotation_issued(number, total, form.valid_until)
            record_event(session, job, user, EventKind.QUOTATION_ISSUED, now, None, None, "", facts)
            return finish(session, job)

    def write_valid_for(
        self,
        job_id: int,
        actor: Actor,
        diagnosis: str,
        days: int,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """`write`, valid for `days` from today by this service's clock (the job view asks for
        days: the counter's clock and the database's agree on nothing finer)."""
        if isinstance(days, bool) or not isinstance(days, int):
            raise InvalidInput.single("valid_days", N_("must be a whole number"))
        valid_until = self._clock().date() + timedelta(days=days)
        return self.write(job_id, actor, QuotationForm(diagnosis, valid_until), expected_version)

    def approve(
        self,
        job_id: int,
        actor: Actor,
        form: ApprovalForm,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The customer approved quotation `form.number`: by phone or with the signed copy.
        Refused when that quotation is no longer the job's (a newer one, changed lines) or has
        expired."""
        now = self._clock()
        check_texts(("answered_by", form.answered_by, LONG_TEXT), ("note", form.note, LONG_TEXT))
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.APPROVE_QUOTATION,
                expected_version,
                now.date(),
            )
            quotation = _the_quotation(session, job, form.number)
            problems = approval_problems(form, quotation.written_at, now)
            if problems:
                raise InvalidInput(problems)
            quotation.approved_via = form.method.value
            quotation.approved_at = now
            quotation.approved_by = user
            if form.method is ApprovalMethod.PHONE:
                quotation.called_at = form.called_at
                quotation.answered_by = form.answered_by.strip()
            facts = events.quotation_approved(
                quotation.number, form.method, quotation.answered_by, quotation.called_at
            )
            record_event(
                session,
                job,
                user,
                EventKind.QUOTATION_APPROVED,
                now,
                None,
                None,
                form.note.strip(),
                facts,
            )
            return finish(session, job)

    def override(
        self,
        job_id: int,
        actor: Actor,
        number: int,
        reason: str,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """A manager lets paid work start without the customer's approval of quotation
        `number`; the reason stays on the record."""
        reason = required_text(reason, N_("why the work starts without approval"), field="reason")
        now = self._clock()
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.OVERRIDE_APPROVAL,
                expected_version,
                now.date(),
            )
            quotation = _the_quotation(session, job, number)
            quotation.approved_via = ApprovalMethod.OVERRIDE.value
            quotation.approved_at = now
            quotation.approved_by = user
            quotation.override_reason = reason
            facts = events.quotation_approved(quotation.number, ApprovalMethod.OVERRIDE)
            record_event(
                session, job, user, EventKind.APPROVAL_OVERRIDDEN, now, None, None, reason, facts
            )
            return finish(session, job)

    def decline(
        self,
        job_id: int,
        actor: Actor,
        number: int,
        note: str = "",
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The customer declined quotation `number`: the product goes back unrepaired, ready
        for pickup, with the shop's inspection fee (fixed now) as the only charge."""
        check_texts(("note", note, LONG_TEXT))
        now = self._clock()
        with self._db.write() as session:
            job, user = load_for(
                session,
                self._signins,
                job_id,
                actor,
                JobAction.DECLINE_QUOTATION,
                expected_version,
                now.date(),
            )
            quotation = _the_quotation(session, job, number)
            settings = session.get(ShopSettings, 1)
            fee = settings.inspection_fee_cents if settings is not None else 0
            quotation.declined_at = now
            quotation.declined_by = user
            quotation.decline_note = note.strip()
            quotation.inspection_fee_cents = fee
            record_event(
                session,
                job,
                user,
                EventKind.QUOTATION_DECLINED,
                now,
                None,
                None,
                note.strip(),
                events.quotation_declined(quotation.number, fee),
            )
            job.outcome = Outcome.QUOTATION_DECLINED.value
            job.work_done = ""
            transition(
                session,
                job,
                user,
                Status.READY_FOR_PICKUP,
                "",
                now,
                events.outcome(Outcome.QUOTATION_DECLINED),
            )
            return finish(session, job)


def _quoted_lines(session: Session, job_id: int) -> tuple[QuotedLine, ...]:
    rows = session.scalars(
        select(JobLine)
        .where(JobLine.job_id == job_id, JobLine.removed_at.is_(None))
        .order_by(JobLine.id)
    )
    return tuple(
        QuotedLine(
            row.id,
            row.kind,
            row.description,
            row.part_model,
            row.quantity,
            row.unit_price_cents,
            row.charged_cents,
        )
        for row in rows
    )


def _the_quotation(session: Session, job: Job, number: object) -> Quotation:
    """The job's latest quotation, if it is the one the screen showed (`number`)."""
    latest = latest_quotation(session, job.id)
    if latest is None:
        raise RuleRefusal(N_("there is no quotation to approve: write one first"))
    if number != latest.number:
        raise RuleRefusal(
            N_(
                "quotation {shown} is no longer the job's: quotation {latest} replaced it; "
                "show the customer the new one"
            ),
            shown=str(number),
            latest=latest.number,
        )
    return latest


def matching_quotation(session: Session, job: Job) -> Quotation | None:
    """The job's latest quotation if it still matches the job's lines (and was not declined):
    read before a line is added or removed, so `record_if_stale` can tell the change made it
    stale."""
    latest = latest_quotation(session, job.id)
    if latest is None or latest.declined_at is not None:
        return None
    quoted = [line.key for line in decode_lines(latest.lines_json)]
    return latest if sorted(active_line_keys(session, job.id)) == sorted(quoted) else None


def record_if_stale(
    session: Session, job: Job, user: User, now: datetime, matching: Quotation | None
) -> None:
    """After a line was added or removed: the quotation that matched the lines before no longer
    does, so its approval (if any) no longer covers the work. Said on the timeline, once per
    quotation, inside the line action's transaction."""
    if matching is None:
        return
    session.flush()
    active = active_line_keys(session, job.id)
    facts = events.approval_stale(
        matching.number,
        matching.total_cents,
        sum(key[-1] for key in active),
        matching.approved_via is not None,
    )
    record_event(session, job, user, EventKind.APPROVAL_STALE, now, None, None, "", facts)


def declined_fee(session: Session, job_id: int) -> int | None:
    """The inspection fee when the job's quotation was declined (the only charge then), or
    None when it was not."""
    latest = latest_quotation(session, job_id)
    if latest is None or latest.declined_at is None:
        return None
    return latest.inspection_fee_cents or 0
