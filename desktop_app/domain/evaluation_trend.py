"""Whether a figure's change from the previous period is good news or bad.

A higher on-time rate is better, more overdue jobs are worse, and more jobs received is neither:
said once here, by the figure's stable key (`FigureRow.key`), so every output that colours a
change (the window's ▲▼, a printed report) colours it the same way.
"""

from __future__ import annotations

from enum import StrEnum

from desktop_app.domain.evaluation import FigureRow


class Trend(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    NEUTRAL = "neutral"  # changed, but neither good nor bad (jobs received, say)
    UNCHANGED = "unchanged"
    UNKNOWN = "unknown"  # a period without the figure (no jobs to measure)


# More is better.
HIGHER_IS_BETTER: frozenset[str] = frozenset(
    {
        "first_response_on_time",
        "repair_on_time",
        "complaints.acknowledged_on_time",
        "complaints.resolved_on_time",
        "satisfaction.hand_back.average",
        "satisfaction.follow_up.average",
        "satisfaction.surveyed",
    }
)
# Less is better.
LOWER_IS_BETTER: frozenset[str] = frozenset(
    {
        "working_days_taken.average",
        "open_at_end",
        "overdue_at_end",
        "not_quality_problem",
        "returns_exchanges.refused",
        "repeat_repairs",
        "complaints.received",
        "complaints.shop_at_fault",
        "compensation.approved",
        "compensation.total_amount_cents",
    }
)


def trend(row: FigureRow) -> Trend:
    """How this period compares with the previous one for `row`."""
    change = row.change
    if change is None:
        return Trend.UNKNOWN
    if change == 0:
        return Trend.UNCHANGED
    if row.key in HIGHER_IS_BETTER:
        return Trend.BETTER if change > 0 else Trend.WORSE
    if row.key in LOWER_IS_BETTER:
        return Trend.BETTER if change < 0 else Trend.WORSE
    return Trend.NEUTRAL
