"""Searching the job list finds exactly what a scan of every job would, whichever way the query
is answered (trigram index, Chinese name pieces, job-number date range, or LIKE), on SQLite and
PostgreSQL, and the index follows every write."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from sqlalchemy import select, update

from desktop_app.data import search_index
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Customer, Job, Product
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.snapshots import PageCursor
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

NOW = datetime(2026, 11, 25, 10, 0)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def services(database: Database) -> Services:
    DemoGenerator(database, seed=11).run(600, NOW)
    return Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)


def all_pages(services: Services, typed: str) -> list[int]:
    """Every job the list shows for `typed`, reading page after page as a user scrolls."""
    ids: list[int] = []
    after: PageCursor | None = None
    while True:
        page = services.jobs.search(JobQuery(text=typed), after=after, limit=37)
        ids += [row.id for row in page.rows]
        if page.next_cursor is None:
            return ids
        after = page.next_cursor


def scanned(database: Database, typed: str) -> list[int]:
    """What a scan of every job finds, newest check-in first: the reference."""
    needle = typed.strip().upper()
    with database.read() as session:
        rows = session.execute(
            select(Job.id, Job.number, Job.checked_in_at, Customer.name, Customer.phone)
            .add_columns(Product.serial)
            .join(Customer, Customer.id == Job.customer_id)
            .join(Product, Product.id == Job.product_id)
        ).all()
    found = []
    for job_id, number, checked_in_at, name, phone, serial in rows:
        fields = (number, serial, phone if typed.strip().isdigit() else name.upper())
        if any(needle in field.upper() for field in fields):
            found.append((checked_in_at, job_id))
    return [job_id for _, job_id in sorted(found, reverse=True)]


def typed_samples(database: Database) -> list[str]:
    rng = random.Random(5)
    with database.read() as session:
        names = list(session.scalars(select(Customer.name)))
        phones = list(session.scalars(select(Customer.phone)))
        numbers = list(session.scalars(select(Job.number)))
        serials = list(session.scalars(select(Product.serial)))
    samples = []
    for name in rng.sample(names, 6):
        samples += [name[:1], name[:2], name[1:3], name]
    for phone in rng.sample(phones, 4):
        samples += [phone[-1:], phone[-2:], phone[-4:], phone[3:8]]
    for number in rng.sample(numbers, 3):
        samples += [number[:n] for n in range(1, len(number) + 1)]
    for serial in rng.sample(serials, 4):
        samples += [serial[-6:], serial[-6:].lower(), serial[:3]]
    return [*samples, "R2099", "R20269", "R99999999", "zzzz", "不存在的名字", "%", "_", '"']


@pytest.mark.parametrize(
    ("sparse_below", "few", "hold_up_to"),
    [
        (search_index.SPARSE_MATCHES, search_index.FEW_MATCHES, None),
        (search_index.SPARSE_MATCHES, 2, None),  # matches paged by walking the check-in index
        (5, 2, None),  # most texts take the "very common" way: the LIKE walk
        # The thresholds grown with the table (search_index.scaled) as at a million jobs:
        # 600 jobs here count as 60 times the size they hold up to.
        (5, 2, 10),
    ],
)
def test_search_finds_exactly_what_a_scan_finds(
    services, database, monkeypatch, sparse_below, few, hold_up_to
):
    monkeypatch.setattr(search_index, "SPARSE_MATCHES", sparse_below)
    monkeypatch.setattr(search_index, "FEW_MATCHES", few)
    if hold_up_to is not None:
        monkeypatch.setattr(search_index, "THRESHOLDS_HOLD_UP_TO", hold_up_to)
    for typed in typed_samples(database):
        assert all_pages(services, typed) == scanned(database, typed), typed


def test_the_index_follows_new_jobs_and_changed_names_phones_and_serials(services, database):
    manager = actor(services)
    assert manager is not None
    job = services.jobs.check_in(
        check_in_form(customer_name="欧阳娜娜", phone="13987654321", serial="QWERTY123456"),
        manager,
    )
    for typed in ("欧阳", "阳娜", "欧阳娜娜", "87654", "ERTY12", "qwerty"):
        assert job.id in all_pages(services, typed), typed
    with database.write() as session:
        customer_id = session.get(Job, job.id).customer_id
        product_id = session.get(Job, job.id).product_id
        session.execute(
            update(Customer)
            .where(Customer.id == customer_id)
            .values(name="司马光", phone="13500001111")
        )
        session.execute(update(Product).where(Product.id == product_id).values(serial="ZX9988"))
    for typed in ("欧阳", "87654", "ERTY12"):
        assert job.id not in all_pages(services, typed), typed
    for typed in ("司马", "马光", "00011", "zx99"):
        assert job.id in all_pages(services, typed), typed


def test_full_width_digits_and_letters_find_what_their_ascii_finds(services, database):
    """A Chinese input method in full-width mode types １３８, Ｒ２０２６… and ＱＷＥ: the
    same jobs as the ASCII text (they found nothing), Chinese text untouched."""
    manager = actor(services)
    assert manager is not None
    job = services.jobs.check_in(
        check_in_form(customer_name="欧阳娜娜", phone="13987654321", serial="QWERTY123456"),
        manager,
    )
    full = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
    for typed in ("87654", "ERTY12", "qwerty", job.number, job.number.lower(), "欧阳"):
        wide = typed.translate(full)
        assert wide != typed or typed == "欧阳"
        found = all_pages(services, wide)
        assert found == all_pages(services, typed) and job.id in found, typed
    # The ideographic space is a space: alone, the whole list, as a space is.
    assert all_pages(services, "\u3000") == all_pages(services, " ")


def test_short_chinese_text_becomes_a_padded_phrase():
    mark = search_index.PAIR_MARK
    assert search_index.fts_phrase("张") == f'"张{mark}{mark}"'
    assert search_index.fts_phrase("张伟") == f'"张伟{mark}"'
    assert search_index.fts_phrase("张伟明") == '"张伟明"'
    assert search_index.fts_phrase("13") is None  # digits: too short for a trigram
    assert search_index.fts_phrase('a"b') == '"a""b"'


def test_the_mark_is_the_one_the_migration_indexes():
    from importlib import import_module

    for name in ("0003_job_search_index", "0005_search_names_anywhere"):
        migration = import_module(f"desktop_app.data.migrations.versions.{name}")
        assert migration.PAIR_MARK == search_index.PAIR_MARK


LONG_NAMES = {
    "爱新觉罗溥仪": ("溥仪", "仪", "溥", "觉罗溥仪", "新觉罗", "罗溥"),
    "北京华为技术有限公司": ("公司", "司", "有限", "技术有限公司", "华为", "限"),
    "上海浦东新区张江高科技园区某某电子产品维修服务中心有限责任公司": (
        "公司",
        "责任",
        "维修",
        "心",
    ),
}


def test_chinese_text_of_one_or_two_characters_is_found_anywhere_in_a_name(services, database):
    """Before: SQLite indexed characters and pairs of the first 4 positions only, so "溥仪"
    missed 爱新觉罗溥仪 and "公司" missed 北京华为技术有限公司; PostgreSQL found them."""
    manager = actor(services)
    assert manager is not None
    made = {
        name: services.jobs.check_in(
            check_in_form(customer_name=name, phone=f"1390000{n:04d}", serial=f"LONG{n:08d}"),
            manager,
        ).id
        for n, name in enumerate(LONG_NAMES)
    }
    for name, fragments in LONG_NAMES.items():
        for typed in fragments:
            found = all_pages(services, typed)
            assert made[name] in found, (name, typed)
            assert found == scanned(database, typed), typed
    # A Chinese serial is found the same way, and a fragment that is in no name finds nothing.
    with database.write() as session:
        product_id = session.get(Job, made["爱新觉罗溥仪"]).product_id
        session.execute(update(Product).where(Product.id == product_id).values(serial="SN宣统元年"))
    for typed in ("宣统", "年", "元年"):
        assert all_pages(services, typed) == scanned(database, typed) != [], typed
    assert all_pages(services, "仪公") == []


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("R2026", (date(2026, 1, 1), date(2027, 1, 1))),
        ("R20261", (date(2026, 10, 1), date(2027, 1, 1))),
        ("R202605", (date(2026, 5, 1), date(2026, 6, 1))),
        ("R2026052", (date(2026, 5, 20), date(2026, 5, 30))),
        ("R20260529-00", (date(2026, 5, 29), date(2026, 5, 30))),
        ("R20261231", (date(2026, 12, 31), date(2027, 1, 1))),
        ("R20260229", (date(2026, 3, 1), date(2026, 3, 1))),  # no such day: nothing
        ("R9999", (date(9999, 1, 1), None)),
        ("R99999999", None),
    ],
)
def test_job_number_start_bounds_the_check_in_days(typed, days):
    assert search_index.check_in_days_for(typed) == days
