"""The check-in service's guards, on SQLite and on a real PostgreSQL server: a serial still in
the shop, the same phone under two names, a purchase date nobody entered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Customer, Job, JobEvent, Product
from desktop_app.domain import events
from desktop_app.domain.errors import InvalidInput, NotPermitted
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from tests.helpers import check_in_form

SERIAL = "IMEI869900001111222"


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def rows(database: Database) -> tuple[int, int, int, int]:
    with database.read() as session:
        return tuple(  # type: ignore[return-value]
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Job, Product, Customer, JobEvent)
        )


def test_a_serial_still_in_the_shop_is_refused_naming_the_open_job(services, staff, database):
    first = services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    before = rows(database)
    # The same serial as another brand and model, typed in lower case with spaces.
    second = check_in_form(
        serial=f"  {SERIAL.lower()} ", brand="Apple", model="iPhone 15", customer_name="李娜"
    )
    with pytest.raises(InvalidInput) as raised:
        services.jobs.check_in(second, staff[Role.CLERK])
    assert raised.value.fields() == {"serial"}
    text = raised.value.problems[0].render()
    assert SERIAL in text and first.number in text
    assert rows(database) == before  # nothing half-saved


@pytest.mark.parametrize("status", [Status.DIAGNOSING, Status.READY_FOR_PICKUP])
def test_every_open_status_keeps_the_serial_in_the_shop(services, staff, status):
    first = services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    tech = staff[Role.TECHNICIAN]
    services.jobs.change_status(first.id, Status.DIAGNOSING, tech)
    if status is Status.READY_FOR_PICKUP:
        services.jobs.mark_ready(first.id, tech, "更换屏幕排线")
    with pytest.raises(InvalidInput):
        services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])


def test_a_serial_whose_job_is_closed_comes_in_again(services, staff):
    first = services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    services.jobs.cancel(first.id, staff[Role.CLERK], "客户取回，不修了")
    again = services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    assert again.product.serial == SERIAL
    assert "serial_in_shop" not in again.events[0].payload


def test_only_a_manager_may_confirm_a_serial_still_in_the_shop(services, staff, database):
    services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    before = rows(database)
    form = check_in_form(serial=SERIAL, serial_override_reason="同一客户的第二台，标签贴错")
    with pytest.raises(NotPermitted):
        services.jobs.check_in(form, staff[Role.CLERK])
    assert rows(database) == before


def test_a_managers_confirmation_is_recorded_in_the_check_in_event(services, staff):
    first = services.jobs.check_in(check_in_form(serial=SERIAL), staff[Role.CLERK])
    reason = "同一客户的第二台，标签贴错"
    second = services.jobs.check_in(
        check_in_form(serial=SERIAL, serial_override_reason=f" {reason} "), staff[Role.MANAGER]
    )
    event = second.events[0]
    assert event.kind == "checked_in"
    assert event.payload["serial_in_shop"] == first.number
    assert event.payload["serial_override_reason"] == reason
    said = events.describe(event)
    assert first.number in said and reason in said
    # The first job is untouched.
    assert services.jobs.get(first.id).status is Status.RECEIVED


def test_the_names_on_file_for_a_phone(services, staff):
    for name in ("张伟", "张薇"):
        form = check_in_form(customer_name=name, phone="13812345678")
        services.jobs.check_in(form, staff[Role.CLERK])
    assert services.jobs.names_for_phone("+86 138 1234 5678") == ("张伟", "张薇")
    assert services.jobs.names_for_phone("13900000000") == ()
    assert services.jobs.names_for_phone("1381") == ()  # not a number yet: no lookup
    assert services.jobs.names_for_phone("a\x00b") == ()


def test_a_purchase_date_nobody_entered_is_refused(services, staff, database):
    with pytest.raises(InvalidInput) as raised:
        services.jobs.check_in(check_in_form(purchase_date=None), staff[Role.CLERK])
    assert raised.value.fields() == {"purchase_date"}
    assert rows(database) == (0, 0, 0, 0)
