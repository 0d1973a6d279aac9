"""A date a person may leave empty: typed as on the voucher, or picked from a calendar.

A QDateEdit has no empty state, so a check-in's purchase date used to start at today and an
untouched field promised a 7-day return and a year's warranty. Its special "not set" value does
not take typing either (digits land after the special text). This is a line edit: empty until
the clerk types (2026-06-01, 2026/6/1, 20260601, 2026年6月1日) or picks a day from the calendar
its arrow opens on the current month.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop_app.domain.forms import parse_typed_date


class DateField(QLineEdit):
    """`date()` is the date typed or picked, None while empty or not (yet) a date."""

    dateChanged = Signal()

    def __init__(
        self,
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        earliest: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._earliest = earliest
        self.setMaxLength(20)
        self.textChanged.connect(lambda _text: self.dateChanged.emit())
        self.picker = QToolButton(parent)
        self.picker.setObjectName("date_picker")
        self.picker.setArrowType(Qt.ArrowType.DownArrow)
        self.picker.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        self.picker.clicked.connect(self.open_calendar)
        self.calendar = QCalendarWidget(self)
        self.calendar.setWindowFlags(Qt.WindowType.Popup)
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)

    def with_picker(self) -> QWidget:
        """The field and its calendar button, for a form row."""
        row = QWidget(self.parentWidget())
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        layout.addWidget(self.picker)
        return row

    def date(self) -> date | None:
        try:
            return parse_typed_date(self.text())
        except ValueError:
            return None

    def is_date(self) -> bool:
        """True when the field is empty or holds a date; False for text that is not a date."""
        try:
            parse_typed_date(self.text())
        except ValueError:
            return False
        return True

    def setDate(self, day: date | QDate | None) -> None:
        if isinstance(day, QDate):
            day = day.toPython()
        self.setText(day.isoformat() if day is not None else "")

    def open_calendar(self) -> None:
        """Opens on the date typed, else on this month; looking is not choosing."""
        shown = self.date() or self._today()
        if self._earliest is not None:
            self.calendar.setMinimumDate(QDate(self._earliest))
        self.calendar.setMaximumDate(QDate(self._today()))
        if self.date() is not None:
            self.calendar.setSelectedDate(QDate(shown))
        self.calendar.setCurrentPage(shown.year, shown.month)
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.EnabledChange:
            self.picker.setEnabled(self.isEnabled())  # disabled with the field while saving
        super().changeEvent(event)

    def _picked(self, day: QDate) -> None:
        self.setDate(day)
        self.calendar.hide()
        self.setFocus()
