"""PostgreSQL: the phone and serial each job carries (migration 0024) and the search of digits
that reads them with the job's number (search_index._digits_condition): they follow every change
of a phone, a serial or a job's customer and product, also one another counter makes during a
check-in; the migration fills them on existing jobs and takes them back; and every way a text of
digits is answered (the walk, the probe of the newest jobs, the first matches from the trigram
indexes, ids collected for a later page) finds what a scan finds."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import Executable, select, text, update

from desktop_app.data import queries, search_index
from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.data.models import Base, Customer, Job, Product
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from desktop_app.services import jobs as jobs_service
from tests.data.test_search import NOW, all_pages, scanned
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form, migrate

pytestmark = pytest.mark.postgres

# Every job whose copy is not its customer's phone and its product's serial as they are now.
STALE = (
    "SELECT j.id FROM jobs AS j JOIN customers AS c ON c.id = j.customer_id "
    "JOIN products AS p ON p.id = j.product_id "
    "WHERE j.phone_and_serial IS DISTINCT FROM job_phone_and_serial(c.phone, p.serial)"
)


@pytest.fixture
def database(postgres_server) -> Iterator[Database]:
    url = postgres_server.create_database()
    found = open_database(url)
    try:
        yield found
    finally:
        found.dispose()
        postgres_server.drop_database(url)


def _services(database: Database, jobs: int = 6) -> Services:
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    manager = actor(services)
    for n in range(jobs):
        services.jobs.check_in(
            check_in_form(customer_name=f"顾客{n}", phone=f"1390000{n:04d}", serial=f"SN{n:06d}77"),
            manager,
        )
    return services


def _pages(services: Services, query: JobQuery) -> list[int]:
    """Every job the list shows for `query`, five a page, as a user scrolls."""
    ids: list[int] = []
    after = None
    while True:
        page = services.jobs.search(query, after=after, limit=5)
        ids += [row.id for row in page.rows]
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def _until_blocked(database: Database, waiter: int, holder: int, done: threading.Event) -> bool:
    """Asks the server, again and again, until the session `waiter` waits for a lock `holder`
    holds (True), or `done` is set, or 30 s have passed (False)."""
    deadline = time.monotonic() + 30
    while not done.is_set() and time.monotonic() < deadline:
        with database.engine.connect() as watcher:
            if watcher.scalar(
                text("SELECT :h = ANY(pg_blocking_pids(:w))"), {"w": waiter, "h": holder}
            ):
                return True
    return False


def _one_waits_for_the_other(
    database: Database, held: Executable, waiting: Executable, *, must_wait: bool
) -> None:
    """Counter H runs `held` and keeps its transaction open; counter W runs `waiting` meanwhile
    and commits. H commits once W waits for one of H's locks (or W is done: `must_wait` says
    whether it may be done without waiting)."""
    holder, waiter = database.engine.connect(), database.engine.connect()
    done = threading.Event()
    failures: list[BaseException] = []
    try:
        holder_pid = holder.scalar(text("SELECT pg_backend_pid()"))
        waiter_pid = waiter.scalar(text("SELECT pg_backend_pid()"))
        waiter.commit()
        holder.execute(held)

        def run() -> None:
            try:
                waiter.execute(waiting)
                waiter.commit()
            except BaseException as error:  # reported on the test's thread
                failures.append(error)
            finally:
                done.set()

        thread = threading.Thread(target=run)
        thread.start()
        waited = _until_blocked(database, waiter_pid, holder_pid, done)
        holder.commit()
        thread.join(30)
        assert not thread.is_alive() and not failures, failures
        assert waited or not must_wait
    finally:
        holder.close()
        waiter.close()


def _stale(database: Database) -> list[int]:
    with database.read() as session:
        return list(session.scalars(text(STALE)))


def test_the_phone_and_serial_follow_every_change(database):
    services = _services(database)
    assert _stale(database) == []
    with database.write() as session:
        first, second = session.get(Job, 1), session.get(Job, 2)
        session.execute(
            update(Customer).where(Customer.id == first.customer_id).values(phone="13712345678")
        )
        session.execute(
            update(Product).where(Product.id == second.product_id).values(serial="IMEI99887766")
        )
    assert _stale(database) == []
    assert all_pages(services, "12345") == scanned(database, "12345") == [1]
    assert all_pages(services, "998877") == scanned(database, "998877") == [2]
    # The old phone and serial find nothing any more.
    assert all_pages(services, "13900000000") == scanned(database, "13900000000") == []
    assert all_pages(services, "00000177") == scanned(database, "00000177") == []
    with database.write() as session:
        third, fourth = session.get(Job, 3), session.get(Job, 4)
        assert third.customer_id != fourth.customer_id
        # A job moved to another customer and another product, and a number changed.
        session.execute(
            update(Job)
            .where(Job.id == 3)
            .values(customer_id=fourth.customer_id, product_id=fourth.product_id)
        )
        session.execute(update(Job).where(Job.id == 5).values(number="R20991231-4242"))
    assert _stale(database) == []
    assert all_pages(services, "13900000003") == scanned(database, "13900000003") == [4, 3]
    assert all_pages(services, "4242") == scanned(database, "4242") == [5]
    # A status change (no field of the digits) leaves them as they are.
    with database.write() as session:
        session.execute(update(Job).where(Job.id == 6).values(status="ready"))
    assert _stale(database) == []


def test_the_migration_fills_existing_jobs_and_takes_them_back(database):
    services = _services(database)
    migrate(database, "0023", down=True)
    with database.read() as session:
        columns = session.scalars(
            text("SELECT column_name FROM information_schema.columns WHERE table_name = 'jobs'")
        ).all()
        assert "phone_and_serial" not in columns
    # Jobs written at 0023, by another version of the app.
    services.jobs.check_in(check_in_form(phone="13855554444", serial="OLDAPP01"), actor(services))
    upgrade_to_head(database)
    assert _stale(database) == []
    with database.read() as session:
        indexes = set(session.scalars(text("SELECT indexname FROM pg_indexes")))
        walk = session.scalar(
            text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_jobs_checked_in_at_search'")
        )
    assert "ix_jobs_phone_and_serial_trgm" in indexes
    assert "INCLUDE (customer_id, product_id, phone_and_serial, number)" in walk
    assert all_pages(services, "5555") == scanned(database, "5555") != []


def test_a_phone_changed_by_another_counter_during_a_check_in_reaches_the_new_job(database):
    """Counter B checks a job in for a customer whose phone counter A changes at the same moment.
    B's new job must not keep the old phone: A's change waits for B's check-in and then rewrites
    its fields too. (Without the customer read FOR SHARE, A saw no new job to rewrite, and B
    wrote the phone as it was before A's change.)"""
    _services(database, jobs=1)
    with database.read() as session:
        customer_id = session.scalar(select(Job.customer_id).where(Job.id == 1))
    names = [c.name for c in Base.metadata.tables["jobs"].columns if c.name not in ("id", "number")]
    columns = ", ".join(names)
    check_in = text(
        f"INSERT INTO jobs (number, {columns}) "
        f"SELECT 'R20991231-0001', {columns} FROM jobs WHERE id = 1"
    )
    phone = update(Customer).where(Customer.id == customer_id).values(phone="13611112222")
    # Without the lock A would not wait: it is let be done (and the fields then checked).
    _one_waits_for_the_other(database, check_in, phone, must_wait=False)
    assert _stale(database) == []
    with database.read() as session:
        fields = session.scalar(
            text("SELECT phone_and_serial FROM jobs WHERE number = 'R20991231-0001'")
        )
    assert "13611112222" in fields


@pytest.mark.parametrize(
    ("probe_jobs", "probe_from", "sparse", "few"),
    [
        (search_index.PROBE_JOBS, search_index.PROBE_FROM_JOBS, 5000, 200),
        # The probe on a small table: every way of answering is taken by some text.
        (3, 2, 4, 1),
        (10, 2, 6, 2),
    ],
)
def test_every_way_of_answering_digits_finds_what_a_scan_finds(
    database, monkeypatch, probe_jobs, probe_from, sparse, few
):
    monkeypatch.setattr(search_index, "PROBE_JOBS", probe_jobs)
    monkeypatch.setattr(search_index, "PROBE_FROM_JOBS", probe_from)
    monkeypatch.setattr(search_index, "SPARSE_MATCHES", sparse)
    monkeypatch.setattr(search_index, "FEW_MATCHES", few)
    monkeypatch.setattr(search_index, "SIZE_KEPT_S", 0.0)
    services = _services(database, jobs=24)
    with database.write() as session:
        # The table of the newest jobs (migration 0025) holding none (as while a demo loads):
        # the ways after it are taken (tests/data/test_recent_jobs_postgres.py has its own).
        search_index.hold_recent_jobs(session.connection())
    with database.read() as session:
        numbers = list(session.scalars(select(Job.number)))
    texts = ["0", "00", "000", "0000", "139", "1390000", "77", "777", "0001", "00177", "0017"]
    texts += [numbers[3][1:9], numbers[7][-4:], "2026", "99999", "13900000023"]
    ways: set[str] = set()
    probe, first = search_index._probe_newest, search_index._first_matches
    digits = search_index._digits_condition

    def probed(session, typed, rows):
        found = probe(session, typed, rows)
        ways.add("probe filled the page" if found[1] >= rows else "probed")
        return found

    def first_read(typed, rows, instead):
        ways.add("first matches")
        return first(typed, rows, instead=instead)

    checked = queries._checked  # a page read with its own count, made once or built

    def paged(*args, **kwargs):
        found = checked(*args, **kwargs)
        if found is None:
            ways.add("too many for the first matches")
        return found

    def answered(session, typed, setup, first_page):
        found = digits(session, typed, setup, first_page)
        if not found.few:
            ways.add("walk")
        elif not first_page:
            ways.add("collected")
        return found

    monkeypatch.setattr(search_index, "_probe_newest", probed)
    monkeypatch.setattr(search_index, "_first_matches", first_read)
    monkeypatch.setattr(search_index, "_digits_condition", answered)
    monkeypatch.setattr(queries, "_checked", paged)
    for typed in texts:
        expected = scanned(database, typed)
        assert _pages(services, JobQuery(text=typed)) == expected, typed
        assert _pages(services, JobQuery(text=typed, open_only=True)) == expected, typed
    if probe_jobs < 24:
        # A page of 5 (and one more) can be filled by the newest 10, not by the newest 3.
        filled = {"probe filled the page"} if probe_jobs > 5 else set()
        expected_ways = {"first matches", "walk", "collected", *filled}
        if sparse <= 4:
            expected_ways.add("too many for the first matches")
        assert expected_ways <= ways, ways


@pytest.mark.parametrize("first", ["phone", "serial"])
def test_a_phone_and_a_serial_changed_at_once_both_reach_the_job(database, first):
    """Two counters change the phone and the serial of one job at the same moment: the second
    trigger waits for the job row the first rewrote. Taking the other half from the job row it
    read again, it keeps both changes (found by the adversary: taking it from the customer or
    product row read before the wait, the job kept the old phone or the old serial, and the
    search of the new one missed it)."""
    services = _services(database, jobs=1)
    with database.read() as session:
        customer_id, product_id = session.execute(
            select(Job.customer_id, Job.product_id).where(Job.id == 1)
        ).one()
    phone = update(Customer).where(Customer.id == customer_id).values(phone="13655557777")
    serial = update(Product).where(Product.id == product_id).values(serial="IMEI44448888")
    held, waiting = (phone, serial) if first == "phone" else (serial, phone)
    # A's trigger rewrote the job row and holds it; B's trigger waits for it.
    _one_waits_for_the_other(database, held, waiting, must_wait=True)
    assert _stale(database) == []
    assert all_pages(services, "55557777") == scanned(database, "55557777") == [1]
    assert all_pages(services, "44448888") == scanned(database, "44448888") == [1]


def test_two_check_ins_for_one_returning_customer_do_not_deadlock(database, monkeypatch):
    """Two counters check in devices of the same returning customer at once, one of them with
    the customer's address (written to the customer's row). The other, at its new job, reads
    that customer FOR SHARE for the phone, so it waits for the first. Were the day's job number
    drawn after the customer was written, the other would hold the number's row meanwhile and
    the first would wait for it: a deadlock, one check-in lost (found by the adversary). The
    number is drawn first: the second waits for it, and both check-ins are made."""
    services = _services(database, jobs=1)
    manager = actor(services)
    written, go = threading.Event(), threading.Event()
    pids: dict[str, int] = {}
    original = jobs_service.find_or_add_customer

    def found(session, name, phone, now, address=""):
        customer = original(session, name, phone, now, address)
        if address:
            connection = session.connection()
            pids["first"] = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            session.flush()  # the address written: the customer's row is held
            written.set()
            go.wait(30)
        return customer

    monkeypatch.setattr(jobs_service, "find_or_add_customer", found)
    failures: list[BaseException] = []
    done = threading.Event()

    def check_in(serial: str, address: str) -> None:
        try:
            form = check_in_form(
                customer_name="顾客0", phone="13900000000", serial=serial, address=address
            )
            services.jobs.check_in(form, manager)
        except BaseException as error:  # reported on the test's thread
            failures.append(error)
        finally:
            if not address:
                done.set()

    first = threading.Thread(target=check_in, args=("NEWA00000001", "北京路1号"), name="first")
    second = threading.Thread(target=check_in, args=("NEWB00000002", ""), name="second")
    first.start()
    try:
        assert written.wait(30)
        second.start()
        # Until the second check-in waits for a lock (or, were nothing shared, is done).
        deadline = time.monotonic() + 30
        while not done.is_set() and time.monotonic() < deadline:
            with database.engine.connect() as watcher:
                waiting = watcher.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND pid <> :first"
                    ),
                    {"first": pids["first"]},
                )
            if waiting:
                break
    finally:
        go.set()
        first.join(60)
        second.join(60)
    assert not first.is_alive() and not second.is_alive()
    assert not failures, failures
    assert all_pages(services, "13900000000") == scanned(database, "13900000000")
    assert len(scanned(database, "13900000000")) == 3
    assert _stale(database) == []
