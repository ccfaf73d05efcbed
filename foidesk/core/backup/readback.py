"""Reading each member back from the new backup while the next one is being written.

Verification needs every byte read back from the file and hashed. Done after the
whole file is written it doubles the time; done member by member on a second thread
it overlaps with the writing. Once the file is closed, ``verify.check_contents``
accepts a member read back here only if the final ZIP directory still points at the
very bytes that were checked (same offset, sizes, CRC and method); anything else is
read again.
"""

from __future__ import annotations

import queue
import threading
import zipfile
from pathlib import Path
from types import TracebackType

from foidesk.core.backup.contents import Findings, check_member
from foidesk.core.backup.manifest import MemberEntry
from foidesk.core.backup.reader import MemberReader
from foidesk.core.backup.ticker import Ticker

Key = tuple[int, int, int, int, int]


def _key(info: zipfile.ZipInfo) -> Key:
    return (info.header_offset, info.compress_size, info.file_size, info.CRC, info.compress_type)


class ReadBack:
    """A thread checking members of ``path`` as they are handed over, complete."""

    def __init__(self, path: Path, ticker: Ticker) -> None:
        self.findings = Findings()
        self._path = path
        self._ticker = ticker
        self._checked: dict[str, Key] = {}
        self._queue: queue.SimpleQueue[tuple[zipfile.ZipInfo, MemberEntry] | None] = (
            queue.SimpleQueue()
        )
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="foidesk-readback", daemon=True)

    def __enter__(self) -> ReadBack:
        self._thread.start()
        return self

    def add(self, info: zipfile.ZipInfo, entry: MemberEntry) -> None:
        """``info`` must be final: the member is written and the file flushed past it."""
        if self._failure is not None:
            raise self._failure
        self._queue.put((info, entry))

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._queue.put(None)
        self._thread.join()
        if exc_type is None and self._failure is not None:
            raise self._failure

    def covers(self, info: zipfile.ZipInfo) -> bool:
        return self._checked.get(info.filename) == _key(info)

    def _run(self) -> None:
        try:
            with MemberReader(self._path) as reader:
                while (item := self._queue.get()) is not None:
                    info, entry = item
                    check_member(reader, info, entry, None, self._ticker, self.findings)
                    self._checked[info.filename] = _key(info)
        except BaseException as exc:  # handed to the writer's thread by add() or __exit__
            self._failure = exc
            while self._queue.get() is not None:
                pass
