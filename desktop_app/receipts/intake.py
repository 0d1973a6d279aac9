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

from datetime import datetime

from reportlab.platypus import Flowable

from desktop_app.domain.rules import Category, Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.receipts.layout import (
    JobReceipt,
    Value,
    day_text,
    minute_text,
    render_job_receipt,
    value_text,
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


def render_intake(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
) -> bytes:
    """The intake receipt of `job` as PDF bytes, on A4 or on an 80 mm receipt-printer roll."""
    return render_job_receipt(
        lambda layout: _IntakeReceipt(job, shop, translate, layout),
        translate("Service intake receipt"),
        translate=translate,
        paper=paper,
        printed_at=printed_at,
    )


class _IntakeReceipt(JobReceipt):
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
                (translate("Checked in"), minute_text(job.checked_in_at)),
                (translate("Clerk"), value_text(job.checked_in_by)),
                (translate("Customer"), value_text(job.customer.name)),
                (translate("Phone"), value_text(job.customer.masked_phone)),
            ],
        )
        warranty = translate("{months} months, ends {day}").format(
            months=product.warranty_months, day=day_text(job.warranty_end)
        )
        story += self.b.section(
            translate("Product"),
            [
                (translate("Category"), translate(CATEGORY_LABELS[product.category])),
                (translate("Brand"), value_text(product.brand)),
                (translate("Model"), value_text(product.model)),
                (translate("Serial / IMEI"), value_text(product.serial)),
                (translate("Purchase date"), day_text(product.purchase_date)),
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
                (translate("Fault description"), value_text(job.fault_description)),
                (translate("How it was used"), value_text(job.usage_description)),
                (translate("Condition on arrival"), value_text(job.condition_on_arrival)),
                (translate("Accessories received"), value_text(job.accessories_received)),
            ],
            wide=True,
        )
        story += self.b.heading(translate("Terms of service"))
        hotline = value_text(self.shop.hotline)
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
            at=minute_text(job.response_due_at)
        )
        repair = translate(
            "by the end of {day} (5 working days, not counting the check-in day)"
        ).format(day=day_text(job.repair_due_date))
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
