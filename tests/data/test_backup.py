"""Backups of a SQLite database and putting them back (data/backup.py, services/backup.py): a
round trip keeps every row of every table; a file that is not ours, damaged, truncated or from a
newer release is refused with nothing changed; a backup killed halfway leaves nothing under a
backup's name; the automatic backup runs once a day and the rotation keeps exactly its files."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

# Every table's row count and a checksum of its rows: the benchmark's round trip makes the same
# comparison on 100,000 jobs.
from bench.backup import table_sums
from desktop_app.data.backup import (
    MAGIC,
    backup_folder,
    list_backups,
    read_manifest,
    rotate,
)
from desktop_app.data.db import Database, latest_revision, open_database
from desktop_app.domain.backups import BackupRefused, Rotation
from desktop_app.domain.errors import NotOurFile, NotPermitted
from desktop_app.domain.roles import Role
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, add_user

pytestmark = pytest.mark.usefixtures("backups_dir")

NOW = datetime(2026, 11, 25, 9, 0)
JOBS = 300


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database (JOBS jobs, every table with rows), copied by each test that changes it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = open_database(f"sqlite:///{path}")
    try:
        DemoGenerator(database, seed=15, months=3).run(JOBS, NOW)
    finally:
        database.dispose()
    return path


@pytest.fixture
def shop(demo_file: Path, tmp_path: Path) -> Iterator[tuple[Path, Database, Services, FakeClock]]:
    path = tmp_path / "shop" / "counter.db"
    path.parent.mkdir()
    copy = sqlite3.connect(path)
    source = sqlite3.connect(demo_file)
    source.backup(copy)
    source.close()
    copy.close()
    database = open_database(f"sqlite:///{path}")
    clock = FakeClock(NOW)
    services = Services.build(database, clock, passwords=FAST_PASSWORDS, workstation="test")
    try:
        yield path, database, services, clock
    finally:
        database.dispose()


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


# --- the round trip -----------------------------------------------------------------------------


def test_a_backup_and_its_restore_keep_every_row_of_every_table(shop) -> None:
    path, database, services, clock = shop
    manager = actor(services, "manager")
    before = table_sums(path)
    assert before["jobs"][0] == JOBS and before["job_events"][0] > JOBS
    made = services.backup.back_up(manager)
    backup = Path(made.path)
    assert backup.parent == backup_folder(path) and made.job_count == JOBS
    manifest = read_manifest(backup)
    assert manifest.tables == {name: count for name, (count, _sum) in before.items()}
    # The day goes on: the parts and labour lines deleted (by hand, a bug) change it.
    with database.write() as session:
        session.execute(text("DELETE FROM job_lines"))
    assert table_sums(path) != before
    clock.advance(hours=2)
    done = services.backup.restore(actor(services, "manager"), str(backup))
    assert table_sums(path) == before
    assert done.job_count == JOBS and done.kept_aside is not None
    aside = Path(done.kept_aside)
    assert aside.parent == path.parent and aside.name.startswith("counter.db.before-restore-")
    assert table_sums(aside)["job_lines"][0] == 0  # the replaced database, as it was


def test_the_backup_is_compressed_and_says_what_it_holds(shop) -> None:
    path, _database, services, _clock = shop
    made = services.backup.back_up(actor(services, "manager"))
    raw = Path(made.path).read_bytes()
    assert raw.startswith(MAGIC)
    manifest = json.loads(raw[len(MAGIC) :].split(b"\n", 1)[0])
    assert manifest["app"] == "repair-counter" and manifest["revision"] == latest_revision()
    assert manifest["job_count"] == JOBS and manifest["created_at"] == "2026-11-25T09:00:00"
    assert made.size < path.stat().st_size / 2
    [listed] = services.backup.backups(actor(services, "manager"))
    assert (listed.job_count, listed.size, listed.automatic) == (JOBS, made.size, False)


def test_only_a_manager_backs_up_or_restores(shop) -> None:
    _path, _database, services, _clock = shop
    clerk = add_user(services, "clerk9", "王晓红", Role.CLERK)
    with pytest.raises(NotPermitted):
        services.backup.back_up(clerk)
    with pytest.raises(NotPermitted):
        services.backup.backups(clerk)
    made = services.backup.back_up(actor(services, "manager"))
    with pytest.raises(NotPermitted):
        services.backup.restore(clerk, made.path)


# --- refusals: nothing changed ------------------------------------------------------------------


def refused_and_unchanged(services: Services, path: Path, backup: Path) -> str:
    manager = actor(services, "manager")  # signing in writes: before the database is looked at
    before, sums = file_bytes(path), table_sums(path)
    backup_before = backup.read_bytes() if backup.exists() else None
    with pytest.raises(BackupRefused) as refused:
        services.backup.restore(manager, str(backup))
    assert table_sums(path) == sums
    assert file_bytes(path) == before
    assert (backup.read_bytes() if backup.exists() else None) == backup_before
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(
        p.name for p in path.parent.iterdir() if not p.name.startswith(".restore-")
    )
    assert not any(".before-restore-" in p.name for p in path.parent.iterdir())
    return str(refused.value)


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_changes(shop, tmp_path) -> None:
    path, _database, services, _clock = shop
    for name, content in (
        ("notes.txt", "客户名单\n".encode()),
        ("empty.rcbackup", b""),
        ("other.db", (path.read_bytes())[:4096]),  # a database is not a backup
        ("gz.rcbackup", gzip.compress(b"hello")),
    ):
        stranger = tmp_path / name
        stranger.write_bytes(content)
        message = refused_and_unchanged(services, path, stranger)
        assert "is not a Repair Counter backup" in message, name


def test_a_truncated_or_damaged_backup_is_refused_and_nothing_changes(shop, tmp_path) -> None:
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    whole = made.read_bytes()
    truncated = tmp_path / "truncated.rcbackup"
    truncated.write_bytes(whole[: len(whole) * 2 // 3])
    assert "damaged or incomplete" in refused_and_unchanged(services, path, truncated)
    flipped = bytearray(whole)
    flipped[len(whole) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.rcbackup"
    damaged.write_bytes(bytes(flipped))
    assert "damaged or incomplete" in refused_and_unchanged(services, path, damaged)
    # A manifest edited to match nothing inside: the database inside differs.
    head, manifest, body = whole.split(b"\n", 2)
    edited = json.loads(manifest)
    edited["sha256"] = "0" * 64
    lying = tmp_path / "lying.rcbackup"
    lying.write_bytes(head + b"\n" + json.dumps(edited).encode() + b"\n" + body)
    assert "differs" in refused_and_unchanged(services, path, lying)


def test_a_backup_from_a_newer_release_is_refused_and_nothing_changes(shop, tmp_path) -> None:
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    head, manifest, body = made.read_bytes().split(b"\n", 2)
    newer = json.loads(manifest)
    newer["revision"] = "0099"
    future = tmp_path / "future.rcbackup"
    future.write_bytes(head + b"\n" + json.dumps(newer).encode() + b"\n" + body)
    message = refused_and_unchanged(services, path, future)
    assert "newer Repair Counter" in message and "0099" in message


def test_a_backup_never_replaces_a_file_it_did_not_make(shop, tmp_path) -> None:
    _path, _database, services, _clock = shop
    manager = actor(services, "manager")
    theirs = tmp_path / "head-office.rcbackup"
    theirs.write_bytes(b"someone else's")
    with pytest.raises(NotOurFile):
        services.backup.back_up(manager, str(theirs))
    assert theirs.read_bytes() == b"someone else's"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".head-office")] == []
    ours = tmp_path / "ours.rcbackup"
    services.backup.back_up(manager, str(ours))
    first = ours.read_bytes()
    services.backup.back_up(manager, str(ours))  # a backup of ours: replaced
    assert ours.read_bytes().startswith(MAGIC) and read_manifest(ours).job_count == JOBS
    assert len(first) > 0


# --- kill -9 halfway ----------------------------------------------------------------------------

_KILLED_HALFWAY = """
import sys
from datetime import datetime
from pathlib import Path
from desktop_app.data import backup

