"""`repair-counter parts …` (parser in cli.py): the parts catalogue for scripting and export,
and the manager's changes to it.

`list` needs no credentials, like `jobs`, `complaints`, `consultations` and `pickups`: the
catalogue holds nothing personal (names, numbers, models, prices, counts) and every technician
reads it in the window; `users list` asks for a manager because it shows the staff's accounts.
`add`, `edit`, `deactivate` and `activate` change what the shop orders by and charges, so they act
as a manager (`--user`, `--password-stdin`, as `users`), through the same service as the window's
Parts catalogue.

Every option is checked before a password is asked; a refusal is one line naming the option and
the rule (exit 2, nothing written). `edit` reads the part and writes it in one go, on the version
it read: a change made in between (another manager's edit, a job taking one from stock) is
refused, never overwritten. A script that decides on an earlier reading (`list --format json`
gives each part's `version`) passes `--expected-version`, and the edit is refused when the part
changed since.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from desktop_app.consultations_cli import print_table
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotFound
from desktop_app.domain.money import plain_yuan
from desktop_app.domain.parts import (
    MAX_STOCK,
    PartForm,
    PartSnapshot,
    for_model,
    split_models,
    validate_part,
)
from desktop_app.domain.payments import parse_amount
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.text import N_, Text, Translator, Verbatim, no_translation, one_or_many
from desktop_app.people_cli import PasswordReader, Refused, signed_in_manager
from desktop_app.services import Services

# The form's fields as the command line names them.
OPTIONS = {
    "name": "--name",
    "part_number": "--number",
    "models": "--model",
    "unit_price": "--price",
    "stock": "--stock",
    "expected_version": "--expected-version",
}
COLUMNS = (
    "id",
    "part_number",
    "name",
    "models",
    "unit_price",
    "stock",
    "active",
    "version",
    "updated_at",
)
TABLE_HEADERS = (
    N_("part number"),
    N_("name"),
    N_("fits models"),
    N_("unit price (¥)"),
    N_("in stock"),
    N_("state"),
)
FITS_HEADER = N_("fits model")
MAX_VERSION = 2**62  # far beyond any count of edits; keeps the number a database integer


def record(part: PartSnapshot, model: str | None = None) -> dict[str, object]:
    """One part for programs: stable keys, the price in integer cents, models as a list."""
    data: dict[str, object] = {
        "id": part.id,
        "part_number": part.part_number,
        "name": part.name,
        "models": list(part.models),
        "unit_price_cents": part.unit_price_cents,
        "stock": part.stock,
        "active": part.active,
        "version": part.version,
        "updated_at": part.updated_at.isoformat(sep=" ") if part.updated_at else None,
    }
    if model is not None:
        data["fits"] = part.fits(model)
    return data


def csv_record(part: PartSnapshot, model: str | None = None) -> dict[str, object]:
    """One part for a spreadsheet: the price in yuan (12.50), the models in one cell, and text
    a spreadsheet would take for a formula ("=…", "+…", "@…") quote-prefixed, as the job list's
    export does (receipts/job_list_export.py)."""
    from desktop_app.receipts.spreadsheet_cells import clean_text, looks_like_formula

    data = record(part, model)
    data["models"] = ", ".join(part.models)
    data["unit_price"] = plain_yuan(part.unit_price_cents)
    del data["unit_price_cents"]
    for key in ("part_number", "name", "models"):
        text = clean_text(str(data[key]))
        data[key] = "'" + text if looks_like_formula(text) else text
    return data


def run_parts(
    services: Services,
    args: argparse.Namespace,
    reader: PasswordReader,
    out: TextIO,
    translate: Translator = no_translation,
) -> int:
    command = args.parts_command
    if command == "list":
        return _list(services, args, out, translate)
    # Everything typed is checked before a password is asked.
    expected = _expected_version(args.expected_version) if command != "add" else None
    typed = _typed(args) if command in ("add", "edit") else None
    what = f"parts {command}"
    with signed_in_manager(services, args, reader, Action.MANAGE_PARTS, what) as manager:
        try:
            if command == "add":
                assert typed is not None
                part = services.parts.add(_complete(typed, None), manager)
                done = "added"
            else:
                part = _change(services, args, manager, typed, expected)
                done = {"edit": "changed", "deactivate": "deactivated", "activate": "activated"}[
                    command
                ]
        except InvalidInput as invalid:
            raise _refused(invalid) from None
        except ConcurrentChange as changed:
            raise Refused(f"nothing was changed: {changed.render()}") from None
    if args.format == "table":
        out.write(f"{done} {part.part_number} ({part.name}), version {part.version}\n")
    _print([part], args.format, out, translate, None)
    return 0


def _change(
    services: Services,
    args: argparse.Namespace,
    manager: Actor,
    typed: PartForm | None,
    expected: int | None,
) -> PartSnapshot:
    """Reads the part named and writes it in one go, on the version read (or the one the
    script read earlier, --expected-version)."""
    current = services.parts.find_by_number(args.part_number)
    if current is None:
        raise NotFound(
            N_("no part with number {number} in the catalogue"),
            number=Verbatim(args.part_number.strip()),
        )
    version = current.version if expected is None else expected
    if args.parts_command == "edit":
        assert typed is not None
        return services.parts.edit(current.id, _complete(typed, current), manager, version)
    active = args.parts_command == "activate"
    return services.parts.set_active(current.id, active, manager, version)


# --- what was typed ---------------------------------------------------------------------------

# An option left out of `edit` keeps the part's value: these stand for "not given".
_NOT_GIVEN_TEXT = ""
_NOT_GIVEN = -1


def _typed(args: argparse.Namespace) -> PartForm:
    """The options as a form, every typed value checked (InvalidInput naming the options); on
    `edit` an option left out is marked not given."""
    adding = args.parts_command == "add"
    problems = []
    price = _NOT_GIVEN
    if args.price is not None or adding:
        try:
            price = parse_amount(args.price or "", "unit_price")
        except InvalidInput as invalid:
            problems += invalid.problems
    stock = 0 if adding else _NOT_GIVEN
    if args.stock is not None:
        try:
            stock = _whole(args.stock, "stock", MAX_STOCK)
        except InvalidInput as invalid:
            problems += invalid.problems
    models = split_models(",".join(args.model)) if args.model is not None else ()
    form = PartForm(
        name=args.name if args.name is not None else _NOT_GIVEN_TEXT,
        part_number=args.number if args.number is not None else _NOT_GIVEN_TEXT,
        models=models,
        unit_price_cents=price,
        stock=stock,
    )
    # The domain's own checks, on what a change would be made of (a placeholder where an edit
    # keeps the part's value: the part's own values were valid when they were saved).
    probe = PartForm(
        form.name if args.name is not None or adding else "x",
        form.part_number if args.number is not None or adding else "x",
        form.models if args.model is not None or adding else ("x",),
        max(price, 0),
        max(stock, 0),
    )
    try:
        validate_part(probe)
    except InvalidInput as invalid:
        known = {p.field for p in problems}
        problems += [p for p in invalid.problems if p.field not in known]
    if problems:
        raise _refused(InvalidInput(problems))
    return form


def _complete(typed: PartForm, current: PartSnapshot | None) -> PartForm:
    """The form to save: what was typed, the part's own values for what was not."""
    if current is None:
        return typed
    return PartForm(
        name=typed.name if typed.name != _NOT_GIVEN_TEXT else current.name,
        part_number=typed.part_number
        if typed.part_number != _NOT_GIVEN_TEXT
        else current.part_number,
        models=typed.models or current.models,
        unit_price_cents=typed.unit_price_cents
        if typed.unit_price_cents != _NOT_GIVEN
        else current.unit_price_cents,
        stock=typed.stock if typed.stock != _NOT_GIVEN else current.stock,
        active=current.active,
    )


