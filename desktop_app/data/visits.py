"""Reads of on-site visits: a job's visit records, and a day's visit list.

Nothing here commits: the caller's session scope is the transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, Integer, Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased

from desktop_app.data.models import Customer, Job, Product, User, Visit
from desktop_app.domain.rules import ServiceKind, mask_phone
from desktop_app.domain.visits import VisitDay, VisitResult, VisitRow, VisitSnapshot
from desktop_app.domain.workflow import OPEN_STATUSES, REPAIR_CLOCK_RUNNING

_OPEN = sorted(s.value for s in OPEN_STATUSES)
# Ready for pickup: the work is done, no visit is to be booked any more.
_TO_BOOK = sorted(s.value for s in REPAIR_CLOCK_RUNNING)
# "Appointment to set" lists at most this many jobs, the longest waiting first.
TO_SET_LIMIT = 500


# Made once; flat rows (queries.JOB_READ says why).
_VISIT_TECHNICIAN = aliased(User, name="visit_technician")
_RECORDER = aliased(User, name="visit_recorder")
VISITS_READ = (
    select(
        Visit.id,
        _VISIT_TECHNICIAN.display_name,
        Visit.arrived_at,
        Visit.left_at,
        Visit.result,
        Visit.work_done,
        Visit.parts_used,
        Visit.next_visit_start,
        Visit.next_visit_end,
        Visit.recorded_at,
        _RECORDER.display_name,
    )
    .join(_VISIT_TECHNICIAN, _VISIT_TECHNICIAN.id == Visit.technician_id)
    .join(_RECORDER, _RECORDER.id == Visit.recorded_by_id)
    .where(Visit.job_id == bindparam("job_id", type_=Integer))
    .order_by(Visit.arrived_at, Visit.id)
)


def visit_snapshots(reader: Session | Connection, job_id: int) -> tuple[VisitSnapshot, ...]:
    return tuple(
        VisitSnapshot(
            id=id,
            technician=technician,
            arrived_at=arrived_at,
            left_at=left_at,
            result=_result(result),
            work_done=work_done,
            parts_used=parts_used,
            next_visit_start=next_visit_start,
            next_visit_end=next_visit_end,
            recorded_at=recorded_at,
            recorded_by=recorded_by,
        )
        for (
            id,
            technician,
            arrived_at,
            left_at,
            result,
            work_done,
            parts_used,
            next_visit_start,
            next_visit_end,
            recorded_at,
            recorded_by,
        ) in reader.execute(VISITS_READ, {"job_id": job_id})
    )


def _result(key: str) -> VisitResult:
    try:
        return VisitResult(key)
    except ValueError:  # written by a newer version: shown as "other"
        return VisitResult.OTHER


def visits_for_day(session: Session, day: date, technician_id: int | None) -> VisitDay:
    """The day's appointments (open on-site jobs whose window is on `day`) and the visits made
    that day, in time order; and the on-site jobs still being worked on with no appointment yet
    (for one technician: theirs and the ones nobody has yet).

    A job's appointment is the visit still to come: recording a visit replaces it with the next
    window (or clears it), so a past day shows its visits from the visit records."""
    start = datetime.combine(day, time())
    end = start + timedelta(days=1)
    appointments = _on_site_jobs().where(
        Job.status.in_(_OPEN), Job.appointment_start >= start, Job.appointment_start < end
    )
    if technician_id is not None:
        appointments = appointments.where(Job.technician_id == technician_id)
    rows = [
        _row(values[:-2], values[-2], values[-1])
        for values in session.execute(
            appointments.add_columns(Job.appointment_start, Job.appointment_end)
        )
    ]
    visitor = aliased(User)
    made = (
        _on_site_jobs()
        .join(Visit, Visit.job_id == Job.id)
        .join(visitor, visitor.id == Visit.technician_id)
        .add_columns(Visit.arrived_at, Visit.left_at, Visit.result, visitor.display_name)
        .where(Visit.arrived_at >= start, Visit.arrived_at < end)
    )
    if technician_id is not None:
        made = made.where(Visit.technician_id == technician_id)
    rows += [
        _row(values[:-4], values[-4], values[-3], _result(values[-2]), values[-1])
        for values in session.execute(made)
    ]
    rows.sort(key=lambda r: (r.start or start, r.result is None, r.number))
    to_set = _on_site_jobs().where(Job.status.in_(_TO_BOOK), Job.appointment_start.is_(None))
    if technician_id is not None:
        to_set = to_set.where((Job.technician_id == technician_id) | Job.technician_id.is_(None))
    waiting = [
        _row(values, None, None)
        for values in session.execute(
            to_set.order_by(Job.checked_in_at, Job.id).limit(TO_SET_LIMIT)
        )
    ]
    return VisitDay(day, tuple(rows), tuple(waiting))


def _on_site_jobs() -> Select[Any]:
    """On-site jobs with what a visit list shows of each (the columns `_row` takes apart)."""
    assigned = aliased(User)
    counted = aliased(Visit)
    visits_so_far = (
        select(func.count(counted.id))
        .where(counted.job_id == Job.id)
        .correlate(Job)
        .scalar_subquery()
    )
    return (
        select(
            Job.id,
            Job.number,
            Customer.name,
            Customer.phone,
            Job.visit_address,
            Product.brand,
            Product.model,
            Job.status,
            assigned.display_name,
            Job.technician_id,
            visits_so_far,
        )
        .join(Customer, Customer.id == Job.customer_id)
        .join(Product, Product.id == Job.product_id)
        .outerjoin(assigned, assigned.id == Job.technician_id)
        .where(Job.service_requested == ServiceKind.ON_SITE.value)
    )


def _row(
    values: Sequence[Any],
    first: datetime | None,
    last: datetime | None,
    result: VisitResult | None = None,
    technician: str | None = None,
) -> VisitRow:
    (job_id, number, name, phone, address, brand, model, status, tech, tech_id, count) = values
    return VisitRow(
        job_id=job_id,
        number=number,
        start=first,
        end=last,
        customer_name=name,
        masked_phone=mask_phone(phone),
        visit_address=address,
        product=f"{brand} {model}".strip(),
        status=status,
        technician=technician if technician is not None else (tech or ""),
        technician_id=tech_id,
        visits_so_far=count,
        result=result,
    )
