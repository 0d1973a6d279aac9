"""The restore where nobody can sign in (data/backup.py restore_unusable, services/recovery.py)
attacked (issue 15, a second adversary's review): long names, files of somebody else in the
database's folder, a forged users table, and two accounts sharing a folder (a read-only file, a
shared group, a sticky folder). Each test failed before its fix (commit f679993)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.data.backup import write_backup, write_new_file
from desktop_app.domain.backups import BackupRefused
from tests.data import test_recovery as base
from tests.data.test_backup import table_sums
from tests.data.test_recovery import asides, copy_of, digest, restore
from tests.helpers import damage_pages

pytestmark = pytest.mark.usefixtures("backups_dir")

# The demo database and its backup of test_recovery.py (a manager and a clerk with passwords).
made = base.made

REPO = Path(__file__).resolve().parents[2]


# --- 1. a long file name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("length", "companion"),
    [
        (224, "-journal"),  # the aside fits (255 bytes), its -journal does not (263)
        (222, "-wal"),  # the aside fits (253 bytes), its -wal does not (257)
        (240, None),  # SQLite's own names fit (-journal: 248 bytes), the aside does not (271)
    ],
)
def test_a_database_with_a_long_name_can_be_restored_and_a_refusal_leaves_nothing(
    made, tmp_path, length, companion
):
    """NAME.before-restore-YYYYmmdd-HHMMSS[-NN][-journal] is 31 to 42 bytes longer than NAME:
    a database name SQLite is happy with (up to 247 bytes) made an aside name past NAME_MAX
    (refused, "File name too long", and an aside link left behind). The aside's name is cut
    to fit, with a digest of the whole name."""
    backup, source = made
    name = "c" * (length - 3) + ".db"
    assert len(name.encode()) == length
    target = copy_of(source, tmp_path / name)
    damage_pages(target)
    before = digest(target)
    if companion is not None:
        Path(f"{target}{companion}").write_bytes(b"\0" * 4096)
    try:
        done = restore(target, backup)
    except BackupRefused as refused:
        left = [p.name[length:] for p in asides(tmp_path)]
        pytest.fail(f"refused: {refused.render()}; asides left behind: {left}")
    assert table_sums(target) == table_sums(source)
    assert done.kept_aside is not None and digest(Path(done.kept_aside)) == before
    for kept in asides(tmp_path):
        assert len(kept.name.encode()) <= 255 and kept.name.startswith("ccc")
    if companion is not None:
        assert Path(f"{done.kept_aside}{companion}").read_bytes() == b"\0" * 4096


# --- 2. a file we did not make is deleted, by a refused restore ---------------------------------


def test_a_refused_restore_deletes_no_file_of_somebody_else(made, tmp_path):
    """The leftovers of a killed restore are cleared after a restore that worked, and only
    names of mkstemp's shape (.restore-XXXXXXXX.tmp and SQLite's companions): the database's
    folder (a home folder, a shared folder) holds other programs' files."""
    backup, source = made
    target = copy_of(source, tmp_path / "counter.db")
    damage_pages(target)
    theirs = tmp_path / ".restore-points.tmpl"  # another program's file, a year old
    theirs.write_text("somebody else's\n")
    os.utime(theirs, (0, 0))
    with pytest.raises(Exception):  # noqa: B017 - a wrong password: nothing changes
        restore(target, backup, password="not-the-password")
    assert theirs.exists(), "a refused restore deleted a file it did not make"
    restore(target, backup)
    assert theirs.exists(), "a restore deleted a file it did not make"


def test_a_refused_restore_makes_no_folder(made, tmp_path):
    """A missing database in a missing folder (a USB stick's mount point, a path typed wrong):
    the folders made to unpack the backup go again when the restore is refused, and stay when
    it is done."""
    backup, _source = made
    target = tmp_path / "usb" / "shop" / "counter.db"
    with pytest.raises(Exception):  # noqa: B017 - a wrong password: nothing changes
        restore(target, backup, password="not-the-password")
    assert not (tmp_path / "usb").exists(), "a refused restore made folders"
    restore(target, backup)
    assert target.is_file()


# --- 3. a traceback from a backup's users table -------------------------------------------------


def forged_backup(source: Path, folder: Path, password_hash: object) -> Path:
    """A backup of ours in every respect (manifest, SHA-256, tables, revision), of a database
    whose manager's password hash is not text (its users table's declared type changed, as the
    earlier finding's forged users table did: _check_unpacked compares table names only)."""
    database = copy_of(source, folder / "forged.db")
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute(  # the column's declared type only: no affinity turns a number into text
        "UPDATE sqlite_master SET sql = replace(sql, 'password_hash VARCHAR(200)', "
        "'password_hash BLOB') WHERE name = 'users'"
    )
    connection.close()
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute(
        "UPDATE users SET password_hash = ? WHERE username = 'manager'", (password_hash,)
    )
    assert connection.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    connection.close()
    _manifest, write, clean_up = write_backup(
        database, folder, automatic=False, created_at=datetime(2026, 11, 25, 10, 0)
    )
    try:
        return write_new_file(folder, "forged", write)
    finally:
        clean_up()


