"""Use cases, one transaction per user action. Built once by app.py (the composition root)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from desktop_app.data.db import Database
from desktop_app.domain.national_calendar import PACKAGE_CALENDARS, NationalCalendars
from desktop_app.domain.text import Text
from desktop_app.services.auth import AuthService
from desktop_app.services.backup import BackupService
from desktop_app.services.changes import ChangeService
from desktop_app.services.common import Clock, local_now
from desktop_app.services.compensation import CompensationService
from desktop_app.services.complaints import ComplaintService
from desktop_app.services.consultations import ConsultationService
from desktop_app.services.evaluation import EvaluationService
from desktop_app.services.follow_up import FollowUpService
from desktop_app.services.handback import HandBackService
from desktop_app.services.jobs import JobService
from desktop_app.services.list_export import ListExportService
from desktop_app.services.parts import PartService
from desktop_app.services.passwords import Passwords
from desktop_app.services.payments import PaymentService
from desktop_app.services.pickup import PickupService
from desktop_app.services.quotations import QuotationService
from desktop_app.services.shop import ShopService
from desktop_app.services.signins import SignIns
from desktop_app.services.takings import TakingsService
from desktop_app.services.users import UserService
from desktop_app.services.visits import VisitService


@dataclass(frozen=True)
class Services:
    jobs: JobService
    handback: HandBackService
    shop: ShopService
    users: UserService
    auth: AuthService
    follow_up: FollowUpService
    compensation: CompensationService
    complaints: ComplaintService
    consultations: ConsultationService
    visits: VisitService
    evaluation: EvaluationService
    backup: BackupService
    exports: ListExportService
    takings: TakingsService
    parts: PartService
    pickup: PickupService  # issue 16: devices not collected, messages to the customer
    payments: PaymentService
    # Issue 16: a paid job's quotation and the customer's approval.
    quotations: QuotationService
    # Why the database can only be read (the window says so and offers no change), or None.
    read_only: Text | None = None
    # Other counters' changes as they happen (the window's live list and job views).
    changes: ChangeService | None = None

    @classmethod
    def build(
        cls,
        database: Database,
        clock: Clock = local_now,
        calendars: NationalCalendars = PACKAGE_CALENDARS,
        *,
        passwords: Passwords | None = None,
        workstation: str | None = None,
    ) -> Services:
        """`calendars` answers for the national holidays: the composition root passes the
        compiled one it read at start-up; without it the `holidays` package answers (right,
        only slower to the first answer). `passwords` hashes with production parameters unless
        given (tests pass cheaper ones); `workstation` is recorded with every sign-in (this
        computer's host name unless given)."""
        signins = SignIns(socket.gethostname() if workstation is None else workstation)
        passwords = passwords or Passwords()
        return cls(
            JobService(database, clock, calendars, signins),
            HandBackService(database, clock, signins, calendars=calendars),
            ShopService(database, calendars, signins),
            UserService(database, signins, passwords, clock),
            AuthService(database, signins, passwords, clock),
            FollowUpService(database, clock, signins),
            CompensationService(database, clock, calendars, signins),
            ComplaintService(database, clock, calendars, signins),
            ConsultationService(database, clock, signins),
            VisitService(database, clock, signins),
            EvaluationService(database, clock, calendars, signins),
            BackupService(database, clock, signins),
            ListExportService(database, clock, calendars, signins),
            TakingsService(database, clock, signins),
            PartService(database, clock, signins),
            PickupService(database, clock, signins),
            PaymentService(database, clock, signins),
            QuotationService(database, clock, signins),
            database.read_only,
            changes=ChangeService(database),
        )
