"""Where the shipped resource files (fonts, translations) are, for Qt and ReportLab alike.

The design card's top-level resources/ folder installs as the package desktop_app.resources,
always as plain files: pip unpacks wheels, and an editable install maps the package to the folder.
Its directory is therefore enough; importlib.resources, which can also read zip imports, costs
3 ms of start-up before the first paint.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The resources that belong to this copy of the code, found from this file first.

    Importing desktop_app.resources would ask the import system, and an editable install maps
    that name to the folder of the checkout it was installed from, even when another checkout's
    code is running (a git worktree on PYTHONPATH): its translations would not be this code's.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / "resources", here.parent / "resources"):  # installed / source checkout
        if (folder / "translations").is_dir():
            return folder
    import desktop_app.resources as package

    return Path(package.__file__).parent


def resource_path(*parts: str) -> str:
    return str(resources_dir().joinpath(*parts))


# WenQuanYi Micro Hei (Apache-2.0, licence beside it): the one CJK font of the window and receipts.
CJK_FONT_FILE = "wqy-microhei.ttc"


def cjk_font_path() -> str:
    return resource_path("fonts", CJK_FONT_FILE)