@pytest.mark.parametrize("password_hash", [12345, 1.5, "$argon2id$v=19$m=8,t=1,p=1$é$é"])
def test_a_backup_whose_password_hash_is_not_text_is_refused_not_a_traceback(
    made, tmp_path, password_hash
):
    """A password hash that is not ASCII text (an INTEGER, a REAL or text no argon2 hash is, in
    a forged backup) is refused as a damaged backup, never handed to argon2 (an AttributeError
    or a UnicodeEncodeError reached the command line as an unexpected error)."""
    _backup, source = made
    forged = forged_backup(source, tmp_path / "forge", password_hash)
    target = copy_of(source, tmp_path / "shop" / "counter.db")
    damage_pages(target)
    before = digest(target)
    with pytest.raises(BackupRefused) as refused:
        restore(target, forged)
    assert "damaged or incomplete backup" in refused.value.render()
    assert digest(target) == before


# --- 4 and 5. another account: the read-only file, the shared group -----------------------------


def _restore_as(target: Path, backup: Path) -> dict:
    from desktop_app.domain.errors import DomainError
    from desktop_app.services.recovery import restore_unusable_database
    from tests.helpers import FAST_PASSWORDS, PASSWORD

    try:
        done = restore_unusable_database(
            target,
            str(backup),
            "manager",
            PASSWORD,
            passwords=FAST_PASSWORDS,
            now=datetime(2026, 11, 26, 8, 30),
        )
        return {"done": done.kept_aside}
    except DomainError as error:
        return {"refused": error.render()}


ALICE, BOB, COUNTERS = 52001, 52002, 53000  # two counters' accounts and their shared group


