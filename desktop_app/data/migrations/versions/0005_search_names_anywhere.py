"""Job search index (SQLite): Chinese text of 1 or 2 characters is found at any position.

0003 indexed each character and each pair of characters of the first 4 positions of a name
only, so "溥仪" and "仪" did not find 爱新觉罗溥仪 and "公司" did not find 北京华为技术有限公司,
which PostgreSQL (LIKE) finds. From here on every position of the customer's name and of the
serial whose character is Chinese is indexed (the character, and the pair it starts, padded
with the private-use mark to 3 characters as before): both backends find the same jobs.

SQLite does not allow a WITH clause inside a trigger, so the positions come from a small table,
`job_search_positions` (1 to MAX_POSITION, at least as long as the longest name or serial in
the database). Existing databases are re-indexed here, in the migration's transaction.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from types import ModuleType

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PAIR_MARK = "\ue000"  # desktop_app.data.search_index.PAIR_MARK
# Names and serials are at most 120 characters (the columns); a little room for older rows.
MAX_POSITION = 200
POSITIONS = "job_search_positions"
# The code points search_index._CJK calls Chinese: only these are looked up by piece.
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _pieces(value: str) -> str:
    """SQL: each Chinese character of `value` and the pair it starts, padded to 3 characters,
    separated by spaces ('' when there is none)."""
    mark = f"char({ord(PAIR_MARK)})"
    first = f"unicode(substr({value}, k, 1))"
    chinese = " OR ".join(f"{first} BETWEEN {low} AND {high}" for low, high in CJK_RANGES)
    piece = f"substr({value}, k, 2) || {mark} || ' ' || substr({value}, k, 1) || {mark} || {mark}"
    return (
        f"coalesce((SELECT group_concat({piece}, ' ') FROM {POSITIONS} "
        f"WHERE k <= length({value}) AND ({chinese})), '')"
    )


def _terms(number: str, customer: str, product: str) -> str:
    """SQL for the indexed text of one job."""
    name, serial = f"{customer}.name", f"{product}.serial"
    return (
        f"{number} || ' ' || {customer}.phone || ' ' || {name} || ' ' || {serial}"
        f" || ' ' || {_pieces(name)} || ' ' || {_pieces(serial)}"
    )


def _index_jobs(where: str, number: str = "j.number") -> str:
    return (
        "INSERT INTO job_search(rowid, terms) "
        f"SELECT j.id, {_terms(number, 'c', 'p')} FROM jobs j "
        "JOIN customers c ON c.id = j.customer_id JOIN products p ON p.id = j.product_id "
        f"WHERE {where}"
    )


def _triggers(index: Callable[[str], str]) -> dict[str, str]:
    """The five triggers that keep the index in step, as 0003 shaped them; `index` gives the
    statement that indexes the jobs a WHERE clause picks."""
    return {
        "job_search_job_inserted": "AFTER INSERT ON jobs BEGIN " + index("j.id = new.id") + "; END",
        "job_search_job_changed": (
            "AFTER UPDATE OF number, customer_id, product_id ON jobs BEGIN "
            "DELETE FROM job_search WHERE rowid = old.id; " + index("j.id = new.id") + "; END"
        ),
        "job_search_job_deleted": (
            "AFTER DELETE ON jobs BEGIN DELETE FROM job_search WHERE rowid = old.id; END"
        ),
        "job_search_customer_changed": (
            "AFTER UPDATE OF name, phone ON customers BEGIN "
            "DELETE FROM job_search WHERE rowid IN "
            "(SELECT id FROM jobs WHERE customer_id = new.id); "
            + index("j.customer_id = new.id")
            + "; END"
        ),
        "job_search_product_changed": (
            "AFTER UPDATE OF serial ON products BEGIN "
            "DELETE FROM job_search WHERE rowid IN "
            "(SELECT id FROM jobs WHERE product_id = new.id); "
            + index("j.product_id = new.id")
            + "; END"
        ),
    }


TRIGGERS = _triggers(_index_jobs)


def _previous() -> ModuleType:
    return import_module("desktop_app.data.migrations.versions.0003_job_search_index")


def _rebuild(triggers: dict[str, str], index_all: str) -> None:
    for name in triggers:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DELETE FROM job_search")
    op.execute(index_all)
    # One segment again: a rebuilt index left as many small segments is larger and slower.
    op.execute("INSERT INTO job_search(job_search) VALUES ('optimize')")
    for name, body in triggers.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    longest = op.get_bind().exec_driver_sql(
        "SELECT max(coalesce((SELECT max(length(name)) FROM customers), 0),"
        " coalesce((SELECT max(length(serial)) FROM products), 0))"
    )
    top = max(MAX_POSITION, int(longest.scalar() or 0))
    op.execute(f"CREATE TABLE {POSITIONS} (k INTEGER PRIMARY KEY)")
    op.execute(
        f"INSERT INTO {POSITIONS}(k) WITH RECURSIVE n(k) AS "
        f"(SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < {top}) SELECT k FROM n"
    )
    _rebuild(TRIGGERS, _index_jobs("1 = 1"))


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    previous = _previous()
    _rebuild(previous.TRIGGERS, previous._index_jobs("1 = 1"))
    op.execute(f"DROP TABLE {POSITIONS}")
