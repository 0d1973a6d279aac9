"""The job list's columns, declared once for every query that lists jobs.

The list, the clock lists and the technician's queue (queries.py) select these columns in this
order and build their `JobRow`s with `job_row`, so the order is spelled in one place. The
domain's `JobRow` knows nothing of it: column order is a fact about queries, not about the
agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.domain.rules import Coverage
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.workflow import Status

# The users table joined a second time, as the assigned technician (an outer join).
TECHNICIAN = "technician"


@dataclass(frozen=True)
class ListColumn:
    key: str  # the name job_row reads it by
    table: str  # SQL table name, or TECHNICIAN
    column: str  # column name, also the ORM attribute's name


JOB_LIST_COLUMNS: tuple[ListColumn, ...] = (
    ListColumn("id", "jobs", "id"),
    ListColumn("number", "jobs", "number"),
    ListColumn("customer_name", "customers", "name"),
    ListColumn("phone", "customers", "phone"),
    ListColumn("brand", "products", "brand"),
    ListColumn("model", "products", "model"),
    ListColumn("serial", "products", "serial"),
    ListColumn("status", "jobs", "status"),
    ListColumn("coverage", "jobs", "coverage"),
    ListColumn("checked_in_at", "jobs", "checked_in_at"),
    ListColumn("response_due_at", "jobs", "response_due_at"),
    ListColumn("first_response_at", "jobs", "first_response_at"),
    ListColumn("repair_due_date", "jobs", "repair_due_date"),
    ListColumn("technician", TECHNICIAN, "display_name"),
)


# Where job_row finds each value (JOB_LIST_COLUMNS order), by key.
_AT = {column.key: index for index, column in enumerate(JOB_LIST_COLUMNS)}
_ID, _NUMBER, _NAME, _PHONE = _AT["id"], _AT["number"], _AT["customer_name"], _AT["phone"]
_BRAND, _MODEL, _SERIAL, _STATUS = _AT["brand"], _AT["model"], _AT["serial"], _AT["status"]
_COVERAGE, _CHECKED_IN, _RESPONSE_DUE = (
    _AT["coverage"],
    _AT["checked_in_at"],
    _AT["response_due_at"],
)
_FIRST_RESPONSE, _DUE, _TECHNICIAN = (
    _AT["first_response_at"],
    _AT["repair_due_date"],
    _AT["technician"],
)


def job_row(values: Sequence[Any]) -> JobRow:
    """A list row from values in JOB_LIST_COLUMNS order (dates already as date objects). Read
    by position (a page is 101 of them at every keystroke: a dict of each row's values per row
    took half the page's Python time)."""
    if len(values) != len(JOB_LIST_COLUMNS):
        raise ValueError(f"{len(values)} values for {len(JOB_LIST_COLUMNS)} list columns")
    return JobRow(
        values[_ID],
        values[_NUMBER],
        values[_NAME],
        values[_PHONE],
        f"{values[_BRAND]} {values[_MODEL]}".strip(),
        values[_SERIAL],
        Status(values[_STATUS]),
        Coverage(values[_COVERAGE]),
        values[_CHECKED_IN],
        values[_RESPONSE_DUE],
        values[_FIRST_RESPONSE],
        values[_DUE],
        values[_TECHNICIAN] or "",  # None when nobody is assigned (the outer join)
    )
