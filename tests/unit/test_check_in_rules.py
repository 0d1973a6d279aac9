"""Check-in rules a clerk met on first use: the purchase date is never assumed, a serial still in
the shop is not taken in twice without a manager, and a phone under another name is pointed out."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from desktop_app.domain.check_in import (
    other_names_for_phone,
    phone_warning,
    preview_check_in,
    serial_in_shop_problems,
)
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import CHECK_IN_SERVICES, validate_check_in
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.rules import PURCHASE_DATE_REQUIRED, ServiceKind, decide
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.vocabulary import Coverage, Status
from desktop_app.domain.workdays import WorkCalendar
from tests.unit._builders import check_in_form, claim, d

TODAY = d("2026-03-10")


@pytest.mark.parametrize("kind", CHECK_IN_SERVICES)
def test_a_missing_purchase_date_is_refused_for_every_service_kind(kind: ServiceKind) -> None:
    """Even on-site service: the job's product is on record with its purchase date (the column
    is NOT NULL), and the repair is free or paid by that date."""
    form = check_in_form(
        purchase_date=None, service_requested=kind, address="北京市海淀区中关村大街1号"
    )
    with pytest.raises(InvalidInput) as raised:
        validate_check_in(form, TODAY)
    assert raised.value.fields() == {"purchase_date"}
    assert raised.value.problems[0].message.template == PURCHASE_DATE_REQUIRED


def test_no_verdict_is_given_without_a_purchase_date() -> None:
    """Before: an untouched field meant "bought today", "7-day return possible"."""
    with pytest.raises(InvalidInput) as raised:
        decide(replace(claim("2026-03-01", "2026-03-10"), purchase_date=None))
    assert raised.value.fields() == {"purchase_date"}
    preview = preview_check_in(
        check_in_form(purchase_date=None),
        datetime(2026, 3, 10, 9, 0),
        WorkCalendar(package_calendar("CN")),
    )
    assert preview.verdict is None
    assert [p.field for p in preview.problems] == ["purchase_date"]
    assert "purchase date" in preview.problems[0].render()


def test_the_other_problems_are_still_listed_with_the_missing_date() -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_check_in(check_in_form(purchase_date=None, warranty_months=6), TODAY)
    assert raised.value.fields() == {"purchase_date", "warranty_months"}


@pytest.mark.parametrize(
    ("purchase", "said"),
    [
        ("2026-03-10", "bought today: no-reason return is available until 2026-03-17"),
        ("2026-03-09", "bought 1 day ago: no-reason return is available until 2026-03-16"),
        ("2026-03-08", "bought 2 days ago: no-reason return is available until 2026-03-15"),
    ],
)
def test_days_since_purchase_read_as_english(purchase: str, said: str) -> None:
    verdict = decide(claim(purchase, "2026-03-10", requested=ServiceKind.RETURN))
    assert verdict.reason_texts() == [said]
    assert "(s)" not in said


def row(number: str, status: Status, serial: str = "SN-0001") -> JobRow:
    return JobRow(
        id=1,
        number=number,
        customer_name="王芳",
        phone="13800138000",
        product="Huawei MatePad 11",
        serial=serial,
        status=status,
        coverage=Coverage.WARRANTY,
        checked_in_at=datetime(2026, 3, 1, 10, 0),
        response_due_at=datetime(2026, 3, 2, 10, 0),
        first_response_at=None,
        repair_due_date=d("2026-03-06"),
        technician="",
    )


@pytest.mark.parametrize("status", [Status.RECEIVED, Status.REPAIRING, Status.READY_FOR_PICKUP])
def test_a_serial_still_in_the_shop_is_refused_naming_the_open_job(status: Status) -> None:
    form = check_in_form(brand="Apple", model="iPad Air", serial="sn-0001")
    problems = serial_in_shop_problems(form, [row("R20260301-0001", status)])
    assert [p.field for p in problems] == ["serial"]
    text = problems[0].render()
    assert "SN-0001" in text and "R20260301-0001" in text and "manager" in text


@pytest.mark.parametrize(
    "status", [Status.RETURNED, Status.CANCELLED, Status.REFUNDED, Status.EXCHANGED]
)
def test_a_serial_whose_jobs_are_closed_comes_in_again(status: Status) -> None:
    assert serial_in_shop_problems(check_in_form(), [row("R20260301-0001", status)]) == []


def test_a_managers_reason_lets_the_serial_in() -> None:
    form = check_in_form(serial_override_reason="客户送来第二台同型号，序列号贴错")
    assert serial_in_shop_problems(form, [row("R20260301-0001", Status.RECEIVED)]) == []


def test_a_blank_confirmation_is_no_confirmation() -> None:
    with pytest.raises(InvalidInput) as raised:
        validate_check_in(check_in_form(serial_override_reason="   "), TODAY)
    assert raised.value.fields() == {"serial_override_reason"}


def test_the_same_phone_under_another_name_warns_with_that_name() -> None:
    form = check_in_form(customer_name="王芳")
    assert other_names_for_phone(form, ["王芳", "李娜"]) == ("李娜",)
    warning = phone_warning(form, ["王芳", "李娜"])
    assert warning is not None and "李娜" in warning.render()
    # Names are data: a translator never touches them.
    assert "李娜" in warning.render(lambda text: "〔" + text + "〕")


def test_the_same_phone_under_the_same_name_says_nothing() -> None:
    assert phone_warning(check_in_form(customer_name="王芳"), ["王芳"]) is None
    assert phone_warning(check_in_form(customer_name="王芳"), []) is None


def test_the_seeded_managers_name_is_a_word_and_every_other_name_is_as_typed() -> None:
    from desktop_app.domain.events import facts
    from desktop_app.domain.vocabulary import SEEDED_MANAGER_NAME, person_name

    assert person_name(SEEDED_MANAGER_NAME) == "Shop manager"
    chinese = {"Shop manager": "店长"}
    assert person_name(SEEDED_MANAGER_NAME, lambda t: chinese.get(t, t)) == "店长"
    assert person_name("王晓红") == "王晓红"
    assert person_name("Manager") == "Manager"  # a name someone typed stays as typed
    assert facts({"technician_id": 1, "technician": SEEDED_MANAGER_NAME}) == ["Shop manager"]


def test_a_consultation_is_not_checked_in_it_goes_in_the_log() -> None:
    """Consultations no longer make repair jobs with a 5-day clock (issue 13)."""
    assert ServiceKind.CONSULTATION not in CHECK_IN_SERVICES
    form = check_in_form(service_requested=ServiceKind.CONSULTATION)
    with pytest.raises(InvalidInput) as raised:
        validate_check_in(form, TODAY)
    assert raised.value.fields() == {"service_requested"}
    assert "consultation log" in raised.value.render()
