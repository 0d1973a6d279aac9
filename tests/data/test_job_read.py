"""The job view's read (queries.job_snapshot): flat rows through statements made once, never ORM
objects; what it gives is what the objects say, for every kind of job the demo makes, on SQLite
and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import (
    Consultation,
    Job,
    JobEvent,
    JobLine,
    Payment,
    Quotation,
    User,
    Visit,
)
from desktop_app.data.quotations import decode_lines
from desktop_app.domain.payments import PaymentKind, PaymentLine
from desktop_app.domain.quotation import QuotationSnapshot
from desktop_app.domain.rules import (
    Category,
    Coverage,
    DocumentsPresented,
    ServiceKind,
)
from desktop_app.domain.snapshots import (
    CustomerSnapshot,
    EventSnapshot,
    JobSnapshot,
    LineSnapshot,
    ProductSnapshot,
)
from desktop_app.domain.visits import VisitResult, VisitSnapshot
from desktop_app.domain.vocabulary import ApprovalMethod, PaymentMethod
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from desktop_app.services.demo import DemoGenerator
from tests.helpers import FAST_PASSWORDS, FakeClock, actor

NOW = datetime(2026, 11, 25, 15, 30)


@pytest.fixture
def demo(database_url: str) -> Iterator[tuple[Database, Services]]:
    database = open_database(database_url)
    try:
        DemoGenerator(database, seed=5, months=3).run(500, NOW)
        yield database, Services.build(database, FakeClock(NOW), passwords=FAST_PASSWORDS)
    finally:
        database.dispose()


def _as_objects_say(session: Session, job_id: int) -> JobSnapshot:
    """The job's snapshot built from its ORM objects and their relationships: the read the job
    view had before its rows were read flat (an independent reference, not the code under test)."""
    job = session.get_one(Job, job_id)
    consultation = session.scalars(
        select(Consultation.number).where(Consultation.job_id == job_id).order_by(Consultation.id)
    ).first()
    events = session.scalars(select(JobEvent).where(JobEvent.job_id == job_id).order_by("id"))
    lines = session.scalars(select(JobLine).where(JobLine.job_id == job_id).order_by("id"))
    payments = session.scalars(select(Payment).where(Payment.job_id == job_id).order_by("id"))
    quotations = session.scalars(
        select(Quotation).where(Quotation.job_id == job_id).order_by(Quotation.number)
    ).unique()
    visits = session.scalars(
        select(Visit).where(Visit.job_id == job_id).order_by(Visit.arrived_at, Visit.id)
    )
    product = job.product
    return JobSnapshot(
        id=job.id,
        number=job.number,
        status=Status(job.status),
        coverage=Coverage(job.coverage),
        service_requested=ServiceKind(job.service_requested),
        customer=CustomerSnapshot(
            job.customer.id, job.customer.name, job.customer.phone, job.customer.address
        ),
        product=ProductSnapshot(
            product.id,
            Category(product.category),
            product.brand,
            product.model,
            product.serial,
            product.purchase_date,
            product.warranty_months,
            product.voucher_number,
            product.warranty_card_number,
        ),
        documents=DocumentsPresented(
            job.voucher_presented, job.warranty_card_presented, job.product_presented
        ),
        verdict_reasons=queries.decode_reasons(job.verdict_json),
        warranty_end=job.warranty_end,
        return_window_end=job.return_window_end,
        manager_override_reason=job.manager_override_reason,
        fault_description=job.fault_description,
        usage_description=job.usage_description,
        condition_on_arrival=job.condition_on_arrival,
        accessories_received=job.accessories_received,
        checked_in_at=job.checked_in_at,
        checked_in_by=job.checked_in_by.display_name,
        response_due_at=job.response_due_at,
        first_response_at=job.first_response_at,
        repair_due_date=job.repair_due_date,
        ready_at=job.ready_at,
        returned_at=job.returned_at,
        technician=job.technician.display_name if job.technician else "",
        technician_id=job.technician_id,
        not_quality_reason=job.not_quality_reason,
        diagnosis=job.diagnosis,
        satisfaction_score=job.satisfaction_score,
        satisfaction_comment=job.satisfaction_comment,
        version=job.version,
        outcome=job.outcome,
        work_done=job.work_done,
        accessories_returned=job.accessories_returned,
        payment_method=job.payment_method,
        amount_paid_cents=job.amount_paid_cents,
        refund_cents=job.refund_cents,
        replacement_model=job.replacement_model,
        replacement_serial=job.replacement_serial,
        visit_address=job.visit_address,
        appointment_start=job.appointment_start,
        appointment_end=job.appointment_end,
        consultation_number=consultation or "",
        repeat_of=job.repeat_of,
        events=tuple(
            EventSnapshot(
                e.id,
                e.at,
                e.user.display_name,
                e.kind,
                Status(e.from_status) if e.from_status else None,
                Status(e.to_status) if e.to_status else None,
                e.note,
                queries.decode_payload(e.payload),
            )
            for e in events
        ),
        lines=tuple(
            LineSnapshot(
                line.id,
                line.kind,
                line.description,
                line.part_model,
                line.quantity,
                line.unit_price_cents,
                line.charged_cents,
                line.added_at,
                line.removed_at,
                line.part_id,
                line.model_reason,
            )
            for line in lines
        ),
        visits=tuple(
            VisitSnapshot(
                id=v.id,
                technician=_name(session, v.technician_id),
                arrived_at=v.arrived_at,
                left_at=v.left_at,
                result=VisitResult(v.result),
                work_done=v.work_done,
                parts_used=v.parts_used,
                next_visit_start=v.next_visit_start,
                next_visit_end=v.next_visit_end,
                recorded_at=v.recorded_at,
                recorded_by=_name(session, v.recorded_by_id),
            )
            for v in visits
        )
        if job.service_requested == ServiceKind.ON_SITE.value
        else (),
        payments=tuple(
            PaymentLine(
                id=p.id,
                job_id=p.job_id,
                job_number=job.number,
                kind=PaymentKind(p.kind),
                method=PaymentMethod(p.method) if p.method else None,
                amount_cents=p.amount_cents,
                tendered_cents=p.tendered_cents,
                change_cents=p.change_cents,
                at=p.at,
                taken_by_id=p.taken_by_id,
                taken_by=_name(session, p.taken_by_id),
                workstation=p.workstation,
                note=p.note,
            )
            for p in payments
        ),
        quotations=tuple(
            QuotationSnapshot(
                id=q.id,
                number=q.number,
                diagnosis=q.diagnosis,
                lines=decode_lines(q.lines_json),
                total_cents=q.total_cents,
                valid_until=q.valid_until,
                written_at=q.written_at,
                written_by=q.written_by.display_name,
                approved_via=ApprovalMethod(q.approved_via) if q.approved_via else None,
                approved_at=q.approved_at,
                approved_by=q.approved_by.display_name if q.approved_by else "",
                called_at=q.called_at,
                answered_by=q.answered_by,
                override_reason=q.override_reason,
                declined_at=q.declined_at,
                declined_by=q.declined_by.display_name if q.declined_by else "",
                decline_note=q.decline_note,
                inspection_fee_cents=q.inspection_fee_cents,
            )
            for q in quotations
        )
        if job.coverage == Coverage.PAID.value
        else (),
    )


def _name(session: Session, user_id: int) -> str:
    return session.get_one(User, user_id).display_name


def test_every_demo_job_reads_as_its_objects_say(demo):
    """Every job of a 500-job demo (on-site with visits, paid with quotations approved and
    declined, consultations converted, deposits and refunds, lines removed, technicians
    assigned, jobs handed back), read as the job view reads it, equals its snapshot built from
    the ORM's objects; and the demo holds each kind (the comparison is not vacuous)."""
    database, services = demo
    with database.read() as session:
        ids = session.scalars(select(Job.id).order_by(Job.id)).all()
        at_bench = session.execute(
            select(Job.id, User.username)
            .join(User, User.id == Job.technician_id)
            .where(Job.status == Status.REPAIRING.value)
            .order_by(Job.id)
        ).first()
    assert at_bench is not None
    technician = actor(services, at_bench.username)
    job = services.jobs.add_line(
        at_bench.id,
        technician,
        kind="labour",
        description="拆机检测",
        quantity=1,
        unit_price_cents=5_000,
    )
    services.jobs.remove_line(job.id, job.lines[-1].id, technician, "录错了", job.version)
    with database.read() as session:
        read = [services.jobs.get(job_id) for job_id in ids]
        for snapshot in read:
            assert snapshot == _as_objects_say(session, snapshot.id), snapshot.number
    assert any(job.visits for job in read)
    assert any(q.approved_by for job in read for q in job.quotations)
    assert any(q.declined_by for job in read for q in job.quotations)
    assert any(job.consultation_number for job in read)
    assert any(job.payments for job in read)
    assert any(line.removed_at for job in read for line in job.lines)
    assert any(job.technician for job in read) and any(not job.technician for job in read)
    assert any(job.returned_at for job in read)


