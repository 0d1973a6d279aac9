"""The summary strip's late-first-response count from an index alone (issue 15, 1,000,000 jobs).

The counter's summary counts the open jobs, those overdue, due today and those whose first
response is late. The first three are read from (status, repair_due_date); the last needs
first_response_at beside response_due_at, which no index held, so the count read every open
job's row (25,000 rows scattered through a 2.7 GB file at a million jobs: a quarter of a
second). With (status, first_response_at, response_due_at) each open status is one range of
this index: `first_response_at IS NULL AND response_due_at < now`. The list's "first response
late" filter and clock list use the same condition.

On PostgreSQL the search walks the check-in index newest first keeping the jobs whose customer,
product or own id the search's lookups found (data/search_index.postgres_condition): with
customer_id and product_id carried in that index (INCLUDE) the walk reads no job row (an index
only scan: 37,000 entries for a page of a text matching 1,750 jobs in a million). SQLite's walk
keeps the jobs its full-text index matched by id alone, which its check-in index holds already.

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

FIRST_RESPONSE = "ix_jobs_status_first_response_at"
SEARCH_WALK = "ix_jobs_checked_in_at_search"  # PostgreSQL only


def upgrade() -> None:
    op.create_index(
        FIRST_RESPONSE,
        "jobs",
        ["status", "first_response_at", "response_due_at"],
        unique=False,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(
            SEARCH_WALK,
            "jobs",
            ["checked_in_at", "id"],
            unique=False,
            postgresql_include=["customer_id", "product_id"],
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(SEARCH_WALK, table_name="jobs")
    op.drop_index(FIRST_RESPONSE, table_name="jobs")
