"""Issue 13's flow: a late job handed back by a manager, who approves the proposed compensation in
the hand-back form; the return receipt (in Chinese) apologises and prints it. A clerk's hand-back
leaves it proposed, and the manager decides it from the Service desk list."""

from __future__ import annotations

import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox

import desktop_app
from desktop_app.domain.actions import JobAction
from desktop_app.domain.forms import HandBackForm
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import CompensationState, EventKind
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.compensation_dialog import CompensationDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.resources import install_translator, text_translator
from tests.helpers import ID_CHECKED, actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_bench_flow import click_action, window_for


@pytest.fixture
def chinese(monkeypatch):
    app = QApplication.instance()
    # The shared venv's editable install maps desktop_app.resources to another tree's working
    # copy: read this tree's catalogue.
    here = Path(desktop_app.__file__).resolve().parent.parent / "resources"
    monkeypatch.setattr(
        "desktop_app.ui.resources.resource_path", lambda *parts: str(here.joinpath(*parts))
    )
    install_translator(app, "zh_CN")
    yield
    install_translator(app, "en")


def late_ready_job(services, clock, clerk, manager):
    """Checked in 2026-09-30 10:00 (due 2026-10-13), first response 30 hours later, ready
    2026-10-15: 2 working days late."""
    clock.now = datetime(2026, 9, 30, 10, 0)
    job = services.jobs.check_in(check_in_form(accessories_received="充电器"), clerk)
    clock.now = datetime(2026, 10, 1, 16, 0)
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    services.jobs.change_status(job.id, Status.REPAIRING, manager)
    clock.now = datetime(2026, 10, 15, 15, 0)
    services.jobs.mark_ready(job.id, manager, "更换屏幕排线")
    clock.now = datetime(2026, 10, 15, 17, 0)
    return services.jobs.get(job.id)


def pdftotext(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def test_manager_approves_at_the_hand_back_and_the_receipt_prints_it(
    qtbot, services, clock, tmp_path, chinese
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    manager = actor(services)
    job = late_ready_job(services, clock, clerk, manager)
    main = window_for(qtbot, services, clock, tmp_path, manager)
    main.controller._translate = text_translator()
    dialog = main.controller.make_dialog(job)
    qtbot.addWidget(dialog)
    receipts: list[bytes] = []
    seen: dict[str, str] = {}

    def hand_back(form: FormDialog) -> None:
        seen["missed"] = form.widgets["missed"].text()
        seen["proposed"] = form.widgets["proposed"].text()
        decision = form.widgets["decision"]
        assert isinstance(decision, QComboBox)
        assert decision.currentData() == "approve"
        form.widgets["phone_last_four"].setText("5678")
        form.grab().save(str(tmp_path / "hand_back.png"))
        form.ok_button.click()

    def receipt(preview: ReceiptDialog) -> None:
        receipts.append(preview.pdf)
        preview.reject()

    click_action(qtbot, dialog, JobAction.HAND_BACK, hand_back, receipt)
    assert "首次响应超时 6 小时" in seen["missed"], seen
    assert "代金券 ¥60.00" in seen["proposed"], seen  # ¥20 response + 2 days × ¥20
    assert dialog.job.status is Status.RETURNED
    (comp,) = services.compensation.for_job(job.id)
    assert comp.state is CompensationState.APPROVED
    assert comp.decided_by == manager.display_name
    kinds = [e.kind for e in dialog.job.events]
    assert EventKind.COMPENSATION_DECIDED.value in kinds
    text = " ".join(pdftotext(receipts[0]).split())
    assert "逾期 2 个工作日" in text or "超期 2 个工作日" in text or "2 个工作日" in text, text
    assert "非常抱歉" in text, text
    assert "代金券 ¥60.00" in text, text


def test_a_clerks_hand_back_waits_for_the_manager_in_the_service_desk_list(
    qtbot, services, clock, tmp_path
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    manager = actor(services)
    job = late_ready_job(services, clock, clerk, manager)
    services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, identity_note=ID_CHECKED)
    )
    counter = window_for(qtbot, services, clock, tmp_path, clerk)
    assert not counter.compensation_action.isVisible()
    main = window_for(qtbot, services, clock, tmp_path, manager)
    main.show()
    wait_idle(qtbot)
    assert main.compensation_action.isEnabled()

    def decide_list(dialog: CompensationDialog) -> None:
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
        dialog.grab().save(str(tmp_path / "pending.png"))
        run_modal(qtbot, dialog.decide_button.click, decline_without_reason)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)
        dialog.reject()

    def decline_without_reason(form: FormDialog) -> None:
        combo = form.widgets["decision"]
        combo.setCurrentIndex(combo.findData("decline"))
        form.ok_button.click()
        assert "reason" in form.problem_fields()  # refused before anything is sent
        type_text(qtbot, form.widgets["reason"], "顾客不需要补偿")
        form.ok_button.click()

    run_modal(qtbot, main.compensation_action.trigger, decide_list)
    (comp,) = services.compensation.for_job(job.id)
    assert comp.state is CompensationState.DECLINED
    assert comp.reason == "顾客不需要补偿"
