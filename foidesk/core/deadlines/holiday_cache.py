"""Holiday tables kept between processes, so a command does not rebuild them each time.

The ``holidays`` package computes a country's holidays for a year in about a
millisecond, but loading it and building the tables of a few calendars over twenty
years costs a short command most of its own work (``request show`` spent 0.8 of its
4.8 s there on a loaded two-core machine). The names found are public facts that
depend only on the package's version and on foidesk's calendar code, so they are
kept in the user's cache folder, not in the profile: one small JSON file, read once
per process, written atomically when a process found something new.

The file is a cache in the strict sense: a missing, damaged or outdated one is
ignored (and replaced by the next write), never trusted and never a reason to fail.
Its stamp names the package version and a digest of the code that makes the tables,
so a change to either starts afresh.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Callable, Mapping
from datetime import date
from importlib import metadata
from pathlib import Path

from foidesk.core.atomic_write import write_atomically

#: Where the cache lives instead of the user's cache folder (the tests set it).
CACHE_DIR_ENV = "FOIDESK_CACHE_DIR"
FILE_NAME = "holidays.json"
_SOURCES = ("calendar_spec.py", "eu_holidays.py", "holiday_cache.py")

Names = Mapping[date, str]


def cache_folder() -> Path:
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("foidesk", appauthor=False))


def code_stamp() -> str:
    """What the cached names depend on: the package's version and this code."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("holidays").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"unknown")
    here = Path(__file__).parent
    for name in _SOURCES:
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()[:32]


class HolidayCache:
    """The names of each calendar's holidays in a year, by a key the caller makes."""

    def __init__(self, path: Path, stamp: str) -> None:
        self.path = path
        self.stamp = stamp
        self._lock = threading.Lock()
        self._entries: dict[str, dict[date, str]] | None = None
        self._new = False

    def names(self, key: str, compute: Callable[[], Names]) -> dict[date, str]:
        """The cached names for ``key``, or ``compute()``'s, kept for the next process."""
        with self._lock:
            entries = self._loaded()
            found = entries.get(key)
            if found is not None:
                return found
        computed = dict(compute())
        with self._lock:
            self._loaded()[key] = computed
            self._new = True
        return computed

    def save(self) -> None:
        """Write what this process added (atomically, readable by its owner only)."""
        with self._lock:
            if not self._new or self._entries is None:
                return
            payload = {
                "stamp": self.stamp,
                "entries": {
                    key: [[day.isoformat(), name] for day, name in sorted(names.items())]
                    for key, names in self._entries.items()
                },
            }
            self._new = False
        with contextlib.suppress(OSError):  # a cache that cannot be written is only slower
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(self.path, json.dumps(payload, ensure_ascii=False).encode())

    def _loaded(self) -> dict[str, dict[date, str]]:
        if self._entries is None:
            self._entries = _read(self.path, self.stamp)
        return self._entries


def _read(path: Path, stamp: str) -> dict[str, dict[date, str]]:
    """The file's entries if it is whole and of this code; else nothing."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        if payload.get("stamp") != stamp:
            return {}
        return {
            str(key): {date.fromisoformat(day): str(name) for day, name in pairs}
            for key, pairs in payload["entries"].items()
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


_shared: HolidayCache | None = None
_shared_lock = threading.Lock()


def shared_cache() -> HolidayCache:
    """This process's cache, saved when the process ends."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = HolidayCache(cache_folder() / FILE_NAME, code_stamp())
            atexit.register(_shared.save)
        return _shared
