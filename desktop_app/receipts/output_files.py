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
import hashlib
import json
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO
from xml.etree import ElementTree

import platformdirs

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
    when the folder cannot be written. Nothing is left behind on failure.

    "Ours" is two checks: the file looks like ours (`is_ours`: the kind of file, its maker),
    and the export record says this application wrote exactly these bytes under this name
    (`ExportRecord`), so a report edited anywhere since, even by a program that keeps our
    maker's name, or any other document of ours (a receipt), is never written over."""
    target = Path(path)
    record = ExportRecord()

    def ours(candidate: Path) -> bool:
        return is_ours(candidate) and record.wrote(candidate)

    _refuse_unless_ours(target, ours)
    mode = _mode_for(target)
    descriptor, temporary_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    temporary = Path(temporary_name)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            write(stream)
            stream.flush()
            os.chmod(stream.fileno(), mode)
            os.fsync(stream.fileno())
        _move_into_place(temporary, target, ours)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    record.remember(target)
    return target


def _mode_for(target: Path) -> int:
    """The permissions a file made by `open()` would get (0644 under the usual umask), or
    those of the report being replaced: never the temporary file's 0600, which would hide a
    report in a shared folder from the colleagues it is for."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask, read without changing it (os.umask can only be read by setting it,
    which would race the window's other threads)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


class ExportRecord:
    """Which exports this application wrote on this computer, and their SHA-256: a JSON file in
    the user's data folder (REPAIR_COUNTER_EXPORT_RECORD names another). Unreadable or missing,
    it records nothing, so an existing file is then refused, never replaced: the safe side."""

    KEEP = 1000  # the newest exports remembered

    def __init__(self, location: Path | None = None) -> None:
        self.location = location or record_location()

    def wrote(self, path: Path) -> bool:
        entry = self._read().get(_key(path))
        return isinstance(entry, dict) and entry.get("sha256") == _digest(path)

    def remember(self, path: Path) -> None:
        try:
            entries = self._read()
            entries.pop(_key(path), None)
            entries[_key(path)] = {"sha256": _digest(path)}
            kept = dict(list(entries.items())[-self.KEEP :])
            self.location.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=self.location.parent, suffix=".tmp")
            with os.fdopen(descriptor, "w", encoding="utf-8") as out:
                json.dump(kept, out)
            os.replace(temporary, self.location)
        except (OSError, ValueError):
            # Not recorded: the export is written all the same, it just cannot be replaced
            # later under the same name (refused as not ours): the safe side.
            return

    def _read(self) -> dict[str, object]:
        try:
            data = json.loads(self.location.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}


RECORD_VARIABLE = "REPAIR_COUNTER_EXPORT_RECORD"


def record_location() -> Path:
    named = os.environ.get(RECORD_VARIABLE, "").strip()
    if named:
        return Path(named)
    return Path(platformdirs.user_data_dir("repair-counter", appauthor=False)) / "exports.json"


def _key(path: Path) -> str:
    return str(path.resolve())


def _digest(path: Path) -> str | None:
    found = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                found.update(block)
    except OSError:
        return None
    return found.hexdigest()


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
