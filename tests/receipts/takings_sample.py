"""A day's takings to print: every kind of line, two workstations, two clerks, a count that
was short and recounted, Chinese names long enough to wrap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.takings import DrawerCount, Shift, Takings, TakingsQuery, takings
from desktop_app.domain.vocabulary import PaymentMethod

DAY = date(2026, 11, 30)
SHOP = (
    "华为授权服务中心（中关村店）",
    "北京市海淀区中关村大街27号中关村大厦一层东侧102室",
    "400-830-8300",
)


def sample_lines() -> list[PaymentLine]:
    rows = [
        (PaymentKind.DEPOSIT, PaymentMethod.CASH, 10_000, 9, 1, "counter-1", None),
        (PaymentKind.DEPOSIT_USED, None, 10_000, 15, 1, "counter-1", None),
        (PaymentKind.PAYMENT, PaymentMethod.CASH, 25_050, 15, 1, "counter-1", 30_000),
        (PaymentKind.PAYMENT, PaymentMethod.WECHAT, 8_800, 16, 2, "counter-2", None),
        (PaymentKind.PAYMENT, PaymentMethod.ALIPAY, 12_900, 16, 2, "counter-2", None),
        (PaymentKind.REFUND, PaymentMethod.CASH, 1_000, 17, 2, "counter-2", None),
        (PaymentKind.PAYMENT, PaymentMethod.CARD, 99_900, 18, 1, "counter-1", None),
    ]
    names = {1: "王晓红", 2: "欧阳娜娜"}
    return [
        PaymentLine(
            id=i,
            job_id=i,
            job_number=f"R20261130-{i:04d}",
            kind=kind,
            method=method,
            amount_cents=cents,
            tendered_cents=tendered,
            change_cents=max((tendered or cents) - cents, 0),
            at=datetime(2026, 11, 30, hour, 5 * i),
            taken_by_id=by,
            taken_by=names[by],
            workstation=workstation,
        )
        for i, (kind, method, cents, hour, by, workstation, tendered) in enumerate(rows, 1)
    ]


def sample_takings(**filters: str) -> Takings:
    count = DrawerCount(
        id=2,
        workstation="counter-1",
        starts_at=datetime(2026, 11, 30),
        ends_before=datetime(2026, 12, 1),
        counted_cents=35_000,
        expected_cents=35_050,
        counted_by="王晓红",
        at=datetime(2026, 11, 30, 21, 5),
        note="找零时多给了顾客五角，已登记；复点一次结果相同，差额由当班收银员说明。",
    )
    first = replace(count, id=1, counted_cents=30_000, at=datetime(2026, 11, 30, 21, 0))
    return takings(
        shop=SHOP,
        query=TakingsQuery(Shift(DAY), **filters),
        clerk_name="",
        generated_at=datetime(2026, 11, 30, 21, 10),
        lines=sample_lines(),
        usernames={1: "clerk", 2: "ouyang"},
        counts=[count, first],
    )
