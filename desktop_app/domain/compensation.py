"""The shop's compensation policy: what it offers when it misses a promise of the agreement.

The agreement: "a missed promise (first response later than 24 hours, repair later than 5
working days, the same fault back within the repair's own warranty) is the shop's fault by
definition: the application proposes the compensation the shop's policy sets, and a manager
decides". The policy is data the manager edits in the shop settings; this module reads,
writes and checks it. Money is integer cents.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.limits import LONG_TEXT, is_blank, text_problem
from desktop_app.domain.money import yuan
from desktop_app.domain.repair_warranty import DEFAULT_REPAIR_WARRANTY_DAYS, within_repair_warranty
from desktop_app.domain.rules import add_months
from desktop_app.domain.text import N_, Text, Translator, no_translation
from desktop_app.domain.vocabulary import (
    OFFER_LABELS,
    CompensationState,
    MissedPromise,
    OfferKind,
)
from desktop_app.domain.workdays import WorkCalendar, working_days_late

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


# --- missed promises, computed from a job's own clocks -----------------------------------------

# How long a repair is guaranteed by default: the same serial back within this many days of a
# repair that was handed back counts as the same fault returning. The shop's own number is its
# setting (ShopSnapshot.repair_warranty_days), passed in as `repair_warranty_days`.
REPAIR_WARRANTY_DAYS = DEFAULT_REPAIR_WARRANTY_DAYS


@dataclass(frozen=True)
class Missed:
    """One promise the shop did not keep, with the measure of how badly: hours late for the
    24-hour response, working days late for the repair, the earlier job for a repeat failure,
    the complaint's number for a complaint found to be the shop's fault."""

    promise: MissedPromise
    hours_late: int = 0
    days_late: int = 0
    previous_job: str = ""
    complaint: str = ""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"promise": self.promise.value}
        for name in ("hours_late", "days_late", "previous_job", "complaint"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Missed:
        return cls(
            MissedPromise(str(raw["promise"])),
            int(str(raw.get("hours_late", 0))),
            int(str(raw.get("days_late", 0))),
            str(raw.get("previous_job", "")),
            str(raw.get("complaint", "")),
        )


@dataclass(frozen=True)
class JobClocks:
    """What a job's record says about its two promises (the stored columns, nothing typed)."""

    checked_in_at: datetime
    response_due_at: datetime
    first_response_at: datetime | None
    repair_due_date: date
    ready_at: datetime | None
    # False for a 7-day return or exchange decision: the 5-working-day repair promise does not
    # apply to deciding a return (a refused return becomes a repair, and then it does).
    repair_path: bool


@dataclass(frozen=True)
class PreviousRepair:
    """An earlier job of the same serial that went back to the customer repaired."""

    number: str
    returned_at: datetime


@dataclass(frozen=True)
class RepairDays:
    """Working days a job took (from the day after check-in to the day it was ready, or the
    hand-back day, or today) and how many of them were beyond the due day (at least 1 once the
    due day is over, like the job's clock and the return receipt: a weekend right after a
    missed Friday is still late)."""

    taken: int
    late_by: int


def repair_days(calendar: WorkCalendar, clocks: JobClocks, until: datetime) -> RepairDays:
    """The repair clock stops when the job is ready for pickup; if it never was (handed back
    unrepaired, or still open), at `until`."""
    finished = (clocks.ready_at or until).date()
    taken = calendar.working_days_between(clocks.checked_in_at.date(), finished)
    return RepairDays(taken, working_days_late(calendar, clocks.repair_due_date, finished))


def job_days(
    calendar: WorkCalendar, clocks: JobClocks, returned_at: datetime | None, now: datetime
) -> tuple[int, int | None]:
    """Working days taken so far (to ready, else to the hand-back, else to now) and working days
    late; late is None for a 7-day return or exchange decision, which has no repair promise."""
    days = repair_days(calendar, clocks, returned_at or now)
    return days.taken, days.late_by if clocks.repair_path else None


