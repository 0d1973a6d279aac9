"""Devices ready but not collected: which jobs the pickup list shows, and what it says of them.

A job ready for pickup waits at the counter. After `after_days` days (the shop's setting,
default 7) without the customer coming it is on the list, the longest waiting first, with the
reminders sent since it became ready (a "ready for pickup" message, domain/messages.py), so the
clerk sees who was already told and when.

The day count is calendar days from the day it became ready: ready on the 1st with the setting
at 7, it is on the list from the 8th (waiting 7 days), not on the 7th (6 days).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DEFAULT_PICKUP_AFTER_DAYS = 7
MINIMUM_PICKUP_AFTER_DAYS = 1
MAXIMUM_PICKUP_AFTER_DAYS = 90


def ready_before(today: date, after_days: int) -> datetime:
    """Jobs that became ready before this moment have waited `after_days` days or more today."""
    return datetime.combine(today - timedelta(days=after_days - 1), time.min)


def days_waiting(ready_at: datetime, today: date) -> int:
    return (today - ready_at.date()).days


@dataclass(frozen=True)
class PickupRow:
    """One device waiting for its customer."""

    job_id: int
    number: str
    ready_at: datetime
    days_waiting: int
    customer_name: str
    masked_phone: str
    product: str
    total_cents: int
    reminders: int  # "ready" messages sent since the job became ready
    last_reminder_at: datetime | None
    version: int
