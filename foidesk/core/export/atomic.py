"""Writing an export file so that it appears whole or not at all.

The file is written under a hidden temporary name in the target's own folder (so the
final rename never crosses a file system), flushed to the disk, renamed over the
target, and the folder's entry flushed too. A failure, a Cancel or an exception
removes the temporary file; a kill leaves at most that hidden ``.….part`` file, never
a target that looks complete but is not.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from foidesk.core.errors import storage_failure
from foidesk.core.export.errors import ExportError
from foidesk.core.i18n import _
from foidesk.core.storage.file_store import fsync_dir

PART_SUFFIX = ".part"


def check_target(path: Path, *, overwrite: bool) -> None:
    """Refuse, before any work, a target that cannot or must not be written."""
    if not path.parent.is_dir():
        raise ExportError(_("the folder {folder} does not exist").format(folder=path.parent))
    if path.is_dir():
        raise ExportError(_("{path} is a folder: name a file to write").format(path=path))
    if path.exists() and not overwrite:
        raise ExportError(
            _("{path} already exists: choose another name, or add --force to replace it").format(
                path=path
            )
        )


@contextlib.contextmanager
def temporary_beside(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """A new private file beside ``path``; removed unless ``commit`` renames it."""
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=PART_SUFFIX)
    except OSError as exc:
        raise _worded(exc, path.parent) from exc
    temp = Path(name)
    stream = os.fdopen(fd, "w+b")
    try:
        yield stream, temp
    except BaseException:
        with contextlib.suppress(OSError):  # a full disk refuses the last buffer too
            stream.close()
        temp.unlink(missing_ok=True)
        raise
    stream.close()


def commit(stream: BinaryIO, temp: Path, path: Path) -> None:
    """Flush ``stream`` to the disk and give it its final name."""
    try:
        stream.flush()
        os.fsync(stream.fileno())
        temp.replace(path)
    except OSError as exc:
        raise _worded(exc, path.parent) from exc
    fsync_dir(path.parent)


def worded(exc: OSError, place: Path) -> ExportError:
    """A disk's refusal as one sentence (full, read-only, not allowed)."""
    return _worded(exc, place)


def _worded(exc: OSError, place: Path) -> ExportError:
    known = storage_failure(exc, place)
    if known is not None:
        return ExportError(str(known))
    return ExportError(
        _("cannot write in {folder}: {reason}").format(folder=place, reason=exc.strerror or exc)
    )
