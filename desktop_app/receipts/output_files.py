"""Writing an export to the file a person named, without ever harming a file we did not make.

A name is often picked in a hurry: head office's own workbook, last year's report someone typed
notes into, another program's file. So an existing file is replaced only when it is recognisably
ours and unchanged by anyone else (`is_ours`); anything else is refused with `NotOurFile`, even
an empty file. The export is written to a temporary file beside the target and moved into place
in one step, so a crash, a full disk or a refusal halfway never leaves half a workbook under
the name, and a file that appears under the name meanwhile is not replaced either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

from desktop_app.domain.errors import NotOurFile

# What our workbooks say made them (docProps/core.xml: creator and last modified by). A person
# who saves the workbook again in a spreadsheet program becomes its last modifier: from then on
# the file is theirs and is never replaced.
MAKER = "Repair Counter"
UTF8_BOM = "\ufeff"
# The PDF Creator every document of ours carries (receipts/layout.py sets it at build).
PDF_CREATOR = b"/Creator (Repair Counter)"
_LARGEST_OURS = 256 * 1024 * 1024  # bytes: a file larger than any report we write is not ours

_CORE = "docProps/core.xml"
_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


def save_new_or_ours(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], None],
    is_ours: Callable[[Path], bool],
) -> Path:
    """Writes `path` through `write` (given the open temporary file) and returns it; raises
    NotOurFile when a file other than one of ours is there (before or after writing), OSError
    when the folder cannot be written. Nothing is left behind on failure."""
    target = Path(path)
    _refuse_unless_ours(target, is_ours)
    descriptor, temporary_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        _move_into_place(temporary, target, is_ours)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return target


def _refuse_unless_ours(target: Path, is_ours: Callable[[Path], bool]) -> None:
    try:
        found = target.lstat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(found.st_mode) or not is_ours(target):
        raise NotOurFile(str(target))


def _move_into_place(temporary: Path, target: Path, is_ours: Callable[[Path], bool]) -> None:
    """A new name is taken with a hard link, which fails if the name appeared meanwhile (no
    check-then-replace race); a file of ours is replaced atomically."""
    if not os.path.lexists(target):
        try:
            os.link(temporary, target)
            return
        except FileExistsError:
            pass  # made meanwhile: whose is it?
        except OSError as error:
            no_links = (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV)
            if error.errno not in no_links and not isinstance(error, PermissionError):
                raise
            # A file system without hard links (FAT on a USB stick): the name is created
            # exclusively, so a file made under it meanwhile is still never replaced.
            try:
                with open(target, "xb") as out, temporary.open("rb") as source:
                    shutil.copyfileobj(source, out)
                    out.flush()
                    os.fsync(out.fileno())
                return
            except FileExistsError:
                pass  # made meanwhile: whose is it?
    _refuse_unless_ours(target, is_ours)
    os.replace(temporary, target)


def write_new_or_ours(
    path: str | os.PathLike[str], data: bytes, is_ours: Callable[[Path], bool]
) -> Path:
    """`save_new_or_ours` for bytes made already (a PDF)."""
    return save_new_or_ours(path, lambda stream: stream.write(data), is_ours)


def is_our_pdf(path: Path) -> bool:
    """A PDF this application wrote (its Creator, set by receipts/layout.py) that no other
    program has saved since (one %%EOF: an editor saving its annotations appends an update of
    its own)."""
    try:
        if not path.is_file() or path.stat().st_size > _LARGEST_OURS:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(b"%PDF-") and PDF_CREATOR in data and data.count(b"%%EOF") == 1


def workbook_is_ours(path: Path) -> bool:
    """An .xlsx this application wrote and nobody saved since: creator and last modifier are
    both MAKER (spreadsheet programs set the last modifier to their user on every save)."""
    try:
        with zipfile.ZipFile(path) as package, package.open(_CORE) as core:
            properties = ElementTree.parse(core).getroot()
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return False
    creator = properties.findtext(f"{_DC}creator")
    modifier = properties.findtext(f"{_CP}lastModifiedBy")
    return creator == MAKER and modifier == MAKER


def text_is_ours(first_line: str) -> Callable[[Path], bool]:
    """For CSV: a file that starts with the byte-order mark and exactly our header line (our
    CSV files are for reading, so one somebody re-saved has lost its mark or its header)."""
    expected = (UTF8_BOM + first_line).encode("utf-8")

    def is_ours(path: Path) -> bool:
        try:
            with path.open("rb") as stream:
                return stream.read(len(expected) + 2).rstrip(b"\r\n") == expected
        except OSError:
            return False

    return is_ours
