"""The national calendar for start-up, from a per-machine cache file instead of the package.

Importing the `holidays` package and building a country's calendar takes longer than the whole
start-up budget, and the first screen already needs working days. So what the package says for a
few years around today is compiled once into `calendar-<COUNTRY>-<holidays version>.json` in the
user's cache folder; later starts read that file and never import the package. A new package
version gets a new file name, so an update of the package is picked up on the next start.

The cache is only ever a shortcut: a missing, stale, corrupt or unwritable file means compiling
from the package again, never an error. The package version is read from its `.dist-info` folder
name because importing `holidays` or `importlib.metadata` would cost what the cache saves.
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
from datetime import date
from pathlib import Path

import platformdirs

from desktop_app.data.location import APP_NAME
from desktop_app.domain.national_calendar import (
    CompiledCalendar,
    compile_calendar,
    holiday_names_locale,
)

log = logging.getLogger(__name__)

PACKAGE = "holidays"
NEEDED_YEARS = 1  # the cache must cover this many years either side of today
COMPILED_YEARS = 2  # a rebuilt cache covers this many, so it lasts a year or two


def default_cache_directory() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def holidays_version() -> str | None:
    """The installed `holidays` version, from the name of its .dist-info folder; None if unsure."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    site_packages = Path(spec.origin).parent.parent
    prefix, suffix = f"{PACKAGE}-", ".dist-info"
    try:
        versions = [
            entry.name[len(prefix) : -len(suffix)]
            for entry in os.scandir(site_packages)
            if entry.name.startswith(prefix) and entry.name.endswith(suffix)
        ]
    except OSError:
        return None
    # Two folders (a half-finished upgrade) would leave the version in doubt: no cache then.
    if len(versions) != 1 or not _safe_in_file_name(versions[0]):
        return None
    return versions[0]


def _safe_in_file_name(version: str) -> bool:
    return bool(version) and all(c.isalnum() or c in ".+-_!" for c in version)


def cache_file(directory: Path, country: str, version: str) -> Path:
    return directory / f"calendar-{country.upper()}-{version}.json"


def load_national_calendar(
    country: str, today: date, directory: Path | None = None
) -> CompiledCalendar:
    """The national calendar around `today`, for the composition root to hand on (it registers
    nothing: see NationalCalendars).

    Read from the cache file when it is good for this package version and covers the year before
    and after `today`; otherwise compiled from the package for two years either side and written
    back for the next start.
    """
    country = country.upper()
    first, last = today.year - COMPILED_YEARS, today.year + COMPILED_YEARS
    version = holidays_version()
    if version is None:
        log.info(
            "holidays package version unknown: compiling the %s calendar, not caching", country
        )
        calendar = compile_calendar(country, first, last)
    else:
        folder = default_cache_directory() if directory is None else directory
        path = cache_file(folder, country, version)
        cached = _read(path, country, today)
        if cached is None:
            calendar = compile_calendar(country, first, last)
            _write(path, calendar)
        else:
            calendar = cached
    return calendar


def _read(path: Path, country: str, today: date) -> CompiledCalendar | None:
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        log.info("no calendar cache at %s", path)
        return None
    except OSError as exc:
        log.warning("calendar cache %s unreadable, rebuilding it: %s", path, exc)
        return None
    try:
        calendar = CompiledCalendar.from_json(text)
    except ValueError as exc:
        log.warning("calendar cache %s is corrupt, rebuilding it: %s", path, exc)
        return None
    if calendar.country != country:
        log.warning("calendar cache %s holds %s, rebuilding it", path, calendar.country)
        return None
    if not calendar.covers(today.year - NEEDED_YEARS, today.year + NEEDED_YEARS):
        log.info("calendar cache %s ends too soon for %s, rebuilding it", path, today)
        return None
    if calendar.names_locale != holiday_names_locale():
        log.info("calendar cache %s names holidays in another locale, rebuilding it", path)
        return None
    return calendar


def _write(path: Path, calendar: CompiledCalendar) -> None:
    """Atomically, as several counters may start at once; a failure only costs the next start."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(calendar.to_json(), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not write the calendar cache %s: %s", path, exc)
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
