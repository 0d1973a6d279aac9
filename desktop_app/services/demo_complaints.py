"""Demo complaints: a register in every state, about demo jobs and their customers.

Made of the register's own pieces (the steps of domain/complaints.py, its clocks on the shop's
working calendar, its numbers) and written in bulk with core inserts, after the jobs exist, so
the demo stays fast at 100,000 jobs: about one complaint per hundred jobs, at least one of each
kind (drafts, reopened and escalated ones, overdue ones), at most a thousand.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import Complaint, ComplaintEvent, DocumentCounter, Job, ShopSettings
from desktop_app.domain.complaints import (
    NUMBER_SERIES,
    STEPS,
    acknowledge_due,
    complaint_number,
    resolve_due_date,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    ComplaintClosing,
    ComplaintEventKind,
    ComplaintState,
)
from desktop_app.domain.workdays import WorkCalendar

MAX_COMPLAINTS = 1000
JOBS_PER_COMPLAINT = 100

_K = ComplaintEventKind
# Each story: the steps taken after registration (a draft starts with DRAFTED instead).
STORIES: tuple[tuple[ComplaintEventKind, ...], ...] = (
    (),  # received, waiting for the call back (overdue when old)
    (_K.ACKNOWLEDGED,),
    (_K.ACKNOWLEDGED, _K.INVESTIGATING),  # overdue once past the resolve day
    (_K.ACKNOWLEDGED, _K.INVESTIGATING, _K.RESOLVED),
    (_K.ACKNOWLEDGED, _K.INVESTIGATING, _K.RESOLVED, _K.CLOSED),  # accepted
    (_K.ACKNOWLEDGED, _K.INVESTIGATING, _K.RESOLVED, _K.CLOSED),  # accepted
    (_K.ACKNOWLEDGED, _K.INVESTIGATING, _K.RESOLVED, _K.CLOSED),  # escalated
    (_K.ACKNOWLEDGED, _K.INVESTIGATING, _K.RESOLVED, _K.CLOSED, _K.REOPENED),
    (_K.DRAFTED,),
    (_K.DRAFTED, _K.DISMISSED),
    (_K.DRAFTED, _K.RECEIVED, _K.ACKNOWLEDGED),
)
ESCALATED_STORY = 6

WORDS: dict[ComplaintCategory, tuple[str, ...]] = {
    ComplaintCategory.DELAY: (
        "说好五个工作日修好，现在还没消息，打电话也没人接。",
        "等了一个多星期，手机还在店里，工作都耽误了。",
    ),
    ComplaintCategory.REPAIR_QUALITY: (
        "刚修好两天又出现同样的问题，屏幕还是闪。",
        "修完以后充电口松动，之前没有这个问题。",
    ),
    ComplaintCategory.ATTITUDE: (
        "前台工作人员说话很不耐烦，问两句就不理人。",
        "打热线被转了三次，没人能说清楚进度。",
    ),
    ComplaintCategory.PRICE: (
        "报价和最后收费不一样，多收了一百多块。",
        "保修期内还要收检测费，不合理。",
    ),
    ComplaintCategory.OTHER: ("取机时发现外壳多了一道划痕。",),
}
REQUESTS = ("尽快修好并给个说法", "退还多收的费用", "要求换新机", "希望店长出面处理", "")
CALLBACKS = ("已电话致歉并说明进度", "已回电，约定三天内答复", "已联系客户，客户同意等待调查")
FINDINGS = (
    ("配件缺货未及时告知客户，延误属实", True, "加急调货维修，并按政策补偿"),
    ("检测记录显示按流程操作，收费符合价目表", False, "向客户解释收费明细"),
    ("维修后未做完整测试，返修属实", True, "免费返修并延长保修"),
)
NOTES_REOPEN = "客户再次来电，表示问题仍未解决"
NOTES_ESCALATE = "客户不接受处理结果，要求店长处理"
NOTES_DISMISS = "回电确认客户已满意，评分误操作"


@dataclass(frozen=True)
class _JobRef:
    id: int
    customer_id: int
    checked_in_at: datetime


@dataclass
class _Record:
    """One complaint's row and its events, kept as the register keeps them."""

    row: dict
    calendar: WorkCalendar
    days: int
    events: list[dict] = field(default_factory=list)

    def event(
        self, kind: ComplaintEventKind, who: int, when: datetime, note: str = "", **facts: object
    ) -> None:
        """An event of the complaint; the step's target state, the last event time and a new
        version on the row."""
        row = self.row
        previous = row["state"] if self.events else None
        if kind is not _K.DRAFTED:
            row["state"] = STEPS[kind].target.value if kind in STEPS else row["state"]
        self.events.append(
            {
                "complaint_id": row["id"],
                "at": when,
                "user_id": who,
                "kind": kind.value,
                "from_state": previous,
                "to_state": row["state"],
                "note": note,
                "payload": queries.encode_payload(facts),
            }
        )
        row["last_event_at"] = when
        row["version"] += 1

    def start_clocks(self, moment: datetime) -> None:
        """The register's clocks from registration on; numbered by this moment."""
        self.row["acknowledge_due_at"] = acknowledge_due(moment)
        self.row["resolve_due_date"] = resolve_due_date(self.calendar, moment, self.days)
        self.row["_numbered_at"] = moment


