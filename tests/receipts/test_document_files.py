"""receipts/files.write_document: whole or nothing, and never over a file nobody said to replace."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

import pytest

from desktop_app.receipts.files import FileExists, write_document


def test_writes_the_bytes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = write_document(tmp_path / "report.pdf", b"%PDF-1.4 whole")
    assert target.read_bytes() == b"%PDF-1.4 whole"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_an_existing_file_is_left_alone_unless_replacing_was_asked(tmp_path: Path) -> None:
    theirs = tmp_path / "theirs.xlsx"
    theirs.write_bytes(b"somebody's work")
    with pytest.raises(FileExists, match=r"theirs\.xlsx"):
        write_document(theirs, b"ours")
    assert theirs.read_bytes() == b"somebody's work"
    assert os.listdir(tmp_path) == ["theirs.xlsx"]
    write_document(theirs, b"ours", replace=True)
    assert theirs.read_bytes() == b"ours"


def test_a_writer_that_fails_half_way_leaves_nothing_behind(tmp_path: Path) -> None:
    def half(out: BinaryIO) -> None:
        out.write(b"half a workbook")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_document(tmp_path / "report.xlsx", half)
    assert os.listdir(tmp_path) == []


def test_a_failure_does_not_touch_the_file_being_replaced(tmp_path: Path) -> None:
    old = tmp_path / "report.pdf"
    old.write_bytes(b"last month's")

    def broken(out: BinaryIO) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_document(old, broken, replace=True)
    assert old.read_bytes() == b"last month's"
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_a_directory_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        write_document(tmp_path, b"x", replace=True)
