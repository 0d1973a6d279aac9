"""The domain's vocabulary in the language the window shows, for every widget.

No table lives here: the keys and their English labels are declared once, in
domain/vocabulary.py, marked for extraction there; this only translates them with the installed
translation, late, so a language switch takes effect at the next lookup.
"""

from __future__ import annotations

from datetime import date

from desktop_app.domain import vocabulary
from desktop_app.domain.vocabulary import (
    CORRECTABLE,
    Category,
    Coverage,
    EventKind,
    JobAction,
    PaymentMethod,
    ServiceKind,
    Status,
    Word,
)
from desktop_app.ui.resources import text_translator


def label(word: Word) -> str:
    """Any key of the vocabulary, in the window's language."""
    return text_translator()(vocabulary.label(word))


def category_label(category: Category) -> str:
    return label(category)


def service_label(kind: ServiceKind) -> str:
    return label(kind)


def coverage_label(coverage: Coverage) -> str:
    return label(coverage)


def status_label(status: Status) -> str:
    return label(status)


def event_label(kind: str) -> str:
    return text_translator()(vocabulary.label_of(EventKind, kind))


def action_label(action: JobAction) -> str:
    """The button that starts the action."""
    return text_translator()(vocabulary.JOB_ACTION_BUTTONS[action])


def payment_label(method: str) -> str:
    return text_translator()(vocabulary.label_of(PaymentMethod, method))


def correction_field_label(field: str) -> str:
    return text_translator()(CORRECTABLE.get(field, field))


def day_label(day: date) -> str:
    """2026-12-04 (Fri), the weekday in the window's language."""
    return vocabulary.day_with_weekday(day, text_translator())


def person_label(name: str) -> str:
    """A user's display name in the window: as typed, but the seeded manager account's name
    (a word, not a name) in the window's language."""
    return vocabulary.person_name(name, text_translator())
