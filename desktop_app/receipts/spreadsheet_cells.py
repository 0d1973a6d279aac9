"""Values as a spreadsheet should hold them: text that stays text, money without float drift,
widths measured the way a spreadsheet draws them, sheet names it accepts.

No openpyxl here beyond its list of illegal characters: the rules are small and the workbook
module applies them; the CSV side uses `display_width` and `UTF8_BOM` only.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

# Excel keeps at most this many characters in a cell, and 31 in a sheet's name.
MAX_CELL_TEXT = 32767
MAX_SHEET_TITLE = 31
_SHEET_TITLE_FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})
# A spreadsheet reads text starting with one of these as a formula when it is typed or
# imported; our cells holding such text are marked as text (and quote-prefixed) instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Column widths: a little room beside the widest value, and a sane maximum (long notes wrap).
WIDTH_PADDING = 2
MAX_WIDTH = 60

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = '"¥"#,##0.00'
RATE_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
DAYS_FORMAT = "0.0"
SCORE_FORMAT = "0.00"
# The change column: a sign on every change; a share's change is in percentage points (the
# fraction's difference shown with a % sign, as the report's footnote says).
CHANGE_FORMATS = {
    COUNT_FORMAT: "+#,##0;-#,##0;0",
    RATE_FORMAT: "+0.0%;-0.0%;0.0%",
    DAYS_FORMAT: "+0.0;-0.0;0.0",
    SCORE_FORMAT: "+0.00;-0.00;0.00",
    MONEY_FORMAT: '+"¥"#,##0.00;-"¥"#,##0.00;"¥"0.00',
}


def yuan_number(cents: int) -> Decimal:
    """12.34 from 1234, exactly (the file holds the decimal digits, never a float's)."""
    return Decimal(cents).scaleb(-2)


def clean_text(text: str) -> str:
    """Text a spreadsheet can store: control characters it forbids become U+FFFD (visible, so
    nobody thinks the name was typed so), and at most Excel's length of a cell."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(text))[:MAX_CELL_TEXT]


def looks_like_formula(text: str) -> bool:
    """Text a spreadsheet would take for a formula or an error value, not a name."""
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


def display_width(text: str) -> int:
    """Columns a text takes in a fixed-width view: CJK and other wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def value_width(value: object, number_format: str | None = None) -> int:
    """About the width a spreadsheet needs to show `value` in `number_format`."""
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len("2026-01-01 00:00")
    if isinstance(value, date):
        return len("2026-01-01")
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | Decimal):
        text = f"{value:,}" if number_format != "General" else str(value)
        if number_format and "¥" in number_format:
            text = f"¥{value:,.2f}"
        return len(text) + 1  # a sign
    if isinstance(value, float):
        if number_format and "%" in number_format:
            return len(f"{value * 100:.1f}%") + 1
        return len(f"{value:.2f}") + 1
    return max((display_width(line) for line in str(value).splitlines()), default=0)


def column_width(widest: int) -> int:
    return min(widest + WIDTH_PADDING, MAX_WIDTH)


def sheet_title(text: str, taken: set[str]) -> str:
    """A sheet name Excel accepts, unique in the workbook (case-insensitively, as Excel
    compares them): no []:*?/\\, not empty, not starting or ending with ', at most 31."""
    title = clean_text(text).translate(_SHEET_TITLE_FORBIDDEN).strip().strip("'")
    title = title[:MAX_SHEET_TITLE] or "Sheet"
    candidate, n = title, 1
    while candidate.casefold() in {name.casefold() for name in taken}:
        n += 1
        suffix = f" ({n})"
        candidate = title[: MAX_SHEET_TITLE - len(suffix)] + suffix
    taken.add(candidate)
    return candidate
