"""In-process measurements on an existing database, the way a user at the counter feels them.

Each figure is the median of several runs after a discarded warm-up; every timing stops only once
Qt has painted the result (`viewport().repaint()` paints synchronously), so a model that answers
fast but leaves the view work to do cannot look better than it is. Run through bench/run.py.
"""

from __future__ import annotations

import os
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# No automatic backup in the background while the counter is measured (desktop_app/app.py):
# the measuring processes get REPAIR_COUNTER_AUTO_BACKUP=0 from bench/run.py's _child_env, not
# from an import here (run.py imports this module, and so do the tests: it would switch the
# automatic backups off for everything after them in the same process).

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication, QTableView
from sqlalchemy import create_engine
from sqlalchemy import text as sql_text

from bench.signing import BENCH_PASSWORD, give_password, open_signed_in
from desktop_app.app import create_application, open_counter
from desktop_app.domain.forms import CheckInForm
from desktop_app.domain.roles import Role
from desktop_app.domain.rules import Category, DocumentsPresented, ServiceKind
from desktop_app.receipts import render_intake, render_return
from desktop_app.ui import background
from desktop_app.ui.settings import UiSettings

WINDOW_SIZE = (1280, 800)
SCROLL_ROWS = 10_000  # the scroll figure and the memory after scrolling: the first 10,000 rows
SHORT_RUNS = 15  # at least this many runs of a figure of a few milliseconds


