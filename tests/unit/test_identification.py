"""Who takes the product back: the identification rules at the hand-back (plain Python)."""

from __future__ import annotations

import pytest

from desktop_app.domain.device_label import surname_only
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.identification import (
    MAX_WRONG_TRIES,
    IdentifiedBy,
    identify,
    is_wrong_digits,
)

NUMBER = "R20261125-0007"
PHONE = "13812345678"


def refused(**given) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        identify(given.pop("number", NUMBER), given.pop("phone", PHONE), **given)
    return caught.value


@pytest.mark.parametrize(
    "scanned",
    [NUMBER, NUMBER.lower(), f"{NUMBER}\r\n", f"  {NUMBER}\t", "Ｒ２０２６１１２５－０００７"],
)
def test_the_scanned_receipt_of_this_job_identifies(scanned):
    assert identify(NUMBER, PHONE, scanned=scanned) is IdentifiedBy.RECEIPT


def test_a_receipt_of_another_job_is_refused_naming_that_job():
    error = refused(scanned="R20261125-0008")
    assert error.fields() == {"scanned_number"}
    assert error.render() == (
        "• scanned_number: this receipt is for job R20261125-0008, not for job R20261125-0007"
    )


@pytest.mark.parametrize("scanned", ["6901234567892", "hello", "R2026-1", "R20261125-007"])
def test_a_scan_that_is_no_job_number_is_refused(scanned):
    error = refused(scanned=scanned)
    assert error.fields() == {"scanned_number"}
    assert "is not a job number" in error.render()


@pytest.mark.parametrize("typed", ["5678", " 56 78 ", "56-78", "５６７８"])
def test_the_last_four_digits_identify(typed):
    assert identify(NUMBER, PHONE, last_four=typed) is IdentifiedBy.PHONE


@pytest.mark.parametrize("phone", ["138-1234-5678", "138 1234 5678", "+86 138 1234 5678"])
def test_spaces_and_dashes_in_the_phone_on_record_do_not_matter(phone):
    assert identify(NUMBER, phone, last_four="5678") is IdentifiedBy.PHONE


@pytest.mark.parametrize("typed", ["5679", "8765", "1234", "0000"])
def test_wrong_digits_are_refused_without_a_hint(typed):
    error = refused(last_four=typed)
    assert error.render() == "• phone_last_four: does not match the customer's phone"
    assert PHONE not in error.render() and "5678" not in error.render()
    assert is_wrong_digits(error)


@pytest.mark.parametrize("typed", ["567", "56789", "56a8", "5 6 7", "٥٦٧٨"])
def test_anything_but_four_digits_is_refused_and_is_no_wrong_answer(typed):
    error = refused(last_four=typed)
    assert "exactly four digits" in error.render()
    assert not is_wrong_digits(error)


@pytest.mark.parametrize("phone", ["", "12", "1-2-3", "abc"])
def test_a_phone_with_fewer_than_four_digits_cannot_identify(phone):
    error = refused(phone=phone, last_four="0123")
    assert "fewer than four digits" in error.render()
    assert not is_wrong_digits(error)


def test_after_three_wrong_answers_even_the_right_digits_are_refused():
    assert identify(NUMBER, PHONE, last_four="5678", wrong_tries=MAX_WRONG_TRIES - 1)
    error = refused(last_four="5678", wrong_tries=MAX_WRONG_TRIES)
    assert "3 wrong answers" in error.render() and "scan the receipt" in error.render()
    # The other ways stay open.
    assert identify(NUMBER, PHONE, note="身份证已核对", wrong_tries=3) is IdentifiedBy.NOTE
    assert identify(NUMBER, PHONE, scanned=NUMBER, wrong_tries=3) is IdentifiedBy.RECEIPT


def test_with_neither_a_note_is_needed():
    error = refused()
    assert error.fields() == {"identity_note"}
    assert refused(note=" \u200b ").fields() == {"identity_note"}
    assert identify(NUMBER, PHONE, note="顾客收据丢失，已核对身份证") is IdentifiedBy.NOTE


def test_anything_entered_wrong_is_refused_even_with_other_evidence():
    both = refused(scanned="R20261125-0008", last_four="0000", note="身份证已核对")
    assert both.fields() == {"scanned_number", "phone_last_four"}
    assert refused(scanned=NUMBER, last_four="0000").fields() == {"phone_last_four"}
    assert identify(NUMBER, PHONE, scanned=NUMBER, last_four="5678") is IdentifiedBy.RECEIPT


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("王小明", "王**"),
        ("王", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("  司马 光 ", "司马**"),
        ("John Smith", "** Smith"),
        ("Mary Ann  Lee", "** Lee"),
        ("Madonna", "M**"),
        ("", "**"),
    ],
)
def test_the_label_shows_the_surname_only(name, shown):
    assert surname_only(name) == shown
