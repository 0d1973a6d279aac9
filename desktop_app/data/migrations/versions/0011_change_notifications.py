"""PostgreSQL tells every counter what changed: `NOTIFY repair_counter, 'jobs:12,13'`.

A trigger after each statement that writes jobs, complaints or consultations sends the ids it
wrote (data/changes.py listens), whoever wrote them: the counters, a script, the demo, a manager
at psql. Statement triggers with transition tables, so a bulk insert (the demo's thousands of
jobs) sends one notification, naming "*" (anything) past `MANY` rows, not one per row. The
notification is sent when the transaction commits, and not at all if it rolls back.

SQLite has no notifications (the watcher polls `PRAGMA data_version`): nothing to do there.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = ("jobs", "complaints", "consultations")
EVENTS = {"INSERT": "NEW TABLE AS changed", "UPDATE": "NEW TABLE AS changed"}
EVENTS["DELETE"] = "OLD TABLE AS changed"
MANY = 200  # ids of 7 digits: 200 fit the 8,000 bytes a payload may hold

FUNCTION = f"""
CREATE FUNCTION repair_counter_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    written integer;
    ids text;
BEGIN
    SELECT count(*) INTO written FROM changed;
    IF written = 0 THEN
        RETURN NULL;
    END IF;
    IF written > {MANY} THEN
        ids := '*';
    ELSE
        SELECT string_agg(id::text, ',') INTO ids FROM changed;
    END IF;
    PERFORM pg_notify('repair_counter', TG_TABLE_NAME || ':' || ids);
    RETURN NULL;
END
$$
"""


def _trigger(table: str, event: str) -> str:
    return f"repair_counter_notify_{table}_{event.lower()}"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    for table in TABLES:
        for event, referencing in EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {_trigger(table, event)} AFTER {event} ON {table} "
                f"REFERENCING {referencing} FOR EACH STATEMENT "
                "EXECUTE FUNCTION repair_counter_notify()"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in TABLES:
        for event in EVENTS:
            op.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, event)} ON {table}")
    op.execute("DROP FUNCTION IF EXISTS repair_counter_notify()")
