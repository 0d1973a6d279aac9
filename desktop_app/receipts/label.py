"""The device tag label (domain/device_label.py): a sticker for the product, printed at check-in
on the label stock the shop's settings name (50 × 30 mm by default).

Drawn straight on one page the size of the label, not laid out as a story: every line has its
place and its font size, and a text longer than its line is cut with an ellipsis, so nothing
ever runs off the label or onto the barcode, whatever was typed (a name or model of the longest
length the forms take, in Chinese or not).

The barcode's module is a whole number of dots of a 203 dpi label printer (0.125 mm) where the
label is wide enough for two or more; on a 40 mm label it is narrower (about 0.22 mm), which a
300 dpi printer prints and a scanner reads (tests/receipts/test_label.py decodes every size).
"""

from __future__ import annotations

import io

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from desktop_app.domain.device_label import label_millimetres, surname_only
from desktop_app.domain.snapshots import JobSnapshot, ShopSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.receipts.fonts import font_runs, receipt_font

ELLIPSIS = "…"
_DOT = 25.4 / 203 * mm  # one dot of a 203 dpi label printer
_QUIET_MODULES = 10  # Code 128's minimum quiet zone on each side
_MAX_MODULE = 3 * _DOT


def _one_line(text: str) -> str:
    return " ".join(text.split())


def text_width(text: str, size: float) -> float:
    return sum(
        stringWidth(run, font or receipt_font(), size) for font, run in font_runs(text) if run
    )


def fitted(text: str, size: float, width: float) -> str:
    """`text` on one line of `width` points: whole, or cut with an ellipsis where it would run
    over (the longest start that fits, found by halving)."""
    text = _one_line(text)
    if text_width(text, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS if low else ""


def _draw(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """One line at (x, y), each run of characters in the font that has them."""
    for font, run in font_runs(text):
        canvas.setFont(font or receipt_font(), size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font or receipt_font(), size)


def label_barcode(number: str, width: float, height: float) -> Code128:
    """Code 128 of the job number with its quiet zones, as wide as `width` allows."""
    modules = Code128(number, barWidth=1, humanReadable=False, lquiet=0, rquiet=0).width
    module = min(_MAX_MODULE, width / (modules + 2 * _QUIET_MODULES))
    if module >= 2 * _DOT:
        module = int(module / _DOT) * _DOT  # whole dots: every bar prints the same width
    return Code128(
        number,
        barWidth=module,
        barHeight=height,
        humanReadable=False,
        lquiet=_QUIET_MODULES * module,
        rquiet=_QUIET_MODULES * module,
    )


def render_label(
    job: JobSnapshot,
    shop: ShopSnapshot,
    *,
    translate: Translator = no_translation,
    size: str | None = None,
) -> bytes:
    """The label for `job` as PDF bytes: one page the size of the label (the shop's setting
    unless `size` names another)."""
    t = translate
    width_mm, height_mm = label_millimetres(size or shop.label_size)
    width, height = width_mm * mm, height_mm * mm
    scale = height_mm / 30  # the 30 mm high labels are the reference
    margin = 1.5 * mm * scale
    inner = width - 2 * margin
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), initialFontName=receipt_font())
    title = t("Device label")
    canvas.setTitle(f"{title} {job.number}")
    canvas.setAuthor(shop.name.strip())
    canvas.setSubject(job.number)
    canvas.setCreator("Repair Counter")

    # The barcode across the top, its quiet zones inside the label's edges.
    bar_height = 11 * mm * scale
    barcode = label_barcode(job.number, width - 2 * mm, bar_height)
    top = height - margin
    barcode.drawOn(canvas, (width - barcode.width) / 2, top - bar_height)
    y = top - bar_height

    # The job number in words under it, for a person reading the label.
    number_size = 7.5 * scale
    y -= number_size + 0.6 * mm
    number = fitted(job.number, number_size, inner)
    _draw(canvas, (width - text_width(number, number_size)) / 2, y, number, number_size)

    # The product in short on the bottom line: brand and model, cut to the line.
    product_size = 6.5 * scale
    product_y = margin + 0.3 * product_size  # room for the descenders above the edge
    product = fitted(job.product.description, product_size, inner)
    _draw(canvas, margin, product_y, product, product_size)

    # Between them, the surname (large) and the due day (right): who and when, at a glance.
    name_size = 10 * scale
    due_size = 7 * scale
    y = (y + product_y + product_size) / 2 - 0.35 * name_size
    due = fitted(t("Due {day}").format(day=job.repair_due_date.isoformat()), due_size, inner)
    due_width = text_width(due, due_size)
    _draw(canvas, width - margin - due_width, y, due, due_size)
    gap = 1.5 * mm
    surname = fitted(surname_only(job.customer.name), name_size, inner - due_width - gap)
    _draw(canvas, margin, y, surname, name_size)

    canvas.showPage()
    canvas.save()
    return out.getvalue()
