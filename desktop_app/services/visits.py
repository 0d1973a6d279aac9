"""On-site service: setting the appointment, recording a visit, and a day's visit list.

One transaction per action, like services/jobs.py: the actor is checked, the job locked and its
version compared with the screen's, the rule applied, the change and its event written together.

A recorded visit does more than add a row (domain/visits.py says why):
- its arrival is the job's first response when none was recorded (the 24-hour clock stops at
  the arrival, the moment the customer was served, not when the report was typed);
- its next visit's window becomes the job's appointment; without one the appointment is done
  and the job lists as "appointment to set" until someone books the next one (unless it is
  finished);
- "fixed on site" finishes the repair: the job becomes ready for pickup (through diagnosis,
  or repairing, as the workflow goes) with the visit's work done, and the 5-working-day clock
  stops at the time the technician left. The hand-back then closes it at the counter as any
  job (payment, satisfaction). A job whose status cannot become ready (already ready, or under
  a return inspection) only gets the visit recorded.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data import visits as visit_queries
from desktop_app.data.db import Database
from desktop_app.data.models import Job, User, Visit
from desktop_app.domain import events
from desktop_app.domain.actions import JobAction
from desktop_app.domain.errors import InvalidInput, RuleRefusal
from desktop_app.domain.people import Actor
from desktop_app.domain.quotation import blocked
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import N_
from desktop_app.domain.visits import VisitDay, VisitForm, validate_appointment, validate_visit
from desktop_app.domain.vocabulary import SERVICE_LABELS, EventKind, Outcome, VisitResult
from desktop_app.domain.workflow import Status, allowed_next
from desktop_app.services.common import (
    Clock,
    finish,
    is_row_id,
    load_for,
    local_now,
    quote_state_of,
    record_event,
    transition,
)
from desktop_app.services.signins import SignIns

# How a job reaches "ready for pickup" from where it is, one workflow step at a time.
_TO_READY: dict[Status, tuple[Status, ...]] = {
    Status.RECEIVED: (Status.DIAGNOSING, Status.READY_FOR_PICKUP),
    Status.DIAGNOSING: (Status.READY_FOR_PICKUP,),
    Status.WAITING_FOR_PARTS: (Status.REPAIRING, Status.READY_FOR_PICKUP),
    Status.REPAIRING: (Status.READY_FOR_PICKUP,),
}


class VisitService:
    def __init__(
        self, database: Database, clock: Clock = local_now, signins: SignIns | None = None
    ) -> None:
        self._db = database
        self._clock = clock
        self._signins = signins or SignIns("")

    # --- writing ------------------------------------------------------------------------------

    def schedule(
        self,
        job_id: int,
        actor: Actor,
        start: object,
        end: object,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """Set (or move) the appointment; the event keeps the old window and the new."""
        now = self._clock()
        window = validate_appointment(start, end, now)
        with self._db.write() as session:
            job, user = self._load(
                session, job_id, actor, JobAction.SCHEDULE_VISIT, expected_version
            )
            old = (job.appointment_start, job.appointment_end)
            job.appointment_start, job.appointment_end = window.start, window.end
            facts = events.appointment_set(old, (window.start, window.end))
            record_event(session, job, user, EventKind.APPOINTMENT_SET, now, None, None, "", facts)
            return finish(session, job)

    def record_visit(
        self,
        job_id: int,
        actor: Actor,
        form: VisitForm,
        expected_version: int | None = None,
    ) -> JobSnapshot:
        """The technician's report of one visit (see the module's docstring for its effects)."""
        now = self._clock()
        with self._db.write() as session:
            job, user = self._load(session, job_id, actor, JobAction.RECORD_VISIT, expected_version)
            validate_visit(form, now, job.checked_in_at)
            if form.result is VisitResult.FIXED and self._finishes(job):
                # A paid repair done on site is paid work like one at the bench: it waits for
                # the customer's approval of the quotation (domain/quotation.py), and nothing of
                # the visit is written while it does.
                refusal = blocked(JobAction.MARK_READY, quote_state_of(session, job, now.date()))
                if refusal is not None:
                    raise refusal
            # The visit is the technician's: the job's, or whoever records it (a technician
            # reporting their own visit, a manager typing in a paper sheet for the assigned one).
            technician = job.technician if job.technician is not None else user
            if Role(user.role) is Role.TECHNICIAN:
                technician = user
            visit = Visit(
                job_id=job.id,
                technician_id=technician.id,
                arrived_at=form.arrived_at,
                left_at=form.left_at,
                result=form.result.value,
                work_done=form.work_done.strip(),
                parts_used=form.parts_used.strip(),
                next_visit_start=form.next_visit_start,
                next_visit_end=form.next_visit_end,
                recorded_at=now,
                recorded_by_id=user.id,
            )
            session.add(visit)
            session.flush()
            if job.first_response_at is None:
                job.first_response_at = form.arrived_at
            old = (job.appointment_start, job.appointment_end)
            new = (form.next_visit_start, form.next_visit_end)
            job.appointment_start, job.appointment_end = new
            facts = events.visit_recorded(
                visit.id,
                technician.display_name,
                form.arrived_at,
                form.left_at,
                form.result.value,
                new,
            )
            record_event(
                session,
                job,
                user,
                EventKind.VISIT_RECORDED,
                now,
                None,
                None,
                visit.work_done,
                facts,
            )
            if old != new:
                facts = events.appointment_set(old, new)
                record_event(
                    session, job, user, EventKind.APPOINTMENT_SET, now, None, None, "", facts
                )
            if form.result is VisitResult.FIXED:
                self._finish_repair(session, job, user, form)
            return finish(session, job)

    @staticmethod
    def _finishes(job: Job) -> bool:
        """Whether a visit that fixed the fault moves the job to ready for pickup (not when it
        is ready already, or a return under inspection: then only the visit is recorded)."""
        status = Status(job.status)
        path = _TO_READY.get(status)
        return path is not None and path[0] in allowed_next(Coverage(job.coverage), status)

    def _finish_repair(self, session: Session, job: Job, user: User, form: VisitForm) -> None:
        if not self._finishes(job):
            return
        path = _TO_READY[Status(job.status)]
        now = self._clock()
        for step in path:
            payload = events.outcome(Outcome.REPAIRED) if step is Status.READY_FOR_PICKUP else None
            transition(session, job, user, step, "", now, payload)
        job.outcome = Outcome.REPAIRED.value
        job.work_done = form.work_done.strip()
        job.ready_at = form.left_at  # the repair was finished when the technician left

    def _load(
        self,
        session: Session,
        job_id: int,
        actor: Actor,
        action: JobAction,
        expected_version: int | None,
    ) -> tuple[Job, User]:
        """`load_for`, after saying plainly when the job is not an on-site one."""
        self._signins.user(session, actor)
        if is_row_id(job_id):
            found = session.execute(
                select(Job.number, Job.service_requested).where(Job.id == job_id)
            ).first()
            if found is not None and found.service_requested != ServiceKind.ON_SITE.value:
                raise RuleRefusal(
                    N_("job {number} is not an on-site job ({service}): it has no visits"),
                    number=found.number,
                    service=SERVICE_LABELS[ServiceKind(found.service_requested)],
                )
        return load_for(session, self._signins, job_id, actor, action, expected_version)

    # --- reading ------------------------------------------------------------------------------

    def visits_for_day(self, day: date, technician_id: int | None = None) -> VisitDay:
        """The day's visits in appointment order (one technician's, or everyone's), and the
        on-site jobs still waiting for an appointment."""
        if not isinstance(day, date) or isinstance(day, datetime):
            raise InvalidInput.single("day", N_("must be a date"))
        if technician_id is not None and not is_row_id(technician_id):
            return VisitDay(day, (), ())
        with self._db.read() as session:
            return visit_queries.visits_for_day(session, day, technician_id)
