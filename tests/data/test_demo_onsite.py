"""The demo's on-site jobs: addresses, appointments and visits that agree with each job's
status and clocks, some needing a second visit, some waiting for an appointment."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import sqlalchemy as sa

from desktop_app.data.db import open_database
from desktop_app.data.models import Job, Visit
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.vocabulary import VisitResult
from desktop_app.domain.workflow import Status
from desktop_app.services.demo import DemoGenerator

NOW = datetime(2026, 11, 25, 10, 0)


def test_demo_on_site_jobs_have_addresses_appointments_and_visits(tmp_path):
    database = open_database(f"sqlite:///{tmp_path}/demo.db")
    try:
        DemoGenerator(database).run(1500, NOW)
        with database.read() as session:
            jobs = (
                session.execute(
                    sa.select(Job).where(Job.service_requested == ServiceKind.ON_SITE.value)
                )
                .scalars()
                .all()
            )
            visits = session.scalars(sa.select(Visit).order_by(Visit.arrived_at)).all()
            by_job: dict[int, list[Visit]] = defaultdict(list)
            for visit in visits:
                by_job[visit.job_id].append(visit)
            assert jobs and all(job.visit_address for job in jobs)
            assert len(visits) >= 50
            for job in jobs:
                made = by_job[job.id]
                for visit in made:
                    assert job.checked_in_at <= visit.arrived_at < visit.left_at <= NOW
                    assert visit.recorded_at <= NOW
                if job.status in (Status.READY_FOR_PICKUP.value, Status.RETURNED.value) and made:
                    assert made[-1].result == VisitResult.FIXED.value
                    assert made[-1].left_at <= (job.ready_at or job.returned_at)
                if job.appointment_start is not None:
                    assert job.appointment_start > NOW - (NOW - NOW.replace(hour=0))
                    assert job.appointment_end.date() == job.appointment_start.date()
            results = {v.result for v in visits}
            assert {"fixed", "needs_parts"} <= results <= {r.value for r in VisitResult}
            # Some jobs needed a second visit; some wait for an appointment; some are booked.
            assert any(len(v) >= 2 for v in by_job.values())
            open_jobs = [
                j
                for j in jobs
                if j.status in ("received", "diagnosing", "waiting_for_parts", "repairing")
            ]
            assert any(j.appointment_start is None for j in open_jobs)
            assert any(j.appointment_start is not None for j in open_jobs)
    finally:
        database.dispose()
