"""The `repair-counter` command: no subcommand opens the window; the rest are admin tools
(desktop_app/admin.py, imported only when one of them runs)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from desktop_app.data.location import ENV_DATABASE_URL, DatabaseProblem, resolve_url
from desktop_app.domain.errors import DatabaseUnreachable, DomainError
from desktop_app.domain.parts import MAX_STOCK
from desktop_app.domain.vocabulary import Role
from desktop_app.domain.workflow import Status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="repair-counter",
        description=(
            "After-sales service counter: check products in, track every repair against the "
            "service agreement's clocks, print receipts. With no subcommand, opens the window."
        ),
        epilog=(
            f"The database is SQLite in your user data folder unless --database or "
            f"{ENV_DATABASE_URL} names another (any SQLAlchemy URL, e.g. "
            "postgresql://user@host/dbname for several workstations)."
        ),
    )
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("window", help="open the counter window (the default)")
    commands.add_parser("migrate", help="create or upgrade the database schema, then exit")
    add_demo_parser(commands)
    add_jobs_parser(commands)
    add_complaints_parser(commands)
    add_consultations_parser(commands)
    add_pickups_parser(commands)
    add_parts_parser(commands)
    add_receipt_parser(commands)
    add_report_parser(commands)
    add_takings_parser(commands)
    add_backup_parsers(commands)
    add_setup_parser(commands)
    add_users_parser(commands)
    add_postgres_roles_parser(commands)
    return parser


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """What every command takes: where the database is, looking only, how much to log."""
    parser.add_argument(
        "--database", metavar="URL", help=f"database URL (default: ${ENV_DATABASE_URL} or SQLite)"
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the database to look only: list, search and print; nothing is changed",
    )
    parser.add_argument(
        "--use-empty-file",
        action="store_true",
        help="make an empty (0-byte) --database file a new database (otherwise refused)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more detail")


def add_demo_parser(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo",
        help="fill the database with realistic demonstration jobs",
        description="Adds N realistic jobs spread over the past months, in every status, "
        "with Chinese names, real-looking products and some jobs overdue, and the demo staff "
        "(clerks, technicians, a manager) with one password, printed at the end, so anyone "
        "can sign in as each role. A new database also gets a demonstration shop (its "
        "manager account gets the same password); on a database set up already, the shop "
        "and the people already there are left alone, and a manager's credentials are "
        "needed (--user), as for users add.",
    )
    demo.add_argument("--jobs", type=int, default=1000, metavar="N", help="how many (default 1000)")
    demo.add_argument("--months", type=int, default=6, help="spread over this many past months")
    demo.add_argument("--seed", type=int, default=2026, help="random seed, for repeatable data")
    demo.add_argument(
        "--staff-password-stdin",
        action="store_true",
        help="read the demo staff's password from standard input (otherwise a random one); "
        "it is printed at the end either way",
    )
    add_credentials(demo, also="the demo staff's (with --staff-password-stdin)")


def add_jobs_parser(commands: argparse._SubParsersAction) -> None:
    jobs = commands.add_parser(
        "jobs",
        help="list jobs for scripting and export",
        description="Lists jobs newest first: number, customer, phone (masked), product, serial, "
        "status, checked-in, response due, repair due, working days left (negative: overdue).",
    )
    jobs.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in Status],
        help="only this status (repeat for several)",
    )
    jobs.add_argument("--overdue", action="store_true", help="only jobs past their repair due day")
    jobs.add_argument("--search", default="", help="job number, phone fragment, name or serial")
    jobs.add_argument("--limit", type=int, default=0, help="at most this many (default: all)")
    jobs.add_argument("--format", choices=("table", "csv", "json"), default="table")
    jobs.add_argument(
        "--full-phone",
        action="store_true",
        help="print phone numbers unmasked: a manager's credentials (--user), and every job "
        "listed is recorded as looked at by them",
    )
    jobs.add_argument(
        "-o",
        "--output",
        metavar="FILE.xlsx|FILE.csv",
        help="write the list to an Excel workbook or a CSV file (by the extension; never over "
        "a file Repair Counter did not make), as the window's Jobs > Export list does: needs "
        "--user (any member of staff; a manager for --full-phone, recorded)",
    )
    add_credentials(jobs)


def add_complaints_parser(commands: argparse._SubParsersAction) -> None:
    complaints = commands.add_parser(
        "complaints",
        help="list the complaints register for scripting and export",
        description="Lists complaints newest first: number, state, channel, category, "
        "customer, phone (masked), job, received, call back by, resolve by, overdue "
        "(desktop_app/complaints_cli.py).",
    )
    complaints.add_argument(
        "--open", action="store_true", help="only open complaints (not closed or dismissed)"
    )
    complaints.add_argument("--format", choices=("table", "csv", "json"), default="table")


def add_consultations_parser(commands: argparse._SubParsersAction) -> None:
    consultations = commands.add_parser(
        "consultations",
        help="list the hotline and online consultation log",
        description="Lists consultations newest first: number, received, channel, phone "
        "(masked), caller, product, question, state, callback due (24 hours after a question "
        "not answered at once; overdue when missed), who answered, who called back, and the "
        "job a consultation became. CSV has a UTF-8 byte-order mark for spreadsheets.",
    )
    consultations.add_argument(
        "--open", action="store_true", help="only those still waiting for their callback"
    )
    consultations.add_argument("--search", default="", help="number, phone digits or name")
    consultations.add_argument("--format", choices=("table", "csv", "json"), default="table")


def add_pickups_parser(commands: argparse._SubParsersAction) -> None:
    pickups = commands.add_parser(
        "pickups",
        help="list the devices ready but not collected after the shop's days",
        description="Lists the jobs ready for pickup for at least the shop's pickup days "
        "(Shop settings), the longest waiting first: job number, ready since, days waiting, "
        "customer, phone (masked), product, total, the reminders sent since it became ready "
        "and the last one (desktop_app/pickup_cli.py).",
    )
    pickups.add_argument("--format", choices=("table", "csv", "json"), default="table")


def add_parts_parser(commands: argparse._SubParsersAction) -> None:
    parts = commands.add_parser(
        "parts",
        help="the parts catalogue: list it; add, edit, deactivate parts (manager's credentials)",
        description="Lists the parts catalogue (no credentials: nothing in it is personal, and "
        "every technician reads it), or changes it as a manager (--user, as users): add, "
        "edit, deactivate, activate. A part is named by its part number. Prices are typed in "
        "yuan (12.50) and given in integer cents in JSON; CSV has a UTF-8 byte-order mark. A "
        "refused option is named in one line (exit 2) and nothing is changed "
        "(desktop_app/parts_cli.py).",
    )
    actions = parts.add_subparsers(dest="parts_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the catalogue by name (active parts)")
    listing.add_argument(
        "search", nargs="?", default="", metavar="TEXT", help="words in the name, number or models"
    )
    listing.add_argument(
        "--model", action="append", metavar="MODEL", help="the parts fitting this model first"
    )
    listing.add_argument(
        "--fitting-only", action="store_true", help="with --model: only the parts fitting it"
    )
    listing.add_argument("--inactive", action="store_true", help="deactivated parts too")
    listing.add_argument("--format", choices=("table", "csv", "json"), default="table")
    fields = (
        ("--name", "NAME", "what the part is (fills the job line's description)"),
        ("--number", "PART_NUMBER", "the part number, unique whatever the case or width"),
        ("--price", "YUAN", "unit price in yuan, e.g. 12.50 (at most two decimals)"),
        ("--stock", "N", f"how many are on the shelf, 0 to {MAX_STOCK}"),
    )
    add = actions.add_parser("add", help="a new part (--name, --number, --model, --price)")
    edit = actions.add_parser(
        "edit", help="change a part: only the options given (--model replaces the models)"
    )
    edit.add_argument("part_number", metavar="PART_NUMBER", help="the part to change")
    for parser in (add, edit):
        for option, metavar, help_text in fields:
            parser.add_argument(option, metavar=metavar, help=help_text)
        parser.add_argument(
            "--model",
            action="append",
            metavar="MODEL",
            help="a product model the part fits (repeat, or separate with commas)",
        )
    for name, help_text in (
        ("deactivate", "no longer offered to pick (jobs that used it keep it)"),
        ("activate", "offered again"),
    ):
        actions.add_parser(name, help=help_text).add_argument("part_number", metavar="PART_NUMBER")
    for name in ("edit", "deactivate", "activate"):
        actions.choices[name].add_argument(
            "--expected-version",
            metavar="N",
            help="refuse if the part changed since this version was read (parts list --format "
            "json gives it); without it the part is read and written in one go",
        )
    for name in ("add", "edit", "deactivate", "activate"):
        action = actions.choices[name]
        action.add_argument(
            "--format",
            choices=("table", "csv", "json"),
            default="table",
            help="how the part is printed once saved",
        )
        add_credentials(action)


def add_receipt_parser(commands: argparse._SubParsersAction) -> None:
    receipt = commands.add_parser(
        "receipt",
        help="write a job's receipt as PDF (reprints, scripting)",
        description=(
            "Writes the intake, return or payment receipt, the printed quotation, or the device "
            "tag label (the shop's label size) of a job to a PDF file."
        ),
    )
    receipt.add_argument("job_number", help="e.g. R20261125-0007")
    receipt.add_argument(
        "--kind", choices=("intake", "return", "quotation", "payment", "label"), default="intake"
    )
    receipt.add_argument("-o", "--output", required=True, metavar="FILE.pdf")


def add_report_parser(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report",
        help="the periodic service-quality evaluation of a period (a manager's)",
        description="Counts, for a period, how well the agreement's promises were kept: jobs "
        "received, first response within 24 hours, repair within 5 working days and the working "
        "days taken, open and overdue jobs, paid and warranty repairs, 7-day returns, repeat "
        "repairs, complaints, compensation, satisfaction and each technician's figures, beside "
        "the previous period (desktop_app/report_cli.py). Prints a table (the shop's language) "
        "or JSON (stable keys; rates as on_time, of and rate), or writes a PDF, an Excel "
        "workbook or a CSV file (-o, by its extension). Needs a manager (--user).",
    )
    which = report.add_argument_group("the period (one of)")
    which.add_argument("--month", metavar="YYYY-MM", help="a calendar month, e.g. 2026-11")
    which.add_argument("--quarter", metavar="YYYY-QN", help="a quarter, e.g. 2026-Q4")
    which.add_argument("--year", metavar="YYYY", help="a calendar year")
    which.add_argument("--from", dest="start", metavar="DATE", help="first day (with --to)")
    which.add_argument("--to", dest="end", metavar="DATE", help="last day, inclusive")
    report.add_argument("--format", choices=("table", "json", "csv"), default="table")
    report.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write FILE.pdf, FILE.xlsx (summary, technicians, the period's jobs) or FILE.csv "
        "instead of printing; an existing FILE is replaced only if it is a report this "
        "application wrote and nobody changed since, never anything else",
    )
    add_credentials(report)


def add_takings_parser(commands: argparse._SubParsersAction) -> None:
    takings = commands.add_parser(
        "takings",
        help="the day's takings: payments, refunds and deposits by method, the cash drawer",
        description="For a day (or a shift: --from and --to), per workstation and clerk: "
        "payments, deposits taken and used and refunds by method, the net takings, the cash "
        "the drawer should hold and its counts (counted, expected, difference), then every "
        "line with its job (desktop_app/takings_cli.py). Prints a table (the shop's language) "
        "or JSON (amounts in integer cents, stable keys), or writes a PDF (-o). Acts as --user: "
        "a clerk sees their own takings, a manager everyone's.",
    )
    takings.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default: today)")
    takings.add_argument("--from", dest="start", metavar="HH:MM", help="a shift's start")
    takings.add_argument("--to", dest="end", metavar="HH:MM", help="a shift's end (24:00)")
    takings.add_argument("--workstation", metavar="NAME", help="only this workstation's")
    takings.add_argument("--clerk", metavar="USERNAME", help="only this clerk's")
    takings.add_argument("--format", choices=("table", "json"), default="table")
    takings.add_argument(
        "-o",
        "--output",
        metavar="FILE.pdf",
        help="write the report as a PDF instead of printing (never over a file Repair "
        "Counter did not make)",
    )
    takings.add_argument(
        "--paper", choices=("a4", "80mm"), help="the PDF's paper (default: the shop's)"
    )
    takings.add_argument(
        "--user", metavar="USERNAME", help="who asks: a clerk or a manager (required)"
    )
    takings.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (otherwise asked on the terminal)",
    )


def add_backup_parsers(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup",
        help="back the database up now (a manager's)",
        description="SQLite: a compressed copy taken with SQLite's online backup API (safe while "
        "counters work), checked, into this database's backups folder under the user data "
        "folder, or to -o FILE (a new file, or a backup of ours nobody changed since). "
        "PostgreSQL: runs pg_dump --format=custom (restore it with pg_restore; see the "
        "README). Needs a manager (--user).",
    )
    backup.add_argument("-o", "--output", metavar="FILE", help="write the backup to FILE")
    add_credentials(backup)
    restore = commands.add_parser(
        "restore",
        help="put a backup in place of the database (SQLite; a manager's)",
        description="Replaces the database with backup FILE after checking that it is a "
        "Repair Counter backup this release can read, complete and undamaged (otherwise "
        "nothing is changed). The current database is kept aside next to it first "
        "(NAME.before-restore-DATE). Asks for confirmation on a terminal; --yes for scripts. "
        "Needs a manager of the current database (--user).",
    )
    restore.add_argument("file", metavar="FILE", help="a backup file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_credentials(restore)


def add_postgres_roles_parser(commands: argparse._SubParsersAction) -> None:
    roles = commands.add_parser(
        "postgres-roles",
        help="PostgreSQL: make the owner and app roles that keep the audit trail safe",
        description="Run with --database naming a superuser (or a role with CREATEROLE). "
        "Migrates the database, makes the owner role own every table and the app role able "
        "to read/insert/update what the counter needs and only insert job events. Run it "
        "again after every upgrade. The app role's password is taken from "
        "$REPAIR_COUNTER_APP_PASSWORD when set.",
    )
    roles.add_argument("--owner", default="repair_counter_owner", help="owner role (no login)")
    roles.add_argument("--app", default="repair_counter_app", help="role the counters log in as")


# --- setup and people (desktop_app/people_cli.py runs them) ---------------------------------

ROLE_CHOICES = [role.value for role in Role]


def add_credentials(parser: argparse.ArgumentParser, *, also: str = "") -> None:
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="a manager's user name (required: the command acts as them)",
    )
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the manager's password from standard input, on the first line"
        + (f"; {also} on the second" if also else "")
        + " (otherwise asked on the terminal, not echoed)",
    )


def add_setup_parser(commands: argparse._SubParsersAction) -> None:
    setup = commands.add_parser(
        "setup",
        help="set up a new database: the shop and its first manager (for installing by script)",
        description="Does what the window's setup dialog does on a new database: the shop's "
        "details printed on every receipt, and the first manager's account. Refused on a "
        "database that is set up already.",
    )
    setup.add_argument("--shop-name", default="", help="heads every receipt (required)")
    setup.add_argument("--address", default="", help="the shop's address")
    setup.add_argument("--hotline", default="", help="24-hour after-sales hotline (required)")
    setup.add_argument("--country", default="CN", help="national calendar (default CN)")
    setup.add_argument(
        "--language",
        default="zh_CN",
        help="receipts and window (default zh_CN; '' for the system's)",
    )
    setup.add_argument("--paper", choices=("a4", "80mm"), default="a4", help="receipt paper")
    setup.add_argument(
        "--manager", default="", metavar="USERNAME", help="first manager's user name"
    )
    setup.add_argument("--display-name", default="", metavar="NAME", help="first manager's name")
    setup.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the manager's password from standard input (otherwise asked twice on the "
        "terminal, not echoed)",
    )


def add_users_parser(commands: argparse._SubParsersAction) -> None:
    users = commands.add_parser(
        "users",
        help="list and manage the people who use the counter (manager's credentials)",
        description="Every users command acts as a manager: --user USERNAME, with the password "
        "asked on the terminal or read from standard input (--password-stdin). The list shows "
        "staff state (disabled and locked accounts), so it asks for them too. Every change is "
        "on the staff record.",
    )
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="everyone, disabled accounts included")
    listing.add_argument("--format", choices=("table", "json"), default="table")
    add_credentials(listing)
    add = actions.add_parser(
        "add", help="a new account; they choose their own password at their first sign-in"
    )
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", choices=ROLE_CHOICES, required=True)
    add.add_argument("--display-name", required=True, metavar="NAME")
    add_credentials(add, also="the new user's first password")
    for name, help_text in (
        ("disable", "the account can no longer sign in (never deleted: the record names it)"),
        ("enable", "a disabled account may sign in again"),
    ):
        action = actions.add_parser(name, help=help_text)
        action.add_argument("username", metavar="USERNAME")
        add_credentials(action)
    reset = actions.add_parser(
        "reset-password", help="a temporary password; they choose their own at the next sign-in"
    )
    reset.add_argument("username", metavar="USERNAME")
    add_credentials(reset, also="the temporary password")
    role = actions.add_parser("change-role", help="make someone a clerk, technician or manager")
    role.add_argument("username", metavar="USERNAME")
    role.add_argument("--role", choices=ROLE_CHOICES, required=True)
    add_credentials(role)


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, as build_parser() reads it. The window's start (global options only,
    the counter's every start) is read by a parser of the global options alone: building every
    subcommand's parser cost that start 6-10 ms before the sign-in could show. Anything else (a
    subcommand, --help, a mistake) is read by the full parser, with its help and its messages."""
    window = argparse.ArgumentParser(prog="repair-counter", add_help=False, exit_on_error=False)
    add_global_options(window)
    try:
        found, rest = window.parse_known_args(argv)
    except argparse.ArgumentError:
        rest = ["(the full parser says what is wrong)"]
    if rest:
        return build_parser().parse_args(argv)
    found.command = None
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    url = resolve_url(args.database)
    command = args.command or "window"
    if command == "window":
        from desktop_app.app import run_window

        return run_window(url, read_only=args.read_only)
    try:
        from desktop_app.admin import run_admin

        return run_admin(command, args, url)
    except BrokenPipeError:
        # `repair-counter jobs | head`: the reader stopped reading, which is no error. Point
        # stdout at /dev/null so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except DatabaseProblem as error:
        print(f"repair-counter: {error}", file=sys.stderr)
        return 2
    except DatabaseUnreachable as error:
        # The server went away during the command: as when it cannot be reached at the start.
        print(f"repair-counter: {error}", file=sys.stderr)
        return 2
    except DomainError as error:
        print(f"repair-counter: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # Something nobody foresaw (a value edited into the database by hand, a bug): one line
        # that says so, never a traceback; -v logs the details for whoever investigates.
        logging.getLogger("desktop_app").debug("unexpected error", exc_info=True)
        print(
            f"repair-counter: unexpected error ({type(error).__name__}: {error}); nothing more "
            "was done. Run again with -v for the details.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
