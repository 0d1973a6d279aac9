"""Exporting the job list as shown, on SQLite and a real PostgreSQL server: the same rows as the
list in the same order, phones masked unless a manager asks (and then on the record), a cancel
or a refusal leaving neither file nor record, read back with openpyxl and csv."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.data.db import Database, open_database
from desktop_app.data.models import JobEvent, StaffEvent
from desktop_app.domain.errors import InvalidInput, NotOurFile
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.list_export import ExportCancelled, ExportRows, ExportStage
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.roles import NotPermitted, Role
from desktop_app.domain.rules import mask_phone
from desktop_app.domain.text import no_translation
from desktop_app.domain.vocabulary import EventKind, StaffEventKind
from desktop_app.domain.workflow import Status
from desktop_app.receipts.job_list_export import CSV_KEYS, write_job_list
from desktop_app.receipts.output_files import UTF8_BOM
from tests.helpers import check_in_form


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def save(export: ExportRows, path: Path) -> Path:
    return write_job_list(export, path, no_translation)


def looks_and_entries(database: Database) -> tuple[int, int]:
    with database.read() as session:
        looks = session.scalar(
            select(func.count())
            .select_from(JobEvent)
            .where(JobEvent.kind == EventKind.PHONE_REVEALED.value)
        )
        entries = session.scalar(
            select(func.count())
            .select_from(StaffEvent)
            .where(StaffEvent.kind == StaffEventKind.PHONES_EXPORTED.value)
        )
    return looks or 0, entries or 0


@pytest.fixture
def jobs(services, staff, clock):
    """Seven jobs: four for 张伟 (two of them moved on to diagnosing), three for others."""
    made = []
    for index in range(7):
        name = "张伟" if index % 2 == 0 else "李娜"
        phone = f"1391234{index:04d}"
        job = services.jobs.check_in(
            check_in_form(customer_name=name, phone=phone), staff[Role.CLERK]
        )
        clock.advance(minutes=3)
        made.append(job)
    for job in made[:4:2]:
        services.jobs.change_status(job.id, Status.DIAGNOSING, staff[Role.TECHNICIAN])
    return made


def list_rows(services, query: JobQuery) -> list:
    rows, after = [], None
    while True:
        page = services.jobs.search(query, after=after, limit=2)
        rows += page.rows
        if page.next_cursor is None:
            return rows
        after = page.next_cursor


def test_the_rows_are_the_lists_rows_in_its_order_masked(services, staff, jobs, tmp_path):
    query = JobQuery(text="张伟", statuses=frozenset({Status.RECEIVED}))
    shown = list_rows(services, query)
    assert len(shown) == 2  # a search and a filter both applied
    path = tmp_path / "list.xlsx"
    done = services.exports.export_list(query, staff[Role.CLERK], path, save)
    assert done.rows == 2 and not done.full_phones and done.path == path
    sheet = load_workbook(path).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("Job number", "Customer", "Phone", "Product")
    assert [row[0] for row in values[1:]] == [row.number for row in shown]
    assert [row[2] for row in values[1:]] == [mask_phone(row.phone) for row in shown]
    assert all("****" in row[2] for row in values[1:])


def test_csv_has_the_mark_the_keys_and_the_same_rows(services, staff, jobs, tmp_path):
    query = JobQuery(text="李娜")
    shown = list_rows(services, query)
    path = tmp_path / "list.csv"
    services.exports.export_list(query, staff[Role.TECHNICIAN], path, save)
    raw = path.read_bytes()
    assert raw.startswith(UTF8_BOM.encode("utf-8"))
    lines = list(csv.reader(raw.decode("utf-8").removeprefix(UTF8_BOM).splitlines()))
    assert tuple(lines[0]) == CSV_KEYS
    assert [line[0] for line in lines[1:]] == [row.number for row in shown]
    assert all(line[2] == mask_phone(row.phone) for line, row in zip(lines[1:], shown, strict=True))


def test_a_manager_may_have_the_full_numbers_and_it_is_recorded(
    services, staff, jobs, database, clock, tmp_path
):
    query = JobQuery(text="张伟")
    shown = list_rows(services, query)
    before = looks_and_entries(database)
    path = tmp_path / "full.xlsx"
    done = services.exports.export_list(query, staff[Role.MANAGER], path, save, full_phones=True)
    assert done.full_phones and done.rows == len(shown) == 4
    phones = [row[2] for row in load_workbook(path).active.iter_rows(min_row=2, values_only=True)]
    assert phones == [row.phone for row in shown]
    assert looks_and_entries(database) == (before[0] + 4, before[1] + 1)
    entry = next(
        e
        for e in services.users.staff_record(staff[Role.MANAGER])
        if e.kind is StaffEventKind.PHONES_EXPORTED
    )
    assert entry.at == clock() and entry.workstation == "test-counter"
    assert entry.payload["rows"] == 4 and entry.payload["format"] == "xlsx"
    assert entry.payload["text"] == "张伟" and entry.payload["file"] == "full.xlsx"
    # Each job's history says who saw the number, as a look in the job view does.
    history = services.jobs.get(shown[0].id).events
    assert history[-1].kind == EventKind.PHONE_REVEALED


@pytest.mark.parametrize("role", [Role.CLERK, Role.TECHNICIAN])
def test_clerks_and_technicians_are_refused_the_full_numbers(
    services, staff, jobs, database, tmp_path, role
):
    path = tmp_path / "full.csv"
    before = looks_and_entries(database)
    with pytest.raises(NotPermitted):
        services.exports.export_list(JobQuery(), staff[role], path, save, full_phones=True)
    assert not path.exists() and looks_and_entries(database) == before
    with pytest.raises(NotSignedIn):
        services.exports.export_list(JobQuery(), 999_999, path, save)  # type: ignore[arg-type]
    assert not path.exists()


@pytest.mark.parametrize("name", ["cancel.xlsx", "cancel.csv"])
def test_a_cancel_midway_leaves_no_file_and_no_record(
    services, staff, jobs, database, tmp_path, monkeypatch, name
):
    monkeypatch.setattr("desktop_app.services.list_export.EXPORT_BATCH", 2)
    told: list[tuple[ExportStage, int, int]] = []

    def progress(stage: ExportStage, done: int, total: int) -> None:
        told.append((stage, done, total))
        if done >= 4:
            raise ExportCancelled()

    before = looks_and_entries(database)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportCancelled):
        services.exports.export_list(
            JobQuery(),
            staff[Role.MANAGER],
            out / name,
            save,
            full_phones=True,
            progress=progress,
        )
    assert list(out.iterdir()) == []  # not the file, not its temporary file either
    assert looks_and_entries(database) == before
    assert told[:3] == [
        (ExportStage.READING, 0, 7),
        (ExportStage.READING, 2, 7),
        (ExportStage.READING, 4, 7),
    ]


def test_progress_counts_reading_then_writing_the_workbook(
    services, staff, jobs, tmp_path, monkeypatch
):
    monkeypatch.setattr("desktop_app.services.list_export.EXPORT_BATCH", 3)
    told: list[tuple[ExportStage, int, int]] = []
    services.exports.export_list(
        JobQuery(),
        staff[Role.CLERK],
        tmp_path / "all.xlsx",
        save,
        progress=lambda *step: told.append(step),
    )
    reading = [step for step in told if step[0] is ExportStage.READING]
    assert reading == [(ExportStage.READING, n, 7) for n in (0, 3, 6, 7)]
    assert told[-1] == (ExportStage.WRITING, 7, 7)


def test_a_file_we_did_not_make_is_refused_and_nothing_is_recorded(
    services, staff, jobs, database, tmp_path
):
    theirs = tmp_path / "head-office.xlsx"
    theirs.write_bytes(b"their own workbook")
    before = looks_and_entries(database)
    with pytest.raises(NotOurFile):
        services.exports.export_list(
            JobQuery(), staff[Role.MANAGER], theirs, save, full_phones=True
        )
    assert theirs.read_bytes() == b"their own workbook"
    assert looks_and_entries(database) == before
    with pytest.raises(InvalidInput) as refused:
        services.exports.export_list(JobQuery(), staff[Role.CLERK], tmp_path / "x.pdf", save)
    assert refused.value.fields() == {"file"}


def test_an_export_of_ours_may_be_replaced(services, staff, jobs, tmp_path):
    path = tmp_path / "again.csv"
    services.exports.export_list(JobQuery(text="张伟"), staff[Role.CLERK], path, save)
    services.exports.export_list(JobQuery(text="李娜"), staff[Role.CLERK], path, save)
    assert path.read_text(encoding="utf-8").count("\n") == 1 + 3


def test_nothing_found_gives_a_valid_file_with_headers(services, staff, jobs, tmp_path):
    for name in ("none.xlsx", "none.csv"):
        done = services.exports.export_list(
            JobQuery(text="没有这个人"), staff[Role.CLERK], tmp_path / name, save
        )
        assert done.rows == 0
    sheet = load_workbook(tmp_path / "none.xlsx").active
    assert sheet.max_row == 1 and sheet["A1"].value == "Job number"
    assert sheet.freeze_panes == "A2"
    text = (tmp_path / "none.csv").read_bytes().decode("utf-8")
    assert text == UTF8_BOM + ",".join(CSV_KEYS) + "\r\n"


def test_the_workbook_holds_real_types(services, staff, jobs, clock, tmp_path):
    path = tmp_path / "types.xlsx"
    services.exports.export_list(JobQuery(), staff[Role.CLERK], path, save)
    sheet = load_workbook(path).active
    headers = [c.value for c in sheet[1]]
    first = {h: c for h, c in zip(headers, sheet[2], strict=True)}
    assert isinstance(first["Checked in"].value, datetime)
    assert first["Checked in"].number_format == "yyyy-mm-dd hh:mm"
    assert isinstance(first["Repair due"].value, datetime)  # Excel keeps dates as date-times
    assert first["Repair due"].value.date() == jobs[-1].repair_due_date
    assert first["Repair due"].number_format == "yyyy-mm-dd"
    assert isinstance(first["Working days left"].value, int)
    assert first["Phone"].data_type == "s" and first["Job number"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len(jobs[0].number)
    assert isinstance(first["Repair due"].value.date(), date)
