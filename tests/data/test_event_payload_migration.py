"""Migration 0004 on a database made at 0003: old English notes become payloads, typed text
stays as typed, and the events are append-only again afterwards (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import DatabaseError

from desktop_app.data.db import Database, open_database
from desktop_app.data.migrate import alembic_config, upgrade_to_head
from desktop_app.domain.events import describe
from desktop_app.domain.text import Text
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS

AT = datetime(2026, 11, 25, 10, 0)
REASONS = [
    Text("in warranty until {until}", until=date(2027, 11, 1)),
    Text("purchase voucher, warranty card and product presented"),
]


def _filler(column: sa.Column) -> Any:
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return True
    if isinstance(kind, sa.DateTime):
        return AT
    if isinstance(kind, sa.Date):
        return AT.date()
    if isinstance(kind, sa.Integer | sa.Numeric):
        return 1
    return ""


def _insert(connection: sa.Connection, table: sa.Table, **values: Any) -> int:
    """A row with every required column filled, as the schema at 0003 has them."""
    row = {
        c.name: _filler(c)
        for c in table.columns
        if not c.nullable and not c.primary_key and c.server_default is None
    }
    row.update(values)
    return connection.execute(sa.insert(table).values(row).returning(table.c.id)).scalar_one()


OLD_EVENTS: list[tuple[str, str | None, str]] = [
    (
        "checked_in",
        "received",
        "warranty: in warranty until 2027-11-01; purchase voucher, "
        "warranty card and product presented",
    ),
    ("first_response", None, "电话联系顾客"),
    ("assigned", None, "李建国"),
    ("assigned", None, "unassigned"),
    ("line_added", None, "part: 电池 x1 @ 129.00 (free under warranty)"),
    ("line_added", None, "labour: 检测费 x2 @ 30.00"),
    ("line_removed", None, "part: 电池 — 顾客不换了"),
    ("status_changed", "ready_for_pickup", "更换电池，测试正常"),
    ("status_changed", "returned", "paid 12.00 (cash); 数据线顾客说不要了"),
    ("handed_back", None, "accessories returned: 充电器、数据线"),
    ("satisfaction", None, "4/5 有点慢"),
    ("correction", None, "satisfaction score: 4 → 5 (顾客回访改评)"),
    ("correction", None, "amount paid: None → 1200 (补录)"),
    ("status_changed", "refunded", "refund 5999.00"),
    ("status_changed", "exchanged", "exchanged for Mate 60 Pro SN123; 同型号"),
    ("diagnosis", None, "paid 12.00 (cash)"),  # typed by a person: not a template of this kind
    ("status_changed", "returned", "no charge"),
]


@pytest.fixture
def old_database(database_url: str) -> Database:
    """A database at revision 0003 with one job whose events carry the old English notes."""
    database = open_database(database_url, migrate=False)
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0003")
    metadata = sa.MetaData()
    metadata.reflect(database.engine)
    tables = metadata.tables
    assert "payload" not in tables["job_events"].c  # really the old schema
    with database.engine.begin() as connection:
        manager = connection.execute(sa.select(tables["users"].c.id)).scalar_one()
        technician = _insert(
            connection, tables["users"], username="tech1", display_name="李建国", role="technician"
        )
        customer = _insert(connection, tables["customers"], name="张伟", phone="13812345678")
        product = _insert(connection, tables["products"], customer_id=customer, category="other")
        job = _insert(
            connection,
            tables["jobs"],
            number="R20261125-0001",
            customer_id=customer,
            product_id=product,
            checked_in_by_id=manager,
            technician_id=technician,
            service_requested="repair",
            coverage="warranty",
            status="returned",
            verdict_json=json.dumps([r.to_json() for r in REASONS], ensure_ascii=False),
            replacement_model="Mate 60 Pro",
            replacement_serial="SN123",
        )
        for kind, to_status, note in OLD_EVENTS:
            connection.execute(
                sa.insert(tables["job_events"]).values(
                    job_id=job, at=AT, user_id=manager, kind=kind, to_status=to_status, note=note
                )
            )
    return database


def test_old_notes_become_facts_and_typed_text_stays(old_database: Database, clock):
    upgrade_to_head(old_database)
    try:
        job = Services.build(old_database, clock, passwords=FAST_PASSWORDS).jobs.find_by_number(
            "R20261125-0001"
        )
        assert job is not None
        technician_id = job.technician_id
        got = [(e.payload, e.note) for e in job.events]
    finally:
        old_database.dispose()
    assert got == [
        ({"coverage": "warranty", "reasons": [r.to_json() for r in REASONS]}, ""),
        ({}, "电话联系顾客"),
        ({"technician_id": technician_id, "technician": "李建国"}, ""),
        ({"technician_id": None, "technician": None}, ""),
        (
            {
                "line_kind": "part",
                "description": "电池",
                "quantity": 1,
                "unit_price_cents": 12900,
                "free": True,
            },
            "",
        ),
        (
            {
                "line_kind": "labour",
                "description": "检测费",
                "quantity": 2,
                "unit_price_cents": 3000,
                "free": False,
            },
            "",
        ),
        ({"line_kind": "part", "description": "电池"}, "顾客不换了"),
        ({}, "更换电池，测试正常"),
        ({"paid_cents": 1200, "method": "cash"}, "数据线顾客说不要了"),
        ({"accessories": ["充电器", "数据线"]}, ""),
        ({"score": 4, "comment": "有点慢"}, ""),
        ({"field": "satisfaction_score", "old": 4, "new": 5}, "顾客回访改评"),
        ({"field": "amount_paid_cents", "old": None, "new": 1200}, "补录"),
        ({"refund_cents": 599900}, ""),
        ({"replacement_model": "Mate 60 Pro", "replacement_serial": "SN123"}, "同型号"),
        ({}, "paid 12.00 (cash)"),
        ({"paid_cents": 0, "method": ""}, ""),
    ]
    # Rendered from the facts, English reads as before (a little tidier: amounts in yuan).
    assert describe(job.events[8]) == "paid ¥12.00 (Cash); 数据线顾客说不要了"
    assert describe(job.events[4]) == "Part: 电池 × 1 @ ¥129.00; free under warranty"


def test_events_are_append_only_again_after_the_migration(old_database: Database):
    upgrade_to_head(old_database)
    try:
        for statement in ("UPDATE job_events SET note = 'forged'", "DELETE FROM job_events"):
            with (
                pytest.raises(DatabaseError, match="append-only"),
                old_database.engine.begin() as connection,
            ):
                connection.execute(sa.text(statement))
    finally:
        old_database.dispose()


def test_downgrade_writes_the_old_sentences_back(old_database: Database):
    upgrade_to_head(old_database)
    config = alembic_config()
    try:
        with old_database.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003")
        with old_database.engine.connect() as connection:
            notes = connection.execute(
                sa.text("SELECT kind, to_status, note FROM job_events ORDER BY id")
            ).all()
        with (
            pytest.raises(DatabaseError, match="append-only"),
            old_database.engine.begin() as connection,
        ):
            connection.execute(sa.text("DELETE FROM job_events"))
    finally:
        old_database.dispose()
    assert [tuple(row) for row in notes] == OLD_EVENTS
