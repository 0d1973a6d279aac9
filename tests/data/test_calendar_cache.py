"""The national calendar cache: written once, read at start-up without the `holidays` package.

Every test passes its own temporary folder: nothing here touches the real user cache.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import holidays
import pytest

from desktop_app.data import calendar_cache
from desktop_app.data.calendar_cache import (
    cache_file,
    default_cache_directory,
    holidays_version,
    load_national_calendar,
)
from desktop_app.domain.national_calendar import (
    CompiledCalendar,
    NationalCalendars,
    compile_calendar,
)
from desktop_app.domain.workdays import WorkCalendar

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 9, 30)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int, int]]:
    """Records every compile from the package that the cache falls back to."""
    calls: list[tuple[str, int, int]] = []
    real: Callable[[str, int, int], CompiledCalendar] = calendar_cache.compile_calendar

    def recording(country: str, first_year: int, last_year: int) -> CompiledCalendar:
        calls.append((country, first_year, last_year))
        return real(country, first_year, last_year)

    monkeypatch.setattr(calendar_cache, "compile_calendar", recording)
    return calls


def expected_file(cache_dir: Path) -> Path:
    version = holidays_version()
    assert version is not None
    return cache_file(cache_dir, "CN", version)


def assert_working_cn_calendar(calendar: CompiledCalendar) -> None:
    national = NationalCalendars([calendar]).for_country("CN")
    assert national is calendar
    work = WorkCalendar(national)
    assert not work.is_working_day(date(2026, 10, 1))  # National Day
    assert work.is_working_day(date(2026, 10, 10))  # Saturday make-up day
    assert work.add_working_days(date(2026, 9, 30), 5) == date(2026, 10, 13)


def test_default_folder_is_the_per_user_cache_folder() -> None:
    assert "repair-counter" in default_cache_directory().parts  # only named, never written here


def test_version_comes_from_the_installed_package_without_importing_it() -> None:
    assert holidays_version() == holidays.__version__


def test_first_load_compiles_and_writes(cache_dir, compiles):
    calendar = load_national_calendar("cn", TODAY, cache_dir)
    assert compiles == [("CN", 2024, 2028)]
    assert (calendar.first_year, calendar.last_year) == (2024, 2028)
    assert [p.name for p in cache_dir.iterdir()] == [expected_file(cache_dir).name]
    assert CompiledCalendar.from_json(expected_file(cache_dir).read_bytes()) == calendar
    assert_working_cn_calendar(calendar)


def test_second_load_reads_the_file(cache_dir, compiles):
    first = load_national_calendar("CN", TODAY, cache_dir)
    second = load_national_calendar("CN", date(2027, 3, 1), cache_dir)  # still covers 2026..2028
    assert len(compiles) == 1
    assert second == first
    assert_working_cn_calendar(second)


def test_loading_from_the_cache_imports_neither_holidays_nor_sqlalchemy(cache_dir):
    load_national_calendar("CN", TODAY, cache_dir)
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from pathlib import Path\n"
        "from desktop_app.data.calendar_cache import load_national_calendar\n"
        "from desktop_app.domain.workdays import WorkCalendar\n"
        f"cn = load_national_calendar('CN', date.fromisoformat('{TODAY}'), Path(sys.argv[1]))\n"
        "print(WorkCalendar(cn).add_working_days(date(2026, 9, 30), 5))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('holidays', 'sqlalchemy')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(cache_dir)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[:2] == ["2026-10-13", "[]"]


def test_a_file_for_another_package_version_is_ignored(cache_dir, compiles):
    cache_dir.mkdir()
    stale = cache_file(cache_dir, "CN", "0.1")
    stale.write_text(compile_calendar("CN", 2024, 2028).to_json(), encoding="utf-8")
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert len(compiles) == 1
    assert expected_file(cache_dir).is_file()
    assert stale.is_file()  # another install on this machine may still use it
    assert_working_cn_calendar(calendar)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"\xff\xfe garbage", b'{"format": 0}', b"[1, 2, 3]"],
    ids=["broken", "empty", "not-utf8", "old-format", "not-a-calendar"],
)
def test_a_corrupt_file_is_rebuilt(cache_dir, compiles, caplog, content):
    cache_dir.mkdir()
    expected_file(cache_dir).write_bytes(content)
    with caplog.at_level(logging.WARNING, logger=calendar_cache.__name__):
        calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert len(compiles) == 1
    assert "corrupt" in caplog.text
    assert CompiledCalendar.from_json(expected_file(cache_dir).read_bytes()) == calendar
    assert_working_cn_calendar(calendar)


@pytest.mark.parametrize(("first", "last"), [(2024, 2026), (2026, 2028), (2020, 2024)])
def test_a_file_not_covering_the_year_either_side_is_rebuilt(cache_dir, compiles, first, last):
    cache_dir.mkdir()
    expected_file(cache_dir).write_text(compile_calendar("CN", first, last).to_json(), "utf-8")
    compiles.clear()
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert compiles == [("CN", 2024, 2028)]
    assert CompiledCalendar.from_json(expected_file(cache_dir).read_bytes()).covers(2024, 2028)
    assert_working_cn_calendar(calendar)


def test_a_file_covering_just_the_year_either_side_is_used(cache_dir, compiles):
    cache_dir.mkdir()
    expected_file(cache_dir).write_text(compile_calendar("CN", 2025, 2027).to_json(), "utf-8")
    compiles.clear()
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert compiles == []
    assert (calendar.first_year, calendar.last_year) == (2025, 2027)


def test_a_file_for_another_country_is_rebuilt(cache_dir, compiles):
    cache_dir.mkdir()
    expected_file(cache_dir).write_text(compile_calendar("TW", 2024, 2028).to_json(), "utf-8")
    compiles.clear()
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert compiles == [("CN", 2024, 2028)]
    assert calendar.country == "CN"


def test_names_cached_under_another_locale_are_rebuilt(cache_dir, compiles, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en_US")
    load_national_calendar("CN", TODAY, cache_dir)
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert len(compiles) == 2
    assert calendar.names_locale == "zh_CN"
    assert calendar.holiday_name(date(2026, 10, 1)) == str(
        holidays.country_holidays("CN")[date(2026, 10, 1)]
    )


def test_an_unwritable_folder_still_gives_a_working_calendar(tmp_path, compiles, caplog):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger=calendar_cache.__name__):
        calendar = load_national_calendar("CN", TODAY, blocker / "cache")
    assert "could not write" in caplog.text
    assert_working_cn_calendar(calendar)


def test_an_unreadable_file_is_rebuilt_in_memory(cache_dir, compiles, caplog):
    expected_file(cache_dir).mkdir(parents=True)  # a folder where the file should be
    with caplog.at_level(logging.WARNING, logger=calendar_cache.__name__):
        calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert "unreadable" in caplog.text
    assert "could not write" in caplog.text
    assert sorted(p.name for p in cache_dir.iterdir()) == [expected_file(cache_dir).name]
    assert_working_cn_calendar(calendar)


def test_unknown_package_version_means_no_cache(cache_dir, compiles, monkeypatch):
    monkeypatch.setattr(calendar_cache, "holidays_version", lambda: None)
    calendar = load_national_calendar("CN", TODAY, cache_dir)
    assert compiles == [("CN", 2024, 2028)]
    assert not cache_dir.exists()
    assert_working_cn_calendar(calendar)


def fake_site_packages(root: Path, *dist_infos: str) -> Path:
    package = root / "holidays"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    for name in dist_infos:
        (root / name).mkdir()
    return package / "__init__.py"


@pytest.mark.parametrize(
    ("dist_infos", "version"),
    [
        (["holidays-0.200.dist-info"], "0.200"),
        (["holidays-0.200.dist-info", "holidays_extra-1.0.dist-info"], "0.200"),
        (["holidays-0.199.dist-info", "holidays-0.200.dist-info"], None),  # half-done upgrade
        ([], None),  # e.g. an editable install: no guessing
    ],
)
def test_version_is_only_trusted_when_unambiguous(tmp_path, monkeypatch, dist_infos, version):
    origin = fake_site_packages(tmp_path, *dist_infos)
    real_find_spec = calendar_cache.importlib.util.find_spec

    def find_spec(name: str, package: str | None = None) -> object:
        if name != "holidays":
            return real_find_spec(name, package)
        return type("Spec", (), {"origin": str(origin)})()

    monkeypatch.setattr(calendar_cache.importlib.util, "find_spec", find_spec)
    assert holidays_version() == version


def test_no_temporary_files_are_left_behind(cache_dir):
    for country in ("CN", "TW", "CN"):
        load_national_calendar(country, TODAY, cache_dir)
    names = sorted(p.name for p in cache_dir.iterdir())
    assert all(name.endswith(".json") and not name.startswith(".") for name in names)
    assert len(names) == 2
    assert all(json.loads((cache_dir / name).read_text("utf-8"))["format"] for name in names)
