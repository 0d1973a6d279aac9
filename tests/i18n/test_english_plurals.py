"""English reads "1 day", "2 days": no message the window, the receipts or the command line show
says "day(s)" or "job(s)"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from desktop_app.domain.rules import EARLIER_REASONS
from tests.i18n.test_catalogue import live, read_ts

TS = Path(__file__).resolve().parents[2] / "resources" / "translations" / "repair_counter_zh_CN.ts"
PACKAGE = Path(__file__).resolve().parents[2] / "desktop_app"
OPTIONAL_PLURAL = re.compile(r"\b[a-z]+\(s\)", re.IGNORECASE)


def test_no_message_has_an_optional_plural():
    found = [
        str(message)
        for message in live(read_ts(TS))
        if OPTIONAL_PLURAL.search(message.source) and message.source not in EARLIER_REASONS
    ]
    assert found == []


def test_no_string_in_the_package_spells_one():
    """Also texts that are not messages (an f-string for the command line, say). Docstrings
    and comments are shown to nobody."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and OPTIONAL_PLURAL.search(node.value)
                and node.value not in EARLIER_REASONS
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {node.value!r}")
    assert found == []
