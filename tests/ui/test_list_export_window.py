"""Jobs ▸ Export list… in the window: the list as shown (search applied) to a file, masked for a
clerk, full numbers only when a manager says so, progress shown by the worker, Cancel leaving
nothing behind."""

from __future__ import annotations

import csv
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QProgressDialog, QPushButton

from desktop_app.app import create_application
from desktop_app.domain.list_export import ExportRows
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import mask_phone
from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.receipts import job_list_export
from desktop_app.ui.list_export import ListExporter
from desktop_app.ui.main_window import MainWindow
from desktop_app.ui.models.staff_models import event_facts
from tests.helpers import add_user, check_in_form
from tests.ui.driving import wait_idle


def open_window(qtbot, services, ui_settings, clock, role: Role) -> MainWindow:
    create_application()
    clerk = add_user(services, "clerk", "王晓红", Role.CLERK)
    for index in range(7):
        name = "张伟" if index % 2 == 0 else "李娜"
        services.jobs.check_in(
            check_in_form(customer_name=name, phone=f"1391234{index:04d}"), clerk
        )
        clock.advance(minutes=2)
    person = clerk if role is Role.CLERK else add_user(services, "boss", "张经理", role)
    main = MainWindow(services, person, ui_settings, now=clock)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    wait_idle(qtbot)
    return main


def search(qtbot, window: MainWindow, text: str) -> list:
    window.search_box.setText(text)
    window.apply_filters()
    wait_idle(qtbot)
    return [window.model.row_of(i) for i in range(window.model.rowCount())]


def export(qtbot, window: MainWindow, monkeypatch, path: Path, full: bool | None = None):
    monkeypatch.setattr(ListExporter, "ask_save_path", lambda self: str(path))

    def asked(self) -> bool:
        assert full is not None, "only a manager is asked about the full numbers"
        return full

    monkeypatch.setattr(ListExporter, "ask_full_phones", asked)
    assert window.export_action.isEnabled()
    window.export_action.trigger()
    exporter = window.exporter
    assert exporter is not None
    if exporter.running:
        with qtbot.waitSignal(exporter.finished, timeout=30_000) as finished:
            pass
        return finished.args[0]
    return None


def test_a_clerk_exports_the_searched_list_masked(
    qtbot, services, ui_settings, clock, tmp_path, monkeypatch
):
    window = open_window(qtbot, services, ui_settings, clock, Role.CLERK)
    shown = search(qtbot, window, "李娜")
    assert len(shown) == 3
    done = export(qtbot, window, monkeypatch, tmp_path / "list.xlsx")
    assert done is not None and done.rows == 3 and not done.full_phones
    rows = list(load_workbook(tmp_path / "list.xlsx").active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [job.number for job in shown]
    assert [row[2] for row in rows[1:]] == [mask_phone(job.phone) for job in shown]
    assert "3" in window.statusBar().currentMessage()
    assert window.exporter is not None and window.exporter.progress is None  # closed


def test_a_manager_chooses_the_full_numbers_and_it_is_on_the_record(
    qtbot, services, ui_settings, clock, tmp_path, monkeypatch
):
    window = open_window(qtbot, services, ui_settings, clock, Role.MANAGER)
    shown = search(qtbot, window, "张伟")
    done = export(qtbot, window, monkeypatch, tmp_path / "full.csv", full=True)
    assert done is not None and done.full_phones and done.rows == 4
    text = (tmp_path / "full.csv").read_bytes().decode("utf-8-sig")
    lines = list(csv.reader(text.splitlines()))
    assert [line[2] for line in lines[1:]] == [job.phone for job in shown]
    entries = [
        e
        for e in services.users.staff_record(window.user)
        if e.kind is StaffEventKind.PHONES_EXPORTED
    ]
    assert len(entries) == 1 and entries[0].payload["rows"] == 4
    assert entries[0].actor == "张经理"
    # What the manager reads in Tools ▸ Users ▸ the staff record.
    facts = event_facts(entries[0])
    assert "jobs: 4" in facts and "“张伟”" in facts and "full.csv" in facts


def test_a_manager_who_says_no_gets_masked_numbers_and_no_record(
    qtbot, services, ui_settings, clock, tmp_path, monkeypatch
):
    window = open_window(qtbot, services, ui_settings, clock, Role.MANAGER)
    export(qtbot, window, monkeypatch, tmp_path / "masked.csv", full=False)
    text = (tmp_path / "masked.csv").read_bytes().decode("utf-8-sig")
    assert "****" in text and "13912340000" not in text
    kinds = [e.kind for e in services.users.staff_record(window.user)]
    assert StaffEventKind.PHONES_EXPORTED not in kinds


def test_progress_is_shown_and_cancel_leaves_no_file(
    qtbot, services, ui_settings, clock, tmp_path, monkeypatch
):
    window = open_window(qtbot, services, ui_settings, clock, Role.MANAGER)
    monkeypatch.setattr("desktop_app.services.list_export.EXPORT_BATCH", 2)
    reached, go = threading.Event(), threading.Event()
    real = job_list_export.write_job_list

    def held(export_rows: ExportRows, target: Path, translate) -> Path:
        """The real writer, held after the second row until the test has pressed Cancel."""

        def rows():
            for count, row in enumerate(export_rows.rows, start=1):
                yield row
                if count == 2:
                    reached.set()
                    assert go.wait(30)

        return real(replace(export_rows, rows=rows()), target, translate)

    monkeypatch.setattr("desktop_app.ui.list_export.write_job_list", held)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(ListExporter, "ask_save_path", lambda self: str(out / "big.xlsx"))
    monkeypatch.setattr(ListExporter, "ask_full_phones", lambda self: True)
    window.export_action.trigger()
    exporter = window.exporter
    assert exporter is not None and exporter.running
    progress = exporter.progress
    assert isinstance(progress, QProgressDialog)
    qtbot.waitUntil(lambda: progress.maximum() == 7 and progress.value() >= 0)
    assert reached.wait(30)
    assert not window.export_action.isEnabled() or exporter.running
    with qtbot.waitSignal(exporter.finished, timeout=30_000) as finished:
        cancel = next(b for b in progress.findChildren(QPushButton))
        cancel.click()
        go.set()
    assert finished.args == [None]
    assert list(out.iterdir()) == []
    assert "cancel" in window.statusBar().currentMessage().lower()
    kinds = [e.kind for e in services.users.staff_record(window.user)]
    assert StaffEventKind.PHONES_EXPORTED not in kinds


@pytest.mark.parametrize("name", ["theirs.xlsx", "theirs.csv"])
def test_a_file_we_did_not_make_is_refused_in_words(
    qtbot, services, ui_settings, clock, tmp_path, monkeypatch, name
):
    from desktop_app.ui import prompts

    shown: list[str] = []
    monkeypatch.setattr(prompts, "error", lambda parent, title, text: shown.append(text))
    window = open_window(qtbot, services, ui_settings, clock, Role.CLERK)
    theirs = tmp_path / name
    theirs.write_bytes(b"head office's own file")
    assert export(qtbot, window, monkeypatch, theirs) is None
    assert theirs.read_bytes() == b"head office's own file"
    assert len(shown) == 1 and "was not made by Repair Counter" in shown[0]
