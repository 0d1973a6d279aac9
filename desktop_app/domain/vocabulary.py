"""The counter's vocabulary: every fixed word a person reads, declared once beside its key.

A key is what the database stores and the code compares (`returned`, `cannot_repair`, `wechat`);
a label is the English word a person reads, marked with `N_()` where it is declared so that
`pyside6-lupdate` extracts it. Nobody shows a key: the window, the receipts and the command line
all look the label up here and translate it in the reader's language (`label(key)` then the
viewer's translator). Before this module the window and the receipts each kept a table of the
same labels, kept in step by hand.

The enumerations live here too (their old modules re-export them), so that the key and its label
can never be declared apart, and so this module needs nothing but the marker: every other domain
module may import it without a cycle.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum

from desktop_app.domain.text import N_, Translator, no_translation

# --- jobs -----------------------------------------------------------------------------------------


class Status(StrEnum):
    RECEIVED = "received"
    DIAGNOSING = "diagnosing"
    WAITING_FOR_PARTS = "waiting_for_parts"
    REPAIRING = "repairing"
    READY_FOR_PICKUP = "ready_for_pickup"
    RETURNED = "returned"
    CANCELLED = "cancelled"
    INSPECTING = "inspecting"
    REFUNDED = "refunded"
    EXCHANGED = "exchanged"


STATUS_LABELS: dict[Status, str] = {
    Status.RECEIVED: N_("received"),
    Status.DIAGNOSING: N_("diagnosing"),
    Status.WAITING_FOR_PARTS: N_("waiting for parts"),
    Status.REPAIRING: N_("repairing"),
    Status.READY_FOR_PICKUP: N_("ready for pickup"),
    Status.RETURNED: N_("returned to customer"),
    Status.CANCELLED: N_("cancelled"),
    Status.INSPECTING: N_("inspecting for return/exchange"),
    Status.REFUNDED: N_("refunded"),
    Status.EXCHANGED: N_("exchanged"),
}


class ServiceKind(StrEnum):
    """What the customer asks for at the counter."""

    REPAIR = "repair"
    RETURN = "return"
    EXCHANGE = "exchange"
    ON_SITE = "on_site"
    CONSULTATION = "consultation"


SERVICE_LABELS: dict[ServiceKind, str] = {
    ServiceKind.REPAIR: N_("Repair"),
    ServiceKind.RETURN: N_("Return (7-day, no reason)"),
    ServiceKind.EXCHANGE: N_("Exchange (7-day, no reason)"),
    ServiceKind.ON_SITE: N_("On-site service"),
    ServiceKind.CONSULTATION: N_("Consultation"),
}


class Coverage(StrEnum):
    """How the job is handled and who pays."""

    RETURN_EXCHANGE = "return_exchange"  # 7-day no-reason return or exchange
    WARRANTY = "warranty"  # free repair under warranty
    PAID = "paid"  # out of warranty, documents missing, or not a quality problem


COVERAGE_LABELS: dict[Coverage, str] = {
    Coverage.RETURN_EXCHANGE: N_("7-day no-reason return/exchange"),
    Coverage.WARRANTY: N_("Free warranty repair"),
    Coverage.PAID: N_("Paid repair"),
}


class Category(StrEnum):
    ELECTRONICS = "electronics"
    APPLIANCE = "appliance"
    HOME_GOODS = "home_goods"
    OTHER = "other"


CATEGORY_LABELS: dict[Category, str] = {
    Category.ELECTRONICS: N_("Electronics"),
    Category.APPLIANCE: N_("Household appliance"),
    Category.HOME_GOODS: N_("Home goods"),
    Category.OTHER: N_("Other"),
}


class Outcome(StrEnum):
    """What the bench found, set when the job becomes ready for pickup."""

    REPAIRED = "repaired"
    CANNOT_REPAIR = "cannot_repair"
    NO_FAULT_FOUND = "no_fault_found"
    # A paid job's quotation the customer declined: handed back unrepaired (issue 16).
    QUOTATION_DECLINED = "quotation_declined"


OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.REPAIRED: N_("Repaired"),
    Outcome.CANNOT_REPAIR: N_("Cannot be repaired"),
    Outcome.NO_FAULT_FOUND: N_("No fault found"),
    Outcome.QUOTATION_DECLINED: N_("Not repaired: quotation declined"),
}


class LineKind(StrEnum):
    PART = "part"
    LABOUR = "labour"


LINE_KIND_LABELS: dict[LineKind, str] = {
    LineKind.PART: N_("Part"),
    LineKind.LABOUR: N_("Labour"),
}


class PaymentMethod(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    CARD = "card"
    OTHER = "other"


PAYMENT_LABELS: dict[PaymentMethod, str] = {
    PaymentMethod.CASH: N_("Cash"),
    PaymentMethod.WECHAT: N_("WeChat Pay"),
    PaymentMethod.ALIPAY: N_("Alipay"),
    PaymentMethod.CARD: N_("Bank card"),
    PaymentMethod.OTHER: N_("Other"),
}


# --- the audit trail ------------------------------------------------------------------------------


class EventKind(StrEnum):
    """What an entry of a job's timeline records (job_events.kind)."""

    CHECKED_IN = "checked_in"
    FIRST_RESPONSE = "first_response"
    STATUS_CHANGED = "status_changed"
    NOT_QUALITY_PROBLEM = "not_quality_problem"
    LINE_ADDED = "line_added"
    LINE_REMOVED = "line_removed"
    ASSIGNED = "assigned"
    SATISFACTION = "satisfaction"
    DIAGNOSIS = "diagnosis"
    CORRECTION = "correction"
    HANDED_BACK = "handed_back"
    PHONE_REVEALED = "phone_revealed"  # someone saw the full number: not a change of the job
    # The agreement's second half (issue 13).
    COMPENSATION_PROPOSED = "compensation_proposed"
    COMPENSATION_DECIDED = "compensation_decided"
    WARRANTY_EXTENDED = "warranty_extended"
    APPOINTMENT_SET = "appointment_set"
    VISIT_RECORDED = "visit_recorded"
    FOLLOW_UP = "follow_up"  # a satisfaction follow-up call after the return
    COMPLAINT_LINKED = "complaint_linked"
    # Issue 16: a message to the customer copied or sent (domain/messages.py).
    CUSTOMER_MESSAGED = "customer_messaged"
    # Issue 16: a line of money (a deposit, a deposit used, a payment, a refund).
    MONEY = "money"
    # A paid job's quotation and the customer's approval (issue 16).
    QUOTATION_ISSUED = "quotation_issued"
    QUOTATION_APPROVED = "quotation_approved"
    APPROVAL_OVERRIDDEN = "approval_overridden"
    QUOTATION_DECLINED = "quotation_declined"
    APPROVAL_STALE = "approval_stale"


