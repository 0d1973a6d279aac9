"""The day's takings added up from payment lines (domain/takings.py): by method, refunds,
deposits taken and used, the drawer's expected cash (change already netted), and a count's
difference and its note."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.takings import (
    DrawerCount,
    DrawerCountForm,
    Shift,
    TakingsQuery,
    difference,
    latest_counts,
    lines_behind,
    takings,
    totals,
    validated_count,
)
from desktop_app.domain.vocabulary import PaymentMethod

DAY = date(2026, 11, 30)
CASH, WECHAT, CARD = PaymentMethod.CASH, PaymentMethod.WECHAT, PaymentMethod.CARD
_ids = iter(range(1, 10_000))


def line(
    kind: PaymentKind,
    method: PaymentMethod | None,
    cents: int,
    at: datetime = datetime(2026, 11, 30, 10, 0),
    *,
    by: int = 1,
    workstation: str = "counter-1",
    tendered: int | None = None,
) -> PaymentLine:
    return PaymentLine(
        id=next(_ids),
        job_id=1,
        job_number="R20261130-0001",
        kind=kind,
        method=method,
        amount_cents=cents,
        tendered_cents=tendered,
        change_cents=max((tendered or cents) - cents, 0),
        at=at,
        taken_by_id=by,
        taken_by={1: "王晓红", 2: "赵敏"}[by],
        workstation=workstation,
    )


def test_sums_by_method_with_refunds_and_deposits():
    lines = [
        line(PaymentKind.DEPOSIT, CASH, 10_000),
        line(PaymentKind.PAYMENT, CASH, 25_050, tendered=30_000),  # ¥49.50 change went back
        line(PaymentKind.PAYMENT, WECHAT, 8_800),
        line(PaymentKind.DEPOSIT_USED, None, 10_000),
        line(PaymentKind.REFUND, CASH, 1_000),
        line(PaymentKind.REFUND, WECHAT, 800),
        line(PaymentKind.DEPOSIT, CARD, 5_000),
    ]
    figures = totals(lines)
    cash, wechat, card = (figures.method(m) for m in (CASH, WECHAT, CARD))
    assert (cash.payments_cents, cash.deposits_cents, cash.refunds_cents) == (25_050, 10_000, 1_000)
    assert cash.net_cents == 34_050
    assert (wechat.payments_cents, wechat.refunds_cents, wechat.net_cents) == (8_800, 800, 8_000)
    assert (card.deposits_cents, card.net_cents) == (5_000, 5_000)
    assert figures.method(PaymentMethod.ALIPAY).empty
    assert figures.deposits_used_cents == 10_000  # shown, never added to a method
    assert figures.payments_cents == 33_850
    assert figures.deposits_cents == 15_000
    assert figures.refunds_cents == 1_800
    assert figures.net_cents == 33_850 + 15_000 - 1_800
    # Cash in less cash out; the tendered ¥300 is not what the drawer kept.
    assert figures.expected_cash_cents == 10_000 + 25_050 - 1_000
    assert figures.lines == 7
    assert [m.method for m in figures.by_method] == list(PaymentMethod)


def test_nothing_taken_is_zero_not_missing():
    figures = totals([])
    assert figures.expected_cash_cents == 0 and figures.net_cents == 0 and figures.lines == 0
    assert all(m.empty for m in figures.by_method)


def test_a_cash_refund_larger_than_the_takings_makes_the_expected_cash_negative():
    assert totals([line(PaymentKind.REFUND, CASH, 500)]).expected_cash_cents == -500


def test_lines_behind_a_figure():
    lines = [
        line(PaymentKind.PAYMENT, CASH, 100),
        line(PaymentKind.REFUND, CASH, 50),
        line(PaymentKind.PAYMENT, WECHAT, 70),
    ]
    assert lines_behind(lines, CASH, PaymentKind.PAYMENT) == (lines[0],)
    assert lines_behind(lines, CASH) == tuple(lines[:2])
    assert lines_behind(lines, kind=PaymentKind.PAYMENT) == (lines[0], lines[2])


def test_the_day_ends_at_midnight_and_a_shift_at_its_end():
    day = Shift(DAY)
    assert day.contains(datetime(2026, 11, 30, 23, 59, 59))
    assert not day.contains(datetime(2026, 12, 1, 0, 0, 0))
    assert day.contains(datetime(2026, 11, 30, 0, 0, 0))
    morning = Shift.of(DAY, "08:00", "14:00")
    assert morning.contains(datetime(2026, 11, 30, 13, 59, 59))
    assert not morning.contains(datetime(2026, 11, 30, 14, 0))
    assert morning.label() == "2026-11-30 08:00–14:00"
    assert Shift.of(DAY, "14:00", "24:00").ends_before == datetime(2026, 12, 1)
    assert Shift.of(DAY, "", "").whole_day


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("8", "", "from"),
        ("25:00", "", "from"),
        ("", "12:60", "to"),
        ("14:00", "08:00", "to"),
        ("08:00", "08:00", "to"),
        ("x", "", "from"),
    ],
)
def test_a_bad_shift_names_its_field(start, end, field):
    with pytest.raises(InvalidInput) as refused:
        Shift.of(DAY, start, end)
    assert refused.value.fields() == {field}


def test_difference_sign_over_is_positive_short_is_negative():
    assert difference(10_100, 10_000) == 100  # over
    assert difference(9_950, 10_000) == -50  # short
    assert difference(10_000, 10_000) == 0


def test_a_count_that_differs_needs_a_note():
    form = DrawerCountForm(Shift(DAY), "counter-1", "99.50")
    with pytest.raises(InvalidInput) as refused:
        validated_count(form, 10_000)
    assert refused.value.fields() == {"note"}
    assert "¥100.00" in refused.value.render()
    assert validated_count(DrawerCountForm(Shift(DAY), "counter-1", "100"), 10_000) == (10_000, "")
    counted = validated_count(
        DrawerCountForm(Shift(DAY), "counter-1", "99.50", note="  找零多给了5角 "), 10_000
    )
    assert counted == (9_950, "找零多给了5角")


@pytest.mark.parametrize("typed", ["", "abc", "-1", "1.234", "100000000.01"])
def test_the_counted_amount_is_typed_exactly(typed):
    with pytest.raises(InvalidInput) as refused:
        validated_count(DrawerCountForm(Shift(DAY), "counter-1", typed, note="x"), 0)
    assert "counted" in refused.value.fields()


def test_a_count_names_its_drawer():
    with pytest.raises(InvalidInput) as refused:
        validated_count(DrawerCountForm(Shift(DAY), " \u200b", "0"), 0)
    assert refused.value.fields() == {"workstation"}


def count(id_: int, at: datetime, counted: int, workstation: str = "counter-1") -> DrawerCount:
    return DrawerCount(
        id=id_,
        workstation=workstation,
        starts_at=datetime(2026, 11, 30),
        ends_before=datetime(2026, 12, 1),
        counted_cents=counted,
        expected_cents=10_000,
        counted_by="王晓红",
        at=at,
    )


def test_a_recount_supersedes_the_count():
    first = count(1, datetime(2026, 11, 30, 20, 0), 9_000)
    again = count(2, datetime(2026, 11, 30, 20, 5), 10_000)
    other = count(3, datetime(2026, 11, 30, 19, 0), 10_000, "counter-2")
    latest = latest_counts([again, other, first])
    assert [(c.id, c.recounts, c.difference_cents) for c in latest] == [(2, 1, 0), (3, 0, 0)]


def test_the_report_filters_by_workstation_and_clerk_and_keeps_every_choice():
    lines = [
        line(PaymentKind.PAYMENT, CASH, 100, by=1, workstation="counter-1"),
        line(PaymentKind.PAYMENT, CASH, 200, by=2, workstation="counter-2"),
        line(PaymentKind.PAYMENT, WECHAT, 400, by=2, workstation="counter-1"),
        line(PaymentKind.PAYMENT, CASH, 800, datetime(2026, 12, 1, 0, 0), by=1),  # next day
    ]
    usernames = {1: "clerk", 2: "zhao"}

    def report(**filters):
        return takings(
            shop=("店", "", ""),
            query=TakingsQuery(Shift(DAY), **filters),
            clerk_name="",
            generated_at=datetime(2026, 11, 30, 21, 0),
            lines=lines,
            usernames=usernames,
            counts=[],
        )

    everyone = report()
    assert everyone.total.net_cents == 700
    assert [(g.key, g.totals.net_cents) for g in everyone.per_workstation] == [
        ("counter-1", 500),
        ("counter-2", 200),
    ]
    assert [(g.key, g.name, g.totals.net_cents) for g in everyone.per_clerk] == [
        ("clerk", "王晓红", 100),
        ("zhao", "赵敏", 600),
    ]
    assert report(workstation="counter-1").total.net_cents == 500
    assert report(clerk="zhao").total.net_cents == 600
    assert report(clerk="zhao", workstation="counter-1").total.expected_cash_cents == 0
    filtered = report(workstation="counter-2")
    assert filtered.workstations == ("counter-1", "counter-2")  # the filter's choices stay
    assert [line.amount_cents for line in filtered.lines] == [200]
    assert everyone.to_json()["total"]["by_method"]["cash"]["net"] == 300
    assert everyone.to_json()["lines"][0]["amount"] == 100


def test_shift_times_are_whole_minutes():
    assert Shift.of(DAY, "8:05", "9:00").start == time(8, 5)
