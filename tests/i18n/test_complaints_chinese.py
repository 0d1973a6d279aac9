"""The complaint receipt and the complaints register in Chinese: no English left."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from desktop_app.domain.complaints import ComplaintForm
from desktop_app.domain.vocabulary import ComplaintCategory, ComplaintChannel
from desktop_app.receipts.complaint import render_complaint
from desktop_app.services import Services
from desktop_app.ui.dialogs.complaints_dialog import ComplaintsDialog, ComplaintView
from desktop_app.ui.resources import text_translator
from tests.helpers import actor, fill_receipt_details
from tests.receipts.pdfs import pdftotext, squeeze
from tests.ui.driving import wait_idle


def _complaint(services: Services):
    manager = actor(services)
    form = ComplaintForm(
        ComplaintChannel.HOTLINE, "张伟", "13812345678", ComplaintCategory.DELAY, "太慢了", "尽快"
    )
    return manager, services.complaints.register(form, manager)


def test_the_complaint_receipt_in_chinese(zh_cn, services: Services) -> None:
    fill_receipt_details(services)
    _manager, complaint = _complaint(services)
    pdf = render_complaint(
        complaint,
        services.shop.settings(),
        translate=text_translator(),
        printed_at=datetime(2026, 9, 30, 10, 5),
    )
    flat = squeeze(pdftotext(pdf))
    for expected in ("投诉受理单", "投诉单号", "热线", "延误", "我们的承诺", "周二", "2026-10-13"):
        assert expected in flat, expected
    assert not [w for w in ("Complaint", "Received", "Hotline", "promise", "by") if w in flat]


def test_the_register_and_a_complaint_in_chinese(zh_cn, qtbot, services: Services) -> None:
    manager, complaint = _complaint(services)
    dialog = ComplaintsDialog(services, manager, translate=text_translator())
    qtbot.addWidget(dialog)
    wait_idle(qtbot)
    headers = [
        dialog.model.headerData(i, Qt.Orientation.Horizontal)
        for i in range(dialog.model.columnCount())
    ]
    texts = [*headers, dialog.windowTitle(), dialog.new_button.text(), dialog.filter.currentText()]
    texts += [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    view = ComplaintView(services, manager, complaint, translate=text_translator())
    qtbot.addWidget(view)
    texts += [
        view.details.text(),
        view.clocks.text(),
        *[b.text() for b in view.step_buttons.values()],
    ]
    texts += [view.timeline_model.index(0, c).data() for c in range(4)]
    english = [
        t
        for t in texts
        if any(w in t for w in ("Complaint", "Received", "State", "overdue", "Call"))
    ]
    assert english == []
