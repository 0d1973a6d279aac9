"""Jobs ▸ Export list…: the job list as shown (its search and filters) to Excel or CSV.

The person names the file (the save dialog offers .xlsx and .csv); a manager is asked whether
the file may hold the full phone numbers (no by default; yes is on the record). The export runs
in a worker (ui/background.py) that reports to a QProgressDialog; Cancel stops it between
batches and nothing is left, neither file nor record.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QProgressDialog, QWidget

from desktop_app.domain.forms import JobQuery
from desktop_app.domain.list_export import (
    ExportCancelled,
    ExportFormat,
    ExportRows,
    ExportStage,
    ListExport,
)
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action, may
from desktop_app.domain.text import Translator
from desktop_app.receipts.job_list_export import write_job_list
from desktop_app.services.list_export import ListExportService
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.settings import UiSettings

# The progress dialog opens only for an export that takes longer than this.
PROGRESS_AFTER_MS = 400


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues the slot call here."""

    step = Signal(str, int, int)


class ListExporter(QObject):
    """One export at a time for a window: asks, runs, shows progress, tells the outcome."""

    # The export ended: the finished export, or None (cancelled, refused, failed).
    finished = Signal(object)

    def __init__(
        self,
        exports: Callable[[], ListExportService],
        actor: Callable[[], Actor],
        translate: Translator,
        settings: UiSettings | None,
        parent: QWidget,
        *,
        told: Callable[[str], None] = lambda _text: None,
    ) -> None:
        super().__init__(parent)
        self._exports = exports
        self._actor = actor
        self._translate = translate
        self._settings = settings
        self._parent = parent
        self._told = told  # a line for the status bar
        self._cancel = threading.Event()
        self._relay = _Relay()
        self._relay.step.connect(self._show_step)
        self.progress: QProgressDialog | None = None
        self.running = False

    # Replaced in tests: the system's file dialog needs a person.
    def ask_save_path(self) -> str:
        folder = (self._settings.receipt_folder if self._settings else "") or str(Path.home())
        excel, csv_files = self.tr("Excel workbook (*.xlsx)"), self.tr("CSV, UTF-8 (*.csv)")
        path, chosen = QFileDialog.getSaveFileName(
            self._parent,
            self.tr("Export list"),
            str(Path(folder) / "jobs.xlsx"),
            f"{excel};;{csv_files}",
        )
        if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".csv" if chosen == csv_files else ".xlsx"
        return path

    # Replaced in tests too: a message box needs a person.
    def ask_full_phones(self) -> bool:
        return prompts.confirm(
            self._parent,
            self.tr("Full phone numbers?"),
            self.tr(
                "Put the customers' full phone numbers in the file? Your name, the time, the "
                "number of jobs and the search will be recorded, and each job's history will "
                "say you saw the number.\n\nNo keeps them masked (138****5678)."
            ),
        )

    def start(self, query: JobQuery) -> None:
        if self.running:
            return
        path = self.ask_save_path()
        if not path:
            return
        actor = self._actor()
        full = may(actor.role, Action.LIST_FULL_PHONES) and self.ask_full_phones()
        self._run(query, actor, Path(path), full)

    def _run(self, query: JobQuery, actor: Actor, path: Path, full: bool) -> None:
        self.running = True
        self._cancel.clear()
        self.progress = self._progress_dialog()
        exports, translate, cancel, relay = (
            self._exports(),
            self._translate,
            self._cancel,
            self._relay,
        )

        def step(stage: ExportStage, done: int, total: int) -> None:  # in the worker
            if cancel.is_set():
                raise ExportCancelled()
            relay.step.emit(stage.value, done, total)

        def save(rows: ExportRows, target: Path) -> Path:  # in the worker
            return write_job_list(rows, target, translate)

        background.run(
            lambda: exports.export_list(query, actor, path, save, full_phones=full, progress=step),
            done=self._done,
            failed=lambda error: self._failed(error, path),
            owner=self,
        )

    def _progress_dialog(self) -> QProgressDialog:
        dialog = QProgressDialog(self._parent)
        dialog.setObjectName("export_progress")
        dialog.setWindowTitle(self.tr("Export list"))
        dialog.setLabelText(self.tr("Reading the jobs…"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setRange(0, 0)  # busy until the first count arrives
        dialog.canceled.connect(self.cancel)
        return dialog

    def cancel(self) -> None:
        """Stop at the next batch: the worker raises ExportCancelled, nothing is left."""
        self._cancel.set()
        if self.progress is not None:
            self.progress.setLabelText(self.tr("Cancelling…"))

    def _show_step(self, stage: str, done: int, total: int) -> None:
        dialog = self.progress
        if dialog is None or self._cancel.is_set():
            return
        if stage == ExportStage.WRITING.value:
            text = self.tr("Writing the file: %1 of %2 jobs")
        else:
            text = self.tr("Reading the jobs: %1 of %2")
        dialog.setLabelText(text.replace("%1", f"{done:,}").replace("%2", f"{total:,}"))
        dialog.setRange(0, max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def _close_progress(self) -> None:
        self.running = False
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _done(self, export: ListExport) -> None:
        self._close_progress()
        if self._settings is not None:
            self._settings.receipt_folder = str(Path(export.path).parent)
        kind = self.tr("Excel") if export.format is ExportFormat.XLSX else "CSV"
        text = (
            self.tr("Exported %n jobs (%1): %2", "", export.rows)
            .replace("%1", kind)
            .replace("%2", str(export.path))
        )
        if export.full_phones:
            text += " " + self.tr("Full phone numbers: recorded.")
        self._told(text)
        self.finished.emit(export)

    def _failed(self, error: Exception, path: Path) -> None:
        self._close_progress()
        self.finished.emit(None)
        if isinstance(error, ExportCancelled):
            self._told(self.tr("Export cancelled: no file was written."))
            return
        if isinstance(error, OSError):  # no such folder, no permission, disk full
            text = (
                self.tr("%1 could not be written: %2")
                .replace("%1", str(path))
                .replace("%2", error.strerror or str(error))
            )
        else:
            text = failure_text(error, self._translate)
        prompts.error(self._parent, self.tr("Cannot export"), text)
