"""The admin commands of `repair-counter` (migrate, demo, jobs, receipt), loaded only for them:
the window's start-up never imports this module or SQLAlchemy before its first paint."""

from __future__ import annotations

import argparse
import csv
import json
import os
import socket
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from sqlalchemy.exc import DBAPIError

from desktop_app.data.db import READ_ONLY, Database, open_database
from desktop_app.domain.compensation import CompensationSnapshot, job_days
from desktop_app.domain.errors import DatabaseBusy, DomainError, InvalidInput, ReadOnlyDatabase
from desktop_app.domain.forms import DueFilter, JobQuery
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS
from desktop_app.domain.people import SignInState
from desktop_app.domain.roles import Action
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.text import N_, Text, Translator, no_translation, one_or_many
from desktop_app.domain.vocabulary import CompensationState
from desktop_app.domain.workdays import DueState, WorkCalendar, repair_clock
from desktop_app.domain.workflow import REPAIR_CLOCK_RUNNING, STATUS_LABELS, Status
from desktop_app.services import Services
from desktop_app.services.demo_staff import DEMO_SHOP_HOTLINE, DEMO_SHOP_NAME, DemoStaff
from desktop_app.services.passwords import Passwords

if TYPE_CHECKING:
    from desktop_app.people_cli import PasswordReader

JOB_COLUMNS = (
    "number",
    "customer",
    "phone",
    "product",
    "serial",
    "status",
    "checked_in",
    "response_due",
    "repair_due",
    "working_days_left",
)


# The password hasher the commands use: production's argon2id (tests put cheaper parameters here).
password_hasher: Callable[[], Passwords] = Passwords


def run_admin(command: str, args: argparse.Namespace, url: str) -> int:
    if command == "restore":
        from desktop_app.backup_cli import restore_unusable
        from desktop_app.people_cli import PasswordReader, Refused

        try:
            reader = PasswordReader(args.password_stdin)
            restored = restore_unusable(args, url, password_hasher(), reader.read)
        except Refused as refused:  # standard input ended, or no terminal to ask on
            print(f"repair-counter: {refused}", file=sys.stderr)
            return 2
        if restored is not None:
            return restored
    database = open_database(url, use_empty_file=args.use_empty_file, read_only=args.read_only)
    try:
        # The package's calendar: a command runs once, and must not write the user's cache.
        passwords = password_hasher()
        services = Services.build(database, calendars=PACKAGE_CALENDARS, passwords=passwords)
        if command == "migrate":
            print(f"database ready: {database.engine.url.render_as_string(hide_password=True)}")
            if not database.is_sqlite and database.read_only is None:
                _complete_postgres_search(database)
            return 0
        if command == "demo" and database.read_only is not None:
            # Said before any credentials are asked: nothing could be written anyway.
            raise ReadOnlyDatabase(READ_ONLY, reason=database.read_only)
        if command in (
            "setup",
            "users",
            "demo",
            "report",
            "takings",
            "backup",
            "restore",
            "parts",
        ) or (command == "jobs" and (args.full_phone or args.output is not None)):
            return _refusing(command, args, database, services, passwords)
        if command == "jobs":
            return _jobs(args, services, sys.stdout, _table_translator(args, services))
        if command == "complaints":
            from desktop_app.complaints_cli import run_complaints

            return run_complaints(args, services, sys.stdout, _table_translator(args, services))
        if command == "consultations":
            from desktop_app.consultations_cli import run_consultations

            return run_consultations(services, args, sys.stdout, _table_translator(args, services))
        if command == "pickups":
            from desktop_app.pickup_cli import run_pickups

            return run_pickups(services, args, sys.stdout, _table_translator(args, services))
        if command == "postgres-roles":
            return _postgres_roles(args, database)
        if command == "receipt":
            from desktop_app.receipt_cli import write_receipt

            translate = _shop_translator(services.shop.settings().language)
            return write_receipt(services, args.job_number, args.kind, args.output, translate)
        raise AssertionError(command)
    finally:
        database.dispose()


def _complete_postgres_search(database: Database) -> None:
    """The search's trigram indexes, once the administrator has added pg_trgm; or what to ask
    for, while the search still scans."""
    from desktop_app.data.search_index import complete_postgres_search

    with database.engine.begin() as connection:
        problems = complete_postgres_search(connection)
    for problem in problems:
        print(f"note: {problem}")


