"""The receipt fonts: WenQuanYi Micro Hei, and DejaVu Sans for what it has no glyph for, both
shipped with the application and embedded in every PDF.

A receipt must print Chinese the same on a counter PC that has no CJK font at all, so the PDF
carries its own (ReportLab always embeds a subset of a TrueType font: only the glyphs used).
WenQuanYi has no Arabic or Hebrew: those characters print in DejaVu Sans (Bitstream Vera
licence, in resources/fonts), switched per run of characters. ReportLab neither shapes Arabic
(its letters print in their isolated forms) nor reorders right-to-left text (Hebrew and Arabic
print left to right, in the order typed): every character is on the paper, but not as a native
reader would set it. A character neither font has (and any past U+FFFF: emoji, see _has_glyph)
prints as REPLACEMENT, never as blank space, and `unprintable` lets a form warn before saving.

Parsing the 5 MB collection takes a noticeable fraction of a second, so it happens once per
process.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from itertools import groupby
from operator import itemgetter

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop_app.resource_files import cjk_font_path, resource_path

FONT_NAME = "WQYMicroHei"
FALLBACK_FONT_NAME = "DejaVuSans"
FALLBACK_FONT_FILE = "DejaVuSans.ttf"
_SUBFONT_INDEX = 0  # the proportional face; index 1 is WenQuanYi Micro Hei Mono
REPLACEMENT = "□"  # in the receipt font: a visible box where a character cannot be printed


def _register(font: TTFont) -> str:
    pdfmetrics.registerFont(font)
    # There is no bold or italic face: map them to the same face so <b>/<i> never fail.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(font.fontName, bold, italic, font.fontName)
    return font.fontName


@cache
def _fonts() -> tuple[TTFont, TTFont]:
    return (
        TTFont(FONT_NAME, cjk_font_path(), subfontIndex=_SUBFONT_INDEX),
        TTFont(FALLBACK_FONT_NAME, resource_path("fonts", FALLBACK_FONT_FILE)),
    )


@cache
def receipt_font() -> str:
    """Registers the font with ReportLab (once) and returns the name styles refer to it by."""
    return _register(_fonts()[0])


@cache
def fallback_font() -> str:
    return _register(_fonts()[1])


def _has_glyph(font: TTFont, character: str) -> bool:
    # Past the Basic Multilingual Plane (emoji, rare CJK) ReportLab draws the glyph but writes a
    # wrong character into the PDF's text (😀 is copied and searched as "ὠ"): a visible
    # replacement that says what it is beats a picture whose text lies.
    return ord(character) <= 0xFFFF and ord(character) in font.face.charToGlyph


def _silent(character: str) -> bool:
    """Line breaks, tabs, controls, and marks with no visible form of their own (zero-width
    joiners, variation selectors): the layout handles them, no glyph is wanted."""
    code = ord(character)
    return (
        character.isspace()
        or code < 0x20
        or 0x7F <= code < 0xA0
        or unicodedata.category(character) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
    )


def unprintable(text: str) -> str:
    """The characters of `text` that neither receipt font can print, each once, in order."""
    main, fallback = _fonts()
    found: dict[str, None] = {}
    for character in text:
        if _silent(character) or character in found:
            continue
        if not _has_glyph(main, character) and not _has_glyph(fallback, character):
            found[character] = None
    return "".join(found)


def font_runs(text: str) -> list[tuple[str | None, str]]:
    """`text` cut into runs, each with the font that prints it: None for the receipt font,
    the fallback's name for what only it has. What neither has is REPLACEMENT."""
    main, fallback = _fonts()

    def font_of(character: str) -> tuple[str | None, str]:
        if _silent(character) or _has_glyph(main, character):
            return None, character
        if _has_glyph(fallback, character):
            return fallback_font(), character
        return None, REPLACEMENT

    return [
        (font, "".join(character for _, character in run))
        for font, run in groupby(map(font_of, text), key=itemgetter(0))
    ]
