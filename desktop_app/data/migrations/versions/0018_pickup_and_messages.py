"""Pickup and customer messages (issue 16): the shop's pickup delay and message templates, and
the indexes the pickup list reads.

`pickup_after_days`: a ready job not collected after so many days is on the pickup list.
`message_templates`: the four customer messages as JSON ("" = the Chinese defaults of
domain/messages.py). `ix_jobs_status_ready_at`: the ready jobs since before a day, without
reading the others. `ix_job_events_job_id_kind_at`: a listed job's reminders (its messages since
it became ready), counted and dated from the index.

Revision ID: 0018
Revises: 0013
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "shop_settings",
        sa.Column("pickup_after_days", sa.Integer(), server_default="7", nullable=False),
    )
    op.add_column(
        "shop_settings",
        sa.Column("message_templates", sa.Text(), server_default="", nullable=False),
    )
    op.create_index("ix_jobs_status_ready_at", "jobs", ["status", "ready_at"])
    op.create_index("ix_job_events_job_id_kind_at", "job_events", ["job_id", "kind", "at"])


def downgrade() -> None:
    op.drop_index("ix_job_events_job_id_kind_at", table_name="job_events")
    op.drop_index("ix_jobs_status_ready_at", table_name="jobs")
    # Plain DROP COLUMN (SQLite 3.35+), as 0012's downgrade does.
    op.drop_column("shop_settings", "message_templates")
    op.drop_column("shop_settings", "pickup_after_days")
