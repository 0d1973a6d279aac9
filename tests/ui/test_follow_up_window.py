"""Issue 13, satisfaction follow-up, from the window: the call list shows a job returned N days
ago, a call with a low score is recorded in the survey dialog, the job leaves the list and a
complaint draft waits for the manager; the job's timeline reads the call; the shop sets the
delay in its settings."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop_app.data.models import Complaint
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.ui.dialogs.follow_up_dialog import FollowUpDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.dialogs.survey_dialog import SurveyDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import ID_CHECKED, FakeClock, actor, check_in_form, database_of
from tests.ui.driving import run_modal, type_text, wait_idle


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_translator(qapp, "zh_CN") == "zh_CN"
    try:
        yield
    finally:
        install_translator(qapp, "en")


def returned_days_ago(services: Services, clock: FakeClock, days: int) -> int:
    """A repair handed back `days` days before the clock's time (the clock is put back)."""
    now = clock.now
    clock.now = now - timedelta(days=days)
    try:
        manager = actor(services)
        job = services.jobs.check_in(check_in_form(), manager)
        services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
        services.jobs.mark_ready(job.id, manager, "已修好")
        back = HandBackForm(("充电器",), "", 0, satisfaction_score=5, identity_note=ID_CHECKED)
        return services.handback.hand_back(job.id, manager, back).id
    finally:
        clock.now = now


def cells(dialog: FollowUpDialog, row: int = 0) -> list[str]:
    model = dialog.model
    return [model.index(row, column).data() for column in range(model.columnCount())]


def open_list(qtbot, window: MainWindow) -> FollowUpDialog:
    dialog = FollowUpDialog(
        window._ready_services(),
        window.user,
        translate=text_translator(),
        after_days=3,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)
    return dialog


def low_call(qtbot):
    def handle(survey: SurveyDialog) -> None:
        assert survey.reached.isChecked()
        for name, score in (("speed", 4), ("quality", 1), ("attitude", 4), ("overall", 2)):
            survey.set_score(name, score)
        survey.save_button.click()  # no words for a low score: refused at once, nothing sent
        assert survey.isVisible() and "comment" in survey.error_label.text().lower()
        assert survey.comment.styleSheet()  # the field is marked
        type_text(qtbot, survey.comment, "修好两天又不亮了")
        survey.save_button.click()
        qtbot.waitUntil(lambda: not survey.isVisible(), timeout=10_000)

    return handle


def test_a_low_score_from_the_list_drafts_a_complaint(qtbot, window, services, clock):
    job_id = returned_days_ago(services, clock, 3)
    returned_days_ago(services, clock, 2)  # too recent: not on the list
    dialog = open_list(qtbot, window)
    assert dialog.model.rowCount() == 1
    number, returned, customer, phone, product, score, attempts, last = cells(dialog)
    job = services.jobs.get(job_id)
    assert (number, customer, phone, product) == (
        job.number,
        "张伟",
        "138****5678",
        "华为 Mate 60 Pro",
    )
    assert returned == (clock.now - timedelta(days=3)).strftime("%Y-%m-%d")
    assert (score, attempts, last) == ("5/5", "0", "—")
    assert not dialog.record_button.isEnabled()  # nothing chosen yet
    dialog.select(job_id)

    dialog.reveal_button.click()  # the number, through the job's record
    wait_idle(qtbot)
    assert cells(dialog)[3] == "13812345678"
    assert services.jobs.get(job_id).events[-1].kind == "phone_revealed"

    run_modal(qtbot, dialog.record_button.click, low_call(qtbot))
    wait_idle(qtbot)

    assert dialog.model.rowCount() == 0  # reached: off the list
    assert dialog.count_label.text().endswith("0")
    with database_of(services).read() as session:
        [draft] = session.scalars(select(Complaint)).all()
        assert (draft.state, draft.number, draft.channel) == ("draft", None, "follow_up")
        assert draft.job_id == job_id and draft.words == "修好两天又不亮了"
    after = services.jobs.get(job_id)
    assert after.satisfaction_score == 5
    assert after.events[-1].kind == "follow_up"


def test_could_not_reach_keeps_the_job_with_its_attempts(qtbot, window, services, clock):
    job_id = returned_days_ago(services, clock, 4)
    dialog = open_list(qtbot, window)
    dialog.select(job_id)

    def not_reached(survey: SurveyDialog) -> None:
        survey.set_score("speed", 3)
        survey.reached.setChecked(False)
        assert not survey.scores["speed"].isEnabled()
        assert survey.scores["speed"].currentData() is None
        type_text(qtbot, survey.comment, "无人接听")
        survey.save_button.click()
        qtbot.waitUntil(lambda: not survey.isVisible(), timeout=10_000)

    run_modal(qtbot, dialog.record_button.click, not_reached)
    wait_idle(qtbot)
    assert cells(dialog)[6] == "1"
    assert cells(dialog)[7] == clock.now.strftime("%Y-%m-%d %H:%M")


