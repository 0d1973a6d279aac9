"""Issue 11, files the counter opens: a damaged file, a zero-byte or foreign empty SQLite file, a
read-only file or folder, and a write lock held by another program. Each gets a clear message and
a non-zero exit, the file's bytes stay as they were, and no -wal/-shm is left behind."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.data import db as db_module
from desktop_app.data.db import CorruptDatabase, NotOurDatabase, open_database
from desktop_app.data.location import EmptyFile
from desktop_app.domain.errors import DatabaseBusy, ReadOnlyDatabase
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, PASSWORD, actor, check_in_form, give_password

ROOT = Path(__file__).resolve().parents[2]
NOBODY = (
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
)
needs_a_user_files_can_refuse = pytest.mark.skipif(
    bool(NOBODY) and shutil.which("setpriv") is None, reason="root, and no setpriv to drop it"
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cli(*args: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    """`repair-counter ARGS` in a process of its own; `as_nobody`: as an unprivileged user when
    the tests run as root (root may write any file, so nothing would be read-only to it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tempfile.gettempdir()}
    prefix = NOBODY if as_nobody else []
    return subprocess.run(
        [*prefix, sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture
def real_database(tmp_path: Path) -> Path:
    path = tmp_path / "counter.db"
    assert main(["--database", f"sqlite:///{path}", "demo", "--jobs", "60", "--seed", "4"]) == 0
    return path


def test_garbage_in_the_middle_of_a_database_is_refused_untouched(real_database: Path):
    with real_database.open("r+b") as handle:
        handle.seek(real_database.stat().st_size // 2 // 4096 * 4096)
        handle.write(b"\xa5" * 8192)
    before, leftovers = _sha(real_database), set(real_database.parent.iterdir())
    url = f"sqlite:///{real_database}"
    with pytest.raises(CorruptDatabase, match=r"is damaged .* restore a backup") as refused:
        open_database(url)
    assert "\n" not in str(refused.value)  # one line, whatever SQLite's report holds
    for command in ("migrate", "jobs"):
        done = _cli("--database", url, command)
        assert done.returncode == 2, done
        assert "is damaged" in done.stderr and "Traceback" not in done.stderr
    assert _sha(real_database) == before
    assert set(real_database.parent.iterdir()) == leftovers


def test_a_zero_byte_file_becomes_a_database_only_when_confirmed(tmp_path: Path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(EmptyFile):
        open_database(f"sqlite:///{path}")
    done = _cli("--database", f"sqlite:///{path}", "migrate")
    assert done.returncode == 2 and "empty file (0 bytes)" in done.stderr
    assert "--use-empty-file" in done.stderr and "Traceback" not in done.stderr
    assert path.stat().st_size == 0
    assert {p.name for p in tmp_path.iterdir()} == {"empty.db"}
    done = _cli("--database", f"sqlite:///{path}", "--use-empty-file", "migrate")
    assert done.returncode == 0, done.stderr
    open_database(f"sqlite:///{path}").dispose()  # ours now


def test_an_empty_sqlite_file_of_another_program_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA user_version = 42")
    connection.close()
    before = _sha(path)
    with pytest.raises(NotOurDatabase, match="user version 42"):
        open_database(f"sqlite:///{path}")
    done = _cli("--database", f"sqlite:///{path}", "migrate")
    assert done.returncode == 2 and "another program" in done.stderr
    assert _sha(path) == before
    assert {p.name for p in tmp_path.iterdir()} == {"other.db"}


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user can reach: as root, the read-only cases run as `nobody` (root may
    write any file, so a read-only file would not be read-only to it)."""
    folder = Path(tempfile.mkdtemp(prefix="repair-counter-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o777 if path.is_dir() else 0o666)
        shutil.rmtree(folder)


def _read_only_case(shared_folder: Path, real_database: Path, case: str) -> Path:
    inner = shared_folder / case
    inner.mkdir()
    path = inner / "counter.db"
    shutil.copy(real_database, path)
    if case == "file":
        inner.chmod(0o777)
        path.chmod(0o444)
    else:
        path.chmod(0o666)
        inner.chmod(0o555)
    return path


@needs_a_user_files_can_refuse
@pytest.mark.parametrize(
    ("case", "reason"),
    [("file", "is read-only"), ("folder", "is not writable (the database needs its working")],
)
def test_a_read_only_database_opens_to_look_and_refuses_changes(
    shared_folder, real_database, case, reason
):
    path = _read_only_case(shared_folder, real_database, case)
    before, leftovers = _sha(path), set(path.parent.iterdir())
    url = f"sqlite:///{path}"
    listed = _cli("--database", url, "jobs", "--limit", "3", as_nobody=True)
    assert listed.returncode == 0, listed.stderr
    assert "(3 jobs)" in listed.stdout and "Traceback" not in listed.stderr
    written = _cli("--database", url, "demo", "--jobs", "1", as_nobody=True)
    assert written.returncode == 1
    assert f"open read-only ({'the file' if case == 'file' else 'the folder'}" in written.stderr
    assert reason in written.stderr and "Traceback" not in written.stderr
    assert "restore a backup" not in written.stderr
    assert _sha(path) == before
    assert set(path.parent.iterdir()) == leftovers


def test_a_database_opened_read_only_reads_and_refuses_every_write(real_database: Path, clock):
    writable = open_database(f"sqlite:///{real_database}")
    give_password(Services.build(writable, clock, passwords=FAST_PASSWORDS), "manager")
    writable.dispose()
    before, leftovers = _sha(real_database), set(real_database.parent.iterdir())
    database = open_database(f"sqlite:///{real_database}", read_only=True)
    try:
        services = Services.build(database, clock, passwords=FAST_PASSWORDS)
        assert services.read_only is not None
        assert len(services.jobs.search(JobQuery(), limit=5).rows) == 5
        manager = services.auth.sign_in("manager", PASSWORD)  # checked, not recorded
        with pytest.raises(ReadOnlyDatabase, match="open read-only"):
            services.jobs.check_in(check_in_form(), manager)
    finally:
        database.dispose()
    assert _sha(real_database) == before
    assert set(real_database.parent.iterdir()) == leftovers


@needs_a_user_files_can_refuse
def test_a_new_database_in_a_folder_that_is_not_writable_says_so(shared_folder: Path):
    inner = shared_folder / "locked"
    inner.mkdir()
    inner.chmod(0o555)
    done = _cli("--database", f"sqlite:///{inner}/new.db", "migrate", as_nobody=True)
    assert done.returncode == 2
    assert f"The folder {inner} is not writable" in done.stderr
    assert list(inner.iterdir()) == []


@pytest.fixture
def short_busy_timeout(monkeypatch) -> None:
    """Wait 0.2 s for the lock instead of 15 s: the same refusal, sooner."""
    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_check_in_while_another_program_holds_the_lock_is_refused_as_busy(
    real_database: Path, clock, short_busy_timeout
):
    database = open_database(f"sqlite:///{real_database}")
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    manager = actor(services)
    other = _hold_write_lock(real_database)
    try:
        count = len(services.jobs.search(JobQuery(), limit=1000).rows)
        with pytest.raises(DatabaseBusy, match="busy in another program"):
            services.jobs.check_in(check_in_form(), manager)
        other.rollback()
        services.jobs.check_in(check_in_form(), manager)  # the same, tried again
        assert len(services.jobs.search(JobQuery(), limit=1000).rows) == count + 1
    finally:
        other.close()
        database.dispose()


def test_the_command_line_says_busy_when_the_lock_is_held(
    real_database: Path, capsys, short_busy_timeout, monkeypatch
):
    url = f"sqlite:///{real_database}"
    database = open_database(url)
    give_password(Services.build(database, passwords=FAST_PASSWORDS), "manager")
    database.dispose()
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PASSWORD}\n"))
    other = _hold_write_lock(real_database)
    try:
        capsys.readouterr()
        demo = ["--database", url, "demo", "--jobs", "1", "--user", "manager", "--password-stdin"]
        assert main(demo) == 1
    finally:
        other.close()
    err = capsys.readouterr().err
    assert "busy in another program" in err and "Traceback" not in err
