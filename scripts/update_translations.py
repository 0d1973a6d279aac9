#!/usr/bin/env python3
"""Refresh the translation sources and build the .qm files the application loads.

    .venv/bin/python scripts/update_translations.py [--keep-obsolete]

1. `pyside6-lupdate` reads every `desktop_app/**/*.py` into `resources/translations/*.ts`:
   the Qt side's `self.tr(...)` and `QCoreApplication.translate(...)`, and the pure-Python side's
   texts, which are marked where they are written. lupdate is told that `N_` (the domain's mark,
   desktop_app/domain/text.py) and `t` (the receipts' translator) are spellings of `QT_TR_NOOP`,
   so it extracts their string literals under the empty context, which is the one the window
   translates them in (desktop_app/ui/resources.py TEXTS_CONTEXT). lupdate does the merging:
   existing translations are kept, new messages are marked unfinished.
2. `pyside6-lrelease` compiles each .ts to its .qm (checked in, so installs need no build step).

Running it twice changes nothing the second time.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "desktop_app"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)
TS_PREFIX = "repair_counter_"
TEXTS_CONTEXT = ""  # desktop_app.ui.resources.TEXTS_CONTEXT: where QT_TR_NOOP's texts go
# The marks lupdate reads as QT_TR_NOOP: the domain's N_("...") and the receipts' t("...").
MARKERS = ("N_", "t")


def ts_file(language: str) -> Path:
    return TRANSLATIONS / f"{TS_PREFIX}{language}.ts"


def qm_file(language: str) -> Path:
    return TRANSLATIONS / f"{TS_PREFIX}{language}.qm"


def python_sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"update_translations: {name} not found (install PySide6 in .venv)")
    return found


def lupdate_command(language: str, ts: Path, keep_obsolete: bool, quiet: bool) -> list[str]:
    aliases = ",".join(f"QT_TR_NOOP+={marker}" for marker in MARKERS)
    command = [_tool("pyside6-lupdate"), "-locations", "relative", "-target-language", language]
    command += ["-tr-function-alias", aliases]
    if not keep_obsolete:
        command.append("-no-obsolete")
    if quiet:
        command.append("-silent")
    return [*command, "-ts", str(ts)]


def update_ts(
    language: str, ts: Path | None = None, keep_obsolete: bool = False, quiet: bool = False
) -> Path:
    """Merge the code's messages into the language's .ts (or into `ts`, e.g. a copy)."""
    ts = ts or ts_file(language)
    ts.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder, "sources.lst")
        listing.write_text("\n".join(str(p) for p in python_sources()) + "\n", encoding="utf-8")
        command = lupdate_command(language, ts, keep_obsolete, quiet)
        subprocess.run([*command[:-2], f"@{listing}", *command[-2:]], check=True, cwd=ROOT)
    return ts


def release(language: str, output: Path | None = None, ts: Path | None = None) -> Path:
    """Compile the .ts to a .qm (by default the one the application loads)."""
    target = output or qm_file(language)
    source = ts or ts_file(language)
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)], check=True
    )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--keep-obsolete",
        action="store_true",
        help="keep messages no longer in the code, marked obsolete (by default they are dropped)",
    )
    args = parser.parse_args(argv)
    for language in LANGUAGES:
        update_ts(language, keep_obsolete=args.keep_obsolete)
        release(language)
    return 0


if __name__ == "__main__":
    sys.exit(main())
