"""PostgreSQL: the jobs table vacuumed after 1% of its rows change, not PostgreSQL's 20% (issue
15, several counters at a million jobs).

The summary strip counts open jobs from an index alone (migration 0021), and the search walks
the check-in index alone; both visit the table for every entry on a page the visibility map does
not know to be all-visible. The open jobs are the newest and the ones the counters update all
day, so with the default threshold (a vacuum after 200,000 changed rows of a million) their
pages were almost never all-visible: 88 ms for the summary at a million demo jobs, 17 ms once
vacuumed. Analysed after 2% (the planner's estimates of the statuses follow the shop's day).

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

SETTINGS = {
    "autovacuum_vacuum_scale_factor": "0.01",
    "autovacuum_vacuum_insert_scale_factor": "0.01",
    "autovacuum_analyze_scale_factor": "0.02",
}


# Known to PostgreSQL 13 and later only (the inserts' own threshold).
SINCE_13 = "autovacuum_vacuum_insert_scale_factor"


def _settings() -> dict[str, str]:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return {}
    version = int(bind.exec_driver_sql("SHOW server_version_num").scalar_one())
    return {k: v for k, v in SETTINGS.items() if k != SINCE_13 or version >= 130000}


def upgrade() -> None:
    settings = _settings()
    if settings:
        values = ", ".join(f"{name} = {value}" for name, value in settings.items())
        op.execute(f"ALTER TABLE jobs SET ({values})")


def downgrade() -> None:
    settings = _settings()
    if settings:
        op.execute(f"ALTER TABLE jobs RESET ({', '.join(settings)})")
