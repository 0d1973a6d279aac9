"""The 7-day no-reason return or exchange, counted from the day of purchase."""

from __future__ import annotations

import pytest

from desktop_app.domain.rules import (
    RETURN_WINDOW_DAYS,
    Coverage,
    DocumentsPresented,
    ServiceKind,
    decide,
    return_window_end,
)
from tests.unit._builders import claim, d

PURCHASE = "2026-03-01"
RETURN_OR_EXCHANGE = [ServiceKind.RETURN, ServiceKind.EXCHANGE]


def test_return_window_is_seven_days_from_the_purchase_day() -> None:
    assert RETURN_WINDOW_DAYS == 7
    assert return_window_end(d(PURCHASE)) == d("2026-03-08")


@pytest.mark.parametrize("kind", RETURN_OR_EXCHANGE)
@pytest.mark.parametrize("check_in", ["2026-03-01", "2026-03-02", "2026-03-08"])
def test_return_or_exchange_within_seven_days_is_honoured(kind: ServiceKind, check_in: str) -> None:
    verdict = decide(claim(PURCHASE, check_in, requested=kind))
    assert verdict.coverage is Coverage.RETURN_EXCHANGE
    assert verdict.within_return_window
    assert verdict.free
    assert verdict.return_window_end == d("2026-03-08")


def test_return_on_the_seventh_day_says_until_when() -> None:
    verdict = decide(claim(PURCHASE, "2026-03-08", requested=ServiceKind.RETURN))
    assert verdict.reason_texts() == [
        "bought 7 days ago: no-reason return is available until 2026-03-08"
    ]


def test_exchange_on_the_purchase_day_itself() -> None:
    verdict = decide(claim(PURCHASE, PURCHASE, requested=ServiceKind.EXCHANGE))
    assert verdict.coverage is Coverage.RETURN_EXCHANGE
    assert verdict.reason_texts() == [
        "bought today: no-reason exchange is available until 2026-03-08"
    ]


@pytest.mark.parametrize("kind", RETURN_OR_EXCHANGE)
def test_return_or_exchange_on_the_eighth_day_falls_back_to_a_warranty_repair(
    kind: ServiceKind,
) -> None:
    verdict = decide(claim(PURCHASE, "2026-03-09", requested=kind))
    assert verdict.coverage is Coverage.WARRANTY
    assert not verdict.within_return_window
    texts = verdict.reason_texts()
    assert texts[:2] == [
        f"no-reason {kind.value} refused: the 7-day window ended 2026-03-08 (bought 8 days ago)",
        "offered a repair instead",
    ]
    assert "in warranty until 2027-03-01" in texts


def test_refused_return_with_missing_documents_falls_back_to_paid() -> None:
    docs = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    verdict = decide(claim(PURCHASE, "2026-03-09", requested=ServiceKind.RETURN, documents=docs))
    assert verdict.coverage is Coverage.PAID
    texts = verdict.reason_texts()
    assert texts[0].startswith("no-reason return refused: the 7-day window ended 2026-03-08")
    assert "warranty card not presented" in texts


def test_return_within_window_does_not_need_the_warranty_card() -> None:
    docs = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    verdict = decide(claim(PURCHASE, "2026-03-05", requested=ServiceKind.RETURN, documents=docs))
    assert verdict.coverage is Coverage.RETURN_EXCHANGE


@pytest.mark.parametrize(
    ("docs", "document"),
    [
        (
            DocumentsPresented(purchase_voucher=False, warranty_card=True, product=True),
            "purchase voucher",
        ),
        (
            DocumentsPresented(purchase_voucher=True, warranty_card=True, product=False),
            "product itself",
        ),
    ],
)
def test_return_within_window_without_proof_of_purchase_or_product_is_refused(
    docs: DocumentsPresented, document: str
) -> None:
    verdict = decide(claim(PURCHASE, "2026-03-05", requested=ServiceKind.RETURN, documents=docs))
    assert verdict.coverage is Coverage.PAID
    texts = verdict.reason_texts()
    assert texts[:2] == [
        f"no-reason return refused: {document} not presented",
        "offered a repair instead",
    ]
    assert f"{document} not presented" in texts


def test_repair_within_the_window_mentions_that_a_return_is_also_possible() -> None:
    verdict = decide(claim(PURCHASE, "2026-03-05", requested=ServiceKind.REPAIR))
    assert verdict.coverage is Coverage.WARRANTY
    assert verdict.within_return_window
    assert verdict.reason_texts()[-1] == (
        "a no-reason return or exchange is also possible until 2026-03-08"
    )


def test_repair_after_the_window_does_not_mention_a_return() -> None:
    verdict = decide(claim(PURCHASE, "2026-03-09", requested=ServiceKind.REPAIR))
    assert not any("return" in text for text in verdict.reason_texts())
