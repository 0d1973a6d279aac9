"""Windows that fit a small screen, and come back at the size they were left.

The smallest screen a counter is expected to have is a 1366×768 laptop with a taskbar: every
window and dialog opens within it (scroll areas take what does not fit), and a dialog somebody
resized opens at that size the next time, never larger than the screen it opens on.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QHeaderView, QTableView, QWidget

from desktop_app.ui.models.job_table_model import JobTableModel
from desktop_app.ui.settings import UiSettings

# A 1366×768 screen less a 40-pixel taskbar: what every default size must fit in.
SMALL_SCREEN = QSize(1366, 728)
# What a window frame (title bar, borders) adds around a window's own size.
FRAME = QSize(16, 40)
# Text to cell edge, both sides, plus room for a sort arrow in the header.
CELL_PADDING = 28


def available_size(widget: QWidget) -> QSize:
    """The room on the screen the widget opens on (or the primary screen), less the frame."""
    screen = widget.screen() or QApplication.primaryScreen()
    room = screen.availableGeometry().size() if screen is not None else SMALL_SCREEN
    return room - FRAME


def fit(widget: QWidget, size: QSize) -> None:
    """Resize to `size`, or less where the screen is smaller."""
    widget.resize(size.boundedTo(available_size(widget)))


def remember_size(dialog: QDialog, settings: UiSettings, name: str | None = None) -> None:
    """Open the dialog at the size it was last closed at (within the screen), and keep the size
    it is closed at. `name` tells dialogs of one class apart (each action's form)."""
    key = name or dialog.objectName()
    saved = settings.dialog_size(key)
    if saved is not None:
        fit(dialog, saved)
    elif dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):  # its own default size
        fit(dialog, dialog.size())
    # else Qt sizes it to its contents when shown (within the screen)
    dialog.finished.connect(lambda _result: settings.set_dialog_size(key, dialog.size()))


def fit_columns(view: QTableView) -> None:
    """Column widths for a job list: each column as wide as the words it usually holds in the
    language shown (the model says which), and the product, whose names vary most, taking what
    is left, so the list never scrolls sideways while the other columns fit. People can drag
    the other columns; the main window remembers that."""
    model = view.model()
    if not isinstance(model, JobTableModel):
        return
    cells = view.fontMetrics()
    header = view.horizontalHeader()
    titles = header.fontMetrics()
    header.setStretchLastSection(False)
    for column, samples in enumerate(model.column_samples()):
        if column == model.PRODUCT:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        width = max(
            titles.horizontalAdvance(title),
            *(cells.horizontalAdvance(sample) for sample in samples),
        )
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width + CELL_PADDING)
