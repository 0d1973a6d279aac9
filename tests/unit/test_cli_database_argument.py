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


def test_an_unforeseen_error_is_one_line_never_a_traceback(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A state edited into the database by hand made `complaints` raise a ValueError out of the
    command: the catch-all says it in one line, exit 1."""
    import desktop_app.admin

    def broken(*_args: object) -> int:
        raise ValueError("'weird' is not a valid ComplaintState")

    monkeypatch.setattr(desktop_app.admin, "run_admin", broken)
    assert main(["--database", str(tmp_path / "x.db"), "complaints"]) == 1
    err = capsys.readouterr().err
    assert "unexpected error (ValueError: 'weird' is not a valid ComplaintState)" in err
    assert "Traceback" not in err
