"""Check-in form validation: every problem at once, each tied to the field that caused it."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import MAX_LONG_TEXT, MAX_SHORT_TEXT, validate_check_in
from desktop_app.domain.rules import DocumentsPresented, ServiceKind
from tests.unit._builders import ALL_DOCUMENTS, check_in_form, d

TODAY = d("2026-03-10")


def problems_of(**changes: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as raised:
        validate_check_in(check_in_form(**changes), TODAY)
    return raised.value


def test_valid_form_returns_the_normalised_phone_and_the_claim() -> None:
    phone, claim = validate_check_in(check_in_form(phone="+86 138 0013 8000"), TODAY)
    assert phone == "13800138000"
    assert claim.purchase_date == d("2026-01-10")
    assert claim.check_in_date == TODAY
    assert claim.warranty_months == 12
    assert claim.documents == ALL_DOCUMENTS
    assert claim.requested is ServiceKind.REPAIR
    assert claim.manager_override_reason is None


def test_every_required_field_missing_at_once_reports_them_all() -> None:
    error = problems_of(
        customer_name="",
        phone="",
        brand="",
        model="",
        fault_description="",
        usage_description="",
    )
    assert error.fields() == {
        "customer_name",
        "phone",
        "brand",
        "model",
        "fault_description",
        "usage_description",
    }
    assert len(error.problems) == 6
    message = str(error)
    assert "customer_name: the customer's name is required" in message
    assert "phone: a mobile phone number is required" in message
    assert "usage_description: how the product was used is required" in message


@pytest.mark.parametrize(
    "field", ["customer_name", "brand", "model", "fault_description", "usage_description"]
)
def test_whitespace_only_counts_as_missing(field: str) -> None:
    assert problems_of(**{field: "  \t "}).fields() == {field}


def test_text_problems_and_claim_problems_are_reported_together() -> None:
    error = problems_of(
        customer_name="",
        phone="12345",
        warranty_months=6,
        purchase_date=d("2026-03-11"),
        manager_override_reason=" ",
    )
    assert error.fields() == {
        "customer_name",
        "phone",
        "warranty_months",
        "purchase_date",
        "manager_override_reason",
    }


@pytest.mark.parametrize("phone", ["12345", "23800138000"])
def test_invalid_phone_is_reported_on_the_phone_field(phone: str) -> None:
    assert problems_of(phone=phone).fields() == {"phone"}


def test_purchase_date_in_the_future_is_reported() -> None:
    assert problems_of(purchase_date=d("2026-03-11")).fields() == {"purchase_date"}


def test_purchase_today_is_valid() -> None:
    _, claim = validate_check_in(check_in_form(purchase_date=TODAY), TODAY)
    assert claim.purchase_date == TODAY


def test_warranty_under_twelve_months_is_reported() -> None:
    assert problems_of(warranty_months=11).fields() == {"warranty_months"}


def test_on_site_service_needs_an_address() -> None:
    error = problems_of(service_requested=ServiceKind.ON_SITE, address=" ")
    assert error.fields() == {"visit_address"}
    assert "an address for on-site service is required" in str(error)


def test_on_site_service_with_an_address_is_valid() -> None:
    form = check_in_form(service_requested=ServiceKind.ON_SITE, address="朝阳区建国路88号")
    _, claim = validate_check_in(form, TODAY)
    assert claim.requested is ServiceKind.ON_SITE


def test_counter_service_needs_no_address() -> None:
    validate_check_in(check_in_form(address=""), TODAY)


def test_presented_voucher_needs_its_number() -> None:
    error = problems_of(voucher_number="  ")
    assert error.fields() == {"voucher_number"}
    assert "enter its invoice or receipt number" in str(error)


def test_voucher_not_presented_needs_no_number() -> None:
    docs = DocumentsPresented(purchase_voucher=False, warranty_card=True, product=True)
    _, claim = validate_check_in(check_in_form(documents=docs, voucher_number=""), TODAY)
    assert claim.documents == docs


def test_manager_override_reason_is_passed_to_the_claim() -> None:
    docs = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    form = check_in_form(documents=docs, manager_override_reason="known customer")
    _, claim = validate_check_in(form, TODAY)
    assert claim.manager_override_reason == "known customer"


@pytest.mark.parametrize(
    "field", ["customer_name", "brand", "model", "serial", "voucher_number", "warranty_card_number"]
)
def test_short_text_fields_are_limited(field: str) -> None:
    validate_check_in(check_in_form(**{field: "x" * MAX_SHORT_TEXT}), TODAY)
    error = problems_of(**{field: "x" * (MAX_SHORT_TEXT + 1)})
    assert error.fields() == {field}
    assert f"must be at most {MAX_SHORT_TEXT} characters" in str(error)


@pytest.mark.parametrize(
    "field",
    [
        "address",
        "fault_description",
        "usage_description",
        "condition_on_arrival",
        "accessories_received",
    ],
)
def test_long_text_fields_are_limited(field: str) -> None:
    validate_check_in(check_in_form(**{field: "x" * MAX_LONG_TEXT}), TODAY)
    assert problems_of(**{field: "x" * (MAX_LONG_TEXT + 1)}).fields() == {field}
