"""The visit sheet (上门服务单): what the technician takes along to an on-site job.

The top half is what the technician needs on the doorstep: the job (number, barcode and QR code
as on the intake receipt), the appointment, the customer (phone masked: the sheet lies on a
stranger's table), the visit address, the product, its fault and how it was used, and what the
warranty covers. The bottom half is filled in by hand on site: the arrival and leaving times,
the work done, the parts used (part, model, quantity: a warranty repair uses parts of the same
model) and the customer's signature. The technician then records the visit from it ("Record
visit…"). Always A4: it is filled in by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.vocabulary import (
    CATEGORY_LABELS,
    COVERAGE_LABELS,
    VISIT_RESULT_LABELS,
    day_with_weekday,
    person_name,
)
from desktop_app.receipts.layout import (
    LAYOUTS,
    JobReceipt,
    Value,
    day_text,
    minute_text,
    page_footer,
    render_job_receipt,
    render_pdf,
    table_style,
    value_text,
)

PART_ROWS = 4  # empty lines for the parts used
WORK_LINES = 3  # ruled lines for the work done


def render_visit_sheet(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    printed_at: datetime | None = None,
) -> bytes:
    """The visit sheet of an on-site `job` as PDF bytes (A4)."""
    t = translate
    return render_job_receipt(
        lambda layout: _VisitSheet(job, shop, translate, layout),
        t("On-site visit sheet"),
        translate=translate,
        paper="a4",
        printed_at=printed_at,
    )


def render_visit_sheets(
    jobs: Sequence[JobSnapshot],
    shop: ShopSnapshot,
    *,
    title: str,
    translate: Translator = no_translation,
    printed_at: datetime | None = None,
) -> bytes:
    """Several jobs' sheets in one PDF, each starting on a new page (a technician's day): the
    footer names `title` (the day's list) instead of a single job number."""
    if len(jobs) == 1:
        return render_visit_sheet(jobs[0], shop, translate=translate, printed_at=printed_at)
    t = translate
    layout = LAYOUTS["a4"]
    sheets = [_VisitSheet(job, shop, translate, layout) for job in jobs]

    def story() -> list[Flowable]:
        flowables: list[Flowable] = []
        for index, sheet in enumerate(sheets):
            flowables += [PageBreak()] if index else []
            flowables += sheet.story()
        return flowables

    printed = printed_at or datetime.now().replace(microsecond=0)
    footer = page_footer(
        t("Printed {at}").format(at=minute_text(printed)), title, t("Page {page}"), layout
    )
    meta = {
        "title": f"{t('On-site visit sheet')} {title}",
        "author": shop.name.strip(),
        "subject": title,
    }
    return render_pdf(story, layout, footer, meta)


class _VisitSheet(JobReceipt):
    def story(self) -> list[Flowable]:
        t, job = self.translate, self.job
        product = job.product
        story: list[Flowable] = self.b.header(self.shop, t("On-site visit sheet"), job.number)
        story.append(self.b.box(t("Appointment"), self._appointment()))
        story += self.b.section(
            t("Customer"),
            [
                (t("Customer"), value_text(job.customer.name)),
                (t("Phone"), value_text(job.customer.masked_phone)),
            ],
        )
        story += self.b.section(
            t("Product"),
            [
                (t("Category"), t(CATEGORY_LABELS[product.category])),
                (t("Brand"), value_text(product.brand)),
                (t("Model"), value_text(product.model)),
                (t("Serial / IMEI"), value_text(product.serial)),
                (t("Purchase date"), day_text(product.purchase_date)),
                (t("Warranty ends"), day_text(job.warranty_end)),
            ],
        )
        coverage = t(COVERAGE_LABELS[job.coverage])
        story += self.b.section(
            t("Fault and coverage"),
            [
                (t("Coverage"), coverage),
                (t("Fault description"), value_text(job.fault_description)),
                (t("How it was used"), value_text(job.usage_description)),
                *([(t("Diagnosis"), value_text(job.diagnosis))] if job.diagnosis else []),
            ],
            wide=True,
        )
        if job.visits:
            story += self.b.section(t("Earlier visits"), self._earlier_visits(), wide=True)
        story += self._filled_on_site()
        story.append(
            self.b.signatures(
                t("The customer confirms the visit times, the work done and the parts used."),
                t("Customer signature"),
                t("Technician signature"),
            )
        )
        return story

    def _appointment(self) -> list[tuple[str, Value]]:
        t, job = self.translate, self.job
        if job.appointment_start is not None and job.appointment_end is not None:
            day = day_with_weekday(job.appointment_start.date(), t)
            when = f"{day} {job.appointment_start:%H:%M}–{job.appointment_end:%H:%M}"
        else:
            when = t("to be agreed with the customer")
        technician = person_name(job.technician, t) if job.technician else "—"
        return [
            (t("Appointment"), when),
            (t("Visit address"), value_text(job.visit_address)),
            (t("Technician"), technician),
        ]

    def _earlier_visits(self) -> list[tuple[str, Value]]:
        t = self.translate
        rows: list[tuple[str, Value]] = []
        for visit in self.job.visits:
            result = t(VISIT_RESULT_LABELS[visit.result])
            text = f"{visit.arrived_at:%Y-%m-%d %H:%M}–{visit.left_at:%H:%M} {result}"
            if visit.work_done:
                text += f"\n{visit.work_done}"
            rows.append((person_name(visit.technician, t), text))
        return rows

    def _filled_on_site(self) -> list[Flowable]:
        """Boxes and lines the technician fills in by hand."""
        t, s, layout = self.translate, self.s, self.layout
        width = layout.frame_width
        label = layout.label_width
        times = Table(
            [
                [
                    self.para(t("Arrived"), s.label),
                    "",
                    self.para(t("Left"), s.label),
                    "",
                ]
            ],
            colWidths=[label, width / 2 - label, label, width / 2 - label],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), layout.base_size * 1.6),
                    ("LINEBELOW", (1, 0), (1, 0), 0.6, colors.black),
                    ("LINEBELOW", (3, 0), (3, 0), 0.6, colors.black),
                ]
            ),
        )
        work = Table(
            [[""] for _ in range(WORK_LINES)],
            colWidths=[width],
            rowHeights=[6.5 * mm] * WORK_LINES,
            style=table_style([("LINEBELOW", (0, 0), (-1, -1), 0.5, layout.rule)]),
        )
        heads = [t("Part"), t("Model"), t("Quantity")]
        parts = Table(
            [[self.para(h, s.label) for h in heads], *[["", "", ""] for _ in range(PART_ROWS)]],
            colWidths=[width * 0.5, width * 0.35, width * 0.15],
            rowHeights=[None, *[6.5 * mm] * PART_ROWS],
            style=table_style(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, layout.rule),
                    ("BACKGROUND", (0, 0), (-1, 0), layout.shade),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ]
            ),
        )
        return [
            *self.b.heading(t("Filled in on site")),
            times,
            Spacer(0, 3 * mm),
            KeepTogether([self.para(t("Work done"), s.label), work]),
            Spacer(0, 3 * mm),
            KeepTogether([self.para(t("Parts used"), s.label), Spacer(0, 1 * mm), parts]),
        ]