@pytest.fixture
def shared(made) -> Iterator[tuple[Path, Path]]:
    """A folder other accounts can reach (pytest's own is root's, 0700), the backup in it."""
    if os.geteuid() != 0:
        pytest.skip("needs root to play two accounts")
    folder = Path(tempfile.mkdtemp(prefix="adv2-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        backup = folder / "the.rcbackup"
        shutil.copyfile(made[0], backup)
        backup.chmod(0o644)
        yield folder, backup
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def as_user(uid: int, groups: list[int], target: Path, backup: Path, home: Path) -> dict:
    """The restore in a forked child that is `uid` (groups `groups`) and nothing more (the
    interpreter lives under /root, 0700: a fresh one could not start as another account)."""
    import fcntl  # noqa: F401 - loaded now: the child may not read /root's lib-dynload

    home.mkdir(exist_ok=True)
    os.chown(home, uid, uid)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        status = 1
        try:
            os.close(reader)
            os.environ.update(
                HOME=str(home),
                XDG_CACHE_HOME=str(home / "cache"),
                XDG_DATA_HOME=str(home / "data"),
                REPAIR_COUNTER_BACKUP_DIR=str(home / "backups"),
            )
            os.setgroups(groups)
            os.setgid(uid)
            os.setuid(uid)
            try:
                result = _restore_as(target, backup)
            except BaseException as error:
                result = {"error": f"{type(error).__name__}: {error}"}
            os.write(writer, json.dumps(result).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    with os.fdopen(reader, "rb") as stream:
        answer = stream.read()
    _, status = os.waitpid(pid, 0)
    assert status == 0 and answer, status
    return json.loads(answer)


@pytest.mark.parametrize("which", ["the file", "a stale -shm"])
def test_a_read_only_file_in_a_folder_of_ours_can_be_restored(made, shared, which):
    """The restore never writes the old file (a hard link, then a rename over its name): its
    own permission bits do not matter, the folder's do. The lock probe cannot open such a file
    for writing: the processes' open files answer for it (it was refused "Permission denied")."""
    _backup, source = made
    folder, backup = shared
    shop = folder / "shop"
    shop.mkdir()
    os.chown(shop, BOB, BOB)
    target = copy_of(source, shop / "counter.db")
    damage_pages(target)
    os.chown(target, BOB, BOB)
    if which == "the file":
        target.chmod(0o444)  # kept read-only on purpose, or copied off a read-only disk
    else:
        target.chmod(0o644)
        Path(f"{target}-shm").write_bytes(b"\0" * 32768)  # left by a run under sudo
        Path(f"{target}-shm").chmod(0o644)
    result = as_user(BOB, [], target, backup, folder / "home-bob")
    assert "done" in result, result


def test_the_restored_file_keeps_the_shared_group_the_other_account_needs(made, shared):
    """alice's database, group `counters`, 0660, in a folder of the group: bob (a member)
    restores it. bob may not give the file to alice, but he may give it the group: the
    restored file is bob:counters 0660, and alice's counter opens it (it was bob:bob)."""
    _backup, source = made
    folder, backup = shared
    shop = folder / "shop"
    shop.mkdir()
    os.chown(shop, 0, COUNTERS)
    shop.chmod(0o775)  # group-writable, not setgid
    target = copy_of(source, shop / "counter.db")
    damage_pages(target)
    os.chown(target, ALICE, COUNTERS)
    target.chmod(0o660)
    result = as_user(BOB, [COUNTERS], target, backup, folder / "home-bob")
    assert "done" in result, result
    status = target.stat()
    assert (status.st_mode & 0o7777, status.st_gid) == (0o660, COUNTERS), (
        f"restored file {status.st_uid}:{status.st_gid} {status.st_mode & 0o7777:o}: "
        f"alice ({ALICE}, group {COUNTERS}) cannot read it"
    )


def test_another_accounts_file_in_a_sticky_folder_is_refused_before_anything_is_done(made, shared):
    """A shared folder with the sticky bit (drwxrwsr-t, as such folders are made): bob may write
    alice's database (group rw) and link it, but not rename (nor unlink) her files. Refused
    before anything is made, naming the file that is another account's: an aside link once
    made could not be taken back (each retry left one more, "the database is unchanged")."""
    _backup, source = made
    folder, backup = shared
    shop = folder / "shop"
    shop.mkdir()
    os.chown(shop, 0, COUNTERS)
    shop.chmod(0o3775 | 0o1000)
    target = copy_of(source, shop / "counter.db")
    damage_pages(target)
    for name in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
        if not name.exists():
            name.write_bytes(b"\0" * 4096)  # left by alice's counter when it crashed
        os.chown(name, ALICE, COUNTERS)
        name.chmod(0o660)
    results = [as_user(BOB, [COUNTERS], target, backup, folder / "home-bob") for _ in range(3)]
    left = [p.name for p in asides(shop)]
    assert left == [] or "done" in results[0], (results[0], left)
    if "done" not in results[0]:
        assert all("another account" in result.get("refused", "") for result in results)
        assert Path(f"{target}-wal").exists() and Path(f"{target}-shm").exists()


def test_a_database_whose_name_is_not_utf8_can_be_restored(made, tmp_path):
    """Linux names are bytes: b"caf\\xe9.db" (Latin-1, a copied USB stick) is a name the app
    opens (os.fsdecode gives it a lone surrogate). The aside's name was measured with
    str.encode(): UnicodeEncodeError, an "unexpected error" (third adversary review)."""
    backup, source = made
    target = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9.db"))
    copy_of(source, target)
    damage_pages(target)
    before = digest(target)
    done = restore(target, backup)
    assert table_sums(target) == table_sums(source)
    assert done.kept_aside is not None and digest(Path(done.kept_aside)) == before


def test_taking_back_a_failed_step_never_replaces_a_log_made_meanwhile(made, tmp_path, monkeypatch):
    """The database missing, its stale -wal beside it: the -wal goes aside, then the restored
    file is linked in, which fails when another counter made the database (in WAL mode)
    between the two steps. Taking the step back must not put the stale -wal over that
    counter's own (a rename would: its committed transactions lost, another database's log
    beside its file); the stale one stays where it was kept."""
    from desktop_app.data import backup as files

    backup, source = made
    target = base.crashed_copy(source, tmp_path)
    stale = Path(f"{target}-wal")
    stale_bytes = stale.read_bytes()
    target.unlink()
    real_link = os.link

    def another_counter_first(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(dst) == target:  # the other counter's database and its log, made meanwhile
            target.write_bytes(b"their database")
            Path(f"{target}-wal").write_bytes(b"their committed transactions")
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(files.os, "link", another_counter_first)
    with pytest.raises(BackupRefused):
        restore(target, backup)
    assert Path(f"{target}-wal").read_bytes() == b"their committed transactions"
    assert target.read_bytes() == b"their database"
    [kept] = [p for p in asides(target.parent) if p.name.endswith("-wal")]
    assert kept.read_bytes() == stale_bytes


def test_a_database_made_meanwhile_is_never_replaced(made, tmp_path, monkeypatch):
    """The database missing when the restore looked, made by another counter before the
    restored file comes in: the restore fails ("a file made meanwhile"), never replaces it."""
    from desktop_app.data import backup as files

    backup, _source = made
    target = tmp_path / "new" / "counter.db"
    real_take_mode = files._take_mode

    def another_counter_first(restored, old):  # type: ignore[no-untyped-def]
        real_take_mode(restored, old)
        if old is None:  # the last step before the restored file takes the name
            target.write_bytes(b"their new database")

    monkeypatch.setattr(files, "_take_mode", another_counter_first)
    with pytest.raises(BackupRefused):
        restore(target, backup)
    assert target.read_bytes() == b"their new database"
