"""`repair-counter backup` and `repair-counter restore` (parsers in cli.py): a manager's, like
the report. A file that is not a backup this release can restore is refused before any password
is asked, with one line, and nothing is changed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TextIO

from desktop_app.data.location import DatabaseLocation
from desktop_app.domain.backups import BackupRefused
from desktop_app.domain.errors import DomainError
from desktop_app.domain.people import Actor
from desktop_app.domain.text import N_, Verbatim
from desktop_app.services import Services
from desktop_app.services.passwords import Passwords

# The manager named by --user, signed in for the command (people_cli.signed_in_manager).
SignIn = Callable[[], AbstractContextManager[Actor]]


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def run_backup(args: argparse.Namespace, services: Services, sign_in: SignIn, out: TextIO) -> int:
    with sign_in() as manager:
        made = services.backup.back_up(manager, args.output)
    jobs = f"{made.job_count:,} jobs, " if made.job_count >= 0 else ""
    out.write(f"backed up to {made.path} ({jobs}{_size(made.size)}, {made.seconds:.1f} s)\n")
    return 0


def run_restore(args: argparse.Namespace, services: Services, sign_in: SignIn, out: TextIO) -> int:
    found = services.backup.describe(args.file)  # refused here: nothing asked, nothing changed
    with sign_in() as manager:
        if not args.yes:
            _confirm(found.created_at.isoformat(sep=" "), found.job_count)
        done = services.backup.restore(manager, args.file)
    aside = f"; the database it replaced is kept as {done.kept_aside}" if done.kept_aside else ""
    out.write(f"restored {done.restored} ({done.job_count:,} jobs){aside}\n")
    return 0


def restore_unusable(
    args: argparse.Namespace,
    url: str,
    passwords: Passwords,
    read_password: Callable[[str], str],
) -> int | None:
    """`restore` onto a SQLite database nobody can sign in to (damaged, empty, missing, never
    set up): the person signs in as a manager of the backup (services/recovery.py). None when
    the database opens and has its people: the ordinary restore, as one of its managers."""
    from desktop_app.services.recovery import (
        describe,
        restore_unusable_database,
        why_unusable,
    )

    location = DatabaseLocation.parse(url)
    path = location.sqlite_file if location.backend == "sqlite" and location.plain else None
    if path is None or args.read_only:
        return None
    reason = why_unusable(path)
    if reason is None:
        return None
    try:
        found = describe(args.file)  # refused here: nothing asked, nothing changed
        if not args.user:
            raise BackupRefused(
                N_(
                    "{path} cannot be used ({reason}), so the backup is restored by one of its "
                    "own managers: add --user USERNAME (a manager in the backup; the password is "
                    "asked on the terminal, or read from standard input with --password-stdin)"
                ),
                path=Verbatim(path),
                reason=reason,
            )
        password = read_password(f"{args.user}'s (in the backup)")
        if not args.yes:
            _confirm(
                found.created_at.isoformat(sep=" "),
                found.job_count,
                f"{path} cannot be used ({reason.render()}). ",
            )
        done = restore_unusable_database(
            path, args.file, args.user, password, passwords=passwords, now=datetime.now()
        )
    except DomainError as error:
        print(f"repair-counter: {error.render()}", file=sys.stderr)
        return 2
    aside = f"; the file that was there is kept as {done.kept_aside}" if done.kept_aside else ""
    sys.stdout.write(f"restored {done.restored} ({done.job_count:,} jobs){aside}\n")
    return 0


def _confirm(taken: str, jobs: int, why: str = "") -> None:
    if not sys.stdin.isatty():
        raise BackupRefused(
            N_(
                "restore replaces the whole database: add --yes to confirm when not on a "
                "terminal; nothing was changed"
            )
        )
    answer = input(
        f"{why}Replace the database with the backup taken {taken} ({jobs:,} jobs)? The current "
        "database is kept aside next to it. [y/N] "
    )
    if answer.strip().lower() not in ("y", "yes"):
        raise BackupRefused(N_("not confirmed; nothing was changed"))
