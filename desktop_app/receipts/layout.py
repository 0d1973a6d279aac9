"""Paper, styles and page machinery shared by the receipts (no Qt here).

Two papers: A4 for an office printer, and an 80 mm roll for a receipt printer, where the page is
cut where the content ends. Everything a receipt prints goes through `Styles.para`, which escapes
it: labels and what people typed are plain text, never markup.
"""

from __future__ import annotations

import io
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as _paragraph

from desktop_app.domain import vocabulary
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator
from desktop_app.receipts.fonts import font_runs, receipt_font

PAPERS = vocabulary.PAPERS
EMPTY = "—"  # an empty field prints as a dash: visibly blank, not forgotten

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]")
_GREY = colors.HexColor("#555555")
_RULE = colors.HexColor("#999999")
_SHADE = colors.HexColor("#eeeeee")
# How tall the shop's details may be beside the QR code on A4 before they print above it.
_HEADER_ROOM = 60 * mm

Footer = Callable[[Canvas, BaseDocTemplate], None]

# CJK wrapping keeps a character that may not start a line on the line before (it hangs in the
# margin), but ReportLab's table of them is Japanese: it lacks the full-width comma, colon,
# semicolon, question and exclamation marks and some closing brackets of Chinese, so an 80 mm
# line started with "，". Both modules read the table when they wrap, so extending it is enough.
_CHINESE_CANNOT_START = "，：；？！）》」』】〕〗〙〛〉"
for _module in (textsplit, _paragraph):
    _missing = "".join(c for c in _CHINESE_CANNOT_START if c not in _module.ALL_CANNOT_START)
    _module.ALL_CANNOT_START += _missing


def _line_text(line: object) -> str:
    if isinstance(line, tuple):  # one font: (extra space, [text])
        return "".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)  # type: ignore[attr-defined]


class _Paragraph(Paragraph):
    """CJK wrapping that never leaves a paragraph's last one or two characters alone on a line
    ("件）" under "…更换同型号配"): the line before is wrapped a little narrower, so it gives up
    a character and they go down together."""

    def breakLinesCJK(self, maxWidths: object) -> object:
        widths = list(maxWidths) if isinstance(maxWidths, list | tuple) else [maxWidths]
        result = super().breakLinesCJK(list(widths))  # it narrows the first width for a bullet
        lines = result.lines
        if len(lines) < 2 or getattr(self, "_splitpara", 0):
            return result
        before, last = _line_text(lines[-2]).rstrip(), _line_text(lines[-1]).strip()
        if not 0 < len(last) <= 2 or len(before) < 4 or getattr(lines[-2], "lineBreak", False):
            return result
        index = len(lines) - 2
        widths += [widths[-1]] * (index + 1 - len(widths))
        # Half a character narrower than the width the line used: its last character no longer
        # fits (it would hang past the end only if it may not start a line).
        extra = lines[-2][0] if isinstance(lines[-2], tuple) else lines[-2].extraSpace
        widths[index] -= max(extra, 0) + 0.5 * self.style.fontSize
        narrower = super().breakLinesCJK(list(widths))
        return narrower if len(narrower.lines) == len(lines) else result


@dataclass(frozen=True)
class Layout:
    width: float
    height: float  # A4's height, or the longest page an 80 mm roll gets
    fit_height: bool  # cut the page where the content ends (a receipt roll)
    margin_x: float
    margin_top: float
    margin_bottom: float
    footer_y: float
    base_size: float
    label_width: float
    two_columns: bool  # label/value pairs side by side (A4) or one under another (80 mm)
    # A thermal printer dithers grey into a dotted haze: on the roll, everything is black.
    monochrome: bool
    bar_width: float  # Code 128 module: 0.375 mm is 3 dots of a 203 dpi receipt printer
    bar_height: float
    qr_size: float

    @property
    def frame_width(self) -> float:
        return self.width - 2 * self.margin_x

    @property
    def muted(self) -> colors.Color:
        """Labels and footer: grey on paper, black on a thermal roll."""
        return colors.black if self.monochrome else _GREY

    @property
    def rule(self) -> colors.Color:
        return colors.black if self.monochrome else _RULE

    @property
    def shade(self) -> colors.Color:
        """Background of the box that matters most; none on a thermal roll."""
        return colors.white if self.monochrome else _SHADE


