"""The job view: everything about one job, its two clocks, its timeline, and the actions allowed.

The view shows and asks; it saves nothing. An action button emits `action_requested`; the
controller collects the inputs, calls the service, and hands the new snapshot back with
`set_job`. "Show number" emits `phone_requested`; the controller records the look and calls
`show_phone`.

The action buttons keep their places whatever the status: every action the user's role may
ever take has its button, in fixed groups, enabled only while it applies. The usual next step
(domain/actions.py `next_action`) is the first button, and the default one: Enter takes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import events
from desktop_app.domain.actions import (
    PERMISSION,
    JobAction,
    JobState,
    available_actions,
    next_action,
)
from desktop_app.domain.compensation import CompensationSnapshot, missed_words, offers_words
from desktop_app.domain.messages import templates_for
from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS
from desktop_app.domain.quotation import QuotationSnapshot
from desktop_app.domain.roles import Action, Role, may
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import EventSnapshot, JobSnapshot
from desktop_app.domain.text import Translator
from desktop_app.domain.visits import window_label
from desktop_app.domain.vocabulary import (
    LOOK_EVENTS,
    ApprovalMethod,
    CompensationState,
    QuoteState,
)
from desktop_app.domain.workdays import (
    DueState,
    WorkCalendar,
    promise_outcome,
    repair_clock,
    response_clock,
)
from desktop_app.domain.workflow import HANDED_BACK_STATUSES, REPAIR_CLOCK_RUNNING
from desktop_app.ui.dialogs.problems import Saving
from desktop_app.ui.labels import (
    action_label,
    category_label,
    coverage_label,
    payment_label,
    person_label,
    service_label,
    status_label,
)
from desktop_app.ui.labels import label as visit_result_label
from desktop_app.ui.labels import label as word_label
from desktop_app.ui.models.job_table_model import response_lateness

CLOCK_STYLE = "font-size: 14px; font-weight: bold; color: %s;"
NEXT_STYLE = "QPushButton { font-weight: bold; padding: 6px; }"
ACTION_COLUMNS = 2  # buttons per row in each group

# The action buttons' fixed places: by stage of the job, each stage's steps in workflow order.
# (key, title): the title is translated where it is shown (JobDialog._group_title).
ACTION_GROUPS: tuple[tuple[str, tuple[JobAction, ...]], ...] = (
    ("contact", (JobAction.RECORD_RESPONSE, JobAction.ASSIGN)),
    ("on_site", (JobAction.SCHEDULE_VISIT, JobAction.RECORD_VISIT)),
    (
        "bench",
        (
            JobAction.START_DIAGNOSIS,
            JobAction.RECORD_DIAGNOSIS,
            JobAction.NOT_QUALITY_PROBLEM,
            JobAction.WAIT_FOR_PARTS,
            JobAction.START_REPAIR,
            JobAction.MARK_READY,
            JobAction.CANNOT_REPAIR,
            JobAction.ADD_PART,
            JobAction.ADD_LABOUR,
            JobAction.REMOVE_LINE,
        ),
    ),
    (
        "quotation",
        (
            JobAction.WRITE_QUOTATION,
            JobAction.APPROVE_QUOTATION,
            JobAction.OVERRIDE_APPROVAL,
            JobAction.DECLINE_QUOTATION,
        ),
    ),
    (
        "return",
        (
            JobAction.START_INSPECTION,
            JobAction.APPROVE_REFUND,
            JobAction.APPROVE_EXCHANGE,
            JobAction.REFUSE_RETURN,
        ),
    ),
    (
        "close",
        (
            JobAction.HAND_BACK,
            JobAction.TAKE_DEPOSIT,
            JobAction.REFUND_PAYMENT,
            JobAction.RECORD_SATISFACTION,
            JobAction.CORRECTION,
            JobAction.CANCEL,
        ),
    ),
)
DEFAULT_SIZE = (1260, 660)  # within a 1366×768 screen with a taskbar (ui/fitting.py)


# The kinds of event that record a look at the job, not a change of it.
LOOK_KINDS = frozenset(kind.value for kind in LOOK_EVENTS)


def job_state(job: JobSnapshot, today: date | None = None) -> JobState:
    return JobState(
        status=job.status,
        coverage=job.coverage,
        service_requested=job.service_requested,
        first_response_at=job.first_response_at,
        has_active_lines=any(line.active for line in job.lines),
        satisfaction_recorded=job.satisfaction_score is not None,
        diagnosed=bool(job.diagnosis.strip()),
        refundable_cents=job.refundable_cents,
        quote=job.quote_state(today),
    )


class JobDialog(QDialog):
    receipt_requested = Signal(str)  # "intake", "return", "visit" (the visit sheet) or "label"
    action_requested = Signal(str)  # a JobAction value
    phone_requested = Signal()  # "show number": the controller records the look first
    complaint_requested = Signal()  # "Complaint…": a new complaint about this job
    decide_requested = Signal(int)  # a manager decides this compensation (its id)
    message_requested = Signal()  # "Message customer…" (issue 16)

    def __init__(
        self,
        job: JobSnapshot | None,
        *,
        role: Role,
        calendar: WorkCalendar,
        translate: Translator,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("job_dialog")
        self._role = role
        self._read_only = read_only  # a read-only database: the job is shown, no action offered
        self._calendar = calendar
        self._translate = translate
        self._now = now
        self.phone_shown = False  # for as long as this view is open, once the look is recorded
        self.show_phone_button: QPushButton | None = None
        self.action_buttons: dict[JobAction, QPushButton] = {}  # every one this role may take
        self._offered: list[JobAction] = []  # the ones that apply now
        self.next_action: JobAction | None = None

        self.heading = QLabel(self)
        self.heading.setObjectName("job_heading")
        self._build_changed_notice()
        self.response_clock_label = QLabel(self)
        self.response_clock_label.setObjectName("response_clock")
        self.repair_clock_label = QLabel(self)
        self.repair_clock_label.setObjectName("repair_clock")
        for label in (self.response_clock_label, self.repair_clock_label):
            label.setStyleSheet("font-size: 14px; font-weight: bold;")
        clocks = QHBoxLayout()
        clocks.addWidget(self.response_clock_label)
        clocks.addWidget(self.repair_clock_label)
        clocks.addStretch(1)
        # A paid job's quotation and where its approval stands (issue 16).
        self.quotation_label = QLabel(self)
        self.quotation_label.setObjectName("quotation_state")
        self.quotation_label.setWordWrap(True)
        self.quotation_label.hide()
        self.quotation_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._build_compensation()

        self.details_box = QGroupBox(self)
        details_page = QWidget(self)
        self.details = QFormLayout(details_page)
        details_scroll = QScrollArea(self.details_box)
        details_scroll.setObjectName("details_scroll")
        details_scroll.setWidgetResizable(True)
        details_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        details_scroll.setWidget(details_page)
        QVBoxLayout(self.details_box).addWidget(details_scroll)

        right = self._build_timeline_and_lines()

        self.actions_box = QGroupBox(self)
        self.actions_box.setObjectName("actions_box")
        self._build_actions()
        # While an action is saved, no action button works (nor the same one twice).
        self.saving = Saving(self, (), self._live_buttons)

        buttons = self._build_buttons(read_only)

        columns = QHBoxLayout()
        columns.addWidget(self.details_box, 4)
        columns.addLayout(right, 5)
        columns.addWidget(self.actions_box, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.changed_notice)
        layout.addLayout(clocks)
        layout.addLayout(columns, 1)
        layout.addWidget(self.saving.label)
        layout.addWidget(buttons)
        self.resize(*DEFAULT_SIZE)
        # None: a view built ahead while the counter is idle (ui/job_controller.py), holding no
        # job until `set_job` gives it one; it is shown only then.
        self._job: JobSnapshot | None = job
        self.retranslate()

    @property
    def job(self) -> JobSnapshot:
        if self._job is None:
            raise RuntimeError("the job view was built ahead and holds no job yet")
        return self._job

    def _build_changed_notice(self) -> None:
        """The "changed by NAME at TIME" notice: another counter changed the job while shown."""
        self.changed_notice = QLabel(self)
        self.changed_notice.setObjectName("changed_notice")
        self.changed_notice.setWordWrap(True)
        self.changed_notice.setStyleSheet(
            "background: #fff3cd; color: #5c4400; padding: 4px; border: 1px solid #e0c36b;"
        )
        self.changed_notice.hide()
        self._changed_by: EventSnapshot | None = None

    def _build_buttons(self, read_only: bool) -> QDialogButtonBox:
        """The receipts, the complaint and Close, below the columns."""
        buttons = QDialogButtonBox(self)
        self.intake_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.intake_button.setObjectName("intake_receipt_button")
        self.intake_button.clicked.connect(lambda: self.receipt_requested.emit("intake"))
        self.label_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.label_button.setObjectName("device_label_button")
        self.label_button.clicked.connect(lambda: self.receipt_requested.emit("label"))
        self.return_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.return_button.setObjectName("return_receipt_button")
        self.return_button.clicked.connect(lambda: self.receipt_requested.emit("return"))
        self.complaint_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.complaint_button.setObjectName("complaint_button")
        self.complaint_button.clicked.connect(lambda: self.complaint_requested.emit())
        self.complaint_button.setEnabled(not read_only)
        self.visit_sheet_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.visit_sheet_button.setObjectName("visit_sheet_button")
        self.visit_sheet_button.clicked.connect(lambda: self.receipt_requested.emit("visit"))
        self.message_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.message_button.setObjectName("message_customer_button")
        self.message_button.clicked.connect(lambda: self.message_requested.emit())
        self.message_button.setAutoDefault(False)
        self.payment_receipt_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.payment_receipt_button.setObjectName("payment_receipt_button")
        self.payment_receipt_button.clicked.connect(lambda: self.receipt_requested.emit("payment"))
        self.quotation_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.quotation_button.setObjectName("quotation_receipt_button")
        self.quotation_button.clicked.connect(lambda: self.receipt_requested.emit("quotation"))
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("close_button")
        close.clicked.connect(self.reject)
        # Enter takes the usual next step, whichever button last had the focus.
        for button in (
            self.intake_button,
            self.label_button,
            self.return_button,
            self.visit_sheet_button,
            self.payment_receipt_button,
            self.quotation_button,
            self.complaint_button,
            close,
        ):
            button.setAutoDefault(False)
        return buttons

    def _build_timeline_and_lines(self) -> QVBoxLayout:
        """The middle column: every event of the job above, its parts and charges below."""
        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setRootIsDecorated(False)
        for column, width in enumerate((130, 70, 170)):
            self.timeline.setColumnWidth(column, width)
        self.lines = QTreeWidget(self)
        self.lines.setObjectName("lines")
        self.lines.setRootIsDecorated(False)
        self.lines.setMaximumHeight(130)
        # The description takes what the figures leave: no sideways scrolling in the box.
        lines_header = self.lines.header()
        lines_header.setStretchLastSection(False)
        lines_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            lines_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("total_label")
        right = QVBoxLayout()
        # The compensation at the top of the middle column, under the clocks: a box across the
        # whole view would push its height past a 1366x768 screen.
        right.addWidget(self.compensation_box)
        self.timeline_box = timeline_box = QGroupBox(self)
        QVBoxLayout(timeline_box).addWidget(self.timeline)
        self.lines_box = lines_box = QGroupBox(self)
        lines_layout = QVBoxLayout(lines_box)
        lines_layout.addWidget(self.lines)
        lines_layout.addWidget(self.total_label)
        right.addWidget(timeline_box, 2)
        right.addWidget(lines_box, 1)
        right.addWidget(self._build_payments())
        return right

    def _build_payments(self) -> QGroupBox:
        """The job's money (issue 16): what the deposit still holds, paid, refunded, and each
        line with its method, who took it and when. Shown once the job has a line of money."""
        self.payments_box = QGroupBox(self)
        self.payments_box.setObjectName("payments_box")
        self.payments = QTreeWidget(self.payments_box)
        self.payments.setObjectName("payments")
        self.payments.setRootIsDecorated(False)
        self.payments.setMaximumHeight(110)
        self.payments.setColumnCount(6)
        header = self.payments.header()
        header.setStretchLastSection(True)
        for column in range(5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.payments_label = QLabel(self.payments_box)
        self.payments_label.setObjectName("payments_label")
        column = QVBoxLayout(self.payments_box)
        column.setContentsMargins(6, 2, 6, 4)
        column.addWidget(self.payments_label)
        column.addWidget(self.payments)
        self.payments_box.hide()
        return self.payments_box

    def changeEvent(self, event: QEvent) -> None:
        """A language change while the job is open: everything is shown again in the new one."""
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "_job"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The fixed texts, then the job itself, in the installed language."""
        self.details_box.setTitle(self.tr("Job"))
        self.timeline.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Note")]
        )
        self.lines.setHeaderLabels(
            [self.tr("Part / labour"), self.tr("Qty"), self.tr("Unit price"), self.tr("Charged")]
        )
        self.timeline_box.setTitle(self.tr("Timeline"))
        self.lines_box.setTitle(self.tr("Parts and charges"))
        self.actions_box.setTitle(self.tr("Actions"))
        for key, box in self.action_groups.items():
            box.setTitle(self._group_title(key))
        for action, button in self.action_buttons.items():
            button.setText(action_label(action))
        self.intake_button.setText(self.tr("Intake receipt…"))
        self.label_button.setText(self.tr("Print device label…"))
        self.complaint_button.setText(self.tr("Complaint…"))
        self.return_button.setText(self.tr("Return receipt…"))
        self.compensation_box.setTitle(self.tr("Compensation"))
        self.decide_button.setText(self.tr("Decide compensation…"))
        self.visit_sheet_button.setText(self.tr("Visit sheet…"))
        self.message_button.setText(self.tr("Message customer…"))
        self.payment_receipt_button.setText(self.tr("Print payment receipt…"))
        self.payments_box.setTitle(self.tr("Payments"))
        self.payments.setHeaderLabels(
            [self.tr("When"), self.tr("What"), self.tr("Method"), self.tr("Amount"),
             self.tr("Who"), self.tr("Note")]
        )  # fmt: skip
        self.quotation_button.setText(self.tr("Print quotation…"))
        self.saving.retranslate()
        self._show_changed_notice()
        if self._job is not None:
            self.set_job(self._job)
        self.set_compensations(self.compensations)

    # --- an action in flight ----------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.saving.active

    def set_busy(self, busy: bool) -> None:
        """While an action is being saved no other action (nor the same one twice) can start."""
        self.saving.start() if busy else self.saving.stop()

    def show_busy(self, busy: bool) -> None:
        """Shown only when a save takes long enough to notice."""
        self.saving.show_busy(busy)

    # --- showing a snapshot ---------------------------------------------------------------------

    def set_job(self, job: JobSnapshot) -> None:
        self._job = job
        self.setWindowTitle(self.tr("Job %s") % job.number)
        self.heading.setText(
            f"<h2>{job.number}</h2><b>{status_label(job.status)}</b> · "
            f"{coverage_label(job.coverage)}"
        )
        self._show_clocks(job)
        self._show_details(job)
        self._show_timeline(job)
        self._show_lines(job)
        self._show_payments(job)
        self._show_actions(job)
        self.return_button.setEnabled(job.status in HANDED_BACK_STATUSES)
        # The on-site actions keep their places (disabled) on other jobs, like every action.
        self.visit_sheet_button.setVisible(job.service_requested is ServiceKind.ON_SITE)
        # A message fits while the job is open or after its return (not a cancelled job).
        self.message_button.setEnabled(not self._read_only and bool(templates_for(job.status)))
        self.quotation_button.setVisible(job.coverage is Coverage.PAID)
        self.quotation_button.setEnabled(job.quotation is not None)
        self._show_quotation(job)

    def show_changed_elsewhere(self, job: JobSnapshot) -> None:
        """Show `job` as another counter left it, and say who changed it and when (its latest
        change; a look such as showing the phone number is no change)."""
        self.set_job(job)
        changes = [e for e in job.events if e.kind not in LOOK_KINDS]
        self._changed_by = max(changes, key=lambda e: e.id) if changes else None
        self._show_changed_notice()

    def _show_changed_notice(self) -> None:
        event = self._changed_by
        if event is None:
            return
        self.changed_notice.setText(
            self.tr("Changed at another counter by %1 at %2: this view shows the job as it is now.")
            .replace("%1", person_label(event.user_name))
            .replace("%2", f"{event.at:%Y-%m-%d %H:%M}")
        )
        self.changed_notice.show()

    def _show_clocks(self, job: JobSnapshot) -> None:
        now = self._now()
        response = response_clock(job.response_due_at, job.first_response_at, now)
        if response.responded_at is not None:
            text = (
                self.tr("First response: met at %s")
                if response.met
                else self.tr("First response: late, at %s")
            ) % f"{response.responded_at:%m-%d %H:%M}"
            colour = "#2e7d32" if response.met else "#c62828"
        elif response.overdue:
            hours, days = response_lateness(-response.seconds_left)
            if days:
                text = self.tr("First response overdue by %n days", "", days)
            else:
                text = (
                    self.tr("First response overdue by 1 hour")
                    if hours == 1
                    else self.tr("First response overdue by %n hours", "", hours)
                )
            colour = "#c62828"
        else:
            hours = response.seconds_left // 3600
            text = (
                self.tr("First response due in 1 hour")
                if hours == 1
                else self.tr("First response due in %n hours", "", hours)
            )
            colour = "#ef6c00" if hours < 4 else "#2e7d32"
        self.response_clock_label.setText(text)
        self.response_clock_label.setStyleSheet(
            f"font-size: 14px; font-weight: bold; color: {colour};"
        )

        if job.status in REPAIR_CLOCK_RUNNING:
            clock = repair_clock(self._calendar, job.repair_due_date, now.date())
            if clock.state is DueState.OVERDUE:
                text = (
                    self.tr("Repair overdue by 1 working day")
                    if clock.overdue_by == 1
                    else self.tr("Repair overdue by %n working days", "", clock.overdue_by)
                )
                colour = "#c62828"
            elif clock.state is DueState.DUE_TODAY:
                text, colour = self.tr("Repair due today"), "#ef6c00"
            else:
                text = (
                    self.tr("Repair: 1 working day left")
                    if clock.working_days_left == 1
                    else self.tr("Repair: %n working days left", "", clock.working_days_left)
                )
                colour = "#2e7d32"
        else:
            finished = job.ready_at or job.returned_at
            if finished is None:
                text, colour = "", "#37474f"
            else:
                outcome = promise_outcome(
                    self._calendar, job.checked_in_at, job.repair_due_date, finished
                )
                if outcome.on_time:
                    text = (
                        self.tr("Finished in 1 working day: on time")
                        if outcome.working_days_taken == 1
                        else self.tr(
                            "Finished in %n working days: on time", "", outcome.working_days_taken
                        )
                    )
                    colour = "#2e7d32"
                else:
                    text = (
                        self.tr("Finished late by 1 working day")
                        if outcome.late_by == 1
                        else self.tr("Finished late by %n working days", "", outcome.late_by)
                    )
                    colour = "#c62828"
        self.repair_clock_label.setText(text)
        self.repair_clock_label.setStyleSheet(
            f"font-size: 14px; font-weight: bold; color: {colour};"
        )

    def _show_details(self, job: JobSnapshot) -> None:
        while self.details.rowCount():
            self.details.removeRow(0)
        yes, no = self.tr("yes"), self.tr("no")

        def row(label: str, text: str) -> None:
            value = QLabel(text or "—", self)
            value.setWordWrap(True)
            self.details.addRow(label, value)

        self._customer_row(job)
        row(
            self.tr("Product"),
            f"{category_label(job.product.category)} · {job.product.description}",
        )
        row(self.tr("Serial / IMEI"), job.product.serial)
        row(
            self.tr("Purchased"),
            self.tr("%s, warranty until %s")
            % (job.product.purchase_date.isoformat(), job.warranty_end.isoformat()),
        )
        row(
            self.tr("Documents"),
            self.tr("voucher: %s · warranty card: %s · product: %s")
            % (
                yes if job.documents.purchase_voucher else no,
                yes if job.documents.warranty_card else no,
                yes if job.documents.product else no,
            ),
        )
        row(self.tr("Service asked for"), service_label(job.service_requested))
        if job.consultation_number:
            row(self.tr("From"), self.tr("consultation %s") % job.consultation_number)
        if job.service_requested is ServiceKind.ON_SITE:
            self._on_site_rows(job, row)
        row(
            self.tr("Verdict"),
            "\n".join(f"• {r.render(self._translate)}" for r in job.verdict_reasons),
        )
        if job.repeat_of:  # issue 16: free under the earlier repair's own warranty
            row(
                self.tr("Repeat repair"),
                self.tr("the same fault as job %s: free under its repair warranty") % job.repeat_of,
            )
        if job.not_quality_reason:
            row(self.tr("Not a quality problem"), job.not_quality_reason)
        row(self.tr("Fault"), job.fault_description)
        row(self.tr("How it was used"), job.usage_description)
        row(self.tr("Condition on arrival"), job.condition_on_arrival)
        row(self.tr("Accessories received"), job.accessories_received)
        row(self.tr("Diagnosis"), job.diagnosis)
        if job.work_done:
            row(self.tr("Work done"), job.work_done)
        row(
            self.tr("Checked in"),
            f"{job.checked_in_at:%Y-%m-%d %H:%M} · {person_label(job.checked_in_by)}",
        )
        row(self.tr("First response due"), f"{job.response_due_at:%Y-%m-%d %H:%M}")
        row(self.tr("Repair due"), self.tr("end of %s") % job.repair_due_date.isoformat())
        row(self.tr("Technician"), person_label(job.technician))
        if job.refund_cents is not None:
            row(self.tr("Refunded"), yuan(job.refund_cents))
        if job.replacement_serial:
            row(self.tr("Exchanged for"), f"{job.replacement_model} {job.replacement_serial}")
        if job.satisfaction_score is not None:
            row(
                self.tr("Satisfaction"),
                f"{job.satisfaction_score}/5 {job.satisfaction_comment}".strip(),
            )

    def _on_site_rows(self, job: JobSnapshot, row: Callable[[str, str], None]) -> None:
        """Where the technician goes, when, and what each visit found."""
        row(self.tr("Visit address"), job.visit_address)
        appointment = window_label(job.appointment_start, job.appointment_end)
        row(self.tr("Appointment"), appointment or self.tr("appointment to set"))
        if not job.visits:
            row(self.tr("Visits"), self.tr("none yet"))
        for number, visit in enumerate(job.visits, 1):
            lines = [
                f"{visit.arrived_at:%Y-%m-%d %H:%M}–{visit.left_at:%H:%M} · "
                f"{person_label(visit.technician)} · {visit_result_label(visit.result)}"
            ]
            if visit.work_done:
                lines.append(self.tr("Work done: %s") % visit.work_done)
            if visit.parts_used:
                lines.append(self.tr("Parts used: %s") % visit.parts_used)
            following = window_label(visit.next_visit_start, visit.next_visit_end)
            if following:
                lines.append(self.tr("Next visit: %s") % following)
            row(self.tr("Visit %d") % number, "\n".join(lines))

    def _customer_row(self, job: JobSnapshot) -> None:
        """The number masked, with "Show number" beside it; the whole number once shown."""
        customer = job.customer
        phone = customer.phone if self.phone_shown else customer.masked_phone
        value = QWidget(self)
        line = QHBoxLayout(value)
        line.setContentsMargins(0, 0, 0, 0)
        text = QLabel(f"{customer.name}  {phone}", value)
        text.setObjectName("customer_label")
        text.setWordWrap(True)
        line.addWidget(text, 1)
        self.show_phone_button = None
        if not self.phone_shown:
            button = QPushButton(self.tr("Show number"), value)
            button.setObjectName("show_phone_button")
            button.setAutoDefault(False)
            if self._read_only:
                # A look is recorded before the number shows: a read-only database cannot take it.
                button.setToolTip(self.tr("The database is read-only: the look cannot be recorded"))
            else:
                button.setToolTip(self.tr("Shows the whole number to call the customer; recorded"))
            button.setEnabled(not self.busy and not self._read_only)
            button.clicked.connect(lambda _checked=False: self.phone_requested.emit())
            line.addWidget(button)
            self.show_phone_button = button
        self.details.addRow(self.tr("Customer"), value)

    def _show_timeline(self, job: JobSnapshot) -> None:
        self.timeline.clear()
        # The facts are rendered now, in the viewer's language, whoever wrote them and in
        # whatever language the window was then.
        for event in job.events:
            QTreeWidgetItem(
                self.timeline,
                [
                    f"{event.at:%Y-%m-%d %H:%M}",
                    person_label(event.user_name),
                    events.title(event, self._translate),
                    events.describe(event, self._translate),
                ],
            )

    def _show_lines(self, job: JobSnapshot) -> None:
        self.lines.clear()
        for line in job.lines:
            name = line.description + (f" ({line.part_model})" if line.part_model else "")
            charged = yuan(line.charged_cents) if line.charged_cents else self.tr("free")
            if not line.active:
                name = self.tr("%s — removed") % name
                charged = "—"
            item = QTreeWidgetItem(
                self.lines,
                [name, str(line.quantity), yuan(line.unit_price_cents), charged],
            )
            if line.model_reason:  # a part not listed for the product's model: the reason why
                reason = self.tr("Not listed for this model; reason: %s") % line.model_reason
                item.setText(0, f"{name} ⚠")
                item.setToolTip(0, reason)
                QTreeWidgetItem(item, [reason])
                item.setExpanded(True)
        total = self.tr("Total charged: %s") % yuan(job.total_charged_cents)
        if job.declined_fee_cents is not None:  # unrepaired: the inspection fee is the charge
            total = self.tr("Quotation declined: inspection fee %s only") % yuan(
                job.declined_fee_cents
            )
        self.total_label.setText(total)

    def _show_quotation(self, job: JobSnapshot) -> None:
        """Where a paid job's quotation stands: its number, total and validity, and the
        customer's answer, or what is needed before work starts."""
        state = job.quote_state(self._now().date())
        self.quotation_label.setVisible(state is not None)
        if state is None:
            return
        quotation = job.quotation
        said = word_label(state)
        if quotation is not None and state is QuoteState.APPROVED:
            said = self._approval_text(quotation)
        elif state is QuoteState.DECLINED and quotation is not None:
            said = self.tr("declined by the customer: returned unrepaired, inspection fee %s") % (
                yuan(quotation.inspection_fee_cents or 0)
            )
        colour = {
            QuoteState.APPROVED: "#2e7d32",
            QuoteState.PENDING: "#ef6c00",
            QuoteState.DECLINED: "#37474f",
        }.get(state, "#c62828")
        head = (
            self.tr("Quotation %1: %2, valid until %3")
            .replace("%1", str(quotation.number))
            .replace("%2", yuan(quotation.total_cents))
            .replace("%3", quotation.valid_until.isoformat())
            if quotation is not None
            else self.tr("Quotation")
        )
        self.quotation_label.setText(
            f"<b>{_escaped(head)}</b> · <b style='color: {colour}'>{_escaped(said)}</b>"
        )

    def _approval_text(self, quotation: QuotationSnapshot) -> str:
        at = f"{quotation.approved_at:%m-%d %H:%M}" if quotation.approved_at else ""
        method = quotation.approved_via
        if method is ApprovalMethod.PHONE:
            called = f"{quotation.called_at:%m-%d %H:%M}" if quotation.called_at else ""
            return (
                self.tr("approved by phone: %1 called %2, %3 answered")
                .replace("%1", person_label(quotation.approved_by))
                .replace("%2", called)
                .replace("%3", quotation.answered_by)
            )
        if method is ApprovalMethod.SIGNATURE:
            return (
                self.tr("approved: signed copy returned %1 (%2)")
                .replace("%1", at)
                .replace("%2", person_label(quotation.approved_by))
            )
        return (
            self.tr("manager's override by %1 at %2: %3")
            .replace("%1", person_label(quotation.approved_by))
            .replace("%2", at)
            .replace("%3", quotation.override_reason)
        )

    def _show_payments(self, job: JobSnapshot) -> None:
        self.payments.clear()
        self.payments_box.setVisible(bool(job.payments))
        self.payment_receipt_button.setEnabled(bool(job.payments))
        for line in job.payments:
            amount = yuan(line.amount_cents)
            if line.tendered_cents is not None:
                amount = self.tr("%1 (tendered %2, change %3)")
                amount = (
                    amount.replace("%1", yuan(line.amount_cents))
                    .replace("%2", yuan(line.tendered_cents))
                    .replace("%3", yuan(line.change_cents))
                )
            QTreeWidgetItem(
                self.payments,
                [
                    f"{line.at:%Y-%m-%d %H:%M}",
                    self._translate(PAYMENT_KIND_LABELS[line.kind]),
                    payment_label(line.method) if line.method is not None else "—",
                    amount,
                    person_label(line.taken_by),
                    line.note,
                ],
            )
        self.payments_label.setText(
            self.tr("Deposit held: %1 · Paid: %2 · Refunded: %3")
            .replace("%1", yuan(job.deposit_held_cents))
            .replace("%2", yuan(job.paid_cents))
            .replace("%3", yuan(job.refunded_cents))
        )

    # --- the job's compensation -------------------------------------------------------------------

    def _build_compensation(self) -> None:
        """A box under the clocks, shown once the job has a compensation (read in the background
        with the job: `set_compensations`); a manager decides a proposal from it."""
        self.compensations: tuple[CompensationSnapshot, ...] = ()
        self.compensation_box = QGroupBox(self)
        self.compensation_box.setObjectName("compensation_box")
        self.compensation_label = QLabel(self.compensation_box)
        self.compensation_label.setObjectName("compensation_label")
        self.compensation_label.setWordWrap(True)
        # A wrapped label gets one line's height unless it may grow.
        self.compensation_label.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum
        )
        self.decide_button = QPushButton(self.compensation_box)
        self.decide_button.setObjectName("decide_compensation_button")
        self.decide_button.setAutoDefault(False)
        self.decide_button.clicked.connect(self._decide)
        column = QVBoxLayout(self.compensation_box)
        column.setContentsMargins(6, 2, 6, 4)
        column.addWidget(self.compensation_label)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.decide_button)
        column.addLayout(row)
        self.compensation_box.hide()
        self.decide_button.hide()

    def set_compensations(self, items: Sequence[CompensationSnapshot]) -> None:
        self.compensations = tuple(items)
        self.compensation_box.setVisible(bool(self.compensations))
        self.compensation_label.setText(
            "<br>".join(self.compensation_text(item) for item in self.compensations)
        )
        deciding = self.may_decide()
        self.decide_button.setVisible(deciding)
        self.decide_button.setEnabled(deciding and not self.busy)

    def may_decide(self) -> bool:
        """A manager, on a writable database, with a proposal awaiting a decision."""
        return (
            self.pending_compensation() is not None
            and may(self._role, Action.DECIDE_COMPENSATION)
            and not self._read_only
        )

    def pending_compensation(self) -> CompensationSnapshot | None:
        return next((c for c in self.compensations if c.state is CompensationState.PROPOSED), None)

    def compensation_text(self, item: CompensationSnapshot) -> str:
        """Missed, state, offers in words, who decided and why: one line of the box."""
        t = self._translate
        missed = t("; ").join(missed_words(m, t) for m in item.missed)
        if item.complaint_number:
            missed = self.tr("complaint %s: %s") % (item.complaint_number, missed)
        proposed = offers_words(item.proposed, t) or self.tr("nothing")
        state = item.state
        details = ""
        if state is CompensationState.PROPOSED:
            colour = "#ef6c00"
            said = self.tr("proposed %s, awaiting a manager's decision") % proposed
        else:
            colour = "#c62828" if state is CompensationState.DECLINED else "#2e7d32"
            given = offers_words(item.given, t) or self.tr("nothing")
            if state is CompensationState.APPROVED:
                said = self.tr("approved: %s") % given
            elif state is CompensationState.CHANGED:
                said = self.tr("changed to %s") % given
            else:
                said = self.tr("declined")
            decided = f"{item.decided_at:%Y-%m-%d %H:%M}" if item.decided_at else ""
            details = self.tr("proposed %1 · decided by %2, %3")
            details = (
                details.replace("%1", _escaped(proposed))
                .replace("%2", _escaped(person_label(item.decided_by)))
                .replace("%3", decided)
            )
            if item.reason:
                details += self.tr(" · reason: %s") % _escaped(item.reason)
        line = (
            self.tr("%1: %2")
            .replace("%1", _escaped(missed))
            .replace("%2", f"<b style='color: {colour}'>{_escaped(said)}</b>")
        )
        return f"{line}<br>{details}" if details else line

    def _decide(self) -> None:
        pending = self.pending_compensation()
        if pending is not None and not self.busy:
            self.decide_requested.emit(pending.id)

    # --- the action buttons -----------------------------------------------------------------------

    def _build_actions(self) -> None:
        """Every action this role may ever take gets its button, once, in its fixed place."""
        layout = QVBoxLayout(self.actions_box)
        self.next_button = QPushButton(self.actions_box)
        self.next_button.setObjectName("next_action_button")
        self.next_button.setStyleSheet(NEXT_STYLE)
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self._take_next)
        layout.addWidget(self.next_button)
        self.action_groups: dict[str, QGroupBox] = {}
        for key, actions in ACTION_GROUPS:
            mine = [a for a in actions if may(self._role, PERMISSION[a])]
            if not mine:
                continue
            box = QGroupBox(self.actions_box)
            box.setObjectName(f"actions_{key}")
            grid = QGridLayout(box)
            grid.setContentsMargins(4, 4, 4, 4)
            columns = ACTION_COLUMNS
            if key == "quotation":
                # Beside the parts and charges it quotes, under where the approval stands:
                # in the actions column it would push the view past a 1366x768 screen.
                grid.addWidget(self.quotation_label, 0, 0, 1, 4)
                columns = 4
            for index, action in enumerate(mine):
                button = QPushButton(box)
                button.setObjectName("action_" + action.name.lower())
                button.setAutoDefault(False)  # Enter is the next step's, not the focused one's
                button.clicked.connect(
                    lambda _checked=False, a=action: self.action_requested.emit(a.value)
                )
                self.action_buttons[action] = button
                row, column = divmod(index, columns)
                grid.addWidget(button, row + (key == "quotation"), column)
            self.action_groups[key] = box
            if key == "quotation":
                self.lines_box.layout().addWidget(box)
                continue
            layout.addWidget(box)
        layout.addStretch(1)

    def _group_title(self, key: str) -> str:
        return {
            "contact": self.tr("Customer and technician"),
            "on_site": self.tr("On-site service"),
            "bench": self.tr("Repair"),
            "quotation": self.tr("Quotation (paid repair)"),
            "return": self.tr("7-day return or exchange"),
            "close": self.tr("Hand back and after"),
        }[key]

    def _show_actions(self, job: JobSnapshot) -> None:
        state = job_state(job, self._now().date())
        # A read-only database: the job is shown, no action offered.
        self._offered = [] if self._read_only else available_actions(state, self._role)
        self.next_action = None if self._read_only else next_action(state, self._role)
        for action, button in self.action_buttons.items():
            button.setEnabled(action in self._offered and not self.busy)
        if self.next_action is None:
            self.next_button.setText(self.tr("No next step"))
        else:
            self.next_button.setText(self.tr("Next: %s") % action_label(self.next_action))
        self.next_button.setEnabled(self.next_action is not None and not self.busy)
        if self.next_action is not None:
            self.next_button.setFocus()

    def _take_next(self) -> None:
        if self.next_action is not None and not self.busy:
            self.action_requested.emit(self.next_action.value)

    def _live_buttons(self) -> list[QWidget]:
        """What works while nothing is being saved: the buttons of the actions that apply now."""
        live: list[QWidget] = [self.action_buttons[a] for a in self._offered]
        if self.next_action is not None:
            live.append(self.next_button)
        if self.show_phone_button is not None and not self._read_only:
            live.append(self.show_phone_button)
        if self.may_decide():
            live.append(self.decide_button)
        return live

    def offered_actions(self) -> list[JobAction]:
        """The actions that apply now (their buttons enabled), in the buttons' fixed order."""
        return [a for a in self.action_buttons if a in self._offered]

    # --- the customer's number -------------------------------------------------------------------

    def show_phone(self, job: JobSnapshot) -> None:
        """The look is on the record (`job` has its event): show the whole number from now on."""
        self.phone_shown = True
        self.set_job(job)


def _escaped(text: str) -> str:
    """Typed text inside the box's rich text: shown as typed, never as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