def _table_translator(args: argparse.Namespace, services: Services) -> Translator:
    """The table is for people: the shop's language. JSON and CSV are for programs: keys."""
    if args.format == "table":
        return _shop_translator(services.shop.settings().language)
    return no_translation


def _refusing(
    command: str,
    args: argparse.Namespace,
    database: Database,
    services: Services,
    passwords: Passwords,
) -> int:
    """The commands that act as somebody or set people up: a refusal of any kind (no or wrong
    credentials, a role that may not, bad input, a database set up already) is exit status 2,
    with the message and nothing else."""
    from desktop_app.people_cli import PasswordReader, Refused, run_setup, run_users

    try:
        if command == "setup":
            return run_setup(services, args, PasswordReader(args.password_stdin))
        if command == "users":
            translate = (
                _table_translator(args, services)
                if args.users_command == "list"
                else no_translation
            )
            reader = PasswordReader(args.password_stdin)
            return run_users(services, args, reader, sys.stdout, translate)
        if command == "demo":
            return _demo(args, database, services, passwords)
        if command == "parts":
            from desktop_app.parts_cli import run_parts

            reader = PasswordReader(args.password_stdin if args.parts_command != "list" else False)
            translate = _table_translator(args, services)
            return run_parts(services, args, reader, sys.stdout, translate)
        reader = PasswordReader(args.password_stdin)
        if command == "report":
            return _report(args, services, reader)
        if command == "takings":
            return _takings(args, services, reader)
        if command in ("backup", "restore"):
            from desktop_app.backup_cli import run_backup, run_restore
            from desktop_app.people_cli import signed_in_manager

            run = run_backup if command == "backup" else run_restore
            return run(
                args,
                services,
                lambda: signed_in_manager(services, args, reader, Action.BACK_UP, command),
                sys.stdout,
            )
        if command == "jobs" and args.output is not None:
            return _export_jobs(args, services, reader)
        return _jobs(args, services, sys.stdout, _table_translator(args, services), reader)
    except Refused as refused:
        print(f"repair-counter: {refused}", file=sys.stderr)
        return 2
    except (DatabaseBusy, ReadOnlyDatabase):
        raise  # not a refusal of what was asked: exit 1 like every other command (cli.py)
    except DomainError as error:
        print(f"repair-counter: {error.render()}", file=sys.stderr)
        return 2


def _report(args: argparse.Namespace, services: Services, reader: PasswordReader) -> int:
    from desktop_app.people_cli import signed_in_manager
    from desktop_app.report_cli import check_output, period_from, run_report

    period_from(args)  # a mistyped period or file name is said before any password is asked
    check_output(args)
    people = args.output is not None or args.format == "table"
    translate = _shop_translator(services.shop.settings().language) if people else no_translation
    with signed_in_manager(services, args, reader, Action.VIEW_EVALUATION, "report") as manager:
        try:
            return run_report(args, services, manager, sys.stdout, translate)
        except BrokenPipeError:
            raise  # `report | head`: the reader stopped, no error (cli.main)
        except OSError as error:
            print(f"repair-counter: cannot write {args.output}: {error.strerror}", file=sys.stderr)
            return 1


