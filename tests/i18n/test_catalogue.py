"""The Chinese translation source is complete, consistent with the code, and compiled."""

from __future__ import annotations

import re
import shutil
import string
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_app.ui import resources

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


def test_the_pure_python_texts_are_all_found(tooling):
    """Every template the domain, services and receipts hand to the renderer is a fixed string
    the extractor can read; an f-string or a concatenation would never be translated."""
    extraction = tooling.extract_texts()
    assert not extraction.problems, "\n".join(str(p) for p in extraction.problems)
    # The extractor sees the domain's vocabulary, not just the sentences.
    texts = extraction.texts()
    for word in ("warranty card", "waiting for parts", "clerk", "return", "check in a product"):
        assert word in texts


def test_every_text_in_the_code_has_a_translation(tooling, messages):
    extraction = tooling.extract_texts()
    translated = {
        m.source: m for m in live(messages) if m.context == tooling.TEXTS_CONTEXT and not m.kind
    }
    missing = sorted(
        {f"{f.path}:{f.line}: {f.text!r}" for f in extraction.found if f.text not in translated}
    )
    assert not missing, (
        "texts without a Chinese translation (run scripts/update_translations.py and translate "
        "the new messages):\n" + "\n".join(missing)
    )


def test_the_translation_source_is_up_to_date_with_the_code(tooling, tmp_path):
    """lupdate over the current code (Qt side and texts) finds nothing new to translate."""
    copy = tmp_path / tooling.ts_file(LANGUAGE).name
    shutil.copy(tooling.ts_file(LANGUAGE), copy)
    tooling.update_ts(LANGUAGE, tooling.extract_texts(), ts=copy, quiet=True)
    stale = untranslated(read_ts(copy))
    assert not stale, (
        "messages in the code that the .ts lacks (run scripts/update_translations.py):\n"
        + "\n".join(stale)
    )


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
