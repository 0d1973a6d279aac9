"""The satisfaction follow-up on SQLite and on a real PostgreSQL server: the list of returned
jobs to call, a call recorded with its event, a low score's complaint draft (the contract with
the complaints register), and every way a call can be refused without writing anything."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Complaint, ComplaintEvent, Job, JobEvent, Survey
from desktop_app.domain.errors import (
    ConcurrentChange,
    InvalidInput,
    NotFound,
    NotPermitted,
    RuleRefusal,
)
from desktop_app.domain.follow_up import MAX_ATTEMPTS, WINDOW_DAYS, SurveyForm
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FAST_PASSWORDS, ID_CHECKED, actor, check_in_form

GOOD = SurveyForm(True, 5, 4, 5, 5, "挺好的")
LOW = SurveyForm(True, 4, 2, 5, 3, "修好两天又不亮了")
NOT_REACHED = SurveyForm(False, comment="无人接听")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def returned_job(services: Services, staff, score: int | None = None, **form) -> int:
    """A repair checked in and handed back at the clock's time."""
    clerk = staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(**form), clerk)
    services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    services.jobs.mark_ready(job.id, staff[Role.TECHNICIAN], "已修好")
    back = HandBackForm(("充电器",), "", 0, satisfaction_score=score, identity_note=ID_CHECKED)
    return services.handback.hand_back(job.id, clerk, back).id


def due_ids(services: Services, who) -> list[int]:
    return [row.job_id for row in services.follow_up.due(who)]


def counts(database: Database) -> tuple[int, int, int, int]:
    """Surveys, complaints, complaint events and follow-up job events in the database."""
    with database.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Survey)) or 0,
            session.scalar(select(func.count()).select_from(Complaint)) or 0,
            session.scalar(select(func.count()).select_from(ComplaintEvent)) or 0,
            session.scalar(
                select(func.count())
                .select_from(JobEvent)
                .where(JobEvent.kind == EventKind.FOLLOW_UP.value)
            )
            or 0,
        )


def test_the_list_shows_jobs_returned_n_days_ago_for_thirty_days(services, staff, clock):
    job_id = returned_job(services, staff, score=4)
    clerk = staff[Role.CLERK]
    clock.now = CHECK_IN_AT + timedelta(days=2)
    assert due_ids(services, clerk) == []  # two days: not yet
    clock.now = datetime.combine(CHECK_IN_AT.date() + timedelta(days=3), datetime.min.time())
    [row] = services.follow_up.due(clerk)  # from the first minute of the third day
    assert row.job_id == job_id
    assert row.masked_phone == "138****5678"
    assert "13812345678" not in repr(row)
    assert row.returned_at == CHECK_IN_AT
    assert row.satisfaction_score == 4
    assert (row.attempts, row.last_attempt_at) == (0, None)
    assert row.product == "华为 Mate 60 Pro"
    clock.now = CHECK_IN_AT + timedelta(days=3 + WINDOW_DAYS)
    assert due_ids(services, clerk) == [job_id]  # the last day
    clock.now += timedelta(days=1)
    assert due_ids(services, clerk) == []
    with pytest.raises(RuleRefusal, match="ended on"):
        services.follow_up.record(job_id, GOOD, clerk)


def test_the_shops_setting_moves_the_day(services, staff, clock):
    job_id = returned_job(services, staff)
    manager = staff[Role.MANAGER]
    shop = services.shop.settings()
    services.shop.save_settings(
        replace(shop, name="店", hotline="400-1", follow_up_after_days=7), manager
    )
    clock.now = CHECK_IN_AT + timedelta(days=6)
    assert due_ids(services, manager) == []
    with pytest.raises(RuleRefusal, match="start on 2026-10-07"):
        services.follow_up.record(job_id, GOOD, manager)
    clock.now = CHECK_IN_AT + timedelta(days=7)
    assert due_ids(services, manager) == [job_id]


