"""Worker processes: a file that hangs, crashes or eats memory costs only itself."""

from __future__ import annotations

import sys

import pytest

from foidesk.core.search.sandbox import WorkerPool


def test_a_task_over_time_is_stopped_and_the_rest_still_run() -> None:
    tasks = [("slow", ("__import__('time').sleep(30)",)), ("quick", ("6 * 7",))]
    with WorkerPool(eval, workers=1, timeout=1.0) as pool:
        results = dict(pool.run(tasks))
    assert results["slow"].error == "took longer than 1 s; stopped"
    assert results["quick"].value == 42 and results["quick"].error is None


def test_a_crash_is_reported_and_queued_work_moves_on() -> None:
    tasks = [("crash", ("__import__('os')._exit(3)",)), ("after", ("'still here'",))]
    with WorkerPool(eval, workers=1, timeout=30) as pool:
        results = dict(pool.run(tasks))
    assert results["crash"].error == "the reader stopped unexpectedly (exit code 3)"
    assert results["after"].value == "still here"


def test_errors_are_returned_not_raised() -> None:
    with WorkerPool(eval, workers=2, timeout=30) as pool:
        results = dict(pool.run([(n, (f"1 / {n}",)) for n in range(3)]))
    assert results[0].error == "the reader failed (ZeroDivisionError: division by zero)"
    assert (results[1].value, results[2].value) == (1.0, 0.5)


@pytest.mark.skipif(sys.platform == "win32", reason="memory caps need POSIX rlimits")
def test_memory_over_the_cap_fails_that_task_only() -> None:
    tasks = [("greedy", ("len(bytearray(1 << 31))",)), ("modest", ("len(bytearray(1 << 20))",))]
    with WorkerPool(eval, workers=1, timeout=30, memory_bytes=512 * 1024 * 1024) as pool:
        results = dict(pool.run(tasks))
    assert results["greedy"].error == "it needed more memory than a worker may use"
    assert results["modest"].value == 1 << 20
