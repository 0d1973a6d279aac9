"""Plain input records: what a dialog (or the command line, or a test) hands to a service."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.rules import (
    Category,
    Claim,
    DocumentsPresented,
    ServiceKind,
    validate_claim,
    validate_mobile,
)
from desktop_app.domain.text import Text
from desktop_app.domain.workflow import Status


@dataclass(frozen=True)
class CheckInForm:
    customer_name: str
    phone: str
    category: Category
    brand: str
    model: str
    serial: str
    purchase_date: date
    warranty_months: int
    documents: DocumentsPresented
    service_requested: ServiceKind
    fault_description: str
    usage_description: str
    voucher_number: str = ""
    warranty_card_number: str = ""
    address: str = ""
    condition_on_arrival: str = ""
    accessories_received: str = ""
    manager_override_reason: str | None = None


class DueFilter(StrEnum):
    """The due states the counter filters its list by."""

    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"  # due within 1 working day (today or the next working day)
    RESPONSE_OVERDUE = "response_overdue"


@dataclass(frozen=True)
class JobQuery:
    """What the job list asks for: free text plus filters. Empty means everything."""

    text: str = ""
    statuses: frozenset[Status] = frozenset()
    due: DueFilter | None = None
    open_only: bool = False
    technician_id: int | None = None


MAX_SHORT_TEXT = 120
MAX_LONG_TEXT = 4000


def validate_check_in(form: CheckInForm, today: date) -> tuple[str, Claim]:
    """Check every field of a check-in at once; returns the normalised phone and the claim.

    Raises InvalidInput listing every problem, so the dialog can mark all bad fields together.
    """
    problems: list[FieldProblem] = []

    def required(field: str, value: str, label: str) -> None:
        if not value.strip():
            problems.append(FieldProblem(field, Text("{label} is required", label=label)))

    def limited(field: str, value: str, limit: int) -> None:
        if len(value) > limit:
            problems.append(
                FieldProblem(field, Text("must be at most {limit} characters", limit=limit))
            )

    required("customer_name", form.customer_name, "the customer's name")
    phone = ""
    try:
        phone = validate_mobile(form.phone)
    except InvalidInput as error:
        problems.extend(error.problems)
    required("brand", form.brand, "the brand")
    required("model", form.model, "the model")
    required("fault_description", form.fault_description, "a description of the fault")
    required("usage_description", form.usage_description, "how the product was used")
    for name in (
        "customer_name",
        "brand",
        "model",
        "serial",
        "voucher_number",
        "warranty_card_number",
    ):
        limited(name, getattr(form, name), MAX_SHORT_TEXT)
    for name in (
        "address",
        "fault_description",
        "usage_description",
        "condition_on_arrival",
        "accessories_received",
    ):
        limited(name, getattr(form, name), MAX_LONG_TEXT)
    if form.service_requested is ServiceKind.ON_SITE:
        required("address", form.address, "an address for on-site service")
    if form.documents.purchase_voucher and not form.voucher_number.strip():
        problems.append(
            FieldProblem(
                "voucher_number",
                Text("the purchase voucher was presented: enter its invoice or receipt number"),
            )
        )
    claim = Claim(
        purchase_date=form.purchase_date,
        check_in_date=today,
        warranty_months=form.warranty_months,
        documents=form.documents,
        requested=form.service_requested,
        manager_override_reason=form.manager_override_reason,
    )
    try:
        validate_claim(claim, today)
    except InvalidInput as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    return phone, claim
