"""PostgreSQL search (migration 0010, search_index.postgres_condition): the same jobs as SQLite
and as a scan in Python, on a UTF-8 database, on a C-ctype one (no Chinese trigrams) and on one
whose migrating role could not create pg_trgm; and plans that read indexes, not every job, for
texts that match few jobs, also after a statement has run more than 5 times (where psycopg 3
would prepare it and PostgreSQL could switch to a generic plan)."""

from __future__ import annotations

import dataclasses
import logging
import math
import random
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy import event, select, text, update

from desktop_app.cli import main
from desktop_app.data import queries, search_index
from desktop_app.data.db import Database, latest_revision, open_database
from desktop_app.data.models import Base, Customer, Job, Product
from desktop_app.data.roles import secure_postgres
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from tests.data.test_search import NOW, all_pages, scanned
from tests.data.test_search_parity import SEED, _forms, _pieces
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

pytestmark = pytest.mark.postgres

# Chinese names of 1, 2, 3, 5 and more characters; Latin in mixed case; LIKE's metacharacters.
NAMES = [
    "薛",
    "陆燕",
    "陆燕萍",
    "欧阳娜娜子",
    "爱新觉罗溥仪先生",
    "北京华为技术有限公司",
    "McDonald O'Brien",
    "Zhang Wei",
    "100% 满意",
    "a_b 商店",
    "C:\\路径\\店",
    "陆燕 Lu",
]
SERIALS = ["SN_UNDER_01", "SN%PCT%02", "SN\\BACK03", "宣统元年SN04"]


def _everything() -> list[dict[str, str]]:
    forms = _forms(40)
    for n, name in enumerate(NAMES):
        forms.append({"customer_name": name, "phone": f"1390000{n:04d}", "serial": f"NAME{n:08d}X"})
    return forms


def _typed(database: Database, forms: list[dict[str, str]]) -> list[str]:
    rng = random.Random(SEED + 7)
    with database.read() as session:
        numbers = list(session.scalars(select(Job.number)))
        serials = list(session.scalars(select(Product.serial)))
    names = [f["customer_name"] for f in forms]
    return [
        *_pieces(names, rng, 120),
        *_pieces(serials, rng, 40),
        *_pieces([f["phone"] for f in forms], rng, 40),
        *_pieces(numbers, rng, 20),
        *NAMES,
        *[name[:k] for name in NAMES for k in (1, 2, 3)],
        *[name[-2:] for name in NAMES],
        "mcdonald",
        "MCDONALD O'",
        "zhANG w",
        "o'brien",
        *SERIALS,
        *[s.lower() for s in SERIALS],
        "%",
        "_",
        "\\",
        "0%",
        "a_b",
        "A_B",
        "_UND",
        "%PCT",
        "\\BACK",
        "C:\\",
        "\\路",
        "0000",
        "13900",
        "R2026",
        numbers[0],
        numbers[0].lower(),
        numbers[0][:9],
        "宣统",
        "元年S",
        "不存在的名字",
        "zzzz",
    ]


def _fill(database: Database, forms: list[dict[str, str]]) -> Services:
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    manager = actor(services)
    assert manager is not None
    for form in forms:
        services.jobs.check_in(check_in_form(**form), manager)
    with database.write() as session:
        for n, serial in enumerate(SERIALS, start=1):
            product_id = session.get(Job, n).product_id
            session.execute(update(Product).where(Product.id == product_id).values(serial=serial))
    return services


def _numbers(database: Database, ids: list[int]) -> list[str]:
    with database.read() as session:
        by_id = {job_id: number for job_id, number in session.execute(select(Job.id, Job.number))}
    return [by_id[i] for i in ids]


def _drop_role(postgres_server, role: str) -> None:
    server = open_database(postgres_server.url("postgres"), migrate=False)
    try:
        with server.engine.begin() as connection:
            connection.execute(text(f"DROP ROLE IF EXISTS {role}"))
    finally:
        server.dispose()


def _as_superuser(url: str, statement: str) -> None:
    role = url.split("//")[1].split("@")[0]
    admin = open_database(url.replace(f"//{role}@", "//postgres@"), migrate=False)
    try:
        with admin.engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        admin.dispose()


@pytest.fixture
def limited_url(postgres_server) -> Iterator[str]:
    """A database whose role may create tables in it but not pg_trgm (no CREATE on the
    database, not a superuser): the migration must do without."""
    role = f"rc_limited_{uuid.uuid4().hex[:8]}"
    admin_url = postgres_server.create_database()
    _as_superuser(admin_url, f"CREATE ROLE {role} LOGIN")
    _as_superuser(admin_url, f"GRANT CREATE, USAGE ON SCHEMA public TO {role}")
    try:
        yield admin_url.replace("//postgres@", f"//{role}@")
    finally:
        postgres_server.drop_database(admin_url)
        _drop_role(postgres_server, role)


@pytest.fixture
def backends(tmp_path: Path, postgres_server, limited_url) -> Iterator[dict[str, Database]]:
    """SQLite; PostgreSQL with UTF-8 ctype; with ctype C; and without pg_trgm."""
    urls = {
        "utf8": postgres_server.create_database(),
        "c": postgres_server.create_database(ctype="C"),
    }
    databases = {"sqlite": open_database(f"sqlite:///{tmp_path}/counter.db")}
    try:
        for key, url in urls.items():
            databases[key] = open_database(url)
        databases["no_trgm"] = open_database(limited_url)
        yield databases
    finally:
        for database in databases.values():
            database.dispose()
        for url in urls.values():
            postgres_server.drop_database(url)


def test_the_test_server_gives_chinese_trigrams(postgres_server):
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        with database.read() as session:
            assert session.scalar(text("SELECT show_trgm('陆燕')")) != []
            found = search_index.read_postgres_search(session)
        assert found.trigram and found.chinese_trigrams
        assert search_index.search_problems(found) == []
    finally:
        database.dispose()
        postgres_server.drop_database(url)