def add_demo_complaints(
    database: Database,
    now: datetime,
    staff: dict[Role, list[int]],
    rng: random.Random,
    calendar: WorkCalendar,
) -> int:
    """Adds the demo's complaints; returns how many."""
    with database.read() as session:
        job_ids = list(session.scalars(select(Job.id).order_by(Job.id)))
        settings = session.get(ShopSettings, 1)
        days = settings.complaint_resolve_days if settings is not None else 5
        next_id = (session.scalar(select(func.max(Complaint.id))) or 0) + 1
        counters = {
            row.day: row.last
            for row in session.scalars(
                select(DocumentCounter).where(DocumentCounter.series == NUMBER_SERIES)
            )
        }
    if not job_ids:
        return 0
    wanted = min(MAX_COMPLAINTS, max(len(STORIES) * 2, len(job_ids) // JOBS_PER_COMPLAINT))
    chosen = sorted(rng.sample(job_ids, min(wanted, len(job_ids))))
    with database.read() as session:
        jobs = [
            _JobRef(row.id, row.customer_id, row.checked_in_at)
            for row in session.execute(
                select(Job.id, Job.customer_id, Job.checked_in_at)
                .where(Job.id.in_(chosen))
                .order_by(Job.id)
            )
        ]
    people = [uid for role in (Role.CLERK, Role.MANAGER) for uid in staff.get(role, [])]
    managers = staff.get(Role.MANAGER) or people
    complaints: list[dict] = []
    events: list[dict] = []
    for index, job in enumerate(jobs):
        story = STORIES[index % len(STORIES)]
        row, story_events = _complaint(
            next_id + index, job, story, index, now, days, calendar, people, managers, rng
        )
        complaints.append(row)
        events += story_events
    _number(complaints, counters)
    with database.write() as session:
        session.execute(insert(Complaint.__table__), complaints)
        session.execute(insert(ComplaintEvent.__table__), events)
        _save_counters(session, counters)
        # Imported here: demo.py calls this module from DemoGenerator.run.
        from desktop_app.services.demo import _advance_id_sequences

        _advance_id_sequences(session, (Complaint,))
    return len(complaints)


def _complaint(
    complaint_id: int,
    job: _JobRef,
    story: Sequence[ComplaintEventKind],
    index: int,
    now: datetime,
    days: int,
    calendar: WorkCalendar,
    people: list[int],
    managers: list[int],
    rng: random.Random,
) -> tuple[dict, list[dict]]:
    """One complaint about the job, registered (or drafted) and taken through its story's
    steps; its row and its events."""
    category = list(ComplaintCategory)[index % len(ComplaintCategory)]
    drafted = bool(story) and story[0] is _K.DRAFTED
    latest = now - timedelta(hours=1)
    received = _received_at(job, story, index, now, latest, rng)
    receiver = rng.choice(people)
    channel = _channel(drafted, index)
    row = _row(complaint_id, job, category, channel, drafted, received, receiver, rng)
    record = _Record(row, calendar, days)
    if drafted:
        record.event(_K.DRAFTED, receiver, received)
    else:
        record.start_clocks(received)
        record.event(_K.RECEIVED, receiver, received)
    at = received
    for kind in story[1:] if drafted else story:
        # Each step a little later, never in the future.
        at = min(at + _step_delay(kind, rng), latest)
        who = rng.choice(managers if STEPS[kind].manager_only else people)
        _take_step(record, kind, who, at, index, rng)
    return record.row, record.events


def _channel(drafted: bool, index: int) -> ComplaintChannel:
    """A draft comes from a follow-up call; the others by turns from each channel."""
    if drafted:
        return ComplaintChannel.FOLLOW_UP
    return (ComplaintChannel.HOTLINE, ComplaintChannel.COUNTER, ComplaintChannel.ONLINE)[index % 3]


def _received_at(
    job: _JobRef,
    story: Sequence[ComplaintEventKind],
    index: int,
    now: datetime,
    latest: datetime,
    rng: random.Random,
) -> datetime:
    """Most complaints come a few days after the check-in; every 5th waiting one is old
    (overdue)."""
    received = min(job.checked_in_at + timedelta(days=rng.randint(2, 12)), latest)
    if len(story) <= 2 and index % 5 == 0:
        received = min(received, now - timedelta(days=12))
    return received.replace(microsecond=0)


def _row(
    complaint_id: int,
    job: _JobRef,
    category: ComplaintCategory,
    channel: ComplaintChannel,
    drafted: bool,
    received: datetime,
    receiver: int,
    rng: random.Random,
) -> dict:
    """The complaint as received, or as drafted: the customer's words and, unless a draft, what
    they ask for; no number and no clocks yet."""
    return {
        "id": complaint_id,
        "number": None,
        "state": ComplaintState.DRAFT.value if drafted else ComplaintState.RECEIVED.value,
        "channel": channel.value,
        "category": category.value,
        "customer_id": job.customer_id,
        "job_id": job.id,
        "words": rng.choice(WORDS[category]),
        "request": "" if drafted else rng.choice(REQUESTS),
        "received_at": received,
        "received_by_id": receiver,
        "acknowledge_due_at": None,
        "acknowledged_at": None,
        "acknowledged_by_id": None,
        "resolve_due_date": None,
        "resolved_at": None,
        "finding": "",
        "shop_at_fault": None,
        "resolution": "",
        "closed_at": None,
        "closing": "",
        "last_event_at": received,
        "version": 1,
    }


def _step_delay(kind: ComplaintEventKind, rng: random.Random) -> timedelta:
    """How long after the previous step this one comes: a call back mostly within the day."""
    if kind is _K.ACKNOWLEDGED:
        return timedelta(hours=rng.randint(1, 20))
    return timedelta(hours=rng.randint(4, 60))


def _take_step(
    record: _Record,
    kind: ComplaintEventKind,
    who: int,
    at: datetime,
    index: int,
    rng: random.Random,
) -> None:
    """One step of the story, with the facts it sets on the complaint."""
    row = record.row
    if kind is _K.RECEIVED:
        record.start_clocks(at)
        record.event(kind, who, at)
    elif kind is _K.ACKNOWLEDGED:
        row["acknowledged_at"], row["acknowledged_by_id"] = at, who
        record.event(kind, who, at, rng.choice(CALLBACKS))
    elif kind is _K.INVESTIGATING:
        record.event(kind, who, at)
    elif kind is _K.RESOLVED:
        finding = FINDINGS[index % len(FINDINGS)]
        row["resolved_at"] = at
        row["finding"], row["shop_at_fault"], row["resolution"] = finding
        record.event(kind, who, at, finding[2], finding=finding[0], shop_at_fault=finding[1])
    elif kind is _K.CLOSED:
        escalated = index % len(STORIES) == ESCALATED_STORY
        closing = ComplaintClosing.ESCALATED if escalated else ComplaintClosing.ACCEPTED
        row["closed_at"], row["closing"] = at, closing.value
        record.event(kind, who, at, NOTES_ESCALATE if escalated else "", closing=closing.value)
    elif kind is _K.REOPENED:
        row["resolved_at"] = row["closed_at"] = None
        row["closing"] = ""
        record.event(kind, who, at, NOTES_REOPEN)
    elif kind is _K.DISMISSED:
        record.event(kind, who, at, NOTES_DISMISS)


def _number(complaints: list[dict], counters: dict[str, int]) -> None:
    """Numbers in the order the complaints were registered, per day, after any already given."""
    numbered = sorted(
        (row for row in complaints if row.get("_numbered_at") is not None),
        key=lambda row: (row["_numbered_at"], row["id"]),
    )
    for row in numbered:
        moment = row["_numbered_at"]
        day = f"{moment:%Y%m%d}"
        counters[day] = counters.get(day, 0) + 1
        row["number"] = complaint_number(moment, counters[day])
    for row in complaints:
        row.pop("_numbered_at", None)


def _save_counters(session: Session, counters: dict[str, int]) -> None:
    existing = {
        row.day: row
        for row in session.scalars(
            select(DocumentCounter).where(DocumentCounter.series == NUMBER_SERIES)
        )
    }
    for day, last in counters.items():
        row = existing.get(day)
        if row is None:
            session.add(DocumentCounter(series=NUMBER_SERIES, day=day, last=last))
        elif row.last < last:
            row.last = last
