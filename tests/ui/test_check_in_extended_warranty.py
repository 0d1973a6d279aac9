"""The check-in's live verdict counts a warranty an earlier job's compensation extended, as the
service does when it saves."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.text import no_translation
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from tests.helpers import check_in_form
from tests.ui.driving import wait_idle


def test_the_verdict_counts_the_serials_extended_warranty(qtbot) -> None:
    asked: list[str] = []

    def extension(serial: str) -> date | None:
        asked.append(serial)
        return date(2027, 1, 30) if serial == "SN-EXT-0001" else None

    dialog = CheckInDialog(
        calendar=WorkCalendar(package_calendar("CN")),
        default_warranty_months=12,
        translate=no_translation,
        lookup_earlier=lambda serial: (),
        lookup_extension=extension,
        now=lambda: datetime(2026, 12, 1, 10, 0),
        initial=check_in_form(purchase_date=date(2024, 1, 1), serial="SN-EXT-0002"),
    )
    qtbot.addWidget(dialog)
    dialog._refresh_earlier_jobs()
    wait_idle(qtbot)
    assert "warranty ended 2025-01-01" in dialog.reasons_label.text()
    dialog.serial.setText("SN-EXT-0001")
    dialog._refresh_earlier_jobs()
    wait_idle(qtbot)
    assert "SN-EXT-0001" in asked
    assert "in warranty until 2027-01-30 (extended as compensation)" in (
        dialog.reasons_label.text()
    )
