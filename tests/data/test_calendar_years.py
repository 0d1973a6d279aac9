"""The shop's confirmation of a year's official calendar is kept without a table of its own."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.workdays import YearStatus
from desktop_app.services import Services
from tests.helpers import FakeClock, actor, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 12, 31, 15, 0))


def test_a_confirmed_year_is_kept_and_used_for_due_dates(services: Services) -> None:
    manager = actor(services)
    assert manager is not None
    shop = services.shop.settings()
    assert services.shop.calendar().year_status(2027) is YearStatus.ESTIMATE
    saved = services.shop.save_settings(
        replace(
            shop,
            closures=(date(2026, 12, 24), date(2027, 1, 1)),
            extra_working_days=(date(2027, 1, 2),),
            confirmed_years=(2027,),
        ),
        manager,
    )
    assert saved.confirmed_years == (2027,)
    assert saved.closures == (date(2026, 12, 24), date(2027, 1, 1))
    calendar = services.shop.calendar()
    assert calendar.year_status(2027) is YearStatus.CONFIRMED
    assert calendar.estimate_ahead(date(2026, 12, 31)) is None
    job = services.jobs.check_in(check_in_form(purchase_date=date(2026, 6, 1)), manager)
    assert job.repair_due_date == date(2027, 1, 7)  # Jan 2, 4, 5, 6, 7
    # Saved again without the confirmation: the days stay, the year is an estimate again.
    again = services.shop.save_settings(replace(saved, confirmed_years=()), manager)
    assert again.confirmed_years == () and again.closures == saved.closures
    assert services.shop.calendar().year_status(2027) is YearStatus.ESTIMATE


def test_a_year_cannot_be_confirmed_without_its_holidays(services: Services) -> None:
    manager = actor(services)
    assert manager is not None
    shop = services.shop.settings()
    with pytest.raises(InvalidInput) as raised:
        services.shop.save_settings(
            replace(shop, extra_working_days=(date(2027, 1, 2),), confirmed_years=(2027,)),
            manager,
        )
    assert raised.value.fields() == {"confirmed_years"}
    assert "2027" in raised.value.render()
    assert services.shop.settings() == shop  # nothing saved
