"""`repair-counter backup [-o FILE]` and `repair-counter restore FILE [--yes]`: a manager's;
a file that is not a backup, or one from a newer release, is refused with one line and a nonzero
exit before any password is asked, and nothing is changed; a restore asks on a terminal and
needs --yes otherwise."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

import desktop_app.admin
from desktop_app.cli import main
from tests.helpers import FAST_PASSWORDS, PASSWORD, damage_pages

pytestmark = pytest.mark.usefixtures("backups_dir")


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("backup-cli") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        argv = ["demo", "--jobs", "120", "--months", "2", "--seed", "3", "--staff-password-stdin"]
        assert main(["--database", str(path), *argv]) == 0
    return path


@pytest.fixture
def shop(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shop.db"
    source, copy = sqlite3.connect(demo_file), sqlite3.connect(path)
    source.backup(copy)
    source.close()
    copy.close()
    return path


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(monkeypatch, argv: list[str], stdin: str = PASSWORD + "\n", tty: bool = False) -> int:
    monkeypatch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
    monkeypatch.setattr("sys.stdin", Terminal(stdin) if tty else io.StringIO(stdin))
    return main(argv)


def credentials(user: str = "manager") -> list[str]:
    return ["--user", user, "--password-stdin"]


def jobs(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM jobs").fetchone()[0]
    finally:
        connection.close()


def delete_jobs(path: Path) -> None:
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("PRAGMA foreign_keys = OFF")
            connection.execute("DELETE FROM jobs WHERE id > 100")
    finally:
        connection.close()


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def test_backup_then_restore_with_yes(shop, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "shop-backup.rcbackup"
    assert (
        run(monkeypatch, ["--database", str(shop), "backup", "-o", str(out), *credentials()]) == 0
    )
    said = one_line(capsys.readouterr().out)
    assert said.startswith(f"backed up to {out} (120 jobs, ")
    delete_jobs(shop)
    assert jobs(shop) == 100
    argv = ["--database", str(shop), "restore", str(out), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 0
    said = one_line(capsys.readouterr().out)
    assert "(120 jobs)" in said and ".before-restore-" in said
    assert jobs(shop) == 120
    [aside] = [p for p in shop.parent.iterdir() if ".before-restore-" in p.name]
    assert jobs(aside) == 100


def test_backup_without_o_goes_to_the_backups_folder(shop, backups_dir, monkeypatch, capsys):
    assert run(monkeypatch, ["--database", str(shop), "backup", *credentials()]) == 0
    said = one_line(capsys.readouterr().out)
    [made] = list(backups_dir.glob("*/*.rcbackup"))
    assert str(made) in said and made.name.endswith("-manual.rcbackup")


def test_a_file_that_is_not_a_backup_is_refused_in_one_line(shop, tmp_path, monkeypatch, capsys):
    stranger = tmp_path / "notes.rcbackup"
    stranger.write_text("not a backup", encoding="utf-8")
    before = shop.read_bytes()
    argv = ["--database", str(shop), "restore", str(stranger), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 2
    line = one_line(capsys.readouterr().err)
    assert "is not a Repair Counter backup; nothing was changed" in line
    assert shop.read_bytes() == before
    assert stranger.read_text(encoding="utf-8") == "not a backup"
    assert not [p for p in shop.parent.iterdir() if ".before-restore-" in p.name]


def test_a_newer_backup_is_refused_in_one_line(shop, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "b.rcbackup"
    assert (
        run(monkeypatch, ["--database", str(shop), "backup", "-o", str(out), *credentials()]) == 0
    )
    head, manifest, body = out.read_bytes().split(b"\n", 2)
    newer = json.loads(manifest)
    newer["revision"] = "0120"
    out.write_bytes(head + b"\n" + json.dumps(newer).encode() + b"\n" + body)
    capsys.readouterr()
    argv = ["--database", str(shop), "restore", str(out), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 2
    assert "newer Repair Counter" in one_line(capsys.readouterr().err)


def test_restore_asks_on_a_terminal_and_needs_yes_in_scripts(
    shop, tmp_path, monkeypatch, capsys
) -> None:
    out = tmp_path / "b.rcbackup"
    assert (
        run(monkeypatch, ["--database", str(shop), "backup", "-o", str(out), *credentials()]) == 0
    )
    delete_jobs(shop)
    capsys.readouterr()
    argv = ["--database", str(shop), "restore", str(out), *credentials()]
    assert run(monkeypatch, argv) == 2  # a script without --yes
    assert "add --yes" in one_line(capsys.readouterr().err)
    assert jobs(shop) == 100
    assert run(monkeypatch, argv, stdin=f"{PASSWORD}\nn\n", tty=True) == 2
    assert "not confirmed" in capsys.readouterr().err
    assert jobs(shop) == 100
    assert run(monkeypatch, argv, stdin=f"{PASSWORD}\ny\n", tty=True) == 0
    assert jobs(shop) == 120


def test_a_clerk_may_not_back_up_or_restore(shop, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "b.rcbackup"
    argv = ["--database", str(shop), "backup", "-o", str(out), *credentials("clerk1")]
    assert run(monkeypatch, argv) == 2
    assert "may not back up or restore the database" in one_line(capsys.readouterr().err)
    assert not out.exists()


def test_backup_o_never_replaces_a_file_we_did_not_make(
    shop, tmp_path, monkeypatch, capsys
) -> None:
    theirs = tmp_path / "report.xlsx"
    theirs.write_bytes(b"head office's workbook")
    argv = ["--database", str(shop), "backup", "-o", str(theirs), *credentials()]
    assert run(monkeypatch, argv) == 2
    assert "was not made by Repair Counter" in one_line(capsys.readouterr().err)
    assert theirs.read_bytes() == b"head office's workbook"


# --- a database nobody can sign in to: a manager of the backup restores it ---------------------


def backed_up(shop: Path, tmp_path: Path, monkeypatch, capsys) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "shop-backup.rcbackup"
    argv = ["--database", str(shop), "backup", "-o", str(out), *credentials()]
    assert run(monkeypatch, argv) == 0
    capsys.readouterr()
    return out


def test_restore_onto_a_damaged_database_signs_in_against_the_backup(
    shop, tmp_path, monkeypatch, capsys
) -> None:
    """The start says "damaged … restore a backup": restore does it, as a manager in the
    backup (the damaged file has nobody to ask), and keeps the damaged file aside as it was."""
    out = backed_up(shop, tmp_path, monkeypatch, capsys)
    damage_pages(shop)
    damaged = shop.read_bytes()
    assert run(monkeypatch, ["--database", str(shop), "jobs"]) == 2
    assert "restore a backup" in one_line(capsys.readouterr().err)
    argv = ["--database", str(shop), "restore", str(out), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 0
    said = one_line(capsys.readouterr().out)
    assert said.startswith(f"restored {out} (120 jobs); the file that was there is kept as ")
    [aside] = [p for p in shop.parent.iterdir() if ".before-restore-" in p.name]
    assert aside.read_bytes() == damaged
    assert jobs(shop) == 120
    assert run(monkeypatch, ["--database", str(shop), "jobs", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 120


def test_restore_on_a_new_computer_needs_no_database_there(
    shop, tmp_path, monkeypatch, capsys
) -> None:
    out = backed_up(shop, tmp_path, monkeypatch, capsys)
    new = tmp_path / "new-computer" / "repair-counter.db"
    argv = ["--database", str(new), "restore", str(out), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 0
    assert one_line(capsys.readouterr().out) == f"restored {out} (120 jobs)"
    assert jobs(new) == 120


@pytest.mark.parametrize(
    ("extra", "stdin", "said"),
    [
        (["--yes"], "", "add --user USERNAME (a manager in the backup"),
        (["--yes", *credentials()], "wrong-password\n", "wrong user name or password"),
        (["--yes", *credentials("clerk1")], PASSWORD + "\n", "is not a manager in this backup"),
        (credentials(), PASSWORD + "\n", "add --yes"),
    ],
)
def test_a_refused_restore_onto_a_damaged_database_changes_nothing(
    shop, tmp_path, monkeypatch, capsys, extra, stdin, said
) -> None:
    out = backed_up(shop, tmp_path, monkeypatch, capsys)
    damage_pages(shop)
    damaged = shop.read_bytes()
    argv = ["--database", str(shop), "restore", str(out), *extra]
    assert run(monkeypatch, argv, stdin=stdin) == 2
    line = one_line(capsys.readouterr().err)
    assert said in line
    if "--user" in said:
        assert f"{shop} cannot be used (it is damaged (" in line
    assert shop.read_bytes() == damaged
    assert sorted(p.name for p in shop.parent.iterdir()) == ["shop-backup.rcbackup", "shop.db"]


def test_restore_never_touches_a_file_that_is_not_ours(shop, tmp_path, monkeypatch, capsys) -> None:
    out = backed_up(shop, tmp_path, monkeypatch, capsys)
    theirs = tmp_path / "theirs" / "notes.db"
    theirs.parent.mkdir()
    theirs.write_bytes(b"head office's notes")
    argv = ["--database", str(theirs), "restore", str(out), "--yes", *credentials()]
    assert run(monkeypatch, argv) == 2
    assert "is not a Repair Counter database" in one_line(capsys.readouterr().err)
    assert theirs.read_bytes() == b"head office's notes"
    assert sorted(p.name for p in theirs.parent.iterdir()) == ["notes.db"]
