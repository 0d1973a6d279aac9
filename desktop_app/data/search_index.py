"""Searching jobs by what a clerk types: job number, phone fragment, name, serial/IMEI.

On SQLite the job list searches the FTS5 trigram index that migration 0003 builds (`job_search`;
its statements are migration 0005's), with two exceptions where a plain scan is faster or the
only way:
- text shorter than 3 characters (a trigram needs 3), unless it is Chinese: the index holds each
  Chinese character and the pair it starts, at every position of the name and the serial,
  padded to 3 with PAIR_MARK;
- the start of a job number ("R2026…"): job numbers carry the check-in date, so nearly every
  prefix a scanner or a clerk types is shared by many recent jobs, and walking the list
  newest-first finds a page at once;
- text that matches so many jobs that walking the list newest-first stops after one page anyway.
PostgreSQL always uses the LIKE conditions.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import import_module
from types import ModuleType
from typing import Any

from sqlalchemy import Integer, Select, and_, column, false, or_, select, table, text
from sqlalchemy.orm import Session

from desktop_app.data.models import Customer, Job, Product

PAIR_MARK = "\ue000"  # must equal the mark migrations 0003 and 0005 index name pairs with
# Up to this many matches, the jobs are looked up by id and sorted. Above it, the list walks the
# check-in index newest first and keeps the jobs the index matched, stopping after a page.
FEW_MATCHES = 200
# From this many matches on, a text is so common that walking the list with LIKE finds a page
# sooner than collecting every match from the index would.
SPARSE_MATCHES = 5000

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_JOB_NUMBER_START = re.compile(r"^R\d{1,8}(-\d{0,4})?$", re.IGNORECASE)


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def like_condition(typed: str) -> object:
    """The scan: phone (for digits) or name (otherwise), serial and job number contain `typed`.
    Serials and job numbers are stored upper-case, so an upper-case pattern finds them on
    PostgreSQL too (where LIKE is case-sensitive)."""
    pattern = f"%{_escape_like(typed)}%"
    upper = pattern.upper()
    if typed.isdigit():
        return or_(
            Customer.phone.like(pattern, escape="\\"),
            Product.serial.like(upper, escape="\\"),
            Job.number.like(upper, escape="\\"),
        )
    return or_(
        Customer.name.ilike(pattern, escape="\\"),
        Product.serial.like(upper, escape="\\"),
        Job.number.like(upper, escape="\\"),
    )


def _first_date_from(digits: str) -> date | None:
    """The first real date whose YYYYMMDD is >= `digits` padded with zeros (None past 9999)."""
    padded = digits.ljust(8, "0")
    year, month, day = int(padded[:4]), int(padded[4:6]), int(padded[6:8])
    if year == 0:  # "R0", "R00…": no year 0; the first real date is 0001-01-01
        year, month, day = 1, 1, 1
    if month == 0:
        month, day = 1, 1
    if month > 12:
        year, month, day = year + 1, 1, 1
    day = max(day, 1)
    if day > calendar.monthrange(year, month)[1]:
        year, month, day = (year + 1, 1, 1) if month == 12 else (year, month + 1, 1)
    return date(year, month, day) if year <= 9999 else None


def check_in_days_for(number_start: str) -> tuple[date, date | None] | None:
    """Job numbers carry their check-in date (R20260529-0007), so the start of one bounds the
    check-in dates it can belong to: [first, end), end None when open. "R202605" -> May 2026;
    "R2026052" -> 20-29 May; "R20260529-00" -> that one day. None: no date can match."""
    digits = number_start[1:].split("-")[0][:8]
    first = _first_date_from(digits)
    if first is None:
        return None
    following = str(int(digits) + 1).rjust(len(digits), "0")
    end = _first_date_from(following) if len(following) == len(digits) else None
    return first, end


def job_number_start_condition(typed: str) -> object:
    """Jobs whose number starts with `typed`, bounded by their check-in day as well, so the list
    walks the check-in index over just those days (and stays in its usual order)."""
    days = check_in_days_for(typed)
    if days is None:
        return false()
    first, end = days
    conditions = [
        Job.number.like(_escape_like(typed.upper()) + "%", escape="\\"),
        Job.checked_in_at >= datetime.combine(first, datetime.min.time()),
    ]
    if end is not None:
        conditions.append(Job.checked_in_at < datetime.combine(end, datetime.min.time()))
    return and_(*conditions)


def fts_phrase(typed: str) -> str | None:
    """The FTS5 MATCH expression for `typed`, or None when the index cannot answer it."""
    if len(typed) >= 3:
        phrase = typed
    elif all(_CJK.match(ch) for ch in typed):
        phrase = typed + PAIR_MARK * (3 - len(typed))
    else:
        return None
    return '"' + phrase.replace('"', '""') + '"'


def uses_index(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


@dataclass(frozen=True)
class MatchingJobs:
    """The jobs the index matches for `phrase`: their `ids` when there are few (up to
    FEW_MATCHES), else None and the list query asks the index itself (matching_ids)."""

    phrase: str
    ids: tuple[int, ...] | None


_JOB_SEARCH = table("job_search", column("rowid", Integer))


def matching_ids(phrase: str) -> Select:
    """The ids of the jobs the index matches, as a subquery for the list's own statement: SQLite
    reads the matches once, no round trip of ids through Python."""
    return select(_JOB_SEARCH.c.rowid).where(
        text("job_search MATCH :phrase").bindparams(phrase=phrase)
    )


def text_condition(session: Session, typed: str) -> object | MatchingJobs:
    """The WHERE condition for the search text (already stripped, not empty, not a job number),
    or the jobs the index matches."""
    if _JOB_NUMBER_START.match(typed):
        return job_number_start_condition(typed)
    phrase = fts_phrase(typed) if uses_index(session) else None
    if phrase is None:
        return like_condition(typed)
    few = session.scalars(
        text("SELECT rowid FROM job_search WHERE job_search MATCH :phrase LIMIT :limit"),
        {"phrase": phrase, "limit": FEW_MATCHES + 1},
    ).all()
    if len(few) <= FEW_MATCHES:
        return MatchingJobs(phrase, tuple(few))
    # Counting is cheaper than handing thousands of ids to Python, and stops at the threshold.
    matches = session.scalar(
        text(
            "SELECT count(*) FROM (SELECT rowid FROM job_search WHERE job_search MATCH :phrase"
            " LIMIT :limit)"
        ),
        {"phrase": phrase, "limit": SPARSE_MATCHES},
    )
    if matches is not None and matches >= SPARSE_MATCHES:
        return like_condition(typed)
    return MatchingJobs(phrase, None)


# --- writing many jobs at once (demo data, imports) ---------------------------------------------

JOB_INSERTED_TRIGGER = "job_search_job_inserted"


@cache
def _index_migration() -> ModuleType:
    """Migration 0005, which made the index's triggers as they are and spells their statements."""
    return import_module("desktop_app.data.migrations.versions.0005_search_names_anywhere")


