"""The repair's own warranty and the repeat repair it grants, at the boundary day N and N+1."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.domain.check_in import RepeatCheck, preview_check_in
from desktop_app.domain.compensation import (
    JobClocks,
    PreviousRepair,
    is_repeat,
    missed_promises,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.repair_warranty import (
    EarlierRepair,
    guaranteed_until,
    repeat_candidate,
    within_repair_warranty,
)
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.vocabulary import MissedPromise
from desktop_app.domain.workdays import WorkCalendar
from tests.helpers import check_in_form

RETURNED = datetime(2026, 3, 2, 16, 30)


@pytest.mark.parametrize("days", [30, 90, 180])
def test_day_n_is_covered_and_day_n_plus_1_is_not(days: int) -> None:
    last = guaranteed_until(RETURNED, days)
    assert (last - RETURNED.date()).days == days
    assert within_repair_warranty(RETURNED, datetime.combine(last, datetime.max.time()), days)
    assert within_repair_warranty(RETURNED, RETURNED, days)
    after = datetime.combine(date.fromordinal(last.toordinal() + 1), datetime.min.time())
    assert not within_repair_warranty(RETURNED, after, days)
    assert not within_repair_warranty(RETURNED, datetime(2026, 3, 1, 9), days)  # before


def test_the_latest_covering_repair_is_the_candidate() -> None:
    older = EarlierRepair("R20260101-0001", datetime(2026, 1, 5, 10))
    newer = EarlierRepair("R20260201-0002", datetime(2026, 2, 20, 10))
    now = datetime(2026, 4, 1, 9)
    assert repeat_candidate([older, newer], now, 90) == newer
    assert repeat_candidate([older], now, 30) is None
    # A hand-back after this check-in (a clock set wrong) is not one it repeats.
    assert repeat_candidate([EarlierRepair("X", datetime(2026, 4, 2))], now, 90) is None


def test_the_compensation_rule_reads_the_days_passed_in() -> None:
    previous = PreviousRepair("R20260302-0001", RETURNED)
    day_91 = datetime(2026, 6, 1, 9)  # 91 days after 2026-03-02
    assert not is_repeat(previous, day_91)  # the default 90
    assert is_repeat(previous, day_91, 91)
    assert is_repeat(previous, datetime(2026, 5, 31, 9))
    clocks = JobClocks(day_91, datetime(2026, 6, 2, 9), day_91, date(2026, 6, 8), None, True)
    calendar = WorkCalendar(package_calendar("CN"))
    assert not [
        m
        for m in missed_promises(calendar, clocks, day_91, previous)
        if m.promise is MissedPromise.REPEAT_FAILURE
    ]
    assert [m.previous_job for m in missed_promises(calendar, clocks, day_91, previous, 120)] == [
        "R20260302-0001"
    ]


def _preview(repeat_of: str | None, candidate: EarlierRepair | None, **form: object):
    now = datetime(2026, 5, 1, 10)
    # Out of warranty: bought long ago, a 12-month warranty.
    values: dict[str, object] = {"purchase_date": date(2024, 1, 10), "repeat_of": repeat_of}
    values.update(form)
    return preview_check_in(
        check_in_form(**values),
        now,
        WorkCalendar(package_calendar("CN")),
        None,
        RepeatCheck(candidate, 90),
    )


def test_a_confirmed_repeat_is_free_whatever_the_product_warranty_says() -> None:
    candidate = EarlierRepair("R20260302-0001", RETURNED, "屏幕不亮", "更换屏幕")
    assert _preview(None, candidate).verdict.coverage is Coverage.PAID  # not confirmed
    verdict = _preview("r20260302-0001", candidate).verdict
    assert verdict is not None and verdict.coverage is Coverage.WARRANTY
    first = verdict.reasons[0].render()
    assert "R20260302-0001" in first and "2026-05-31" in first and "90 days" in first
    assert any("warranty ended" in r.render() for r in verdict.reasons)


def test_a_confirmation_naming_another_job_is_refused() -> None:
    candidate = EarlierRepair("R20260302-0001", RETURNED)
    preview = _preview("R20250101-0009", candidate)
    assert preview.verdict is None
    assert [p.field for p in preview.problems] == ["repeat_of"]
    assert _preview("R20260302-0001", None).problems[0].field == "repeat_of"


def test_a_granted_return_stays_a_return() -> None:
    candidate = EarlierRepair("R20260302-0001", RETURNED)
    preview = _preview(
        "R20260302-0001",
        candidate,
        purchase_date=date(2026, 4, 28),
        service_requested=ServiceKind.RETURN,
    )
    assert preview.verdict is not None
    assert preview.verdict.coverage is Coverage.RETURN_EXCHANGE


def test_invalid_form_problems_still_reported() -> None:
    with pytest.raises(InvalidInput):
        raise InvalidInput(_preview("R1", None).problems)
