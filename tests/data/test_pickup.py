"""The pickup list and the customer messages on SQLite and on a real PostgreSQL server: the
boundary day, the reminders counted since the job became ready, a message recorded as a look
(no other counter's view goes stale), and every refusal writing nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job, JobEvent
from desktop_app.domain.errors import InvalidInput, NotFound, RuleRefusal
from desktop_app.domain.messages import MessageChannel, MessageForm, MessageTemplate
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.conftest import CHECK_IN_AT
from tests.helpers import FAST_PASSWORDS, check_in_form

READY_AT = CHECK_IN_AT + timedelta(hours=2)  # 2026-09-30 12:00


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database, clock) -> Services:
    clock.now = CHECK_IN_AT
    return Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="counter-1")


def ready_job(services: Services, staff, clock, **form) -> int:
    """A repair checked in at the clock's time, ready two hours later."""
    clock.now = CHECK_IN_AT
    job = services.jobs.check_in(check_in_form(**form), staff[Role.CLERK])
    services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    clock.now = READY_AT
    services.jobs.mark_ready(job.id, staff[Role.TECHNICIAN], "已修好")
    return job.id


def set_up_shop(services: Services, staff, **changes) -> None:
    shop = services.shop.settings()
    services.shop.save_settings(
        replace(shop, name="鑫诚售后", hotline="400-820-6688", **changes), staff[Role.MANAGER]
    )


def message_events(database: Database) -> int:
    with database.read() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(JobEvent)
                .where(JobEvent.kind == EventKind.CUSTOMER_MESSAGED.value)
            )
            or 0
        )


def last_event_at(database: Database, job_id: int) -> datetime:
    with database.read() as session:
        return session.get(Job, job_id).last_event_at


def send(services: Services, job_id: int, who, channel=MessageChannel.SMS, template=None):
    template = template or MessageTemplate.READY
    text = services.pickup.compose(job_id, template, who)
    return services.pickup.record(job_id, MessageForm(template, channel, text), who)


def test_the_list_starts_on_the_nth_day_not_the_day_before(services, staff, clock):
    set_up_shop(services, staff)  # the default: 7 days
    job_id = ready_job(services, staff, clock)
    clerk = staff[Role.CLERK]
    clock.now = datetime(2026, 10, 6, 23, 59)  # 6 days after the ready day
    assert services.pickup.waiting(clerk) == ()
    clock.now = datetime(2026, 10, 7, 0, 0)  # the 7th day
    [row] = services.pickup.waiting(clerk)
    assert (row.job_id, row.days_waiting, row.ready_at) == (job_id, 7, READY_AT)
    assert row.masked_phone == "138****5678" and "13812345678" not in repr(row)
    assert (row.reminders, row.last_reminder_at) == (0, None)  # no reminder yet
    assert row.product == "华为 Mate 60 Pro" and row.customer_name == "张伟"


def test_the_shops_setting_moves_the_day_and_its_limits_hold(services, staff, clock):
    set_up_shop(services, staff, pickup_after_days=1)
    job_id = ready_job(services, staff, clock)
    clerk = staff[Role.CLERK]
    clock.now = datetime(2026, 9, 30, 23, 0)
    assert services.pickup.waiting(clerk) == ()
    clock.now = datetime(2026, 10, 1, 0, 0)
    assert [r.job_id for r in services.pickup.waiting(clerk)] == [job_id]
    set_up_shop(services, staff, pickup_after_days=90)
    assert services.shop.settings().pickup_after_days == 90
    for bad in (0, 91, -1, True, "7"):
        with pytest.raises(InvalidInput) as caught:
            set_up_shop(services, staff, pickup_after_days=bad)
        assert caught.value.fields() == {"pickup_after_days"}
    assert services.shop.settings().pickup_after_days == 90  # nothing half-saved


def test_a_collected_or_reopened_job_leaves_the_list(services, staff, clock):
    set_up_shop(services, staff)
    job_id = ready_job(services, staff, clock)
    clock.now = datetime(2026, 10, 8, 9, 0)
    services.jobs.change_status(job_id, Status.REPAIRING, staff[Role.TECHNICIAN], "再检查")
    assert services.pickup.waiting(staff[Role.CLERK]) == ()


