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

PostgreSQL answers the same texts the same way, from the indexes migration 0010 makes
(`postgres_matches`): each searched column is looked up by itself (one OR across three joined
tables can use no index) and the union of the jobs found feeds the list's `jobs.id IN (...)`;
fragments of 3 or more characters through pg_trgm's trigram indexes, Chinese text of 1 and 2
characters through the pieces tables (each Chinese character and the pair it starts, as on
SQLite), longer Chinese text through a pair where the database's LC_CTYPE gives Chinese no
trigrams (locale C). Without pg_trgm (the role that migrated could not create it) a fragment of
3 or more characters falls back to the LIKE scan, and the log says what to ask for.
"""

from __future__ import annotations

import calendar
import logging
import math
import re
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import import_module
from itertools import pairwise
from types import ModuleType
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ARRAY,
    BindParameter,
    Boolean,
    ColumnElement,
    Connection,
    DateTime,
    Integer,
    ScalarSelect,
    Select,
    String,
    Text,
    and_,
    any_,
    bindparam,
    cast,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from desktop_app.data.models import Customer, Job, Product

log = logging.getLogger(__name__)

PAIR_MARK = "\ue000"  # must equal the mark migrations 0003 and 0005 index name pairs with
# Up to this many matches, the jobs are looked up by id and sorted. Above it, the list walks the
# check-in index newest first and keeps the jobs the index matched, stopping after a page.
FEW_MATCHES = 200
# From this many matches on, a text is so common that walking the list with LIKE finds a page
# sooner than collecting every match from the index would.
SPARSE_MATCHES = 5000
# Both thresholds hold as they are up to this many jobs, and grow with the square root of the
# table beyond (`scaled`): walking the check-in index to a page's worth of m matches among N
# jobs reads about page * N / m entries, looking them up reads m rows, so the two cost the same
# where m grows as the square root of N. At 1,000,000 jobs a text matching 244 jobs walked a
# quarter of the index (0.1 s) where looking the 244 up took 3 ms.
THRESHOLDS_HOLD_UP_TO = 30_000

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_JOB_NUMBER_START = re.compile(r"^R\d{1,8}(-\d{0,4})?$", re.IGNORECASE)


def is_job_number_start(typed: str) -> bool:
    """Whether `typed` (stripped) is the start of a job number: R and digits of its date."""
    return _JOB_NUMBER_START.match(typed) is not None


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
        # "|| ''": not through the number's trigram index (PostgreSQL), which would find every
        # job of the month before the list could walk it and stop after a page.
        (Job.number + "").like(_escape_like(typed.upper()) + "%", escape="\\"),
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
    """The jobs the index matches (`matching`, a SELECT of job ids the list's statement asks
    the index with), and whether they are `few` (up to `scaled(FEW_MATCHES)`): then the list
    looks each of them up by id and sorts them, else it walks the check-in index newest first
    keeping the matches. The index holds every field of a job in one text, so it also finds
    digits in a name ("100% 满意" for "100") and text across two fields: the list keeps those
    of them `exact` (like_condition) keeps, as PostgreSQL and the scan do."""

    matching: Select
    few: bool
    exact: object


# How long the size of the jobs table is taken as known (per database, i.e. per engine's pool).
SIZE_KEPT_S = 30.0
_SIZES: WeakKeyDictionary[Any, tuple[float, int]] = WeakKeyDictionary()


def _clock() -> float:
    return time.monotonic()


def table_size(session: Session) -> int:
    """About how many jobs there are: the highest id (one step down the table's b-tree, where
    count(*) would read the whole table), read again at most every SIZE_KEPT_S seconds. It
    only scales the thresholds, which need its order of magnitude, not the last check-in; read
    at every keystroke, it was a round trip of its own."""
    pool = session.get_bind().pool  # type: ignore[union-attr]
    now = _clock()
    kept = _SIZES.get(pool)
    if kept is not None and 0 <= now - kept[0] < SIZE_KEPT_S:
        return kept[1]
    size = int(session.scalar(select(func.max(Job.id))) or 0)
    _SIZES[pool] = (now, size)
    return size


def scaled(threshold: int, jobs: int) -> int:
    """`threshold` (FEW_MATCHES or SPARSE_MATCHES) for a table of `jobs` jobs."""
    if jobs <= THRESHOLDS_HOLD_UP_TO:
        return threshold
    return round(threshold * math.sqrt(jobs / THRESHOLDS_HOLD_UP_TO))


_JOB_SEARCH = table("job_search", column("rowid", Integer))


def matching_ids(phrase: str) -> Select:
    """The ids of the jobs the index matches, as a subquery for the list's own statement: SQLite
    reads the matches once, no round trip of ids through Python."""
    return select(_JOB_SEARCH.c.rowid).where(
        text("job_search MATCH :phrase").bindparams(phrase=phrase)
    )


# --- PostgreSQL ---------------------------------------------------------------------------------

# Migration 0010's tables of Chinese pieces (characters and pairs) of names and serials.
_NAME_PIECES = table(
    "customer_name_pieces", column("piece", String), column("customer_id", Integer)
)
_SERIAL_PIECES = table(
    "product_serial_pieces", column("piece", String), column("product_id", Integer)
)
TRIGRAM_INDEXES = frozenset(
    {
        "ix_jobs_number_trgm",
        "ix_customers_name_trgm",
        "ix_customers_phone_trgm",
        "ix_products_serial_trgm",
        "ix_jobs_phone_and_serial_trgm",  # migration 0024's
    }
)
# Migration 0025's, on the newest jobs' table.
RECENT_INDEXES = frozenset({"ix_recent_jobs_phone_and_serial_trgm", "ix_recent_jobs_number_trgm"})


@dataclass(frozen=True)
class PostgresSearch:
    """What a PostgreSQL database offers the search: migration 0010's trigram indexes (pg_trgm
    was there or could be created), and Chinese trigrams (a UTF-8 LC_CTYPE)."""

    trigram: bool
    chinese_trigrams: bool
    ctype: str
    # Migration 0025's table of the newest jobs, with its trigram indexes, and this role may
    # read it (an app role set up before it may not, until `repair-counter postgres-roles`).
    recent: bool = False
    # The table is there and this role may not read it.
    recent_refused: bool = False
    # Migration 0026's pieces of the newest jobs' customers' names, and this role may read it;
    # and: it is there and this role may not.
    recent_pieces: bool = False
    pieces_refused: bool = False


_SETUPS: WeakKeyDictionary[Any, PostgresSearch] = WeakKeyDictionary()


def read_postgres_search(connection: Connection | Session) -> PostgresSearch:
    indexes = set(
        connection.scalars(
            text("SELECT indexname FROM pg_indexes WHERE indexname = ANY(:names)"),
            {"names": sorted(TRIGRAM_INDEXES | RECENT_INDEXES)},
        )
    )
    # has_table_privilege of a table that is not there (NULL from to_regclass) is NULL.
    there, readable, pieces_there, pieces_readable = connection.execute(
        text(
            "SELECT to_regclass('recent_jobs') IS NOT NULL, "
            "coalesce(has_table_privilege(to_regclass('recent_jobs'), 'SELECT') "
            "AND has_table_privilege(to_regclass('recent_jobs_since'), 'SELECT'), false), "
            "to_regclass('recent_name_pieces') IS NOT NULL, "
            "coalesce(has_table_privilege(to_regclass('recent_name_pieces'), 'SELECT') "
            "AND has_table_privilege(to_regclass('recent_name_pieces_since'), 'SELECT'), false)"
        )
    ).one()
    ctype = connection.scalar(
        text("SELECT datctype FROM pg_database WHERE datname = current_database()")
    )
    ctype = str(ctype or "")
    utf8 = ctype.lower().replace("-", "").endswith("utf8")
    trigram = indexes >= TRIGRAM_INDEXES
    recent = trigram and indexes >= RECENT_INDEXES and bool(readable)
    return PostgresSearch(
        trigram,
        utf8,
        ctype,
        recent,
        bool(there) and not readable,
        bool(pieces_readable),
        bool(pieces_there) and not pieces_readable,
    )


def postgres_search(session: Session) -> PostgresSearch:
    """The database's PostgresSearch, read once per engine (its pool); said in the log once
    when the search has to fall back."""
    pool = session.get_bind().pool  # type: ignore[union-attr]
    found = _SETUPS.get(pool)
    if found is None:
        found = _SETUPS[pool] = read_postgres_search(session)
        for problem in search_problems(found):
            log.warning("%s", problem)
    return found


def forget_postgres_search() -> None:
    """Read the database's search setup again (after the administrator added pg_trgm)."""
    _SETUPS.clear()