EVENT_LABELS: dict[EventKind, str] = {
    EventKind.CHECKED_IN: N_("Product checked in"),
    EventKind.FIRST_RESPONSE: N_("First response"),
    EventKind.STATUS_CHANGED: N_("Status changed"),
    EventKind.NOT_QUALITY_PROBLEM: N_("Not a quality problem"),
    EventKind.LINE_ADDED: N_("Part/labour added"),
    EventKind.LINE_REMOVED: N_("Part/labour removed"),
    EventKind.ASSIGNED: N_("Assigned"),
    EventKind.SATISFACTION: N_("Satisfaction recorded"),
    EventKind.DIAGNOSIS: N_("Diagnosis"),
    EventKind.CORRECTION: N_("Correction"),
    EventKind.HANDED_BACK: N_("Accessories returned"),
    EventKind.PHONE_REVEALED: N_("Phone number shown"),
    EventKind.COMPENSATION_PROPOSED: N_("Compensation proposed"),
    EventKind.COMPENSATION_DECIDED: N_("Compensation decided"),
    EventKind.WARRANTY_EXTENDED: N_("Warranty extended"),
    EventKind.APPOINTMENT_SET: N_("Appointment set"),
    EventKind.VISIT_RECORDED: N_("Visit recorded"),
    EventKind.FOLLOW_UP: N_("Follow-up call"),
    EventKind.COMPLAINT_LINKED: N_("Complaint received"),
    EventKind.CUSTOMER_MESSAGED: N_("Message to the customer"),
    EventKind.MONEY: N_("Money"),
    EventKind.QUOTATION_ISSUED: N_("Quotation issued"),
    EventKind.QUOTATION_APPROVED: N_("Quotation approved"),
    EventKind.APPROVAL_OVERRIDDEN: N_("Approval overridden by a manager"),
    EventKind.QUOTATION_DECLINED: N_("Quotation declined"),
    EventKind.APPROVAL_STALE: N_("Quotation changed, approval needed"),
}
# Events that record a look at a job, not a change: they leave its version and its last-event
# time alone (no other counter's view goes stale, the job does not count as having news). A
# message to the customer is one: it tells them about the job, it changes nothing of it (a
# hand-back being typed at another counter is not refused because someone sent a reminder).
LOOK_EVENTS = frozenset({EventKind.PHONE_REVEALED, EventKind.CUSTOMER_MESSAGED})

