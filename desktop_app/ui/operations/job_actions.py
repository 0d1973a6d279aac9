"""Every action on a job, one small unit each: the typed form, the fields it asks for, the call.

Each unit is a function registered for its `JobAction` in `OPERATIONS`. Given what the job view
shows (`ActionContext`), it returns a `Step`: the dialog's title and fields, the frozen form the
fields fill (field names are the form's attribute names), the service call that form makes, and
an optional check the dialog runs before saving (the same domain rule the service applies).

Every call passes the job's version from the snapshot on screen, so an action on a job another
counter changed meanwhile is refused ("changed at another counter by NAME at TIME") and nothing
is written.

Adding an action: add it to `JobAction` (and its permission) in `domain/actions.py`, its button
label in `ui/labels.py`, then one `@operation(...)` function here. Nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.actions import JobAction
from desktop_app.domain.compensation import (
    Decision,
    HandBackPreview,
    amount_due,
    decision_problems,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import (
    HandBackForm,
    split_accessories,
    validate_hand_back,
)
from desktop_app.domain.limits import (
    LINE_DESCRIPTION,
    LONG_TEXT,
    PART_MODEL,
    REPLACEMENT_MODEL,
    REPLACEMENT_SERIAL,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.parts import PartSnapshot
from desktop_app.domain.payments import (
    Tender,
    deposit_methods,
    deposit_problems,
    parse_amount,
    refund_problems,
    settle,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, Role, may
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot, UserSnapshot
from desktop_app.domain.visits import VisitForm
from desktop_app.domain.vocabulary import CORRECTABLE, PaymentMethod, VisitResult
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind
from desktop_app.ui.labels import correction_field_label, label, payment_label, person_label
from desktop_app.ui.operations.compensation_fields import (
    decision_fields,
    decision_from,
    summary_fields,
)
from desktop_app.ui.operations.identification_fields import (
    WrongTries,
    identification_fields,
    identified_check,
)

F = TypeVar("F")

Call = Callable[[Services, Any], JobSnapshot]


@dataclass(frozen=True)
class ActionContext:
    """What the job view knows when a button is pressed (staff: read fresh for the actions
    registered with `staff=True`)."""

    job: JobSnapshot
    user: Actor
    technicians: tuple[UserSnapshot, ...] = ()
    # What a hand-back saved now would find missed and propose (read fresh for NEEDS_PREVIEW).
    compensation: HandBackPreview | None = None
    # Add part: the catalogue part picked first (None: a part typed as it is).
    part: PartSnapshot | None = None


@dataclass(frozen=True)
class Step(Generic[F]):
    """What one action asks for and what it does with the answer."""

    title: str
    fields: Sequence[Field]
    form: type[F]
    call: Callable[[Services, F], JobSnapshot]
    validate: Callable[[F], None] | None = None

    def read(self, values: dict[str, Any]) -> F:
        """The typed form from the dialog's values (information-only fields carry none)."""
        given = {f.name: values[f.name] for f in fields(self.form) if f.name in values}  # type: ignore[arg-type]
        return self.form(**given)


# --- the typed forms ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NoInput:
    """One-click actions: nothing to ask."""


@dataclass(frozen=True)
class NoteForm:
    note: str


@dataclass(frozen=True)
class ReasonForm:
    reason: str


@dataclass(frozen=True)
class DiagnosisForm:
    diagnosis: str


@dataclass(frozen=True)
class AssignForm:
    technician: int | None


@dataclass(frozen=True)
class LineForm:
    description: str
    quantity: int
    unit_price: int  # cents
    part_model: str = ""


@dataclass(frozen=True)
class PartForm(LineForm):
    """A part names the model it is for (the agreement: same-model parts)."""


@dataclass(frozen=True)
class CataloguePartForm:
    """A catalogue part's line: its price is the catalogue's unless the role may change it
    (then `unit_price` is typed); a part not listed for the product's model gives a reason."""

    description: str
    quantity: int
    part_model: str = ""
    unit_price: int | None = None  # cents; None: the catalogue's
    model_reason: str = ""


@dataclass(frozen=True)
class RemoveLineForm:
    line: int
    reason: str


@dataclass(frozen=True)
class ReadyForm:
    work_done: str
    note: str


@dataclass(frozen=True)
class RefundForm:
    refund: int  # cents
    note: str


@dataclass(frozen=True)
class ExchangeForm:
    replacement_model: str
    replacement_serial: str
    note: str


@dataclass(frozen=True)
class SatisfactionForm:
    score: int
    comment: str


@dataclass(frozen=True)
class CorrectionForm:
    field: str
    value: str
    reason: str


