"""PDF receipts (ReportLab). No Qt here: the UI hands in a translator and gets bytes back."""

from desktop_app.receipts.intake import render_intake
from desktop_app.receipts.return_receipt import render_return

__all__ = ["render_intake", "render_return"]
