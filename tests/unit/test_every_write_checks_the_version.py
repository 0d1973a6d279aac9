"""Two counters: every public method of the job services that changes a job takes the version
the person's screen showed and loads the job through `load_for` (which locks the row and checks
that version); the ones that do not change a job are listed here, with why."""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest

from desktop_app.services.handback import HandBackService
from desktop_app.services.jobs import JobService

# Writes that are not changes of an existing job: no version to check.
NOT_A_CHANGE = {
    (JobService, "check_in"): "makes a new job",
    (JobService, "reveal_phone"): "a look: records who saw the number, the job is not written",
    (JobService, "reveal_phones"): "looks: records who listed the numbers, no job is written",
}


def _body(function: object) -> ast.AST:
    return ast.parse(textwrap.dedent(inspect.getsource(function)))  # type: ignore[arg-type]


def _writes(function: object) -> bool:
    return "self._db.write()" in inspect.getsource(function)  # type: ignore[arg-type]


def _calls(function: object) -> set[str]:
    names = set()
    for node in ast.walk(_body(function)):
        if isinstance(node, ast.Call):
            callee = node.func
            names.add(
                callee.attr if isinstance(callee, ast.Attribute) else getattr(callee, "id", "")
            )
    return names


def _public_writers() -> list[tuple[type, str]]:
    found = []
    for service in (JobService, HandBackService):
        for name, function in inspect.getmembers(service, inspect.isfunction):
            if name.startswith("_"):
                continue
            helpers = [getattr(service, c) for c in _calls(function) if hasattr(service, c)]
            if _writes(function) or any(_writes(h) for h in helpers):
                found.append((service, name))
    return found


def test_the_writers_are_found():
    writers = {name for _service, name in _public_writers()}
    assert {"add_line", "remove_line", "assign", "mark_ready", "hand_back", "cancel"} <= writers
    assert {"get", "search", "summary"}.isdisjoint(writers)


@pytest.mark.parametrize(
    "service, name", _public_writers(), ids=lambda v: getattr(v, "__name__", v)
)
def test_every_job_changing_method_takes_and_checks_the_version(service: type, name: str):
    if (service, name) in NOT_A_CHANGE:
        return
    function = getattr(service, name)
    parameter = inspect.signature(function).parameters.get("expected_version")
    assert parameter is not None, f"{service.__name__}.{name} takes no expected_version"
    # It reaches load_for (lock + version check) itself, or hands the version to a method of
    # its own service that does.
    calls = _calls(function)
    if "load_for" in calls:
        return
    delegates = [getattr(service, c) for c in calls if hasattr(service, c)]
    assert delegates and all("load_for" in _calls(d) for d in delegates), name
    source = inspect.getsource(function)
    assert source.count("expected_version") >= 2, f"{name} does not pass the version on"


def test_the_looks_do_not_lock_or_check_because_they_change_nothing():
    assert "load_for" not in _calls(JobService.reveal_phone)
    assert "record_look" in _calls(JobService.reveal_phone)
    assert "record_event" not in _calls(JobService.reveal_phone)
