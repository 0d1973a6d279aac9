"""Shared builders for tests: a clock you can move, and a valid check-in form."""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.rules import Category, DocumentsPresented, ServiceKind


@dataclass
class FakeClock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


ALL_DOCUMENTS = DocumentsPresented(purchase_voucher=True, warranty_card=True, product=True)


# Each form gets a serial of its own unless a test passes one: a serial still in the shop cannot
# be checked in a second time without a manager's confirmation.
# The counting part uses only the digits 5-9: a 0 or 1 there could match a test's phone or job
# number fragment ("0001" in ...0000001), making a search's result depend on how many forms
# earlier tests made; letters would read as English in the Chinese-only checks.
_SERIALS = itertools.count(1)


def _high_digits(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 5)
        out = str(5 + r) + out
        if n == 0:
            return out.rjust(7, "5")


def check_in_form(**changes: Any) -> CheckInForm:
    form = CheckInForm(
        customer_name="张伟",
        phone="13812345678",
        category=Category.ELECTRONICS,
        brand="华为",
        model="Mate 60 Pro",
        serial=f"imei86123456{_high_digits(next(_SERIALS))}",
        purchase_date=date(2026, 3, 1),
        warranty_months=12,
        documents=ALL_DOCUMENTS,
        service_requested=ServiceKind.REPAIR,
        fault_description="屏幕不亮",
        usage_description="日常使用，未摔落",
        voucher_number="FP0012345678",
        warranty_card_number="BX20260301",
        condition_on_arrival="外观完好",
        accessories_received="充电器",
    )
    return replace(form, **changes)


def settle_background() -> None:
    """Let the window's background calls deliver before a database is disposed: a call still
    holding a connection when its pool is disposed leaves it open for the garbage collector, and
    its "unclosed connection" warning then fails whichever later test the collector runs in."""
    background = sys.modules.get("desktop_app.ui.background")
    if background is not None and background.in_flight():
        background.wait_until_idle()
