"""What a job's timeline records: facts, shown in the reader's language.

An event row keeps its kind, the statuses it moved between, what the person typed (`note`, kept
exactly as typed) and a small JSON payload of facts: amounts in integer cents, the part with its
quantity and price, the accessories handed back, how the customer paid, the correction made.
It never keeps a sentence built from a template: a sentence is in the language of whoever wrote
the event, and a Chinese counter would read "no charge" forever after. The builders below are
the only place the payload keys are spelled, for the services and for the demo data alike;
`describe` turns a payload back into words for the job view, a receipt or the command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

from desktop_app.domain.compensation import Missed, Offer, missed_words, offers_words
from desktop_app.domain.follow_up import ASPECT_LABELS as FOLLOW_UP_LABELS
from desktop_app.domain.follow_up import MAX_ATTEMPTS as FOLLOW_UP_MAX_ATTEMPTS
from desktop_app.domain.identification import IDENTIFIED_BY_LABELS, IdentifiedBy
from desktop_app.domain.messages import (
    CHANNEL_LABELS,
    TEMPLATE_LABELS,
    MessageChannel,
    MessageTemplate,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS, PaymentKind
from desktop_app.domain.snapshots import EventSnapshot
from desktop_app.domain.text import N_, Text, Translator, no_translation
from desktop_app.domain.vocabulary import (
    APPROVAL_METHOD_LABELS,
    COMPENSATION_STATE_LABELS,
    CORRECTABLE,
    COVERAGE_LABELS,
    EVENT_LABELS,
    LINE_KIND_LABELS,
    OUTCOME_LABELS,
    PAYMENT_LABELS,
    STATUS_LABELS,
    VISIT_RESULT_LABELS,
    ApprovalMethod,
    CompensationState,
    Coverage,
    EventKind,
    LineKind,
    Outcome,
    PaymentMethod,
    VisitResult,
    person_name,
)

Payload = dict[str, Any]  # JSON-ready: str, int, bool, None, and lists of them
EMPTY = "—"
FOLLOW_UP_ASPECTS = tuple(FOLLOW_UP_LABELS)

# --- building payloads (the services and the demo) --------------------------------------------


def checked_in(
    coverage: Coverage,
    reasons: Sequence[Text],
    *,
    serial_in_shop: str | None = None,
    serial_override_reason: str = "",
    repeat_of: str | None = None,
) -> Payload:
    """The verdict at check-in, with its reasons as translatable texts (not their English).
    A serial checked in while still in the shop names that open job and the manager's reason."""
    payload: Payload = {
        "coverage": coverage.value,
        "reasons": [reason.to_json() for reason in reasons],
    }
    if serial_in_shop is not None:
        payload["serial_in_shop"] = serial_in_shop
        payload["serial_override_reason"] = serial_override_reason
    if repeat_of:
        payload["repeat_of"] = repeat_of
    return payload


def paid(amount_cents: int, method: str) -> Payload:
    """What the customer paid at hand-back; 0 cents (no method) when nothing was charged."""
    return {"paid_cents": amount_cents, "method": method if amount_cents else ""}


def money(
    kind: str,
    method: str,
    amount_cents: int,
    tendered_cents: int | None = None,
    change_cents: int = 0,
) -> Payload:
    """One line of money (domain/payments.py): its kind, method ("" for a deposit used), the
    amount, and for cash handed over above it, what was tendered and the change given."""
    payload: Payload = {"money_kind": kind, "money_method": method, "money_cents": amount_cents}
    if tendered_cents is not None:
        payload["tendered_cents"] = tendered_cents
        payload["change_cents"] = change_cents
    return payload


def refund(amount_cents: int) -> Payload:
    return {"refund_cents": amount_cents}


def exchange(model: str, serial: str) -> Payload:
    return {"replacement_model": model, "replacement_serial": serial}


def outcome(result: Outcome) -> Payload:
    """What the bench found when the job became ready for pickup."""
    return {"outcome": result.value}


def line_added(
    kind: LineKind | str,
    description: str,
    quantity: int,
    unit_price_cents: int,
    free: bool,
    *,
    part_number: str = "",
    stock_left: int | None = None,
    model_reason: str = "",
) -> Payload:
    """A line added; a catalogue part names its part number and the stock left after it was
    taken, and the reason given for a part not listed for the product's model."""
    payload: Payload = {
        "line_kind": str(kind),
        "description": description,
        "quantity": quantity,
        "unit_price_cents": unit_price_cents,
        "free": free,
    }
    if part_number:
        payload["part_number"] = part_number
        payload["stock_left"] = stock_left
    if model_reason:
        payload["model_reason"] = model_reason
    return payload