@dataclass(frozen=True)
class HandBackValues:
    """The hand-back dialog's values; `hand_back_form()` turns them into the domain's form."""

    accessories: tuple[str, ...]
    satisfaction: int
    comment: str
    note: str
    # The payment split across methods, as typed (issue 16): one amount per method, and for
    # cash what was handed over.
    amount_cash: str = ""
    tendered_cash: str = ""
    amount_wechat: str = ""
    amount_alipay: str = ""
    amount_card: str = ""
    amount_other: str = ""
    # A manager's decision on the proposed compensation (compensation_fields.decision_fields).
    decision: str = ""
    reason: str = ""
    offer_waive_labour: tuple[str, ...] = ()
    offer_discount: int = 0
    offer_voucher: int = 0
    offer_warranty_extension: int = 0
    offer_loan_device: tuple[str, ...] = ()
    # Who takes it back (identification_fields.py).
    scanned_number: str = ""
    phone_last_four: str = ""
    identity_note: str = ""

    def hand_back_form(self) -> HandBackForm:
        return HandBackForm(
            accessories_returned=tuple(self.accessories),
            payment_method="",
            amount_paid_cents=0,
            tenders=self.tenders(),
            satisfaction_score=int(self.satisfaction) if self.satisfaction else None,
            satisfaction_comment=self.comment,
            note=self.note,
            compensation=decision_from(vars(self)),
            scanned_number=self.scanned_number,
            phone_last_four=self.phone_last_four,
            identity_note=self.identity_note,
        )

    def tenders(self) -> tuple[Tender, ...]:
        """The parts typed, read exactly (a method left empty is not used); InvalidInput names
        every amount that is not one."""
        return typed_tenders(vars(self))


def typed_tenders(values: dict[str, Any]) -> tuple[Tender, ...]:
    """One part per method with an amount typed (`amount_<method>`, cash's `tendered_cash`)."""
    tenders: list[Tender] = []
    problems = []
    for method in PaymentMethod:
        typed = str(values.get(f"amount_{method.value}") or "").strip()
        if not typed:
            continue
        try:
            amount = parse_amount(typed, f"amount_{method.value}")
            tendered = None
            if method is PaymentMethod.CASH and str(values.get("tendered_cash") or "").strip():
                tendered = parse_amount(str(values["tendered_cash"]), "tendered_cash")
        except InvalidInput as error:
            problems += error.problems
            continue
        tenders.append(Tender(method, amount, tendered))
    if problems:
        raise InvalidInput(problems)
    return tuple(tenders)


# --- the registry -------------------------------------------------------------------------------

Operation = Callable[[ActionContext], Step[Any]]
OPERATIONS: dict[JobAction, Operation] = {}

# After these the customer takes the return receipt home.
RETURN_RECEIPT_AFTER = frozenset(
    {JobAction.HAND_BACK, JobAction.APPROVE_REFUND, JobAction.APPROVE_EXCHANGE}
)


# Actions whose form offers the staff to choose from: the controller reads them fresh first.
NEEDS_STAFF: set[JobAction] = set()
# Actions whose form shows the compensation a missed promise earns: read fresh first.
NEEDS_PREVIEW: set[JobAction] = {JobAction.HAND_BACK}


def operation(action: JobAction, *, staff: bool = False) -> Callable[[Operation], Operation]:
    def register(function: Operation) -> Operation:
        if action in OPERATIONS:
            raise ValueError(f"{action} has two operations")
        OPERATIONS[action] = function
        if staff:
            NEEDS_STAFF.add(action)
        return function

    return register


def step_for(action: JobAction, context: ActionContext) -> Step[Any]:
    return OPERATIONS[action](context)


def _text(
    name: str, label: str, *, required: bool = True, default: str = "", limit: int = LONG_TEXT
) -> Field:
    return Field(name, label, FieldKind.TEXT, required=required, default=default, max_length=limit)


def _lines(name: str, label: str, *, required: bool = True, default: str = "") -> Field:
    return Field(name, label, FieldKind.MULTILINE, required=required, default=default)


def _info(text: str) -> Field:
    return Field("info", "", FieldKind.INFO, default=text)


# --- the actions ---------------------------------------------------------------------------------


@operation(JobAction.RECORD_RESPONSE)
def record_response(c: ActionContext) -> Step[NoteForm]:
    label = QCoreApplication.translate(
        "JobController", "How the customer was contacted, what was offered"
    )
    return Step(
        QCoreApplication.translate("JobController", "First response"),
        [_lines("note", label)],
        NoteForm,
        lambda s, f: s.jobs.record_first_response(c.job.id, c.user, f.note, c.job.version),
    )


