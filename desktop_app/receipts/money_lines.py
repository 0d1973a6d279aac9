"""A job's lines of money as receipt rows (issue 16): shared by the intake receipt (the deposit
taken), the return receipt (how the bill was paid) and the payment receipt.

Every fixed label is a `t("...")` literal or a label of the domain (PAYMENT_KIND_LABELS,
PAYMENT_LABELS), so lupdate finds it.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS, PaymentKind, PaymentLine
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import PAYMENT_LABELS


def line_label(line: PaymentLine, t: Translator) -> str:
    """ "Payment · Cash", "Deposit used", "Refund · WeChat Pay"."""
    kind = t(PAYMENT_KIND_LABELS[line.kind])
    if line.method is None:
        return kind
    return f"{kind} · {t(PAYMENT_LABELS[line.method])}"


def line_amount(line: PaymentLine, t: Translator) -> str:
    """The amount, signed as money given back, with cash tendered and the change given."""
    tendered = line_tendered(line, t)
    return f"{signed_amount(line)} {tendered}" if tendered else signed_amount(line)


def signed_amount(line: PaymentLine) -> str:
    return yuan(-line.amount_cents if line.kind is PaymentKind.REFUND else line.amount_cents)


def line_tendered(line: PaymentLine, t: Translator) -> str:
    """ "(tendered ¥200.00, change ¥50.00)" for cash handed over above the amount, else ""."""
    if line.tendered_cents is None:
        return ""
    return t("(tendered {tendered}, change {change})").format(
        tendered=yuan(line.tendered_cents), change=yuan(line.change_cents)
    )


def money_rows(lines: Sequence[PaymentLine], t: Translator) -> list[tuple[str, str]]:
    """One (label, amount) row per line, in the order they were taken."""
    return [(line_label(line, t), line_amount(line, t)) for line in lines]
