"""Shared builders for tests: a clock you can move, and a valid check-in form."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from desktop_app.data.db import Database, open_database
from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, DocumentsPresented, ServiceKind
from desktop_app.services import Services
from desktop_app.services.passwords import Passwords


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


ALL_DOCUMENTS = DocumentsPresented(purchase_voucher=True, warranty_card=True, product=True)


# Each form gets a serial of its own unless a test passes one: a serial still in the shop cannot
# be checked in a second time without a manager's confirmation.
# The counting part uses only the digits 5-9: a 0 or 1 there could match a test's phone or job
# number fragment ("0001" in ...0000001), making a search's result depend on how many forms
# earlier tests made; letters would read as English in the Chinese-only checks.
_SERIALS = itertools.count(1)


def _high_digits(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 5)
        out = str(5 + r) + out
        if n == 0:
            return out.rjust(7, "5")


def check_in_form(**changes: Any) -> CheckInForm:
    form = CheckInForm(
        customer_name="张伟",
        phone="13812345678",
        category=Category.ELECTRONICS,
        brand="华为",
        model="Mate 60 Pro",
        serial=f"imei86123456{_high_digits(next(_SERIALS))}",
        purchase_date=date(2026, 3, 1),
        warranty_months=12,
        documents=ALL_DOCUMENTS,
        service_requested=ServiceKind.REPAIR,
        fault_description="屏幕不亮",
        usage_description="日常使用，未摔落",
        voucher_number="FP0012345678",
        warranty_card_number="BX20260301",
        condition_on_arrival="外观完好",
        accessories_received="充电器",
    )
    return replace(form, **changes)


def settle_background() -> None:
    """Let the window's background calls deliver before a database is disposed: a call still
    holding a connection when its pool is disposed leaves it open for the garbage collector, and
    its "unclosed connection" warning then fails whichever later test the collector runs in."""
    background = sys.modules.get("desktop_app.ui.background")
    if background is not None and background.in_flight():
        background.wait_until_idle()


# --- people ---------------------------------------------------------------------------------------

# Every test account's password. Tests hash with cheap argon2id parameters (FAST_PASSWORDS): the
# same format as production's, a thousandth of the cost.
PASSWORD = "counter-pass-1"
FAST_PASSWORDS = Passwords(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


def database_of(services: Services) -> Database:
    return services.auth._db  # tests only: to give seeded accounts a password directly


def give_password(services: Services, username: str, password: str = PASSWORD) -> None:
    """As if the user had chosen `password` (and owes no change): for accounts made before
    sign-in existed, such as the seeded manager of a test's empty database."""
    from desktop_app.data.models import User

    with database_of(services).write() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        user.password_hash = FAST_PASSWORDS.hash(password)
        user.must_change_password = False


def actor(services: Services, username: str = "manager") -> Actor:
    """`username` signed in at `services`, with the test password (given to the account first:
    a seeded manager has none, a demo's staff have the demo's)."""
    give_password(services, username)
    return services.auth.sign_in(username, PASSWORD)


def add_user(services: Services, username: str, display_name: str, role: Role) -> Actor:
    """A new account added by the manager, signed in (its first password already changed)."""
    services.users.add(actor(services), username, display_name, role, PASSWORD)
    give_password(services, username)
    return services.auth.sign_in(username, PASSWORD)


def fill_receipt_details(
    services: Services, name: str = "华为授权服务中心（中关村店）", hotline: str = "400-830-8300"
) -> None:
    """The shop's name and hotline, as a shop set up at the first start has them (receipts
    refuse to print without): written directly, so the database's sign-in state is untouched."""
    from desktop_app.data.models import ShopSettings

    with database_of(services).write() as session:
        shop = session.scalars(select(ShopSettings)).one()
        shop.name, shop.hotline = name, hotline


@dataclass
class SignedInDemo:
    """A demo database, its services on a fixed clock, and a signed-in manager."""

    database: Database
    services: Services
    manager: Actor


BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]


@contextmanager
def demo_database(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    make: Callable[[Database], None],
    now: datetime,
) -> Iterator[SignedInDemo]:
    """A module's demo on the backend its `request.param` names (BACKENDS), made by `make`,
    disposed (and dropped on PostgreSQL) afterwards."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.db"
        server = None
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database()
    database = open_database(url)
    try:
        make(database)
        services = Services.build(
            database, FakeClock(now), passwords=FAST_PASSWORDS, workstation="test-counter"
        )
        yield SignedInDemo(database, services, actor(services))
    finally:
        database.dispose()
        if server is not None:
            server.drop_database(url)


# A hand-back identified without the receipt or the phone's digits (domain/identification.py):
# what tests that are about something else write in the identity note.
ID_CHECKED = "身份证已核对"


def approved_quotation(services: Any, job: Any, technician: Any, clerk: Any) -> Any:
    """A paid job's quotation of its lines as they stand, approved with the signed copy: the
    gate before paid work (issue 16) opened the way a counter opens it."""
    from desktop_app.domain.quotation import ApprovalForm, QuotationForm, default_valid_until
    from desktop_app.domain.vocabulary import ApprovalMethod

    today = services.jobs._clock().date()
    form = QuotationForm(job.diagnosis or "检测完毕，按报价维修", default_valid_until(today))
    job = services.quotations.write(job.id, technician, form)
    approval = ApprovalForm(job.quotation.number, ApprovalMethod.SIGNATURE)
    return services.quotations.approve(job.id, clerk, approval)


def migrate(database: Database, revision: str, *, down: bool = False) -> None:
    """The database's schema taken up (or down) to `revision` with the project's migrations."""
    from alembic import command

    from desktop_app.data.migrate import alembic_config

    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def damage_pages(path: Path) -> None:
    """Garbage over every fifth page after the schema of the SQLite file `path`: its header
    still says SQLite, quick_check does not (whichever pages a write-ahead log beside it holds
    newer copies of)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(4096 * 3, size, 4096 * 5):
            handle.seek(offset + 100)
            handle.write(b"\xa5" * 3000)
