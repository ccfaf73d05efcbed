"""Runs third-party conversion of untrusted input in a child process with a time limit.

A converter written in Python can still take minutes on a hostile input,
and nothing inside the process can stop it. The child is one of the search
sandbox's workers (``foidesk.core.search.sandbox``), killed when it overruns.
Where the caller already is such a worker (reading an attached email for
search), it runs in place: that worker has its own time and memory limits,
and a sandbox worker may not start processes of its own.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

#: Address space a conversion child may use (POSIX) before its allocations fail.
MEMORY_BYTES = 1 << 30


def run_limited(func: Callable[..., Any], args: tuple[Any, ...], seconds: float) -> tuple[Any, str]:
    """``(func(*args), "")``, or ``(None, why)`` when it failed or ran out of time.

    ``func`` must be importable by the child (a module-level function).
    """
    if multiprocessing.current_process().daemon:
        try:
            return func(*args), ""
        except Exception as exc:  # a converter on hostile input: any failure is reported
            return None, f"{type(exc).__name__}: {exc}"
    from foidesk.core.search.sandbox import WorkerPool, WorkerStartError

    try:
        with WorkerPool(func, workers=1, timeout=seconds, memory_bytes=MEMORY_BYTES) as pool:
            ((_, outcome),) = list(pool.run([(0, args)]))
    except WorkerStartError as exc:
        return None, str(exc)
    return outcome.value, outcome.error or ""
