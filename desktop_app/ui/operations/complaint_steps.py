"""One small operation per step of a complaint: the form it asks for and the service call it
makes, in one table (adding a step touches this table only). The complaint view offers the
steps domain/complaints.next_steps allows the signed-in role; the service decides again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.complaints import ComplaintSnapshot
from desktop_app.domain.limits import LONG_TEXT
from desktop_app.domain.people import Actor
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import ComplaintClosing, ComplaintEventKind, label
from desktop_app.services import Services
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind

Call = Callable[[Services, int, Actor, dict[str, Any], int], ComplaintSnapshot]
K = ComplaintEventKind


@dataclass(frozen=True)
class ComplaintStep:
    kind: ComplaintEventKind
    button: Callable[[], str]  # the button's words, in the language shown now
    fields: Callable[[Translator], list[Field]]
    call: Call


def _note(label_text: Callable[[], str], required: bool) -> Callable[[Translator], list[Field]]:
    return lambda _t: [
        Field("note", label_text(), FieldKind.MULTILINE, required, max_length=LONG_TEXT)
    ]


def _reason(label_text: Callable[[], str]) -> Callable[[Translator], list[Field]]:
    return lambda _t: [
        Field("reason", label_text(), FieldKind.MULTILINE, True, max_length=LONG_TEXT)
    ]


def _resolve_fields(_t: Translator) -> list[Field]:
    return [
        Field(
            "finding",
            QCoreApplication.translate("ComplaintSteps", "What the investigation found"),
            FieldKind.MULTILINE,
            True,
        ),
        Field(
            "shop_at_fault",
            QCoreApplication.translate("ComplaintSteps", "Was the shop at fault?"),
            FieldKind.CHOICE,
            default=None,
            choices=[
                ("—", None),
                (QCoreApplication.translate("ComplaintSteps", "Yes, the shop was at fault"), True),
                (
                    QCoreApplication.translate("ComplaintSteps", "No, the shop was not at fault"),
                    False,
                ),
            ],
        ),
        Field(
            "resolution",
            QCoreApplication.translate("ComplaintSteps", "Resolution"),
            FieldKind.MULTILINE,
            True,
        ),
    ]


def _close_fields(t: Translator) -> list[Field]:
    return [
        Field(
            "closing",
            QCoreApplication.translate("ComplaintSteps", "The customer"),
            FieldKind.CHOICE,
            default=ComplaintClosing.ACCEPTED,
            choices=[(t(label(c)), c) for c in ComplaintClosing],
        ),
        Field(
            "note",
            QCoreApplication.translate("ComplaintSteps", "Note (why, if escalated)"),
            FieldKind.MULTILINE,
        ),
    ]


def _closing(value: object) -> object:
    """The combo box's string back as the enumeration (anything else: the service refuses)."""
    try:
        return ComplaintClosing(value)
    except ValueError:
        return value


STEPS: dict[ComplaintEventKind, ComplaintStep] = {
    step.kind: step
    for step in (
        ComplaintStep(
            K.ACKNOWLEDGED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Customer called back…"),
            _note(
                lambda: QCoreApplication.translate("ComplaintSteps", "What the customer was told"),
                True,
            ),
            lambda s, i, a, v, ver: s.complaints.acknowledge(i, a, v["note"], ver),
        ),
        ComplaintStep(
            K.INVESTIGATING,
            lambda: QCoreApplication.translate("ComplaintSteps", "Start investigation…"),
            _note(lambda: QCoreApplication.translate("ComplaintSteps", "Note"), False),
            lambda s, i, a, v, ver: s.complaints.start_investigation(i, a, v["note"], ver),
        ),
        ComplaintStep(
            K.RESOLVED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Resolve…"),
            _resolve_fields,
            lambda s, i, a, v, ver: s.complaints.resolve(
                i,
                a,
                finding=v["finding"],
                shop_at_fault=v["shop_at_fault"],
                resolution=v["resolution"],
                expected_version=ver,
            ),
        ),
        ComplaintStep(
            K.CLOSED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Close…"),
            _close_fields,
            lambda s, i, a, v, ver: s.complaints.close(
                i, a, _closing(v["closing"]), v["note"], ver
            ),
        ),
        ComplaintStep(
            K.REOPENED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Reopen…"),
            _reason(lambda: QCoreApplication.translate("ComplaintSteps", "Why it is reopened")),
            lambda s, i, a, v, ver: s.complaints.reopen(i, a, v["reason"], ver),
        ),
        ComplaintStep(
            K.RECEIVED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Register the draft…"),
            _note(lambda: QCoreApplication.translate("ComplaintSteps", "Note"), False),
            lambda s, i, a, v, ver: s.complaints.register_draft(i, a, v["note"], ver),
        ),
        ComplaintStep(
            K.DISMISSED,
            lambda: QCoreApplication.translate("ComplaintSteps", "Dismiss the draft…"),
            _reason(lambda: QCoreApplication.translate("ComplaintSteps", "Why it is dismissed")),
            lambda s, i, a, v, ver: s.complaints.dismiss_draft(i, a, v["reason"], ver),
        ),
    )
}
