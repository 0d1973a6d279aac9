"""Issue 11: the forms stop each text at the limit the service checks (domain/limits.py)."""

from __future__ import annotations

from desktop_app.domain import limits
from desktop_app.domain.actions import JobAction
from desktop_app.domain.rules import Coverage
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
from desktop_app.ui.operations.job_actions import ActionContext, step_for
from tests.helpers import actor, check_in_form


def _typed(qtbot, widget, count: int) -> str:
    widget.clear()
    qtbot.keyClicks(widget, "x" * count)
    return widget.text()


def test_the_check_in_fields_stop_at_their_limit(qtbot, window):
    dialog = window.make_check_in_dialog()
    qtbot.addWidget(dialog)
    assert len(_typed(qtbot, dialog.customer_name, limits.SHORT_TEXT + 5)) == limits.SHORT_TEXT
    assert dialog.serial.maxLength() == limits.SHORT_TEXT
    assert dialog.address.maxLength() == limits.LONG_TEXT


def test_the_shop_settings_fields_stop_at_their_limit(qtbot, window, services):
    dialog = SettingsDialog(services.shop.settings(), translate=str)
    qtbot.addWidget(dialog)
    assert len(_typed(qtbot, dialog.hotline, limits.HOTLINE + 5)) == limits.HOTLINE
    assert dialog.name.maxLength() == limits.SHOP_NAME
    assert dialog.address.maxLength() == limits.SHOP_ADDRESS


def test_a_job_action_form_stops_a_line_and_refuses_a_long_note(qtbot, window, services):
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    assert job.coverage is Coverage.WARRANTY
    step = step_for(JobAction.ADD_PART, ActionContext(job, manager))
    dialog = FormDialog(step.title, step.fields)
    qtbot.addWidget(dialog)
    description = dialog.widgets["description"]
    typed = _typed(qtbot, description, limits.LINE_DESCRIPTION + 5)
    assert len(typed) == limits.LINE_DESCRIPTION
    assert dialog.widgets["part_model"].maxLength() == limits.PART_MODEL

    step = step_for(JobAction.RECORD_RESPONSE, ActionContext(job, manager))
    dialog = FormDialog(step.title, step.fields)
    qtbot.addWidget(dialog)
    dialog.widgets["note"].setPlainText("字" * (limits.LONG_TEXT + 1))
    dialog.accept()
    assert dialog.problem_fields() == {"note"}
    assert f"at most {limits.LONG_TEXT} characters" in dialog.error_label.text()
