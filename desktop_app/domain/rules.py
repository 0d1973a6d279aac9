"""The agreement's eligibility rules: 7-day return/exchange, warranty, documents presented.

Reads like the agreement (shared/AGREEMENT.md). Every verdict carries all of its reasons in words a
clerk can read aloud to the customer, because the customer is owed an explanation, not a code.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.domain.errors import FieldProblem, InvalidInput
from desktop_app.domain.text import N_, Text, Verbatim, one_or_many

# The `X as X` imports: declared in the vocabulary beside their labels, still importable from here.
from desktop_app.domain.vocabulary import Category as Category
from desktop_app.domain.vocabulary import Coverage as Coverage
from desktop_app.domain.vocabulary import ServiceKind as ServiceKind

MINIMUM_WARRANTY_MONTHS = 12  # "at least one year from the date of sale"
MAXIMUM_WARRANTY_MONTHS = 120  # longer than any label we have seen; guards against typos
RETURN_WINDOW_DAYS = 7  # "7-day no-reason return or exchange", counted from the purchase day


@dataclass(frozen=True)
class DocumentsPresented:
    """The three things a warranty claim needs (purchase voucher, warranty card, the product)."""

    purchase_voucher: bool
    warranty_card: bool
    product: bool

    def missing(self) -> list[str]:
        names = []
        if not self.purchase_voucher:
            names.append(N_("purchase voucher"))
        if not self.warranty_card:
            names.append(N_("warranty card"))
        if not self.product:
            names.append(N_("product itself"))
        return names

    @property
    def complete(self) -> bool:
        return not self.missing()


@dataclass(frozen=True)
class Claim:
    """What the counter knows about a product when it is brought in."""

    purchase_date: date | None  # None: not entered yet (the dialog's field starts empty)
    check_in_date: date
    warranty_months: int
    documents: DocumentsPresented
    requested: ServiceKind
    # A manager may make a claim with missing documents free; the reason stays on the record.
    manager_override_reason: str | None = None
    # The warranty end an earlier job's compensation extended this product to (the serial's
    # WARRANTY_EXTENDED events), or None: it counts when later than the label's period.
    extended_warranty_end: date | None = None


@dataclass(frozen=True)
class Verdict:
    """What the agreement grants a claim: the coverage, the dates it follows from, and why."""

    coverage: Coverage
    warranty_end: date
    return_window_end: date
    in_warranty: bool
    within_return_window: bool
    reasons: tuple[Text, ...]

    def reason_texts(self) -> list[str]:
        return [str(r) for r in self.reasons]

    @property
    def free(self) -> bool:
        return self.coverage in (Coverage.WARRANTY, Coverage.RETURN_EXCHANGE)


def add_months(day: date, months: int) -> date:
    """Calendar-month arithmetic: 2025-01-31 + 1 month is 2025-02-28 (the month's last day)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def warranty_end(purchase_date: date, warranty_months: int) -> date:
    """The last day the warranty covers (inclusive)."""
    return add_months(purchase_date, warranty_months)


def return_window_end(purchase_date: date) -> date:
    return purchase_date + timedelta(days=RETURN_WINDOW_DAYS)


EARLIEST_PURCHASE = date(1990, 1, 1)


# Said when the purchase date is missing: without it no verdict can be given, and a field that
# quietly defaulted to today promised a 7-day return and a warranty into next year.
PURCHASE_DATE_REQUIRED = N_(
    "enter the purchase date (on the voucher or the warranty card): "
    "it decides the 7-day return and the warranty"
)

# Verdict reasons stored in jobs checked in before the plural forms were split: kept marked so
# those jobs' reasons still read in the reader's language.
EARLIER_REASONS = (N_("bought {days} day(s) ago: no-reason {wanted} is available until {until}"),)


def validate_claim(claim: Claim, today: date) -> date:
    """Refuse a claim the agreement cannot judge; raises InvalidInput naming every bad field.
    Returns the purchase date, which is then known to be there."""
    problems: list[FieldProblem] = []
    if claim.warranty_months < MINIMUM_WARRANTY_MONTHS:
        problems.append(
            FieldProblem(
                "warranty_months",
                Text(
                    N_(
                        "the warranty is at least {minimum} months by the agreement; "
                        "{months} is too short"
                    ),
                    minimum=MINIMUM_WARRANTY_MONTHS,
                    months=claim.warranty_months,
                ),
            )
        )
    elif claim.warranty_months > MAXIMUM_WARRANTY_MONTHS:
        problems.append(
            FieldProblem(
                "warranty_months",
                Text(
                    N_("must be at most {maximum} months; check the label"),
                    maximum=MAXIMUM_WARRANTY_MONTHS,
                ),
            )
        )
    purchased = claim.purchase_date
    if purchased is None:
        problems.append(FieldProblem("purchase_date", Text(PURCHASE_DATE_REQUIRED)))
    elif purchased > today:
        problems.append(
            FieldProblem(
                "purchase_date", Text(N_("cannot be in the future (today is {today})"), today=today)
            )
        )
    elif purchased < EARLIEST_PURCHASE:
        # A year 1 or 1900 date is a typo, not a purchase this counter can judge.
        problems.append(
            FieldProblem(
                "purchase_date",
                Text(
                    N_("cannot be before {earliest}; check the voucher"), earliest=EARLIEST_PURCHASE
                ),
            )
        )
    elif purchased > claim.check_in_date:
        problems.append(
            FieldProblem(
                "purchase_date",
                Text(N_("cannot be after the check-in date {day}"), day=claim.check_in_date),
            )
        )
    override = claim.manager_override_reason
    if override is not None and not override.strip():
        problems.append(
            FieldProblem(
                "manager_override_reason", Text(N_("a manager's override needs a written reason"))
            )
        )
    if problems or purchased is None:
        raise InvalidInput(problems)
    return purchased


def decide(claim: Claim, today: date | None = None) -> Verdict:
    """The verdict for a product at the counter, with every reason.

    Order of the agreement: a return/exchange asked within 7 days is honoured; otherwise (or when
    one is refused) the product is judged for a warranty repair, which is free only while the
    warranty runs and all three documents are presented (or a manager overrides the documents).
    """
    purchased = validate_claim(claim, today if today is not None else claim.check_in_date)
    end = warranty_end(purchased, claim.warranty_months)
    extended = claim.extended_warranty_end is not None and claim.extended_warranty_end > end
    if extended:
        end = claim.extended_warranty_end  # type: ignore[assignment]
    window_end = return_window_end(purchased)
    days_since_purchase = (claim.check_in_date - purchased).days
    within_window = days_since_purchase <= RETURN_WINDOW_DAYS
    in_warranty = claim.check_in_date <= end
    reasons: list[Text] = []
    missing = claim.documents.missing()

    if claim.requested in (ServiceKind.RETURN, ServiceKind.EXCHANGE):
        wanted = N_("return") if claim.requested is ServiceKind.RETURN else N_("exchange")
        # A return needs proof of purchase and the product; the warranty card is not required.
        return_missing = [m for m in missing if m != N_("warranty card")]
        if within_window and not return_missing:
            reasons.append(
                Text(
                    one_or_many(
                        days_since_purchase,
                        zero=N_("bought today: no-reason {wanted} is available until {until}"),
                        one=N_(
                            "bought {days} day ago: no-reason {wanted} is available until {until}"
                        ),
                        many=N_(
                            "bought {days} days ago: no-reason {wanted} is available until {until}"
                        ),
                    ),
                    days=days_since_purchase,
                    wanted=wanted,
                    until=window_end,
                )
            )
            return Verdict(
                Coverage.RETURN_EXCHANGE, end, window_end, in_warranty, True, tuple(reasons)
            )
        if not within_window:
            reasons.append(
                Text(
                    N_(
                        "no-reason {wanted} refused: the 7-day window ended {ended} "
                        "(bought {days} days ago)"
                    ),
                    wanted=wanted,
                    ended=window_end,
                    days=days_since_purchase,
                )
            )
        else:
            reasons.extend(
                Text(
                    N_("no-reason {wanted} refused: {document} not presented"),
                    wanted=wanted,
                    document=name,
                )
                for name in return_missing
            )
        reasons.append(Text(N_("offered a repair instead")))

    if not in_warranty:
        reasons.append(Text(N_("warranty ended {ended}"), ended=end))
        reasons.extend(Text(N_("{document} not presented"), document=name) for name in missing)
        return Verdict(Coverage.PAID, end, window_end, False, within_window, tuple(reasons))

    if extended:
        reasons.append(Text(N_("in warranty until {until} (extended as compensation)"), until=end))
    else:
        reasons.append(Text(N_("in warranty until {until}"), until=end))
    if missing:
        reasons.extend(Text(N_("{document} not presented"), document=name) for name in missing)
        if claim.manager_override_reason:
            reasons.append(
                Text(
                    N_("free by manager's override: {why}"),
                    why=Verbatim(claim.manager_override_reason.strip()),
                )
            )
            return Verdict(Coverage.WARRANTY, end, window_end, True, within_window, tuple(reasons))
        reasons.append(Text(N_("documents missing, so the repair is not free")))
        return Verdict(Coverage.PAID, end, window_end, True, within_window, tuple(reasons))

    reasons.append(Text(N_("purchase voucher, warranty card and product presented")))
    reasons.append(Text(N_("quality faults are repaired free (same-model parts)")))
    if within_window and claim.requested not in (ServiceKind.RETURN, ServiceKind.EXCHANGE):
        reasons.append(
            Text(
                N_("a no-reason return or exchange is also possible until {until}"),
                until=window_end,
            )
        )
    return Verdict(Coverage.WARRANTY, end, window_end, True, within_window, tuple(reasons))


_MAINLAND_MOBILE = re.compile(r"^1[3-9][0-9]{9}$")


def normalise_phone(raw: str) -> str:
    """Strip the spaces, dashes and +86 prefix people type, keep the digits.

    NFKC folds the full-width digits a Chinese input method types in full-width mode (１３８…) to
    ASCII, so the stored number is always plain digits.
    """
    digits = re.sub(r"[\s\-()]", "", unicodedata.normalize("NFKC", raw))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    return digits


def validate_mobile(raw: str, field: str = "phone") -> str:
    """A Chinese mainland mobile number: 11 digits starting 13–19. Returns the normalised number."""
    phone = normalise_phone(raw)
    if not phone:
        raise InvalidInput.single(field, N_("a mobile phone number is required"))
    if not _MAINLAND_MOBILE.match(phone):
        raise InvalidInput.single(
            field, N_("must be a mainland mobile number: 11 digits starting with 13–19")
        )
    return phone


def mask_phone(phone: str) -> str:
    """138****5678: what receipts and screens others can see show of a phone number."""
    if len(phone) >= 8:
        return f"{phone[:3]}****{phone[-4:]}"
    if len(phone) > 2:
        return phone[0] + "*" * (len(phone) - 2) + phone[-1]
    return "*" * len(phone)
