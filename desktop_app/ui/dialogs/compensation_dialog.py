"""Compensation awaiting decision: the manager's list of proposals made at hand-backs (by a
clerk) and at complaints' resolutions, each approved, changed or declined from here.

The list is read in the background; a decision is a form (the same inputs as at the hand-back)
whose call runs in the background, the list read again once it is saved. A proposal another
manager decided meanwhile is refused by the service ("decided at another counter") and the list
is read again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop_app.domain.compensation import (
    CompensationSnapshot,
    decision_problems,
    missed_words,
    offers_words,
)
from desktop_app.domain.errors import ConcurrentChange, InvalidInput
from desktop_app.domain.people import Actor
from desktop_app.domain.text import Translator
from desktop_app.services import Services
from desktop_app.ui import background, prompts
from desktop_app.ui.background import failure_text
from desktop_app.ui.dialogs.form_dialog import FormDialog
from desktop_app.ui.modal import exec_dialog
from desktop_app.ui.operations.compensation_fields import (
    decision_fields,
    decision_from,
    summary_fields,
)
from desktop_app.ui.resources import text_translator

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class PendingModel(QAbstractTableModel):
    """One proposal per row: job (or complaint), customer, what was missed, what is proposed."""

    JOB, CUSTOMER, MISSED, PROPOSED, PROPOSED_AT = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[CompensationSnapshot] = []

    def set_rows(self, rows: list[CompensationSnapshot]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = (
            self.tr("Job / complaint"),
            self.tr("Customer"),
            self.tr("Promises missed"),
            self.tr("Proposed"),
            self.tr("Proposed at"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RECORD_ROLE:
            return row
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        t = text_translator()
        column = index.column()
        if column == self.JOB:
            return " / ".join(n for n in (row.job_number, row.complaint_number) if n)
        if column == self.CUSTOMER:
            return row.customer_name
        if column == self.MISSED:
            return t("; ").join(missed_words(item, t) for item in row.missed)
        if column == self.PROPOSED:
            return offers_words(row.proposed, t)
        if column == self.PROPOSED_AT:
            return row.proposed_at.strftime("%Y-%m-%d %H:%M")
        return None

    def record(self, row: int) -> CompensationSnapshot | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None


class CompensationDialog(QDialog):
    def __init__(
        self,
        services: Services,
        actor: Actor,
        *,
        translate: Translator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compensation_dialog")
        self._services = services
        self._actor = actor
        self._translate = translate
        self.last_form: FormDialog | None = None
        self.model = PendingModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("pending_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.decide_selected())
        self.empty_label = QLabel(self)
        self.empty_label.setObjectName("empty_label")
        self.decide_button = QPushButton(self)
        self.decide_button.setObjectName("decide_button")
        self.decide_button.clicked.connect(self.decide_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.decide_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.setWindowTitle(self.tr("Compensation awaiting decision"))
        self.decide_button.setText(self.tr("Decide…"))
        self.resize(900, 420)
        self.reload()

    def reload(self) -> None:
        self.decide_button.setEnabled(False)

        def shown(rows: list[CompensationSnapshot]) -> None:
            self.model.set_rows(rows)
            self.empty_label.setText(
                self.tr("Nothing awaits a decision.")
                if not rows
                else self.tr("Awaiting a decision: %n", "", len(rows))
            )
            # A read-only database shows the proposals and offers no decision (it would be
            # typed in full, then refused).
            self.decide_button.setEnabled(bool(rows) and self._services.read_only is None)
            if rows:
                self.table.selectRow(0)
            self.table.resizeColumnsToContents()

        def failed(error: Exception) -> None:
            prompts.error(self, self.windowTitle(), failure_text(error, self._translate))

        background.run(
            lambda: self._services.compensation.pending(self._actor),
            done=shown,
            failed=failed,
            owner=self,
        )

    def selected(self) -> CompensationSnapshot | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def decide_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or self._services.read_only is not None:
            return

        def after(_saved: CompensationSnapshot | None) -> None:
            if isValid(self):
                self.reload()

        self.last_form = decision_form(
            self, self._services, self._actor, chosen, self._translate, after
        )
        try:
            exec_dialog(self.last_form)
        finally:
            self.last_form.deleteLater()


def decision_form(
    parent: QWidget,
    services: Services,
    actor: Actor,
    chosen: CompensationSnapshot,
    translate: Translator,
    after: Callable[[CompensationSnapshot | None], None],
) -> FormDialog:
    """The manager's decision on one proposal, for the list of proposals and the job view alike:
    what was missed and proposed, approve / change / decline, the offers and the reason. OK
    saves in the background; `after` gets the decided compensation once saved, or None when
    another counter decided it first (the caller reads it again)."""
    fields = [
        *summary_fields(chosen.missed, chosen.proposed),
        *decision_fields(chosen.proposed, later=False),
    ]
    title = QCoreApplication.translate("CompensationDialog", "Decide compensation for %s") % (
        chosen.job_number or chosen.complaint_number
    )
    form: FormDialog

    def submit(values: dict) -> None:
        decision = decision_from(values)
        assert decision is not None  # no "later" choice here

        def done(saved: CompensationSnapshot) -> None:
            if isValid(form):
                form.succeeded()
            after(saved)

        def failed(error: Exception) -> None:
            if not isValid(form):
                return
            if isinstance(error, InvalidInput):
                form.failed(error)
                return
            form.failed()
            prompts.error(form, form.windowTitle(), failure_text(error, translate))
            if isinstance(error, ConcurrentChange):
                form.reject()
                after(None)

        background.run(
            lambda: services.compensation.decide(chosen.id, actor, decision, chosen.version),
            done=done,
            failed=failed,
            busy=lambda on: form.show_busy(on) if isValid(form) else None,
        )

    form = FormDialog(
        title,
        fields,
        validate=_check_decision,
        submit=submit,
        translate=translate,
        parent=parent,
    )
    return form


def _check_decision(values: dict) -> None:
    decision = decision_from(values)
    problems = decision_problems(decision) if decision is not None else []
    if problems:
        raise InvalidInput(problems)
