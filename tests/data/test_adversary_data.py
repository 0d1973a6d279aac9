"""Issue 11, a second look as an adversary: what still escaped as a traceback after the
hardening. Ids and choices of the wrong type, lookups with a NUL or a lone surrogate, shop
settings of the wrong type (SQLite and PostgreSQL); a folder, an unreadable file or folder given
as the database (command line and window); odd numbers on the command line."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.data.db import Database, open_database
from desktop_app.data.location import DatabaseProblem
from desktop_app.domain.errors import InvalidInput, NotFound
from desktop_app.domain.forms import JobQuery
from desktop_app.domain.people import Actor, NotSignedIn
from desktop_app.domain.roles import Role
from desktop_app.domain.workflow import Status
from desktop_app.services import Services
from tests.helpers import PASSWORD, actor, add_user, check_in_form

ROOT = Path(__file__).resolve().parents[2]
NOBODY = (
    ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
)
needs_a_user_files_can_refuse = pytest.mark.skipif(
    bool(NOBODY) and shutil.which("setpriv") is None, reason="root, and no setpriv to drop it"
)
NOT_IDS = ["1", 2**31, 2**63, -1, 0, True, 1.0, None]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def _manager(services: Services) -> Actor:
    return actor(services)


def _event_count(services: Services, job_id: int) -> int:
    return len(services.jobs.get(job_id).events)


# --- ids and choices of the wrong type ------------------------------------------------------------


@pytest.mark.parametrize("bad", NOT_IDS, ids=repr)
def test_an_id_that_names_no_row_is_not_found_on_both_backends(services: Services, bad):
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(), me)
    events = _event_count(services, job.id)
    with pytest.raises(NotFound):
        services.jobs.get(bad)
    with pytest.raises(NotFound):
        services.jobs.reveal_phone(bad, me)
    with pytest.raises(NotSignedIn):  # a bare id (or anything else) is nobody signed in
        services.jobs.reveal_phone(job.id, bad)
    with pytest.raises(NotFound):
        services.jobs.record_diagnosis(bad, me, "屏幕排线松动")
    with pytest.raises(NotSignedIn):
        services.jobs.record_diagnosis(job.id, bad, "屏幕排线松动")
    if bad is not None:  # None is "nobody": unassigning is allowed
        with pytest.raises(NotFound):
            services.jobs.assign(job.id, bad, me)
    assert services.jobs.technician_queue(bad) == () or bad is None
    assert _event_count(services, job.id) == events


def test_removing_a_line_id_that_names_no_row_is_not_found(services: Services):
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(), me)
    job = services.jobs.change_status(job.id, Status.DIAGNOSING, me)
    services.jobs.add_line(
        job.id, me, kind="labour", description="检测", quantity=1, unit_price_cents=0
    )
    for bad in (2**63, "1", 2**31):
        with pytest.raises(NotFound):
            services.jobs.remove_line(job.id, bad, me, "录错了")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("purchase_date", datetime(2026, 3, 1, 10, 0)),
        ("category", "electronics"),
        ("service_requested", "repair"),
        ("documents", None),
    ],
)
def test_a_check_in_with_a_value_of_the_wrong_type_names_the_field(services, field, value):
    me = _manager(services)
    with pytest.raises(InvalidInput) as refused:
        services.jobs.check_in(check_in_form(**{field: value}), me)
    assert field in {p.field for p in refused.value.problems}
    assert services.jobs.search(JobQuery()).rows == ()


def test_a_status_that_is_not_a_status_is_refused(services: Services):
    me = _manager(services)
    job = services.jobs.check_in(check_in_form(), me)
    with pytest.raises(InvalidInput) as refused:
        services.jobs.change_status(job.id, "diagnosing", me)  # type: ignore[arg-type]
    assert refused.value.problems[0].field == "status"
    assert services.jobs.get(job.id).status is Status.RECEIVED


@pytest.mark.parametrize("text", ["R\x00", "R\ud800", "\udcff", None], ids=repr)
def test_a_lookup_with_a_nul_or_a_lone_surrogate_finds_nothing(services: Services, text):
    me = _manager(services)
    services.jobs.check_in(check_in_form(), me)
    assert services.jobs.find_by_number(text) is None
    assert services.jobs.earlier_jobs_for_serial(text) == ()
    assert services.users.by_username(text) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("default_warranty_months", "12"),
        ("default_warranty_months", 12.5),
        ("closures", ("2026-05-01",)),
        ("closures", (datetime(2026, 5, 1, 10, 0),)),
        ("closures", None),
        ("extra_working_days", ("x",)),
        ("confirmed_years", ("2027",)),
    ],
    ids=repr,
)
def test_shop_settings_of_the_wrong_type_name_the_field_and_save_nothing(services, field, value):
    me = _manager(services)
    before = services.shop.settings()
    with pytest.raises(InvalidInput) as refused:
        services.shop.save_settings(replace(before, **{field: value}), me)
    assert field in {p.field for p in refused.value.problems}
    assert services.shop.settings() == before


def test_users_of_the_wrong_type_are_refused(services: Services):
    with pytest.raises(InvalidInput):
        services.users.add(actor(services), "bob", "鲍勃", "clerk", PASSWORD)  # type: ignore[arg-type]


# --- files the counter opens ---------------------------------------------------------------------


def _cli(*args: str, as_nobody: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": tempfile.gettempdir()}
    return subprocess.run(
        [*(NOBODY if as_nobody else []), sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_folder_given_as_the_database_is_said_to_be_a_folder(tmp_path: Path):
    folder = tmp_path / "counter.db"
    folder.mkdir()
    with pytest.raises(DatabaseProblem, match="is a folder, not a database file"):
        open_database(f"sqlite:///{folder}")
    for command in ("migrate", "jobs", "demo"):
        done = main(["--database", f"sqlite:///{folder}", command])
        assert done == 2
    assert list(folder.iterdir()) == []


def test_a_database_under_a_file_is_refused(tmp_path: Path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    assert main(["--database", f"sqlite:///{a_file}/counter.db", "migrate"]) == 2
    assert a_file.read_text() == "not a folder"


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="repair-counter-adv-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            path.chmod(0o777 if path.is_dir() else 0o666)
        shutil.rmtree(folder)


@needs_a_user_files_can_refuse
@pytest.mark.parametrize("case", ["unreadable file", "closed folder", "new in closed folder"])
def test_a_file_or_folder_that_cannot_be_read_is_said_so(shared_folder: Path, case: str):
    made = shared_folder / "made.db"
    assert main(["--database", f"sqlite:///{made}", "migrate"]) == 0
    inner = shared_folder / "inner"
    inner.mkdir()
    path = inner / ("new.db" if case == "new in closed folder" else "counter.db")
    if case != "new in closed folder":
        shutil.copy(made, path)
    if case == "unreadable file":
        path.chmod(0o000)
    else:
        inner.chmod(0o000)
    leftovers = sorted(p.name for p in inner.iterdir())
    before = _sha(path) if path.exists() else None
    for command in ("migrate", "jobs", "receipt R1 -o /dev/null"):
        done = _cli("--database", f"sqlite:///{path}", *command.split(), as_nobody=True)
        assert done.returncode == 2, done
        assert "cannot be opened (Permission denied)" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
    inner.chmod(0o755)
    assert sorted(p.name for p in inner.iterdir()) == leftovers
    assert (_sha(path) if path.exists() else None) == before


def test_the_window_says_a_folder_is_a_folder(qapp, tmp_path: Path):
    from desktop_app.app import StartupProblem, open_counter

    folder = tmp_path / "counter.db"
    folder.mkdir()
    with pytest.raises(StartupProblem, match="is a folder"):
        open_counter(qapp, f"sqlite:///{folder}")


# --- the command line's numbers and text ----------------------------------------------------------


@pytest.fixture
def demo_database(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'counter.db'}"
    assert main(["--database", url, "demo", "--jobs", "5", "--seed", "3"]) == 0
    return url


def test_a_receipt_for_a_number_that_is_not_utf8_is_no_job(demo_database: str, tmp_path):
    # Bytes that are not UTF-8 on the command line reach Python as lone surrogates.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "--database",
            demo_database,
            "receipt",
            os.fsdecode(b"R\xff"),
            "-o",
            str(tmp_path / "r.pdf"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": tempfile.gettempdir()},
        timeout=120,
        check=False,
    )
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize(
    "args",
    [["demo", "--jobs", "1", "--months", "100000"], ["demo", "--months", "-1"]],
)
def test_demo_months_out_of_range_are_refused(demo_database: str, args, capsys):
    assert main(["--database", demo_database, *args]) == 2
    assert "--months must be from 0 to" in capsys.readouterr().err


def test_a_negative_limit_is_refused(demo_database: str, capsys):
    assert main(["--database", demo_database, "jobs", "--limit", "-1"]) == 2
    assert "--limit" in capsys.readouterr().err


def test_a_user_added_twice_with_spaces_is_one_user(services: Services):
    add_user(services, "bob", "鲍勃", Role.CLERK)
    with pytest.raises(InvalidInput, match="already taken"):
        add_user(services, " bob ", "鲍勃", Role.CLERK)
