"""The demo's repeat repairs, on SQLite and PostgreSQL: some repair jobs are the same customer's
product back after an earlier job of its serial was handed back repaired, most within 30 days,
some within 90, a few after (not repeats by the rule); each reads as a real check-in would have
made it (customer, product, verdict, search index), and the evaluation and the compensations
see them."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text

from desktop_app.data import queries
from desktop_app.data.db import Database, open_database
from desktop_app.data.models import Compensation, Customer, Job, JobEvent, Product
from desktop_app.domain.compensation import missed_from_json
from desktop_app.domain.evaluation import REPEAT_WITHIN_DAYS, JobFigure, Period
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.rules import Claim, DocumentsPresented, ServiceKind, decide
from desktop_app.domain.vocabulary import (
    Coverage,
    EventKind,
    MissedPromise,
    Outcome,
    Status,
)
from desktop_app.services import Services, demo_repeats
from desktop_app.services.demo import DemoGenerator
from desktop_app.services.demo_repeats import REPEAT_SHARE
from tests.data.evaluation_brute import brute_figures, job_sets, read_raw
from tests.helpers import BACKENDS, SignedInDemo, actor, check_in_form, demo_database

NOW = datetime(2026, 11, 25, 15, 0)
QUARTER = Period.quarter(2026, 4)
PRODUCT_FIELDS = ("category", "brand", "model", "serial", "purchase_date", "warranty_months")


Demo = SignedInDemo


@pytest.fixture(scope="module", params=BACKENDS)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Demo]:
    """2,500 demo jobs over six months."""
    with demo_database(
        request, tmp_path_factory, lambda db: DemoGenerator(db, seed=21).run(2500, NOW), NOW
    ) as demo:
        yield demo


def _jobs(database: Database) -> list[dict[str, Any]]:
    """Every job with its product, in check-in order."""
    with database.read() as session:
        rows = session.execute(
            select(
                Job.id,
                Job.number,
                Job.customer_id,
                Job.status,
                Job.outcome,
                Job.service_requested,
                Job.coverage,
                Job.not_quality_reason,
                Job.checked_in_at,
                Job.returned_at,
                Job.warranty_end,
                Job.return_window_end,
                Job.verdict_json,
                Job.voucher_presented,
                Job.warranty_card_presented,
                Job.product_presented,
                Product.id.label("product_id"),
                Product.customer_id.label("product_customer_id"),
                Product.category,
                Product.brand,
                Product.model,
                Product.serial,
                Product.purchase_date,
                Product.warranty_months,
                Product.voucher_number,
                Product.warranty_card_number,
            )
            .join(Product, Product.id == Job.product_id)
            .order_by(Job.checked_in_at, Job.id)
        ).all()
    return [dict(row._mapping) for row in rows]


def _pairs(jobs: list[dict[str, Any]]) -> list[tuple[dict, dict, int]]:
    """(earlier, later, days from the earlier hand-back to the later check-in) for each serial
    seen more than once."""
    by_serial: dict[str, list[dict]] = defaultdict(list)
    for job in jobs:
        by_serial[job["serial"]].append(job)
    pairs = []
    for history in by_serial.values():
        for earlier, later in itertools.pairwise(history):
            returned = earlier["returned_at"]
            days = (later["checked_in_at"].date() - returned.date()).days if returned else -1
            pairs.append((earlier, later, days))
    return pairs


def test_about_one_in_seventy_repair_jobs_is_a_product_back_within_90_days(demo: Demo):
    jobs = _jobs(demo.database)
    pairs = _pairs(jobs)
    within = [days for _e, _l, days in pairs if 0 <= days <= REPEAT_WITHIN_DAYS]
    beyond = [days for _e, _l, days in pairs if days > REPEAT_WITHIN_DAYS]
    repairs = sum(job["service_requested"] == ServiceKind.REPAIR.value for job in jobs)
    assert 0.01 * repairs <= len(within) <= 0.02 * repairs
    assert len(within) >= round(REPEAT_SHARE * repairs) * 0.8  # the first weeks have fewer
    assert sum(days <= 30 for days in within) > len(within) / 2  # most within a month
    assert any(days > 30 for days in within)
    assert beyond and all(days <= 180 for days in beyond)  # the boundary shows
    assert len(within) + len(beyond) == len(pairs)  # no other serial is seen twice


def test_the_earlier_job_was_handed_back_repaired_before_the_same_customer_came_back(
    demo: Demo,
):
    pairs = _pairs(_jobs(demo.database))
    assert pairs
    for earlier, later, _days in pairs:
        assert earlier["status"] == Status.RETURNED.value
        assert earlier["outcome"] == Outcome.REPAIRED.value
        assert earlier["returned_at"] <= later["checked_in_at"]
        assert later["service_requested"] == ServiceKind.REPAIR.value
        assert later["customer_id"] == earlier["customer_id"]
        assert later["product_customer_id"] == later["customer_id"]
        assert later["product_id"] != earlier["product_id"]  # one product row per job
        for name in PRODUCT_FIELDS:
            assert later[name] == earlier[name], name
        for number in ("voucher_number", "warranty_card_number"):
            assert later[number] in ("", earlier[number]) or not earlier[number]


def test_no_serial_is_in_the_shop_twice_at_once(demo: Demo):
    spans: dict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for job in _jobs(demo.database):
        spans[job["serial"]].append((job["checked_in_at"], job["returned_at"] or datetime.max))
    for serial, held in spans.items():
        held.sort()
        for (_in, out), (back, _out) in itertools.pairwise(held):
            assert out <= back, serial


def test_every_customer_and_product_belongs_to_its_jobs(demo: Demo):
    """A returning customer keeps one record: none is left without a job, and each product row
    belongs to its job's customer."""
    with demo.database.read() as session:
        orphans = session.scalar(
            select(func.count())
            .select_from(Customer)
            .where(~select(Job.id).where(Job.customer_id == Customer.id).exists())
        )
        products = session.scalar(select(func.count()).select_from(Product))
        jobs = session.scalar(select(func.count()).select_from(Job))
    assert orphans == 0
    assert products == jobs
    for job in _jobs(demo.database):
        assert job["product_customer_id"] == job["customer_id"]