@pytest.mark.parametrize(
    ("sparse_below", "few", "hold_up_to"),
    [
        (search_index.SPARSE_MATCHES, search_index.FEW_MATCHES, None),
        (3, 1, None),
        # Thresholds grown with the table, as at a million jobs (search_index.scaled).
        (3, 1, 10),
    ],
)
def test_every_backend_finds_what_a_scan_finds(
    backends, monkeypatch, sparse_below, few, hold_up_to
):
    monkeypatch.setattr(search_index, "SPARSE_MATCHES", sparse_below)
    monkeypatch.setattr(search_index, "FEW_MATCHES", few)
    if hold_up_to is not None:
        monkeypatch.setattr(search_index, "THRESHOLDS_HOLD_UP_TO", hold_up_to)
    forms = _everything()
    services = {key: _fill(database, forms) for key, database in backends.items()}
    setups = {}
    for key in ("utf8", "c", "no_trgm"):
        with backends[key].read() as session:
            setups[key] = search_index.postgres_search(session)
    assert setups["utf8"].trigram and setups["utf8"].chinese_trigrams
    assert setups["c"].trigram and not setups["c"].chinese_trigrams
    assert not setups["no_trgm"].trigram
    differences = []
    for typed in _typed(backends["sqlite"], forms):
        expected = _numbers(backends["sqlite"], scanned(backends["sqlite"], typed))
        found = {
            key: _numbers(database, all_pages(services[key], typed))
            for key, database in backends.items()
        }
        if any(numbers != expected for numbers in found.values()):
            differences.append((typed, expected, found))
    assert not differences, differences[:3]


def test_a_c_ctype_database_is_named_at_migration(postgres_server, caplog):
    caplog.set_level(logging.WARNING)
    url = postgres_server.create_database(ctype="C")
    try:
        open_database(url).dispose()
        assert "LC_CTYPE is C, not UTF-8" in caplog.text
    finally:
        postgres_server.drop_database(url)


def test_pieces_follow_changed_names_and_serials(backends):
    database = backends["utf8"]
    services = _fill(database, _everything()[-len(NAMES) :])
    job = all_pages(services, "溥仪")[0]
    with database.write() as session:
        found = session.get(Job, job)
        session.execute(
            update(Customer).where(Customer.id == found.customer_id).values(name="司马光")
        )
        session.execute(update(Product).where(Product.id == found.product_id).values(serial="宣统"))
    assert all_pages(services, "溥") == scanned(database, "溥") == []
    assert all_pages(services, "马光") == scanned(database, "马光") == [job]
    assert all_pages(services, "统") == scanned(database, "统") != []
    with database.read() as session:
        pieces = set(session.scalars(text("SELECT piece FROM customer_name_pieces")))
    assert {"司", "马", "司马", "马光", "光"} <= pieces and "溥仪" not in pieces


def test_without_pg_trgm_the_migration_succeeds_and_says_what_to_ask_for(
    limited_url, caplog, capsys
):
    caplog.set_level(logging.WARNING)
    database = open_database(limited_url)
    try:
        with database.read() as session:
            assert (
                session.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
                == 0
            )
            assert (
                session.scalar(text("SELECT version_num FROM alembic_version")) == latest_revision()
            )
        said = caplog.text
        assert "CREATE EXTENSION pg_trgm" in said and "superuser" in said, said
        services = _fill(database, _everything()[-len(NAMES) :])
        search_index.forget_postgres_search()
        caplog.clear()
        for typed in ("溥仪", "陆燕萍", "mcdonald", "0000", "SN_"):
            assert all_pages(services, typed) == scanned(database, typed), typed
        # The search says once, in one line, why it scans and what to ask for.
        lines = [r.getMessage() for r in caplog.records if "pg_trgm" in r.getMessage()]
        assert len(lines) == 1 and "\n" not in lines[0] and "CREATE EXTENSION pg_trgm" in lines[0]
        assert main(["--database", limited_url, "migrate"]) == 0
        assert "note: PostgreSQL search has no trigram indexes" in capsys.readouterr().out
        # The administrator adds the extension; `repair-counter migrate` then makes the indexes.
        _as_superuser(limited_url, "CREATE EXTENSION pg_trgm")
        assert main(["--database", limited_url, "migrate"]) == 0
        assert "note:" not in capsys.readouterr().out
        search_index.forget_postgres_search()
        with database.read() as session:
            assert search_index.postgres_search(session).trigram
        for typed in ("陆燕萍", "mcdonald", "0000", "SN_"):
            assert all_pages(services, typed) == scanned(database, typed), typed
    finally:
        database.dispose()


def test_a_database_owner_creates_pg_trgm_itself(postgres_server):
    """pg_trgm is trusted (PostgreSQL 13+): the database's owner, not a superuser, may."""
    role = f"rc_dbowner_{uuid.uuid4().hex[:8]}"
    server = open_database(postgres_server.url("postgres"), migrate=False)
    with server.engine.begin() as connection:
        connection.execute(text(f"CREATE ROLE {role} LOGIN"))
    server.dispose()
    url = postgres_server.create_database(owner=role)
    database = open_database(url.replace("//postgres@", f"//{role}@"))
    try:
        with database.read() as session:
            assert search_index.read_postgres_search(session).trigram
    finally:
        database.dispose()
        postgres_server.drop_database(url)
        _drop_role(postgres_server, role)


