"""A paid job's quotation at the job view (issue 16): write it, record the customer's answer
(by phone, by the signed copy, declined), or a manager's override. One small operation each,
registered in the same table as every job action (job_actions.OPERATIONS)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desktop_app.domain.actions import JobAction
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.limits import DISPLAY_NAME
from desktop_app.domain.money import yuan
from desktop_app.domain.quotation import (
    MAX_VALID_DAYS,
    QUOTE_VALID_DAYS,
    ApprovalForm,
    QuotationSnapshot,
    approval_problems,
)
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import ApprovalMethod
from desktop_app.ui.dialogs.form_dialog import Field, FieldKind
from desktop_app.ui.labels import label
from desktop_app.ui.operations.job_actions import (
    ActionContext,
    ReasonForm,
    Step,
    _info,
    _lines,
    _text,
    operation,
)


@dataclass(frozen=True)
class QuotationValues:
    diagnosis: str
    valid_days: int


@dataclass(frozen=True)
class ApprovalValues:
    method: str
    answered_by: str = ""
    called_at: datetime | None = None
    note: str = ""

    def approval_form(self, number: int) -> ApprovalForm:
        method = ApprovalMethod(self.method)
        phone = method is ApprovalMethod.PHONE
        return ApprovalForm(
            number,
            method,
            self.answered_by if phone else "",
            self.called_at if phone else None,
            self.note,
        )


def lines_text(job: JobSnapshot) -> str:
    """The lines the quotation will freeze, and their total."""
    rows = [
        f"{line.description} ×{line.quantity}: {yuan(line.charged_cents)}"
        for line in job.lines
        if line.active
    ] or [
        QCoreApplication.translate(
            "JobController", "No parts or labour recorded: the work at no charge."
        )
    ]
    return "\n".join(
        [
            *rows,
            QCoreApplication.translate("JobController", "Total: %s")
            % yuan(job.total_charged_cents),
        ]
    )


def quotation_text(quotation: QuotationSnapshot | None) -> str:
    if quotation is None:
        return "—"
    return (
        QCoreApplication.translate("JobController", "Quotation %1: %2, valid until %3")
        .replace("%1", str(quotation.number))
        .replace("%2", yuan(quotation.total_cents))
        .replace("%3", quotation.valid_until.isoformat())
    )


def _number(job: JobSnapshot) -> int:
    return job.quotation.number if job.quotation is not None else 0


@operation(JobAction.WRITE_QUOTATION)
def write_quotation(c: ActionContext) -> Step[QuotationValues]:
    job = c.job
    return Step(
        QCoreApplication.translate("JobController", "Write quotation"),
        [
            Field(
                "quoted_lines",
                QCoreApplication.translate("JobController", "Parts and labour"),
                FieldKind.INFO,
                default=lines_text(job),
            ),
            _lines(
                "diagnosis",
                QCoreApplication.translate("JobController", "Diagnosis"),
                default=job.diagnosis,
            ),
            Field(
                "valid_days",
                QCoreApplication.translate("JobController", "Valid for (days)"),
                FieldKind.NUMBER,
                default=QUOTE_VALID_DAYS,
                minimum=1,
                maximum=MAX_VALID_DAYS,
            ),
            _info(
                QCoreApplication.translate(
                    "JobController",
                    "The customer approves this quotation by phone or by signing the printed "
                    "copy before the repair starts. Adding or removing a line afterwards needs "
                    "a new quotation.",
                )
            ),
        ],
        QuotationValues,
        lambda s, f: s.quotations.write_valid_for(
            job.id, c.user, f.diagnosis, f.valid_days, job.version
        ),
    )


@operation(JobAction.APPROVE_QUOTATION)
def approve_quotation(c: ActionContext) -> Step[ApprovalValues]:
    job = c.job
    number = _number(job)
    written = job.quotation.written_at if job.quotation is not None else datetime.min

    def check(values: ApprovalValues) -> None:
        problems = approval_problems(values.approval_form(number), written, datetime.now())
        if problems:
            raise InvalidInput(problems)

    methods = [(label(m), m.value) for m in (ApprovalMethod.PHONE, ApprovalMethod.SIGNATURE)]
    return Step(
        QCoreApplication.translate("JobController", "Record the customer's approval"),
        [
            _info(quotation_text(job.quotation)),
            Field(
                "method",
                QCoreApplication.translate("JobController", "How approved"),
                FieldKind.CHOICE,
                choices=methods,
            ),
            Field(
                "answered_by",
                QCoreApplication.translate("JobController", "Who answered the phone"),
                FieldKind.TEXT,
                default=job.customer.name[:DISPLAY_NAME],
                max_length=DISPLAY_NAME,
                placeholder=QCoreApplication.translate(
                    "JobController", "the customer's name, or who answered for them"
                ),
            ),
            Field(
                "called_at",
                QCoreApplication.translate("JobController", "Called at"),
                FieldKind.DATETIME,
                default=datetime.now().replace(second=0, microsecond=0),
            ),
            _lines("note", QCoreApplication.translate("JobController", "Note"), required=False),
            _info(
                QCoreApplication.translate(
                    "JobController",
                    "By signature: the signed printed quotation came back to the counter.",
                )
            ),
        ],
        ApprovalValues,
        lambda s, f: s.quotations.approve(job.id, c.user, f.approval_form(number), job.version),
        check,
    )


@operation(JobAction.OVERRIDE_APPROVAL)
def override_approval(c: ActionContext) -> Step[ReasonForm]:
    job = c.job
    number = _number(job)
    return Step(
        QCoreApplication.translate("JobController", "Override approval"),
        [
            _info(quotation_text(job.quotation)),
            _lines(
                "reason",
                QCoreApplication.translate(
                    "JobController", "Why the work starts without the customer's approval"
                ),
            ),
            _info(
                QCoreApplication.translate("JobController", "The reason stays on the job's record.")
            ),
        ],
        ReasonForm,
        lambda s, f: s.quotations.override(job.id, c.user, number, f.reason, job.version),
    )


@dataclass(frozen=True)
class DeclineForm:
    note: str


@operation(JobAction.DECLINE_QUOTATION)
def decline_quotation(c: ActionContext) -> Step[DeclineForm]:
    job = c.job
    number = _number(job)
    return Step(
        QCoreApplication.translate("JobController", "Quotation declined"),
        [
            _info(quotation_text(job.quotation)),
            _text(
                "note",
                QCoreApplication.translate("JobController", "What the customer said"),
                required=False,
            ),
            _info(
                QCoreApplication.translate(
                    "JobController",
                    "The product goes back unrepaired: the job becomes ready for pickup, and the "
                    "inspection fee in the shop settings is the only charge.",
                )
            ),
        ],
        DeclineForm,
        lambda s, f: s.quotations.decline(job.id, c.user, number, f.note, job.version),
    )
