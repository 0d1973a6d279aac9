"""Hostile backup files (adversary of issue 15): a manifest that lies, a file that decompresses
far past what it declares, a database of ours by its mark but not by its tables, and manifests
whose values do not fit a number or a date. Each is refused with nothing changed, and a bad
file in the backups folder never stops the listing, the automatic backup or its rotation."""

from __future__ import annotations

import errno
import gzip
import hashlib
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from desktop_app.data.backup import MAGIC
from desktop_app.data.location import SQLITE_APPLICATION_ID
from desktop_app.domain.backups import BackupRefused
from tests.data import test_backup as base
from tests.helpers import actor

# The demo shop of test_backup.py, and its check that a refusal changed nothing.
demo_file = base.demo_file
shop = base.shop
refused_and_unchanged = base.refused_and_unchanged


def forged(path: Path, manifest: dict, database: bytes) -> Path:
    """A backup file whose manifest matches `database` (size and SHA-256), with other values
    as given."""
    fields = dict(manifest)
    fields["size"] = len(database)
    fields["sha256"] = hashlib.sha256(database).hexdigest()
    path.write_bytes(
        MAGIC + json.dumps(fields).encode() + b"\n" + gzip.compress(database, compresslevel=1)
    )
    return path


def manifest_of(backup: Path) -> dict:
    return json.loads(backup.read_bytes()[len(MAGIC) :].split(b"\n", 1)[0])


def with_field(backup: Path, key: str, raw: str) -> bytes:
    """`backup`'s bytes with manifest field `key` set to the JSON text `raw`."""
    head, manifest, body = backup.read_bytes().split(b"\n", 2)
    fields = json.loads(manifest)
    fields[key] = "@@"
    edited = json.dumps(fields).replace('"@@"', raw)
    return head + b"\n" + edited.encode() + b"\n" + body


@pytest.mark.parametrize(
    ("key", "raw"),
    [
        ("size", "1e400"),
        ("job_count", "1e400"),
        ("tables", '{"jobs": 1e999}'),
        ("size", "-5"),
        ("job_count", "true"),
        ("created_at", '"2026-11-26T09:00:00+08:00"'),
        ("tables", "[" * 100_000 + "]" * 100_000),
    ],
)
def test_a_manifest_value_that_fits_no_count_or_date_is_refused_and_never_breaks_the_list(
    shop, tmp_path, key, raw
) -> None:
    path, _database, services, _clock = shop
    manager = actor(services, "manager")
    made = Path(services.backup.back_up(manager).path)
    # In the backups folder itself, newest of all: the listing, the automatic backup at start
    # and its rotation read every file there.
    planted = made.parent / "20991231-235959-auto.rcbackup"
    planted.write_bytes(with_field(made, key, raw))
    message = refused_and_unchanged(services, path, planted)
    assert "damaged or incomplete" in message and "manifest unreadable" in message
    assert [b.path for b in services.backup.backups(manager)] == [str(made)]
    assert services.backup.auto_backup(at_start=True) is not None
    assert planted.exists()  # not ours to judge: left alone, only not listed


def sqlite_bytes(path: Path, statements: list[str]) -> bytes:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path.read_bytes()


def test_a_database_of_ours_by_its_mark_but_not_its_tables_is_refused(shop, tmp_path) -> None:
    """A manifest forged to match another SQLite file (our application_id, a table of notes):
    before, its size and SHA-256 were all that was checked, and it replaced the shop's data."""
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    stranger = sqlite_bytes(
        tmp_path / "stranger.db",
        [f"PRAGMA application_id = {SQLITE_APPLICATION_ID}", "CREATE TABLE notes (body TEXT)"],
    )
    bad = forged(tmp_path / "stranger.rcbackup", manifest_of(made), stranger)
    assert "not the one its manifest describes" in refused_and_unchanged(services, path, bad)


def test_a_manifest_lying_about_the_revision_inside_is_refused(shop, tmp_path) -> None:
    """The database inside at a revision this release does not know (a newer one), its
    manifest edited to say ours: restoring it would leave a database the counter cannot open."""
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    inside = tmp_path / "inside.db"
    inside.write_bytes(gzip.decompress(made.read_bytes().split(b"\n", 2)[2]))
    newer = sqlite_bytes(inside, ["UPDATE alembic_version SET version_num = '0099'"])
    bad = forged(tmp_path / "newer-inside.rcbackup", manifest_of(made), newer)
    assert "not the one its manifest describes" in refused_and_unchanged(services, path, bad)


class CountingGzip(gzip.GzipFile):
    inflated = 0

    def read(self, size: int = -1) -> bytes:
        block = super().read(size)
        CountingGzip.inflated += len(block)
        return block


def test_a_backup_that_inflates_far_past_its_manifest_is_stopped_early(
    shop, tmp_path, monkeypatch
) -> None:
    """A gzip bomb: a small file that inflates to 256 MiB, its manifest saying 4 KiB. It was
    inflated whole onto the disk beside the database before the size was compared."""
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    fields = manifest_of(made)
    fields["size"] = 4096
    bomb = tmp_path / "bomb.rcbackup"
    with bomb.open("wb") as out:
        out.write(MAGIC + json.dumps(fields).encode() + b"\n")
        with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packed:
            zeros = bytes(1 << 20)
            for _ in range(256):
                packed.write(zeros)
    assert bomb.stat().st_size < 1 << 20
    monkeypatch.setattr(gzip, "GzipFile", CountingGzip)
    assert "differs" in refused_and_unchanged(services, path, bomb)
    assert 0 < CountingGzip.inflated <= 2 << 20


def test_a_backup_to_a_folder_that_does_not_exist_is_refused_not_made(shop, tmp_path) -> None:
    """`-o /media/usbb/shop.rcbackup` (a typo, or the stick not mounted): the folders were made
    on the local disk and the backup written there, reported as done."""
    _path, _database, services, _clock = shop
    missing = tmp_path / "usbb" / "nightly" / "shop.rcbackup"
    with pytest.raises(BackupRefused) as refused:
        services.backup.back_up(actor(services, "manager"), str(missing))
    assert "no backup was made" in str(refused.value)
    assert not (tmp_path / "usbb").exists()


class FullDisk(io.BufferedWriter):
    def write(self, data) -> int:  # type: ignore[no-untyped-def,override]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_during_a_restore_is_not_called_a_damaged_backup(
    shop, tmp_path, monkeypatch
) -> None:
    """The disk beside the database fills while the backup is unpacked: the message said the
    backup was damaged and to choose another, so a good backup would be thrown away."""
    path, _database, services, _clock = shop
    made = Path(services.backup.back_up(actor(services, "manager")).path)
    real_fdopen = os.fdopen

    def full(descriptor: int, mode: str = "r", *args, **kwargs):  # type: ignore[no-untyped-def]
        if mode == "wb":
            return FullDisk(io.FileIO(descriptor, "wb"))
        return real_fdopen(descriptor, mode, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", full)
    message = refused_and_unchanged(services, path, made)
    assert "could not be restored" in message and "No space left on device" in message
    assert "damaged" not in message