# What a manager's correction may change on a closed job (a job column), and its name.
CORRECTABLE: dict[str, str] = {
    "satisfaction_score": N_("satisfaction score"),
    "satisfaction_comment": N_("satisfaction comment"),
    "payment_method": N_("payment method"),
    "amount_paid_cents": N_("amount paid"),
    "accessories_returned": N_("accessories returned"),
    "work_done": N_("work done"),
    "diagnosis": N_("diagnosis"),
}


# --- the staff's own record ----------------------------------------------------------------------


class StaffEventKind(StrEnum):
    """What an entry of the staff record says (staff_events.kind): sign-ins and their failures,
    and every change a manager makes to the people who may use the counter."""

    SHOP_SET_UP = "shop_set_up"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    LOCKED_OUT = "locked_out"
    SIGNED_OUT = "signed_out"
    PASSWORD_SET = "password_set"  # the user chose a password (first one, or a change)
    USER_ADDED = "user_added"
    ROLE_CHANGED = "role_changed"
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    PASSWORD_RESET = "password_reset"  # a manager set a temporary one: change at next sign-in
    # The job list exported with the full phone numbers (domain/list_export.py): how many, which
    # query, in what format. A masked export is not recorded (it shows what the screen shows).
    PHONES_EXPORTED = "phones_exported"


STAFF_EVENT_LABELS: dict[StaffEventKind, str] = {
    StaffEventKind.SHOP_SET_UP: N_("Shop set up"),
    StaffEventKind.SIGNED_IN: N_("Signed in"),
    StaffEventKind.SIGN_IN_FAILED: N_("Sign-in failed"),
    StaffEventKind.LOCKED_OUT: N_("Locked out"),
    StaffEventKind.SIGNED_OUT: N_("Signed out"),
    StaffEventKind.PASSWORD_SET: N_("Password changed"),
    StaffEventKind.USER_ADDED: N_("User added"),
    StaffEventKind.ROLE_CHANGED: N_("Role changed"),
    StaffEventKind.USER_DISABLED: N_("User disabled"),
    StaffEventKind.USER_ENABLED: N_("User enabled again"),
    StaffEventKind.PASSWORD_RESET: N_("Password reset"),
    StaffEventKind.PHONES_EXPORTED: N_("Job list exported with full phone numbers"),
}


# --- people and what they may do -----------------------------------------------------------------


class Role(StrEnum):
    CLERK = "clerk"
    TECHNICIAN = "technician"
    MANAGER = "manager"


ROLE_LABELS: dict[Role, str] = {
    Role.CLERK: N_("clerk"),
    Role.TECHNICIAN: N_("technician"),
    Role.MANAGER: N_("manager"),
}