def test_a_low_score_records_the_call_and_drafts_a_complaint(services, staff, clock, database):
    job_id = returned_job(services, staff, score=5)
    clerk = staff[Role.CLERK]
    clock.now = CHECK_IN_AT + timedelta(days=3, hours=1)
    before = services.jobs.get(job_id)

    survey = services.follow_up.record(job_id, LOW, clerk, expected_version=before.version)

    assert (survey.reached, survey.speed, survey.quality, survey.attitude, survey.overall) == (
        True,
        4,
        2,
        5,
        3,
    )
    assert survey.low and survey.complaint_id is not None and survey.by_name == "王晓红"
    assert due_ids(services, clerk) == []
    with database.read() as session:
        complaint = session.get(Complaint, survey.complaint_id)
        assert complaint is not None
        assert complaint.state == "draft" and complaint.number is None
        assert complaint.channel == "follow_up" and complaint.category == "repair_quality"
        assert complaint.acknowledge_due_at is None and complaint.resolve_due_date is None
        assert complaint.received_at == clock.now
        assert complaint.job_id == job_id and complaint.customer_id == before.customer.id
        assert complaint.words == "修好两天又不亮了"
        assert complaint.received_by_id == clerk.id
        [drafted] = session.scalars(
            select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint.id)
        ).all()
        assert drafted.kind == "drafted" and json.loads(drafted.payload) == {"survey_id": survey.id}
        stored = session.get(Survey, survey.id)
        assert stored is not None and stored.complaint_id == complaint.id
    after = services.jobs.get(job_id)
    assert after.satisfaction_score == 5  # the hand-back's score stays
    event = after.events[-1]
    assert event.kind == EventKind.FOLLOW_UP and event.note == "修好两天又不亮了"
    assert event.payload == {
        "reached": True,
        "attempt": 1,
        "scores": {"speed": 4, "quality": 2, "attitude": 5, "overall": 3},
        "complaint_drafted": True,
    }
    assert [s.id for s in services.follow_up.surveys(job_id)] == [survey.id]


def test_a_good_score_drafts_nothing(services, staff, clock, database):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    survey = services.follow_up.record(job_id, GOOD, staff[Role.MANAGER])
    assert survey.complaint_id is None and not survey.low
    assert counts(database) == (1, 0, 0, 1)


def test_could_not_reach_keeps_the_job_until_the_attempts_are_used(services, staff, clock):
    job_id = returned_job(services, staff)
    clerk = staff[Role.CLERK]
    clock.advance(days=3)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        survey = services.follow_up.record(job_id, NOT_REACHED, clerk)
        assert survey.speed is None and survey.comment == "无人接听"
        event = services.jobs.get(job_id).events[-1]
        assert event.payload == {"reached": False, "attempt": attempt}
        rows = services.follow_up.due(clerk)
        if attempt < MAX_ATTEMPTS:
            assert [(r.job_id, r.attempts, r.last_attempt_at) for r in rows] == [
                (job_id, attempt, clock.now)
            ]
        else:
            assert rows == ()
        clock.advance(days=1)
    with pytest.raises(RuleRefusal, match="could not be reached 3 times"):
        services.follow_up.record(job_id, GOOD, clerk)


def test_surveying_twice_is_refused(services, staff, clock, database):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    services.follow_up.record(job_id, GOOD, staff[Role.CLERK])
    with pytest.raises(RuleRefusal, match=r"already reached .* no longer due"):
        services.follow_up.record(job_id, LOW, staff[Role.MANAGER])
    assert counts(database) == (1, 0, 0, 1)


def test_the_second_counter_is_refused(database, clock, staff, services):
    """Two counters, each with its own services, read the same list; the first call wins."""
    other = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="counter-2")
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    mine = services.follow_up.due(staff[Role.CLERK])
    theirs = other.follow_up.due(actor(other))
    assert [r.job_id for r in mine] == [r.job_id for r in theirs] == [job_id]
    services.follow_up.record(job_id, GOOD, staff[Role.CLERK], expected_version=mine[0].version)
    with pytest.raises(RuleRefusal, match="no longer due"):
        other.follow_up.record(job_id, LOW, actor(other), expected_version=theirs[0].version)
    assert counts(database) == (1, 0, 0, 1)


@pytest.mark.postgres
def test_a_call_waits_for_the_other_counters_call_then_is_refused(
    database_url, database, clock, staff, services
):
    """On PostgreSQL the second call really runs at the same time: it waits on the job's row
    lock while the first counter's transaction (here by hand) holds it, then reads that call and
    is refused. Without the lock and the second look it would have written a second survey."""
    if database.is_sqlite:
        pytest.skip("SQLite's write transactions never run at once (BEGIN IMMEDIATE)")
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    outcome: list[BaseException | object] = []
    first = database.engine.connect()
    try:
        first.begin()
        first.execute(text("SELECT id FROM jobs WHERE id = :id FOR UPDATE"), {"id": job_id})

        def second_counter() -> None:
            try:
                outcome.append(services.follow_up.record(job_id, LOW, manager))
            except BaseException as error:  # reported to the test's thread
                outcome.append(error)

        worker = threading.Thread(target=second_counter)
        worker.start()
        deadline = time.monotonic() + 30
        waiting = 0
        with database.engine.connect() as look:
            while waiting == 0 and time.monotonic() < deadline and worker.is_alive():
                waiting = look.execute(
                    text("SELECT count(*) FROM pg_locks WHERE NOT granted")
                ).scalar_one()
                look.rollback()
                threading.Event().wait(0.02)
        assert waiting, "the second call never waited for the first counter's lock"
        first.execute(
            text(
                "INSERT INTO surveys (job_id, at, by_id, reached, speed, quality, attitude,"
                " overall, comment) VALUES (:job, :at, :by, true, 5, 5, 5, 5, '')"
            ),
            {"job": job_id, "at": clock.now, "by": clerk.id},
        )
        first.commit()
        worker.join(60)
    finally:
        first.close()
    [result] = outcome
    assert isinstance(result, RuleRefusal) and "no longer due" in str(result)
    assert counts(database) == (1, 0, 0, 0)


