"""PostgreSQL: the newest jobs' customers' name pieces (migration 0026), for the first page of one
or two Chinese characters typed alone. The table holds, for every job checked in since `since`,
each piece of its customer's name, through check-ins, renames, a job given another customer or
another check-in, renames racing check-ins at another counter, the trim, a refill and a demo load;
the migration fills it and takes it back; and a first page read from it is what a scan finds,
whether it fills the page, holds less, or a serial holds the text too."""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module

import pytest
from sqlalchemy import event, select, text, update

from desktop_app.data import search_index
from desktop_app.data.db import Database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.data.models import Customer, Job, Product
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.data import test_recent_jobs_attacked_postgres as attacked
from tests.data import test_recent_jobs_postgres as recent
from tests.data.test_search import NOW, scanned
from tests.data.test_search_postgres import PAGE, recorded
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form, migrate

pytestmark = pytest.mark.postgres

database = recent.database
MIGRATION = import_module("desktop_app.data.migrations.versions.0026_recent_name_pieces")
# What the table must hold (every piece of the customer of every job checked in since `since`)
# and does not, and what it holds that it must not.
EXPECTED = (
    "SELECT p.piece, j.checked_in_at, j.id, j.customer_id "
    "FROM jobs AS j JOIN customer_name_pieces AS p ON p.customer_id = j.customer_id "
    "WHERE j.checked_in_at >= (SELECT since FROM recent_name_pieces_since)"
)
DIFFERENT = (
    f"({EXPECTED} EXCEPT SELECT piece, checked_in_at, job_id, customer_id "
    "FROM recent_name_pieces) UNION ALL "
    f"(SELECT piece, checked_in_at, job_id, customer_id FROM recent_name_pieces EXCEPT {EXPECTED})"
)
SURNAMES = "钟邓王李"
GIVEN = "宇军玉梅平勇"


def _different(database: Database) -> list[tuple]:
    with database.read() as session:
        return [tuple(row) for row in session.execute(text(DIFFERENT))]


def _rows(database: Database) -> int:
    with database.read() as session:
        return int(session.scalar(text("SELECT count(*) FROM recent_name_pieces")) or 0)


def _name(n: int) -> str:
    """Names sharing a few surnames and given characters: a surname's pieces fill a page, a full
    name's may not."""
    return SURNAMES[n % 4] + GIVEN[n % 6] + (GIVEN[(n * 5) % 6] if n % 3 else "")


def _services(database: Database, jobs: int) -> Services:
    """`jobs` jobs, one a minute, the newest last; customers named from `_name`, three jobs a
    customer for the first nine, one each after."""
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    manager = actor(services)
    for n in range(jobs):
        customer = n % 3 if n < 9 else n
        services.jobs.check_in(
            check_in_form(
                customer_name=_name(customer), phone=f"1380000{customer:04d}", serial=f"SN{n:06d}"
            ),
            manager,
        )
    with database.write() as session:
        session.execute(
            text("UPDATE jobs SET checked_in_at = checked_in_at + id * interval '1 minute'")
        )
    return services


def test_the_pieces_follow_check_ins_renames_and_moved_jobs(database):
    services = _services(database, jobs=12)
    assert _rows(database) > 12 and _different(database) == []
    with database.write() as session:
        customer_id = session.scalar(select(Job.customer_id).where(Job.id == 1))
        other = session.scalar(select(Job.customer_id).where(Job.id == 11))
        session.execute(update(Customer).where(Customer.id == customer_id).values(name="欧阳娜娜"))
    assert _different(database) == []
    with database.read() as session:
        pieces = set(
            session.scalars(
                text("SELECT piece FROM recent_name_pieces WHERE job_id = 1 ORDER BY piece")
            )
        )
    assert pieces == {"欧", "阳", "娜", "欧阳", "阳娜", "娜娜"}
    with database.write() as session:  # a job given another customer; one moved in time
        session.execute(update(Job).where(Job.id == 2).values(customer_id=other))
        session.execute(
            update(Job)
            .where(Job.id == 3)
            .values(checked_in_at=Job.checked_in_at + timedelta(days=1))
        )
    assert _different(database) == []
    # A status, a note: the job's rows are not written again.
    with database.read() as session:
        before = list(
            session.scalars(text("SELECT xmin::text FROM recent_name_pieces WHERE job_id = 4"))
        )
    with database.write() as session:
        session.execute(update(Job).where(Job.id == 4).values(diagnosis="screen", version=7))
    with database.read() as session:
        after = list(
            session.scalars(text("SELECT xmin::text FROM recent_name_pieces WHERE job_id = 4"))
        )
    assert before == after
    # A name without Chinese characters has no pieces; a check-in for it adds no row.
    services.jobs.check_in(
        check_in_form(customer_name="Li Ming", phone="13911112222"), actor(services)
    )
    assert _different(database) == []


def test_the_trim_and_a_refill_keep_the_pieces_of_every_job_since(database, monkeypatch):
    _services(database, jobs=12)
    recent._trim(database, 5)
    assert _different(database) == []
    with database.read() as session:
        jobs = set(session.scalars(text("SELECT DISTINCT job_id FROM recent_name_pieces")))
    assert jobs == {8, 9, 10, 11, 12}
    monkeypatch.setattr(search_index, "RECENT_JOBS", 8)
    with database.engine.begin() as connection:  # a demo load stopped before its fill
        search_index.hold_recent_jobs(connection)
        connection.execute(text("DELETE FROM recent_name_pieces"))
    with database.engine.begin() as connection:
        assert search_index.keep_recent_jobs(connection) == 8
    assert _different(database) == []
    with database.read() as session:
        assert len(set(session.scalars(text("SELECT job_id FROM recent_name_pieces")))) == 8


