"""Backups of the whole database: what one is (a snapshot the window lists), which of the
automatic ones are kept (the shop's rotation: so many daily, weekly and monthly), and the
refusals of a file that cannot be restored. Plain Python: data/backup.py writes and reads the
files, services/backup.py acts for a manager."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from desktop_app.domain.errors import RuleRefusal
from desktop_app.domain.text import N_

# The shop's rotation (shop settings): the newest backup of each of the last N days, ISO weeks
# and months that have one is kept; the union of the three is kept, the rest deleted.
DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
DEFAULT_KEEP_MONTHLY = 12
# At least the newest day is always kept; at most a season of days, a year of weeks, ten years
# of months (each backup is a whole database: more would fill a disk unnoticed).
KEEP_DAILY_RANGE = (1, 90)
KEEP_WEEKLY_RANGE = (0, 52)
KEEP_MONTHLY_RANGE = (0, 120)


@dataclass(frozen=True)
class Rotation:
    daily: int = DEFAULT_KEEP_DAILY
    weekly: int = DEFAULT_KEEP_WEEKLY
    monthly: int = DEFAULT_KEEP_MONTHLY


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as the restore dialog lists it (read from its manifest)."""

    path: str
    created_at: datetime  # local time, when the copy was taken
    size: int  # bytes of the file
    job_count: int
    revision: str  # the schema revision of the database it holds
    automatic: bool  # made at a start or a quit (rotated), or asked for (kept until deleted)


@dataclass(frozen=True)
class BackupMade:
    """What a backup wrote: the file and its size (the window's and the command's message)."""

    path: str
    size: int
    job_count: int
    seconds: float


@dataclass(frozen=True)
class RestoreDone:
    """A restore: which backup, and where the database that was replaced was kept."""

    restored: str
    kept_aside: str | None  # None when there was no database to keep
    job_count: int


def backups_to_keep(created: Iterable[datetime], rotation: Rotation) -> set[datetime]:
    """Of automatic backups taken at `created`, those the rotation keeps: the newest of each of
    the `daily` most recent days that have a backup, likewise for ISO weeks and months. The
    newest backup is always kept (daily is at least 1)."""
    times = sorted(set(created), reverse=True)
    kept: set[datetime] = set()
    for count, period in (
        (max(rotation.daily, 1), lambda t: t.date()),
        (rotation.weekly, lambda t: t.isocalendar()[:2]),
        (rotation.monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for time in times:  # newest first: the first of each period is its newest
            key = period(time)
            if key in seen:
                continue
            if len(seen) == count:
                break
            seen.append(key)
            kept.add(time)
    return kept


class BackupRefused(RuleRefusal):
    """A file that cannot be restored (or a backup that cannot be made); nothing was changed."""


NOT_A_BACKUP = N_(
    "{path} is not a Repair Counter backup; nothing was changed. Choose a backup file "
    "(made by Back up now, `repair-counter backup` or the automatic backups)."
)
NEWER_BACKUP = N_(
    "{path} is a backup of a newer Repair Counter (database revision {revision}; this one "
    "knows up to {known}); nothing was changed. Update the application first."
)
DAMAGED_BACKUP = N_(
    "{path} is a damaged or incomplete backup ({detail}); nothing was changed. Choose "
    "another backup."
)
