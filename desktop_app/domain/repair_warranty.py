"""The repair's own warranty: parts and labour guaranteed for N days after a repaired hand-back,
and the repeat repair it grants.

The number of days is a shop setting (ShopSnapshot.repair_warranty_days, default 90); every rule
here takes it as an argument so the domain stays free of the database.

"Same fault" is the clerk's call, confirmed at check-in (the check-in dialog's "same fault as job
X" box, never ticked for them): the counter cannot tell two faults apart from a serial number,
and a shop expects the clerk to hear the customer, read the earlier job's fault and work done
(shown beside the box) and confirm. Only then is the job a **repeat repair**: free, whatever the
product's own warranty says. Without the box ticked the check-in is judged as any other; the
compensation rule (REPEAT_FAILURE) still proposes compensation at hand-back for a serial back
within the repair warranty, and a manager declines it when the fault was a different one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.domain.text import N_, Text, Verbatim

DEFAULT_REPAIR_WARRANTY_DAYS = 90
# At least 30 days: the shortest guarantee on a repair that China's 三包 rules know; at most two
# years: longer than any shop guarantees a repair, so a longer number is a typo.
REPAIR_WARRANTY_DAYS_RANGE = (30, 730)


def guaranteed_until(returned: date | datetime, days: int) -> date:
    """The last day of the repair's guarantee: the hand-back day plus `days` (day N included)."""
    day = returned.date() if isinstance(returned, datetime) else returned
    return day + timedelta(days=days)


def within_repair_warranty(
    returned: date | datetime, checked_in: date | datetime, days: int
) -> bool:
    """Whether a check-in on `checked_in` falls within the guarantee of a repair handed back on
    `returned`: from the hand-back day to day N after it, both included (in calendar days)."""
    back = _day(checked_in) - _day(returned)
    return timedelta(0) <= back <= timedelta(days=days)


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


@dataclass(frozen=True)
class EarlierRepair:
    """An earlier job of the same serial that went back to the customer repaired: what the clerk
    reads before confirming the same fault."""

    number: str
    returned_at: datetime
    fault_description: str = ""
    work_done: str = ""


def repeat_candidate(
    earlier: Iterable[EarlierRepair], checked_in_at: datetime, days: int
) -> EarlierRepair | None:
    """The last repaired hand-back of the serial whose guarantee covers this check-in, or None."""
    covering = [
        repair
        for repair in earlier
        if repair.returned_at <= checked_in_at
        and within_repair_warranty(repair.returned_at, checked_in_at, days)
    ]
    return max(covering, key=lambda r: (r.returned_at, r.number), default=None)


def repeat_reason(candidate: EarlierRepair, days: int) -> Text:
    """The verdict's reason for a repeat repair: which job, and until when it is guaranteed."""
    return Text(
        N_(
            "repeat repair: the same fault as job {number}, repaired and handed back {returned}; "
            "guaranteed for {days} days, until {until}: free whatever the product warranty says"
        ),
        number=Verbatim(candidate.number),
        returned=candidate.returned_at.date(),
        days=days,
        until=guaranteed_until(candidate.returned_at, days),
    )


NOT_A_REPEAT = N_(
    "job {number} is not a repair of this serial handed back within the last {days} days"
)