def test_the_app_role_searches_and_keeps_the_pieces(postgres_server):
    """`postgres-roles` leaves pg_trgm's functions alone and lets the app role keep the pieces
    (a changed name replaces them)."""
    admin_url = postgres_server.create_database()
    suffix = uuid.uuid4().hex[:8]
    owner, app = f"rc_owner_{suffix}", f"rc_app_{suffix}"
    admin = open_database(admin_url)
    try:
        with admin.engine.begin() as connection:
            secure_postgres(connection, owner, app)
            extension_owner = connection.scalar(
                text(
                    "SELECT r.rolname FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner "
                    "WHERE p.proname = 'show_trgm'"
                )
            )
        assert extension_owner == "postgres"
        database = open_database(admin_url.replace("//postgres@", f"//{app}@"))
        try:
            services = _fill(database, _everything()[-len(NAMES) :])
            job = all_pages(services, "陆燕萍")[0]
            with database.write() as session:
                customer_id = session.get(Job, job).customer_id
                session.execute(
                    update(Customer).where(Customer.id == customer_id).values(name="陆萍")
                )
            assert all_pages(services, "陆萍") == scanned(database, "陆萍") != []
            assert job not in all_pages(services, "陆燕萍")
        finally:
            database.dispose()
    finally:
        admin.dispose()
        postgres_server.drop_database(admin_url)
        _drop_role(postgres_server, app)
        _drop_role(postgres_server, owner)


# --- plans ---------------------------------------------------------------------------------------

MANY = 30_000
SURNAMES = "张王李赵陈刘杨黄吴周"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


def _clone_jobs(database: Database, count: int) -> None:
    """`count` more jobs, each with its own customer and product, copied from job 1 with new
    names, phones, serials, numbers and check-in times (by SQL: seconds, not minutes)."""

    def columns(table: str, values: dict[str, str]) -> tuple[str, str]:
        names = [c.name for c in Base.metadata.tables[table].columns if c.name != "id"]
        return ", ".join(names), ", ".join(values.get(n, f"src.{n}") for n in names)

    phone = "'137' || lpad(g::text, 8, '0')"
    serial = "'SN' || upper(substr(md5(g::text), 1, 12))"
    name = (
        f"substr('{SURNAMES}', 1 + g % 10, 1) || substr('{GIVEN}', 1 + (g / 10) % 20, 1)"
        f" || substr('{GIVEN}', 1 + (g / 200) % 20, 1)"
    )
    statements = [
        ("customers", {"name": name, "phone": phone}),
        (
            "products",
            {"serial": serial, "customer_id": f"(SELECT id FROM customers WHERE phone = {phone})"},
        ),
        (
            "jobs",
            {
                "number": "'R' || to_char(timestamp '2024-01-01' + g * interval '20 minutes', "
                "'YYYYMMDD') || '-' || lpad((g % 10000)::text, 4, '0')",
                "checked_in_at": "timestamp '2024-01-01' + g * interval '20 minutes'",
                "customer_id": f"(SELECT id FROM customers WHERE phone = {phone})",
                "product_id": f"(SELECT id FROM products WHERE serial = {serial})",
            },
        ),
    ]
    with database.engine.begin() as connection:
        for table, values in statements:
            names, selected = columns(table, values)
            connection.execute(
                text(
                    f"INSERT INTO {table} ({names}) SELECT {selected} FROM {table} AS src, "
                    "generate_series(1, :count) AS g WHERE src.id = 1"
                ),
                {"count": count},
            )
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        # As after a demo load (bulk.vacuum_after_load) or autovacuum (migration 0023): the
        # visibility map lets the walks down the check-in index read it alone.
        connection.execute(text("VACUUM (ANALYZE)"))


@pytest.fixture(scope="module")
def big(postgres_server) -> Iterator[tuple[Database, Services]]:
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        services = _fill(database, _everything()[-len(NAMES) :])
        _clone_jobs(database, MANY)
        yield database, services
    finally:
        database.dispose()
        postgres_server.drop_database(url)


# Selective texts: a rare Chinese name of 1, 2, 3 characters, a phone's 4 and 8 digits, a
# serial's fragment in lower case, a whole job number and its day, nothing at all.
SELECTIVE = ("薛", "陆燕", "陆燕萍", "溥仪", "05551", "0025551", "name0000", "R20240105", "zzzz")


class Statements:
    """The statements the search sends, with their parameters, on this engine."""

    def __init__(self, database: Database) -> None:
        self.seen: list[tuple[str, Any]] = []
        event.listen(database.engine, "before_cursor_execute", self._grab)

    def _grab(self, _conn, _cursor, statement, parameters, _context, _many) -> None:
        self.seen.append((statement, parameters))

    def searches(self) -> list[tuple[str, Any]]:
        return [(s, p) for s, p in self.seen if "jobs" in s or "pieces" in s or "customers" in s]


# How a statement reading a page of the list starts (its columns, job_list.py).
PAGE = "SELECT jobs.id, jobs.number"


@contextmanager
def recorded(database: Database) -> Iterator[Statements]:
    """The statements the search sends on `database` within the block."""
    statements = Statements(database)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)


def _plan(database: Database, statement: str, parameters: Any) -> str:
    """The plan the engine's own (unprepared) run of `statement` gets, as it ran."""
    with database.engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters, prepare=False)
        return "\n".join(row[0] for row in cursor.fetchall())


_NODE = re.compile(r"on (\w+)(?: \w+)? \(actual time=\S+ rows=(\d+) loops=(\d+)\)")
_REMOVED = re.compile(r"Rows Removed by (?:Filter|Index Recheck|Join Filter): (\d+)")


def _job_rows_read(plan: str) -> int:
    """The job rows a plan read: those its scans of `jobs` returned and those they dropped."""
    read, in_jobs = 0, False
    for line in plan.splitlines():
        node = _NODE.search(line)
        if node is not None:
            in_jobs = node.group(1) == "jobs"
            if in_jobs:
                read += int(node.group(2)) * int(node.group(3))
        elif "->" in line:
            in_jobs = False
        elif in_jobs and (removed := _REMOVED.search(line)):
            read += int(removed.group(1))
    return read