def test_another_counters_call_is_said_in_the_dialog(qtbot, window, services, clock):
    """The list was read before another counter reached the customer: the call is refused in
    the dialog, with everything typed, and the list no longer shows the job."""
    from desktop_app.domain.follow_up import SurveyForm

    job_id = returned_days_ago(services, clock, 3)
    dialog = open_list(qtbot, window)
    dialog.select(job_id)
    services.follow_up.record(job_id, SurveyForm(True, 5, 5, 5, 5, ""), actor(services))
    seen: dict[str, str] = {}

    def refused(survey: SurveyDialog) -> None:
        for name in ("speed", "quality", "attitude", "overall"):
            survey.set_score(name, 5)
        survey.save_button.click()
        qtbot.waitUntil(lambda: survey.error_label.isVisible(), timeout=10_000)
        seen["said"] = survey.error_label.text()
        seen["kept"] = str(survey.scores["overall"].currentData())
        survey.reject()

    run_modal(qtbot, dialog.record_button.click, refused)
    wait_idle(qtbot)
    assert "no longer due" in seen["said"] and seen["kept"] == "5"
    assert dialog.model.rowCount() == 0


def test_the_menu_opens_the_list_in_chinese(qtbot, window, services, clock, chinese):
    returned_days_ago(services, clock, 3)
    assert window.follow_up_action in window.desk_menu.actions()
    assert window.follow_up_action.text() == "回访电话(&F)…"
    seen: dict[str, object] = {}

    def look(dialog: FollowUpDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10_000)
        seen["title"] = dialog.windowTitle()
        seen["header"] = [
            dialog.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(dialog.model.columnCount())
        ]
        dialog.grab().save("/tmp/follow_up_zh.png")
        dialog.reject()

    run_modal(qtbot, window.follow_up_action.trigger, look)
    assert seen["title"] == "回访电话"
    assert all(h and not str(h).isascii() for h in seen["header"])  # type: ignore[union-attr]


def test_the_timeline_reads_the_call_in_chinese(qtbot, services, clock, chinese):
    from desktop_app.domain import events
    from desktop_app.domain.follow_up import SurveyForm

    job_id = returned_days_ago(services, clock, 3)
    services.follow_up.record(job_id, SurveyForm(True, 4, 2, 5, 3, "屏幕又花了"), actor(services))
    event = services.jobs.get(job_id).events[-1]
    said = events.describe(event, text_translator())
    assert events.title(event, text_translator()) == "回访"
    assert "维修质量 2/5" in said and "屏幕又花了" in said and "投诉草稿" in said


def test_the_settings_set_the_follow_up_delay(qtbot, services):
    dialog = SettingsDialog(services.shop.settings(), translate=text_translator())
    qtbot.addWidget(dialog)
    assert dialog.follow_up_after_days.value() == 3
    dialog.follow_up_after_days.setValue(0)
    assert dialog.result_settings().follow_up_after_days == 1
    dialog.follow_up_after_days.setValue(9)
    saved = services.shop.save_settings(dialog.result_settings(), actor(services))
    assert saved.follow_up_after_days == 9


def test_the_settings_dialog_keeps_what_it_has_no_field_for(qtbot, services):
    """A save from the dialog never resets a setting another part of the window edits (the
    compensation policy, the complaint days) to its default."""
    from dataclasses import replace

    from desktop_app.domain.compensation import CompensationPolicy, Offer
    from desktop_app.domain.vocabulary import MissedPromise, OfferKind

    manager = actor(services)
    policy = CompensationPolicy({MissedPromise.RESPONSE_LATE: (Offer(OfferKind.LOAN_DEVICE),)})
    shop = services.shop.save_settings(
        replace(services.shop.settings(), compensation_policy=policy, complaint_resolve_days=7),
        manager,
    )
    dialog = SettingsDialog(shop, translate=text_translator())
    qtbot.addWidget(dialog)
    saved = services.shop.save_settings(dialog.result_settings(), manager)
    for promise in MissedPromise:
        assert saved.compensation_policy.for_promise(promise) == policy.for_promise(promise)
    assert saved.complaint_resolve_days == 7
