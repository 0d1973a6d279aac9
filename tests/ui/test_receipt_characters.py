"""The check-in form warns before saving when the receipt cannot print a typed character, and
the receipt preview zooms."""

from __future__ import annotations

from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.text import no_translation
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from tests.ui.driving import type_text


def open_check_in(qtbot) -> CheckInDialog:
    dialog = CheckInDialog(
        calendar=WorkCalendar(package_calendar("CN")),
        default_warranty_months=12,
        translate=no_translation,
        lookup_earlier=lambda serial: (),
    )
    qtbot.addWidget(dialog)
    return dialog


def test_the_check_in_form_names_the_field_with_characters_the_receipt_cannot_print(qtbot):
    dialog = open_check_in(qtbot)
    assert dialog.unprintable_label.isHidden()
    type_text(qtbot, dialog.customer_name, "سلام שלום 张伟")  # Arabic, Hebrew: printable
    assert dialog.unprintable_label.isHidden()
    type_text(qtbot, dialog.fault_description, "屏幕不亮😀")
    warning = dialog.unprintable_label.text()
    assert not dialog.unprintable_label.isHidden()
    assert warning == "Fault contains characters the receipt cannot print: 😀"
    type_text(qtbot, dialog.model, "Mate 🦄")
    assert "Model contains characters the receipt cannot print: 🦄" in (
        dialog.unprintable_label.text()
    )
    dialog.fault_description.setPlainText("屏幕不亮")
    dialog.model.setText("Mate 60")
    assert dialog.unprintable_label.isHidden()
