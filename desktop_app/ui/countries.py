"""Country names for the national-calendar setting, in the reader's language.

The `holidays` package knows each country by its ISO 3166 codes (two and three letters, so
"CA" and "CAN" are one country) and Qt's QLocale only names territories in English. The names in
other languages come from Debian's iso-codes (the ISO 3166-1 list and its gettext translations,
installed with the app's system packages, see scripts/bootstrap.sh), the same names the desktop's
own dialogs show. Where a name is missing (no iso-codes, or a code ISO has not assigned, such as
Kosovo's XK), Qt's English name is used, translated by the app where it has one.
"""

from __future__ import annotations

import gettext
import json
import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCollator, QCoreApplication, QLocale

log = logging.getLogger(__name__)

ISO_3166_JSON = Path("/usr/share/iso-codes/json/iso_3166-1.json")
LOCALE_DIRECTORY = Path("/usr/share/locale")


def _no_iso_name() -> None:
    # Names ISO 3166-1 does not have, for lupdate: shown through the app's own translation.
    QCoreApplication.translate("countries", "Kosovo")


@cache
def _iso_names(source: Path = ISO_3166_JSON) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the standard's English name (what the translations key on)."""
    try:
        entries = json.loads(source.read_text(encoding="utf-8"))["3166-1"]
        return {entry["alpha_2"]: entry["name"] for entry in entries}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no ISO 3166 country names at %s: %s", source, exc)
        return {}


@cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso_3166-1", localedir=LOCALE_DIRECTORY, languages=[language], fallback=True
    )


def country_name(code: str, language: str) -> str:
    """The name of the country with ISO code `code` in `language` ("en", "zh_CN", ...)."""
    code = code.upper()
    iso = _iso_names().get(code)
    if iso is not None:
        if language == "en":
            return iso
        translated = _iso_translation(language).gettext(iso)
        if translated != iso:
            return translated
    territory = QLocale.codeToTerritory(code)
    if territory != QLocale.Country.AnyTerritory:
        english = QLocale.territoryToString(territory)
        return QCoreApplication.translate("countries", english) if language != "en" else english
    return iso or code


def country_choices(codes: Iterable[str], language: str, first: str = "") -> list[tuple[str, str]]:
    """(name, code) for each code, `first` (the shop's country) at the top and the rest in the
    language's alphabetical order; codes are expected one per country (two-letter)."""
    collator = QCollator(QLocale(language))
    named = [(country_name(code, language), code.upper()) for code in codes]
    named.sort(key=lambda entry: collator.sortKey(entry[0]))
    top = [entry for entry in named if entry[1] == first.upper()]
    return top + [entry for entry in named if entry[1] != first.upper()]