@operation(JobAction.ASSIGN, staff=True)
def assign(c: ActionContext) -> Step[AssignForm]:
    choices = [(QCoreApplication.translate("JobController", "Unassigned"), None)]
    choices += [
        (person_label(u.display_name), u.id)
        for u in c.technicians
        if u.role in (Role.TECHNICIAN, Role.MANAGER) and u.active
    ]
    default = c.job.technician_id or (c.user.id if c.user.role is Role.TECHNICIAN else None)
    label = QCoreApplication.translate("JobController", "Technician")
    return Step(
        QCoreApplication.translate("JobController", "Assign technician"),
        [Field("technician", label, FieldKind.CHOICE, choices=choices, default=default)],
        AssignForm,
        lambda s, f: s.jobs.assign(c.job.id, f.technician, c.user, c.job.version),
    )


@operation(JobAction.START_DIAGNOSIS)
def start_diagnosis(c: ActionContext) -> Step[NoInput]:
    return Step(
        QCoreApplication.translate("JobController", "Start diagnosis"),
        [],
        NoInput,
        lambda s, _f: s.jobs.change_status(c.job.id, Status.DIAGNOSING, c.user, "", c.job.version),
    )


@operation(JobAction.START_INSPECTION)
def start_inspection(c: ActionContext) -> Step[NoInput]:
    return Step(
        QCoreApplication.translate("JobController", "Start inspection"),
        [],
        NoInput,
        lambda s, _f: s.handback.start_inspection(c.job.id, c.user, "", c.job.version),
    )


@operation(JobAction.RECORD_DIAGNOSIS)
def record_diagnosis(c: ActionContext) -> Step[DiagnosisForm]:
    label = QCoreApplication.translate("JobController", "Diagnosis")
    return Step(
        label,
        [_lines("diagnosis", label, default=c.job.diagnosis)],
        DiagnosisForm,
        lambda s, f: s.jobs.record_diagnosis(c.job.id, c.user, f.diagnosis, c.job.version),
    )


@operation(JobAction.NOT_QUALITY_PROBLEM)
def not_quality_problem(c: ActionContext) -> Step[ReasonForm]:
    label = QCoreApplication.translate(
        "JobController", "What caused the fault (misuse, liquid, drop…)"
    )
    warning = QCoreApplication.translate(
        "JobController", "The job becomes a paid repair: quote the customer before repairing."
    )
    return Step(
        QCoreApplication.translate("JobController", "Not a quality problem"),
        [_lines("reason", label), _info(warning)],
        ReasonForm,
        lambda s, f: s.jobs.mark_not_quality_problem(c.job.id, c.user, f.reason, c.job.version),
    )


@operation(JobAction.WAIT_FOR_PARTS)
def wait_for_parts(c: ActionContext) -> Step[NoteForm]:
    label = QCoreApplication.translate("JobController", "Which part, from where")
    return Step(
        QCoreApplication.translate("JobController", "Wait for parts"),
        [_lines("note", label)],
        NoteForm,
        lambda s, f: s.jobs.change_status(
            c.job.id, Status.WAITING_FOR_PARTS, c.user, f.note, c.job.version
        ),
    )


@operation(JobAction.START_REPAIR)
def start_repair(c: ActionContext) -> Step[NoInput]:
    return Step(
        QCoreApplication.translate("JobController", "Repairing"),
        [],
        NoInput,
        lambda s, _f: s.jobs.change_status(c.job.id, Status.REPAIRING, c.user, "", c.job.version),
    )


def _line_fields(c: ActionContext, *, part: bool) -> list[Field]:
    description = QCoreApplication.translate("JobController", "Description")
    result = [_text("description", description, limit=LINE_DESCRIPTION)]
    if part:  # warranty repairs use parts of the same model (the agreement's words)
        label = QCoreApplication.translate("JobController", "Part for model")
        model = c.job.product.description[:PART_MODEL]
        result.append(_text("part_model", label, required=False, default=model, limit=PART_MODEL))
    result += [
        Field(
            "quantity",
            QCoreApplication.translate("JobController", "Quantity"),
            FieldKind.NUMBER,
            default=1,
            minimum=1,
            maximum=999,
        ),
        Field(
            "unit_price",
            QCoreApplication.translate("JobController", "Unit price"),
            FieldKind.MONEY,
            maximum=1_000_000,
        ),
    ]
    if c.job.coverage is not Coverage.PAID:
        result.append(
            _info(
                QCoreApplication.translate(
                    "JobController", "Free under warranty: the customer pays 0."
                )
            )
        )
    return result


