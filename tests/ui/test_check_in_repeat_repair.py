"""The check-in dialog shows a repeat repair live: once the serial has a repaired hand-back whose
repair warranty covers today, a "same fault as job X" box (never ticked for the clerk) appears
with the earlier job's fault; ticking it makes the verdict free, naming the earlier job, and the
form carries the confirmation the service checks again."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.domain.check_in import RepeatCheck
from desktop_app.domain.national_calendar import package_calendar
from desktop_app.domain.repair_warranty import EarlierRepair
from desktop_app.domain.text import no_translation
from desktop_app.domain.workdays import WorkCalendar
from desktop_app.ui.dialogs.check_in_dialog import CheckInDialog
from tests.helpers import check_in_form
from tests.ui.driving import wait_idle

EARLIER = EarlierRepair("R20261001-0003", datetime(2026, 10, 9, 15, 0), "屏幕不亮", "更换屏幕")


def test_the_clerk_confirms_a_repeat_repair(qtbot) -> None:
    def repeat(serial: str) -> RepeatCheck:
        return RepeatCheck(EARLIER if serial == "SN-REPEAT-01" else None, 90)

    dialog = CheckInDialog(
        calendar=WorkCalendar(package_calendar("CN")),
        default_warranty_months=12,
        translate=no_translation,
        lookup_earlier=lambda serial: (),
        lookup_repeat=repeat,
        now=lambda: datetime(2026, 12, 1, 10, 0),
        initial=check_in_form(purchase_date=date(2024, 1, 1), serial="SN-OTHER-01"),
    )
    qtbot.addWidget(dialog)
    dialog._refresh_earlier_jobs()
    wait_idle(qtbot)
    assert dialog.repeat_check.isHidden()
    assert dialog.verdict_label.text() == "Paid repair"
    dialog.serial.setText("SN-REPEAT-01")
    dialog._refresh_earlier_jobs()
    wait_idle(qtbot)
    assert not dialog.repeat_check.isHidden() and not dialog.repeat_check.isChecked()
    assert "R20261001-0003" in dialog.repeat_check.text()
    assert "2027-01-07" in dialog.repeat_check.text()  # 2026-10-09 + 90 days
    assert "屏幕不亮" in dialog.repeat_label.text() and "更换屏幕" in dialog.repeat_label.text()
    assert dialog.verdict_label.text() == "Paid repair"  # not until the clerk confirms
    assert dialog.form().repeat_of is None
    dialog.repeat_check.setChecked(True)
    assert dialog.verdict_label.text() == "Free warranty repair"
    assert "repeat repair: the same fault as job R20261001-0003" in dialog.reasons_label.text()
    assert dialog.form().repeat_of == "R20261001-0003"
    dialog.serial.setText("SN-OTHER-01")  # another serial: the confirmation goes
    dialog._refresh_earlier_jobs()
    wait_idle(qtbot)
    assert dialog.repeat_check.isHidden() and dialog.form().repeat_of is None
    assert dialog.verdict_label.text() == "Paid repair"
