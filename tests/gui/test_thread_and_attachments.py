"""Reading a thread: quoted text folds, HTML is inert, attachments open, save and drag out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.records import AttachmentRecord, NewAttachment, NewMessage
from foidesk.gui.main_window import MainWindow
from foidesk.gui.preview import AttachmentPreview, has_pdf_renderer
from foidesk.gui.quoting import split_quoted

Settle = Callable[[], None]


def _example(window: MainWindow, settle: Settle) -> list[AttachmentRecord]:
    window.load_example()
    settle()
    detail = window.thread_pane.detail
    assert detail is not None
    return [a for m in detail.messages for a in m.attachments]


def test_quoted_reply_is_split_off() -> None:
    body = "Thanks, see below.\n\nOn Mon 1 Apr 2024, Sam wrote:\n> one\n> two\n> three\n> four"
    new, quoted = split_quoted(body)
    assert new == "Thanks, see below."
    assert quoted.startswith("On Mon 1 Apr 2024, Sam wrote:")
    assert split_quoted("Short.\n> one line") == ("Short.\n> one line", "")


def test_quoted_text_is_folded_in_the_thread_until_asked_for(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    quoted = "\n".join(f"> line {n} of the original request" for n in range(6))
    message = desk.add_message(
        rid,
        NewMessage(
            direction="incoming",
            kind="response",
            subject="Answer",
            body_text=f"Here it is.\n\n{quoted}",
        ),
    )
    window.refresh_all()
    settle()
    window.open_request(rid)
    settle()
    view = window.thread_pane.view
    assert "Show quoted text" in view.toPlainText()
    assert "line 3 of the original" not in view.toPlainText()
    view.anchorClicked.emit(QUrl(f"foidesk:quote/{message.id}"))
    assert "line 3 of the original" in view.toPlainText()


def test_html_bodies_are_sanitised_and_nothing_remote_is_loaded(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    html = "<p>Hello <b>there</b></p><img src='http://tracker.example/p.gif'><script>x()</script>"
    desk.add_message(
        rid, NewMessage(direction="incoming", kind="response", subject="HTML", body_html=html)
    )
    window.refresh_all()
    settle()
    window.open_request(rid)
    settle()
    view = window.thread_pane.view
    assert "Hello there" in view.toPlainText()
    assert "x()" not in view.toPlainText()
    assert "tracker.example" not in view.toHtml()
    assert view.loadResource(2, QUrl("http://tracker.example/p.gif")) is None


def test_pdf_and_image_attachments_preview_inside_the_window(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    attachments = _example(window, settle)
    image = next(a for a in attachments if a.filename.endswith(".png"))
    window.attachments.open(image)
    [preview] = window.attachments.previews
    assert isinstance(preview, AttachmentPreview)
    qtbot.waitUntil(lambda: preview.pages.count() == 1)
    assert "pixels" in preview.status.text()
    preview.close()
    if has_pdf_renderer():
        pdf = next(a for a in attachments if a.filename.endswith(".pdf"))
        with qtbot.waitSignal(window.attachments.preview(pdf).pages_ready, timeout=10_000) as got:
            pass
        assert got.args == [1]


def test_other_attachments_open_with_the_system_as_a_private_copy(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk
) -> None:
    opened: list[QUrl] = []
    window.attachments.system_open = opened.append
    csv = next(a for a in _example(window, settle) if a.filename.endswith(".csv"))
    with qtbot.waitSignal(window.attachments.opened_externally):
        window.attachments.open(csv)
    [url] = opened
    copy = Path(url.toLocalFile())
    assert copy.name == csv.filename
    assert copy.read_bytes() == desk.blob_path(csv.sha256).read_bytes()
    assert copy != desk.blob_path(csv.sha256)


def test_save_as_copies_the_attachment_where_the_user_chose(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk, tmp_path: Path
) -> None:
    target = tmp_path / "saved.txt"
    window.attachments.choose_save_path = lambda _parent, _a: target
    text = next(a for a in _example(window, settle) if a.filename.endswith(".txt"))
    window.thread_pane.view.anchorClicked.emit(QUrl(f"foidesk:save/{text.id}"))
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == desk.blob_path(text.sha256).read_bytes()


def test_a_dragged_attachment_is_a_real_file_with_its_own_name(
    window: MainWindow, settle: Settle
) -> None:
    attachment = _example(window, settle)[0]
    view = window.thread_pane.view
    assert view.drag_files is not None
    path = view.drag_files(attachment)
    assert path.is_file() and path.name == attachment.filename


def test_attaching_by_drop_reaches_the_desk_as_files(
    window: MainWindow, settle: Settle, desk: Desk, tmp_path: Path, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    message = desk.add_message(
        rid,
        NewMessage(
            direction="incoming",
            kind="note",
            subject="Call",
            attachments=(NewAttachment("a.txt", b"a"),),
        ),
    )
    extra = tmp_path / "b.pdf"
    extra.write_bytes(b"%PDF-1.4\n")
    window.thread_pane.view.files_dropped_on_message.emit(message, [extra])
    settle()
    assert [a.filename for a in desk.get_message(message.id).attachments] == ["a.txt", "b.pdf"]


def test_a_phone_call_note_is_recorded_not_received(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    desk.add_message(
        rid,
        NewMessage(
            direction="incoming",
            kind="note",
            from_addr="FOI officer",
            subject="Phone call",
            body_text="They will reply next week.",
        ),
    )
    window.refresh_all()
    settle()
    window.open_request(rid)
    settle()
    text = window.thread_pane.view.toPlainText()
    assert "Recorded · Note · from FOI officer" in text
    assert "Received · Note" not in text


def test_opening_a_preview_hides_the_tooltip_showing(
    window: MainWindow, settle: Settle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offscreen Qt cannot show a tooltip window, so the call that hides one is watched."""
    from PySide6.QtWidgets import QToolTip

    hidden: list[bool] = []
    monkeypatch.setattr(QToolTip, "hideText", staticmethod(lambda: hidden.append(True)))
    attachments = _example(window, settle)
    image = next(a for a in attachments if a.filename.endswith(".png"))
    window.attachments.open(image)
    assert hidden == [True]
    window.attachments.previews[0].close()


def test_a_preview_closed_before_its_pages_arrive_is_left_alone(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    attachments = _example(window, settle)
    image = next(a for a in attachments if a.filename.endswith(".png"))
    preview = window.attachments.preview(image)
    preview.close()  # the page is still being read on the file pool
    preview.deleteLater()
    qtbot.waitUntil(lambda: window.runner.files.active == 0, timeout=10_000)
