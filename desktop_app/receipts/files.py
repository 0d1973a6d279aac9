"""Writing a document the user asked for to a file: whole or not at all, and never over a file
nobody said we may replace.

The bytes go to a temporary file beside the target, are flushed to disk, then renamed over it in
one step, so a crash or a full disk never leaves half a report where the user looks for one. An
existing file is replaced only when the user said so (the window's save dialog asked; the command
line's --force); otherwise the write is refused with the file's name.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class FileExists(Exception):
    """The target exists and nobody said to replace it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} exists already; it was left alone (replace it with --force)")


def write_document(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], None] | bytes,
    *,
    replace: bool = False,
) -> Path:
    """Writes `write` (the bytes, or a function writing them to a binary file) to `path`,
    atomically; FileExists when `path` exists and `replace` is false; OSError as raised.
    Returns the path written."""
    target = Path(path)
    if target.exists() and not replace:
        raise FileExists(target)
    if target.exists() and not target.is_file():
        raise IsADirectoryError(f"{target} is not a file")
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    try:
        with os.fdopen(handle, "wb") as out:
            if isinstance(write, bytes | bytearray):
                out.write(write)
            else:
                write(out)
            out.flush()
            os.fsync(out.fileno())
        if not replace and target.exists():
            raise FileExists(target)  # made meanwhile by someone else: still not ours
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return target
