"""On-site service from the window: a clerk checks in an on-site job with its visit address,
appointment and technician; the technician records the visit in the job view; the day's visit
list shows it and prints the visit sheet. Also: a prefilled check-in (the consultations' way
in) keeps its visit address and appointment."""

from __future__ import annotations

import io
from datetime import datetime

from pypdf import PdfReader
from PySide6.QtCore import QDate, QDateTime, QSettings, Qt
from PySide6.QtWidgets import QLabel

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import ServiceKind
from desktop_app.domain.visits import VisitResult
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.dialogs.visits_dialog import VisitsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle

ADDRESS = "上海市浦东新区世纪大道100号2单元1201"


def pdf_text(pdf: bytes) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)


def details_text(dialog) -> str:
    return "\n".join(label.text() for label in dialog.details_box.findChildren(QLabel))


def test_on_site_job_from_check_in_to_a_recorded_visit_on_the_day_list(
    qtbot, window: MainWindow, services, clock, tmp_path
):
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    intake: list[str] = []

    def check_in(dialog: CheckInDialog) -> None:
        dialog.set_form(check_in_form(address="", category=check_in_form().category))
        assert not dialog.on_site_box.isVisible()
        dialog.service_requested.setCurrentIndex(
            dialog.service_requested.findData(ServiceKind.ON_SITE)
        )
        assert dialog.on_site_box.isVisible()
        # The visit address follows the customer's address as it is typed.
        type_text(qtbot, dialog.address, ADDRESS)
        assert dialog.visit_address.text() == ADDRESS
        # Saving without any address is refused on the visit address, all typed kept.
        dialog.address.clear()
        dialog.visit_address.clear()
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and "visit_address" in dialog.problem_fields()
        assert "Visit address" in dialog.error_label.text()
        assert dialog.brand.text() == "华为"
        type_text(qtbot, dialog.visit_address, ADDRESS + "（物业登记后上楼）")
        dialog.appointment.set_window((datetime(2026, 11, 26, 9), datetime(2026, 11, 26, 12)))
        qtbot.waitUntil(lambda: dialog.technician.findData(tech.id) >= 0)
        dialog.technician.setCurrentIndex(dialog.technician.findData(tech.id))
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    def receipt(dialog: ReceiptDialog) -> None:
        intake.append(pdf_text(dialog.pdf))
        dialog.reject()

    run_modal(qtbot, window.check_in_action.trigger, check_in, receipt)
    page = services.jobs.search(window.current_query())
    job = services.jobs.get(page.rows[0].id)
    assert job.visit_address == ADDRESS + "（物业登记后上楼）"
    assert job.appointment_start == datetime(2026, 11, 26, 9)
    assert job.technician_id == tech.id
    assert ADDRESS in intake[0] and "2026-11-2609:00–12:00" in intake[0]

    # The technician, the next afternoon, records the visit from the job view.
    clock.now = datetime(2026, 11, 26, 13, 0)
    settings = UiSettings(QSettings(str(tmp_path / "tech.ini"), QSettings.Format.IniFormat))
    bench = MainWindow(services, tech, settings, now=clock)
    qtbot.addWidget(bench)
    wait_idle(qtbot)
    dialog = bench.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    assert "appointment" not in details_text(dialog)  # it has one: the window is shown
    assert "2026-11-26 09:00–12:00" in details_text(dialog)
    assert ADDRESS in details_text(dialog)
    assert dialog.visit_sheet_button.isVisible() or not dialog.isVisible()
    assert JobAction.RECORD_VISIT in dialog.offered_actions()
    assert JobAction.SCHEDULE_VISIT not in dialog.action_buttons  # the clerk books visits

    def report(form: FormDialog) -> None:
        form.widgets["arrived_at"].setDateTime(QDateTime(QDate(2026, 11, 26), _t(9, 40)))
        form.widgets["left_at"].setDateTime(QDateTime(QDate(2026, 11, 26), _t(10, 30)))
        result = form.widgets["result"]
        result.setCurrentIndex(result.findData(VisitResult.NEEDS_PARTS.value))
        type_text(qtbot, form.widgets["work_done"], "检测为压缩机电容老化，需订配件")
        following = form.widgets["next_visit"]
        following.set_window((datetime(2026, 11, 27, 14), datetime(2026, 11, 27, 17)))
        form.ok_button.click()

    run_modal(qtbot, dialog.action_buttons[JobAction.RECORD_VISIT].click, report)
    wait_idle(qtbot)
    assert len(dialog.job.visits) == 1
    assert dialog.job.first_response_at == datetime(2026, 11, 26, 9, 40)
    assert dialog.job.appointment_start == datetime(2026, 11, 27, 14)
    shown = details_text(dialog)
    assert "2026-11-26 09:40–10:30" in shown and "Another visit needed" in shown
    assert "2026-11-27 14:00–17:00" in shown
    assert dialog.job.status is Status.RECEIVED

    # The day's list (the technician's own, today) shows the visit made, with its sheet.
    sheets: list[str] = []
    opened: list[VisitsDialog] = []

    def visits(day_list: VisitsDialog) -> None:
        opened.append(day_list)
        qtbot.waitUntil(lambda: day_list.model.rowCount() == 1)
        assert day_list.technician.currentData() == tech.id
        row = day_list.model.row_at(0)
        assert (row.number, row.result, row.visits_so_far) == (
            job.number,
            VisitResult.NEEDS_PARTS,
            1,
        )
        assert row.masked_phone == "138****5678"
        # Tomorrow: the next appointment, in appointment order.
        day_list.day.setDate(QDate(2026, 11, 27))
        qtbot.waitUntil(
            lambda: day_list.model.rowCount() == 1 and day_list.model.row_at(0).result is None
        )
        assert day_list.model.data(day_list.model.index(0, 0)) == "14:00–17:00"
        day_list.print_button.click()

    def sheet(preview: ReceiptDialog) -> None:
        sheets.append(pdf_text(preview.pdf))
        preview.reject()
        opened[0].reject()

    run_modal(qtbot, bench.visits_action.trigger, visits, sheet)
    assert "On-sitevisitsheet" in sheets[0]
    assert job.number in sheets[0] and "138****5678" in sheets[0] and ADDRESS in sheets[0]
    assert "13812345678" not in sheets[0]


