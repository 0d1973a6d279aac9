"""The complaints register on SQLite and PostgreSQL: the whole path of a complaint, its two
clocks on the job's working calendar, drafts, and what hostile input and a second counter get."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import insert

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Compensation, Complaint, ComplaintEvent
from desktop_app.domain.complaints import ComplaintForm, ComplaintQuery
from desktop_app.domain.errors import (
    ConcurrentChange,
    IllegalTransition,
    InvalidInput,
    NotFound,
    NotPermitted,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosing,
    ComplaintEventKind,
    ComplaintState,
    EventKind,
    MissedPromise,
)
from desktop_app.services import Services
from desktop_app.services import complaints as complaints_module
from tests.helpers import FakeClock, check_in_form, database_of


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def form(**changes: object) -> ComplaintForm:
    base = ComplaintForm(
        channel=ComplaintChannel.HOTLINE,
        customer_name="张伟",
        phone="138 1234 5678",
        category=ComplaintCategory.DELAY,
        words="修了一个星期还没修好",
        request="尽快修好并给个说法",
    )
    return replace(base, **changes)


def test_a_hotline_complaint_from_received_to_closed(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    job = services.jobs.check_in(check_in_form(), manager)
    received = services.complaints.register(form(job_number=job.number.lower()), clerk)
    assert received.number == "TS20260930-001"
    assert received.state is ComplaintState.RECEIVED
    assert received.job_number == job.number
    assert received.masked_phone == "138****5678"
    assert received.acknowledge_due_at == datetime(2026, 10, 1, 10, 0)
    # The same working calendar as the job's 5-working-day clock (National Day, 调休 10-10).
    assert received.resolve_due_date == job.repair_due_date == date(2026, 10, 13)
    clock.advance(hours=3)
    acked = services.complaints.acknowledge(received.id, clerk, "已回电致歉", received.version)
    assert acked.acknowledged_by == "王晓红" and acked.acknowledged_at == clock.now
    investigating = services.complaints.start_investigation(acked.id, manager, "", acked.version)
    resolved = services.complaints.resolve(
        investigating.id,
        manager,
        finding="配件缺货未及时告知",
        shop_at_fault=True,
        resolution="加急处理，赠送代金券",
        expected_version=investigating.version,
    )
    assert resolved.shop_at_fault is True and resolved.state is ComplaintState.RESOLVED
    closed = services.complaints.close(
        resolved.id, clerk, ComplaintClosing.ACCEPTED, "", resolved.version
    )
    assert closed.state is ComplaintState.CLOSED and closed.closing is ComplaintClosing.ACCEPTED
    steps = [(e.kind, e.from_state, e.to_state, e.user_name) for e in closed.events]
    assert steps == [
        ("received", None, "received", "王晓红"),
        ("acknowledged", "received", "acknowledged", "王晓红"),
        ("investigating", "acknowledged", "investigating", closed.events[2].user_name),
        ("resolved", "investigating", "resolved", closed.events[2].user_name),
        ("closed", "resolved", "closed", "王晓红"),
    ]
    # The job's own record says a complaint came in about it.
    linked = [e for e in services.jobs.get(job.id).events if e.kind == EventKind.COMPLAINT_LINKED]
    assert len(linked) == 1 and linked[0].payload == {"complaint": "TS20260930-001"}


def test_resolving_at_fault_calls_the_compensation_hook(
    services: Services, staff: dict[Role, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[int, bool]] = []
    monkeypatch.setattr(
        complaints_module,
        "propose_for_complaint",
        lambda session, complaint, user, now: calls.append((complaint.id, complaint.shop_at_fault)),
    )
    manager = staff[Role.MANAGER]
    ids = []
    for fault in (True, False):
        c = services.complaints.register(form(), manager)
        services.complaints.acknowledge(c.id, manager, "回电")
        services.complaints.start_investigation(c.id, manager)
        services.complaints.resolve(c.id, manager, finding="f", shop_at_fault=fault, resolution="r")
        ids.append(c.id)
    assert calls == [(ids[0], True)]


def test_linked_compensations_are_read_with_their_offers(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    manager = staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    offers = [{"kind": "voucher", "amount_cents": 5000, "months": 0}]
    with database_of(services).write() as session:
        session.execute(
            insert(Compensation).values(
                complaint_id=c.id,
                missed=json.dumps(["shop_at_fault"]),
                proposed=json.dumps(offers),
                state="proposed",
                proposed_at=clock.now,
                proposed_by_id=manager.id,
                version=1,
            )
        )
    (linked,) = services.complaints.get(c.id).compensations
    assert linked.state == "proposed"
    assert [(o.kind.value, o.amount_cents) for o in linked.proposed] == [("voucher", 5000)]
    assert linked.decided == ()


def test_numbers_count_per_day(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    manager = staff[Role.MANAGER]
    first = services.complaints.register(form(), manager)
    second = services.complaints.register(form(phone="13900001111", customer_name="李娜"), manager)
    clock.advance(days=1)
    third = services.complaints.register(form(), manager)
    assert [first.number, second.number, third.number] == [
        "TS20260930-001",
        "TS20260930-002",
        "TS20261001-001",
    ]


def test_clocks_go_overdue_like_a_jobs(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    manager = staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    clock.advance(hours=24)
    assert not services.complaints.get(c.id).acknowledge_overdue  # due at, not yet past
    clock.advance(seconds=1)
    assert services.complaints.get(c.id).acknowledge_overdue
    assert services.complaints.counts().acknowledge_overdue == 1
    services.complaints.acknowledge(c.id, manager, "回电")
    assert services.complaints.counts().acknowledge_overdue == 0
    clock.now = datetime(2026, 10, 13, 23, 59)
    assert not services.complaints.get(c.id).resolve_overdue  # the due day is not over
    clock.now = datetime(2026, 10, 14, 0, 0)
    assert services.complaints.get(c.id).resolve_overdue
    assert services.complaints.counts().resolve_overdue == 1
    assert [r.id for r in services.complaints.overdue()] == [c.id]
    assert services.complaints.search(ComplaintQuery(overdue_only=True))[0].overdue


def test_a_complaint_late_on_both_clocks_counts_once(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    """Never called back and past its resolve day: one complaint overdue in the strip, as in
    the clocks tab (the strip said 2)."""
    services.complaints.register(form(), staff[Role.MANAGER])
    clock.now = datetime(2026, 10, 14, 0, 0)
    counts = services.complaints.counts()
    assert (counts.acknowledge_overdue, counts.resolve_overdue, counts.overdue) == (1, 1, 1)
    assert len(services.complaints.overdue()) == counts.overdue


def test_the_resolve_days_come_from_the_shop(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    from desktop_app.data.models import ShopSettings

    with database_of(services).write() as session:
        session.get(ShopSettings, 1).complaint_resolve_days = 1
    clock.now = datetime(2026, 10, 9, 18, 0)  # a Friday; Saturday 10-10 is a make-up working day
    c = services.complaints.register(form(), staff[Role.MANAGER])
    assert c.resolve_due_date == date(2026, 10, 10)


def test_the_register_lists_searches_and_masks(
    services: Services, staff: dict[Role, Actor]
) -> None:
    manager = staff[Role.MANAGER]
    a = services.complaints.register(form(), manager)
    b = services.complaints.register(form(phone="13900001111", customer_name="李娜"), manager)
    rows = services.complaints.search(ComplaintQuery())
    assert [r.id for r in rows] == [b.id, a.id]
    assert {r.masked_phone for r in rows} == {"138****5678", "139****1111"}
    assert [r.id for r in services.complaints.search(ComplaintQuery(text="0000111"))] == [b.id]
    # Typed in a Chinese input method's full-width mode: the same.
    wide_number = "ｔｓ20260930－００1"
    assert [r.id for r in services.complaints.search(ComplaintQuery(text="０００01１１"))] == [b.id]
    assert [r.id for r in services.complaints.search(ComplaintQuery(text=wide_number))] == [a.id]
    assert [r.id for r in services.complaints.search(ComplaintQuery(text="李"))] == [b.id]
    assert [r.id for r in services.complaints.search(ComplaintQuery(text="ts20260930-001"))] == [
        a.id
    ]
    assert services.complaints.search(ComplaintQuery(text="%")) == ()
    assert services.complaints.search(ComplaintQuery(text="\x00")) == ()
    services.complaints.acknowledge(a.id, manager, "回电")
    acked = ComplaintQuery(state=ComplaintState.ACKNOWLEDGED)
    assert [r.id for r in services.complaints.search(acked)] == [a.id]


# --- hostile input ------------------------------------------------------------------------------


def test_every_bad_field_is_named_and_nothing_is_written(
    services: Services, staff: dict[Role, Actor]
) -> None:
    bad = form(
        customer_name="   ",
        phone="12345",
        words="x" * 4001,
        request="要求\x00赔偿",
        category="delay",  # type: ignore[arg-type]
        channel=ComplaintChannel.FOLLOW_UP,
    )
    with pytest.raises(InvalidInput) as caught:
        services.complaints.register(bad, staff[Role.CLERK])
    assert caught.value.fields() == {
        "customer_name",
        "phone",
        "words",
        "request",
        "category",
        "channel",
    }
    assert services.complaints.search(ComplaintQuery()) == ()


def test_a_bad_job_number_is_refused(services: Services, staff: dict[Role, Actor]) -> None:
    manager = staff[Role.MANAGER]
    other = services.jobs.check_in(check_in_form(phone="13900001111"), manager)
    for number, expected in (
        ("R20260930-9999", "no job with number R20260930-9999"),
        (other.number, "is another customer's"),
    ):
        with pytest.raises(InvalidInput) as caught:
            services.complaints.register(form(job_number=number), manager)
        assert caught.value.fields() == {"job_number"}
        assert expected in str(caught.value)
    with pytest.raises(InvalidInput) as caught:
        services.complaints.register(form(job_number="R2026\x07"), manager)
    assert caught.value.fields() == {"job_number"}
    assert services.complaints.search(ComplaintQuery()) == ()
    assert len(services.jobs.get(other.id).events) == 1  # the check-in only


def test_wrong_state_and_missing_texts_are_refused(
    services: Services, staff: dict[Role, Actor]
) -> None:
    manager = staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    with pytest.raises(IllegalTransition):
        services.complaints.resolve(c.id, manager, finding="f", shop_at_fault=False, resolution="r")
    with pytest.raises(IllegalTransition):
        services.complaints.close(c.id, manager, ComplaintClosing.ACCEPTED)
    with pytest.raises(IllegalTransition):
        services.complaints.dismiss_draft(c.id, manager, "重复")
    with pytest.raises(InvalidInput) as caught:
        services.complaints.acknowledge(c.id, manager, "\u200b ")
    assert caught.value.fields() == {"note"}
    services.complaints.acknowledge(c.id, manager, "回电")
    services.complaints.start_investigation(c.id, manager)
    with pytest.raises(InvalidInput) as caught:
        services.complaints.resolve(
            c.id,
            manager,
            finding="",
            shop_at_fault="yes",
            resolution="r" * 4001,  # type: ignore[arg-type]
        )
    assert caught.value.fields() == {"finding", "shop_at_fault", "resolution"}
    for bad_id in (0, -1, "1", 2**63, True):
        with pytest.raises(NotFound):
            services.complaints.acknowledge(bad_id, manager, "x")  # type: ignore[arg-type]
    assert services.complaints.get(c.id).state is ComplaintState.INVESTIGATING
    assert len(services.complaints.get(c.id).events) == 3


def test_only_a_manager_reopens(services: Services, staff: dict[Role, Actor]) -> None:
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    c = services.complaints.register(form(), clerk)
    services.complaints.acknowledge(c.id, clerk, "回电")
    services.complaints.start_investigation(c.id, clerk)
    services.complaints.resolve(c.id, clerk, finding="f", shop_at_fault=False, resolution="r")
    closed = services.complaints.close(c.id, clerk, ComplaintClosing.ESCALATED, "客户不满意")
    with pytest.raises(NotPermitted):
        services.complaints.reopen(c.id, clerk, "客户再次来电")
    with pytest.raises(InvalidInput):
        services.complaints.reopen(c.id, manager, "  ")
    reopened = services.complaints.reopen(c.id, manager, "客户再次来电", closed.version)
    assert reopened.state is ComplaintState.INVESTIGATING
    assert reopened.closed_at is None and reopened.closing is None
    assert reopened.events[-1].kind == ComplaintEventKind.REOPENED
    assert reopened.events[-1].from_state == "closed"
    assert reopened.events[-1].note == "客户再次来电"


def test_escalating_needs_a_reason(services: Services, staff: dict[Role, Actor]) -> None:
    manager = staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    services.complaints.acknowledge(c.id, manager, "回电")
    services.complaints.start_investigation(c.id, manager)
    services.complaints.resolve(c.id, manager, finding="f", shop_at_fault=False, resolution="r")
    with pytest.raises(InvalidInput) as caught:
        services.complaints.close(c.id, manager, ComplaintClosing.ESCALATED, "")
    assert caught.value.fields() == {"note"}
    with pytest.raises(InvalidInput):
        services.complaints.close(c.id, manager, "accepted")  # type: ignore[arg-type]


def test_two_counters_on_the_same_complaint(services: Services, staff: dict[Role, Actor]) -> None:
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    seen_by_both = c.version
    services.complaints.acknowledge(c.id, clerk, "已回电", seen_by_both)
    with pytest.raises(ConcurrentChange) as caught:
        services.complaints.acknowledge(c.id, manager, "我也回电了", seen_by_both)
    assert "王晓红" in str(caught.value) and "2026-09-30 10:00" in str(caught.value)
    assert len(services.complaints.get(c.id).events) == 2


# --- drafts from a follow-up call ---------------------------------------------------------------


def _draft(services: Services, manager: Actor, clock: FakeClock) -> int:
    """A draft as the follow-up helper writes it (the contract in the core's brief)."""
    job = services.jobs.check_in(check_in_form(), manager)
    with database_of(services).write() as session:
        complaint = Complaint(
            number=None,
            state="draft",
            channel="follow_up",
            category="repair_quality",
            customer_id=_customer_of(session, job.id),
            job_id=job.id,
            words="回访评分低：维修质量 1 分",
            request="",
            received_at=clock.now,
            received_by_id=manager.id,
            last_event_at=clock.now,
        )
        session.add(complaint)
        session.flush()
        session.add(
            ComplaintEvent(
                complaint_id=complaint.id,
                at=clock.now,
                user_id=manager.id,
                kind="drafted",
                from_state=None,
                to_state="draft",
                note="",
                payload=json.dumps({"survey_id": 1}),
            )
        )
        return complaint.id


def _customer_of(session: object, job_id: int) -> int:
    from desktop_app.data.models import Job

    return session.get(Job, job_id).customer_id  # type: ignore[attr-defined]


def test_a_manager_registers_or_dismisses_a_draft(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    draft_id = _draft(services, manager, clock)
    other_id = _draft(services, manager, clock)
    assert services.complaints.counts().drafts == 2
    draft = services.complaints.get(draft_id)
    assert draft.number is None and draft.acknowledge_due_at is None
    assert not draft.acknowledge_overdue and not draft.resolve_overdue
    with pytest.raises(NotPermitted):
        services.complaints.register_draft(draft_id, clerk)
    with pytest.raises(NotPermitted):
        services.complaints.dismiss_draft(draft_id, clerk, "重复")
    clock.advance(days=2)
    registered = services.complaints.register_draft(draft_id, manager, "", draft.version)
    assert registered.number == "TS20261002-001"
    assert registered.state is ComplaintState.RECEIVED
    assert registered.acknowledge_due_at == datetime(2026, 10, 3, 10, 0)  # from registration
    assert registered.received_at == datetime(2026, 9, 30, 10, 0)  # the call's time stays
    assert [e.kind for e in registered.events] == ["drafted", "received"]
    with pytest.raises(InvalidInput):
        services.complaints.dismiss_draft(other_id, manager, "")
    dismissed = services.complaints.dismiss_draft(other_id, manager, "客户表示已满意")
    assert dismissed.state is ComplaintState.DISMISSED and dismissed.number is None
    assert services.complaints.counts().drafts == 0
    with pytest.raises(IllegalTransition):
        services.complaints.register_draft(other_id, manager)


def test_from_a_jobs_view_the_phone_on_file_is_used(
    services: Services, staff: dict[Role, Actor]
) -> None:
    manager = staff[Role.MANAGER]
    job = services.jobs.check_in(check_in_form(phone="13900001111", customer_name="李娜"), manager)
    made = services.complaints.register(
        form(phone="", customer_name="李娜", job_number=job.number), manager
    )
    assert made.customer_name == "李娜" and made.masked_phone == "139****1111"
    with pytest.raises(InvalidInput) as caught:
        services.complaints.register(form(phone=""), manager)
    assert caught.value.fields() == {"phone"}


def test_resolving_at_fault_proposes_the_policys_compensation_for_a_manager(
    services: Services, staff: dict[Role, Actor]
) -> None:
    """The hook is the compensation service's: the shop's SHOP_AT_FAULT offers, awaiting a
    manager, shown on the complaint; resolving again after a reopen proposes nothing new."""
    manager = staff[Role.MANAGER]
    c = services.complaints.register(form(), manager)
    services.complaints.acknowledge(c.id, manager, "回电")
    services.complaints.start_investigation(c.id, manager)
    resolved = services.complaints.resolve(
        c.id, manager, finding="f", shop_at_fault=True, resolution="r"
    )
    (linked,) = resolved.compensations
    assert linked.state == "proposed"
    policy = services.shop.settings().compensation_policy
    assert tuple(linked.proposed) == policy.for_promise(MissedPromise.SHOP_AT_FAULT)
    (pending,) = services.compensation.pending(manager)
    assert pending.id == linked.id
    services.complaints.reopen(resolved.id, manager, "客户不同意")
    again = services.complaints.resolve(
        c.id, manager, finding="f2", shop_at_fault=True, resolution="r2"
    )
    assert len(again.compensations) == 1