@cache
def _postgres_migration() -> ModuleType:
    """Migration 0010, which makes the PostgreSQL search's indexes and spells their statements."""
    return import_module("desktop_app.data.migrations.versions.0010_postgres_search_indexes")


@cache
def _phone_and_serial_migration() -> ModuleType:
    """Migration 0024, which makes the phone and serial's trigram index."""
    return import_module("desktop_app.data.migrations.versions.0024_phone_and_serial")


@cache
def _recent_migration() -> ModuleType:
    """Migration 0025, which makes the newest jobs' table and its trigram indexes."""
    return import_module("desktop_app.data.migrations.versions.0025_recent_jobs")


def complete_postgres_search(connection: Connection) -> list[str]:
    """Make the trigram indexes migrations 0010, 0024 and 0025 could not (pg_trgm was missing
    then, and is here now or may be created by this role); what still makes the search fall
    back, one line each. `repair-counter migrate` runs it."""
    if _postgres_migration().install_trigram(connection) is None:
        _phone_and_serial_migration().install_trigram(connection)
        _recent_migration().install_trigram(connection)
    forget_postgres_search()
    return search_problems(read_postgres_search(connection))


def search_problems(found: PostgresSearch) -> list[str]:
    """One line for each way the search on this database falls back, with what to ask for."""
    problems = []
    if not found.trigram:
        problems.append(
            "PostgreSQL search has no trigram indexes (pg_trgm is missing): a fragment of 3 or "
            "more characters is found by scanning every job. Ask the database administrator to "
            "run `CREATE EXTENSION pg_trgm;` in this database (as a superuser, or as the "
            "database owner on PostgreSQL 13 or newer), then `repair-counter migrate`."
        )
    if not found.chinese_trigrams:
        problems.append(
            f"PostgreSQL search: this database's LC_CTYPE is {found.ctype or 'unknown'}, not "
            "UTF-8, so Chinese text gets no trigrams; it is found by its character pairs "
            "instead (slower for common pairs). A database created with LC_CTYPE C.UTF-8 (or "
            "another UTF-8 locale) avoids this."
        )
    if found.recent_refused:
        problems.append(
            "PostgreSQL search: this role may not read the table of the newest jobs (recent_jobs, "
            "made by an upgrade after the roles were set up), so four digits of a phone are "
            "looked for among all jobs (the same jobs, slower at a million). Ask the "
            "administrator to run `repair-counter postgres-roles` again."
        )
    if found.pieces_refused:
        problems.append(
            "PostgreSQL search: this role may not read the newest jobs' name pieces "
            "(recent_name_pieces, made by an upgrade after the roles were set up), so a surname "
            "typed alone is looked for among all customers (the same jobs, slower at a "
            "million). Ask the administrator to run `repair-counter postgres-roles` again."
        )
    return problems


def _best_piece(typed: str) -> str:
    """The piece to look a longer Chinese text up by: its first pair of Chinese characters,
    else its first Chinese character."""
    for first, second in pairwise(typed):
        if _CJK.match(first) and _CJK.match(second):
            return first + second
    return next(ch for ch in typed if _CJK.match(ch))


