"""The periodic evaluation (the agreement's 定期评估): a period's figures beside the previous
period's, for a manager; and the period's jobs one by one, for the workbook.

The database counts (data/evaluation.py), from the days' summary rows where they are fresh
(data/evaluation_days.py: brought up to date first, in write transactions of their own); this
service checks who asks, reads both periods in one read transaction (so the two are of the same
moment), and stamps the report. `reference_report` counts the same from the jobs alone.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy.exc import DBAPIError

from desktop_app.data import evaluation as counting
from desktop_app.data import evaluation_days as days
from desktop_app.data import queries
from desktop_app.data.db import INSUFFICIENT_PRIVILEGE, Database
from desktop_app.domain.errors import DatabaseBusy, InvalidInput, ReadOnlyDatabase
from desktop_app.domain.evaluation import NOT_BEGUN, Evaluation, Period, PeriodJob
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.people import Actor
from desktop_app.domain.roles import Action
from desktop_app.services.common import Clock, local_now
from desktop_app.services.signins import SignIns

log = logging.getLogger(__name__)

# The reference report's reads: two where there are two processors to read them at once.
READS = 2 if (os.cpu_count() or 1) > 1 else 1


class EvaluationService:
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

    def report(self, period: Period, actor: Actor) -> Evaluation:
        """The period's figures and the previous period's, as the database stands now."""
        periods = (period, period.previous())
        with self._db.read() as session:
            self._signins.user(session, actor, Action.VIEW_EVALUATION)
        now = self._clock()
        _check_begun(period, now)
        # The days' summaries brought up to date first (data/evaluation_days.py), in write
        # transactions of their own; whatever they could not write is counted from the jobs.
        self._refresh(periods, now)
        try:
            # One moment for every statement (REPEATABLE READ on PostgreSQL, where a plain read
            # takes a snapshot per statement): a job a counter changes meanwhile is counted in
            # its old day's summary or live, never in both.
            with self._db.reads(1) as (session, *_):
                self._signins.user(session, actor, Action.VIEW_EVALUATION)
                calendar = queries.work_calendar(session, self._calendars)
                current, previous = days.figures_of(session, periods, calendar=calendar, now=now)
                shop_name = queries.shop_snapshot(session).name
        except DBAPIError as error:
            if getattr(error.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
                raise
            # A PostgreSQL role set up before migration 0020 may not read the summaries yet
            # (`repair-counter postgres-roles` not run again): counted from the jobs alone.
            log.warning("the evaluation's day summaries cannot be read: %s", error.orig)
            return self.reference_report(period, actor)
        return Evaluation(current, previous, shop_name, now)

    def reference_report(self, period: Period, actor: Actor) -> Evaluation:
        """The same report counted from the jobs alone, every pass over the period (the
        reference the summaries are checked against: tests, bench/evaluation.py). Two reads of
        the same moment where the machine has two processors: the passes are shared between
        two threads (data/evaluation.figures_of)."""
        with self._db.reads(READS) as sessions:
            session, *helper = sessions
            self._signins.user(session, actor, Action.VIEW_EVALUATION)
            now = self._clock()
            _check_begun(period, now)
            calendar = queries.work_calendar(session, self._calendars)
            current, previous = counting.figures_of(
                session,
                (period, period.previous()),
                calendar=calendar,
                now=now,
                helper=helper[0] if helper else None,
            )
            shop_name = queries.shop_snapshot(session).name
        return Evaluation(current, previous, shop_name, now)

    def _refresh(self, periods: tuple[Period, Period], now: datetime) -> None:
        if self._db.read_only is not None:
            return
        try:
            days.refresh(self._db, periods, now)
        except (DatabaseBusy, ReadOnlyDatabase) as refused:
            # Another counter holds the database: the report is counted without them.
            log.info("the evaluation's day summaries were not brought up to date: %s", refused)
        except DBAPIError as error:  # (a lost connection is DatabaseUnreachable: raised)
            # e.g. a PostgreSQL role set up before migration 0020, without the right to write
            # them: the report is the same, only slower.
            log.warning("the evaluation's day summaries cannot be written: %s", error.orig)

    def period_jobs(self, period: Period, actor: Actor) -> Iterator[PeriodJob]:
        """The jobs checked in during the period, oldest first, streamed: the permission is
        checked here, at the call; the rows come from one read transaction, open until the
        iterator is used up (or closed)."""
        with self._db.read() as session:
            self._signins.user(session, actor, Action.VIEW_EVALUATION)
        _check_begun(period, self._clock())
        return self._stream(period)

    def _stream(self, period: Period) -> Iterator[PeriodJob]:
        with self._db.read() as session:
            calendar = queries.work_calendar(session, self._calendars)
            yield from counting.period_jobs(session, period, calendar=calendar, now=self._clock())


def _check_begun(period: Period, now: datetime) -> None:
    """A period that has not begun has no figures of its own (its "end" would be today's open
    jobs); one still running is counted as of now."""
    if period.start > now.date():
        raise InvalidInput.single("from", NOT_BEGUN)
