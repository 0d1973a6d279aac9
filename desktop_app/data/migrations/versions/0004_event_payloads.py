"""Job events keep facts, not English: a JSON `payload` column, and old notes turned into it.

Until now an event's facts were written into its note as an English sentence ("paid 12.00
(cash)", "part: 电池 x1 @ 129.00", "accessories returned: 充电器"), shown as such to a Chinese
counter forever after. From here on `note` is only what the person typed and `payload` holds the
facts (desktop_app/domain/events.py), rendered in each reader's language.

Existing rows are converted where their note follows one of the old templates: the facts move
into the payload and whatever the person typed stays in the note, exactly as typed. A note that
follows no template is left as it is. The templates and the parsing are copied here, frozen: the
application's code may change, this migration must keep reading what was written before it.

job_events is append-only: triggers refuse UPDATE and DELETE. The conversion is the one
sanctioned rewrite, so the triggers are dropped and made again inside this migration's
transaction, exactly as 0001 made them; no other writer can slip in between.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import json
import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

APPEND_ONLY_MESSAGE = "job events are append-only: record a correction event instead"

# The old templates' words (services/handback.py CORRECTABLE before this revision).
CORRECTABLE = {
    "satisfaction score": "satisfaction_score",
    "satisfaction comment": "satisfaction_comment",
    "payment method": "payment_method",
    "amount paid": "amount_paid_cents",
    "accessories returned": "accessories_returned",
    "work done": "work_done",
    "diagnosis": "diagnosis",
}
COVERAGES = ("return_exchange", "warranty", "paid")
STATUS_OUTCOMES = {"repaired", "cannot_repair", "no_fault_found"}

PAID = re.compile(r"^paid (\d+)\.(\d{2}) \((\w*)\)(?:; (.*))?$", re.DOTALL)
NO_CHARGE = re.compile(r"^no charge(?:; (.*))?$", re.DOTALL)
REFUND = re.compile(r"^refund (\d+)\.(\d{2})(?:; (.*))?$", re.DOTALL)
LINE_ADDED = re.compile(
    r"^(part|labour): (.*) x(\d+) @ (\d+)\.(\d{2})( \(free under warranty\))?$", re.DOTALL
)
LINE_REMOVED = re.compile(r"^(part|labour): (.*?) — (.*)$", re.DOTALL)
SATISFACTION = re.compile(r"^([1-5])/5(?: (.*))?$", re.DOTALL)
CORRECTION = re.compile(
    r"^(" + "|".join(map(re.escape, CORRECTABLE)) + r"): (.*?) → (.*) \((.*)\)$", re.DOTALL
)
ACCESSORIES = re.compile(r"^accessories returned: (.*)$", re.DOTALL)


def _cents(whole: str, part: str) -> int:
    return int(whole) * 100 + int(part)


def _english(text: dict[str, Any]) -> str:
    """A stored verdict reason ({"t": template, "p": values}) as the old notes spelled it."""

    def value(v: Any) -> str:
        if isinstance(v, dict):
            if "datetime" in v:
                return v["datetime"].replace("T", " ")[:16]
            if "date" in v:
                return v["date"]
            if "text" in v:
                return _english(v["text"])
        return str(v)

    return text["t"].format(**{k: value(v) for k, v in text.get("p", {}).items()})


def _stored(value: str) -> object:
    """A corrected value as the old note printed it (`str()` of the column), read back."""
    if value == "None":
        return None
    return int(value) if value.isdigit() else value


def convert(
    kind: str, to_status: str | None, note: str, job: dict[str, Any], users: dict[str, int]
) -> tuple[dict[str, Any], str] | None:
    """The payload and the typed note of an old event, or None if its note follows no template.

    `job` holds the job's verdict_json, replacement_model and replacement_serial; `users` maps
    display names to ids where a name belongs to one user only.
    """
    if kind == "checked_in":
        coverage, sep, reasons = note.partition(": ")
        if not sep or coverage not in COVERAGES:
            return None
        stored = json.loads(job["verdict_json"] or "[]")
        if "; ".join(_english(r) for r in stored) != reasons:
            # The verdict was judged again since (a refused return): keep the old words.
            return {"coverage": coverage}, reasons
        return {"coverage": coverage, "reasons": stored}, ""
    if kind == "status_changed":
        if to_status == "returned":
            if m := PAID.match(note):
                return {"paid_cents": _cents(m[1], m[2]), "method": m[3]}, m[4] or ""
            if m := NO_CHARGE.match(note):
                return {"paid_cents": 0, "method": ""}, m[1] or ""
        if to_status == "refunded" and (m := REFUND.match(note)):
            return {"refund_cents": _cents(m[1], m[2])}, m[3] or ""
        if to_status == "exchanged":
            said = f"exchanged for {job['replacement_model']} {job['replacement_serial']}"
            if note == said or note.startswith(said + "; "):
                facts = {
                    "replacement_model": job["replacement_model"],
                    "replacement_serial": job["replacement_serial"],
                }
                return facts, note[len(said) + 2 :]
        return None
    if kind == "line_added" and (m := LINE_ADDED.match(note)):
        return {
            "line_kind": m[1],
            "description": m[2],
            "quantity": int(m[3]),
            "unit_price_cents": _cents(m[4], m[5]),
            "free": bool(m[6]),
        }, ""
    if kind == "line_removed" and (m := LINE_REMOVED.match(note)):
        return {"line_kind": m[1], "description": m[2]}, m[3]
    if kind == "assigned":
        if note == "unassigned":
            return {"technician_id": None, "technician": None}, ""
        return {"technician_id": users.get(note), "technician": note}, ""
    if kind == "satisfaction" and (m := SATISFACTION.match(note)):
        return {"score": int(m[1]), "comment": m[2] or ""}, ""
    if kind == "correction" and (m := CORRECTION.match(note)):
        field = CORRECTABLE[m[1]]
        return {"field": field, "old": _stored(m[2]), "new": _stored(m[3])}, m[4]
    if kind == "handed_back" and (m := ACCESSORIES.match(note)):
        items = [] if m[1] == "-" else m[1].split("、")
        return {"accessories": items}, ""
    return None


# --- back to sentences (downgrade) ------------------------------------------------------------


def sentence(kind: str, payload: dict[str, Any], note: str) -> str:
    """The note an event had before this revision, from its payload and typed note."""

    def money(cents: int) -> str:
        return f"{cents // 100}.{cents % 100:02d}"

    def joined(*parts: str) -> str:
        return "; ".join(p for p in parts if p)

    if not payload:
        return note
    if "coverage" in payload:
        reasons = note or "; ".join(_english(r) for r in payload.get("reasons", ()))
        return f"{payload['coverage']}: {reasons}"
    if "paid_cents" in payload:
        paid = payload["paid_cents"]
        said = f"paid {money(paid)} ({payload['method']})" if paid else "no charge"
        return joined(said, note)
    if "refund_cents" in payload:
        return joined(f"refund {money(payload['refund_cents'])}", note)
    if "replacement_model" in payload:
        said = f"exchanged for {payload['replacement_model']} {payload['replacement_serial']}"
        return joined(said, note)
    if "quantity" in payload:
        said = (
            f"{payload['line_kind']}: {payload['description']} x{payload['quantity']} "
            f"@ {money(payload['unit_price_cents'])}"
        )
        return said + (" (free under warranty)" if payload.get("free") else "")
    if "line_kind" in payload:
        return f"{payload['line_kind']}: {payload['description']} — {note}"
    if "technician" in payload:
        return payload["technician"] or "unassigned"
    if "score" in payload:
        return f"{payload['score']}/5 {payload.get('comment', '')}".strip()
    if "field" in payload:
        words = {v: k for k, v in CORRECTABLE.items()}[payload["field"]]
        return f"{words}: {payload['old']!s} → {payload['new']!s} ({note})"
    if "accessories" in payload:
        return f"accessories returned: {'、'.join(payload['accessories']) or '-'}"
    return note  # an outcome alone: the note was the typed text all along


# --- the append-only triggers -----------------------------------------------------------------


def _drop_append_only() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS job_events_no_update")
        op.execute("DROP TRIGGER IF EXISTS job_events_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS job_events_append_only ON job_events")
        op.execute("DROP TRIGGER IF EXISTS job_events_no_truncate ON job_events")


def _make_append_only() -> None:
    """As 0001 made them (its function stays on PostgreSQL; only the triggers were dropped)."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER job_events_no_{verb.lower()} BEFORE {verb} ON job_events "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY_MESSAGE}'); END"
            )
    else:
        op.execute(
            "CREATE TRIGGER job_events_append_only BEFORE UPDATE OR DELETE ON job_events "
            "FOR EACH ROW EXECUTE FUNCTION job_events_append_only()"
        )
        op.execute(
            "CREATE TRIGGER job_events_no_truncate BEFORE TRUNCATE ON job_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION job_events_append_only()"
        )