# The probe walks the newest jobs down a check-in index: the one carrying the phone, serial and
# number (from the index alone), or, where the planner weighs the visibility map otherwise (the
# CI's server did), the plain one, reading those rows of the table.
_NEWEST_WALK = re.compile(
    r"Index (Only )?Scan Backward using ix_jobs_checked_in_at_(search|id) on jobs"
)


def _rows_looked_up(plan: str, table: str) -> int:
    """How many times a plan's scans of `table` ran (a nested loop's lookups), at most."""
    return max(
        (int(node.group(3)) for node in _NODE.finditer(plan) if node.group(1) == table),
        default=0,
    )


@pytest.mark.parametrize("typed", SELECTIVE)
def test_a_selective_search_reads_indexes_not_every_job(big, typed):
    database, services = big
    expected = scanned(database, typed)
    statements = Statements(database)
    try:
        for _ in range(8):  # more than the 5 runs after which psycopg 3 would prepare
            assert all_pages(services, typed) == expected
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    searches = statements.searches()
    assert searches
    plans = [_plan(database, s, p) for s, p in searches[-4:]]
    for (statement, _parameters), plan in zip(searches[-4:], plans, strict=True):
        # The jobs grow by one row a job; customers and products a planner may still scan
        # while they are small (30,000 here, a few milliseconds), never the jobs.
        assert "Seq Scan on jobs" not in plan, (typed, plan)
        # Nor walk them all through an index (the LIKE walk for a rare text did): only the
        # probe of a text of digits walks a bounded stretch of the newest jobs, from the index.
        recent = "recent_jobs" in statement  # the newest jobs' table (migration 0025)
        probe = "phone_and_serial" in statement and "WITH found" not in statement and not recent
        if recent:
            assert "ix_recent_jobs_phone_and_serial_trgm" in plan, plan
        if probe:
            assert _NEWEST_WALK.search(plan), plan
        read = _job_rows_read(plan)
        assert read <= (search_index.PROBE_JOBS if probe else 500), (typed, plan)
        # Only a page's jobs are joined to their customers (all_pages reads 37 a page): the
        # matches are sorted and cut to a page first.
        assert _rows_looked_up(plan, "customers") <= 38, (typed, plan)
    if not typed.startswith("R"):
        # The per-column lookups are there, and an index answers them.
        assert any("_trgm" in plan or "_pieces_pkey" in plan for plan in plans), plans
    with database.engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM pg_prepared_statements")) == 0


def _generic_plan(database: Database, statement: str, parameters: dict[str, Any]) -> str:
    """The plan PostgreSQL keeps for `statement` once prepared on the server and run 8 times,
    with the generic plan forced (what it may switch to after the 5th run). On a connection of
    its own, where nothing else is prepared (the engine's may hold a check-in's prepared
    statements, whose text psycopg would reuse), and looked up unprepared (prepared too, the
    lookup was the newest statement and its own plan the one explained: the adversary)."""
    names = list(dict.fromkeys(re.findall(r"%\((\w+)\)s", statement)))
    plain = database.engine.url.set(drivername="postgresql")
    with psycopg.connect(plain.render_as_string(hide_password=False)) as raw:
        raw.prepare_threshold = 0  # the engine never prepares (data/db.py): this one does
        cursor = raw.cursor()
        cursor.execute("SET plan_cache_mode = force_generic_plan", prepare=False)
        for _ in range(8):
            cursor.execute(statement, parameters, prepare=True)
            cursor.fetchall()
        name = cursor.execute(
            "SELECT name FROM pg_prepared_statements WHERE generic_plans > 0 "
            "ORDER BY prepare_time DESC LIMIT 1",
            prepare=False,
        ).fetchone()[0]
        values = sql.SQL(", ").join(sql.Literal(parameters[n]) for n in names)
        explain = (
            sql.SQL("EXPLAIN EXECUTE {}({})").format(sql.Identifier(name), values)
            if names  # a statement without parameters (ids written into it) takes no list
            else sql.SQL("EXPLAIN EXECUTE {}").format(sql.Identifier(name))
        )
        return "\n".join(row[0] for row in cursor.execute(explain, prepare=False).fetchall())


@pytest.mark.parametrize("typed", ["R20240105", "R2024010", "陆燕萍", "05551", "薛", "name0000"])
def test_even_a_generic_plan_reads_no_whole_jobs_table(big, typed):
    """Were the statements prepared after all (a pooler, another driver setting) and PostgreSQL
    chose the generic plan, it still reads no whole jobs table."""
    database, services = big
    statements = Statements(database)
    try:
        all_pages(services, typed)
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    searches = statements.searches()
    assert searches
    for statement, parameters in searches:
        plan = _generic_plan(database, statement, parameters)
        assert "Seq Scan on jobs" not in plan, (typed, statement, plan)


def test_the_engine_never_prepares_on_the_server(big):
    database, services = big
    for _ in range(10):
        all_pages(services, "陆燕萍")
    with database.engine.connect() as connection:
        assert connection.connection.dbapi_connection.prepare_threshold is None


