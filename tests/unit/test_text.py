"""Reasons and messages are Text: English templates with values, translated when shown."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from desktop_app.domain import events
from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.rules import DocumentsPresented, ServiceKind, decide
from desktop_app.domain.text import Text, no_translation
from tests.unit._builders import claim

ZH = {
    "warranty ended {ended}": "保修已于{ended}结束",
    "{document} not presented": "未出示{document}",
    "warranty card": "保修卡",
    "in warranty until {until}": "保修期至{until}",
    "free by manager's override: {why}": "经理批准免费：{why}",
}


def translate(template: str) -> str:
    return ZH.get(template, template)


def test_every_reason_is_a_text() -> None:
    verdict = decide(claim("2025-06-01", "2026-03-10"))
    assert verdict.reasons
    assert all(isinstance(reason, Text) for reason in verdict.reasons)


def test_str_of_a_reason_is_the_english_sentence() -> None:
    verdict = decide(claim("2025-03-31", "2026-04-01"))
    (reason,) = verdict.reasons
    assert reason.template == "warranty ended {ended}"
    assert str(reason) == "warranty ended 2026-03-31"


def test_render_uses_the_translator_for_the_template_and_fills_in_the_date() -> None:
    (reason,) = decide(claim("2025-03-31", "2026-04-01")).reasons
    assert reason.render(translate) == "保修已于2026-03-31结束"


def test_render_translates_vocabulary_values_such_as_document_names() -> None:
    docs = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    verdict = decide(claim("2025-06-01", "2026-03-10", documents=docs))
    rendered = [reason.render(translate) for reason in verdict.reasons]
    assert "未出示保修卡" in rendered
    assert "保修期至2026-06-01" in rendered


def test_render_leaves_free_text_a_translator_does_not_know_unchanged() -> None:
    docs = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    verdict = decide(claim("2025-06-01", "2026-03-10", documents=docs, override="老顾客，卡丢了"))
    assert "经理批准免费：老顾客，卡丢了" in [r.render(translate) for r in verdict.reasons]


def test_unknown_template_renders_as_english() -> None:
    assert Text("offered a repair instead").render(translate) == "offered a repair instead"


def test_no_translation_is_the_identity() -> None:
    assert no_translation("anything {x}") == "anything {x}"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (date(2026, 10, 13), "2026-10-13"),
        (datetime(2026, 10, 13, 9, 5, 59), "2026-10-13 09:05"),
        (12, "12"),
        ("word", "word"),
    ],
)
def test_values_are_formatted_for_reading(value: object, shown: str) -> None:
    assert str(Text("[{v}]", v=value)) == f"[{shown}]"


def test_nested_text_is_rendered_with_the_same_translator() -> None:
    nested = Text("outer: {inner}", inner=Text("warranty ended {ended}", ended=date(2026, 3, 31)))
    assert nested.render(translate) == "outer: 保修已于2026-03-31结束"


def test_braces_in_a_value_are_not_formatted_again() -> None:
    assert str(Text("note: {why}", why="{ended} {0}")) == "note: {ended} {0}"


def test_texts_with_equal_template_and_values_are_equal_and_hash_alike() -> None:
    a = Text("x {a} {b}", a=1, b=date(2026, 1, 1))
    b = Text("x {a} {b}", b=date(2026, 1, 1), a=1)
    assert a == b
    assert hash(a) == hash(b)
    assert a != Text("x {a} {b}", a=2, b=date(2026, 1, 1))


def test_text_is_not_equal_to_a_plain_string() -> None:
    assert Text("hello") != "hello"


def test_repr_shows_template_and_values() -> None:
    assert repr(Text("t {a}", a=1)) == "Text('t {a}', {'a': 1})"


def test_every_reason_of_a_verdict_renders_the_same_after_a_json_round_trip() -> None:
    docs = DocumentsPresented(purchase_voucher=False, warranty_card=False, product=True)
    verdict = decide(
        claim("2026-03-01", "2026-03-05", documents=docs, requested=ServiceKind.RETURN)
    )
    for reason in verdict.reasons:
        again = Text.from_json(reason.to_json())
        assert again.render(translate) == reason.render(translate)


def test_json_round_trip_keeps_a_datetime_value_rendered_the_same() -> None:
    text = Text("responded at {at}", at=datetime(2026, 3, 10, 9, 30))
    assert str(Text.from_json(text.to_json())) == "responded at 2026-03-10 09:30"


def test_json_round_trip_keeps_a_nested_text_rendered_the_same() -> None:
    text = Text("outer: {inner}", inner=Text("warranty ended {ended}", ended=date(2026, 3, 31)))
    assert str(Text.from_json(text.to_json())) == "outer: warranty ended 2026-03-31"


def test_to_json_shape() -> None:
    assert Text("until {until}", until=date(2026, 3, 8)).to_json() == {
        "t": "until {until}",
        "p": {"until": {"date": "2026-03-08"}},
    }


def test_from_json_without_values() -> None:
    assert str(Text.from_json({"t": "offered a repair instead"})) == "offered a repair instead"


# --- errors carry Text too --------------------------------------------------------------------


def test_field_problem_names_its_field_and_renders_translated() -> None:
    problem = FieldProblem(
        "warranty_months", Text("warranty ended {ended}", ended=date(2026, 3, 31))
    )
    assert str(problem) == "warranty_months: warranty ended 2026-03-31"
    assert problem.render(translate) == "保修已于2026-03-31结束"


def test_invalid_input_joins_all_problems() -> None:
    error = InvalidInput(
        [FieldProblem("phone", Text("is required")), FieldProblem("brand", Text("is required"))]
    )
    assert str(error) == "phone: is required; brand: is required"
    assert error.fields() == {"phone", "brand"}


def test_invalid_input_single() -> None:
    error = InvalidInput.single("model", "at most {n} characters", n=120)
    assert error.problems == (FieldProblem("model", Text("at most {n} characters", n=120)),)
    assert str(error) == "model: at most 120 characters"


def test_rule_refusal_renders_with_a_translator() -> None:
    refusal = RuleRefusal("warranty ended {ended}", ended=date(2026, 3, 31))
    assert str(refusal) == "warranty ended 2026-03-31"
    assert refusal.render(translate) == "保修已于2026-03-31结束"


# --- typed text that is also a word of the catalogue prints as typed ----------------------------

CATALOGUE = {**ZH, "Customer": "客户", "Repair": "维修", "returned to customer": "已取回"}


@pytest.mark.parametrize("typed", ["Customer", "Repair", "returned to customer", "warranty card"])
def test_an_override_reason_equal_to_a_catalogue_word_renders_as_typed(typed: str) -> None:
    no_card = DocumentsPresented(purchase_voucher=True, warranty_card=False, product=True)
    verdict = decide(claim("2026-01-01", "2026-03-10", documents=no_card, override=typed))
    [reason] = [r for r in verdict.reasons if r.template == "free by manager's override: {why}"]

    def shown(text: Text) -> str:
        return text.render(lambda template: CATALOGUE.get(template, template))

    assert shown(reason) == f"经理批准免费：{typed}"
    # Stored as JSON (the job's verdict, the check-in event) and read back: still as typed.
    assert shown(Text.from_json(reason.to_json())) == f"经理批准免费：{typed}"
    assert reason.to_json()["p"]["why"] == {"verbatim": typed}
    # The job view's timeline reads the check-in event's payload the same way.
    payload = json.loads(json.dumps(events.checked_in(verdict.coverage, verdict.reasons)))
    timeline = events.facts(payload, lambda template: CATALOGUE.get(template, template))
    assert f"经理批准免费：{typed}" in timeline[0]


def test_a_reason_stored_before_typed_text_was_tagged_still_renders_as_typed() -> None:
    stored = {"t": "free by manager's override: {why}", "p": {"why": "Customer"}}
    catalogue = {**CATALOGUE}.get
    assert Text.from_json(stored).render(lambda t: catalogue(t, t)) == "经理批准免费：Customer"
    # The catalogue words of a stored reason are translated as before.
    stored = {"t": "{document} not presented", "p": {"document": "warranty card"}}
    assert Text.from_json(stored).render(translate) == "未出示保修卡"
