"""A technician takes a job through the job view; a clerk hands it back; the return receipt
counts the working days across the 2026 National Day holiday."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


def window_for(qtbot, services, clock, tmp_path, user) -> MainWindow:
    settings = UiSettings(
        QSettings(str(tmp_path / f"{user.username}.ini"), QSettings.Format.IniFormat)
    )
    main = MainWindow(services, user, settings, now=clock)
    qtbot.addWidget(main)
    return main


def click_action(qtbot, dialog: JobDialog, action: JobAction, *form_steps) -> None:
    button = dialog.action_buttons[action]
    run_modal(qtbot, button.click, *form_steps) if form_steps else button.click()
    wait_idle(qtbot)


def fill(qtbot, **values):
    def step(form: FormDialog) -> None:
        for name, value in values.items():
            type_text(qtbot, form.widgets[name], value)
        form.ok_button.click()

    return step


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_technician_to_ready_then_clerk_hands_back_across_national_day(
    qtbot, services, clock, tmp_path
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    clock.now = datetime(2026, 9, 30, 10, 0)
    job = services.jobs.check_in(check_in_form(accessories_received="充电器"), clerk)
    assert job.repair_due_date.isoformat() == "2026-10-13"

    bench = window_for(qtbot, services, clock, tmp_path, tech)
    dialog = bench.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    # A technician is never offered the clerk's hand-back, nor a manager's correction.
    assert JobAction.HAND_BACK not in dialog.offered_actions()
    assert JobAction.START_DIAGNOSIS in dialog.offered_actions()

    clock.now = datetime(2026, 9, 30, 11, 0)
    click_action(qtbot, dialog, JobAction.START_DIAGNOSIS)
    assert dialog.job.status is Status.DIAGNOSING
    assert dialog.job.first_response_at == datetime(2026, 9, 30, 11, 0)
    click_action(qtbot, dialog, JobAction.RECORD_DIAGNOSIS, fill(qtbot, diagnosis="屏幕排线松动"))
    click_action(qtbot, dialog, JobAction.WAIT_FOR_PARTS, fill(qtbot, note="订购原厂排线"))
    assert dialog.job.status is Status.WAITING_FOR_PARTS
    clock.now = datetime(2026, 10, 9, 9, 0)
    click_action(qtbot, dialog, JobAction.START_REPAIR)
    # The catalogue is empty: the part is typed as it is (Add part offers the catalogue first).
    click_action(
        qtbot,
        dialog,
        JobAction.ADD_PART,
        lambda picker: picker.typed_button.click(),
        fill(qtbot, description="屏幕排线"),
    )
    assert dialog.job.lines[0].charged_cents == 0  # warranty: same-model part, free
    assert dialog.job.lines[0].part_model == "华为 Mate 60 Pro"
    clock.now = datetime(2026, 10, 12, 16, 0)
    click_action(
        qtbot, dialog, JobAction.MARK_READY, fill(qtbot, work_done="更换屏幕排线，测试正常")
    )
    assert dialog.job.status is Status.READY_FOR_PICKUP
    assert JobAction.MARK_READY not in dialog.offered_actions()
    assert dialog.repair_clock_label.text() == "Finished in 4 working days: on time"

    counter = window_for(qtbot, services, clock, tmp_path, clerk)
    back = counter.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(back)
    assert JobAction.START_REPAIR not in back.offered_actions()
    receipts: list[bytes] = []

    def hand_back(form: FormDialog) -> None:
        checks = form.widgets["accessories"].findChildren(QCheckBox)
        assert [c.text() for c in checks] == ["充电器"] and checks[0].isChecked()
        form.widgets["comment"].setText("修得很快")
        # The customer's intake receipt, scanned: the scanner types the number and Enter.
        scan = form.widgets["scanned_number"]
        assert form.focusWidget() is scan
        qtbot.keyClicks(scan, job.number.lower())
        qtbot.keyClick(scan, Qt.Key.Key_Return)
        assert form.isVisible()  # the scanner's Enter did not save the hand-back
        form.ok_button.click()

    def receipt(preview: ReceiptDialog) -> None:
        receipts.append(preview.pdf)
        preview.reject()

    clock.now = datetime(2026, 10, 13, 10, 0)
    click_action(qtbot, back, JobAction.HAND_BACK, hand_back, receipt)
    assert back.job.status is Status.RETURNED
    assert back.job.accessories_returned == "充电器"
    assert back.job.satisfaction_score == 5
    text = pdf_text(receipts[0])
    assert job.number in text
    assert "4" in text and "on time" in text
