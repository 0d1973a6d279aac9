"""Writing a report to a file without ever writing over a file we did not make.

A manager types a file name, or a script passes one; a slip (the head-office workbook's name,
last year's signed report) must not destroy someone's work. A new name is created whole, never
half-written: the bytes go to a temporary file beside it first, which is then linked in under
the name only if nothing has taken the name meanwhile. An existing file is replaced only when it
is one of ours, as `ours` judges (a PDF this application wrote and nothing has re-saved since).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop_app.domain.errors import RuleRefusal
from desktop_app.domain.text import N_, Verbatim

# The PDF Creator every document of ours carries (receipts/layout.py sets it at build).
PDF_CREATOR = b"/Creator (Repair Counter)"
_LARGEST_OURS = 256 * 1024 * 1024  # bytes: a file larger than any report we write is not ours


class NotOurFile(RuleRefusal):
    """The chosen file exists and this application did not make it: it is left untouched."""


def is_our_pdf(path: Path) -> bool:
    """A PDF this application wrote (its Creator) that no other program has saved since (one
    %%EOF: an editor saving its annotations appends an update of its own)."""
    try:
        if not path.is_file() or path.stat().st_size > _LARGEST_OURS:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(b"%PDF-") and PDF_CREATOR in data and data.count(b"%%EOF") == 1


def write_new_or_ours(path: Path, data: bytes, ours: Callable[[Path], bool]) -> Path:
    """Writes `data` to `path`: a new file, or over a file `ours` recognises; else NotOurFile
    and nothing is written. OSError (no such folder, no permission, disk full) goes to the
    caller, with no partial file left behind."""
    target = Path(path)
    if os.path.lexists(target) and not ours(target):
        raise _refusal(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if os.path.lexists(target):
            os.replace(temporary, target)  # ours: checked above
            return target
        _link_new(temporary, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return target


def _link_new(temporary: str, target: Path) -> None:
    """Puts the finished file under a name nothing holds; refuses if something took it."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise _refusal(target) from None
    except OSError:  # a file system without hard links (FAT, some network shares)
        try:
            with open(target, "xb") as out, open(temporary, "rb") as source:
                out.write(source.read())
        except FileExistsError:
            raise _refusal(target) from None


def _refusal(target: Path) -> NotOurFile:
    return NotOurFile(
        N_(
            "{path} already exists and was not made by Repair Counter: it is left as it is. "
            "Choose another file name."
        ),
        path=Verbatim(str(target)),
    )
