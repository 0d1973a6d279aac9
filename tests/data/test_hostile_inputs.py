"""Issue 11: input that used to escape as a traceback is refused with the field and the rule, and
nothing is written (SQLite and PostgreSQL); a database from a newer release is refused untouched;
`jobs | head` ends quietly."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest

from desktop_app.cli import main
from desktop_app.data.db import Database, open_database
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import HandBackForm, JobQuery
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.workflow import Status
from tests.helpers import ID_CHECKED, actor, check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def _manager(services):
    return actor(services)


def _returned_job(services):
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(), me)
    services.jobs.change_status(job.id, Status.DIAGNOSING, me)
    services.jobs.mark_ready(job.id, me, "已修好")
    return services.handback.hand_back(
        job.id, me, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )


@pytest.mark.parametrize("value", ["²", "٣", "3²", "1e3", "-1", "", "100000001", "9" * 30])
def test_a_correction_of_the_amount_refuses_anything_but_plain_digits(services, value):
    job = _returned_job(services)
    with pytest.raises(InvalidInput) as refused:
        services.handback.record_correction(
            job.id, _manager(services), "amount_paid_cents", value, "补记"
        )
    assert refused.value.fields() == {"value"}
    assert services.jobs.get(job.id).events == job.events


@pytest.mark.parametrize("value", ["²", "6", "0", "５"])
def test_a_correction_of_the_score_refuses_anything_but_1_to_5(services, value):
    job = _returned_job(services)
    with pytest.raises(InvalidInput):
        services.handback.record_correction(
            job.id, _manager(services), "satisfaction_score", value, "补记"
        )


@pytest.mark.parametrize("quantity", [1.5, 2**63, 0, 1000, True])
def test_a_line_refuses_a_quantity_that_is_not_a_whole_number_from_1_to_999(services, quantity):
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(), me)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, me)
    with pytest.raises(InvalidInput) as refused:
        services.jobs.add_line(
            job.id, me, kind="part", description="电池", quantity=quantity, unit_price_cents=100
        )
    assert "quantity" in refused.value.fields()
    assert services.jobs.get(job.id).lines == ()


@pytest.mark.parametrize("refund", [10**20, 2**63, 1.5])
def test_a_refund_past_the_limit_or_not_whole_is_refused(services, clock, refund):
    me = _manager(services)
    form = check_in_form(service_requested=ServiceKind.RETURN, purchase_date=clock().date())
    job = services.jobs.check_in(form, me)
    job = services.handback.start_inspection(job.id, me)
    with pytest.raises(InvalidInput) as refused:
        services.handback.approve_refund(job.id, me, refund)
    assert refused.value.fields() == {"refund"}
    assert services.jobs.get(job.id).status is Status.INSPECTING


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1900, 6, 1), date(1989, 12, 31)])
def test_a_purchase_before_1990_is_a_typo(services, day):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(replace(check_in_form(), purchase_date=day), _manager(services))
    assert refused.value.fields() == {"purchase_date"}


def test_a_database_from_a_newer_release_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "newer.db"
    assert main(["--database", f"sqlite:///{path}", "migrate"]) == 0
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    leftovers = {p.name for p in tmp_path.iterdir()}
    capsys.readouterr()
    assert main(["--database", f"sqlite:///{path}", "migrate"]) == 2
    err = capsys.readouterr().err
    assert "newer Repair Counter (revision 0099)" in err and "Traceback" not in err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert {p.name for p in tmp_path.iterdir()} == leftovers


def test_jobs_piped_into_head_ends_quietly(tmp_path):
    url = f"sqlite:///{tmp_path}/demo.db"
    assert main(["--database", url, "demo", "--jobs", "300", "--seed", "3"]) == 0
    for fmt in ("table", "csv"):
        command = [sys.executable, "-m", "desktop_app", "--database", url, "jobs", "--format", fmt]
        producer = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert producer.stdout is not None
        producer.stdout.readline()  # what `head -1` reads, then it goes away
        producer.stdout.close()
        _out, err = producer.communicate(timeout=120)
        assert b"Traceback" not in err and b"BrokenPipe" not in err, err
        assert producer.returncode == 0


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("customer_name", "张\x00伟"),
        ("fault_description", "屏幕\x01不亮"),
        ("serial", "SN\x1b123"),
        ("accessories_received", "充电器\ud800"),
    ],
)
def test_a_check_in_with_control_characters_names_the_field_and_writes_nothing(
    services, field, value
):
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(replace(check_in_form(), **{field: value}), _manager(services))
    assert refused.value.fields() == {field}
    assert services.jobs.search(JobQuery()).rows == ()


def test_line_breaks_and_tabs_in_a_long_text_are_fine(services):
    job = services.jobs.check_in(
        replace(check_in_form(), fault_description="屏幕不亮\n\t偶尔闪烁"), _manager(services)
    )
    assert job.fault_description == "屏幕不亮\n\t偶尔闪烁"
