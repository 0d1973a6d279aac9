"""The complaint receipt: what the customer is given (or sent) when a complaint is registered.

Like the intake receipt it is the shop's written promise: the complaint's number, what the
customer said and asked for, and the two dates the agreement sets (called back within 24 hours,
resolved within the shop's number of working days), on A4 or an 80 mm roll, phone masked.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop_app.domain.complaints import ComplaintSnapshot
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.vocabulary import (
    ComplaintCategory,
    ComplaintChannel,
    day_with_weekday,
    label_of,
    person_name,
)
from desktop_app.receipts.layout import (
    EMPTY,
    LAYOUTS,
    PAPERS,
    Blocks,
    Layout,
    Value,
    minute_text,
    page_footer,
    render_pdf,
    value_text,
)


def render_complaint(
    complaint: ComplaintSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
) -> bytes:
    """The receipt of a registered complaint as PDF bytes (a draft has no number: no receipt)."""
    if paper not in LAYOUTS:
        raise ValueError(f"unknown receipt paper {paper!r}; expected one of {PAPERS}")
    if complaint.number is None:
        raise ValueError("a complaint draft has no number and no receipt")
    t = translate
    layout = LAYOUTS[paper]
    receipt = _ComplaintReceipt(complaint, shop, translate, layout)
    printed = printed_at or datetime.now().replace(microsecond=0)
    footer = page_footer(
        t("Printed {at}").format(at=minute_text(printed)),
        complaint.number,
        t("Page {page}"),
        layout,
    )
    title = t("Complaint receipt")
    meta = {
        "title": f"{title} {complaint.number}",
        "author": shop.name.strip(),
        "subject": complaint.number,
    }
    return render_pdf(receipt.story, layout, footer, meta)


class _ComplaintReceipt:
    def __init__(
        self,
        complaint: ComplaintSnapshot,
        shop: ShopSnapshot,
        translate: Translator,
        layout: Layout,
    ) -> None:
        self.complaint = complaint
        self.shop = shop
        self.translate = translate
        self.b = Blocks(layout, translate)
        self.s = self.b.s
        self.para = self.b.para

    def story(self) -> list[Flowable]:
        t, c = self.translate, self.complaint
        assert c.number is not None
        story: list[Flowable] = self.b.header(
            self.shop, t("Complaint receipt"), c.number, t("Complaint number")
        )
        story += self.b.section(
            t("Complaint"),
            [
                (t("Received"), minute_text(c.received_at)),
                (t("Received by"), value_text(person_name(c.received_by, t))),
                (t("Channel"), t(label_of(ComplaintChannel, str(c.channel)))),
                (t("Complaint category"), t(label_of(ComplaintCategory, str(c.category)))),
                (t("Customer"), value_text(c.customer_name)),
                (t("Phone"), value_text(c.masked_phone)),
                (t("Job number"), value_text(c.job_number or EMPTY)),
            ],
        )
        story += self.b.section(
            t("In the customer's words"),
            [
                (t("Complaint"), value_text(c.words)),
                (t("Asks for"), value_text(c.request or EMPTY)),
            ],
            wide=True,
        )
        story += [self._promises(), Spacer(0, 2 * mm)]
        hotline = value_text(self.shop.hotline.strip() or EMPTY)
        story.append(
            self.para(
                t(
                    "Keep this receipt and quote the complaint number when you call the "
                    "after-sales hotline, around the clock: {hotline}"
                ).format(hotline=hotline),
                self.s.small,
            )
        )
        story.append(
            self.b.signatures(
                t("The customer confirms that the complaint above is recorded as said."),
                t("Customer signature"),
                t("Clerk signature"),
            )
        )
        return story

    def _promises(self) -> Flowable:
        """The two dates the agreement promises, in a box: what the customer looks for."""
        t, c = self.translate, self.complaint
        acknowledge = (
            t("{at} (within 24 hours)").format(at=minute_text(c.acknowledge_due_at))
            if c.acknowledge_due_at is not None
            else EMPTY
        )
        resolve = (
            t("by the end of {day} (working days, not counting the day received)").format(
                day=day_with_weekday(c.resolve_due_date, t)
            )
            if c.resolve_due_date is not None
            else EMPTY
        )
        rows: list[tuple[str, Value]] = [
            (t("We call you back by"), acknowledge),
            (t("Resolved by"), resolve),
        ]
        return self.b.box(t("Our promise"), rows)
