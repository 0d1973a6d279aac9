"""Demo data for on-site service: the demo's on-site jobs get their visit address, appointments
and visit records, each telling a story the job's status agrees with.

- finished jobs (ready, returned): fixed on site, a quarter of them after a first visit that
  found a part was needed;
- open jobs: some booked for the coming days, some visited once and booked again (another visit
  needed), some with the customer not at home and no new appointment yet, some never booked
  (both of those list as "appointment to set");
- cancelled jobs: only the address.

Rows go in with core inserts in bulk (the demo makes 100,000 jobs quickly); at most
`MAX_JOBS` on-site jobs, the most recent, get visits.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import bindparam, insert, select, update

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Customer, Job, JobEvent, User, Visit
from desktop_app.domain import events
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.vocabulary import EventKind, VisitResult
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status

MAX_JOBS = 2000
WINDOWS = ((time(9), time(12)), (time(14), time(17)))
# Visits and their records fall in the shop's working hours on its working days (as every demo
# event does): arrivals from 09:00 to 16:00, recorded half an hour after leaving.
FIRST_ARRIVAL, LAST_ARRIVAL = 9, 16
WORK = ("更换温控器", "清洗冷凝器并补充冷媒", "更换进水阀", "更换门封条", "重新安装排水管")
FOUND = ("检测为压缩机电容老化，需订配件", "主板故障，需更换主板", "电机异响，需更换轴承")
PARTS = ("温控器 WK-2 ×1", "进水阀 JS-10 ×1", "门封条 ×1", "冷媒 R32 ×1")
_FINISHED = {Status.READY_FOR_PICKUP.value, Status.RETURNED.value}
_OPEN = {
    Status.RECEIVED.value,
    Status.DIAGNOSING.value,
    Status.WAITING_FOR_PARTS.value,
    Status.REPAIRING.value,
}


def add_on_site_visits(database: Database, now: datetime, seed: int = 2026) -> int:
    """Addresses, appointments and visits for the demo's on-site jobs; returns the visits made."""
    rnd = random.Random(seed)
    with database.write() as session:
        calendar = queries.work_calendar(session)
        technicians = list(
            session.scalars(
                select(User.id)
                .where(User.role == Role.TECHNICIAN.value, User.active.is_(True))
                .order_by(User.id)
            )
        )
        names = {
            row.id: row.display_name for row in session.execute(select(User.id, User.display_name))
        }
        if not technicians:
            return 0
        jobs = session.execute(
            select(
                Job.id,
                Job.status,
                Job.checked_in_at,
                Job.technician_id,
                Job.ready_at,
                Job.returned_at,
                Customer.address,
            )
            .join(Customer, Customer.id == Job.customer_id)
            .where(Job.service_requested == ServiceKind.ON_SITE.value, Job.visit_address == "")
            .order_by(Job.checked_in_at.desc(), Job.id.desc())
            .limit(MAX_JOBS)
        ).all()
        visits: list[dict] = []
        changes: list[dict] = []
        logged: list[dict] = []
        for job in jobs:
            address = job.address or f"上海市浦东新区世纪大道{rnd.randrange(1, 2000)}号"
            technician = job.technician_id or rnd.choice(technicians)
            story = _Story(rnd, job.id, job.checked_in_at, technician, names[technician], now)
            story.calendar = calendar
            appointment: tuple[datetime | None, datetime | None] = (None, None)
            if job.status in _FINISHED:
                end = job.ready_at or job.returned_at or now
                if rnd.random() < 0.25:
                    story.visit(VisitResult.NEEDS_PARTS, before=end - timedelta(days=1))
                story.visit(VisitResult.FIXED, before=end)
                if story.visits and story.visits[-1]["result"] != VisitResult.FIXED.value:
                    story.visits.clear()  # no room left for the visit that fixed it
                    story.events.clear()
            elif job.status in _OPEN:
                roll = rnd.random()
                if roll < 0.35:
                    # From the day after the demo's history ends (the day it is run): booked
                    # ahead whatever time of day it is.
                    appointment = story.window(now + timedelta(days=rnd.randint(1, 4)))
                elif roll < 0.6:
                    story.visit(VisitResult.NEEDS_PARTS, before=now)
                    appointment = story.window(now + timedelta(days=rnd.randint(1, 4)))
                    story.booked_next(appointment)
                elif roll < 0.85:
                    story.visit(VisitResult.CUSTOMER_ABSENT, before=now)
            visits += story.visits
            logged += story.events
            if appointment[0] is not None:
                logged.append(
                    story.event(
                        EventKind.APPOINTMENT_SET,
                        job.checked_in_at,
                        events.appointment_set((None, None), appointment),
                    )
                )
            changes.append(
                {
                    "job": job.id,
                    "visit_address": address,
                    "appointment_start": appointment[0],
                    "appointment_end": appointment[1],
                    "technician_id": technician,
                }
            )
        if changes:
            session.execute(
                update(Job.__table__)
                .where(Job.__table__.c.id == bindparam("job"))
                .values(
                    visit_address=bindparam("visit_address"),
                    appointment_start=bindparam("appointment_start"),
                    appointment_end=bindparam("appointment_end"),
                    technician_id=bindparam("technician_id"),
                ),
                changes,
            )
        if visits:
            session.execute(insert(Visit.__table__), visits)
        if logged:
            session.execute(insert(JobEvent.__table__), logged)
        return len(visits)


