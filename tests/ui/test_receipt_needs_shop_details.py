"""The window refuses to show or print a receipt while the shop has no name or hotline, and says
what is missing and who fills it in (the same check as the command line's)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from desktop_app.app import create_application
from desktop_app.ui import prompts
from desktop_app.ui.dialogs.receipt_dialog import ReceiptDialog
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.settings import UiSettings
from tests.helpers import actor, check_in_form, fill_receipt_details
from tests.ui.driving import run_modal, wait_idle


def test_no_receipt_without_a_hotline_then_one_once_it_is_filled_in(
    qtbot, services, clock, tmp_path, monkeypatch
):
    create_application()
    fill_receipt_details(services, hotline="")
    manager = actor(services)
    job = services.jobs.check_in(check_in_form(), manager)
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, manager, settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)

    warnings: list[tuple[str, str]] = []
    monkeypatch.setattr(
        prompts, "warning", lambda _parent, title, text: warnings.append((title, text))
    )
    opened: list[ReceiptDialog] = []
    monkeypatch.setattr(ReceiptDialog, "exec", lambda dialog: opened.append(dialog))
    window.show_receipt(job)
    window.show_receipt(job, "return")
    assert opened == []
    assert (
        warnings
        == [
            (
                "Print receipt",
                "receipts cannot be printed without the after-sales hotline: a manager fills it in "
                "the shop settings",
            )
        ]
        * 2
    )

    monkeypatch.undo()
    fill_receipt_details(services)
    window.close()
    window = MainWindow(services, manager, settings, now=clock)
    qtbot.addWidget(window)
    window.show()
    wait_idle(qtbot)
    shown: list[int] = []

    def receipt(dialog: ReceiptDialog) -> None:
        shown.append(dialog.page_count())
        dialog.reject()

    run_modal(qtbot, lambda: window.show_receipt(job), receipt)
    assert shown and shown[0] >= 1
