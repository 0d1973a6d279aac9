"""Runs the job view: asks for each action's inputs, calls the service, shows the new snapshot.

Views show and dialogs collect; this is the one place in the UI that turns a button press on a
job into a service call, so the main window and the clock panel share it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.actions import JobAction
from desktop_app.domain.errors import DomainError, InvalidInput
from desktop_app.domain.forms import (
    PAYMENT_METHODS,
    HandBackForm,
    split_accessories,
    validate_hand_back,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot, UserSnapshot
from desktop_app.domain.text import Translator
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.handback import CORRECTABLE
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.form_dialog import Field, FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.labels import correction_field_label, payment_label

Call = Callable[[dict[str, Any]], JobSnapshot]


class JobController(QObject):
    """Emits job_changed(job_id) after every action that changed a job."""

    job_changed = Signal(int)

    def __init__(
        self,
        services: Services,
        user: UserSnapshot,
        shop: Callable[[], ShopSnapshot],
        translate: Translator,
        show_receipt: Callable[[JobSnapshot, str], None],
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._user = user
        self._shop = shop
        self._translate = translate
        self._show_receipt = show_receipt
        self._now = now
        self._parent = parent

    def open(self, job: JobSnapshot) -> JobDialog:
        dialog = self.make_dialog(job)
        dialog.exec()
        return dialog

    def make_dialog(self, job: JobSnapshot) -> JobDialog:
        dialog = JobDialog(
            job,
            role=self._user.role,
            calendar=self._services.shop.calendar(),
            translate=self._translate,
            now=self._now,
            parent=self._parent,
        )
        dialog.action_requested.connect(lambda action: self.perform(dialog, JobAction(action)))
        dialog.receipt_requested.connect(lambda kind: self._show_receipt(dialog.job, kind))
        return dialog

    # --- actions ------------------------------------------------------------------------------

    def perform(self, dialog: JobDialog, action: JobAction) -> JobSnapshot | None:
        job = dialog.job
        step = self._plan(job, action)
        if step is None:
            return None
        title, fields, call, validate = step
        updated = self._ask_and_call(dialog, title, fields, call, validate)
        if updated is not None:
            dialog.set_job(updated)
            self.job_changed.emit(updated.id)
            if action is JobAction.HAND_BACK or updated.status in (
                Status.REFUNDED,
                Status.EXCHANGED,
            ):
                self._show_receipt(updated, "return")
        return updated

    def _ask_and_call(
        self,
        dialog: JobDialog,
        title: str,
        fields: list[Field],
        call: Call,
        validate: Callable[[dict[str, Any]], None] | None,
    ) -> JobSnapshot | None:
        if not fields:  # one-click actions
            return self._call(dialog, call, {})
        form = FormDialog(
            title, fields, validate=validate, translate=self._translate, parent=dialog
        )
        while form.exec() == FormDialog.DialogCode.Accepted:
            try:
                return call(form.values())
            except InvalidInput as error:
                form.show_problems(error)
            except DomainError as error:
                prompts.error(dialog, title, error.render(self._translate))
                return None
        return None

    def _call(self, dialog: JobDialog, call: Call, values: dict[str, Any]) -> JobSnapshot | None:
        try:
            return call(values)
        except DomainError as error:
            prompts.error(dialog, self.tr("Cannot do that"), error.render(self._translate))
            return None

    def _plan(
        self, job: JobSnapshot, action: JobAction
    ) -> tuple[str, list[Field], Call, Callable[[dict[str, Any]], None] | None] | None:
        jobs, back, me = self._services.jobs, self._services.handback, self._user.id
        A = JobAction
        note = Field("note", self.tr("Note"), "multiline")
        if action is A.RECORD_RESPONSE:
            return (
                self.tr("First response"),
                [
                    Field(
                        "note",
                        self.tr("How the customer was contacted, what was offered"),
                        "multiline",
                        required=True,
                    )
                ],
                lambda v: jobs.record_first_response(job.id, me, v["note"]),
                None,
            )
        if action is A.ASSIGN:
            technicians = [
                (u.display_name, u.id)
                for u in self._services.users.list()
                if u.role in (Role.TECHNICIAN, Role.MANAGER)
            ]
            return (
                self.tr("Assign technician"),
                [
                    Field(
                        "technician",
                        self.tr("Technician"),
                        "choice",
                        choices=[(self.tr("Unassigned"), None), *technicians],
                        default=job.technician_id
                        if job.technician_id
                        else (me if self._user.role is Role.TECHNICIAN else None),
                    )
                ],
                lambda v: jobs.assign(job.id, v["technician"], me),
                None,
            )
        if action is A.START_DIAGNOSIS:
            return (
                self.tr("Start diagnosis"),
                [],
                lambda _v: jobs.change_status(job.id, Status.DIAGNOSING, me, "", job.version),
                None,
            )
        if action is A.START_INSPECTION:
            return (
                self.tr("Start inspection"),
                [],
                lambda _v: back.start_inspection(job.id, me),
                None,
            )
        if action is A.RECORD_DIAGNOSIS:
            return (
                self.tr("Diagnosis"),
                [
                    Field(
                        "diagnosis",
                        self.tr("Diagnosis"),
                        "multiline",
                        required=True,
                        default=job.diagnosis,
                    )
                ],
                lambda v: jobs.record_diagnosis(job.id, me, v["diagnosis"]),
                None,
            )
        if action is A.NOT_QUALITY_PROBLEM:
            return (
                self.tr("Not a quality problem"),
                [
                    Field(
                        "reason",
                        self.tr("What caused the fault (misuse, liquid, drop…)"),
                        "multiline",
                        required=True,
                    ),
                    Field(
                        "info",
                        "",
                        "info",
                        default=self.tr(
                            "The job becomes a paid repair: quote the customer before repairing."
                        ),
                    ),
                ],
                lambda v: jobs.mark_not_quality_problem(job.id, me, v["reason"]),
                None,
            )
        if action is A.WAIT_FOR_PARTS:
            return (
                self.tr("Wait for parts"),
                [Field("note", self.tr("Which part, from where"), "multiline", required=True)],
                lambda v: jobs.change_status(job.id, Status.WAITING_FOR_PARTS, me, v["note"]),
                None,
            )
        if action is A.START_REPAIR:
            return (
                self.tr("Repairing"),
                [],
                lambda _v: jobs.change_status(job.id, Status.REPAIRING, me, "", job.version),
                None,
            )
        if action in (A.ADD_PART, A.ADD_LABOUR):
            kind = "part" if action is A.ADD_PART else "labour"
            fields = [Field("description", self.tr("Description"), required=True)]
            if kind == "part":
                # Warranty repairs use parts of the same model (the agreement's words).
                fields.append(
                    Field("part_model", self.tr("Part for model"), default=job.product.description)
                )
            fields += [
                Field("quantity", self.tr("Quantity"), "number", default=1, minimum=1, maximum=999),
                Field("unit_price", self.tr("Unit price"), "money", maximum=1_000_000),
            ]
            if job.coverage is not Coverage.PAID:
                fields.append(
                    Field(
                        "info",
                        "",
                        "info",
                        default=self.tr("Free under warranty: the customer pays 0."),
                    )
                )
            return (
                self.tr("Add part") if kind == "part" else self.tr("Add labour"),
                fields,
                lambda v: jobs.add_line(
                    job.id,
                    me,
                    kind=kind,
                    description=v["description"],
                    quantity=v["quantity"],
                    unit_price_cents=v["unit_price"],
                    part_model=v.get("part_model", ""),
                ),
                None,
            )
        if action is A.REMOVE_LINE:
            lines = [
                (f"{line.description} ×{line.quantity}", line.id)
                for line in job.lines
                if line.active
            ]
            return (
                self.tr("Remove part/labour"),
                [
                    Field("line", self.tr("Line"), "choice", choices=lines),
                    Field("reason", self.tr("Reason"), required=True),
                ],
                lambda v: jobs.remove_line(job.id, v["line"], me, v["reason"]),
                None,
            )
        if action is A.MARK_READY:
            return (
                self.tr("Ready for pickup"),
                [Field("work_done", self.tr("Work done"), "multiline", required=True), note],
                lambda v: jobs.mark_ready(job.id, me, v["work_done"], v["note"]),
                None,
            )
        if action is A.CANNOT_REPAIR:
            return (
                self.tr("Cannot be repaired"),
                [Field("reason", self.tr("Why"), "multiline", required=True)],
                lambda v: jobs.cannot_repair(job.id, me, v["reason"]),
                None,
            )
        if action is A.CANCEL:
            return (
                self.tr("Cancel job"),
                [Field("note", self.tr("Reason"), "multiline", required=True)],
                lambda v: jobs.cancel(job.id, me, v["note"]),
                None,
            )
        if action is A.HAND_BACK:
            return self._hand_back_plan(job)
        if action is A.APPROVE_REFUND:
            return (
                self.tr("Approve refund"),
                [Field("refund", self.tr("Refund amount"), "money", maximum=1_000_000), note],
                lambda v: back.approve_refund(job.id, me, v["refund"], v["note"]),
                None,
            )
        if action is A.APPROVE_EXCHANGE:
            return (
                self.tr("Approve exchange"),
                [
                    Field(
                        "replacement_model",
                        self.tr("Replacement model"),
                        required=True,
                        default=job.product.description,
                    ),
                    Field(
                        "replacement_serial", self.tr("Replacement serial / IMEI"), required=True
                    ),
                    note,
                ],
                lambda v: back.approve_exchange(
                    job.id, me, v["replacement_model"], v["replacement_serial"], v["note"]
                ),
                None,
            )
        if action is A.REFUSE_RETURN:
            return (
                self.tr("Refuse return/exchange"),
                [
                    Field(
                        "reason",
                        self.tr("Why (the product goes to repair)"),
                        "multiline",
                        required=True,
                    )
                ],
                lambda v: back.refuse_return(job.id, me, v["reason"]),
                None,
            )
        if action is A.RECORD_SATISFACTION:
            return (
                self.tr("Customer satisfaction"),
                [
                    Field(
                        "score", self.tr("Score (1–5)"), "number", default=5, minimum=1, maximum=5
                    ),
                    Field("comment", self.tr("Comment")),
                ],
                lambda v: back.record_satisfaction(job.id, me, v["score"], v["comment"]),
                None,
            )
        if action is A.CORRECTION:
            return (
                self.tr("Record correction"),
                [
                    Field(
                        "field",
                        self.tr("Field"),
                        "choice",
                        choices=[(correction_field_label(name), name) for name in CORRECTABLE],
                    ),
                    Field("value", self.tr("Correct value"), required=True),
                    Field("reason", self.tr("Reason"), required=True),
                ],
                lambda v: back.record_correction(job.id, me, v["field"], v["value"], v["reason"]),
                None,
            )
        return None

    def _hand_back_plan(
        self, job: JobSnapshot
    ) -> tuple[str, list[Field], Call, Callable[[dict[str, Any]], None]]:
        me = self._user.id
        received = split_accessories(job.accessories_received)
        total = job.total_charged_cents
        charges = "\n".join(
            f"{line.description} ×{line.quantity}: "
            + (yuan(line.charged_cents) if line.charged_cents else self.tr("free"))
            for line in job.lines
            if line.active
        ) or self.tr("No parts or labour recorded.")
        fields = [
            Field(
                "accessories",
                self.tr("Accessories handed back"),
                "checklist",
                choices=[(item, item) for item in received],
                default=True,
            ),
            Field(
                "charges",
                self.tr("Charges"),
                "info",
                default=charges + "\n" + self.tr("Total: %s") % yuan(total),
            ),
        ]
        if total:
            fields += [
                Field(
                    "payment_method",
                    self.tr("Paid by"),
                    "choice",
                    choices=[(payment_label(m), m) for m in PAYMENT_METHODS],
                ),
                Field(
                    "amount_paid", self.tr("Amount paid"), "money", default=total, maximum=1_000_000
                ),
            ]
        fields += [
            Field(
                "satisfaction",
                self.tr("Satisfaction"),
                "choice",
                choices=[
                    (self.tr("Not given"), 0),
                    ("5 ★★★★★", 5),
                    ("4 ★★★★", 4),
                    ("3 ★★★", 3),
                    ("2 ★★", 2),
                    ("1 ★", 1),
                ],
                default=5,
            ),
            Field("comment", self.tr("Customer's comment")),
            Field("note", self.tr("Note (e.g. why an accessory is not returned)"), "multiline"),
        ]

        def form_of(values: dict[str, Any]) -> HandBackForm:
            score = values["satisfaction"]
            return HandBackForm(
                accessories_returned=tuple(values["accessories"]),
                payment_method=values.get("payment_method") or "",
                amount_paid_cents=values.get("amount_paid", 0),
                satisfaction_score=int(score) if score else None,
                satisfaction_comment=values["comment"],
                note=values["note"],
            )

        return (
            self.tr("Hand back %s") % job.number,
            fields,
            lambda v: self._services.handback.hand_back(job.id, me, form_of(v)),
            lambda v: validate_hand_back(form_of(v), job.accessories_received, total),
        )
