"""The check-in form warns before saving when the receipt cannot print a typed character, and
the receipt preview zooms."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView

from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.text import no_translation
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.receipts import render_intake
from desktop_app.receipts.layout import PAPERS
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from desktop_app.ui.dialogs.receipt_dialog import MIN_ZOOM, ZOOM_STEP, ReceiptDialog
from tests.helpers import actor, check_in_form
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


@pytest.fixture
def receipt_pdfs(services, shop_for_receipts) -> dict[str, bytes]:
    job = services.jobs.check_in(check_in_form(), actor(services))
    return {paper: render_intake(job, shop_for_receipts, paper=paper) for paper in PAPERS}


@pytest.fixture
def shop_for_receipts(services):
    return services.shop.settings()


@pytest.mark.parametrize("paper", PAPERS)
def test_the_receipt_preview_zooms_with_buttons_and_keys(qtbot, ui_settings, receipt_pdfs, paper):
    dialog = ReceiptDialog(receipt_pdfs[paper], "R-intake.pdf", ui_settings)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitActive(dialog):  # shortcuts go to the active window
        dialog.activateWindow()
    fitted = dialog.zoom_factor()
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert dialog.zoom_label.text() == f"{round(fitted * 100)}%"

    qtbot.mouseClick(dialog.zoom_in_button, Qt.MouseButton.LeftButton)
    assert dialog.zoom_factor() == pytest.approx(fitted * ZOOM_STEP)
    assert dialog.view.zoomFactor() == pytest.approx(fitted * ZOOM_STEP)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.zoom_out_button, Qt.MouseButton.LeftButton)
    assert dialog.zoom_factor() == pytest.approx(fitted / ZOOM_STEP)
    qtbot.mouseClick(dialog.fit_width_button, Qt.MouseButton.LeftButton)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth
    assert dialog.zoom_factor() == pytest.approx(fitted)

    qtbot.keyClick(dialog.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_factor() == pytest.approx(fitted * ZOOM_STEP)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert dialog.zoom_factor() == pytest.approx(fitted / ZOOM_STEP)
    qtbot.keyClick(dialog.view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert dialog.view.zoomMode() is QPdfView.ZoomMode.FitToWidth

    for _ in range(30):  # the zoom stops at its limits, and the button says so
        dialog.zoom_out()
    assert dialog.zoom_factor() == pytest.approx(MIN_ZOOM)
    assert not dialog.zoom_out_button.isEnabled() and dialog.zoom_in_button.isEnabled()
