"""Issue 11: search never raises, on SQLite and PostgreSQL — job-number starts with no real date,
NUL characters, lone surrogates — and both backends answer the same."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop_app.cli import main
from desktop_app.data.db import Database, open_database
from desktop_app.domain.forms import JobQuery
from tests.helpers import actor, check_in_form

HOSTILE = ["R0", "R00", "R0000", "R00000000", "R9", "R99999999", "a\x00b", "\x00", "张\ud800"]


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = open_database(database_url)
    yield db
    db.dispose()


def numbers(services, text: str) -> list[str]:
    return [row.number for row in services.jobs.search(JobQuery(text=text), limit=500).rows]


@pytest.mark.parametrize("text", HOSTILE, ids=repr)
def test_search_never_raises(services, text):
    manager = actor(services)
    services.jobs.check_in(check_in_form(customer_name="张伟"), manager)
    numbers(services, text)  # must not raise


def test_control_characters_and_surrogates_are_not_searched_for(services):
    manager = actor(services)
    services.jobs.check_in(check_in_form(customer_name="张伟"), manager)
    services.jobs.check_in(check_in_form(customer_name="李娜", phone="13900001111"), manager)
    # Only characters no job holds: no job matches (a scanner's NUL does not list every job).
    assert numbers(services, "\x00") == []
    assert numbers(services, "\x00\ud800 ") == []
    assert len(numbers(services, " ")) == 2  # a space typed is nothing typed: every job
    assert numbers(services, "张\ud800") == numbers(services, "张")
    assert numbers(services, "张\x00伟") == numbers(services, "张伟")
    assert len(numbers(services, "张伟")) == 1
    assert numbers(services, "R0") == []


def test_the_jobs_command_says_nothing_matches_instead_of_a_traceback(tmp_path, capsys):
    url = f"sqlite:///{tmp_path}/counter.db"
    assert main(["--database", url, "migrate"]) == 0
    capsys.readouterr()
    assert main(["--database", url, "jobs", "--search", "R0"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.out.strip().endswith("(0 jobs)")