def line_removed(
    kind: LineKind | str,
    description: str,
    *,
    part_number: str = "",
    stock_left: int | None = None,
) -> Payload:
    """A line removed; a catalogue part went back to stock (`stock_left` after it did)."""
    payload: Payload = {"line_kind": str(kind), "description": description}
    if part_number:
        payload["part_number"] = part_number
        payload["stock_left"] = stock_left
    return payload


def assigned(technician_id: int | None, name: str | None) -> Payload:
    """Who the job went to; both None when it was unassigned."""
    return {"technician_id": technician_id, "technician": name}


def accessories_returned(items: Sequence[str]) -> Payload:
    return {"accessories": list(items)}


def identified(how: IdentifiedBy, wrong_tries: int = 0) -> Payload:
    """How the customer was identified at the hand-back, and how many wrong answers of the
    phone's four digits came first (never the digits themselves)."""
    payload: Payload = {"identified_by": how.value}
    if wrong_tries:
        payload["wrong_tries"] = wrong_tries
    return payload


def satisfaction(score: int, comment: str) -> Payload:
    return {"score": score, "comment": comment}


def follow_up(
    reached: bool, scores: Mapping[str, int | None], attempt: int, complaint_drafted: bool
) -> Payload:
    """A satisfaction follow-up call: reached or not (`attempt`: which call this was), the four
    scores when reached, and whether a low one opened a complaint draft. The customer's words
    are the event's note, as typed."""
    payload: Payload = {"reached": reached, "attempt": attempt}
    if reached:
        payload["scores"] = {name: scores.get(name) for name in FOLLOW_UP_ASPECTS}
        payload["complaint_drafted"] = complaint_drafted
    return payload


def customer_messaged(
    template: MessageTemplate, channel: MessageChannel, text: str, new_date: date | None = None
) -> Payload:
    """A message to the customer copied or sent: which template, how, and the very text the
    customer got (the shop's template may change later; this is what was said)."""
    payload: Payload = {"message": template.value, "channel": channel.value, "text": text}
    if new_date is not None:
        payload["new_date"] = new_date.isoformat()
    return payload


def correction(field: str, old: object, new: object) -> Payload:
    """A manager's correction of a closed job's column; the values as stored (cents, keys)."""
    return {"field": field, "old": _plain(old), "new": _plain(new)}


def compensation_proposed(missed: Sequence[Missed], offers: Sequence[Offer]) -> Payload:
    return {
        "compensation_missed": [item.to_json() for item in missed],
        "compensation_offers": [offer.to_json() for offer in offers],
    }


def compensation_decided(state: CompensationState, offers: Sequence[Offer]) -> Payload:
    """The manager's decision; their reason (for a change or a decline) is the event's note."""
    return {
        "compensation_state": state.value,
        "compensation_offers": [offer.to_json() for offer in offers],
    }


def warranty_extended(old: date, new: date, months: int) -> Payload:
    return {"warranty_old": old.isoformat(), "warranty_new": new.isoformat(), "months": months}


def appointment_set(
    old: tuple[datetime | None, datetime | None], new: tuple[datetime | None, datetime | None]
) -> Payload:
    """An on-site appointment's window, before and after (None: none set)."""
    return {
        "appointment_old": _window_json(*old),
        "appointment_new": _window_json(*new),
    }


def visit_recorded(
    visit_id: int | None,
    technician: str,
    arrived_at: datetime,
    left_at: datetime,
    result: str,
    next_visit: tuple[datetime | None, datetime | None] = (None, None),
) -> Payload:
    """A visit's report (its texts are in the visits table, kept as typed)."""
    payload: Payload = {} if visit_id is None else {"visit_id": visit_id}
    return payload | {
        "visit_technician": technician,
        "arrived_at": arrived_at.isoformat(),
        "left_at": left_at.isoformat(),
        "visit_result": result,
        "next_visit": _window_json(*next_visit),
    }


def quotation_issued(number: int, total_cents: int, valid_until: date) -> Payload:
    """Quotation N of the job written: its total and the day it holds until."""
    return {
        "quotation": number,
        "quote_total_cents": total_cents,
        "valid_until": valid_until.isoformat(),
    }


def quotation_approved(
    number: int, method: ApprovalMethod, answered_by: str = "", called_at: datetime | None = None
) -> Payload:
    """The customer's approval of quotation N: by phone (when, who answered), by the signed
    copy, or a manager's override (the reason is the event's note)."""
    payload: Payload = {"quotation": number, "approved_via": method.value}
    if method is ApprovalMethod.PHONE:
        payload["answered_by"] = answered_by
        payload["called_at"] = called_at.isoformat() if called_at is not None else None
    return payload


