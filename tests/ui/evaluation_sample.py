"""A hand-built evaluation for the evaluation window's tests (the figures as a database would
count them, small enough to check by eye)."""

from __future__ import annotations

from datetime import datetime

from desktop_app.domain.evaluation import (
    ComplaintFigures,
    DaysTaken,
    Evaluation,
    Figures,
    Period,
    Rate,
    Received,
    Satisfaction,
    Scores,
    TechnicianFigures,
    WeekRates,
)
from desktop_app.domain.vocabulary import ComplaintCategory, ServiceKind

GENERATED = datetime(2026, 12, 3, 9, 15)


def figures(period: Period, scale: int = 1) -> Figures:
    """A period with something in every figure; `scale` makes the previous period differ."""
    weeks = period.weeks()
    return Figures(
        period=period,
        received=Received(
            total=120 * scale,
            by_service={ServiceKind.REPAIR: 100 * scale, ServiceKind.RETURN: 20 * scale},
            consultations=7,
        ),
        first_response_on_time=Rate(46, 50) if scale == 1 else Rate(40, 50),
        repair_on_time=Rate(40, 44) if scale == 1 else Rate(42, 44),
        working_days_taken=DaysTaken((10, 8, 9, 7, 6, 3, 1), 130),
        open_at_end=12,
        overdue_at_end=2 * scale,
        warranty_repairs=60,
        paid_repairs=40,
        not_quality_problem=5,
        repeat_repairs=3,
        complaints=ComplaintFigures(
            received=4 * scale,
            by_category={ComplaintCategory.DELAY: 3 * scale, ComplaintCategory.PRICE: scale},
            acknowledged_on_time=Rate(4, 4),
            resolved_on_time=Rate(0, 0),
            shop_at_fault=1,
        ),
        satisfaction=Satisfaction(hand_back=Scores((0, 1, 2, 10, 20)), surveyed=Rate(30, 40)),
        per_technician=(
            TechnicianFigures(
                7, "李师傅", 30, Rate(28, 30), DaysTaken((8, 6, 6, 5, 3, 2, 0), 80), Scores()
            ),
            TechnicianFigures(
                8, "Zhang Wei", 14, Rate(12, 14), DaysTaken((2, 2, 3, 2, 3, 1, 1), 50), Scores()
            ),
            TechnicianFigures(9, "王新", 0),  # nothing completed: no bar
        ),
        weekly=tuple(
            WeekRates(monday, Rate(9, 10), Rate(8, 10) if n % 2 else Rate(0, 0))
            for n, monday in enumerate(weeks)
        ),
    )


def sample_evaluation(period: Period) -> Evaluation:
    return Evaluation(figures(period), figures(period.previous(), 2), "示例维修店", GENERATED)


def empty_evaluation(period: Period) -> Evaluation:
    return Evaluation(Figures(period), Figures(period.previous()), "示例维修店", GENERATED)
