"""What an adversarial look at the window (zh_CN and English, 1366×768) found still broken."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.roles import Role
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.labels import status_label
from desktop_app.ui.models.job_table_model import Clock, JobTableModel
from desktop_app.ui.resources import text_translator
from tests.helpers import actor, check_in_form


def job_view(qtbot, job, now) -> JobDialog:
    dialog = JobDialog(
        job,
        role=Role.MANAGER,
        calendar=WorkCalendar(package_calendar("CN")),
        translate=text_translator(),
        now=lambda: now,
    )
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(
    ("late", "shown"),
    [
        (timedelta(minutes=10), "First response overdue by 1 hour"),
        (timedelta(hours=5, minutes=1), "First response overdue by 6 hours"),
        (timedelta(hours=47, minutes=1), "First response overdue by 48 hours"),
        (timedelta(hours=48), "First response overdue by 2 days"),
        (timedelta(hours=299), "First response overdue by 12 days"),
    ],
)
def test_the_job_view_counts_a_late_response_as_the_list_does(qtbot, services, late, shown):
    """The job view said "overdue by 0 hours" ten minutes late and "overdue by 299 hours" where
    the list said 12 days: the same started hours, and days from two days late on."""
    job = services.jobs.check_in(check_in_form(), actor(services))
    dialog = job_view(qtbot, job, job.response_due_at + late)
    assert dialog.response_clock_label.text() == shown


def test_the_list_never_says_a_response_is_one_days_late(services, clock):
    """47 hours and a minute late is 48 started hours: the list said "overdue by 1 days"."""
    job = services.jobs.check_in(check_in_form(), actor(services))
    model = JobTableModel(
        lambda query, after, limit: services.jobs.search(query, after=after, limit=limit),
        WorkCalendar(package_calendar("CN")),
        lambda row: status_label(row.status),
        now=clock,
        clock=Clock.RESPONSE,
    )
    for late, shown in [
        (timedelta(hours=47, minutes=1), "response overdue by 48 hours"),
        (timedelta(hours=48), "response overdue by 2 days"),
    ]:
        clock.now = job.response_due_at + late
        model.set_query(JobQuery())
        assert model.data(model.index(0, JobTableModel.DAYS_LEFT)) == shown