source, folder = Path(sys.argv[1]), Path(sys.argv[2])
manifest, write, clean_up = backup.write_backup(
    source, folder, automatic=True, created_at=datetime(2026, 11, 25, 9, 0)
)

def half_then_wait(out):
    class Half:
        def __init__(self):
            self.written = 0
        def write(self, data):
            out.write(data)
            self.written += len(data)
            if self.written > 100_000:
                out.flush()
                print("HALF", flush=True)
                sys.stdin.read()  # killed here
            return len(data)
        def flush(self):
            out.flush()
    write(Half())

backup.write_new_file(folder, backup.backup_name(manifest.created_at, automatic=True),
                      half_then_wait)
"""


def test_a_backup_killed_halfway_leaves_no_file_under_a_backups_name(shop) -> None:
    path, _database, services, _clock = shop
    folder = backup_folder(path)
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_HALFWAY, str(path), str(folder)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    ) as child:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"HALF"
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    leftovers = sorted(p.name for p in folder.iterdir())
    assert leftovers and all(name.startswith((".partial-", ".snapshot-")) for name in leftovers)
    assert list_backups(folder) == []
    # The next backup is whole, and the one killed is not listed nor restorable.
    made = services.backup.back_up(actor(services, "manager"))
    assert [b.path for b in list_backups(folder)] == [made.path]


# --- the automatic backup and the rotation ------------------------------------------------------


def test_the_automatic_backup_runs_once_a_day_at_start_and_at_every_quit(shop) -> None:
    path, _database, services, clock = shop
    folder = backup_folder(path)
    first = services.backup.auto_backup(at_start=True)
    assert first is not None
    clock.advance(hours=3)
    assert services.backup.auto_backup(at_start=True) is None  # the same day: nothing
    assert len(list_backups(folder)) == 1
    clock.advance(hours=8)
    quit_backup = services.backup.auto_backup(at_start=False)  # quitting: always
    assert quit_backup is not None
    clock.advance(hours=14)  # the next morning
    assert services.backup.auto_backup(at_start=True) is not None
    assert services.backup.auto_backup(at_start=True) is None
    # The rotation keeps the newest of each day: the day's first backup went at the quit.
    taken = [b.created_at for b in list_backups(folder)]
    assert taken == [datetime(2026, 11, 26, 10, 0), datetime(2026, 11, 25, 20, 0)]


def test_an_automatic_backup_uses_the_shops_rotation(shop) -> None:
    from dataclasses import replace

    path, _database, services, clock = shop
    manager = actor(services, "manager")
    settings = services.shop.settings()
    services.shop.save_settings(
        replace(settings, backup_keep_daily=2, backup_keep_weekly=0, backup_keep_monthly=0),
        manager,
    )
    asked_for = services.backup.back_up(manager)
    for _day in range(5):
        services.backup.auto_backup(at_start=True)
        clock.advance(days=1)
    kept = list_backups(backup_folder(path))
    automatic = [b.created_at.date() for b in kept if b.automatic]
    assert automatic == [date(2026, 11, 29), date(2026, 11, 28)]
    assert asked_for.path in [b.path for b in kept]  # asked for: never rotated away


def test_the_rotation_keeps_exactly_the_right_files_across_a_year(shop, tmp_path) -> None:
    """A backup a day for a year (a real one's manifest with its date changed):
    after each day's rotation, exactly the newest 7 days, the newest of the last 4 ISO weeks
    and of the last 12 months are there, and a file of someone else's is never touched."""
    _path, _database, services, _clock = shop
    real = Path(services.backup.back_up(actor(services, "manager")).path)
    head, manifest, _body = real.read_bytes().split(b"\n", 2)
    template = json.loads(manifest)
    template["automatic"] = True
    body = b"(the database: the rotation reads the manifests only)"
    folder = tmp_path / "year"
    folder.mkdir()
    stranger = folder / "20260101-000000-auto.rcbackup"
    stranger.write_bytes(b"not ours, though named like ours")
    start = date(2026, 1, 1)
    rotation = Rotation(daily=7, weekly=4, monthly=12)
    for offset in range(365):
        day = start + timedelta(days=offset)
        taken = datetime.combine(day, datetime.min.time()) + timedelta(hours=18)
        template["created_at"] = taken.isoformat()
        file = folder / f"{taken:%Y%m%d-%H%M%S}-auto.rcbackup"
        file.write_bytes(head + b"\n" + json.dumps(template).encode() + b"\n" + body)
        rotate(folder, rotation)
        kept = {b.created_at.date() for b in list_backups(folder)}
        assert kept == expected_days(start, day), day
    assert stranger.read_bytes() == b"not ours, though named like ours"
    last = start + timedelta(days=364)  # 2026-12-31, a Thursday
    assert sorted(expected_days(start, last)) == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
        date(2026, 5, 31),
        date(2026, 6, 30),
        date(2026, 7, 31),
        date(2026, 8, 31),
        date(2026, 9, 30),
        date(2026, 10, 31),
        date(2026, 11, 30),
        date(2026, 12, 13),  # Sundays: the newest of their ISO weeks
        date(2026, 12, 20),
        *(date(2026, 12, d) for d in range(25, 32)),
    ]


