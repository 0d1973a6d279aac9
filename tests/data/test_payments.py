"""Money at the counter on SQLite and PostgreSQL: a deposit with the check-in (one
transaction), a deposit later, hand-back split across methods with change, the deposit used
first and its rest given back, refunds within what was taken, two counters refunding at once."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job, JobEvent, Payment
from desktop_app.domain.errors import (
    ConcurrentChange,
    IllegalTransition,
    InvalidInput,
    NotPermitted,
)
from desktop_app.domain.events import describe, title
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.payments import PaymentKind, Tender
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import EventKind, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, check_in_form

CASH, WECHAT, ALIPAY = PaymentMethod.CASH, PaymentMethod.WECHAT, PaymentMethod.ALIPAY
OUT_OF_WARRANTY = date(2024, 1, 1)  # the customer pays


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def counts(database: Database) -> tuple[int, int, int]:
    with database.read() as session:
        return (
            session.scalar(select(func.count()).select_from(Job)),
            session.scalar(select(func.count()).select_from(Payment)),
            session.scalar(select(func.count()).select_from(JobEvent)),
        )


def paid_check_in(services: Services, staff, deposit: Tender | None = None) -> JobSnapshot:
    form = check_in_form(purchase_date=OUT_OF_WARRANTY, deposit=deposit)
    return services.jobs.check_in(form, staff[Role.CLERK])


def ready(services: Services, staff, job: JobSnapshot, labour_cents: int) -> JobSnapshot:
    manager = staff[Role.MANAGER]
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    services.jobs.add_line(
        job.id,
        manager,
        kind="labour",
        description="换屏",
        quantity=1,
        unit_price_cents=labour_cents,
    )
    services.jobs.change_status(job.id, Status.REPAIRING, manager)
    return services.jobs.mark_ready(job.id, manager, "已修好")


def hand_back(services: Services, staff, job: JobSnapshot, *tenders: Tender) -> JobSnapshot:
    form = HandBackForm(("充电器",), "", 0, tenders=tenders, identity_note=ID_CHECKED)
    return services.handback.hand_back(job.id, staff[Role.CLERK], form, job.version)


# --- deposits -------------------------------------------------------------------------------------


def test_a_deposit_is_taken_with_the_check_in_of_a_paid_repair(services, staff):
    job = paid_check_in(services, staff, Tender(CASH, 10000, tendered_cents=20000))
    assert job.coverage is Coverage.PAID
    (line,) = job.payments
    assert (line.kind, line.method, line.amount_cents) == (PaymentKind.DEPOSIT, CASH, 10000)
    assert (line.tendered_cents, line.change_cents) == (20000, 10000)
    assert line.taken_by == "王晓红" and line.workstation == "test-counter"
    assert job.deposit_held_cents == 10000 and job.paid_cents == 0
    money = [e for e in job.events if e.kind == EventKind.MONEY.value]
    assert len(money) == 1 and money[0].user_name == "王晓红"
    assert title(money[0]) == "Deposit"
    assert describe(money[0]) == "¥100.00 by Cash; tendered ¥200.00, change ¥100.00"


def test_a_failure_after_the_job_is_written_leaves_neither_job_nor_deposit(
    services, staff, database, monkeypatch
):
    from desktop_app.services import jobs, payments

    before = counts(database)

    def deposit_then_fail(*args, **kwargs):
        payments.record_deposit(*args, **kwargs)
        raise RuntimeError("the power went off")

    monkeypatch.setattr(jobs, "record_deposit", deposit_then_fail)
    with pytest.raises(RuntimeError):
        paid_check_in(services, staff, Tender(WECHAT, 5000))
    assert counts(database) == before


def test_a_deposit_is_refused_for_a_free_repair_and_nothing_is_written(services, staff, database):
    before = counts(database)
    form = check_in_form(deposit=Tender(CASH, 5000))  # in warranty: free
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(form, staff[Role.CLERK])
    assert refused.value.fields() == {"deposit_amount"}
    assert counts(database) == before


@pytest.mark.parametrize(
    ("deposit", "field"),
    [
        (Tender(CASH, 0), "deposit_amount"),
        (Tender(CASH, -100), "deposit_amount"),
        (Tender(CASH, 100_000_001), "deposit_amount"),
        (Tender(CASH, 5000, tendered_cents=4999), "deposit_tendered"),
        (Tender(WECHAT, 5000, tendered_cents=6000), "deposit_tendered"),
    ],
)
def test_a_bad_deposit_is_refused_naming_the_field(services, staff, database, deposit, field):
    before = counts(database)
    with pytest.raises(InvalidInput) as refused:
        paid_check_in(services, staff, deposit)
    assert field in refused.value.fields()
    assert counts(database) == before


def test_a_deposit_taken_later_on_an_open_paid_job_checks_the_version(services, staff):
    job = paid_check_in(services, staff)
    clerk = staff[Role.CLERK]
    after = services.payments.take_deposit(job.id, clerk, Tender(ALIPAY, 30000), job.version)
    assert after.deposit_held_cents == 30000
    with pytest.raises(ConcurrentChange):
        services.payments.take_deposit(job.id, clerk, Tender(ALIPAY, 100), job.version)
    free = services.jobs.check_in(check_in_form(), clerk)
    with pytest.raises(IllegalTransition):
        services.payments.take_deposit(free.id, clerk, Tender(ALIPAY, 100))
    with pytest.raises(NotPermitted):
        services.payments.take_deposit(job.id, staff[Role.TECHNICIAN], Tender(ALIPAY, 100))


# --- the hand-back ------------------------------------------------------------------------------


def test_split_payment_with_change_for_cash_after_the_deposit(services, staff):
    job = paid_check_in(services, staff, Tender(CASH, 10000))
    job = ready(services, staff, job, 45000)
    done = hand_back(
        services, staff, job, Tender(CASH, 15000, tendered_cents=20000), Tender(WECHAT, 20000)
    )
    kinds = [(p.kind, p.method, p.amount_cents, p.change_cents) for p in done.payments]
    assert kinds == [
        (PaymentKind.DEPOSIT, CASH, 10000, 0),
        (PaymentKind.DEPOSIT_USED, None, 10000, 0),
        (PaymentKind.PAYMENT, CASH, 15000, 5000),
        (PaymentKind.PAYMENT, WECHAT, 20000, 0),
    ]
    assert done.paid_cents == 45000 and done.deposit_held_cents == 0
    # The old columns, for their readers: the main method and the whole amount.
    assert (done.payment_method, done.amount_paid_cents) == ("wechat", 45000)
    said = [describe(e) for e in done.events if e.kind == EventKind.MONEY.value]
    assert "¥150.00 by Cash; tendered ¥200.00, change ¥50.00" in said
    assert "¥100.00 of the deposit set against the bill" in said


def test_parts_that_do_not_add_up_are_refused_and_nothing_is_written(services, staff, database):
    job = ready(services, staff, paid_check_in(services, staff), 30000)
    before = counts(database)
    with pytest.raises(InvalidInput) as refused:
        hand_back(services, staff, job, Tender(CASH, 10000), Tender(WECHAT, 10000))
    assert refused.value.fields() == {"payments"}
    with pytest.raises(InvalidInput) as refused:
        hand_back(services, staff, job, Tender(CASH, 10000), Tender(CASH, 20000))
    assert "amount_cash" in refused.value.fields()
    with pytest.raises(InvalidInput) as refused:
        hand_back(services, staff, job, Tender(CASH, 30000, tendered_cents=20000))
    assert refused.value.fields() == {"tendered_cash"}
    assert counts(database) == before
    assert services.jobs.get(job.id).status is Status.READY_FOR_PICKUP


def test_a_deposit_larger_than_the_bill_is_used_and_the_rest_refunded_by_its_method(
    services, staff
):
    job = paid_check_in(services, staff, Tender(WECHAT, 50000))
    job = ready(services, staff, job, 30000)
    with pytest.raises(InvalidInput) as refused:
        hand_back(services, staff, job, Tender(CASH, 100))
    assert refused.value.fields() == {"payments"}
    done = hand_back(services, staff, job)
    kinds = [(p.kind, p.method, p.amount_cents) for p in done.payments]
    assert kinds[1:] == [
        (PaymentKind.DEPOSIT_USED, None, 30000),
        (PaymentKind.REFUND, WECHAT, 20000),
    ]
    assert done.paid_cents == 30000 and done.deposit_held_cents == 0
    assert done.refundable_cents == 30000
    assert (done.payment_method, done.amount_paid_cents) == ("wechat", 30000)


def test_a_one_method_hand_back_still_works_for_older_callers(services, staff):
    job = ready(services, staff, paid_check_in(services, staff), 12000)
    done = services.handback.hand_back(
        job.id,
        staff[Role.CLERK],
        HandBackForm(("充电器",), "alipay", 12000, identity_note=ID_CHECKED),
    )
    assert [(p.kind, p.method) for p in done.payments] == [(PaymentKind.PAYMENT, ALIPAY)]
    assert (done.payment_method, done.amount_paid_cents) == ("alipay", 12000)


# --- refunds --------------------------------------------------------------------------------------


def test_a_manager_refunds_part_then_the_rest_never_more(services, staff, database):
    job = ready(services, staff, paid_check_in(services, staff, Tender(CASH, 10000)), 40000)
    job = hand_back(services, staff, job, Tender(WECHAT, 30000))
    manager = staff[Role.MANAGER]
    with pytest.raises(NotPermitted):
        services.payments.refund(job.id, staff[Role.CLERK], 100, "cash", "屏幕有瑕疵")
    job = services.payments.refund(job.id, manager, 15000, "wechat", "屏幕有瑕疵", job.version)
    assert job.paid_cents == 25000 and job.refundable_cents == 25000
    before = counts(database)
    for amount, method, reason, field in [
        (25001, "cash", "再退", "amount"),
        (0, "cash", "再退", "amount"),
        (100, "bitcoin", "再退", "method"),
        (100, "cash", "  ", "reason"),
    ]:
        with pytest.raises(InvalidInput) as refused:
            services.payments.refund(job.id, manager, amount, method, reason)
        assert refused.value.fields() == {field}
    assert counts(database) == before
    job = services.payments.refund(job.id, manager, 25000, "cash", "全部退回")
    assert job.paid_cents == 0 and job.refundable_cents == 0
    refund = job.payments[-1]
    assert (refund.kind, refund.note, refund.taken_by) == (PaymentKind.REFUND, "全部退回", "店长")


def test_a_deposit_is_refunded_on_an_open_job(services, staff):
    job = paid_check_in(services, staff, Tender(CASH, 8000))
    job = services.payments.refund(job.id, staff[Role.MANAGER], 8000, "cash", "客户不修了")
    assert job.deposit_held_cents == 0 and job.refundable_cents == 0 and job.paid_cents == 0


def test_two_counters_refunding_at_once_cannot_together_exceed_what_was_taken(
    services, staff, database
):
    job = ready(services, staff, paid_check_in(services, staff), 20000)
    job = hand_back(services, staff, job, Tender(CASH, 20000))
    manager = staff[Role.MANAGER]
    # Both counters show the job at the same version; each refunds 150 of the 200 paid.
    services.payments.refund(job.id, manager, 15000, "cash", "一号柜台", job.version)
    with pytest.raises(ConcurrentChange):
        services.payments.refund(job.id, manager, 15000, "cash", "二号柜台", job.version)
    # Without a version (the command line), the limit is read under the job's lock.
    with pytest.raises(InvalidInput):
        services.payments.refund(job.id, manager, 15000, "cash", "二号柜台")
    with database.read() as session:
        refunded = session.scalar(
            select(func.sum(Payment.amount_cents)).where(Payment.kind == "refund")
        )
    assert refunded == 15000
