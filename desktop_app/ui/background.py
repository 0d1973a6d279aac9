"""Service calls off the GUI thread: the call runs in a worker, its result comes back as a slot.

On PostgreSQL over a shop's network one slow query would freeze the window if it ran on the GUI
thread. Every service call the window makes goes through `run()`: the call executes in a
`QThreadPool` worker and touches no widget; its result (or its exception) is delivered on the GUI
thread, where the caller's `done`/`failed` callbacks update the widgets. Modelled on Anki's
`QueryOp`/`CollectionOp` (qt/aqt/operations/__init__.py).

A call that takes longer than `BUSY_AFTER_MS` turns its `busy` callback on (a spinner, a wait
cursor) and off again when it ends, so quick calls never flicker.

A call refused because its person is no longer signed in (NotSignedIn: disabled at another
counter, signed out) is not the caller's to explain: its `failed` still runs (to give the form
back), with no message box, and the windows that asked with `when_signed_out` lock and say why.

A call that finds the database server gone (DatabaseUnreachable) still runs its `failed` (the
form kept, the message shown), and the windows that asked with `when_connection_lost` show their
banner and retry until the server answers. A refresh (Lane.REFRESH: reads only) is read once
more first, on a fresh connection: one connection ended by the server must not blink the banner.
"""

from __future__ import annotations

import itertools
import logging
import weakref
from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from desktop_app.domain.errors import DatabaseUnreachable, DomainError
from desktop_app.domain.people import NotSignedIn
from desktop_app.domain.text import Translator

log = logging.getLogger(__name__)

T = TypeVar("T")

BUSY_AFTER_MS = 300

Busy = Callable[[bool], None]


class _Dispatcher(QObject):
    """Lives on the GUI thread for as long as the application: a worker emits `finished(number)`
    and Qt queues the delivery to the GUI thread. Only the call's number crosses threads: passing
    Python objects through a queued signal upsets PySide's reference counts (None in
    particular)."""

    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(int)
    def _deliver(self, number: int) -> None:
        task = _in_flight.get(number)
        if task is not None:
            task._finish()


_dispatcher: _Dispatcher | None = None


def _dispatch() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:  # made by the first call, on the GUI thread
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Work:
    """What a worker runs: the call, then its outcome kept here and the call's number sent.

    A worker must never drop the last reference to anything that may hold a Qt object (the
    call's closure captures controllers and dialogs; a failure's traceback their frames): freed
    there, its C++ side would die off the GUI thread, which crashes. So the task (on the GUI
    thread) keeps the call too, and the worker lets go of the call and the outcome before it
    says it is done; everything is freed with the task, on the GUI thread. No QRunnable of ours
    either: Qt owns the one it wraps this in and deletes it in the worker when it is done."""

    __slots__ = ("call", "cause", "number", "ok", "value")

    def __init__(self, number: int, call: Callable[[], object]) -> None:
        self.number = number
        self.call: Callable[[], object] | None = call
        self.ok = False
        self.value: object = None
        self.cause: BaseException | None = None  # a BaseException, freed on the GUI thread too

    def __call__(self) -> None:
        call, self.call = self.call, None
        assert call is not None
        try:
            self.value = call()
            self.ok = True
        except BaseException as error:  # handed to the GUI thread, which decides what to show
            # Even a BaseException (a cancellation) must report back, or the call would stay
            # "in flight" for good: its button disabled, the spinner on.
            self.value = error if isinstance(error, Exception) else RuntimeError(repr(error))
            self.cause = error
            self.ok = False
        del call
        _announce(self.number)


def _announce(number: int) -> None:
    """In the worker, its last act: the GUI thread takes the outcome from here."""
    _dispatch().finished.emit(number)


_numbers = itertools.count(1)


class Task(Generic[T]):
    """One call in flight. `running` is true until its callbacks have run."""

    def __init__(
        self,
        call: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
        busy: Busy | None,
        owner: QObject | None = None,
        sign_in: bool = False,
    ) -> None:
        self._owner = owner
        self._sign_in = sign_in
        self._done = done
        self._failed = failed
        self._busy = busy
        self._busy_shown = False
        self.running = True
        self._call: Callable[[], T] | None = call  # released here, on the GUI thread
        self.number = next(_numbers)
        self._work = _Work(self.number, call)
        if busy is not None:
            QTimer.singleShot(BUSY_AFTER_MS, _dispatch(), partial(_slow, weakref.ref(self)))

    def _show_busy(self) -> None:
        if self.running and self._busy is not None and self._owner_alive():
            self._busy_shown = True
            self._busy(True)

    def _owner_alive(self) -> bool:
        return self._owner is None or isValid(self._owner)

    def _finish(self) -> None:
        self.running = False
        ok, value = self._work.ok, self._work.value
        self._work.value = self._work.cause = self._call = None
        _in_flight.pop(self.number, None)
        try:
            if self._busy_shown and self._busy is not None and self._owner_alive():
                try:
                    self._busy(False)
                except Exception:  # the spinner's widget gone: the result is still delivered
                    log.exception("turning a busy indicator off failed")
            self._deliver(ok, value)
        finally:
            # After the callbacks: one that started another call keeps the counter busy (a
            # script waiting for idle, dispose() closing the database, waits for that one too).
            if not _in_flight and _notifier is not None:
                _notifier.idle.emit()

    def _deliver(self, ok: bool, value: object) -> None:
        if not ok and isinstance(value, DatabaseUnreachable):
            for handler in _live(_lost_handlers):
                handler(value)
        handlers = _signed_out_handlers() if isinstance(value, NotSignedIn) else []
        if not ok and handlers and not self._sign_in:
            if self._owner is None or isValid(self._owner):
                from desktop_app.ui import prompts

                with prompts.quiet():  # the form given back, no message box over the lock
                    self._failed(value)  # type: ignore[arg-type]
            for handler in handlers:
                handler(value)  # type: ignore[arg-type]
            return
        if self._owner is not None and not isValid(self._owner):
            return  # the dialog that asked was closed meanwhile: nobody to tell
        if ok:
            self._done(value)  # type: ignore[arg-type]
        else:
            assert isinstance(value, Exception)
            self._failed(value)


