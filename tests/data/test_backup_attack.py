"""Hostile backup files (adversary of issue 15): a manifest that lies, a file that decompresses
far past what it declares, a database of ours by its mark but not by its tables, and manifests
whose values do not fit a number or a date. Each is refused with nothing changed, and a bad
file in the backups folder never stops the listing, the automatic backup or its rotation."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import pytest

from desktop_app.data.backup import MAGIC
from tests.data import test_backup as base
from tests.helpers import actor

# The demo shop of test_backup.py, and its check that a refusal changed nothing.
backups_dir = base.backups_dir
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
