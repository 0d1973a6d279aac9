"""The parts catalogue's rules: model matching, validation, stock, ordering for a product."""

from __future__ import annotations

import pytest

from desktop_app.domain.errors import InvalidInput, RuleRefusal
from desktop_app.domain.parts import (
    MAX_PART_PRICE_CENTS,
    MAX_STOCK,
    PART_MODELS,
    PART_NAME,
    PART_NUMBER,
    PartForm,
    PartSnapshot,
    fits,
    for_model,
    matches_search,
    model_key,
    model_reason_problem,
    part_number_key,
    split_models,
    take_from_stock,
    validate_part,
)


def _part(models: tuple[str, ...] = ("Mate 60 Pro",), stock: int = 3, **kw: object) -> PartSnapshot:
    values: dict[str, object] = {
        "id": 1,
        "name": "屏幕总成",
        "part_number": "HW-LCD-M60P",
        "models": models,
        "unit_price_cents": 89_900,
        "stock": stock,
        "active": True,
        "version": 1,
    }
    values.update(kw)
    return PartSnapshot(**values)  # type: ignore[arg-type]


def _form(**kw: object) -> PartForm:
    values: dict[str, object] = {
        "name": "屏幕总成",
        "part_number": "HW-LCD-M60P",
        "models": ("Mate 60 Pro",),
        "unit_price_cents": 89_900,
        "stock": 5,
    }
    values.update(kw)
    return PartForm(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Mate 60 Pro", "Mate 60 Pro"),
        ("Mate 60 Pro", "  mate 60 pro  "),  # trimmed, case
        ("Mate 60 Pro", "ＭＡＴＥ　６０　ＰＲＯ"),  # full-width letters, digits and space
        ("Mate 60 Pro", "Mate  60\tPro"),  # runs of spaces count as one
        ("KFR-35GW", "ｋｆｒ－３５ｇｗ"),  # full-width hyphen too (NFKC)
    ],
)
def test_a_model_fits_trimmed_case_and_width_aside(listed: str, typed: str) -> None:
    assert fits((listed,), typed)


@pytest.mark.parametrize(
    ("listed", "typed"),
    [
        ("Mate 60 Pro", "Mate 60"),  # a prefix is another model
        ("Mate 60", "Mate 60 Pro"),
        ("Mate 60 Pro", "Mate60Pro"),  # spaces are not dropped: nothing fuzzy
        ("Mate 60 Pro", ""),
        ("Mate 60 Pro", "   "),
    ],
)
def test_another_model_does_not_fit(listed: str, typed: str) -> None:
    assert not fits((listed,), typed)


def test_part_numbers_compare_like_models() -> None:
    assert part_number_key("hw-lcd-m60p") == part_number_key(" HW-LCD-M60P ")
    assert part_number_key("ＨＷ－ＬＣＤ") == part_number_key("hw-lcd")
    assert model_key("Ａｂ") == "ab"


def test_models_typed_in_one_field_are_split_and_kept_once() -> None:
    assert split_models("Mate 60 Pro，Mate 60；P60\nmate 60 pro, ,、nova 12") == (
        "Mate 60 Pro",
        "Mate 60",
        "P60",
        "nova 12",
    )


def test_a_valid_part_is_trimmed() -> None:
    clean = validate_part(_form(name="  屏幕  总成 ", part_number=" HW-1 ", models=(" P60 ",)))
    assert (clean.name, clean.part_number, clean.models) == ("屏幕 总成", "HW-1", ("P60",))


def test_limits_at_and_past() -> None:
    at = _form(
        name="屏" * PART_NAME,
        part_number="H" * PART_NUMBER,
        models=tuple(f"M{n}" for n in range(PART_MODELS)),
        unit_price_cents=MAX_PART_PRICE_CENTS,
        stock=MAX_STOCK,
    )
    validate_part(at)
    validate_part(_form(unit_price_cents=0, stock=0))
    past = _form(
        name="屏" * (PART_NAME + 1),
        part_number="H" * (PART_NUMBER + 1),
        models=tuple(f"M{n}" for n in range(PART_MODELS + 1)),
        unit_price_cents=MAX_PART_PRICE_CENTS + 1,
        stock=MAX_STOCK + 1,
    )
    with pytest.raises(InvalidInput) as refused:
        validate_part(past)
    assert refused.value.fields() == {"name", "part_number", "models", "unit_price", "stock"}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "\u200b"}, "name"),
        ({"part_number": ""}, "part_number"),
        ({"part_number": "HW\x00"}, "part_number"),
        ({"models": ()}, "models"),
        ({"models": (" ", "，")}, "models"),
        ({"models": ("M" * 121,)}, "models"),
        ({"unit_price_cents": -1}, "unit_price"),
        ({"unit_price_cents": 12.5}, "unit_price"),
        ({"unit_price_cents": True}, "unit_price"),
        ({"stock": -1}, "stock"),
        ({"stock": "3"}, "stock"),
        ({"active": "yes"}, "active"),
    ],
)
def test_bad_input_is_named_by_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_part(_form(**changes))
    assert refused.value.fields() == {field}


def test_taking_from_stock() -> None:
    assert take_from_stock(_part(stock=3), 3) == 0
    with pytest.raises(RuleRefusal, match="only 2 of part HW-LCD-M60P in stock, 3 asked"):
        take_from_stock(_part(stock=2), 3)
    with pytest.raises(RuleRefusal, match="only 0"):
        take_from_stock(_part(stock=0), 1)
    with pytest.raises(RuleRefusal, match="deactivated"):
        take_from_stock(_part(active=False), 1)


def test_a_part_for_another_model_needs_a_reason() -> None:
    part = _part(models=("Mate 60 Pro",))
    assert model_reason_problem(part, "mate 60 pro", "") is None
    problem = model_reason_problem(part, "P60", "")
    assert problem is not None and problem.field == "model_reason"
    assert "not listed for model P60" in problem.render()
    assert model_reason_problem(part, "P60", " \u200b ") is not None  # invisible is no reason
    assert model_reason_problem(part, "P60", "同款屏幕，厂家确认通用") is None


def test_parts_fitting_the_model_come_first() -> None:
    fitting = _part(models=("P60",), name="电池", part_number="B-1", id=2)
    other = _part(models=("Mate 60 Pro",), name="按键", part_number="K-1", id=3)
    fitting2 = _part(models=("p60", "P60 Pro"), name="尾插", part_number="C-1", id=4)
    ordered = for_model([other, fitting2, fitting], "P60")
    assert [p.id for p in ordered] == [4, 2, 3] or [p.id for p in ordered] == [2, 4, 3]
    assert {p.id for p in ordered[:2]} == {2, 4}


def test_search_by_name_number_or_model() -> None:
    part = _part(models=("Mate 60 Pro",))
    assert matches_search(part, "屏幕")
    assert matches_search(part, "hw-lcd")
    assert matches_search(part, "ｍａｔｅ 60")
    assert matches_search(part, "")
    assert not matches_search(part, "电池")
