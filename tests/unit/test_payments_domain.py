"""Money lines: exact amounts from typed text, split payments, what a deposit still holds."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.payments import (
    MAX_AMOUNT_CENTS,
    PaymentKind,
    PaymentLine,
    Tender,
    deposit_held,
    paid_total,
    parse_amount,
    tender_problems,
)
from desktop_app.domain.vocabulary import PaymentMethod


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("12", 1200),
        ("12.3", 1230),
        ("12.30", 1230),
        ("0.01", 1),
        (" ¥1,000.05 ", 100005),
        ("￥7.", 700),
        ("1000000", MAX_AMOUNT_CENTS),
        ("0.1", 10),  # never 9 or 11 through a float
    ],
)
def test_amounts_are_read_exactly(typed: str, cents: int) -> None:
    assert parse_amount(typed, "deposit") == cents


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        ("", "is required"),
        ("   ", "is required"),
        ("-1", "must not be negative"),
        ("1.234", "at most two decimals"),
        ("abc", "must be an amount"),
        ("1e3", "must be an amount"),
        ("1000000.01", "must be at most"),
        ("99999999999", "must be at most"),
    ],
)
def test_bad_amounts_name_the_field_and_the_rule(typed: str, rule: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_amount(typed, "deposit")
    (problem,) = raised.value.problems
    assert problem.field == "deposit"
    assert rule in problem.message.template


def test_cash_tendered_above_the_amount_gives_change() -> None:
    assert Tender(PaymentMethod.CASH, 3550, 5000).change_cents == 1450
    assert Tender(PaymentMethod.CASH, 3550).change_cents == 0


def test_a_split_payment_must_add_up_to_what_is_due() -> None:
    split = [Tender(PaymentMethod.CASH, 5000, 10000), Tender(PaymentMethod.WECHAT, 2000)]
    assert tender_problems(split, 7000) == []
    (problem,) = tender_problems(split, 7001)
    assert problem.field == "payments"


@pytest.mark.parametrize(
    ("tenders", "field"),
    [
        ([Tender(PaymentMethod.CASH, 5000, 4999)], "tendered_cash"),
        ([Tender(PaymentMethod.CARD, 5000, 6000)], "tendered_card"),
        ([Tender(PaymentMethod.ALIPAY, 0)], "amount_alipay"),
        ([Tender(PaymentMethod.ALIPAY, -5), Tender(PaymentMethod.CASH, 10)], "amount_alipay"),
        ([Tender(PaymentMethod.CASH, 1), Tender(PaymentMethod.CASH, 4)], "amount_cash"),
        ([Tender(PaymentMethod.OTHER, MAX_AMOUNT_CENTS + 1)], "amount_other"),
    ],
)
def test_each_bad_part_is_named(tenders: list[Tender], field: str) -> None:
    problems = tender_problems(tenders, 5)
    assert field in {problem.field for problem in problems}


def _line(kind: PaymentKind, cents: int) -> PaymentLine:
    return PaymentLine(
        id=1,
        job_id=1,
        job_number="J",
        kind=kind,
        method=None if kind is PaymentKind.DEPOSIT_USED else PaymentMethod.CASH,
        amount_cents=cents,
        tendered_cents=None,
        change_cents=0,
        at=datetime(2026, 11, 30, 10),
        taken_by_id=1,
        taken_by="王芳",
        workstation="desk-1",
    )


def test_a_deposit_is_held_until_used_or_refunded() -> None:
    deposit = _line(PaymentKind.DEPOSIT, 10000)
    assert deposit_held([deposit]) == 10000
    assert deposit_held([deposit, _line(PaymentKind.DEPOSIT_USED, 8000)]) == 2000
    assert deposit_held([deposit, _line(PaymentKind.REFUND, 10000)]) == 0
    # Paid: the deposit used and the rest paid; the unused deposit refunded is not paid.
    lines = [deposit, _line(PaymentKind.DEPOSIT_USED, 8000), _line(PaymentKind.REFUND, 2000)]
    assert paid_total(lines) == 8000
    assert [line.drawer_cents for line in lines] == [10000, 0, -2000]


def test_a_refund_after_the_bill_takes_back_what_was_paid() -> None:
    lines = [_line(PaymentKind.PAYMENT, 5000), _line(PaymentKind.REFUND, 1500)]
    assert deposit_held(lines) == 0
    assert paid_total(lines) == 3500


# --- the hand-back's settlement, refunds (issue 16) ---------------------------------------------


def _deposit(cents: int, method: PaymentMethod) -> PaymentLine:
    from dataclasses import replace

    return replace(_line(PaymentKind.DEPOSIT, cents), method=method)


def test_deposits_are_used_first_and_the_rest_paid_by_the_tenders() -> None:
    from desktop_app.domain.payments import settle

    lines = [_deposit(10000, PaymentMethod.ALIPAY)]
    done = settle(lines, 45000, [Tender(PaymentMethod.CASH, 15000, 20000),
                                 Tender(PaymentMethod.WECHAT, 20000)])  # fmt: skip
    assert (done.deposit_used_cents, done.to_pay_cents, done.change_cents) == (10000, 35000, 5000)
    assert done.deposit_refunds == () and done.main_method == "wechat"


def test_a_deposit_larger_than_the_bill_goes_back_by_its_own_methods_newest_first() -> None:
    from desktop_app.domain.payments import settle

    lines = [_deposit(10000, PaymentMethod.CASH), _deposit(30000, PaymentMethod.WECHAT)]
    done = settle(lines, 15000, [])
    assert done.deposit_used_cents == 15000
    assert done.deposit_refunds == ((PaymentMethod.WECHAT, 25000),)
    with pytest.raises(InvalidInput) as refused:
        settle(lines, 15000, [Tender(PaymentMethod.CASH, 100)])
    assert refused.value.fields() == {"payments"}


def test_nothing_due_and_nothing_held_takes_no_tender() -> None:
    from desktop_app.domain.payments import settle

    assert settle([], 0, []).main_method == ""
    with pytest.raises(InvalidInput):
        settle([], 0, [Tender(PaymentMethod.CASH, 100)])


def test_refunds_stay_within_what_was_taken() -> None:
    from desktop_app.domain.payments import refund_problems, refundable

    paid = [_deposit(10000, PaymentMethod.CASH), _line(PaymentKind.DEPOSIT_USED, 10000),
            _line(PaymentKind.PAYMENT, 20000)]  # fmt: skip
    assert refundable(paid) == 30000
    assert refundable([*paid, _line(PaymentKind.REFUND, 30000)]) == 0
    assert refundable([_deposit(5000, PaymentMethod.CASH)]) == 5000  # before the hand-back
    assert refund_problems(30000, "cash", "退款", 30000) == []
    fields = {p.field for p in refund_problems(30001, "bitcoin", " ", 30000)}
    assert fields == {"amount", "method", "reason"}
    assert {p.field for p in refund_problems(True, "cash", "x", 30000)} == {"amount"}
