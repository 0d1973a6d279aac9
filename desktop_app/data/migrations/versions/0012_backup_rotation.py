"""The shop's backup rotation: how many daily, weekly and monthly automatic backups are kept.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = (("backup_keep_daily", "7"), ("backup_keep_weekly", "4"), ("backup_keep_monthly", "12"))


def upgrade() -> None:
    for name, default in COLUMNS:
        op.add_column(
            "shop_settings",
            sa.Column(name, sa.Integer(), server_default=default, nullable=False),
        )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), as 0008's downgrade does.
    for name, _default in reversed(COLUMNS):
        op.drop_column("shop_settings", name)