class Action(StrEnum):
    """A permission; its value is the phrase a refusal reads ("a clerk may not …")."""

    CHECK_IN = N_("check in a product")
    OVERRIDE_DOCUMENTS = N_("make a claim with missing documents free")
    CHECK_IN_SERIAL_IN_SHOP = N_("check in a serial that is still in the shop")
    RECORD_RESPONSE = N_("record the first response")
    DIAGNOSE = N_("change the repair status")
    MARK_NOT_QUALITY = N_("mark a fault as not a quality problem")
    EDIT_LINES = N_("add or remove parts and labour")
    CANCEL = N_("cancel a job")
    HAND_BACK = N_("hand a product back")
    RECORD_SATISFACTION = N_("record customer satisfaction")
    ASSIGN = N_("assign a technician")
    INSPECT_RETURN = N_("decide a return or exchange")
    MANAGE_SHOP = N_("change the shop settings")
    CORRECT = N_("correct a closed job")
    REVEAL_PHONE = N_("see a customer's full phone number")
    LIST_FULL_PHONES = N_("list customers' full phone numbers")
    MANAGE_USERS = N_("add users or change their role, password or access")
    # Issue 13: complaints, compensation, consultations, on-site visits, follow-up.
    RECORD_COMPLAINT = N_("record or handle a complaint")
    REOPEN_COMPLAINT = N_("reopen a complaint")
    DECIDE_COMPENSATION = N_("approve, change or decline compensation")
    RECORD_CONSULTATION = N_("record a consultation or a callback")
    SCHEDULE_VISIT = N_("set an on-site appointment")
    RECORD_VISIT = N_("record an on-site visit")
    FOLLOW_UP = N_("record a satisfaction follow-up call")
    # Issue 14: the periodic evaluation.
    VIEW_EVALUATION = N_("see or export the service evaluation")
    # Issue 15: backups of the whole database, and putting one back.
    BACK_UP = N_("back up or restore the database")
    # Issue 16: the day's takings and the cash drawer's count.
    VIEW_TAKINGS = N_("see the day's takings")
    VIEW_ALL_TAKINGS = N_("see other people's takings")
    COUNT_DRAWER = N_("count the cash drawer")
    # Issue 16: the parts catalogue, and charging a catalogue part at another price.
    MANAGE_PARTS = N_("add or change parts in the parts catalogue")
    CHANGE_PART_PRICE = N_("charge a catalogue part at another price than the catalogue's")
    # Issue 16: a message to the customer copied or sent, and the list of devices not collected.
    MESSAGE_CUSTOMER = N_("message a customer")
    # Issue 16: money at the counter.
    TAKE_PAYMENT = N_("take a deposit or a payment")
    REFUND_PAYMENT = N_("give money back to a customer")
    # Issue 16: a paid job's quotation and the customer's approval.
    WRITE_QUOTATION = N_("write a quotation")
    RECORD_APPROVAL = N_("record a customer's approval or refusal of a quotation")
    OVERRIDE_APPROVAL = N_("start paid work without the customer's approval")


class JobAction(StrEnum):
    """An action on a job; its value is the name a refusal quotes ("“cancel” is not possible")."""

    RECORD_RESPONSE = N_("record first response")
    ASSIGN = N_("assign technician")
    START_DIAGNOSIS = N_("start diagnosis")
    RECORD_DIAGNOSIS = N_("record diagnosis")
    NOT_QUALITY_PROBLEM = N_("not a quality problem")
    WAIT_FOR_PARTS = N_("wait for parts")
    START_REPAIR = N_("repairing")
    ADD_PART = N_("add part")
    ADD_LABOUR = N_("add labour")
    REMOVE_LINE = N_("remove line")
    MARK_READY = N_("ready for pickup")
    CANNOT_REPAIR = N_("cannot be repaired")
    CANCEL = N_("cancel")
    HAND_BACK = N_("hand back")
    START_INSPECTION = N_("start inspection")
    APPROVE_REFUND = N_("approve refund")
    APPROVE_EXCHANGE = N_("approve exchange")
    REFUSE_RETURN = N_("refuse return/exchange")
    RECORD_SATISFACTION = N_("record satisfaction")
    CORRECTION = N_("record correction")
    # On-site service (issue 13).
    SCHEDULE_VISIT = N_("set appointment")
    RECORD_VISIT = N_("record visit")
    # Money (issue 16).
    TAKE_DEPOSIT = N_("take deposit")
    REFUND_PAYMENT = N_("refund payment")
    # A paid job's quotation (issue 16).
    WRITE_QUOTATION = N_("write quotation")
    APPROVE_QUOTATION = N_("record approval")
    OVERRIDE_APPROVAL = N_("override approval")
    DECLINE_QUOTATION = N_("quotation declined")


