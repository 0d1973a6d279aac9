"""The receipt font: WenQuanYi Micro Hei, shipped with the application and embedded in every PDF.

A receipt must print Chinese the same on a counter PC that has no CJK font at all, so the PDF
carries its own (ReportLab always embeds a subset of a TrueType font: only the glyphs used).
Parsing the 5 MB collection takes a noticeable fraction of a second, so it happens once per
process.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import cache
from importlib import resources
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
_SUBFONT_INDEX = 0  # the proportional face; index 1 is WenQuanYi Micro Hei Mono


def _font_file() -> AbstractContextManager[Path]:
    """The shipped font file, installed (desktop_app.resources) or in a source checkout."""
    try:
        base = resources.files("desktop_app.resources")
    except ModuleNotFoundError:
        # Running from a checkout without `pip install -e .`: resources/ sits beside the package.
        return nullcontext(Path(__file__).resolve().parents[2] / "resources" / "fonts" / FONT_FILE)
    return resources.as_file(base / "fonts" / FONT_FILE)


@cache
def receipt_font() -> str:
    """Registers the font with ReportLab (once) and returns the name styles refer to it by."""
    with _font_file() as path:
        font = TTFont(FONT_NAME, str(path), subfontIndex=_SUBFONT_INDEX)
    pdfmetrics.registerFont(font)
    # There is no bold or italic face: map them to the same face so <b>/<i> never fail.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    return FONT_NAME