@dataclass(frozen=True)
class Lookups:
    """Each searched column asked by itself, as SELECTs of ids that an index answers: the
    customers (name), the products (serial) and the jobs (number) `typed` matches.
    None where that column cannot hold it."""

    customers: Select
    products: Select
    jobs: Select | None
    # True for the pieces tables (index-only lookups, cheap per match); False where each
    # match is checked on its row (a trigram index is lossy: LIKE is checked again).
    index_only: bool = False


def postgres_lookups(typed: str, found: PostgresSearch) -> Lookups | None:
    """What like_condition keeps for a text that is not all digits (those: `_digits_condition`),
    column by column; None when no index can answer (the LIKE scan then: text under 3
    characters that is not all Chinese, or no pg_trgm)."""
    pattern = f"%{_escape_like(typed)}%"
    upper = pattern.upper()
    by_name = Customer.name.ilike(pattern, escape="\\")
    by_serial = Product.serial.like(upper, escape="\\")
    chinese = sum(1 for ch in typed if _CJK.match(ch))
    # Job numbers are R and digits: Chinese text is in names and serials only.
    if chinese and chinese == len(typed) <= 2:
        return Lookups(
            select(_NAME_PIECES.c.customer_id).where(_NAME_PIECES.c.piece == typed),
            select(_SERIAL_PIECES.c.product_id).where(_SERIAL_PIECES.c.piece == typed),
            None,
            index_only=True,
        )
    if len(typed) >= 3 and found.trigram and (not chinese or found.chinese_trigrams):
        return Lookups(
            select(Customer.id).where(by_name),
            select(Product.id).where(by_serial),
            select(Job.id).where(Job.number.like(upper, escape="\\")),
        )
    if chinese:
        piece = _best_piece(typed)
        return Lookups(
            select(Customer.id)
            .join(_NAME_PIECES, _NAME_PIECES.c.customer_id == Customer.id)
            .where(_NAME_PIECES.c.piece == piece, by_name),
            select(Product.id)
            .join(_SERIAL_PIECES, _SERIAL_PIECES.c.product_id == Product.id)
            .where(_SERIAL_PIECES.c.piece == piece, by_serial),
            None,
        )
    return None


def _ids(lookup: Select, limit: int) -> ScalarSelect[Any]:
    """Up to `limit` of a lookup's ids, sorted, as the text of one integer array ('{3,5,8}'):
    it goes back into the list's statement as it came (`_id_array`), where turning 10,000 ids
    into Python integers and back into text took milliseconds."""
    found = lookup.limit(limit).subquery()
    ids = found.c[0]
    return select(cast(func.array_agg(aggregate_order_by(ids, ids)), Text)).scalar_subquery()


def _count(lookup: Select, limit: int) -> ScalarSelect[Any]:
    """How many rows a lookup finds, counting no further than `limit`."""
    return select(func.count()).select_from(lookup.limit(limit).subquery()).scalar_subquery()


_ID_ARRAY_TEXT = re.compile(r"\{-?\d+(?:,-?\d+)*\}")


def _id_count(array_text: str | None) -> int:
    """How many ids the text of an array from `_ids` holds (0 for none)."""
    if array_text is None:
        return 0
    if _ID_ARRAY_TEXT.fullmatch(array_text) is None:
        raise ValueError("not the text of an array of ids")
    return array_text.count(",") + 1


def _id_array(array_text: str) -> ColumnElement[Any]:
    """The ids `_ids` read (checked by `_id_count`), as an integer[] constant written into the
    statement when it runs: PostgreSQL reads CAST('{3,5,8}' AS INTEGER[]) as one constant array
    whose size the planner weighs, and hashes it to test each row. (As a parameter, a list
    goes through psycopg's list adapter, which checks every element with a regular expression:
    40 ms for 10,000 ids.) Rendered at execution (literal_execute), the statement SQLAlchemy
    caches holds a placeholder, not the ids."""
    return cast(bindparam(None, array_text, type_=String, literal_execute=True), ARRAY(Integer))


@dataclass(frozen=True)
class PostgresMatches:
    """The jobs `typed` matches on PostgreSQL, as a condition on the jobs table: the ids each
    column's index found (`customer_id = ANY(...) OR product_id = ANY(...) OR id = ANY(...)`),
    or, for the pieces tables, their lookups themselves (`customer_id IN (SELECT ...)`).
    `few`: so few that the list looks them up and sorts them (walking the check-in index to a
    page would read page * N / matches jobs); else it walks the index newest first, keeping
    them."""

    condition: object
    few: bool
    # A first page read with its own check (`_first_matches`): how many matches the page's
    # statement read, counting no further than SPARSE_MATCHES; that many, and the page may miss
    # some, so the list reads `instead`.
    counted: ScalarSelect[Any] | None = None
    instead: Callable[[], PostgresMatches] | None = None
    # The parameters of a condition made once (`_first_matches`), given when the page is read.
    values: Mapping[str, Any] | None = None
    # A first page found by the jobs' ids (`_ids` array text), the condition being
    # `jobs.id = ANY(ids)` alone: the list reads it with a statement made once
    # (queries._page_by_ids), not one built at each keystroke.
    ids: str | None = None


def _by_job_ids(array_text: str) -> PostgresMatches:
    """A first page's jobs found by their ids (`_ids`): looked up by id and sorted."""
    return PostgresMatches(Job.id == any_(_id_array(array_text)), few=True, ids=array_text)


def ids_parameter() -> ColumnElement[Any]:
    """`_id_array` as a parameter `ids` (the text `_ids` read, checked by `_id_count`), for a
    statement made once."""
    return cast(bindparam("ids", type_=String, literal_execute=True), ARRAY(Integer))


