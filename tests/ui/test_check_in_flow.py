"""A clerk checks a product in through the window's widgets and finds it again."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from desktop_app.domain.rules import Coverage
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.models.job_table_model import JOB_ROW_ROLE, JobTableModel
from tests.helpers import actor
from tests.ui.driving import run_modal, type_text, wait_idle


def fill_check_in(qtbot, dialog: CheckInDialog, *, phone: str = "13912345678") -> None:
    type_text(qtbot, dialog.customer_name, "刘德华")
    type_text(qtbot, dialog.phone, phone)
    type_text(qtbot, dialog.brand, "美的")
    type_text(qtbot, dialog.model, "KFR-35GW 空调")
    type_text(qtbot, dialog.serial, "SN-MD-778899")
    dialog.purchase_date.setDate(QDate(2026, 6, 1))
    dialog.voucher_presented.click()
    type_text(qtbot, dialog.voucher_number, "FP20260601")
    dialog.card_presented.click()
    type_text(qtbot, dialog.fault_description, "不制冷")
    type_text(qtbot, dialog.usage_description, "夏天每天使用")


def test_clerk_checks_in_and_gets_a_receipt(qtbot, window, services):
    receipts: list[int] = []

    def check_in(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog)
        # The verdict is live: with voucher, card and product this is a free warranty repair.
        assert dialog.verdict_label.text() == "Free warranty repair", dialog.reasons_label.text()
        assert "Repair finished by the end of 2026-12-02" in dialog.dates_label.text()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def receipt(dialog: ReceiptDialog) -> None:
        receipts.append(dialog.page_count())
        dialog.reject()

    run_modal(qtbot, window.check_in_action.trigger, check_in, receipt)
    assert receipts and receipts[0] >= 1
    page = services.jobs.search(window.current_query())
    assert len(page.rows) == 1
    job = services.jobs.get(page.rows[0].id)
    assert job.coverage is Coverage.WARRANTY
    assert job.customer.phone == "13912345678"
    assert job.product.purchase_date == date(2026, 6, 1)
    assert window.model.rowCount() == 1
    assert window.summary_labels["open"].text() == "Open: 1"


def test_invalid_check_in_keeps_everything_typed(qtbot, window, services):
    kept: dict[str, str] = {}

    def bad_then_cancel(dialog: CheckInDialog) -> None:
        fill_check_in(qtbot, dialog, phone="12345")
        dialog.warranty_months.setValue(6)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # refused, still open
        assert dialog.problem_fields() == {"phone", "warranty_months"}
        text = dialog.error_label.text()
        assert "Mobile phone: must be a mainland mobile number" in text
        assert "at least 12 months" in text
        kept["name"] = dialog.customer_name.text()
        kept["fault"] = dialog.fault_description.toPlainText()
        dialog.reject()

    run_modal(qtbot, window.check_in_action.trigger, bad_then_cancel)
    assert kept == {"name": "刘德华", "fault": "不制冷"}
    assert services.jobs.search(window.current_query()).rows == ()


def test_find_by_phone_fragment_and_by_scanned_job_number(qtbot, window, services, clock):
    manager = actor(services)
    from tests.helpers import check_in_form

    first = services.jobs.check_in(check_in_form(phone="13700001234"), manager)
    clock.advance(minutes=3)
    services.jobs.check_in(check_in_form(phone="13900005678", customer_name="李娜"), manager)
    window.refresh()
    wait_idle(qtbot)
    assert window.model.rowCount() == 2

    qtbot.keyClicks(window.search_box, "0001")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=3000)
    row = window.model.data(window.model.index(0, JobTableModel.NUMBER), JOB_ROW_ROLE)
    assert row.number == first.number
    assert window.model.data(window.model.index(0, JobTableModel.CUSTOMER)) == "张伟  137****1234"

    opened: list[str] = []

    def job_view(dialog) -> None:
        opened.append(dialog.job.number)
        dialog.reject()

    window.search_box.clear()

    def scan() -> None:
        qtbot.keyClicks(window.search_box, first.number.lower())
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)

    run_modal(qtbot, scan, job_view)
    assert opened == [first.number]


def test_a_search_that_finds_nothing_says_so_in_the_list(qtbot, window, services):
    manager = actor(services)
    from tests.helpers import check_in_form

    services.jobs.check_in(check_in_form(), manager)
    window.refresh()
    wait_idle(qtbot)
    assert not window.empty_label.isVisible()
    qtbot.keyClicks(window.search_box, "R0")
    qtbot.waitUntil(lambda: window.model.rowCount() == 0 and window.empty_label.isVisible())
    assert window.empty_label.text() == "No job matches “R0”."
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert not window.empty_label.isVisible()
