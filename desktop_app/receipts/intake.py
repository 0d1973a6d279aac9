"""The intake receipt: what the customer takes home when a product is checked in.

It is the customer's proof of what was handed over and the shop's written promise under the
agreement: the verdict with its reasons, when the first response and the repair are due, and the
terms in short. Everything on it stays plain text until it becomes a Paragraph, where labels and
user text alike are escaped, so a name like "<b>Bob</b> & Co" prints exactly as typed.

Every fixed label is a string literal in a `t("...")` call (the receipt's translator, which
lupdate is told to read like QT_TR_NOOP) or marked with `N_` where it is declared (TERMS here, the
enumerations' labels in domain/vocabulary.py, shared with the window). The caller passes the
translator: the UI passes Qt's, the command line the shop language's or none (English).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Flowable

from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import N_, Translator, no_translation
from desktop_app.domain.visits import window_label
from desktop_app.domain.vocabulary import (
    CATEGORY_LABELS,
    COVERAGE_LABELS,
    SERVICE_LABELS,
    day_with_weekday,
    person_name,
)
from desktop_app.receipts.layout import (
    JobReceipt,
    Value,
    day_text,
    minute_text,
    render_job_receipt,
    value_text,
)
from desktop_app.receipts.money_lines import money_rows

# The agreement's terms in short (shared/AGREEMENT.md), in the order a customer asks about them.
TERMS: tuple[str, ...] = (
    N_(
        "No-reason return or exchange within 7 days of the purchase date, with the purchase "
        "voucher and the product."
    ),
    N_(
        "Warranty of at least one year from the date of sale: a quality fault is repaired free, "
        "or the faulty part is replaced free with a part of the same model, when the purchase "
        "voucher, the warranty card and the product are presented."
    ),
    N_(
        "Damage that is not a quality problem (misuse, liquid, drops) is repaired at the "
        "customer's cost; the technician records the reason."
    ),
    N_("We respond within 24 hours of check-in."),
    N_(
        "The repair is finished and handed back within 5 working days, not counting the "
        "check-in day."
    ),
    N_("After-sales hotline, around the clock: {hotline}"),
    N_("Your personal details are used for this service only."),
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
    t = translate
    return render_job_receipt(
        lambda layout: _IntakeReceipt(job, shop, translate, layout),
        t("Service intake receipt"),
        translate=translate,
        paper=paper,
        printed_at=printed_at,
    )


class _IntakeReceipt(JobReceipt):
    def story(self) -> list[Flowable]:
        """The receipt's flowables, fresh each call (a build consumes them)."""
        t, job = self.translate, self.job
        product, documents = job.product, job.documents
        story: list[Flowable] = self.b.header(self.shop, t("Service intake receipt"), job.number)
        story += self.b.section(
            t("Check-in"),
            [
                (t("Checked in"), minute_text(job.checked_in_at)),
                (t("Clerk"), value_text(person_name(job.checked_in_by, t))),
                (t("Customer"), value_text(job.customer.name)),
                (t("Phone"), value_text(job.customer.masked_phone)),
            ],
        )
        warranty = t("{months} months, ends {day}").format(
            months=product.warranty_months, day=day_text(job.warranty_end)
        )
        story += self.b.section(
            t("Product"),
            [
                (t("Category"), t(CATEGORY_LABELS[product.category])),
                (t("Brand"), value_text(product.brand)),
                (t("Model"), value_text(product.model)),
                (t("Serial / IMEI"), value_text(product.serial)),
                (t("Purchase date"), day_text(product.purchase_date)),
                (t("Warranty"), warranty),
            ],
        )
        voucher = self._document(documents.purchase_voucher, product.voucher_number)
        card = self._document(documents.warranty_card, product.warranty_card_number)
        itself = t("Yes") if documents.product else t("No")
        story += self.b.section(
            t("Documents presented"),
            [
                (t("Purchase voucher"), voucher),
                (t("Warranty card"), card),
                (t("Product itself"), itself),
            ],
        )
        verdict = [self.para(t(COVERAGE_LABELS[job.coverage]), self.s.body)]
        verdict += [self.para(r.render(t), self.s.bullet, "•") for r in job.verdict_reasons]
        service = t(SERVICE_LABELS[job.service_requested])
        rows: list[tuple[str, Value]] = [(t("Service requested"), service)]
        if job.visit_address.strip():  # on-site service: where the technician goes, and when
            rows.append((t("Visit address"), value_text(job.visit_address)))
            appointment = window_label(job.appointment_start, job.appointment_end)
            rows.append((t("Appointment"), appointment or t("to be agreed with the customer")))
        story += self.b.section(t("Service"), [*rows, (t("Verdict"), verdict)], wide=True)
        story += self._deadlines()
        if job.payments:  # a deposit taken for a paid repair (issue 16)
            deposits = [line for line in job.payments if line.kind is PaymentKind.DEPOSIT]
            rows: list[tuple[str, Value]] = list(money_rows(deposits, t))
            rows.append(
                (t("Deposit held"), yuan(job.deposit_held_cents)),
            )
            story += self.b.section(t("Deposit"), rows, wide=True)
        story += self.b.section(
            t("Fault and condition"),
            [
                (t("Fault description"), value_text(job.fault_description)),
                (t("How it was used"), value_text(job.usage_description)),
                (t("Condition on arrival"), value_text(job.condition_on_arrival)),
                (t("Accessories received"), value_text(job.accessories_received)),
            ],
            wide=True,
        )
        story += self.b.heading(t("Terms of service"))
        hotline = value_text(self.shop.hotline)
        story += [
            self.para(t(term).format(hotline=hotline), self.s.term, f"{n}.")
            for n, term in enumerate(TERMS, start=1)
        ]
        story.append(self._signatures())
        return story

    def _document(self, presented: bool, number: str) -> str:
        t = self.translate
        if not presented:
            return t("No")
        if not number.strip():
            return t("Yes")
        return t("Yes, no. {number}").format(number=number.strip())

    def _deadlines(self) -> list[Flowable]:
        """The agreement's two promises, in a box: the part of the receipt people look for."""
        t, job = self.translate, self.job
        response = t("{at} (within 24 hours of check-in)").format(
            at=minute_text(job.response_due_at)
        )
        repair = t("by the end of {day} (5 working days, not counting the check-in day)").format(
            day=day_with_weekday(job.repair_due_date, t)
        )
        rows: list[tuple[str, Value]] = [
            (t("First response due"), response),
            (t("Repair due"), repair),
        ]
        return [self.b.box(t("Deadlines"), rows)]

    def _signatures(self) -> Flowable:
        t = self.translate
        return self.b.signatures(
            t("The customer confirms that the details above are correct."),
            t("Customer signature"),
            t("Clerk signature"),
        )
