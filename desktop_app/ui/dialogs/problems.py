"""What every input dialog does the same way: mark broken rules, and wait for a save.

`show_problems` is the one way a dialog marks the fields an `InvalidInput` names and lists the
rules broken, keeping everything typed. `Saving` is the one way a dialog waits for its caller's
service call, which runs in the background (ui/background.py): OK and Cancel and the inputs are
disabled meanwhile, a "Saving…" line appears only if it takes long enough to notice, and a
failure gives everything back as typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QWidget

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.text import Translator

INVALID_STYLE = "border: 2px solid #c62828;"

Submit = Callable[[Any], None]


def field_said(label: str, message: str) -> str:
    """A rule broken, named with its field: "Purchase date: …" (a full-width colon in Chinese)."""
    return (
        QCoreApplication.translate("Problems", "{field}: {message}")
        .replace("{field}", label)
        .replace("{message}", message)
    )


def show_problems(
    error: InvalidInput,
    widgets: Mapping[str, QWidget],
    label_of: Callable[[str], str],
    error_label: QLabel,
    translate: Translator,
) -> QWidget | None:
    """Mark every bad field and list the rules broken; returns the first marked widget."""
    for widget in widgets.values():
        widget.setStyleSheet("")
        widget.setToolTip("")
    lines = []
    first: QWidget | None = None
    for problem in error.problems:
        message = problem.render(translate)
        lines.append(f"• {field_said(label_of(problem.field), message)}")
        widget = widgets.get(problem.field)
        if widget is not None:
            widget.setStyleSheet(INVALID_STYLE)
            widget.setToolTip(message)
            first = first or widget
    error_label.setText("\n".join(lines))
    error_label.show()
    return first


def marked_fields(widgets: Mapping[str, QWidget]) -> set[str]:
    return {name for name, widget in widgets.items() if widget.styleSheet() == INVALID_STYLE}


class Saving:
    """A dialog's state while its caller saves what was typed."""

    def __init__(
        self,
        dialog: QDialog,
        buttons: Iterable[QAbstractButton],
        inputs: Callable[[], Iterable[QWidget]],
    ) -> None:
        self._dialog = dialog
        self._buttons = tuple(buttons)
        self._inputs = inputs
        self.active = False
        self.label = QLabel(dialog)
        self.label.setObjectName("busy_label")
        self.label.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(QCoreApplication.translate("FormDialog", "Saving…"))

    def start(self) -> None:
        self._enable(False)

    def stop(self) -> None:
        self._enable(True)
        self.show_busy(False)

    def show_busy(self, busy: bool) -> None:
        self.label.setVisible(busy)
        if busy:
            self._dialog.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self._dialog.unsetCursor()

    def _enable(self, enabled: bool) -> None:
        self.active = not enabled
        for widget in (*self._buttons, *self._inputs()):
            widget.setEnabled(enabled)


class SavesInBackground:
    """Mixed into a QDialog (before QDialog in the bases): OK hands the typed value to the
    caller's `submit`, which saves it in the background; the dialog stays open until the caller
    says `succeeded()` (it closes) or `failed()` (everything typed stays, problems marked)."""

    saving: Saving
    _submit: Submit | None = None
    show_problems: Callable[[InvalidInput], object]  # each dialog marks its own widgets

    def set_submit(self, submit: Submit) -> None:
        self._submit = submit

    def submit_or_accept(self, value: object) -> None:
        """Called by the dialog's accept() once its own checks pass."""
        if self._submit is None:
            QDialog.accept(self)  # type: ignore[arg-type]
            return
        self.saving.start()
        self._submit(value)

    def reject(self) -> None:
        if not self.saving.active:  # a save in flight finishes first
            QDialog.reject(self)  # type: ignore[arg-type]

    def succeeded(self) -> None:
        self.saving.stop()
        QDialog.accept(self)  # type: ignore[arg-type]

    def failed(self, error: InvalidInput | None = None) -> None:
        self.saving.stop()
        if error is not None:
            self.show_problems(error)

    def show_busy(self, busy: bool) -> None:
        self.saving.show_busy(busy)


class MarksProblems:
    """Mixed into a QDialog (before QDialog in the bases) whose inputs are `_fields` by name,
    labelled `_labels`, with one `error_label` above them: a refusal is said there, and an
    `InvalidInput` marks its fields, lists the rules broken and puts the cursor on the first."""

    _fields: dict[str, QWidget]
    _labels: dict[str, str]
    _translate: Translator
    error_label: QLabel
    saving: Saving

    def show_problems(self, error: InvalidInput) -> None:
        first = show_problems(
            error,
            self._fields,
            lambda field: self._labels.get(field, field),
            self.error_label,
            self._translate,
        )
        if first is not None:
            first.setFocus()

    def show_refusal(self, text: str) -> None:
        """A refusal that names no field (the account was disabled meanwhile, …)."""
        self.saving.stop()
        self.error_label.setText(text)
        self.error_label.show()
