"""PDF receipts (ReportLab). No Qt here: the UI hands in a translator and gets bytes back."""

from desktop_app.receipts.intake import render_intake
from desktop_app.receipts.payment_receipt import render_payment_receipt
from desktop_app.receipts.return_receipt import render_return
from desktop_app.receipts.visit_sheet import render_visit_sheet, render_visit_sheets

__all__ = [
    "render_intake",
    "render_payment_receipt",
    "render_return",
    "render_visit_sheet",
    "render_visit_sheets",
]
