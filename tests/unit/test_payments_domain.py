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
        ("1e3", "at most two decimals"),
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
