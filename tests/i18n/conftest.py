"""The translation tooling (scripts/update_translations.py) and a Chinese application."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

from desktop_app.app import create_application
from desktop_app.ui.resources import install_translator

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "update_translations.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_translations", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def tooling() -> ModuleType:
    return _load_script()


@pytest.fixture
def zh_cn(qapp: QApplication) -> Iterator[QApplication]:
    """The application with the Chinese translation installed; English again afterwards, so the
    other tests keep reading English."""
    app = create_application()
    assert install_translator(app, "zh_CN") == "zh_CN"
    try:
        yield app
    finally:
        install_translator(app, "en")
