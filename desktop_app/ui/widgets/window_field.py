"""An appointment's window: a day and a time from–to (09:00–12:00), or none when optional.

`value()` is (start, end) as datetimes, or None while "none" is ticked. The rules (end after
start, not in the past…) are the domain's (domain/visits.py): this widget only collects.
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QCheckBox, QDateEdit, QHBoxLayout, QLabel, QTimeEdit, QWidget

Window = tuple[datetime, datetime]


class WindowField(QWidget):
    def __init__(
        self,
        default: Window | None,
        *,
        optional: bool,
        none_label: str = "",
        to_label: str = "–",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.none_box: QCheckBox | None = None
        if optional:
            self.none_box = QCheckBox(none_label, self)
            self.none_box.setObjectName("window_none")
            self.none_box.toggled.connect(lambda _on: self._enable())
            layout.addWidget(self.none_box)
        self.day = QDateEdit(self)
        self.day.setObjectName("window_day")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit(self)
        self.start.setObjectName("window_start")
        self.start.setDisplayFormat("HH:mm")
        self.end = QTimeEdit(self)
        self.end.setObjectName("window_end")
        self.end.setDisplayFormat("HH:mm")
        layout.addWidget(self.day)
        layout.addWidget(self.start)
        layout.addWidget(QLabel(to_label, self))
        layout.addWidget(self.end)
        layout.addStretch(1)
        if default is None:
            tomorrow = QDate.currentDate().addDays(1)
            self.set_value((tomorrow.toPython(), time(9)), time(12))
            if self.none_box is not None:
                self.none_box.setChecked(True)
        else:
            self.set_value((default[0].date(), default[0].time()), default[1].time())
        self._enable()

    def set_value(self, start: tuple[date, time], end: time) -> None:
        self.day.setDate(QDate(start[0]))
        self.start.setTime(QTime(start[1].hour, start[1].minute))
        self.end.setTime(QTime(end.hour, end.minute))

    def set_window(self, window: Window | None) -> None:
        """Show `window`, or tick "none" (when optional)."""
        if window is None:
            if self.none_box is not None:
                self.none_box.setChecked(True)
            return
        if self.none_box is not None:
            self.none_box.setChecked(False)
        self.set_value((window[0].date(), window[0].time()), window[1].time())

    def value(self) -> Window | None:
        if self.none_box is not None and self.none_box.isChecked():
            return None
        day: date = self.day.date().toPython()
        start: time = self.start.time().toPython()
        end: time = self.end.time().toPython()
        return datetime.combine(day, start), datetime.combine(day, end)

    def _enable(self) -> None:
        on = self.none_box is None or not self.none_box.isChecked()
        for widget in (self.day, self.start, self.end):
            widget.setEnabled(on)
