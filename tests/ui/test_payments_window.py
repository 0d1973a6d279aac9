"""Money in the window (issue 16): a deposit with the check-in of a paid repair, the hand-back
split across cash and WeChat with the change shown as it is typed, a manager's refund, and the
job view's Payments section."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from desktop_app.domain.actions import JobAction
from desktop_app.domain.payments import PaymentKind, Tender
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Coverage
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from tests.helpers import ID_CHECKED, actor, add_user, approved_quotation, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle
from tests.ui.test_check_in_flow import fill_check_in


def close_receipt(preview: ReceiptDialog) -> None:
    preview.reject()


def test_a_deposit_is_taken_with_the_check_in_of_a_paid_repair(qtbot, window, services):
    seen: dict[str, object] = {}

    def check_in(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)
        assert not dialog.deposit_box.isVisible()  # a free warranty repair takes none
        dialog.purchase_date.setDate(QDate(2024, 1, 1))  # out of warranty: the customer pays
        assert dialog.verdict_label.text() == "Paid repair"
        assert dialog.deposit_box.isVisible()
        type_text(qtbot, dialog.deposit_amount, "100.005")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.problem_fields() == {"deposit_amount"}
        assert "Deposit amount: must have at most two decimals" in dialog.error_label.text()
        assert dialog.customer_name.text() == "刘德华"  # everything typed is kept
        dialog.deposit_amount.clear()
        type_text(qtbot, dialog.deposit_amount, "100")
        type_text(qtbot, dialog.deposit_tendered, "200")
        seen["change"] = dialog.deposit_change.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    run_modal(qtbot, window.check_in_action.trigger, check_in, close_receipt)
    assert seen["change"] == "Change to give: ¥100.00"
    (row,) = services.jobs.search(window.current_query()).rows
    job = services.jobs.get(row.id)
    assert job.coverage is Coverage.PAID
    (deposit,) = job.payments
    assert (deposit.kind, deposit.method, deposit.amount_cents) == (
        PaymentKind.DEPOSIT,
        PaymentMethod.CASH,
        10000,
    )
    assert (deposit.tendered_cents, deposit.change_cents, deposit.taken_by) == (
        20000,
        10000,
        "王晓红",
    )


def ready_paid_job(services, clock, deposit: Tender | None = None):
    manager = actor(services)
    form = check_in_form(purchase_date=date(2024, 1, 1), deposit=deposit)
    job = services.jobs.check_in(form, manager)
    services.jobs.change_status(job.id, Status.DIAGNOSING, manager)
    services.jobs.add_line(
        job.id, manager, kind="labour", description="更换屏幕", quantity=1, unit_price_cents=45000
    )
    # Paid work waits for the customer's approval of the quotation (issue 16).
    approved_quotation(services, services.jobs.get(job.id), manager, manager)
    services.jobs.change_status(job.id, Status.REPAIRING, manager)
    clock.advance(hours=3)
    return services.jobs.mark_ready(job.id, manager, "已修好")


def test_hand_back_split_across_cash_and_wechat_shows_the_change(qtbot, window, services, clock):
    job = ready_paid_job(services, clock, Tender(PaymentMethod.ALIPAY, 10000))
    dialog = window.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    assert dialog.payments_box.isVisibleTo(dialog)
    assert dialog.payments.topLevelItemCount() == 1
    said: dict[str, str] = {}

    def hand_back(form: FormDialog) -> None:
        summary = form.widgets["payments"]
        assert "Deposit used: ¥100.00" in summary.text()
        assert "Still to take: ¥350.00" in summary.text()
        # The form opens on the scan field; typing an amount keeps the focus where the clerk
        # types (each keystroke refreshes the summary: it once sent the focus back to the scan).
        assert form.focusWidget() is form.widgets["scanned_number"]
        form.widgets["amount_cash"].setFocus()
        qtbot.keyClicks(form.widgets["amount_cash"], "1")
        assert form.focusWidget() is form.widgets["amount_cash"]
        form.widgets["amount_cash"].clear()
        type_text(qtbot, form.widgets["amount_cash"], "150")
        type_text(qtbot, form.widgets["tendered_cash"], "200")
        type_text(qtbot, form.widgets["amount_wechat"], "100")
        said["typed"] = summary.text()
        form.ok_button.click()  # ¥250 of ¥350, nobody identified: both said, everything kept
        assert form.isVisible() and form.problem_fields() == {"payments", "identity_note"}
        assert "the parts add up to 250.00; 350.00 is due" in form.error_label.text()
        assert form.widgets["tendered_cash"].text() == "200"
        form.widgets["amount_wechat"].clear()
        type_text(qtbot, form.widgets["amount_wechat"], "200")
        form.widgets["identity_note"].setText(ID_CHECKED)
        said["fixed"] = summary.text()
        form.ok_button.click()

    run_modal(qtbot, dialog.action_buttons[JobAction.HAND_BACK].click, hand_back, close_receipt)
    wait_idle(qtbot)
    assert "Change to give: ¥50.00" in said["typed"] and "Still to take: ¥100.00" in said["typed"]
    assert "Still to take: ¥0.00" in said["fixed"]
    assert dialog.job.status is Status.RETURNED
    lines = [(p.kind, p.method, p.amount_cents) for p in dialog.job.payments]
    assert lines == [
        (PaymentKind.DEPOSIT, PaymentMethod.ALIPAY, 10000),
        (PaymentKind.DEPOSIT_USED, None, 10000),
        (PaymentKind.PAYMENT, PaymentMethod.CASH, 15000),
        (PaymentKind.PAYMENT, PaymentMethod.WECHAT, 20000),
    ]
    assert dialog.payments.topLevelItemCount() == 4
    cash = dialog.payments.topLevelItem(2)
    assert cash.text(3) == "¥150.00 (tendered ¥200.00, change ¥50.00)"
    assert cash.text(4) == "王晓红"
    assert "Paid: ¥450.00" in dialog.payments_label.text()
    # A clerk is not offered the refund: it is a manager's.
    assert JobAction.REFUND_PAYMENT not in dialog.offered_actions()


def test_a_manager_refunds_part_of_a_closed_job_from_the_job_view(
    qtbot, window, services, clock, ui_settings
):
    from desktop_app.ui.main_window import MainWindow

    job = ready_paid_job(services, clock)
    clerk = add_user(services, "clerk2", "赵敏", Role.CLERK)
    from desktop_app.domain.forms import HandBackForm

    tenders = (Tender(PaymentMethod.WECHAT, 45000),)
    services.handback.hand_back(
        job.id, clerk, HandBackForm(("充电器",), "", 0, tenders=tenders, identity_note=ID_CHECKED)
    )
    boss = MainWindow(services, actor(services), ui_settings, now=clock)
    qtbot.addWidget(boss)
    dialog = boss.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    assert JobAction.REFUND_PAYMENT in dialog.offered_actions()

    def refund(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["amount"], "500")
        type_text(qtbot, form.widgets["reason"], "屏幕边缘有划痕")
        form.ok_button.click()  # more than was paid: refused, kept
        assert form.isVisible() and form.problem_fields() == {"amount"}
        assert "at most what the job has paid and not yet had back, 450.00" in (
            form.error_label.text()
        )
        form.widgets["amount"].clear()
        type_text(qtbot, form.widgets["amount"], "50")
        assert form.widgets["method"].currentData() == "wechat"  # as it was paid
        form.ok_button.click()

    run_modal(qtbot, dialog.action_buttons[JobAction.REFUND_PAYMENT].click, refund)
    wait_idle(qtbot)
    refund_line = dialog.job.payments[-1]
    assert (refund_line.kind, refund_line.amount_cents, refund_line.note) == (
        PaymentKind.REFUND,
        5000,
        "屏幕边缘有划痕",
    )
    assert "Refunded: ¥50.00" in dialog.payments_label.text()
    titles = [
        dialog.timeline.topLevelItem(i).text(2) for i in range(dialog.timeline.topLevelItemCount())
    ]
    assert titles[-1] == "Refund"