# Migration 0024's column (PostgreSQL only, so not in the model): the customer's phone and the
# product's serial in one text, chr(31) between them, carried with the job's number in the
# check-in index, and in a trigram index of its own. A text of digits is searched in the phone,
# the serial and the number (like_condition), on the jobs table alone.
_PHONE_AND_SERIAL = literal_column("jobs.phone_and_serial", Text)
# A list's first page for a text of digits is first looked for among this many newest jobs
# (`_probe_newest`, a walk of the check-in index alone, 0.5 ms at a million jobs): a text that
# fills the page there is answered at once; the matches found there tell how common it is, and a
# text common enough is walked at once (where collecting 5,000 matches of a phone's three digits
# from the trigram indexes took 5 ms before the walk). A rarer text pays the probe on top.
PROBE_JOBS = 2000
# Up to this many jobs the probe is not tried: the trigram index answers at once.
PROBE_FROM_JOBS = THRESHOLDS_HOLD_UP_TO
# A step of the walk down the check-in index (from the index alone) costs about this fraction of
# a match read through the trigram indexes (which read the match's row): 0.13 us
# against 1 us, measured at a million jobs. Walking to a page among m matches of N jobs takes
# page * N / m steps, so the walk is the cheaper way from sqrt(WALK_STEP * page * N) matches on
# (3,600 at a million jobs, 1,100 at 100,000).
WALK_STEP = 0.13
# A walk that would pass more jobs than this asks the newest jobs' table first (where there is
# one): a page's worth there is the page. At a million jobs, texts of four digits the probe found
# 6 or 7 times took 7-9 ms walked (some 20,000 steps) and 4.6-5 ms from the table; from about 30
# times on (4,000 steps) the walk was 0.3-0.4 ms the quicker (alternated in one process).
WALK_BEFORE = 10_000
# Digits this many and more that one of the newest PROBE_JOBS jobs holds at most are rare enough
# that the newest jobs' table seldom holds a page of them: all jobs are asked at once. (Five given
# digits are in about one job's phone and serial in 5,000: some 40 of the newest 200,000. Of 600
# texts of 5 and 6 digits from the newest jobs of the 1M demo, that table filled the page for 7
# of 201 that the probe did not find, 10 of 77 five digits it found once, 1 of 10 six digits; its
# question costs 0.7 ms, the page it fills saves about 1.5.)
RARE_DIGITS = 5


def digits_condition(
    typed: str,
    phone_and_serial: ColumnElement[Any] = _PHONE_AND_SERIAL,
    number: ColumnElement[Any] = Job.number,
) -> ColumnElement[bool]:
    """PostgreSQL: like_condition for a text of digits, on the jobs table alone (or on those
    columns of a subquery of it). Digits cannot contain the separator, so they match inside the
    phone or the serial only, as the LIKEs do (and a number's upper case is its own)."""
    return _digits_like(_contains(typed), phone_and_serial, number)


def digits_walk(typed: str) -> ColumnElement[bool]:
    """digits_condition for a walk down the check-in index, which carries the phone and serial
    and the number, for a first page of a text the probe found common among the newest jobs:
    `strpos`, which no index answers and PostgreSQL takes for common, so the planner walks.
    A LIKE of digits it estimates from a hundred sampled values, and where none of them held
    the text it guesses one job in 10,000: at a million jobs "760", 22,000 matches, was then
    read through the trigram indexes, each match's row read and sorted, 63-97 ms where the
    walk takes 1. (Digits hold no LIKE wildcard: the same jobs match.) Only there: for a text
    common only among older jobs, beside a filter, or counted, the walk would pass most jobs,
    and the planner's choice from its estimate of the LIKE is the better (the adversary's
    tests: 0.5-4.7 s for a day's number digits beside a status filter, walked)."""
    found = bindparam(None, typed, type_=String)
    return or_(func.strpos(_PHONE_AND_SERIAL, found) > 0, func.strpos(Job.number, found) > 0)


def _contains(typed: str) -> str:
    """The LIKE pattern of a text `typed` is inside of."""
    return f"%{_escape_like(typed)}%"


def _digits_like(
    pattern: str | BindParameter[str],
    phone_and_serial: ColumnElement[Any],
    number: ColumnElement[Any],
) -> ColumnElement[bool]:
    return or_(phone_and_serial.like(pattern, escape="\\"), number.like(pattern, escape="\\"))


# The statements a keystroke's first lookups run, made once (`cache`) with parameters for what
# was typed: building them anew at each keystroke took as long as the server's answer to them
# (0.2-0.4 ms each at a million jobs: SQLAlchemy's objects and their cache keys).
_PATTERN = bindparam("pattern", type_=String)
_ROWS = bindparam("rows", type_=Integer)


@cache
def _probe_statement() -> Select:
    """`_probe_newest`'s statement: parameters `pattern`, `rows` and `probe_jobs`."""
    newest = (
        select(Job.id, Job.checked_in_at, _PHONE_AND_SERIAL.label("phone_and_serial"), Job.number)
        .order_by(Job.checked_in_at.desc(), Job.id.desc())
        .limit(bindparam("probe_jobs", type_=Integer))
        .subquery()
    )
    found = (
        select(newest.c.id)
        .where(_digits_like(_PATTERN, newest.c.phone_and_serial, newest.c.number))
        # The newest first (the walk's own order, so no sort): which `rows` of the matches
        # are taken must not depend on the plan.
        .order_by(newest.c.checked_in_at.desc(), newest.c.id.desc())
    )
    return select(_ids(found, _ROWS))


def _probe_newest(session: Session, typed: str, rows: int) -> tuple[str | None, int]:
    """The first `rows` jobs, newest first, among the newest PROBE_JOBS whose phone, serial or
    number holds `typed` (a walk of the check-in index alone): their ids (array text, `_ids`),
    and how many."""
    values = {"pattern": _contains(typed), "rows": rows, "probe_jobs": PROBE_JOBS}
    array_text = session.execute(_probe_statement(), values).scalar()
    return array_text, _id_count(array_text)


