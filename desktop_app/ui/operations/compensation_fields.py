"""The inputs of a compensation decision and of a list of offers, for every form that asks them:
the hand-back (a manager decides at the counter), the list of proposals awaiting a decision, and
the policy editor of the shop settings.

Offers of the same kind are always merged (domain/compensation.py), so a set of offers is at most
one of each kind: one input per kind, named `<prefix><kind>`, is all an editor needs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.compensation import (
    AMOUNT_OFFERS,
    MAX_EXTENSION_MONTHS,
    MAX_OFFER_CENTS,
    MONTH_OFFERS,
    Decision,
    DecisionKind,
    Missed,
    Offer,
    missed_words,
    offers_words,
)
from desktop_app.domain.vocabulary import OfferKind
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind
from desktop_app.ui.labels import label as vocabulary_label
from desktop_app.ui.resources import text_translator

LATER = ""  # the hand-back's "leave it to the list of proposals" choice


def offer_fields(prefix: str, offers: Sequence[Offer], label_prefix: str = "") -> list[Field]:
    """One input per kind of offer, filled with `offers`."""
    given = {offer.kind: offer for offer in offers}
    result: list[Field] = []
    for kind in OfferKind:
        name = f"{prefix}{kind.value}"
        text = label_prefix + vocabulary_label(kind)
        offer = given.get(kind)
        if kind in AMOUNT_OFFERS:
            result.append(
                Field(
                    name,
                    text,
                    FieldKind.MONEY,
                    default=offer.amount_cents if offer else 0,
                    maximum=MAX_OFFER_CENTS // 100,
                )
            )
        elif kind in MONTH_OFFERS:
            result.append(
                Field(
                    name,
                    text,
                    FieldKind.NUMBER,
                    default=offer.months if offer else 0,
                    minimum=0,
                    maximum=MAX_EXTENSION_MONTHS,
                )
            )
        else:
            result.append(
                Field(
                    name,
                    text,
                    FieldKind.CHECKLIST,
                    choices=[(QCoreApplication.translate("Compensation", "Offered"), kind.value)],
                    default=offer is not None,
                )
            )
    return result


def offers_from(prefix: str, values: Mapping[str, Any]) -> tuple[Offer, ...]:
    """The offers the inputs describe (an amount or months of 0, a box not ticked: not offered)."""
    offers: list[Offer] = []
    for kind in OfferKind:
        value = values.get(f"{prefix}{kind.value}")
        if kind in AMOUNT_OFFERS:
            if value:
                offers.append(Offer(kind, amount_cents=int(value)))
        elif kind in MONTH_OFFERS:
            if value:
                offers.append(Offer(kind, months=int(value)))
        elif value:
            offers.append(Offer(kind))
    return tuple(offers)


def summary_fields(missed: Sequence[Missed], proposed: Sequence[Offer]) -> list[Field]:
    t = text_translator()
    return [
        Field(
            "missed",
            QCoreApplication.translate("Compensation", "Promises missed"),
            FieldKind.INFO,
            default="\n".join(missed_words(item, t) for item in missed),
        ),
        Field(
            "proposed",
            QCoreApplication.translate("Compensation", "Proposed compensation"),
            FieldKind.INFO,
            default=offers_words(proposed, t)
            or QCoreApplication.translate("Compensation", "nothing (the policy offers nothing)"),
        ),
    ]


def decision_fields(proposed: Sequence[Offer], *, later: bool) -> list[Field]:
    """A manager's decision: approve, change (the offers below, with a reason), decline (with
    a reason), and at the hand-back also "decide later"."""
    choices = [
        (
            QCoreApplication.translate("Compensation", "Approve as proposed"),
            DecisionKind.APPROVE.value,
        ),
        (
            QCoreApplication.translate("Compensation", "Change (offers below, reason required)"),
            DecisionKind.CHANGE.value,
        ),
        (
            QCoreApplication.translate("Compensation", "Decline (reason required)"),
            DecisionKind.DECLINE.value,
        ),
    ]
    if later:
        choices.append(
            (
                QCoreApplication.translate("Compensation", "Decide later (it waits in the list)"),
                LATER,
            )
        )
    return [
        Field(
            "decision",
            QCoreApplication.translate("Compensation", "Decision"),
            FieldKind.CHOICE,
            choices=choices,
            default=DecisionKind.APPROVE.value,
        ),
        *offer_fields(
            "offer_", proposed, QCoreApplication.translate("Compensation", "Change to: ")
        ),
        Field("reason", QCoreApplication.translate("Compensation", "Reason"), FieldKind.TEXT),
    ]


def decision_from(values: Mapping[str, Any]) -> Decision | None:
    kind = values.get("decision") or LATER
    if kind == LATER:
        return None
    reason = str(values.get("reason", ""))
    if kind == DecisionKind.CHANGE.value:
        return Decision.change(offers_from("offer_", values), reason)
    if kind == DecisionKind.DECLINE.value:
        return Decision.decline(reason)
    return Decision.approve()
