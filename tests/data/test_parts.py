"""The parts catalogue, stock moving with job lines, same-model reasons, the repair warranty
setting and repeat repairs, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import JobLine, Part
from desktop_app.domain.errors import ConcurrentChange, InvalidInput, NotPermitted, RuleRefusal
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.parts import PartForm
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import (
    FAST_PASSWORDS,
    ID_CHECKED,
    FakeClock,
    actor,
    check_in_form,
    settle_background,
)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    settle_background()
    db.dispose()


def _screen(**kw: object) -> PartForm:
    values: dict[str, object] = {
        "name": "屏幕总成",
        "part_number": "HW-LCD-M60P",
        "models": ("Mate 60 Pro", "Mate 60"),
        "unit_price_cents": 89_900,
        "stock": 2,
    }
    values.update(kw)
    return PartForm(**values)  # type: ignore[arg-type]


def _job(services: Services, staff: dict[Role, Actor], **form: object):
    job = services.jobs.check_in(check_in_form(**form), staff[Role.CLERK])
    return services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])


def _add(services: Services, who: Actor, job, part, quantity: int = 1, **kw: object):
    values: dict[str, object] = {
        "kind": "part",
        "description": part.name,
        "quantity": quantity,
        "unit_price_cents": part.unit_price_cents,
        "part_model": part.part_number,
        "part_id": part.id,
        "expected_version": job.version,
    }
    values.update(kw)
    return services.jobs.add_line(job.id, who, **values)  # type: ignore[arg-type]


def test_catalogue_add_edit_deactivate(services: Services, staff: dict[Role, Actor]) -> None:
    boss = staff[Role.MANAGER]
    part = services.parts.add(_screen(models=("Mate 60 Pro，ｍａｔｅ 60 pro", "P60")), boss)
    assert part.models == ("Mate 60 Pro", "P60") and part.version == 1
    with pytest.raises(InvalidInput) as duplicate:
        services.parts.add(_screen(part_number=" hw-lcd-m60p "), boss)  # case-insensitively
    assert duplicate.value.fields() == {"part_number"}
    edited = services.parts.edit(part.id, _screen(stock=7, unit_price_cents=99_900), boss, 1)
    assert (edited.stock, edited.unit_price_cents, edited.version) == (7, 99_900, 2)
    with pytest.raises(ConcurrentChange):  # an edit on the old reading
        services.parts.edit(part.id, _screen(stock=1), boss, 1)
    assert services.parts.get(part.id).stock == 7  # nothing half-saved
    off = services.parts.set_active(part.id, False, boss)
    assert not off.active
    assert services.parts.list("屏幕") == (off,)
    assert services.parts.for_model("Mate 60 Pro") == ()  # not offered any more
    assert services.parts.find_by_number("ＨＷ-lcd-m60p") == off
    with pytest.raises(NotPermitted):
        services.parts.add(_screen(part_number="X-1"), staff[Role.TECHNICIAN])
    with pytest.raises(InvalidInput) as bad:
        services.parts.add(_screen(part_number="", stock=-1, unit_price_cents=-5), boss)
    assert bad.value.fields() == {"part_number", "stock", "unit_price"}


def test_a_catalogue_part_moves_stock_with_the_line(
    services: Services, staff: dict[Role, Actor]
) -> None:
    tech = staff[Role.TECHNICIAN]
    part = services.parts.add(_screen(stock=2), staff[Role.MANAGER])
    job = _job(services, staff)
    job = _add(services, tech, job, part, 2)
    line = job.lines[0]
    assert (line.part_id, line.charged_cents) == (part.id, 0)  # under warranty: free
    assert services.parts.get(part.id).stock == 0
    assert "HW-LCD-M60P" in str(job.events[-1].payload)
    with pytest.raises(RuleRefusal, match="only 0 of part"):
        _add(services, tech, job, part, 1)
    job = services.jobs.remove_line(job.id, line.id, tech, "装错了", job.version)
    assert services.parts.get(part.id).stock == 2
    assert job.events[-1].payload["stock_left"] == 2


def test_stock_and_line_are_one_transaction(services: Services, staff: dict[Role, Actor]) -> None:
    """A line refused after the stock was checked (the job changed elsewhere) takes nothing."""
    part = services.parts.add(_screen(stock=1), staff[Role.MANAGER])
    job = _job(services, staff)
    services.jobs.record_diagnosis(job.id, staff[Role.TECHNICIAN], "屏幕损坏", job.version)
    with pytest.raises(ConcurrentChange):
        _add(services, staff[Role.TECHNICIAN], job, part)  # the old version
    assert services.parts.get(part.id).stock == 1
    with services.jobs._db.read() as session:
        assert session.scalars(select(JobLine)).all() == []


def test_two_counters_take_the_last_part_at_once(
    database_url: str, services: Services, staff: dict[Role, Actor]
) -> None:
    part = services.parts.add(_screen(stock=1), staff[Role.MANAGER])
    jobs = [_job(services, staff), _job(services, staff)]
    counters = []
    for _ in jobs:
        db = open_database(database_url)
        other = Services.build(db, services.jobs._clock, passwords=FAST_PASSWORDS, workstation="2")
        counters.append((db, other, actor(other, "tech")))
    barrier = threading.Barrier(2)
    results: list[object] = [None, None]

    def take(n: int) -> None:
        _db, other, who = counters[n]
        barrier.wait()
        try:
            results[n] = _add(other, who, jobs[n], part)
        except RuleRefusal as error:
            results[n] = error

    threads = [threading.Thread(target=take, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for db, _other, _who in counters:
        db.dispose()
    refused = [r for r in results if isinstance(r, RuleRefusal)]
    assert len(refused) == 1 and "only 0 of part" in str(refused[0])
    assert services.parts.get(part.id).stock == 0
    with services.jobs._db.read() as session:
        assert len(session.scalars(select(JobLine)).all()) == 1
        assert session.scalars(select(Part.stock)).one() == 0


def test_a_part_for_another_model_needs_a_reason(
    services: Services, staff: dict[Role, Actor]
) -> None:
    tech = staff[Role.TECHNICIAN]
    part = services.parts.add(_screen(models=("P60",)), staff[Role.MANAGER])
    job = _job(services, staff)  # a Mate 60 Pro
    with pytest.raises(InvalidInput) as refused:
        _add(services, tech, job, part)
    assert refused.value.fields() == {"model_reason"}
    assert services.parts.get(part.id).stock == 2
    job = _add(services, tech, job, part, model_reason="  同一供应商的通用屏 ")
    assert job.lines[0].model_reason == "同一供应商的通用屏"
    assert job.events[-1].payload["model_reason"] == "同一供应商的通用屏"
    fitting = services.parts.add(
        _screen(part_number="B-2", models=("ｍａｔｅ 60 PRO",)), staff[Role.MANAGER]
    )
    job = _add(services, tech, job, fitting, model_reason="ignored: it fits")
    assert job.lines[-1].model_reason == ""


def test_only_a_manager_changes_a_catalogue_price(
    services: Services, staff: dict[Role, Actor]
) -> None:
    part = services.parts.add(_screen(), staff[Role.MANAGER])
    job = _job(services, staff)
    with pytest.raises(NotPermitted):
        _add(services, staff[Role.TECHNICIAN], job, part, unit_price_cents=1)
    job = _add(services, staff[Role.MANAGER], job, part, unit_price_cents=80_000)
    assert job.lines[0].unit_price_cents == 80_000


def test_repair_warranty_days_setting_limits(services: Services, staff: dict[Role, Actor]) -> None:
    boss = staff[Role.MANAGER]
    shop = services.shop.settings()
    assert shop.repair_warranty_days == 90
    for days in (30, 730):
        assert (
            services.shop.save_settings(
                replace(shop, repair_warranty_days=days), boss
            ).repair_warranty_days
            == days
        )
    for bad in (29, 731, 0, -1):
        with pytest.raises(InvalidInput) as refused:
            services.shop.save_settings(replace(shop, repair_warranty_days=bad), boss)
        assert refused.value.fields() == {"repair_warranty_days"}


def _repaired_and_handed_back(
    services: Services, staff: dict[Role, Actor], clock: FakeClock, **form: object
):
    tech, clerk = staff[Role.TECHNICIAN], staff[Role.CLERK]
    job = _job(services, staff, **form)
    job = services.jobs.change_status(job.id, Status.REPAIRING, tech)
    job = services.jobs.mark_ready(job.id, tech, "更换屏幕")
    return services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )


def test_a_repeat_repair_is_free_and_flagged(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    serial = "IMEI861234567777777"
    first = _repaired_and_handed_back(services, staff, clock, serial=serial)
    clock.advance(days=90)  # day N: still guaranteed
    check = services.jobs.repeat_check(serial.lower())
    assert check.candidate is not None and check.candidate.number == first.number
    # Out of the product warranty: a paid repair unless the clerk confirms the same fault.
    old = {"serial": serial, "purchase_date": first.checked_in_at.date() - timedelta(days=800)}
    job = services.jobs.check_in(check_in_form(**old, repeat_of=first.number), staff[Role.CLERK])
    assert job.coverage is Coverage.WARRANTY and job.repeat_of == first.number
    assert first.number in job.verdict_reasons[0].render()
    assert job.events[0].payload["repeat_of"] == first.number
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    job = services.jobs.add_line(
        job.id,
        staff[Role.TECHNICIAN],
        kind="labour",
        description="检测",
        quantity=1,
        unit_price_cents=5_000,
        expected_version=job.version,
    )
    assert job.total_charged_cents == 0


def test_day_n_plus_one_is_not_a_repeat(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    serial = "IMEI861234568888888"
    first = _repaired_and_handed_back(services, staff, clock, serial=serial)
    clock.advance(days=91)
    assert services.jobs.repeat_check(serial).candidate is None
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(
            check_in_form(serial=serial, repeat_of=first.number), staff[Role.CLERK]
        )
    assert refused.value.fields() == {"repeat_of"}
    boss = staff[Role.MANAGER]
    services.shop.save_settings(replace(services.shop.settings(), repair_warranty_days=91), boss)
    assert services.jobs.repeat_check(serial).candidate is not None  # the setting counts


def test_the_compensation_rule_still_sees_the_repeat(
    services: Services, staff: dict[Role, Actor], clock: FakeClock
) -> None:
    serial = "IMEI861234569999999"
    first = _repaired_and_handed_back(services, staff, clock, serial=serial)
    clock.advance(days=10)
    job = services.jobs.check_in(
        check_in_form(serial=serial, repeat_of=first.number), staff[Role.CLERK]
    )
    missed = services.compensation.missed_for(job.id).missed
    assert [m.previous_job for m in missed if m.previous_job] == [first.number]
