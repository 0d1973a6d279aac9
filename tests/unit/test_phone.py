"""Mainland mobile numbers: normalised on the way in, masked wherever others can see them."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.rules import mask_phone, normalise_phone, validate_mobile


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "138 0013 8000",
        "+86 13800138000",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 138 0013 8000",
        "138-0013-8000",
        "(+86) 138-0013-8000",
        " 13800138000 ",
        "138\u00a00013\u00a08000",  # non-breaking spaces pasted from a web page
    ],
)
def test_typed_variants_normalise_to_eleven_digits(raw: str) -> None:
    assert validate_mobile(raw) == "13800138000"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_every_mainland_mobile_prefix_is_accepted(prefix: str) -> None:
    number = prefix + "012345678"
    assert validate_mobile(number) == number


@pytest.mark.parametrize(
    "raw",
    [
        "12345",
        "23800138000",  # does not start with 1
        "12800138000",  # 12 is not a mobile prefix
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "1380013800a",
        "010 6552 9988",  # a Beijing landline
        "+1 13800138000",
    ],
)
def test_invalid_numbers_are_refused_on_the_phone_field(raw: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_mobile(raw)
    assert raised.value.fields() == {"phone"}
    assert "11 digits starting with 13–19" in str(raised.value)


@pytest.mark.parametrize("raw", ["", "   ", "+86"])
def test_missing_number_is_reported_as_required(raw: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_mobile(raw)
    assert str(raised.value) == "phone: a mobile phone number is required"


def test_the_field_name_can_be_chosen() -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_mobile("12345", field="contact_phone")
    assert raised.value.fields() == {"contact_phone"}


@pytest.mark.parametrize(
    "raw",
    [
        "138００１３８０００",  # full-width digits, as a Chinese IME in full-width mode types them
        "138٠٠١٣٨٠٠٠",  # Arabic-Indic digits
    ],
)
def test_accepted_number_is_always_plain_ascii_digits(raw: str) -> None:
    # Python's \d also matches non-ASCII Unicode digits. A number the counter accepts must be
    # stored as the 11 ASCII digits (or refused), never as the other script's characters.
    try:
        phone = validate_mobile(raw)
    except InvalidInput:
        return
    assert phone == "13800138000"


def test_normalise_phone_keeps_only_the_number() -> None:
    assert normalise_phone("+86 (138) 0013-8000") == "13800138000"


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("13800138000", "138****8000"),
        ("12345678", "123****5678"),
        ("123456", "1****6"),
        ("123", "1*3"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("length", range(1, 16))
def test_mask_never_shows_every_digit_of_a_number(length: int) -> None:
    phone = "123456789012345"[:length]
    shown = [c for c in mask_phone(phone) if c != "*"]
    assert len(shown) < length
