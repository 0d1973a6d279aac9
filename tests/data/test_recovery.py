"""A backup restored where nobody can sign in (services/recovery.py, data/backup.py's
restore_unusable): a damaged, empty or missing database file, or one never set up, takes a
backup's database with a manager *of the backup* signing in; the file that was there is kept
aside byte for byte (and its write-ahead log with it, never replayed into the restored one).
Refused with nothing changed: a database that has its own people, a wrong password, a clerk, a
file that is not ours and was never backed up here, a file another program has open. Killed at
any step, the database's name holds the old file or the restored one."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.data.backup import backup_folder, in_use
from desktop_app.data.db import open_database
from desktop_app.data.location import NotOurDatabase
from desktop_app.domain.backups import BackupRefused
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from desktop_app.services.recovery import (
    HAS_PEOPLE,
    recoverable,
    restore_unusable_database,
    why_unusable,
)
from tests.data.test_backup import table_sums
from tests.helpers import FAST_PASSWORDS, PASSWORD, FakeClock, actor, add_user, damage_pages

pytestmark = pytest.mark.usefixtures("backups_dir")

NOW = datetime(2026, 11, 25, 9, 0)
LATER = datetime(2026, 11, 26, 8, 30)
JOBS = 120


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A demo database with a manager ("manager") and a clerk ("counter-clerk") who have passwords,
    and a backup of it (its path and the database's)."""
    folder = tmp_path_factory.mktemp("recovery")
    path = folder / "source.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPAIR_COUNTER_BACKUP_DIR", str(folder / "backups"))
        database = open_database(f"sqlite:///{path}")
        try:
            DemoGenerator(database, seed=21, months=2).run(JOBS, NOW)
            services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
            add_user(services, "counter-clerk", "王晓红", Role.CLERK)
            backup = Path(services.backup.back_up(actor(services, "manager")).path)
        finally:
            database.dispose()
    yield backup, path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def restore(target: Path, backup: Path, username: str = "manager", password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return restore_unusable_database(
        target, str(backup), username, password, passwords=FAST_PASSWORDS, now=LATER
    )


def copy_of(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    reader, writer = sqlite3.connect(source), sqlite3.connect(target)
    reader.backup(writer)
    reader.close()
    writer.close()
    return target


def asides(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".before-restore-" in p.name)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".restore-"))


def test_a_damaged_database_takes_the_backup_and_is_kept_aside_as_it_was(made, tmp_path):
    backup, source = made
    target = copy_of(source, tmp_path / "shop" / "counter.db")
    damage_pages(target)
    before = digest(target)
    reason = why_unusable(target)
    assert reason is not None and "damaged" in reason.render()
    assert recoverable(f"sqlite:///{target}") == target
    done = restore(target, backup)
    assert done.job_count == JOBS
    assert table_sums(target) == table_sums(source)
    [aside] = asides(target.parent)
    assert str(aside) == done.kept_aside and digest(aside) == before
    assert aside.name == "counter.db.before-restore-20261126-083000"
    assert leftovers(target.parent) == []
    # It opens as any database does, and its people are the backup's.
    database = open_database(f"sqlite:///{target}")
    try:
        services = Services.build(database, FakeClock(LATER), passwords=FAST_PASSWORDS)
        assert services.auth.sign_in("manager", PASSWORD).username == "manager"
    finally:
        database.dispose()


def crashed_copy(source: Path, folder: Path) -> Path:
    """A copy of `source` as a crash leaves it: its job lines deleted in a write-ahead log that
    was never checkpointed (file and -wal copied while the connection was open), then damaged."""
    target = copy_of(source, folder / "live" / "counter.db")
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA wal_autocheckpoint = 0")
    with connection:
        connection.execute("DELETE FROM job_lines")
    crashed = folder / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        (crashed / f"counter.db{suffix}").write_bytes(Path(f"{target}{suffix}").read_bytes())
    connection.close()
    damage_pages(crashed / "counter.db")
    assert Path(f"{crashed / 'counter.db'}-wal").stat().st_size > 0
    return crashed / "counter.db"