class _Story:
    """One job's visits, in time order, each after the last."""

    def __init__(
        self,
        rnd: random.Random,
        job_id: int,
        checked_in_at: datetime,
        technician: int,
        name: str,
        now: datetime,
    ) -> None:
        self.rnd = rnd
        self.job_id = job_id
        self.technician = technician
        self.name = name
        self.last = checked_in_at
        self.now = now
        self.visits: list[dict] = []
        self.events: list[dict] = []
        self.calendar: WorkCalendar

    def window(self, day: datetime) -> tuple[datetime, datetime]:
        start, end = self.rnd.choice(WINDOWS)
        moment = datetime.combine(day.date(), start)
        if moment < self.now:  # today's window already begun: tomorrow's
            moment += timedelta(days=1)
        return moment, datetime.combine(moment.date(), end)

    def visit(self, result: VisitResult, before: datetime) -> None:
        room = (before - self.last).total_seconds()
        if room < 2 * 3600:
            return  # no time for a visit between the last one and `before`
        arrived = self.last + timedelta(seconds=self.rnd.uniform(room * 0.1, room * 0.6))
        arrived = self._working(arrived.replace(second=0, microsecond=0))
        left = arrived + timedelta(minutes=self.rnd.choice((20, 40, 60, 90)))
        if left + timedelta(minutes=30) > min(before, self.now):
            return
        work = {
            VisitResult.FIXED: self.rnd.choice(WORK),
            VisitResult.NEEDS_PARTS: self.rnd.choice(FOUND),
        }.get(result, "")
        parts = self.rnd.choice(PARTS) if result is VisitResult.FIXED else ""
        self.visits.append(
            {
                "job_id": self.job_id,
                "technician_id": self.technician,
                "arrived_at": arrived,
                "left_at": left,
                "result": result.value,
                "work_done": work,
                "parts_used": parts,
                "next_visit_start": None,
                "next_visit_end": None,
                "recorded_at": left + timedelta(minutes=30),
                "recorded_by_id": self.technician,
            }
        )
        facts = events.visit_recorded(None, self.name, arrived, left, result.value)
        self.events.append(
            self.event(EventKind.VISIT_RECORDED, left + timedelta(minutes=30), facts, work)
        )
        self.last = left

    def _working(self, moment: datetime) -> datetime:
        """`moment`, or the next arrival time the shop's calendar and hours allow."""
        if moment.hour < FIRST_ARRIVAL:
            moment = moment.replace(hour=FIRST_ARRIVAL, minute=self.rnd.randrange(60))
        elif moment.hour >= LAST_ARRIVAL:
            moment = (moment + timedelta(days=1)).replace(
                hour=FIRST_ARRIVAL, minute=self.rnd.randrange(60)
            )
        while not self.calendar.is_working_day(moment.date()):
            moment += timedelta(days=1)
        return moment

    def booked_next(self, window: tuple[datetime, datetime]) -> None:
        """The last visit asked for another: its next window is the appointment."""
        if self.visits:
            self.visits[-1]["next_visit_start"], self.visits[-1]["next_visit_end"] = window

    def event(self, kind: EventKind, at: datetime, facts: events.Payload, note: str = "") -> dict:
        return {
            "job_id": self.job_id,
            "at": min(at, self.now),
            "user_id": self.technician,
            "kind": kind.value,
            "from_status": None,
            "to_status": None,
            "note": note,
            "payload": queries.encode_payload(facts),
        }