def test_a_repeat_has_the_verdict_of_the_product_it_is(demo: Demo):
    """Decided again at its check-in for the earlier job's purchase date and warranty, in its
    row and its checked-in event; the coverage (and everything the demo derived from it) is the
    one that verdict gives. The earlier job got no months of warranty as compensation: the
    later check-in would have seen them."""
    pairs = _pairs(_jobs(demo.database))
    with demo.database.read() as session:
        payloads: dict[tuple[int, str], list[dict]] = defaultdict(list)
        for job_id, kind, payload in session.execute(
            select(JobEvent.job_id, JobEvent.kind, JobEvent.payload)
            .where(
                JobEvent.kind.in_([EventKind.CHECKED_IN.value, EventKind.WARRANTY_EXTENDED.value])
            )
            .order_by(JobEvent.id)
        ):
            payloads[(job_id, kind)].append(json.loads(payload))
    extended = EventKind.WARRANTY_EXTENDED.value
    assert any(payloads[(later["id"], extended)] for _e, later, _d in pairs)  # as compensation
    for earlier, later, _days in pairs:
        assert not payloads[(earlier["id"], extended)]
        day = later["checked_in_at"].date()
        documents = DocumentsPresented(
            later["voucher_presented"], later["warranty_card_presented"], later["product_presented"]
        )
        verdict = decide(
            Claim(
                later["purchase_date"],
                day,
                later["warranty_months"],
                documents,
                ServiceKind.REPAIR,
            ),
            day,
        )
        extensions = payloads[(later["id"], extended)]
        assert (
            extensions[0]["warranty_old"] == verdict.warranty_end.isoformat()
            if extensions
            else later["warranty_end"] == verdict.warranty_end
        )
        assert later["return_window_end"] == verdict.return_window_end
        assert later["verdict_json"] == queries.encode_reasons(verdict.reasons)
        (payload,) = payloads[(later["id"], EventKind.CHECKED_IN.value)]
        assert payload["coverage"] == verdict.coverage.value
        assert payload["reasons"] == [reason.to_json() for reason in verdict.reasons]
        coverage = Coverage(later["coverage"])
        if later["not_quality_reason"]:
            assert (verdict.coverage, coverage) == (Coverage.WARRANTY, Coverage.PAID)
        else:
            assert coverage is verdict.coverage


