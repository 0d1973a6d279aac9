"""Translatable text from the domain, without depending on Qt.

The rules speak English templates with named placeholders; whoever shows the text (a Qt widget,
a receipt, the command line) passes a translator that maps the template to the user's language
and fills in the values. The templates are the translation keys, so a translator that knows
nothing (the identity) still gives readable English.

Every such template and every fixed word is marked where it is written, with `N_("...")` (as
Picard marks its texts in picard/i18n.py). The mark changes nothing at run time; it is how
`pyside6-lupdate` finds the text (it is told `N_` is an alias of `QT_TR_NOOP`, see
scripts/update_translations.py), so no script has to guess which strings are messages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

Translator = Callable[[str], str]
_TYPED_BEFORE_TAGGING = "why"


def N_(text: str) -> str:
    """Marks `text` for extraction, untranslated: whoever shows it translates it, late, in the
    reader's language. lupdate reads `N_` as `QT_TR_NOOP` (context "", TEXTS_CONTEXT)."""
    return text


def one_or_many(count: int, *, one: str, many: str, zero: str | None = None) -> str:
    """The English form for `count`: "1 day" but "2 days" (and "0 days", unless a `zero` form is
    given). Each form is a message of its own, so a translation with one form (Chinese) gives
    them all the same words, and the English shown is never "day(s)"."""
    if count == 0 and zero is not None:
        return zero
    return one if count == 1 else many


def no_translation(template: str) -> str:
    return template


class Verbatim(str):
    """Text a person typed (a name, a note): shown as it is, never looked up for translation.

    A plain `str` value of a `Text` is a word of the catalogue and is translated: typed text
    passed as a plain str would print "客户" for a reason typed "Customer". Every value a
    person typed goes into a Text wrapped in Verbatim, and keeps that tag through JSON."""

    __slots__ = ()


class Listing:
    """Words shown as one value, joined by a translated separator: "clerk or manager" in English,
    "店员或店长" in Chinese. Joining before translating would make every possible phrase a
    message of its own; this way each word, and the separator, is translated once."""

    __slots__ = ("separator", "words")

    def __init__(self, words: tuple[str, ...] | list[str], separator: str) -> None:
        self.words = tuple(words)
        self.separator = separator

    def render(self, translate: Translator = no_translation) -> str:
        return translate(self.separator).join(translate(word) for word in self.words)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Listing):
            return (self.words, self.separator) == (other.words, other.separator)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.words, self.separator))

    def __repr__(self) -> str:
        return f"Listing({self.words!r}, {self.separator!r})"


class Text:
    """An English template with named values, rendered late in the reader's language."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params: tuple[tuple[str, Any], ...] = tuple(sorted(params.items()))

    def render(self, translate: Translator = no_translation) -> str:
        values = {name: _format_value(value, translate) for name, value in self.params}
        return translate(self.template).format(**values)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.template!r}, {dict(self.params)!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return (self.template, self.params) == (other.template, other.params)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.template, self.params))

    def to_json(self) -> dict[str, Any]:
        return {"t": self.template, "p": {k: _json_value(v) for k, v in self.params}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Text:
        params = {k: _from_json_value(v) for k, v in data.get("p", {}).items()}
        # Saved before typed text was tagged: the one typed value a stored text ever held is
        # `why` (a manager's override reason, a refusal at inspection); a plain string there
        # is what someone typed, never a word of the catalogue.
        if isinstance(params.get(_TYPED_BEFORE_TAGGING), str):
            params[_TYPED_BEFORE_TAGGING] = Verbatim(params[_TYPED_BEFORE_TAGGING])
        return cls(data["t"], **params)


def _format_value(value: Any, translate: Translator) -> str:
    if isinstance(value, Text | Listing):
        return value.render(translate)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Verbatim):
        return str(value)
    if isinstance(value, str):
        # Words from a fixed vocabulary (document names, service kinds) are translated too;
        # free text a person typed is returned unchanged by any translator that doesn't know it.
        return translate(value)
    return str(value)


def _json_value(value: Any) -> Any:
    """Dates, times, nested texts and typed text are tagged so they come back as the same type."""
    if isinstance(value, Verbatim):
        return {"verbatim": str(value)}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Text):
        return {"text": value.to_json()}
    if isinstance(value, Listing):
        return {"words": list(value.words), "separator": value.separator}
    return value


def _from_json_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
        if "text" in value:
            return Text.from_json(value["text"])
        if "words" in value:
            return Listing(value["words"], value["separator"])
        if "verbatim" in value:
            return Verbatim(value["verbatim"])
    return value
