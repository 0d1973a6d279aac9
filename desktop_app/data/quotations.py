"""Reading a job's quotations (issue 16): the rows as frozen snapshots, and the latest row."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.data.models import Quotation
from desktop_app.domain.quotation import QuotationSnapshot, QuotedLine
from desktop_app.domain.vocabulary import ApprovalMethod


def encode_lines(lines: tuple[QuotedLine, ...]) -> str:
    return json.dumps([line.to_json() for line in lines], ensure_ascii=False)


def decode_lines(text: str) -> tuple[QuotedLine, ...]:
    return tuple(QuotedLine.from_json(item) for item in json.loads(text or "[]"))


def latest_quotation(session: Session, job_id: int) -> Quotation | None:
    return session.scalars(
        select(Quotation).where(Quotation.job_id == job_id).order_by(Quotation.number.desc())
    ).first()


def quotation_snapshot(row: Quotation) -> QuotationSnapshot:
    return QuotationSnapshot(
        id=row.id,
        number=row.number,
        diagnosis=row.diagnosis,
        lines=decode_lines(row.lines_json),
        total_cents=row.total_cents,
        valid_until=row.valid_until,
        written_at=row.written_at,
        written_by=row.written_by.display_name,
        approved_via=ApprovalMethod(row.approved_via) if row.approved_via else None,
        approved_at=row.approved_at,
        approved_by=row.approved_by.display_name if row.approved_by is not None else "",
        called_at=row.called_at,
        answered_by=row.answered_by,
        override_reason=row.override_reason,
        declined_at=row.declined_at,
        declined_by=row.declined_by.display_name if row.declined_by is not None else "",
        decline_note=row.decline_note,
        inspection_fee_cents=row.inspection_fee_cents,
    )


def quotation_snapshots(session: Session, job_id: int) -> tuple[QuotationSnapshot, ...]:
    rows = session.scalars(
        select(Quotation).where(Quotation.job_id == job_id).order_by(Quotation.number)
    ).unique()
    return tuple(quotation_snapshot(row) for row in rows)