def test_a_stale_screen_is_refused(services, staff, clock, database):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    version = services.follow_up.due(staff[Role.CLERK])[0].version
    services.jobs.reveal_phone(job_id, staff[Role.CLERK])  # a look: not a change
    with database.write() as session:  # a change made at another counter meanwhile
        job = session.get(Job, job_id)
        assert job is not None
        job.satisfaction_comment = "改过"
    with pytest.raises(ConcurrentChange):
        services.follow_up.record(job_id, GOOD, staff[Role.CLERK], expected_version=version)
    assert counts(database) == (0, 0, 0, 0)


@pytest.mark.parametrize("status", ["open", "refunded", "cancelled"])
def test_jobs_not_returned_are_not_called(services, staff, clock, database, status):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    if status == "refunded":
        form = check_in_form(purchase_date=date(2026, 9, 26), service_requested=ServiceKind.RETURN)
        job = services.jobs.check_in(form, clerk)
        services.handback.start_inspection(job.id, tech)
        services.handback.approve_refund(job.id, tech, 100, "全额退款")
    else:
        job = services.jobs.check_in(check_in_form(), clerk)
        if status == "cancelled":
            services.jobs.change_status(job.id, Status.CANCELLED, clerk, "客户取消")
    clock.advance(days=3)
    assert due_ids(services, clerk) == []
    with pytest.raises(RuleRefusal, match="not returned to the customer"):
        services.follow_up.record(job.id, GOOD, clerk)
    assert counts(database) == (0, 0, 0, 0)


def test_an_exchanged_job_is_called(services, staff, clock):
    clerk, tech = staff[Role.CLERK], staff[Role.TECHNICIAN]
    form = check_in_form(purchase_date=date(2026, 9, 26), service_requested=ServiceKind.EXCHANGE)
    job = services.jobs.check_in(form, clerk)
    services.handback.start_inspection(job.id, tech)
    services.handback.approve_exchange(job.id, tech, "Mate 60 Pro", "IMEI-NEW-1", "换新")
    clock.advance(days=3)
    assert due_ids(services, clerk) == [job.id]


def test_a_technician_may_not_call(services, staff, clock, database):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    with pytest.raises(NotPermitted):
        services.follow_up.record(job_id, GOOD, staff[Role.TECHNICIAN])
    with pytest.raises(NotPermitted):
        services.follow_up.due(staff[Role.TECHNICIAN])
    assert counts(database) == (0, 0, 0, 0)


@pytest.mark.parametrize("job_id", [0, -1, "1", True, 2**40, None, 999_999])
def test_no_such_job(services, staff, job_id):
    with pytest.raises(NotFound):
        services.follow_up.record(job_id, GOOD, staff[Role.CLERK])


HOSTILE: list[tuple[SurveyForm, set[str]]] = [
    (SurveyForm(True, 0, 3, 3, 3, "x"), {"speed"}),
    (SurveyForm(True, 3, 6, 3, 3, "x"), {"quality"}),
    (SurveyForm(True, 3, 3, True, 3, "x"), {"attitude"}),  # a bool is no score
    (SurveyForm(True, 3, 3, 3, "4", "x"), {"overall"}),  # type: ignore[arg-type]
    (SurveyForm(True, 3.0, 3, 3, 3, "x"), {"speed"}),  # type: ignore[arg-type]
    (SurveyForm(True, None, None, 3, 3, "x"), {"speed", "quality"}),
    (SurveyForm(True, -5, 2**70, 3, 3, "x"), {"speed", "quality"}),
    (SurveyForm(False, 5, None, None, None, ""), {"speed"}),  # scores of nobody reached
    (SurveyForm("yes", comment=""), {"reached"}),  # type: ignore[arg-type]
    (SurveyForm(True, 5, 5, 5, 5, "好" * 4001), {"comment"}),
    (SurveyForm(True, 5, 5, 5, 5, "好\x00"), {"comment"}),
    (SurveyForm(False, comment="\x1b[31m"), {"comment"}),
    (SurveyForm(True, 5, 5, 5, 5, 42), {"comment"}),  # type: ignore[arg-type]
    (SurveyForm(True, 1, 5, 5, 5, "  \u200b "), {"comment"}),  # low, with no words
]


