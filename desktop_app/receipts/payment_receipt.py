"""The payment receipt (收款凭证): every line of money of a job, or of one transaction (the
lines written together, e.g. a hand-back's split payment), with who took it and when.

Printed when asked: from the job view or `repair-counter receipt JOB --kind payment`. The shop
header carries the job number as Code 128 and QR code like the other receipts; the customer's
phone is masked. Fixed labels are `t("...")` literals or labels of the domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PaymentLine
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.vocabulary import person_name
from desktop_app.receipts.layout import (
    JobReceipt,
    Value,
    minute_text,
    render_job_receipt,
    table_style,
    value_text,
)
from desktop_app.receipts.money_lines import line_label, line_tendered, signed_amount


def render_payment_receipt(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
    transaction_at: datetime | None = None,
) -> bytes:
    """The payment receipt of `job` as PDF bytes, on A4 or an 80 mm roll: all its lines of
    money, or only those of the transaction made at `transaction_at`."""
    t = translate
    return render_job_receipt(
        lambda layout: _PaymentReceipt(job, shop, translate, layout, transaction_at),
        t("Payment receipt"),
        translate=translate,
        paper=paper,
        printed_at=printed_at,
    )


class _PaymentReceipt(JobReceipt):
    def __init__(
        self,
        job: JobSnapshot,
        shop: ShopSnapshot,
        translate: Translator,
        layout: object,
        transaction_at: datetime | None,
    ) -> None:
        super().__init__(job, shop, translate, layout)  # type: ignore[arg-type]
        self.transaction_at = transaction_at

    def lines(self) -> list[PaymentLine]:
        if self.transaction_at is None:
            return list(self.job.payments)
        return [line for line in self.job.payments if line.at == self.transaction_at]

    def story(self) -> list[Flowable]:
        t, job = self.translate, self.job
        story: list[Flowable] = self.b.header(self.shop, t("Payment receipt"), job.number)
        story += self.b.section(
            t("Customer"),
            [
                (t("Customer"), value_text(job.customer.name)),
                (t("Phone"), value_text(job.customer.masked_phone)),
                (t("Product"), value_text(job.product.description)),
                (t("Total charged"), yuan(job.amount_due_cents)),  # a declined quotation: the fee
            ],
        )
        lines = self.lines()
        story += self.b.heading(t("Money taken and given back"))
        if lines:
            story.append(self._table(lines))
        else:
            story.append(self.para(t("No money was taken for this job."), self.s.body))
        totals: list[tuple[str, Value]] = [
            (t("Deposit held"), yuan(job.deposit_held_cents)),
            (t("Paid"), yuan(job.paid_cents)),
            (t("Refunded"), yuan(job.refunded_cents)),
        ]
        story += self.b.section(t("Totals for the job"), totals, wide=True)
        story.append(
            self.b.signatures(
                t("The customer confirms the amounts above."),
                t("Customer signature"),
                t("Clerk signature"),
            )
        )
        return story

    def _who(self, line: PaymentLine) -> str:
        t = self.translate
        who = t("{when} · {who}").format(
            when=minute_text(line.at), who=value_text(person_name(line.taken_by, t))
        )
        return f"{who} · {line.note.strip()}" if line.note.strip() else who

    def _amount(self, line: PaymentLine) -> list[Flowable]:
        """The amount, and under it, for cash, what was handed over and the change."""
        cell = [self.para(signed_amount(line), self.s.amount)]
        if tendered := line_tendered(line, self.translate):
            small = ParagraphStyle("small_amount", parent=self.s.small, alignment=TA_RIGHT)
            cell.append(self.para(tendered, small))
        return cell

    def _table(self, lines: Sequence[PaymentLine]) -> Table:
        """What, amount (tendered and change for cash), when and who: four columns on A4; on a
        roll, what and amount with when and who under them."""
        t, s, layout = self.translate, self.s, self.layout
        data: list[list[object]]
        if layout.two_columns:
            amount_width, who_width = 50 * mm, 62 * mm
            widths = [layout.frame_width - amount_width - who_width, amount_width, who_width]
            data = [
                [
                    self.para(t("Line"), s.label),
                    self.para(t("Amount"), s.amount_label),
                    self.para(t("When, taken by"), s.label),
                ]
            ]
            data += [
                [
                    self.para(line_label(line, t), s.body),
                    self._amount(line),
                    self.para(self._who(line), s.body),
                ]
                for line in lines
            ]
        else:
            amount_width = 30 * mm
            widths = [layout.frame_width - amount_width, amount_width]
            data = [[self.para(t("Line"), s.label), self.para(t("Amount"), s.amount_label)]]
            data += [
                [
                    [self.para(line_label(line, t), s.body), self.para(self._who(line), s.small)],
                    self._amount(line),
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
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, layout.rule),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ]
            ),
        )
