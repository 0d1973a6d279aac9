"""The receipt font: WenQuanYi Micro Hei, shipped with the application and embedded in every PDF.

A receipt must print Chinese the same on a counter PC that has no CJK font at all, so the PDF
carries its own (ReportLab always embeds a subset of a TrueType font: only the glyphs used).
Parsing the 5 MB collection takes a noticeable fraction of a second, so it happens once per
process.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.resource_files import cjk_font_path

FONT_NAME = "WQYMicroHei"
_SUBFONT_INDEX = 0  # the proportional face; index 1 is WenQuanYi Micro Hei Mono


@cache
def receipt_font() -> str:
    """Registers the font with ReportLab (once) and returns the name styles refer to it by."""
    font = TTFont(FONT_NAME, cjk_font_path(), subfontIndex=_SUBFONT_INDEX)
    pdfmetrics.registerFont(font)
    # There is no bold or italic face: map them to the same face so <b>/<i> never fail.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
