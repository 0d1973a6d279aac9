"""Other counters' changes, as they happen: what the window needs to stay current.

`watch(on_change)` starts a watcher (data/changes.py) that calls `on_change` from its own
thread with what changed; the caller moves it to wherever it shows things (the window: ui/live.py)
and stops it with `Watch.stop()` (sign-out, close).
"""

from __future__ import annotations

from desktop_app.data.changes import (
    COMPLAINTS,
    CONSULTATIONS,
    JOBS,
    Changes,
    ChangeWatcher,
    OnChange,
)
from desktop_app.data.db import Database

__all__ = ["COMPLAINTS", "CONSULTATIONS", "JOBS", "ChangeService", "Changes", "Watch"]


class Watch:
    """One running watch; stop() ends its thread and closes its connection (idempotent)."""

    def __init__(self, watcher: ChangeWatcher) -> None:
        self._watcher = watcher

    @property
    def running(self) -> bool:
        return self._watcher.running

    def wait_ready(self, timeout: float) -> bool:
        """Whether the watch hears changes committed from now on (its connection is up)."""
        return self._watcher.ready.wait(timeout)

    def stop(self) -> None:
        self._watcher.stop()


class ChangeService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def watch(self, on_change: OnChange) -> Watch:
        watcher = ChangeWatcher(self._database, on_change)
        watcher.start()
        return Watch(watcher)
