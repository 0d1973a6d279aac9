"""What a receipt needs of the shop before it may print.

A receipt is the shop's written promise under the agreement: it names the shop and the
around-the-clock hotline the customer calls (AGREEMENT.md, "Service standards"). A receipt
without them promises nothing a customer could hold the shop to, so none prints until a manager
has filled them in; the window and the command line ask the same question here.
"""

from __future__ import annotations

from desktop_app.domain.errors import RuleRefusal
from desktop_app.domain.limits import is_blank
from desktop_app.domain.snapshots import ShopSnapshot
from desktop_app.domain.text import N_, Listing

SHOP_NAME_WORDS = N_("the shop's name")
HOTLINE_WORDS = N_("the after-sales hotline")


class ShopDetailsMissing(RuleRefusal):
    """A receipt asked for while the shop has no name or no hotline."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        super().__init__(
            N_(
                "receipts cannot be printed without {missing}: a manager fills it in "
                "the shop settings"
            ),
            missing=Listing(missing, N_(" and ")),
        )
        self.missing = missing


def missing_receipt_details(shop: ShopSnapshot) -> tuple[str, ...]:
    """The words for what the shop still lacks for a receipt (empty when it may print)."""
    wanted = ((SHOP_NAME_WORDS, shop.name), (HOTLINE_WORDS, shop.hotline))
    return tuple(words for words, value in wanted if not isinstance(value, str) or is_blank(value))


def check_receipt_details(shop: ShopSnapshot) -> None:
    """Refuse (ShopDetailsMissing) a receipt while the shop has no name or no hotline."""
    missing = missing_receipt_details(shop)
    if missing:
        raise ShopDetailsMissing(missing)
