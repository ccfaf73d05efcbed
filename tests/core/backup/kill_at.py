"""Run backups or restores, each SIGKILLed at its K-th step.

    python kill_at.py JOBS.json

JOBS.json lists jobs ``{"action": "backup", "kill_at": K, "first": PROFILE_DIR,
"second": DEST_DIR, "report": FILE}`` (or ``"restore"`` with a backup file and a profile
folder). Each runs in a child forked from this process (foidesk is imported once); the
output is one JSON list of the children's exit codes (-9 for a kill).

A step is the moment just before or just after any function of ``foidesk.core.backup``
runs (every chunk of every member passes through several), any ``os`` call that
renames, removes, creates or syncs. A job with K=0 is not killed:
it finishes and writes to its ``report`` file the number of steps, the steps just before
each rename or replace, and the steps just before each ``ZipWriter.close`` (the first is
the new backup's: before it, the file has no central directory). Whether killed or not,
a job that reached ``ZipWriter.close`` leaves a file ``<report>.closing``: step numbers
differ a little between runs (threads interleave), this tells exactly.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import os
import pkgutil
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from foidesk.core import backup
from foidesk.core.profile import resolve_profile

OS_CALLS = ("rename", "replace", "fsync", "unlink", "rmdir", "mkdir")


class Steps:
    def __init__(self, kill_at: int, closing_marker: Path) -> None:
        self.kill_at = kill_at
        self.closing_marker = closing_marker
        self.count = 0
        self.renames: list[int] = []
        self.zip_complete: list[int] = []
        self._lock = threading.Lock()

    def step(self) -> int:
        with self._lock:
            self.count += 1
            step = self.count
        if step == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return step

    def wrap(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def counted(*args: Any, **kwargs: Any) -> Any:
            before = self.step()
            if name in ("os.rename", "os.replace"):
                self.renames.append(before)
            if name == "ZipWriter.close":
                self.zip_complete.append(before)
                self.closing_marker.touch()  # from here on the ZIP may be whole
            result = function(*args, **kwargs)
            self.step()
            return result

        return counted


def instrument(steps: Steps) -> None:
    for info in pkgutil.iter_modules(backup.__path__, backup.__name__ + "."):
        module = importlib.import_module(info.name)
        for name, value in list(vars(module).items()):
            if inspect.isfunction(value) and value.__module__.startswith(backup.__name__):
                setattr(module, name, steps.wrap(value, f"{module.__name__}.{name}"))
            elif inspect.isclass(value) and value.__module__ == module.__name__:
                for attribute, member in list(vars(value).items()):
                    if inspect.isfunction(member):
                        setattr(value, attribute, steps.wrap(member, f"{name}.{attribute}"))
    for name in OS_CALLS:
        setattr(os, name, steps.wrap(getattr(os, name), f"os.{name}"))


def run(job: dict[str, Any]) -> None:
    """In a forked child: instrument, do the work, and report the steps (when not killed)."""
    steps = Steps(int(job["kill_at"]), Path(job["report"] + ".closing"))
    instrument(steps)
    first, second = Path(job["first"]), Path(job["second"])
    if job["action"] == "backup":
        backup.write.write_backup(resolve_profile(first), second)
    else:
        backup.restore.restore_backup(first, resolve_profile(second))
    plan = {"steps": steps.count, "renames": steps.renames, "zip_complete": steps.zip_complete}
    Path(job["report"]).write_text(json.dumps(plan))


def main() -> None:
    """Each job runs in a child forked from this process, so foidesk is imported once."""
    jobs = json.loads(Path(sys.argv[1]).read_text())
    outcomes = []
    for job in jobs:
        pid = os.fork()
        if pid == 0:
            try:
                run(job)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        _, status = os.waitpid(pid, 0)
        outcomes.append(os.waitstatus_to_exitcode(status))
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main()
