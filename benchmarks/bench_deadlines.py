"""Time the deadline engine over 10,000 generated requests.

Run: python benchmarks/bench_deadlines.py [--requests N] [--repeats R]

Prints the median wall time of computing every deadline of every request
after one warm-up pass, and the same per request, for two sets: "simple"
requests (received, no events) across all regimes, the case a request list
redraws most; and "mixed" ones with the events of a real request's life
(clarification, fee, extension, response, review, complaint).

"warm" is the steady state of a GUI redrawing its list: holiday tables built
and each request's plan (due dates, explanations) cached, so only the
judging against today runs. "uncached" clears the plan cache before every
pass: every period is counted and explained afresh (holiday tables stay
built, as they would in any running app).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import BenchContext, Figure
from foidesk.core.deadlines import (
    REGIMES,
    ClockEvent,
    ClockEventKind,
    ClockInput,
    CustomRule,
    clear_plan_cache,
    request_deadlines,
)

TODAY = date(2025, 6, 2)
FIRST_DAY = date(2022, 1, 1)
SPAN_DAYS = 1260  # about three and a half years of receipt dates
CUSTOM = CustomRule(15, "working_days", "GB", "WLS")


def simple_requests(count: int, rng: random.Random) -> list[ClockInput]:
    """Requests with only a receipt date, spread over every regime."""
    ids = list(REGIMES)
    return [_bare(ids[i % len(ids)], rng) for i in range(count)]


def mixed_requests(count: int, rng: random.Random) -> list[ClockInput]:
    """Requests at every stage of their life, spread over every regime."""
    ids = list(REGIMES)
    requests = []
    for i in range(count):
        bare = _bare(ids[i % len(ids)], rng)
        requests.append(
            ClockInput(bare.regime, bare.received, _events(bare.received, rng), custom=bare.custom)
        )
    return requests


def _bare(regime: str, rng: random.Random) -> ClockInput:
    received = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    custom = CUSTOM if regime == "custom" else None
    school = regime == "uk-foia" and rng.random() < 0.1
    return ClockInput(regime, received, school=school, custom=custom)


def _events(received: date, rng: random.Random) -> tuple[ClockEvent, ...]:
    kind = ClockEventKind
    day = received
    events: list[ClockEvent] = []

    def later(low: int, high: int) -> date:
        nonlocal day
        day = day + timedelta(days=rng.randint(low, high))
        return day

    if rng.random() < 0.15:
        events.append(ClockEvent(kind.CLARIFICATION_REQUESTED, later(2, 10)))
        events.append(ClockEvent(kind.CLARIFICATION_RECEIVED, later(1, 20)))
    if rng.random() < 0.1:
        events.append(ClockEvent(kind.FEE_NOTICE, later(2, 10)))
        events.append(ClockEvent(kind.FEE_PAID, later(1, 30)))
    if rng.random() < 0.2:
        events.append(ClockEvent(kind.EXTENSION, later(10, 25)))
    if rng.random() < 0.1:
        on = later(1, 5)
        events.append(ClockEvent(kind.PROMISED, on, on + timedelta(days=14)))
    if rng.random() < 0.6:
        events.append(ClockEvent(kind.RESPONSE, later(5, 40)))
        if rng.random() < 0.3:
            events.append(ClockEvent(kind.REVIEW_REQUESTED, later(1, 30)))
            if rng.random() < 0.6:
                events.append(ClockEvent(kind.REVIEW_RESPONSE, later(5, 40)))
                if rng.random() < 0.3:
                    events.append(ClockEvent(kind.COMPLAINT, later(1, 30)))
    return tuple(events)


def time_pass(requests: list[ClockInput], cached: bool) -> float:
    if not cached:
        clear_plan_cache()
    start = time.perf_counter()
    for clock in requests:
        request_deadlines(clock, TODAY)
    return time.perf_counter() - start


def report(name: str, requests: list[ClockInput], repeats: int) -> None:
    clear_plan_cache()
    first = time_pass(requests, cached=True)  # the warm-up: holiday tables, then plans
    deadlines = sum(len(request_deadlines(clock, TODAY)) for clock in requests)
    print(
        f"{name}: {len(requests)} requests, {deadlines} deadlines; first pass {first * 1e3:.0f} ms"
    )
    for label, cached in (("warm", True), ("uncached", False)):
        times = [time_pass(requests, cached) for _ in range(repeats)]
        median = statistics.median(times)
        print(
            f"  {label:>8}: median {median * 1e3:6.1f} ms, {median / len(requests) * 1e6:5.2f} µs "
            f"per request (best {min(times) * 1e3:.1f} ms)"
        )


def _median_pass(requests: list[ClockInput], cached: bool, repeats: int = 7) -> float:
    clear_plan_cache()
    time_pass(requests, cached=True)  # warm-up: holiday tables, then plans
    return statistics.median(time_pass(requests, cached) for _ in range(repeats)) * 1000


def run(context: BenchContext) -> list[Figure]:
    """Figures for the runner: the engine alone at the corpus scale, warm and uncached."""
    rng = random.Random(context.seed)
    simple = simple_requests(context.scale, rng)
    mixed = mixed_requests(context.scale, rng)
    warm = _median_pass(simple, cached=True)
    return [
        Figure(
            f"deadlines of {context.scale:,} requests, warm",
            warm,
            "ms",
            target="< 100 ms",
            passed=warm < 100,
        ),
        Figure(
            f"deadlines of {context.scale:,} requests, uncached", _median_pass(simple, False), "ms"
        ),
        Figure(
            f"deadlines of {context.scale:,} mixed-history requests, warm",
            _median_pass(mixed, cached=True),
            "ms",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    report("simple", simple_requests(args.requests, rng), args.repeats)
    report("mixed", mixed_requests(args.requests, rng), args.repeats)


if __name__ == "__main__":
    main()