EVENTS = sa.table(
    "job_events",
    sa.column("id", sa.Integer),
    sa.column("job_id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("to_status", sa.String),
    sa.column("note", sa.Text),
    sa.column("payload", sa.Text),
)
JOBS = sa.table(
    "jobs",
    sa.column("id", sa.Integer),
    sa.column("verdict_json", sa.Text),
    sa.column("replacement_model", sa.String),
    sa.column("replacement_serial", sa.String),
)
USERS = sa.table("users", sa.column("id", sa.Integer), sa.column("display_name", sa.String))
BATCH = 5000


def upgrade() -> None:
    op.add_column(
        "job_events", sa.Column("payload", sa.Text(), nullable=False, server_default="{}")
    )
    bind = op.get_bind()
    users: dict[str, int] = {}
    seen: set[str] = set()
    for user_id, name in bind.execute(sa.select(USERS.c.id, USERS.c.display_name)):
        if name in seen:
            users.pop(name, None)  # two people of one name: the id cannot be told
        else:
            users[name] = user_id
        seen.add(name)
    _drop_append_only()
    update = (
        sa.update(EVENTS)
        .where(EVENTS.c.id == sa.bindparam("event_id"))
        .values(payload=sa.bindparam("new_payload"), note=sa.bindparam("new_note"))
    )
    query = (
        sa.select(
            EVENTS.c.id,
            EVENTS.c.kind,
            EVENTS.c.to_status,
            EVENTS.c.note,
            JOBS.c.verdict_json,
            JOBS.c.replacement_model,
            JOBS.c.replacement_serial,
        )
        .join(JOBS, JOBS.c.id == EVENTS.c.job_id)
        .where(EVENTS.c.note != "")
        .order_by(EVENTS.c.id)
    )
    changes: list[dict[str, Any]] = []
    for row in bind.execute(query).mappings().all():
        converted = convert(row["kind"], row["to_status"], row["note"], dict(row), users)
        if converted is None:
            continue
        payload, note = converted
        changes.append(
            {
                "event_id": row["id"],
                "new_payload": json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                "new_note": note,
            }
        )
        if len(changes) >= BATCH:
            bind.execute(update, changes)
            changes = []
    if changes:
        bind.execute(update, changes)
    _make_append_only()


def downgrade() -> None:
    bind = op.get_bind()
    _drop_append_only()
    update = (
        sa.update(EVENTS)
        .where(EVENTS.c.id == sa.bindparam("event_id"))
        .values(note=sa.bindparam("new_note"))
    )
    rows = bind.execute(
        sa.select(EVENTS.c.id, EVENTS.c.kind, EVENTS.c.note, EVENTS.c.payload).where(
            EVENTS.c.payload != "{}"
        )
    ).all()
    changes = [
        {"event_id": event_id, "new_note": sentence(kind, json.loads(payload), note)}
        for event_id, kind, note, payload in rows
    ]
    if changes:
        bind.execute(update, changes)
    with op.batch_alter_table("job_events", schema=None) as batch_op:
        batch_op.drop_column("payload")
    # SQLite's batch mode rebuilds the table, and its triggers with it: make them again.
    _drop_append_only()
    _make_append_only()
