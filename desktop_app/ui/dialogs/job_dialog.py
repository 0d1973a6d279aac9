"""One job at a glance: customer, product, documents, verdict, clocks and the event timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.text import Translator
from desktop_app.ui.labels import (
    category_label,
    coverage_label,
    event_label,
    service_label,
    status_label,
)


class JobDialog(QDialog):
    receipt_requested = Signal()

    def __init__(
        self,
        job: JobSnapshot,
        *,
        translate: Translator,
        now: Callable[[], datetime] = datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("job_dialog")
        self.job = job
        self.setWindowTitle(self.tr("Job %s") % job.number)
        yes, no = self.tr("yes"), self.tr("no")

        def value(text: str) -> QLabel:
            label = QLabel(text or "—", self)
            label.setWordWrap(True)
            return label

        heading = QLabel(
            f"<h2>{job.number}</h2><b>{status_label(job.status)}</b> · "
            f"{coverage_label(job.coverage)}",
            self,
        )
        heading.setObjectName("job_heading")

        details = QGroupBox(self.tr("Job"), self)
        form = QFormLayout(details)
        form.addRow(self.tr("Customer"), value(f"{job.customer.name}  {job.customer.masked_phone}"))
        form.addRow(
            self.tr("Product"),
            value(f"{category_label(job.product.category)} · {job.product.description}"),
        )
        form.addRow(self.tr("Serial / IMEI"), value(job.product.serial))
        form.addRow(
            self.tr("Purchased"),
            value(
                self.tr("%s, warranty until %s")
                % (job.product.purchase_date.isoformat(), job.warranty_end.isoformat())
            ),
        )
        form.addRow(
            self.tr("Documents"),
            value(
                self.tr("voucher: %s · warranty card: %s · product: %s")
                % (
                    yes if job.documents.purchase_voucher else no,
                    yes if job.documents.warranty_card else no,
                    yes if job.documents.product else no,
                )
            ),
        )
        form.addRow(self.tr("Service asked for"), value(service_label(job.service_requested)))
        form.addRow(
            self.tr("Verdict"),
            value("\n".join(f"• {r.render(translate)}" for r in job.verdict_reasons)),
        )
        form.addRow(self.tr("Fault"), value(job.fault_description))
        form.addRow(self.tr("How it was used"), value(job.usage_description))
        form.addRow(self.tr("Condition on arrival"), value(job.condition_on_arrival))
        form.addRow(self.tr("Accessories received"), value(job.accessories_received))
        form.addRow(
            self.tr("Checked in"),
            value(f"{job.checked_in_at:%Y-%m-%d %H:%M} · {job.checked_in_by}"),
        )
        responded = (
            self.tr("responded %s") % f"{job.first_response_at:%Y-%m-%d %H:%M}"
            if job.first_response_at
            else self.tr("waiting")
        )
        form.addRow(
            self.tr("First response due"),
            value(f"{job.response_due_at:%Y-%m-%d %H:%M} ({responded})"),
        )
        form.addRow(self.tr("Repair due"), value(job.repair_due_date.isoformat()))
        form.addRow(self.tr("Technician"), value(job.technician))

        self.timeline = QTreeWidget(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Note")]
        )
        self.timeline.setRootIsDecorated(False)
        for event in job.events:
            what = event_label(event.kind)
            if event.to_status is not None:
                what = status_label(event.to_status)
            QTreeWidgetItem(
                self.timeline,
                [f"{event.at:%Y-%m-%d %H:%M}", event.user_name, what, event.note],
            )
        for column, width in enumerate((130, 80, 140)):
            self.timeline.setColumnWidth(column, width)
        timeline_box = QGroupBox(self.tr("Timeline"), self)
        QVBoxLayout(timeline_box).addWidget(self.timeline)

        buttons = QDialogButtonBox(self)
        receipt = buttons.addButton(
            self.tr("Intake receipt…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        receipt.setObjectName("intake_receipt_button")
        receipt.clicked.connect(self.receipt_requested)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        columns = QHBoxLayout()
        columns.addWidget(details, 1)
        columns.addWidget(timeline_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)
        self.resize(1000, 640)
