"""The check-in dialog's live preview and the saved job come from one domain function, so the
screen never promises what the record will not say."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from desktop_app.domain.check_in import preview_check_in
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.rules import Coverage
from desktop_app.domain.workdays import WorkCalendar
from tests.helpers import actor, check_in_form


def test_the_saved_job_is_what_the_preview_promised(services, clock):
    clock.now = datetime(2026, 9, 30, 10, 0)  # the day before the National Day holiday
    form = check_in_form(purchase_date=date(2026, 3, 1))
    preview = preview_check_in(form, clock(), services.shop.calendar())
    assert preview.verdict is not None and not preview.problems
    manager = actor(services)
    job = services.jobs.check_in(form, manager)
    assert job.coverage is preview.verdict.coverage is Coverage.WARRANTY
    assert job.response_due_at == preview.response_due_at == datetime(2026, 10, 1, 10, 0)
    assert job.repair_due_date == preview.repair_due == date(2026, 10, 13)


def test_an_incomplete_claim_previews_its_reasons_and_still_the_dates():
    form = replace(check_in_form(), warranty_months=3)  # under the 12-month minimum
    preview = preview_check_in(
        form, datetime(2026, 11, 25, 10, 30), WorkCalendar(package_calendar("CN"))
    )
    assert preview.verdict is None
    assert [p.field for p in preview.problems] == ["warranty_months"]
    assert preview.repair_due == date(2026, 12, 2)
