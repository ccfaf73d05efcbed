"""Reading each member back from the new backup while the next ones are being written.

Verification needs every byte read back from the file and hashed. Done after the
whole file is written it doubles the time; done as the members are written, on a second
thread, it overlaps with the writing. Small members come in batches (one read for a run
of neighbours). Once the file is closed, ``verify.check_contents`` accepts a member read
back here only if the final ZIP directory still points at the very bytes that were
checked (same offset, sizes, CRC and method); anything else is read again.
"""

from __future__ import annotations

import bisect
import queue
import threading
import zlib
from array import array
from pathlib import Path
from types import TracebackType

from foidesk.core.backup.contents import Batch, Findings, check_batch
from foidesk.core.backup.manifest import MemberEntry
from foidesk.core.backup.reader import Located, MemberReader
from foidesk.core.backup.ticker import Ticker


class Checked:
    """Where each checked member lies and what it held, about 40 bytes a member: members
    are checked in file order, so a member is found by its offset with a binary search."""

    def __init__(self) -> None:
        self._offsets = array("q")
        self._sizes = array("q")  # compressed and uncompressed, two to a member
        self._crcs = array("L")
        self._methods = array("B")
        self._names = array("L")  # CRC-32 of the name

    def add(self, info: Located, name: str) -> None:
        assert not self._offsets or info.header_offset > self._offsets[-1], "in file order"
        self._offsets.append(info.header_offset)
        self._sizes.extend((info.compress_size, info.file_size))
        self._crcs.append(info.CRC)
        self._methods.append(info.compress_type)
        self._names.append(zlib.crc32(name.encode("utf-8")))

    def __contains__(self, item: tuple[Located, str]) -> bool:
        info, name = item
        at = bisect.bisect_left(self._offsets, info.header_offset)
        return (
            at < len(self._offsets)
            and self._offsets[at] == info.header_offset
            and self._sizes[2 * at] == info.compress_size
            and self._sizes[2 * at + 1] == info.file_size
            and self._crcs[at] == info.CRC
            and self._methods[at] == info.compress_type
            and self._names[at] == zlib.crc32(name.encode("utf-8"))
        )


class ReadBack:
    """A thread checking members of ``path`` as they are handed over, complete."""

    def __init__(self, path: Path, ticker: Ticker) -> None:
        self.findings = Findings()
        self._path = path
        self._ticker = ticker
        self._checked = Checked()
        self._queue: queue.SimpleQueue[Batch | None] = queue.SimpleQueue()
        self._failure: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="foidesk-readback", daemon=True)

    def __enter__(self) -> ReadBack:
        self._thread.start()
        return self

    def add(self, info: Located, entry: MemberEntry) -> None:
        """``info`` must be final: the member is written and the file flushed past it."""
        self.add_batch([(info, entry)])

    def add_batch(self, batch: Batch) -> None:
        """Neighbouring members, each final and flushed, in file order."""
        if self._failure is not None:
            raise self._failure
        if batch:
            self._queue.put(batch)

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

    def covers(self, info: Located, name: str) -> bool:
        return (info, name) in self._checked

    def _run(self) -> None:
        try:
            with MemberReader(self._path) as reader:
                while (batch := self._queue.get()) is not None:
                    check_batch(reader, batch, lambda _: None, self._ticker, self.findings)
                    for info, entry in batch:
                        self._checked.add(info, entry.name)
        except BaseException as exc:  # handed to the writer's thread by add() or __exit__
            self._failure = exc
            while self._queue.get() is not None:
                pass
