"""PDF receipts (ReportLab). No Qt here: the UI hands in a translator and gets bytes back."""

from desktop_app.receipts.intake import render_intake

__all__ = ["render_intake"]
