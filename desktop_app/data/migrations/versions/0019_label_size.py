"""The device tag label's size (issue 16): the label stock the shop's label printer takes.

Revision ID: 0019
Revises: 0013
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "shop_settings",
        sa.Column("label_size", sa.String(10), server_default="50x30", nullable=False),
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite 3.35+), as 0008's downgrade does.
    op.drop_column("shop_settings", "label_size")
