"""What the sign-in needs, read with the standard library before SQLAlchemy loads.

Opening the window used to wait for SQLAlchemy, the services and the national holiday tables
(well over a second) before anything showed. Nobody sees a customer before signing in, so the
first thing on screen is the sign-in, and it needs little: the shop's settings (its language,
its country's calendar to load) and who may sign in. A SQLite file that is ours, fully migrated
and set up gives those from a few small read-only queries; the services load meanwhile (app.py)
and check the password once they are there.

A PostgreSQL database gives the same through psycopg alone (`read_server_first_screen`):
SQLAlchemy, the services and their connection pool then load while the sign-in is on screen.

These queries mirror queries.shop_snapshot and AuthService.sign_in_names; tests compare the
snapshots from both ways on the same file, field by field. Anything unusual (a new, unmigrated or
not yet set-up file, a missing row, a URL libpq reads otherwise than SQLAlchemy) returns None,
and start-up takes the ordinary way, which knows how to create, migrate, set up or explain. A
server that cannot be reached is said at once, as the ordinary way would say it.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl

from desktop_app.data.location import (
    CONNECT_TIMEOUT_S,
    CorruptDatabase,
    DatabaseLocation,
    DatabaseProblem,
    check_sqlite_file,
    latest_revision,
    read_only_reason,
)
from desktop_app.domain.compensation import readable_policy
from desktop_app.domain.messages import templates_from_json
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import FirstScreen, ShopSnapshot, UserSnapshot
from desktop_app.domain.workdays import OFFICIAL_NOTE


def read_first_screen(path: Path) -> FirstScreen | None:
    """The shop and the people who may sign in, or None when the file needs the ordinary
    start-up (new, not yet migrated, nobody with a password yet, or missing the shop's row).

    Raises NotOurDatabase / CorruptDatabase exactly as opening the database would.
    """
    if check_sqlite_file(path):  # new: the ordinary way creates it
        return None
    if read_only_reason(path) is not None:
        return None  # the ordinary way opens it read-only, and says so
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None  # e.g. unreadable directory: the ordinary way explains
    try:
        connection.execute("BEGIN")  # one snapshot for the reads
        return _read(connection)
    except sqlite3.OperationalError:
        # Locked for longer than the timeout, or a table missing: let the ordinary way decide.
        return None
    except sqlite3.DatabaseError as error:
        raise CorruptDatabase(
            f"{path} cannot be read as a database ({error}). It was left untouched; "
            "restore a backup or choose another file with --database."
        ) from error
    finally:
        connection.close()


def read_server_first_screen(location: DatabaseLocation) -> FirstScreen | None:
    """The shop and the people who may sign in, from the PostgreSQL database at `location`, read
    with psycopg alone; None when anything needs the ordinary start-up (the database is not
    migrated or not set up, a table or a right is missing, the URL is one libpq reads otherwise
    than SQLAlchemy does).

    Raises DatabaseProblem, exactly as opening the database would, when the server cannot be
    reached or refuses the connection (after the same connect timeout): the ordinary start-up
    would only wait as long again to say the same."""
    conninfo = location.server_first_screen
    if conninfo is None:
        return None
    import psycopg

    try:
        options = psycopg.conninfo.conninfo_to_dict(conninfo)
    except (psycopg.Error, ValueError):
        return None  # a URL libpq cannot read: SQLAlchemy may, or explains
    options.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    try:
        connection = psycopg.connect(**options)
    except psycopg.OperationalError as error:
        if not _same_server(options, location):
            return None  # libpq read the URL otherwise: the ordinary way tries its reading
        reason = " ".join(str(error).split())  # libpq's message runs over lines
        raise DatabaseProblem(f"cannot open the database {location.shown}: {reason}") from error
    except (psycopg.Error, ValueError):
        return None
    try:
        # One snapshot for the reads, and nothing written.
        connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        connection.read_only = True
        return _read(connection)
    except psycopg.Error:
        return None
    finally:
        connection.close()


def _same_server(options: dict[str, Any], location: DatabaseLocation) -> bool:
    """Whether libpq's reading of the URL connects where SQLAlchemy's would: the same host,
    port, user, password and database (SQLAlchemy hands the URL's parts, unquoted, and its query
    options to psycopg)."""
    parts = location.url_parts()
    if parts is None:
        return False
    expected = {
        "host": parts["host"],
        "port": parts["port"],
        "user": parts["username"],
        "password": parts["password"],
        "dbname": parts["database"],
    }
    for key, value in parse_qsl(parts["query"] or "", keep_blank_values=True):
        if key in expected:
            expected[key] = value
    return all(str(options.get(key) or "") == (value or "") for key, value in expected.items())


class _Connection(Protocol):
    """What the reads need of a connection: sqlite3's and psycopg's both have it."""

    def execute(self, query: Any) -> Any: ...


def _read(connection: _Connection) -> FirstScreen | None:
    revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if revisions != [(latest_revision(),)]:
        return None
    shop = _shop(connection)
    users = _sign_in_names(connection)
    if shop is None or not users:  # nobody can sign in yet: setup or a first password
        return None
    return FirstScreen(shop, users)


def _shop(connection: _Connection) -> ShopSnapshot | None:
    settings = connection.execute(
        "SELECT name, address, hotline, country, default_warranty_months, receipt_paper, language,"
        " idle_lock_minutes, complaint_resolve_days, follow_up_after_days, compensation_policy,"
        " backup_keep_daily, backup_keep_weekly, backup_keep_monthly,"
        " repair_warranty_days, pickup_after_days, message_templates, label_size,"
        " inspection_fee_cents"
        " FROM shop_settings WHERE id = 1"
    ).fetchone()
    if settings is None:
        return None
    closures: list[date] = []
    extra: list[date] = []
    confirmed: set[int] = set()
    rows = connection.execute("SELECT day, kind, note FROM calendar_overrides ORDER BY day")
    for stored, kind, note in rows:
        # SQLite holds the day as text, PostgreSQL as a date.
        day = stored if isinstance(stored, date) else date.fromisoformat(stored)
        (closures if kind == "closure" else extra).append(day)
        if note == OFFICIAL_NOTE:
            confirmed.add(day.year)
    (
        name,
        address,
        hotline,
        country,
        warranty_months,
        paper,
        language,
        idle_lock_minutes,
        resolve_days,
        follow_up_days,
        policy,
        keep_daily,
        keep_weekly,
        keep_monthly,
        repair_warranty_days,
        pickup_after_days,
        message_templates,
        label_size,
        inspection_fee,
    ) = settings
    return ShopSnapshot(
        name,
        address,
        hotline,
        country,
        warranty_months,
        paper,
        language,
        tuple(closures),
        tuple(extra),
        tuple(sorted(confirmed)),
        idle_lock_minutes,
        resolve_days,
        follow_up_days,
        readable_policy(policy),
        keep_daily,
        keep_weekly,
        keep_monthly,
        repair_warranty_days,
        pickup_after_days=pickup_after_days,
        message_templates=templates_from_json(message_templates),
        label_size=label_size,
        inspection_fee_cents=inspection_fee,
    )


def _sign_in_names(connection: _Connection) -> tuple[UserSnapshot, ...]:
    """AuthService.sign_in_names once people have passwords: the active ones who have one."""
    found = connection.execute(
        "SELECT id, username, display_name, role, active FROM users"
        " WHERE active AND password_hash IS NOT NULL ORDER BY display_name, id"
    ).fetchall()
    return tuple(
        UserSnapshot(user_id, name, display_name, Role(role), bool(active))
        for user_id, name, display_name, role, active in found
    )
