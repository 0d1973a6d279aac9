"""The bench switches the automatic backups off for the processes it measures, never for the
process that imports it (the test suite imports bench/run.py and bench/measure.py: an import that
set the variable switched the backups off for every window test after it)."""

from __future__ import annotations

import importlib
import os

import pytest

VARIABLE = "REPAIR_COUNTER_AUTO_BACKUP"


def test_importing_the_bench_leaves_the_automatic_backups_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    for name in ("bench.measure", "bench.cold_start", "bench.run"):
        importlib.reload(importlib.import_module(name))
    assert VARIABLE not in os.environ


def test_the_measured_processes_back_nothing_up() -> None:
    from bench import run

    assert run._child_env()[VARIABLE] == "0"
