"""People: passwords, lock-outs, the staff record, and the idle time before the window locks.

Users get an argon2id password hash (None until they choose one), a flag for a password a
manager reset, and their run of wrong passwords. `staff_events` records every sign-in, failure
and lock-out with its workstation, and every change to an account with who made it; like
job_events it is append-only, enforced by the database.

The account the first migration seeded has no password: on a new database the setup turns it
into the shop's first manager; on a database with work on it, its manager chooses a password at
the next start (services/auth.py decides which).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "staff events are append-only"


def upgrade() -> None:
    # Plain ADD COLUMN on both backends: a batch copy of `users` on SQLite would drop the table
    # every job refers to, which the foreign keys refuse.
    op.add_column("users", sa.Column("password_hash", sa.String(length=200), nullable=True))
    op.add_column(
        "users",
        sa.Column("must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column(
        "users", sa.Column("failed_sign_ins", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("users", sa.Column("last_failed_sign_in_at", sa.DateTime(), nullable=True))
    op.add_column(
        "users", sa.Column("access_version", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column(
        "shop_settings",
        sa.Column("idle_lock_minutes", sa.Integer(), nullable=False, server_default="10"),
    )
    op.create_table(
        "staff_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("workstation", sa.String(length=255), nullable=False, server_default=""),
        sa.Column("payload", sa.Text(), nullable=False, server_default="{}"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_staff_events_user_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_staff_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_events")),
    )
    with op.batch_alter_table("staff_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staff_events_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_staff_events_user_id"), ["user_id"], unique=False)
    _make_append_only()


def _make_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER staff_events_no_{verb.lower()} BEFORE {verb} ON staff_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
        op.execute(
            "CREATE TRIGGER staff_events_no_replace BEFORE INSERT ON staff_events "
            "WHEN EXISTS (SELECT 1 FROM staff_events WHERE id = new.id) "
            f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
        )
        return
    op.execute(
        "CREATE FUNCTION staff_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
    )
    op.execute(
        "CREATE TRIGGER staff_events_append_only BEFORE UPDATE OR DELETE ON staff_events "
        "FOR EACH ROW EXECUTE FUNCTION staff_events_append_only()"
    )
    op.execute(
        "CREATE TRIGGER staff_events_no_truncate BEFORE TRUNCATE ON staff_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION staff_events_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("no_update", "no_delete", "no_replace"):
            op.execute(f"DROP TRIGGER IF EXISTS staff_events_{name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS staff_events_append_only ON staff_events")
        op.execute("DROP TRIGGER IF EXISTS staff_events_no_truncate ON staff_events")
        op.execute("DROP FUNCTION IF EXISTS staff_events_append_only()")
    op.drop_table("staff_events")
    # Plain DROP COLUMN (SQLite 3.35+), for the same reason as in upgrade().
    op.execute("ALTER TABLE shop_settings DROP COLUMN idle_lock_minutes")
    for column in (
        "access_version",
        "last_failed_sign_in_at",
        "failed_sign_ins",
        "must_change_password",
    ):
        op.execute(f"ALTER TABLE users DROP COLUMN {column}")
    op.execute("ALTER TABLE users DROP COLUMN password_hash")
