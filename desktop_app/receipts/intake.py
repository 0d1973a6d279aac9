"""The intake receipt: what the customer takes home when a product is checked in.

It is the customer's proof of what was handed over and the shop's written promise under the
agreement: the verdict with its reasons, when the first response and the repair are due, and the
terms in short. Everything on it stays plain text until it becomes a Paragraph, where labels and
user text alike are escaped, so a name like "<b>Bob</b> & Co" prints exactly as typed.

Every fixed label is a string literal, either in a `translate("...")` call or in one of the tables
below (CATEGORY_LABELS, COVERAGE_LABELS, SERVICE_LABELS, TERMS), so a script can extract them for
the translators. The caller passes the translator: the UI passes Qt's, the command line may pass
none and gets English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table

from desktop_app.domain.rules import Category, Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.receipts.layout import (
    LAYOUTS,
    PAPERS,
    Layout,
    Styles,
    code128_barcode,
    page_footer,
    qr_code,
    render_pdf,
    rule,
    table_style,
)

EMPTY = "—"  # an empty field prints as a dash: visibly blank, not forgotten

# The same English words as the window (ui/labels.py), so the screen and the paper agree.
CATEGORY_LABELS: dict[Category, str] = {
    Category.ELECTRONICS: "Electronics",
    Category.APPLIANCE: "Household appliance",
    Category.HOME_GOODS: "Home goods",
    Category.OTHER: "Other",
}
COVERAGE_LABELS: dict[Coverage, str] = {
    Coverage.RETURN_EXCHANGE: "7-day no-reason return/exchange",
    Coverage.WARRANTY: "Free warranty repair",
    Coverage.PAID: "Paid repair",
}
SERVICE_LABELS: dict[ServiceKind, str] = {
    ServiceKind.REPAIR: "Repair",
    ServiceKind.RETURN: "Return (7-day, no reason)",
    ServiceKind.EXCHANGE: "Exchange (7-day, no reason)",
    ServiceKind.ON_SITE: "On-site service",
    ServiceKind.CONSULTATION: "Consultation",
}
# The agreement's terms in short (shared/AGREEMENT.md), in the order a customer asks about them.
TERMS: tuple[str, ...] = (
    "No-reason return or exchange within 7 days of the purchase date, with the purchase voucher "
    "and the product.",
    "Warranty of at least one year from the date of sale: a quality fault is repaired free, or "
    "the faulty part is replaced free with a part of the same model, when the purchase voucher, "
    "the warranty card and the product are presented.",
    "Damage that is not a quality problem (misuse, liquid, drops) is repaired at the customer's "
    "cost; the technician records the reason.",
    "We respond within 24 hours of check-in.",
    "The repair is finished and handed back within 5 working days, not counting the check-in day.",
    "After-sales hotline, around the clock: {hotline}",
    "Your personal details are used for this service only.",
)


def _value(text: str) -> str:
    return text.strip() or EMPTY


def _day(day: date) -> str:
    return day.isoformat()


def _minute(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def render_intake(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
) -> bytes:
    """The intake receipt of `job` as PDF bytes, on A4 or on an 80 mm receipt-printer roll."""
    if paper not in LAYOUTS:
        raise ValueError(f"unknown receipt paper {paper!r}; expected one of {PAPERS}")
    layout = LAYOUTS[paper]
    printed = printed_at or datetime.now().replace(microsecond=0)
    receipt = _IntakeReceipt(job, shop, translate, layout)
    footer = page_footer(
        translate("Printed {at}").format(at=_minute(printed)),
        job.number,
        translate("Page {page}"),
        layout,
    )
    title = translate("Service intake receipt")
    meta = {
        "title": f"{title} {job.number}",
        "author": shop.name.strip(),
        "subject": job.number,
    }
    return render_pdf(receipt.story, layout, footer, meta)


class _IntakeReceipt:
    def __init__(
        self,
        job: JobSnapshot,
        shop: ShopSnapshot,
        translate: Translator,
        layout: Layout,
    ) -> None:
        self.job = job
        self.shop = shop
        self.translate = translate
        self.layout = layout
        self.s = Styles(layout)
        self.para = self.s.para

    def story(self) -> list[Flowable]:
        """The receipt's flowables, fresh each call (a build consumes them)."""
        translate, job = self.translate, self.job
        product, documents = job.product, job.documents
        story: list[Flowable] = self._header()
        story += self._section(
            translate("Check-in"),
            [
                (translate("Checked in"), _minute(job.checked_in_at)),
                (translate("Clerk"), _value(job.checked_in_by)),
                (translate("Customer"), _value(job.customer.name)),
                (translate("Phone"), _value(job.customer.masked_phone)),
            ],
        )
        warranty = translate("{months} months, ends {day}").format(
            months=product.warranty_months, day=_day(job.warranty_end)
        )
        story += self._section(
            translate("Product"),
            [
                (translate("Category"), translate(CATEGORY_LABELS[product.category])),
                (translate("Brand"), _value(product.brand)),
                (translate("Model"), _value(product.model)),
                (translate("Serial / IMEI"), _value(product.serial)),
                (translate("Purchase date"), _day(product.purchase_date)),
                (translate("Warranty"), warranty),
            ],
        )
        voucher = self._document(documents.purchase_voucher, product.voucher_number)
        card = self._document(documents.warranty_card, product.warranty_card_number)
        itself = translate("Yes") if documents.product else translate("No")
        story += self._section(
            translate("Documents presented"),
            [
                (translate("Purchase voucher"), voucher),
                (translate("Warranty card"), card),
                (translate("Product itself"), itself),
            ],
        )
        verdict = [self.para(translate(COVERAGE_LABELS[job.coverage]), self.s.body)]
        verdict += [self.para(r.render(translate), self.s.bullet, "•") for r in job.verdict_reasons]
        service = translate(SERVICE_LABELS[job.service_requested])
        story += self._section(
            translate("Service"),
            [(translate("Service requested"), service), (translate("Verdict"), verdict)],
            wide=True,
        )
        story += self._deadlines()
        story += self._section(
            translate("Fault and condition"),
            [
                (translate("Fault description"), _value(job.fault_description)),
                (translate("How it was used"), _value(job.usage_description)),
                (translate("Condition on arrival"), _value(job.condition_on_arrival)),
                (translate("Accessories received"), _value(job.accessories_received)),
            ],
            wide=True,
        )
        story += [
            CondPageBreak(self.s.heading_room),
            self.para(translate("Terms of service"), self.s.heading),
        ]
        hotline = _value(self.shop.hotline)
        story += [
            self.para(translate(term).format(hotline=hotline), self.s.term, f"{n}.")
            for n, term in enumerate(TERMS, start=1)
        ]
        story.append(self._signatures())
        return story

    def _document(self, presented: bool, number: str) -> str:
        if not presented:
            return self.translate("No")
        if not number.strip():
            return self.translate("Yes")
        return self.translate("Yes, no. {number}").format(number=number.strip())

    # --- blocks -------------------------------------------------------------------------------

    def _header(self) -> list[Flowable]:
        translate, s, layout, shop = self.translate, self.s, self.layout, self.shop
        lines: list[Flowable] = []
        if shop.name.strip():
            lines.append(self.para(shop.name.strip(), s.shop))
        if shop.address.strip():
            lines.append(self.para(shop.address.strip(), s.header))
        hotline = translate("24-hour after-sales hotline: {hotline}").format(
            hotline=_value(shop.hotline)
        )
        lines.append(self.para(hotline, s.header))
        lines.append(self.para(translate("Service intake receipt"), s.title))
        number = translate("Job number")
        lines.append(self.para(f"{number}  {self.job.number}", s.number))
        barcode = code128_barcode(self.job.number, layout)
        qr = qr_code(self.job.number, layout.qr_size)
        if not layout.two_columns:
            barcode.hAlign = qr.hAlign = "CENTER"
            return [*lines, Spacer(0, 1 * mm), barcode, Spacer(0, 1 * mm), qr, rule(layout)]
        header = Table(
            [[[*lines, Spacer(0, 2 * mm), barcode], qr]],
            colWidths=[layout.frame_width - layout.qr_size, layout.qr_size],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        return [header, rule(layout)]

    def _section(
        self, title: str, rows: Sequence[tuple[str, str | list[Flowable]]], wide: bool = False
    ) -> list[Flowable]:
        """A heading and its label/value pairs: two pairs a line on A4 unless `wide`, one pair a
        line on a receipt roll. A value may be pages long: its row splits across pages."""
        s, layout = self.s, self.layout
        cells = [
            (self.para(k, s.label), self.para(v, s.body) if isinstance(v, str) else v)
            for k, v in rows
        ]
        label_width = layout.label_width
        data: list[list[object]]
        if layout.two_columns and not wide:
            value_width = layout.frame_width / 2 - label_width
            widths = [label_width, value_width, label_width, value_width]
            pairs = [*cells, *([("", "")] if len(cells) % 2 else [])]
            data = [[*pairs[i], *pairs[i + 1]] for i in range(0, len(pairs), 2)]
        else:
            widths = [label_width, layout.frame_width - label_width]
            data = [list(cell) for cell in cells]
        table = Table(
            data,
            colWidths=widths,
            splitInRow=1,
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                ]
            ),
        )
        return [CondPageBreak(s.heading_room), self.para(title, s.heading), table]

    def _deadlines(self) -> list[Flowable]:
        """The agreement's two promises, in a box: the part of the receipt people look for."""
        translate, s, job, layout = self.translate, self.s, self.job, self.layout
        response = translate("{at} (within 24 hours of check-in)").format(
            at=_minute(job.response_due_at)
        )
        repair = translate(
            "by the end of {day} (5 working days, not counting the check-in day)"
        ).format(day=_day(job.repair_due_date))
        rows = [(translate("First response due"), response), (translate("Repair due"), repair)]
        label_width = layout.label_width + (8 * mm if layout.two_columns else 2 * mm)
        table = Table(
            [[self.para(k, s.body), self.para(v, s.body)] for k, v in rows],
            colWidths=[label_width, layout.frame_width - label_width],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, -1), layout.shade),
                    ("BOX", (0, 0), (-1, -1), 0.6, layout.rule),
                    ("LEFTPADDING", (0, 0), (-1, -1), 4),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ]
            ),
        )
        return [KeepTogether([self.para(translate("Deadlines"), s.heading), table])]

    def _signatures(self) -> Flowable:
        translate, s, layout = self.translate, self.s, self.layout
        confirm = self.para(
            translate("The customer confirms that the details above are correct."), s.small
        )
        customer, clerk, day = (
            translate("Customer signature"),
            translate("Clerk signature"),
            translate("Date"),
        )
        if layout.two_columns:
            gap = 8 * mm
            label_width = layout.label_width
            line_width = (layout.frame_width - gap) / 2 - label_width
            widths = [label_width, line_width, gap, label_width, line_width]
            data = [[customer, "", "", clerk, ""], [day, "", "", day, ""]]
            lines = [(c, r) for c in (1, 4) for r in range(2)]
        else:
            widths = [layout.label_width, layout.frame_width - layout.label_width]
            data = [[customer, ""], [day, ""], [clerk, ""], [day, ""]]
            lines = [(1, r) for r in range(4)]
        cells = [[self.para(c, s.label) if c else "" for c in row] for row in data]
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), layout.base_size * 1.6),
        ]
        commands += [("LINEBELOW", (c, r), (c, r), 0.6, colors.black) for c, r in lines]
        table = Table(cells, colWidths=widths, style=table_style(commands))
        return KeepTogether([Spacer(0, layout.base_size), confirm, table])
