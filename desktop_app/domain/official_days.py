"""A year's official holidays and make-up working days, read from a small text file.

When the `holidays` package only estimates a year (see national_calendar.estimated_year), the
shop enters the official arrangement itself. Typing two dozen dates is slow and error-prone, so
the settings also read them from a file of one day per line::

    # 2027 official arrangement
    2027-02-06,holiday
    2027-02-20,workday

Blank lines and lines starting with "#" are skipped. "holiday" becomes a closure day, "workday"
(a weekend day declared a working day, 调休) an extra working day. Any bad line refuses the whole
file, each problem naming its line, so nothing is half imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.text import N_, Text, Verbatim

FIELD = "official_days"
MAX_FILE_BYTES = 64 * 1024  # a year is at most 366 lines of 20 characters
MAX_PROBLEMS = 10  # more than this many bad lines: the first ones are enough to see the mistake
HOLIDAY = "holiday"
WORKDAY = "workday"
# The words a line may use for each kind, English and Chinese (休 = day off, 班 = working day).
KINDS = {HOLIDAY: HOLIDAY, "休": HOLIDAY, "假": HOLIDAY, WORKDAY: WORKDAY, "班": WORKDAY}


@dataclass(frozen=True)
class OfficialDays:
    holidays: tuple[date, ...]
    workdays: tuple[date, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({day.year for day in (*self.holidays, *self.workdays)}))


def parse_official_days(data: bytes) -> OfficialDays:
    """The days a file lists; raises InvalidInput naming every bad line (up to MAX_PROBLEMS)."""
    if len(data) > MAX_FILE_BYTES:
        raise InvalidInput.single(
            FIELD, N_("the file is larger than {size} KiB: not a list of days"), size=64
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput.single(FIELD, N_("the file is not UTF-8 text")) from None
    problems: list[FieldProblem] = []
    found: dict[date, tuple[str, int]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        problem = _read_line(line, number, found)
        if problem is not None:
            problems.append(FieldProblem(FIELD, problem))
            if len(problems) == MAX_PROBLEMS:
                break
    if problems:
        raise InvalidInput(problems)
    if not found:
        raise InvalidInput.single(
            FIELD, N_("the file lists no days: write one 'YYYY-MM-DD,holiday' or ',workday' a line")
        )
    return OfficialDays(
        tuple(sorted(day for day, (kind, _) in found.items() if kind == HOLIDAY)),
        tuple(sorted(day for day, (kind, _) in found.items() if kind == WORKDAY)),
    )


def _read_line(line: str, number: int, found: dict[date, tuple[str, int]]) -> Text | None:
    shown = Verbatim(line if len(line) <= 40 else line[:40] + "…")
    parts = [part.strip() for part in line.replace("，", ",").split(",")]
    if len(parts) != 2:
        return Text(
            N_("line {line}: “{text}” is not “date,holiday” or “date,workday”"),
            line=number,
            text=shown,
        )
    day_text, kind_text = parts
    try:
        day = date.fromisoformat(day_text)
        if len(day_text) != 10:
            raise ValueError(day_text)
    except ValueError:
        return Text(
            N_("line {line}: “{text}” is not a date written YYYY-MM-DD"),
            line=number,
            text=Verbatim(day_text[:40]),
        )
    kind = KINDS.get(kind_text.lower())
    if kind is None:
        return Text(
            N_("line {line}: “{text}” must be “holiday” or “workday”"),
            line=number,
            text=Verbatim(kind_text[:40]),
        )
    earlier = found.get(day)
    if earlier is not None and earlier[0] != kind:
        return Text(
            N_("line {line}: {day} is already listed on line {earlier} as the other kind"),
            line=number,
            day=day,
            earlier=earlier[1],
        )
    found.setdefault(day, (kind, number))
    return None