def _add_line(c: ActionContext, kind: str) -> Callable[[Services, LineForm], JobSnapshot]:
    def call(s: Services, f: LineForm) -> JobSnapshot:
        return s.jobs.add_line(
            c.job.id,
            c.user,
            kind=kind,
            description=f.description,
            quantity=f.quantity,
            unit_price_cents=f.unit_price,
            part_model=f.part_model,
            expected_version=c.job.version,
        )

    return call


@operation(JobAction.ADD_PART)
def add_part(c: ActionContext) -> Step[Any]:
    title = QCoreApplication.translate("JobController", "Add part")
    if c.part is not None:
        return _catalogue_part(c, c.part, title)
    return Step(title, _line_fields(c, part=True), PartForm, _add_line(c, "part"))


def _catalogue_part(c: ActionContext, part: PartSnapshot, title: str) -> Step[CataloguePartForm]:
    """The line of a part picked from the catalogue: description and part number filled, the
    catalogue's price (typed only by a role that may change it), a reason when the part is not
    listed for the product's model."""
    about = (
        QCoreApplication.translate("JobController", "Catalogue part %1, %2 in stock")
        .replace("%1", part.part_number)
        .replace("%2", str(part.stock))
    )
    fields: list[Field] = [
        _info(about),
        _text(
            "description",
            QCoreApplication.translate("JobController", "Description"),
            default=part.name[:LINE_DESCRIPTION],
            limit=LINE_DESCRIPTION,
        ),
        _text(
            "part_model",
            QCoreApplication.translate("JobController", "Part number"),
            required=False,
            default=part.part_number[:PART_MODEL],
            limit=PART_MODEL,
        ),
        Field(
            "quantity",
            QCoreApplication.translate("JobController", "Quantity"),
            FieldKind.NUMBER,
            default=1,
            minimum=1,
            maximum=max(1, min(999, part.stock)),
        ),
    ]
    if may(c.user.role, Action.CHANGE_PART_PRICE):
        fields.append(
            Field(
                "unit_price",
                QCoreApplication.translate("JobController", "Unit price"),
                FieldKind.MONEY,
                default=part.unit_price_cents,
                maximum=1_000_000,
            )
        )
    else:
        fields.append(
            Field(
                "price_info",
                QCoreApplication.translate("JobController", "Unit price"),
                FieldKind.INFO,
                default=yuan(part.unit_price_cents),
            )
        )
    if not part.fits(c.job.product.model):
        fields.append(
            _info(
                QCoreApplication.translate(
                    "JobController", "This part is not listed for model %1."
                ).replace("%1", c.job.product.model or "—")
            )
        )
        fields.append(
            _lines(
                "model_reason", QCoreApplication.translate("JobController", "Why this part is used")
            )
        )
    if c.job.coverage is not Coverage.PAID:
        fields.append(
            _info(
                QCoreApplication.translate(
                    "JobController", "Free under warranty: the customer pays 0."
                )
            )
        )

    def call(s: Services, f: CataloguePartForm) -> JobSnapshot:
        return s.jobs.add_line(
            c.job.id,
            c.user,
            kind="part",
            description=f.description,
            quantity=f.quantity,
            unit_price_cents=part.unit_price_cents if f.unit_price is None else f.unit_price,
            part_model=f.part_model,
            part_id=part.id,
            model_reason=f.model_reason,
            expected_version=c.job.version,
        )

    return Step(title, fields, CataloguePartForm, call)


@operation(JobAction.ADD_LABOUR)
def add_labour(c: ActionContext) -> Step[LineForm]:
    title = QCoreApplication.translate("JobController", "Add labour")
    return Step(title, _line_fields(c, part=False), LineForm, _add_line(c, "labour"))


@operation(JobAction.REMOVE_LINE)
def remove_line(c: ActionContext) -> Step[RemoveLineForm]:
    lines = [(f"{x.description} ×{x.quantity}", x.id) for x in c.job.lines if x.active]
    return Step(
        QCoreApplication.translate("JobController", "Remove part/labour"),
        [
            Field(
                "line",
                QCoreApplication.translate("JobController", "Line"),
                FieldKind.CHOICE,
                choices=lines,
            ),
            _text("reason", QCoreApplication.translate("JobController", "Reason")),
        ],
        RemoveLineForm,
        lambda s, f: s.jobs.remove_line(c.job.id, f.line, c.user, f.reason, c.job.version),
    )


@operation(JobAction.MARK_READY)
def mark_ready(c: ActionContext) -> Step[ReadyForm]:
    return Step(
        QCoreApplication.translate("JobController", "Ready for pickup"),
        [
            _lines("work_done", QCoreApplication.translate("JobController", "Work done")),
            _lines("note", QCoreApplication.translate("JobController", "Note"), required=False),
        ],
        ReadyForm,
        lambda s, f: s.jobs.mark_ready(c.job.id, c.user, f.work_done, f.note, c.job.version),
    )