def test_searching_the_serial_the_name_or_the_phone_finds_both_jobs(demo: Demo):
    pairs = _pairs(_jobs(demo.database))
    with demo.database.read() as session:
        customers = {
            row.id: row
            for row in session.execute(select(Customer.id, Customer.name, Customer.phone))
        }
    for earlier, later, _days in pairs[:15]:
        customer = customers[later["customer_id"]]
        for typed in (earlier["serial"], earlier["serial"][-6:].lower(), customer.phone):
            found = {row.number for row in demo.services.jobs.search(JobQuery(text=typed)).rows}
            assert {earlier["number"], later["number"]} <= found, typed
        rows = demo.services.jobs.search(JobQuery(text=customer.name), limit=500).rows
        assert {earlier["number"], later["number"]} <= {row.number for row in rows}


def test_the_search_index_holds_what_each_job_now_has(demo: Demo):
    """SQLite's index (migration 0005's terms): every job's entry is its number, its customer's
    phone and name and its product's serial as they are now, none missing, none extra."""
    with demo.database.read() as session:
        if session.get_bind().dialect.name != "sqlite":
            pytest.skip("PostgreSQL searches the rows themselves")
        migration = __import__(
            "desktop_app.data.migrations.versions.0005_search_names_anywhere",
            fromlist=["_terms"],
        )
        terms = migration._terms("j.number", "c", "p")
        expected = dict(
            session.execute(
                text(
                    f"SELECT j.id, {terms} FROM jobs j JOIN customers c ON c.id = j.customer_id"
                    " JOIN products p ON p.id = j.product_id"
                )
            ).all()
        )
        indexed = dict(session.execute(text("SELECT rowid, terms FROM job_search")).all())
    assert indexed == expected


def test_the_evaluation_counts_the_repeats_within_90_days_as_the_recount_does(demo: Demo):
    raw = read_raw(demo.database)
    with demo.database.read() as session:
        calendar = queries.work_calendar(session)
    figures = demo.services.evaluation.report(QUARTER, demo.manager).current
    expected = brute_figures(raw, QUARTER, NOW, calendar)
    assert figures.repeat_repairs > 0
    assert figures.repeat_repairs == expected.repeat_repairs
    assert [t.repeat_repairs for t in figures.per_technician] == [
        t.repeat_repairs for t in expected.per_technician
    ]
    assert sum(t.repeat_repairs for t in figures.per_technician) > 0
    # The products back after the 90 days are not among them.
    repeats = job_sets(raw, QUARTER, NOW)[JobFigure.REPEAT]
    late_ones = {
        later["id"] for _e, later, days in _pairs(_jobs(demo.database)) if days > REPEAT_WITHIN_DAYS
    }
    assert not repeats & late_ones


def test_the_compensations_propose_same_fault_again_for_repeats_handed_back(demo: Demo):
    pairs = {later["id"]: (earlier, days) for earlier, later, days in _pairs(_jobs(demo.database))}
    with demo.database.read() as session:
        proposals = session.execute(select(Compensation.job_id, Compensation.missed)).all()
    repeat_failures = 0
    for job_id, raw in proposals:
        for missed in missed_from_json(raw):
            if missed.promise is not MissedPromise.REPEAT_FAILURE:
                continue
            repeat_failures += 1
            earlier, days = pairs[job_id]
            assert missed.previous_job == earlier["number"]
            assert days <= REPEAT_WITHIN_DAYS
    assert repeat_failures > 0


