"""The Chinese translation source is complete, consistent with the code, and compiled."""

from __future__ import annotations

import ast
import re
import shutil
import string
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.domain.vocabulary import (
    CORRECTABLE,
    JOB_ACTION_BUTTONS,
    WEEKDAYS,
    Action,
    Category,
    Coverage,
    EventKind,
    JobAction,
    LineKind,
    Outcome,
    Paper,
    PaymentMethod,
    Role,
    ServiceKind,
    Status,
    label,
)
from desktop_app.ui import resources

PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"

LANGUAGE = "zh_CN"
# The messages lupdate no longer finds in the code; kept (with their translation) in case the
# message comes back, never compiled into the .qm.
RETIRED = ("vanished", "obsolete")
PRINTF = re.compile(r"%(?:n|s|L?\d)")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    kind: str  # "" when finished, else unfinished / vanished / obsolete
    translations: tuple[str, ...]  # one per plural form, or just the one

    def __str__(self) -> str:
        return f"[{self.context}] {self.source!r}"


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            forms = [f.text or "" for f in translation.iter("numerusform")]
            texts = tuple(forms) if message.get("numerus") == "yes" else (translation.text or "",)
            messages.append(
                Message(name, message.findtext("source", ""), translation.get("type", ""), texts)
            )
    return messages


def live(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.kind not in RETIRED]


def untranslated(messages: list[Message]) -> list[str]:
    return [str(m) for m in live(messages) if m.kind or not all(t.strip() for t in m.translations)]


def format_fields(text: str) -> Counter[str]:
    """The str.format fields of a text ({name}); raises ValueError on stray braces."""
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


@pytest.fixture(scope="module")
def messages(tooling) -> list[Message]:
    return read_ts(tooling.ts_file(LANGUAGE))


def test_the_tooling_and_the_application_agree_on_names(tooling):
    assert tooling.TEXTS_CONTEXT == resources.TEXTS_CONTEXT
    assert f"{resources.TRANSLATION_PREFIX}{LANGUAGE}.qm" == tooling.qm_file(LANGUAGE).name
    assert LANGUAGE in resources.SUPPORTED_LANGUAGES


def test_every_message_is_translated(messages):
    unfinished = untranslated(messages)
    assert not unfinished, "untranslated messages:\n" + "\n".join(unfinished)


def test_translations_keep_every_placeholder(messages):
    broken = []
    for message in live(messages):
        fields = format_fields(message.source) if "{" in message.source else Counter()
        printf = Counter(PRINTF.findall(message.source))
        for translation in message.translations:
            try:
                same_fields = format_fields(translation) == fields if fields else True
            except ValueError:
                same_fields = False
            if not same_fields or Counter(PRINTF.findall(translation)) != printf:
                broken.append(f"{message} -> {translation!r}")
    assert not broken, "placeholders differ:\n" + "\n".join(broken)


def test_menu_accelerators_survive(messages):
    broken = [
        f"{m} -> {m.translations[0]!r}"
        for m in live(messages)
        if re.search(r"&\w", m.source) and not re.search(r"\(&[A-Z]\)|&\w", m.translations[0])
    ]
    assert not broken, "lost accelerators:\n" + "\n".join(broken)


# The calls whose argument is a message template or a word shown to a person: (name, position).
SINKS = {
    "Text": 0,
    "RuleRefusal": 0,
    "IllegalTransition": 0,
    "NotPermitted": 0,
    "NotFound": 0,
    "ConcurrentChange": 0,
    "single": 1,  # InvalidInput.single(field, message)
    "required_text": 1,  # required_text(text, what)
    "Listing": 1,  # the separator
}
PURE_PYTHON = ("domain", "services", "receipts")


