"""Adversary (search parity): random names (Chinese, Latin, mixed, with spaces, up to the
120-character limit), serials and phones checked in on SQLite and on PostgreSQL; for many random
pieces of them (1-4 characters, and whole) both backends list the same job numbers, and those a
scan in Python finds."""

from __future__ import annotations

import random
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Job
from desktop_app.domain import limits
from desktop_app.services import Services
from tests.data.test_search import NOW, all_pages, scanned
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form

SEED = 20261125
CHINESE = "张王李赵欧阳司马爱新觉罗溥仪北京华为技术有限公司上海小米通讯科技深圳腾讯娜伟明光"
LATIN = string.ascii_letters


def _name(rng: random.Random) -> str:
    kind = rng.choice(["chinese", "latin", "mixed", "long"])
    if kind == "chinese":
        return "".join(rng.choice(CHINESE) for _ in range(rng.randint(1, 30)))
    if kind == "latin":
        words = ["".join(rng.choice(LATIN) for _ in range(rng.randint(1, 8))) for _ in range(3)]
        return " ".join(words[: rng.randint(1, 3)])
    if kind == "mixed":
        parts = [rng.choice(CHINESE) * rng.randint(1, 3), rng.choice(LATIN) * rng.randint(1, 3)]
        rng.shuffle(parts)
        return " ".join(parts) + "".join(rng.choice(CHINESE) for _ in range(rng.randint(0, 5)))
    return "".join(rng.choice(CHINESE + " ab") for _ in range(limits.SHORT_TEXT)).strip()


def _forms(count: int) -> list[dict[str, str]]:
    rng = random.Random(SEED)
    forms = []
    for index in range(count):
        alphabet = string.ascii_uppercase + string.digits
        serial = "".join(rng.choice(alphabet) for _ in range(rng.randint(6, 20))) + f"{index:03d}"
        phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
        forms.append({"customer_name": _name(rng), "phone": phone, "serial": serial})
    return forms


def _pieces(texts: list[str], rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        length = rng.randint(1, 4)
        start = rng.randrange(max(1, len(text) - length + 1))
        out.append(text[start : start + length])
    return out


def _fill(database: Database, forms: list[dict[str, str]]) -> Services:
    clock = FakeClock(NOW)
    services = Services.build(database, clock, passwords=FAST_PASSWORDS)
    manager = actor(services)
    assert manager is not None
    for form in forms:
        services.jobs.check_in(check_in_form(**form), manager)
    return services


@pytest.fixture
def both(tmp_path: Path, postgres_server) -> Iterator[tuple[Database, Database]]:
    url = postgres_server.create_database()
    sqlite = open_database(f"sqlite:///{tmp_path}/counter.db")
    postgres = open_database(url)
    try:
        yield sqlite, postgres
    finally:
        sqlite.dispose()
        postgres.dispose()
        postgres_server.drop_database(url)


def _numbers(database: Database, ids: list[int]) -> list[str]:
    with database.read() as session:
        by_id = {row.id: row.number for row in session.execute(select(Job.id, Job.number))}
    return [by_id[i] for i in ids]


@pytest.mark.postgres
def test_both_backends_find_what_a_scan_finds(both):
    sqlite, postgres = both
    forms = _forms(60)
    on_sqlite, on_postgres = _fill(sqlite, forms), _fill(postgres, forms)
    with sqlite.read() as session:
        numbers = list(session.scalars(select(Job.number)))
    rng = random.Random(SEED + 1)
    names = [f["customer_name"] for f in forms]
    typed_list = [
        *_pieces(names, rng, 200),
        *_pieces([f["serial"] for f in forms], rng, 60),
        *_pieces([f["phone"] for f in forms], rng, 60),
        *_pieces(numbers, rng, 40),
        *names[:10],
        *[n.lower() for n in names if n.isascii()][:5],
    ]
    differences = []
    for typed in typed_list:
        expected = _numbers(sqlite, scanned(sqlite, typed))
        found_sqlite = _numbers(sqlite, all_pages(on_sqlite, typed))
        found_postgres = _numbers(postgres, all_pages(on_postgres, typed))
        if not found_sqlite == found_postgres == expected:
            differences.append((typed, expected, found_sqlite, found_postgres))
    assert not differences, differences[:5]


def test_a_name_longer_than_the_limit_from_an_older_release_is_found_to_its_end(tmp_path: Path):
    """Before the limits a SQLite counter stored names of any length (PostgreSQL's column never
    held more than 120); 0005 indexes such a name to its end (its positions table grows to the
    longest name), so its last characters find it as a scan does."""
    from alembic import command
    from sqlalchemy import update

    from desktop_app.data.migrate import alembic_config, upgrade_to_head
    from desktop_app.data.models import Customer

    rng = random.Random(SEED)
    long_name = "".join(rng.choice(CHINESE[:20]) for _ in range(300)) + "溥仪"
    sqlite = open_database(f"sqlite:///{tmp_path}/old.db")
    try:
        services = _fill(sqlite, _forms(3))  # by today's services, then back to 0004's schema
        config = alembic_config()
        with sqlite.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
        with sqlite.write() as session:
            session.execute(update(Customer).where(Customer.id == 1).values(name=long_name))
        upgrade_to_head(sqlite)
        for typed in ("溥仪", "仪", long_name[-3:], long_name[:2], long_name[150:152]):
            assert all_pages(services, typed) == scanned(sqlite, typed), typed
        assert _numbers(sqlite, all_pages(services, "仪")) == ["R20261125-0001"]
    finally:
        sqlite.dispose()