@operation(JobAction.CANNOT_REPAIR)
def cannot_repair(c: ActionContext) -> Step[ReasonForm]:
    return Step(
        QCoreApplication.translate("JobController", "Cannot be repaired"),
        [_lines("reason", QCoreApplication.translate("JobController", "Why"))],
        ReasonForm,
        lambda s, f: s.jobs.cannot_repair(c.job.id, c.user, f.reason, c.job.version),
    )


@operation(JobAction.CANCEL)
def cancel(c: ActionContext) -> Step[NoteForm]:
    return Step(
        QCoreApplication.translate("JobController", "Cancel job"),
        [_lines("note", QCoreApplication.translate("JobController", "Reason"))],
        NoteForm,
        lambda s, f: s.jobs.cancel(c.job.id, c.user, f.note, c.job.version),
    )


@operation(JobAction.APPROVE_REFUND)
def approve_refund(c: ActionContext) -> Step[RefundForm]:
    label = QCoreApplication.translate("JobController", "Refund amount")
    return Step(
        QCoreApplication.translate("JobController", "Approve refund"),
        [
            Field("refund", label, FieldKind.MONEY, maximum=1_000_000),
            _lines("note", QCoreApplication.translate("JobController", "Note"), required=False),
        ],
        RefundForm,
        lambda s, f: s.handback.approve_refund(c.job.id, c.user, f.refund, f.note, c.job.version),
    )


@operation(JobAction.APPROVE_EXCHANGE)
def approve_exchange(c: ActionContext) -> Step[ExchangeForm]:
    model = QCoreApplication.translate("JobController", "Replacement model")
    serial = QCoreApplication.translate("JobController", "Replacement serial / IMEI")
    return Step(
        QCoreApplication.translate("JobController", "Approve exchange"),
        [
            _text(
                "replacement_model",
                model,
                default=c.job.product.description[:REPLACEMENT_MODEL],
                limit=REPLACEMENT_MODEL,
            ),
            _text("replacement_serial", serial, limit=REPLACEMENT_SERIAL),
            _lines("note", QCoreApplication.translate("JobController", "Note"), required=False),
        ],
        ExchangeForm,
        lambda s, f: s.handback.approve_exchange(
            c.job.id,
            c.user,
            f.replacement_model,
            f.replacement_serial,
            f.note,
            c.job.version,
        ),
    )


@operation(JobAction.REFUSE_RETURN)
def refuse_return(c: ActionContext) -> Step[ReasonForm]:
    label = QCoreApplication.translate("JobController", "Why (the product goes to repair)")
    return Step(
        QCoreApplication.translate("JobController", "Refuse return/exchange"),
        [_lines("reason", label)],
        ReasonForm,
        lambda s, f: s.handback.refuse_return(c.job.id, c.user, f.reason, c.job.version),
    )


@operation(JobAction.RECORD_SATISFACTION)
def record_satisfaction(c: ActionContext) -> Step[SatisfactionForm]:
    label = QCoreApplication.translate("JobController", "Score (1–5)")
    return Step(
        QCoreApplication.translate("JobController", "Customer satisfaction"),
        [
            Field("score", label, FieldKind.NUMBER, default=5, minimum=1, maximum=5),
            _text(
                "comment", QCoreApplication.translate("JobController", "Comment"), required=False
            ),
        ],
        SatisfactionForm,
        lambda s, f: s.handback.record_satisfaction(
            c.job.id, c.user, f.score, f.comment, c.job.version
        ),
    )


@operation(JobAction.CORRECTION)
def correction(c: ActionContext) -> Step[CorrectionForm]:
    choices = [(correction_field_label(name), name) for name in CORRECTABLE]
    return Step(
        QCoreApplication.translate("JobController", "Record correction"),
        [
            Field(
                "field",
                QCoreApplication.translate("JobController", "Field"),
                FieldKind.CHOICE,
                choices=choices,
            ),
            _text("value", QCoreApplication.translate("JobController", "Correct value")),
            _text("reason", QCoreApplication.translate("JobController", "Reason")),
        ],
        CorrectionForm,
        lambda s, f: s.handback.record_correction(
            c.job.id, c.user, f.field, f.value, f.reason, c.job.version
        ),
    )


def _hand_back_due(job: JobSnapshot, preview: HandBackPreview | None, form: HandBackForm) -> int:
    """What the hand-back charges once a decision's discount or waived labour is taken off."""
    total = job.amount_due_cents  # a declined quotation: the inspection fee only
    if preview is not None and form.compensation is not None:
        problems = decision_problems(form.compensation)
        if problems:
            raise InvalidInput(problems)
        return amount_due(total, preview.labour_cents, preview.proposed, form.compensation)
    return total


