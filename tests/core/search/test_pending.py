"""Reading attachments after import: every file gets a state, failures are kept, not fatal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from foidesk.core import phrases
from foidesk.core.desk import Desk
from foidesk.core.progress import Cancelled
from foidesk.core.sample.files import png_bars
from foidesk.core.search import (
    ExtractionOptions,
    check_index,
    extract_pending,
    mark_all_pending,
    search,
    text_status,
)
from foidesk.core.storage.tables import Attachment

HERE = ExtractionOptions(workers=0)
AddRequest = Callable[..., int]
AddMessage = Callable[..., int]


def states(desk: Desk) -> dict[str, tuple[str, str | None]]:
    with desk.db.reading() as session:
        rows = session.execute(
            select(Attachment.filename, Attachment.text_state, Attachment.text_error)
        )
        # the stored note is a code; decoded, it is the English sentence
        return {
            name: (state, None if error is None else phrases.decode(error))
            for name, state, error in rows
        }


def test_each_file_gets_a_state_and_failures_are_visible(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Callable[..., bytes]
) -> None:
    request = add_request("Agency nurses")
    add_message(request, "attached", files=(
        ("spend.pdf", letter("Agency nurse spend 2.4 million")),
        ("chart.png", png_bars([4, 2])),
        ("broken.pdf", b"%PDF-1.4 truncated"),
        ("notes.txt", b"   "),
    ))  # fmt: skip

    report = extract_pending(desk, options=HERE)

    assert report.attachments == 4 and report.files_read == 4
    assert report.states == {"done": 1, "unsupported": 1, "failed": 1, "empty": 1}
    [(failed_id, name, reason)] = report.failures
    assert (name, reason) == ("broken.pdf", "the PDF is damaged or not a PDF")
    assert states(desk)["broken.pdf"] == ("failed", "the PDF is damaged or not a PDF")
    with desk.db.reading() as session:
        stored = session.scalar(select(Attachment.text_error).where(Attachment.id == failed_id))
    assert stored == '{"arguments":{},"code":"text.pdf-damaged"}'
    assert states(desk)["spend.pdf"] == ("done", None)
    status = text_status(desk)
    assert status.counts == {"done": 1, "unsupported": 1, "failed": 1, "empty": 1}
    assert [(p.attachment_id, p.request_id, p.state) for p in status.problems] == [
        (failed_id, request, "failed")
    ]
    assert [h.context for h in search(desk, "million")] == ["spend.pdf"]
    assert extract_pending(desk, options=HERE).attachments == 0  # nothing left pending


def test_worker_processes_read_the_same_way(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Callable[..., bytes]
) -> None:
    add_message(add_request("Sepsis"), "files", files=(
        ("audit.pdf", letter("Sepsis screening audit")), ("bad.pdf", b"%PDF-junk")))  # fmt: skip
    report = extract_pending(desk, options=ExtractionOptions(workers=1, timeout=30))
    assert report.states == {"done": 1, "failed": 1}
    assert [h.context for h in search(desk, "screening")] == ["audit.pdf"]


def test_identical_content_is_read_once_and_remembered(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Leaflets")
    same = (("leaflet.txt", b"how to appeal"), ("copy of leaflet.txt", b"how to appeal"))
    add_message(request, "two copies", files=same)
    assert extract_pending(desk, options=HERE).files_read == 1
    add_message(request, "a third copy", files=(("again.txt", b"how to appeal"),))
    report = extract_pending(desk, options=HERE)
    assert (report.files_read, report.attachments, report.states) == (0, 1, {"done": 1})
    assert len([h for h in search(desk, "appeal") if h.kind == "attachment"]) == 3
    assert check_index(desk) == []


@pytest.mark.sqlite_only  # a team database holds the file itself: its cache is fetched again
def test_a_missing_stored_file_fails_that_attachment_only(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Lost"), "files", files=(("a.txt", b"alpha"), ("b.txt", b"beta")))
    attachments = desk.get_request(1).messages[-1].attachments
    sha = next(a.sha256 for a in attachments if a.filename == "a.txt")
    desk.store.path_for(sha).unlink()
    extract_pending(desk, options=HERE)
    assert states(desk) == {
        "a.txt": ("failed", "the stored file is missing (see `foidesk check`)"),
        "b.txt": ("done", None),
    }


class _StopAfter:
    def __init__(self, files: int) -> None:
        self.files = files
        self.seen = 0

    def report(self, done: int, total: int | None, message: str = "") -> None:
        self.seen = done

    def cancelled(self) -> bool:
        return self.seen >= self.files


def test_cancelling_keeps_what_was_read(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    files = tuple((f"{i}.txt", f"document number {i}".encode()) for i in range(5))
    add_message(add_request("Many"), "files", files=files)
    with pytest.raises(Cancelled):
        extract_pending(desk, _StopAfter(2), options=HERE)
    assert sorted(state for state, _ in states(desk).values()) == ["done"] * 2 + ["pending"] * 3
    assert extract_pending(desk, options=HERE, limit=2).attachments == 2
    assert text_status(desk).pending == 1


def test_an_attachment_removed_meanwhile_is_left_alone(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Race"), "files", files=(("a.txt", b"first"), ("b.txt", b"second")))
    message = desk.get_request(1).messages[-1]

    class RemoveSecond:
        def report(self, done: int, total: int | None, message_text: str = "") -> None:
            if done == 1:
                desk.remove_attachment(message.attachments[1].id)

        def cancelled(self) -> bool:
            return False

    report = extract_pending(desk, RemoveSecond(), options=HERE)
    assert report.attachments == 1
    assert states(desk) == {"a.txt": ("done", None)}
    assert check_index(desk) == []


def test_everything_can_be_read_again(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Again"), "file", files=(("x.txt", b"reread me"),))
    extract_pending(desk, options=HERE)
    assert mark_all_pending(desk) == 1
    assert search(desk, "reread type:txt") == []  # the name is still found, the words are not
    assert extract_pending(desk, options=HERE).states == {"done": 1}
    assert [h.context for h in search(desk, "reread")] == ["x.txt"]
