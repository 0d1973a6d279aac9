"""`repair-counter complaints`: table, CSV with a byte-order mark, JSON with stable keys, phones
masked, --open."""

from __future__ import annotations

import csv
import io
import json

import pytest

import desktop_app.admin
from desktop_app.cli import main
from desktop_app.complaints_cli import COLUMNS
from tests.helpers import FAST_PASSWORDS, PASSWORD


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo')}/demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(desktop_app.admin, "password_hasher", lambda: FAST_PASSWORDS)
        patch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
        argv = ["demo", "--jobs", "300", "--months", "1", "--seed", "3", "--staff-password-stdin"]
        assert main(["--database", url, *argv]) == 0
    return url


def test_json_has_stable_keys_and_masked_phones(demo_db: str, capsys) -> None:
    capsys.readouterr()
    assert main(["--database", demo_db, "complaints", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert records and all(list(r) == list(COLUMNS) for r in records)
    assert all("****" in r["phone"] for r in records)
    assert {"closed", "dismissed", "draft"} <= {r["state"] for r in records}
    assert main(["--database", demo_db, "complaints", "--open", "--format", "json"]) == 0
    open_ones = json.loads(capsys.readouterr().out)
    assert open_ones and not {"closed", "dismissed", "draft"} & {r["state"] for r in open_ones}


def test_csv_starts_with_a_byte_order_mark(demo_db: str, capsys) -> None:
    capsys.readouterr()
    assert main(["--database", demo_db, "complaints", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeffnumber,state,")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    assert list(rows[0]) == list(COLUMNS)


def test_table_counts_the_complaints(demo_db: str, capsys) -> None:
    capsys.readouterr()
    assert main(["--database", demo_db, "complaints"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["number", "state"] or "单号" in out
    assert "complaints)" in out or "条投诉" in out


def test_a_bad_format_is_refused_without_a_traceback(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["complaints", "--format", "xml"])
    assert exited.value.code == 2
    assert "Traceback" not in capsys.readouterr().err