def test_opening_a_job_loads_no_orm_object(demo):
    """The job view's read builds its snapshot from rows: no object of any model is loaded
    (the ORM's objects, their identity map and their relationships cost it half its time), by
    its id or by its number (scanned, typed)."""
    database, services = demo
    with database.read() as session:
        jobs = session.execute(select(Job.id, Job.number).order_by(Job.id)).all()
    loaded: list[object] = []

    def count(_session: Session, instance: object) -> None:
        loaded.append(instance)

    event.listen(Session, "loaded_as_persistent", count)
    try:
        for job_id, number in jobs[:50]:
            assert services.jobs.get(job_id) == services.jobs.find_by_number(number.lower())
    finally:
        event.remove(Session, "loaded_as_persistent", count)
    assert loaded == []


def test_a_job_is_asked_for_its_lines_and_payments_only_when_it_has_them(demo):
    """The job's own statement says whether it has lines and payments (EXISTS): a job with
    neither (every job just checked in, a warranty repair without parts) is read without those
    two statements, a round trip each on PostgreSQL; a job with them is still read whole."""
    database, services = demo
    sent: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many) -> None:
        sent.append(statement)

    with database.read() as session:
        has_lines = select(JobLine.id).where(JobLine.job_id == Job.id).exists()
        has_payments = select(Payment.id).where(Payment.job_id == Job.id).exists()
        bare = session.scalars(
            select(Job.id).where(~has_lines, ~has_payments).order_by(Job.id).limit(5)
        ).all()
        full = session.scalars(
            select(Job.id).where(has_lines, has_payments).order_by(Job.id).limit(5)
        ).all()
    assert len(bare) == 5 and len(full) == 5

    def tables_read(job_id: int) -> tuple[set[str], JobSnapshot]:
        sent.clear()
        snapshot = services.jobs.get(job_id)
        # The job's own statement names both tables in its EXISTS; their reads select from them.
        asked = {
            t for t in ("job_lines", "payments") if any(s.startswith(f"SELECT {t}.") for s in sent)
        }
        return asked, snapshot

    event.listen(database.engine, "before_cursor_execute", record)
    try:
        for job_id in bare:
            tables, snapshot = tables_read(job_id)
            assert tables == set() and snapshot.lines == () and snapshot.payments == ()
        for job_id in full:
            tables, snapshot = tables_read(job_id)
            assert tables == {"job_lines", "payments"}
            assert snapshot.lines and snapshot.payments
    finally:
        event.remove(database.engine, "before_cursor_execute", record)
