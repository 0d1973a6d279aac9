"""Issue 11: one set of text limits (domain/limits.py), the same on SQLite and PostgreSQL.

Every text a service accepts is taken at its limit and refused one character past it, naming the
field and the limit, with nothing written: PostgreSQL used to raise DataError, SQLite to store
100,000 characters. Control characters and invisible-only names are refused the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain import limits
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import HandBackForm, JobQuery
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import ID_CHECKED, PASSWORD, actor, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def _me(s: Services) -> Actor:
    return actor(s)


def _received(s: Services) -> int:
    return s.jobs.check_in(check_in_form(), _me(s)).id


def _diagnosing(s: Services) -> int:
    job_id = _received(s)
    s.jobs.change_status(job_id, Status.DIAGNOSING, _me(s))
    return job_id


def _with_line(s: Services) -> int:
    job_id = _diagnosing(s)
    s.jobs.add_line(
        job_id, _me(s), kind="labour", description="检测", quantity=1, unit_price_cents=1
    )
    return job_id


def _inspecting(s: Services) -> int:
    form = check_in_form(service_requested=ServiceKind.EXCHANGE, purchase_date=date(2026, 9, 28))
    job_id = s.jobs.check_in(form, _me(s)).id
    s.handback.start_inspection(job_id, _me(s))
    return job_id


def _ready(s: Services) -> int:
    job_id = _diagnosing(s)
    s.jobs.mark_ready(job_id, _me(s), "已修好")
    return job_id


def _returned(s: Services) -> int:
    job_id = _ready(s)
    s.handback.hand_back(job_id, _me(s), HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED))
    return job_id


def _line_id(s: Services, job_id: int) -> int:
    return s.jobs.get(job_id).lines[0].id


@dataclass(frozen=True)
class Case:
    """One text a service accepts: how to reach the state it needs, and the call taking it."""

    field: str
    limit: int
    setup: Callable[[Services], int]
    act: Callable[[Services, int, str], Any]


JOB_TEXTS = [
    Case("customer_name", limits.SHORT_TEXT, lambda s: 0, lambda s, _j, t: s.jobs.check_in(
        check_in_form(customer_name=t), _me(s))),
    Case("serial", limits.SHORT_TEXT, lambda s: 0, lambda s, _j, t: s.jobs.check_in(
        check_in_form(serial=t), _me(s))),
    Case("fault_description", limits.LONG_TEXT, lambda s: 0, lambda s, _j, t: s.jobs.check_in(
        check_in_form(fault_description=t), _me(s))),
    Case("note", limits.LONG_TEXT, _received, lambda s, j, t: s.jobs.record_first_response(
        j, _me(s), t)),
    Case("note", limits.LONG_TEXT, _received, lambda s, j, t: s.jobs.change_status(
        j, Status.DIAGNOSING, _me(s), t)),
    Case("note", limits.LONG_TEXT, _received, lambda s, j, t: s.jobs.cancel(j, _me(s), t)),
    Case("diagnosis", limits.LONG_TEXT, _diagnosing, lambda s, j, t: s.jobs.record_diagnosis(
        j, _me(s), t)),
    Case("reason", limits.LONG_TEXT, _diagnosing, lambda s, j, t: s.jobs.mark_not_quality_problem(
        j, _me(s), t)),
    Case("description", limits.LINE_DESCRIPTION, _diagnosing, lambda s, j, t: s.jobs.add_line(
        j, _me(s), kind="part", description=t, quantity=1, unit_price_cents=100)),
    Case("part_model", limits.PART_MODEL, _diagnosing, lambda s, j, t: s.jobs.add_line(
        j, _me(s), kind="part", description="电池", quantity=1, unit_price_cents=100,
        part_model=t)),
    Case("reason", limits.LONG_TEXT, _with_line, lambda s, j, t: s.jobs.remove_line(
        j, _line_id(s, j), _me(s), t)),
    Case("work_done", limits.LONG_TEXT, _diagnosing, lambda s, j, t: s.jobs.mark_ready(
        j, _me(s), t)),
    Case("note", limits.LONG_TEXT, _diagnosing, lambda s, j, t: s.jobs.mark_ready(
        j, _me(s), "已修好", t)),
    Case("reason", limits.LONG_TEXT, _diagnosing, lambda s, j, t: s.jobs.cannot_repair(
        j, _me(s), t)),
    Case("replacement_model", limits.REPLACEMENT_MODEL, _inspecting,
         lambda s, j, t: s.handback.approve_exchange(j, _me(s), t, "SN1")),
    Case("replacement_serial", limits.REPLACEMENT_SERIAL, _inspecting,
         lambda s, j, t: s.handback.approve_exchange(j, _me(s), "Mate 60", t)),
    Case("reason", limits.LONG_TEXT, _inspecting, lambda s, j, t: s.handback.refuse_return(
        j, _me(s), t)),
    Case("note", limits.LONG_TEXT, _ready, lambda s, j, t: s.handback.hand_back(
        j, _me(s), HandBackForm(("充电器",), "", 0, note=t, identity_note=ID_CHECKED))),
    Case("satisfaction_comment", limits.LONG_TEXT, _ready, lambda s, j, t: s.handback.hand_back(
        j, _me(s), HandBackForm(("充电器",), "", 0, 5, t, identity_note=ID_CHECKED))),
    Case("comment", limits.LONG_TEXT, _returned, lambda s, j, t: s.handback.record_satisfaction(
        j, _me(s), 4, t)),
    Case("value", limits.LONG_TEXT, _returned, lambda s, j, t: s.handback.record_correction(
        j, _me(s), "diagnosis", t, "补记")),
    Case("reason", limits.LONG_TEXT, _returned, lambda s, j, t: s.handback.record_correction(
        j, _me(s), "diagnosis", "电池老化", t)),
]  # fmt: skip


def _case_id(case: Case) -> str:
    return f"{case.field}-{case.act.__code__.co_firstlineno}"


def _written(s: Services, job_id: int) -> tuple[object, ...]:
    """What a refused call must leave as it was: the job (events, version) and the job list."""
    if job_id == 0:
        return (s.jobs.search(JobQuery()).rows,)
    job = s.jobs.get(job_id)
    return (job.version, job.events, job.lines, job.status)


@pytest.mark.parametrize("case", JOB_TEXTS, ids=_case_id)
def test_a_job_text_at_its_limit_is_kept_and_one_past_it_is_refused(services, case):
    job_id = case.setup(services)
    before = _written(services, job_id)
    with pytest.raises(InvalidInput) as refused:
        case.act(services, job_id, "字" * (case.limit + 1))
    assert refused.value.fields() == {case.field}
    assert f"must be at most {case.limit} characters" in str(refused.value)
    assert _written(services, job_id) == before
    case.act(services, job_id, "字" * case.limit)  # PostgreSQL: no DataError at the limit


@pytest.mark.parametrize("case", JOB_TEXTS, ids=_case_id)
def test_a_job_text_with_a_nul_is_refused_naming_the_field(services, case):
    job_id = case.setup(services)
    before = _written(services, job_id)
    with pytest.raises(InvalidInput) as refused:
        case.act(services, job_id, "电池\x00老化")
    assert refused.value.fields() == {case.field}
    assert _written(services, job_id) == before


SHOP_TEXTS = [("name", limits.SHOP_NAME), ("address", limits.SHOP_ADDRESS),
              ("hotline", limits.HOTLINE)]  # fmt: skip


@pytest.mark.parametrize(("field", "limit"), SHOP_TEXTS)
def test_a_shop_setting_at_its_limit_is_kept_and_one_past_it_is_refused(services, field, limit):
    me = _me(services)
    before = services.shop.settings()
    for bad in ("字" * (limit + 1), "店\x00名", "\x1b[31m"):
        with pytest.raises(InvalidInput) as refused:
            services.shop.save_settings(replace(before, **{field: bad}), me)
        assert refused.value.fields() == {field}
        assert services.shop.settings() == before
    saved = services.shop.save_settings(replace(before, **{field: "字" * limit}), me)
    assert getattr(saved, field) == "字" * limit


@pytest.mark.parametrize(
    ("field", "limit"), [("username", limits.USERNAME), ("display_name", limits.DISPLAY_NAME)]
)
def test_a_user_text_at_its_limit_is_kept_and_one_past_it_is_refused(services, field, limit):
    given = {"username": "tech2", "display_name": "李四"}
    before = services.users.list()
    for bad in ("字" * (limit + 1), "李\x00四", "\u200b", "\x00", " \ufeff "):
        with pytest.raises(InvalidInput) as refused:
            services.users.add(
                _me(services), **{**given, field: bad}, role=Role.TECHNICIAN, password=PASSWORD
            )
        assert refused.value.fields() == {field}
        assert services.users.list() == before
    added = services.users.add(
        _me(services), **{**given, field: "字" * limit}, role=Role.TECHNICIAN, password=PASSWORD
    )
    assert getattr(added, field) == "字" * limit


@pytest.mark.parametrize("name", ["\u200b", "\x00", "\u200b\u200d\ufeff", " \u200b "])
def test_a_customer_name_of_only_invisible_characters_is_refused(services, name):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(check_in_form(customer_name=name), _me(services))
    assert refused.value.fields() == {"customer_name"}
    assert services.jobs.search(JobQuery()).rows == ()


@pytest.mark.parametrize("day", ["2026-03-01", "", 20260301])
def test_a_purchase_date_that_is_not_a_date_is_a_clear_error(services, day):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(check_in_form(purchase_date=day), _me(services))
    assert refused.value.fields() == {"purchase_date"}
    assert "must be a date" in str(refused.value)


def test_a_purchase_date_nobody_gave_is_required(services):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(check_in_form(purchase_date=None), _me(services))
    assert refused.value.fields() == {"purchase_date"}
    assert services.jobs.search(JobQuery()).rows == ()


def test_a_correction_of_the_payment_method_takes_only_a_known_method(services):
    job_id = _returned(services)
    before = _written(services, job_id)
    for bad in ("x" * 21, "bitcoin"):
        with pytest.raises(InvalidInput) as refused:
            services.handback.record_correction(job_id, _me(services), "payment_method", bad, "补")
        assert refused.value.fields() == {"value"}
    assert _written(services, job_id) == before
    services.handback.record_correction(job_id, _me(services), "payment_method", "cash", "补")
