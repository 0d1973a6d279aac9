"""The hand-back's identification at the service, on SQLite and on a real PostgreSQL server:
refused without the receipt, the phone's digits or a note, nothing written; recorded how (never
the digits) on the hand-back event; the label size setting checked at and past its values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from desktop_app.data.db import Database, open_database
from desktop_app.domain.device_label import LABEL_SIZES
from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.events import describe
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.roles import Role
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def ready(services: Services, staff, phone: str = "13812345678") -> JobSnapshot:
    job = services.jobs.check_in(
        check_in_form(accessories_received="充电器", phone=phone), staff[Role.CLERK]
    )
    tech = staff[Role.TECHNICIAN]
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    return services.jobs.mark_ready(job.id, tech, "更换电池")


def handed_back_event(job: JobSnapshot):
    (event,) = [e for e in job.events if e.kind == EventKind.HANDED_BACK]
    return event


def back(**given) -> HandBackForm:
    return HandBackForm(("充电器",), "", 0, **given)


def test_refused_without_identification_nothing_written(services, staff):
    job = ready(services, staff)
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(job.id, staff[Role.CLERK], back(), job.version)
    assert caught.value.fields() == {"identity_note"}
    after = services.jobs.get(job.id)
    assert after.status is Status.READY_FOR_PICKUP and after.version == job.version


def test_a_receipt_of_another_job_is_refused_naming_it(services, staff):
    other = ready(services, staff)
    job = ready(services, staff)
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(
            job.id, staff[Role.CLERK], back(scanned_number=other.number), job.version
        )
    assert f"this receipt is for job {other.number}" in caught.value.render()
    assert services.jobs.get(job.id).status is Status.READY_FOR_PICKUP


def test_wrong_digits_are_refused_and_every_broken_rule_said_at_once(services, staff):
    job = ready(services, staff)
    form = HandBackForm((), "", 0, phone_last_four="1234")
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(job.id, staff[Role.CLERK], form, job.version)
    assert caught.value.fields() == {"phone_last_four", "accessories_returned"}
    assert "5678" not in caught.value.render()


@pytest.mark.parametrize(
    ("given", "how"),
    [
        ({"scanned_number": " r{number}\r\n"}, "receipt"),
        ({"phone_last_four": "56 78"}, "phone"),
        ({"identity_note": "收据丢失，已核对身份证"}, "note"),
    ],
)
def test_recorded_how_never_the_digits(services, staff, given, how):
    job = ready(services, staff)
    given = {k: v.replace("r{number}", job.number.lower()) for k, v in given.items()}
    done = services.handback.hand_back(job.id, staff[Role.CLERK], back(**given), job.version)
    assert done.status is Status.RETURNED
    event = handed_back_event(done)
    assert event.payload["identified_by"] == how
    assert "5678" not in repr(event.payload) and "5678" not in event.note
    assert event.note == ("收据丢失，已核对身份证" if how == "note" else "")
    assert "customer identified" in describe(event)


def test_wrong_answers_before_are_recorded_and_three_end_the_digits(services, staff):
    job = ready(services, staff)
    clerk = staff[Role.CLERK]
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(
            job.id, clerk, back(phone_last_four="5678", wrong_phone_tries=3), job.version
        )
    assert "3 wrong answers" in caught.value.render()
    done = services.handback.hand_back(
        job.id, clerk, back(phone_last_four="5678", wrong_phone_tries=2), job.version
    )
    event = handed_back_event(done)
    assert event.payload == {"accessories": ["充电器"], "identified_by": "phone", "wrong_tries": 2}
    assert "wrong answers of the phone's last four digits first: 2" in describe(event)


def test_a_phone_on_record_with_dashes_still_matches(services, staff, database):
    job = ready(services, staff)
    from desktop_app.data.models import Customer

    with database.write() as session:
        session.get(Customer, job.customer.id).phone = "138-1234-5678"
    job = services.jobs.get(job.id)
    done = services.handback.hand_back(
        job.id, staff[Role.CLERK], back(phone_last_four="5678"), job.version
    )
    assert handed_back_event(done).payload["identified_by"] == "phone"


def test_a_phone_on_record_shorter_than_four_digits_needs_the_receipt_or_a_note(
    services, staff, database
):
    job = ready(services, staff)
    from desktop_app.data.models import Customer

    with database.write() as session:
        session.get(Customer, job.customer.id).phone = "110"
    job = services.jobs.get(job.id)
    with pytest.raises(InvalidInput) as caught:
        services.handback.hand_back(
            job.id, staff[Role.CLERK], back(phone_last_four="0110"), job.version
        )
    assert "fewer than four digits" in caught.value.render()
    done = services.handback.hand_back(
        job.id, staff[Role.CLERK], back(scanned_number=job.number), job.version
    )
    assert done.status is Status.RETURNED


@pytest.mark.parametrize("bad", [-1, True, "2"])
def test_the_count_of_wrong_answers_must_be_a_whole_number(services, staff, bad):
    job = ready(services, staff)
    with pytest.raises(InvalidInput):
        services.handback.hand_back(
            job.id, staff[Role.CLERK], back(identity_note="x", wrong_phone_tries=bad), job.version
        )


def test_the_label_size_setting(services, staff):
    manager = staff[Role.MANAGER]
    shop = services.shop.settings()
    assert shop.label_size == "50x30"
    for size in LABEL_SIZES:
        assert services.shop.save_settings(replace(shop, label_size=size), manager).label_size == (
            size
        )
    for bad in ("50x31", "", "50X30", None, "100x100"):
        with pytest.raises(InvalidInput) as caught:
            services.shop.save_settings(replace(shop, label_size=bad), manager)
        assert caught.value.fields() == {"label_size"}
        assert "40 × 30 mm" in caught.value.render()
    assert services.shop.settings().label_size == LABEL_SIZES[-1]
