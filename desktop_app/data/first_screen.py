"""What the sign-in needs, read with the standard library before SQLAlchemy loads.

Opening the window used to wait for SQLAlchemy, the services and the national holiday tables
(well over a second) before anything showed. Nobody sees a customer before signing in, so the
first thing on screen is the sign-in, and it needs little: the shop's name, its language, its
country (whose calendar the services load) and who may sign in. A SQLite file that is ours,
fully migrated and set up gives those from a few small read-only queries; the services load
meanwhile (app.py) and check the password once they are there.

A PostgreSQL database gives the same through psycopg alone (`read_server_first_screen`):
SQLAlchemy, the services and their connection pool then load while the sign-in is on screen.

These queries mirror queries.shop_snapshot (its name, language and country only: the rest of the
shop's settings waits for the services) and AuthService.sign_in_names; tests compare what both
ways give on the same file, field by field. Anything unusual (a new, unmigrated or
not yet set-up file, a missing row, a URL libpq reads otherwise than SQLAlchemy) returns None,
and start-up takes the ordinary way, which knows how to create, migrate, set up or explain. A
server that cannot be reached is said at once, as the ordinary way would say it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl

from desktop_app.data.location import (
    APP_NAME,
    CONNECT_TIMEOUT_S,
    CorruptDatabase,
    DatabaseLocation,
    DatabaseProblem,
    check_sqlite_file,
    latest_revision,
    read_only_reason,
    read_records,
    write_records,
)
from desktop_app.domain.sign_in import FirstScreen, SignInShop, UserSnapshot
from desktop_app.domain.vocabulary import Role

log = logging.getLogger(__name__)


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


def _shop(connection: _Connection) -> SignInShop | None:
    settings = connection.execute(
        "SELECT name, language, country FROM shop_settings WHERE id = 1"
    ).fetchone()
    if settings is None:
        return None
    name, language, country = settings
    return SignInShop(name=name, language=language, country=country)


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


# --- the first screen a server gave last time -----------------------------------------------
#
# On PostgreSQL the first screen costs psycopg's import (about 85 ms) and a connection before
# anything can show. The counter remembers, in the user's cache folder, the first screen the
# last start on this computer confirmed for each server database, and shows the sign-in from it
# at once; the services load behind it as always and confirm it (app.py): another shop name,
# language or list of people is put right on the dialog, and a database that now needs its setup
# or a first manager password replaces the sign-in with that. A password is only ever checked by
# the server. What is kept: the shop's name, language and country, and the names and roles of
# the people who may sign in (what the dialog shows anyone at the counter); never a password.

REMEMBERED_DATABASES = 20  # the newest kept
# Names another file than the user's cache folder's (the tests' own).
REMEMBERED_VARIABLE = "REPAIR_COUNTER_FIRST_SCREENS"


def remembered_screens_file() -> Path:
    named = os.environ.get(REMEMBERED_VARIABLE)
    if named:
        return Path(named)
    import platformdirs  # only for a server database, and only here

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "first-screens.json"


def remembered_first_screen(location: DatabaseLocation) -> FirstScreen | None:
    """The first screen the last start confirmed for the server database at `location`, or None
    (none yet, a SQLite file, or a record that cannot be read: then it is read from the server)."""
    key = _remembered_key(location)
    if key is None:
        return None
    try:
        return _screen_from_json(read_records(remembered_screens_file())[key])
    except Exception:  # missing, damaged or hostile: read the server
        return None


def remember_first_screen(location: DatabaseLocation, first: FirstScreen | None) -> None:
    """Keep `first` as the server database's first screen for the next start (None: forget it,
    the database now needs its setup or a first password). Never fails: it is a cache, and a
    start without it reads the server, as before."""
    try:
        key = _remembered_key(location)
        if key is None:
            return
        entry = None if first is None else _screen_to_json(first)
        written = write_records(remembered_screens_file(), key, entry, keep=REMEMBERED_DATABASES)
    except Exception:
        written = False
    if not written:
        log.warning("cannot remember the sign-in of %s", location.shown)


# Query options that hold a secret: never part of the key written to disk.
_SECRET_OPTION = re.compile("password", re.IGNORECASE)


def _remembered_key(location: DatabaseLocation) -> str | None:
    """The server database as the record names it: host, port, user, database and the URL's
    options, without the password wherever the URL holds one (`user:password@`, or an option
    such as `password=` or `sslpassword=`). The same database reached with another password is
    the same sign-in. None: not a server database the first screen is read from, or a URL that
    cannot be read."""
    if location.server_first_screen is None:
        return None
    parts = location.url_parts()
    if parts is None:
        return None
    options = [
        (name, value)
        for name, value in parse_qsl(parts["query"] or "", keep_blank_values=True)
        if not _SECRET_OPTION.search(name)
    ]
    return json.dumps(
        [parts["host"], parts["port"], parts["username"], parts["database"], sorted(options)],
        ensure_ascii=False,
    )


def _screen_to_json(first: FirstScreen) -> dict[str, Any]:
    shop = first.shop
    return {
        "shop": {"name": shop.name, "language": shop.language, "country": shop.country},
        "users": [
            [user.id, user.username, user.display_name, user.role.value, user.active]
            for user in first.users
        ],
    }


def _screen_from_json(found: Any) -> FirstScreen | None:
    """The record as written by _screen_to_json; anything else raises (ValueError, KeyError,
    TypeError) or gives None."""
    shop = found["shop"]
    texts = (shop["name"], shop["language"], shop["country"])
    if not all(isinstance(text, str) for text in texts):
        return None
    users = []
    for user_id, username, display_name, role, active in found["users"]:
        if not (
            isinstance(user_id, int)
            and isinstance(username, str)
            and isinstance(display_name, str)
            and isinstance(active, bool)
        ):
            return None
        users.append(UserSnapshot(user_id, username, display_name, Role(role), active))
    if not users:
        return None
    return FirstScreen(SignInShop(*texts), tuple(users))
