"""The window's responsiveness budgets, measured against baselines taken in the same run.

Run: python -m benchmarks.bench_window [--scale 10000] [--workdir benchmarks/out]

- first paint: a fresh offscreen process showing the main window on the corpus
  profile, against a fresh process showing a bare PySide6 window with one label
  (target: at most 2x); the same child reports when the list is filled and its
  peak memory;
- quick filter: one keystroke into the filter box until the list shows the new
  result, on the corpus profile (target: 50 ms);
- opening a 200-message thread, from selection to painted cards (target: 150 ms).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.harness import BenchContext, Figure  # noqa: E402

TODAY = date(2024, 6, 3)
CHILD = """
import os, resource, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
if {bare!r}:
    app = QApplication([])
    window = QLabel("foidesk")
else:
    # foidesk's own start-up path: the shell window paints, then the profile opens
    from foidesk.core.profile import resolve_profile
    from foidesk.gui.app import make_application
    from foidesk.gui.startup import Launcher
    app = make_application([])
    launcher = Launcher(resolve_profile({profile!r}))
    window = launcher.shell
    def filled(shown, total):
        print("filled", time.time(), flush=True)
    def deadlines():
        print("deadlines", time.time(), flush=True)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print("rss", rss, flush=True)
        QTimer.singleShot(0, app.quit)
    def watch(main):
        main.list_pane.loaded.connect(filled)
        main.list_pane.deadlines_shown.connect(deadlines)
    launcher.ready.connect(watch)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = True
            print("painted", time.time(), flush=True)
        return False
watcher = FirstPaint()
window.installEventFilter(watcher)
window.show()
if {bare!r}:
    QTimer.singleShot(0, lambda: QTimer.singleShot(0, app.quit))
app.exec()
if not {bare!r} and launcher.window is not None:
    launcher.window.shut_down()
    launcher.window.close()