def test_a_reminder_is_counted_and_dated_and_changes_nothing_of_the_job(
    services, staff, clock, database
):
    set_up_shop(services, staff)
    job_id = ready_job(services, staff, clock)
    other_job = ready_job(services, staff, clock, phone="13900001111")
    clerk = staff[Role.CLERK]
    before = services.jobs.get(job_id)
    last_event_before = last_event_at(database, job_id)
    clock.now = datetime(2026, 10, 8, 9, 30)
    sent = send(services, job_id, clerk)
    assert sent.by_name == "王晓红" and sent.channel is MessageChannel.SMS
    assert "鑫诚售后" in sent.text and before.number in sent.text and "¥0.00" in sent.text
    clock.now = datetime(2026, 10, 9, 15, 0)
    send(services, job_id, clerk, MessageChannel.WECHAT)

    rows = {row.job_id: row for row in services.pickup.waiting(clerk)}
    assert (rows[job_id].reminders, rows[job_id].last_reminder_at) == (
        2,
        datetime(2026, 10, 9, 15, 0),
    )
    assert (rows[other_job].reminders, rows[other_job].last_reminder_at) == (0, None)

    after = services.jobs.get(job_id)
    # A look, not a change: the version another counter's view holds is still good.
    assert after.version == before.version
    assert last_event_at(database, job_id) == last_event_before
    services.jobs.change_status(
        job_id, Status.REPAIRING, staff[Role.TECHNICIAN], "再检查", expected_version=before.version
    )
    [event] = [e for e in after.events if e.kind == EventKind.CUSTOMER_MESSAGED.value][-1:]
    assert event.payload["message"] == "ready" and event.payload["channel"] == "wechat"
    assert event.payload["text"] == sent.text and event.user_name == "王晓红"
    assert message_events(database) == 2


def test_a_message_before_the_job_became_ready_is_no_reminder(services, staff, clock):
    set_up_shop(services, staff)
    clerk = staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(), clerk)
    send(services, job.id, clerk, template=MessageTemplate.RECEIVED)
    services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    clock.now = READY_AT
    services.jobs.mark_ready(job.id, staff[Role.TECHNICIAN], "已修好")
    clock.now = datetime(2026, 10, 8, 9, 0)
    [row] = services.pickup.waiting(clerk)
    assert (row.reminders, row.last_reminder_at) == (0, None)


def test_the_delayed_message_needs_a_new_day_not_in_the_past(services, staff, clock, database):
    set_up_shop(services, staff)
    clerk = staff[Role.CLERK]
    job = services.jobs.check_in(check_in_form(), clerk)
    with pytest.raises(InvalidInput) as caught:
        services.pickup.compose(job.id, MessageTemplate.DELAYED, clerk)
    assert caught.value.fields() == {"new_date"}
    with pytest.raises(InvalidInput, match="today or later"):
        services.pickup.compose(job.id, MessageTemplate.DELAYED, clerk, date(2026, 9, 29))
    text = services.pickup.compose(job.id, MessageTemplate.DELAYED, clerk, date(2026, 9, 30))
    assert "2026-09-30" in text and "抱歉" in text
    form = MessageForm(MessageTemplate.DELAYED, MessageChannel.SMS, text, date(2026, 9, 30))
    services.pickup.record(job.id, form, clerk)
    job_events = services.jobs.get(job.id).events
    assert job_events[-1].payload["new_date"] == "2026-09-30"


def test_refusals_write_nothing(services, staff, clock, database):
    set_up_shop(services, staff)
    job_id = ready_job(services, staff, clock)
    clerk = staff[Role.CLERK]
    text = services.pickup.compose(job_id, MessageTemplate.READY, clerk)
    # A template that does not fit the status: a survey before the return.
    with pytest.raises(InvalidInput) as caught:
        services.pickup.record(
            job_id, MessageForm(MessageTemplate.SURVEY, MessageChannel.SMS, text), clerk
        )
    assert caught.value.fields() == {"template"}
    # A text the service would not send (edited, or the templates changed since it was shown).
    with pytest.raises(RuleRefusal, match="changed since it was shown"):
        services.pickup.record(
            job_id, MessageForm(MessageTemplate.READY, MessageChannel.SMS, text + "!"), clerk
        )
    with pytest.raises(NotFound):
        services.pickup.record(
            10**12, MessageForm(MessageTemplate.READY, MessageChannel.SMS, text), clerk
        )
    # The hotline never set: the placeholder is named, nothing is sent.
    shop = services.shop.settings()
    services.shop.save_settings(replace(shop, hotline=""), staff[Role.MANAGER])
    with pytest.raises(InvalidInput, match=r"\{hotline\} has no value"):
        services.pickup.compose(job_id, MessageTemplate.READY, clerk)
    assert message_events(database) == 0


def test_the_templates_are_saved_and_checked(services, staff, clock):
    set_up_shop(services, staff)
    manager = staff[Role.MANAGER]
    shop = services.shop.settings()
    assert "您好" in shop.message_templates.ready  # Chinese by default
    mine = replace(shop.message_templates, ready="  {customer}, {product} is ready. {hotline}  ")
    services.shop.save_settings(replace(shop, message_templates=mine), manager)
    assert services.shop.settings().message_templates.ready == (
        "{customer}, {product} is ready. {hotline}"
    )
    bad = replace(mine, ready="{custmer} ready", received="x" * 301, survey="")
    with pytest.raises(InvalidInput) as caught:
        services.shop.save_settings(replace(shop, message_templates=bad), manager)
    assert caught.value.fields() == {
        "message_templates.ready",
        "message_templates.received",
        "message_templates.survey",
    }
    assert "{custmer}" in caught.value.render()
    assert services.shop.settings().message_templates.ready.startswith("{customer}")
