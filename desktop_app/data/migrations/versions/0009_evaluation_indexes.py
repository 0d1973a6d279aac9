"""The periodic evaluation's indexes: every figure counts one period's rows by a time column.

The jobs that became ready for pickup in a period (the repair rate and working days taken), the
follow-up calls made in it, and the compensation decided or proposed in it are read by range on
these columns; without them each report would read the whole table.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# (index, table, columns): the names the models' naming convention gives the one-column ones.
# The jobs' index holds every column the count of the jobs ready in a period reads, so that
# count never visits the (wide) job rows.
INDEXES = (
    ("ix_jobs_ready_at", "jobs", ["ready_at", "checked_in_at", "repair_due_date", "technician_id"]),
    ("ix_surveys_at", "surveys", ["at"]),
    ("ix_compensations_decided_at", "compensations", ["decided_at"]),
    ("ix_compensations_proposed_at", "compensations", ["proposed_at"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
