"""Preview a receipt PDF, print it with the system print dialog, or save it."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import prompts
from desktop_app.ui.settings import UiSettings

log = logging.getLogger(__name__)


class ReceiptDialog(QDialog):
    def __init__(
        self,
        pdf: bytes,
        suggested_name: str,
        settings: UiSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receipt_dialog")
        self.setWindowTitle(self.tr("Receipt %s") % suggested_name)
        self.pdf = pdf
        self._suggested_name = suggested_name
        self._settings = settings
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("receipt_view")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        buttons = QDialogButtonBox(self)
        self.print_button = buttons.addButton(
            self.tr("Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("print_button")
        self.save_button = buttons.addButton(
            self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("save_pdf_button")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("close_button")
        buttons.rejected.connect(self.reject)
        close.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_receipt)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 680)  # within a 1366×768 screen with a taskbar

    def page_count(self) -> int:
        return self.document.pageCount()

    # Replaced in tests: the system dialogs need a person.
    def ask_save_path(self) -> str:
        folder = self._settings.receipt_folder or str(Path.home())
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save receipt"), str(Path(folder) / self._suggested_name), "PDF (*.pdf)"
        )
        return path

    def ask_printer(self) -> QPrinter | None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        return printer if dialog.exec() == QDialog.DialogCode.Accepted else None

    def save_receipt(self) -> Path | None:
        path = self.ask_save_path()
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_suffix(".pdf")
        try:
            target.write_bytes(self.pdf)
        except OSError as error:
            prompts.error(self, self.tr("Cannot save"), str(error))
            return None
        self._settings.receipt_folder = str(target.parent)
        return target

    def print_receipt(self) -> bool:
        printer = self.ask_printer()
        if printer is None:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Render each PDF page at the printer's resolution, scaled to fit the paper."""
        painter = QPainter()
        if not painter.begin(printer):
            prompts.error(self, self.tr("Cannot print"), self.tr("The printer could not start."))
            return False
        try:
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                target = printer.pageLayout().paintRectPixels(printer.resolution())
                points = self.document.pagePointSize(page)
                scale = min(target.width() / points.width(), target.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                image = self.document.render(page, size)
                painter.drawImage(QPointF(0, 0), image, QRect(0, 0, size.width(), size.height()))
        finally:
            painter.end()
        return True
