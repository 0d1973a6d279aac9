"""The job view's action buttons keep their places whatever the status (disabled when they do not
apply), the usual next step is the first button and the default one (Enter takes it), and
"Show number" reveals the customer's whole number only once the look is on the record."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy.exc import OperationalError

from desktop_app.domain.actions import BENCH_STATUSES, JobAction
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage, ServiceKind
from desktop_app.domain.snapshots import JobSnapshot
from desktop_app.domain.vocabulary import QuoteState
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.domain.workflow import Status
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.job_dialog import ACTION_GROUPS, JobDialog
from desktop_app.ui.resources import text_translator
from tests.conftest import CHECK_IN_AT
from tests.data.test_bench_and_hand_back import jobs_in_every_status
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import wait_idle

A = JobAction


@pytest.fixture
def staff(services) -> dict[Role, Actor]:
    return {
        Role.MANAGER: actor(services),
        Role.CLERK: add_user(services, "clerk", "王晓红", Role.CLERK),
        Role.TECHNICIAN: add_user(services, "tech", "李建国", Role.TECHNICIAN),
    }


def every_status(services, staff, clock) -> list[JobSnapshot]:
    clock.now = CHECK_IN_AT  # the jobs' purchase dates make the return path possible then
    jobs = jobs_in_every_status(services, staff)
    diagnosing = next(j for j in jobs if j.status is Status.DIAGNOSING)
    diagnosed = services.jobs.record_diagnosis(diagnosing.id, staff[Role.TECHNICIAN], "排线松动")
    exchanging = next(j for j in jobs if j.service_requested is ServiceKind.EXCHANGE)
    exchanged = services.handback.approve_exchange(
        exchanging.id, staff[Role.TECHNICIAN], "Mate 60 Pro", "SN-NEW"
    )
    return [*jobs, diagnosed, exchanged]


def expected_next(job: JobSnapshot, role: Role) -> JobAction | None:
    """What the counter usually does next, written out by hand, per status and role."""
    bench = role in (Role.TECHNICIAN, Role.MANAGER)
    counter = role in (Role.CLERK, Role.MANAGER)
    status = job.status
    if status is Status.RECEIVED:
        if bench:
            return (
                A.START_INSPECTION
                if job.coverage is Coverage.RETURN_EXCHANGE
                else A.START_DIAGNOSIS
            )
        return A.RECORD_RESPONSE
    if status is Status.INSPECTING and bench:
        exchange = job.service_requested is ServiceKind.EXCHANGE
        return A.APPROVE_EXCHANGE if exchange else A.APPROVE_REFUND
    # A paid repair: its quotation's approval, else a (new) quotation, before anything else.
    quote = job.quote_state(datetime.now().date())  # the view's own clock: today's date
    if quote is QuoteState.PENDING and status in BENCH_STATUSES:
        return A.APPROVE_QUOTATION
    if quote not in (None, QuoteState.APPROVED) and status in BENCH_STATUSES and bench:
        return A.WRITE_QUOTATION
    if status is Status.DIAGNOSING and bench:
        return A.START_REPAIR if job.diagnosis else A.RECORD_DIAGNOSIS
    if status is Status.WAITING_FOR_PARTS and bench:
        return A.START_REPAIR
    if status is Status.REPAIRING and bench:
        return A.MARK_READY
    if status is Status.READY_FOR_PICKUP and counter:
        return A.HAND_BACK
    if status is Status.RETURNED and counter and job.satisfaction_score is None:
        return A.RECORD_SATISFACTION
    return None


def job_view(qtbot, job: JobSnapshot, role: Role) -> JobDialog:
    dialog = JobDialog(
        job,
        role=role,
        calendar=WorkCalendar(package_calendar("CN")),
        translate=text_translator(),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def places(dialog: JobDialog) -> list[tuple[str, QPoint]]:
    buttons = [dialog.next_button, *dialog.action_buttons.values()]
    return [(b.objectName(), b.mapTo(dialog, QPoint(0, 0))) for b in buttons if b.isVisible()]


def test_every_action_has_one_fixed_place():
    placed = [action for _key, actions in ACTION_GROUPS for action in actions]
    assert sorted(placed) == sorted(JobAction) and len(placed) == len(set(placed))


@pytest.mark.parametrize("role", list(Role))
def test_the_buttons_keep_their_places_in_every_status(qtbot, services, staff, clock, role):
    seen: dict[Status, list[tuple[str, QPoint]]] = {}
    for job in every_status(services, staff, clock):
        dialog = job_view(qtbot, job, role)
        seen[job.status] = places(dialog)
        offered = set(dialog.offered_actions())
        for action, button in dialog.action_buttons.items():
            assert button.isVisible() and button.isEnabled() is (action in offered), action
        dialog.close()
    first = next(iter(seen.values()))
    assert first[0][0] == "next_action_button"  # the usual next step is always first
    assert all(shown == first for shown in seen.values()), role
    assert len(seen) == len(Status)


@pytest.mark.parametrize("role", list(Role))
def test_the_default_button_is_the_usual_next_step_and_enter_takes_it(
    qtbot, services, staff, clock, role
):
    for job in every_status(services, staff, clock):
        dialog = job_view(qtbot, job, role)
        expected = expected_next(job, role)
        assert dialog.next_action is expected, (job.status, role)
        assert dialog.next_button.isDefault()
        assert not any(b.isDefault() or b.autoDefault() for b in dialog.action_buttons.values())
        taken: list[str] = []
        dialog.action_requested.connect(taken.append)
        # Enter from the timeline, and from another action's button that had the focus.
        qtbot.keyClick(dialog.timeline, Qt.Key.Key_Return)
        somewhere_else = next(iter(dialog.action_buttons.values()))
        qtbot.keyClick(somewhere_else, Qt.Key.Key_Return)
        if expected is None:
            assert taken == [] and not dialog.next_button.isEnabled()
        else:
            assert taken == [expected.value] * 2, (job.status, role)
            assert dialog.action_buttons[expected].isEnabled()
        dialog.close()


def test_show_number_reveals_the_phone_once_the_look_is_recorded(qtbot, window, services, clock):
    clerk = actor(services, "clerk")
    job = services.jobs.check_in(check_in_form(), clerk)
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    label = dialog.findChild(type(dialog.heading), "customer_label")
    assert "138****5678" in label.text() and "13812345678" not in label.text()

    clock.advance(minutes=4)
    dialog.show_phone_button.click()
    wait_idle(qtbot)

    label = dialog.findChild(type(dialog.heading), "customer_label")
    assert "13812345678" in label.text() and dialog.phone_shown
    assert dialog.show_phone_button is None  # shown: nothing more to reveal
    last = dialog.timeline.topLevelItem(dialog.timeline.topLevelItemCount() - 1)
    assert [last.text(0), last.text(1), last.text(2)] == [
        f"{clock():%Y-%m-%d %H:%M}",
        "王晓红",
        "Phone number shown",
    ]
    stored = services.jobs.get(job.id)
    assert stored.events[-1].kind == "phone_revealed" and stored.version == job.version
    # Shown for as long as the view is open, after an action as well.
    dialog.set_job(stored)
    assert "13812345678" in dialog.findChild(type(dialog.heading), "customer_label").text()


def test_the_number_stays_masked_when_the_look_cannot_be_recorded(
    qtbot, window, services, monkeypatch
):
    job = services.jobs.check_in(check_in_form(), actor(services, "clerk"))
    dialog = window.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))

    def unreachable(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))

    monkeypatch.setattr(services.jobs, "reveal_phone", unreachable)
    dialog.show_phone_button.click()
    wait_idle(qtbot)
    assert shown and "Traceback" not in shown[0] and "OperationalError" not in shown[0]
    label = dialog.findChild(type(dialog.heading), "customer_label")
    assert "13812345678" not in label.text() and not dialog.phone_shown
    assert dialog.show_phone_button is not None and dialog.show_phone_button.isEnabled()
