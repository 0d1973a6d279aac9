"""The evaluation service on SQLite and PostgreSQL, with hand-made jobs at the edges: an empty
database, a period with no jobs, one day, ten years, who may see it, a reworked job, a job never
responded to, jobs across the period's bounds, the 2026 National Day holiday."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace as dataclass_replace
from datetime import date, datetime, timedelta

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import InvalidInput, NotPermitted
from desktop_app.domain.evaluation import (
    DEFINITIONS,
    MAX_PERIOD_DAYS,
    FigureSelection,
    JobFigure,
    Period,
    Rate,
    figure_rows,
)
from desktop_app.domain.forms import HandBackForm, JobQuery
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.data.test_complaints import _draft
from tests.data.test_complaints import form as complaint_form
from tests.helpers import ID_CHECKED, FakeClock, check_in_form

OCTOBER = Period.month(2026, 10)
NOVEMBER = Period.month(2026, 11)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def listed(services: Services, figure: JobFigure, period: Period, tech: int | None = None) -> set:
    page = services.jobs.search(JobQuery(figure=FigureSelection(figure, period, tech)), limit=500)
    return {row.number for row in page.rows}


def test_an_empty_database_has_nothing_to_measure(services: Services, staff, clock: FakeClock):
    clock.now = datetime(2026, 11, 2, 9, 0)  # October is over
    report = services.evaluation.report(OCTOBER, staff[Role.MANAGER])
    for figures in (report.current, report.previous):
        assert figures.received.total == 0
        assert figures.first_response_on_time == Rate(0, 0)
        assert figures.first_response_on_time.rate is None  # unknown, never a made-up 100 %
        assert figures.repair_on_time.rate is None
        assert figures.working_days_taken.average is None
        assert figures.satisfaction.surveyed.rate is None
        assert figures.complaints.acknowledged_on_time.rate is None
        assert figures.compensation.total_amount_cents == 0
        assert [w.monday for w in figures.weekly] == list(figures.period.weeks())
        assert all(w.repair_on_time.rate is None for w in figures.weekly)
    # The one technician of the staff is listed, with nothing done.
    (technician,) = report.current.per_technician
    assert (technician.name, technician.completed, technician.repair_on_time.rate) == (
        "李建国",
        0,
        None,
    )
    assert report.previous.period == Period.month(2026, 9)
    assert report.to_json()["first_response_on_time"] == {"on_time": 0, "of": 0, "rate": None}
    rows = figure_rows(report)
    assert next(r for r in rows if r.key == "repair_on_time").current is None
    assert list(services.evaluation.period_jobs(OCTOBER, staff[Role.MANAGER])) == []


def test_a_period_without_jobs_beside_one_with_jobs(services: Services, staff, clock: FakeClock):
    clock.now = datetime(2026, 10, 12, 10, 0)
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.now = datetime(2026, 12, 20, 10, 0)
    report = services.evaluation.report(NOVEMBER, staff[Role.MANAGER])
    assert report.current.received.total == 0
    assert report.current.first_response_on_time.rate is None
    assert report.previous.received.total == 1
    assert report.previous.first_response_on_time == Rate(0, 1)  # never responded: late
    assert listed(services, JobFigure.RESPONSE_LATE, OCTOBER) == {job.number}
    assert report.current.open_at_end == 1  # still in the shop at the end of November
    assert report.current.overdue_at_end == 1
    (row,) = services.evaluation.period_jobs(OCTOBER, staff[Role.MANAGER])
    assert (row.first_response_on_time, row.repair_on_time, row.ready_at) == (False, False, None)


def test_a_response_due_after_the_period_is_not_measured_in_it(services: Services, staff):
    services.jobs.check_in(check_in_form(), staff[Role.CLERK])  # 2026-09-30 10:00
    september = services.evaluation.report(Period.month(2026, 9), staff[Role.MANAGER]).current
    assert september.received.total == 1
    assert september.first_response_on_time == Rate(0, 0)  # due on October 1st


def test_one_day_and_ten_years(services: Services, staff):
    manager = staff[Role.MANAGER]
    services.jobs.check_in(check_in_form(), manager)
    one_day = services.evaluation.report(
        Period.between(date(2026, 9, 30), date(2026, 9, 30)), manager
    )
    assert one_day.current.received.total == 1
    assert one_day.current.period.days == 1
    assert len(one_day.current.weekly) == 1
    assert one_day.previous.period == Period(date(2026, 9, 29), date(2026, 9, 29))
    start = date(2017, 1, 1)
    longest = Period.between(start, start + timedelta(days=MAX_PERIOD_DAYS - 1))
    report = services.evaluation.report(longest, manager)
    assert report.current.received.total == 1
    assert report.previous.period.days == MAX_PERIOD_DAYS
    assert len(report.current.weekly) == len(longest.weeks())


def test_a_period_ending_before_it_starts_is_refused_naming_the_field():
    with pytest.raises(InvalidInput) as caught:
        Period.between(date(2026, 11, 30), date(2026, 11, 1))
    assert caught.value.fields() == {"to"}


def test_only_a_manager_sees_the_evaluation(services: Services, staff):
    for role in (Role.CLERK, Role.TECHNICIAN):
        with pytest.raises(NotPermitted):
            services.evaluation.report(OCTOBER, staff[role])
        with pytest.raises(NotPermitted):  # refused at the call, before any row is read
            services.evaluation.period_jobs(OCTOBER, staff[role])


def test_a_reworked_job_counts_where_it_was_last_ready(services: Services, staff, clock: FakeClock):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    job = services.jobs.check_in(check_in_form(), clerk)  # 2026-09-30 10:00
    assert job.repair_due_date == date(2026, 10, 13)  # 10-08, 10-09, 10-10 (调休), 10-12, 10-13
    services.jobs.assign(job.id, tech.id, staff[Role.MANAGER])
    clock.now = datetime(2026, 10, 9, 9, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    services.jobs.mark_ready(job.id, tech, "已修好")
    clock.advance(hours=3)
    services.jobs.change_status(job.id, Status.REPAIRING, tech, "顾客试机仍有问题")
    clock.now = datetime(2026, 11, 2, 11, 0)
    services.jobs.mark_ready(job.id, tech, "更换主板")
    clock.now = datetime(2026, 12, 1, 9, 0)
    manager = staff[Role.MANAGER]
    october = services.evaluation.report(OCTOBER, manager).current
    november = services.evaluation.report(NOVEMBER, manager).current
    assert october.repair_on_time == Rate(0, 0)
    assert october.open_at_end == october.overdue_at_end == 1
    assert listed(services, JobFigure.OVERDUE_AT_END, OCTOBER) == {job.number}
    assert november.repair_on_time == Rate(0, 1)
    assert listed(services, JobFigure.REPAIR_LATE, NOVEMBER) == {job.number}
    # 10-08, 10-09, 10-10 (调休), 10-12..16, 10-19..23, 10-26..30, 11-02: 19 working days.
    assert november.working_days_taken.total_days == 19
    assert november.working_days_taken.buckets[-1] == 1
    (mine,) = [t for t in november.per_technician if t.technician_id == tech.id]
    assert (mine.completed, mine.repair_on_time) == (1, Rate(0, 1))
    assert listed(services, JobFigure.READY, NOVEMBER, tech.id) == {job.number}
    assert november.weekly[1].repair_on_time == Rate(0, 1)  # the week of 11-02
    assert november.open_at_end == 1 and november.overdue_at_end == 0  # ready, not handed back
    (row,) = services.evaluation.period_jobs(Period.quarter(2026, 3), manager)
    assert (row.working_days_taken, row.repair_on_time) == (19, False)


def test_the_bounds_of_a_period(services: Services, staff, clock: FakeClock):
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    clock.now = datetime(2026, 10, 31, 23, 30)
    late_evening = services.jobs.check_in(check_in_form(), clerk)
    clock.now = datetime(2026, 10, 9, 10, 0)
    answered = services.jobs.check_in(check_in_form(), clerk)
    clock.advance(hours=23, minutes=59)
    services.jobs.record_first_response(answered.id, tech, "已致电")
    clock.now = datetime(2026, 10, 12, 10, 0)
    slow = services.jobs.check_in(check_in_form(), clerk)
    clock.advance(hours=24, seconds=1)
    services.jobs.record_first_response(slow.id, tech, "已致电")
    clock.now = datetime(2026, 11, 1, 0, 0)
    midnight = services.jobs.check_in(check_in_form(), clerk)
    clock.now = datetime(2026, 11, 2, 0, 0)

    october = services.evaluation.report(OCTOBER, manager).current
    assert october.received.total == 3  # 23:30 on the last day is in, midnight after is not
    # The late-evening job's response falls due on November 1st: not yet counted in October.
    assert october.first_response_on_time == Rate(1, 2)
    assert listed(services, JobFigure.RESPONSE_LATE, OCTOBER) == {slow.number}
    assert listed(services, JobFigure.RESPONSE_DUE, OCTOBER) == {answered.number, slow.number}
    assert october.weekly[1].first_response_on_time == Rate(1, 1)  # the week of 10-05
    assert october.weekly[2].first_response_on_time == Rate(0, 1)  # the week of 10-12
    assert october.open_at_end == 3

    # November is running: the midnight job's response falls due now, not a second before.
    november = services.evaluation.report(NOVEMBER, manager).current
    assert november.received.total == 1
    assert november.first_response_on_time == Rate(0, 1)  # due and never answered
    assert listed(services, JobFigure.RESPONSE_LATE, NOVEMBER) == {midnight.number}
    clock.now = datetime(2026, 11, 1, 23, 59, 59)
    assert services.evaluation.report(NOVEMBER, manager).current.first_response_on_time == Rate(
        0, 0
    )
    rows = {r.number: r for r in services.evaluation.period_jobs(NOVEMBER, manager)}
    assert rows[midnight.number].first_response_on_time is None  # not yet due
    assert late_evening.number not in rows


def test_returned_jobs_and_their_scores(services: Services, staff, clock: FakeClock):
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    numbers = []
    for score in (5, 2, None):
        job = services.jobs.check_in(check_in_form(), clerk)
        services.jobs.assign(job.id, tech.id, manager)
        services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
        services.jobs.mark_ready(job.id, tech, "已修好")
        back = HandBackForm(("充电器",), "", 0, satisfaction_score=score, identity_note=ID_CHECKED)
        services.handback.hand_back(job.id, clerk, back)
        numbers.append(job.number)
    cancelled = services.jobs.check_in(check_in_form(), clerk)
    services.jobs.cancel(cancelled.id, clerk, "顾客取消")
    september = services.evaluation.report(Period.month(2026, 9), manager).current
    assert september.satisfaction.hand_back.distribution == (0, 1, 0, 0, 1)
    assert september.satisfaction.hand_back.low == 1
    assert september.satisfaction.surveyed == Rate(0, 3)  # the cancelled job is not surveyed
    assert listed(services, JobFigure.RETURNED, Period.month(2026, 9)) == set(numbers)
    assert september.open_at_end == 0
    (mine,) = [t for t in september.per_technician if t.technician_id == tech.id]
    assert (mine.completed, mine.satisfaction.count, mine.days_taken.buckets[0]) == (3, 2, 3)


def test_a_job_due_on_the_last_day_is_overdue_at_the_end(
    services: Services, staff, clock: FakeClock
):
    """The deadline is the end of the due day: at the end of November a job due on 11-30 and
    not ready is overdue; while November runs it is overdue once its due day is over."""
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    clock.now = datetime(2026, 11, 23, 10, 0)  # Monday
    waiting = services.jobs.check_in(check_in_form(), clerk)
    ready_in_time = services.jobs.check_in(check_in_form(), clerk)
    assert waiting.repair_due_date == ready_in_time.repair_due_date == date(2026, 11, 30)
    services.jobs.assign(ready_in_time.id, tech.id, manager)
    clock.now = datetime(2026, 11, 30, 15, 0)
    services.jobs.change_status(ready_in_time.id, Status.DIAGNOSING, tech)
    running = services.evaluation.report(NOVEMBER, manager).current
    assert (running.open_at_end, running.overdue_at_end) == (2, 0)  # due day not over yet
    clock.now = datetime(2026, 11, 30, 23, 59, 59)
    services.jobs.mark_ready(ready_in_time.id, tech, "已修好")
    for now in (datetime(2026, 12, 1, 0, 0), datetime(2026, 12, 2, 10, 0)):
        clock.now = now
        november = services.evaluation.report(NOVEMBER, manager).current
        assert (november.open_at_end, november.overdue_at_end) == (2, 1)
        assert listed(services, JobFigure.OVERDUE_AT_END, NOVEMBER) == {waiting.number}


def test_readiness_at_the_end_is_as_the_job_stands_now(services: Services, staff, clock: FakeClock):
    """History is not rebuilt from events: a job ready on time in October and sent back for
    rework in November counts as not ready (and overdue) at the end of October, as the
    footnote says."""
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    clock.now = datetime(2026, 10, 12, 10, 0)
    job = services.jobs.check_in(check_in_form(), clerk)  # due 10-19
    services.jobs.assign(job.id, tech.id, manager)
    clock.now = datetime(2026, 10, 13, 10, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    services.jobs.mark_ready(job.id, tech, "已修好")
    clock.now = datetime(2026, 11, 3, 10, 0)
    assert services.evaluation.report(OCTOBER, manager).current.overdue_at_end == 0
    services.jobs.change_status(job.id, Status.REPAIRING, tech, "顾客试机仍有问题")
    october = services.evaluation.report(OCTOBER, manager).current
    assert (october.open_at_end, october.overdue_at_end) == (1, 1)
    assert listed(services, JobFigure.OVERDUE_AT_END, OCTOBER) == {job.number}
    note = dict(DEFINITIONS)["open_at_end"]
    assert "sent back for rework later counts as not ready" in note


def test_a_draft_counts_when_it_is_registered(services: Services, staff, clock: FakeClock):
    """A follow-up draft raised on 10-30 and registered on 11-03 is a November complaint (its
    24 hours run from the registration); a draft never registered counts nowhere."""
    manager = staff[Role.MANAGER]
    clock.now = datetime(2026, 10, 30, 15, 0)
    draft_id = _draft(services, manager, clock)
    _draft(services, manager, clock)  # never registered
    clock.now = datetime(2026, 11, 3, 9, 0)
    registered = services.complaints.register_draft(draft_id, manager)
    assert registered.acknowledge_due_at == datetime(2026, 11, 4, 9, 0)
    clock.now = datetime(2026, 12, 2, 9, 0)
    report = services.evaluation.report(NOVEMBER, manager)
    assert (report.previous.complaints.received, report.current.complaints.received) == (0, 1)
    assert report.current.complaints.acknowledged_on_time == Rate(0, 1)


def test_each_complaint_counts_once_on_each_clock(services: Services, staff, clock: FakeClock):
    """A complaint from the last week of November, acknowledged late in November and resolved
    late in December: its acknowledgement is measured in November, its resolution (due in
    December) in December, each exactly once, and in the quarter both."""
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    clock.now = datetime(2026, 11, 27, 10, 0)  # Friday
    complaint = services.complaints.register(complaint_form(), clerk)
    assert complaint.resolve_due_date.month == 12
    clock.now = datetime(2026, 11, 29, 10, 0)  # 48 hours late
    services.complaints.acknowledge(complaint.id, clerk, "已回电")
    clock.now = datetime(2026, 12, 15, 10, 0)  # days late
    services.complaints.start_investigation(complaint.id, manager)
    services.complaints.resolve(
        complaint.id, manager, finding="拖延", shop_at_fault=True, resolution="道歉"
    )
    clock.now = datetime(2027, 1, 5, 10, 0)
    november = services.evaluation.report(NOVEMBER, manager).current.complaints
    december = services.evaluation.report(Period.month(2026, 12), manager).current.complaints
    quarter = services.evaluation.report(Period.quarter(2026, 4), manager).current.complaints
    assert (november.received, november.acknowledged_on_time, november.resolved_on_time) == (
        1,
        Rate(0, 1),
        Rate(0, 0),
    )
    assert (december.received, december.acknowledged_on_time, december.resolved_on_time) == (
        0,
        Rate(0, 0),
        Rate(0, 1),
    )
    assert (quarter.acknowledged_on_time, quarter.resolved_on_time) == (Rate(0, 1), Rate(0, 1))
    # While December runs, its resolution day is not over until the end of the day.
    clock.now = datetime.combine(complaint.resolve_due_date, datetime.min.time()).replace(hour=20)
    december = services.evaluation.report(Period.month(2026, 12), manager).current.complaints
    assert december.resolved_on_time == Rate(0, 0)


def test_the_drill_down_lists_the_jobs_as_the_report_counted_them(
    services: Services, staff, clock: FakeClock
):
    """The manager clicks a figure two hours after the report was made: the list is of the
    report's moment (the selection's as_of), not of the click's."""
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    clock.now = datetime(2026, 11, 2, 10, 0)
    job = services.jobs.check_in(check_in_form(), clerk)  # response due 11-03 10:00
    clock.now = datetime(2026, 11, 3, 9, 0)
    report = services.evaluation.report(NOVEMBER, manager)
    assert report.current.first_response_on_time == Rate(0, 0)
    clock.now = datetime(2026, 11, 3, 11, 0)
    for figure in (JobFigure.RESPONSE_DUE, JobFigure.RESPONSE_LATE):
        as_counted = FigureSelection(figure, NOVEMBER, as_of=report.generated_at)
        page = services.jobs.search(JobQuery(figure=as_counted), limit=500)
        assert page.rows == ()
        assert listed(services, figure, NOVEMBER) == {job.number}  # as of the click


