"""Real file systems for tests: a small tmpfs that fills up, a read-only bind mount.

Mounting needs root (CI runs as root); elsewhere the tests that need it skip, saying
why. Each mount is undone when the test ends, whatever happened.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NEEDS_ROOT = "mounting a file system for this test needs root (CI runs as root)"


def can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("mount") is not None


needs_mount = pytest.mark.skipif(not can_mount(), reason=NEEDS_ROOT)


def _run(*argv: str) -> None:
    subprocess.run(argv, check=True, capture_output=True)


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` (e.g. ``"4m"``) mounted on ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        _run("umount", "-l", str(folder))


@contextmanager
def read_only_view(source: Path, view: Path) -> Iterator[Path]:
    """``source`` seen read-only at ``view`` (a bind mount remounted read-only)."""
    view.mkdir(parents=True, exist_ok=True)
    _run("mount", "--bind", str(source), str(view))
    try:
        _run("mount", "-o", "remount,bind,ro", str(view))
        yield view
    finally:
        _run("umount", "-l", str(view))


def fill(folder: Path, *, leave: int) -> Path:
    """Fill the disk holding ``folder`` until only about ``leave`` bytes are free."""
    filler = folder / "filler.bin"
    free = shutil.disk_usage(folder).free
    with filler.open("wb") as handle:
        remaining = max(free - leave, 0)
        block = b"\0" * (1 << 16)
        while remaining > 0:
            try:
                written = handle.write(block[: min(len(block), remaining)])
                handle.flush()
            except OSError:
                break
            remaining -= written
    return filler
