"""What every benchmark reports: a figure, the baseline measured in the same run, the target.

Machines are noisy, so each figure stands next to a baseline taken in the same
run on the same data, and targets are stated as ratios where the issue does.
Each ``bench_*.py`` module in this folder has ``run(context) -> list[Figure]``;
``python -m benchmarks.run`` discovers and runs them all.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    baseline_name: str | None = None
    baseline: float | None = None
    target: str = ""
    passed: bool | None = None

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.value / self.baseline  # type: ignore[operator]


@dataclass(frozen=True)
class BenchContext:
    """Where the generated corpora live and how big a run is."""

    workdir: Path
    scale: int
    seed: int = 20241128


def median_ms(action: Callable[[], object], repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``action`` in milliseconds, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)