def test_a_job_is_read_prepared_and_a_search_never(big):
    """Opening a job reads it by its id in statements with one best plan for any id: prepared
    on the server at their first run. The searches on the same connection, before and after,
    stay unprepared (a generic plan would read every job)."""
    database, services = big
    job_ids = [row[0] for row in _rows(database, "SELECT id FROM jobs ORDER BY id LIMIT 3")]
    statements = Statements(database)
    try:
        for _ in range(3):
            all_pages(services, "陆燕萍")
            for job_id in job_ids:
                assert services.jobs.get(job_id).id == job_id
            all_pages(services, "R20240105")
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    assert sum(_a_search(s) for s, _p in statements.seen) >= 6  # what is checked below is seen
    with database.engine.connect() as connection:  # the same pooled connection (one thread)
        prepared = [
            row[0]
            for row in connection.execute(text("SELECT statement FROM pg_prepared_statements"))
        ]
        driver = connection.connection.dbapi_connection
        # What the job's read changed for itself is undone for the next user of the connection.
        assert driver.prepare_threshold is None and driver.autocommit is False
    assert any("FROM job_events" in statement for statement in prepared), prepared
    assert any("FROM jobs" in statement for statement in prepared), prepared
    searched = [s for s in prepared if _a_search(s)]
    assert not searched, searched


def test_a_check_in_is_written_prepared_and_a_search_never(postgres_server):
    """A check-in's statements are lookups by serial, phone or id and INSERTs: prepared at their
    first run. The search on the same connection right after stays unprepared, and the
    connection keeps its transactions."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
        clerk = actor(services)
        for serial in ("SN-PREP-0001", "SN-PREP-0002"):
            services.jobs.check_in(check_in_form(serial=serial, customer_name="陆燕萍"), clerk)
            assert len(all_pages(services, "陆燕萍")) >= 1
        with database.engine.connect() as connection:
            prepared = [
                row[0]
                for row in connection.execute(text("SELECT statement FROM pg_prepared_statements"))
            ]
            driver = connection.connection.dbapi_connection
            assert driver.prepare_threshold is None and driver.autocommit is False
        assert any(s.startswith("INSERT INTO jobs") for s in prepared), prepared
        searched = [s for s in prepared if _a_search(s)]
        assert not searched, searched
        # A failed check-in (the same serial again is refused) leaves the next one working.
        with pytest.raises(Exception):  # noqa: B017  # the refusal's type is not the point
            services.jobs.check_in(check_in_form(serial="SN-PREP-0001"), clerk)
        services.jobs.check_in(check_in_form(serial="SN-PREP-0003"), clerk)
    finally:
        database.dispose()
        postgres_server.drop_database(url)


def test_a_check_in_keeps_its_plans_when_prepared(big):
    """Prepared, a check-in's lookups may get PostgreSQL's generic plan after the 5th run (one
    plan for any values): each still reads its rows by an index, never a whole table."""
    database, services = big
    # The cloned jobs have no events: a table of a dozen rows is read whole, rightly. Two events
    # a job, as a shop's table holds, analysed (with the guard explaining the statement it is
    # given, the dozen rows showed).
    with database.write() as session:
        session.execute(
            text(
                "INSERT INTO job_events (job_id, at, user_id, kind, note, payload) "
                "SELECT j.id, j.checked_in_at + k * interval '1 hour', e.user_id, e.kind, '', '{}' "
                "FROM jobs AS j CROSS JOIN generate_series(0, 1) AS k "
                "CROSS JOIN (SELECT user_id, kind FROM job_events ORDER BY id LIMIT 1) AS e "
                "WHERE NOT EXISTS (SELECT 1 FROM job_events AS o WHERE o.job_id = j.id)"
            )
        )
        session.execute(text("ANALYZE job_events"))
    serial = "SN-GENERIC-PLAN-1"
    statements = Statements(database)
    try:
        services.jobs.check_in(check_in_form(serial=serial), actor(services))
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    lookups = [
        (s, p)
        for s, p in statements.seen
        if s.lstrip().startswith("SELECT") and "FROM users" not in s
    ]
    assert len(lookups) >= 6, [s[:60] for s, _p in lookups]
    for statement, parameters in lookups:
        plan = _generic_plan(database, statement, parameters)
        for table in ("jobs", "products", "customers", "job_events"):
            assert f"Seq Scan on {table}" not in plan, (statement, plan)


def _a_search(statement: str) -> bool:
    """A statement of the job list's search: a LIKE, the pieces, the ids found, their order."""
    return any(mark in statement for mark in ("LIKE", "pieces", "ANY(", "greatest("))


def _rows(database: Database, statement: str) -> list[tuple[Any, ...]]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(text(statement))]


def _plan_as_run(database: Database, seen: list[tuple[str, Any]], typed: str) -> str:
    """The plan of the list's statement for `typed` in a transaction like the one it ran in:
    with the same SET LOCALs before it (the planner settings the read chose)."""
    settings = [s for s, _p in seen if s.startswith("SET LOCAL")]
    [(statement, parameters)] = [
        (s, p) for s, p in seen if s.lstrip().startswith("SELECT jobs.id, jobs.number")
    ]
    with database.engine.connect() as connection:
        cursor = connection.connection.dbapi_connection.cursor()
        cursor.execute("BEGIN")
        for setting in settings:
            cursor.execute(setting)
        cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, parameters, prepare=False)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("ROLLBACK")
        return plan


