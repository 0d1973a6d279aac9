"""The day's takings window: a day (or a shift), a workstation and a clerk; the figures by
method, the deposits used and the cash the drawer should hold, the drawer's counts, and the
lines behind a figure (double-click a method). "Count drawer…" records a count (the amount typed
exactly; a note when it differs); "Save PDF…" writes the report shown.

Every service call runs in the background (ui/background.py); the calls are passed in (`report`,
`count`, `save_pdf`) so tests can hand in their own. A count the service refuses (a difference
without a note) opens the count form again with what was typed and the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.money import yuan
from desktop_app.domain.takings import (
    DrawerCount,
    DrawerCountForm,
    Shift,
    Takings,
    TakingsQuery,
    lines_behind,
)
from desktop_app.domain.text import Translator
from desktop_app.domain.vocabulary import PAYMENT_LABELS, PaymentMethod
from desktop_app.ui import background, prompts
from desktop_app.ui.background import Lane, failure_text
from desktop_app.ui.fitting import fit
from desktop_app.ui.models.takings_models import RECORD_ROLE, LineTableModel, MethodTableModel
from desktop_app.ui.settings import UiSettings

Report = Callable[[TakingsQuery], Takings]
Count = Callable[[DrawerCountForm], DrawerCount]
SavePdf = Callable[[Takings, Path], Path]
DEFAULT_SIZE = QSize(1100, 680)
FIGURE_STYLE = "font-size: 15px; font-weight: bold;"


class DrawerCountDialog(QDialog):
    """The count form: the drawer and shift counted, the cash expected as last read, the cash
    counted (typed exactly) and a note. Returns a DrawerCountForm; it saves nothing."""

    def __init__(
        self,
        shift: Shift,
        workstation: str,
        expected_cents: int,
        *,
        typed: DrawerCountForm | None = None,
        problem: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("drawer_count_dialog")
        self.setWindowTitle(self.tr("Count the cash drawer"))
        self._shift = shift
        self._expected = expected_cents
        form = QFormLayout()
        self.workstation = QLineEdit(typed.workstation if typed else workstation, self)
        self.workstation.setObjectName("count_workstation")
        self.shift_label = QLabel(shift.label(), self)
        self.expected = QLabel(yuan(expected_cents), self)
        self.expected.setObjectName("count_expected")
        self.counted = QLineEdit(typed.counted if typed else "", self)
        self.counted.setObjectName("count_counted")
        self.counted.setPlaceholderText("0.00")
        self.counted.textChanged.connect(self._show_difference)
        self.difference = QLabel(self)
        self.difference.setObjectName("count_difference")
        self.note = QPlainTextEdit(typed.note if typed else "", self)
        self.note.setObjectName("count_note")
        self.note.setFixedHeight(70)
        form.addRow(self.tr("Drawer (workstation)"), self.workstation)
        form.addRow(self.tr("Day or shift"), self.shift_label)
        form.addRow(self.tr("Expected cash"), self.expected)
        form.addRow(self.tr("Cash counted (yuan)"), self.counted)
        form.addRow(self.tr("Difference"), self.difference)
        form.addRow(self.tr("Note (required when it differs)"), self.note)
        self.problem = QLabel(problem, self)
        self.problem.setObjectName("count_problem")
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("count_ok")
        self.ok_button.setText(self.tr("Record count"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._show_difference()

    def _show_difference(self) -> None:
        """Over or short as typed, from the expected last read (the service reads it again)."""
        from desktop_app.domain.payments import parse_amount

        try:
            counted = parse_amount(self.counted.text(), "counted")
        except InvalidInput:
            self.difference.setText("—")
            return
        cents = counted - self._expected
        if cents > 0:
            text = self.tr("%1 over").replace("%1", yuan(cents))
        elif cents < 0:
            text = self.tr("%1 short").replace("%1", yuan(-cents))
        else:
            text = self.tr("none")
        self.difference.setText(text)

    def form(self) -> DrawerCountForm:
        return DrawerCountForm(
            self._shift, self.workstation.text(), self.counted.text(), self.note.toPlainText()
        )


class TakingsDialog(QDialog):
    def __init__(
        self,
        report: Report,
        count: Count,
        *,
        workstation: str,
        today: date,
        translate: Translator,
        save_pdf: SavePdf | None = None,
        settings: UiSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("takings_dialog")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self._report, self._count, self._save_pdf = report, count, save_pdf
        self._workstation = workstation
        self._translate = translate
        self._settings = settings
        self._generation = 0
        self.takings: Takings | None = None
        self.methods = MethodTableModel(translate, self)
        self.lines = LineTableModel(translate, self)
        self._build(today)
        self.retranslate()
        fit(self, DEFAULT_SIZE)
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build(self, today: date) -> None:
        picker = QHBoxLayout()
        self.date_label = QLabel(self)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day), self)
        self.date_edit.setObjectName("takings_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        self.from_label, self.to_label = QLabel(self), QLabel(self)
        self.from_edit, self.to_edit = QLineEdit(self), QLineEdit(self)
        for edit, name, hint in (
            (self.from_edit, "takings_from", "00:00"),
            (self.to_edit, "takings_to", "24:00"),
        ):
            edit.setObjectName(name)
            edit.setPlaceholderText(hint)
            edit.setMaximumWidth(70)
        self.workstation_label, self.clerk_label = QLabel(self), QLabel(self)
        self.workstation_box = QComboBox(self)
        self.workstation_box.setObjectName("takings_workstation")
        self.clerk_box = QComboBox(self)
        self.clerk_box.setObjectName("takings_clerk")
        for box in (self.workstation_box, self.clerk_box):
            box.setMinimumWidth(150)
            box.addItem("", None)
        self.show_button = QPushButton(self)
        self.show_button.setObjectName("takings_show")
        self.show_button.clicked.connect(lambda _c=False: self.reload())
        for widget in (
            self.date_label,
            self.date_edit,
            self.from_label,
            self.from_edit,
            self.to_label,
            self.to_edit,
            self.workstation_label,
            self.workstation_box,
            self.clerk_label,
            self.clerk_box,
            self.show_button,
        ):
            picker.addWidget(widget)
        picker.addStretch(1)
        self.heading = QLabel(self)
        self.heading.setObjectName("takings_heading")
        self.heading.setStyleSheet(FIGURE_STYLE)
        self.heading.setWordWrap(True)
        self.method_table = self._table("takings_methods", self.methods)
        self.method_table.activated.connect(self._method_activated)
        self.summary = QLabel(self)
        self.summary.setObjectName("takings_summary")
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        beside = QHBoxLayout()
        beside.addWidget(self.method_table, 3)
        beside.addWidget(self.summary, 2)
        self.lines_title = QLabel(self)
        self.lines_title.setObjectName("takings_lines_title")
        self.all_lines_button = QPushButton(self)
        self.all_lines_button.setObjectName("takings_all_lines")
        self.all_lines_button.clicked.connect(lambda _c=False: self.show_lines(None))
        title_row = QHBoxLayout()
        title_row.addWidget(self.lines_title, 1)
        title_row.addWidget(self.all_lines_button)
        self.line_table = self._table("takings_lines", self.lines)
        self.line_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        bottom = QHBoxLayout()
        self.hint = QLabel(self)
        self.hint.setObjectName("takings_hint")
        self.hint.setStyleSheet("color: #607d8b;")
        bottom.addWidget(self.hint, 1)
        self.count_button = QPushButton(self)
        self.count_button.setObjectName("count_drawer")
        self.count_button.clicked.connect(lambda _c=False: self.count_drawer())
        bottom.addWidget(self.count_button)
        self.pdf_button = QPushButton(self)
        self.pdf_button.setObjectName("save_pdf")
        self.pdf_button.clicked.connect(lambda _c=False: self.save_pdf())
        self.pdf_button.setVisible(self._save_pdf is not None)
        bottom.addWidget(self.pdf_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        self.close_button = close.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("close_button")
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(self.heading)
        layout.addLayout(beside, 3)
        layout.addLayout(title_row)
        layout.addWidget(self.line_table, 4)
        layout.addLayout(bottom)
        self._enable()

    def _table(self, name: str, model: MethodTableModel | LineTableModel) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Day's takings"))
        self.date_label.setText(self.tr("Day"))
        self.from_label.setText(self.tr("From"))
        self.to_label.setText(self.tr("To"))
        self.workstation_label.setText(self.tr("Workstation"))
        self.clerk_label.setText(self.tr("Clerk"))
        self.workstation_box.setItemText(0, self.tr("All"))
        self.clerk_box.setItemText(0, self.tr("All"))
        self.show_button.setText(self.tr("Show"))
        self.all_lines_button.setText(self.tr("All lines"))
        self.count_button.setText(self.tr("Count drawer…"))
        self.pdf_button.setText(self.tr("Save PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.hint.setText(self.tr("Double-click a method to list the lines behind it."))
        self._show_heading()

    # --- the report -------------------------------------------------------------------------

    def query(self) -> TakingsQuery:
        """The day, shift and filters picked (InvalidInput naming a mistyped time)."""
        day = self.date_edit.date().toPython()
        assert isinstance(day, date)
        shift = Shift.of(day, self.from_edit.text(), self.to_edit.text())
        return TakingsQuery(shift, self.workstation_box.currentData(), self.clerk_box.currentData())

    def reload(self) -> None:
        try:
            query = self.query()
        except InvalidInput as error:
            prompts.warning(self, self.tr("Check the shift"), self._problems(error))
            return
        self._generation += 1
        generation, report = self._generation, self._report

        def done(takings: Takings) -> None:
            if generation == self._generation:
                self.show_takings(takings)

        def failed(error: Exception) -> None:
            if generation == self._generation:
                prompts.error(
                    self, self.tr("Cannot read the takings"), failure_text(error, self._translate)
                )

        self.heading.setText(self.tr("Reading the takings…"))
        background.run(
            lambda: report(query), done=done, failed=failed, owner=self, lane=Lane.REFRESH
        )

    def show_takings(self, takings: Takings) -> None:
        self.takings = takings
        self._fill(self.workstation_box, [(w, w) for w in takings.workstations])
        self._fill(self.clerk_box, [(name, username) for username, name in takings.clerks])
        self.methods.show(takings)
        self.show_lines(None)
        self._show_summary()
        self._show_heading()
        self._enable()

    def _fill(self, box: QComboBox, choices: list[tuple[str, str]]) -> None:
        """The choices the day offers, the one picked kept (even if it has no lines)."""
        picked = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        keys = [key for _text, key in choices]
        if picked is not None and picked not in keys:
            choices.append((picked, picked))
        for text, key in choices:
            box.addItem(text, key)
        box.setCurrentIndex(max(0, box.findData(picked)) if picked is not None else 0)
        box.blockSignals(False)

    def _show_heading(self) -> None:
        takings = self.takings
        if takings is None:
            return
        query = takings.query
        self.heading.setText(
            self.tr("%1 · %2 · workstation: %3 · clerk: %4 · as of %5")
            .replace("%1", takings.shop_name or self.tr("Day's takings"))
            .replace("%2", query.shift.label())
            .replace("%3", query.workstation or self.tr("all"))
            .replace("%4", takings.clerk_name or self.tr("all"))
            .replace("%5", f"{takings.generated_at:%H:%M}")
        )

    def _show_summary(self) -> None:
        takings = self.takings
        if takings is None:
            return
        total = takings.total
        rows = [
            (self.tr("Net takings"), yuan(total.net_cents)),
            (self.tr("Deposits taken"), yuan(total.deposits_cents)),
            (self.tr("Deposits used"), yuan(total.deposits_used_cents)),
            (self.tr("Refunds"), yuan(total.refunds_cents)),
            (self.tr("Expected cash in the drawer"), yuan(total.expected_cash_cents)),
        ]
        html = "".join(f"<tr><td>{k}</td><td align='right'><b>{v}</b></td></tr>" for k, v in rows)
        counts = []
        for count in takings.counts:
            difference = count.difference_cents
            if difference > 0:
                state = self.tr("%1 over").replace("%1", yuan(difference))
            elif difference < 0:
                state = self.tr("%1 short").replace("%1", yuan(-difference))
            else:
                state = self.tr("balanced")
            counts.append(
                self.tr("%1 (%2): counted %3, expected %4, %5, by %6 at %7")
                .replace("%1", _escape(count.workstation))
                .replace("%2", count.shift.label())
                .replace("%3", yuan(count.counted_cents))
                .replace("%4", yuan(count.expected_cents))
                .replace("%5", state)
                .replace("%6", _escape(count.counted_by))
                .replace("%7", f"{count.at:%H:%M}")
                + (f"<br/><i>{_escape(count.note)}</i>" if count.note else "")
            )
        drawer = "<br/>".join(counts) if counts else self.tr("The drawer has not been counted.")
        title = self.tr("Cash drawer")
        self.summary.setText(
            f"<table cellspacing='4'>{html}</table><p><b>{title}</b><br/>{drawer}</p>"
        )

    def show_lines(self, method: PaymentMethod | None) -> None:
        """The lines behind a method's figures, or every line."""
        takings = self.takings
        lines = () if takings is None else lines_behind(takings.lines, method)
        self.lines.show(lines)
        if method is None:
            self.lines_title.setText(self.tr("All lines (%1)").replace("%1", str(len(lines))))
        else:
            self.lines_title.setText(
                self.tr("Lines by %1 (%2)")
                .replace("%1", self._translate(PAYMENT_LABELS[method]))
                .replace("%2", str(len(lines)))
            )
        self.all_lines_button.setEnabled(method is not None)

    def _method_activated(self, index: QModelIndex) -> None:
        self.show_lines(self.methods.data(index, RECORD_ROLE))

    def _enable(self) -> None:
        self.count_button.setEnabled(self.takings is not None)
        self.pdf_button.setEnabled(self.takings is not None)

    def _problems(self, error: InvalidInput) -> str:
        labels = {
            "from": self.tr("From"),
            "to": self.tr("To"),
            "counted": self.tr("Cash counted"),
            "note": self.tr("Note"),
            "workstation": self.tr("Drawer (workstation)"),
            "date": self.tr("Day"),
            "clerk": self.tr("Clerk"),
        }
        return "\n".join(
            f"{labels.get(p.field, p.field)}: {p.render(self._translate)}" for p in error.problems
        )

    # --- counting the drawer --------------------------------------------------------------------

    # Replaced in tests: the form needs a person to fill it in.
    def ask_count(self, typed: DrawerCountForm | None, problem: str) -> DrawerCountForm | None:
        takings = self.takings
        assert takings is not None
        workstation = takings.query.workstation or self._workstation
        group = next((g for g in takings.per_workstation if g.key == workstation), None)
        expected = group.totals.expected_cash_cents if group is not None else 0
        dialog = DrawerCountDialog(
            takings.query.shift, workstation, expected, typed=typed, problem=problem, parent=self
        )
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.form()
        finally:
            dialog.deleteLater()

    def count_drawer(self, typed: DrawerCountForm | None = None, problem: str = "") -> None:
        if self.takings is None:
            return
        form = self.ask_count(typed, problem)
        if form is None:
            return
        count = self._count
        self.count_button.setEnabled(False)

        def done(recorded: DrawerCount) -> None:
            self._enable()
            self.hint.setText(
                self.tr("Count recorded: %1, difference %2")
                .replace("%1", yuan(recorded.counted_cents))
                .replace("%2", yuan(recorded.difference_cents))
            )
            self.reload()

        def failed(error: Exception) -> None:
            self._enable()
            if isinstance(error, InvalidInput):
                self.count_drawer(form, self._problems(error))  # what was typed, and why
                return
            prompts.error(
                self, self.tr("Cannot record the count"), failure_text(error, self._translate)
            )

        background.run(lambda: count(form), done=done, failed=failed, owner=self)

    # --- the PDF ----------------------------------------------------------------------------------

    # Replaced in tests: the system's file dialog needs a person.
    def ask_save_path(self) -> str:
        assert self.takings is not None
        folder = (self._settings.receipt_folder if self._settings else "") or str(Path.home())
        name = f"takings-{self.takings.query.shift.label().replace(' ', '_').replace(':', '')}.pdf"
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save PDF"), str(Path(folder) / name), "PDF (*.pdf)"
        )
        return path

    def save_pdf(self) -> None:
        takings, save = self.takings, self._save_pdf
        if takings is None or save is None:
            return
        path = self.ask_save_path()
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")

        def done(written: Path) -> None:
            if self._settings is not None:
                self._settings.receipt_folder = str(written.parent)
            self.hint.setText(self.tr("Saved: %1").replace("%1", str(written)))

        def failed(error: Exception) -> None:
            if isinstance(error, OSError):
                text = (
                    self.tr("%1 could not be written: %2")
                    .replace("%1", str(target))
                    .replace("%2", error.strerror or str(error))
                )
            else:
                text = failure_text(error, self._translate)
            prompts.error(self, self.tr("Cannot save"), text)

        background.run(lambda: save(takings, target), done=done, failed=failed, owner=self)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