def test_the_damaged_files_log_goes_aside_with_it_never_into_the_restored_one(made, tmp_path):
    """A -wal left by a crash belongs to the damaged file: SQLite would replay it into
    whatever file has the name, so it is moved with the file it belongs to."""
    backup, source = made
    target = crashed_copy(source, tmp_path)
    log = digest(Path(f"{target}-wal"))
    restore(target, backup)
    assert not Path(f"{target}-wal").exists()
    assert table_sums(target) == table_sums(source)  # job_lines whole: no old log replayed
    [aside] = [p for p in asides(target.parent) if not p.name.endswith(("-wal", "-shm"))]
    assert digest(Path(f"{aside}-wal")) == log


@pytest.mark.parametrize("state", ["missing", "empty", "never set up"])
def test_a_database_nobody_can_sign_in_to_takes_the_backup(made, tmp_path, state):
    backup, source = made
    target = tmp_path / "new" / "counter.db"
    if state == "empty":
        target.parent.mkdir()
        target.touch()
    elif state == "never set up":
        open_database(f"sqlite:///{target}").dispose()  # a new database, as a first start makes
    assert why_unusable(target) is not None
    done = restore(target, backup)
    assert table_sums(target) == table_sums(source)
    assert (done.kept_aside is None) == (state == "missing")


def test_a_database_with_its_people_is_left_to_its_own_managers(made, tmp_path):
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    before = digest(target)
    assert why_unusable(target) is None and recoverable(f"sqlite:///{target}") is None
    with pytest.raises(BackupRefused) as refused:
        restore(target, backup)
    assert refused.value.text.template == HAS_PEOPLE
    assert digest(target) == before and asides(tmp_path) == []


@pytest.mark.parametrize(
    ("username", "password", "refusal"),
    [
        ("manager", "not-the-password", NotSignedIn),
        ("nobody", PASSWORD, NotSignedIn),
        ("", PASSWORD, NotSignedIn),
        ("x" * 10_000, PASSWORD, NotSignedIn),
        ("counter-clerk", PASSWORD, BackupRefused),  # a clerk of the backup: not a manager
    ],
)
def test_only_a_manager_of_the_backup_restores_it(made, tmp_path, username, password, refusal):
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    before = digest(target)
    with pytest.raises(refusal):
        restore(target, backup, username, password)
    assert digest(target) == before
    assert asides(tmp_path) == [] and leftovers(tmp_path) == []


def test_a_file_that_is_not_ours_is_never_touched_unless_it_was_backed_up_here(made, tmp_path):
    """A file without SQLite's header is somebody's, unless this very place has backups of ours
    (then it is our database, damaged past its header)."""
    backup, source = made
    target = tmp_path / "notes.db"
    target.write_bytes(b"my own notes, not a database\n" * 100)
    with pytest.raises(NotOurDatabase):
        why_unusable(target)
    assert recoverable(f"sqlite:///{target}") is None
    with pytest.raises(NotOurDatabase):
        restore(target, backup)
    assert target.read_bytes() == b"my own notes, not a database\n" * 100
    # The same place with a backup of ours in its folder: ours, restorable.
    folder = backup_folder(target)
    folder.mkdir(parents=True)
    (folder / backup.name).write_bytes(backup.read_bytes())
    assert why_unusable(target) is not None
    restore(target, backup)
    assert table_sums(target) == table_sums(source)


