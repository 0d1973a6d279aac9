"""The audit trail cannot be rewritten with REPLACE (SQLite).

0001 made job_events append-only with triggers that refuse UPDATE and DELETE. SQLite's
`REPLACE INTO job_events …` and `INSERT OR REPLACE INTO job_events …` with an existing id got
past them: the conflicting row is deleted without firing delete triggers (unless the connection
turned `recursive_triggers` on) and the new one inserted, so an event could be rewritten. A
trigger now refuses any insert that names the id of an event already there, whatever the
statement's conflict clause, for every connection (the sqlite3 shell included).

PostgreSQL has no REPLACE, and `INSERT … ON CONFLICT DO UPDATE` fires the update trigger
already; there, roles keep the app from disabling triggers (desktop_app/data/roles.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TRIGGER = "job_events_no_replace"
# The same words as 0001's append-only triggers (a frozen copy: migrations do not change).
APPEND_ONLY_MESSAGE = "job events are append-only: record a correction event instead"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT ON job_events "
        "WHEN EXISTS (SELECT 1 FROM job_events WHERE id = new.id) "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
