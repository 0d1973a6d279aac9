"""The demo's reminders (SQLite and PostgreSQL): a share of the ready jobs told once or more,
in shop hours after the job became ready, with the shop's "ready" text; the same rows for the
same seed; the pickup list reads them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job, JobEvent, ShopSettings
from desktop_app.domain.vocabulary import EventKind
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.services.demo_staff import DEMO_SHOP_HOTLINE, DEMO_SHOP_NAME
from tests.helpers import FAST_PASSWORDS, FakeClock

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def reminders(database: Database) -> list[tuple]:
    with database.read() as session:
        return [
            tuple(row)
            for row in session.execute(
                select(
                    JobEvent.job_id,
                    JobEvent.at,
                    JobEvent.user_id,
                    JobEvent.payload,
                    Job.ready_at,
                    Job.number,
                    Job.status,
                )
                .join(Job, Job.id == JobEvent.job_id)
                .where(JobEvent.kind == EventKind.CUSTOMER_MESSAGED.value)
                .order_by(JobEvent.id)
            )
        ]


def demo(database: Database) -> None:
    """The demo as `repair-counter demo` makes it: the shop named first (a message names the
    shop and its hotline; without them nothing is sent, as in the window)."""
    with database.write() as session:
        shop = session.get(ShopSettings, 1)
        shop.name, shop.hotline = DEMO_SHOP_NAME, DEMO_SHOP_HOTLINE
    DemoGenerator(database, seed=11).run(800, NOW)


def test_no_shop_name_no_reminders(sqlite_url: str) -> None:
    database = open_database(sqlite_url)
    try:
        DemoGenerator(database, seed=11).run(300, NOW)
        assert reminders(database) == []
    finally:
        database.dispose()


def test_demo_reminders(database: Database, tmp_path) -> None:
    demo(database)
    rows = reminders(database)
    assert rows, "the demo sends some reminders"
    for _job, at, _user, payload, ready_at, number, status in rows:
        facts = json.loads(payload)
        assert status == "ready_for_pickup" and ready_at < at < NOW
        assert 9 <= at.hour < 19 or at.date() == ready_at.date()
        assert facts["message"] == "ready" and number in facts["text"]
        assert facts["channel"] in ("sms", "wechat", "copied")
    listed = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS).pickup.waiting(None)
    told = [row for row in listed if row.reminders]
    assert told and any(row.reminders == 0 for row in listed)
    # The same seed, the same reminders (a fresh SQLite file beside the first database).
    again = open_database(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        demo(again)
        assert reminders(again) == rows
    finally:
        again.dispose()
