"""Reading a job's quotations (issue 16): the rows as frozen snapshots, and the latest row."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, Integer, Row, bindparam, select
from sqlalchemy.orm import Session, aliased

from desktop_app.data.models import Quotation, User
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


# Made once; flat rows (queries.JOB_READ says why): who wrote, approved and declined joined in.
_WRITTEN_BY = aliased(User, name="written_by")
_APPROVED_BY = aliased(User, name="approved_by")
_DECLINED_BY = aliased(User, name="declined_by")
_QUOTATIONS = (
    select(
        Quotation.__table__,
        _WRITTEN_BY.display_name.label("written_by_name"),
        _APPROVED_BY.display_name.label("approved_by_name"),
        _DECLINED_BY.display_name.label("declined_by_name"),
    )
    .join(_WRITTEN_BY, _WRITTEN_BY.id == Quotation.written_by_id)
    .outerjoin(_APPROVED_BY, _APPROVED_BY.id == Quotation.approved_by_id)
    .outerjoin(_DECLINED_BY, _DECLINED_BY.id == Quotation.declined_by_id)
    .where(Quotation.job_id == bindparam("job_id", type_=Integer))
)
QUOTATIONS_READ = _QUOTATIONS.order_by(Quotation.number)
LATEST_QUOTATION_READ = _QUOTATIONS.order_by(Quotation.number.desc()).limit(1)


def quotation_snapshot(row: Row[Any]) -> QuotationSnapshot:
    return QuotationSnapshot(
        id=row.id,
        number=row.number,
        diagnosis=row.diagnosis,
        lines=decode_lines(row.lines_json),
        total_cents=row.total_cents,
        valid_until=row.valid_until,
        written_at=row.written_at,
        written_by=row.written_by_name,
        approved_via=ApprovalMethod(row.approved_via) if row.approved_via else None,
        approved_at=row.approved_at,
        approved_by=row.approved_by_name or "",
        called_at=row.called_at,
        answered_by=row.answered_by,
        override_reason=row.override_reason,
        declined_at=row.declined_at,
        declined_by=row.declined_by_name or "",
        decline_note=row.decline_note,
        inspection_fee_cents=row.inspection_fee_cents,
    )


def quotation_snapshots(reader: Session | Connection, job_id: int) -> tuple[QuotationSnapshot, ...]:
    rows = reader.execute(QUOTATIONS_READ, {"job_id": job_id})
    return tuple(quotation_snapshot(row) for row in rows)


def latest_quotation_snapshot(
    reader: Session | Connection, job_id: int
) -> QuotationSnapshot | None:
    row = reader.execute(LATEST_QUOTATION_READ, {"job_id": job_id}).first()
    return quotation_snapshot(row) if row is not None else None