def test_a_prefilled_on_site_check_in_keeps_its_visit_address_and_appointment(qtbot, window):
    form = check_in_form(
        service_requested=ServiceKind.ON_SITE,
        address="上海市黄浦区南京东路1号",
        visit_address=ADDRESS,
        appointment_start=datetime(2026, 11, 27, 9),
        appointment_end=datetime(2026, 11, 27, 12),
        consultation_id=7,
    )
    dialog = window.make_check_in_dialog(initial=form)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.on_site_box.isVisible()
    read = dialog.form()
    assert read.visit_address == ADDRESS and read.address == "上海市黄浦区南京东路1号"
    assert (read.appointment_start, read.appointment_end) == (
        datetime(2026, 11, 27, 9),
        datetime(2026, 11, 27, 12),
    )
    assert read.consultation_id == 7
    # Another customer address typed now does not overwrite the visit address given.
    dialog.address.setText("别处")
    assert dialog.form().visit_address == ADDRESS
    # Switched to a counter repair: no visit fields go with the form.
    dialog.service_requested.setCurrentIndex(dialog.service_requested.findData(ServiceKind.REPAIR))
    assert dialog.form().visit_address == "" and dialog.form().appointment_start is None
    dialog.service_requested.setCurrentIndex(dialog.service_requested.findData(ServiceKind.ON_SITE))
    assert dialog.form().appointment_start == datetime(2026, 11, 27, 9)
    dialog.reject()


def _t(hour: int, minute: int):
    from PySide6.QtCore import QTime

    return QTime(hour, minute)
