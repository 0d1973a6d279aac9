"""The manager's Restore dialog: this database's backups (date, size, jobs, kind), newest first,
or another backup file chosen from the disk. It returns the file chosen (`chosen()`); the
confirmation and the restore itself are the caller's (ui/backup_actions.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.backups import BackupInfo

Index = QModelIndex | QPersistentModelIndex


def size_text(size: int) -> str:
    """Bytes as a person reads them: 12.3 MB, 456 KB."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    return f"{max(size, 1) / 1000:.0f} KB"


class BackupListModel(QAbstractTableModel):
    TAKEN, SIZE, JOBS, KIND = range(4)

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = list(backups)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            self.tr("Taken"),
            self.tr("Size"),
            self.tr("Jobs"),
            self.tr("Kind"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self.backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SIZE, self.JOBS):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.TAKEN:
            return backup.created_at.strftime("%Y-%m-%d %H:%M:%S")
        if column == self.SIZE:
            return size_text(backup.size)
        if column == self.JOBS:
            return f"{backup.job_count:,}"
        return self.tr("automatic") if backup.automatic else self.tr("asked for")


class RestoreDialog(QDialog):
    """Pick a backup to restore; `chosen()` is its path once accepted."""

    def __init__(
        self, backups: list[BackupInfo], folder: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(self.tr("Restore a backup"))
        self._chosen: str | None = None
        self._folder = folder
        explanation = QLabel(
            self.tr(
                "Restoring replaces the whole database with the backup: jobs, customers, "
                "people and settings. The current database is kept aside next to it first. "
                "Everyone signs in again afterwards."
            ),
            self,
        )
        explanation.setWordWrap(True)
        self.model = BackupListModel(backups, self)
        self.table = QTableView(self)
        self.table.setObjectName("backup_list")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self._restore_selected())
        self.empty_label = QLabel(self.tr("No backups of this database yet."), self)
        self.empty_label.setVisible(not backups)
        where = QLabel(self.tr("Backups folder: %1").replace("%1", folder), self)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(self.tr("Restore…"), self)
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self._restore_selected)
        self.other_button = QPushButton(self.tr("Other file…"), self)
        self.other_button.setObjectName("other_file_button")
        self.other_button.clicked.connect(self._other_file)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.restore_button.setEnabled(self.table.selectionModel().hasSelection())
        )
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.resize(640, 420)
        if backups:
            self.table.selectRow(0)

    def chosen(self) -> str | None:
        return self._chosen

    def choose(self, path: str) -> None:
        self._chosen = path
        self.accept()

    def _restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.choose(self.model.backups[rows[0].row()].path)

    def _other_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            self._folder,
            self.tr("Repair Counter backups (*.rcbackup);;All files (*)"),
        )
        if path:
            self.choose(path)
