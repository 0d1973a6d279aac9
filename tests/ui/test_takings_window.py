"""The day's takings window (pytest-qt): opened from the menu, the figures by method, a
workstation filter, the lines behind a method, a drawer count whose difference needs a note
(the form comes back with what was typed), and the PDF."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.roles import Role
from desktop_app.domain.takings import DrawerCountForm, Shift
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.services import Services
from desktop_app.ui.dialogs.takings_dialog import DrawerCountDialog, TakingsDialog
from tests.helpers import actor, add_user
from tests.receipts.pdfs import pdftotext, squeeze
from tests.takings_builder import add_job, pay
from tests.ui.driving import run_modal, type_text, wait_idle

DAY = date(2026, 11, 25)


def lines_for(services: Services) -> None:
    clerk = services.auth.sign_in("clerk", "counter-pass-1")
    job, _ = add_job(services, clerk)
    pay(
        services,
        job,
        clerk,
        PaymentKind.DEPOSIT,
        PaymentMethod.CASH,
        10_000,
        datetime(2026, 11, 25, 8, 0),
        workstation="test-counter",
    )
    pay(
        services,
        job,
        clerk,
        PaymentKind.PAYMENT,
        PaymentMethod.CASH,
        25_050,
        datetime(2026, 11, 25, 9, 0),
        workstation="test-counter",
        tendered_cents=30_000,
    )
    pay(
        services,
        job,
        clerk,
        PaymentKind.PAYMENT,
        PaymentMethod.WECHAT,
        8_800,
        datetime(2026, 11, 25, 9, 30),
        workstation="counter-2",
    )
    pay(
        services,
        job,
        clerk,
        PaymentKind.PAYMENT,
        PaymentMethod.CASH,
        999,
        datetime(2026, 11, 24, 23, 59, 59),
        workstation="test-counter",
    )


def test_the_clerk_counts_the_drawer_from_the_menu(qtbot, window, services, monkeypatch):
    lines_for(services)
    asked: list[tuple[DrawerCountForm | None, str]] = []

    def ask_count(self, typed, problem):
        asked.append((typed, problem))
        if typed is None:  # 350.00 counted where 350.50 is expected, and no note
            return DrawerCountForm(self.takings.query.shift, "test-counter", "350.00")
        return DrawerCountForm(typed.shift, typed.workstation, typed.counted, "少了五角")

    monkeypatch.setattr(TakingsDialog, "ask_count", ask_count)
    seen: dict[str, object] = {}

    def read(dialog: TakingsDialog) -> None:
        qtbot.waitUntil(lambda: dialog.takings is not None)
        wait_idle(qtbot)
        takings = dialog.takings
        seen["net"] = takings.total.net_cents
        seen["cash"] = dialog.methods.data(dialog.methods.index(0, 4))
        # The lines behind a method: double-click WeChat Pay's row.
        wechat = dialog.methods.index(1, 0)
        dialog.method_table.activated.emit(wechat)
        seen["wechat_lines"] = [line.amount_cents for line in dialog.lines.lines]
        dialog.all_lines_button.click()
        seen["all_lines"] = dialog.lines.rowCount()
        # One workstation.
        box = dialog.workstation_box
        box.setCurrentIndex(box.findData("counter-2"))
        dialog.show_button.click()
        qtbot.waitUntil(lambda: dialog.takings.query.workstation == "counter-2")
        seen["counter_2"] = dialog.takings.total.net_cents
        box.setCurrentIndex(box.findData("test-counter"))
        dialog.show_button.click()
        qtbot.waitUntil(lambda: dialog.takings.query.workstation == "test-counter")
        dialog.count_button.click()
        qtbot.waitUntil(lambda: bool(dialog.takings.counts))
        wait_idle(qtbot)
        seen["counts"] = dialog.takings.counts
        seen["summary"] = dialog.summary.text()
        dialog.close()

    run_modal(qtbot, window.takings_action.trigger, read)
    assert seen["net"] == 10_000 + 25_050 + 8_800  # the 23:59:59 of the day before is not ours
    assert seen["cash"] == "¥350.50"
    assert seen["wechat_lines"] == [8_800]
    assert seen["all_lines"] == 3
    assert seen["counter_2"] == 8_800
    # Refused without a note, asked again with what was typed and the reason.
    assert asked[0] == (None, "")
    typed, problem = asked[1]
    assert typed.counted == "350.00" and "Note" in problem and "¥350.50" in problem
    (count,) = seen["counts"]
    assert count.difference_cents == -50 and count.note == "少了五角"
    assert "¥0.50 short" in seen["summary"]


def test_the_count_form_shows_the_difference_and_returns_what_was_typed(qtbot):
    dialog = DrawerCountDialog(Shift(DAY), "test-counter", 35_050)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.counted, "351")
    assert dialog.difference.text() == "¥0.50 over"
    dialog.counted.clear()
    type_text(qtbot, dialog.counted, "12.345")
    assert dialog.difference.text() == "—"  # not an amount: no made-up difference
    dialog.counted.clear()
    type_text(qtbot, dialog.counted, "350.50")
    assert dialog.difference.text() == "none"
    type_text(qtbot, dialog.note, "复点")
    assert dialog.form() == DrawerCountForm(Shift(DAY), "test-counter", "350.50", "复点")


def test_a_manager_saves_the_pdf(qtbot, services, tmp_path: Path, monkeypatch):
    from desktop_app.receipts.takings_report import write_takings_pdf

    add_user(services, "clerk", "王晓红", Role.CLERK)
    lines_for(services)
    manager = actor(services)
    dialog = TakingsDialog(
        lambda query: services.takings.report(query, manager),
        lambda form: services.takings.count_drawer(form, manager),
        workstation="test-counter",
        today=DAY,
        translate=lambda text: text,
        save_pdf=lambda takings, path: write_takings_pdf(takings, path),
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.takings is not None)
    target = tmp_path / "day"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: str(target))
    dialog.pdf_button.click()
    wait_idle(qtbot)
    flat = squeeze(pdftotext((tmp_path / "day.pdf").read_bytes()))
    assert "¥350.50" in flat and "R20261125" in flat
    # A shift typed wrong is said, the report shown stays.
    monkeypatch.setattr("desktop_app.ui.prompts.warning", lambda *a: seen.append(a[2]))
    seen: list[str] = []
    dialog.from_edit.setText("9")
    dialog.show_button.click()
    assert seen and "From" in seen[0]
    assert dialog.takings is not None