def quotation_declined(number: int, fee_cents: int) -> Payload:
    return {"quotation": number, "declined": True, "inspection_fee_cents": fee_cents}


def approval_stale(number: int, quoted_cents: int, total_cents: int, was_approved: bool) -> Payload:
    """The job's lines no longer match quotation N (its approval, if any, no longer holds)."""
    return {
        "quotation": number,
        "quote_total_cents": quoted_cents,
        "total_now_cents": total_cents,
        "was_approved": was_approved,
    }


def _window_json(start: datetime | None, end: datetime | None) -> list[str] | None:
    return [start.isoformat(), end.isoformat()] if start is not None and end is not None else None


def _window_words(value: object, translate: Translator) -> str:
    if isinstance(value, list) and len(value) == 2:
        try:
            start, end = (datetime.fromisoformat(str(part)) for part in value)
        except ValueError:
            return EMPTY
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M}"
    return translate(N_("none"))


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, int | str) else str(value)


# --- reading them back (whoever shows the timeline) -------------------------------------------


def title(event: EventSnapshot, translate: Translator = no_translation) -> str:
    """What happened, in a word or two: the status reached, or the kind of event."""
    if event.to_status is not None:
        return translate(STATUS_LABELS[event.to_status])
    if event.kind == EventKind.MONEY.value and "money_kind" in event.payload:
        return _label(PAYMENT_KIND_LABELS, PaymentKind, event.payload["money_kind"], translate)
    try:
        return translate(EVENT_LABELS[EventKind(event.kind)])
    except ValueError:  # a kind from a newer version: better its key than nothing
        return event.kind


def describe(event: EventSnapshot, translate: Translator = no_translation) -> str:
    """The event's facts in the reader's language, then what the person typed, as typed."""
    parts = facts(event.payload, translate)
    if event.note.strip():
        parts.append(event.note.strip())
    return translate(N_("; ")).join(parts)


def facts(payload: Mapping[str, Any], translate: Translator = no_translation) -> list[str]:
    """Each fact of a payload as a phrase; keys a payload lacks are simply not mentioned."""
    said: list[str] = []
    for part in (
        _check_in_facts,
        _money_facts,
        _bench_facts,
        _hand_back_facts,
        _visit_facts,
        _record_facts,
        _compensation_facts,
        _message_facts,
        _quotation_facts,
    ):
        said += part(payload, translate)
    return said


def _check_in_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """The verdict at check-in, and a serial checked in while still in the shop."""
    said: list[str] = []
    if "coverage" in payload:
        reasons = [Text.from_json(r).render(t) for r in payload.get("reasons", ())]
        coverage = _label(COVERAGE_LABELS, Coverage, payload["coverage"], t)
        if reasons:
            said.append(
                t(N_("{coverage}: {reasons}")).format(
                    coverage=coverage, reasons=t(N_("; ")).join(reasons)
                )
            )
        else:
            said.append(coverage)
    if "serial_in_shop" in payload:
        said.append(
            t(
                N_(
                    "checked in while the same serial was still in the shop as job {number}; "
                    "manager's reason: {why}"
                )
            ).format(number=payload["serial_in_shop"], why=payload.get("serial_override_reason"))
        )
    if payload.get("repeat_of"):
        said.append(
            t(N_("repeat repair of job {number}: the clerk confirmed the same fault")).format(
                number=payload["repeat_of"]
            )
        )
    return said


def _money_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """What was paid or refunded, and what an exchange gave."""
    said: list[str] = []
    if "paid_cents" in payload:
        if payload["paid_cents"] and not payload.get("method"):  # split across methods
            said.append(t(N_("paid {amount}")).format(amount=yuan(payload["paid_cents"])))
        elif payload["paid_cents"]:
            method = _label(PAYMENT_LABELS, PaymentMethod, payload.get("method", ""), t)
            said.append(
                t(N_("paid {amount} ({method})")).format(
                    amount=yuan(payload["paid_cents"]), method=method
                )
            )
        else:
            said.append(t(N_("no charge")))
    if "money_kind" in payload:
        said += _money_line_facts(payload, t)
    if "refund_cents" in payload:
        said.append(t(N_("refund {amount}")).format(amount=yuan(payload["refund_cents"])))
    if "replacement_model" in payload:
        said.append(
            t(N_("exchanged for {model} {serial}")).format(
                model=payload["replacement_model"], serial=payload.get("replacement_serial", "")
            )
        )
    return said


