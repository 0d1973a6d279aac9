"""The application's own font and translations, loaded from the package's resources."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop_app.domain.text import Translator
from desktop_app.resource_files import cjk_font_path, resource_path

log = logging.getLogger(__name__)

TRANSLATION_PREFIX = "repair_counter_"
# Context under which the texts of the domain and the receipts are translated: the empty one,
# which is where lupdate puts what `N_` (its alias of QT_TR_NOOP) marks.
TEXTS_CONTEXT = ""
SUPPORTED_LANGUAGES = ("en", "zh_CN")

_installed: list[QTranslator] = []
_shown = {"language": ""}


@cache
def _font_family() -> str:
    path = cjk_font_path()
    font_id = QFontDatabase.addApplicationFont(path)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled CJK font %s", path)
        return ""
    return families[0]


def install_font(app: QApplication) -> None:
    """Use the bundled CJK font where the system has none, so Chinese never shows as boxes."""
    family = _font_family()
    if family:
        font = app.font()
        # Keep the system's Latin font first; ours fills in every CJK glyph it lacks.
        font.setFamilies([*font.families(), family])
        app.setFont(font)


def language_for(setting: str) -> str:
    """The language to show: the user's setting, else the system locale's, else English."""
    if setting in SUPPORTED_LANGUAGES:
        return setting
    return "zh_CN" if QLocale.system().language() == QLocale.Language.Chinese else "en"


def install_translator(app: QCoreApplication, setting: str = "") -> str:
    """Load the translation for the language; returns the language in use.

    The .qm files are package data (resources/translations, built and checked in by
    scripts/update_translations.py), so an installed application finds them without a build step.
    Installing "en" removes every translator installed before.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language_for(setting)
    _shown["language"] = language
    if language == "en":
        return language
    translator = QTranslator(app)
    path = resource_path("translations", f"{TRANSLATION_PREFIX}{language}.qm")
    if translator.load(path):
        app.installTranslator(translator)
        _installed.append(translator)
    else:
        log.warning("no translation file %s", path)
    # Qt's own strings (standard buttons, file and print dialogs) in the same language.
    qt_base = QTranslator(app)
    if qt_base.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    return language


def shown_language() -> str:
    """The language the window shows now: the one last installed, else what the system asks for."""
    return _shown["language"] or language_for("")


def _translate_text(text: str) -> str:
    return QCoreApplication.translate(TEXTS_CONTEXT, text)


def text_translator() -> Translator:
    """Translate domain and receipt texts with whatever translation is installed (looked up on
    each call, so a language switch applies to the next text shown)."""
    return _translate_text
