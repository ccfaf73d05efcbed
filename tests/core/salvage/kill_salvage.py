"""Run salvages, each SIGKILLed at its K-th step.

    python kill_salvage.py JOBS.json

JOBS.json lists jobs ``{"kill_at": K, "profile": DIR, "report": FILE}``; the sqlite3
shell to recover with is named by ``FOIDESK_SQLITE3``. Each job runs in a child forked
from this process (foidesk is imported once); the output is one JSON list of the
children's exit codes (-9 for a kill).

A step is the moment just before or just after any function of the salvage modules
runs, and any ``os`` call that renames, links, removes, creates or syncs. A job with
K=0 is not killed: it finishes and writes to its ``report`` file the number of steps
and the steps just before each rename, replace or link.

The shells a killed child started outlive it; this process takes them in as their
"subreaper" and waits for them after each job, so that no job's shells still write
while the next one is looked at.
"""

from __future__ import annotations

import ctypes
import functools
import importlib
import inspect
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from foidesk.core.profile import resolve_profile
from foidesk.core.salvage import run as salvage_module
from foidesk.core.salvage.copy import SHELL_ENV, probe_shell

MODULES = (
    "foidesk.core.salvage.run",
    "foidesk.core.salvage.copy",
    "foidesk.core.salvage.repair",
    "foidesk.core.salvage.schema",
    "foidesk.core.salvage.orphans",
    "foidesk.core.salvage.switch",
)
#: Called once per poll while the shells run: how often depends on the machine's speed.
UNCOUNTED = ("_finished", "_size")
OS_CALLS = ("rename", "replace", "link", "fsync", "unlink", "rmdir", "mkdir")
RENAMES = ("os.rename", "os.replace", "os.link")
PR_SET_CHILD_SUBREAPER = 36


class Steps:
    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.count = 0
        self.renames: list[int] = []

    def step(self) -> int:
        self.count += 1
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.count

    def wrap(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def counted(*args: Any, **kwargs: Any) -> Any:
            before = self.step()
            if name in RENAMES:
                self.renames.append(before)
            result = function(*args, **kwargs)
            self.step()
            return result

        return counted


def instrument(steps: Steps) -> None:
    for name in MODULES:
        module = importlib.import_module(name)
        for attribute, value in list(vars(module).items()):
            if (
                inspect.isfunction(value)
                and value.__module__.startswith("foidesk.core.salvage.")
                and attribute not in UNCOUNTED
            ):
                setattr(module, attribute, steps.wrap(value, f"{name}.{attribute}"))
    for call in OS_CALLS:
        setattr(os, call, steps.wrap(getattr(os, call), f"os.{call}"))


def run(job: dict[str, Any]) -> None:
    """In a forked child: instrument, salvage, and report the steps (when not killed)."""
    shell = probe_shell(Path(os.environ[SHELL_ENV]))
    steps = Steps(int(job["kill_at"]))
    instrument(steps)
    salvage_module.salvage(resolve_profile(job["profile"]), shell=shell)
    Path(job["report"]).write_text(json.dumps({"steps": steps.count, "renames": steps.renames}))


def reap() -> None:
    """Wait for every descendant left over (the shells of a killed child)."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def main() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
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
        reap()
    print(json.dumps(outcomes))


if __name__ == "__main__":
    main()