def _slow(task: weakref.ref[Task[Any]]) -> None:
    alive = task()
    if alive is not None:
        alive._show_busy()


class _Notifier(QObject):
    idle = Signal()  # the last call in flight has delivered its result


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """Emits `idle` when no call is in flight any more: a benchmark or a script can wait for it
    in an event loop instead of spinning (a spinning GUI thread holds the GIL the workers need)."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


# Who locks when a call finds its person signed out: (window, its handler).
_handlers: list[tuple[QObject, Callable[[NotSignedIn], None]]] = []


def when_signed_out(window: QObject, handler: Callable[[NotSignedIn], None]) -> None:
    """`handler(error)` runs (on the GUI thread) whenever a call fails with NotSignedIn, as long
    as `window` lives: the window locks and shows the reason."""
    _handlers.append((window, handler))


def _signed_out_handlers() -> list[Callable[[NotSignedIn], None]]:
    _handlers[:] = [(window, handler) for window, handler in _handlers if isValid(window)]
    # A window closed (not yet freed) has nothing to lock, and must not take others' dialogs.
    return [
        handler
        for window, handler in _handlers
        if not isinstance(window, QWidget) or window.isVisible()
    ]


# Who shows that the database server is gone, and retries: (window, its handler).
_lost_handlers: list[tuple[QObject, Callable[[DatabaseUnreachable], None]]] = []


def when_connection_lost(window: QObject, handler: Callable[[DatabaseUnreachable], None]) -> None:
    """`handler(error)` runs (on the GUI thread) whenever a call fails because the connection to
    the database server was lost, as long as `window` lives: its banner shows, its retry starts."""
    _lost_handlers.append((window, handler))


def _live(
    handlers: list[tuple[QObject, Callable[[DatabaseUnreachable], None]]],
) -> list[Callable[[DatabaseUnreachable], None]]:
    handlers[:] = [(window, handler) for window, handler in handlers if isValid(window)]
    return [handler for _window, handler in handlers]


def _read_again_once(call: Callable[[], T]) -> Callable[[], T]:
    """A read that lost its connection, read once more: the pool has dropped the dead
    connection, so the second try gets a fresh one (or finds the server really gone). Only for
    reads: a write is never replayed behind the person's back."""

    def again() -> T:
        try:
            return call()
        except DatabaseUnreachable:
            return call()

    return again


# Tasks are kept alive here, by number, until their result is delivered (nothing else holds
# them).
_in_flight: dict[int, Task[Any]] = {}


class Lane(Enum):
    """Which workers a call waits for. The window's own refreshes (list pages, counts, clocks)
    have workers of their own, so a stalled refresh never keeps a person's action from
    starting."""

    ACTION = "action"
    REFRESH = "refresh"


# Workers mostly wait on the database, so a few threads each cost little.
_THREADS = {Lane.ACTION: 4, Lane.REFRESH: 3}
_pools: dict[Lane, QThreadPool] = {}


def pool(lane: Lane = Lane.ACTION) -> QThreadPool:
    if lane not in _pools:
        _pools[lane] = QThreadPool()
        _pools[lane].setMaxThreadCount(_THREADS[lane])
    return _pools[lane]


def run(
    call: Callable[[], T],
    *,
    done: Callable[[T], None],
    failed: Callable[[Exception], None],
    busy: Busy | None = None,
    owner: QObject | None = None,
    lane: Lane = Lane.ACTION,
    sign_in: bool = False,
) -> Task[T]:
    """Run `call()` in a worker; then `done(result)` or `failed(error)` on the GUI thread.

    With an `owner` (the widget that asked), nothing is called back once it has been deleted.
    `sign_in`: the call signs someone in, so its NotSignedIn (a wrong password) is its own to
    show, not a reason to lock. A call on Lane.REFRESH must only read: it is read again once
    when it loses its connection."""
    if lane is Lane.REFRESH:
        call = _read_again_once(call)
    _dispatch()  # made here, on the GUI thread, before any worker emits through it
    task = Task(call, done, failed, busy, owner, sign_in)
    _in_flight[task.number] = task
    pool(lane).start(task._work)
    return task


def failure_text(error: Exception, translate: Translator) -> str:
    """What a person is told when a call fails: the rule in their language, never a traceback."""
    if isinstance(error, DomainError):
        return error.render(translate)
    log.error("service call failed", exc_info=error)
    return QCoreApplication.translate(
        "background",
        "The database did not answer. Nothing was saved; try again in a moment. "
        "If it keeps happening, tell the manager.",
    )


def wait_until_idle() -> None:
    """Run the event loop until every call in flight has delivered (scripts and benchmarks)."""
    if not _in_flight:
        return
    loop = QEventLoop()
    notifier().idle.connect(loop.quit)
    try:
        if _in_flight:
            loop.exec()
    finally:
        notifier().idle.disconnect(loop.quit)


def in_flight() -> int:
    """How many calls have not delivered their result yet (tests wait for 0)."""
    return len(_in_flight)
