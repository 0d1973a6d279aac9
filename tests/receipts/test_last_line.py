"""An 80 mm Chinese paragraph never ends with its last one or two characters alone on a line
("件）" under "…更换同型号配"): the line before gives up a character so they go down together."""

from __future__ import annotations

import pytest

from desktop_app.receipts.layout import LAYOUTS, Styles

ENDING = "质量问题免费维修（更换同型号配件）"


def wrapped(paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 10_000)
    return [
        "".join(line[1]) if isinstance(line, tuple) else "".join(f.text for f in line.words)
        for line in paragraph.blPara.lines
    ]


@pytest.mark.parametrize("paper", ["80mm", "a4"])
@pytest.mark.parametrize("style_name", ["body", "bullet", "long_value"])
def test_the_last_characters_of_a_paragraph_are_never_alone(paper, style_name):
    layout = LAYOUTS[paper]
    styles = Styles(layout)
    style = getattr(styles, style_name)
    widows = 0
    for lead in range(120):
        text = "在保修期内" * (lead // 5) + "保修期"[: lead % 3] + ENDING
        lines = wrapped(
            styles.para(text, style, "•" if style_name == "bullet" else None), layout.frame_width
        )
        assert "".join(lines) == text  # nothing lost, nothing doubled
        if len(lines) > 1 and len(lines[-1]) <= 2:
            widows += 1
    assert widows == 0


def test_a_typed_line_break_still_ends_a_line_where_typed():
    styles = Styles(LAYOUTS["80mm"])
    lines = wrapped(styles.para("更换同型号配件\n好", styles.body), LAYOUTS["80mm"].frame_width)
    assert lines[-1] == "好"
