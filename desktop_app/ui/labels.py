"""Translated names for the domain's enumerations, in one place for every widget."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.rules import Category, Coverage, ServiceKind
from desktop_app.domain.workflow import STATUS_LABELS, Status

_CONTEXT = "labels"


def _t(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def category_label(category: Category) -> str:
    return {
        Category.ELECTRONICS: _t("Electronics"),
        Category.APPLIANCE: _t("Household appliance"),
        Category.HOME_GOODS: _t("Home goods"),
        Category.OTHER: _t("Other"),
    }[category]


def service_label(kind: ServiceKind) -> str:
    return {
        ServiceKind.REPAIR: _t("Repair"),
        ServiceKind.RETURN: _t("Return (7-day, no reason)"),
        ServiceKind.EXCHANGE: _t("Exchange (7-day, no reason)"),
        ServiceKind.ON_SITE: _t("On-site service"),
        ServiceKind.CONSULTATION: _t("Consultation"),
    }[kind]


def coverage_label(coverage: Coverage) -> str:
    return {
        Coverage.RETURN_EXCHANGE: _t("7-day no-reason return/exchange"),
        Coverage.WARRANTY: _t("Free warranty repair"),
        Coverage.PAID: _t("Paid repair"),
    }[coverage]


def status_label(status: Status) -> str:
    # The workflow's English labels are the translation keys ("texts" context, shared with
    # receipts and the domain's messages).
    return QCoreApplication.translate("texts", STATUS_LABELS[status])


def event_label(kind: str) -> str:
    return {
        "checked_in": _t("Checked in"),
        "first_response": _t("First response"),
        "status_changed": _t("Status changed"),
        "not_quality_problem": _t("Not a quality problem"),
        "line_added": _t("Part/labour added"),
        "line_removed": _t("Part/labour removed"),
        "assigned": _t("Assigned"),
        "satisfaction": _t("Satisfaction recorded"),
        "diagnosis": _t("Diagnosis"),
    }.get(kind, kind)
