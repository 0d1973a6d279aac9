"""The evaluation's repeat-repair pass: the jobs of a product by check-in time.

The repeat pass (data/evaluation._repeat_figures) goes from each repair handed back in the
report's range to the products of the same serial, and from those to their jobs checked in
within the range. With the one-column product index it read every job the product ever had (a
shop's regular customers bring the same serial back year after year: the pass grew with the
table's history, not with the period); with the check-in time beside the product it reads the
range only. Its first column is unchanged, so every lookup by product uses it as before.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

PRODUCT_ID = "ix_jobs_product_id"


def upgrade() -> None:
    op.drop_index(PRODUCT_ID, table_name="jobs")
    op.create_index(PRODUCT_ID, "jobs", ["product_id", "checked_in_at"], unique=False)


def downgrade() -> None:
    op.drop_index(PRODUCT_ID, table_name="jobs")
    op.create_index(PRODUCT_ID, "jobs", ["product_id"], unique=False)
