"""Reading receipts back the way a person (pdftotext, pypdf) and a scanner (zbarimg) would."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader


def require(tool: str) -> str:
    """The tool's path; skips the test when it is missing, except under CI (scripts/test
    installs poppler-utils and zbar-tools, so there a missing tool is a broken setup)."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (poppler-utils / zbar-tools)"
        if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def _run(args: list[str], stdin: bytes | None = None) -> str:
    done = subprocess.run(args, input=stdin, capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def pdftotext(pdf: bytes) -> str:
    """Text in reading order, pages separated by form feeds."""
    return _run([require("pdftotext"), "-enc", "UTF-8", "-", "-"], stdin=pdf)


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def squeeze(text: str) -> str:
    """Text without any whitespace: line breaks fall anywhere in wrapped Chinese."""
    return "".join(text.split())


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def decode(pdf: bytes, symbology: str, page: int = 1) -> list[str]:
    """What zbarimg reads from the page rendered at 200 dpi, only `symbology` enabled
    ("code128" or "qrcode")."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "receipt.pdf"
        source.write_bytes(pdf)
        stem = Path(folder) / "page"
        subprocess.run(
            [require("pdftoppm"), "-png", "-r", "200", "-f", str(page), "-l", str(page),
             "-singlefile", str(source), str(stem)],
            check=True, capture_output=True, timeout=60,
        )  # fmt: skip
        done = subprocess.run(
            [require("zbarimg"), "--raw", "-q", "-Sdisable", f"-S{symbology}.enable",
             f"{stem}.png"],
            capture_output=True, timeout=60,
        )  # fmt: skip
    return done.stdout.decode("utf-8").split()


@dataclass(frozen=True)
class Word:
    page: int
    page_width: float
    page_height: float
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def words(pdf: bytes) -> list[Word]:
    """Every word with its box (points, origin top left), from `pdftotext -bbox`."""
    found: list[Word] = []
    markup = _run([require("pdftotext"), "-bbox", "-enc", "UTF-8", "-", "-"], stdin=pdf)
    for number, chunk in enumerate(markup.split("<page ")[1:], start=1):
        width, height = map(float, _PAGE.match("<page " + chunk).groups())
        for box in _WORD.finditer(chunk):
            x0, y0, x1, y1 = map(float, box.groups()[:4])
            found.append(Word(number, width, height, x0, y0, x1, y1, html.unescape(box[5])))
    return found
