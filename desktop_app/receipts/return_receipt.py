"""The return receipt (取件单): what the customer takes home when the product is handed back.

It closes the loop the intake receipt opened: what was found and done, what it cost and why (or
that it was free under warranty), how long it took against the 5-working-day promise, what was
handed back, and where the warranty stands. A repair does not restart the product's warranty, so
the receipt says so rather than let the customer assume it. A 7-day return or exchange gets the
same receipt with the refund or the replacement in place of the repair.

Labels follow the intake receipt's convention: every fixed label is a string literal in a `t("...")`
call, or a label of domain/vocabulary.py, so lupdate finds it; what people typed is escaped by
`Styles.para` and prints exactly as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from desktop_app.domain.compensation import (
    MONTH_OFFERS,
    CompensationSnapshot,
    missed_words,
    offers_words,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.repair_warranty import guaranteed_until
from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobSnapshot, LineSnapshot, ShopSnapshot
from desktop_app.domain.text import N_, Translator, no_translation
from desktop_app.domain.vocabulary import (
    CATEGORY_LABELS,
    COVERAGE_LABELS,
    STATUS_LABELS,
    CompensationState,
    LineKind,
    MissedPromise,
    Outcome,
    PaymentMethod,
    label_of,
    person_name,
)
from desktop_app.domain.workdays import REPAIR_WORKING_DAYS, WorkCalendar, promise_outcome
from desktop_app.domain.workflow import HANDED_BACK_STATUSES, Status
from desktop_app.receipts.layout import (
    EMPTY,
    JobReceipt,
    Layout,
    Value,
    day_text,
    minute_text,
    render_job_receipt,
    table_style,
    value_text,
)
from desktop_app.receipts.money_lines import money_rows

STARS = 5


def render_return(
    job: JobSnapshot,
    shop: ShopSnapshot,
    calendar: WorkCalendar,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
    compensations: Sequence[CompensationSnapshot] = (),
) -> bytes:
    """The return receipt of `job` as PDF bytes, on A4 or on an 80 mm receipt-printer roll.

    `compensations` are the job's (services.compensation.for_job): when a promise was missed
    the receipt apologises and says what the shop gives for it.

    Only for a job that is closed with the product given back (returned, refunded or
    exchanged): before that, the facts it certifies do not exist yet. `calendar` is the shop's
    working-day calendar, for the working days the job took.
    """
    if job.status not in HANDED_BACK_STATUSES:
        raise ValueError(
            f"job {job.number} is {STATUS_LABELS[job.status]}: the return receipt is printed "
            "once the product is handed back (returned, refunded or exchanged)"
        )
    t = translate
    return render_job_receipt(
        lambda layout: _ReturnReceipt(job, shop, calendar, translate, layout, compensations),
        t("Return receipt"),
        translate=translate,
        paper=paper,
        printed_at=printed_at,
    )


class _ReturnReceipt(JobReceipt):
    def __init__(
        self,
        job: JobSnapshot,
        shop: ShopSnapshot,
        calendar: WorkCalendar,
        translate: Translator,
        layout: Layout,
        compensations: Sequence[CompensationSnapshot] = (),
    ) -> None:
        super().__init__(job, shop, translate, layout)
        self.calendar = calendar
        self.compensations = tuple(compensations)
        # A refund or an exchange replaces the repair: no bench work, charges or warranty.
        self.repair = job.status is Status.RETURNED

    def story(self) -> list[Flowable]:
        """The receipt's flowables, fresh each call (a build consumes them)."""
        t, b = self.translate, self.b
        story: list[Flowable] = b.header(self.shop, t("Return receipt"), self.job.number)
        story += self._customer_and_product()
        story += self._dates()
        story.append(self._promise())
        if self.repair:
            story += self._repair()
            story += self._charges()
        else:
            story += self._return_or_exchange()
        story += self._accessories()
        story.append(self._satisfaction())
        hotline = t("Questions or complaints about this service: 24-hour hotline {hotline}")
        story += [
            Spacer(0, self.layout.base_size * 0.8),
            self.para(hotline.format(hotline=value_text(self.shop.hotline)), self.s.small),
        ]
        confirmation = (
            t("The customer confirms receiving the product and the items listed above.")
            if self.job.status is not Status.REFUNDED
            else t("The customer confirms receiving the refund listed above.")
        )
        story.append(b.signatures(confirmation, t("Customer signature"), t("Clerk signature")))
        return story

    # --- sections -----------------------------------------------------------------------------

    def _customer_and_product(self) -> list[Flowable]:
        t, job = self.translate, self.job
        product = job.product
        rows: list[tuple[str, Value]] = [
            (t("Customer"), value_text(job.customer.name)),
            (t("Phone"), value_text(job.customer.masked_phone)),
            (t("Category"), t(CATEGORY_LABELS[product.category])),
            (t("Brand"), value_text(product.brand)),
            (t("Model"), value_text(product.model)),
            (t("Serial / IMEI"), value_text(product.serial)),
            (t("Service"), t(COVERAGE_LABELS[job.coverage])),
        ]
        if job.technician.strip():
            rows.append((t("Technician"), person_name(job.technician.strip(), t)))
        if job.visit_address.strip():  # on-site service: where the work was done
            rows.append((t("Visit address"), value_text(job.visit_address)))
        return self.b.section(t("Customer and product"), rows)

    def _dates(self) -> list[Flowable]:
        t, job = self.translate, self.job
        rows: list[tuple[str, Value]] = [(t("Checked in"), minute_text(job.checked_in_at))]
        if job.status is Status.RETURNED:
            rows.append((t("Ready for pickup"), minute_text(job.ready_at)))
            rows.append((t("Handed back"), minute_text(job.returned_at)))
        elif job.status is Status.REFUNDED:
            rows.append((t("Refunded on"), minute_text(job.returned_at)))
        else:
            rows.append((t("Exchanged on"), minute_text(job.returned_at)))
        return self.b.section(t("Dates"), rows)

    def _promise(self) -> Flowable:
        """How the job did against the 5-working-day promise; the clock stopped when it was
        ready for pickup (a refund or an exchange: when it was done)."""
        t, job = self.translate, self.job
        finished = job.ready_at or job.returned_at
        due = t("by the end of {day}").format(day=day_text(job.repair_due_date))
        rows: list[tuple[str, Value]] = [(t("Repair due"), due)]
        if finished is not None:
            outcome = promise_outcome(
                self.calendar, job.checked_in_at, job.repair_due_date, finished
            )
            days = outcome.working_days_taken
            taken = (t("{days} working day") if days == 1 else t("{days} working days")).format(
                days=days
            )
            promise = t("(promise: {promise})").format(promise=REPAIR_WORKING_DAYS)
            if outcome.on_time:
                verdict = t("on time")
            else:
                verdict = (
                    t("late by {days} working day")
                    if outcome.late_by == 1
                    else t("late by {days} working days")
                ).format(days=outcome.late_by)
            rows.append((t("Time taken"), f"{taken} {promise} — {verdict}"))
        rows += self._compensation_rows()
        return self.b.box(t("5-working-day promise"), rows)

    def _compensation_rows(self) -> list[tuple[str, Value]]:
        """An apology for each missed promise, and what the shop gives for it. A proposal no
        manager has decided yet prints as awaiting a decision: the customer learns that the
        miss is on the record and that an answer is coming, without a promise the manager may
        still change."""
        t = self.translate
        rows: list[tuple[str, Value]] = []
        for compensation in self.compensations:
            if compensation.state is CompensationState.DECLINED and all(
                item.promise is MissedPromise.REPEAT_FAILURE for item in compensation.missed
            ):
                # "The same fault again" is the one miss read from a judgement (the same serial
                # back within 90 days): declined, the manager found it was not; the clocks' misses
                # are facts and keep their apology.
                continue
            missed = t(N_("; ")).join(missed_words(item, t) for item in compensation.missed)
            apology = t("We are sorry: we did not keep our promise ({missed}).")
            rows.append((t("Our apology"), apology.format(missed=missed)))
            if compensation.state is CompensationState.PROPOSED:
                given = t("awaiting a manager's decision; we will contact you")
            elif compensation.state is CompensationState.DECLINED:
                given = t("none ({reason})").format(reason=compensation.reason)
            else:
                given = offers_words(compensation.given, t)
            rows.append((t("Compensation"), given))
        return rows

    def _repair(self) -> list[Flowable]:
        t, job, s = self.translate, self.job, self.s
        rows: list[tuple[str, Value]] = [
            (t("Fault description"), value_text(job.fault_description)),
            (t("Diagnosis"), value_text(job.diagnosis)),
        ]
        if job.not_quality_reason.strip():
            rows.append((t("Not a quality problem"), job.not_quality_reason.strip()))
        outcome = t(label_of(Outcome, job.outcome)) if job.outcome else value_text(job.outcome)
        rows.append((t("Outcome"), outcome))
        if job.outcome == Outcome.CANNOT_REPAIR:
            rows.append((t("Reason"), value_text(job.work_done)))
        elif job.outcome == Outcome.QUOTATION_DECLINED and job.quotation is not None:
            declined = t(
                "Quotation {number} ({total}) was declined: the product is returned unrepaired."
            ).format(number=job.quotation.number, total=yuan(job.quotation.total_cents))
            rows.append((t("Quotation"), declined))
        else:
            rows.append((t("Work done"), value_text(job.work_done)))
        parts = [line for line in job.lines if line.active and line.kind == LineKind.PART]
        if job.outcome == Outcome.QUOTATION_DECLINED:
            parts = []  # quoted, not fitted
        replaced: Value = (
            [self.para(self._part(line), s.bullet, "•") for line in parts] if parts else t("None")
        )
        rows.append((t("Parts replaced"), replaced))
        rows.append((t("Warranty after repair"), self._warranty()))
        guarantee = self._repair_guarantee()
        if guarantee:
            rows.append((t("Repair warranty"), guarantee))
        return self.b.section(t("Repair"), rows, wide=True)

    def _part(self, line: LineSnapshot) -> str:
        t = self.translate
        text = line.description.strip()
        if line.part_model.strip():
            text += " " + t("(part model {model})").format(model=line.part_model.strip())
        return f"{text} × {line.quantity}"

    def _charges(self) -> list[Flowable]:
        """Each active line, what it cost and what the customer pays, then the total and how it
        was paid. A line under warranty says so, so "0" never looks like a mistake."""
        t, job, s, layout = self.translate, self.job, self.s, self.layout
        lines = [line for line in job.lines if line.active]
        flowables = self.b.heading(t("Charges"))
        fee = job.declined_fee_cents
        if fee is not None:  # declined: unrepaired, the inspection fee is the only charge
            said = t("Quotation declined: no parts or labour charged; inspection fee {fee}.")
            flowables.append(self.para(said.format(fee=yuan(fee)), s.body))
        elif lines:
            flowables.append(self._charges_table(lines))
        else:
            flowables.append(self.para(t("No parts or labour were charged."), s.body))
        total = job.amount_due_cents
        if total:
            method = t(label_of(PaymentMethod, job.payment_method)) if job.payment_method else ""
            paid = job.amount_paid_cents if job.amount_paid_cents is not None else 0
            rows: list[tuple[str, Value]] = [(t("Total"), yuan(total))]
            if paid < total:  # a discount or waived labour decided at the hand-back
                rows.append((t("Less compensation"), yuan(paid - total)))
            if job.payments:  # how it was paid, line by line (issue 16)
                rows += money_rows(job.payments, t)
                rows.append((t("Amount paid"), yuan(job.paid_cents)))
            else:  # a job handed back before payment lines were kept
                rows += [
                    (t("Payment method"), method or value_text(job.payment_method)),
                    (t("Amount paid"), yuan(paid)),
                ]
        else:
            rows = [(t("Total"), t("{amount} (no charge)").format(amount=yuan(0)))]
            rows += money_rows(job.payments, t)  # a deposit taken, then given back
        totals = self.b.pairs(rows, wide=bool(job.payments))  # money lines: one a line
        totals.setStyle(table_style([("TOPPADDING", (0, 0), (-1, 0), layout.base_size * 0.5)]))
        flowables.append(totals)
        return flowables

    def _charges_table(self, lines: list[LineSnapshot]) -> Table:
        """Item, quantity, unit price, charged: four columns on A4; on a roll, the item with its
        quantity and unit price under it, and what is charged beside it."""
        t, s, layout = self.translate, self.s, self.layout
        under_warranty = self.job.coverage is not Coverage.PAID

        def charged(line: LineSnapshot) -> str:
            if line.charged_cents == 0 and under_warranty:
                return t("Free under warranty")
            return yuan(line.charged_cents)

        def item(line: LineSnapshot) -> str:
            kind = t(label_of(LineKind, line.kind))
            text = f"{kind}: {value_text(line.description)}"
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
                    self.para(t("Charged"), s.amount_label),
                ]
            ]
            data += [
                [
                    self.para(item(line), s.body),
                    self.para(str(line.quantity), s.amount),
                    self.para(yuan(line.unit_price_cents), s.amount),
                    self.para(charged(line), s.amount),
                ]
                for line in lines
            ]
        else:
            charged_width = 22 * mm
            widths = [layout.frame_width - charged_width, charged_width]
            data = [[self.para(t("Item"), s.label), self.para(t("Charged"), s.amount_label)]]
            data += [
                [
                    [
                        self.para(item(line), s.body),
                        self.para(f"{line.quantity} × {yuan(line.unit_price_cents)}", s.small),
                    ],
                    self.para(charged(line), s.amount),
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

    def _return_or_exchange(self) -> list[Flowable]:
        t, job = self.translate, self.job
        rows: list[tuple[str, Value]] = [
            (t("Reason given"), value_text(job.fault_description)),
        ]
        if job.status is Status.REFUNDED:
            refund = yuan(job.refund_cents) if job.refund_cents is not None else EMPTY
            rows.append((t("Refund amount"), refund))
            title = t("7-day no-reason return")
        else:
            rows.append((t("Replacement model"), value_text(job.replacement_model)))
            rows.append((t("Replacement serial / IMEI"), value_text(job.replacement_serial)))
            title = t("7-day no-reason exchange")
        return self.b.section(title, rows, wide=True)

    def _accessories(self) -> list[Flowable]:
        t, job = self.translate, self.job
        rows: list[tuple[str, Value]] = [
            (t("Accessories received"), value_text(job.accessories_received))
        ]
        if self.repair:
            rows.append((t("Accessories returned"), value_text(job.accessories_returned)))
        return self.b.section(t("Accessories"), rows)

    def _repair_guarantee(self) -> str:
        """The repair's own warranty (issue 16): a repaired job handed back is guaranteed for the
        shop's number of days from the hand-back, whatever the product's warranty says."""
        t, job = self.translate, self.job
        if job.outcome != Outcome.REPAIRED or job.returned_at is None:
            return ""
        days = self.shop.repair_warranty_days
        return (
            t("Parts and labour guaranteed for {days} days, until {day}.")
            .replace("{days}", str(days))
            .format(day=day_text(guaranteed_until(job.returned_at, days)))
        )

    def _warranty(self) -> str:
        """Where the product's warranty stands: a repair does not restart it."""
        t, job = self.translate, self.job
        at = (job.returned_at or job.ready_at or job.checked_in_at).date()
        # Months of warranty given as compensation moved the end (services/compensation.py).
        months = sum(
            offer.months
            for compensation in self.compensations
            for offer in compensation.given
            if offer.kind in MONTH_OFFERS
        )
        if at <= job.warranty_end and months:
            status = t(
                "Warranty extended by {months} months as compensation: until {day}. A repair "
                "does not restart the warranty."
            ).replace("{months}", str(months))
        elif at <= job.warranty_end:
            status = t("Warranty unchanged: until {day}. A repair does not restart the warranty.")
        else:
            status = t("Out of warranty (ended {day}).")
        return status.format(day=day_text(job.warranty_end))

    def _satisfaction(self) -> Flowable:
        """The customer's score if they gave one at the counter, else boxes to tick and a line
        for a comment."""
        t, job, s, layout = self.translate, self.job, self.s, self.layout
        score = job.satisfaction_score
        heading = self.b.heading(t("Satisfaction"))
        if score is not None:
            text = f"{'★' * score}{'☆' * (STARS - score)} {score}/{STARS}"
            if job.satisfaction_comment.strip():
                text += f" — {job.satisfaction_comment.strip()}"
            rating = self.b.pairs([(t("Customer's rating"), text)], wide=True)
            return KeepTogether([*heading, rating])
        question = t(
            "How satisfied are you with our response speed, repair quality, cost and staff? "
            "(1 = very dissatisfied, 5 = very satisfied)"
        )
        rows: list[tuple[str, Value]] = [
            (t("Your rating"), [self._tick_boxes()]),
            (t("Comments"), ""),
        ]
        form = self.b.pairs(rows)
        # The comment is written by hand on a line; on A4 it sits beside the boxes.
        line = (3, 0) if layout.two_columns else (1, 1)
        form.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    ("TOPPADDING", (0, 0), (-1, -1), layout.base_size * 0.6),
                    ("LINEBELOW", line, line, 0.6, colors.black),
                ]
            )
        )
        return KeepTogether([*heading, self.para(question, s.small), form])

    def _tick_boxes(self) -> Table:
        """□ 1 □ 2 □ 3 □ 4 □ 5, drawn as boxes a pen can tick (the font's □ is too small)."""
        side = 3.4 * mm
        cells: list[object] = []
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
        for n in range(1, STARS + 1):
            column = len(cells)
            cells += ["", self.para(str(n), self.s.body)]
            commands.append(("BOX", (column, 0), (column, 0), 0.8, colors.black))
            commands.append(("LEFTPADDING", (column + 1, 0), (column + 1, 0), 1.2 * mm))
        widths = [side, 4.8 * mm] * STARS  # 41 mm: fits a roll's value column
        table = Table([cells], colWidths=widths, rowHeights=[side], style=table_style(commands))
        table.hAlign = "LEFT"
        return table
