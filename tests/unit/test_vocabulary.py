"""The vocabulary: every key has its label, declared once and shared by every viewer."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.domain import vocabulary
from desktop_app.domain.text import Listing, Text
from desktop_app.domain.vocabulary import (
    Action,
    Category,
    Coverage,
    EventKind,
    JobAction,
    LineKind,
    Outcome,
    PaymentMethod,
    Role,
    ServiceKind,
    Status,
    day_with_weekday,
    label,
    label_of,
)

ZH = {
    "{day} ({weekday})": "{day}（{weekday}）",
    "Fri": "周五",
    "clerk": "店员",
    "manager": "店长",
    " or ": "或",
}


@pytest.mark.parametrize(
    "enum",
    [Status, ServiceKind, Coverage, Category, Outcome, LineKind, PaymentMethod, EventKind, Role],
)
def test_every_key_has_a_label_that_is_not_the_key_spelled_as_stored(enum):
    for member in enum:
        text = label(member)
        assert text.strip()
        # Stored keys with underscores (handed_back, cannot_repair) must never reach a reader.
        assert "_" not in text, (member, text)


def test_job_actions_have_a_button_each():
    assert set(vocabulary.JOB_ACTION_BUTTONS) == set(JobAction)
    assert label(JobAction.CANCEL) == "cancel"  # the phrase a refusal quotes
    assert label(Action.CHECK_IN) == "check in a product"


def test_a_stored_key_we_do_not_know_is_shown_as_it_is():
    assert label_of(PaymentMethod, "wechat") == "WeChat Pay"
    assert label_of(PaymentMethod, "voucher") == "voucher"


def test_the_old_modules_still_hand_out_the_same_enumerations():
    from desktop_app.domain import actions, roles, rules, workflow

    assert workflow.Status is Status and rules.Coverage is Coverage
    assert roles.Role is Role and actions.JobAction is JobAction
    assert vocabulary.PAPERS == ("a4", "80mm")


def test_the_weekday_follows_the_language():
    day = date(2026, 12, 4)
    assert day_with_weekday(day) == "2026-12-04 (Fri)"
    assert day_with_weekday(day, lambda t: ZH.get(t, t)) == "2026-12-04（周五）"


def test_a_listing_translates_each_word_and_the_separator():
    text = Text("ask a {allowed}", allowed=Listing(["clerk", "manager"], " or "))
    assert text.render() == "ask a clerk or manager"
    assert text.render(lambda t: ZH.get(t, t)) == "ask a 店员或店长"
    assert Text.from_json(text.to_json()) == text
