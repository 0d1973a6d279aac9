"""A paid job's quotation and the customer's approval (issue 16).

New table `quotations`: each version of a job's quotation with its lines frozen as JSON, the
total in cents, the day it is valid until, who wrote it and when, and the customer's answer
(approved by phone or signature, a manager's override, or declined with the inspection fee of
that day). The shop gains its inspection fee, charged when a quotation is declined (0 by
default: nothing).

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "shop_settings",
        sa.Column("inspection_fee_cents", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.create_table(
        "quotations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("diagnosis", sa.Text(), nullable=False),
        sa.Column("lines_json", sa.Text(), nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("written_by_id", sa.Integer(), nullable=False),
        sa.Column("approved_via", sa.String(length=20), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.Column("called_at", sa.DateTime(), nullable=True),
        sa.Column("answered_by", sa.String(length=120), nullable=False),
        sa.Column("override_reason", sa.Text(), nullable=False),
        sa.Column("declined_at", sa.DateTime(), nullable=True),
        sa.Column("declined_by_id", sa.Integer(), nullable=True),
        sa.Column("decline_note", sa.Text(), nullable=False),
        sa.Column("inspection_fee_cents", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by_id"], ["users.id"], name=op.f("fk_quotations_approved_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["declined_by_id"], ["users.id"], name=op.f("fk_quotations_declined_by_id_users")
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_quotations_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["written_by_id"], ["users.id"], name=op.f("fk_quotations_written_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotations")),
    )
    op.create_index("ix_quotations_job_id_number", "quotations", ["job_id", "number"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_quotations_job_id_number", table_name="quotations")
    op.drop_table("quotations")
    # Plain DROP COLUMN (SQLite 3.35+), as 0012's downgrade does.
    op.drop_column("shop_settings", "inspection_fee_cents")