# Migration 0025's table of the newest jobs (PostgreSQL only, so not in the model), and the
# check-in from which on it holds every job.
_RECENT = table(
    "recent_jobs",
    column("job_id", Integer),
    column("checked_in_at", DateTime),
    column("phone_and_serial", Text),
    column("number", Text),
)
_RECENT_SINCE = table("recent_jobs_since", column("since", DateTime))
# How many of the newest jobs the table is trimmed back to (migration 0025 made it with as
# many: its own number, as a migration keeps; not read from it, since importing a migration
# imports Alembic, 0.2 s of every start). Trimmed once it holds RECENT_SLACK times as many.
RECENT_JOBS = 200_000
RECENT_SLACK = 1.2


@cache
def _recent_statement() -> Select:
    """`_recent_newest`'s statement: parameters `pattern` and `rows`."""
    since = select(_RECENT_SINCE.c.since).scalar_subquery()
    found = (
        select(_RECENT.c.job_id)
        .where(
            _digits_like(_PATTERN, _RECENT.c.phone_and_serial, _RECENT.c.number),
            _RECENT.c.checked_in_at >= since,
        )
        # In the same order by an expression its check-in index does not hold: the matches are
        # found through the trigram indexes and sorted. (Walking that index, a heap row read
        # at each step, PostgreSQL took where it guessed a text common: 34,000 rows for the 62
        # matches of "2682", 6.6 ms against 0.5.)
        .order_by(
            func.greatest(_RECENT.c.checked_in_at, _RECENT.c.checked_in_at).desc(),
            _RECENT.c.job_id.desc(),
        )
    )
    return select(_ids(found, _ROWS))


def _recent_newest(session: Session, typed: str, rows: int) -> tuple[str | None, int]:
    """The first `rows` jobs, newest first, whose phone, serial or number holds `typed`, among
    those checked in since migration 0025's table holds every job (its trigram indexes, rows of
    a small table): their ids (array text, `_ids`), and how many. Fewer than `rows`: older jobs
    may belong on the page."""
    values = {"pattern": _contains(typed), "rows": rows}
    array_text = session.execute(_recent_statement(), values).scalar()
    return array_text, _id_count(array_text)


# Migration 0026's table: each piece (Chinese character, pair) of the name of the customer of each
# job checked in since its own `since`, with the job's check-in; its primary key is (piece,
# check-in, job).
_RECENT_PIECES = table(
    "recent_name_pieces",
    column("piece", Text),
    column("checked_in_at", DateTime),
    column("job_id", Integer),
    column("customer_id", Integer),
)
_RECENT_PIECES_SINCE = table("recent_name_pieces_since", column("since", DateTime))
# The role may keep migration 0026's tables (trim, refill): they are there, and it may write
# them (a role set up before 0026 may not until `repair-counter postgres-roles` runs again; it
# then leaves them as they are, which is right for their own `since`).
_PIECES_KEPT = text(
    "SELECT coalesce(has_table_privilege(to_regclass('recent_name_pieces'), 'SELECT, INSERT, "
    "DELETE') AND has_table_privilege(to_regclass('recent_name_pieces_since'), 'SELECT, INSERT, "
    "UPDATE'), false)"
)


def _recent_pieces_ids(
    piece: str | BindParameter[str], rows: int | BindParameter[int]
) -> ScalarSelect[Any]:
    """The first `rows` jobs, newest first, checked in since migration 0026's `since` whose
    customer's name holds `piece` (one or two Chinese characters), read from the end of the
    piece's range of that table's primary key (index only): their ids (array text, `_ids`)."""
    since = select(_RECENT_PIECES_SINCE.c.since).scalar_subquery()
    found = (
        select(_RECENT_PIECES.c.job_id)
        .where(_RECENT_PIECES.c.piece == piece, _RECENT_PIECES.c.checked_in_at >= since)
        .order_by(_RECENT_PIECES.c.checked_in_at.desc(), _RECENT_PIECES.c.job_id.desc())
    )
    return _ids(found, rows)


@cache
def _recent_pieces_statement() -> Select:
    """`_recent_pieces_newest`'s statement: parameters `piece` and `rows`."""
    piece = bindparam("piece", type_=String)
    in_serials = exists().where(_SERIAL_PIECES.c.piece == piece)
    return select(_recent_pieces_ids(piece, _ROWS), in_serials)


def _recent_pieces_newest(session: Session, piece: str, rows: int) -> tuple[str | None, int, bool]:
    """`_recent_pieces_ids`, how many, and whether any product's serial holds the piece too
    (those jobs are not in the table: the caller asks as before then)."""
    values = {"piece": piece, "rows": rows}
    array_text, serials = session.execute(_recent_pieces_statement(), values).one()
    return array_text, _id_count(array_text), bool(serials)


def keep_recent_jobs(connection: Connection, keep: int | None = None) -> int:
    """PostgreSQL: trims migration 0025's table of the newest jobs back to the newest `keep`
    (RECENT_JOBS) once it holds RECENT_SLACK times as many (the server's estimate of its rows
    says when; cheap enough for every start), moving `since` forward first, and migration
    0026's name pieces with it; how many rows of the newest jobs went. Either is made again when
    a demo load stopped before filling it, or its `since` is gone. In the caller's
    transaction."""
    keep = RECENT_JOBS if keep is None else keep
    estimate, since, pieces = connection.execute(
        select(
            text("(SELECT reltuples FROM pg_class WHERE oid = to_regclass('recent_jobs'))"),
            select(_RECENT_SINCE.c.since).scalar_subquery(),
            _PIECES_KEPT.columns(column("kept", Boolean)).scalar_subquery(),
        )
    ).one()
    if since is None or since == _NOTHING_YET:
        # A demo load was stopped before it filled the table (`hold_recent_jobs`), or the row
        # of `since` is gone (the search then asks all jobs): made again.
        return fill_recent_jobs(connection, keep)
    if pieces:
        pieces_since = connection.scalar(select(_RECENT_PIECES_SINCE.c.since))
        if pieces_since is None or pieces_since == _NOTHING_YET:
            _fill_recent_pieces(connection, since)
    if estimate is None or estimate < keep * RECENT_SLACK:
        return 0
    return trim_recent_jobs(connection, keep)