def _hand_back_validation(
    job: JobSnapshot, preview: HandBackPreview | None
) -> Callable[[HandBackValues], None]:
    """The service's rules: a decision's reason and offers, then the payment against what is
    due once the decision's discount or waived labour is taken off and the deposit used."""

    def check(values: HandBackValues) -> None:
        form = values.hand_back_form()
        due = _hand_back_due(job, preview, form)
        validate_hand_back(form, job.accessories_received, due, job.deposit_held_cents)
        settle(job.payments, due, form.payment_tenders())

    return check


def _payment_summary(
    job: JobSnapshot, preview: HandBackPreview | None
) -> Callable[[dict[str, Any]], str]:
    """The live line under the payment: what is left to take, the change for the cash handed
    over, and a deposit larger than the bill going back."""

    def said(values: dict[str, Any]) -> str:
        given = {f.name: values[f.name] for f in fields(HandBackValues) if f.name in values}
        try:
            form = HandBackValues(**given).hand_back_form()
            due = _hand_back_due(job, preview, form)
        except (InvalidInput, TypeError, ValueError):
            return QCoreApplication.translate("JobController", "Some amounts are not amounts yet.")
        held = job.deposit_held_cents
        used = min(held, due)
        to_pay = due - used
        entered = sum(t.amount_cents for t in form.tenders)
        parts = [QCoreApplication.translate("JobController", "To pay now: %s") % yuan(to_pay)]
        if used:
            parts.insert(
                0, QCoreApplication.translate("JobController", "Deposit used: %s") % yuan(used)
            )
        if held > used:
            methods = "、".join(payment_label(m) for m, _c in deposit_methods(job.payments))
            parts.append(
                QCoreApplication.translate("JobController", "Deposit refunded: %1 by %2")
                .replace("%1", yuan(held - used))
                .replace("%2", methods)
            )
        if to_pay:
            parts.append(
                QCoreApplication.translate("JobController", "Still to take: %s")
                % yuan(to_pay - entered)
            )
        change = sum(t.change_cents for t in form.tenders)
        if change:
            parts.append(
                QCoreApplication.translate("JobController", "Change to give: %s") % yuan(change)
            )
        return " · ".join(parts)

    return said


def _payment_fields(
    job: JobSnapshot, preview: HandBackPreview | None, expected: int
) -> list[Field]:
    """One amount per method (empty: not used), cash with what was handed over, and the live
    summary; a deposit held is used first."""
    result: list[Field] = []
    if job.deposit_held_cents:
        result.append(
            _info(
                QCoreApplication.translate("JobController", "Deposit held: %s, used first")
                % yuan(job.deposit_held_cents)
            )
        )
    if expected > job.deposit_held_cents:
        for method in PaymentMethod:
            result.append(
                Field(
                    f"amount_{method.value}",
                    payment_label(method),
                    placeholder="0.00",
                    max_length=16,
                )
            )
            if method is PaymentMethod.CASH:
                result.append(
                    Field(
                        "tendered_cash",
                        QCoreApplication.translate("JobController", "Cash handed over"),
                        placeholder=QCoreApplication.translate(
                            "JobController", "as the cash amount"
                        ),
                        max_length=16,
                    )
                )
    result.append(
        Field(
            "payments",
            QCoreApplication.translate("JobController", "Payment"),
            FieldKind.INFO,
            live=_payment_summary(job, preview),
        )
    )
    return result


