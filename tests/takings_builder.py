"""Payment lines written straight into the append-only table, as the payment services record
them (domain/payments.py): `amount_cents` positive and what was kept (cash tendered above it went
back as change), method "" for a deposit used. The report's tests need lines of every kind at
chosen moments, workstations and clerks without going through check-in and hand-back each time."""

from __future__ import annotations

from datetime import datetime

from desktop_app.data.models import Payment
from desktop_app.domain.payments import PaymentKind
from desktop_app.domain.people import Actor
from desktop_app.domain.vocabulary import PaymentMethod
from desktop_app.services import Services
from tests.helpers import check_in_form, database_of


def add_job(services: Services, actor: Actor) -> tuple[int, str]:
    job = services.jobs.check_in(check_in_form(), actor)
    return job.id, job.number


def pay(
    services: Services,
    job_id: int,
    by: Actor,
    kind: PaymentKind,
    method: PaymentMethod | None,
    amount_cents: int,
    at: datetime,
    *,
    workstation: str = "counter-1",
    tendered_cents: int | None = None,
    note: str = "",
) -> None:
    change = max((tendered_cents or amount_cents) - amount_cents, 0)
    with database_of(services).write() as session:
        session.add(
            Payment(
                job_id=job_id,
                kind=kind.value,
                method=method.value if method is not None else "",
                amount_cents=amount_cents,
                tendered_cents=tendered_cents,
                change_cents=change,
                at=at,
                taken_by_id=by.id,
                workstation=workstation,
                note=note,
            )
        )