# `since` while the table holds every job (made with fewer than RECENT_JOBS): migration 0025's.
# (The search does not trust it to: fewer than a page there, and all jobs are asked.)
_EVERY_JOB = datetime(1, 1, 1)
# `since` while a demo loads jobs into an empty database: no job is copied into the table as it
# is written (the search reads nothing there and asks all jobs); filled once after the load.
_NOTHING_YET = datetime.max


def hold_recent_jobs(connection: Connection) -> None:
    """PostgreSQL, before a bulk load: the newest jobs' tables (0025's, and 0026's name pieces)
    take no row until `fill_recent_jobs` (a million row triggers copying each job would make
    them ten times too big, then trimmed). The search is right meanwhile: it finds nothing
    there, and asks all jobs. Nothing off PostgreSQL."""
    if connection.dialect.name != "postgresql":
        return
    connection.execute(_RECENT_SINCE.update().values(since=_NOTHING_YET))
    if connection.scalar(_PIECES_KEPT):
        connection.execute(_RECENT_PIECES_SINCE.update().values(since=_NOTHING_YET))


def fill_recent_jobs(connection: Connection, keep: int | None = None) -> int:
    """PostgreSQL: the newest jobs' table made again from the jobs, as migration 0025 makes it
    (the newest `keep`, and those checked in at the same moment as the oldest of them), and
    migration 0026's name pieces from the same moment on where this role may write them; how
    many rows the newest jobs' table holds. Nothing off PostgreSQL."""
    if connection.dialect.name != "postgresql":
        return 0
    keep = RECENT_JOBS if keep is None else keep
    pieces = bool(connection.scalar(_PIECES_KEPT))
    # No check-in or phone change in flight while the table is made again from the jobs: one not
    # committed yet would be neither read below nor copied by the trigger (which ran while
    # `since` said the table takes nothing). Found by the adversary: the new customer's phone
    # then found nothing. (Rare: after a demo load, or a start after one was stopped.) Nor a
    # customer's new name, for the name pieces: locked first, in the order a check-in of a new
    # customer takes them (the other order deadlocked with one: found by the adversary).
    connection.execute(text("LOCK TABLE customer_name_pieces, jobs IN SHARE MODE"))
    boundary = connection.scalar(
        select(Job.checked_in_at).order_by(Job.checked_in_at.desc()).offset(keep - 1).limit(1)
    )
    since = _EVERY_JOB if boundary is None else boundary
    connection.execute(_RECENT.delete())
    _set_since(connection, "recent_jobs_since", since)
    connection.execute(
        _RECENT.insert().from_select(
            ["job_id", "checked_in_at", "phone_and_serial", "number"],
            select(Job.id, Job.checked_in_at, _PHONE_AND_SERIAL, Job.number).where(
                Job.checked_in_at >= since
            ),
        )
    )
    if pieces:
        _fill_recent_pieces(connection, since)
    # (An INSERT ... SELECT's rowcount is -1 through SQLAlchemy and psycopg: counted.)
    return int(connection.scalar(select(func.count()).select_from(_RECENT)) or 0)


def _fill_recent_pieces(connection: Connection, since: datetime) -> None:
    """Migration 0026's name pieces made again for the jobs checked in since `since`, no name
    changed nor job written meanwhile."""
    connection.execute(text("LOCK TABLE customer_name_pieces, jobs IN SHARE MODE"))
    connection.execute(_RECENT_PIECES.delete())
    _set_since(connection, "recent_name_pieces_since", since)
    connection.execute(
        _RECENT_PIECES.insert().from_select(
            ["piece", "checked_in_at", "job_id", "customer_id"],
            select(_NAME_PIECES.c.piece, Job.checked_in_at, Job.id, Job.customer_id).where(
                _NAME_PIECES.c.customer_id == Job.customer_id, Job.checked_in_at >= since
            ),
        )
    )


def _set_since(connection: Connection, table_name: str, since: datetime) -> None:
    """The one row of a `since` table (0025's or 0026's) says `since`, made again if it was
    gone."""
    connection.execute(
        text(
            f"INSERT INTO {table_name} (since) VALUES (:since) "
            "ON CONFLICT (one) DO UPDATE SET since = EXCLUDED.since"
        ),
        {"since": since},
    )


def trim_recent_jobs(connection: Connection, keep: int | None = None) -> int:
    """Migration 0025's table back to the newest `keep` (RECENT_JOBS) jobs (and those checked in
    at the same moment as the oldest of them), and 0026's name pieces with it where this role
    may write them; how many rows of the newest jobs went. Nothing off PostgreSQL."""
    if connection.dialect.name != "postgresql":
        return 0
    keep = RECENT_JOBS if keep is None else keep
    boundary = connection.scalar(
        select(_RECENT.c.checked_in_at)
        .order_by(_RECENT.c.checked_in_at.desc())
        .offset(keep - 1)
        .limit(1)
    )
    if boundary is None:
        return 0
    # `since` first: a check-in now (at or after it) is in the table whatever the trim does.
    connection.execute(
        _RECENT_SINCE.update().where(_RECENT_SINCE.c.since < boundary).values(since=boundary)
    )
    gone = connection.execute(_RECENT.delete().where(_RECENT.c.checked_in_at < boundary)).rowcount
    if connection.scalar(_PIECES_KEPT):
        # Its own `since` only forward (one still "nothing yet" stays so, for the next start).
        moved = connection.execute(
            _RECENT_PIECES_SINCE.update()
            .where(_RECENT_PIECES_SINCE.c.since < boundary)
            .values(since=boundary)
        ).rowcount
        if moved:
            connection.execute(
                _RECENT_PIECES.delete().where(_RECENT_PIECES.c.checked_in_at < boundary)
            )
    return int(gone or 0)


