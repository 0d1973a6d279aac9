"""PostgreSQL: the roles a shop's counters should connect with, so that the audit trail holds.

The append-only triggers on job_events (migration 0001) stop the app's own code; they do not
stop whoever owns the table, who may `ALTER TABLE … DISABLE TRIGGER` or drop them. So:

- an **owner** role (no login) owns every table, sequence and function: only it, or a superuser,
  can change the schema or the triggers;
- the **app** role the counters log in as may read, insert and update what the app needs, and
  only read and insert job events: no UPDATE, DELETE or TRUNCATE on them, and not being the
  owner it cannot disable or drop a trigger (nor set session_replication_role, which needs a
  superuser).

`secure_postgres` makes (or brings back to) that setup on a database already migrated to the
newest revision; it is idempotent, so it is run again after every upgrade (migrations run as the
administrator, and what they create must be handed to the owner). `repair-counter postgres-roles`
runs it (admin.py); README "PostgreSQL roles" says how a shop uses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
DEFAULT_OWNER = "repair_counter_owner"
DEFAULT_APP = "repair_counter_app"
# What the app may do on each table (every other table: SELECT, INSERT, UPDATE).
EVENTS = "job_events"
READ_ONLY = frozenset({"alembic_version"})
APPEND_ONLY = frozenset(
    {
        EVENTS,
        "staff_events",
        "complaint_events",
        "visits",
        "surveys",
        "payments",
        "drawer_counts",
    }
)
# The shop's closure days are replaced as a set; the search's Chinese pieces of a name or serial
# (migration 0010) are replaced by a trigger when it changes.
DELETABLE = frozenset(
    {
        "calendar_overrides",
        "customer_name_pieces",
        "product_serial_pieces",
        # the newest jobs' phones, serials and numbers (migration 0025): trimmed at each start
        "recent_jobs",
        "recent_jobs_since",
        # the newest jobs' customers' name pieces (migration 0026): trimmed with them
        "recent_name_pieces",
        "recent_name_pieces_since",
        # the evaluation's day summaries and stale-day marks (migration 0020): rewritten
        "evaluation_days",
        "evaluation_stale",
        "evaluation_received",
        "evaluation_ready",
        "evaluation_returned",
        "evaluation_repeats",
    }
)


class RoleSetupError(ValueError):
    """The roles cannot be set up as asked (a bad name, not PostgreSQL, not allowed)."""


@dataclass(frozen=True)
class RoleSetup:
    owner: str
    app: str
    tables: tuple[str, ...]


def _checked(name: str, what: str) -> str:
    if not ROLE_NAME.match(name):
        raise RoleSetupError(
            f"{what} role name {name!r}: use lower-case letters, digits and _ (at most 63)"
        )
    return name


def app_privileges(table: str) -> str:
    if table in READ_ONLY:
        return "SELECT"
    if table in APPEND_ONLY:
        return "SELECT, INSERT"
    if table in DELETABLE:
        return "SELECT, INSERT, UPDATE, DELETE"
    return "SELECT, INSERT, UPDATE"


def secure_postgres(
    connection: Connection,
    owner: str = DEFAULT_OWNER,
    app: str = DEFAULT_APP,
    app_password: str = "",
) -> RoleSetup:
    """Make the owner and app roles (if missing), give the owner every object of the schema and
    the app only its privileges. Runs in the caller's transaction, as a superuser (or a role
    with CREATEROLE that may hand the objects over)."""
    if connection.dialect.name != "postgresql":
        raise RoleSetupError("roles are a PostgreSQL setup; a SQLite file has none")
    owner, app = _checked(owner, "owner"), _checked(app, "app")
    if owner == app:
        raise RoleSetupError("the owner and the app must be two different roles")

    def run(statement: str, **values: object) -> None:
        connection.execute(text(statement), values)

    existing = set(connection.scalars(text("SELECT rolname FROM pg_roles")))
    if owner not in existing:
        run(f"CREATE ROLE {owner} NOLOGIN")
    if app not in existing:
        run(f"CREATE ROLE {app} LOGIN")
    if app_password:
        # A bound parameter cannot stand in a utility statement: quote it as a literal.
        literal = connection.scalar(text("SELECT quote_literal(:p)"), {"p": app_password})
        run(f"ALTER ROLE {app} PASSWORD {literal}")
    run(f"ALTER ROLE {app} NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS")
    database = connection.scalar(text("SELECT quote_ident(current_database())"))
    run(f"REVOKE ALL ON DATABASE {database} FROM PUBLIC")
    run(f"GRANT CONNECT ON DATABASE {database} TO {app}")
    run(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {app}")
    run(f"GRANT USAGE ON SCHEMA public TO {app}")
    tables = tuple(
        connection.scalars(
            text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        )
    )
    functions = connection.scalars(
        text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' "
            # An extension's functions (pg_trgm's, migration 0010) are the extension's.
            "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass "
            "AND d.objid = p.oid AND d.deptype = 'e')"
        )
    ).all()
    for table in tables:
        name = connection.scalar(text("SELECT quote_ident(:t)"), {"t": table})
        run(f"ALTER TABLE public.{name} OWNER TO {owner}")  # its sequences follow it
        run(f"REVOKE ALL ON public.{name} FROM PUBLIC, {app}")
        run(f"GRANT {app_privileges(table)} ON public.{name} TO {app}")
    for function in functions:
        run(f"ALTER FUNCTION {function} OWNER TO {owner}")
        run(f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
        run(f"GRANT EXECUTE ON FUNCTION {function} TO {app}")
    run(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {app}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}")
    return RoleSetup(owner, app, tables)
