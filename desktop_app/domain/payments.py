"""Money taken and given back at the counter: deposits, payments split across methods, refunds.

Every amount is integer cents. A payment is a fact, never changed afterwards: a mistake is put
right by a refund (money given back) recorded as its own line, so the day's takings always add up
from the lines alone.

- A **deposit** is money taken before the work (at check-in, for a paid repair). It is the
  customer's until the bill: at hand-back it is **used** against what is due (a `DEPOSIT_USED`
  line: no money moves, the drawer is unchanged), and what is left of it is refunded.
- A **payment** is money taken at hand-back, one line per method; cash may be tendered above
  the amount, the difference going back as change.
- A **refund** is money given back, by the method it goes back by.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.money import plain_yuan
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import PaymentMethod

# One million yuan: any amount above is a typo (and would not fit the columns).
MAX_AMOUNT_CENTS = 100_000_000


class PaymentKind(StrEnum):
    """What a line of money records (payments.kind)."""

    DEPOSIT = "deposit"  # taken before the work; the customer's until the bill
    DEPOSIT_USED = "deposit_used"  # a deposit set against the bill: no money moves
    PAYMENT = "payment"  # taken at hand-back
    REFUND = "refund"  # given back


PAYMENT_KIND_LABELS: dict[PaymentKind, str] = {
    PaymentKind.DEPOSIT: N_("Deposit"),
    PaymentKind.DEPOSIT_USED: N_("Deposit used"),
    PaymentKind.PAYMENT: N_("Payment"),
    PaymentKind.REFUND: N_("Refund"),
}

# Money into (+1) or out of (-1) the drawer or account of the line's method; 0: none moves.
DRAWER_SIGN: dict[PaymentKind, int] = {
    PaymentKind.DEPOSIT: 1,
    PaymentKind.DEPOSIT_USED: 0,
    PaymentKind.PAYMENT: 1,
    PaymentKind.REFUND: -1,
}


@dataclass(frozen=True)
class Tender:
    """One method's part of a payment as the clerk enters it: cash may be tendered above the
    amount (None: exactly the amount); other methods are taken for the amount exactly."""

    method: PaymentMethod
    amount_cents: int
    tendered_cents: int | None = None

    @property
    def change_cents(self) -> int:
        if self.tendered_cents is None:
            return 0
        return max(self.tendered_cents - self.amount_cents, 0)


@dataclass(frozen=True)
class PaymentLine:
    """One recorded line of money, as read back (frozen: lines are never changed)."""

    id: int
    job_id: int
    job_number: str
    kind: PaymentKind
    method: PaymentMethod | None  # None for DEPOSIT_USED (no money moves)
    amount_cents: int  # always positive; the kind says which way it went
    tendered_cents: int | None
    change_cents: int
    at: datetime
    taken_by_id: int
    taken_by: str  # the display name of who took or gave it
    workstation: str
    note: str = ""

    @property
    def drawer_cents(self) -> int:
        """What this line did to its method's drawer or account (signed)."""
        return DRAWER_SIGN[self.kind] * self.amount_cents


def deposit_held(lines: Iterable[PaymentLine]) -> int:
    """The deposit still held for a job: deposits taken less used and refunded against them.

    Refunds count against the deposit first: before hand-back, a refund can only be of the
    deposit; after it, whatever is left of the deposit is zero anyway.
    """
    held = 0
    for line in lines:
        if line.kind is PaymentKind.DEPOSIT:
            held += line.amount_cents
        elif line.kind in (PaymentKind.DEPOSIT_USED, PaymentKind.REFUND):
            held -= line.amount_cents
    return max(held, 0)


def paid_total(lines: Iterable[PaymentLine]) -> int:
    """What the customer has paid for the job net: payments and used deposits, less refunds
    beyond any deposit still held."""
    lines = list(lines)
    taken = sum(
        line.amount_cents
        for line in lines
        if line.kind in (PaymentKind.PAYMENT, PaymentKind.DEPOSIT_USED)
    )
    refunded = sum(line.amount_cents for line in lines if line.kind is PaymentKind.REFUND)
    deposits = sum(line.amount_cents for line in lines if line.kind is PaymentKind.DEPOSIT)
    used = sum(line.amount_cents for line in lines if line.kind is PaymentKind.DEPOSIT_USED)
    refunded_of_deposit = min(refunded, max(deposits - used, 0))
    return taken - (refunded - refunded_of_deposit)