def test_the_migration_fills_the_pieces_and_takes_them_back(database):
    _services(database, jobs=9)
    migrate(database, "0025", down=True)
    with database.read() as session:
        assert session.scalar(text("SELECT to_regclass('recent_name_pieces')")) is None
        assert not session.scalar(
            text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'recent_name_pieces%'")
        )
    with database.write() as session:  # renamed while the table was not there
        session.execute(update(Customer).where(Customer.id == 1).values(name="钟平"))
    upgrade_to_head(database)
    assert _rows(database) > 9 and _different(database) == []


def test_a_demo_load_fills_the_pieces_once(database, monkeypatch):
    monkeypatch.setattr(search_index, "RECENT_JOBS", 30)
    DemoGenerator(database, seed=4, months=2).run(120, NOW)
    assert _rows(database) >= 30
    assert _different(database) == []


@pytest.mark.parametrize("keep", [None, 8, 3])
def test_a_first_page_of_chinese_characters_is_what_a_scan_finds(database, monkeypatch, keep):
    """One or two Chinese characters typed alone: from the table when it holds a page (the same
    jobs a scan finds, page after page), asked as before when it holds less or a serial holds
    them too."""
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=30)
    with database.write() as session:  # a serial holding a surname: not in the table
        session.execute(update(Product).where(Product.id == 5).values(serial="SN王00005"))
    if keep is not None:
        recent._trim(database, keep)
    ways: list[tuple[str, bool]] = []
    newest = search_index._recent_pieces_newest

    def from_pieces(session, piece, rows):
        found = newest(session, piece, rows)
        ways.append((piece, found[1] >= rows and not found[2]))
        return found

    monkeypatch.setattr(search_index, "_recent_pieces_newest", from_pieces)
    texts = [*SURNAMES, "钟宇", "邓军", "王玉", "宇", "军梅", "娜", "钟宇军"]
    for typed in texts:
        expected = scanned(database, typed)
        for limit in (5, 2):
            assert recent._pages(services, JobQuery(text=typed), limit=limit) == expected, typed
    answered = {piece for piece, from_table in ways if from_table}
    asked_before = {piece for piece, from_table in ways if not from_table}
    assert "王" in asked_before and "王" not in answered  # a serial holds 王
    if keep is None:  # 8 jobs of customers named 钟, all in the table
        assert "钟" in answered
    if keep == 3:  # a page of 5 is never in a table of 3 jobs
        assert not answered
    assert "钟" in asked_before | answered
    assert "钟宇军" not in {piece for piece, _ in ways}  # three characters: trigrams


def test_the_page_from_the_pieces_does_not_walk_the_jobs(database, monkeypatch):
    """A surname the newest jobs hold a page of: one statement reads the pieces' table, and the
    page's statement looks the jobs up by id (no hashed lookup of every customer so named)."""
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=30)
    with recorded(database) as sent:
        found = services.jobs.search(JobQuery(text="钟"), limit=5)
    assert [row.id for row in found.rows] == scanned(database, "钟")[:5]
    pages = [s for s, _p in sent.seen if s.startswith(PAGE)]
    assert len(pages) == 1 and "customer_name_pieces" not in pages[0], pages
    assert "jobs.id = ANY (CAST('{" in pages[0], pages  # by the ids the table gave


@pytest.mark.parametrize("first", ["rename", "check-in"])
def test_a_rename_racing_a_check_in_of_the_same_customer(database, first):
    """Another counter renames a customer while this one checks a device in for them, either
    one's transaction first: the job's pieces are the new name's."""
    _services(database, jobs=6)
    with database.read() as session:
        customer_id, name, phone = session.execute(
            select(Customer.id, Customer.name, Customer.phone).where(Customer.id == 1)
        ).one()
    rename = f"UPDATE customers SET name = '欧阳娜娜' WHERE id = {customer_id}"
    check_in = attacked.CHECK_IN.replace("WHERE id = 5", "WHERE id = 1")
    attacked.while_held_sql(
        database, *((rename, check_in) if first == "rename" else (check_in, rename))
    )
    assert _different(database) == []
    with database.read() as session:
        newest = session.scalar(select(Job.id).order_by(Job.id.desc()).limit(1))
        pieces = set(
            session.scalars(
                text("SELECT piece FROM recent_name_pieces WHERE job_id = :j"), {"j": newest}
            )
        )
    assert "欧阳" in pieces and not pieces & set(name)
    assert phone


@pytest.mark.parametrize(("typed", "limit"), [("钟宇", 2), ("钟", 5)])
def test_a_page_from_the_pieces_costs_one_statement_before_the_page(database, typed, limit):
    """A surname (one character) asks the newest jobs' name pieces by themselves (counting its
    customers is what costs); a pair is asked in the statement that counts the pair's customers
    (rarer: few, mostly). Either way, where the table holds a page: one statement, then the page
    by ids, what a scan finds."""
    services = _services(database, jobs=30)
    services.jobs.search(JobQuery(text="薛"))  # the search setup and the table's size, read
    sent: list[str] = []

    def grab(conn, cursor, statement, parameters, context, executemany):
        if not statement.startswith("SET LOCAL"):
            sent.append(statement)

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        found = services.jobs.search(JobQuery(text=typed), limit=limit)
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    assert [row.id for row in found.rows] == scanned(database, typed)[:limit]
    assert len(sent) == 2, sent
    assert "recent_name_pieces" in sent[0] and "recent_name_pieces" not in sent[1]
    assert ("count(" in sent[0]) == (len(typed) == 2)  # a pair's customers counted with it
