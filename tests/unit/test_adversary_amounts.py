"""Issue 16 attacked (adversarial review): amounts and shift times as a hostile or careless
clerk types them. Every refusal names the field and the rule that was really broken."""

from __future__ import annotations

from datetime import time

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.payments import MAX_AMOUNT_CENTS, parse_amount
from desktop_app.domain.takings import parse_time


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("１２", 1200),  # an input method in full-width mode
        ("１２．５", 1250),
        ("１，０００．０５", 100005),
        ("12。5", 1250),  # the Chinese full stop where the point is
        (" \u00a0¥ 12 ", 1200),
        (".5", 50),
        ("1,000,000", MAX_AMOUNT_CENTS),
        ("0.00", 0),
    ],
)
def test_amounts_typed_in_other_ways_are_read_exactly(typed: str, cents: int) -> None:
    assert parse_amount(typed, "amount") == cents


@pytest.mark.parametrize(
    ("typed", "rule"),
    [
        # Fails without the fix: read as 1250 yuan, a hundred times the 12.50 meant.
        ("12,50", "must be an amount"),
        ("1,2,3", "must be an amount"),
        ("1,0000", "must be an amount"),
        # Fails without the fix: each was said to have "more than two decimals".
        ("1e5", "must be an amount"),
        ("NaN", "must be an amount"),
        ("Infinity", "must be an amount"),
        ("1_000", "must be an amount"),
        ("+5", "must be an amount"),
        ("9999999999999", "must be at most"),
        # Other scripts' digits are not what a counter types ("٣" was read as 3).
        ("٣", "must be an amount"),
        ("²", "must be an amount"),
        ("0.005", "at most two decimals"),
        ("1,000.005", "at most two decimals"),
        ("-0.01", "must not be negative"),
        ("－５", "must not be negative"),
        (".", "must be an amount"),
        ("-", "must be an amount"),
        ("¥", "is required"),
    ],
)
def test_bad_amounts_are_refused_with_the_rule_really_broken(typed: str, rule: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        parse_amount(typed, "amount")
    (problem,) = raised.value.problems
    assert problem.field == "amount"
    assert rule in problem.message.template


@pytest.mark.parametrize("typed", ["0²:30", "²:00", "08:3²", "٠٨:٣٠"])
def test_a_shift_time_in_other_digits_is_refused_not_a_crash(typed: str) -> None:
    """Fails without the fix: "0²:30" passed str.isdigit() and int() raised ValueError (the
    command line said "unexpected error")."""
    with pytest.raises(InvalidInput) as raised:
        parse_time(typed, "from", time(0, 0))
    assert raised.value.fields() == {"from"}