def _first_matches(
    typed: str, rows: int, instead: Callable[[], PostgresMatches]
) -> PostgresMatches:
    """A list's first page of the jobs whose phone, serial or number holds `typed`, read from
    the trigram indexes of the phone and serial and of the number in the page's own statement
    (each candidate's row read once): no further than SPARSE_MATCHES matches, sorted, the first
    `rows` of them. The statement also counts what it read (`counted`): SPARSE_MATCHES, and
    the list reads `instead` (a text rare among the newest jobs and common among older ones).
    Its condition and count are made once, with parameters (`values`)."""
    condition, counted = first_matches_parts()
    values = {"pattern": _contains(typed), "rows": rows, "sparse": SPARSE_MATCHES}
    return PostgresMatches(condition, few=True, counted=counted, instead=instead, values=values)


@cache
def first_matches_parts() -> tuple[ColumnElement[bool], ScalarSelect[Any]]:
    """`_first_matches`' condition and count: parameters `pattern`, `rows` and `sparse` (also
    in queries' statement made once for such a page)."""
    found = (
        select(Job.id, Job.checked_in_at)
        .where(_digits_like(_PATTERN, _PHONE_AND_SERIAL, Job.number))
        .limit(bindparam("sparse", type_=Integer))
        .cte("found")  # read twice, so PostgreSQL makes it once
    )
    first = select(found.c.id).order_by(found.c.checked_in_at.desc(), found.c.id.desc())
    counted = select(func.count()).select_from(found).scalar_subquery()
    return Job.id.in_(first.limit(_ROWS)), counted


def _digits_condition(
    session: Session, typed: str, found: PostgresSearch, first_page: int
) -> PostgresMatches:
    """A text of digits (a phone fragment, digits of a serial or a job number), searched in the
    phone, serial and number each job carries. One or two digits match so many jobs that the
    walk down the check-in index fills a page at once. For a list's first page the newest jobs
    are tried first (`_probe_newest`): a text they fill the page with is answered there, one
    they suggest is common enough is walked; one they suggest fills a page among the newest
    RECENT_JOBS is read from those jobs' own table (`_recent_newest`, migration 0025), and the
    rest (or what that table held less than a page of) is read from the trigram indexes,
    sorted and cut to the page (`_first_matches`). For a later page, a count or an export, the
    matches are collected as ids. From SPARSE_MATCHES matches on, the walk."""

    def walk() -> PostgresMatches:
        # The planner's choice of the way (a walk, the trigram indexes) from its estimate of
        # the LIKE: where no probe measured the text (a filter beside it, a later page, a count)
        # or where the probe found it rare among the newest jobs.
        return PostgresMatches(digits_condition(typed), few=False)

    def common_walk() -> PostgresMatches:
        # The probe found the text common among the newest jobs: the walk, whatever the planner
        # would guess (`digits_walk`).
        return PostgresMatches(digits_walk(typed), few=False)

    if len(typed) < 3 or not found.trigram:
        return walk()
    jobs = table_size(session)
    if first_page and jobs > PROBE_FROM_JOBS:
        ids, count = _probe_newest(session, typed, first_page)
        if count >= first_page:
            # The whole first page is among the newest jobs: looked up by id and sorted.
            return _by_job_ids(str(ids))
        # As common throughout as among the newest: about count * jobs / PROBE_JOBS matches.
        common = count * jobs / PROBE_JOBS >= math.sqrt(WALK_STEP * first_page * jobs)
        # The walk to a page passes about first_page * PROBE_JOBS / count jobs.
        if common and (not found.recent or first_page * PROBE_JOBS <= WALK_BEFORE * count):
            return common_walk()
        rare = count <= 1 and len(typed) >= RARE_DIGITS and jobs > RECENT_JOBS
        if found.recent and not rare:
            # The newest RECENT_JOBS from their own small table: a page's worth there is the
            # page. (Asked whatever the probe found: four digits the newest 2,000 jobs did not
            # hold filled a page there. A rarer text costs that table's few matches more, 1 ms.)
            # Fewer than a page there, and older jobs may belong on the page: all jobs are asked,
            # also where the table was made with every job (a gap in it, a restore, must not
            # hide a match), or walked where the probe found the text common. Not asked for
            # RARE_DIGITS digits or more that the probe found once at most, unless the table
            # holds every job (a shop of up to RECENT_JOBS: its answer is the narrow table's).
            ids, recent = _recent_newest(session, typed, first_page)
            if recent >= first_page:
                return _by_job_ids(str(ids))
        if common:
            return common_walk()
        return _first_matches(typed, first_page, instead=walk)
    lookup = select(Job.id).where(digits_condition(typed))
    ids = session.execute(select(_ids(lookup, SPARSE_MATCHES))).scalar()
    count = _id_count(ids)
    if not count:
        return PostgresMatches(false(), few=True)
    if count >= SPARSE_MATCHES:
        return walk()
    return PostgresMatches(
        Job.id == any_(_id_array(str(ids))), few=count <= scaled(FEW_MATCHES, jobs)
    )


