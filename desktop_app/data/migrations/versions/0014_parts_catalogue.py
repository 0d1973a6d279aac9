"""The parts catalogue, the repair's own warranty and repeat repairs (issue 16).

- `parts`: name, part number (unique by its normalised key), the models it fits (JSON), price in
  cents, stock, active, version;
- `job_lines.part_id` (the catalogue part a line took from stock) and `job_lines.model_reason`
  (why a part not listed for the product's model was used);
- `jobs.repeat_of`: the earlier job a repeat repair repeats ("" for none);
- `shop_settings.repair_warranty_days` (default 90).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("part_number", sa.String(60), nullable=False),
        sa.Column("number_key", sa.String(60), nullable=False),
        sa.Column("models", sa.Text(), nullable=False),
        sa.Column("unit_price_cents", sa.BigInteger(), nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_parts_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parts")),
        sa.UniqueConstraint("number_key", name=op.f("uq_parts_number_key")),
    )
    with op.batch_alter_table("job_lines") as batch:
        batch.add_column(sa.Column("part_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("model_reason", sa.Text(), server_default="", nullable=False))
        batch.create_foreign_key(op.f("fk_job_lines_part_id_parts"), "parts", ["part_id"], ["id"])
        batch.create_index(op.f("ix_job_lines_part_id"), ["part_id"])
    op.add_column("jobs", sa.Column("repeat_of", sa.String(20), server_default="", nullable=False))
    op.add_column(
        "shop_settings",
        sa.Column("repair_warranty_days", sa.Integer(), server_default="90", nullable=False),
    )


def downgrade() -> None:
    op.drop_column("shop_settings", "repair_warranty_days")
    op.drop_column("jobs", "repeat_of")
    with op.batch_alter_table("job_lines") as batch:
        batch.drop_index(op.f("ix_job_lines_part_id"))
        batch.drop_constraint(op.f("fk_job_lines_part_id_parts"), type_="foreignkey")
        batch.drop_column("model_reason")
        batch.drop_column("part_id")
    op.drop_table("parts")