@pytest.mark.parametrize(("form", "fields"), HOSTILE)
def test_hostile_forms_are_refused_naming_the_fields(
    services, staff, clock, database, form, fields
):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    with pytest.raises(InvalidInput) as refused:
        services.follow_up.record(job_id, form, staff[Role.CLERK])
    assert refused.value.fields() == fields
    assert counts(database) == (0, 0, 0, 0)
    assert due_ids(services, staff[Role.CLERK]) == [job_id]


def test_the_longest_comment_is_kept_whole(services, staff, clock):
    job_id = returned_job(services, staff)
    clock.advance(days=3)
    survey = services.follow_up.record(
        job_id, SurveyForm(True, 1, 1, 1, 1, "差" * 4000), staff[Role.CLERK]
    )
    assert len(survey.comment) == 4000 and survey.complaint_id is not None


def test_the_list_reads_many_jobs_in_one_query(services, staff, clock, database):
    """Jobs returned on different days: the list is in return order, within the window."""
    first = returned_job(services, staff)
    clock.advance(days=1)
    second = returned_job(services, staff)
    clock.advance(days=WINDOW_DAYS + 2)  # first: day 33 (the last), second: day 32
    assert due_ids(services, staff[Role.CLERK]) == [first, second]


def test_the_demo_calls_a_share_of_the_returned_jobs(database, staff):
    """The demo's calls follow the service's rules: scores only when reached, at most three
    calls that did not reach, a draft (per the contract) for every low score, an event each."""
    from desktop_app.services.demo import DemoGenerator

    now = datetime(2026, 11, 25, 10, 0)
    DemoGenerator(database, seed=5, months=2).run(600, now)
    with database.read() as session:
        surveys = session.scalars(select(Survey)).all()
        assert surveys
        reached = [s for s in surveys if s.reached]
        assert reached and len(reached) < len(surveys)  # some calls did not reach anyone
        for survey in surveys:
            scores = (survey.speed, survey.quality, survey.attitude, survey.overall)
            assert all(1 <= n <= 5 for n in scores) if survey.reached else scores == (None,) * 4
            job = session.get(Job, survey.job_id)
            assert job is not None and job.status in ("returned", "exchanged")
            assert survey.at.date() >= job.returned_at.date() + timedelta(days=3)
            assert survey.at <= now
            low = survey.reached and min(scores) <= 2  # type: ignore[type-var]
            assert (survey.complaint_id is not None) == low
        per_job: dict[int, list[Survey]] = {}
        for survey in surveys:
            per_job.setdefault(survey.job_id, []).append(survey)
        assert all(sum(not s.reached for s in calls) <= MAX_ATTEMPTS for calls in per_job.values())
        assert all(sum(s.reached for s in calls) <= 1 for calls in per_job.values())
        # The follow-up's own drafts (the complaints demo adds a register of every state too).
        drafts = session.scalars(
            select(Complaint).where(Complaint.id.in_(select(Survey.complaint_id)))
        ).all()
        assert drafts and {(d.state, d.number, d.channel) for d in drafts} == {
            ("draft", None, "follow_up")
        }
        for draft in drafts:
            [drafted] = session.scalars(
                select(ComplaintEvent).where(ComplaintEvent.complaint_id == draft.id)
            ).all()
            survey_id = json.loads(drafted.payload)["survey_id"]
            assert session.get(Survey, survey_id).complaint_id == draft.id  # type: ignore[union-attr]
        assert counts(database)[3] == len(surveys)
    # The list still works on the demo, and after it a real call gets a fresh id.
    services = Services.build(database, lambda: now, passwords=FAST_PASSWORDS)
    rows = services.follow_up.due(actor(services))
    assert rows and all(r.attempts < MAX_ATTEMPTS for r in rows)
    survey = services.follow_up.record(rows[0].job_id, LOW, actor(services))
    assert survey.id > max(s.id for s in surveys) and survey.complaint_id is not None