def _takings(args: argparse.Namespace, services: Services, reader: PasswordReader) -> int:
    from desktop_app.services.common import local_now
    from desktop_app.takings_cli import run_takings

    people = args.output is not None or args.format == "table"
    translate = _shop_translator(services.shop.settings().language) if people else no_translation
    try:
        return run_takings(args, services, reader, sys.stdout, translate, local_now().date())
    except BrokenPipeError:
        raise
    except OSError as error:
        print(f"repair-counter: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1


def _export_jobs(args: argparse.Namespace, services: Services, reader: PasswordReader) -> int:
    """`jobs -o FILE.xlsx|FILE.csv`: the window's export (services/list_export.py), as the
    person named by --user; the full numbers for a manager only, on the record."""
    from desktop_app.domain.list_export import format_of
    from desktop_app.people_cli import Refused
    from desktop_app.receipts.job_list_export import write_job_list

    format_of(args.output)  # a wrong file name is said before any password is asked
    if args.limit or args.format != "table":
        raise Refused(
            "-o writes the whole list as its file name says: leave --limit and --format out"
        )
    if not args.user:
        raise Refused("jobs -o acts as a member of staff: add --user USERNAME")
    translate = _shop_translator(services.shop.settings().language)
    password = reader.read(f"{args.user}'s")
    actor = services.auth.sign_in(args.user, password)
    del password
    try:
        done = services.exports.export_list(
            _query_of(args),
            actor,
            args.output,
            lambda rows, path: write_job_list(rows, path, translate),
            full_phones=args.full_phone,
        )
    except OSError as error:
        print(f"repair-counter: cannot write {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        services.auth.sign_out(actor)
    recorded = " (full phone numbers: recorded)" if done.full_phones else ""
    print(f"{done.path}: {done.rows} jobs{recorded}")
    return 0


def _postgres_roles(args: argparse.Namespace, database: Database) -> int:
    from desktop_app.data.roles import RoleSetupError, secure_postgres

    password = os.environ.get("REPAIR_COUNTER_APP_PASSWORD", "")
    try:
        with database.engine.begin() as connection:
            done = secure_postgres(connection, args.owner, args.app, password)
    except RoleSetupError as error:
        print(f"repair-counter: {error}", file=sys.stderr)
        return 2
    except DBAPIError as error:
        print(f"repair-counter: the roles could not be set up: {error.orig}", file=sys.stderr)
        return 2
    app_url = database.engine.url.set(username=done.app, password=None)
    print(
        f"{len(done.tables)} tables now owned by {done.owner}; the counters connect as "
        f"{done.app}: {app_url.render_as_string(hide_password=True)}"
    )
    return 0


def _shop_translator(language: str) -> Translator:
    """Receipts and tables print in the shop's language (or the system's), as the window's do."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.ui.resources import install_translator, text_translator

    app = QCoreApplication.instance() or QCoreApplication([])
    install_translator(app, language)
    return text_translator()


MAX_DEMO_MONTHS = 1200


def _demo(
    args: argparse.Namespace, database: Database, services: Services, passwords: Passwords
) -> int:
    from desktop_app.people_cli import PasswordReader, Refused, invalid_text, signed_in_manager
    from desktop_app.services.demo import DemoGenerator
    from desktop_app.services.demo_staff import demo_password, set_up_demo_staff

    if args.jobs < 1:
        print("repair-counter: --jobs must be at least 1", file=sys.stderr)
        return 2
    if not 0 <= args.months <= MAX_DEMO_MONTHS:
        # Months back from today: past a few hundred years the dates leave the calendar.
        print(f"repair-counter: --months must be from 0 to {MAX_DEMO_MONTHS}", file=sys.stderr)
        return 2
    reader = PasswordReader(args.password_stdin or args.staff_password_stdin)
    with ExitStack() as signed_in:
        state = services.auth.state()
        if state is SignInState.NEEDS_MANAGER_PASSWORD:
            raise Refused(
                "this database's manager has not chosen a password yet: choose it in the "
                "window, then run demo with --user; nothing was changed"
            )
        if state is SignInState.READY:
            # The shop's people sign in: a manager account with a printed password is a change
            # to the people like `users add`, so it needs a manager's credentials as well.
            signed_in.enter_context(
                signed_in_manager(
                    services, args, reader, Action.MANAGE_USERS, "demo on a shop set up already"
                )
            )
        chosen = args.staff_password_stdin
        password = reader.read("the demo staff's") if chosen else demo_password()
        try:
            staff = set_up_demo_staff(
                database, services.auth, passwords, password, workstation=socket.gethostname()
            )
        except InvalidInput as invalid:
            raise Refused(invalid_text(invalid, {"password": "--staff-password-stdin"})) from None
    interactive = sys.stderr.isatty()
    progress = DemoProgress(sys.stderr, interactive, time.monotonic)
    generator = DemoGenerator(database, seed=args.seed, months=args.months)
    result = generator.run(args.jobs, datetime.now().replace(microsecond=0), progress)
    progress.finish()
    print(
        f"added {result.jobs:,} jobs and {result.events:,} events in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    _print_demo_staff(staff, password, sys.stdout)
    return 0


class DemoProgress:
    """The demo's progress on the terminal: the jobs written, the percentage and the time left.
    On a terminal one line rewritten in place, at most every REDRAW seconds; into a file or a
    pipe a line at each tenth of the way (ten lines for any size), so a log is not flooded."""

    REDRAW = 0.5
    LOGGED_STEPS = 10

    def __init__(self, out: TextIO, interactive: bool, clock: Callable[[], float]) -> None:
        self._out = out
        self._interactive = interactive
        self._clock = clock
        self._started = clock()
        self._drawn = -1.0
        self._logged = 0
        self._shown = False

    def __call__(self, done: int, total: int) -> None:
        now = self._clock()
        percent = 100 * done // total
        if self._interactive:
            if done < total and now - self._drawn < self.REDRAW:
                return
            self._drawn = now
        else:
            step = done * self.LOGGED_STEPS // total
            if step <= self._logged and done < total:
                return
            self._logged = step
        elapsed = now - self._started
        if done < total and done:
            left = f", about {_duration(elapsed * (total - done) / done)} left"
        elif done >= total:
            left = (
                f" in {_duration(elapsed)}; making the indexes, adding visits, calls, "
                "complaints, consultations"
            )
        else:
            left = ""
        line = f"  {done:,} / {total:,} jobs ({percent}%){left}"
        if self._interactive:
            self._out.write(f"\r\x1b[K{line}")
        else:
            self._out.write(line + "\n")
        self._out.flush()
        self._shown = True

    def finish(self) -> None:
        if self._interactive and self._shown:
            self._out.write("\n")
            self._out.flush()


def _duration(seconds: float) -> str:
    """ "45 s", "3 min 20 s"."""
    whole = max(0, round(seconds))
    if whole < 60:
        return f"{whole} s"
    return f"{whole // 60} min {whole % 60:02d} s"


def _print_demo_staff(staff: DemoStaff, password: str, out: TextIO) -> None:
    """Who to sign in as, and the password, last: what the person trying the app needs."""
    from desktop_app.people_cli import print_table

    if staff.shop_set_up:
        out.write(f"demonstration shop set up: {DEMO_SHOP_NAME}, hotline {DEMO_SHOP_HOTLINE}\n")
    opened = [a for a in staff.accounts if a.has_demo_password]
    kept = [a.username for a in staff.accounts if not a.has_demo_password]
    if opened:
        out.write("sign in as any of these:\n")
        rows = [[a.role.value, a.username, a.display_name] for a in opened]
        print_table(["role", "username", "display name"], rows, out)
    if kept:
        out.write(f"already there with a password of their own (unchanged): {', '.join(kept)}\n")
    if opened:
        out.write(f"password (the same for each): {password}\n")


def _iter_rows(
    services: Services,
    query: JobQuery,
    limit: int,
    before_shown: Callable[[list[JobRow]], None] | None = None,
) -> Iterator[JobRow]:
    """Every job the query finds (at most `limit`), a page at a time; `before_shown` is told
    each page's rows before any of them is yielded."""
    after = None
    yielded = 0
    while True:
        page = services.jobs.search(query, after=after, limit=1000)
        rows = list(page.rows[: limit - yielded] if limit else page.rows)
        if before_shown is not None and rows:
            before_shown(rows)
        for row in rows:
            yield row
            yielded += 1
        if (limit and yielded >= limit) or page.next_cursor is None:
            return
        after = page.next_cursor


def job_record(row: JobRow, calendar: WorkCalendar, now: datetime, full_phone: bool) -> dict:
    left: int | None = None
    if row.status in REPAIR_CLOCK_RUNNING:
        clock = repair_clock(calendar, row.repair_due_date, now.date())
        left = -clock.overdue_by if clock.state is DueState.OVERDUE else clock.working_days_left
    return {
        "number": row.number,
        "customer": row.customer_name,
        "phone": row.phone if full_phone else row.masked_phone,
        "product": row.product,
        "serial": row.serial,
        "status": row.status.value,
        "checked_in": row.checked_in_at.isoformat(sep=" "),
        "response_due": row.response_due_at.isoformat(sep=" "),
        "repair_due": row.repair_due_date.isoformat(),
        "working_days_left": left,
    }


def _jobs(
    args: argparse.Namespace,
    services: Services,
    out: TextIO,
    translate: Translator = no_translation,
    reader: PasswordReader | None = None,
) -> int:
    if args.limit < 0:
        print("repair-counter: --limit must be 0 (all) or more", file=sys.stderr)
        return 2
    if args.full_phone:
        from desktop_app.people_cli import signed_in_manager

        assert reader is not None
        what = "jobs --full-phone"
        with signed_in_manager(services, args, reader, Action.LIST_FULL_PHONES, what) as manager:
            # Each page's jobs are recorded as looked at by the manager before it is printed,
            # as the window records a look before it shows the number.
            return _list_jobs(
                args,
                services,
                out,
                translate,
                lambda rows: services.jobs.reveal_phones(manager, [row.id for row in rows]),
            )
    return _list_jobs(args, services, out, translate, None)


def _list_jobs(
    args: argparse.Namespace,
    services: Services,
    out: TextIO,
    translate: Translator,
    before_shown: Callable[[list[JobRow]], None] | None,
) -> int:
    query = _query_of(args)
    calendar = services.shop.calendar()
    now = datetime.now()
    pairs = (
        (row.id, job_record(row, calendar, now, args.full_phone))
        for row in _iter_rows(services, query, args.limit, before_shown)
    )
    records = (record for _job_id, record in pairs)
    if args.format == "json":
        listed = _with_clocks(list(pairs), services, calendar, now)
        json.dump(listed, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write("\ufeff")  # the byte-order mark: Excel on a Chinese Windows needs it
        writer = csv.DictWriter(out, fieldnames=JOB_COLUMNS)
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_table(list(records), out, translate)
    return 0


def _query_of(args: argparse.Namespace) -> JobQuery:
    return JobQuery(
        text=args.search,
        statuses=frozenset(Status(s) for s in args.status or ()),
        due=DueFilter.OVERDUE if args.overdue else None,
    )


def _with_clocks(
    pairs: list[tuple[int, dict]], services: Services, calendar: WorkCalendar, now: datetime
) -> list[dict]:
    """The json listing's clocks and compensation for each job (issue 13), read a thousand jobs
    at a time."""
    for start in range(0, len(pairs), 1000):
        chunk = pairs[start : start + 1000]
        facts = services.compensation.job_facts([job_id for job_id, _record in chunk])
        for job_id, record in chunk:
            clocks, returned_at, compensation = facts[job_id]
            taken, late = job_days(calendar, clocks, returned_at, now)
            record.update(
                first_response_at=_iso(clocks.first_response_at),
                ready_at=_iso(clocks.ready_at),
                returned_at=_iso(returned_at),
                working_days_taken=taken,
                late_by_working_days=late,
                compensation=_compensation_json(compensation),
            )
    return [record for _job_id, record in pairs]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ") if value is not None else None


def _compensation_json(compensation: CompensationSnapshot | None) -> dict | None:
    if compensation is None:
        return None
    decided = compensation.state is not CompensationState.PROPOSED
    offers = compensation.decided if decided else compensation.proposed
    return {
        "state": compensation.state.value,
        "missed": [item.to_json() for item in compensation.missed],
        "offers": [offer.to_json() for offer in offers],
        "reason": compensation.reason,
        "decided_by": compensation.decided_by or None,
        "decided_at": _iso(compensation.decided_at),
    }


TABLE_HEADERS = (
    N_("number"),
    N_("customer"),
    N_("phone"),
    N_("product"),
    N_("serial"),
    N_("status"),
    N_("checked in"),
    N_("repair due"),
    N_("working days"),
)


def _left_text(value: int | None, translate: Translator) -> str:
    if value is None:
        return "-"
    if value < 0:
        return Text(N_("overdue {days}"), days=-value).render(translate)
    if value == 0:
        return translate(N_("due today"))
    return Text(N_("{days} left"), days=value).render(translate)


def _print_table(records: list[dict], out: TextIO, translate: Translator) -> None:
    headers = [translate(header) for header in TABLE_HEADERS]
    table = [
        [
            r["number"],
            r["customer"],
            r["phone"],
            r["product"],
            r["serial"],
            translate(STATUS_LABELS[Status(r["status"])]),
            r["checked_in"][:16],
            r["repair_due"],
            _left_text(r["working_days_left"], translate),
        ]
        for r in records
    ]
    widths = [
        max([_display_width(h)] + [_display_width(row[i]) for row in table])
        for i, h in enumerate(headers)
    ]
    for line in [headers, *table]:
        out.write(
            "  ".join(
                cell + " " * (w - _display_width(cell))
                for cell, w in zip(line, widths, strict=True)
            ).rstrip()
            + "\n"
        )
    jobs = one_or_many(len(table), one=N_("({count} job)"), many=N_("({count} jobs)"))
    out.write(Text(jobs, count=len(table)).render(translate) + "\n")


def _display_width(text: str) -> int:
    """Chinese characters take two terminal columns."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