def _unmarked(tree: ast.AST) -> list[tuple[int, str]]:
    """Literals handed to a sink without the N_ mark (lupdate would never see them), and
    receipt labels translated by any name but `t` (the one lupdate reads)."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        position = SINKS.get(name or "")
        if position is not None and position < len(node.args):
            argument = node.args[position]
            if isinstance(argument, ast.Constant | ast.JoinedStr | ast.BinOp):
                found.append((node.lineno, ast.unparse(argument)))
        plain_call = isinstance(node.func, ast.Name)
        first = node.args[0] if node.args else None
        if plain_call and name == "translate" and isinstance(first, ast.Constant):
            found.append((node.lineno, ast.unparse(node)))  # lupdate reads `t(...)`, not this
        if name == "N_" and not isinstance(first, ast.Constant):
            found.append((node.lineno, ast.unparse(node)))  # a mark must hold the text itself
    return found


def test_every_pure_python_text_is_marked_where_it_is_written():
    """The domain, services and receipts mark each template and word with N_ (or, in the
    receipts, translate it with `t`), so lupdate extracts it; a bare literal, an f-string or a
    concatenation handed to the renderer would never be translated."""
    problems = []
    for folder in PURE_PYTHON:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            problems += [
                f"{path.relative_to(PACKAGE)}:{line}: {code}" for line, code in _unmarked(tree)
            ]
    assert not problems, "texts lupdate cannot see:\n" + "\n".join(problems)


def test_the_mark_check_catches_an_unmarked_template():
    tree = ast.parse(
        'raise RuleRefusal("bare {x}", x=1)\n'
        'Text(f"built {x}")\n'
        'InvalidInput.single("field", "bare")\n'
        'Text(N_("marked"))\n'
        "N_(variable)\n"
    )
    assert [line for line, _code in _unmarked(tree)] == [1, 2, 3, 5]


def test_the_vocabulary_is_marked_and_translated(tooling, messages):
    """Every label of the vocabulary is extracted (it is in the .ts) and translated."""
    translated = {m.source for m in live(messages) if m.context == tooling.TEXTS_CONTEXT}
    words = [*WEEKDAYS, *CORRECTABLE.values(), *JOB_ACTION_BUTTONS.values()]
    for enum in (
        Status,
        ServiceKind,
        Coverage,
        Category,
        Outcome,
        LineKind,
        PaymentMethod,
        EventKind,
        Role,
        Action,
        JobAction,
        Paper,
    ):
        words += [label(member) for member in enum]
    missing = sorted(set(words) - translated)
    assert not missing, f"vocabulary without a translation: {missing}"


def test_the_translation_source_is_up_to_date_with_the_code(tooling, tmp_path):
    """lupdate over the current code (Qt side and marked texts) finds nothing new to translate,
    and nothing in the .ts that the code no longer has."""
    copy = tmp_path / tooling.ts_file(LANGUAGE).name
    shutil.copy(tooling.ts_file(LANGUAGE), copy)
    tooling.update_ts(LANGUAGE, ts=copy, quiet=True)
    fresh = read_ts(copy)
    stale = untranslated(fresh)
    assert not stale, (
        "messages in the code that the .ts lacks (run scripts/update_translations.py):\n"
        + "\n".join(stale)
    )
    shipped = {str(m) for m in live(read_ts(tooling.ts_file(LANGUAGE)))}
    gone = sorted(shipped - {str(m) for m in live(fresh)})
    assert not gone, "the .ts keeps messages the code no longer has:\n" + "\n".join(gone)


def test_the_compiled_translation_is_up_to_date(tooling, tmp_path):
    fresh = tooling.release(LANGUAGE, output=tmp_path / "fresh.qm")
    shipped = tooling.qm_file(LANGUAGE)
    assert shipped.exists(), f"{shipped} is missing: run scripts/update_translations.py"
    assert shipped.read_bytes() == fresh.read_bytes(), (
        f"{shipped.name} is older than its .ts: run scripts/update_translations.py"
    )


def test_the_compiled_translation_ships_as_package_data():
    path = Path(resources.resource_path("translations", f"repair_counter_{LANGUAGE}.qm"))
    assert path.is_file()
