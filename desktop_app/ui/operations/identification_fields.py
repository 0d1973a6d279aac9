"""The hand-back's first question: who is taking the product back (domain/identification.py).

Three inputs at the top of the hand-back form: the job number a barcode scanner types from the
intake receipt or the device label (the field has the focus when the form opens, and the
scanner's Enter moves on instead of saving the hand-back), the phone's last four digits, and a
note for a customer with neither. The phone itself is never shown. The form counts the wrong
answers of four digits: after the third the digits are refused for this hand-back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.identification import (
    LAST_FOUR,
    NOTE,
    SCANNED,
    identify_hand_back,
    is_wrong_digits,
)
from desktop_app.domain.limits import SHORT_TEXT
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind


def identification_fields() -> list[Field]:
    return [
        Field(
            SCANNED,
            QCoreApplication.translate("JobController", "Receipt or label scanned"),
            FieldKind.SCAN,
            placeholder=QCoreApplication.translate(
                "JobController", "Scan the barcode of the intake receipt or the device label"
            ),
            max_length=SHORT_TEXT,
        ),
        Field(
            LAST_FOUR,
            QCoreApplication.translate("JobController", "Or the phone's last four digits"),
            FieldKind.TEXT,
            placeholder=QCoreApplication.translate("JobController", "As the customer says them"),
            max_length=20,
        ),
        Field(
            NOTE,
            QCoreApplication.translate("JobController", "Or how the customer was identified"),
            FieldKind.TEXT,
            placeholder=QCoreApplication.translate(
                "JobController", "e.g. receipt lost, ID card checked"
            ),
        ),
    ]


class WrongTries:
    """The wrong answers of four digits given in one hand-back form, as the form's checks see
    them; the count goes to the service with the form and onto the hand-back event."""

    def __init__(self) -> None:
        self.count = 0

    def stamped(self, form: HandBackForm) -> HandBackForm:
        return replace(form, wrong_phone_tries=self.count)


def identified_check(
    job: JobSnapshot,
    tries: WrongTries,
    form_of: Callable[[Any], HandBackForm],
    rest: Callable[[Any], None],
) -> Callable[[Any], None]:
    """The identification (counting a wrong answer) and then the rest of the hand-back's rules,
    every broken rule said at once."""

    def check(values: Any) -> None:
        problems: list[FieldProblem] = []
        try:
            identify_hand_back(tries.stamped(form_of(values)), job.number, job.customer.phone)
        except InvalidInput as error:
            if is_wrong_digits(error):
                tries.count += 1
            problems += error.problems
        try:
            rest(values)
        except InvalidInput as error:
            problems += error.problems
        if problems:
            raise InvalidInput(problems)

    return check