# The button that starts each action (an ellipsis: it asks for more before doing anything).
JOB_ACTION_BUTTONS: dict[JobAction, str] = {
    JobAction.RECORD_RESPONSE: N_("Record first response…"),
    JobAction.ASSIGN: N_("Assign technician…"),
    JobAction.START_DIAGNOSIS: N_("Start diagnosis"),
    JobAction.RECORD_DIAGNOSIS: N_("Record diagnosis…"),
    JobAction.NOT_QUALITY_PROBLEM: N_("Not a quality problem…"),
    JobAction.WAIT_FOR_PARTS: N_("Wait for parts…"),
    JobAction.START_REPAIR: N_("Repairing"),
    JobAction.ADD_PART: N_("Add part…"),
    JobAction.ADD_LABOUR: N_("Add labour…"),
    JobAction.REMOVE_LINE: N_("Remove part/labour…"),
    JobAction.MARK_READY: N_("Ready for pickup…"),
    JobAction.CANNOT_REPAIR: N_("Cannot be repaired…"),
    JobAction.CANCEL: N_("Cancel job…"),
    JobAction.HAND_BACK: N_("Hand back…"),
    JobAction.START_INSPECTION: N_("Start inspection"),
    JobAction.APPROVE_REFUND: N_("Approve refund…"),
    JobAction.APPROVE_EXCHANGE: N_("Approve exchange…"),
    JobAction.REFUSE_RETURN: N_("Refuse return/exchange…"),
    JobAction.RECORD_SATISFACTION: N_("Record satisfaction…"),
    JobAction.CORRECTION: N_("Record correction…"),
    JobAction.SCHEDULE_VISIT: N_("Set appointment…"),
    JobAction.RECORD_VISIT: N_("Record visit…"),
    JobAction.TAKE_DEPOSIT: N_("Take deposit…"),
    JobAction.REFUND_PAYMENT: N_("Refund…"),
    JobAction.WRITE_QUOTATION: N_("Write quotation…"),
    JobAction.APPROVE_QUOTATION: N_("Record approval…"),
    JobAction.OVERRIDE_APPROVAL: N_("Override approval…"),
    JobAction.DECLINE_QUOTATION: N_("Quotation declined…"),
}


# --- a paid job's quotation (issue 16) ----------------------------------------------------------


class ApprovalMethod(StrEnum):
    """How the customer's approval of a quotation came (quotations.approved_via)."""

    PHONE = "phone"
    SIGNATURE = "signature"  # the signed printed quotation came back
    OVERRIDE = "override"  # a manager let the work start without it, with a reason


APPROVAL_METHOD_LABELS: dict[ApprovalMethod, str] = {
    ApprovalMethod.PHONE: N_("by phone"),
    ApprovalMethod.SIGNATURE: N_("signed quotation returned"),
    ApprovalMethod.OVERRIDE: N_("manager's override"),
}


class QuoteState(StrEnum):
    """Where a paid job's latest quotation stands (domain/quotation.py `quote_state`)."""

    NOT_WRITTEN = "not_written"
    PENDING = "pending"
    APPROVED = "approved"
    CHANGED = "changed"  # the parts and labour or the total differ from the quoted ones
    EXPIRED = "expired"
    DECLINED = "declined"


QUOTE_STATE_LABELS: dict[QuoteState, str] = {
    QuoteState.NOT_WRITTEN: N_("no quotation yet"),
    QuoteState.PENDING: N_("awaiting the customer's approval"),
    QuoteState.APPROVED: N_("approved"),
    QuoteState.CHANGED: N_("quotation changed, approval needed"),
    QuoteState.EXPIRED: N_("quotation expired: write a new one"),
    QuoteState.DECLINED: N_("declined by the customer"),
}


# --- complaints (issue 13) -----------------------------------------------------------------------