def query(url: str, sql: str, **parameters: object) -> list[tuple]:
    """Rows of one read-only statement on the database at `url` (SQLite or PostgreSQL), on a
    connection of its own: what the bench picks to measure, never through the app's code."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(sql_text(sql), parameters)]
    finally:
        engine.dispose()


@dataclass
class Figure:
    """One measured quantity: its samples (seconds), reduced to a median in milliseconds."""

    name: str
    samples: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.samples) * 1000

    def as_json(self) -> dict[str, object]:
        return {
            "median_ms": round(self.median_ms, 2),
            "max_ms": round(self.max_ms, 2),
            "runs": len(self.samples),
            "note": self.note,
        }


def timed(
    action: Callable[[], object],
    runs: int,
    warm_up: bool = True,
    between: Callable[[], object] | None = None,
) -> list[float]:
    """Times `action` `runs` times, after one discarded warm-up run; `between` (untimed) runs
    before each timed one."""
    if warm_up:
        action()
    samples = []
    for _ in range(runs):
        if between is not None:
            between()
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


@dataclass(frozen=True)
class Typed:
    """What a user types into the search box, one keystroke at a time."""

    kind: str
    text: str

    def keystrokes(self) -> list[str]:
        return [self.text[: n + 1] for n in range(len(self.text))]


def pick_searches(url: str, seed: int = 7) -> list[Typed]:
    """Real values from the database: what a clerk would actually type (the same on either
    backend for the same demo data: the first rows by id, drawn with a fixed seed)."""
    rng = random.Random(seed)

    def one(sql: str) -> str:
        return str(rng.choice([row[0] for row in query(url, sql)]))

    phone = one("SELECT phone FROM customers ORDER BY id LIMIT 500")
    name2 = one("SELECT name FROM customers WHERE length(name) = 2 ORDER BY id LIMIT 500")
    name3 = one("SELECT name FROM customers WHERE length(name) = 3 ORDER BY id LIMIT 500")
    number = one("SELECT number FROM jobs ORDER BY id LIMIT 500")
    serial = one("SELECT serial FROM products WHERE length(serial) >= 8 ORDER BY id LIMIT 500")
    return [
        Typed("phone fragment (last 4 digits)", phone[-4:]),
        Typed("customer name, 2 characters", name2),
        Typed("customer name, 3 characters", name3),
        Typed("job number (scanned)", number),
        Typed("serial / IMEI fragment (last 6)", serial[-6:]),
    ]


class Bench:
    def __init__(self, url: str, settings_file: str, runs: int) -> None:
        self.url = url
        self.runs = runs
        self.app = create_application()
        ui_settings = UiSettings(QSettings(settings_file, QSettings.Format.IniFormat))
        self.counter = open_counter(self.app, self.url, ui_settings)
        window = self.window = open_signed_in(self.counter)  # on the scratch copy only
        window.resize(*WINDOW_SIZE)
        window.show()
        QApplication.processEvents()
        self.services = self.counter.services
        self.actor = window.user
        self.figures: dict[str, Figure] = {}

    def close(self) -> None:
        self.window.close()
        self.counter.dispose()

    @property
    def short_runs(self) -> int:
        """Runs for a figure of a few milliseconds (a job opened, a check-in, the counts): at
        least SHORT_RUNS, so one hiccup of the machine moves its median little."""
        return max(self.runs, SHORT_RUNS)

    def add(self, key: str, name: str, samples: list[float], note: str = "") -> Figure:
        figure = Figure(name, samples, note)
        self.figures[key] = figure
        return figure

    def paint(self, view: QTableView) -> None:
        view.viewport().repaint()

    def settle(self) -> None:
        """The window reads in worker threads: wait until what was asked has arrived."""
        settle(self.app)

    def idle(self) -> None:
        """The counter between two user actions: what was asked has arrived, and what was left
        for the event loop (a timer due now, a view freed) is done."""
        self.settle()
        done_by_the_event_loop()

    # --- the job list ---------------------------------------------------------------------------

    def first_screen(self) -> None:
        window = self.window

        def show_first_screen() -> None:
            window.model.reload()
            self.settle()
            self.paint(window.table)

        self.add("first_screen", "job list: first screen", timed(show_first_screen, self.runs))

    def scroll(self) -> None:
        """From the first screen down through the first SCROLL_ROWS rows (all, if fewer), page by
        page as the list reads them, painted at the bottom: the same work at 100,000 jobs as at
        1,000,000 (scrolling to the end of a million would measure the million)."""
        window = self.window
        model = window.model

        def scroll() -> None:
            model.reload()
            self.settle()
            self.paint(window.table)
            self.settle()  # painting at the bottom asks for the next page itself
            while model.rowCount() < SCROLL_ROWS and model.canFetchMore():
                model.fetchMore()
                self.settle()
            window.table.scrollToBottom()
            self.paint(window.table)

        runs = max(1, min(self.runs, 3))
        name = f"job list: scroll through the first {SCROLL_ROWS:,} rows"
        figure = self.add("scroll", name, timed(scroll, runs))
        figure.note = f"{model.rowCount():,} rows loaded page by page"
        model.reload()
        self.settle()

    def searches(self, typed: list[Typed]) -> None:
        """Each keystroke: the text goes into the search box, the first page is read and painted,
        and what the event loop was left to do for it (a layout, a second paint) is done (the
        box's 150 ms debounce is left out: it is a choice, not work). The figure for a search is
        its slowest keystroke, the median of that over the runs. Before each round the box is
        cleared and the counter left idle, the whole list painted, untimed: a clerk's first key
        comes to a window at rest (timed right after the clear, the first keystroke carried the
        cleared list's own layout and paint, 4.5 ms of its 8)."""
        window = self.window
        for index, what in enumerate(typed):
            slowest: list[float] = []
            for _ in range(self.runs + 1):  # the first round is the warm-up
                per_key = []
                window.search_box.clear()
                window.apply_filters()
                self.idle()
                self.paint(window.table)
                for text in what.keystrokes():
                    started = time.perf_counter()
                    window.search_box.setText(text)
                    window.apply_filters()
                    self.settle()
                    self.paint(window.table)
                    done_by_the_event_loop()  # the keystroke's own deferred layout, timed
                    per_key.append(time.perf_counter() - started)
                slowest.append(max(per_key))
            self.add(
                f"search_{index}",
                f"search: {what.kind} “{what.text}”",
                slowest[1:],
                "slowest keystroke; last round per keystroke "
                + ", ".join(f"{t * 1000:.1f}" for t in per_key)
                + f" ms; {window.model.rowCount()} rows on the first page",
            )
        window.search_box.clear()
        window.apply_filters()
        self.settle()

    # --- one job --------------------------------------------------------------------------------

    def open_job(self) -> None:
        """Read the job with its whole timeline and show the job view, painted."""
        services, controller = self.services, self.window.controller
        busiest = [
            row[0]
            for row in query(
                self.url,
                "SELECT job_id FROM job_events GROUP BY job_id "
                "ORDER BY count(*) DESC, job_id LIMIT 20",
            )
        ]
        jobs = iter(busiest * (self.runs + 2))

        def open_one() -> None:
            job = services.jobs.get(next(jobs))
            dialog = controller.make_dialog(job)
            dialog.show()
            dialog.repaint()
            dialog.close()
            dialog.deleteLater()

        # Between two jobs the counter is idle (untimed): the last view is freed and the next
        # one built ahead (ui/job_controller.py), as at the counter, where nobody opens a job
        # in the same millisecond as closing the last.
        self.add(
            "open_job",
            "open a job with its timeline",
            timed(open_one, self.short_runs, between=self.idle),
        )

    def check_in(self) -> None:
        services = self.services
        if services.users.by_username("bench-clerk") is None:
            services.users.add(self.actor, "bench-clerk", "王晓红", Role.CLERK, BENCH_PASSWORD)
            give_password(self.counter.database, "bench-clerk")
        clerk = services.auth.sign_in("bench-clerk", BENCH_PASSWORD)
        today = datetime.now().date()
        counter = iter(range(10_000))

        def save() -> None:
            n = next(counter)
            services.jobs.check_in(_form(n, today), clerk)

        # Between two check-ins the counter is idle (untimed), as at the counter, where a form
        # takes a person seconds to fill: what the last one set off (other counters told, this
        # window's list, counts and clocks read again) is done before the next is timed.
        self.add(
            "check_in",
            "check-in save (service call)",
            timed(save, self.short_runs, between=self.idle),
        )

    def receipts(self) -> None:
        services, shop = self.services, self.services.shop.settings()
        calendar = services.shop.calendar()
        intake_job = services.jobs.get(_first_job_id(self.url, "received"))
        intake_paper = shop.receipt_paper

        def intake() -> None:
            render_intake(intake_job, shop, paper=intake_paper)

        self.add("intake_receipt", "intake receipt PDF (warm)", timed(intake, self.runs))
        returned_job = services.jobs.get(_first_job_id(self.url, "returned", with_lines=True))

        def return_receipt() -> None:
            render_return(returned_job, shop, calendar, paper=intake_paper)

        self.add("return_receipt", "return receipt PDF (warm)", timed(return_receipt, self.runs))

    def summary(self) -> None:
        services = self.services
        self.add(
            "summary", "due-state summary counts", timed(services.jobs.summary, self.short_runs)
        )

    def run_all(self) -> dict[str, Figure]:
        self.first_screen()
        self.scroll()
        self.searches(pick_searches(self.url))
        self.open_job()
        self.check_in()
        self.receipts()
        self.summary()
        return self.figures


def _first_job_id(url: str, status: str, with_lines: bool = False) -> int:
    lines = "AND EXISTS (SELECT 1 FROM job_lines l WHERE l.job_id = j.id)" if with_lines else ""
    rows = query(
        url,
        f"SELECT j.id FROM jobs j WHERE j.status = :status {lines} ORDER BY j.id DESC LIMIT 1",
        status=status,
    )
    if not rows:
        raise RuntimeError(f"the bench database has no {status} job")
    return int(rows[0][0])


def _form(n: int, today: date) -> CheckInForm:
    return CheckInForm(
        customer_name="张伟",
        phone=f"139{n:08d}",
        category=Category.ELECTRONICS,
        brand="华为",
        model="Mate 60 Pro",
        serial=f"BENCH{n:010d}",
        purchase_date=date(today.year - 1, 1, 15),
        warranty_months=24,
        documents=DocumentsPresented(True, True, True),
        service_requested=ServiceKind.REPAIR,
        fault_description="屏幕不亮，开机有声音但无显示",
        usage_description="日常使用，未摔落",
        voucher_number="FP0012345678",
        warranty_card_number="BX20260301",
        condition_on_arrival="外观完好",
        accessories_received="充电器",
    )


# Passes of the event loop that finish what a change left for it: a list whose row count
# changed lays its view out again on a timer of its own (the scroll bar shown or hidden), which
# posts more. One pass left that to the next user action: after the box was cleared from a
# search of 1-3 rows, the first keystroke carried the cleared list's layout, 9.5-10.4 ms against
# 5.7-6.0 ms after a search of 17 rows or more, and 5.8-5.9 ms with the layout done first.
EVENT_LOOP_PASSES = 5


def done_by_the_event_loop() -> None:
    """What the event loop was left to do (deferred layout and repaints, views freed), done
    now: a few passes, no waiting."""
    for _ in range(EVENT_LOOP_PASSES):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def settle(app: QApplication) -> None:
    """Deliver every background result: an event loop that ends when the last one arrives (a
    processEvents() loop would spin, holding the GIL the worker needs, and slow it down)."""
    background.wait_until_idle()
