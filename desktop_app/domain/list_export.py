"""Exporting the job list as shown (its search and filters) to a spreadsheet file.

Phones are masked unless a manager asks for the full numbers; that choice is on the record
(who, when, how many rows, which query: `query_facts`). Who may export at all: anyone signed
in, masked, since the file holds no more than the list each role already sees on screen; the
full numbers only with `Action.LIST_FULL_PHONES` (a manager), as on the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from desktop_app.domain.errors import InvalidInput
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.text import N_
from desktop_app.domain.workdays import WorkCalendar

# Rows read from the database per transaction (the list's keyset pages).
EXPORT_BATCH = 1000


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


def format_of(path: str | PurePath) -> ExportFormat:
    """The format a file name asks for, by its extension; anything else is refused."""
    suffix = PurePath(path).suffix.lower().lstrip(".")
    for kind in ExportFormat:
        if suffix == kind.value:
            return kind
    raise InvalidInput.single(
        "file", N_("the file name must end in .xlsx (Excel) or .csv: {name}"), name=str(path)
    )


class ExportStage(StrEnum):
    READING = "reading"  # rows read from the database (a CSV is written as they come)
    WRITING = "writing"  # the workbook written from what was read


class ExportCancelled(Exception):
    """The person cancelled the export: no file is left and nothing is recorded. Not a
    DomainError: nobody is told off for it."""


# Told how far the export is: (stage, done, of). It may raise ExportCancelled to stop.
Progress = Callable[[ExportStage, int, int], None]


def no_progress(_stage: ExportStage, _done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class ExportRows:
    """What a file writer gets: the rows in the list's order (streamed; phones already masked
    unless `full_phones`), how many there are, and the shop's calendar and the moment the
    working-day clocks are counted at."""

    rows: Iterable[JobRow]
    total: int
    calendar: WorkCalendar
    now: datetime
    full_phones: bool
    progress: Progress = no_progress


@dataclass(frozen=True)
class ListExport:
    """A finished export."""

    path: PurePath
    rows: int
    full_phones: bool
    format: ExportFormat


def query_facts(query: JobQuery, technician: str | None) -> dict[str, Any]:
    """The query as the record keeps it: enough for a manager to see later what was exported."""
    facts: dict[str, Any] = {}
    if query.text:
        facts["text"] = query.text
    if query.statuses:
        facts["statuses"] = sorted(status.value for status in query.statuses)
    if query.open_only:
        facts["open_only"] = True
    if query.due is not None:
        facts["due"] = query.due.value
    if query.technician_id is not None:
        facts["technician_id"] = query.technician_id
        facts["technician"] = technician or ""
    if query.figure is not None:
        facts["figure"] = query.figure.figure.value
        facts["period"] = [
            query.figure.period.start.isoformat(),
            query.figure.period.end.isoformat(),
        ]
    return facts
