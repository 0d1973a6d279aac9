"""--database takes a file path as well as a URL; anything else is said, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.data.location import resolve_url


def test_a_plain_path_is_the_sqlite_database_in_that_file(tmp_path: Path, capsys) -> None:
    path = tmp_path / "shop.db"
    assert main(["--database", str(path), "migrate"]) == 0
    assert path.stat().st_size > 0
    assert str(path) in capsys.readouterr().out


def test_a_relative_path_is_taken_from_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("shop.db") == f"sqlite:///{tmp_path / 'shop.db'}"
    assert resolve_url("sqlite:///other.db") == "sqlite:///other.db"  # URLs as given


@pytest.mark.parametrize("url", ["mysql://x@y/z", "sqlite+bogus:///x.db", "oracle://a/b"])
def test_a_url_of_another_product_is_refused_with_the_rule(url: str, capsys) -> None:
    assert main(["--database", url, "migrate"]) == 2
    err = capsys.readouterr().err
    assert "neither a database file nor a database URL" in err
    assert "Traceback" not in err