@pytest.mark.parametrize("typed", ["R202402", "R2024021", "R20240215-3"])
def test_the_start_of_a_job_number_walks_its_days_to_a_page(big, typed):
    """A month's or a few days' numbers ("R202402": every job of February matches): the list
    walks the check-in index newest first and stops after a page, where PostgreSQL's guess for
    the number's prefix (0.5 %) made it read and sort the whole month (60-80 ms per keystroke
    at 100,000 jobs)."""
    database, services = big
    statements = Statements(database)
    try:
        page = services.jobs.search(JobQuery(text=typed), limit=60)
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    assert page.rows and all(row.number.startswith(typed) for row in page.rows)
    assert [row.id for row in page.rows] == scanned(database, typed)[:60]
    plan = _plan_as_run(database, statements.seen, typed)
    assert "Sort" not in plan, plan
    assert "Bitmap" not in plan, plan
    # A page and what the walk passed on its way (a day is 72 jobs here), not a month (2,088).
    assert _job_rows_read(plan) <= 200, plan


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_a_whole_job_number_is_read_by_its_own_index(big, case):
    """A scanned job number is one row of the number's unique index. The planner settings for
    the start of a number (no bitmap scan, no sort) once applied to a whole one too: PostgreSQL
    then walked the check-in index through every job for it (186 ms at 1,000,000 jobs)."""
    database, services = big
    with database.engine.connect() as connection:
        number = connection.execute(
            text("SELECT number FROM jobs ORDER BY id LIMIT 1 OFFSET 500")
        ).scalar_one()
    statements = Statements(database)
    try:
        page = services.jobs.search(JobQuery(text=case(number)), limit=60)
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    assert [row.number for row in page.rows] == [number]
    plan = _plan_as_run(database, statements.seen, number)
    assert _job_rows_read(plan) <= 1, plan


@pytest.mark.parametrize("typed", ["张", "伟"])
def test_a_common_chinese_name_walks_to_a_page_hashing_its_lookups(big, typed, monkeypatch):
    """A surname thousands of customers share (3,000 of 30,000 here; 9,700 of a million in the
    demo data): its ids stay in the database. One statement counts the pieces' matches, then
    the list walks the check-in index newest first, testing each job against the lookups
    PostgreSQL hashed once. It used to bring the ids to Python and write them back into the
    statement as a constant array: 2 ms to plan at 10,000 ids, 4 more in Python. (The newest
    jobs' name pieces, migration 0026, answer such a page first where they hold one: not read
    here, so that this way is still taken; that table has tests of its own.)"""
    database, services = big
    found = search_index.postgres_search
    monkeypatch.setattr(
        search_index,
        "postgres_search",
        lambda session: dataclasses.replace(found(session), recent_pieces=False),
    )
    services.jobs.search(JobQuery(text="薛"))  # the database's search setup and size, read
    statements = Statements(database)
    try:
        page = services.jobs.search(JobQuery(text=typed), limit=60)
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    assert [row.id for row in page.rows] == scanned(database, typed)[:60]
    sent = [s for s, _p in statements.seen if not s.startswith("SET LOCAL")]
    assert len(sent) == 2, sent  # the counts, then the page (the table's size is known)
    assert not any(re.search(r"\{\d+(,\d+)+\}", s) for s in sent), "ids written into a statement"
    plan = _plan_as_run(database, statements.seen, typed)
    assert "hashed SubPlan" in plan, plan
    # A page's worth of the walk (about 600 jobs for one in ten matching), not a look into
    # the pieces for each of them, nor every job.
    assert "Nested Loop Semi Join" not in plan, plan
    assert _job_rows_read(plan) <= 2_000, plan


@pytest.fixture(scope="module")
def mostly_returned(postgres_server) -> Iterator[tuple[Database, Services]]:
    """20,000 jobs of which the newest 500 are still open (the others returned), vacuumed and
    analysed."""
    url = postgres_server.create_database()
    database = open_database(url)
    try:
        services = _fill(database, _everything()[-len(NAMES) :])
        _clone_jobs(database, 20_000)
        with database.engine.begin() as connection:
            connection.execute(
                text(
                    "UPDATE jobs SET status = CASE WHEN id > (SELECT max(id) - 500 FROM jobs) "
                    "THEN 'repairing' ELSE 'returned' END"
                )
            )
        with database.engine.connect().execution_options(
            isolation_level="AUTOCOMMIT"
        ) as connection:
            connection.execute(text("VACUUM ANALYZE"))
        yield database, services
    finally:
        database.dispose()
        postgres_server.drop_database(url)


@pytest.mark.parametrize("typed", ["张", "伟"])
def test_a_common_chinese_name_with_a_filter_lets_the_planner_see_its_matches(
    mostly_returned, typed
):
    """A common name with "open only" where few jobs are open: together they leave fewer jobs
    than a page, so walking the check-in index until a page is full read every job (the
    adversary's 100,000 of 100,000; the planner cannot size lookups it hashes). With other
    conditions the matches go in as their ids, which it weighs against the status's index."""
    database, services = mostly_returned
    query = JobQuery(text=typed, open_only=True)
    services.jobs.search(query)  # the database's search setup and size, read
    statements = Statements(database)
    try:
        page = services.jobs.search(query, limit=60)
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    with database.engine.connect() as connection:
        still_open = set(connection.scalars(text("SELECT id FROM jobs WHERE status <> 'returned'")))
    expected = [job for job in scanned(database, typed) if job in still_open]
    assert [row.id for row in page.rows] == expected[:60]
    assert len(expected) < 60  # fewer than a page: a walk would never stop early
    plan = _plan_as_run(database, statements.seen, typed)
    assert _job_rows_read(plan) <= 3_000, plan


def test_the_table_size_is_read_once_for_a_while(big, monkeypatch):
    """The thresholds' table size costs no round trip at every keystroke: it is read again
    only after SIZE_KEPT_S (per database)."""
    database, services = big
    clock = [1_000_000.0]  # later than any size a test before read
    monkeypatch.setattr(search_index, "_clock", lambda: clock[0])
    statements = Statements(database)
    try:
        for typed in ("陆燕", "陆燕萍", "05551"):
            services.jobs.search(JobQuery(text=typed))
        before = len(statements.seen)
        clock[0] += search_index.SIZE_KEPT_S
        services.jobs.search(JobQuery(text="陆燕"))
    finally:
        event.remove(database.engine, "before_cursor_execute", statements._grab)
    sizes = [index for index, (s, _p) in enumerate(statements.seen) if "max(jobs.id)" in s]
    assert len(sizes) == 2, sizes  # once for the first three keystrokes, once after the wait
    assert sizes[1] >= before


