"""Purchase voucher, warranty card and the product: all three make a warranty repair free."""

from __future__ import annotations

import itertools

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.rules import Coverage, DocumentsPresented, ServiceKind, decide
from tests.unit._builders import ALL_DOCUMENTS, claim

IN_WARRANTY = ("2025-06-01", "2026-03-10")  # purchase, check-in: in warranty, past 7 days
MISSING_REASON = {
    "purchase_voucher": "purchase voucher not presented",
    "warranty_card": "warranty card not presented",
    "product": "product itself not presented",
}
COMBINATIONS = list(itertools.product([True, False], repeat=3))


def documents(voucher: bool, card: bool, product: bool) -> DocumentsPresented:
    return DocumentsPresented(purchase_voucher=voucher, warranty_card=card, product=product)


def combination_id(combo: tuple[bool, bool, bool]) -> str:
    names = ("voucher", "card", "product")
    return "+".join(n for n, present in zip(names, combo, strict=True) if present) or "nothing"


COMBINATION_IDS = [combination_id(combo) for combo in COMBINATIONS]


@pytest.mark.parametrize(("voucher", "card", "product"), COMBINATIONS, ids=COMBINATION_IDS)
def test_every_document_combination_for_an_in_warranty_repair(
    voucher: bool, card: bool, product: bool
) -> None:
    verdict = decide(claim(*IN_WARRANTY, documents=documents(voucher, card, product)))
    presented = {"purchase_voucher": voucher, "warranty_card": card, "product": product}
    expected_missing = [MISSING_REASON[name] for name, ok in presented.items() if not ok]
    missing_reasons = [t for t in verdict.reason_texts() if t.endswith(" not presented")]

    assert missing_reasons == expected_missing  # one reason per missing document, in order
    if all(presented.values()):
        assert verdict.coverage is Coverage.WARRANTY
        assert verdict.free
    else:
        assert verdict.coverage is Coverage.PAID
        assert not verdict.free
        assert "documents missing, so the repair is not free" in verdict.reason_texts()
    assert verdict.in_warranty


def test_complete_documents_give_the_full_warranty_explanation() -> None:
    verdict = decide(claim(*IN_WARRANTY))
    assert verdict.reason_texts() == [
        "in warranty until 2026-06-01",
        "purchase voucher, warranty card and product presented",
        "quality faults are repaired free (same-model parts)",
    ]


@pytest.mark.parametrize(("voucher", "card", "product"), COMBINATIONS[1:], ids=COMBINATION_IDS[1:])
def test_manager_override_makes_any_missing_documents_free(
    voucher: bool, card: bool, product: bool
) -> None:
    verdict = decide(
        claim(
            *IN_WARRANTY,
            documents=documents(voucher, card, product),
            override="regular customer, card lost when moving house",
        )
    )
    assert verdict.coverage is Coverage.WARRANTY
    texts = verdict.reason_texts()
    assert "free by manager's override: regular customer, card lost when moving house" in texts
    assert any(t.endswith(" not presented") for t in texts)  # the gap stays on the record
    assert "documents missing, so the repair is not free" not in texts


def test_manager_override_reason_is_trimmed_on_the_record() -> None:
    verdict = decide(
        claim(*IN_WARRANTY, documents=documents(True, False, True), override="  known buyer \n")
    )
    assert "free by manager's override: known buyer" in verdict.reason_texts()


@pytest.mark.parametrize("blank", ["", " ", "\t\n  "])
def test_blank_manager_override_reason_is_invalid(blank: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        decide(claim(*IN_WARRANTY, documents=documents(True, False, True), override=blank))
    assert raised.value.fields() == {"manager_override_reason"}


def test_manager_override_does_not_extend_an_ended_warranty() -> None:
    verdict = decide(
        claim("2024-01-10", "2026-03-10", documents=documents(True, False, True), override="vip")
    )
    assert verdict.coverage is Coverage.PAID


def test_documents_missing_lists_names_in_agreement_order() -> None:
    assert documents(False, False, False).missing() == [
        "purchase voucher",
        "warranty card",
        "product itself",
    ]
    assert ALL_DOCUMENTS.missing() == []
    assert ALL_DOCUMENTS.complete
    assert not documents(True, True, False).complete


@pytest.mark.parametrize("kind", [ServiceKind.ON_SITE, ServiceKind.CONSULTATION])
def test_other_services_are_judged_like_a_repair(kind: ServiceKind) -> None:
    assert decide(claim(*IN_WARRANTY, requested=kind)).coverage is Coverage.WARRANTY
    missing = decide(claim(*IN_WARRANTY, requested=kind, documents=documents(True, True, False)))
    assert missing.coverage is Coverage.PAID
