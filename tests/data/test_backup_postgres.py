"""PostgreSQL backups: `repair-counter backup` runs pg_dump --format=custom (the password in
PGPASSWORD, never on the command line), and the dump restored with pg_restore into an empty
database holds every row of every table; without pg_dump the backup is refused with how to make
one; a restore from the counter is refused, pointing to pg_restore."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from desktop_app.data import backup as backup_files
from desktop_app.data.db import open_database
from desktop_app.domain.backups import BackupRefused
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor

NOW = datetime(2026, 11, 25, 9, 0)


def _libpq(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def table_sums(url: str) -> dict[str, tuple[int, str]]:
    with psycopg.connect(_libpq(url)) as connection:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        sums: dict[str, tuple[int, str]] = {}
        for name in names:
            count, digest = connection.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))"
                f' FROM "{name}" t'
            ).fetchone()  # type: ignore[misc]
            sums[name] = (count, digest)
        return sums


@pytest.mark.postgres
def test_the_pg_dump_custom_archive_restores_every_row_with_pg_restore(
    postgres_server: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("pg_dump and pg_restore are not installed")
    monkeypatch.setenv("REPAIR_COUNTER_BACKUP_DIR", str(tmp_path / "backups"))
    source_url = postgres_server.create_database()
    target_url = postgres_server.create_database()
    database = open_database(source_url)
    try:
        DemoGenerator(database, seed=15, months=2).run(200, NOW)
        services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
        manager = actor(services, "manager")
        made = services.backup.back_up(manager)
        dump = Path(made.path)
        assert dump.suffix == ".dump" and dump.read_bytes().startswith(b"PGDMP")
        before = table_sums(source_url)
        assert before["jobs"][0] == 200
        target = make_url(target_url)
        subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--host",
                str(target.host),
                "--port",
                str(target.port),
                "--username",
                str(target.username),
                "--dbname",
                str(target.database),
                str(dump),
            ],
            check=True,
            capture_output=True,
        )
        assert table_sums(target_url) == before
        # The counter does not restore PostgreSQL itself: it says how.
        with pytest.raises(BackupRefused, match="pg_restore"):
            services.backup.restore(manager, str(dump))
        # -o FILE over a file that is not a dump of ours: refused, left as it was.
        theirs = tmp_path / "theirs.dump"
        theirs.write_bytes(b"not a dump")
        with pytest.raises(Exception, match="not made by Repair Counter"):
            services.backup.back_up(manager, str(theirs))
        assert theirs.read_bytes() == b"not a dump"
    finally:
        database.dispose()
        postgres_server.drop_database(source_url)
        postgres_server.drop_database(target_url)


def test_the_password_goes_in_pgpassword_never_on_the_command_line() -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    url = make_url("postgresql+psycopg://counter:s3cret-pw@db.example:6543/shop")
    arguments, environment = backup_files.pg_dump_command(url)
    assert not any("s3cret-pw" in argument for argument in arguments)
    assert environment["PGPASSWORD"] == "s3cret-pw"
    assert arguments[1:] == [
        "--format=custom",
        "--no-password",
        "--host",
        "db.example",
        "--port",
        "6543",
        "--username",
        "counter",
        "--dbname",
        "shop",
    ]


def test_without_pg_dump_the_backup_is_refused_saying_how(monkeypatch) -> None:
    monkeypatch.setattr(backup_files.shutil, "which", lambda _name: None)
    with pytest.raises(BackupRefused) as refused:
        backup_files.pg_dump_command(make_url("postgresql://u@h/d"))
    assert "pg_dump is not installed" in str(refused.value)
    assert "pg_dump --format=custom" in str(refused.value)