def test_workstations_with_different_clocks_never_crash_the_figures(
    services: Services, staff, clock: FakeClock
):
    """The counter's PC is ten minutes fast: a job checked in at 00:05 on the first of a month
    is ready at 23:58 the day before on the workshop's PC. Its working days taken are 0, in
    every report and in the jobs sheet, at a month's and at a year's boundary."""
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    numbers = []
    for checked_in in (datetime(2026, 11, 1, 0, 5), datetime(2027, 1, 1, 0, 5)):
        clock.now = checked_in
        job = services.jobs.check_in(check_in_form(), clerk)
        services.jobs.assign(job.id, tech.id, manager)
        clock.now = checked_in - timedelta(minutes=7)
        services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
        services.jobs.mark_ready(job.id, tech, "已修好")
        numbers.append(job.number)
    clock.now = datetime(2027, 2, 2, 9, 0)
    for period in (
        OCTOBER,
        NOVEMBER,
        Period.month(2026, 12),
        Period.month(2027, 1),
        Period.year(2026),
        Period.year(2027),
        Period.between(date(2026, 10, 31), date(2026, 10, 31)),
    ):
        report = services.evaluation.report(period, manager)
        for figures in (report.current, report.previous):
            days = figures.working_days_taken
            assert days.total_days == 0
            assert days.buckets[0] == figures.repair_on_time.of
        rows = list(services.evaluation.period_jobs(period, manager))
        assert all(row.working_days_taken == 0 for row in rows)
    october = services.evaluation.report(OCTOBER, manager).current
    assert october.repair_on_time == Rate(1, 1)  # ready the day before it came in
    assert listed(services, JobFigure.READY, OCTOBER) == {numbers[0]}
    year = services.evaluation.report(Period.year(2026), manager).current
    assert (year.received.total, year.repair_on_time.of) == (1, 2)


