"""A 7-day return is inspected within days: the demo left a third of its old returns (checked
in months ago) still "inspecting" (24 of 31 inspecting jobs in a 3,000-job demo were from June
to October)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from desktop_app.data.db import Database
from desktop_app.services.demo import DemoGenerator

NOW = datetime(2026, 11, 30, 0, 50)


def test_no_demo_return_waits_weeks_for_its_inspection(database: Database):
    DemoGenerator(database, seed=2026).run(3000, NOW)
    with database.engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT status, checked_in_at FROM jobs WHERE status = 'inspecting'")
        ).all()
        returns = connection.execute(
            sa.text("SELECT count(*) FROM jobs WHERE status IN ('refunded', 'exchanged')")
        ).scalar_one()
    assert rows, "the demo shows returns being inspected"
    assert returns > 0
    checked_in = [
        value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
        for _status, value in rows
    ]
    assert all(NOW - moment < timedelta(days=14) for moment in checked_in)
