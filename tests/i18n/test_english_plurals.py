"""English reads "1 day", "2 days": no message the window, the receipts or the command line show
says "day(s)" or "job(s)"."""

from __future__ import annotations

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


def test_no_source_file_spells_one():
    """Also texts that are not messages (an f-string, a comment shown nowhere is fine)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if OPTIONAL_PLURAL.search(code) and "EARLIER_REASONS" not in code:
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    # The one kept for verdicts stored before the split, declared in EARLIER_REASONS.
    assert [f for f in found if "bought {days} day(s) ago" not in f] == []
