"""Two workstations checking in at the same moment: distinct job numbers, no lost job."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from desktop_app.data.db import open_database
from desktop_app.data.models import Job

JOBS_PER_PROCESS = 25

WORKER = textwrap.dedent(
    """
    import sys, time
    from datetime import datetime
    from pathlib import Path
    from desktop_app.data.db import open_database
    from desktop_app.services import Services
    from tests.helpers import check_in_form

    url, go_file = sys.argv[1], Path(sys.argv[2])
    services = Services.build(open_database(url), clock=lambda: datetime(2026, 11, 25, 10, 0))
    manager = services.users.by_username("manager").id
    while not go_file.exists():  # start together, so the check-ins really overlap
        time.sleep(0.005)
    for _ in range(int(sys.argv[3])):
        print(services.jobs.check_in(check_in_form(), manager).number, flush=True)
    """
)


def test_concurrent_check_ins_from_two_processes(database_url: str, tmp_path: Path):
    open_database(database_url).dispose()  # migrate once, before the race
    go_file = tmp_path / "go"
    root = Path(__file__).resolve().parents[2]
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, database_url, str(go_file), str(JOBS_PER_PROCESS)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    time.sleep(1.0)  # both have opened the database and are waiting
    go_file.touch()
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    numbers = [line for out, _ in outputs for line in out.split()]
    assert len(numbers) == 2 * JOBS_PER_PROCESS
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == [f"R20261125-{n:04d}" for n in range(1, 2 * JOBS_PER_PROCESS + 1)]
    database = open_database(database_url)
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Job)) == 2 * JOBS_PER_PROCESS
    database.dispose()
