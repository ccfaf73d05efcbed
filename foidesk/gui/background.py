"""The window's background file work, held still while a restore replaces the profile.

Imports, saves and text extraction run on the file pool and write to the profile as
they go. A restore must not begin while they do: their writes would land half in the
profile being put aside and half in the restored one. So a restore first asks text
extraction to stop (it resumes later where it left off), then waits — on the restore's
own thread, with Cancel heard — until no file task is left running.
"""

from __future__ import annotations

from foidesk.core.progress import Progress, check_cancelled
from foidesk.gui.tasks import FileTasks
from foidesk.gui.text_indexing import TextIndexer

POLL_MS = 100


class BackgroundWork:
    def __init__(self, files: FileTasks, indexer: TextIndexer) -> None:
        self._files = files
        self._indexer = indexer

    def pause(self) -> None:
        """On the GUI thread: stop starting work; a running extraction stops soon."""
        self._indexer.stop()

    def wait_idle(self, progress: Progress) -> None:
        """On a worker thread: return once no file task runs; raises ``Cancelled``."""
        if self._files.active:
            progress.report(0, None, "Waiting for background work to finish…")
        while not self._files.wait(POLL_MS):
            check_cancelled(progress)

    def resume(self) -> None:
        """On the GUI thread, after the restore (whatever its outcome)."""
        self._indexer.start()
