"""SQLite: the evaluation's stale-day triggers take a moment's day from its text (issue 15,
found in review).

Migration 0020's triggers numbered a moment's day `CAST(julianday(moment) - 2440587.5 AS
INTEGER)`. SQLite's julianday rounds the time of day to the millisecond, so a moment in the last
half-millisecond of a day ("2026-11-29 23:59:59.999700", as the counter stores them) counted as
the next day: a write to such a job marked the wrong day stale, and the day it was on kept a
summary that no longer held. The day is now that of the text's first ten characters (the date,
exactly midnight in julianday: no rounding), as data/evaluation.py `day_number` reads it.

The triggers are rewritten from their own text in `sqlite_master` (only the day's expression
changes), and every day a summary row of such a job is kept under (its check-in, ready and
return days), and the days after them, are marked stale: their summaries are counted again by
the next report. The repeat window's "so many days before the check-in" is taken from the
date's text too (`days_before`: SQLite's date() with a modifier rounds the same way).
PostgreSQL's triggers cast to DATE, which does not round: nothing to do there.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_ROUNDED = re.compile(r"CAST\(julianday\(([\w.]+)\) - 2440587\.5 AS INTEGER\)")
_EXACT = re.compile(r"CAST\(julianday\(substr\(([\w.]+), 1, 10\)\) - 2440587\.5 AS INTEGER\)")
# The moments in a day's last half-millisecond, which julianday rounds up to the next day.
_LAST_HALF_MS = "23:59:59.9995"
_MOMENTS = ("checked_in_at", "ready_at", "returned_at")


def _rewrite(pattern: re.Pattern[str], replacement: str) -> None:
    bind = op.get_bind()
    triggers = bind.execute(
        sa.text(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'trigger' AND name LIKE 'evaluation\\_stale\\_%' ESCAPE '\\'"
        )
    ).all()
    for name, sql in triggers:
        rewritten, count = pattern.subn(replacement, sql)
        if "julianday(" in sql and count == 0:
            raise RuntimeError(f"trigger {name} does not read its days as migration 0020 wrote")
        bind.exec_driver_sql(f'DROP TRIGGER "{name}"')
        bind.exec_driver_sql(rewritten)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rewrite(_ROUNDED, r"CAST(julianday(substr(\1, 1, 10)) - 2440587.5 AS INTEGER)")
    # A job with any of its moments in a day's last half-millisecond: every day a summary row
    # of it is kept under (check-in, ready, return: a ready row also holds the check-in day)
    # and each next day, where the rounding may have put it.
    late = " OR ".join(f"substr({c}, 12) >= '{_LAST_HALF_MS}'" for c in _MOMENTS)
    for column in _MOMENTS:
        for shift in (0, 1):
            op.execute(
                "INSERT INTO evaluation_stale (day) SELECT DISTINCT "
                f"CAST(julianday(substr({column}, 1, 10)) - 2440587.5 AS INTEGER) + {shift} "
                f"FROM jobs WHERE {column} IS NOT NULL AND ({late})"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _rewrite(_EXACT, r"CAST(julianday(\1) - 2440587.5 AS INTEGER)")
