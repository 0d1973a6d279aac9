"""The layer rules of STYLE.md are checked, not hoped for: `lint-imports` runs with the suite.

The contracts live in pyproject.toml ([tool.importlinter]); ./scripts/test installs import-linter
with the test extras, so a broken contract fails the suite (and CI) like any other test.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTRACTS = (
    "layers",
    "pure-domain",
    "no-qt-below-the-window",
    "ui-not-data",
    "receipts-from-snapshots",
)


def _lint_imports(root: Path, *contracts: str) -> subprocess.CompletedProcess[str]:
    """lint-imports on the package under `root`, without writing its cache into the tree."""
    script = Path(sys.executable).with_name("lint-imports")
    command = str(script) if script.exists() else shutil.which("lint-imports")
    assert command, "import-linter is missing: it is in the test extras (pip install -e '.[test]')"
    selected = [argument for contract in contracts for argument in ("--contract", contract)]
    return subprocess.run(
        [command, "--no-cache", *selected],
        cwd=root,
        env=dict(os.environ, PYTHONPATH=str(root)),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layer_contracts_hold():
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


def test_every_contract_is_declared():
    declared = (ROOT / "pyproject.toml").read_text("utf-8")
    for contract in CONTRACTS:
        assert f'id = "{contract}"' in declared, contract


def test_the_contracts_catch_a_shortcut_even_under_type_checking(tmp_path: Path):
    """A copy of the package with two shortcuts slipped in: the window importing the database
    module for a type only, and the domain importing SQLAlchemy. Both must break a contract."""
    shutil.copytree(
        ROOT / "desktop_app", tmp_path / "desktop_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    window = tmp_path / "desktop_app" / "ui" / "main_window.py"
    shortcut = "if TYPE_CHECKING:\n    from desktop_app.data.db import Database\n"
    window.write_text(window.read_text("utf-8").replace("if TYPE_CHECKING:\n", shortcut), "utf-8")
    money = tmp_path / "desktop_app" / "domain" / "money.py"
    money.write_text(money.read_text("utf-8") + "\nimport sqlalchemy  # noqa\n", "utf-8")

    done = _lint_imports(tmp_path, "ui-not-data", "pure-domain", "no-qt-below-the-window")

    assert done.returncode != 0
    assert "Contracts: 1 kept, 2 broken." in done.stdout, done.stdout
    assert "desktop_app.ui.main_window -> desktop_app.data.db" in done.stdout
    assert "desktop_app.domain.money -> sqlalchemy" in done.stdout


def _imported_modules(path: Path) -> set[str]:
    """Every module a file imports, wherever the import statement is (TYPE_CHECKING, a function)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_ui_module_imports_data():
    """The window gets snapshots and callables; it never reaches past the services."""
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            name
            for name in _imported_modules(path)
            if name == "desktop_app.data" or name.startswith("desktop_app.data.")
        )
        for path in sorted((ROOT / "desktop_app" / "ui").rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}
