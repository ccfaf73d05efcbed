"""Render the README screenshots offscreen, on the example data.

    .venv/bin/python scripts/screenshots.py [--out resources/screenshots] [--dark]
        [--language de] [--width 1920]

Opens a throwaway profile with a fixed "today", loads the example request and a
few more requests in different states (so the list and calendar have something
to show), and saves PNGs of the main window, a thread, the calendar and an
attachment preview.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.records import NewMessage, NewRequest
from foidesk.core.sample.thread import load_sample
from foidesk.gui.app import make_application
from foidesk.gui.language import apply_language
from foidesk.gui.main_window import CALENDAR_TAB, MainWindow
from foidesk.gui.palette import Theme, apply_theme

TODAY = date(2024, 4, 10)
MAX_BYTES = 300_000

EXTRA_REQUESTS = (
    ("Bus lane camera fines 2023", "Leeds City Council", date(2024, 2, 12), "uk-foia"),
    ("Pothole repair backlog by ward", "Bristol City Council", date(2024, 3, 14), "uk-foia"),
    (
        "Air quality monitoring near schools",
        "Glasgow City Council",
        date(2024, 3, 18),
        "scot-foisa",
    ),
    (
        "Contracts with facial recognition suppliers",
        "Metropolitan Police Service",
        date(2024, 3, 28),
        "uk-foia",
    ),
    ("Flood defence spending 2019-2024", "Environment Agency", date(2024, 1, 8), "uk-eir"),
    ("My own case file", "HM Revenue and Customs", date(2024, 3, 25), "uk-sar"),
)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Run the event loop until ``condition`` holds (a script's qtbot.waitUntil)."""
    deadline = time.monotonic() + timeout
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: loop.quit() if condition() else None)
    timer.start()
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not settle")
        QTimer.singleShot(200, loop.quit)
        loop.exec()
    timer.stop()


def settle(window: MainWindow, ms: int = 150) -> None:
    wait_until(lambda: not window.worker.busy and not window.files.active)
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def populate(desk: Desk) -> int:
    example = load_sample(desk)
    for title, authority, sent, regime in EXTRA_REQUESTS:
        request = desk.add_request(
            NewRequest(
                title=title,
                authority=authority,
                sent_on=sent,
                regime=regime,
                body=f"Dear {authority},\n\nPlease provide information about: {title}.\n",
            )
        )
        if "Flood" in title:
            desk.add_message(
                request.id,
                NewMessage(
                    direction="incoming",
                    kind="response",
                    sent_at=datetime(2024, 2, 2, 11, 0, tzinfo=UTC),
                    from_addr="enquiries@environment-agency.example.org",
                    subject=f"RE: {title}",
                    body_text="Please find the figures attached.\n",
                ),
            )
            desk.set_status(request.id, "successful", on=date(2024, 2, 2))
    return example.id


def save(widget: QWidget, path: Path) -> None:
    image = widget.grab()
    image.save(str(path), "PNG", 9)
    if path.stat().st_size > MAX_BYTES:
        scaled = image.scaledToWidth(int(image.width() * 0.8))
        scaled.save(str(path), "PNG", 9)
    print(f"{path} ({path.stat().st_size // 1024} kB)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/screenshots"))
    parser.add_argument("--dark", action="store_true", help="use the dark palette")
    parser.add_argument("--language", default="en", help="the window's language (en, de)")
    parser.add_argument("--width", type=int, default=1360, help="the main window's width")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    apply_theme(app, Theme.DARK if args.dark else Theme.LIGHT)
    apply_language(args.language)
    suffix = ("-dark" if args.dark else "") + ("" if args.language == "en" else f"-{args.language}")
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk.open(resolve_profile(Path(folder) / "profile"), today=lambda: TODAY)
        example_id = populate(desk)
        window = MainWindow(desk)
        window.resize(args.width, 860)
        window.show()
        settle(window)
        window.open_request(example_id)
        settle(window)
        save(window, args.out / f"main-window{suffix}.png")
        save(window.thread_pane, args.out / f"thread{suffix}.png")
        window.tabs.setCurrentIndex(CALENDAR_TAB)
        window.calendar.go_to(date(2024, 4, 22))
        window.calendar.show_day(None)
        settle(window)
        save(window, args.out / f"calendar{suffix}.png")
        detail = window.thread_pane.detail
        assert detail is not None
        pdf = next(a for m in detail.messages for a in m.attachments if a.filename.endswith(".pdf"))
        preview = window.attachments.preview(pdf)
        preview.resize(860, 820)
        wait_until(lambda: preview.pages.count() > 0)
        settle(window)
        save(preview, args.out / f"attachment-preview{suffix}.png")
        preview.close()
        window.close()
        desk.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
