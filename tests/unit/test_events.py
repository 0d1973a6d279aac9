"""Timeline entries keep facts and are described in the reader's language."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain import events
from desktop_app.domain.snapshots import EventSnapshot
from desktop_app.domain.text import Text
from desktop_app.domain.vocabulary import Coverage, LineKind, Outcome, Status

AT = datetime(2026, 11, 25, 10, 0)
ZH = {
    "; ": "；",
    ", ": "、",
    "Part": "配件",
    "{kind}: {description} × {quantity} @ {price}": (
        "{kind}：{description} × {quantity}，单价 {price}"
    ),
    "free under warranty": "保修免费",
    "paid {amount} ({method})": "已付 {amount}（{method}）",
    "WeChat Pay": "微信支付",
    "no charge": "无需付费",
    "accessories returned: {items}": "已归还配件：{items}",
    "Accessories returned": "交还附件",
    "returned to customer": "已交还客户",
    "unassigned": "未分配",
    "{coverage}: {reasons}": "{coverage}：{reasons}",
    "Free warranty repair": "免费保修维修",
    "in warranty until {until}": "保修期至 {until}",
    "{field}: {old} → {new}": "{field}：{old} → {new}",
    "payment method": "付款方式",
    "Cash": "现金",
}


def zh(text: str) -> str:
    return ZH.get(text, text)


def event(kind: str, payload: dict, note: str = "", to: Status | None = None) -> EventSnapshot:
    return EventSnapshot(1, AT, "王晓红", kind, None, to, note, payload)


def test_a_part_reads_in_each_viewers_language():
    added = event("line_added", events.line_added(LineKind.PART, "电池", 1, 12900, free=True))
    assert events.describe(added) == "Part: 电池 × 1 @ ¥129.00; free under warranty"
    assert events.describe(added, zh) == "配件：电池 × 1，单价 ¥129.00；保修免费"


def test_payment_and_the_typed_note():
    paid = event(
        "status_changed", events.paid(1200, "wechat"), "数据线顾客说不要了", Status.RETURNED
    )
    assert events.describe(paid, zh) == "已付 ¥12.00（微信支付）；数据线顾客说不要了"
    assert events.title(paid, zh) == "已交还客户"
    free = event("status_changed", events.paid(0, "cash"), to=Status.RETURNED)
    assert free.payload == {"paid_cents": 0, "method": ""}
    assert events.describe(free, zh) == "无需付费"


def test_no_key_is_ever_the_title():
    handed = event("handed_back", events.accessories_returned(["充电器", "数据线"]))
    assert events.title(handed) == "Accessories returned"
    assert events.title(handed, zh) == "交还附件"
    assert events.describe(handed, zh) == "已归还配件：充电器、数据线"
    assert events.title(event("from_a_newer_version", {})) == "from_a_newer_version"


def test_facts_of_every_builder_are_described():
    payloads = [
        events.checked_in(Coverage.WARRANTY, [Text("in warranty until {until}", until="x")]),
        events.refund(599900),
        events.exchange("Mate 60", "SN1"),
        events.outcome(Outcome.CANNOT_REPAIR),
        events.line_removed(LineKind.LABOUR, "检测"),
        events.assigned(None, None),
        events.satisfaction(4, "有点慢"),
        events.correction("payment_method", "cash", "wechat"),
    ]
    said = [events.describe(event("x", p)) for p in payloads]
    assert said == [
        "Free warranty repair: in warranty until x",
        "refund ¥5999.00",
        "exchanged for Mate 60 SN1",
        "Cannot be repaired",
        "Labour: 检测",
        "unassigned",
        "rated 4/5 有点慢",
        "payment method: Cash → WeChat Pay",
    ]
    assert events.describe(event("x", payloads[0]), zh) == "免费保修维修：保修期至 x"
