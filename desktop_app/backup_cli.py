"""`repair-counter backup` and `repair-counter restore` (parsers in cli.py): a manager's, like
the report. A file that is not a backup this release can restore is refused before any password
is asked, with one line, and nothing is changed."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TextIO

from desktop_app.domain.backups import BackupRefused
from desktop_app.domain.people import Actor
from desktop_app.domain.text import N_
from desktop_app.services import Services

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


def _confirm(taken: str, jobs: int) -> None:
    if not sys.stdin.isatty():
        raise BackupRefused(
            N_(
                "restore replaces the whole database: add --yes to confirm when not on a "
                "terminal; nothing was changed"
            )
        )
    answer = input(
        f"Replace the database with the backup taken {taken} ({jobs:,} jobs)? The current "
        "database is kept aside next to it. [y/N] "
    )
    if answer.strip().lower() not in ("y", "yes"):
        raise BackupRefused(N_("not confirmed; nothing was changed"))
