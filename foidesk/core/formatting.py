"""Small text renderings shared by the window and the command line."""

from __future__ import annotations


def human_size(size: int) -> str:
    """``1536`` → ``"1.5 kB"``: sizes as people read them (1 kB = 1024 bytes)."""
    if size < 1024:
        return f"{size} bytes"
    value = float(size)
    for unit in ("kB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")
