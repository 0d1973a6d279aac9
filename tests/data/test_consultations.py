"""The consultation log on SQLite and PostgreSQL: numbers, the 24-hour callback clock, the
callback, the list and its counts, and the check-in a consultation becomes (once)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Consultation, Customer, Job
from desktop_app.domain.consultations import (
    ConsultationFilter,
    ConsultationForm,
    ConsultationQuery,
)
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotFound, RuleRefusal
from desktop_app.domain.forms import CONSULTATION_NOT_A_JOB
from desktop_app.domain.limits import LONG_TEXT, SHORT_TEXT
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FAST_PASSWORDS, PASSWORD, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def hotline(**changes: object) -> ConsultationForm:
    form = ConsultationForm(
        channel=ConsultationChannel.HOTLINE,
        phone="139 1234 5678",
        question="洗衣机脱水时响声很大，要不要送修？",
        caller_name="刘芳",
        category=Category.APPLIANCE,
        brand="美的",
        model="MG100V11D",
    )
    return replace(form, **changes)  # type: ignore[arg-type]


def count(database: Database, model: type) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_answered_on_first_contact_has_no_callback_clock(services, staff):
    done = services.consultations.record(hotline(answer="先检查底脚是否调平"), staff[Role.CLERK])
    assert done.number == "ZX20260930-001"
    assert done.state is ConsultationState.ANSWERED
    assert done.callback_due_at is None
    assert done.phone == "13912345678"
    assert done.masked_phone == "139****5678"
    assert done.answered_by == "王晓红"
    assert done.received_at == CHECK_IN_AT
    assert done.product == "美的 MG100V11D"


def test_unanswered_promises_a_callback_in_24_clock_hours_then_is_overdue(services, staff, clock):
    # The day before the National Day holiday: the callback is due on the holiday itself.
    waiting = services.consultations.record(hotline(answer="  "), staff[Role.CLERK])
    assert waiting.state is ConsultationState.CALLBACK_DUE
    assert waiting.callback_due_at == CHECK_IN_AT + timedelta(hours=24)
    consultations = services.consultations
    assert consultations.counts().awaiting_callback == 1
    assert consultations.counts().overdue == 0
    clock.advance(hours=24)
    assert consultations.counts().overdue == 0  # due at this very minute: not late yet
    clock.advance(minutes=1)
    assert consultations.counts().overdue == 1
    overdue = consultations.overdue_callbacks()
    assert [row.number for row in overdue] == [waiting.number]
    assert overdue[0].overdue(clock())
    assert overdue[0].masked_phone == "139****5678"


def test_numbers_count_up_per_day(services, staff, clock):
    first = services.consultations.record(hotline(), staff[Role.CLERK])
    second = services.consultations.record(hotline(), staff[Role.TECHNICIAN])
    clock.advance(days=1)
    third = services.consultations.record(hotline(), staff[Role.MANAGER])
    assert [first.number, second.number, third.number] == [
        "ZX20260930-001",
        "ZX20260930-002",
        "ZX20261001-001",
    ]


def test_call_back_records_the_answer_who_and_when(services, staff, clock):
    waiting = services.consultations.record(hotline(), staff[Role.CLERK])
    clock.advance(hours=3)
    called = services.consultations.call_back(
        waiting.id, "建议送修，检查轴承", staff[Role.TECHNICIAN], waiting.version
    )
    assert called.state is ConsultationState.CALLED_BACK
    assert called.called_back_at == CHECK_IN_AT + timedelta(hours=3)
    assert called.called_back_by == "李建国"
    assert called.callback_answer == "建议送修，检查轴承"
    assert services.consultations.counts().awaiting_callback == 0
    with pytest.raises(RuleRefusal, match="already called back"):
        services.consultations.call_back(waiting.id, "再打一次", staff[Role.CLERK])


def test_a_callback_needs_an_answer_and_a_question_that_waits_for_one(services, staff):
    waiting = services.consultations.record(hotline(), staff[Role.CLERK])
    for blank in ("", "   ", "\u200b"):
        with pytest.raises(InvalidInput) as refused:
            services.consultations.call_back(waiting.id, blank, staff[Role.CLERK])
        assert refused.value.fields() == {"answer"}
    with pytest.raises(InvalidInput) as refused:
        services.consultations.call_back(waiting.id, "好\x00", staff[Role.CLERK])
    assert refused.value.fields() == {"answer"}
    answered = services.consultations.record(hotline(answer="已解答"), staff[Role.CLERK])
    with pytest.raises(RuleRefusal, match="answered on the first contact"):
        services.consultations.call_back(answered.id, "多余的回电", staff[Role.CLERK])
    for wrong in (0, -1, 2**63, "1", True, None):
        with pytest.raises(NotFound):
            services.consultations.call_back(wrong, "回电", staff[Role.CLERK])  # type: ignore[arg-type]
    assert services.consultations.get(waiting.id).state is ConsultationState.CALLBACK_DUE


def test_two_counters_calling_back_the_same_consultation(services, staff):
    waiting = services.consultations.record(hotline(), staff[Role.CLERK])
    services.consultations.call_back(waiting.id, "第一位回电", staff[Role.CLERK], waiting.version)
    with pytest.raises(ConcurrentChange, match="changed at another counter"):
        services.consultations.call_back(
            waiting.id, "第二位回电", staff[Role.MANAGER], waiting.version
        )
    assert services.consultations.get(waiting.id).callback_answer == "第一位回电"


def test_bad_input_names_every_field_and_saves_nothing(services, staff, database):
    form = hotline(
        phone="12345",
        question=" \u200b ",
        caller_name="名" * (SHORT_TEXT + 1),
        brand="A\x07",
        model="M" * (SHORT_TEXT + 1),
        answer="答" * (LONG_TEXT + 1),
    )
    with pytest.raises(InvalidInput) as refused:
        services.consultations.record(form, staff[Role.CLERK])
    assert refused.value.fields() == {
        "phone",
        "question",
        "caller_name",
        "brand",
        "model",
        "answer",
    }
    with pytest.raises(InvalidInput) as refused:
        services.consultations.record(
            hotline(channel="fax", category="toys", question=None), staff[Role.CLERK]
        )
    assert refused.value.fields() == {"channel", "category", "question"}
    with pytest.raises(InvalidInput) as refused:
        services.consultations.record(hotline(phone="\x00"), staff[Role.CLERK])
    assert refused.value.fields() == {"phone"}
    assert count(database, Consultation) == 0
    # At the limits exactly: saved.
    services.consultations.record(
        hotline(caller_name="名" * SHORT_TEXT, question="问" * LONG_TEXT), staff[Role.CLERK]
    )
    assert count(database, Consultation) == 1


def test_the_list_filters_and_searches(services, staff, clock):
    answered = services.consultations.record(hotline(answer="已答复"), staff[Role.CLERK])
    clock.advance(hours=1)
    waiting = services.consultations.record(
        hotline(phone="13700001111", caller_name="陈静"), staff[Role.CLERK]
    )
    clock.advance(hours=30)
    fresh = services.consultations.record(
        hotline(phone="13600002222", caller_name="50%_折扣"), staff[Role.CLERK]
    )
    listing = services.consultations.list
    assert [r.number for r in listing()] == [fresh.number, waiting.number, answered.number]
    awaiting = listing(ConsultationQuery(ConsultationFilter.AWAITING_CALLBACK))
    assert [r.number for r in awaiting] == [waiting.number, fresh.number]
    overdue = listing(ConsultationQuery(ConsultationFilter.OVERDUE))
    assert [r.number for r in overdue] == [waiting.number]
    assert [r.number for r in listing(ConsultationQuery(text="陈"))] == [waiting.number]
    assert [r.number for r in listing(ConsultationQuery(text="0000111"))] == [waiting.number]
    wide = "０００0111"  # a Chinese input method's full-width mode
    assert [r.number for r in listing(ConsultationQuery(text=wide))] == [waiting.number]
    assert [r.number for r in listing(ConsultationQuery(text=answered.number.lower()))] == [
        answered.number
    ]
    # LIKE's wildcards are the characters typed, not wildcards.
    assert [r.number for r in listing(ConsultationQuery(text="%_"))] == [fresh.number]
    assert listing(ConsultationQuery(text="\x00")) == ()
    assert listing(ConsultationQuery(text="nobody")) == ()
    assert all("****" in r.masked_phone for r in listing())


def test_a_consultation_becomes_a_check_in_linked_both_ways(services, staff, database):
    asked = services.consultations.record(hotline(), staff[Role.CLERK])
    job = services.jobs.check_in(
        check_in_form(consultation_id=asked.id, phone=asked.phone), staff[Role.CLERK]
    )
    assert job.consultation_number == asked.number
    assert services.jobs.get(job.id).consultation_number == asked.number
    converted = services.consultations.get(asked.id)
    assert converted.state is ConsultationState.CONVERTED
    assert converted.job_id == job.id
    assert converted.job_number == job.number
    row = services.consultations.list()[0]
    assert (row.state, row.job_number) == (ConsultationState.CONVERTED, job.number)
    # No callback is owed once it is a job.
    assert services.consultations.counts().awaiting_callback == 0
    with pytest.raises(RuleRefusal, match="became a service job"):
        services.consultations.call_back(asked.id, "回电", staff[Role.CLERK])


def test_converting_twice_or_an_unknown_consultation_is_refused_whole(services, staff, database):
    asked = services.consultations.record(hotline(answer="已答复"), staff[Role.CLERK])
    first = services.jobs.check_in(check_in_form(consultation_id=asked.id), staff[Role.CLERK])
    jobs, customers = count(database, Job), count(database, Customer)
    with pytest.raises(RuleRefusal, match=f"already became job {first.number}"):
        services.jobs.check_in(
            check_in_form(consultation_id=asked.id, customer_name="另一位"), staff[Role.CLERK]
        )
    for unknown in (asked.id + 1000, 0, -5, 2**40):
        with pytest.raises(NotFound, match="no consultation"):
            services.jobs.check_in(
                check_in_form(consultation_id=unknown, customer_name="另一位"),
                staff[Role.CLERK],
            )
    assert (count(database, Job), count(database, Customer)) == (jobs, customers)
    assert services.consultations.get(asked.id).job_id == first.id


def test_a_consultation_is_no_longer_a_service_job(services, staff, database):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(
            check_in_form(service_requested=ServiceKind.CONSULTATION), staff[Role.CLERK]
        )
    assert refused.value.fields() == {"service_requested"}
    assert refused.value.problems[0].message.template == CONSULTATION_NOT_A_JOB
    assert "consultation log" in refused.value.render()
    assert count(database, Job) == 0


def test_an_on_site_visit_from_a_consultation(services, staff):
    asked = services.consultations.record(hotline(), staff[Role.CLERK])
    job = services.jobs.check_in(
        check_in_form(
            consultation_id=asked.id,
            service_requested=ServiceKind.ON_SITE,
            address="上海市浦东新区世纪大道100号",
        ),
        staff[Role.CLERK],
    )
    assert job.service_requested is ServiceKind.ON_SITE
    assert services.consultations.get(asked.id).job_number == job.number


def test_a_technician_records_and_calls_back_but_cannot_check_in(services, staff):
    asked = services.consultations.record(hotline(), staff[Role.TECHNICIAN])
    with pytest.raises(RuleRefusal):
        services.jobs.check_in(check_in_form(consultation_id=asked.id), staff[Role.TECHNICIAN])
    assert services.consultations.get(asked.id).state is ConsultationState.CALLBACK_DUE


def test_two_counters_converting_the_same_consultation(services, database, staff, clock):
    """Two counters' check-ins from one consultation, each with its own services: the second
    is refused, nothing of it is saved."""
    other = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="counter-2")
    manager = other.auth.sign_in("manager", PASSWORD)
    asked = services.consultations.record(hotline(), staff[Role.CLERK])
    services.jobs.check_in(check_in_form(consultation_id=asked.id), staff[Role.CLERK])
    with pytest.raises(RuleRefusal, match="already became job"):
        other.jobs.check_in(check_in_form(consultation_id=asked.id), manager)
    assert count(database, Job) == 1


def test_old_consultation_jobs_still_read(services, staff, database):
    """Jobs checked in as consultations before this version still open and list."""
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    with database.write() as session:
        session.get(Job, job.id).service_requested = ServiceKind.CONSULTATION.value
    assert services.jobs.get(job.id).service_requested is ServiceKind.CONSULTATION
    assert services.jobs.get(job.id).consultation_number == ""


def test_received_at_is_the_clock(services, staff, clock):
    clock.now = datetime(2026, 10, 3, 23, 59)  # a holiday night: the hotline runs anyway
    asked = services.consultations.record(hotline(), staff[Role.CLERK])
    assert asked.callback_due_at == datetime(2026, 10, 4, 23, 59)
