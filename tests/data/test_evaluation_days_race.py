"""The report reads one moment: on PostgreSQL a plain read is READ COMMITTED (each statement its
own snapshot), so the fresh days were decided by one snapshot and the summaries and live days
read by later ones. A job re-opened and made ready again between the two was counted twice (its
old ready day's summary and today's live row). Found by review."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.data import evaluation_days as days
from desktop_app.data.db import open_database
from desktop_app.domain.evaluation import Period
from desktop_app.domain.vocabulary import Status
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

NOW = datetime(2026, 11, 25, 15, 0)


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
def test_a_job_made_ready_again_during_a_report_is_counted_once(database_url, monkeypatch):
    database = open_database(database_url)
    other = open_database(database_url)  # another counter
    try:
        clock = FakeClock(datetime(2026, 10, 20, 9, 0))
        services = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="a")
        manager = actor(services)
        job = services.jobs.check_in(check_in_form(), manager)
        services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
        services.jobs.change_status(job.id, Status.REPAIRING, manager)
        services.jobs.mark_ready(job.id, manager, "修好")
        clock.now = NOW
        quarter = Period.quarter(2026, 4)
        first = services.evaluation.report(quarter, manager)  # summaries written
        assert first.current.repair_on_time.of == 1

        other_services = Services.build(other, clock, passwords=FAST_PASSWORDS, workstation="b")
        other_manager = actor(other_services)
        real_fresh = days._fresh
        calls = []

        def fresh_then_another_counter_writes(session, ranges, repeat_days):
            found = real_fresh(session, ranges, repeat_days)
            calls.append(1)
            if len(calls) == 2:  # figures_of's call (the first is refresh's)
                other_services.jobs.change_status(job.id, Status.REPAIRING, other_manager, "没修好")
                other_services.jobs.mark_ready(job.id, other_manager, "再修好")
            return found

        monkeypatch.setattr(days, "_fresh", fresh_then_another_counter_writes)
        report = services.evaluation.report(quarter, manager)
        monkeypatch.undo()
        reference = services.evaluation.reference_report(quarter, manager)
        assert reference.current.repair_on_time.of == 1
        assert report.current.repair_on_time.of == reference.current.repair_on_time.of
    finally:
        other.dispose()
        database.dispose()
