"""The agreement's second half: complaints, compensation, consultations, on-site visits,
satisfaction follow-up.

New tables: `complaints` with their own two clocks (acknowledge within 24 hours, resolve within
the shop's working days) and their append-only `complaint_events`; `compensations` (what the
policy proposed for a missed promise, and what a manager decided); `consultations` (hotline and
online questions, with the 24-hour callback clock and the job each became); `visits` (on-site
visit records, append-only); `surveys` (follow-up calls, append-only); `document_counters` for
complaint and consultation numbers. Jobs gain the on-site visit address and appointment; the
shop gains the complaint resolution days, the follow-up delay and the compensation policy.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Records that are never rewritten: a correction is a later row.
APPEND_ONLY = ("complaint_events", "visits", "surveys")


def upgrade() -> None:
    op.create_table(
        "document_counters",
        sa.Column("series", sa.String(length=10), nullable=False),
        sa.Column("day", sa.String(length=8), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("series", "day", name=op.f("pk_document_counters")),
    )
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("words", sa.Text(), nullable=False),
        sa.Column("request", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("received_by_id", sa.Integer(), nullable=False),
        sa.Column("acknowledge_due_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_at", sa.DateTime(), nullable=True),
        sa.Column("acknowledged_by_id", sa.Integer(), nullable=True),
        sa.Column("resolve_due_date", sa.Date(), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("finding", sa.Text(), nullable=False),
        sa.Column("shop_at_fault", sa.Boolean(), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("closing", sa.String(length=20), nullable=False),
        sa.Column("last_event_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["acknowledged_by_id"],
            ["users.id"],
            name=op.f("fk_complaints_acknowledged_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_complaints_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_complaints_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["users.id"], name=op.f("fk_complaints_received_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("number", name=op.f("uq_complaints_number")),
    )
    op.create_index(op.f("ix_complaints_customer_id"), "complaints", ["customer_id"], unique=False)
    op.create_index(op.f("ix_complaints_job_id"), "complaints", ["job_id"], unique=False)
    op.create_index(op.f("ix_complaints_received_at"), "complaints", ["received_at"], unique=False)
    op.create_index(
        "ix_complaints_state_acknowledge_due_at",
        "complaints",
        ["state", "acknowledge_due_at"],
        unique=False,
    )
    op.create_index(
        "ix_complaints_state_resolve_due_date",
        "complaints",
        ["state", "resolve_due_date"],
        unique=False,
    )
    op.create_table(
        "consultations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("caller_name", sa.String(length=120), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("brand", sa.String(length=120), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=False),
        sa.Column("callback_due_at", sa.DateTime(), nullable=True),
        sa.Column("called_back_at", sa.DateTime(), nullable=True),
        sa.Column("called_back_by_id", sa.Integer(), nullable=True),
        sa.Column("callback_answer", sa.Text(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("last_event_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_consultations_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["called_back_by_id"],
            ["users.id"],
            name=op.f("fk_consultations_called_back_by_id_users"),
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_consultations_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consultations")),
        sa.UniqueConstraint("number", name=op.f("uq_consultations_number")),
    )
    op.create_index(op.f("ix_consultations_phone"), "consultations", ["phone"], unique=False)
    # The job view finds the consultation a job was made from.
    op.create_index(op.f("ix_consultations_job_id"), "consultations", ["job_id"], unique=False)
    op.create_index(
        op.f("ix_consultations_received_at"), "consultations", ["received_at"], unique=False
    )
    op.create_index(
        "ix_consultations_state_callback_due_at",
        "consultations",
        ["state", "callback_due_at"],
        unique=False,
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("technician_id", sa.Integer(), nullable=False),
        sa.Column("arrived_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("work_done", sa.Text(), nullable=False),
        sa.Column("parts_used", sa.Text(), nullable=False),
        sa.Column("next_visit_start", sa.DateTime(), nullable=True),
        sa.Column("next_visit_end", sa.DateTime(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_visits_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["users.id"], name=op.f("fk_visits_recorded_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["technician_id"], ["users.id"], name=op.f("fk_visits_technician_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
    )
    op.create_index(op.f("ix_visits_job_id"), "visits", ["job_id"], unique=False)
    op.create_table(
        "compensations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.Column("missed", sa.Text(), nullable=False),
        sa.Column("proposed", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("decided", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("proposed_by_id", sa.Integer(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_compensations_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"], ["users.id"], name=op.f("fk_compensations_decided_by_id_users")
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_compensations_job_id_jobs")),
        sa.ForeignKeyConstraint(
            ["proposed_by_id"], ["users.id"], name=op.f("fk_compensations_proposed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_compensations")),
    )
    op.create_index(
        op.f("ix_compensations_complaint_id"), "compensations", ["complaint_id"], unique=False
    )
    op.create_index(op.f("ix_compensations_job_id"), "compensations", ["job_id"], unique=False)
    op.create_index(op.f("ix_compensations_state"), "compensations", ["state"], unique=False)
    op.create_table(
        "complaint_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("from_state", sa.String(length=20), nullable=True),
        sa.Column("to_state", sa.String(length=20), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaints.id"],
            name=op.f("fk_complaint_events_complaint_id_complaints"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_complaint_events_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_events")),
    )
    op.create_index(
        op.f("ix_complaint_events_complaint_id"), "complaint_events", ["complaint_id"], unique=False
    )
    op.create_table(
        "surveys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=False),
        sa.Column("reached", sa.Boolean(), nullable=False),
        sa.Column("speed", sa.Integer(), nullable=True),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("attitude", sa.Integer(), nullable=True),
        sa.Column("overall", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_surveys_by_id_users")),
        sa.ForeignKeyConstraint(
            ["complaint_id"], ["complaints.id"], name=op.f("fk_surveys_complaint_id_complaints")
        ),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_surveys_job_id_jobs")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_surveys")),
    )
    op.create_index(op.f("ix_surveys_job_id"), "surveys", ["job_id"], unique=False)
    op.add_column("jobs", sa.Column("visit_address", sa.Text(), server_default="", nullable=False))
    op.add_column("jobs", sa.Column("appointment_start", sa.DateTime(), nullable=True))
    op.add_column("jobs", sa.Column("appointment_end", sa.DateTime(), nullable=True))
    op.create_index(op.f("ix_jobs_appointment_start"), "jobs", ["appointment_start"], unique=False)
    op.create_index("ix_jobs_returned_at", "jobs", ["returned_at"], unique=False)
    op.add_column(
        "shop_settings",
        sa.Column("complaint_resolve_days", sa.Integer(), server_default="5", nullable=False),
    )
    op.add_column(
        "shop_settings",
        sa.Column("follow_up_after_days", sa.Integer(), server_default="3", nullable=False),
    )
    op.add_column(
        "shop_settings",
        sa.Column("compensation_policy", sa.Text(), server_default="", nullable=False),
    )
    for table in APPEND_ONLY:
        _make_append_only(table)


def _make_append_only(table: str) -> None:
    message = f"{table.replace('_', ' ')} are append-only"
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        op.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = new.id) "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
        return
    op.execute(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN RAISE EXCEPTION '{message}'; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )
    op.execute(
        f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
    )


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table in APPEND_ONLY:
        if sqlite:
            for name in ("no_update", "no_delete", "no_replace"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_{name}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {table}_append_only()")
    for table in (
        "surveys",
        "complaint_events",
        "compensations",
        "visits",
        "consultations",
        "complaints",
        "document_counters",
    ):
        op.drop_table(table)
    op.drop_index("ix_jobs_returned_at", table_name="jobs")
    op.drop_index(op.f("ix_jobs_appointment_start"), table_name="jobs")
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of `jobs` would fight its foreign keys.
    for column in ("appointment_end", "appointment_start", "visit_address"):
        op.execute(f"ALTER TABLE jobs DROP COLUMN {column}")
    for column in ("compensation_policy", "follow_up_after_days", "complaint_resolve_days"):
        op.execute(f"ALTER TABLE shop_settings DROP COLUMN {column}")