def expected_days(start: date, today: date) -> set[date]:
    """What a daily backup since `start` should leave on `today`, worked out day by day."""
    days = [start + timedelta(days=n) for n in range((today - start).days + 1)]
    daily = set(days[-7:])
    last_of_week: dict[tuple[int, int], date] = {}
    last_of_month: dict[tuple[int, int], date] = {}
    for day in days:
        last_of_week[day.isocalendar()[:2]] = day
        last_of_month[(day.year, day.month)] = day
    weekly = set(sorted(last_of_week.values())[-4:])
    monthly = set(sorted(last_of_month.values())[-12:])
    return daily | weekly | monthly


def test_a_restore_to_a_database_that_another_counter_has_open_is_safe(shop) -> None:
    """A second counter (another connection) has the file open: the restore waits for its
    write to finish and then replaces the data in one transaction; that counter then reads the
    restored data, never a half-written file."""
    path, _database, services, _clock = shop
    manager = actor(services, "manager")
    made = services.backup.back_up(manager)
    before = table_sums(path)
    other = open_database(f"sqlite:///{path}")
    try:
        with other.write() as session:
            session.execute(text("DELETE FROM job_lines"))
        with other.read() as session:
            assert session.execute(text("SELECT count(*) FROM job_lines")).scalar() == 0
        services.backup.restore(actor(services, "manager"), made.path)
        with other.read() as session:
            restored = session.execute(text("SELECT count(*) FROM job_lines")).scalar()
        assert restored == before["job_lines"][0] > 0
        with other.read() as session:
            check = session.execute(text("PRAGMA integrity_check")).scalar()
        assert check == "ok"
    finally:
        other.dispose()


def test_a_restore_that_cannot_get_the_write_lock_changes_nothing(shop, monkeypatch) -> None:
    """Another counter holds the write lock past the busy timeout: the restore is refused as a
    whole, and the database is as it was."""
    from desktop_app.data import backup as backup_files

    path, _database, services, _clock = shop
    manager = actor(services, "manager")
    made = services.backup.back_up(manager)
    manager = actor(services, "manager")
    before = table_sums(path)
    monkeypatch.setattr(backup_files, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("DELETE FROM job_lines")  # not committed
        with pytest.raises(BackupRefused, match="the database is unchanged"):
            services.backup.restore(manager, made.path)
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert table_sums(path) == before
