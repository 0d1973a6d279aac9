"""How the benchmark signs in: on its scratch copy of the database, never on a kept file.

A shop's counter opens on a sign-in; the figures after it (the job list, searches, check-in)
need a signed-in person. The bench gives a manager of the scratch copy a password of its own
(as the tests' helpers do), then signs in through the sign-in service like the window does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from desktop_app.data.models import User
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.services.passwords import Passwords

if TYPE_CHECKING:
    from desktop_app.app import Counter
    from desktop_app.data.db import Database
    from desktop_app.services import Services
    from desktop_app.ui.main_window import MainWindow

BENCH_PASSWORD = "bench-password-1"


def give_password(database: Database, username: str) -> None:
    with database.write() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        user.password_hash = Passwords().hash(BENCH_PASSWORD)
        user.must_change_password = False
        user.failed_sign_ins = 0


def sign_in_as_manager(database: Database, services: Services) -> Actor:
    manager = services.users.list(Role.MANAGER)[0]
    give_password(database, manager.username)
    return services.auth.sign_in(manager.username, BENCH_PASSWORD)


def open_signed_in(counter: Counter) -> MainWindow:
    """The services loaded, a manager signed in, and the counter's window open as them."""
    counter.finish_opening()
    assert counter.database is not None and counter.services is not None
    return counter.open_window(sign_in_as_manager(counter.database, counter.services))


def prepare(url: str) -> None:
    """Give a manager of the (scratch) database at `url` the bench's password, so that the
    counter starts the way a shop's does: straight to the sign-in."""
    from desktop_app.data.db import open_database
    from desktop_app.services import Services

    database = open_database(url)
    try:
        manager = Services.build(database).users.list(Role.MANAGER)[0]
        give_password(database, manager.username)
    finally:
        database.dispose()
