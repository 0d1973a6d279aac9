"""The day's takings and the drawer count on SQLite and PostgreSQL: a day's boundary at
midnight, per workstation and clerk, who may see whose, a count's expected cash read in its own
transaction, a difference needing a note, a recount, the table refusing changes."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import InvalidInput, NotPermitted
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.roles import Role
from desktop_app.domain.takings import DrawerCountForm, Shift, TakingsQuery
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.services import Services
from tests.helpers import FakeClock, add_user, database_of
from tests.takings_builder import add_job, pay

DAY = date(2026, 11, 30)
CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def day(services: Services, staff, clock: FakeClock):
    """Two clerks at two counters, and a manager, with lines around the day's edges."""
    clock.now = datetime(2026, 11, 30, 9, 0)
    clerk, manager = staff[Role.CLERK], staff[Role.MANAGER]
    zhao = add_user(services, "zhao", "赵敏", Role.CLERK)
    job, _number = add_job(services, clerk)
    other, _ = add_job(services, clerk)
    pay(services, job, clerk, PaymentKind.PAYMENT, CASH, 999, datetime(2026, 11, 29, 23, 59, 59))
    pay(services, job, clerk, PaymentKind.DEPOSIT, CASH, 10_000, datetime(2026, 11, 30, 0, 0, 0))
    pay(services, job, clerk, PaymentKind.DEPOSIT_USED, None, 10_000, datetime(2026, 11, 30, 15))
    pay(
        services,
        job,
        clerk,
        PaymentKind.PAYMENT,
        CASH,
        25_050,
        datetime(2026, 11, 30, 15),
        tendered_cents=30_000,
    )
    pay(
        services,
        other,
        zhao,
        PaymentKind.PAYMENT,
        WECHAT,
        8_800,
        datetime(2026, 11, 30, 16),
        workstation="counter-2",
    )
    pay(
        services,
        other,
        zhao,
        PaymentKind.REFUND,
        CASH,
        1_000,
        datetime(2026, 11, 30, 17),
        workstation="counter-2",
    )
    pay(services, job, manager, PaymentKind.PAYMENT, CASH, 777, datetime(2026, 11, 30, 23, 59, 59))
    pay(services, job, clerk, PaymentKind.PAYMENT, CASH, 555, datetime(2026, 12, 1, 0, 0, 0))
    clock.now = datetime(2026, 11, 30, 21, 0)
    return {"clerk": clerk, "zhao": zhao, "manager": manager, "job": job}


def test_a_day_runs_from_midnight_to_midnight(services: Services, day):
    report = services.takings.report(TakingsQuery(Shift(DAY)), day["manager"])
    moments = [line.at for line in report.lines]
    assert moments[0] == datetime(2026, 11, 30, 0, 0, 0)  # the day's first second is its own
    assert moments[-1] == datetime(2026, 11, 30, 23, 59, 59)  # and its last
    assert report.total.lines == 6
    cash = report.total.method(CASH)
    assert (cash.payments_cents, cash.deposits_cents, cash.refunds_cents) == (
        25_050 + 777,
        10_000,
        1_000,
    )
    assert report.total.deposits_used_cents == 10_000
    assert report.total.expected_cash_cents == 25_050 + 777 + 10_000 - 1_000
    assert report.total.method(WECHAT).net_cents == 8_800
    assert report.lines[0].job_number.startswith("R")
    assert {line.taken_by for line in report.lines} >= {"王晓红", "赵敏"}
    before = services.takings.report(TakingsQuery(Shift(date(2026, 11, 29))), day["manager"])
    assert [line.amount_cents for line in before.lines] == [999]
    after = services.takings.report(TakingsQuery(Shift(date(2026, 12, 1))), day["manager"])
    assert [line.amount_cents for line in after.lines] == [555]


def test_a_shift(services: Services, day):
    afternoon = Shift.of(DAY, "15:00", "17:00")
    report = services.takings.report(TakingsQuery(afternoon), day["manager"])
    assert report.total.net_cents == 25_050 + 8_800  # the 17:00 refund is the next shift's