def postgres_condition(
    session: Session, typed: str, *, alone: bool = False, first_page: int = 0
) -> PostgresMatches | None:
    """The jobs `typed` matches, found by per-column index lookups and handed to the list.
    None: no index can answer, or a column matches too many rows to collect (walking the list
    with LIKE finds a page sooner): SPARSE_MATCHES for a trigram index, whose every match is
    checked again on its row, scaled with the table for the pieces tables, whose lookups read
    the index alone. A text of digits is searched in the phone, serial and number each job
    carries (`_digits_condition`; `first_page`: the rows a list's first page needs when `typed`
    is its only condition)."""
    setup = postgres_search(session)
    if typed.isdigit():
        return _digits_condition(session, typed, setup, first_page)
    lookups = postgres_lookups(typed, setup)
    if lookups is None:
        return None
    if lookups.index_only:
        # A list's first page of one or two Chinese characters: the newest jobs' name pieces
        # (migration 0026), a page's worth there is the page. Fewer (a rare name, or a serial
        # holds them too) and older jobs may belong on it: asked as before.
        recent = first_page if alone and first_page and setup.recent_pieces else 0
        if recent and len(typed) == 1:
            # One character first by itself: counting a surname's customers for the way
            # asked before is what costs (9,700 of them at a million), and the table mostly
            # answers. (A pair is asked in the statement that counts them: few, mostly.)
            ids, count, in_serials = _recent_pieces_newest(session, typed, recent)
            if count >= recent and not in_serials:
                return _by_job_ids(str(ids))
            recent = 0
        return _pieces_condition(session, lookups, alone=alone, recent=(typed, recent))
    jobs = table_size(session)
    asked = [
        *([(Job.id, lookups.jobs)] if lookups.jobs is not None else []),
        (Job.customer_id, lookups.customers),
        (Job.product_id, lookups.products),
    ]
    conditions = []
    matches = 0
    for column_, lookup in asked:
        # One column at a time: the first that matches too many ends the collecting (each
        # trigram match costs a look at its row; 5,000 of them take tens of milliseconds).
        found = session.execute(select(_ids(lookup, SPARSE_MATCHES))).scalar()
        count = _id_count(found)
        if not count:
            continue
        if count >= SPARSE_MATCHES:
            return None
        matches += count
        conditions.append(column_ == any_(_id_array(found)))
    if not conditions:
        return PostgresMatches(false(), few=True)
    return PostgresMatches(or_(*conditions), few=matches <= scaled(FEW_MATCHES, jobs))


def _pieces_condition(
    session: Session, lookups: Lookups, *, alone: bool, recent: tuple[str, int] = ("", 0)
) -> PostgresMatches | None:
    """Chinese text of 1 or 2 characters, from the pieces tables (index-only lookups): one
    statement counts the names' and the serials' matches and brings their ids if they are few
    (and with `recent`, (the text, a first page's rows), the newest jobs' name pieces' first
    page, `_recent_pieces_ids`: the page, where it fills it and no serial holds the text).
    Few: the list looks those jobs up by id and sorts them. More: the lookups themselves go into
    the list's walk down the check-in index (PostgreSQL hashes each once and tests every job it
    passes), so thousands of ids never travel to Python and back, nor weigh on the planner
    (a constant array of 10,000 ids took 2 ms to plan). Too many (a common surname): None."""
    jobs = table_size(session)
    few, sparse = scaled(FEW_MATCHES, jobs), scaled(SPARSE_MATCHES, jobs)
    piece, rows = recent
    names, serials, name_ids, serial_ids, *newest = session.execute(
        select(
            _count(lookups.customers, sparse),
            _count(lookups.products, sparse),
            _ids(lookups.customers, few + 1),
            _ids(lookups.products, few + 1),
            *([_recent_pieces_ids(piece, rows)] if rows else []),
        )
    ).one()
    if newest and not serials and _id_count(newest[0]) >= rows:
        return _by_job_ids(str(newest[0]))
    if names >= sparse or serials >= sparse:
        return None
    if not names and not serials:
        return PostgresMatches(false(), few=True)
    if names + serials <= few:
        return PostgresMatches(or_(*_by_ids(name_ids, serial_ids)), few=True)
    if not alone:
        # With other conditions (a status, "open only", a due filter) or for a whole list (a
        # count, an export), the planner must see how many jobs the text matches to choose its
        # way: their ids, as constant arrays. (A walk testing lookups it cannot size read every
        # job when the filters left fewer than a page.)
        return _pieces_by_ids(session, lookups, sparse)
    # Both, even where one finds nothing: a lookup under OR stays a subplan PostgreSQL hashes
    # once (alone, it became a join probing the pieces' index for every job walked, 11 ms).
    by_lookups = or_(Job.customer_id.in_(lookups.customers), Job.product_id.in_(lookups.products))
    return PostgresMatches(by_lookups, few=False)


def _pieces_by_ids(session: Session, lookups: Lookups, sparse: int) -> PostgresMatches:
    """More than a few matches from the pieces tables, as constant arrays of their ids."""
    name_ids, serial_ids = session.execute(
        select(_ids(lookups.customers, sparse), _ids(lookups.products, sparse))
    ).one()
    found = _by_ids(name_ids, serial_ids)
    return PostgresMatches(or_(*found) if found else false(), few=False)


def _by_ids(name_ids: str | None, serial_ids: str | None) -> list[ColumnElement[bool]]:
    """`customer_id = ANY(...)`, `product_id = ANY(...)` for the pieces lookups that found ids
    (array texts from `_ids`)."""
    found = ((Job.customer_id, name_ids), (Job.product_id, serial_ids))
    return [column_ == any_(_id_array(ids)) for column_, ids in found if _id_count(ids)]


def text_condition(
    session: Session, typed: str, *, alone: bool = False, first_page: int = 0
) -> object | MatchingJobs | PostgresMatches:
    """The WHERE condition for the search text (already stripped, not empty, not a job number),
    or the jobs the index matches. `alone`: it is a list page's only condition, so a page is a
    walk down the check-in index that a page's worth of matches ends; `first_page`: the rows
    that page needs when it is the list's first (0 for a later page)."""
    if _JOB_NUMBER_START.match(typed):
        return job_number_start_condition(typed)
    if session.get_bind().dialect.name == "postgresql":
        matches = postgres_condition(
            session, typed, alone=alone, first_page=first_page if alone else 0
        )
        return like_condition(typed) if matches is None else matches
    phrase = fts_phrase(typed) if uses_index(session) else None
    if phrase is None:
        return like_condition(typed)
    matching = matching_ids(phrase)
    jobs = table_size(session)
    sparse = scaled(SPARSE_MATCHES, jobs)
    # Counting in the database, stopping at the threshold: no ids travel through Python.
    matches = session.scalar(select(func.count()).select_from(matching.limit(sparse).subquery()))
    matches = matches or 0
    if matches >= sparse:
        return like_condition(typed)
    return MatchingJobs(matching, matches <= scaled(FEW_MATCHES, jobs), like_condition(typed))


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
