"""The evaluation report's charts, drawn with reportlab.graphics shapes (no matplotlib, no Qt).

Drawn from lines, rectangles and strings rather than ReportLab's chart widgets, so every text is
in the receipt font (a character it lacks falls back per run, as on the receipts), labels are
thinned or shortened to fit instead of overlapping, and a period with nothing to draw shows
"no data" instead of dividing by zero.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.receipts.fonts import font_runs, receipt_font

BLUE = colors.HexColor("#2f6db5")
ORANGE = colors.HexColor("#e08a1e")
GREEN = colors.HexColor("#3a9a5b")
RED = colors.HexColor("#c8443a")
GREY = colors.HexColor("#9a9a9a")
LIGHT = colors.HexColor("#c9d7ea")
_INK = colors.HexColor("#333333")
_GRID = colors.HexColor("#dddddd")
_AXIS = colors.HexColor("#888888")
ELLIPSIS = "…"
SIZE = 7.5  # the charts' text size, points
ROW = 13.0  # height of one row of a horizontal bar chart, points
# At most this many rows in one drawing: a drawing cannot split across pages.
MAX_ROWS = 40


@dataclass(frozen=True)
class Series:
    name: str
    color: colors.Color
    values: tuple[float | None, ...]


def runs(text: str) -> list[tuple[str, str]]:
    """`text` in runs, each with the font that prints it (fonts.font_runs), on one line."""
    return [(font or receipt_font(), run) for font, run in font_runs(text.replace("\n", " "))]


def text_width(text: str, size: float = SIZE) -> float:
    return sum(stringWidth(run, font, size) for font, run in runs(text))


def fit(text: str, width: float, size: float = SIZE) -> str:
    """`text`, cut short with an ellipsis if it is wider than `width`."""
    if text_width(text, size) <= width:
        return text
    cut = text
    while cut and text_width(cut + ELLIPSIS, size) > width:
        cut = cut[:-1]
    return cut + ELLIPSIS if cut else ELLIPSIS


def label(
    x: float,
    y: float,
    text: str,
    size: float = SIZE,
    anchor: str = "start",
    color: colors.Color = _INK,
) -> Group:
    """A string in the receipt font, each run in a font that has it; anchored like String."""
    width = text_width(text, size)
    left = x - {"start": 0.0, "middle": width / 2, "end": width}[anchor]
    group = Group()
    for font, run in runs(text):
        group.add(String(left, y, run, fontName=font, fontSize=size, fillColor=color))
        left += stringWidth(run, font, size)
    return group


def no_data(width: float, height: float, title: str, message: str) -> Drawing:
    """An empty frame saying there is nothing to draw."""
    drawing = _drawing(width, height)
    drawing.add(label(0, height - SIZE * 1.6, title, SIZE * 1.15))
    drawing.add(Rect(0, 0, width, height - SIZE * 2.6, fillColor=None, strokeColor=_GRID))
    drawing.add(label(width / 2, (height - SIZE * 2.6) / 2, message, SIZE * 1.2, "middle", GREY))
    return drawing


def _drawing(width: float, height: float) -> Drawing:
    return Drawing(width, height, initialFontName=receipt_font())


def nice_top(value: float) -> tuple[float, float]:
    """An axis maximum at or above `value` and its tick step (1, 2 or 5 times a power of 10),
    four to ten ticks; at least 1."""
    value = max(value, 1)
    power = 10 ** math.floor(math.log10(value))
    for step in (power / 10, power / 5, power / 2, power, 2 * power, 5 * power):
        if step >= 1 and value / step <= 5:
            return math.ceil(value / step) * step, step
    return math.ceil(value / (10 * power)) * 10 * power, 10 * power


def count_text(value: float) -> str:
    return f"{value:g}"


def percent_text(value: float) -> str:
    return f"{value * 100:.0f}%"


def _legend(drawing: Drawing, x: float, y: float, entries: Sequence[tuple[str, colors.Color]]):  # noqa: ANN202
    for name, color in entries:
        drawing.add(Rect(x, y, 8, 6, fillColor=color, strokeColor=None))
        drawing.add(label(x + 11, y, name))
        x += 11 + text_width(name) + 14


def weekly_lines(
    width: float,
    title: str,
    weeks: Sequence[date],
    series: Sequence[Series],
    messages: tuple[str, str],
) -> Drawing:
    """Shares per week (0 to 100 %) as lines, a gap where a week had nothing due. Week labels
    are thinned to what fits: a year's 53 weeks never overlap. `messages` are "no data" and the
    legend's heading (unused: the series' names make the legend)."""
    height = 62 * 2.835
    values = [v for s in series for v in s.values if v is not None]
    if not weeks or not values:
        return no_data(width, height, title, messages[0])
    drawing = _drawing(width, height)
    drawing.add(label(0, height - SIZE * 1.6, title, SIZE * 1.15))
    left, bottom, right = 30.0, 26.0, 6.0
    top = height - SIZE * 5
    _legend(drawing, left, height - SIZE * 3.6, [(s.name, s.color) for s in series])
    plot_width, plot_height = width - left - right, top - bottom
    for tick in range(0, 101, 20):
        y = bottom + plot_height * tick / 100
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=_GRID, strokeWidth=0.5))
        drawing.add(label(left - 4, y - SIZE / 3, f"{tick}%", anchor="end"))
    step = plot_width / max(len(weeks) - 1, 1)

    def x_of(index: int) -> float:
        return left + (step * index if len(weeks) > 1 else plot_width / 2)

    widest = max(text_width(f"{w:%m-%d}") for w in weeks) + 6
    every = max(1, math.ceil(widest / step)) if len(weeks) > 1 else 1
    for index, monday in enumerate(weeks):
        x = x_of(index)
        drawing.add(Line(x, bottom, x, bottom - 2, strokeColor=_AXIS, strokeWidth=0.5))
        if index % every == 0:
            drawing.add(label(x, bottom - SIZE - 4, f"{monday:%m-%d}", anchor="middle"))
    drawing.add(Line(left, bottom, left + plot_width, bottom, strokeColor=_AXIS, strokeWidth=0.7))
    marks = len(weeks) <= 26
    for one in series:
        run: list[float] = []
        points = [(x_of(i), v) for i, v in enumerate(one.values[: len(weeks)])]
        for x, value in [*points, (0.0, None)]:
            if value is None:
                if len(run) >= 4:
                    drawing.add(PolyLine(run, strokeColor=one.color, strokeWidth=1.4))
                if len(run) == 2 or marks:  # a lone week is a dot, not an invisible line
                    for i in range(0, len(run), 2):
                        drawing.add(
                            Circle(run[i], run[i + 1], 1.8, fillColor=one.color, strokeColor=None)
                        )
                run = []
            else:
                run += [x, bottom + plot_height * value]
    return drawing


def columns(
    width: float,
    title: str,
    names: Sequence[str],
    values: Sequence[int],
    fills: Sequence[colors.Color],
    legend: Sequence[tuple[str, colors.Color]],
    no_data_message: str,
) -> Drawing:
    """Vertical bars, one per name, each with its count on top."""
    height = 58 * 2.835
    if not any(values):
        return no_data(width, height, title, no_data_message)
    drawing = _drawing(width, height)
    drawing.add(label(0, height - SIZE * 1.6, title, SIZE * 1.15))
    left, bottom, right = 30.0, 18.0, 6.0
    top = height - SIZE * 5.2
    _legend(drawing, left, height - SIZE * 3.6, legend)
    plot_width, plot_height = width - left - right, top - bottom
    axis_top, tick = nice_top(max(values))
    for n in range(int(axis_top / tick) + 1):
        y = bottom + plot_height * n * tick / axis_top
        drawing.add(Line(left, y, left + plot_width, y, strokeColor=_GRID, strokeWidth=0.5))
        drawing.add(label(left - 4, y - SIZE / 3, count_text(n * tick), anchor="end"))
    slot = plot_width / len(names)
    for index, (name, value, fill) in enumerate(zip(names, values, fills, strict=True)):
        x = left + slot * index
        bar = plot_height * value / axis_top
        drawing.add(Rect(x + slot * 0.2, bottom, slot * 0.6, bar, fillColor=fill, strokeColor=None))
        drawing.add(label(x + slot / 2, bottom + bar + 2, str(value), anchor="middle"))
        drawing.add(label(x + slot / 2, bottom - SIZE - 4, fit(name, slot - 2), anchor="middle"))
    drawing.add(Line(left, bottom, left + plot_width, bottom, strokeColor=_AXIS, strokeWidth=0.7))
    return drawing


@dataclass(frozen=True)
class Panel:
    """One measure of a horizontal bar chart: a heading, its series, how a value is written and
    the axis maximum (None: from the values)."""

    heading: str
    series: tuple[Series, ...]
    text: Callable[[float], str] = count_text
    top: float | None = None


def bars(
    width: float,
    title: str,
    names: Sequence[str],
    panels: Sequence[Panel],
    no_data_message: str,
) -> list[Drawing]:
    """Horizontal bars: a row per name (shortened to fit), one panel per measure side by side,
    each series a bar of the row. More rows than a drawing holds make several drawings."""
    if not names or not any(v for p in panels for s in p.series for v in s.values):
        return [no_data(width, 40 * 2.835, title, no_data_message)]
    drawings = []
    for start in range(0, len(names), MAX_ROWS):
        chunk = range(start, min(start + MAX_ROWS, len(names)))
        drawings.append(_bars(width, title if start == 0 else "", names, chunk, panels))
    return drawings


def _bars(
    width: float, title: str, names: Sequence[str], rows: range, panels: Sequence[Panel]
) -> Drawing:
    per_row = max(len(p.series) for p in panels)
    row = max(ROW, per_row * 6.5 + 4)
    legend = [(s.name, s.color) for s in panels[0].series] if per_row > 1 else []
    header = (SIZE * 2.2 if title else 0) + (SIZE * 2 if legend else 0) + SIZE * 2
    height = header + row * len(rows) + SIZE * 2.6
    drawing = _drawing(width, height)
    y = height - SIZE * 1.6
    if title:
        drawing.add(label(0, y, title, SIZE * 1.15))
        y -= SIZE * 2.2
    if legend:
        _legend(drawing, 0, y, legend)
        y -= SIZE * 2
    name_width = min(width * 0.28, max(text_width(names[i]) for i in rows) + 6)
    gap = 14.0
    panel_width = (width - name_width - gap * (len(panels) - 1)) / len(panels)
    top = y - SIZE * 0.6
    bottom = top - row * len(rows)
    for index, i in enumerate(rows):
        centre = top - row * (index + 0.5)
        drawing.add(
            label(name_width - 4, centre - SIZE / 3, fit(names[i], name_width - 6), anchor="end")
        )
    for number, panel in enumerate(panels):
        left = name_width + number * (panel_width + gap)
        peak = max((v for s in panel.series for v in s.values if v is not None), default=0)
        axis_top, tick = (panel.top, panel.top / 4) if panel.top else nice_top(peak)
        text = panel.text
        room = text_width("100%") + 4  # a value's label past the longest bar
        scale = (panel_width - room) / axis_top
        drawing.add(label(left, top + SIZE * 0.7, panel.heading, SIZE, color=_INK))
        for n in range(round(axis_top / tick) + 1):
            x = left + n * tick * scale
            drawing.add(Line(x, bottom, x, top, strokeColor=_GRID, strokeWidth=0.5))
            drawing.add(label(x, bottom - SIZE - 2, text(n * tick), anchor="middle"))
        drawing.add(Line(left, bottom, left, top, strokeColor=_AXIS, strokeWidth=0.7))
        for index, i in enumerate(rows):
            slot_top = top - row * index - 2
            bar_height = (row - 4) / per_row
            for s_index, one in enumerate(panel.series):
                value = one.values[i]
                y0 = slot_top - bar_height * (s_index + 1)
                if value is None:
                    drawing.add(label(left + 2, y0 + 1, "—", SIZE * 0.9, color=GREY))
                    continue
                length = value * scale
                drawing.add(
                    Rect(
                        left,
                        y0 + 0.5,
                        length,
                        bar_height - 1,
                        fillColor=one.color,
                        strokeColor=None,
                    )
                )
                drawing.add(label(left + length + 2, y0 + 1, text(value), SIZE * 0.9))
    return drawing