_HOLD_OPEN = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute(f"PRAGMA journal_mode = {sys.argv[2]}").fetchone()
connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
print("OPEN", flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("journal", ["WAL", "DELETE"])
def test_a_file_another_program_has_open_is_refused_and_unchanged(made, tmp_path, journal):
    """Open in WAL mode, the other connection holds a lock on the -shm; in rollback-journal
    mode it holds none between statements (SQLite's lock bytes do not show it, and it would go
    on writing, and leave its hot journal, under the restored file's name): the processes'
    open files show it."""
    backup, _source = made
    target = tmp_path / "counter.db"
    open_database(f"sqlite:///{target}").dispose()  # never set up: restorable by the backup's
    with subprocess.Popen(
        [sys.executable, "-c", _HOLD_OPEN, str(target), journal],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    ) as holder:
        assert holder.stdout is not None and holder.stdin is not None
        assert holder.stdout.readline().strip() == b"OPEN"
        before = digest(target)
        assert in_use(target)
        with pytest.raises(BackupRefused) as refused:
            restore(target, backup)
        assert "open in another" in refused.value.render()
        assert digest(target) == before and asides(tmp_path) == []
        holder.stdin.close()
        holder.wait()
    assert not in_use(target)
    restore(target, backup)  # closed there: now it can


_KILLED_AT = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from desktop_app.data import backup as files

step = sys.argv[3]
real = {"link": os.link, "rename": os.rename, "replace": os.replace}
calls = {"link": 0, "rename": 0, "replace": 0}

def dies_at(name):
    def call(*args, **kwargs):
        calls[name] += 1
        if f"{name}{calls[name]}" == step:
            os.kill(os.getpid(), signal.SIGKILL)
        return real[name](*args, **kwargs)
    return call

for name in real:
    setattr(files.os, name, dies_at(name))
files.restore_unusable(Path(sys.argv[1]), Path(sys.argv[2]), datetime(2026, 11, 26, 8, 30),
                       check=lambda copy: None)
print("DONE", flush=True)
"""


@pytest.mark.parametrize("step", ["link1", "rename1", "replace1", "none"])
def test_killed_at_any_step_the_name_holds_the_old_file_or_the_restored_one(made, tmp_path, step):
    """kill -9 before the aside link, after it (the -wal moved or not), before the restored file
    comes in: the database's name holds the damaged file (whole) or the restored database,
    never nothing and never the old log beside the new file; a second restore then works."""
    backup, source = made
    target = crashed_copy(source, tmp_path)  # its log deletes every job line
    before = digest(target)
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, str(backup), str(target), step],
        capture_output=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    if step == "none":
        assert child.returncode == 0 and b"DONE" in child.stdout, child.stderr
        assert table_sums(target) == table_sums(source)
        return
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert target.exists()
    if digest(target) == before:
        assert why_unusable(target) is not None  # still the damaged file: restore again
    else:
        assert table_sums(target) == table_sums(source)
    restore(target, backup)
    assert table_sums(target) == table_sums(source)
    assert not Path(f"{target}-wal").exists()


# --- what an adversary found (issue 15): each fails without its fix -----------------------------


@pytest.mark.parametrize("companion", ["-wal", "-journal"])
def test_a_log_left_beside_a_missing_file_goes_aside_never_into_the_restored_one(
    made, tmp_path, companion
):
    """The file gone (deleted by hand, a disk tool) but its -wal or hot -journal still there:
    SQLite would replay it into whatever file comes in under the name."""
    backup, source = made
    target = crashed_copy(source, tmp_path)  # its -wal deletes every job line
    log = Path(f"{target}-wal")
    if companion == "-journal":
        log = log.rename(f"{target}-journal")
    logged = digest(log)
    target.unlink()
    assert why_unusable(target) is not None
    done = restore(target, backup)
    assert done.kept_aside is None  # there was no database to keep
    assert table_sums(target) == table_sums(source)  # the job lines whole: nothing replayed
    assert not log.exists()
    [kept] = asides(target.parent)
    assert kept.name == f"counter.db.before-restore-20261126-083000{companion}"
    assert digest(kept) == logged


def test_a_symbolic_link_is_followed_and_stays_a_link(made, tmp_path):
    """The database's path a link to the file on another disk: the file it names takes the
    backup (its old content aside beside it), the link is left as it was."""
    backup, source = made
    real = copy_of(source, tmp_path / "disk" / "counter.db")
    damage_pages(real)
    before = digest(real)
    link = tmp_path / "shop" / "counter.db"
    link.parent.mkdir()
    link.symlink_to(real)
    restore(link, backup)
    assert link.is_symlink() and link.resolve() == real
    assert table_sums(real) == table_sums(source)
    [aside] = asides(real.parent)
    assert digest(aside) == before
    assert asides(link.parent) == [] and leftovers(link.parent) == []


@pytest.mark.parametrize("mode", [0o640, 0o664])
def test_the_restored_file_keeps_the_permissions_of_the_one_it_replaces(made, tmp_path, mode):
    """A database shared by the counters' accounts (group-writable) stays so: the restored
    file is not left with a temporary file's 0600."""
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    target.chmod(mode)
    restore(target, backup)
    assert target.stat().st_mode & 0o7777 == mode


def test_a_new_file_gets_the_permissions_sqlite_would_give_it(made, tmp_path):
    backup, _source = made
    target = tmp_path / "new" / "counter.db"
    mask = os.umask(0o002)
    try:
        restore(target, backup)
    finally:
        os.umask(mask)
    assert target.stat().st_mode & 0o7777 == 0o664


def test_the_restored_file_is_on_the_disk_before_it_takes_the_name(made, tmp_path, monkeypatch):
    """fsync of the unpacked file before the rename, of the folder after it: a power cut
    leaves the old file or the whole restored one under the name."""
    from desktop_app.data import backup as files

    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    happened: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        name = os.readlink(f"/proc/self/fd/{descriptor}")
        happened.append("fsync folder" if os.path.isdir(name) else f"fsync {Path(name).name}")
        real_fsync(descriptor)

    def replace(source_name, target_name) -> None:  # type: ignore[no-untyped-def]
        happened.append(f"replace {Path(source_name).name}")
        real_replace(source_name, target_name)

    monkeypatch.setattr(files.os, "fsync", fsync)
    monkeypatch.setattr(files.os, "replace", replace)
    restore(target, backup)
    [unpacked] = [e.split()[1] for e in happened if e.startswith("replace ")]
    assert unpacked.startswith(".restore-")
    assert happened.index(f"fsync {unpacked}") < happened.index(f"replace {unpacked}")
    assert happened[-1] == "fsync folder"


def test_when_every_aside_name_is_taken_the_refusal_says_so(made, tmp_path):
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    before = digest(target)
    for attempt in range(1, 100):
        suffix = "" if attempt == 1 else f"-{attempt}"
        (tmp_path / f"counter.db.before-restore-20261126-083000{suffix}").write_bytes(b"kept")
    with pytest.raises(BackupRefused) as refused:
        restore(target, backup)
    assert "kept aside by earlier restores" in refused.value.render()
    assert digest(target) == before and leftovers(tmp_path) == []


def test_a_restore_killed_earlier_leaves_no_temporary_file_for_long(made, tmp_path):
    """A kill -9 while unpacking leaves .restore-*.tmp beside the database; the next restore
    clears those an hour old (a younger one may be another restore under way)."""
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    old, young = tmp_path / ".restore-0ld4x9_q.tmp", tmp_path / ".restore-y0ung2ab.tmp"
    old.write_bytes(b"x" * 100)
    young.write_bytes(b"x" * 100)
    os.utime(old, (0, 0))
    restore(target, backup)
    assert leftovers(tmp_path) == [young.name]


def test_a_backup_whose_people_cannot_be_read_is_called_damaged(tmp_path):
    """A database whose users table is not ours (the manifest forged to match it): refused as
    a damaged backup, never an SQLite error."""
    from desktop_app.services.recovery import _require_manager

    copy = tmp_path / "copy.db"
    connection = sqlite3.connect(copy)
    connection.execute("CREATE TABLE users (username TEXT)")
    connection.close()
    with pytest.raises(BackupRefused) as refused:
        _require_manager(copy, tmp_path / "x.rcbackup", "manager", PASSWORD, FAST_PASSWORDS)
    assert "damaged or incomplete backup" in refused.value.render()
    assert "x.rcbackup" in refused.value.render()


def test_a_step_that_fails_is_taken_back_and_nothing_is_left(made, tmp_path, monkeypatch):
    """The rename of the restored file refused (a disk error, a folder's rules): the -wal goes
    back beside its database and the aside link goes, so "the database is unchanged" is true."""
    from desktop_app.data import backup as files

    backup, source = made
    target = crashed_copy(source, tmp_path)
    before, log = digest(target), digest(Path(f"{target}-wal"))

    def replace(_source, _target) -> None:  # type: ignore[no-untyped-def]
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(files.os, "replace", replace)
    with pytest.raises(BackupRefused) as refused:
        restore(target, backup)
    assert "the database is unchanged" in refused.value.render()
    assert digest(target) == before and digest(Path(f"{target}-wal")) == log
    assert asides(target.parent) == [] and leftovers(target.parent) == []
