"""The evaluation's day summaries (issue 15): per-day rows of the report's figures, and the
"stale days" marks every write that can change a figure leaves, in its own transaction.

Days are numbered from 1970-01-01 (data/evaluation.py `day_number`). The summary tables hold
what the report's passes over the jobs would count for one day (data/evaluation_days.py says
how they are used); `evaluation_days` names the days summarised (with the repair warranty the
repeat repairs were counted with), `evaluation_stale` the days changed since.

The marks are left by triggers, so that every writer leaves them — the counters' services, the
demo's bulk loader (`executemany` on SQLite, `COPY` on PostgreSQL), a script or psql:
- jobs, inserted, deleted or changed in a column a figure reads: the job's check-in, ready and
  return days (before and after), and the check-in days of the jobs of the same serial checked
  in since its return (the job may be their "earlier repair");
- products whose category, brand or serial change: the check-in days of their jobs and of the
  jobs of the same serial (old and new);
- surveys (a reached follow-up call makes a returned job "surveyed"): the job's return day.

SQLite: row triggers; a day already marked is not marked again (writers take turns: BEGIN
IMMEDIATE). PostgreSQL: statement triggers with transition tables (a bulk COPY of 5,000 jobs
marks its few days once), run as the owner (SECURITY DEFINER), and no "already marked" check:
two writers may not see each other's marks, so a mark is only ever deleted by the refresh that
read it (see evaluation_days.py).

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

SHORT_TEXT = 120  # domain/limits.SHORT_TEXT when this was written

# The jobs' columns any figure read from the summaries depends on.
JOB_COLUMNS = (
    "checked_in_at",
    "ready_at",
    "returned_at",
    "service_requested",
    "product_id",
    "coverage",
    "not_quality_reason",
    "status",
    "outcome",
    "technician_id",
    "first_response_at",
    "response_due_at",
    "repair_due_date",
    "satisfaction_score",
)
SUMMARY_TABLES = (
    "evaluation_received",
    "evaluation_ready",
    "evaluation_returned",
    "evaluation_repeats",
)


def _counts(*names: str) -> list[sa.Column]:
    return [sa.Column(name, sa.Integer, nullable=False) for name in names]


def upgrade() -> None:
    op.create_table(
        "evaluation_days",
        sa.Column("day", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("response_due_last", sa.DateTime, nullable=True),
        sa.Column("repeat_days", sa.Integer, nullable=False),
    )
    op.create_table(
        "evaluation_stale",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Integer, nullable=False, index=True),
    )
    op.create_table(
        "evaluation_received",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Integer, nullable=False, index=True),
        sa.Column("service_requested", sa.String(20), nullable=False),
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("brand", sa.String(SHORT_TEXT), nullable=False),
        *_counts(
            "jobs",
            "responded_on_time",
            "warranty",
            "paid",
            "not_quality",
            "refunded",
            "exchanged",
            "refused",
        ),
    )
    op.create_table(
        "evaluation_ready",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Integer, nullable=False, index=True),
        sa.Column("technician_id", sa.Integer, nullable=True),
        sa.Column("checked_in_day", sa.Integer, nullable=False),
        *_counts("jobs", "on_time"),
    )
    op.create_table(
        "evaluation_returned",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Integer, nullable=False, index=True),
        sa.Column("technician_id", sa.Integer, nullable=True),
        sa.Column("satisfaction_score", sa.Integer, nullable=True),
        *_counts("jobs", "surveyed"),
    )
    op.create_table(
        "evaluation_repeats",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("day", sa.Integer, nullable=False, index=True),
        sa.Column("technician_id", sa.Integer, nullable=True),
        *_counts("jobs"),
    )
    if op.get_bind().dialect.name == "postgresql":
        for statement in _postgres():
            op.execute(statement)
    else:
        for statement in _sqlite():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, event in _POSTGRES_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS evaluation_stale_{table}_{event} ON {table}")
        for table, event in _POSTGRES_TRIGGERS:
            op.execute(f"DROP FUNCTION IF EXISTS evaluation_stale_{table}_{event}()")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in (*SUMMARY_TABLES, "evaluation_stale", "evaluation_days"):
        op.drop_table(table)


# --- SQLite: row triggers ------------------------------------------------------------------------

_SQLITE_TRIGGERS = (
    "evaluation_stale_jobs_insert",
    "evaluation_stale_jobs_update",
    "evaluation_stale_jobs_delete",
    "evaluation_stale_products_update",
    "evaluation_stale_surveys_insert",
    "evaluation_stale_surveys_update",
    "evaluation_stale_surveys_delete",
)


def _sqlite_day(moment: str) -> str:
    return f"CAST(julianday({moment}) - 2440587.5 AS INTEGER)"


def _sqlite_mark(days_select: str) -> str:
    """Marks the days `days_select` yields (a column `d`), each once."""
    return (
        "INSERT INTO evaluation_stale (day) SELECT DISTINCT d FROM "
        f"({days_select}) AS marked WHERE d IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM evaluation_stale s WHERE s.day = marked.d);"
    )


def _sqlite_job_days(row: str) -> str:
    return _sqlite_mark(
        " UNION ALL ".join(
            f"SELECT {_sqlite_day(f'{row}.{column}')} AS d"
            for column in ("checked_in_at", "ready_at", "returned_at")
        )
    )


def _sqlite_same_serial(row: str) -> str:
    """The check-in days of the jobs of the same serial checked in since `row`'s return (row a
    handed-back job: it may be their earlier repair)."""
    return _sqlite_mark(
        f"SELECT {_sqlite_day('j.checked_in_at')} AS d FROM products p "
        "JOIN products ep ON ep.serial = p.serial "
        "JOIN jobs j ON j.product_id = ep.id "
        f"WHERE p.id = {row}.product_id AND p.serial <> '' "
        f"AND {row}.returned_at IS NOT NULL AND j.checked_in_at >= {row}.returned_at"
    )


def _sqlite() -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in JOB_COLUMNS)
    survey_day = "SELECT {day} AS d FROM jobs j WHERE j.id = {row}.job_id".replace(
        "{day}", _sqlite_day("j.returned_at")
    )
    product_days = _sqlite_mark(
        f"SELECT {_sqlite_day('j.checked_in_at')} AS d FROM jobs j "
        "JOIN products p ON p.id = j.product_id "
        "WHERE p.id = NEW.id OR (p.serial <> '' AND p.serial IN (OLD.serial, NEW.serial))"
    )
    return [
        "CREATE TRIGGER evaluation_stale_jobs_insert AFTER INSERT ON jobs BEGIN "
        f"{_sqlite_job_days('NEW')} {_sqlite_same_serial('NEW')} END",
        f"CREATE TRIGGER evaluation_stale_jobs_update AFTER UPDATE OF {', '.join(JOB_COLUMNS)} "
        f"ON jobs WHEN {changed} BEGIN "
        f"{_sqlite_job_days('OLD')} {_sqlite_job_days('NEW')} "
        f"{_sqlite_same_serial('OLD')} {_sqlite_same_serial('NEW')} END",
        "CREATE TRIGGER evaluation_stale_jobs_delete AFTER DELETE ON jobs BEGIN "
        f"{_sqlite_job_days('OLD')} {_sqlite_same_serial('OLD')} END",
        "CREATE TRIGGER evaluation_stale_products_update AFTER UPDATE OF category, brand, serial "
        "ON products WHEN OLD.category IS NOT NEW.category OR OLD.brand IS NOT NEW.brand "
        f"OR OLD.serial IS NOT NEW.serial BEGIN {product_days} END",
        "CREATE TRIGGER evaluation_stale_surveys_insert AFTER INSERT ON surveys BEGIN "
        f"{_sqlite_mark(survey_day.replace('{row}', 'NEW'))} END",
        "CREATE TRIGGER evaluation_stale_surveys_update AFTER UPDATE ON surveys BEGIN "
        f"{_sqlite_mark(survey_day.replace('{row}', 'OLD'))} "
        f"{_sqlite_mark(survey_day.replace('{row}', 'NEW'))} END",
        "CREATE TRIGGER evaluation_stale_surveys_delete AFTER DELETE ON surveys BEGIN "
        f"{_sqlite_mark(survey_day.replace('{row}', 'OLD'))} END",
    ]


# --- PostgreSQL: statement triggers with transition tables ---------------------------------------

_POSTGRES_TRIGGERS = (
    ("jobs", "insert"),
    ("jobs", "update"),
    ("jobs", "delete"),
    ("products", "update"),
    ("surveys", "insert"),
    ("surveys", "update"),
    ("surveys", "delete"),
)


def _pg_day(moment: str) -> str:
    return f"(CAST({moment} AS DATE) - DATE '1970-01-01')"


def _pg_job_days(rows: str) -> str:
    return " UNION ".join(
        f"SELECT {_pg_day(f'r.{column}')} AS d FROM {rows} r"
        for column in ("checked_in_at", "ready_at", "returned_at")
    )


def _pg_same_serial(rows: str) -> str:
    return (
        f"SELECT {_pg_day('j.checked_in_at')} AS d FROM {rows} r "
        "JOIN products p ON p.id = r.product_id "
        "JOIN products ep ON ep.serial = p.serial "
        "JOIN jobs j ON j.product_id = ep.id "
        "WHERE p.serial <> '' AND r.returned_at IS NOT NULL AND j.checked_in_at >= r.returned_at"
    )


def _pg_function(name: str, days: str) -> str:
    return (
        # SECURITY DEFINER: the mark is written as the tables' owner, so that a counter's write
        # never fails for want of a right on the marks (an app role set up before this
        # migration, `repair-counter postgres-roles` not run again yet).
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
        "SET search_path = public, pg_temp AS $$ BEGIN "
        "INSERT INTO evaluation_stale (day) SELECT DISTINCT d FROM "
        f"({days}) AS marked WHERE d IS NOT NULL; RETURN NULL; END $$"
    )


def _postgres() -> list[str]:
    changed = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in JOB_COLUMNS)
    updated_old = f"(SELECT o.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed})"
    updated_new = f"(SELECT n.* FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {changed})"
    survey_days = (
        f"SELECT {_pg_day('j.returned_at')} AS d FROM {{rows}} r JOIN jobs j ON j.id = r.job_id"
    )
    product_days = (
        f"SELECT {_pg_day('j.checked_in_at')} AS d FROM jobs j "
        "JOIN products p ON p.id = j.product_id "
        "WHERE p.id IN (SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id "
        "WHERE o.category IS DISTINCT FROM n.category OR o.brand IS DISTINCT FROM n.brand "
        "OR o.serial IS DISTINCT FROM n.serial) "
        "OR (p.serial <> '' AND p.serial IN (SELECT o.serial FROM old_rows o "
        "JOIN new_rows n ON n.id = o.id WHERE o.serial IS DISTINCT FROM n.serial "
        "UNION SELECT n.serial FROM old_rows o JOIN new_rows n ON n.id = o.id "
        "WHERE o.serial IS DISTINCT FROM n.serial))"
    )
    days = {
        ("jobs", "insert"): f"{_pg_job_days('new_rows')} UNION {_pg_same_serial('new_rows')}",
        ("jobs", "update"): " UNION ".join(
            (
                _pg_job_days(f"{updated_old}"),
                _pg_job_days(f"{updated_new}"),
                _pg_same_serial(f"{updated_old}"),
                _pg_same_serial(f"{updated_new}"),
            )
        ),
        ("jobs", "delete"): f"{_pg_job_days('old_rows')} UNION {_pg_same_serial('old_rows')}",
        ("products", "update"): product_days,
        ("surveys", "insert"): survey_days.format(rows="new_rows"),
        ("surveys", "update"): (
            f"{survey_days.format(rows='old_rows')} UNION {survey_days.format(rows='new_rows')}"
        ),
        ("surveys", "delete"): survey_days.format(rows="old_rows"),
    }
    referencing = {
        "insert": "NEW TABLE AS new_rows",
        "update": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
        "delete": "OLD TABLE AS old_rows",
    }
    statements = []
    for (table, event), select in days.items():
        name = f"evaluation_stale_{table}_{event}"
        statements.append(_pg_function(name, select))
        statements.append(
            f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} "
            f"REFERENCING {referencing[event]} FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
        )
    return statements
