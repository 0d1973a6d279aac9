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

from datetime import date, datetime

from reportlab.platypus import Flowable

from desktop_app.domain.rules import Category, Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.receipts.layout import (
    EMPTY,
    LAYOUTS,
    PAPERS,
    Blocks,
    Layout,
    Value,
    page_footer,
    render_pdf,
)

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
        self.b = Blocks(layout, translate)
        self.s = self.b.s
        self.para = self.b.para

    def story(self) -> list[Flowable]:
        """The receipt's flowables, fresh each call (a build consumes them)."""
        translate, job = self.translate, self.job
        product, documents = job.product, job.documents
        story: list[Flowable] = self.b.header(
            self.shop, translate("Service intake receipt"), job.number
        )
        story += self.b.section(
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
        story += self.b.section(
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
        story += self.b.section(
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
        story += self.b.section(
            translate("Service"),
            [(translate("Service requested"), service), (translate("Verdict"), verdict)],
            wide=True,
        )
        story += self._deadlines()
        story += self.b.section(
            translate("Fault and condition"),
            [
                (translate("Fault description"), _value(job.fault_description)),
                (translate("How it was used"), _value(job.usage_description)),
                (translate("Condition on arrival"), _value(job.condition_on_arrival)),
                (translate("Accessories received"), _value(job.accessories_received)),
            ],
            wide=True,
        )
        story += self.b.heading(translate("Terms of service"))
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

    def _deadlines(self) -> list[Flowable]:
        """The agreement's two promises, in a box: the part of the receipt people look for."""
        translate, job = self.translate, self.job
        response = translate("{at} (within 24 hours of check-in)").format(
            at=_minute(job.response_due_at)
        )
        repair = translate(
            "by the end of {day} (5 working days, not counting the check-in day)"
        ).format(day=_day(job.repair_due_date))
        rows: list[tuple[str, Value]] = [
            (translate("First response due"), response),
            (translate("Repair due"), repair),
        ]
        return [self.b.box(translate("Deadlines"), rows)]

    def _signatures(self) -> Flowable:
        translate = self.translate
        return self.b.signatures(
            translate("The customer confirms that the details above are correct."),
            translate("Customer signature"),
            translate("Clerk signature"),
        )