@operation(JobAction.HAND_BACK)
def hand_back(c: ActionContext) -> Step[HandBackValues]:
    job = c.job
    total = job.amount_due_cents  # a declined quotation: the inspection fee only
    preview = c.compensation if c.compensation is not None and c.compensation.missed else None
    deciding = preview is not None and may(c.user.role, Action.DECIDE_COMPENSATION)
    free = QCoreApplication.translate("JobController", "free")
    charges = "\n".join(
        f"{line.description} ×{line.quantity}: "
        + (yuan(line.charged_cents) if line.charged_cents else free)
        for line in job.lines
        if line.active
    ) or QCoreApplication.translate("JobController", "No parts or labour recorded.")
    if job.declined_fee_cents is not None:
        charges = (
            QCoreApplication.translate(
                "JobController", "Quotation declined: the product goes back unrepaired."
            )
            + "\n"
            + QCoreApplication.translate("JobController", "Inspection fee: %s") % yuan(total)
        )
    received = split_accessories(job.accessories_received)
    tries = WrongTries()
    result = [
        *identification_fields(),
        Field(
            "accessories",
            QCoreApplication.translate("JobController", "Accessories handed back"),
            FieldKind.CHECKLIST,
            choices=[(item, item) for item in received],
            default=True,
        ),
        Field(
            "charges",
            QCoreApplication.translate("JobController", "Charges"),
            FieldKind.INFO,
            default=charges
            + "\n"
            + QCoreApplication.translate("JobController", "Total: %s") % yuan(total),
        ),
    ]
    if preview is not None:
        result += summary_fields(preview.missed, preview.proposed)
        if deciding:
            result += decision_fields(preview.proposed, later=True)
        else:
            result.append(
                _info(
                    QCoreApplication.translate(
                        "JobController",
                        "A manager decides the compensation; it waits in their list.",
                    )
                )
            )
    if total or job.deposit_held_cents:
        # With a manager approving at the counter, what the proposal takes off this bill.
        expected = (
            amount_due(total, preview.labour_cents, preview.proposed, Decision.approve())
            if deciding and preview is not None
            else total
        )
        result += _payment_fields(job, preview, expected)
    stars = [(f"{n} " + "★" * n, n) for n in range(5, 0, -1)]
    not_given = QCoreApplication.translate("JobController", "Not given")
    note = QCoreApplication.translate(
        "JobController", "Note (e.g. why an accessory is not returned)"
    )
    result += [
        Field(
            "satisfaction",
            QCoreApplication.translate("JobController", "Satisfaction"),
            FieldKind.CHOICE,
            choices=[(not_given, 0), *stars],
            default=5,
        ),
        _text(
            "comment",
            QCoreApplication.translate("JobController", "Customer's comment"),
            required=False,
        ),
        _lines("note", note, required=False),
    ]
    return Step(
        QCoreApplication.translate("JobController", "Hand back %s") % job.number,
        result,
        HandBackValues,
        lambda s, f: s.handback.hand_back(
            job.id, c.user, tries.stamped(f.hand_back_form()), job.version
        ),
        identified_check(
            job, tries, HandBackValues.hand_back_form, _hand_back_validation(job, preview)
        ),
    )


# --- on-site service (issue 13) -------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleForm:
    appointment: tuple[datetime, datetime] | None


@dataclass(frozen=True)
class VisitValues:
    """The visit form's values; `visit_form()` turns them into the domain's form."""

    arrived_at: datetime
    left_at: datetime
    result: str
    work_done: str = ""
    parts_used: str = ""
    next_visit: tuple[datetime, datetime] | None = None

    def visit_form(self) -> VisitForm:
        start, end = self.next_visit if self.next_visit is not None else (None, None)
        return VisitForm(
            self.arrived_at,
            self.left_at,
            VisitResult(self.result),
            self.work_done,
            self.parts_used,
            start,
            end,
        )


def _appointment(job: JobSnapshot) -> tuple[datetime, datetime] | None:
    if job.appointment_start is None or job.appointment_end is None:
        return None
    return job.appointment_start, job.appointment_end


@operation(JobAction.SCHEDULE_VISIT)
def schedule_visit(c: ActionContext) -> Step[ScheduleForm]:
    def call(s: Services, f: ScheduleForm) -> JobSnapshot:
        start, end = f.appointment if f.appointment is not None else (None, None)
        return s.visits.schedule(c.job.id, c.user, start, end, c.job.version)

    address = QCoreApplication.translate("JobController", "Visit address: %s") % (
        c.job.visit_address or "—"
    )
    return Step(
        QCoreApplication.translate("JobController", "Set appointment"),
        [
            _info(address),
            Field(
                "appointment",
                QCoreApplication.translate("JobController", "Appointment (day, from–to)"),
                FieldKind.WINDOW,
                required=True,
                default=_appointment(c.job),
            ),
        ],
        ScheduleForm,
        call,
    )


@operation(JobAction.RECORD_VISIT)
def record_visit(c: ActionContext) -> Step[VisitValues]:
    job = c.job
    arrived = job.appointment_start or datetime.now().replace(second=0, microsecond=0)
    results = [(label(result), result.value) for result in VisitResult]
    return Step(
        QCoreApplication.translate("JobController", "Record visit"),
        [
            Field(
                "arrived_at",
                QCoreApplication.translate("JobController", "Arrived"),
                FieldKind.DATETIME,
                default=arrived,
            ),
            Field(
                "left_at",
                QCoreApplication.translate("JobController", "Left"),
                FieldKind.DATETIME,
                default=arrived + timedelta(hours=1),
            ),
            Field(
                "result",
                QCoreApplication.translate("JobController", "Result"),
                FieldKind.CHOICE,
                choices=results,
            ),
            _lines(
                "work_done",
                QCoreApplication.translate("JobController", "Work done"),
                required=False,
            ),
            _lines(
                "parts_used",
                QCoreApplication.translate("JobController", "Parts used (part, model, quantity)"),
                required=False,
            ),
            Field(
                "next_visit",
                QCoreApplication.translate("JobController", "Next visit (if another is needed)"),
                FieldKind.WINDOW,
                placeholder=QCoreApplication.translate("JobController", "none"),
            ),
            _info(
                QCoreApplication.translate(
                    "JobController",
                    "Fixed on site: the job becomes ready for pickup. Without a next visit the "
                    "job lists as “appointment to set”.",
                )
            ),
        ],
        VisitValues,
        lambda s, f: s.visits.record_visit(job.id, c.user, f.visit_form(), job.version),
    )