def test_ids_read_back_are_checked_before_they_go_into_a_statement():
    assert search_index._id_count(None) == 0
    assert search_index._id_count("{7}") == 1
    assert search_index._id_count("{3,5,8}") == 3
    assert search_index._id_count("{-1,2}") == 2  # an id a person inserted by hand
    for bad in ("{}", "{1,}", "{1;DROP TABLE jobs}", "1,2", "{NULL}", "{-}"):
        with pytest.raises(ValueError):
            search_index._id_count(bad)


@pytest.mark.parametrize("typed", ["137", "1370", "2025"])
def test_common_digits_are_answered_by_a_short_walk_of_the_newest_jobs(big, typed):
    """Digits that fill a first page among the newest PROBE_JOBS jobs (a phone's first digits,
    a year of the job numbers): one walk of that stretch of the check-in index alone, then the
    page's jobs by id; no trigram lookup collecting thousands of matches, no walk joining every
    job it passes to its customer and product."""
    database, services = big
    with database.read() as session:
        assert search_index.table_size(session) > search_index.PROBE_FROM_JOBS
    with recorded(database) as statements:
        page = services.jobs.search(JobQuery(text=typed), limit=37)
    assert [row.id for row in page.rows] == scanned(database, typed)[:37]
    searches = [(s, p) for s, p in statements.searches() if not s.startswith("SELECT max")]
    assert len(searches) == 2, searches
    probe, listed = (_plan(database, s, p) for s, p in searches)
    assert _NEWEST_WALK.search(probe), probe
    assert _job_rows_read(probe) <= search_index.PROBE_JOBS, probe
    assert "_trgm" not in probe + listed
    assert _job_rows_read(listed) <= 2 * 38 and _rows_looked_up(listed, "customers") <= 38, listed


@pytest.mark.parametrize("typed", ["张伟", "李芳"])
def test_few_matches_are_sorted_and_cut_to_a_page_before_they_are_joined(big, typed):
    """A text matching more jobs than a page but few enough to look them up by id: the page's
    ids are chosen first, and only they are joined to their customers, products and
    technicians (each match joined before the sort: 1,966 of a phone's four digits at a million
    jobs, 7 ms of 11)."""
    database, services = big
    expected = scanned(database, typed)
    with database.read() as session:
        few = search_index.scaled(search_index.FEW_MATCHES, search_index.table_size(session))
    assert 38 < len(expected) <= few
    with recorded(database) as statements:
        assert all_pages(services, typed) == expected
    pages = [(s, p) for s, p in statements.searches() if "customers.name" in s]
    assert pages
    for statement, parameters in pages:
        plan = _plan(database, statement, parameters)
        assert _rows_looked_up(plan, "customers") <= 38, plan


def pages_built(monkeypatch) -> list[bool]:
    """One entry each time queries._page builds a page's statement (not one made once)."""
    built: list[bool] = []
    original = queries._page

    def page(*args, **kwargs):
        built.append(True)
        return original(*args, **kwargs)

    monkeypatch.setattr(queries, "_page", page)
    return built


def _common_among_newest(database: Database, least: int, most: int) -> list[tuple[str, int]]:
    """Three-digit texts held (phone, serial or number) by `least` to `most` of the newest
    PROBE_JOBS jobs, with how many: found by a scan."""
    with database.read() as session:
        found = session.execute(
            text(
                "SELECT t, count(j.*) FROM generate_series(0, 999) AS g, "
                "lpad(g::text, 3, '0') AS t, (SELECT phone_and_serial, number FROM jobs "
                "ORDER BY checked_in_at DESC, id DESC LIMIT :newest) AS j "
                "WHERE strpos(j.phone_and_serial, t) > 0 OR strpos(j.number, t) > 0 "
                "GROUP BY t HAVING count(j.*) BETWEEN :least AND :most ORDER BY t"
            ),
            {"newest": search_index.PROBE_JOBS, "least": least, "most": most},
        )
        return [(typed, int(count)) for typed, count in found]


def test_digits_the_probe_finds_common_are_walked_past_the_trigram_indexes(big, monkeypatch):
    """Digits the probe finds common but not a page of (a phone's three digits): the list walks
    the check-in index to a page. PostgreSQL estimates a LIKE of digits from a hundred sampled
    values and, where none of them held the text, guessed one job in 10,000: at a million jobs
    it read the 22,000 matches of "760" through the trigram indexes and sorted them, 63-97 ms
    where the walk takes 1. The walk searches with strpos, which no index answers."""
    # Walked, however long the walk.
    monkeypatch.setattr(search_index, "WALK_BEFORE", 10**9, raising=False)
    database, services = big
    rows = 38  # a page of 37, and one more
    with database.read() as session:
        jobs = search_index.table_size(session)
    # The probe calls a text common from this many matches among the newest jobs on.
    common = math.ceil(
        math.sqrt(search_index.WALK_STEP * rows * jobs) * search_index.PROBE_JOBS / jobs
    )
    candidates = _common_among_newest(database, common, rows - 1)
    assert candidates, common
    # First those no sampled value holds, which PostgreSQL takes for rare.
    sampled = _sampled(database, "jobs", "phone_and_serial")
    candidates.sort(key=lambda found: any(found[0] in value for value in sampled))
    for typed, count in candidates[:12]:
        with recorded(database) as statements:
            page = services.jobs.search(JobQuery(text=typed), limit=rows - 1)
        assert [row.id for row in page.rows] == scanned(database, typed)[: rows - 1], typed
        [(statement, parameters)] = [(s, p) for s, p in statements.seen if s.startswith(PAGE)]
        assert "strpos(" in statement and "LIKE" not in statement, statement
        plan = _plan(database, statement, parameters)
        assert "_trgm" not in plan and _NEWEST_WALK.search(plan), plan
        # The walk passes about rows * PROBE_JOBS / count jobs to its page.
        assert _job_rows_read(plan) <= 3 * rows * search_index.PROBE_JOBS / count, plan