@contextmanager
def indexed_in_bulk(session: Session, jobs: Sequence[Mapping[str, Any]]) -> Iterator[None]:
    """Index a batch of new jobs (inserted inside the block) with one statement instead of one
    trigger run per job, which makes 100,000 demo jobs take half as long again.

    The trigger is set aside for the block and made again in the same transaction, so the index
    cannot miss a job. The statements are the ones migration 0005 builds (the trigger's own, for
    the batch's ids), not a copy; and only while the trigger in the database is still exactly
    the one 0005 made: otherwise it is left to run, whatever it now does.
    """
    if not jobs or session.get_bind().dialect.name != "sqlite":
        yield
        return
    migration = _index_migration()
    made = f"CREATE TRIGGER {JOB_INSERTED_TRIGGER} {migration.TRIGGERS[JOB_INSERTED_TRIGGER]}"
    found = session.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": JOB_INSERTED_TRIGGER},
    ).scalar()
    if found != made:
        yield
        return
    session.execute(text(f"DROP TRIGGER {JOB_INSERTED_TRIGGER}"))
    yield
    ids = [job["id"] for job in jobs]
    session.execute(
        text(migration._index_jobs("j.id BETWEEN :first AND :last")),
        {"first": min(ids), "last": max(ids)},
    )
    session.execute(text(made))