def test_the_same_seed_makes_the_same_repeats_and_the_same_jobs_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Deterministic for a seed; and the repeats draw their own random numbers, so every job
    is the one a demo without repeats makes, but for a repeat's customer, product and verdict
    (and the warranty ends the compensations extend: the repeats add proposals to decide)."""

    def demo(name: str) -> list[dict[str, Any]]:
        database = open_database(f"sqlite:///{tmp_path}/{name}.db")
        try:
            DemoGenerator(database, seed=5).run(900, NOW)
            return _jobs(database)
        finally:
            database.dispose()

    first, second = demo("first"), demo("second")
    assert first == second
    assert _pairs(first)
    monkeypatch.setattr(demo_repeats, "REPEAT_SHARE", 0)
    without = demo("without")
    assert not _pairs(without)
    repeated = {later["id"] for _e, later, _d in _pairs(first)}
    changed = (
        "customer_id",
        "product_customer_id",
        "warranty_end",
        "return_window_end",
        "verdict_json",
        *PRODUCT_FIELDS,
        "voucher_number",
        "warranty_card_number",
    )
    for job, plain in zip(first, without, strict=True):
        if job["id"] in repeated:
            job = {**job, **{name: plain[name] for name in changed}}
        assert {**job, "warranty_end": None} == {**plain, "warranty_end": None}


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def test_a_second_demo_on_the_same_database_and_a_real_check_in_after_it(
    database: Database, services: Services
):
    """Customer ids skip the returning customers' rows: the next batch, the next demo and the
    next real check-in (PostgreSQL's sequences) still find their ids free."""
    DemoGenerator(database, seed=1).run(600, NOW)
    DemoGenerator(database, seed=2).run(600, NOW)
    jobs = _jobs(database)
    assert len(jobs) == 1200
    assert _pairs(jobs)
    for job in jobs:
        assert job["product_customer_id"] == job["customer_id"]
    serial = _pairs(jobs)[0][0]["serial"]
    snapshot = services.jobs.check_in(check_in_form(serial="SN-AFTER-DEMO"), actor(services))
    assert snapshot.number
    assert {row.serial for row in services.jobs.search(JobQuery(text=serial)).rows} == {serial}


def test_the_picker_remembers_a_bounded_sample_of_the_earlier_jobs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a million jobs every model has dozens of repairs a day: the picker keeps at most
    KEPT_A_DAY of them a model a day (a sample), and forgets the days of hand-back no repeat
    range reaches from the batches still to come; the repeats are still made."""
    monkeypatch.setattr(demo_repeats, "KEPT_A_DAY", 2)
    monkeypatch.setattr("desktop_app.services.demo.CHUNK", 300)
    made: list[demo_repeats.Repeats] = []
    firsts: list[datetime] = []

    class Watched(demo_repeats.Repeats):
        def __init__(self, seed: int) -> None:
            super().__init__(seed)
            made.append(self)

        def rewrite(self, customers, products, jobs, job_events) -> None:  # type: ignore[no-untyped-def]
            firsts.append(min(job["checked_in_at"] for job in jobs))
            super().rewrite(customers, products, jobs, job_events)
            for days in self._earlier.values():
                for same_day, _seen in days.values():
                    assert len(same_day) <= 2

    monkeypatch.setattr(demo_repeats, "Repeats", Watched)
    database = open_database(f"sqlite:///{tmp_path}/bounded.db")
    try:
        DemoGenerator(database, seed=4, months=14, workers=0).run(3000, NOW)
        (picker,) = made
        kept = [day for days in picker._earlier.values() for day in days]
        assert kept and min(kept) >= firsts[-1].toordinal() - demo_repeats.BEYOND[1] - 1
        pairs = [p for p in _pairs(_jobs(database)) if 0 <= p[2] <= REPEAT_WITHIN_DAYS]
        assert pairs
    finally:
        database.dispose()
