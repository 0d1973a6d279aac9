"""Repeat repairs in the demo: some customers bring the same product back after a repair.

A counter sees it every week: a phone repaired last month is at the counter again, often with
the same fault. The evaluation counts these (repeat repairs within 90 days, by the technician of
the earlier repair) and the compensation policy proposes "same fault again" for them, so a demo
without any would hide both.

About REPEAT_SHARE of the repair jobs are made the same customer's same product as an earlier
job of the same model that was handed back repaired before they came in, so a serial is never
in the shop twice: the later job takes over the earlier one's customer (a returning customer
keeps one record, as services/common.find_or_add_customer does) and its product's serial,
brand, model, category, purchase date, warranty and document numbers, in its own product row
(one row per job). Most come back within 30 days, some within 90; a few later than that, which
the rule does not count as repeats, so the boundary shows.

The rows are rewritten before they are inserted, one batch at a time (the earlier job may be in
an earlier batch, already written), because a job's checked-in event carries its verdict and
job events are append-only: the later job's verdict is decided again for the product it now is,
in its row and in that event. Only a later job whose coverage that verdict keeps is taken, so
everything the generator derived from the coverage (charges, payments, the route, the fault's
kind) still holds; the search index, indexed after the insert, reads the final rows. The
demo's compensations, made after all the jobs, give no months of warranty on a job whose product
comes back (demo_compensation.py), since that later verdict could not see them.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from desktop_app.data import queries
from desktop_app.domain import events
from desktop_app.domain.evaluation import REPEAT_WITHIN_DAYS
from desktop_app.domain.rules import Claim, DocumentsPresented, ServiceKind, Verdict, decide
from desktop_app.domain.vocabulary import EventKind, Outcome, Status

# About this share of the repair jobs are the same product back within the 90 days.
REPEAT_SHARE = 0.015
# Days from the earlier hand-back to the later check-in, with their weights: most within a month.
WITHIN = ((0, 30, 75), (31, REPEAT_WITHIN_DAYS, 25))
# And this many more per repeat come back after the 90 days: not repeats by the rule.
BEYOND_SHARE = 0.12
BEYOND = (REPEAT_WITHIN_DAYS + 1, 180)
SAME_FAULT_SHARE = 0.7  # the same fault again, where an earlier job of the model had it
SAMPLE = 24  # earlier jobs looked at for one later job
# Earlier jobs kept for a model a day of hand-back (a sample when there are more, as at a million
# jobs): what the picker remembers stays bounded whatever the demo's size, and ones handed back
# longer ago than any repeat range reaches are forgotten.
KEPT_A_DAY = 4
TRIES = 8  # of which tried (the verdict must keep the coverage) before the next later job
# Stored values, looked up once: every job of a batch is compared with them.
RETURNED, REPAIRED = Status.RETURNED.value, Outcome.REPAIRED.value
REPAIR, CHECKED_IN = ServiceKind.REPAIR.value, EventKind.CHECKED_IN.value
# The product's columns the later job takes over (its own row's id stays).
PRODUCT_COLUMNS = (
    "customer_id",
    "category",
    "brand",
    "model",
    "serial",
    "purchase_date",
    "warranty_months",
)
KEPT_COLUMNS = (*PRODUCT_COLUMNS, "voucher_number", "warranty_card_number")
# Where an event row (a tuple, services/demo.py EVENT_COLUMNS) has its job, kind and payload.
JOB_ID, KIND, PAYLOAD = 0, 3, 7


@dataclass(frozen=True)
class _Earlier:
    """A job handed back repaired: a product that may come back."""

    returned_at: datetime
    job_id: int
    fault: str
    product: dict  # the product columns a later job takes over, as inserted (PRODUCT_COLUMNS)


class Repeats:
    """Picks and rewrites the repeats, batch after batch, in check-in order."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(f"demo repeats {seed}")
        # Jobs handed back repaired, by brand and model and by day of hand-back (its ordinal),
        # in order of hand-back; with how many were handed back that day (the sample's odds).
        self._earlier: dict[tuple[str, str], dict[int, tuple[list[_Earlier], list[int]]]] = {}
        self._taken: set[int] = set()  # jobs in a pair already, either way round
        self._wanted: list[tuple[int, int]] = []  # day ranges this batch still needs a job for
        self._first_returned: datetime | None = None  # the earliest hand-back among them

    def rewrite(
        self,
        customers: list[dict],
        products: list[dict],
        jobs: list[dict],
        job_events: list[tuple],
    ) -> None:
        """Makes some of this batch's repair jobs repeats of earlier ones: rewrites their rows
        in place and drops the customer rows they no longer need."""
        product_of = {row["id"]: row for row in products}
        self._forget(min((job["checked_in_at"] for job in jobs), default=None))
        self._remember(jobs, product_of)
        later = [job for job in jobs if job["service_requested"] == REPAIR]
        self._want(len(later), max((job["checked_in_at"] for job in jobs), default=None))
        rnd = self._random
        order = list(later)
        rnd.shuffle(order)
        pairs: list[tuple[_Earlier, dict, Verdict]] = []
        for job in order:
            if not self._wanted:
                break
            if job["id"] in self._taken:
                continue
            # Any range still wanted: one this job cannot meet (no repair that long before
            # it) must not hold the others up.
            ranges = sorted(set(self._wanted))
            rnd.shuffle(ranges)
            for days in ranges:
                found = self._earlier_for(job, product_of[job["product_id"]], days)
                if found is not None:
                    earlier, verdict = found
                    self._wanted.remove(days)
                    self._taken.update((earlier.job_id, job["id"]))
                    pairs.append((earlier, job, verdict))
                    break
        if pairs:
            self._write(pairs, customers, product_of, job_events)

    def _remember(self, jobs: list[dict], product_of: dict[int, dict]) -> None:
        """This batch's jobs handed back repaired, as earlier jobs for this batch and later."""
        for job in jobs:
            returned_at = job["returned_at"]
            if job["status"] != RETURNED or job["outcome"] != REPAIRED or returned_at is None:
                continue
            product = product_of[job["product_id"]]
            if not product["serial"]:
                continue
            kept = {column: product[column] for column in KEPT_COLUMNS}
            item = _Earlier(returned_at, job["id"], job["fault_description"], kept)
            if self._first_returned is None or returned_at < self._first_returned:
                self._first_returned = returned_at
            days = self._earlier.setdefault((product["brand"], product["model"]), {})
            same_day, seen = days.setdefault(returned_at.toordinal(), ([], [0]))
            seen[0] += 1
            if len(same_day) >= KEPT_A_DAY:
                # A sample of the day's (reservoir sampling): each kept with the same odds.
                drawn = self._random.randrange(seen[0])
                if drawn >= KEPT_A_DAY:
                    continue
                del same_day[drawn]
            bisect.insort(same_day, item, key=lambda e: (e.returned_at, e.job_id))

    def _forget(self, first_check_in: datetime | None) -> None:
        """The days of hand-back no later job can reach any more: the batches come in
        check-in order, and no range reaches further back than BEYOND's end."""
        if first_check_in is None:
            return
        oldest = first_check_in.toordinal() - BEYOND[1] - 1
        for days in self._earlier.values():
            for day in [day for day in days if day < oldest]:
                del days[day]

    def _want(self, repair_jobs: int, latest: datetime | None) -> None:
        """The day ranges of this batch's repeats. The ones it finds no job for are not carried
        to the next batch: the demo's first weeks have fewer repairs before them, as a shop's
        would, and the repeats stay spread over the months."""
        rnd = self._random
        repeats = round(REPEAT_SHARE * repair_jobs)
        ranges = [(low, high) for low, high, _weight in WITHIN]
        weights = [weight for _low, _high, weight in WITHIN]
        wanted = [rnd.choices(ranges, weights)[0] for _ in range(repeats)]
        wanted += [BEYOND] * round(repeats * BEYOND_SHARE + rnd.random() * 0.5)
        # A range no job of the batch can meet (no repair that long before its last check-in)
        # is not looked for: every job would look in vain.
        first = self._first_returned
        self._wanted = [
            (low, high)
            for low, high in wanted
            if first is not None
            and latest is not None
            and first.date() <= latest.date() - timedelta(days=low)
        ]

    def _earlier_for(
        self, job: dict, product: dict, days: tuple[int, int]
    ) -> tuple[_Earlier, Verdict] | None:
        """An earlier job of this model, handed back before this job came in (`days` before,
        from and to, counted in dates), whose product this job can be: the verdict for
        it keeps this job's coverage. The same fault again, most often."""
        by_day = self._earlier.get((product["brand"], product["model"]))
        if not by_day:
            return None
        low, high = days
        checked_in_at: datetime = job["checked_in_at"]
        today = checked_in_at.date()
        first = _day_start(today - timedelta(days=high))
        last = min(
            _day_start(today - timedelta(days=low - 1)) - timedelta.resolution, checked_in_at
        )
        same_model = [
            earlier
            for day in range(first.toordinal(), last.toordinal() + 1)
            if day in by_day
            for earlier in by_day[day][0]
        ]
        start = bisect.bisect_left(same_model, first, key=lambda e: e.returned_at)
        stop = bisect.bisect_right(same_model, last, key=lambda e: e.returned_at)
        if stop <= start:
            return None
        rnd = self._random
        # A few of them at random: a 90-day window of a model may hold hundreds.
        picked = sorted(rnd.sample(range(start, stop), min(SAMPLE, stop - start)))
        free = [same_model[i] for i in picked if same_model[i].job_id not in self._taken]
        if not free:
            return None
        same = [e for e in free if e.fault == job["fault_description"]]
        pool = same if same and rnd.random() < SAME_FAULT_SHARE else free
        documents = DocumentsPresented(
            job["voucher_presented"], job["warranty_card_presented"], job["product_presented"]
        )
        before = _verdict(product["purchase_date"], product["warranty_months"], documents, today)
        for earlier in rnd.sample(pool, min(TRIES, len(pool))):
            was = earlier.product
            verdict = _verdict(was["purchase_date"], was["warranty_months"], documents, today)
            if verdict.coverage is before.coverage:
                return earlier, verdict
        return None

    def _write(
        self,
        pairs: list[tuple[_Earlier, dict, Verdict]],
        customers: list[dict],
        product_of: dict[int, dict],
        job_events: list[tuple],
    ) -> None:
        """The later jobs' products, customers, verdicts and checked-in events, rewritten; the
        customer rows the returning customers no longer need, dropped."""
        later_ids = {job["id"] for _earlier, job, _verdict in pairs}
        checked_in = {
            row[JOB_ID]: index
            for index, row in enumerate(job_events)
            if row[JOB_ID] in later_ids and row[KIND] == CHECKED_IN
        }
        gone: set[int] = set()
        for earlier, job, verdict in pairs:
            was = earlier.product
            product = product_of[job["product_id"]]
            gone.add(product["customer_id"])
            product.update({column: was[column] for column in PRODUCT_COLUMNS})
            # The numbers of the documents presented this time: the papers of the first time.
            if product["voucher_number"] and was["voucher_number"]:
                product["voucher_number"] = was["voucher_number"]
            if product["warranty_card_number"] and was["warranty_card_number"]:
                product["warranty_card_number"] = was["warranty_card_number"]
            job["customer_id"] = was["customer_id"]
            job["warranty_end"] = verdict.warranty_end
            job["return_window_end"] = verdict.return_window_end
            job["verdict_json"] = queries.encode_reasons(verdict.reasons)
            index = checked_in[job["id"]]
            row = job_events[index]
            payload = queries.encode_payload(events.checked_in(verdict.coverage, verdict.reasons))
            job_events[index] = (*row[:PAYLOAD], payload, *row[PAYLOAD + 1 :])
        customers[:] = [row for row in customers if row["id"] not in gone]


def _day_start(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def _verdict(purchased: date, months: int, documents: DocumentsPresented, today: date) -> Verdict:
    """The check-in's verdict for a repair of this product today."""
    return decide(Claim(purchased, today, months, documents, ServiceKind.REPAIR), today)
