"""The parts catalogue: what a part is, how its models are matched, and its stock.

The agreement replaces a faulty part "with a part of the same model" (同型号零部件). A catalogue
part lists the product models it fits; a job's product model fits when it is one of them, compared
**trimmed, without regard to case, and with full-width letters and digits read as half-width**
(NFKC: "ＭＡＴＥ　４０" is "mate 40"), runs of spaces counting as one. Nothing fuzzier: "Mate 40"
does not fit "Mate 40 Pro", so a part that does not list the model needs a written reason.

Stock is kept simply: a count per part. Adding a catalogue part to a job takes it from stock,
removing the line puts it back. Taking more than the shelf holds is refused, not allowed with a
note: the count is what the manager orders by, and a part that is on the bench though the count
says none means the count is wrong — the manager corrects it in the catalogue (a recorded edit),
or the technician adds the part as typed (not from the catalogue) when it came from elsewhere.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from desktop_app.domain.errors import FieldProblem, InvalidInput, RuleRefusal
from desktop_app.domain.limits import SHORT_TEXT, is_blank, text_problem
from desktop_app.domain.text import N_, Text, Verbatim

PART_NAME = 200  # like a job line's description, which it fills
PART_NUMBER = 60
PART_MODELS = 30  # models one part lists
MODEL = SHORT_TEXT  # one model, as long as a product's model
MAX_PART_PRICE_CENTS = 100_000_000  # one million yuan, as a job line
MAX_STOCK = 99_999
# What separates the models typed in one field: commas, Chinese commas, semicolons, new lines.
MODEL_SEPARATORS = (",", "，", ";", "；", "、", "\n")


def model_key(model: str) -> str:
    """A model as compared: NFKC (full-width to half-width), trimmed, spaces collapsed,
    case-folded."""
    return " ".join(unicodedata.normalize("NFKC", model).split()).casefold()


def part_number_key(number: str) -> str:
    """A part number as the catalogue keeps it unique: the same normalisation as a model."""
    return model_key(number)


def fits(models: Iterable[str], product_model: str) -> bool:
    """Whether a part listing `models` fits a product of `product_model`."""
    wanted = model_key(product_model)
    return bool(wanted) and any(model_key(m) == wanted for m in models)


def split_models(typed: str) -> tuple[str, ...]:
    """The models typed in one field, trimmed, the same model (by model_key) once."""
    text = typed
    for separator in MODEL_SEPARATORS[1:]:
        text = text.replace(separator, MODEL_SEPARATORS[0])
    seen: set[str] = set()
    models: list[str] = []
    for raw in text.split(","):
        model = " ".join(raw.split())
        if model and model_key(model) not in seen:
            seen.add(model_key(model))
            models.append(model)
    return tuple(models)


@dataclass(frozen=True)
class PartForm:
    """A catalogue part as a manager types it (models already split)."""

    name: str
    part_number: str
    models: tuple[str, ...]
    unit_price_cents: int
    stock: int
    active: bool = True


@dataclass(frozen=True)
class PartSnapshot:
    """A catalogue part as the window, the command line and the demo read it."""

    id: int
    name: str
    part_number: str
    models: tuple[str, ...]
    unit_price_cents: int
    stock: int
    active: bool
    version: int
    updated_at: datetime | None = field(default=None, compare=False)

    def fits(self, product_model: str) -> bool:
        return fits(self.models, product_model)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_part(form: PartForm) -> PartForm:
    """The form trimmed, or InvalidInput naming every bad field."""
    problems: list[FieldProblem] = []
    for name, value, limit in (
        ("name", form.name, PART_NAME),
        ("part_number", form.part_number, PART_NUMBER),
    ):
        problem = text_problem(name, value, limit)
        if problem is not None:
            problems.append(problem)
        elif is_blank(value):  # type: ignore[arg-type]
            problems.append(FieldProblem(name, Text(N_("is required"))))
    if not isinstance(form.models, tuple | list) or not all(
        isinstance(m, str) for m in form.models
    ):
        problems.append(FieldProblem("models", Text(N_("must be a list of models"))))
        models: tuple[str, ...] = ()
    else:
        models = split_models(",".join(form.models))
        if not models:
            problems.append(
                FieldProblem("models", Text(N_("name at least one model the part fits")))
            )
        elif len(models) > PART_MODELS:
            problems.append(
                FieldProblem("models", Text(N_("at most {limit} models"), limit=PART_MODELS))
            )
        for model in models:
            problem = text_problem("models", model, MODEL)
            if problem is not None:
                problems.append(problem)
                break
    if not _whole(form.unit_price_cents):
        problems.append(FieldProblem("unit_price", Text(N_("must be an amount in cents"))))
    elif not 0 <= form.unit_price_cents <= MAX_PART_PRICE_CENTS:
        problems.append(FieldProblem("unit_price", Text(N_("must be from 0.00 to 1,000,000.00"))))
    if not _whole(form.stock):
        problems.append(FieldProblem("stock", Text(N_("must be a whole number"))))
    elif not 0 <= form.stock <= MAX_STOCK:
        problems.append(
            FieldProblem("stock", Text(N_("must be from {low} to {high}"), low=0, high=MAX_STOCK))
        )
    if not isinstance(form.active, bool):
        problems.append(FieldProblem("active", Text(N_("must be yes or no"))))
    if problems:
        raise InvalidInput(problems)
    return PartForm(
        name=" ".join(form.name.split()),
        part_number=form.part_number.strip(),
        models=models,
        unit_price_cents=form.unit_price_cents,
        stock=form.stock,
        active=form.active,
    )


def take_from_stock(part: PartSnapshot, quantity: int) -> int:
    """The stock left after taking `quantity`; refused when the shelf does not hold that many
    (see the module's docstring for why it is refused rather than allowed with a note)."""
    if not part.active:
        raise RuleRefusal(
            N_("part {number} is no longer in the catalogue (deactivated)"),
            number=Verbatim(part.part_number),
        )
    if quantity > part.stock:
        raise RuleRefusal(
            N_(
                "only {stock} of part {number} in stock, {quantity} asked: a manager corrects "
                "the count in the parts catalogue, or add the part as typed if it came from "
                "elsewhere"
            ),
            stock=part.stock,
            number=Verbatim(part.part_number),
            quantity=quantity,
        )
    return part.stock - quantity


def model_reason_problem(
    part: PartSnapshot, product_model: str, reason: str
) -> FieldProblem | None:
    """A part that does not list the job's product model needs a written reason (the agreement's
    same-model parts); None when it fits or a reason is given."""
    if part.fits(product_model) or (isinstance(reason, str) and not is_blank(reason)):
        return None
    return FieldProblem(
        "model_reason",
        Text(
            N_(
                "part {number} is not listed for model {model}: say why it is used (the "
                "agreement replaces parts with parts of the same model)"
            ),
            number=Verbatim(part.part_number),
            model=Verbatim(product_model.strip() or "—"),
        ),
    )


def for_model(parts: Iterable[PartSnapshot], product_model: str) -> tuple[PartSnapshot, ...]:
    """The parts to pick from for a product: those fitting its model first, then the others,
    each by name and part number."""
    return tuple(
        sorted(
            parts,
            key=lambda p: (
                not p.fits(product_model),
                p.name.casefold(),
                part_number_key(p.part_number),
            ),
        )
    )


def matches_search(part: PartSnapshot, search: str) -> bool:
    """Whether a part is found by a search typed in the catalogue or the pick dialog: every word
    in its name, part number or models (normalised like models)."""
    words = model_key(search).split()
    haystack = model_key(" ".join((part.name, part.part_number, *part.models)))
    return all(word in haystack for word in words)


def check_quantity(quantity: object) -> None:
    if not _whole(quantity) or not 1 <= quantity <= 999:  # type: ignore[operator]
        raise InvalidInput.single("quantity", N_("must be a whole number from 1 to 999"))