class ComplaintChannel(StrEnum):
    COUNTER = "counter"
    HOTLINE = "hotline"
    ONLINE = "online"  # online chat, WeChat
    LETTER = "letter"
    FOLLOW_UP = "follow_up"  # a low score in a satisfaction follow-up call (a draft first)


COMPLAINT_CHANNEL_LABELS: dict[ComplaintChannel, str] = {
    ComplaintChannel.COUNTER: N_("At the counter"),
    ComplaintChannel.HOTLINE: N_("Hotline"),
    ComplaintChannel.ONLINE: N_("Online / WeChat"),
    ComplaintChannel.LETTER: N_("Letter"),
    ComplaintChannel.FOLLOW_UP: N_("Follow-up call"),
}


class ComplaintCategory(StrEnum):
    DELAY = "delay"
    REPAIR_QUALITY = "repair_quality"
    ATTITUDE = "attitude"
    PRICE = "price"
    OTHER = "other"


COMPLAINT_CATEGORY_LABELS: dict[ComplaintCategory, str] = {
    ComplaintCategory.DELAY: N_("Delay"),
    ComplaintCategory.REPAIR_QUALITY: N_("Repair quality"),
    ComplaintCategory.ATTITUDE: N_("Service attitude"),
    ComplaintCategory.PRICE: N_("Price"),
    ComplaintCategory.OTHER: N_("Other complaint"),
}


class ComplaintState(StrEnum):
    """received → acknowledged → investigating → resolved → closed; a draft (from a low
    follow-up score) becomes received when a manager registers it, or is dismissed."""

    DRAFT = "draft"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    CLOSED = "closed"
    DISMISSED = "dismissed"


COMPLAINT_STATE_LABELS: dict[ComplaintState, str] = {
    ComplaintState.DRAFT: N_("draft (awaiting the manager)"),
    ComplaintState.RECEIVED: N_("complaint received"),
    ComplaintState.ACKNOWLEDGED: N_("acknowledged"),
    ComplaintState.INVESTIGATING: N_("investigating"),
    ComplaintState.RESOLVED: N_("resolved"),
    ComplaintState.CLOSED: N_("closed"),
    ComplaintState.DISMISSED: N_("dismissed"),
}


class ComplaintEventKind(StrEnum):
    """What an entry of a complaint's own record says (complaint_events.kind)."""

    DRAFTED = "drafted"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    INVESTIGATING = "investigating"
    RESOLVED = "resolved"
    CLOSED = "closed"
    REOPENED = "reopened"
    DISMISSED = "dismissed"
    NOTE = "note"


COMPLAINT_EVENT_LABELS: dict[ComplaintEventKind, str] = {
    ComplaintEventKind.DRAFTED: N_("Complaint drafted"),
    ComplaintEventKind.RECEIVED: N_("Complaint registered"),
    ComplaintEventKind.ACKNOWLEDGED: N_("Customer called back"),
    ComplaintEventKind.INVESTIGATING: N_("Investigation started"),
    ComplaintEventKind.RESOLVED: N_("Complaint resolved"),
    ComplaintEventKind.CLOSED: N_("Complaint closed"),
    ComplaintEventKind.REOPENED: N_("Complaint reopened"),
    ComplaintEventKind.DISMISSED: N_("Draft dismissed"),
    ComplaintEventKind.NOTE: N_("Note"),
}


class ComplaintClosing(StrEnum):
    ACCEPTED = "accepted"  # the customer accepted the resolution
    ESCALATED = "escalated"  # the customer did not: escalated to the manager


COMPLAINT_CLOSING_LABELS: dict[ComplaintClosing, str] = {
    ComplaintClosing.ACCEPTED: N_("Customer accepted"),
    ComplaintClosing.ESCALATED: N_("Escalated to the manager"),
}


# --- compensation (issue 13) ---------------------------------------------------------------------


class MissedPromise(StrEnum):
    """A promise of the agreement the shop did not keep: computed from the records, never typed."""

    RESPONSE_LATE = "response_late"  # first response later than 24 hours after check-in
    REPAIR_LATE = "repair_late"  # handed back ready later than the 5th working day (per day)
    REPEAT_FAILURE = "repeat_failure"  # the same fault back within the repair's own warranty
    SHOP_AT_FAULT = "shop_at_fault"  # a complaint found to be the shop's fault


