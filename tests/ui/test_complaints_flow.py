"""A hotline complaint from registration to closed, in the window: the register from the
Service desk menu, the new complaint (the phone fills the name), the customer called back, the
investigation, resolved with the shop at fault, closed as accepted; the receipt prints; the
clocks panel and the summary strip count an overdue complaint; the job view opens a complaint
about its job; a refusal keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox

from desktop_app.domain.compensation import Decision
from desktop_app.domain.complaints import ComplaintQuery
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import CompensationState, ComplaintClosing, ComplaintState
from desktop_app.services import Services
from desktop_app.ui.dialogs.complaints_dialog import ComplaintsDialog, ComplaintView
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.main_window import MainWindow
from tests.helpers import FakeClock, actor, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


def _fill(form: FormDialog, **values: object) -> None:
    for name, value in values.items():
        widget = form.widgets[name]
        if isinstance(widget, QComboBox):
            widget.setCurrentIndex(widget.findData(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(str(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(str(value))


def _saved(qtbot, **values: object) -> Callable[[FormDialog], None]:
    def handle(form: FormDialog) -> None:
        _fill(form, **values)
        form.ok_button.click()
        qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)

    return handle


def _step(qtbot, view: ComplaintView, kind: str, **values: object) -> None:
    run_modal(qtbot, view.step_buttons[kind].click, _saved(qtbot, **values))
    wait_idle(qtbot)


def test_a_hotline_complaint_from_registration_to_closed(
    qtbot, window: MainWindow, services: Services, clock: FakeClock
) -> None:
    manager = actor(services)
    services.jobs.check_in(check_in_form(), manager)  # 张伟 is on file with this phone
    assert window.complaints_action in window.desk_menu.actions()
    seen: dict[str, object] = {}

    def in_register(dialog: ComplaintsDialog) -> None:
        seen["register"] = dialog
        wait_idle(qtbot)

        def new_form(form: FormDialog) -> None:
            phone = form.widgets["phone"]
            type_text(qtbot, phone, "13812345678")
            name = form.widgets["customer_name"]
            qtbot.waitUntil(lambda: name.text() == "张伟", timeout=10_000)  # looked up
            _fill(form, channel="hotline", category="delay")
            type_text(qtbot, form.widgets["words"], "修了一个星期还没修好")
            type_text(qtbot, form.widgets["request"], "尽快修好")
            form.ok_button.click()
            wait_idle(qtbot)
            assert not form.error_label.isVisible(), form.error_label.text()
            qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)

        def the_view(view: ComplaintView) -> None:
            seen["number"] = view.complaint.number
            assert view.complaint.state is ComplaintState.RECEIVED
            assert "138****5678" in view.details.text()
            # A clerk cannot reopen nor handle drafts: those buttons are not offered.
            assert set(view.step_buttons) == {"acknowledged"}
            _step(qtbot, view, "acknowledged", note="已回电致歉")
            assert set(view.step_buttons) == {"investigating"}
            _step(qtbot, view, "investigating", note="")
            _step(
                qtbot,
                view,
                "resolved",
                finding="配件缺货未告知",
                shop_at_fault=True,
                resolution="加急维修",
            )
            assert view.complaint.shop_at_fault is True
            # The shop's policy proposes its compensation, shown on the complaint with amounts.
            (proposed,) = view.complaint.compensations
            assert "Compensation: Voucher ¥50.00 (proposed, awaiting a manager)" in (
                view.details.text()
            )
            seen["compensation"] = proposed.id
            _step(qtbot, view, "closed", closing=ComplaintClosing.ACCEPTED, note="")
            assert view.complaint.state is ComplaintState.CLOSED
            assert view.step_buttons == {}  # closed: only a manager may reopen
            kinds = [view.timeline_model.index(r, 2).data() for r in range(5)]
            assert kinds[0].startswith("Complaint registered")
            assert "Complaint closed" in kinds[-1]
            assert view.receipt_button.isEnabled()
            run_modal(qtbot, view.print_receipt, lambda receipt: _look_and_close(seen, receipt))
            view.reject()

        run_modal(qtbot, dialog.new_complaint, new_form, the_view)
        dialog.reject()

    run_modal(qtbot, window.complaints_action.trigger, in_register)
    (row,) = services.complaints.search(ComplaintQuery())
    assert row.number == seen["number"] and row.state is ComplaintState.CLOSED
    assert seen["receipt"].startswith(b"%PDF")
    complaint = services.complaints.get(row.id)
    assert [e.kind for e in complaint.events] == [
        "received",
        "acknowledged",
        "investigating",
        "resolved",
        "closed",
    ]
    assert {e.user_name for e in complaint.events} == {"王晓红"}
    # The manager decides it (Service desk → Compensation awaiting decision…, tested in
    # test_compensation_flow); the complaint's own record says so.
    (pending,) = services.compensation.pending(manager)
    assert pending.id == seen["compensation"] and pending.complaint_number == row.number
    services.compensation.decide(pending.id, manager, Decision.approve())
    decided = services.complaints.get(row.id)
    assert decided.compensations[0].state == CompensationState.APPROVED
    assert decided.events[-1].kind == "note"


def _look_and_close(seen: dict[str, object], receipt) -> None:
    seen["receipt"] = receipt.pdf
    receipt.reject()


def test_a_refused_complaint_keeps_what_was_typed(qtbot, window: MainWindow) -> None:
    def in_register(dialog: ComplaintsDialog) -> None:
        def bad_form(form: FormDialog) -> None:
            _fill(form, phone="12345", customer_name="张伟", words="太慢了", job_number="R1")
            form.ok_button.click()
            qtbot.waitUntil(lambda: form.error_label.isVisible(), timeout=10_000)
            wait_idle(qtbot)
            assert form.isVisible()
            assert form.widgets["words"].toPlainText() == "太慢了"
            assert "phone" in form.problem_fields()
            form.reject()

        run_modal(qtbot, dialog.new_complaint, bad_form)
        dialog.reject()

    run_modal(qtbot, window.complaints_action.trigger, in_register)


def test_overdue_complaints_show_in_the_clocks_and_the_summary(
    qtbot, window: MainWindow, services: Services, clock: FakeClock
) -> None:
    from desktop_app.domain.complaints import ComplaintForm
    from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel

    manager = actor(services)
    services.complaints.register(
        ComplaintForm(
            ComplaintChannel.COUNTER, "李娜", "13900001111", ComplaintCategory.ATTITUDE, "态度差"
        ),
        manager,
    )
    clock.advance(hours=25)
    window.refresh_clocks()
    wait_idle(qtbot)
    assert window.clock_panel.count("complaints_overdue") == 1
    assert "1" in window.summary_labels["complaints_overdue"].text()
    view = window.clock_panel.view("complaints_overdue")
    assert view.model().index(0, 3).data() == "139****1111"


def test_the_job_view_opens_a_complaint_about_its_job(
    qtbot, window: MainWindow, services: Services
) -> None:
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(phone="13900001111", customer_name="李娜"), manager)
    window.refresh()
    wait_idle(qtbot)

    def in_job(job_view) -> None:
        def prefilled(form: FormDialog) -> None:
            assert form.widgets["job_number"].text() == job.number
            assert form.widgets["customer_name"].text() == "李娜"
            assert form.widgets["phone"].text() == ""  # the number on file, never shown
            _fill(form, words="屏幕又坏了")
            form.ok_button.click()
            qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)

        def view(shown: ComplaintView) -> None:
            assert shown.complaint.job_number == job.number
            assert shown.complaint.masked_phone == "139****1111"
            shown.reject()

        run_modal(qtbot, job_view.complaint_button.click, prefilled, view)
        job_view.reject()

    run_modal(qtbot, lambda: window.controller.open_id(job.id), in_job)
    assert services.complaints.search(ComplaintQuery()), "none"
    assert len(services.complaints.search(ComplaintQuery(text=job.number.lower()))) == 1


def test_a_manager_sees_drafts_and_may_reopen(qtbot, services: Services, clock: FakeClock) -> None:
    from desktop_app.domain.complaints import ComplaintForm
    from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel
    from desktop_app.ui.resources import text_translator

    manager = actor(services)
    assert manager.role is Role.MANAGER
    made = services.complaints.register(
        ComplaintForm(
            ComplaintChannel.LETTER, "李娜", "13900001111", ComplaintCategory.PRICE, "贵"
        ),
        manager,
    )
    services.complaints.acknowledge(made.id, manager, "回电")
    services.complaints.start_investigation(made.id, manager)
    resolved = services.complaints.resolve(
        made.id, manager, finding="f", shop_at_fault=False, resolution="r"
    )
    view = ComplaintView(services, manager, resolved, translate=text_translator())
    qtbot.addWidget(view)
    assert set(view.step_buttons) == {"closed", "reopened"}


def test_the_shop_settings_set_the_resolve_days(qtbot, services: Services) -> None:
    from desktop_app.ui.dialogs.settings_dialog import SettingsDialog

    shop = services.shop.settings()
    dialog = SettingsDialog(shop, translate=str)
    qtbot.addWidget(dialog)
    spin = dialog.findChild(QSpinBox, "complaint_resolve_days")
    assert spin.value() == 5 and (spin.minimum(), spin.maximum()) == (1, 30)
    spin.setValue(7)
    assert dialog.result_settings().complaint_resolve_days == 7
