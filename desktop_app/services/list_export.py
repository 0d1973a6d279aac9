"""Exporting the job list as shown: the rows of the list's own query, in its order, streamed a
batch at a time, to a file writer the caller gives (receipts/job_list_export.py).

Phones leave this service masked unless a manager asks for the full numbers. Such an export is
on the record once the file is in place: an entry of the staff record (who, when, at which
counter, how many rows, which query, what format: the manager's users window lists it), and a
look at each job exported, as a look in the job view or the command line's --full-phone
listing records one (the job's history says who has seen the customer's number). A cancelled or
failed export leaves neither file nor record.
"""

from __future__ import annotations

import contextlib
from array import array
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import insert

from desktop_app.data import queries
from desktop_app.data.db import Database
from desktop_app.data.models import JobEvent, User
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.list_export import (
    EXPORT_BATCH,
    ExportRows,
    ExportStage,
    ListExport,
    Progress,
    format_of,
    no_progress,
    query_facts,
)
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.domain.snapshots import JobRow
from desktop_app.domain.vocabulary import EventKind, StaffEventKind
from desktop_app.services.common import Clock, local_now
from desktop_app.services.signins import SignIns

# Writes the rows to the file and returns its path (receipts/job_list_export.write_job_list,
# bound to the path and the reader's language).
Save = Callable[[ExportRows, Path], Path]
_LOOKS_PER_INSERT = 5000


class ListExportService:
    def __init__(
        self,
        database: Database,
        clock: Clock = local_now,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
        signins: SignIns | None = None,
    ) -> None:
        self._db = database
        self._clock = clock
        self._calendars = calendars
        self._signins = signins or SignIns("")

    def export_list(
        self,
        query: JobQuery,
        actor: Actor,
        path: str | Path,
        save: Save,
        *,
        full_phones: bool = False,
        progress: Progress = no_progress,
    ) -> ListExport:
        """The list for `query` to `path` through `save`. Anyone signed in may export with the
        phones masked (the file holds what their screen lists); the full numbers need
        LIST_FULL_PHONES (a manager) and are recorded. `progress` is told how far it got and may
        raise ExportCancelled: then no file is left and nothing is recorded."""
        kind = format_of(path)  # a wrong extension is refused before anything is read
        action = Action.LIST_FULL_PHONES if full_phones else None
        with self._db.read() as session:
            self._signins.user(session, actor, action)
            now = self._clock()
            total = (
                0
                if query.matches_nothing
                else queries.count_jobs(session, query, now=now, calendars=self._calendars)
            )
            calendar = queries.work_calendar(session, self._calendars)
            technician = (
                session.get(User, query.technician_id) if query.technician_id is not None else None
            )
            facts = query_facts(query, technician.display_name if technician else None)
        progress(ExportStage.READING, 0, total)
        exported = array("q")  # the ids, for the record (8 bytes a job)
        rows = self._stream(query, now, full_phones, total, progress, exported)
        written = save(ExportRows(rows, total, calendar, now, full_phones, progress), Path(path))
        if full_phones:
            try:
                self._record(actor, written, kind.value, facts, exported)
            except BaseException:
                # Full numbers that are not on the record do not stay on the disk.
                with contextlib.suppress(OSError):
                    written.unlink()
                raise
        return ListExport(written, len(exported), full_phones, kind)

    def _stream(
        self,
        query: JobQuery,
        now: datetime,
        full_phones: bool,
        total: int,
        progress: Progress,
        exported: array[int],
    ) -> Iterator[JobRow]:
        """The list's rows in its order from one read transaction (one statement, fetched a
        batch at a time), phones masked here unless the full numbers were asked for. Progress
        (and so a cancel) after every batch."""
        if query.matches_nothing:
            return
        batch = EXPORT_BATCH
        with (
            self._db.read() as session,
            contextlib.closing(
                queries.stream_jobs(session, query, now=now, calendars=self._calendars, batch=batch)
            ) as rows,
        ):
            for row in rows:
                exported.append(row.id)
                yield row if full_phones else replace(row, phone=row.masked_phone)
                if len(exported) % batch == 0:
                    progress(ExportStage.READING, len(exported), max(total, len(exported)))
        if len(exported) % batch or not exported:
            progress(ExportStage.READING, len(exported), max(total, len(exported)))

    def _record(
        self,
        actor: Actor,
        written: Path,
        kind: str,
        facts: dict[str, object],
        exported: array[int],
    ) -> None:
        """One transaction: the staff record's entry and a look at every job exported. The
        permission is checked again (a manager demoted meanwhile is refused, the file goes)."""
        with self._db.write() as session:
            user = self._signins.user(session, actor, Action.LIST_FULL_PHONES)
            now = self._clock()
            payload = {"rows": len(exported), "format": kind, "file": written.name, **facts}
            self._signins.record(session, StaffEventKind.PHONES_EXPORTED, now, user, user, payload)
            look = {
                "at": now,
                "user_id": user.id,
                "kind": EventKind.PHONE_REVEALED.value,
                "from_status": None,
                "to_status": None,
                "note": "",
                "payload": queries.encode_payload(None),
            }
            for start in range(0, len(exported), _LOOKS_PER_INSERT):
                chunk = exported[start : start + _LOOKS_PER_INSERT]
                session.execute(insert(JobEvent), [{"job_id": job, **look} for job in chunk])