MISSED_PROMISE_LABELS: dict[MissedPromise, str] = {
    MissedPromise.RESPONSE_LATE: N_("No response within 24 hours"),
    MissedPromise.REPAIR_LATE: N_("Repair late, per working day beyond the 5"),
    MissedPromise.REPEAT_FAILURE: N_("Same fault again"),
    MissedPromise.SHOP_AT_FAULT: N_("Complaint: the shop at fault"),
}


class OfferKind(StrEnum):
    WAIVE_LABOUR = "waive_labour"
    DISCOUNT = "discount"  # an amount off this job's bill
    VOUCHER = "voucher"  # an amount to spend later
    WARRANTY_EXTENSION = "warranty_extension"  # months added to the job's warranty end
    LOAN_DEVICE = "loan_device"


OFFER_LABELS: dict[OfferKind, str] = {
    OfferKind.WAIVE_LABOUR: N_("Labour waived"),
    OfferKind.DISCOUNT: N_("Discount"),
    OfferKind.VOUCHER: N_("Voucher"),
    OfferKind.WARRANTY_EXTENSION: N_("Warranty extension"),
    OfferKind.LOAN_DEVICE: N_("Loan device"),
}


class CompensationState(StrEnum):
    PROPOSED = "proposed"  # the policy's offer, awaiting a manager
    APPROVED = "approved"
    CHANGED = "changed"  # approved with other offers, with a reason
    DECLINED = "declined"  # with a reason


COMPENSATION_STATE_LABELS: dict[CompensationState, str] = {
    CompensationState.PROPOSED: N_("proposed, awaiting a manager"),
    CompensationState.APPROVED: N_("approved"),
    CompensationState.CHANGED: N_("approved with changes"),
    CompensationState.DECLINED: N_("declined"),
}


# --- consultations, on-site visits, follow-up (issue 13) ------------------------------------------


class ConsultationChannel(StrEnum):
    HOTLINE = "hotline"
    ONLINE = "online"
    IN_PERSON = "in_person"


CONSULTATION_CHANNEL_LABELS: dict[ConsultationChannel, str] = {
    ConsultationChannel.HOTLINE: N_("Hotline"),
    ConsultationChannel.ONLINE: N_("Online / WeChat"),
    ConsultationChannel.IN_PERSON: N_("In person"),
}


class ConsultationState(StrEnum):
    ANSWERED = "answered"  # answered on the first contact
    CALLBACK_DUE = "callback_due"  # not answered: a callback is promised within 24 hours
    CALLED_BACK = "called_back"
    CONVERTED = "converted"  # became a check-in or an on-site visit (the job is linked)


CONSULTATION_STATE_LABELS: dict[ConsultationState, str] = {
    ConsultationState.ANSWERED: N_("answered"),
    ConsultationState.CALLBACK_DUE: N_("callback promised"),
    ConsultationState.CALLED_BACK: N_("called back"),
    ConsultationState.CONVERTED: N_("became a service job"),
}


class VisitResult(StrEnum):
    FIXED = "fixed"
    NEEDS_PARTS = "needs_parts"  # another visit with parts
    TAKEN_TO_SHOP = "taken_to_shop"
    CUSTOMER_ABSENT = "customer_absent"
    OTHER = "other"


VISIT_RESULT_LABELS: dict[VisitResult, str] = {
    VisitResult.FIXED: N_("Fixed on site"),
    VisitResult.NEEDS_PARTS: N_("Another visit needed"),
    VisitResult.TAKEN_TO_SHOP: N_("Taken to the shop"),
    VisitResult.CUSTOMER_ABSENT: N_("Customer not at home"),
    VisitResult.OTHER: N_("Other result"),
}


# --- paper and calendar ---------------------------------------------------------------------------


class Paper(StrEnum):
    A4 = "a4"
    ROLL_80MM = "80mm"


