"""Bench and hand-back: outcome, work done, accessories returned, payment, refund, replacement.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TEXT_COLUMNS = (
    ("outcome", sa.String(length=20)),
    ("work_done", sa.Text()),
    ("accessories_returned", sa.Text()),
    ("payment_method", sa.String(length=20)),
    ("replacement_model", sa.String(length=120)),
    ("replacement_serial", sa.String(length=120)),
)


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        for name, type_ in TEXT_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=""))
        batch_op.add_column(sa.Column("amount_paid_cents", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("refund_cents", sa.BigInteger(), nullable=True))
        batch_op.create_index("ix_jobs_status_last_event_at", ["status", "last_event_at"])


def downgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index("ix_jobs_status_last_event_at")
        batch_op.drop_column("refund_cents")
        batch_op.drop_column("amount_paid_cents")
        for name, _type in reversed(TEXT_COLUMNS):
            batch_op.drop_column(name)
