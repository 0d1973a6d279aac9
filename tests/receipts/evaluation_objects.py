"""An evaluation and period jobs made by hand, with every figure distinct and non-trivial, for
the workbook and CSV tests (the database's figures are the "figures" branch's to test)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from desktop_app.domain.evaluation import (
    DaysTaken,
    Evaluation,
    Figures,
    OfferTotal,
    Period,
    PeriodJob,
    Rate,
    Received,
    ReturnsExchanges,
    Satisfaction,
    Scores,
    TechnicianFigures,
    ComplaintFigures,
    CompensationFigures,
)
from desktop_app.domain.vocabulary import (
    Category,
    ComplaintCategory,
    Coverage,
    OfferKind,
    ServiceKind,
    Status,
)

SHOP = "华为授权服务中心（中关村店）"
GENERATED_AT = datetime(2026, 12, 1, 9, 30)


def figures(period: Period, scale: int) -> Figures:
    return Figures(
        period=period,
        received=Received(
            total=120 + scale,
            by_service={
                ServiceKind.REPAIR: 90 + scale,
                ServiceKind.RETURN: 12,
                ServiceKind.EXCHANGE: 8,
                ServiceKind.ON_SITE: 10,
            },
            by_category={Category.ELECTRONICS: 70 + scale, Category.APPLIANCE: 50},
            by_brand=(("华为", 60 + scale), ('=HYPERLINK("http://x")', 40), ("小米", 20)),
            consultations=7 + scale,
        ),
        first_response_on_time=Rate(46 - scale, 50),
        repair_on_time=Rate(30 + scale, 41),
        working_days_taken=DaysTaken((5, 10, 8, 4, 3 + scale, 6, 5), 160 + scale),
        open_at_end=17 + scale,
        overdue_at_end=4,
        warranty_repairs=61,
        paid_repairs=29 + scale,
        not_quality_problem=6,
        returns_exchanges=ReturnsExchanges(20, 9, 7 + scale, 4),
        repeat_repairs=3 + scale,
        complaints=ComplaintFigures(
            received=9 + scale,
            by_category={ComplaintCategory.DELAY: 5 + scale, ComplaintCategory.PRICE: 4},
            acknowledged_on_time=Rate(8, 9 + scale),
            resolved_on_time=Rate(7 - scale, 8),
            shop_at_fault=5,
        ),
        compensation=CompensationFigures(
            approved=6 + scale,
            declined=1,
            awaiting=2,
            by_kind={
                OfferKind.DISCOUNT: OfferTotal(3, 15_001 + scale, 0),  # ¥150.01: no float drift
                OfferKind.VOUCHER: OfferTotal(2, 9_999, 0),
                OfferKind.WARRANTY_EXTENSION: OfferTotal(1, 0, 6),
            },
        ),
        satisfaction=Satisfaction(
            hand_back=Scores((1, 2, 5, 20 + scale, 30)),
            follow_up=Scores((0, 1, 4, 10, 12 + scale)),
            follow_up_unreached=3,
            surveyed=Rate(27 + scale, 58),
        ),
        per_technician=(
            TechnicianFigures(
                technician_id=3,
                name="李师傅",
                completed=25 + scale,
                repair_on_time=Rate(21 + scale, 25 + scale),
                days_taken=DaysTaken((3, 6, 5, 4, 3, 3, 1 + scale), 93 + scale),
                satisfaction=Scores((0, 1, 2, 9, 14)),
                complaints=2,
                repeat_repairs=1,
            ),
            TechnicianFigures(
                technician_id=4,
                name="@SUM(A1:A9)",
                completed=16,
                repair_on_time=Rate(9, 16),
                days_taken=DaysTaken((2, 4, 3, 0, 0, 4, 3), 67),
                satisfaction=Scores((1, 1, 3, 11, 16)),
                complaints=0,
                repeat_repairs=2 + scale,
            ),
        ),
    )


def evaluation(period: Period | None = None) -> Evaluation:
    period = period or Period.month(2026, 11)
    return Evaluation(figures(period, 3), figures(period.previous(), 0), SHOP, GENERATED_AT)


def period_job(n: int, **changes: object) -> PeriodJob:
    """The n-th job of November 2026: every kind of value, some clocks not yet fallen due."""
    checked_in = datetime(2026, 11, 1, 9, 0) + timedelta(minutes=37 * n)
    ready = checked_in + timedelta(days=3, hours=2) if n % 3 else None
    values: dict[str, object] = {
        "number": f"R{checked_in:%Y%m%d}-{n % 10000:04d}",
        "checked_in_at": checked_in,
        "service": list(ServiceKind)[n % 4],
        "category": list(Category)[n % 4],
        "brand": "华为" if n % 2 else "Xiaomi",
        "model": f"Mate {n % 70}",
        "customer": "张伟" if n % 2 else "Zhang Wei",
        "masked_phone": "138****5678",
        "status": list(Status)[n % len(Status)].value,
        "coverage": list(Coverage)[n % 3].value,
        "technician": "李师傅" if n % 5 else "",
        "response_due_at": checked_in + timedelta(hours=24),
        "first_response_at": checked_in + timedelta(hours=2) if n % 4 else None,
        "first_response_on_time": bool(n % 4) if n % 7 else None,
        "repair_due_date": (checked_in + timedelta(days=7)).date(),
        "ready_at": ready,
        "working_days_taken": 3 if ready else None,
        "repair_on_time": (n % 2 == 0) if ready else None,
        "returned_at": ready + timedelta(days=1) if ready and n % 2 else None,
        "satisfaction_score": n % 5 + 1 if ready and n % 2 else None,
        "amount_paid_cents": 12_345 + n if n % 3 == 1 else None,
    }
    values.update(changes)
    return PeriodJob(**values)  # type: ignore[arg-type]


def period_jobs(count: int) -> Iterator[PeriodJob]:
    return (period_job(n) for n in range(count))
