"""The device tag label: a small sticker put on the product at check-in (receipts/label.py).

It carries the job number as a Code 128 barcode (scanned at the bench and at the hand-back), the
customer's surname only, the day the repair is due and the product in short. The label stays on
the device in the workshop where anyone can read it, so it never shows the customer's whole name
nor any digit of their phone.
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.text import N_


class LabelSize(StrEnum):
    """The label stock the shop's label printer takes, width × height in millimetres."""

    MM_50X30 = "50x30"
    MM_40X30 = "40x30"
    MM_60X40 = "60x40"


DEFAULT_LABEL_SIZE = LabelSize.MM_50X30
LABEL_SIZES: tuple[str, ...] = tuple(LabelSize)
LABEL_SIZE_RULE = N_("must be one of the label sizes: {sizes}")


def label_millimetres(size: str) -> tuple[int, int]:
    """(width, height) in millimetres of a label size such as "50x30"."""
    width, height = LabelSize(size).value.split("x")
    return int(width), int(height)


def label_size_text(size: str) -> str:
    width, height = label_millimetres(size)
    return f"{width} × {height} mm"


# Two-character surnames (复姓) common enough to meet at a counter; any other Chinese name's
# surname is its first character.
_COMPOUND_SURNAMES = frozenset(
    [
        "欧阳",
        "司马",
        "诸葛",
        "上官",
        "东方",
        "皇甫",
        "尉迟",
        "公孙",
        "慕容",
        "长孙",
        "宇文",
        "司徒",
        "夏侯",
        "令狐",
        "端木",
        "轩辕",
        "南宫",
        "独孤",
        "西门",
        "申屠",
        "百里",
        "呼延",
        "东郭",
        "闻人",
        "澹台",
        "公羊",
        "万俟",
        "钟离",
        "赫连",
        "濮阳",
        "太史",
        "第五",
    ]
)
HIDDEN = "**"


def _cjk(character: str) -> bool:
    return "\u2e80" <= character <= "\u9fff" or "\uf900" <= character <= "\ufaff"


def surname_only(name: str) -> str:
    """The customer's surname with the rest hidden: 王** for 王小明, 欧阳** for 欧阳娜娜, ** Smith
    for John Smith. Always the same two stars, so the label does not even tell how long the
    given name is; a one-word Latin name shows its first letter only (J** for John)."""
    name = " ".join(name.split())
    if not name:
        return HIDDEN
    if _cjk(name[0]):
        surname = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[0]
        return surname + HIDDEN
    words = name.split(" ")
    if len(words) == 1:
        return name[0] + HIDDEN
    return f"{HIDDEN} {words[-1]}"
