"""Warranty period: at least 12 months from the sale, end day included, month arithmetic."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.rules import (
    MAXIMUM_WARRANTY_MONTHS,
    MINIMUM_WARRANTY_MONTHS,
    Coverage,
    DocumentsPresented,
    add_months,
    decide,
    warranty_end,
)
from tests.unit._builders import claim, d


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ("2025-03-31", 12, "2026-03-31"),
        ("2025-01-31", 1, "2025-02-28"),  # month-end clamps to a shorter month
        ("2024-01-31", 1, "2024-02-29"),  # leap year February
        ("2024-02-29", 12, "2025-02-28"),  # leap day into a common year
        ("2024-02-29", 48, "2028-02-29"),  # leap day into the next leap year
        ("2025-08-31", 1, "2025-09-30"),
        ("2025-12-15", 1, "2026-01-15"),  # across the year end
        ("2025-11-30", 3, "2026-02-28"),
        ("2025-06-15", 0, "2025-06-15"),
        ("2025-03-31", 120, "2035-03-31"),
    ],
)
def test_add_months(start: str, months: int, end: str) -> None:
    assert add_months(d(start), months) == d(end)


def test_warranty_end_is_purchase_date_plus_the_months() -> None:
    assert warranty_end(d("2025-03-31"), 12) == d("2026-03-31")


@pytest.mark.parametrize("check_in", ["2026-03-30", "2026-03-31"])
def test_check_in_up_to_and_including_the_warranty_end_day_is_covered(check_in: str) -> None:
    verdict = decide(claim("2025-03-31", check_in))
    assert verdict.coverage is Coverage.WARRANTY
    assert verdict.in_warranty
    assert verdict.warranty_end == d("2026-03-31")
    assert "in warranty until 2026-03-31" in verdict.reason_texts()


def test_check_in_the_day_after_the_warranty_end_is_paid() -> None:
    verdict = decide(claim("2025-03-31", "2026-04-01"))
    assert verdict.coverage is Coverage.PAID
    assert not verdict.in_warranty
    assert not verdict.free
    assert verdict.reason_texts() == ["warranty ended 2026-03-31"]


@pytest.mark.parametrize(
    ("purchase", "months", "last_covered", "first_paid"),
    [
        ("2025-01-31", 13, "2026-02-28", "2026-03-01"),
        ("2024-02-29", 12, "2025-02-28", "2025-03-01"),
        ("2024-02-29", 48, "2028-02-29", "2028-03-01"),
        ("2025-05-31", 18, "2026-11-30", "2026-12-01"),
    ],
)
def test_month_end_purchase_warranty_boundary(
    purchase: str, months: int, last_covered: str, first_paid: str
) -> None:
    assert decide(claim(purchase, last_covered, months=months)).coverage is Coverage.WARRANTY
    late = decide(claim(purchase, first_paid, months=months))
    assert late.coverage is Coverage.PAID
    assert f"warranty ended {last_covered}" in late.reason_texts()


def test_longer_warranty_printed_on_the_label_is_honoured() -> None:
    verdict = decide(claim("2024-03-01", "2026-02-27", months=36))
    assert verdict.coverage is Coverage.WARRANTY
    assert verdict.warranty_end == d("2027-03-01")


def test_out_of_warranty_lists_missing_documents_too() -> None:
    docs = DocumentsPresented(purchase_voucher=False, warranty_card=True, product=True)
    verdict = decide(claim("2024-01-10", "2026-03-10", documents=docs))
    assert verdict.reason_texts() == [
        "warranty ended 2025-01-10",
        "purchase voucher not presented",
    ]


def test_minimum_warranty_is_twelve_months() -> None:
    assert MINIMUM_WARRANTY_MONTHS == 12


@pytest.mark.parametrize("months", [11, 6, 1, 0, -12])
def test_warranty_under_twelve_months_is_invalid(months: int) -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-01-10", "2026-03-10", months=months))
    assert raised.value.fields() == {"warranty_months"}
    assert "at least 12 months" in str(raised.value)


def test_warranty_above_the_maximum_is_invalid() -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-01-10", "2026-03-10", months=MAXIMUM_WARRANTY_MONTHS + 1))
    assert raised.value.fields() == {"warranty_months"}


@pytest.mark.parametrize("months", [MINIMUM_WARRANTY_MONTHS, MAXIMUM_WARRANTY_MONTHS])
def test_warranty_months_at_the_limits_are_valid(months: int) -> None:
    assert decide(claim("2026-01-10", "2026-03-10", months=months)).coverage is Coverage.WARRANTY


def test_purchase_date_in_the_future_is_invalid() -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-03-11", "2026-03-11"), today=d("2026-03-10"))
    assert raised.value.fields() == {"purchase_date"}
    assert "cannot be in the future" in str(raised.value)


def test_purchase_date_after_check_in_is_invalid() -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-03-11", "2026-03-10"), today=d("2026-03-12"))
    assert raised.value.fields() == {"purchase_date"}
    assert "cannot be after the check-in date 2026-03-10" in str(raised.value)


def test_purchase_after_check_in_is_invalid_when_today_defaults_to_check_in() -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-03-11", "2026-03-10"))
    assert raised.value.fields() == {"purchase_date"}


def test_every_bad_claim_field_is_reported_at_once() -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim("2026-03-11", "2026-03-10", months=6, override="  "))
    assert raised.value.fields() == {"warranty_months", "purchase_date", "manager_override_reason"}
    assert len(raised.value.problems) == 3
