"""Translated names for the domain's enumerations, in one place for every widget.

Each label is a literal `QCoreApplication.translate("labels", "...")` call so that
pyside6-lupdate (scripts/update_translations.py) finds it; a helper wrapping the call would hide
the strings from it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.actions import JobAction
from desktop_app.domain.rules import Category, Coverage, ServiceKind
from desktop_app.domain.workflow import STATUS_LABELS, Status


def category_label(category: Category) -> str:
    return {
        Category.ELECTRONICS: QCoreApplication.translate("labels", "Electronics"),
        Category.APPLIANCE: QCoreApplication.translate("labels", "Household appliance"),
        Category.HOME_GOODS: QCoreApplication.translate("labels", "Home goods"),
        Category.OTHER: QCoreApplication.translate("labels", "Other"),
    }[category]


def service_label(kind: ServiceKind) -> str:
    return {
        ServiceKind.REPAIR: QCoreApplication.translate("labels", "Repair"),
        ServiceKind.RETURN: QCoreApplication.translate("labels", "Return (7-day, no reason)"),
        ServiceKind.EXCHANGE: QCoreApplication.translate("labels", "Exchange (7-day, no reason)"),
        ServiceKind.ON_SITE: QCoreApplication.translate("labels", "On-site service"),
        ServiceKind.CONSULTATION: QCoreApplication.translate("labels", "Consultation"),
    }[kind]


def coverage_label(coverage: Coverage) -> str:
    return {
        Coverage.RETURN_EXCHANGE: QCoreApplication.translate(
            "labels", "7-day no-reason return/exchange"
        ),
        Coverage.WARRANTY: QCoreApplication.translate("labels", "Free warranty repair"),
        Coverage.PAID: QCoreApplication.translate("labels", "Paid repair"),
    }[coverage]


def status_label(status: Status) -> str:
    # The workflow's English labels are the translation keys ("texts" context, shared with
    # receipts and the domain's messages).
    return QCoreApplication.translate("texts", STATUS_LABELS[status])


def event_label(kind: str) -> str:
    return {
        "checked_in": QCoreApplication.translate("labels", "Checked in"),
        "first_response": QCoreApplication.translate("labels", "First response"),
        "status_changed": QCoreApplication.translate("labels", "Status changed"),
        "not_quality_problem": QCoreApplication.translate("labels", "Not a quality problem"),
        "line_added": QCoreApplication.translate("labels", "Part/labour added"),
        "line_removed": QCoreApplication.translate("labels", "Part/labour removed"),
        "assigned": QCoreApplication.translate("labels", "Assigned"),
        "satisfaction": QCoreApplication.translate("labels", "Satisfaction recorded"),
        "diagnosis": QCoreApplication.translate("labels", "Diagnosis"),
    }.get(kind, kind)


def action_label(action: JobAction) -> str:
    return {
        JobAction.RECORD_RESPONSE: QCoreApplication.translate("labels", "Record first response…"),
        JobAction.ASSIGN: QCoreApplication.translate("labels", "Assign technician…"),
        JobAction.START_DIAGNOSIS: QCoreApplication.translate("labels", "Start diagnosis"),
        JobAction.RECORD_DIAGNOSIS: QCoreApplication.translate("labels", "Record diagnosis…"),
        JobAction.NOT_QUALITY_PROBLEM: QCoreApplication.translate(
            "labels", "Not a quality problem…"
        ),
        JobAction.WAIT_FOR_PARTS: QCoreApplication.translate("labels", "Wait for parts…"),
        JobAction.START_REPAIR: QCoreApplication.translate("labels", "Repairing"),
        JobAction.ADD_PART: QCoreApplication.translate("labels", "Add part…"),
        JobAction.ADD_LABOUR: QCoreApplication.translate("labels", "Add labour…"),
        JobAction.REMOVE_LINE: QCoreApplication.translate("labels", "Remove part/labour…"),
        JobAction.MARK_READY: QCoreApplication.translate("labels", "Ready for pickup…"),
        JobAction.CANNOT_REPAIR: QCoreApplication.translate("labels", "Cannot be repaired…"),
        JobAction.CANCEL: QCoreApplication.translate("labels", "Cancel job…"),
        JobAction.HAND_BACK: QCoreApplication.translate("labels", "Hand back…"),
        JobAction.START_INSPECTION: QCoreApplication.translate("labels", "Start inspection"),
        JobAction.APPROVE_REFUND: QCoreApplication.translate("labels", "Approve refund…"),
        JobAction.APPROVE_EXCHANGE: QCoreApplication.translate("labels", "Approve exchange…"),
        JobAction.REFUSE_RETURN: QCoreApplication.translate("labels", "Refuse return/exchange…"),
        JobAction.RECORD_SATISFACTION: QCoreApplication.translate("labels", "Record satisfaction…"),
        JobAction.CORRECTION: QCoreApplication.translate("labels", "Record correction…"),
    }[action]


def payment_label(method: str) -> str:
    return {
        "cash": QCoreApplication.translate("labels", "Cash"),
        "wechat": QCoreApplication.translate("labels", "WeChat Pay"),
        "alipay": QCoreApplication.translate("labels", "Alipay"),
        "card": QCoreApplication.translate("labels", "Bank card"),
        "other": QCoreApplication.translate("labels", "Other"),
    }.get(method, method)
