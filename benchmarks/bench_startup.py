"""The window from a cold start, as a person waits for it: the real ``foidesk`` command
on a real X display (Xvfb), each stage against a bare PySide6 window started the same way.

Each round starts, in turning order, a bare process (``python -c``: a ``QApplication``
and one ``QLabel``, noting its first paint) and the ``foidesk`` command on the corpus
profile. foidesk notes each stage in the file ``FOIDESK_STARTUP_LOG`` names
(``gui/startup_log.py``): the first window painted, the request rows painted, the
selected request's thread shown. Times run from just before the process is spawned;
once the last stage is in, the child gets SIGTERM and closes as a logout closes it, so
every start finds the profile as a clean end left it (a killed one would make the next
start check every page). The untimed first start may make the day's automatic backup.

Targets (issue: fast where the user waits): visible ≤ 1.5×, rows ≤ 3×, thread ≤ 5× the
bare window's first paint. Median of ``--rounds`` rounds.

Run: python -m benchmarks.bench_startup [--scale 10000] [--rounds 5]
(starts its own Xvfb on a free display; needs Debian's ``xvfb``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure

BARE = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("foidesk")
window.resize(1280, 800)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            with open(os.environ["FOIDESK_STARTUP_LOG"], "a") as log:
                log.write(f"visible {time.time():.6f}\\n")
            obj.removeEventFilter(self)
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
app.exec()
"""
STAGES = ("visible", "rows", "thread")
TARGETS = {"visible": 1.5, "rows": 3.0, "thread": 5.0}
TIMEOUT_S = 120.0
#: The first close of the corpus may make its automatic backup (over a day since the last).
CLOSE_TIMEOUT_S = 900.0


@contextmanager
def xvfb() -> Iterator[str]:
    """A private X display (1920x1080) for the children, stopped afterwards."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("bench_startup needs Xvfb: apt-get install xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = pipe.readline().strip()
    try:
        yield f":{display}"
    finally:
        server.terminate()
        server.wait()


def _stages(argv: list[str], env: dict[str, str], wanted: tuple[str, ...]) -> dict[str, float]:
    """Milliseconds from spawn to each stage ``argv`` notes; the child is then killed."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "stages"
        env = {**env, "FOIDESK_STARTUP_LOG": str(log)}
        started = time.time()
        child = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        try:
            seen = _wait_for(log, wanted, child)
            child.send_signal(signal.SIGTERM)  # a clean end, as a logout: profile stays sound
            child.wait(timeout=CLOSE_TIMEOUT_S)
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()
    return {stage: (at - started) * 1000 for stage, at in seen.items()}


def _wait_for(
    log: Path, wanted: tuple[str, ...], child: subprocess.Popen[bytes]
) -> dict[str, float]:
    end = time.monotonic() + TIMEOUT_S
    while time.monotonic() < end:
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        seen = {s: float(t) for s, t in (line.split() for line in text.splitlines())}
        if all(stage in seen for stage in wanted):
            return seen
        if child.poll() is not None:
            raise SystemExit(f"{child.args!r} ended before {wanted} (status {child.returncode})")
        time.sleep(0.002)  # the parent's polling: no work in the child
    raise SystemExit(f"{child.args!r} did not reach {wanted} in {TIMEOUT_S:.0f} s")


def foidesk_command() -> list[str]:
    """The installed ``foidesk`` script beside this Python, as a user starts it."""
    script = Path(sys.executable).with_name("foidesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "foidesk"]


def run(context: BenchContext, rounds: int = 5) -> list[Figure]:
    corpus = ensure_corpus(context)
    bare_times: list[float] = []
    real: dict[str, list[float]] = {stage: [] for stage in STAGES}
    with xvfb() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        env["FOIDESK_DATA_DIR"] = str(corpus.profile.data_dir)
        bare = [sys.executable, "-c", BARE]
        _stages(foidesk_command(), env, STAGES)  # once, untimed: migrated, caches warm
        for round_ in range(rounds):
            order = [True, False] if round_ % 2 == 0 else [False, True]
            for is_bare in order:
                if is_bare:
                    bare_times.append(_stages(bare, env, ("visible",))["visible"])
                else:
                    for stage, ms in _stages(foidesk_command(), env, STAGES).items():
                        real[stage].append(ms)
    floor = statistics.median(bare_times)
    names = {
        "visible": "foidesk → window visible (Xvfb)",
        "rows": "foidesk → request rows painted",
        "thread": "foidesk → selected request's thread shown",
    }
    figures = []
    for stage in STAGES:
        value = statistics.median(real[stage])
        limit = TARGETS[stage]
        figures.append(
            Figure(names[stage], value, "ms", "bare PySide6 QLabel process", floor,
                   f"≤ {limit:g}× floor", value <= limit * floor)
        )  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    for figure in run(BenchContext(args.workdir, args.scale), args.rounds):
        ratio = f" ({figure.ratio:.2f}× {figure.baseline_name})" if figure.ratio else ""
        verdict = {True: " PASS", False: " FAIL", None: ""}[figure.passed]
        print(f"{figure.name}: {figure.value:.0f} {figure.unit}{ratio} {figure.target}{verdict}")


if __name__ == "__main__":
    main()