def _sampled(database: Database, table: str, column: str) -> list[str]:
    """The values ANALYZE sampled into `column`'s histogram and most common values."""
    with database.read() as session:
        found = session.execute(
            text(
                "SELECT coalesce(histogram_bounds::text::text[], '{}') "
                "|| coalesce(most_common_vals::text::text[], '{}') FROM pg_stats "
                "WHERE tablename = :table AND attname = :column"
            ),
            {"table": table, "column": column},
        ).scalar()
    return list(found or [])


def test_a_long_walk_asks_the_newest_jobs_table_first(big, monkeypatch):
    """Digits the probe finds common, but so seldom that the walk to a page would be long (at a
    million jobs four digits found 6 or 7 times among the newest 2,000: 20,000 steps, 7-9 ms):
    the newest jobs' table is asked first, and the page is read by the ids it found."""
    database, services = big
    rows = 38
    with database.read() as session:
        jobs = search_index.table_size(session)
    common = math.ceil(
        math.sqrt(search_index.WALK_STEP * rows * jobs) * search_index.PROBE_JOBS / jobs
    )
    [(typed, count), *_] = _common_among_newest(database, common, rows - 1)
    # Here that walk is short (30,000 jobs): called long from the steps it takes.
    steps = rows * search_index.PROBE_JOBS / count
    monkeypatch.setattr(search_index, "WALK_BEFORE", int(steps) - 1)
    with recorded(database) as statements:
        page = services.jobs.search(JobQuery(text=typed), limit=rows - 1)
    assert [row.id for row in page.rows] == scanned(database, typed)[: rows - 1]
    sent = " ".join(s for s, _p in statements.seen)
    assert "FROM recent_jobs" in sent and "strpos(" not in sent, sent
    [statement] = [s for s, _p in statements.seen if s.startswith(PAGE)]
    assert "jobs.id = ANY (CAST('{" in statement, statement


def test_rare_digits_skip_the_newest_jobs_table(big, monkeypatch):
    """Five digits or more that the newest jobs hold once at most are rare enough that the
    newest jobs' table seldom holds a page of them: all jobs are asked at once, not that table
    first (0.7 ms a keystroke at a million jobs). Fewer digits the probe found not common ask
    it. The page is what a scan finds."""
    database, services = big
    # More jobs than that table keeps (where it holds every job, it is asked: its answer is
    # the narrow table's).
    monkeypatch.setattr(search_index, "RECENT_JOBS", MANY // 3)
    with database.read() as session:
        newest = session.execute(
            text("SELECT phone_and_serial FROM jobs ORDER BY checked_in_at DESC, id DESC LIMIT 1")
        ).scalar_one()
    digits = "".join(c for c in newest if c.isdigit())
    once = next(
        typed
        for typed in (digits[i : i + 6] for i in range(len(digits) - 5))
        if _common_among_newest_text(database, typed) == 1
    )
    for typed in ("0001234", "00123", "24680", once):
        assert _common_among_newest_text(database, typed) <= 1, typed
        with recorded(database) as statements:
            page = services.jobs.search(JobQuery(text=typed), limit=37)
        assert [row.id for row in page.rows] == scanned(database, typed)[:37], typed
        sent = " ".join(s for s, _p in statements.seen)
        assert "FROM recent_jobs" not in sent and "WITH found" in sent, sent
    asked = [("0123", 0), *_common_among_newest(database, 2, 3)[:1]]
    for typed, count in asked:  # four digits not found; three found two or three times
        if count or not _common_among_newest_text(database, typed):
            with recorded(database) as statements:
                services.jobs.search(JobQuery(text=typed), limit=37)
            assert "FROM recent_jobs" in " ".join(s for s, _p in statements.seen), typed
    monkeypatch.undo()  # the table holds every job: asked, rare or not
    with recorded(database) as statements:
        page = services.jobs.search(JobQuery(text="0001234"), limit=37)
    assert [row.id for row in page.rows] == scanned(database, "0001234")[:37]
    assert "FROM recent_jobs" in " ".join(s for s, _p in statements.seen)


def _common_among_newest_text(database: Database, typed: str) -> int:
    """How many of the newest PROBE_JOBS jobs hold `typed` (a scan)."""
    with database.read() as session:
        return int(
            session.execute(
                text(
                    "SELECT count(*) FROM (SELECT phone_and_serial, number FROM jobs ORDER BY "
                    "checked_in_at DESC, id DESC LIMIT :newest) AS j "
                    "WHERE strpos(j.phone_and_serial, :t) > 0 OR strpos(j.number, :t) > 0"
                ),
                {"newest": search_index.PROBE_JOBS, "t": typed},
            ).scalar_one()
        )


def test_a_first_page_of_rare_digits_is_read_with_the_statement_made_once(big, monkeypatch):
    """Rare digits' first page, read from the trigram indexes with its own count, is read with
    queries' statement made once (its values the search's), not one _page builds at each
    keystroke; the same page as a scan's, and a later page as before."""
    database, services = big
    monkeypatch.setattr(search_index, "RECENT_JOBS", MANY // 3)  # the newest jobs' table not asked
    built = pages_built(monkeypatch)
    with recorded(database) as statements:
        first = services.jobs.search(JobQuery(text="00123"), limit=37)
    assert [row.id for row in first.rows] == scanned(database, "00123")[:37] and not built
    assert any(s.startswith("WITH found") and PAGE in s for s, _p in statements.seen)
    assert queries._page_of_first_matches() is queries._page_of_first_matches()
    assert all_pages(services, "00123") == scanned(database, "00123") and built
