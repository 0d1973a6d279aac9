"""Two workstations checking in at the same moment: distinct job numbers, no lost job."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from select import select as wait_readable
from typing import IO

from sqlalchemy import func, select

from desktop_app.data.db import open_database
from desktop_app.data.models import Job
from desktop_app.services import Services
from tests.helpers import FAST_PASSWORDS, give_password

JOBS_PER_PROCESS = 25
READY = "ready"
TIMEOUT_S = 120

# Each worker says when it has opened the database, then waits for the word to go on its stdin:
# the test releases both only once both are ready, so their check-ins really overlap.
WORKER = textwrap.dedent(
    f"""
    import os
    import sys
    from datetime import datetime
    from desktop_app.data.db import open_database
    from desktop_app.services import Services
    from tests.helpers import FAST_PASSWORDS, PASSWORD, check_in_form

    url, jobs = sys.argv[1], int(sys.argv[2])
    clock = lambda: datetime(2026, 11, 25, 10, 0)
    services = Services.build(open_database(url), clock, passwords=FAST_PASSWORDS)
    # The test gave the manager a password before starting the workers: re-giving it here
    # (a new salt, a new hash) would race the other worker's sign-in, which then sees the hash
    # it checked replaced and rightly refuses.
    manager = services.auth.sign_in("manager", PASSWORD)
    print({READY!r}, flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit("not told to go")
    for n in range(jobs):  # each its own product: a serial in the shop is not taken twice
        form = check_in_form(serial=f"SN{{os.getpid()}}-{{n}}")
        print(services.jobs.check_in(form, manager).number, flush=True)
    """
)


def _line_within(stream: IO[str], seconds: float) -> str:
    """The next line a worker prints, or a failure after `seconds` (not a hang)."""
    readable, _, _ = wait_readable([stream], [], [], seconds)
    assert readable, f"no line from the worker within {seconds} s"
    return stream.readline().strip()


def test_concurrent_check_ins_from_two_processes(database_url: str, tmp_path: Path):
    database = open_database(database_url)  # migrate once, before the race
    give_password(Services.build(database, passwords=FAST_PASSWORDS), "manager")
    database.dispose()
    root = Path(__file__).resolve().parents[2]
    # stderr goes to files: only stdout carries the handshake, so nothing else can fill a pipe.
    logs = [tmp_path / f"worker-{n}.err" for n in range(2)]
    workers = []
    for log in logs:
        with log.open("w") as stderr:
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-c", WORKER, database_url, str(JOBS_PER_PROCESS)],
                    cwd=root,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=stderr,
                    text=True,
                )
            )
    try:
        for worker, log in zip(workers, logs, strict=True):
            assert worker.stdout is not None
            assert _line_within(worker.stdout, TIMEOUT_S) == READY, log.read_text()
        for worker in workers:  # both are waiting: release them together
            assert worker.stdin is not None
            worker.stdin.write("go\n")
            worker.stdin.flush()
        # Nothing follows READY before "go", so communicate() misses nothing readline buffered.
        outputs = [worker.communicate(timeout=TIMEOUT_S)[0] for worker in workers]
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
            for stream in (worker.stdin, worker.stdout):
                if stream is not None and not stream.closed:
                    stream.close()
    for worker, log in zip(workers, logs, strict=True):
        assert worker.returncode == 0, log.read_text()
    numbers = [line for out in outputs for line in out.split()]
    assert len(numbers) == 2 * JOBS_PER_PROCESS
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == [f"R20261125-{n:04d}" for n in range(1, 2 * JOBS_PER_PROCESS + 1)]
    database = open_database(database_url)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 2 * JOBS_PER_PROCESS
    database.dispose()