"""


def _child(bare: bool, profile: str = "") -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), bare=bare, profile=profile)
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    ).stdout
    values = dict(line.split(" ", 1) for line in out.splitlines() if " " in line)
    result = {k: (float(v) - started) * 1000 for k, v in values.items() if k != "rss"}
    result["rss_mb"] = float(values.get("rss", 0)) / 1024
    return result


def first_paint(profile: str, repeat: int = 3) -> list[Figure]:
    bare = statistics.median(_child(True)["painted"] for _ in range(repeat))
    runs = [_child(False, profile) for _ in range(repeat)]
    painted = statistics.median(r["painted"] for r in runs)
    filled = statistics.median(r["filled"] for r in runs)
    deadlines = statistics.median(r["deadlines"] for r in runs)
    rss = max(r["rss_mb"] for r in runs)
    return [
        Figure(
            "first window painted",
            painted,
            "ms",
            "bare PySide6 window",
            bare,
            "≤ 2× baseline",
            painted <= 2 * bare,
        ),
        Figure("request list filled", filled, "ms", "bare PySide6 window", bare),
        Figure("next-deadline column filled", deadlines, "ms", "bare PySide6 window", bare),
        Figure("peak memory, profile open", rss, "MB"),
    ]


def _wait(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.monotonic() + timeout
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("window did not settle")
        QTimer.singleShot(1, loop.quit)
        loop.exec()


def quick_filter(profile_dir: Path) -> Figure:
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.gui.main_window import MainWindow

    with Desk.open(resolve_profile(profile_dir), today=lambda: TODAY) as desk:
        window = MainWindow(desk)
        window.show()
        _wait(lambda: not window.worker.busy)
        loaded: list[int] = []
        window.list_pane.loaded.connect(lambda shown, total: loaded.append(shown))
        samples = []
        box = window.list_pane.filters.text
        for word in ("council", "police", "health", "transport"):
            box.clear()
            _wait(lambda: not window.worker.busy)
            for n in range(1, len(word) + 1):
                before = len(loaded)
                start = time.perf_counter()
                box.setText(word[:n])
                _wait(lambda b=before: len(loaded) > b and not window.worker.busy)
                samples.append((time.perf_counter() - start) * 1000)
        window.shut_down()  # first: closing alone would back up the 10,000-request profile
        window.close()
    value = statistics.median(samples)
    return Figure("quick filter, one keystroke", value, "ms", target="≤ 50 ms", passed=value <= 50)


def build_long_thread(folder: Path, messages: int = 200) -> tuple[Path, int]:
    """A profile with one request whose thread has ``messages`` messages (a few with files)."""
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.core.records import NewAttachment, NewMessage, NewRequest

    profile = resolve_profile(folder / "long-thread")
    with Desk.open(profile, today=lambda: TODAY) as desk:
        request = desk.add_request(
            NewRequest(
                title="A very long correspondence",
                authority="Ministry of Examples",
                sent_on=date(2023, 1, 9),
                body="Please provide everything.\n" * 20,
            )
        )
        other = desk.add_request(
            NewRequest(
                title="Short",
                authority="Ministry of Examples",
                sent_on=date(2024, 5, 1),
                body="One line.",
            )
        )
        start = datetime(2023, 1, 10, 9, 0, tzinfo=UTC)
        paragraph = (
            "Thank you for your message. We are still gathering the information "
            "you asked for and will write again shortly. "
        ) * 6
        for n in range(messages - 1):
            files = (
                (NewAttachment(f"annex-{n}.pdf", b"%PDF-1.4\n" + bytes(n)),) if n % 10 == 0 else ()
            )
            desk.add_message(
                request.id,
                NewMessage(
                    direction="incoming" if n % 2 else "outgoing",
                    kind="acknowledgement" if n % 25 == 0 else "follow_up",
                    sent_at=start + timedelta(days=n),
                    from_addr="foi@examples.example.org",
                    subject=f"RE: A very long correspondence ({n})",
                    body_text=f"{paragraph}\n\nOn an earlier day, you wrote:\n" + "> quoted\n" * 12,
                    attachments=files,
                ),
            )
    assert other.id != request.id  # a second request to switch away from
    return profile.data_dir, request.id


def open_thread(profile_dir: Path, request_id: int, repeat: int = 7) -> Figure:
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.gui.main_window import MainWindow

    with Desk.open(resolve_profile(profile_dir), today=lambda: TODAY) as desk:
        window = MainWindow(desk)
        window.resize(1360, 860)
        window.show()
        _wait(lambda: not window.worker.busy)
        shown: list[object] = []
        window.thread_pane.shown.connect(shown.append)
        samples = []
        for _ in range(repeat + 1):
            window.thread_pane.show_request(None)
            before = len(shown)
            start = time.perf_counter()
            window.thread_pane.show_request(request_id)
            _wait(lambda b=before: len(shown) > b + 0 and shown[-1] == request_id)
            window.thread_pane.view.viewport().repaint()
            samples.append((time.perf_counter() - start) * 1000)
        count = len(window.thread_pane.detail.messages) if window.thread_pane.detail else 0
        window.shut_down()  # first: closing alone would back up the 10,000-request profile
        window.close()
    value = statistics.median(samples[1:])
    return Figure(
        f"open a {count}-message thread", value, "ms", target="≤ 150 ms", passed=value <= 150
    )


def run(context: BenchContext) -> list[Figure]:
    from PySide6.QtWidgets import QApplication

    from benchmarks.corpus import ensure_corpus

    QApplication.instance() or QApplication([])
    corpus = ensure_corpus(context)
    figures = first_paint(str(corpus.profile.data_dir))
    figures.append(quick_filter(corpus.profile.data_dir))
    with tempfile.TemporaryDirectory() as folder:
        profile_dir, request_id = build_long_thread(Path(folder))
        figures.append(open_thread(profile_dir, request_id))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    for figure in run(BenchContext(args.workdir, args.scale)):
        ratio = f" ({figure.ratio:.2f}x {figure.baseline_name})" if figure.ratio else ""
        verdict = {True: " PASS", False: " FAIL", None: ""}[figure.passed]
        print(f"{figure.name}: {figure.value:.1f} {figure.unit}{ratio} {figure.target}{verdict}")


if __name__ == "__main__":
    main()
