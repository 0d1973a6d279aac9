"""The day's takings: what came in and went out, by method, for a day or a shift, per workstation
and per clerk, and the cash drawer's count against what it should hold.

Everything adds up from the payment lines alone (domain/payments.py): a line's `amount_cents` is
what was kept (cash tendered above it went back as change), so the drawer's expected cash is cash
taken less cash given back, with no change to subtract. A deposit used moves no money: it is
shown, never added to a method.

A drawer count is a fact like a payment: a recount is a new count, the latest one counts. Its
difference is counted less expected: positive is over (more cash than the lines say), negative is
short.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import LONG_TEXT, WORKSTATION, is_blank, text_problem
from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PaymentKind, PaymentLine, parse_amount
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import PaymentMethod

# The kinds that move money, in the order every output lists them.
MONEY_KINDS = (PaymentKind.PAYMENT, PaymentKind.DEPOSIT, PaymentKind.REFUND)
END_OF_DAY = time(0, 0)  # a shift's end at midnight: "24:00", the next day's 00:00

DIFFERENCE_NEEDS_NOTE = N_("the count differs from the expected {expected}: say why in a note")
NOT_BEGUN = N_("that day has not begun yet")
BAD_TIME = N_("a time is written 08:30")
ENDS_BEFORE_START = N_("the shift must end after it starts")


@dataclass(frozen=True)
class Shift:
    """A day, or part of one: from `start` (inclusive) to `end` (exclusive; midnight is the
    day's end). A payment at 23:59:59 is the day's, one at 00:00:00 the next day's."""

    day: date
    start: time = time(0, 0)
    end: time = END_OF_DAY

    def __post_init__(self) -> None:
        if self.end != END_OF_DAY and self.end <= self.start:
            raise InvalidInput.single("to", ENDS_BEFORE_START)

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.day, self.start)

    @property
    def ends_before(self) -> datetime:
        if self.end == END_OF_DAY:
            return datetime.combine(self.day + timedelta(days=1), time(0, 0))
        return datetime.combine(self.day, self.end)

    @property
    def whole_day(self) -> bool:
        return self.start == time(0, 0) and self.end == END_OF_DAY

    def contains(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_before

    def label(self) -> str:
        """2026-11-30, or 2026-11-30 08:00–14:00 for a shift."""
        if self.whole_day:
            return self.day.isoformat()
        end = "24:00" if self.end == END_OF_DAY else f"{self.end:%H:%M}"
        return f"{self.day.isoformat()} {self.start:%H:%M}–{end}"

    @classmethod
    def of(cls, day: date, start: str = "", end: str = "") -> Shift:
        """A shift from typed times ("08:30", "" for the day's start or end; "24:00" too)."""
        return cls(day, parse_time(start, "from", time(0, 0)), parse_time(end, "to", END_OF_DAY))


def parse_time(text: str, field_name: str, default: time) -> time:
    cleaned = text.strip()
    if not cleaned:
        return default
    if cleaned == "24:00":
        return END_OF_DAY
    parts = cleaned.split(":")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
    if len(parts) != 2 or not all(p.isascii() and p.isdecimal() and len(p) <= 2 for p in parts):
        raise InvalidInput.single(field_name, BAD_TIME)
    hour, minute = int(parts[0]), int(parts[1])
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise InvalidInput.single(field_name, BAD_TIME)
    return time(hour, minute)


@dataclass(frozen=True)
class TakingsQuery:
    """Which takings: a day or shift, optionally one workstation's and one clerk's (username)."""

    shift: Shift
    workstation: str | None = None
    clerk: str | None = None


@dataclass(frozen=True)
class MethodFigures:
    """One method's money: taken at hand-back, taken as deposits, given back; net is what the
    method's drawer or account gained."""

    method: PaymentMethod
    payments_cents: int = 0
    deposits_cents: int = 0
    refunds_cents: int = 0

    @property
    def net_cents(self) -> int:
        return self.payments_cents + self.deposits_cents - self.refunds_cents

    @property
    def empty(self) -> bool:
        return not (self.payments_cents or self.deposits_cents or self.refunds_cents)


@dataclass(frozen=True)
class Totals:
    """The figures of a set of lines: by method (every method, in the vocabulary's order), the
    deposits used (no method: no money moved), and the cash the drawer should hold."""

    by_method: tuple[MethodFigures, ...]
    deposits_used_cents: int
    lines: int

    def method(self, method: PaymentMethod) -> MethodFigures:
        return next(m for m in self.by_method if m.method is method)

    @property
    def payments_cents(self) -> int:
        return sum(m.payments_cents for m in self.by_method)

    @property
    def deposits_cents(self) -> int:
        return sum(m.deposits_cents for m in self.by_method)

    @property
    def refunds_cents(self) -> int:
        return sum(m.refunds_cents for m in self.by_method)

    @property
    def net_cents(self) -> int:
        return sum(m.net_cents for m in self.by_method)

    @property
    def expected_cash_cents(self) -> int:
        """Cash in less cash out: what the drawer should hold beyond its float."""
        return self.method(PaymentMethod.CASH).net_cents

    def to_json(self) -> dict[str, Any]:
        return {
            "by_method": {
                m.method.value: {
                    "payments": m.payments_cents,
                    "deposits": m.deposits_cents,
                    "refunds": m.refunds_cents,
                    "net": m.net_cents,
                }
                for m in self.by_method
            },
            "payments": self.payments_cents,
            "deposits_taken": self.deposits_cents,
            "deposits_used": self.deposits_used_cents,
            "refunds": self.refunds_cents,
            "net": self.net_cents,
            "expected_cash": self.expected_cash_cents,
            "lines": self.lines,
        }


def totals(lines: Iterable[PaymentLine]) -> Totals:
    """Adds the lines up: each money line to its method by kind, deposits used apart."""
    sums: dict[tuple[PaymentMethod, PaymentKind], int] = defaultdict(int)
    used = count = 0
    for line in lines:
        count += 1
        if line.kind is PaymentKind.DEPOSIT_USED or line.method is None:
            used += line.amount_cents if line.kind is PaymentKind.DEPOSIT_USED else 0
            continue
        sums[line.method, line.kind] += line.amount_cents
    return Totals(
        tuple(
            MethodFigures(
                method,
                payments_cents=sums[method, PaymentKind.PAYMENT],
                deposits_cents=sums[method, PaymentKind.DEPOSIT],
                refunds_cents=sums[method, PaymentKind.REFUND],
            )
            for method in PaymentMethod
        ),
        used,
        count,
    )


def lines_behind(
    lines: Iterable[PaymentLine],
    method: PaymentMethod | None = None,
    kind: PaymentKind | None = None,
) -> tuple[PaymentLine, ...]:
    """The lines a figure adds up: one method's (None: all), one kind's (None: all)."""
    return tuple(
        line
        for line in lines
        if (method is None or line.method is method) and (kind is None or line.kind is kind)
    )


# --- the drawer count ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DrawerCountForm:
    """What the clerk enters: the drawer (workstation), the day or shift counted, the cash
    counted as typed, and a note (required when the count differs from the expected)."""

    shift: Shift
    workstation: str
    counted: str
    note: str = ""


def difference(counted_cents: int, expected_cents: int) -> int:
    """Counted less expected: positive is over, negative is short."""
    return counted_cents - expected_cents


def validated_count(form: DrawerCountForm, expected_cents: int) -> tuple[int, str]:
    """The counted cents and the note, or InvalidInput naming every bad field: the amount typed
    exactly (parse_amount), the workstation named, a note when the count differs."""
    problems: list[FieldProblem] = []
    counted: int | None = None
    try:
        counted = parse_amount(form.counted, "counted")
    except InvalidInput as error:
        problems += error.problems
    for name, value, limit in (
        ("workstation", form.workstation, WORKSTATION),
        ("note", form.note, LONG_TEXT),
    ):
        if (problem := text_problem(name, value, limit)) is not None:
            problems.append(problem)
    if not problems and is_blank(form.workstation):
        problems.append(FieldProblem("workstation", Text(N_("is required"))))
    differs = counted is not None and difference(counted, expected_cents) != 0
    if differs and not any(p.field == "note" for p in problems) and is_blank(form.note):
        problems.append(
            FieldProblem("note", Text(DIFFERENCE_NEEDS_NOTE, expected=yuan(expected_cents)))
        )
    if problems:
        raise InvalidInput(problems)
    assert counted is not None
    return counted, form.note.strip()


@dataclass(frozen=True)
class DrawerCount:
    """One count as recorded (frozen: a recount is a new one)."""

    id: int
    workstation: str
    starts_at: datetime
    ends_before: datetime
    counted_cents: int
    expected_cents: int
    counted_by: str
    at: datetime
    note: str = ""
    recounts: int = 0  # earlier counts of the same drawer and shift, superseded by this one

    @property
    def difference_cents(self) -> int:
        return difference(self.counted_cents, self.expected_cents)

    @property
    def shift(self) -> Shift:
        """The day or shift counted."""
        day = self.starts_at.date()
        end = self.ends_before.time() if self.ends_before.date() == day else END_OF_DAY
        return Shift(day, self.starts_at.time(), end)

    def to_json(self) -> dict[str, Any]:
        return {
            "workstation": self.workstation,
            "from": self.starts_at.isoformat(),
            "to": self.ends_before.isoformat(),
            "counted": self.counted_cents,
            "expected": self.expected_cents,
            "difference": self.difference_cents,
            "counted_by": self.counted_by,
            "at": self.at.isoformat(),
            "note": self.note,
            "recounts": self.recounts,
        }


def latest_counts(counts: Iterable[DrawerCount]) -> tuple[DrawerCount, ...]:
    """The latest count of each drawer and shift (by time, then id), with how many it replaced;
    ordered by drawer, then shift."""
    groups: dict[tuple[str, datetime, datetime], list[DrawerCount]] = defaultdict(list)
    for count in counts:
        groups[count.workstation, count.starts_at, count.ends_before].append(count)
    latest = []
    for key in sorted(groups):
        ordered = sorted(groups[key], key=lambda c: (c.at, c.id))
        latest.append(replace(ordered[-1], recounts=len(ordered) - 1))
    return tuple(latest)


# --- the report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A workstation's or a clerk's part of the takings."""

    key: str  # the workstation, or the clerk's user name
    name: str  # as shown: the workstation, or the clerk's display name
    totals: Totals


@dataclass(frozen=True)
class Takings:
    """The takings of a day or shift as of `generated_at`, for whoever asked (a clerk: their
    own)."""

    shop_name: str
    shop_address: str
    shop_hotline: str
    query: TakingsQuery
    clerk_name: str  # the clerk filter's display name ("" for all)
    generated_at: datetime
    total: Totals
    per_workstation: tuple[Group, ...]
    per_clerk: tuple[Group, ...]
    lines: tuple[PaymentLine, ...]  # oldest first
    counts: tuple[DrawerCount, ...]
    # Every workstation and clerk (username, name) with lines in the day or shift, whatever the
    # filters: what the window's filters offer.
    workstations: tuple[str, ...] = field(default=())
    clerks: tuple[tuple[str, str], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Stable keys, amounts in integer cents, for programs."""
        shift = self.query.shift
        return {
            "shop": self.shop_name,
            "date": shift.day.isoformat(),
            "from": shift.starts_at.isoformat(),
            "to": shift.ends_before.isoformat(),
            "workstation": self.query.workstation,
            "clerk": self.query.clerk,
            "generated_at": self.generated_at.isoformat(),
            "currency": "CNY",
            "amounts_in": "cents",
            "total": self.total.to_json(),
            "per_workstation": [
                {"workstation": g.key, **g.totals.to_json()} for g in self.per_workstation
            ],
            "per_clerk": [
                {"clerk": g.key, "name": g.name, **g.totals.to_json()} for g in self.per_clerk
            ],
            "drawer_counts": [count.to_json() for count in self.counts],
            "lines": [line_json(line) for line in self.lines],
        }


def line_json(line: PaymentLine) -> dict[str, Any]:
    return {
        "job": line.job_number,
        "kind": line.kind.value,
        "method": line.method.value if line.method is not None else None,
        "amount": line.amount_cents,
        "drawer": line.drawer_cents,
        "tendered": line.tendered_cents,
        "change": line.change_cents,
        "taken_by": line.taken_by,
        "workstation": line.workstation,
        "at": line.at.isoformat(),
        "note": line.note,
    }


def groups(
    lines: Sequence[PaymentLine],
    key: Callable[[PaymentLine], str],
    name: Callable[[PaymentLine], str],
) -> tuple[Group, ...]:
    """The lines' totals per key (a workstation, a clerk), in the keys' order."""
    by_key: dict[str, list[PaymentLine]] = defaultdict(list)
    for line in lines:
        by_key[key(line)].append(line)
    return tuple(
        Group(k, name(by_key[k][0]), totals(by_key[k])) for k in sorted(by_key, key=str.casefold)
    )


def takings(
    *,
    shop: tuple[str, str, str],
    query: TakingsQuery,
    clerk_name: str,
    generated_at: datetime,
    lines: Sequence[PaymentLine],
    usernames: dict[int, str],
    counts: Iterable[DrawerCount],
) -> Takings:
    """The report from the shift's lines (all of them: the filters apply here, so the window's
    filters can offer every workstation and clerk of the day) and its drawer counts; `shop` is
    the shop's name, address and hotline."""
    chosen = [
        line
        for line in lines
        if query.shift.contains(line.at)
        and (query.workstation is None or line.workstation == query.workstation)
        and (query.clerk is None or usernames.get(line.taken_by_id) == query.clerk)
    ]
    chosen.sort(key=lambda line: (line.at, line.id))
    names = {usernames.get(line.taken_by_id, ""): line.taken_by for line in lines}
    return Takings(
        shop_name=shop[0],
        shop_address=shop[1],
        shop_hotline=shop[2],
        query=query,
        clerk_name=clerk_name,
        generated_at=generated_at,
        total=totals(chosen),
        per_workstation=groups(
            chosen, lambda line: line.workstation, lambda line: line.workstation
        ),
        per_clerk=groups(
            chosen, lambda line: usernames.get(line.taken_by_id, ""), lambda line: line.taken_by
        ),
        lines=tuple(chosen),
        counts=latest_counts(
            c for c in counts if query.workstation is None or c.workstation == query.workstation
        ),
        workstations=tuple(sorted({line.workstation for line in lines}, key=str.casefold)),
        clerks=tuple(sorted(names.items(), key=lambda item: item[0].casefold())),
    )
