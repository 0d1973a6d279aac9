"""Job search index (SQLite): an FTS5 trigram table over each job's number, phone, name, serial.

A search box that scans 100,000 jobs with LIKE '%…%' takes 150-300 ms a keystroke; the trigram
index answers a fragment of 3 or more characters in about a millisecond. Chinese names are
2 or 3 characters, and a clerk starts with the surname: below what a trigram can match. So every
single character and every adjacent pair of the customer's name are indexed too, padded with a
private-use mark (U+E000) to 3 characters: "张伟" is found as "张伟\\ue000", "钟" as
"钟\\ue000\\ue000". Triggers keep the index in step with every write, whatever code makes it.

PostgreSQL keeps searching with LIKE/ILIKE (pg_trgm is the PostgreSQL counterpart, for the
multi-counter issue).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PAIR_MARK = "\ue000"  # desktop_app.data.search_index.PAIR_MARK
NAME_PAIRS = 4  # characters and pairs indexed from the start of a name (rarely longer)


def _terms(number: str, customer: str, product: str) -> str:
    """SQL for the indexed text of one job."""
    name = f"{customer}.name"
    mark = f"char({ord(PAIR_MARK)})"
    pieces = [f"substr({name}, {k}, 2) || {mark}" for k in range(1, NAME_PAIRS + 1)]
    pieces += [f"substr({name}, {k}, 1) || {mark} || {mark}" for k in range(1, NAME_PAIRS + 1)]
    pairs = " || ' ' || ".join(pieces)
    return (
        f"{number} || ' ' || {customer}.phone || ' ' || {name} || ' ' || {product}.serial"
        f" || ' ' || {pairs}"
    )


def _index_jobs(where: str, number: str = "j.number") -> str:
    return (
        "INSERT INTO job_search(rowid, terms) "
        f"SELECT j.id, {_terms(number, 'c', 'p')} FROM jobs j "
        "JOIN customers c ON c.id = j.customer_id JOIN products p ON p.id = j.product_id "
        f"WHERE {where}"
    )


TRIGGERS = {
    "job_search_job_inserted": (
        "AFTER INSERT ON jobs BEGIN " + _index_jobs("j.id = new.id") + "; END"
    ),
    "job_search_job_changed": (
        "AFTER UPDATE OF number, customer_id, product_id ON jobs BEGIN "
        "DELETE FROM job_search WHERE rowid = old.id; " + _index_jobs("j.id = new.id") + "; END"
    ),
    "job_search_job_deleted": (
        "AFTER DELETE ON jobs BEGIN DELETE FROM job_search WHERE rowid = old.id; END"
    ),
    "job_search_customer_changed": (
        "AFTER UPDATE OF name, phone ON customers BEGIN "
        "DELETE FROM job_search WHERE rowid IN (SELECT id FROM jobs WHERE customer_id = new.id); "
        + _index_jobs("j.customer_id = new.id")
        + "; END"
    ),
    "job_search_product_changed": (
        "AFTER UPDATE OF serial ON products BEGIN "
        "DELETE FROM job_search WHERE rowid IN (SELECT id FROM jobs WHERE product_id = new.id); "
        + _index_jobs("j.product_id = new.id")
        + "; END"
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE job_search USING fts5(terms, tokenize = 'trigram')")
    op.execute(_index_jobs("1 = 1"))
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS job_search")