# --- money (issue 16) -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DepositValues:
    deposit_method: str
    deposit_amount: str
    deposit_tendered: str = ""

    def tender(self) -> Tender:
        """The deposit typed, read exactly; InvalidInput names the amount that is not one."""
        method = PaymentMethod(self.deposit_method)
        amount = parse_amount(self.deposit_amount, "deposit_amount")
        tendered = None
        if method is PaymentMethod.CASH and self.deposit_tendered.strip():
            tendered = parse_amount(self.deposit_tendered, "deposit_tendered")
        problems = deposit_problems(Tender(method, amount, tendered))
        if problems:
            raise InvalidInput(problems)
        return Tender(method, amount, tendered)


@dataclass(frozen=True)
class RefundPaymentValues:
    amount: str
    method: str
    reason: str


def _methods() -> list[tuple[str, str]]:
    return [(payment_label(method), method.value) for method in PaymentMethod]


def _deposit_change(values: dict[str, Any]) -> str:
    try:
        given = {f.name: values[f.name] for f in fields(DepositValues) if f.name in values}
        change = DepositValues(**given).tender().change_cents
    except (InvalidInput, TypeError, ValueError):
        return ""
    return QCoreApplication.translate("JobController", "Change to give: %s") % yuan(change)


@operation(JobAction.TAKE_DEPOSIT)
def take_deposit(c: ActionContext) -> Step[DepositValues]:
    held = QCoreApplication.translate("JobController", "Deposit held now: %s") % yuan(
        c.job.deposit_held_cents
    )
    return Step(
        QCoreApplication.translate("JobController", "Take deposit"),
        [
            _info(held),
            Field(
                "deposit_method",
                QCoreApplication.translate("JobController", "Paid by"),
                FieldKind.CHOICE,
                choices=_methods(),
            ),
            Field(
                "deposit_amount",
                QCoreApplication.translate("JobController", "Deposit amount"),
                required=True,
                placeholder="0.00",
                max_length=16,
            ),
            Field(
                "deposit_tendered",
                QCoreApplication.translate("JobController", "Cash handed over"),
                placeholder=QCoreApplication.translate("JobController", "as the cash amount"),
                max_length=16,
            ),
            Field("deposit_change", "", FieldKind.INFO, live=_deposit_change),
        ],
        DepositValues,
        lambda s, f: s.payments.take_deposit(c.job.id, c.user, f.tender(), c.job.version),
        lambda f: f.tender() and None,
    )


@operation(JobAction.REFUND_PAYMENT)
def refund_payment(c: ActionContext) -> Step[RefundPaymentValues]:
    job = c.job
    paid_by = [line.method for line in job.payments if line.method is not None]
    most = QCoreApplication.translate("JobController", "At most %s can be given back.") % yuan(
        job.refundable_cents
    )

    def check(values: RefundPaymentValues) -> None:
        amount = parse_amount(values.amount, "amount")
        problems = refund_problems(amount, values.method, values.reason, job.refundable_cents)
        if problems:
            raise InvalidInput(problems)

    return Step(
        QCoreApplication.translate("JobController", "Refund %s") % job.number,
        [
            _info(most),
            Field(
                "amount",
                QCoreApplication.translate("JobController", "Amount to give back"),
                required=True,
                placeholder="0.00",
                max_length=16,
            ),
            Field(
                "method",
                QCoreApplication.translate("JobController", "Given back by"),
                FieldKind.CHOICE,
                choices=_methods(),
                default=paid_by[-1].value if paid_by else None,
            ),
            _lines("reason", QCoreApplication.translate("JobController", "Reason")),
        ],
        RefundPaymentValues,
        lambda s, f: s.payments.refund(
            job.id, c.user, parse_amount(f.amount, "amount"), f.method, f.reason, job.version
        ),
        check,
    )


# A paid job's quotation (issue 16): its operations register in the table above on import.
from desktop_app.ui.operations import quotation_actions as _quotation_actions  # noqa: E402, F401
