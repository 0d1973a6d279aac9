"""The parts catalogue in the window: the manager's catalogue dialog (search, add with bad input
named per field, edit, deactivate) and Add part in the job view picking from the catalogue."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop_app.domain.actions import JobAction
from desktop_app.domain.parts import PartForm
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.part_pick_dialog import PartPickDialog
from desktop_app.ui.dialogs.parts_dialog import PartsDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import actor, add_user, check_in_form
from tests.ui.driving import run_modal, type_text, wait_idle


def _window(qtbot, services, clock, tmp_path, user) -> MainWindow:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    main = MainWindow(services, user, settings, now=clock)
    qtbot.addWidget(main)
    wait_idle(qtbot)
    return main


def _part(**kw: object) -> PartForm:
    values: dict[str, object] = {
        "name": "屏幕总成",
        "part_number": "HW-LCD-M60P",
        "models": ("Mate 60 Pro",),
        "unit_price_cents": 89_900,
        "stock": 3,
    }
    values.update(kw)
    return PartForm(**values)  # type: ignore[arg-type]


def test_the_manager_keeps_the_catalogue(qtbot, services, clock, tmp_path) -> None:
    manager = actor(services)
    services.parts.add(_part(), manager)
    main = _window(qtbot, services, clock, tmp_path, manager)
    assert main.parts_action.isVisible() and main.parts_action.isEnabled()
    dialog = PartsDialog(services, manager, parent=main)
    qtbot.addWidget(dialog)
    wait_idle(qtbot)
    assert dialog.model.rowCount() == 1

    def bad_then_good(form: FormDialog) -> None:
        type_text(qtbot, form.widgets["name"], "电池")
        type_text(qtbot, form.widgets["part_number"], "hw-lcd-m60p")  # taken, whatever the case
        form.widgets["stock"].setValue(5)
        form.ok_button.click()
        qtbot.waitUntil(lambda: form.error_label.isVisible())
        assert set(form.problem_fields()) == {"models"}  # required: said before saving
        type_text(qtbot, form.widgets["models"], "Mate 60 Pro，Mate 60")
        form.ok_button.click()
        qtbot.waitUntil(lambda: "part_number" in form.problem_fields())  # the service's word
        assert "already in the catalogue (屏幕总成)" in form.error_label.text()
        assert form.widgets["name"].text() == "电池"  # kept as typed
        form.widgets["part_number"].setText("HW-BAT-M60P")
        form.widgets["unit_price"].setValue(199.5)
        form.ok_button.click()

    run_modal(qtbot, dialog.add_button.click, bad_then_good)
    wait_idle(qtbot)
    added = services.parts.find_by_number("HW-BAT-M60P")
    assert added is not None and added.models == ("Mate 60 Pro", "Mate 60")
    assert (added.unit_price_cents, added.stock) == (19_950, 5)
    type_text(qtbot, dialog.search, "bat")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    wait_idle(qtbot)
    dialog.table.selectRow(0)
    assert dialog.selected() == added
    dialog.active_button.click()
    wait_idle(qtbot)
    assert not services.parts.get(added.id).active
    assert dialog.active_button.text() == "Activate"

    def restock(form: FormDialog) -> None:
        form.widgets["stock"].setValue(9)
        form.ok_button.click()

    run_modal(qtbot, dialog.edit_button.click, restock)
    assert services.parts.get(added.id).stock == 9


def test_a_technician_picks_a_part_for_the_job(qtbot, services, clock, tmp_path) -> None:
    manager = actor(services)
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    other = services.parts.add(
        _part(name="电池", part_number="HW-BAT-P60", models=("P60",)), manager
    )
    fitting = services.parts.add(_part(), manager)
    job = services.jobs.check_in(check_in_form(), clerk)  # a Mate 60 Pro
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    main = _window(qtbot, services, clock, tmp_path, tech)
    assert not main.parts_action.isVisible()  # the catalogue is the manager's
    dialog = main.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle(qtbot)

    def pick_fitting(picker: PartPickDialog) -> None:
        qtbot.waitUntil(lambda: picker.model.rowCount() == 2)
        assert picker.model.part(0) == fitting  # the part fitting the model first
        picker.table.selectRow(0)
        picker.use_button.click()

    def line(form: FormDialog) -> None:
        assert form.widgets["description"].text() == "屏幕总成"
        assert form.widgets["part_model"].text() == "HW-LCD-M60P"
        assert "unit_price" not in form.widgets  # a technician takes the catalogue's price
        assert "¥899.00" in form.widgets["price_info"].text()
        assert "model_reason" not in form.widgets
        form.ok_button.click()

    run_modal(qtbot, dialog.action_buttons[JobAction.ADD_PART].click, pick_fitting, line)
    assert dialog.job.lines[0].part_id == fitting.id
    assert services.parts.get(fitting.id).stock == 2

    def search_other(picker: PartPickDialog) -> None:
        qtbot.waitUntil(lambda: picker.model.rowCount() == 2)
        type_text(qtbot, picker.search, "P60")
        qtbot.waitUntil(lambda: picker.model.rowCount() == 1)
        wait_idle(qtbot)
        picker.table.selectRow(0)
        assert picker.selected() == other
        picker.use_button.click()

    def needs_a_reason(form: FormDialog) -> None:
        form.ok_button.click()
        qtbot.waitUntil(lambda: "model_reason" in form.problem_fields())
        type_text(qtbot, form.widgets["model_reason"], "原厂电池缺货，P60 电池规格相同")
        form.ok_button.click()

    run_modal(qtbot, dialog.action_buttons[JobAction.ADD_PART].click, search_other, needs_a_reason)
    last = dialog.job.lines[-1]
    assert last.part_id == other.id and "规格相同" in last.model_reason
    assert "⚠" in dialog.lines.topLevelItem(1).text(0)
    assert "规格相同" in dialog.lines.topLevelItem(1).child(0).text(0)
