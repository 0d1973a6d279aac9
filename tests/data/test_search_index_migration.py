"""Migration 0005 on a SQLite database made at 0004: the search index is rebuilt so that Chinese
text of 1 or 2 characters finds a name at any position; the index follows writes afterwards, and
a downgrade puts 0003's index back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text, update

from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import upgrade_to_head
from desktop_app.data.models import Customer, Job
from desktop_app.domain.forms import JobQuery
from desktop_app.services import Services
from tests.data.test_search import NOW
from tests.helpers import FAST_PASSWORDS, FakeClock, actor, check_in_form, migrate

NAMES = ("爱新觉罗溥仪", "北京华为技术有限公司", "张伟")


def _found(services: Services, typed: str) -> set[str]:
    return {row.customer_name for row in services.jobs.search(JobQuery(text=typed)).rows}


@pytest.fixture
def at_0004(sqlite_url: str) -> Iterator[tuple[Database, Services]]:
    database = open_database(sqlite_url)
    services = Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    manager = actor(services)
    for n, name in enumerate(NAMES):
        services.jobs.check_in(check_in_form(customer_name=name, phone=f"1390000{n:04d}"), manager)
    # Checked in by today's services (which sign people in), then back to 0004's schema, whose
    # downgrades rebuild the search index as 0004 made it.
    migrate(database, "0004", down=True)
    yield database, services
    database.dispose()


def test_0005_rebuilds_the_index_of_a_database_made_at_0004(at_0004):
    database, services = at_0004
    assert _found(services, "溥仪") == set()  # the old index: first 4 positions only
    assert _found(services, "公司") == set()
    assert _found(services, "张") == {"张伟"}

    upgrade_to_head(database)

    assert _found(services, "溥仪") == {"爱新觉罗溥仪"}
    assert _found(services, "仪") == {"爱新觉罗溥仪"}
    assert _found(services, "公司") == {"北京华为技术有限公司"}
    assert _found(services, "张") == {"张伟"}
    assert _found(services, "伟") == {"张伟"}
    with database.read() as session:
        indexed = session.scalar(text("SELECT count(*) FROM job_search"))
        jobs = session.scalar(text("SELECT count(*) FROM jobs"))
    assert indexed == jobs == len(NAMES)
    # The new triggers follow a renamed customer.
    with database.write() as session:
        customer_id = session.scalars(
            Job.__table__.select().with_only_columns(Job.customer_id).limit(1)
        ).first()
        session.execute(
            update(Customer).where(Customer.id == customer_id).values(name="欧阳修文忠公")
        )
    assert _found(services, "忠公") == {"欧阳修文忠公"}


def test_0005_downgrades_to_the_0003_index(at_0004):
    database, services = at_0004
    upgrade_to_head(database)
    migrate(database, "0004", down=True)
    assert _found(services, "张") == {"张伟"}
    assert _found(services, "溥仪") == set()
    with database.read() as session:
        tables = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'table'")))
    assert "job_search_positions" not in tables
