"""Nothing that may hold a Qt object is freed in a worker thread: Python's cycle collector runs
on the GUI thread only (desktop_app/ui/collector.py), and a service call's worker lets go of the
call and its outcome before it says it is done (desktop_app/ui/background.py). Freed in a worker,
a Qt object's C++ side dies off the GUI thread: the suite once crashed with a segmentation fault
while a worker compiled a query."""

from __future__ import annotations

import gc
import threading

import pytest

from desktop_app.app import create_application
from desktop_app.ui import background, collector

MAIN = threading.main_thread().ident


class Tracker:
    """Records the thread it was freed in."""

    freed_in: list[int | None]

    def __init__(self) -> None:
        self.freed_in = []
        self.cycle = self  # only the cycle collector frees it
        self.freed = threading.Event()

    def __del__(self) -> None:
        self.freed_in.append(threading.get_ident())
        self.freed.set()


def _allocate(kept: list[list[int]]) -> None:
    """Containers enough to cross the youngest generation's threshold several times over (a
    generation's count is containers made less containers freed: they are kept)."""
    kept.extend([number] for number in range(5_000))


def test_the_window_turns_automatic_collection_off():
    create_application()
    assert not gc.isenabled()
    assert collector.install() is collector.install()  # one collector, however often asked
    assert collector.install().timer.isActive()


def test_a_cycle_is_freed_on_the_gui_thread_not_in_the_worker_that_allocates(qtbot):
    create_application()
    tracker = Tracker()
    freed_in = tracker.freed_in
    del tracker  # garbage now: a cycle
    kept: list[list[int]] = []
    worker = threading.Thread(target=_allocate, args=(kept,))
    worker.start()
    worker.join()
    assert freed_in == []  # automatic collection would have freed it in the worker
    qtbot.waitUntil(lambda: freed_in != [], timeout=5_000)  # the collector's timer
    assert freed_in == [MAIN]


def test_the_collector_collects_only_on_the_gui_thread():
    create_application()
    refused: list[Exception] = []

    def off_thread() -> None:
        try:
            collector.install().collect_due()
        except RuntimeError as error:
            refused.append(error)

    worker = threading.Thread(target=off_thread)
    worker.start()
    worker.join()
    assert refused and "GUI thread" in str(refused[0])


def test_collect_due_follows_python_thresholds(monkeypatch: pytest.MonkeyPatch):
    create_application()
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    guard = collector.GuiThreadCollector()  # not started: automatic collection stays as it is
    first, second, third = guard.thresholds

    def due(counts: tuple[int, int, int]) -> list[int]:
        collected.clear()
        monkeypatch.setattr(gc, "get_count", lambda: counts)
        guard.collect_due()
        return list(collected)

    assert due((first, 0, 0)) == []  # not over the youngest threshold: nothing
    assert due((first + 1, 0, 0)) == [0]
    assert due((first + 1, second + 1, 0)) == [1]
    assert due((first + 1, second + 1, third + 1)) == [2]
    # The next full collection waits FULL_EVERY_S; the middle generation is collected meanwhile.
    assert due((first + 1, 0, third + 1)) == [1]
    guard._last_full -= collector.FULL_EVERY_S
    assert due((first + 1, 0, third + 1)) == [2]
    # Python 3.14's incremental collector says 0 for the oldest threshold: never a full one.
    guard.thresholds = (first, second, 0)
    guard._last_full -= collector.FULL_EVERY_S
    assert due((first + 1, second + 1, 5)) == [1]


class Cancelled(BaseException):
    """What a worker may die of that is not an Exception (a cancellation)."""


@pytest.mark.parametrize(
    "raised", [None, ValueError, Cancelled], ids=["answered", "failed", "cancelled"]
)
def test_a_call_and_its_outcome_are_freed_on_the_gui_thread(
    qtbot, monkeypatch: pytest.MonkeyPatch, raised: type[BaseException] | None
):
    """The worker is held back after it said it is done, until the GUI thread has delivered and
    let go of the task: by then the call's closure (and a failure's traceback, whose frames hold
    the call's locals) must already be freed, and on the GUI thread."""
    create_application()
    tracker = Tracker()
    freed_in, freed = tracker.freed_in, tracker.freed
    tracker.cycle = None  # freed by its last reference going, wherever that is

    def call(held: Tracker = tracker) -> int:
        local = held  # in the frame a failure's traceback keeps
        if raised is not None:
            raise raised(local)
        return 1

    del tracker
    announce = background._announce
    held_back: list[bool] = []

    def announce_then_wait(number: int) -> None:
        announce(number)
        held_back.append(freed.wait(10))  # a worker descheduled right after it said so

    monkeypatch.setattr(background, "_announce", announce_then_wait)
    outcome: list[str] = []
    background.run(
        call, done=lambda _value: outcome.append("done"), failed=lambda _e: outcome.append("failed")
    )
    del call
    qtbot.waitUntil(lambda: held_back != [], timeout=15_000)
    collector.install().collect_due()
    assert outcome == (["done"] if raised is None else ["failed"])
    assert held_back == [True], "the worker still held the call (or its outcome) after it said so"
    assert freed_in == [MAIN]


def test_a_busy_indicator_that_fails_still_delivers_and_leaves_nothing_in_flight(
    qtbot, monkeypatch: pytest.MonkeyPatch
):
    """The spinner's widget gone when the call ends (its busy(False) raises): the result still
    reaches `done`, and the call is not left "in flight" (a quit waiting for idle would hang)."""
    create_application()
    monkeypatch.setattr(background, "BUSY_AFTER_MS", 0)
    release = threading.Event()
    shown: list[bool] = []

    def busy(on: bool) -> None:
        shown.append(on)
        if not on:
            raise RuntimeError("Internal C++ object (QLabel) already deleted.")

    outcome: list[object] = []
    background.run(lambda: release.wait(10), done=outcome.append, failed=outcome.append, busy=busy)
    qtbot.waitUntil(lambda: shown == [True], timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: outcome != [], timeout=5_000)
    assert outcome == [True] and shown == [True, False]
    assert background.in_flight() == 0


def test_waiting_for_idle_waits_for_a_call_a_result_started(qtbot):
    """A result whose callback starts another call (a page, then its counts): the counter is
    idle only once that one has delivered too (dispose() closes the database after it)."""
    create_application()
    delivered: list[str] = []

    def first_done(_value: object) -> None:
        delivered.append("first")
        background.run(lambda: "second", done=delivered.append, failed=delivered.append)

    background.run(lambda: "first", done=first_done, failed=delivered.append)
    background.wait_until_idle()
    assert delivered == ["first", "second"]