LAYOUTS = {
    "a4": Layout(
        width=A4[0],
        height=A4[1],
        fit_height=False,
        margin_x=15 * mm,
        margin_top=14 * mm,
        margin_bottom=16 * mm,
        footer_y=9 * mm,
        base_size=9.0,
        label_width=31 * mm,
        two_columns=True,
        monochrome=False,
        bar_width=0.375 * mm,
        bar_height=12 * mm,
        qr_size=30 * mm,
    ),
    "80mm": Layout(
        width=80 * mm,
        height=2000 * mm,
        fit_height=True,
        margin_x=4 * mm,
        margin_top=4 * mm,
        margin_bottom=11 * mm,
        footer_y=5 * mm,
        base_size=8.0,
        label_width=24 * mm,
        two_columns=False,
        monochrome=True,
        bar_width=0.375 * mm,
        bar_height=10 * mm,
        qr_size=24 * mm,
    ),
}


class Styles:
    """Paragraph styles for one paper size.

    Text with Chinese in it wraps CJK-style (between any two characters); text without breaks
    at spaces, so an English label is never cut mid-word and nothing runs off the page.
    """

    def __init__(self, layout: Layout) -> None:
        font, size, centred = receipt_font(), layout.base_size, not layout.two_columns

        def style(name: str, scale: float = 1.0, **extra: object) -> ParagraphStyle:
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=size * scale,
                leading=size * scale * 1.35,
                bulletFontName=font,
                bulletFontSize=size * scale,
                **extra,
            )

        header_alignment = TA_CENTER if centred else 0
        self.body = style("body")
        self.label = style("label", 0.92, textColor=layout.muted)
        # Amounts and their column heads line up on the right.
        self.amount = style("amount", alignment=TA_RIGHT)
        self.amount_label = style("amount_label", 0.92, textColor=layout.muted, alignment=TA_RIGHT)
        self.small = style("small", 0.85)
        self.heading = style("heading", 1.12, spaceBefore=size * 0.9, spaceAfter=size * 0.25)
        # A heading moves to the next page unless a few lines fit under it. (keepWithNext would
        # move a pages-long section whole, leaving the rest of this page blank.)
        self.heading_room = size * 7
        # A value too long for its cell: under its label, indented a little. (The right indent
        # is room for the closing punctuation CJK wrapping lets hang past the line's end.)
        self.long_value = style(
            "long_value", leftIndent=size, rightIndent=size, spaceAfter=size * 0.3
        )
        self.bullet = style("bullet", leftIndent=size * 1.1, bulletIndent=size * 0.2)
        self.term = style("term", 0.85, leftIndent=size * 1.5, bulletIndent=0)
        self.shop = style("shop", 1.75, alignment=header_alignment)
        self.header = style("header", alignment=header_alignment)
        self.title = style("title", 1.45, alignment=header_alignment, spaceBefore=size * 0.4)
        self.number = style("number", 1.45, alignment=header_alignment)
        self._cjk: dict[str, ParagraphStyle] = {}

    def para(self, text: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
        """A paragraph that prints `text` exactly as written: plain text, never markup."""
        return _Paragraph(markup(text), self._wrapping(style, text), bulletText=bullet)

    def _wrapping(self, style: ParagraphStyle, text: str) -> ParagraphStyle:
        if not _CJK.search(text):
            return style
        if style.name not in self._cjk:
            self._cjk[style.name] = ParagraphStyle(f"{style.name}-cjk", style, wordWrap="CJK")
        return self._cjk[style.name]


def markup(text: str) -> str:
    """Plain text as Paragraph markup that prints exactly as typed, line breaks kept, each
    character in a font that has it (see fonts.py)."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(
        escape(run) if font is None else f'<font name="{font}">{escape(run)}</font>'
        for font, run in font_runs(text)
    ).replace("\n", "<br/>")


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    # Empty cells are drawn as strings in the table's font: ours, so Helvetica is never needed.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), receipt_font()), *commands])


def rule(layout: Layout) -> Flowable:
    return HRFlowable(width="100%", thickness=0.6, color=layout.rule, spaceBefore=4, spaceAfter=2)


def code128_barcode(value: str, layout: Layout) -> Code128:
    """Code 128 of the job number with its quiet zones, narrowed only if it would not fit."""
    bar_width = layout.bar_width
    for _ in range(2):
        barcode = Code128(
            value,
            barWidth=bar_width,
            barHeight=layout.bar_height,
            humanReadable=False,
            lquiet=10 * bar_width,  # the symbology's minimum quiet zone: 10 modules
            rquiet=10 * bar_width,
        )
        if barcode.width <= layout.frame_width:
            break
        bar_width *= layout.frame_width / barcode.width
    barcode.hAlign = "LEFT"
    return barcode


def qr_code(value: str, size: float) -> Drawing:
    widget = QrCodeWidget(value, barLevel="M", barBorder=4, barWidth=size, barHeight=size)
    # The drawing's text state starts in our font, so no unembedded Helvetica is referenced.
    drawing = Drawing(size, size, initialFontName=receipt_font())
    drawing.add(widget)
    return drawing


Value = str | list[Flowable]  # a value cell: plain text, or flowables already made
_LONG_VALUE = 400  # characters: a value this long prints under its label, not beside it


def _long(value: Value) -> bool:
    return isinstance(value, str) and len(value) > _LONG_VALUE


def value_text(text: str) -> str:
    """What a person typed, or a dash when they left it empty."""
    return text.strip() or EMPTY


def day_text(day: date) -> str:
    return day.isoformat()


def minute_text(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else EMPTY


class Blocks:
    """The blocks every receipt is made of, for one paper and one translator: the shop header
    with the job number's barcodes, label/value sections, a shaded box, and signature lines."""

    def __init__(self, layout: Layout, translate: Translator) -> None:
        self.layout = layout
        self.translate = translate
        self.s = Styles(layout)
        self.para = self.s.para

    def header(
        self, shop: ShopSnapshot, title: str, number: str, number_label: str | None = None
    ) -> list[Flowable]:
        """Shop name, address and hotline, the receipt's title and the job number, in words, as
        Code 128 and as a QR code (beside the text on A4, under it on a roll).

        On A4 the QR code stands beside the shop's details unless they run longer than the
        header's room (a name pages long, from a database that held no limit): then they print
        across the page above, where they can wrap and split like any paragraph, and the QR code
        stands beside the job number."""
        t, s, layout = self.translate, self.s, self.layout
        shop_lines: list[Flowable] = []
        if shop.name.strip():
            shop_lines.append(self.para(shop.name.strip(), s.shop))
        if shop.address.strip():
            shop_lines.append(self.para(shop.address.strip(), s.header))
        hotline = t("24-hour after-sales hotline: {hotline}").format(
            hotline=shop.hotline.strip() or EMPTY
        )
        shop_lines.append(self.para(hotline, s.header))
        job_number = number_label if number_label is not None else t("Job number")
        job_lines = [self.para(title, s.title), self.para(f"{job_number}  {number}", s.number)]
        barcode = code128_barcode(number, layout)
        qr = qr_code(number, layout.qr_size)
        if not layout.two_columns:
            barcode.hAlign = qr.hAlign = "CENTER"
            return [
                *shop_lines,
                *job_lines,
                *[Spacer(0, 1 * mm), barcode, Spacer(0, 1 * mm), qr, rule(layout)],
            ]
        text_width = layout.frame_width - layout.qr_size
        above: list[Flowable] = []
        if sum(line.wrap(text_width, layout.height)[1] for line in shop_lines) > _HEADER_ROOM:
            above, shop_lines = shop_lines, []
        header = Table(
            [[[*shop_lines, *job_lines, Spacer(0, 2 * mm), barcode], qr]],
            colWidths=[text_width, layout.qr_size],
            style=table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            ),
        )
        return [*above, header, rule(layout)]

    def heading(self, title: str) -> list[Flowable]:
        return [CondPageBreak(self.s.heading_room), self.para(title, self.s.heading)]

    def section(
        self, title: str, rows: Sequence[tuple[str, Value]], wide: bool = False
    ) -> list[Flowable]:
        """A heading and its label/value pairs: two pairs a line on A4 unless `wide`, one pair a
        line on a receipt roll. A value may be pages long: past a few lines' worth it prints under
        its label, across the page, and splits across pages like any paragraph.

        The short pairs between two long values make one table (a page end splits it between
        rows, cheaply: its rows are a line or two each); a long value is a paragraph of its own,
        never in a table, since splitting a table re-wraps every row below the split."""
        lines: list[Flowable] = []
        run: list[tuple[str, Value]] = []  # the short pairs since the last long value
        one_a_line = wide or not self.layout.two_columns
        for row in rows:
            if _long(row[1]):
                lines += [self.pairs(run, wide=one_a_line)] if run else []
                lines += self.long_pair(*row)
                run = []
            else:
                run.append(row)
        lines += [self.pairs(run, wide=one_a_line)] if run else []
        return [*self.heading(title), *lines]

    def long_pair(self, label: str, value: str) -> list[Flowable]:
        """A label with a long value under it, across the page: a paragraph splits at a page
        end in one measuring, a table cell's value is measured again for each try at a split."""
        s = self.s
        room = CondPageBreak(s.label.leading + 3 * s.body.leading)
        return [room, self.para(label, s.label), self.para(value, s.long_value)]

    def pairs(self, rows: Sequence[tuple[str, Value]], wide: bool = False) -> Table:
        s, layout = self.s, self.layout
        cells = [(self.para(k, s.label), self.cell(v)) for k, v in rows]
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
        return Table(
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

    def cell(self, value: Value) -> Flowable | list[Flowable]:
        return self.para(value, self.s.body) if isinstance(value, str) else value

    def box(self, title: str, rows: Sequence[tuple[str, Value]]) -> Flowable:
        """A heading and label/value rows in a shaded box, kept together: the part of the
        receipt people look for first."""
        s, layout = self.s, self.layout
        label_width = layout.label_width + (8 * mm if layout.two_columns else 2 * mm)
        table = Table(
            [[self.para(k, s.body), self.cell(v)] for k, v in rows],
            colWidths=[label_width, layout.frame_width - label_width],
            splitInRow=1,  # a row taller than the page (a reason typed at length) splits
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
        return KeepTogether([self.para(title, s.heading), table])

    def signatures(self, confirmation: str, customer: str, clerk: str) -> Flowable:
        """A confirmation sentence and lines to sign and date, customer's and clerk's."""
        s, layout = self.s, self.layout
        confirm = self.para(confirmation, s.small)
        t = self.translate
        day = t("Date")
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


class _EndMarker(Flowable):
    """Zero-size flowable at the end of the story that notes where the content ended."""

    def __init__(self) -> None:
        super().__init__()
        self.y: float | None = None
        self.page = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.y = y
        self.page = canvas.getPageNumber()

    def draw(self) -> None:
        pass


def page_footer(printed: str, number: str, page_template: str, layout: Layout) -> Footer:
    """Printed-at, job number and page number on every page, so a loose page is still known."""

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        font = receipt_font()
        page = page_template.format(page=doc.page)
        canvas.saveState()
        canvas.setFillColor(layout.muted)
        if layout.two_columns:
            canvas.setFont(font, 7.5)
            canvas.drawString(layout.margin_x, layout.footer_y, printed)
            right = f"{number}  ·  {page}"
            canvas.drawRightString(layout.width - layout.margin_x, layout.footer_y, right)
        else:
            text = f"{printed}  ·  {number}  ·  {page}"
            size = min(6.5, 6.5 * layout.frame_width / stringWidth(text, font, 6.5))
            canvas.setFont(font, size)
            canvas.drawCentredString(layout.width / 2, layout.footer_y, text)
        canvas.restoreState()

    return draw


def render_pdf(
    story: Callable[[], list[Flowable]], layout: Layout, footer: Footer, meta: dict[str, str]
) -> bytes:
    """The story laid out on the layout's paper, as PDF bytes.

    `story` makes fresh flowables on each call (a build consumes them). A receipt roll is cut
    where the content ends: the story is laid out once on the longest pages to measure it, then
    again with the last page exactly as tall as what is on it.
    """
    pdf, (pages, used) = _build(story, layout, footer, meta)
    if not layout.fit_height:
        return pdf
    last_height = layout.margin_top + used + layout.margin_bottom + 1
    return _build(story, layout, footer, meta, (pages, last_height))[0]


def _build(
    story: Callable[[], list[Flowable]],
    layout: Layout,
    footer: Footer,
    meta: dict[str, str],
    fit_last: tuple[int, float] | None = None,
) -> tuple[bytes, tuple[int, float]]:
    """Lays the story out on the layout's pages; with `fit_last` (pages, height), the last of
    those pages is that tall. Returns the PDF, its page count and the height the content used
    on the last page."""
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=(layout.width, layout.height),
        leftMargin=layout.margin_x,
        rightMargin=layout.margin_x,
        topMargin=layout.margin_top,
        bottomMargin=layout.margin_bottom,
        creator="Repair Counter",
        initialFontName=receipt_font(),  # else Helvetica is referenced, unembedded
        **meta,
    )

    def template(name: str, height: float) -> PageTemplate:
        frame = Frame(
            layout.margin_x,
            layout.margin_bottom,
            layout.frame_width,
            height - layout.margin_top - layout.margin_bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        return PageTemplate(name, [frame], onPage=footer, pagesize=(layout.width, height))

    end = _EndMarker()
    flowables = [*story(), end]
    templates = [template("page", layout.height)]
    if fit_last is not None:
        pages, last_height = fit_last
        templates.insert(0 if pages == 1 else 1, template("last", last_height))
        if pages > 1:  # from page 2 on: full pages, then the last one
            flowables.insert(0, NextPageTemplate([*["page"] * (pages - 2), "*", "last"]))
    doc.addPageTemplates(templates)
    doc.build(flowables)
    if end.y is None:
        raise RuntimeError("the end of the receipt was never laid out")
    page_height = fit_last[1] if fit_last and end.page == fit_last[0] else layout.height
    return out.getvalue(), (end.page, page_height - layout.margin_top - end.y)


class JobReceipt(ABC):
    """What every job receipt's story starts from: the job, the shop, the translator, the paper,
    and the blocks to build with. A subclass makes the story."""

    def __init__(
        self, job: JobSnapshot, shop: ShopSnapshot, translate: Translator, layout: Layout
    ) -> None:
        self.job = job
        self.shop = shop
        self.translate = translate
        self.layout = layout
        self.b = Blocks(layout, translate)
        self.s = self.b.s
        self.para = self.b.para

    @abstractmethod
    def story(self) -> list[Flowable]:
        """The receipt's flowables, top to bottom."""


def render_job_receipt(
    make: Callable[[Layout], JobReceipt],
    title: str,
    *,
    translate: Translator,
    paper: str,
    printed_at: datetime | None,
) -> bytes:
    """The receipt `make` builds for the paper, with the footer (printed at, job number, page)
    on every page and the PDF's title, author and subject filled in."""
    if paper not in LAYOUTS:
        raise ValueError(f"unknown receipt paper {paper!r}; expected one of {PAPERS}")
    layout = LAYOUTS[paper]
    receipt = make(layout)
    number = receipt.job.number
    printed = printed_at or datetime.now().replace(microsecond=0)
    t = translate
    footer = page_footer(
        t("Printed {at}").format(at=minute_text(printed)), number, t("Page {page}"), layout
    )
    meta = {"title": f"{title} {number}", "author": receipt.shop.name.strip(), "subject": number}
    return render_pdf(receipt.story, layout, footer, meta)
