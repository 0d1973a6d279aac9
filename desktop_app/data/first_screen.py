"""The first screen of a SQLite counter, read with the standard library before SQLAlchemy loads.

Opening the window used to wait for SQLAlchemy, the services and the national holiday tables
(well over a second) before a single job showed. A SQLite file that is ours and fully migrated
can show its first screen from four small read-only queries instead: the shop's settings and
calendar days, the signed-in user, and the newest jobs. The services load right after the first
paint (app.py), and from then on everything goes through them as usual.

These queries mirror queries.shop_snapshot, UserService.by_username and queries.list_jobs for the
unfiltered list; tests compare the snapshots from both ways on the same file, field by field.
Anything unusual (a new or unmigrated file, a missing row) returns None, and start-up takes the
ordinary way, which knows how to create, migrate or explain.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.data.job_list import JOB_LIST_COLUMNS, TECHNICIAN, ListColumn, Stored, job_row
from desktop_app.data.location import (
    CorruptDatabase,
    check_sqlite_file,
    latest_revision,
    read_only_reason,
)
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import (
    FirstScreen,
    JobPage,
    JobRow,
    PageCursor,
    ShopSnapshot,
    UserSnapshot,
)
from desktop_app.domain.workdays import OFFICIAL_NOTE

# The unfiltered job list: its columns from job_list.py, the joins of queries._row_select and the
# order of queries.NEWEST_FIRST. A test compares it with the statement list_jobs sends.
JOB_LIST_SQL = (
    f"SELECT {', '.join(f'{c.table}.{c.column}' for c in JOB_LIST_COLUMNS)} "
    "FROM jobs "
    "JOIN customers ON customers.id = jobs.customer_id "
    "JOIN products ON products.id = jobs.product_id "
    f"LEFT OUTER JOIN users AS {TECHNICIAN} ON {TECHNICIAN}.id = jobs.technician_id "
    "ORDER BY jobs.checked_in_at DESC, jobs.id DESC"
)
_FIRST_PAGE_SQL = f"{JOB_LIST_SQL} LIMIT ?"


def read_first_screen(path: Path, username: str, rows: int) -> FirstScreen | None:
    """The shop, the user and the first `rows` jobs of the unfiltered list, or None when the file
    needs the ordinary start-up (new, not yet migrated, or missing the shop's or user's row).

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
        return _read(connection, username, rows)
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


def _read(connection: sqlite3.Connection, username: str, rows: int) -> FirstScreen | None:
    connection.execute("BEGIN")  # one snapshot for the four reads
    revisions = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    if revisions != [(latest_revision(),)]:
        return None
    shop = _shop(connection)
    user = _user(connection, username)
    if shop is None or user is None:
        return None
    return FirstScreen(shop, user, _first_page(connection, rows))


def _shop(connection: sqlite3.Connection) -> ShopSnapshot | None:
    settings = connection.execute(
        "SELECT name, address, hotline, country, default_warranty_months, receipt_paper, language,"
        " idle_lock_minutes FROM shop_settings WHERE id = 1"
    ).fetchone()
    if settings is None:
        return None
    closures: list[date] = []
    extra: list[date] = []
    confirmed: set[int] = set()
    rows = connection.execute("SELECT day, kind, note FROM calendar_overrides ORDER BY day")
    for text, kind, note in rows:
        day = date.fromisoformat(text)
        (closures if kind == "closure" else extra).append(day)
        if note == OFFICIAL_NOTE:
            confirmed.add(day.year)
    name, address, hotline, country, warranty_months, paper, language, idle_lock_minutes = settings
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
    )


def _user(connection: sqlite3.Connection, username: str) -> UserSnapshot | None:
    found = connection.execute(
        "SELECT id, username, display_name, role, active FROM users WHERE username = ? LIMIT 1",
        (username,),
    ).fetchone()
    if found is None:
        return None
    user_id, name, display_name, role, active = found
    return UserSnapshot(user_id, name, display_name, Role(role), bool(active))


def _first_page(connection: sqlite3.Connection, rows: int) -> JobPage:
    found = [_job_row(values) for values in connection.execute(_FIRST_PAGE_SQL, (rows + 1,))]
    more = len(found) > rows
    found = found[:rows]
    cursor = PageCursor(found[-1].checked_in_at, found[-1].id) if more and found else None
    return JobPage(tuple(found), cursor)


def _job_row(values: tuple[Any, ...]) -> JobRow:
    return job_row([_from_text(c, v) for c, v in zip(JOB_LIST_COLUMNS, values, strict=True)])


def _from_text(column: ListColumn, value: Any) -> Any:
    """sqlite3 hands dates back as the ISO text SQLAlchemy stored them as (None stays None)."""
    if value is None or column.stored is Stored.AS_IS:
        return value
    if column.stored is Stored.DATETIME:
        return datetime.fromisoformat(value)
    return date.fromisoformat(value)
