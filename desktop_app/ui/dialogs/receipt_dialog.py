"""Preview a receipt PDF, print it with the system print dialog, or save it.

The preview opens fitted to the window's width (an 80 mm roll as well as A4) and zooms in and
out with the buttons above it or Ctrl+plus, Ctrl+minus, Ctrl+0 (back to the width).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QPointF, QRect, QSize
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui import prompts
from desktop_app.ui.settings import UiSettings

log = logging.getLogger(__name__)

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 8.0


class ReceiptDialog(QDialog):
    def __init__(
        self,
        pdf: bytes,
        suggested_name: str,
        settings: UiSettings,
        parent: QWidget | None = None,
        *,
        also: tuple[str, str, Callable[[], None]] | None = None,
    ) -> None:
        """`also` offers one more button beside Print (object name, text, what it does): after
        a check-in, the device label beside the intake receipt."""
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
        self.also_button: QPushButton | None = None
        if also is not None:
            name, text, slot = also
            self.also_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
            self.also_button.setObjectName(name)
            self.also_button.clicked.connect(slot)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("close_button")
        buttons.rejected.connect(self.reject)
        close.clicked.connect(self.reject)
        self.print_button.clicked.connect(self.print_receipt)
        self.save_button.clicked.connect(self.save_receipt)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_zoom())
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(720, 680)  # within a 1366×768 screen with a taskbar

    def _build_zoom(self) -> QHBoxLayout:
        self.zoom_out_button = QPushButton(self.tr("Zoom out"), self)
        self.zoom_out_button.setObjectName("zoom_out_button")
        self.zoom_in_button = QPushButton(self.tr("Zoom in"), self)
        self.zoom_in_button.setObjectName("zoom_in_button")
        self.fit_width_button = QPushButton(self.tr("Fit width"), self)
        self.fit_width_button.setObjectName("fit_width_button")
        self.zoom_label = QLabel(self)
        self.zoom_label.setObjectName("zoom_label")
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button):
            button.setAutoDefault(False)
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.fit_width_button.clicked.connect(self.fit_width)
        keys = (
            (QKeySequence.StandardKey.ZoomIn, self.zoom_in),
            (QKeySequence.StandardKey.ZoomOut, self.zoom_out),
            (QKeySequence("Ctrl+0"), self.fit_width),
        )
        for key, slot in keys:
            QShortcut(key, self, activated=slot)
        native = QKeySequence.SequenceFormat.NativeText
        for button, key in (
            (self.zoom_out_button, "Ctrl+-"),
            (self.zoom_in_button, "Ctrl++"),
            (self.fit_width_button, "Ctrl+0"),
        ):
            button.setToolTip(QKeySequence(key).toString(native))
        row = QHBoxLayout()
        for widget in (self.zoom_out_button, self.zoom_in_button, self.fit_width_button):
            row.addWidget(widget)
        row.addWidget(self.zoom_label)
        row.addStretch(1)
        self.view.zoomFactorChanged.connect(lambda _factor: self._show_zoom())
        self.view.zoomModeChanged.connect(lambda _mode: self._show_zoom())
        self.view.viewport().installEventFilter(self)
        return row

    # --- zoom ---------------------------------------------------------------------------------

    def zoom_factor(self) -> float:
        """The scale the page is shown at (1.0: its printed size on this screen)."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        return self._fit_width_factor()

    def _fit_width_factor(self) -> float:
        if self.document.pageCount() == 0:
            return 1.0
        margins = self.view.documentMargins()
        room = self.view.viewport().width() - margins.left() - margins.right()
        points = self.document.pagePointSize(0).width()
        pixels = points * self.view.logicalDpiX() / 72
        return max(MIN_ZOOM, room / pixels) if pixels > 0 else 1.0

    def zoom_in(self) -> None:
        self._set_zoom(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._set_zoom(self.zoom_factor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._show_zoom()

    def _set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(MAX_ZOOM, max(MIN_ZOOM, factor)))
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{round(self.zoom_factor() * 100)}%")
        self.zoom_out_button.setEnabled(self.zoom_factor() > MIN_ZOOM + 1e-9)
        self.zoom_in_button.setEnabled(self.zoom_factor() < MAX_ZOOM - 1e-9)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() is QEvent.Type.Resize:
            self._show_zoom()  # fitted to the width, the scale follows the window
        return super().eventFilter(watched, event)

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