# Whole yuan, with commas only as thousands separators ("1,000.05", never "12,50": a decimal
# comma read as a separator would be a hundred times the amount), and up to two decimals.
_AMOUNT = re.compile(r"^(?P<whole>\d{1,3}(?:,\d{3})+|\d*)(?:\.(?P<part>\d{0,2}))?$", re.ASCII)
_NEGATIVE = re.compile(r"^-\s*(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d*)?$", re.ASCII)
_TOO_PRECISE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d*)\.\d{3,}$", re.ASCII)
# What an input method in full-width mode types, read as the ASCII it stands for (digits,
# point, comma, minus sign); anything else that is not an ASCII digit stays refused.
_FULL_WIDTH = str.maketrans(
    {**{chr(0xFF10 + d): str(d) for d in range(10)}, "．": ".", "，": ",", "－": "-", "。": "."}
)


def parse_amount(text: str, field: str) -> int:
    """Cents from what a person typed ("12", "12.3", "12.30", "¥1,012.30", "１２．５"): exact,
    never a float.

    Refused with the field named and the rule: empty, not a number (exponents, "NaN", other
    scripts' digits, a comma that is not a thousands separator), negative, more than two
    decimals, above MAX_AMOUNT_CENTS.
    """
    cleaned = text.translate(_FULL_WIDTH).strip()
    cleaned = cleaned.replace("¥", "").replace("￥", "").strip()
    if not cleaned:
        raise InvalidInput([FieldProblem(field, Text(N_("is required")))])
    match = _AMOUNT.match(cleaned)
    if match is None or not any(ch.isdigit() for ch in cleaned):
        if _NEGATIVE.match(cleaned) and any(ch.isdigit() for ch in cleaned):
            rule = N_("must not be negative")
        elif _TOO_PRECISE.match(cleaned):
            rule = N_("must have at most two decimals (fen)")
        else:
            rule = N_("must be an amount in yuan, e.g. 12.50")
        raise InvalidInput([FieldProblem(field, Text(rule))])
    whole = match["whole"].replace(",", "") or "0"
    cents = int(whole) * 100 + int((match["part"] or "").ljust(2, "0"))
    if cents > MAX_AMOUNT_CENTS:
        raise InvalidInput(
            [
                FieldProblem(
                    field,
                    Text(N_("must be at most {most}"), most=plain_yuan(MAX_AMOUNT_CENTS)),
                )
            ]
        )
    return cents


def tender_problems(tenders: Sequence[Tender], due_cents: int) -> list[FieldProblem]:
    """What is wrong with a split payment of `due_cents`: each part positive and within the
    limit, each method once, cash tendered at least its amount (others exactly), and the parts
    adding up to what is due."""
    problems: list[FieldProblem] = []
    seen: set[PaymentMethod] = set()
    for tender in tenders:
        field = f"amount_{tender.method.value}"
        if tender.method in seen:
            problems.append(FieldProblem(field, Text(N_("each method may be used once"))))
        seen.add(tender.method)
        if tender.amount_cents <= 0:
            problems.append(FieldProblem(field, Text(N_("must be more than zero"))))
        elif tender.amount_cents > MAX_AMOUNT_CENTS:
            problems.append(
                FieldProblem(
                    field, Text(N_("must be at most {most}"), most=plain_yuan(MAX_AMOUNT_CENTS))
                )
            )
        if tender.tendered_cents is not None:
            if tender.method is not PaymentMethod.CASH:
                problems.append(
                    FieldProblem(
                        f"tendered_{tender.method.value}",
                        Text(N_("only cash can be tendered above the amount")),
                    )
                )
            elif tender.tendered_cents < tender.amount_cents:
                problems.append(
                    FieldProblem(
                        "tendered_cash",
                        Text(
                            N_("must be at least the cash amount, {amount}"),
                            amount=plain_yuan(tender.amount_cents),
                        ),
                    )
                )
            elif tender.tendered_cents > MAX_AMOUNT_CENTS:
                problems.append(
                    FieldProblem(
                        "tendered_cash",
                        Text(N_("must be at most {most}"), most=plain_yuan(MAX_AMOUNT_CENTS)),
                    )
                )
    total = sum(tender.amount_cents for tender in tenders)
    if not problems and total != due_cents:
        problems.append(
            FieldProblem(
                "payments",
                Text(
                    N_("the parts add up to {total}; {due} is due"),
                    total=plain_yuan(total),
                    due=plain_yuan(due_cents),
                ),
            )
        )
    return problems


def refundable(lines: Iterable[PaymentLine]) -> int:
    """What may still be given back for a job: the deposit still held and what was paid net.
    A refund above it would give back money the shop never took."""
    lines = list(lines)
    return deposit_held(lines) + paid_total(lines)


def refunded_total(lines: Iterable[PaymentLine]) -> int:
    return sum(line.amount_cents for line in lines if line.kind is PaymentKind.REFUND)


def deposits_taken(lines: Iterable[PaymentLine]) -> int:
    return sum(line.amount_cents for line in lines if line.kind is PaymentKind.DEPOSIT)


