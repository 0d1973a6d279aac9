"""`repair-counter jobs -o FILE.xlsx|FILE.csv`: the window's export from the command line, as the
person named by --user; the full numbers for a manager only, on the record; one line for every
refusal, never a traceback."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from desktop_app.domain.vocabulary import StaffEventKind
from desktop_app.receipts.output_files import UTF8_BOM
from tests.helpers import PASSWORD, check_in_form
from tests.unit.test_cli_people import _cheap_hashes, run, shop, staff_kinds, url

__all__ = ["_cheap_hashes", "shop", "url"]  # fixtures used here


def checked_in(shop) -> None:
    clerk = shop.auth.sign_in("clerk", PASSWORD)
    for name, phone in (("张伟", "13700001234"), ("李娜", "13900005678"), ("张伟", "13600009999")):
        shop.jobs.check_in(check_in_form(customer_name=name, phone=phone), clerk)


def test_a_clerk_writes_the_searched_list_masked(shop, url, monkeypatch, capsys, tmp_path):
    checked_in(shop)
    path = tmp_path / "jobs.xlsx"
    status, out, err = run(
        monkeypatch,
        capsys,
        url,
        "jobs",
        "--search",
        "张伟",
        "-o",
        str(path),
        "--user",
        "clerk",
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )
    assert (status, err) == (0, "")
    assert out == f"{path}: 2 jobs\n"
    rows = list(load_workbook(path).active.iter_rows(min_row=2, values_only=True))
    assert [row[2] for row in rows] == ["136****9999", "137****1234"]
    assert StaffEventKind.PHONES_EXPORTED.value not in staff_kinds(shop)


def test_full_numbers_for_a_manager_are_recorded(shop, url, monkeypatch, capsys, tmp_path):
    checked_in(shop)
    path = tmp_path / "jobs.csv"
    status, out, _err = run(
        monkeypatch,
        capsys,
        url,
        "jobs",
        "--full-phone",
        "-o",
        str(path),
        "--user",
        "manager",
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )
    assert status == 0 and "recorded" in out
    text = path.read_bytes().decode("utf-8")
    assert text.startswith(UTF8_BOM) and "13900005678" in text
    assert StaffEventKind.PHONES_EXPORTED.value in staff_kinds(shop)


def test_refusals_are_one_line_and_write_nothing(shop, url, monkeypatch, capsys, tmp_path):
    checked_in(shop)
    path = tmp_path / "jobs.csv"
    cases = [
        (("--full-phone", "-o", str(path), "--user", "clerk"), "may not"),
        (("-o", str(path)), "--user"),
        (("-o", str(tmp_path / "jobs.pdf"), "--user", "clerk"), ".xlsx"),
        (("-o", str(path), "--limit", "2", "--user", "clerk"), "--limit"),
    ]
    for argv, said in cases:
        status, out, err = run(
            monkeypatch, capsys, url, "jobs", *argv, "--password-stdin", stdin=f"{PASSWORD}\n"
        )
        assert status == 2 and out == "" and said in err, (argv, err)
        assert err.count("\n") == 1 and "Traceback" not in err
    assert not path.exists() and not (tmp_path / "jobs.pdf").exists()
    theirs = tmp_path / "theirs.xlsx"
    theirs.write_bytes(b"not ours")
    status, _out, err = run(
        monkeypatch,
        capsys,
        url,
        "jobs",
        "-o",
        str(theirs),
        "--user",
        "clerk",
        "--password-stdin",
        stdin=f"{PASSWORD}\n",
    )
    assert status == 2 and "not made by Repair Counter" in err
    assert Path(theirs).read_bytes() == b"not ours"
    assert StaffEventKind.PHONES_EXPORTED.value not in staff_kinds(shop)
