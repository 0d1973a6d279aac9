"""The shop's compensation policy: what it offers when it misses a promise of the agreement.

The agreement: "a missed promise (first response later than 24 hours, repair later than 5
working days, the same fault back within the repair's own warranty) is the shop's fault by
definition: the application proposes the compensation the shop's policy sets, and a manager
decides". The policy is data the manager edits in the shop settings; this module reads,
writes and checks it. Money is integer cents.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.text import N_, Text
from desktop_app.domain.vocabulary import MissedPromise, OfferKind

MAX_OFFER_CENTS = 10_000_000  # one hundred thousand yuan: anything above is a typo
MAX_EXTENSION_MONTHS = 60
# The offers that carry an amount, and the one that carries months; the others carry neither.
AMOUNT_OFFERS = frozenset({OfferKind.DISCOUNT, OfferKind.VOUCHER})
MONTH_OFFERS = frozenset({OfferKind.WARRANTY_EXTENSION})


@dataclass(frozen=True)
class Offer:
    """One thing offered: labour waived, an amount off or to spend later, months of warranty
    added, or a device lent while the customer's is repaired."""

    kind: OfferKind
    amount_cents: int = 0
    months: int = 0

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind.value, "amount_cents": self.amount_cents, "months": self.months}

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Offer:
        amount, months = raw.get("amount_cents", 0), raw.get("months", 0)
        if not isinstance(amount, int) or not isinstance(months, int):
            raise ValueError("an offer's amount and months are whole numbers")
        return cls(OfferKind(str(raw["kind"])), amount, months)


@dataclass(frozen=True)
class CompensationPolicy:
    """What is offered for each kind of missed promise. For a late repair the offers are per
    working day late: amounts and months are multiplied by the days (domain/compensation
    proposals), the other offers are given once."""

    offers: Mapping[MissedPromise, tuple[Offer, ...]] = field(default_factory=dict)

    def for_promise(self, promise: MissedPromise) -> tuple[Offer, ...]:
        return tuple(self.offers.get(promise, ()))


# What a shop starts with; the manager changes it in the settings.
DEFAULT_POLICY = CompensationPolicy(
    {
        MissedPromise.RESPONSE_LATE: (Offer(OfferKind.VOUCHER, amount_cents=2000),),
        MissedPromise.REPAIR_LATE: (Offer(OfferKind.VOUCHER, amount_cents=2000),),
        MissedPromise.REPEAT_FAILURE: (
            Offer(OfferKind.WAIVE_LABOUR),
            Offer(OfferKind.WARRANTY_EXTENSION, months=3),
        ),
        MissedPromise.SHOP_AT_FAULT: (Offer(OfferKind.VOUCHER, amount_cents=5000),),
    }
)


def policy_to_json(policy: CompensationPolicy) -> str:
    return json.dumps(
        {
            promise.value: [offer.to_json() for offer in policy.for_promise(promise)]
            for promise in MissedPromise
        },
        ensure_ascii=False,
        sort_keys=True,
    )


def policy_from_json(raw: str) -> CompensationPolicy:
    """The stored policy; "" (a shop that never edited it) is the default. A value this version
    cannot read (hand-edited, or from a newer version) is refused loudly, never guessed."""
    if not raw:
        return DEFAULT_POLICY
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("the compensation policy is not a JSON object")
    return CompensationPolicy(
        {
            MissedPromise(key): tuple(Offer.from_json(item) for item in items)
            for key, items in data.items()
        }
    )


def readable_policy(raw: str) -> CompensationPolicy:
    """The stored policy for reading screens and receipts: one this version cannot read (edited
    by hand in the database) reads as the default, so the counter still opens; saving the
    settings writes a readable one again."""
    try:
        return policy_from_json(raw)
    except (ValueError, KeyError, TypeError, AttributeError):
        return DEFAULT_POLICY


def offer_problems(offer: Offer, field_name: str) -> list[FieldProblem]:
    """What is wrong with one offer, named after the settings field it was typed in."""
    problems: list[FieldProblem] = []
    if not isinstance(offer.kind, OfferKind):
        return [FieldProblem(field_name, Text(N_("is not a kind of compensation")))]
    for value in (offer.amount_cents, offer.months):
        if not isinstance(value, int) or isinstance(value, bool):
            return [FieldProblem(field_name, Text(N_("must be a whole number")))]
    if offer.kind in AMOUNT_OFFERS:
        if not 1 <= offer.amount_cents <= MAX_OFFER_CENTS:
            problems.append(
                FieldProblem(
                    field_name,
                    Text(
                        N_("the amount must be from {low} to {high} yuan"),
                        low="0.01",
                        high=MAX_OFFER_CENTS // 100,
                    ),
                )
            )
    elif offer.amount_cents:
        problems.append(FieldProblem(field_name, Text(N_("this kind of offer has no amount"))))
    if offer.kind in MONTH_OFFERS:
        if not 1 <= offer.months <= MAX_EXTENSION_MONTHS:
            problems.append(
                FieldProblem(
                    field_name,
                    Text(
                        N_("the extension must be from 1 to {high} months"),
                        high=MAX_EXTENSION_MONTHS,
                    ),
                )
            )
    elif offer.months:
        problems.append(FieldProblem(field_name, Text(N_("this kind of offer has no months"))))
    return problems


def validate_policy(policy: object) -> None:
    """Refuse a policy with a bad offer, naming the promise it is for."""
    if not isinstance(policy, CompensationPolicy):
        raise InvalidInput(
            [FieldProblem("compensation_policy", Text(N_("must be a compensation policy")))]
        )
    problems: list[FieldProblem] = []
    for promise, offers in policy.offers.items():
        if not isinstance(promise, MissedPromise):
            problems.append(
                FieldProblem("compensation_policy", Text(N_("is not a kind of missed promise")))
            )
            continue
        for offer in offers:
            problems.extend(offer_problems(offer, f"compensation_policy.{promise.value}"))
    if problems:
        raise InvalidInput(problems)
