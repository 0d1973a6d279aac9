"""Evaluations made by hand, with the numbers a real shop's month has (until the service that
counts them is merged, and afterwards for the hostile cases no database gives easily)."""

from __future__ import annotations

import random
from datetime import datetime

from desktop_app.domain.evaluation import (
    DAY_BUCKETS,
    CompensationFigures,
    ComplaintFigures,
    DaysTaken,
    Evaluation,
    Figures,
    OfferTotal,
    Period,
    Rate,
    Received,
    ReturnsExchanges,
    Satisfaction,
    Scores,
    TechnicianFigures,
    WeekRates,
)
from desktop_app.domain.vocabulary import Category, ComplaintCategory, OfferKind, ServiceKind

SHOP = "华为授权服务中心（中关村店）"
GENERATED_AT = datetime(2026, 10, 8, 9, 30)
NAMES = ("王建国", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏")


def _rate(rng: random.Random, of: int, share: float) -> Rate:
    return Rate(min(of, round(of * rng.uniform(share - 0.06, share + 0.04))), of)


def _days(rng: random.Random, jobs: int) -> DaysTaken:
    weights = (18, 22, 20, 15, 12, 8, 5)
    buckets = [0] * len(DAY_BUCKETS)
    for _ in range(jobs):
        buckets[rng.choices(range(len(DAY_BUCKETS)), weights)[0]] += 1
    days = (1, 2, 3, 4, 5, 6.5, 9)
    return DaysTaken(tuple(buckets), round(sum(n * d for n, d in zip(buckets, days, strict=True))))


def _scores(rng: random.Random, count: int) -> Scores:
    counts = [0] * 5
    for _ in range(count):
        counts[rng.choices(range(5), (2, 3, 10, 35, 50))[0]] += 1
    return Scores(tuple(counts))


def technician(rng: random.Random, number: int, name: str) -> TechnicianFigures:
    completed = rng.randint(12, 60)
    return TechnicianFigures(
        technician_id=number,
        name=name,
        completed=completed,
        repair_on_time=_rate(rng, completed, 0.88),
        days_taken=_days(rng, completed),
        satisfaction=_scores(rng, rng.randint(0, completed)),
        complaints=rng.randint(0, 3),
        repeat_repairs=rng.randint(0, 2),
    )


def figures(
    period: Period, seed: int = 1, technicians: int = 6, names: tuple[str, ...] = ()
) -> Figures:
    """A busy period of a shop: a few hundred jobs, most promises kept."""
    rng = random.Random(seed)
    received = rng.randint(380, 460)
    services = {
        ServiceKind.REPAIR: round(received * 0.78),
        ServiceKind.RETURN: round(received * 0.06),
        ServiceKind.EXCHANGE: round(received * 0.05),
    }
    services[ServiceKind.ON_SITE] = received - sum(services.values())
    categories = {
        Category.ELECTRONICS: round(received * 0.55),
        Category.APPLIANCE: round(received * 0.3),
        Category.HOME_GOODS: round(received * 0.1),
    }
    categories[Category.OTHER] = received - sum(categories.values())
    brands = [("华为", 0.34), ("小米", 0.22), ("美的", 0.16), ("格力", 0.12), ("Apple", 0.1)]
    by_brand = [(b, round(received * share)) for b, share in brands]
    by_brand.append(("海尔", received - sum(n for _b, n in by_brand)))
    ready = round(received * 0.82)
    people = [
        technician(rng, n, names[n - 1] if n <= len(names) else NAMES[(n - 1) % len(NAMES)])
        for n in range(1, technicians + 1)
    ]
    complaints = {k: rng.randint(0, 6) for k in ComplaintCategory}
    complaint_count = sum(complaints.values())
    requested = services[ServiceKind.RETURN] + services[ServiceKind.EXCHANGE]
    return Figures(
        period=period,
        received=Received(
            total=received,
            by_service=services,
            by_category=categories,
            by_brand=tuple(sorted(by_brand, key=lambda b: (-b[1], b[0]))),
            consultations=rng.randint(60, 120),
        ),
        first_response_on_time=_rate(rng, received - 6, 0.95),
        repair_on_time=_rate(rng, ready, 0.88),
        working_days_taken=_days(rng, ready),
        open_at_end=rng.randint(30, 60),
        overdue_at_end=rng.randint(2, 9),
        warranty_repairs=round(received * 0.5),
        paid_repairs=round(received * 0.3),
        not_quality_problem=rng.randint(10, 25),
        returns_exchanges=ReturnsExchanges(
            requested=requested,
            refunded=services[ServiceKind.RETURN] - 2,
            exchanged=services[ServiceKind.EXCHANGE] - 1,
            refused=3,
        ),
        repeat_repairs=rng.randint(3, 12),
        complaints=ComplaintFigures(
            received=complaint_count,
            by_category=complaints,
            acknowledged_on_time=_rate(rng, complaint_count, 0.9),
            resolved_on_time=_rate(rng, max(complaint_count - 2, 0), 0.8),
            shop_at_fault=complaint_count // 3,
        ),
        compensation=CompensationFigures(
            approved=7,
            declined=2,
            awaiting=1,
            by_kind={
                OfferKind.WAIVE_LABOUR: OfferTotal(3, 24000),
                OfferKind.VOUCHER: OfferTotal(2, 10000),
                OfferKind.WARRANTY_EXTENSION: OfferTotal(1, 0, 3),
                OfferKind.DISCOUNT: OfferTotal(1, 5050),
            },
        ),
        satisfaction=Satisfaction(
            hand_back=_scores(rng, round(ready * 0.7)),
            follow_up=_scores(rng, round(ready * 0.3)),
            follow_up_unreached=rng.randint(5, 20),
            surveyed=_rate(rng, ready, 0.35),
        ),
        per_technician=tuple(people),
        weekly=tuple(
            WeekRates(monday, _rate(rng, rng.randint(60, 110), 0.95), _rate(rng, 80, 0.86))
            for monday in period.weeks()
        ),
    )


def evaluation(
    period: Period | None = None,
    technicians: int = 6,
    shop: str = SHOP,
    names: tuple[str, ...] = (),
) -> Evaluation:
    period = period or Period.month(2026, 9)
    return Evaluation(
        current=figures(period, 1, technicians, names),
        previous=figures(period.previous(), 2, technicians, names),
        shop_name=shop,
        generated_at=GENERATED_AT,
    )


def empty_evaluation(period: Period | None = None) -> Evaluation:
    """A period with nothing in it at all (a new shop, a quiet month): no week has data."""
    period = period or Period.month(2026, 9)
    return Evaluation(
        current=Figures(period),
        previous=Figures(period.previous()),
        shop_name=SHOP,
        generated_at=GENERATED_AT,
    )