def _whole(typed: str, field: str, high: int) -> int:
    text = typed.strip()
    if not (text.isascii() and text.isdigit()) or int(text) > high:
        raise InvalidInput.single(
            field, N_("must be a whole number from {low} to {high}"), low=0, high=high
        )
    return int(text)


def _expected_version(typed: str | None) -> int | None:
    if typed is None:
        return None
    text = typed.strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_VERSION:
        raise _refused(
            InvalidInput.single(
                "expected_version",
                N_("must be the part's version as listed (a whole number from 1)"),
            )
        )
    return int(text)


def _refused(invalid: InvalidInput) -> Exception:
    """One line: every problem named by its option."""
    problems = [replace(p, field=OPTIONS.get(p.field, p.field)) for p in invalid.problems]
    return Refused(
        "nothing was changed: " + "; ".join(f"{p.field}: {p.render()}" for p in problems)
    )


# --- listing ----------------------------------------------------------------------------------


def _list(services: Services, args: argparse.Namespace, out: TextIO, t: Translator) -> int:
    model = args.model[-1] if args.model else None
    if args.fitting_only and model is None:
        raise Refused("--fitting-only: name the product's model with --model")
    parts = services.parts.list(args.search, include_inactive=args.inactive)
    if model is not None:
        parts = for_model(parts, model)
        if args.fitting_only:
            parts = tuple(p for p in parts if p.fits(model))
    _print(parts, args.format, out, t, model)
    return 0


def _print(
    parts: Sequence[PartSnapshot], form: str, out: TextIO, t: Translator, model: str | None
) -> None:
    if form == "json":
        json.dump([record(p, model) for p in parts], out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif form == "csv":
        out.write("\ufeff")  # the byte-order mark: Excel on a Chinese Windows needs it
        columns = list(COLUMNS)
        if model is not None:
            columns.append("fits")
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        writer.writerows(csv_record(p, model) for p in parts)
    else:
        _table(parts, out, t, model)


def _table(parts: Sequence[PartSnapshot], out: TextIO, t: Translator, model: str | None) -> None:
    headers = [t(h) for h in TABLE_HEADERS]
    if model is not None:
        headers.append(t(FITS_HEADER))
    rows = []
    for part in parts:
        row = [
            part.part_number,
            part.name,
            ", ".join(part.models),
            plain_yuan(part.unit_price_cents),
            str(part.stock),
            t(N_("active")) if part.active else t(N_("deactivated")),
        ]
        if model is not None:
            row.append(t(N_("yes")) if part.fits(model) else "-")
        rows.append(row)
    print_table(headers, rows, out)
    many = one_or_many(len(rows), one=N_("({count} part)"), many=N_("({count} parts)"))
    out.write(Text(many, count=len(rows)).render(t) + "\n")
