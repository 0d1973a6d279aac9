"""The printed quotation (维修报价单) of a paid repair: what the customer approves before work.

It shows the job's latest quotation as it was written (its lines frozen, not the job's lines of
today), the total, the day it holds until, the shop's terms for a paid repair (validity, parts
of the same model, the inspection fee if declined) and a line for the customer's signature: a
signed copy brought back is one of the two ways the approval is recorded.

Labels follow the intake receipt's convention: every fixed label is a string literal in a
`t("...")` call, or marked with `N_` where declared (TERMS), so lupdate finds it; what people
typed is escaped by `Styles.para` and prints exactly as typed.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from desktop_app.domain.money import yuan
from desktop_app.domain.quotation import QuotationSnapshot, QuotedLine
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import N_, Translator, no_translation
from desktop_app.domain.vocabulary import (
    APPROVAL_METHOD_LABELS,
    CATEGORY_LABELS,
    LineKind,
    day_with_weekday,
    label_of,
    person_name,
)
from desktop_app.receipts.layout import (
    JobReceipt,
    Layout,
    Value,
    minute_text,
    render_job_receipt,
    table_style,
    value_text,
)

# The shop's terms for a paid repair, in the order a customer asks about them.
TERMS: tuple[str, ...] = (
    N_("This quotation is valid until the day shown above; after it the repair is quoted again."),
    N_("Work starts only after you approve this quotation, by phone or by signing this copy."),
    N_("Faulty parts are replaced with parts of the same model."),
    N_(
        "If more faults are found during the repair, we quote again and wait for your approval "
        "before going on."
    ),
    N_(
        "If you decline, the product is returned unrepaired and only the inspection fee of "
        "{fee} is charged."
    ),
    N_("After-sales hotline, around the clock: {hotline}"),
)


def render_quotation(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
) -> bytes:
    """The job's latest quotation as PDF bytes, on A4 or an 80 mm roll. A job without a
    quotation has nothing to print (ValueError, said by the callers before they call)."""
    if job.quotation is None:
        raise ValueError(f"job {job.number} has no quotation yet")
    t = translate
    return render_job_receipt(
        lambda layout: _QuotationReceipt(job, shop, translate, layout),
        t("Repair quotation"),
        translate=translate,
        paper=paper,
        printed_at=printed_at,
    )


class _QuotationReceipt(JobReceipt):
    def __init__(
        self, job: JobSnapshot, shop: ShopSnapshot, translate: Translator, layout: Layout
    ) -> None:
        super().__init__(job, shop, translate, layout)
        assert job.quotation is not None
        self.quotation: QuotationSnapshot = job.quotation

    def story(self) -> list[Flowable]:
        t, job, q = self.translate, self.job, self.quotation
        product = job.product
        story: list[Flowable] = self.b.header(self.shop, t("Repair quotation"), job.number)
        story += self.b.section(
            t("Customer and product"),
            [
                (t("Customer"), value_text(job.customer.name)),
                (t("Phone"), value_text(job.customer.masked_phone)),
                (t("Category"), t(CATEGORY_LABELS[product.category])),
                (t("Product"), value_text(product.description)),
                (t("Serial / IMEI"), value_text(product.serial)),
                (t("Checked in"), minute_text(job.checked_in_at)),
            ],
        )
        story += self.b.section(
            t("Diagnosis"),
            [
                (t("Fault description"), value_text(job.fault_description)),
                (t("Diagnosis"), value_text(q.diagnosis)),
            ],
            wide=True,
        )
        story += self.b.heading(t("Parts and labour"))
        if q.lines:
            story.append(self._lines_table(q.lines))
        else:
            story.append(self.para(t("No parts or labour: the work at no charge."), self.s.body))
        story.append(self.b.box(t("Quotation {number}").format(number=q.number), self._summary()))
        story += self.b.heading(t("Terms"))
        fee = yuan(self.shop.inspection_fee_cents)
        hotline = value_text(self.shop.hotline)
        story += [
            self.para(t(term).format(fee=fee, hotline=hotline), self.s.term, f"{n}.")
            for n, term in enumerate(TERMS, start=1)
        ]
        story.append(
            self.b.signatures(
                t("I approve the repair at the total quoted above."),
                t("Customer signature"),
                t("Clerk signature"),
            )
        )
        return story

    def _summary(self) -> list[tuple[str, Value]]:
        t, q = self.translate, self.quotation
        rows: list[tuple[str, Value]] = [
            (t("Total"), yuan(q.total_cents)),
            (t("Valid until"), day_with_weekday(q.valid_until, t)),
            (
                t("Quoted by"),
                t("{name}, {at}").format(
                    name=value_text(person_name(q.written_by, t)), at=minute_text(q.written_at)
                ),
            ),
        ]
        if q.approved_via is not None:
            how = t(APPROVAL_METHOD_LABELS[q.approved_via])
            rows.append((t("Approved"), f"{how}, {minute_text(q.approved_at)}"))
        elif q.declined_at is not None:
            rows.append((t("Declined"), minute_text(q.declined_at)))
        return rows

    def _lines_table(self, lines: tuple[QuotedLine, ...]) -> Table:
        """Item, quantity, unit price, amount on A4; on a roll the item with its quantity and
        unit price under it, the amount beside it."""
        t, s, layout = self.translate, self.s, self.layout

        def item(line: QuotedLine) -> str:
            text = f"{t(label_of(LineKind, line.kind))}: {value_text(line.description)}"
            if line.part_model.strip():
                model = t("(part model {model})").format(model=line.part_model.strip())
                text += f" {model}"
            return text

        data: list[list[object]]
        if layout.two_columns:
            number_width, quantity_width = 28 * mm, 12 * mm
            widths = [layout.frame_width - quantity_width - 2 * number_width, quantity_width]
            widths += [number_width, number_width]
            data = [
                [
                    self.para(t("Item"), s.label),
                    self.para(t("Qty"), s.amount_label),
                    self.para(t("Unit price"), s.amount_label),
                    self.para(t("Amount"), s.amount_label),
                ]
            ]
            data += [
                [
                    self.para(item(line), s.body),
                    self.para(str(line.quantity), s.amount),
                    self.para(yuan(line.unit_price_cents), s.amount),
                    self.para(yuan(line.charged_cents), s.amount),
                ]
                for line in lines
            ]
        else:
            amount_width = 22 * mm
            widths = [layout.frame_width - amount_width, amount_width]
            data = [[self.para(t("Item"), s.label), self.para(t("Amount"), s.amount_label)]]
            data += [
                [
                    [
                        self.para(item(line), s.body),
                        self.para(f"{line.quantity} × {yuan(line.unit_price_cents)}", s.small),
                    ],
                    self.para(yuan(line.charged_cents), s.amount),
                ]
                for line in lines
            ]
        return Table(
            data,
            colWidths=widths,
            repeatRows=1,
            splitInRow=1,
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-2, -1), 4),
                    ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, layout.rule),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.6, layout.rule),
                ]
            ),
        )
