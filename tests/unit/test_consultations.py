"""The consultation rules as plain Python: the form, the 24-hour callback, the number, and the
check-in a consultation becomes."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.domain.consultations import (
    NUMBER_PATTERN,
    ConsultationForm,
    ConsultationSnapshot,
    callback_due,
    callback_overdue,
    check_callback,
    check_convertible,
    check_in_form_from,
    consultation_number,
    validate_callback_answer,
    validate_consultation,
)
from desktop_app.domain.errors import InvalidInput, RuleRefusal
from desktop_app.domain.forms import validate_check_in
from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.vocabulary import ConsultationChannel, ConsultationState

AT = datetime(2026, 9, 30, 23, 30)


def test_the_callback_is_due_24_clock_hours_later_over_a_holiday():
    assert callback_due(AT) == datetime(2026, 10, 1, 23, 30)  # National Day: the hotline runs
    assert not callback_overdue(ConsultationState.CALLBACK_DUE, callback_due(AT), callback_due(AT))
    late = datetime(2026, 10, 1, 23, 31)
    assert callback_overdue(ConsultationState.CALLBACK_DUE, callback_due(AT), late)
    for done in (ConsultationState.CALLED_BACK, ConsultationState.CONVERTED):
        assert not callback_overdue(done, callback_due(AT), late)


def test_a_form_is_cleaned_and_its_state_follows_the_answer():
    valid = validate_consultation(
        ConsultationForm(
            ConsultationChannel.ONLINE, "+86 138-1234-5678", "  怎么保修？ ", answer=" \u200b "
        )
    )
    assert valid.phone == "13812345678"
    assert valid.question == "怎么保修？"
    assert valid.answer == ""
    assert valid.state is ConsultationState.CALLBACK_DUE
    answered = validate_consultation(
        ConsultationForm(ConsultationChannel.IN_PERSON, "13812345678", "问", answer="答")
    )
    assert answered.state is ConsultationState.ANSWERED


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"phone": ""}, {"phone"}),
        ({"phone": 13812345678}, {"phone"}),
        ({"question": ""}, {"question"}),
        ({"question": "\x1b[31m"}, {"question"}),
        ({"caller_name": "名" * 121}, {"caller_name"}),
        ({"answer": "答" * 4001}, {"answer"}),
        ({"channel": "hotline"}, {"channel"}),
        ({"category": "appliance"}, {"category"}),
    ],
)
def test_each_broken_rule_names_its_field(changes, fields):
    values = {"channel": ConsultationChannel.HOTLINE, "phone": "13812345678", "question": "问"}
    values.update(changes)
    with pytest.raises(InvalidInput) as refused:
        validate_consultation(ConsultationForm(**values))
    assert refused.value.fields() == fields


def test_the_callback_answer_is_required():
    assert validate_callback_answer("  已答复 ") == "已答复"
    for bad in ("", " ", None, "\x00"):
        with pytest.raises(InvalidInput):
            validate_callback_answer(bad)


def test_callback_and_conversion_rules():
    check_callback("ZX20260930-001", ConsultationState.CALLBACK_DUE)
    for state in (ConsultationState.ANSWERED, ConsultationState.CALLED_BACK):
        with pytest.raises(RuleRefusal):
            check_callback("ZX20260930-001", state)
        check_convertible("ZX20260930-001", state, None)
    with pytest.raises(RuleRefusal, match="R20260930-0001"):
        check_convertible("ZX20260930-001", ConsultationState.CONVERTED, "R20260930-0001")


def test_numbers():
    number = consultation_number(AT.date(), 7)
    assert number == "ZX20260930-007"
    assert NUMBER_PATTERN.match(number) and NUMBER_PATTERN.match("zx20260930-1234")
    assert consultation_number(AT.date(), 1234) == "ZX20260930-1234"


def _snapshot(**changes) -> ConsultationSnapshot:
    values = dict(
        id=5,
        number="ZX20260930-001",
        channel=ConsultationChannel.HOTLINE,
        state=ConsultationState.CALLED_BACK,
        phone="13812345678",
        caller_name="刘芳",
        category=Category.APPLIANCE,
        brand="美的",
        model="MG100",
        question="脱水响",
        answer="",
        received_at=AT,
        answered_by="王晓红",
        callback_due_at=callback_due(AT),
        called_back_at=None,
        called_back_by="",
        callback_answer="",
        job_id=None,
        job_number="",
        version=2,
    )
    values.update(changes)
    return ConsultationSnapshot(**values)


def test_the_check_in_it_becomes_carries_what_is_known():
    form = check_in_form_from(_snapshot(), ServiceKind.REPAIR, 24)
    assert (form.customer_name, form.phone, form.brand, form.model) == (
        "刘芳",
        "13812345678",
        "美的",
        "MG100",
    )
    assert form.category is Category.APPLIANCE
    assert form.fault_description == "脱水响"
    assert form.consultation_id == 5 and form.warranty_months == 24
    assert form.purchase_date is None  # asked at the counter, never assumed
    with pytest.raises(InvalidInput) as refused:
        validate_check_in(form, AT.date())
    assert {"purchase_date", "usage_description"} <= refused.value.fields()
    on_site = check_in_form_from(_snapshot(category=None), ServiceKind.ON_SITE, 12)
    assert on_site.service_requested is ServiceKind.ON_SITE
    assert not on_site.documents.product  # the technician goes to the product
    assert on_site.category is Category.ELECTRONICS
