"""Who takes the product back: the customer is identified at the hand-back.

By the intake receipt (or the device label): its barcode scanned, the scanner typing the job
number into the hand-back form, which must be this job's number. Or by the last four digits of
the phone on record, typed by the clerk as the customer says them; the phone itself is never
shown, and a wrong answer never says which digits were wrong. With neither, a note says how the
customer was identified (an ID card checked, a receipt lost).

Three wrong answers of four digits end that way for the hand-back form (the counter counts
them): one guess in 10,000 is safe, a stranger trying again and again in front of the clerk is
not, and after the third the receipt or a checked ID and a note are the only ways left. The
hand-back event records how the customer was identified and how many wrong answers came first,
never the digits typed.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.forms import JOB_NUMBER_PATTERN, HandBackForm
from desktop_app.domain.limits import is_blank
from desktop_app.domain.text import N_, Text, Verbatim

# After this many wrong answers the last four digits are not accepted in the same hand-back.
MAX_WRONG_TRIES = 3
SCANNED = "scanned_number"
LAST_FOUR = "phone_last_four"
NOTE = "identity_note"

_SEPARATORS = re.compile(r"[\s\-–—()（）·.]")


class IdentifiedBy(StrEnum):
    RECEIPT = "receipt"  # the intake receipt's or the device label's barcode, scanned
    PHONE = "phone"  # the last four digits of the phone on record
    NOTE = "note"  # neither: the hand-back's identity note says how


IDENTIFIED_BY_LABELS: dict[IdentifiedBy, str] = {
    IdentifiedBy.RECEIPT: N_("receipt or label scanned"),
    IdentifiedBy.PHONE: N_("last four digits of the phone"),
    IdentifiedBy.NOTE: N_("by a note, without receipt or phone"),
}


def scanned_text(raw: str) -> str:
    """What a scanner typed, as a job number: full-width folded (NFKC), the Enter, spaces and
    control characters it may add dropped, in capitals as job numbers are printed."""
    folded = unicodedata.normalize("NFKC", raw)
    kept = "".join(
        ch for ch in folded if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )
    return kept.upper()


def phone_digits(raw: str) -> str:
    """The digits of a phone number or of what was typed, spaces and dashes dropped. Any other
    character is kept, so "12a4" is not taken for four digits."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", raw))


def identify(
    job_number: str,
    phone: str,
    *,
    scanned: str = "",
    last_four: str = "",
    note: str = "",
    wrong_tries: int = 0,
) -> IdentifiedBy:
    """How the customer was identified, or InvalidInput naming the field and the rule.

    Whatever was entered must be right: a wrong scan or wrong digits are refused even when
    something else would do, so the clerk sees them (and clears the field) rather than the
    hand-back passing on the other evidence unnoticed.
    """
    problems: list[FieldProblem] = []
    found: list[IdentifiedBy] = []
    number = scanned_text(scanned)
    if number:
        if not JOB_NUMBER_PATTERN.match(number):
            problems.append(
                FieldProblem(
                    SCANNED,
                    Text(
                        N_(
                            "{scanned} is not a job number: scan the barcode on the intake "
                            "receipt or the device label"
                        ),
                        scanned=Verbatim(number[:40]),
                    ),
                )
            )
        elif number != job_number.upper():
            problems.append(
                FieldProblem(
                    SCANNED,
                    Text(
                        N_("this receipt is for job {other}, not for job {number}"),
                        other=Verbatim(number),
                        number=Verbatim(job_number),
                    ),
                )
            )
        else:
            found.append(IdentifiedBy.RECEIPT)
    typed = phone_digits(last_four)
    if typed:
        problem = _last_four_problem(typed, phone_digits(phone), wrong_tries)
        if problem is not None:
            problems.append(FieldProblem(LAST_FOUR, problem))
        else:
            found.append(IdentifiedBy.PHONE)
    if problems:
        raise InvalidInput(problems)
    if found:
        return found[0]
    if is_blank(note):
        raise InvalidInput.single(
            NOTE,
            N_(
                "scan the intake receipt or the device label, enter the last four digits of "
                "the phone, or say here how the customer was identified"
            ),
        )
    return IdentifiedBy.NOTE


def _last_four_problem(typed: str, on_record: str, wrong_tries: int) -> Text | None:
    if wrong_tries >= MAX_WRONG_TRIES:
        return Text(
            N_(
                "{tries} wrong answers: the phone's digits are not accepted any more for this "
                "hand-back; scan the receipt, or check an ID and write a note"
            ),
            tries=wrong_tries,
        )
    if not (len(typed) == 4 and typed.isascii() and typed.isdecimal()):
        return Text(N_("enter exactly four digits, the last four of the customer's phone"))
    if len(on_record) < 4 or not on_record[-4:].isdecimal():
        return Text(
            N_(
                "the phone on record has fewer than four digits: scan the receipt or write "
                "a note instead"
            )
        )
    if typed != on_record[-4:]:
        return Text(N_("does not match the customer's phone"))
    return None


def is_wrong_digits(error: InvalidInput) -> bool:
    """Whether a refusal counts as one wrong answer: four digits that did not match (a typo of
    three digits, or the limit itself, does not)."""
    return any(
        p.field == LAST_FOUR and p.message.template == N_("does not match the customer's phone")
        for p in error.problems
    )


def identify_hand_back(form: HandBackForm, job_number: str, phone: str) -> IdentifiedBy:
    """`identify` with what the hand-back form carries."""
    return identify(
        job_number,
        phone,
        scanned=form.scanned_number,
        last_four=form.phone_last_four,
        note=form.identity_note,
        wrong_tries=form.wrong_phone_tries,
    )
