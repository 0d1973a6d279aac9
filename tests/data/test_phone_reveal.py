"""Showing a customer's full number: any member of staff may, each look is on the record (who,
when), and it is not a change of the job — no other counter's view goes stale, the job does not
count as having news. On SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job, JobEvent
from desktop_app.domain.errors import ConcurrentChange, NotFound
from desktop_app.domain.forms import ClockList, HandBackForm
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from tests.helpers import ID_CHECKED, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def row_of(database: Database, job_id: int) -> tuple[int, object, int]:
    """The job row's version and last-event time, and how many events it has."""
    with database.read() as session:
        job = session.get(Job, job_id)
        assert job is not None
        events = session.scalar(
            select(func.count()).select_from(JobEvent).where(JobEvent.job_id == job_id)
        )
        return job.version, job.last_event_at, events or 0


@pytest.mark.parametrize("role", list(Role))
def test_any_member_of_staff_may_see_the_number_and_the_look_is_recorded(
    services, staff, database, clock, role
):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    version, last_event_at, events = row_of(database, job.id)
    clock.advance(hours=2, minutes=5)

    seen = services.jobs.reveal_phone(job.id, staff[role])

    assert seen.customer.phone == "13812345678"
    look = seen.events[-1]
    assert look.kind == EventKind.PHONE_REVEALED
    assert (
        look.at == clock()
        and look.user_name
        == {
            Role.CLERK: "王晓红",
            Role.TECHNICIAN: "李建国",
            Role.MANAGER: services.users.by_username("manager").display_name,
        }[role]
    )
    assert look.from_status is None and look.to_status is None and look.note == ""
    # Not a change of the job: same version, same last-event time; one event more.
    assert row_of(database, job.id) == (version, last_event_at, events + 1)
    assert seen.version == job.version


def test_a_look_does_not_make_another_counters_view_stale(services, staff, database):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    services.jobs.reveal_phone(job.id, staff[Role.CLERK])  # this counter calls the customer
    # The workshop's view was read before the look: its action still goes through.
    moved = services.jobs.change_status(
        job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN], "", job.version
    )
    assert moved.status is Status.DIAGNOSING


def test_a_refusal_names_who_changed_the_job_not_who_looked_last(services, staff, clock):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.advance(minutes=7)
    services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    clock.advance(minutes=3)
    services.jobs.reveal_phone(job.id, staff[Role.CLERK])
    with pytest.raises(ConcurrentChange) as refused:
        services.jobs.cancel(job.id, staff[Role.CLERK], "顾客不修了", job.version)
    message = refused.value.render()
    assert "李建国" in message and "王晓红" not in message


def test_a_look_is_not_news_the_job_stays_on_the_stale_list(services, staff, clock):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    clock.advance(days=14)  # past the National Day holiday: days without news
    stale = [row.id for row in services.jobs.clock_list(ClockList.STALE)]
    assert job.id in stale
    services.jobs.reveal_phone(job.id, staff[Role.TECHNICIAN])
    assert job.id in [row.id for row in services.jobs.clock_list(ClockList.STALE)]


def test_a_closed_job_still_shows_its_number(services, staff):
    returning = check_in_form(purchase_date=date(2026, 9, 27))
    job = services.jobs.check_in(returning, staff[Role.CLERK])
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    job = services.jobs.mark_ready(job.id, staff[Role.TECHNICIAN], "更换排线")
    job = services.handback.hand_back(
        job.id, staff[Role.CLERK], HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )
    assert job.status is Status.RETURNED
    seen = services.jobs.reveal_phone(job.id, staff[Role.MANAGER])
    assert seen.events[-1].kind == EventKind.PHONE_REVEALED and seen.version == job.version


def test_an_unknown_job_or_user_is_refused_and_nothing_is_written(services, staff, database):
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    before = row_of(database, job.id)
    with pytest.raises(NotFound):
        services.jobs.reveal_phone(job.id + 1000, staff[Role.CLERK])
    with pytest.raises(NotSignedIn):  # a bare user id is nobody signed in
        services.jobs.reveal_phone(job.id, 999_999)
    assert row_of(database, job.id) == before
