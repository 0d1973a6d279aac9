"""Add part: pick from the catalogue (fitting the job's product model first) or type a part.

The dialog returns a choice and saves nothing: the part picked (`part`), or `typed` set when the
technician chose a part that is not in the catalogue; the job view then asks the line's inputs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.parts import PartSnapshot
from desktop_app.domain.text import Translator, no_translation
from desktop_app.ui import background
from desktop_app.ui.background import failure_text
from desktop_app.ui.models.part_table_model import PartTableModel

Lookup = Callable[[str], tuple[PartSnapshot, ...]]


class PartPickDialog(QDialog):
    def __init__(
        self,
        product_model: str,
        lookup: Lookup,
        *,
        translate: Translator = no_translation,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("part_pick_dialog")
        self._lookup = lookup
        self._product_model = product_model
        self._translate = translate
        self.part: PartSnapshot | None = None
        self.typed = False
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.setObjectName("part_search")
        self.search.setClearButtonEnabled(True)
        self.model = PartTableModel(product_model, self)
        self.table = QTableView(self)
        self.table.setObjectName("part_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PartTableModel.MODELS, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.use_selected())
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        buttons = QDialogButtonBox(self)
        self.use_button = QPushButton(self)
        self.use_button.setObjectName("use_part_button")
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self.use_selected)
        self.typed_button = QPushButton(self)
        self.typed_button.setObjectName("typed_part_button")
        self.typed_button.clicked.connect(self.use_typed)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.typed_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancel_button")
        buttons.rejected.connect(self.reject)
        self.search_label = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=250)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        self.retranslate()
        self.resize(900, 520)
        self.reload()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add part"))
        self.intro.setText(
            self.tr(
                "Parts that fit %1 are listed first. A part listed for other models needs a "
                "reason (the agreement: parts of the same model)."
            ).replace("%1", self._product_model or "—")
        )
        self.search_label.setText(self.tr("Search:"))
        self.search.setPlaceholderText(self.tr("Name, part number or model"))
        self.use_button.setText(self.tr("Use this part"))
        self.typed_button.setText(self.tr("A part not in the catalogue…"))
        self._enable()

    def selected(self) -> PartSnapshot | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.part(rows[0].row()) if rows else None

    def reload(self) -> None:
        search, lookup = self.search.text(), self._lookup

        def shown(parts: tuple[PartSnapshot, ...]) -> None:
            if search != self.search.text():
                return
            self.model.set_parts(parts)
            if parts:
                self.table.selectRow(0)
            self.message_label.setVisible(not parts)
            self.message_label.setText(self.tr("No part in the catalogue matches."))
            self._enable()

        def failed(error: Exception) -> None:
            self.message_label.setText(failure_text(error, self._translate))
            self.message_label.show()

        background.run(lambda: lookup(search), done=shown, failed=failed, owner=self)

    def _enable(self) -> None:
        self.use_button.setEnabled(self.selected() is not None)

    def use_selected(self) -> None:
        part = self.selected()
        if part is not None:
            self.part, self.typed = part, False
            self.accept()

    def use_typed(self) -> None:
        self.part, self.typed = None, True
        self.accept()
