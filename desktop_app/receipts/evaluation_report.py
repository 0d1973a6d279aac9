"""The service-quality evaluation as an A4 PDF report (the agreement's 定期评估, on paper).

Everything it prints comes from the `Evaluation` the service hands out, and the figures table
from `figure_rows`, the one list the window, the workbook and the command line show too: the
outputs agree by construction. No Qt here: the caller hands in a translator and gets bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    DEFINITIONS,
    NOTE_NUMBER,
    PERIOD_KIND_LABELS,
    Evaluation,
    FigureRow,
    Figures,
    Period,
    Rate,
    Unit,
    figure_rows,
    format_row_change,
    format_value,
)
from desktop_app.domain.money import yuan
from desktop_app.domain.text import N_, Translator, no_translation, one_or_many
from desktop_app.domain.vocabulary import Category, ComplaintCategory, OfferKind, label
from desktop_app.receipts import evaluation_charts as charts
from desktop_app.receipts.fonts import receipt_font
from desktop_app.receipts.layout import (
    EMPTY,
    LAYOUTS,
    Blocks,
    markup,
    minute_text,
    render_pdf,
    table_style,
)
from desktop_app.receipts.output_files import is_our_pdf, write_new_or_ours

_A4 = LAYOUTS["a4"]
_HEAD = colors.HexColor("#e4e9f1")
_LINE = colors.HexColor("#bbbbbb")
_MUTED = colors.HexColor("#666666")
_WIDTH = _A4.frame_width
_TITLE = N_("Service quality evaluation report")


def evaluation_pdf(evaluation: Evaluation, translate: Translator = no_translation) -> bytes:
    """The report as PDF bytes: a cover, the figures with their footnoted definitions, the
    charts, the per-technician table and the break-downs; the shop and page on every page."""
    report = _Report(evaluation, translate)
    title = translate(_TITLE)
    meta = {
        "title": f"{title} {evaluation.current.period.label()}",
        "author": evaluation.shop_name.strip(),
        "subject": evaluation.current.period.label(),
    }
    return render_pdf(report.story, _A4, report.footer, meta)


def write_evaluation_pdf(
    evaluation: Evaluation, path: Path | str, translate: Translator = no_translation
) -> Path:
    """Writes the report to `path`, a new file or a PDF of ours, never over a file we did not
    make (domain.errors.NotOurFile, nothing written). OSError goes to the caller."""
    return write_new_or_ours(Path(path), evaluation_pdf(evaluation, translate), is_our_pdf)


# --- how a value is written ----------------------------------------------------------------------


def value_text(unit: Unit, value: float | None) -> str:
    """A figure as every output writes it (domain/evaluation.format_value)."""
    return format_value(unit, value)


def rate_detail(rate: Rate) -> str:
    return f"{rate.count} / {rate.of}"


def period_text(period: Period, translate: Translator) -> str:
    """ "2026-09 (Month): 2026-09-01 – 2026-09-30, 30 days"."""
    t = translate
    return t("{label} ({kind}): {start} – {end}, {days} days").format(
        label=period.label(),
        kind=t(PERIOD_KIND_LABELS[period.kind]),
        start=period.start.isoformat(),
        end=period.end.isoformat(),
        days=period.days,
    )


# --- the report ----------------------------------------------------------------------------------


class _Report:
    def __init__(self, evaluation: Evaluation, translate: Translator) -> None:
        self.e = evaluation
        self.t = translate
        self.b = Blocks(_A4, translate)
        self.s = self.b.s
        self.para = self.b.para
        size = _A4.base_size
        font = receipt_font()
        self.cell = ParagraphStyle(
            "cell",
            fontName=font,
            fontSize=size,
            leading=size * 1.25,
            bulletFontName=font,  # else the footnotes' numbers reference Helvetica
        )
        self.number = ParagraphStyle("number", self.cell, alignment=TA_RIGHT)
        self.detail = ParagraphStyle(
            "detail", self.number, fontSize=size * 0.8, leading=size, textColor=_MUTED
        )
        self.head = ParagraphStyle("head", self.cell, fontSize=size * 0.92, textColor=colors.black)
        self.head_number = ParagraphStyle("head_number", self.head, alignment=TA_RIGHT)
        self.note = ParagraphStyle("note", self.cell, fontSize=size * 0.85, leading=size * 1.2)
        self.cover_title = ParagraphStyle(
            "cover_title", self.cell, fontSize=24, leading=32, alignment=TA_CENTER
        )
        self.cover_shop = ParagraphStyle(
            "cover_shop", self.cell, fontSize=15, leading=21, alignment=TA_CENTER
        )

    # -- page furniture ---------------------------------------------------------------------------

    def footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The shop on the left, the report, its period and the page on the right."""
        font, size = receipt_font(), 7.5
        t = self.t
        right = "{title} · {period} · {page}".format(
            title=t(_TITLE),
            period=self.e.current.period.label(),
            page=t("Page {page}").format(page=doc.page),
        )
        room = _WIDTH - stringWidth(right, font, size) - 8 * mm
        shop = charts.fit(self.e.shop_name.strip(), room, size)
        canvas.saveState()
        canvas.setFillColor(_MUTED)
        canvas.setStrokeColor(_LINE)
        canvas.setLineWidth(0.4)
        y = _A4.footer_y
        canvas.line(_A4.margin_x, y + 9, _A4.width - _A4.margin_x, y + 9)
        # Each run of the shop's name in a font that has it, as on the page.
        x = _A4.margin_x
        for group_font, run in charts.runs(shop):
            canvas.setFont(group_font, size)
            canvas.drawString(x, y, run)
            x += stringWidth(run, group_font, size)
        canvas.setFont(font, size)
        canvas.drawRightString(_A4.width - _A4.margin_x, y, right)
        canvas.restoreState()

    def story(self) -> list[Flowable]:
        return [
            *self.cover(),
            PageBreak(),
            *self.figures(),
            *self.definitions(),
            *self.charts(),
            *self.technicians(),
            *self.received(),
            *self.compensation(),
        ]

    def heading(self, title: str, note: str | None = None) -> list[Flowable]:
        if note is not None:
            title = f"{title} [{NOTE_NUMBER[note]}]"
        return self.b.heading(title)

    def cover(self) -> list[Flowable]:
        t, e = self.t, self.e
        rows = [
            (t("Period"), period_text(e.current.period, t)),
            (t("Compared with"), period_text(e.previous.period, t)),
            (t("Generated"), minute_text(e.generated_at)),
        ]
        table = Table(
            [[self.para(k, self.s.label), self.para(v, self.s.body)] for k, v in rows],
            colWidths=[32 * mm, 110 * mm],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.6, _LINE),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.6, _LINE),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            ),
        )
        shop = e.shop_name.strip() or EMPTY
        return [
            Spacer(0, 55 * mm),
            self.para(shop, self.cover_shop),
            Spacer(0, 8 * mm),
            self.para(t(_TITLE), self.cover_title),
            Spacer(0, 22 * mm),
            table,
        ]

    # -- the figures ------------------------------------------------------------------------------

    def figures(self) -> list[Flowable]:
        t, e = self.t, self.e
        header = [
            Paragraph(markup(t("Figure")), self.head),
            Paragraph(markup(f"{t('This period')}\n{e.current.period.label()}"), self.head_number),
            Paragraph(
                markup(f"{t('Previous period')}\n{e.previous.period.label()}"), self.head_number
            ),
            Paragraph(markup(t("Change")), self.head_number),
        ]
        data: list[list[object]] = [header]
        indented: list[int] = []
        for index, row in enumerate(figure_rows(e), start=1):
            data.append(self.figure_row(row))
            if row.indent:
                indented.append(index)
        commands: list[tuple[object, ...]] = [
            *self.grid_commands(),
            *[("LEFTPADDING", (0, i), (0, i), 16) for i in indented],
        ]
        widths = [_WIDTH - 3 * 34 * mm, 34 * mm, 34 * mm, 34 * mm]
        table = Table(data, colWidths=widths, repeatRows=1, style=table_style(commands))
        return [*self.heading(t("Figures")), table]

    def figure_row(self, row: FigureRow) -> list[object]:
        t = self.t
        text = markup(t(row.label))
        if row.note is not None:
            text += f'<super rise="2.5" size="6">{row.note}</super>'
        cells: list[object] = [Paragraph(text, self.cell)]
        for value, detail in ((row.current, row.detail), (row.previous, row.previous_detail)):
            cell = [Paragraph(markup(value_text(row.unit, value)), self.number)]
            if detail:
                cell.append(Paragraph(markup(detail), self.detail))
            cells.append(cell)
        cells.append(Paragraph(markup(format_row_change(row, t)), self.number))
        return cells

    @staticmethod
    def grid_commands() -> list[tuple[object, ...]]:
        return [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), _HEAD),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, _LINE),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]

    def definitions(self) -> list[Flowable]:
        style = ParagraphStyle(
            "definition", self.note, leftIndent=14, bulletIndent=0, spaceAfter=2.5
        )
        t = self.t
        notes = [
            self.para(t(text), style, bullet=f"{number}.")
            for number, (_key, text) in enumerate(DEFINITIONS, start=1)
        ]
        return [*self.heading(t("Definitions")), *notes]

    # -- the charts -------------------------------------------------------------------------------

    def charts(self) -> list[Flowable]:
        t, now = self.t, self.e.current
        no_data = t("No data for this period")
        weeks = [w.monday for w in now.weekly]
        weekly = charts.weekly_lines(
            _WIDTH,
            t("On-time rates per week"),
            weeks,
            [
                charts.Series(
                    t("First response within 24 hours"),
                    charts.BLUE,
                    tuple(w.first_response_on_time.rate for w in now.weekly),
                ),
                charts.Series(
                    t("Repair within 5 working days"),
                    charts.ORANGE,
                    tuple(w.repair_on_time.rate for w in now.weekly),
                ),
            ],
            (no_data, ""),
        )
        on_time = len([b for b in DAY_BUCKETS if b not in ("6-7", "8+")])
        days = charts.columns(
            _WIDTH,
            t("Working days taken (jobs ready for pickup)"),
            [t("{days} working days").format(days=b) for b in DAY_BUCKETS],
            list(now.working_days_taken.buckets),
            [charts.GREEN if i < on_time else charts.RED for i in range(len(DAY_BUCKETS))],
            [
                (t("Within 5 working days"), charts.GREEN),
                (t("More than 5 working days"), charts.RED),
            ],
            no_data,
        )
        story: list[Flowable] = [*self.heading(t("Charts")), weekly, Spacer(0, 5 * mm), days]
        story += [Spacer(0, 5 * mm), *self.complaint_chart(no_data)]
        story += [Spacer(0, 5 * mm), *self.technician_chart(no_data)]
        return story

    def complaint_chart(self, no_data: str) -> list[Flowable]:
        t, e = self.t, self.e
        kinds = list(ComplaintCategory)
        return self.keep(
            charts.bars(
                _WIDTH,
                t("Complaints by category"),
                [t(label(k)) for k in kinds],
                [
                    charts.Panel(
                        t("Complaints"),
                        (
                            self.series(t("This period"), charts.BLUE, e.current, kinds),
                            self.series(t("Previous period"), charts.LIGHT, e.previous, kinds),
                        ),
                    )
                ],
                no_data,
            )
        )

    @staticmethod
    def series(
        name: str, color: colors.Color, figures: Figures, kinds: Sequence[ComplaintCategory]
    ) -> charts.Series:
        by = figures.complaints.by_category
        return charts.Series(name, color, tuple(float(by.get(k, 0)) for k in kinds))

    def technician_chart(self, no_data: str) -> list[Flowable]:
        t, people = self.t, self.e.current.per_technician
        return self.keep(
            charts.bars(
                _WIDTH,
                t("Technicians compared"),
                [p.name for p in people],
                [
                    charts.Panel(
                        t("Repair within 5 working days"),
                        (
                            charts.Series(
                                t("On-time rate"),
                                charts.ORANGE,
                                tuple(p.repair_on_time.rate for p in people),
                            ),
                        ),
                        charts.percent_text,
                        1.0,
                    ),
                    charts.Panel(
                        t("Jobs completed"),
                        (
                            charts.Series(
                                t("Jobs completed"),
                                charts.BLUE,
                                tuple(float(p.completed) for p in people),
                            ),
                        ),
                    ),
                ],
                no_data,
            )
        )

    @staticmethod
    def keep(drawings: list[Flowable]) -> list[Flowable]:
        return [KeepTogether([d]) for d in drawings]

    # -- the tables -------------------------------------------------------------------------------

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str | list[Flowable]]],
        widths: Sequence[float],
        text_columns: int = 1,
    ) -> Table:
        """A table with a header row repeated on every page it runs over; the first
        `text_columns` columns are text, the rest numbers (right-aligned)."""

        def cell(column: int, value: str | list[Flowable], head: bool = False) -> object:
            if not isinstance(value, str):
                return value
            if head:
                style = self.head if column < text_columns else self.head_number
            else:
                style = self.cell if column < text_columns else self.number
            return self.para(value, style)

        data = [[cell(c, v, head=True) for c, v in enumerate(header)]]
        data += [[cell(c, v) for c, v in enumerate(row)] for row in rows]
        return Table(
            data,
            colWidths=list(widths),
            repeatRows=1,
            splitInRow=1,
            style=table_style(self.grid_commands()),
        )

    def rate_cell(self, rate: Rate) -> list[Flowable]:
        return [
            self.para(value_text(Unit.RATE, rate.rate), self.number),
            self.para(rate_detail(rate), self.detail),
        ]

    def scores(self, count: int) -> str:
        """ "19 scores" under an average score ("1 score" in English)."""
        words = one_or_many(count, one=N_("{count} score"), many=N_("{count} scores"))
        return self.t(words).format(count=count)

    def technicians(self) -> list[Flowable]:
        t, people = self.t, self.e.current.per_technician
        header = [
            t("Technician"),
            t("Jobs completed"),
            t("Repair within 5 working days"),
            t("Average working days taken"),
            t("Hand-back score"),
            t("Complaints"),
            t("Repeat repairs"),
        ]
        rows = [
            [
                p.name.strip() or EMPTY,
                str(p.completed),
                self.rate_cell(p.repair_on_time),
                value_text(Unit.DAYS, p.days_taken.average),
                [
                    self.para(value_text(Unit.SCORE, p.satisfaction.average), self.number),
                    self.para(self.scores(p.satisfaction.count), self.detail),
                ],
                str(p.complaints),
                str(p.repeat_repairs),
            ]
            for p in people
        ]
        story = self.heading(t("Per technician"), "per_technician")
        if not rows:
            return [*story, self.para(t("No data for this period"), self.s.body)]
        numbers = [20 * mm, 28 * mm, 26 * mm, 22 * mm, 18 * mm, 18 * mm]
        widths = [_WIDTH - sum(numbers), *numbers]
        return [*story, self.table(header, rows, widths)]

    def received(self) -> list[Flowable]:
        t, now, before = self.t, self.e.current.received, self.e.previous.received
        header = [t("Category"), t("This period"), t("Previous period")]
        categories = [
            [t(label(c)), str(now.by_category.get(c, 0)), str(before.by_category.get(c, 0))]
            for c in Category
        ]
        earlier = dict(before.by_brand)
        brands = [[b, str(n), str(earlier.get(b, 0))] for b, n in now.by_brand]
        shown = {b for b, _n in now.by_brand}
        brands += [[b, "0", str(n)] for b, n in before.by_brand if b not in shown]
        widths = [_WIDTH - 2 * 34 * mm, 34 * mm, 34 * mm]
        story = [*self.heading(t("Received by category"), "received")]
        story.append(self.table(header, categories, widths))
        story += self.heading(t("Received by brand"), "received")
        if brands:
            story.append(self.table([t("Brand"), *header[1:]], brands, widths))
        else:
            story.append(self.para(t("No data for this period"), self.s.body))
        return story

    def compensation(self) -> list[Flowable]:
        t, now, before = self.t, self.e.current.compensation, self.e.previous.compensation
        header = [
            t("Compensation"),
            t("Times"),
            t("Amount"),
            t("Months"),
            t("Times, previous period"),
            t("Amount, previous period"),
        ]
        rows = []
        for kind in OfferKind:
            this, that = now.by_kind.get(kind), before.by_kind.get(kind)
            rows.append(
                [
                    t(label(kind)),
                    str(this.count if this else 0),
                    yuan(this.amount_cents if this else 0),
                    str(this.months if this else 0),
                    str(that.count if that else 0),
                    yuan(that.amount_cents if that else 0),
                ]
            )
        widths = [_WIDTH - 5 * 26 * mm, *[26 * mm] * 5]
        heading = self.heading(t("Compensation by kind"), "compensation")
        return [*heading, self.table(header, rows, widths)]
