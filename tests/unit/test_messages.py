"""The customer messages' templates in plain Python: rendering, the placeholders a template may
hold, missing values, and the Chinese defaults."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.messages import (
    DEFAULT_TEMPLATES,
    TEMPLATE_LIMIT,
    MessageChannel,
    MessageForm,
    MessageTemplate,
    MessageTemplates,
    MessageValues,
    render,
    sms_parts,
    template_problems,
    templates_for,
    templates_from_json,
    templates_to_json,
    validate_message,
    validate_templates,
)
from desktop_app.domain.pickup import days_waiting, ready_before
from desktop_app.domain.workflow import Status

VALUES = MessageValues(
    shop="鑫诚售后",
    customer="张伟",
    job_number="R20261001-0001",
    product="华为 Mate 60 Pro",
    due_date=date(2026, 10, 9),
    hotline="400-820-6688",
    total="¥120.00",
)


def test_the_defaults_are_chinese_and_render_every_fact():
    for template in MessageTemplate:
        text = DEFAULT_TEMPLATES.text(template)
        assert "您好" in text and template_problems(template, text) == []
    ready = render(DEFAULT_TEMPLATES.ready, VALUES)
    assert ready.startswith("【鑫诚售后】张伟您好")
    assert "R20261001-0001" in ready and "¥120.00" in ready and "{" not in ready
    received = render(DEFAULT_TEMPLATES.received, VALUES)
    assert "2026-10-09" in received
    delayed = render(
        DEFAULT_TEMPLATES.delayed,
        VALUES.__class__(**{**VALUES.__dict__, "new_date": date(2026, 10, 15)}),
    )
    assert "2026-10-15" in delayed and "抱歉" in delayed


def test_a_missing_value_is_named_not_left_as_a_hole():
    with pytest.raises(InvalidInput) as caught:
        render(DEFAULT_TEMPLATES.delayed, VALUES)
    assert caught.value.fields() == {"new_date"}
    assert "{new_date}" in caught.value.render()
    blank_hotline = MessageValues(**{**VALUES.__dict__, "hotline": "  "})
    with pytest.raises(InvalidInput, match=r"\{hotline\} has no value: the hotline is not set"):
        render("{hotline}", blank_hotline)


def test_an_unknown_placeholder_is_named():
    [problem] = template_problems(MessageTemplate.READY, "{customer} {phone}")
    assert problem.field == "message_templates.ready"
    assert "{phone} is not a placeholder" in str(problem.message)
    with pytest.raises(InvalidInput, match=r"\{phone\}"):
        render("{phone}", VALUES)


def test_the_rules_of_a_template():
    def fields(text: str, template=MessageTemplate.READY) -> list[str]:
        return [str(p.message) for p in template_problems(template, text)]

    assert fields("") == ["must not be empty"]
    assert fields(" \u200b ") == ["must not be empty"]
    assert fields("x" * TEMPLATE_LIMIT) == []
    assert "at most 300" in fields("x" * (TEMPLATE_LIMIT + 1))[0]
    assert "only be used in the" in fields("{new_date}")[0]  # only the delayed one knows it
    assert fields("{new_date}", MessageTemplate.DELAYED) == []
    assert "braces" in fields("{customer} {")[0]
    assert "braces" in fields("a}b")[0]
    assert "is not a placeholder" in fields("{customer.__class__}")[0]  # no attribute access
    assert fields("bell\x07") == ["must not contain control characters"]
    assert fields("两行\n文字") == []
    with pytest.raises(InvalidInput):
        validate_templates("not templates")


def test_sms_guidance():
    assert [sms_parts("字" * n) for n in (0, 1, 70, 71, 134, 135)] == [0, 1, 1, 2, 2, 3]


def test_stored_as_json_defaults_as_empty():
    assert templates_to_json(DEFAULT_TEMPLATES) == ""
    assert templates_from_json("") == DEFAULT_TEMPLATES
    mine = MessageTemplates(ready="取件：{job_number}")
    assert templates_from_json(templates_to_json(mine)) == mine
    assert templates_from_json("{not json") == DEFAULT_TEMPLATES
    assert templates_from_json('{"ready": 5}') == DEFAULT_TEMPLATES


def test_which_message_fits_the_status_and_the_new_day():
    assert templates_for(Status.READY_FOR_PICKUP) == (MessageTemplate.READY,)
    assert templates_for(Status.RETURNED) == (MessageTemplate.SURVEY,)
    assert templates_for(Status.CANCELLED) == ()
    assert MessageTemplate.DELAYED in templates_for(Status.REPAIRING)
    today = date(2026, 10, 1)
    good = MessageForm(MessageTemplate.DELAYED, MessageChannel.SMS, "t", today)
    validate_message(good, Status.REPAIRING, today)
    for form, field in (
        (
            MessageForm(MessageTemplate.DELAYED, MessageChannel.SMS, "t", date(2026, 9, 30)),
            "new_date",
        ),
        (MessageForm(MessageTemplate.DELAYED, MessageChannel.SMS, "t"), "new_date"),
        (MessageForm(MessageTemplate.RECEIVED, MessageChannel.SMS, "t", today), "new_date"),
        (MessageForm(MessageTemplate.READY, MessageChannel.SMS, "t"), "template"),
        (MessageForm(MessageTemplate.DELAYED, "fax", "t", today), "channel"),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidInput) as caught:
            validate_message(form, Status.REPAIRING, today)
        assert caught.value.fields() == {field}


def test_the_pickup_days():
    assert ready_before(date(2026, 10, 7), 7).isoformat() == "2026-10-01T00:00:00"
    from datetime import datetime

    assert days_waiting(datetime(2026, 9, 30, 23, 59), date(2026, 10, 7)) == 7
