"""The day's takings on paper (A4, or an 80 mm till roll): the shop, the day or shift and its
filters, the figures by method, deposits and refunds, the expected cash, the drawer's count and
its difference, each workstation and clerk, then every line with its job.

Everything printed comes from the `Takings` the service computed, so the paper, the window and
the command line agree. No Qt: the caller hands in a translator and gets bytes.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.platypus import Flowable, Table

from desktop_app.domain.money import yuan
from desktop_app.domain.payments import PAYMENT_KIND_LABELS
from desktop_app.domain.takings import DrawerCount, Takings, Totals
from desktop_app.domain.text import Translator, no_translation
from desktop_app.domain.vocabulary import PAYMENT_LABELS
from desktop_app.receipts.layout import (
    EMPTY,
    LAYOUTS,
    Blocks,
    minute_text,
    page_footer,
    render_pdf,
    rule,
    table_style,
)
from desktop_app.receipts.output_files import is_our_pdf, write_new_or_ours


def takings_pdf(
    takings: Takings,
    translate: Translator = no_translation,
    paper: str = "a4",
    printed_at: datetime | None = None,
) -> bytes:
    layout = LAYOUTS[paper]
    t = translate
    printed = printed_at or datetime.now().replace(microsecond=0)
    label = takings.query.shift.label()
    footer = page_footer(
        t("Printed {at}").format(at=minute_text(printed)), label, t("Page {page}"), layout
    )
    title = t("Day's takings")
    meta = {
        "title": f"{title} {label}",
        "author": takings.shop_name.strip(),
        "subject": label,
    }
    return render_pdf(lambda: _Report(takings, t, paper).story(), layout, footer, meta)


def write_takings_pdf(
    takings: Takings,
    path: Path | str,
    translate: Translator = no_translation,
    paper: str = "a4",
) -> Path:
    """Writes the report to `path`, a new file or a PDF of ours, never over a file we did not
    make (NotOurFile, nothing written). OSError goes to the caller."""
    return write_new_or_ours(Path(path), takings_pdf(takings, translate, paper), is_our_pdf)


class _Report:
    def __init__(self, takings: Takings, translate: Translator, paper: str) -> None:
        self.takings = takings
        self.t = translate
        self.layout = LAYOUTS[paper]
        self.b = Blocks(self.layout, translate)
        self.s = self.b.s
        self.para = self.b.para

    def story(self) -> list[Flowable]:
        takings, t, b = self.takings, self.t, self.b
        story = self._header()
        total = takings.total
        story += b.section(
            t("Summary"),
            [
                (t("Payments"), yuan(total.payments_cents)),
                (t("Refunds"), yuan(total.refunds_cents)),
                (t("Deposits taken"), yuan(total.deposits_cents)),
                (t("Deposits used"), yuan(total.deposits_used_cents)),
                (t("Net takings"), yuan(total.net_cents)),
                (t("Expected cash"), yuan(total.expected_cash_cents)),
            ],
        )
        story += [*b.heading(t("By method")), self._methods(total)]
        story += self._counts()
        if len(takings.per_workstation) > 1 or takings.query.workstation is None:
            story += self._groups(t("By workstation"), takings.per_workstation)
        if len(takings.per_clerk) > 1 or takings.query.clerk is None:
            story += self._groups(t("By clerk"), takings.per_clerk)
        story += self._lines()
        return story

    def _header(self) -> list[Flowable]:
        takings, t, s = self.takings, self.t, self.s
        lines: list[Flowable] = []
        if takings.shop_name.strip():
            lines.append(self.para(takings.shop_name.strip(), s.shop))
        if takings.shop_address.strip():
            lines.append(self.para(takings.shop_address.strip(), s.header))
        if takings.shop_hotline.strip():
            lines.append(
                self.para(
                    t("24-hour after-sales hotline: {hotline}").format(
                        hotline=takings.shop_hotline.strip()
                    ),
                    s.header,
                )
            )
        lines.append(self.para(t("Day's takings"), s.title))
        lines.append(self.para(takings.query.shift.label(), s.number))
        query = takings.query
        scope = [
            t("Workstation: {name}").format(name=query.workstation or t("all")),
            t("Clerk: {name}").format(name=takings.clerk_name or query.clerk or t("all")),
            t("As of {at}").format(at=minute_text(takings.generated_at)),
        ]
        lines.append(self.para(" · ".join(scope), s.header))
        return [*lines, rule(self.layout)]

    def _table(self, rows: list[list[str]], widths: list[float], amounts_from: int) -> Table:
        """A header row and rows; the columns from `amounts_from` on are amounts (right)."""
        s = self.s
        cells = [
            [
                self.para(
                    cell,
                    (s.amount_label if column >= amounts_from else s.label)
                    if r == 0
                    else (s.amount if column >= amounts_from else s.body),
                )
                for column, cell in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
        return Table(
            cells,
            colWidths=widths,
            repeatRows=1,
            splitInRow=1,
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.6, self.layout.rule),
                ]
            ),
        )

    def _widths(self, first: float, columns: int) -> list[float]:
        """The first column a share of the width, the rest split evenly."""
        width = self.layout.frame_width
        rest = (width - width * first) / (columns - 1)
        return [width * first, *[rest] * (columns - 1)]

    def _methods(self, total: Totals) -> Table:
        t = self.t
        if not self.layout.two_columns:
            return self._roll_rows(
                [
                    (
                        t(PAYMENT_LABELS[m.method]),
                        m.payments_cents,
                        m.deposits_cents,
                        m.refunds_cents,
                        m.net_cents,
                    )
                    for m in total.by_method
                    if not m.empty
                ]
                + [
                    (
                        t("Total"),
                        total.payments_cents,
                        total.deposits_cents,
                        total.refunds_cents,
                        total.net_cents,
                    )
                ],
                t("Method"),
                t("Net"),
            )
        rows = [[t("Method"), t("Payments"), t("Deposits"), t("Refunds"), t("Net")]]
        for m in total.by_method:
            if m.empty:
                continue
            rows.append(
                [
                    t(PAYMENT_LABELS[m.method]),
                    yuan(m.payments_cents),
                    yuan(m.deposits_cents),
                    yuan(m.refunds_cents),
                    yuan(m.net_cents),
                ]
            )
        rows.append(
            [
                t("Total"),
                yuan(total.payments_cents),
                yuan(total.deposits_cents),
                yuan(total.refunds_cents),
                yuan(total.net_cents),
            ]
        )
        return self._table(rows, self._widths(0.28 if self.layout.two_columns else 0.2, 5), 1)

    def _counts(self) -> list[Flowable]:
        t, b = self.t, self.b
        counts = self.takings.counts
        if not counts:
            return [*b.heading(t("Cash drawer count")), self.para(t("Not counted."), self.s.body)]
        story: list[Flowable] = []
        for count in counts:
            story += b.section(
                t("Cash drawer count: {workstation}").format(workstation=count.workstation),
                self._count_rows(count),
            )
        return story

    def _count_rows(self, count: DrawerCount) -> list[tuple[str, str]]:
        t = self.t
        shift = count.shift.label()
        rows = [
            (t("Counted"), yuan(count.counted_cents)),
            (t("Expected"), yuan(count.expected_cents)),
            (t("Difference"), difference_text(count.difference_cents, t)),
            (t("Counted by"), count.counted_by),
            (t("At"), minute_text(count.at)),
            (t("Period"), shift),
        ]
        if count.recounts:
            rows.append((t("Recounts"), str(count.recounts)))
        rows.append((t("Note"), count.note or EMPTY))
        return rows

    def _roll_rows(
        self, rows: list[tuple[str, int, int, int, int]], head: str, amount: str
    ) -> Table:
        """A till roll's figures: the name and its net on one line, what makes it up under."""
        t = self.t
        table = [[head, amount]]
        for name, payments, deposits, refunds, net in rows:
            detail = t("paid {payments} · deposits {deposits} · refunds {refunds}").format(
                payments=yuan(payments), deposits=yuan(deposits), refunds=yuan(refunds)
            )
            table.append([f"{name}\n{detail}", yuan(net)])
        return self._table(table, self._widths(0.72, 2), 1)

    def _groups(self, title: str, groups: tuple) -> list[Flowable]:
        t = self.t
        if not self.layout.two_columns:
            rows = [
                (
                    g.name or EMPTY,
                    g.totals.payments_cents,
                    g.totals.deposits_cents,
                    g.totals.refunds_cents,
                    g.totals.net_cents,
                )
                for g in groups
            ]
            return [*self.b.heading(title), self._roll_rows(rows, title, t("Net"))]
        rows = [[title, t("Payments"), t("Deposits"), t("Refunds"), t("Net"), t("Expected cash")]]
        for group in groups:
            figures = group.totals
            rows.append(
                [
                    group.name or EMPTY,
                    yuan(figures.payments_cents),
                    yuan(figures.deposits_cents),
                    yuan(figures.refunds_cents),
                    yuan(figures.net_cents),
                    yuan(figures.expected_cash_cents),
                ]
            )
        first = 0.25 if self.layout.two_columns else 0.2
        return [*self.b.heading(title), self._table(rows, self._widths(first, 6), 1)]

    def _lines(self) -> list[Flowable]:
        t = self.t
        lines = self.takings.lines
        title = t("The lines ({count})").format(count=len(lines))
        if not lines:
            return [*self.b.heading(title), self.para(t("Nothing taken."), self.s.body)]
        if self.layout.two_columns:
            rows = [[t("Time"), t("Job"), t("Kind"), t("Method"), t("By"), t("Amount")]]
            rows += [
                [
                    f"{line.at:%H:%M:%S}",
                    line.job_number,
                    t(PAYMENT_KIND_LABELS[line.kind]),
                    t(PAYMENT_LABELS[line.method]) if line.method else EMPTY,
                    f"{line.taken_by} · {line.workstation}",
                    yuan(line.drawer_cents or line.amount_cents),
                ]
                for line in lines
            ]
            width = self.layout.frame_width
            widths = [w * width for w in (0.1, 0.2, 0.14, 0.14, 0.28, 0.14)]
            return [*self.b.heading(title), self._table(rows, widths, 5)]
        # A till roll: each line in two rows' worth (time, job; kind, method, who, amount).
        rows = [[t("Job"), t("Amount")]]
        for line in lines:
            method = t(PAYMENT_LABELS[line.method]) if line.method else ""
            what = " ".join(
                part
                for part in (f"{line.at:%H:%M}", t(PAYMENT_KIND_LABELS[line.kind]), method)
                if part
            )
            rows.append(
                [
                    f"{line.job_number}\n{what} · {line.taken_by}",
                    yuan(line.drawer_cents or line.amount_cents),
                ]
            )
        return [*self.b.heading(title), self._table(rows, self._widths(0.7, 2), 1)]


def difference_text(cents: int, translate: Translator) -> str:
    """¥0.00, ¥1.50 over, ¥0.27 short."""
    t = translate
    if cents > 0:
        return t("{amount} over").format(amount=yuan(cents))
    if cents < 0:
        return t("{amount} short").format(amount=yuan(-cents))
    return yuan(0)