def _money_line_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """A line of money: the amount by its method, and cash tendered with the change given."""
    amount = yuan(payload.get("money_cents", 0))
    method = payload.get("money_method", "")
    if method:
        said = [
            t(N_("{amount} by {method}")).format(
                amount=amount, method=_label(PAYMENT_LABELS, PaymentMethod, method, t)
            )
        ]
    else:
        said = [t(N_("{amount} of the deposit set against the bill")).format(amount=amount)]
    if payload.get("tendered_cents") is not None:
        said.append(
            t(N_("tendered {tendered}, change {change}")).format(
                tendered=yuan(payload["tendered_cents"]),
                change=yuan(payload.get("change_cents", 0)),
            )
        )
    return said


def _bench_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """The bench: its outcome, parts and labour, who the job is assigned to."""
    said: list[str] = []
    if "outcome" in payload:
        said.append(_label(OUTCOME_LABELS, Outcome, payload["outcome"], t))
    if "line_kind" in payload:
        kind = _label(LINE_KIND_LABELS, LineKind, payload["line_kind"], t)
        if "quantity" in payload:
            said.append(
                t(N_("{kind}: {description} × {quantity} @ {price}")).format(
                    kind=kind,
                    description=payload["description"],
                    quantity=payload["quantity"],
                    price=yuan(payload["unit_price_cents"]),
                )
            )
            if payload.get("free"):
                said.append(t(N_("free under warranty")))
            if payload.get("part_number"):
                said.append(
                    t(N_("catalogue part {number}, {stock} left in stock")).format(
                        number=payload["part_number"], stock=payload.get("stock_left", "?")
                    )
                )
            if payload.get("model_reason"):
                said.append(
                    t(N_("not listed for the product's model; reason: {reason}")).format(
                        reason=payload["model_reason"]
                    )
                )
        else:
            said.append(
                t(N_("{kind}: {description}")).format(kind=kind, description=payload["description"])
            )
            if payload.get("part_number"):
                said.append(
                    t(N_("catalogue part {number} back in stock ({stock})")).format(
                        number=payload["part_number"], stock=payload.get("stock_left", "?")
                    )
                )
    if "technician_id" in payload or "technician" in payload:
        technician = payload.get("technician")
        said.append(person_name(technician, t) if technician else t(N_("unassigned")))
    return said


def _hand_back_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """The hand-back: accessories returned, the score, a follow-up call."""
    said: list[str] = []
    if "accessories" in payload:
        items = t(N_(", ")).join(payload["accessories"]) or EMPTY
        said.append(t(N_("accessories returned: {items}")).format(items=items))
    if "identified_by" in payload:
        how = _label(IDENTIFIED_BY_LABELS, IdentifiedBy, payload["identified_by"], t)
        said.append(t(N_("customer identified: {how}")).format(how=how))
    if payload.get("wrong_tries"):
        said.append(
            t(N_("wrong answers of the phone's last four digits first: {count}")).format(
                count=payload["wrong_tries"]
            )
        )
    if "score" in payload:
        rating = t(N_("rated {score}/5")).format(score=payload["score"])
        comment = str(payload.get("comment", "")).strip()
        said.append(f"{rating} {comment}" if comment else rating)
    if "reached" in payload:
        said.extend(_follow_up_facts(payload, t))
    return said


def _visit_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """On-site service: the appointment moved, a visit reported."""
    said: list[str] = []
    if "appointment_new" in payload:
        said.append(
            t(N_("appointment: {old} → {new}")).format(
                old=_window_words(payload.get("appointment_old"), t),
                new=_window_words(payload.get("appointment_new"), t),
            )
        )
    if "visit_result" in payload:
        said.append(
            t(N_("{result}; on site {arrived}–{left}")).format(
                result=_label(VISIT_RESULT_LABELS, VisitResult, payload["visit_result"], t),
                arrived=_time_words(payload.get("arrived_at"), "%m-%d %H:%M"),
                left=_time_words(payload.get("left_at"), "%H:%M"),
            )
        )
        if payload.get("next_visit"):
            said.append(
                t(N_("next visit {window}")).format(window=_window_words(payload["next_visit"], t))
            )
    return said


def _record_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """A manager's correction, a complaint about the job."""
    said: list[str] = []
    if "field" in payload:
        field = payload["field"]
        said.append(
            t(N_("{field}: {old} → {new}")).format(
                field=t(CORRECTABLE[field]) if field in CORRECTABLE else field,
                old=_corrected_value(field, payload.get("old"), t),
                new=_corrected_value(field, payload.get("new"), t),
            )
        )
    if "complaint" in payload:
        said.append(t(N_("complaint {number}")).format(number=payload["complaint"] or EMPTY))
    return said