def test_a_calendar_changed_after_check_in_is_said_in_the_footnote(
    services: Services, staff, clock: FakeClock
):
    """On time is judged against the due day promised at check-in; working days are counted
    on the calendar as it is now. A Saturday made a working day after the check-in: the job
    ready on its due day is on time and took 6 working days, and the footnote says why."""
    clerk, tech, manager = staff[Role.CLERK], staff[Role.TECHNICIAN], staff[Role.MANAGER]
    clock.now = datetime(2026, 11, 2, 10, 0)  # Monday
    job = services.jobs.check_in(check_in_form(), clerk)
    assert job.repair_due_date == date(2026, 11, 9)
    services.jobs.assign(job.id, tech.id, manager)
    settings = services.shop.settings()
    services.shop.save_settings(
        dataclass_replace(settings, extra_working_days=(date(2026, 11, 7),)), manager
    )
    clock.now = datetime(2026, 11, 9, 15, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    services.jobs.mark_ready(job.id, tech, "修好")
    clock.now = datetime(2026, 12, 2, 9, 0)
    november = services.evaluation.report(NOVEMBER, manager).current
    assert november.repair_on_time == Rate(1, 1)
    assert november.working_days_taken.total_days == 6
    note = dict(DEFINITIONS)["working_days_taken"]
    assert "as it is now" in note and "the one promised at check-in" in note


def test_a_period_not_yet_begun_is_refused_naming_the_field(
    services: Services, staff, clock: FakeClock
):
    """A period starting after today would show today's open and overdue jobs as its end: it
    is refused; one that has begun (even today) is counted as of now."""
    manager = staff[Role.MANAGER]
    clock.now = datetime(2026, 11, 30, 23, 59)
    services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    for period in (Period.month(2026, 12), Period.between(date(2026, 12, 1), date(2026, 12, 1))):
        with pytest.raises(InvalidInput) as caught:
            services.evaluation.report(period, manager)
        assert caught.value.fields() == {"from"}
        assert "has not begun" in str(caught.value)
        with pytest.raises(InvalidInput):
            services.evaluation.period_jobs(period, manager)
    today = services.evaluation.report(
        Period.between(date(2026, 11, 30), date(2026, 12, 5)), manager
    )
    assert (today.current.received.total, today.current.open_at_end) == (1, 1)
    assert services.evaluation.report(NOVEMBER, manager).current.received.total == 1
