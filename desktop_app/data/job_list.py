"""The job list's columns, declared once for every query that lists jobs.

The list, the clock lists and the technician's queue (queries.py) select these columns in this
order and build their `JobRow`s with `job_row`, so the order is spelled in one place. The
domain's `JobRow` knows nothing of it: column order is a fact about queries, not about the
agreement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
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


# The values job_row reads, in the order it reads them (each found by its key).
_AT = {column.key: index for index, column in enumerate(JOB_LIST_COLUMNS)}
_READ = itemgetter(
    *(
        _AT[key]
        for key in (
            *("id", "number", "customer_name", "phone", "brand", "model", "serial", "status"),
            *("coverage", "checked_in_at", "response_due_at", "first_response_at"),
            *("repair_due_date", "technician"),
        )
    )
)


def job_row(values: Sequence[Any]) -> JobRow:
    """A list row from values in JOB_LIST_COLUMNS order (dates already as date objects). Read
    by position (a page is 101 of them at every keystroke: a dict of each row's values per row
    took half the page's Python time)."""
    if len(values) != len(JOB_LIST_COLUMNS):
        raise ValueError(f"{len(values)} values for {len(JOB_LIST_COLUMNS)} list columns")
    (
        id_, number, name, phone, brand, model, serial, status, coverage, checked_in_at,
        response_due_at, first_response_at, repair_due_date, technician,
    ) = _READ(values)  # fmt: skip
    return JobRow(
        id_,
        number,
        name,
        phone,
        f"{brand} {model}".strip(),
        serial,
        Status(status),
        Coverage(coverage),
        checked_in_at,
        response_due_at,
        first_response_at,
        repair_due_date,
        technician or "",  # None when nobody is assigned (the outer join)
    )
