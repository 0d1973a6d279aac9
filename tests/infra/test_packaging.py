"""An installed (not editable) copy of the application has every module and data file."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setuptools() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]


def test_every_package_is_listed_in_pyproject():
    """setuptools installs only the packages listed: a new subpackage left out would import in
    the source tree and be missing from an installed application."""
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "desktop_app").rglob("__init__.py")
    }
    listed = set(_setuptools()["packages"])
    assert on_disk - listed == set()


def test_the_font_and_the_translations_ship_as_package_data():
    patterns = _setuptools()["package-data"]["desktop_app.resources"]
    resources = ROOT / "resources"
    shipped = {path for pattern in patterns for path in resources.glob(pattern)}
    for needed in ("fonts/wqy-microhei.ttc", "translations/repair_counter_zh_CN.qm"):
        assert resources / needed in shipped, needed


def test_the_resources_are_the_ones_beside_the_running_code():
    """A second checkout (a git worktree on PYTHONPATH) must not load the translations of the
    checkout an editable install points desktop_app.resources at."""
    import desktop_app
    from desktop_app.resource_files import resources_dir

    checkout = Path(desktop_app.__file__).resolve().parent.parent
    installed = Path(desktop_app.__file__).resolve().parent / "resources"
    assert resources_dir() in (checkout / "resources", installed)
