"""The periodic evaluation's indexes: every figure counts one period's rows by a time column.

The jobs that became ready for pickup in a period (the repair rate and working days taken), the
follow-up calls made in it, and the compensation decided or proposed in it are read by range on
these columns; without them each report would read the whole table.

The return-time index of migration 0008 (one column, for the follow-up's list of a day's returns)
is widened to hold what the evaluation reads of the jobs returned in a period (their scores, the
repairs a repeat looks back on) and of the jobs still open at a period's end, so that those
passes read the index alone, never the (wide) job rows. Its first column is unchanged, so the
follow-up's list uses it as before.

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


RETURNED_AT = "ix_jobs_returned_at"
RETURNED_AT_COLUMNS = [
    "returned_at",
    "status",
    "outcome",
    "technician_id",
    "satisfaction_score",
    "product_id",
    "checked_in_at",
    "ready_at",
    "repair_due_date",
]


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    op.drop_index(RETURNED_AT, table_name="jobs")
    op.create_index(RETURNED_AT, "jobs", RETURNED_AT_COLUMNS, unique=False)


def downgrade() -> None:
    op.drop_index(RETURNED_AT, table_name="jobs")
    op.create_index(RETURNED_AT, "jobs", ["returned_at"], unique=False)
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