@dataclass(frozen=True)
class Settlement:
    """What a hand-back writes: the deposit used against the bill, what is left of it refunded
    (by the method each deposit was taken by), and the parts paid now."""

    due_cents: int
    deposit_used_cents: int
    deposit_refunds: tuple[tuple[PaymentMethod, int], ...]
    tenders: tuple[Tender, ...]
    deposit_method: PaymentMethod | None = None  # the method of the deposit used, if any

    @property
    def to_pay_cents(self) -> int:
        """What the customer pays now, beyond the deposit."""
        return self.due_cents - self.deposit_used_cents

    @property
    def change_cents(self) -> int:
        return sum(tender.change_cents for tender in self.tenders)

    @property
    def main_method(self) -> str:
        """The method most of the bill was paid by (the jobs.payment_method old readers show):
        the largest part paid now, or the deposit's method when the deposit paid the most;
        "" when nothing was due."""
        parts: list[tuple[int, str]] = [(t.amount_cents, t.method.value) for t in self.tenders]
        if self.deposit_used_cents and self.deposit_method is not None:
            parts.append((self.deposit_used_cents, self.deposit_method.value))
        return max(parts, key=lambda part: part[0])[1] if parts and self.due_cents else ""


def deposit_methods(lines: Sequence[PaymentLine]) -> list[tuple[PaymentMethod, int]]:
    """Each deposit still held, newest first, as (method, cents held): what is left of the
    deposits after what was used or refunded against them (oldest consumed first)."""
    deposits = [
        [line.method or PaymentMethod.OTHER, line.amount_cents]
        for line in lines
        if line.kind is PaymentKind.DEPOSIT
    ]
    spent = sum(
        line.amount_cents
        for line in lines
        if line.kind in (PaymentKind.DEPOSIT_USED, PaymentKind.REFUND)
    )
    for deposit in deposits:
        taken = min(spent, deposit[1])
        deposit[1] -= taken
        spent -= taken
    return [(method, cents) for method, cents in reversed(deposits) if cents > 0]


def settle(lines: Sequence[PaymentLine], due_cents: int, tenders: Sequence[Tender]) -> Settlement:
    """The hand-back's money: deposits held are used first; the tenders must add up to what is
    left to pay; a deposit larger than the bill is refunded (the rest) by its own method.
    Raises InvalidInput naming the field when the parts do not add up."""
    held = deposit_methods(lines)
    held_total = sum(cents for _method, cents in held)
    used = min(held_total, due_cents)
    leftover = held_total - used
    refunds: list[tuple[PaymentMethod, int]] = []
    # The most recent deposits are given back first; the oldest are the ones used.
    for method, cents in held:
        if leftover <= 0:
            break
        back = min(cents, leftover)
        refunds.append((method, back))
        leftover -= back
    to_pay = due_cents - used
    if to_pay == 0 and tenders:
        said = (
            N_("the deposit covers the bill: nothing more is paid")
            if used
            else N_("nothing is charged for this job")
        )
        raise InvalidInput([FieldProblem("payments", Text(said))])
    problems = tender_problems(tenders, to_pay) if to_pay else []
    if problems:
        raise InvalidInput(problems)
    return Settlement(
        due_cents=due_cents,
        deposit_used_cents=used,
        deposit_refunds=tuple(refunds),
        tenders=tuple(tenders),
        deposit_method=held[-1][0] if held else None,
    )


def refund_problems(
    amount_cents: int, method: object, reason: str, refundable_cents: int
) -> list[FieldProblem]:
    """A refund: more than zero, at most what may still be given back, a known method, and a
    reason (it is money out of the drawer: someone answers for it)."""
    problems: list[FieldProblem] = []
    if not isinstance(amount_cents, int) or isinstance(amount_cents, bool) or amount_cents <= 0:
        problems.append(FieldProblem("amount", Text(N_("must be more than zero"))))
    elif amount_cents > refundable_cents:
        problems.append(
            FieldProblem(
                "amount",
                Text(
                    N_("must be at most what the job has paid and not yet had back, {most}"),
                    most=plain_yuan(refundable_cents),
                ),
            )
        )
    if method not in tuple(PaymentMethod):
        problems.append(FieldProblem("method", Text(N_("choose how the money goes back"))))
    if not isinstance(reason, str) or not reason.strip():
        problems.append(FieldProblem("reason", Text(N_("say why the money is given back"))))
    return problems


def deposit_problems(tender: Tender) -> list[FieldProblem]:
    """A deposit as taken at check-in or later: more than zero, within the limit, cash
    tendered at least the amount (fields named as the deposit's own)."""
    problems: list[FieldProblem] = []
    renamed = {
        f"amount_{tender.method.value}": "deposit_amount",
        f"tendered_{tender.method.value}": "deposit_tendered",
        "tendered_cash": "deposit_tendered",
    }
    for problem in tender_problems([tender], tender.amount_cents):
        problems.append(FieldProblem(renamed.get(problem.field, problem.field), problem.message))
    return problems
