"""PostgreSQL: each job carries its customer's phone and its product's serial, for the search of
digits (issue 15, the slowest search keystroke at a million jobs).

A clerk typing a phone fragment ("504") or digits of a serial searches the customer's phone, the
product's serial and the job's number (search_index.like_condition). Three digits match a few
percent of all jobs: too many to collect from the trigram indexes (5,000 checked rows took
5 ms at a million jobs), so the list walked the check-in index newest first and joined every
job it passed to its customer and product to test them (9 ms more for a page).

`jobs.phone_and_serial` holds the two in one text (concat_ws with chr(31) between them, never a
digit, so digits typed match inside one of them only, as the LIKEs do). The check-in index
carries it and the job's number (INCLUDE): the walk tests each job from the index alone,
joining nothing, and a walk of the newest jobs tells at once whether a text fills a first page
there. A trigram index of its own (where pg_trgm is, as migration 0010's) finds a rarer text's
jobs together with the number's trigram index, in one statement; the number is kept out of it,
since every number holds the year's trigrams ("202", "026"), which would make each text holding
one of them a candidate at nearly every job.

Kept by triggers, as migration 0010's pieces are: a job's own when it is written (its customer's
and product's rows read FOR SHARE, so a phone changed by another counter at the same moment
waits for the new job and then rewrites it too, instead of leaving it with the old phone), and
every job of a customer whose phone, or of a product whose serial, changes.

Filling a million existing jobs rewrites every row (about two minutes on a two-core machine);
the next vacuum (migration 0023: after 1% of the rows changed) makes the walk index-only again.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-01
"""

from __future__ import annotations

import logging
from importlib import import_module

from alembic import op
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)

COLUMN = "phone_and_serial"
SEARCH_WALK = "ix_jobs_checked_in_at_search"  # migration 0021's, now carrying COLUMN and number
TRIGRAM_INDEX = "ix_jobs_phone_and_serial_trgm"
FIELDS = "job_phone_and_serial"
JOB_WRITTEN = "jobs_phone_and_serial"
PHONE_CHANGED = "customers_phone_and_serial"
SERIAL_CHANGED = "products_phone_and_serial"

STATEMENTS = (
    f"ALTER TABLE jobs ADD COLUMN {COLUMN} text",
    # The one place the fields are put together.
    # A separator inside a phone or serial (only SQL typed by hand could put one there) becomes
    # a space: never a digit, so no digits typed can match across it either, and the copy keeps
    # exactly one separator, which the triggers below split on.
    f"CREATE FUNCTION {FIELDS}(phone text, serial text) RETURNS text "
    "LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT concat_ws(chr(31), "
    "replace(phone, chr(31), ' '), replace(serial, chr(31), ' ')) $$",
    f"UPDATE jobs AS j SET {COLUMN} = {FIELDS}(c.phone, p.serial) "
    "FROM customers AS c, products AS p WHERE c.id = j.customer_id AND p.id = j.product_id",
    # The triggers name no column outside their bodies (no UPDATE OF, no WHEN): a column a
    # trigger's definition names can no longer change its type (a later migration widening
    # the phone would fail).
    f"CREATE FUNCTION {JOB_WRITTEN}() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE found_phone text; found_serial text; BEGIN "
    "IF TG_OP = 'UPDATE' AND NEW.customer_id IS NOT DISTINCT FROM OLD.customer_id "
    "AND NEW.product_id IS NOT DISTINCT FROM OLD.product_id THEN RETURN NEW; END IF; "
    "SELECT c.phone INTO found_phone FROM customers AS c WHERE c.id = NEW.customer_id FOR SHARE; "
    "SELECT p.serial INTO found_serial FROM products AS p WHERE p.id = NEW.product_id FOR SHARE; "
    f"NEW.{COLUMN} := {FIELDS}(found_phone, found_serial); "
    "RETURN NEW; END $$",
    f"CREATE TRIGGER {JOB_WRITTEN} BEFORE INSERT OR UPDATE ON jobs "
    f"FOR EACH ROW EXECUTE FUNCTION {JOB_WRITTEN}()",
    f"CREATE FUNCTION {PHONE_CHANGED}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF NEW.phone IS DISTINCT FROM OLD.phone THEN "
    # Each rewrites its own half and keeps the other as the job row has it: a phone and a
    # serial changed at the same moment by two counters both reach the job (the second waits for
    # the job row and reads it again, where a serial read from products would be the one its
    # statement saw before it waited).
    f"UPDATE jobs AS j SET {COLUMN} = {FIELDS}(NEW.phone, "
    f"substr(j.{COLUMN}, strpos(j.{COLUMN}, chr(31)) + 1)) WHERE j.customer_id = NEW.id; "
    "END IF; RETURN NULL; END $$",
    f"CREATE TRIGGER {PHONE_CHANGED} AFTER UPDATE ON customers "
    f"FOR EACH ROW EXECUTE FUNCTION {PHONE_CHANGED}()",
    f"CREATE FUNCTION {SERIAL_CHANGED}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "IF NEW.serial IS DISTINCT FROM OLD.serial THEN "
    f"UPDATE jobs AS j SET {COLUMN} = {FIELDS}(split_part(j.{COLUMN}, chr(31), 1), "
    "NEW.serial) WHERE j.product_id = NEW.id; "
    "END IF; RETURN NULL; END $$",
    f"CREATE TRIGGER {SERIAL_CHANGED} AFTER UPDATE ON products "
    f"FOR EACH ROW EXECUTE FUNCTION {SERIAL_CHANGED}()",
)


def install_trigram(connection: Connection) -> None:
    """The trigram index of the phone and serial, where pg_trgm is there (migration 0010 created
    it where it could, and said what to ask for where it could not) and the index is missing."""
    searches = import_module("desktop_app.data.migrations.versions.0010_postgres_search_indexes")
    schema = searches._extension_schema(connection)
    if schema is None:
        return
    try:
        with connection.begin_nested():
            connection.exec_driver_sql(
                f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON jobs "
                f"USING gin ({COLUMN} {schema}.gin_trgm_ops)"
            )
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != searches.INSUFFICIENT_PRIVILEGE:
            raise


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    jobs = bind.exec_driver_sql("SELECT count(*) FROM jobs").scalar_one()
    if jobs > 100_000:
        log.warning("Copying %d jobs' phones and serials for the search: this takes a while.", jobs)
    op.drop_index(SEARCH_WALK, table_name="jobs")
    for statement in STATEMENTS:
        bind.exec_driver_sql(statement)
    op.create_index(
        SEARCH_WALK,
        "jobs",
        ["checked_in_at", "id"],
        unique=False,
        postgresql_include=["customer_id", "product_id", COLUMN, "number"],
    )
    install_trigram(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.drop_index(SEARCH_WALK, table_name="jobs")
    bind.exec_driver_sql(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
    for trigger, table in (
        (JOB_WRITTEN, "jobs"),
        (PHONE_CHANGED, "customers"),
        (SERIAL_CHANGED, "products"),
    ):
        bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {trigger}()")
    bind.exec_driver_sql(f"DROP FUNCTION IF EXISTS {FIELDS}(text, text)")
    bind.exec_driver_sql(f"ALTER TABLE jobs DROP COLUMN {COLUMN}")
    op.create_index(
        SEARCH_WALK,
        "jobs",
        ["checked_in_at", "id"],
        unique=False,
        postgresql_include=["customer_id", "product_id"],
    )
