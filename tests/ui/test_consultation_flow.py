"""A hotline question through the window: recorded without an answer (a callback promised),
overdue after 24 hours in the log, the clocks panel and the summary strip, called back, then
checked in from the log; the job is linked and its view says where it came from."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from desktop_app.domain.rules import Category, ServiceKind
from desktop_app.domain.vocabulary import ConsultationState
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.models.consultation_model import (
    CONSULTATION_ROW_ROLE,
    OVERDUE_COLOUR,
    ConsultationTableModel,
)
from tests.ui.driving import run_modal, type_text, wait_idle

QUESTION = "洗衣机脱水时响声很大，要不要送修？"


def _row(log, number: int = 0):
    return log.model.data(log.model.index(number, 0), CONSULTATION_ROW_ROLE)


def _cell(log, column: int, role=Qt.ItemDataRole.DisplayRole):
    return log.model.data(log.model.index(0, column), role)


def test_hotline_question_called_back_then_checked_in(qtbot, window, services, clock):
    assert window.consultations_action in window.desk_menu.actions()
    log = window.make_consultation_log()
    qtbot.addWidget(log)
    log.show()
    wait_idle(qtbot)
    assert log.model.rowCount() == 0
    assert not log.call_back_button.isEnabled() and not log.check_in_button.isEnabled()

    # 1. The question comes in on the hotline; nobody can answer it now.
    def record(dialog: FormDialog) -> None:
        assert dialog.objectName() == "new_consultation_dialog"
        widgets = dialog.widgets
        assert isinstance(widgets["phone"], QLineEdit)
        type_text(qtbot, widgets["phone"], "12345")
        type_text(qtbot, widgets["caller_name"], "刘芳")
        category = widgets["category"]
        assert isinstance(category, QComboBox)
        category.setCurrentIndex(category.findData(Category.APPLIANCE.value))
        type_text(qtbot, widgets["brand"], "美的")
        type_text(qtbot, widgets["model"], "MG100V11D")
        question = widgets["question"]
        assert isinstance(question, QPlainTextEdit)
        type_text(qtbot, question, QUESTION)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()  # refused, everything kept
        assert dialog.problem_fields() == {"phone"}
        assert "mainland mobile number" in dialog.error_label.text()
        assert question.toPlainText() == QUESTION
        widgets["phone"].clear()
        type_text(qtbot, widgets["phone"], "139 1234 5678")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run_modal(qtbot, log.new_button.click, record)
    qtbot.waitUntil(lambda: log.model.rowCount() == 1)
    asked = _row(log)
    assert asked.state is ConsultationState.CALLBACK_DUE
    assert _cell(log, ConsultationTableModel.PHONE) == "139****5678"
    assert _cell(log, ConsultationTableModel.CALLBACK_DUE) == "2026-11-26 10:30"
    assert "Awaiting callback: 1" in log.counts_label.text()

    # 2. A day and a minute later the callback is overdue, everywhere the counter looks.
    clock.advance(hours=24, minutes=1)
    log.reload()
    window.refresh_clocks()
    wait_idle(qtbot)
    assert _cell(log, ConsultationTableModel.CALLBACK_DUE) == "2026-11-26 10:30 (overdue)"
    colour = _cell(log, ConsultationTableModel.CALLBACK_DUE, Qt.ItemDataRole.ForegroundRole)
    assert QColor(colour) == OVERDUE_COLOUR
    assert window.summary_labels["callbacks_overdue"].text() == "Callbacks overdue: 1"
    assert window.clock_panel.count("callbacks_overdue") == 1
    assert "Callbacks overdue (1)" in [
        window.clock_panel.tabs.tabText(i) for i in range(window.clock_panel.tabs.count())
    ]

    # 3. The callback: an answer is required; the whole number is shown to call.
    log.table.selectRow(0)
    assert log.call_back_button.isEnabled()

    def call_back(dialog: FormDialog) -> None:
        assert dialog.objectName() == "call_back_dialog"
        assert asked.number in dialog.windowTitle()
        who = dialog.widgets["who"]
        assert isinstance(who, QLabel) and "13912345678" in who.text()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.problem_fields() == {"answer"}
        type_text(qtbot, dialog.widgets["answer"], "建议送修，检查轴承")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    run_modal(qtbot, log.call_back_button.click, call_back)
    qtbot.waitUntil(lambda: _row(log).state is ConsultationState.CALLED_BACK)
    wait_idle(qtbot)
    assert window.summary_labels["callbacks_overdue"].text() == "Callbacks overdue: 0"
    assert "王晓红" in _cell(log, ConsultationTableModel.ANSWERED_BY)

    # 4. The customer brings it in: checked in from the consultation, fields carried over.
    log.table.selectRow(0)
    assert log.check_in_button.isEnabled()

    def check_in(dialog: CheckInDialog) -> None:
        assert asked.number in dialog.windowTitle()
        assert dialog.phone.text() == "13912345678"
        assert dialog.customer_name.text() == "刘芳"
        assert dialog.brand.text() == "美的" and dialog.model.text() == "MG100V11D"
        assert dialog.category.currentData() == Category.APPLIANCE.value
        assert dialog.fault_description.toPlainText() == QUESTION
        assert dialog.service_requested.currentData() == ServiceKind.REPAIR.value
        type_text(qtbot, dialog.serial, "SN-MD-2026-88")
        dialog.purchase_date.setDate(QDate(2026, 6, 1))
        type_text(qtbot, dialog.usage_description, "每周使用三次")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def receipt(dialog: ReceiptDialog) -> None:
        dialog.reject()

    run_modal(qtbot, log.check_in_button.click, check_in, receipt)
    qtbot.waitUntil(lambda: _row(log).state is ConsultationState.CONVERTED)
    converted = services.consultations.get(asked.id)
    assert converted.job_id is not None
    job = services.jobs.get(converted.job_id)
    assert job.consultation_number == asked.number
    assert job.customer.phone == "13912345678"
    assert _cell(log, ConsultationTableModel.STATE) == f"became job {job.number}"
    log.table.selectRow(0)
    assert not log.check_in_button.isEnabled() and not log.on_site_button.isEnabled()

    # 5. The job view says where the job came from.
    seen: list[str] = []

    def job_view(dialog) -> None:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        dialog.reject()

    run_modal(qtbot, lambda: window.open_job(job), job_view)
    assert f"consultation {asked.number}" in seen
    log.close()


def test_the_on_site_button_books_a_visit_prefilled(qtbot, window, services):
    from desktop_app.domain.consultations import ConsultationForm
    from desktop_app.domain.vocabulary import ConsultationChannel
    from tests.helpers import actor

    services.consultations.record(
        ConsultationForm(ConsultationChannel.ONLINE, "13812345678", "空调不制冷", answer="约上门"),
        actor(services),
    )
    log = window.make_consultation_log()
    qtbot.addWidget(log)
    log.show()
    qtbot.waitUntil(lambda: log.model.rowCount() == 1)
    log.table.selectRow(0)
    assert not log.call_back_button.isEnabled()  # answered on the first contact
    opened: list[tuple[str, object, int | None]] = []

    def on_site(dialog: CheckInDialog) -> None:
        opened.append(
            (
                dialog.windowTitle(),
                dialog.service_requested.currentData(),
                dialog.form().consultation_id,
            )
        )
        dialog.reject()

    run_modal(qtbot, log.on_site_button.click, on_site)
    title, service, consultation_id = opened[0]
    assert title == "On-site visit from consultation ZX20261125-001"
    assert service == ServiceKind.ON_SITE.value
    assert consultation_id == _row(log).id
    assert _row(log).state is ConsultationState.ANSWERED  # cancelled: nothing converted
    log.close()


def test_the_check_in_dialog_offers_no_consultation(qtbot, window):
    dialog = window.make_check_in_dialog()
    qtbot.addWidget(dialog)
    offered = [
        dialog.service_requested.itemData(i) for i in range(dialog.service_requested.count())
    ]
    assert ServiceKind.CONSULTATION.value not in offered
    assert ServiceKind.ON_SITE.value in offered


def test_the_menu_opens_the_log(qtbot, window):
    titles: list[str] = []

    def look(dialog) -> None:
        titles.append(dialog.windowTitle())
        dialog.reject()

    run_modal(qtbot, window.consultations_action.trigger, look)
    assert titles == ["Consultation log"]


def test_a_technician_logs_but_does_not_check_in(qtbot, services, ui_settings, clock):
    from desktop_app.domain.consultations import ConsultationForm
    from desktop_app.domain.roles import Role
    from desktop_app.domain.vocabulary import ConsultationChannel
    from desktop_app.ui.main_window import MainWindow
    from tests.helpers import add_user

    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    services.consultations.record(
        ConsultationForm(ConsultationChannel.HOTLINE, "13812345678", "怎么保修"), tech
    )
    main = MainWindow(services, tech, ui_settings, now=clock)
    qtbot.addWidget(main)
    wait_idle(qtbot)
    log = main.make_consultation_log()
    qtbot.addWidget(log)
    qtbot.waitUntil(lambda: log.model.rowCount() == 1)
    log.table.selectRow(0)
    assert log.new_button.isEnabled() and log.call_back_button.isEnabled()
    assert not log.check_in_button.isEnabled()
    clock.advance(hours=25)
    main.refresh_clocks()
    wait_idle(qtbot)
    assert main.clock_panel.count("callbacks_overdue") == 1
