"""Small builders shared by the unit tests: dates from ISO strings, claims and check-in forms."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.rules import Category, Claim, DocumentsPresented, ServiceKind

# China's national calendar straight from the `holidays` package (what the tests count against).
CHINA = package_calendar("CN")

ALL_DOCUMENTS = DocumentsPresented(purchase_voucher=True, warranty_card=True, product=True)


def d(iso: str) -> date:
    """A date literal that reads like the official calendar: d("2026-10-13")."""
    return date.fromisoformat(iso)


def claim(
    purchase: str,
    check_in: str,
    *,
    months: int = 12,
    documents: DocumentsPresented = ALL_DOCUMENTS,
    requested: ServiceKind = ServiceKind.REPAIR,
    override: str | None = None,
) -> Claim:
    return Claim(
        purchase_date=d(purchase),
        check_in_date=d(check_in),
        warranty_months=months,
        documents=documents,
        requested=requested,
        manager_override_reason=override,
    )


def check_in_form(**changes: Any) -> CheckInForm:
    """A complete, valid check-in; pass keyword arguments to break one field at a time."""
    fields: dict[str, Any] = {
        "customer_name": "王芳",
        "phone": "138 0013 8000",
        "category": Category.ELECTRONICS,
        "brand": "Huawei",
        "model": "MatePad 11",
        "serial": "SN-0001",
        "purchase_date": d("2026-01-10"),
        "warranty_months": 12,
        "documents": ALL_DOCUMENTS,
        "service_requested": ServiceKind.REPAIR,
        "fault_description": "screen flickers after ten minutes",
        "usage_description": "daily use at home, never dropped",
        "voucher_number": "INV-2026-0042",
        "warranty_card_number": "WC-778",
    }
    fields.update(changes)
    return CheckInForm(**fields)