def test_per_workstation_and_per_clerk(services: Services, day):
    manager = day["manager"]
    report = services.takings.report(TakingsQuery(Shift(DAY)), manager)
    assert [(g.key, g.totals.expected_cash_cents) for g in report.per_workstation] == [
        ("counter-1", 10_000 + 25_050 + 777),
        ("counter-2", -1_000),
    ]
    assert {g.key: g.totals.net_cents for g in report.per_clerk} == {
        "clerk": 35_050,
        "zhao": 7_800,
        "manager": 777,
    }
    second = services.takings.report(TakingsQuery(Shift(DAY), workstation="counter-2"), manager)
    assert second.total.net_cents == 7_800
    assert second.workstations == ("counter-1", "counter-2")
    zhao = services.takings.report(TakingsQuery(Shift(DAY), clerk="zhao"), manager)
    assert zhao.clerk_name == "赵敏" and zhao.total.net_cents == 7_800
    with pytest.raises(InvalidInput) as refused:
        services.takings.report(TakingsQuery(Shift(DAY), clerk="nobody"), manager)
    assert refused.value.fields() == {"clerk"}


def test_a_clerk_sees_their_own_takings_only(services: Services, day, staff):
    mine = services.takings.report(TakingsQuery(Shift(DAY)), day["zhao"])
    assert mine.query.clerk == "zhao"
    assert mine.total.net_cents == 7_800
    assert mine.clerks == (("zhao", "赵敏"),)  # nobody else's name is offered
    with pytest.raises(NotPermitted):
        services.takings.report(TakingsQuery(Shift(DAY), clerk="clerk"), day["zhao"])
    with pytest.raises(NotPermitted):
        services.takings.report(TakingsQuery(Shift(DAY)), staff[Role.TECHNICIAN])


def test_a_drawer_count_and_a_recount(services: Services, day, clock: FakeClock):
    clerk = day["clerk"]
    expected = 10_000 + 25_050 + 777
    with pytest.raises(InvalidInput) as refused:
        services.takings.count_drawer(DrawerCountForm(Shift(DAY), "counter-1", "358.00"), clerk)
    assert refused.value.fields() == {"note"}
    short = services.takings.count_drawer(
        DrawerCountForm(Shift(DAY), "counter-1", "358.00", note="少了 ¥0.27"), clerk
    )
    assert (short.expected_cents, short.counted_cents, short.difference_cents) == (
        expected,
        35_800,
        35_800 - expected,
    )
    assert short.counted_by == "王晓红" and short.at == clock.now
    clock.advance(minutes=5)
    again = services.takings.count_drawer(DrawerCountForm(Shift(DAY), "counter-1", "358.27"), clerk)
    assert again.difference_cents == 0
    report = services.takings.report(TakingsQuery(Shift(DAY)), day["manager"])
    assert [(c.id, c.recounts, c.difference_cents) for c in report.counts] == [(again.id, 1, 0)]
    # A clerk's report shows the counts they made; another's are not theirs to see.
    assert services.takings.report(TakingsQuery(Shift(DAY)), day["zhao"]).counts == ()
    other = services.takings.report(TakingsQuery(Shift(DAY), workstation="counter-2"), clerk)
    assert other.counts == ()


def test_a_count_reads_the_expected_cash_again(services: Services, day, clock: FakeClock):
    """A payment taken after the window read the figures still counts: the service reads the
    lines inside the count's own transaction."""
    pay(
        services,
        day["job"],
        day["clerk"],
        PaymentKind.PAYMENT,
        CASH,
        500,
        datetime(2026, 11, 30, 20, 59),
    )
    counted = services.takings.count_drawer(
        DrawerCountForm(Shift(DAY), "counter-1", "363.27"), day["clerk"]
    )
    assert counted.expected_cents == 10_000 + 25_050 + 777 + 500


def test_a_count_of_a_day_not_begun_is_refused(services: Services, day):
    with pytest.raises(InvalidInput) as refused:
        services.takings.count_drawer(
            DrawerCountForm(Shift(date(2026, 12, 1)), "counter-1", "0"), day["clerk"]
        )
    assert refused.value.fields() == {"date"}
    with pytest.raises(NotPermitted):
        services.takings.count_drawer(
            DrawerCountForm(Shift(DAY), "counter-1", "0", note="x"),
            services.auth.sign_in("tech", "counter-pass-1"),
        )


def test_counts_are_never_changed(services: Services, day):
    count = services.takings.count_drawer(
        DrawerCountForm(Shift(DAY), "counter-2", "0", note="退款现金来自备用金"), day["zhao"]
    )
    assert count.difference_cents == 1_000
    for statement in (
        "UPDATE drawer_counts SET counted_cents = 0",
        "DELETE FROM drawer_counts",
    ):
        with pytest.raises(DBAPIError), database_of(services).write() as session:
            session.execute(text(statement))