PAPER_LABELS: dict[Paper, str] = {
    Paper.A4: N_("A4"),
    Paper.ROLL_80MM: N_("80 mm receipt printer"),
}
PAPERS: tuple[str, ...] = tuple(Paper)

# Monday first, as date.weekday() counts.
WEEKDAYS: tuple[str, ...] = (
    N_("Mon"),
    N_("Tue"),
    N_("Wed"),
    N_("Thu"),
    N_("Fri"),
    N_("Sat"),
    N_("Sun"),
)


def day_with_weekday(day: date, translate: Translator = no_translation) -> str:
    """2026-12-04 (Fri) in English, 2026-12-04（周五） in Chinese: the day a customer plans by."""
    return translate(N_("{day} ({weekday})")).format(
        day=day.isoformat(), weekday=translate(WEEKDAYS[day.weekday()])
    )


# --- looking a label up ---------------------------------------------------------------------------

Word = (
    Status
    | ServiceKind
    | Coverage
    | Category
    | Outcome
    | LineKind
    | PaymentMethod
    | EventKind
    | StaffEventKind
    | Role
    | Action
    | JobAction
    | Paper
    | ComplaintChannel
    | ComplaintCategory
    | ComplaintState
    | ComplaintEventKind
    | ComplaintClosing
    | MissedPromise
    | OfferKind
    | CompensationState
    | ConsultationChannel
    | ConsultationState
    | VisitResult
    | ApprovalMethod
    | QuoteState
)

_TABLES: dict[type, dict] = {
    Status: STATUS_LABELS,
    ServiceKind: SERVICE_LABELS,
    Coverage: COVERAGE_LABELS,
    Category: CATEGORY_LABELS,
    Outcome: OUTCOME_LABELS,
    LineKind: LINE_KIND_LABELS,
    PaymentMethod: PAYMENT_LABELS,
    EventKind: EVENT_LABELS,
    StaffEventKind: STAFF_EVENT_LABELS,
    Role: ROLE_LABELS,
    Paper: PAPER_LABELS,
    ComplaintChannel: COMPLAINT_CHANNEL_LABELS,
    ComplaintCategory: COMPLAINT_CATEGORY_LABELS,
    ComplaintState: COMPLAINT_STATE_LABELS,
    ComplaintEventKind: COMPLAINT_EVENT_LABELS,
    ComplaintClosing: COMPLAINT_CLOSING_LABELS,
    MissedPromise: MISSED_PROMISE_LABELS,
    OfferKind: OFFER_LABELS,
    CompensationState: COMPENSATION_STATE_LABELS,
    ConsultationChannel: CONSULTATION_CHANNEL_LABELS,
    ConsultationState: CONSULTATION_STATE_LABELS,
    VisitResult: VISIT_RESULT_LABELS,
    ApprovalMethod: APPROVAL_METHOD_LABELS,
    QuoteState: QUOTE_STATE_LABELS,
}


def label(word: Word) -> str:
    """The English label of a key (marked for translation where it is declared above).

    Permissions and job actions are their own phrases; every other key has a label that may
    differ from it, so a key is never shown by mistake.
    """
    if isinstance(word, Action | JobAction):
        return word.value
    return _TABLES[type(word)][word]


def label_of(kind: type[Word], key: str) -> str:
    """The label of a key read back from storage, or the key itself when it is not one of ours
    (a value written by a newer version, or typed into the database by hand)."""
    try:
        return label(kind(key))
    except ValueError:
        return key


def translated(translate: Translator) -> Callable[[Word], str]:
    """`label`, in the language of `translate`."""
    return lambda word: translate(label(word))


# The account the first migration creates is named "店长": not a name anyone typed but the
# role's word, in one language. It is shown in the reader's language ("Shop manager" in English);
# every other name is a person's name and is shown as typed.
SEEDED_MANAGER_NAME = "店长"
SEEDED_MANAGER_LABEL = N_("Shop manager")


def person_name(name: str, translate: Translator = no_translation) -> str:
    """A user's display name as the reader should see it."""
    return translate(SEEDED_MANAGER_LABEL) if name == SEEDED_MANAGER_NAME else name
