"""Initial schema: jobs and their append-only events, customers, products, users, shop settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "calendar_overrides",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_calendar_overrides")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_customers_phone"), ["phone"], unique=False)

    op.create_table(
        "job_number_counters",
        sa.Column("day", sa.String(length=8), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_job_number_counters")),
    )
    op.create_table(
        "shop_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("hotline", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=False),
        sa.Column("default_warranty_months", sa.Integer(), nullable=False),
        sa.Column("receipt_paper", sa.String(length=10), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shop_settings")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("display_name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_table(
        "products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("brand", sa.String(length=120), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("serial", sa.String(length=120), nullable=False),
        sa.Column("purchase_date", sa.Date(), nullable=False),
        sa.Column("warranty_months", sa.Integer(), nullable=False),
        sa.Column("voucher_number", sa.String(length=120), nullable=False),
        sa.Column("warranty_card_number", sa.String(length=120), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_products_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_products_serial"), ["serial"], unique=False)

    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("service_requested", sa.String(length=20), nullable=False),
        sa.Column("coverage", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("voucher_presented", sa.Boolean(), nullable=False),
        sa.Column("warranty_card_presented", sa.Boolean(), nullable=False),
        sa.Column("product_presented", sa.Boolean(), nullable=False),
        sa.Column("verdict_json", sa.Text(), nullable=False),
        sa.Column("warranty_end", sa.Date(), nullable=False),
        sa.Column("return_window_end", sa.Date(), nullable=False),
        sa.Column("manager_override_reason", sa.Text(), nullable=False),
        sa.Column("fault_description", sa.Text(), nullable=False),
        sa.Column("usage_description", sa.Text(), nullable=False),
        sa.Column("condition_on_arrival", sa.Text(), nullable=False),
        sa.Column("accessories_received", sa.Text(), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(), nullable=False),
        sa.Column("checked_in_by_id", sa.Integer(), nullable=False),
        sa.Column("response_due_at", sa.DateTime(), nullable=False),
        sa.Column("first_response_at", sa.DateTime(), nullable=True),
        sa.Column("repair_due_date", sa.Date(), nullable=False),
        sa.Column("ready_at", sa.DateTime(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=True),
        sa.Column("technician_id", sa.Integer(), nullable=True),
        sa.Column("not_quality_reason", sa.Text(), nullable=False),
        sa.Column("diagnosis", sa.Text(), nullable=False),
        sa.Column("satisfaction_score", sa.Integer(), nullable=True),
        sa.Column("satisfaction_comment", sa.Text(), nullable=False),
        sa.Column("last_event_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["checked_in_by_id"], ["users.id"], name=op.f("fk_jobs_checked_in_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_jobs_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["product_id"], ["products.id"], name=op.f("fk_jobs_product_id_products")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_jobs_technician_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("number", name=op.f("uq_jobs_number")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index("ix_jobs_checked_in_at_id", ["checked_in_at", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_jobs_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_jobs_product_id"), ["product_id"], unique=False)
        batch_op.create_index(
            "ix_jobs_status_repair_due_date", ["status", "repair_due_date"], unique=False
        )
        batch_op.create_index(
            "ix_jobs_status_response_due_at", ["status", "response_due_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_jobs_technician_id"), ["technician_id"], unique=False)

    op.create_table(
        "job_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=True),
        sa.Column("to_status", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_job_events_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_job_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_events")),
    )
    with op.batch_alter_table("job_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_events_job_id"), ["job_id"], unique=False)

    op.create_table(
        "job_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("part_model", sa.String(length=120), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price_cents", sa.BigInteger(), nullable=False),
        sa.Column("charged_cents", sa.BigInteger(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=True),
        sa.Column("removed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["users.id"], name=op.f("fk_job_lines_added_by_id_users")
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_job_lines_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["removed_by_id"], ["users.id"], name=op.f("fk_job_lines_removed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_lines")),
    )
    with op.batch_alter_table("job_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_lines_job_id"), ["job_id"], unique=False)

    _make_events_append_only()
    _seed()


APPEND_ONLY_MESSAGE = "job events are append-only: record a correction event instead"


def _make_events_append_only() -> None:
    """The audit trail is never rewritten: the database itself refuses UPDATE and DELETE."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER job_events_no_{verb.lower()} BEFORE {verb} ON job_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION job_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{APPEND_ONLY_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER job_events_append_only BEFORE UPDATE OR DELETE ON job_events "
            "FOR EACH ROW EXECUTE FUNCTION job_events_append_only()"
        )
        op.execute(
            "CREATE TRIGGER job_events_no_truncate BEFORE TRUNCATE ON job_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION job_events_append_only()"
        )


def _seed() -> None:
    shop = sa.table(
        "shop_settings",
        sa.column("id", sa.Integer),
        sa.column("name", sa.String),
        sa.column("address", sa.Text),
        sa.column("hotline", sa.String),
        sa.column("country", sa.String),
        sa.column("default_warranty_months", sa.Integer),
        sa.column("receipt_paper", sa.String),
        sa.column("language", sa.String),
    )
    op.bulk_insert(
        shop,
        [
            {
                "id": 1,
                "name": "",
                "address": "",
                "hotline": "",
                "country": "CN",
                "default_warranty_months": 12,
                "receipt_paper": "a4",
                "language": "",
            }
        ],
    )
    # Until sign-in arrives, the window acts as this manager; every event still names a user.
    users = sa.table(
        "users",
        sa.column("username", sa.String),
        sa.column("display_name", sa.String),
        sa.column("role", sa.String),
        sa.column("active", sa.Boolean),
        sa.column("created_at", sa.DateTime),
    )
    op.bulk_insert(
        users,
        [
            {
                "username": "manager",
                "display_name": "店长",
                "role": "manager",
                "active": True,
                "created_at": datetime.now().replace(microsecond=0),
            }
        ],
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS job_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS job_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS job_events_append_only ON job_events")
        op.execute("DROP TRIGGER IF EXISTS job_events_no_truncate ON job_events")
        op.execute("DROP FUNCTION IF EXISTS job_events_append_only()")
    with op.batch_alter_table("job_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_lines_job_id"))

    op.drop_table("job_lines")
    with op.batch_alter_table("job_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_events_job_id"))

    op.drop_table("job_events")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_technician_id"))
        batch_op.drop_index("ix_jobs_status_response_due_at")
        batch_op.drop_index("ix_jobs_status_repair_due_date")
        batch_op.drop_index(batch_op.f("ix_jobs_product_id"))
        batch_op.drop_index(batch_op.f("ix_jobs_customer_id"))
        batch_op.drop_index("ix_jobs_checked_in_at_id")

    op.drop_table("jobs")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_serial"))
        batch_op.drop_index(batch_op.f("ix_products_customer_id"))

    op.drop_table("products")
    op.drop_table("users")
    op.drop_table("shop_settings")
    op.drop_table("job_number_counters")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_phone"))
        batch_op.drop_index(batch_op.f("ix_customers_name"))

    op.drop_table("customers")
    op.drop_table("calendar_overrides")