def _compensation_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    said: list[str] = []
    try:
        if "compensation_missed" in payload:
            missed = [Missed.from_json(item) for item in payload["compensation_missed"]]
            said.append(t(N_("; ")).join(missed_words(item, t) for item in missed))
        if "compensation_state" in payload:
            said.append(
                _label(
                    COMPENSATION_STATE_LABELS, CompensationState, payload["compensation_state"], t
                )
            )
        if "compensation_offers" in payload:
            offers = [Offer.from_json(item) for item in payload["compensation_offers"]]
            said.append(offers_words(offers, t) or t(N_("nothing offered")))
        if "warranty_new" in payload:
            said.append(
                t(N_("warranty end {old} → {new} (+{months} months)")).format(
                    old=payload.get("warranty_old", EMPTY),
                    new=payload["warranty_new"],
                    months=payload.get("months", 0),
                )
            )
    except (ValueError, KeyError, TypeError):  # a payload from a newer version
        said.append(EMPTY)
    return said


def _quotation_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """A paid job's quotation: issued, approved (how), declined, or changed since."""
    if "quotation" not in payload:
        return []
    said = [t(N_("quotation {number}")).format(number=payload["quotation"])]
    if "total_now_cents" in payload:
        said.append(
            t(N_("quoted {quoted}, now {total}")).format(
                quoted=yuan(int(payload.get("quote_total_cents") or 0)),
                total=yuan(int(payload["total_now_cents"])),
            )
        )
        if payload.get("was_approved"):
            said.append(t(N_("the approval no longer holds")))
    elif "quote_total_cents" in payload:
        said.append(
            t(N_("total {total}, valid until {day}")).format(
                total=yuan(int(payload["quote_total_cents"])),
                day=payload.get("valid_until") or EMPTY,
            )
        )
    if "approved_via" in payload:
        said.append(_label(APPROVAL_METHOD_LABELS, ApprovalMethod, payload["approved_via"], t))
        if payload["approved_via"] == ApprovalMethod.PHONE.value:
            said.append(
                t(N_("called {at}, answered by {name}")).format(
                    at=_time_words(payload.get("called_at"), "%m-%d %H:%M"),
                    name=payload.get("answered_by") or EMPTY,
                )
            )
    if payload.get("declined"):
        said.append(
            t(N_("returned unrepaired; inspection fee {fee}")).format(
                fee=yuan(int(payload.get("inspection_fee_cents") or 0))
            )
        )
    return said


def _follow_up_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    if not payload["reached"]:
        return [
            t(N_("customer not reached (call {attempt} of {limit})")).format(
                attempt=payload.get("attempt", "?"), limit=FOLLOW_UP_MAX_ATTEMPTS
            )
        ]
    scores = payload.get("scores") or {}
    rated = [
        t(N_("{aspect} {score}/5")).format(aspect=t(label), score=scores[name])
        for name, label in FOLLOW_UP_LABELS.items()
        if scores.get(name) is not None
    ]
    said = [t(N_(", ")).join(rated)] if rated else []
    if payload.get("complaint_drafted"):
        said.append(t(N_("low score: a complaint draft awaits the manager")))
    return said


def _message_facts(payload: Mapping[str, Any], t: Translator) -> list[str]:
    """A message to the customer: which one, how it left, its new day, and its text."""
    if "message" not in payload:
        return []
    said = [
        t(N_("“{message}” message, {channel}")).format(
            message=_label(TEMPLATE_LABELS, MessageTemplate, str(payload["message"]), t),
            channel=_label(CHANNEL_LABELS, MessageChannel, str(payload.get("channel", "")), t),
        )
    ]
    if payload.get("new_date"):
        said.append(t(N_("new day {day}")).format(day=payload["new_date"]))
    if payload.get("text"):
        said.append(str(payload["text"]))
    return said


def _time_words(value: object, pattern: str) -> str:
    try:
        return datetime.fromisoformat(str(value)).strftime(pattern)
    except ValueError:
        return EMPTY


def _label(table: Mapping[Any, str], kind: type, key: str, translate: Translator) -> str:
    try:
        return translate(table[kind(key)])
    except (ValueError, KeyError):
        return key or EMPTY


def _corrected_value(field: str, value: object, translate: Translator) -> str:
    if value is None or value == "":
        return EMPTY
    if field == "amount_paid_cents" and isinstance(value, int):
        return yuan(value)
    if field == "payment_method":
        return _label(PAYMENT_LABELS, PaymentMethod, str(value), translate)
    return str(value)
