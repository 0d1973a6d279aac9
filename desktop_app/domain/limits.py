"""How long each typed text may be, declared once: the columns (data/models.py), the services'
checks and the forms' `maxLength` all read these numbers, so PostgreSQL (which refuses a value
longer than its column) and SQLite (which would store 100,000 characters) behave the same, and a
clerk is stopped while typing rather than at saving.

Also the two other rules every typed text follows wherever it comes from (a form, the command
line, a script): no control characters (a NUL cannot even be stored in PostgreSQL), and a required
text must hold something visible (a zero-width space alone is not a name).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.text import N_, Text

# --- the limits, in characters --------------------------------------------------------------------

SHORT_TEXT = 120  # a name, brand, model, serial or document number: one line on a receipt
LONG_TEXT = 4000  # a description, note, reason or diagnosis: several paragraphs
LINE_DESCRIPTION = 200  # a part or labour line
PART_MODEL = SHORT_TEXT
REPLACEMENT_MODEL = SHORT_TEXT
REPLACEMENT_SERIAL = SHORT_TEXT
USERNAME = 60
DISPLAY_NAME = 120
# The shop's details head every receipt: short enough that the header always fits the page
# (A4 and 80 mm), long enough for a real shop's registered name and address.
SHOP_NAME = 200
SHOP_ADDRESS = 300
HOTLINE = 40
LANGUAGE = 10  # a language code such as zh_CN
WORKSTATION = 255  # a host name (at most 253 characters in DNS), as recorded at sign-in

TOO_LONG = N_("must be at most {limit} characters")
NOT_TEXT = N_("must be text")
# A NUL or a stray control code (from a scanner, a paste) is never what a person meant to type,
# and PostgreSQL refuses NUL outright: refused with the field named, never stored.
CONTROL_CHARACTERS = N_("must not contain control characters (a scanner or a paste added some)")


def has_control_characters(text: str) -> bool:
    """True when `text` holds a control character other than a line break or a tab, or a lone
    surrogate (which cannot be stored)."""
    return any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\r\t" for ch in text)


def is_lookup_text(value: object) -> bool:
    """Whether `value` can be looked up among stored texts: a string without control characters
    or lone surrogates (none is ever stored, and either one would make the database refuse the
    query: PostgreSQL refuses a NUL, and no driver can encode a lone surrogate)."""
    return isinstance(value, str) and not has_control_characters(value)


def is_blank(text: str) -> bool:
    """True when nothing in `text` would show: spaces, and invisible format characters such as
    a zero-width space or a byte-order mark (which str.strip() keeps)."""
    return all(ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc") for ch in text)


def text_problem(field: str, value: object, limit: int) -> FieldProblem | None:
    """What is wrong with one typed text, or None: not a string, too long, control characters."""
    if not isinstance(value, str):
        return FieldProblem(field, Text(NOT_TEXT))
    if len(value) > limit:
        return FieldProblem(field, Text(TOO_LONG, limit=limit))
    if has_control_characters(value):
        return FieldProblem(field, Text(CONTROL_CHARACTERS))
    return None


def text_problems(texts: Iterable[tuple[str, object, int]]) -> list[FieldProblem]:
    """Every problem of several (field, value, limit) texts, so a form marks them all at once."""
    return [p for field, value, limit in texts if (p := text_problem(field, value, limit))]


def check_texts(*texts: tuple[str, object, int]) -> None:
    """Raise InvalidInput naming every bad text; nothing is written before this passes."""
    problems = text_problems(texts)
    if problems:
        raise InvalidInput(problems)


def required_text(text: object, what: str, field: str = "note", limit: int = LONG_TEXT) -> str:
    """A text a person must give: checked, then stripped. `what` says what is required."""
    problem = text_problem(field, text, limit)
    if problem is not None:
        raise InvalidInput([problem])
    assert isinstance(text, str)
    if is_blank(text):
        raise InvalidInput.single(field, N_("{what} is required"), what=what)
    return text.strip()