def _hours_after(late: timedelta) -> int:
    """Whole hours late, counting a started hour: 25 minutes late is 1 hour late."""
    return max(1, -(-int(late.total_seconds()) // 3600))


def missed_promises(
    calendar: WorkCalendar,
    clocks: JobClocks,
    handed_back_at: datetime,
    previous: PreviousRepair | None = None,
    repair_warranty_days: int = REPAIR_WARRANTY_DAYS,
) -> tuple[Missed, ...]:
    """The agreement's promises this job missed, as of its hand-back at `handed_back_at`.

    - response: the first response came after the due time, or never came before hand-back;
    - repair (repair path only): working days from the due day to the day it became ready;
    - repeat failure: `previous` is the last job of the same serial handed back repaired. "Same
      fault" is read as same serial + previous job repaired within `repair_warranty_days` of this
      check-in: the counter cannot tell two faults apart reliably, so the policy is proposed and
      the manager declines it, with the reason, when the fault is a different one.
    """
    missed: list[Missed] = []
    responded = clocks.first_response_at or handed_back_at
    if responded > clocks.response_due_at:
        hours = _hours_after(responded - clocks.response_due_at)
        missed.append(Missed(MissedPromise.RESPONSE_LATE, hours_late=hours))
    if clocks.repair_path:
        late = repair_days(calendar, clocks, handed_back_at).late_by
        if late > 0:
            missed.append(Missed(MissedPromise.REPAIR_LATE, days_late=late))
    if previous is not None and is_repeat(previous, clocks.checked_in_at, repair_warranty_days):
        missed.append(Missed(MissedPromise.REPEAT_FAILURE, previous_job=previous.number))
    return tuple(missed)


def is_repeat(
    previous: PreviousRepair, checked_in_at: datetime, days: int = REPAIR_WARRANTY_DAYS
) -> bool:
    """Whether the check-in falls within the earlier repair's guarantee of `days` days."""
    return within_repair_warranty(previous.returned_at, checked_in_at, days)


def merge_offers(offers: Iterable[Offer]) -> tuple[Offer, ...]:
    """Offers of the same kind made one: amounts and months add up, labour is waived once and
    one device is lent. In the order of OfferKind, so the same offers always read the same."""
    amounts: dict[OfferKind, int] = {}
    months: dict[OfferKind, int] = {}
    for offer in offers:
        amounts[offer.kind] = amounts.get(offer.kind, 0) + offer.amount_cents
        months[offer.kind] = months.get(offer.kind, 0) + offer.months
    return tuple(
        Offer(kind, min(amounts[kind], MAX_OFFER_CENTS), min(months[kind], MAX_EXTENSION_MONTHS))
        for kind in OfferKind
        if kind in amounts
    )


def proposal(policy: CompensationPolicy, missed: Iterable[Missed]) -> tuple[Offer, ...]:
    """The policy's offers for these missed promises; a late repair's amounts and months are
    per working day late. Capped at the largest offer a manager could type."""
    offers: list[Offer] = []
    for item in missed:
        times = item.days_late if item.promise is MissedPromise.REPAIR_LATE else 1
        for offer in policy.for_promise(item.promise):
            offers.append(
                Offer(offer.kind, offer.amount_cents * times, offer.months * times)
                if offer.kind in AMOUNT_OFFERS | MONTH_OFFERS
                else offer
            )
    return merge_offers(offers)


def extended_warranty_end(warranty_end: date, decided_on: date, months: int) -> date:
    """The warranty end after `months` given as compensation on `decided_on`: added to the end
    while the warranty still runs; a warranty already over gets the months from the day decided
    (added to an end in the past they would give the customer nothing)."""
    return add_months(max(warranty_end, decided_on), months)


def offers_to_json(offers: Iterable[Offer]) -> str:
    return json.dumps([offer.to_json() for offer in offers], ensure_ascii=False)


def offers_from_json(raw: str) -> tuple[Offer, ...]:
    return tuple(Offer.from_json(item) for item in json.loads(raw or "[]"))


def missed_to_json(missed: Iterable[Missed]) -> str:
    return json.dumps([item.to_json() for item in missed], ensure_ascii=False)


def missed_from_json(raw: str) -> tuple[Missed, ...]:
    return tuple(Missed.from_json(item) for item in json.loads(raw or "[]"))


def offers_problems(offers: object, field_name: str = "offers") -> list[FieldProblem]:
    """What is wrong with offers a manager typed: each offer valid, one of each kind."""
    if not isinstance(offers, tuple | list) or not all(isinstance(o, Offer) for o in offers):
        return [FieldProblem(field_name, Text(N_("must be a list of offers")))]
    problems: list[FieldProblem] = []
    for offer in offers:
        problems.extend(offer_problems(offer, field_name))
    kinds = [offer.kind for offer in offers]
    if len(set(kinds)) != len(kinds):
        problems.append(FieldProblem(field_name, Text(N_("each kind of offer at most once"))))
    return problems


def bill_reduction(offers: Iterable[Offer], total_cents: int, labour_cents: int) -> int:
    """How much less the customer pays at this hand-back for decided offers: waived labour
    takes off the labour charged, a discount its amount; never below nothing to pay. A voucher,
    months of warranty and a loan device do not change this bill."""
    off = 0
    for offer in offers:
        if offer.kind is OfferKind.WAIVE_LABOUR:
            off += labour_cents
        elif offer.kind is OfferKind.DISCOUNT:
            off += offer.amount_cents
    return min(max(total_cents, 0), off)


class DecisionKind(StrEnum):
    APPROVE = "approve"
    CHANGE = "change"
    DECLINE = "decline"


@dataclass(frozen=True)
class Decision:
    """A manager's decision on a proposal: approve it as proposed, change it to other offers
    (with a reason), or decline it (with a reason)."""

    kind: DecisionKind
    offers: tuple[Offer, ...] = ()
    reason: str = ""

    @classmethod
    def approve(cls) -> Decision:
        return cls(DecisionKind.APPROVE)

    @classmethod
    def change(cls, offers: Iterable[Offer], reason: str) -> Decision:
        return cls(DecisionKind.CHANGE, tuple(offers), reason)

    @classmethod
    def decline(cls, reason: str) -> Decision:
        return cls(DecisionKind.DECLINE, (), reason)

    def given(self, proposed: tuple[Offer, ...]) -> tuple[Offer, ...]:
        """The offers the customer gets under this decision."""
        if self.kind is DecisionKind.APPROVE:
            return proposed
        if self.kind is DecisionKind.CHANGE:
            return merge_offers(self.offers)
        return ()


def decision_problems(decision: object) -> list[FieldProblem]:
    """A decision's own rules: a known kind; a change or a decline says why; a change gives
    valid offers, at least one (no offers at all is a decline, said as one)."""
    if not isinstance(decision, Decision) or not isinstance(decision.kind, DecisionKind):
        return [FieldProblem("decision", Text(N_("choose approve, change or decline")))]
    problems: list[FieldProblem] = []
    # The reason is typed text like any other (it goes on the record and the return receipt).
    bad_text = text_problem("reason", decision.reason, LONG_TEXT)
    if bad_text is not None:
        problems.append(bad_text)
    blank = bad_text is None and is_blank(decision.reason)
    if decision.kind is not DecisionKind.APPROVE and blank:
        problems.append(
            FieldProblem("reason", Text(N_("say why the proposal is changed or declined")))
        )
    if decision.kind is DecisionKind.CHANGE:
        problems.extend(offers_problems(decision.offers))
        if not decision.offers:
            problems.append(
                FieldProblem("offers", Text(N_("give at least one offer, or decline instead")))
            )
    elif decision.offers:
        problems.append(FieldProblem("offers", Text(N_("only a change gives other offers"))))
    return problems


def amount_due(
    total_cents: int, labour_cents: int, proposed: tuple[Offer, ...], decision: Decision | None
) -> int:
    """What the customer pays at the hand-back: the charges, less what a decision made at the
    counter gives off this bill. Without a decision (a clerk hands back; the proposal waits for
    a manager) the customer pays the charges, and an approval later is given as it stands."""
    if decision is None:
        return total_cents
    given = decision.given(proposed)
    return total_cents - bill_reduction(given, total_cents, labour_cents)


# --- read back: snapshots and words ------------------------------------------------------------


@dataclass(frozen=True)
class CompensationSnapshot:
    """One compensation as it stood when read: what was missed, what the policy proposed, and
    the manager's decision once made."""

    id: int
    job_id: int | None
    job_number: str
    complaint_id: int | None
    complaint_number: str
    customer_name: str
    missed: tuple[Missed, ...]
    proposed: tuple[Offer, ...]
    state: CompensationState
    decided: tuple[Offer, ...]
    reason: str
    proposed_at: datetime
    proposed_by: str
    decided_at: datetime | None
    decided_by: str
    version: int

    @property
    def given(self) -> tuple[Offer, ...]:
        """What the customer gets: nothing until approved (or changed), nothing if declined."""
        return self.decided if self.state in GIVEN_STATES else ()


GIVEN_STATES = frozenset({CompensationState.APPROVED, CompensationState.CHANGED})


@dataclass(frozen=True)
class HandBackPreview:
    """What the hand-back would find if saved now: the missed promises, the policy's offers for
    them, and the bill they could lower."""

    missed: tuple[Missed, ...]
    proposed: tuple[Offer, ...]
    total_cents: int
    labour_cents: int


def offer_words(offer: Offer, translate: Translator = no_translation) -> str:
    """代金券 ¥20.00, 延长保修 3 个月, 免人工费: an offer as the customer reads it."""
    t = translate
    name = t(OFFER_LABELS[offer.kind])
    if offer.kind in AMOUNT_OFFERS:
        return t(N_("{offer} {amount}")).format(offer=name, amount=yuan(offer.amount_cents))
    if offer.kind in MONTH_OFFERS:
        return t(N_("{offer} {months} months")).format(offer=name, months=offer.months)
    return name


def offers_words(offers: Iterable[Offer], translate: Translator = no_translation) -> str:
    return translate(N_(", ")).join(offer_words(offer, translate) for offer in offers)


def missed_words(missed: Missed, translate: Translator = no_translation) -> str:
    t = translate
    if missed.promise is MissedPromise.RESPONSE_LATE:
        return t(N_("first response {hours} h late")).format(hours=missed.hours_late)
    if missed.promise is MissedPromise.REPAIR_LATE:
        if missed.days_late == 1:
            return t(N_("repair 1 working day late"))
        return t(N_("repair {days} working days late")).format(days=missed.days_late)
    if missed.promise is MissedPromise.REPEAT_FAILURE:
        return t(N_("same fault back after job {number}")).format(number=missed.previous_job)
    return t(N_("complaint {number}: the shop was at fault")).format(number=missed.complaint)
