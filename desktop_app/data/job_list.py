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


def job_row(values: Sequence[Any]) -> JobRow:
    """A list row from values in JOB_LIST_COLUMNS order (dates already as date objects)."""
    v = {column.key: value for column, value in zip(JOB_LIST_COLUMNS, values, strict=True)}
    return JobRow(
        v["id"],
        v["number"],
        v["customer_name"],
        v["phone"],
        f"{v['brand']} {v['model']}".strip(),
        v["serial"],
        Status(v["status"]),
        Coverage(v["coverage"]),
        v["checked_in_at"],
        v["response_due_at"],
        v["first_response_at"],
        v["repair_due_date"],
        v["technician"] or "",  # None when nobody is assigned (the outer join)
    )
