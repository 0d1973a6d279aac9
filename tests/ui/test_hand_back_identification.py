"""The hand-back step in the window: the customer identified by the scanned receipt, the phone's
last four digits, or a note; a wrong scan or wrong digits refused with the form kept; the device
label offered after a check-in and printed from the job view."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop_app.domain.actions import JobAction
from desktop_app.domain.roles import Role
from desktop_app.domain.vocabulary import EventKind
from desktop_app.domain.workflow import Status
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from tests.helpers import add_user, check_in_form
from tests.receipts.pdfs import pdftotext
from tests.ui.driving import run_modal
from tests.ui.test_bench_flow import click_action, window_for

# Where the screenshots go when a person wants to look at them (unset: the test's tmp_path).
SHOTS = os.environ.get("REPAIR_COUNTER_SHOTS", "")


@pytest.fixture
def setup(qtbot, services, clock, tmp_path):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    tech = add_user(services, "tech", "李建国", Role.TECHNICIAN)
    other = services.jobs.check_in(check_in_form(accessories_received="充电器"), clerk)
    job = services.jobs.check_in(check_in_form(accessories_received="充电器"), clerk)
    services.jobs.change_status(job.id, Status.DIAGNOSING, tech)
    job = services.jobs.mark_ready(job.id, tech, "更换电池")
    main = window_for(qtbot, services, clock, tmp_path, clerk)
    dialog = main.controller.make_dialog(services.jobs.get(job.id))
    qtbot.addWidget(dialog)
    return dialog, job, other


def hand_back(qtbot, services, dialog, job, fill):
    receipts: list[bytes] = []

    def receipt(preview: ReceiptDialog) -> None:
        receipts.append(preview.pdf)
        preview.reject()

    click_action(qtbot, dialog, JobAction.HAND_BACK, fill, receipt)
    done = services.jobs.get(job.id)
    assert done.status is Status.RETURNED and receipts
    (event,) = [e for e in done.events if e.kind == EventKind.HANDED_BACK]
    return event


def shot(widget, tmp_path: Path, name: str) -> None:
    widget.grab().save(str(Path(SHOTS or tmp_path) / f"{name}.png"))


def scan(qtbot, form: FormDialog, number: str) -> None:
    """What a barcode scanner does: types the code and presses Enter in the focused field."""
    field = form.widgets["scanned_number"]
    field.clear()
    qtbot.keyClicks(field, number)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_scanned_receipt(qtbot, services, setup, tmp_path):
    dialog, job, _other = setup

    def fill(form: FormDialog) -> None:
        assert form.focusWidget() is form.widgets["scanned_number"]
        scan(qtbot, form, job.number)
        assert form.isVisible()  # Enter moved on, it did not save
        shot(form, tmp_path, "hand_back_scanned_en")
        form.ok_button.click()

    event = hand_back(qtbot, services, dialog, job, fill)
    assert event.payload["identified_by"] == "receipt"
    tree = dialog.timeline
    shown = [
        tree.topLevelItem(row).text(column)
        for row in range(tree.topLevelItemCount())
        for column in range(tree.columnCount())
    ]
    assert any("customer identified: receipt or label scanned" in text for text in shown)


def test_last_four_digits(qtbot, services, setup):
    dialog, job, _other = setup

    def fill(form: FormDialog) -> None:
        texts = " ".join(w.text() for w in form.findChildren(type(form.error_label)))
        assert "13812345678" not in texts and "5678" not in texts  # the phone is never shown
        form.widgets["phone_last_four"].setText("56-78")
        form.ok_button.click()

    event = hand_back(qtbot, services, dialog, job, fill)
    assert event.payload == {"accessories": ["充电器"], "identified_by": "phone"}


def test_note(qtbot, services, setup):
    dialog, job, _other = setup

    def fill(form: FormDialog) -> None:
        form.ok_button.click()  # neither: refused, the note asked for
        assert form.isVisible() and form.problem_fields() == {"identity_note"}
        form.widgets["identity_note"].setText("收据丢失，已核对身份证")
        form.ok_button.click()

    event = hand_back(qtbot, services, dialog, job, fill)
    assert event.payload["identified_by"] == "note" and event.note == "收据丢失，已核对身份证"


def test_wrong_scan_refused_with_the_form_kept(qtbot, services, setup, tmp_path):
    dialog, job, other = setup

    def fill(form: FormDialog) -> None:
        form.widgets["comment"].setText("很满意")
        scan(qtbot, form, other.number)
        form.ok_button.click()
        assert form.isVisible()
        assert f"this receipt is for job {other.number}" in form.error_label.text()
        assert form.problem_fields() == {"scanned_number"}
        assert form.widgets["scanned_number"].text() == other.number
        assert form.widgets["comment"].text() == "很满意"
        shot(form, tmp_path, "hand_back_wrong_scan_en")
        assert services.jobs.get(job.id).status is Status.READY_FOR_PICKUP
        scan(qtbot, form, job.number)
        form.ok_button.click()

    event = hand_back(qtbot, services, dialog, job, fill)
    assert event.payload["identified_by"] == "receipt"


def test_three_wrong_answers_end_the_digits(qtbot, services, setup):
    dialog, job, _other = setup

    def fill(form: FormDialog) -> None:
        digits = form.widgets["phone_last_four"]
        for wrong in ("1111", "2222", "3333"):
            digits.setText(wrong)
            form.ok_button.click()
            assert "does not match the customer's phone" in form.error_label.text()
        digits.setText("5678")  # right, but too late
        form.ok_button.click()
        assert "3 wrong answers" in form.error_label.text()
        digits.clear()
        form.widgets["identity_note"].setText("已核对身份证")
        form.ok_button.click()

    event = hand_back(qtbot, services, dialog, job, fill)
    assert event.payload["identified_by"] == "note" and event.payload["wrong_tries"] == 3


def test_device_label_from_the_job_view(qtbot, setup):
    dialog, job, _other = setup
    labels: list[bytes] = []

    def label(preview: ReceiptDialog) -> None:
        labels.append(preview.pdf)
        preview.reject()

    run_modal(qtbot, dialog.label_button.click, label)
    assert job.number in pdftotext(labels[0]) and "张**" in pdftotext(labels[0])


def test_device_label_offered_after_check_in(qtbot, services, clock, tmp_path):
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    job = services.jobs.check_in(check_in_form(), clerk)
    main = window_for(qtbot, services, clock, tmp_path, clerk)
    seen: list[bytes] = []
    opened: list[ReceiptDialog] = []

    def intake(preview: ReceiptDialog) -> None:
        assert preview.also_button is not None
        assert preview.also_button.objectName() == "device_label_button"
        opened.append(preview)
        shot(preview, tmp_path, "intake_with_label_en")
        QTimer.singleShot(0, preview.also_button.click)

    def label(preview: ReceiptDialog) -> None:
        seen.append(preview.pdf)
        preview.reject()
        QTimer.singleShot(0, opened[0].reject)

    run_modal(qtbot, lambda: main.job_checked_in(job), intake, label)
    assert job.number in pdftotext(seen[0])


def test_the_label_size_in_the_settings_dialog(qtbot, services):
    from dataclasses import replace

    from desktop_app.ui.dialogs.settings_dialog import SettingsDialog
    from desktop_app.ui.resources import text_translator

    shop = replace(services.shop.settings(), label_size="60x40")
    dialog = SettingsDialog(shop, translate=text_translator())
    qtbot.addWidget(dialog)
    combo = dialog.findChild(type(dialog.label_size), "label_size")
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "50 × 30 mm",
        "40 × 30 mm",
        "60 × 40 mm",
    ]
    assert combo.currentData() == "60x40"
    combo.setCurrentIndex(combo.findData("40x30"))
    assert dialog.result_settings().label_size == "40x30"
