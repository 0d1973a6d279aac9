"""Issue 16 attacked (adversarial review), on SQLite and PostgreSQL: a hand-back whose every
part is wrong at once (identification, split payment, a compensation decision) says it all at
once and writes nothing; two counters refunding and handing back at the very same moment
(threads behind a barrier, each on its own connection) never give back or take more than once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Compensation, JobEvent, Payment
from desktop_app.domain.compensation import Decision
from desktop_app.domain.errors import ConcurrentChange, DomainError, InvalidInput
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import Tender
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, approved_quotation, check_in_form

CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT
OUT_OF_WARRANTY = date(2024, 1, 1)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def rows(database: Database) -> tuple[int, int, int]:
    with database.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Payment)),
            session.scalar(select(func.count()).select_from(JobEvent)),
            session.scalar(select(func.count()).select_from(Compensation)),
        )


def late_paid_repair(
    services: Services, staff, clock: FakeClock, labour_cents: int, deposit: Tender | None = None
) -> JobSnapshot:
    """A paid repair ready four days after its due day (a missed promise to decide)."""
    manager = staff[Role.MANAGER]
    form = check_in_form(purchase_date=OUT_OF_WARRANTY, deposit=deposit)
    job = services.jobs.check_in(form, staff[Role.CLERK])
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    services.jobs.add_line(
        job.id,
        manager,
        kind="labour",
        description="换屏",
        quantity=1,
        unit_price_cents=labour_cents,
    )
    # Paid work waits for the customer's approval of the quotation (issue 16).
    approved_quotation(services, services.jobs.get(job.id), manager, staff[Role.CLERK])
    job = services.jobs.change_status(job.id, Status.REPAIRING, manager)
    clock.now = datetime.combine(
        job.repair_due_date + timedelta(days=4), datetime.min.time()
    ).replace(hour=15)
    return services.jobs.mark_ready(job.id, manager, "已修好")


def test_every_broken_rule_of_a_hand_back_is_said_at_once_and_nothing_is_written(
    services, staff, clock, database
):
    """Fails without the fix: the split payment was checked only after the identification had
    passed, so a wrong scan hid the parts that do not add up (one refusal after the other)."""
    job = late_paid_repair(services, staff, clock, 20000, deposit=Tender(CASH, 5000))
    before = rows(database)
    form = HandBackForm(
        (),  # the charger kept back, without a note
        "",
        0,
        compensation=Decision.approve(),
        tenders=(Tender(CASH, 10000, 9000), Tender(WECHAT, 100)),  # short, and not adding up
        scanned_number="R-NOT-A-JOB",
        phone_last_four="0000",
    )
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(job.id, staff[Role.MANAGER], form, job.version)
    assert refused.value.fields() == {
        "scanned_number",
        "phone_last_four",
        "accessories_returned",
        "tendered_cash",
    }
    assert rows(database) == before
    after = services.jobs.get(job.id)
    assert after.status is Status.READY_FOR_PICKUP and after.version == job.version
    # Identification right, the parts still short of what is due: said, nothing written.
    form = HandBackForm(
        ("充电器",),
        "",
        0,
        compensation=Decision.approve(),
        tenders=(Tender(CASH, 10000), Tender(WECHAT, 100)),
        scanned_number="R-NOT-A-JOB",
    )
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(job.id, staff[Role.MANAGER], form, job.version)
    assert refused.value.fields() == {"scanned_number", "payments"}
    assert rows(database) == before


def _counters(database_url: str, services: Services, n: int) -> list[tuple[Database, Services]]:
    made = []
    for i in range(n):
        db = open_database(database_url)
        made.append(
            (
                db,
                Services.build(
                    db, services.jobs._clock, passwords=FAST_PASSWORDS, workstation=f"c{i}"
                ),
            )
        )
    return made


def _at_once(actions) -> list[object]:
    """Runs each action in its own thread, all released together; what each returned or raised."""
    barrier = threading.Barrier(len(actions))
    results: list[object] = [None] * len(actions)

    def run(n: int) -> None:
        barrier.wait()
        try:
            results[n] = actions[n]()
        except DomainError as error:
            results[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _paid(services: Services, staff, clock: FakeClock, labour_cents: int) -> JobSnapshot:
    job = late_paid_repair(services, staff, clock, labour_cents)
    form = HandBackForm(
        ("充电器",), "", 0, tenders=(Tender(CASH, labour_cents),), identity_note="身份证已核对"
    )
    return services.handback.hand_back(job.id, staff[Role.CLERK], form, job.version)


@pytest.mark.parametrize("with_version", [True, False])
def test_two_refunds_at_the_same_moment_never_give_back_more_than_was_taken(
    services, staff, clock, database, database_url, with_version
):
    job = _paid(services, staff, clock, 20000)
    counters = _counters(database_url, services, 2)
    try:
        managers = [actor(other, "manager") for _db, other in counters]
        version = job.version if with_version else None
        results = _at_once(
            [
                lambda n=n: counters[n][1].payments.refund(
                    job.id, managers[n], 15000, "cash", f"柜台{n}", version
                )
                for n in range(2)
            ]
        )
    finally:
        for db, _ in counters:
            db.dispose()
    refused = [r for r in results if isinstance(r, DomainError)]
    assert len(refused) == 1
    assert isinstance(refused[0], ConcurrentChange if with_version else InvalidInput)
    with database.read() as session:
        refunded = session.scalar(
            select(func.sum(Payment.amount_cents)).where(Payment.kind == "refund")
        )
    assert refunded == 15000


def test_two_counters_handing_back_the_same_job_at_once_one_wins_paid_once(
    services, staff, clock, database, database_url
):
    job = late_paid_repair(services, staff, clock, 20000, deposit=Tender(WECHAT, 5000))
    before_payments = rows(database)[0]
    counters = _counters(database_url, services, 2)
    form = HandBackForm(
        ("充电器",), "", 0, tenders=(Tender(CASH, 15000, 20000),), identity_note="身份证已核对"
    )
    try:
        clerks = [actor(other, "clerk") for _db, other in counters]
        results = _at_once(
            [
                lambda n=n: counters[n][1].handback.hand_back(job.id, clerks[n], form, job.version)
                for n in range(2)
            ]
        )
    finally:
        for db, _ in counters:
            db.dispose()
    assert sum(isinstance(r, JobSnapshot) for r in results) == 1
    assert sum(isinstance(r, DomainError) for r in results) == 1
    assert rows(database)[0] == before_payments + 2  # the deposit used and the cash, once
    assert services.jobs.get(job.id).status is Status.RETURNED


def test_the_one_method_shorthand_is_refused_once_not_twice(services, staff, clock):
    job = late_paid_repair(services, staff, clock, 20000)
    form = HandBackForm(("充电器",), "cash", 100, identity_note="身份证已核对")
    with pytest.raises(InvalidInput) as refused:
        services.handback.hand_back(job.id, staff[Role.CLERK], form, job.version)
    assert refused.value.fields() == {"amount_paid"}


# --- parts picked from a stale dialog ------------------------------------------------------------


def test_a_price_changed_while_the_pick_dialog_was_open_is_said_not_refused_as_a_right(
    services, staff
):
    """Fails without the fix: a technician's dialog, opened at the old price, was refused with
    "may not change a part's price" though they typed no price."""
    from desktop_app.domain.errors import RuleRefusal
    from desktop_app.domain.parts import PartForm

    manager, tech = staff[Role.MANAGER], staff[Role.TECHNICIAN]
    seen = services.parts.add(
        PartForm("屏幕总成", "HW-LCD-M60P", ("Mate 60 Pro",), 89_900, 2), manager
    )
    job = services.jobs.check_in(check_in_form(), staff[Role.CLERK])
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    services.parts.edit(
        seen.id, PartForm("屏幕总成", "HW-LCD-M60P", ("Mate 60 Pro",), 99_900, 2), manager, 1
    )
    with pytest.raises(RuleRefusal) as refused:
        services.jobs.add_line(
            job.id,
            tech,
            kind="part",
            description=seen.name,
            quantity=1,
            unit_price_cents=seen.unit_price_cents,  # what the dialog showed
            part_model=seen.part_number,
            part_id=seen.id,
            expected_version=job.version,
        )
    assert "999.00" in refused.value.render() and "HW-LCD-M60P" in refused.value.render()
    assert services.parts.get(seen.id).stock == 2
    assert services.jobs.get(job.id).lines == ()
