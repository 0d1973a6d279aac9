"""Issue 16 in the window: a technician writes the quotation of a paid repair, the clerk records
the customer's phone approval, the repair starts; a declined quotation goes back unrepaired with
the inspection fee as the only charge at the hand-back."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QDateTime, QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateTimeEdit

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import ApprovalMethod, EventKind, Outcome
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import ID_CHECKED, actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle

SCREENSHOTS = os.environ.get("QUOTATION_SCREENSHOTS", "")  # a folder: save what the test saw


def window_for(qtbot, services, clock, tmp_path, user) -> MainWindow:
    settings = UiSettings(
        QSettings(str(tmp_path / f"{user.username}.ini"), QSettings.Format.IniFormat)
    )
    main = MainWindow(services, user, settings, now=clock)
    qtbot.addWidget(main)
    return main


def click_action(qtbot, dialog: JobDialog, action: JobAction, *form_steps) -> None:
    button = dialog.action_buttons[action]
    assert button.isEnabled(), f"{action} is not offered"
    run_modal(qtbot, button.click, *form_steps) if form_steps else button.click()
    wait_idle(qtbot)


def shot(widget, name: str) -> None:
    if SCREENSHOTS:
        widget.resize(1366, 768) if widget.width() > 1000 else None
        widget.grab().save(os.path.join(SCREENSHOTS, name))


def paid_job_with_lines(services, clerk, tech):
    form = check_in_form(purchase_date=date(2024, 1, 10), accessories_received="充电器")
    job = services.jobs.check_in(form, clerk)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.add_line(
        job.id,
        tech,
        kind="part",
        description="屏幕总成",
        quantity=1,
        unit_price_cents=45000,
        part_model="Mate 60 Pro",
    )
    return services.jobs.add_line(
        job.id, tech, kind="labour", description="拆装工时", quantity=1, unit_price_cents=5000
    )


def write_quotation(qtbot, tech_view: JobDialog, screenshot: str = "") -> None:
    def step(form: FormDialog) -> None:
        info = form.widgets["quoted_lines"].text()
        assert "屏幕总成 ×1: ¥450.00" in info and "¥500.00" in info
        form.widgets["diagnosis"].setPlainText("屏幕排线断裂，需更换屏幕总成")
        assert form.widgets["valid_days"].value() == 7
        if screenshot:
            shot(form, screenshot)
        form.ok_button.click()

    click_action(qtbot, tech_view, JobAction.WRITE_QUOTATION, step)


def test_write_quotation_record_phone_approval_then_start_repair(qtbot, services, clock, tmp_path):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    clock.now = datetime(2026, 9, 30, 10, 0)
    job = paid_job_with_lines(services, clerk, tech)

    bench = window_for(qtbot, services, clock, tmp_path, tech)
    view = bench.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(view)
    view.show()
    # Work waits for the quotation and the approval; writing it is the next step.
    assert JobAction.START_REPAIR not in view.offered_actions()
    assert JobAction.WAIT_FOR_PARTS not in view.offered_actions()
    assert view.next_action is JobAction.WRITE_QUOTATION
    assert not view.quotation_button.isEnabled()
    assert "no quotation yet" in view.quotation_label.text()
    write_quotation(qtbot, view, "quotation_dialog_en.png")
    assert view.job.quotation is not None and view.job.quotation.total_cents == 50000
    assert "Quotation 1: ¥500.00, valid until 2026-10-07" in view.quotation_label.text()
    assert "awaiting the customer's approval" in view.quotation_label.text()
    assert view.quotation_button.isEnabled()
    assert JobAction.START_REPAIR not in view.offered_actions()
    shot(view, "job_view_pending_en.png")

    counter = window_for(qtbot, services, clock, tmp_path, clerk)
    desk = counter.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(desk)
    assert desk.next_action is JobAction.APPROVE_QUOTATION

    def approve(form: FormDialog) -> None:
        method: QComboBox = form.widgets["method"]
        method.setCurrentIndex(method.findData(ApprovalMethod.PHONE.value))
        form.widgets["answered_by"].clear()
        form.ok_button.click()  # who answered is required by phone: the form stays open
        qtbot.waitUntil(lambda: form.error_label.isVisible())
        assert form.isVisible()
        type_text(qtbot, form.widgets["answered_by"], "张伟的妻子")
        called: QDateTimeEdit = form.widgets["called_at"]
        called.setDateTime(QDateTime(datetime(2026, 9, 30, 10, 20)))
        form.ok_button.click()

    clock.now = datetime(2026, 9, 30, 10, 30)
    click_action(qtbot, desk, JobAction.APPROVE_QUOTATION, approve)
    quotation = desk.job.quotation
    assert quotation.approved_via is ApprovalMethod.PHONE
    assert quotation.answered_by == "张伟的妻子"
    assert quotation.called_at == datetime(2026, 9, 30, 10, 20)
    assert "approved by phone: 王晓红 called 09-30 10:20, 张伟的妻子 answered" in (
        desk.quotation_label.text()
    )

    view.close()
    view = bench.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(view)
    view.show()
    shot(view, "job_view_approved_en.png")
    assert view.next_action is JobAction.START_REPAIR
    click_action(qtbot, view, JobAction.START_REPAIR)
    assert view.job.status is Status.REPAIRING

    # More parts found: the quotation changes, the approval no longer covers the work.
    def more(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["description"], "电池")
        form.widgets["unit_price"].setValue(129)
        form.ok_button.click()

    click_action(qtbot, view, JobAction.ADD_PART, lambda picker: picker.typed_button.click(), more)
    assert "quotation changed, approval needed" in view.quotation_label.text()
    assert JobAction.MARK_READY not in view.offered_actions()
    assert view.next_action is JobAction.WRITE_QUOTATION
    assert view.job.events[-1].kind == EventKind.APPROVAL_STALE
    shot(view, "job_view_changed_en.png")


def test_declined_goes_back_unrepaired_and_the_hand_back_asks_for_the_fee_only(
    qtbot, services, clock, tmp_path
):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    manager = actor(services)
    services.shop.save_settings(
        replace(services.shop.settings(), inspection_fee_cents=3000), manager
    )
    clock.now = datetime(2026, 9, 30, 10, 0)
    job = paid_job_with_lines(services, clerk, tech)

    bench = window_for(qtbot, services, clock, tmp_path, tech)
    view = bench.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(view)
    write_quotation(qtbot, view)

    counter = window_for(qtbot, services, clock, tmp_path, clerk)
    desk = counter.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(desk)

    def decline(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["note"], "太贵了，不修了")
        form.ok_button.click()

    click_action(qtbot, desk, JobAction.DECLINE_QUOTATION, decline)
    assert desk.job.status is Status.READY_FOR_PICKUP
    assert desk.job.outcome == Outcome.QUOTATION_DECLINED
    assert "inspection fee ¥30.00" in desk.quotation_label.text()
    assert desk.total_label.text() == "Quotation declined: inspection fee ¥30.00 only"
    assert JobAction.START_REPAIR not in desk.offered_actions()
    receipts: list[bytes] = []

    def hand_back(form: FormDialog) -> None:
        charges = form.widgets["charges"].text()
        assert "goes back unrepaired" in charges and "¥30.00" in charges
        assert "¥450.00" not in charges
        assert "Still to take: ¥30.00" in form.widgets["payments"].text()
        checks = form.widgets["accessories"].findChildren(QCheckBox)
        assert checks[0].isChecked()
        form.widgets["identity_note"].setText(ID_CHECKED)
        type_text(qtbot, form.widgets["amount_cash"], "30")
        form.ok_button.click()

    def receipt(preview) -> None:
        receipts.append(preview.pdf)
        preview.reject()

    click_action(qtbot, desk, JobAction.HAND_BACK, hand_back, receipt)
    assert desk.job.status is Status.RETURNED and desk.job.amount_paid_cents == 3000
    from tests.receipts.pdfs import pdftotext

    text = " ".join(pdftotext(receipts[0]).split())
    assert "Not repaired: quotation declined" in text
    assert "was declined: the product is returned unrepaired" in text
    assert "inspection fee ¥30.00" in text
