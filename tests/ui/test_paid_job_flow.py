"""Issue 16's paid job through the real window, one day at the counter: the clerk checks in an
out-of-warranty product with a cash deposit, the technician picks the catalogue part, adds
labour and writes the quotation (the repair is not offered before the approval), the clerk
records the customer's phone approval, the technician repairs and marks it ready, the clerk
hands it back to the customer identified by the phone's last four digits, paid split across
cash (with change) and WeChat after the deposit, and the Day's takings dialog shows the day."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import QComboBox

from desktop_app.domain.actions import JobAction
from desktop_app.domain.parts import PartForm
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.vocabulary import ApprovalMethod, EventKind, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.job_dialog import JobDialog
from desktop_app.ui.dialogs.part_pick_dialog import PartPickDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.dialogs.takings_dialog import TakingsDialog
from tests.helpers import actor, add_user
from tests.receipts.pdfs import decode, pdftotext, squeeze
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_bench_flow import click_action, fill, window_for
from tests.ui.test_check_in_flow import fill_check_in

CASH, WECHAT = PaymentMethod.CASH, PaymentMethod.WECHAT
MODEL = "KFR-35GW 空调"  # fill_check_in's product
# Where the screenshots go when a person wants to look at them (unset: the test's tmp_path).
SHOTS = os.environ.get("REPAIR_COUNTER_SHOTS", "")


def open_job(qtbot, main, services, job_id: int) -> JobDialog:
    view = main.controller.make_dialog(services.jobs.get(job_id))
    qtbot.addWidget(view)
    view.show()
    wait_idle(qtbot)
    return view


def test_a_paid_job_through_the_window_to_the_days_takings(
    qtbot, window, services, clock, tmp_path
):
    manager = actor(services)
    part = services.parts.add(PartForm("压缩机启动电容", "MD-CAP-35", (MODEL,), 12000, 3), manager)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    clerk_view_of = window  # the clerk's main window (the fixture signs 王晓红 in)

    # Check-in with a deposit of ¥100, ¥200 handed over.
    intake: list[bytes] = []

    def check_in(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)  # phone 13912345678
        dialog.purchase_date.setDate(QDate(2024, 1, 1))  # out of warranty: a paid repair
        assert dialog.verdict_label.text() == "Paid repair"
        type_text(qtbot, dialog.deposit_amount, "100")
        type_text(qtbot, dialog.deposit_tendered, "200")
        assert dialog.deposit_change.text() == "Change to give: ¥100.00"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def receipt(preview: ReceiptDialog) -> None:
        intake.append(preview.pdf)
        preview.reject()

    run_modal(qtbot, clerk_view_of.check_in_action.trigger, check_in, receipt)
    wait_idle(qtbot)
    (row,) = services.jobs.search(clerk_view_of.current_query()).rows
    job = services.jobs.get(row.id)
    assert job.coverage is Coverage.PAID and job.deposit_held_cents == 10000
    assert "¥100.00" in pdftotext(intake[0]) and decode(intake[0], "code128") == [job.number]

    # The technician: diagnosis, the catalogue part, labour, the quotation.
    bench = window_for(qtbot, services, clock, tmp_path, tech)
    view = open_job(qtbot, bench, services, job.id)
    click_action(qtbot, view, JobAction.START_DIAGNOSIS)

    def pick(picker: PartPickDialog) -> None:
        qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
        assert picker.model.part(0).id == part.id
        picker.table.selectRow(0)
        picker.use_button.click()

    def part_line(form: FormDialog) -> None:
        assert "¥120.00" in form.widgets["price_info"].text()
        form.ok_button.click()

    click_action(qtbot, view, JobAction.ADD_PART, pick, part_line)
    assert services.parts.get(part.id).stock == 2

    def labour(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["description"], "更换启动电容工时")
        form.widgets["unit_price"].setValue(380)
        form.ok_button.click()

    click_action(qtbot, view, JobAction.ADD_LABOUR, labour)
    assert view.job.total_charged_cents == 50000
    assert JobAction.START_REPAIR not in view.offered_actions()

    def quotation(form: FormDialog) -> None:
        assert "¥500.00" in form.widgets["quoted_lines"].text()
        form.widgets["diagnosis"].setPlainText("压缩机启动电容击穿，需更换")
        form.ok_button.click()

    click_action(qtbot, view, JobAction.WRITE_QUOTATION, quotation)
    assert view.job.quotation is not None and view.job.quotation.total_cents == 50000
    assert "awaiting the customer's approval" in view.quotation_label.text()
    # Work waits for the approval: neither the repair nor "ready" is offered.
    assert JobAction.START_REPAIR not in view.offered_actions()
    assert JobAction.MARK_READY not in view.offered_actions()
    view.close()

    # The clerk phones the customer and records the approval.
    desk = open_job(qtbot, clerk_view_of, services, job.id)
    assert desk.next_action is JobAction.APPROVE_QUOTATION
    clock.advance(minutes=30)

    def approve(form: FormDialog) -> None:
        method: QComboBox = form.widgets["method"]
        method.setCurrentIndex(method.findData(ApprovalMethod.PHONE.value))
        form.widgets["answered_by"].clear()
        type_text(qtbot, form.widgets["answered_by"], "刘德华本人")
        form.widgets["called_at"].setDateTime(QDateTime(clock() - timedelta(minutes=5)))
        form.ok_button.click()

    click_action(qtbot, desk, JobAction.APPROVE_QUOTATION, approve)
    assert desk.job.quotation.approved_via is ApprovalMethod.PHONE
    assert desk.job.quotation.answered_by == "刘德华本人"
    desk.close()

    # The technician repairs it and marks it ready.
    view = open_job(qtbot, bench, services, job.id)
    assert view.next_action is JobAction.START_REPAIR
    click_action(qtbot, view, JobAction.START_REPAIR)
    clock.advance(hours=2)
    click_action(
        qtbot, view, JobAction.MARK_READY, fill(qtbot, work_done="更换启动电容，试机制冷正常")
    )
    assert view.job.status is Status.READY_FOR_PICKUP
    view.close()

    # The hand-back: the last four digits, the deposit used first, cash and WeChat.
    clock.advance(hours=3)
    desk = open_job(qtbot, clerk_view_of, services, job.id)
    said: dict[str, str] = {}
    returned: list[bytes] = []

    def hand_back(form: FormDialog) -> None:
        summary = form.widgets["payments"]
        assert "Deposit used: ¥100.00" in summary.text()
        assert "Still to take: ¥400.00" in summary.text()
        form.widgets["phone_last_four"].setText("5678")
        type_text(qtbot, form.widgets["amount_cash"], "150")
        type_text(qtbot, form.widgets["tendered_cash"], "200")
        type_text(qtbot, form.widgets["amount_wechat"], "250")
        said["summary"] = summary.text()
        form.grab().save(str(Path(SHOTS or tmp_path) / "paid_flow_hand_back.png"))
        form.ok_button.click()

    def return_receipt(preview: ReceiptDialog) -> None:
        returned.append(preview.pdf)
        preview.reject()

    click_action(qtbot, desk, JobAction.HAND_BACK, hand_back, return_receipt)
    assert "Change to give: ¥50.00" in said["summary"] and "Still to take: ¥0.00" in said["summary"]
    done = services.jobs.get(job.id)
    assert done.status is Status.RETURNED
    money = [(p.kind, p.method, p.amount_cents, p.change_cents) for p in done.payments]
    assert money == [
        (PaymentKind.DEPOSIT, CASH, 10000, 10000),
        (PaymentKind.DEPOSIT_USED, None, 10000, 0),
        (PaymentKind.PAYMENT, CASH, 15000, 5000),
        (PaymentKind.PAYMENT, WECHAT, 25000, 0),
    ]
    (handed,) = [e for e in done.events if e.kind == EventKind.HANDED_BACK]
    assert handed.payload["identified_by"] == "phone"
    receipt_text = squeeze(pdftotext(returned[0]))
    assert "Payment·WeChatPay¥250.00" in receipt_text and "Amountpaid¥500.00" in receipt_text
    assert "Partsandlabourguaranteedfor90days" in receipt_text
    assert "Paid: ¥500.00" in desk.payments_label.text()
    desk.close()

    # The day's takings: the clerk's own, this workstation's, all of it the same day.
    seen: dict[str, object] = {}

    def read(dialog: TakingsDialog) -> None:
        qtbot.waitUntil(lambda: dialog.takings is not None)
        wait_idle(qtbot)
        rows = {
            dialog.methods.data(dialog.methods.index(r, 0)): [
                dialog.methods.data(dialog.methods.index(r, c)) for c in range(1, 5)
            ]
            for r in range(dialog.methods.rowCount())
        }
        seen["rows"] = rows
        seen["summary"] = dialog.summary.text()
        seen["total"] = dialog.takings.total
        seen["jobs"] = {line.job_number for line in dialog.takings.lines}
        dialog.grab().save(str(Path(SHOTS or tmp_path) / "paid_flow_takings.png"))
        dialog.close()

    run_modal(qtbot, clerk_view_of.takings_action.trigger, read)
    rows = seen["rows"]
    assert rows["Cash"] == ["¥150.00", "¥100.00", "¥0.00", "¥250.00"]
    assert rows["WeChat Pay"] == ["¥250.00", "¥0.00", "¥0.00", "¥250.00"]
    assert rows["Total"] == ["¥400.00", "¥100.00", "¥0.00", "¥500.00"]
    total = seen["total"]
    assert (total.deposits_cents, total.deposits_used_cents, total.expected_cash_cents) == (
        10000,
        10000,
        25000,
    )
    summary = seen["summary"]
    for label, amount in (
        ("Net takings", "¥500.00"),
        ("Deposits taken", "¥100.00"),
        ("Deposits used", "¥100.00"),
        ("Expected cash in the drawer", "¥250.00"),
    ):
        assert f"{label}</td><td align='right'><b>{amount}" in summary, label
    assert seen["jobs"] == {job.number}
    assert clock().date() == datetime(2026, 11, 25).date()  # one day: the takings hold it all
