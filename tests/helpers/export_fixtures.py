"""Fixtures for the export tests (core, command line, window): a request worth exporting.

The example thread; two replies imported from real .eml files (so they have originals)
with hostile attachment names; and a follow-up the requester sent with their phone
number in it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.core.desk import Desk
from foidesk.core.records import NewMessage

PHONE = "+44 20 7946 0958"
PHONE_AS_QUOTED = "020 7946 0958"
OWN_ADDRESS = "sam.requester@example.net"
OWN_NAME = "Sam Requester"


@dataclass(frozen=True)
class Thread:
    request_id: int
    reply_ids: tuple[int, ...]


def import_reply(desk: Desk, folder: Path, request_id: int, number: int, **kw: object) -> None:
    path = folder / f"reply-{number}.eml"
    path.write_bytes(make_email(**kw))  # type: ignore[arg-type]
    report = desk.import_paths([path], request_id=request_id)
    assert not any(f.error for f in report.files), report


@pytest.fixture
def thread(desk: Desk, tmp_path: Path) -> Thread:
    detail = desk.load_sample()
    desk.add_message(
        detail.id,
        NewMessage(
            direction="outgoing",
            kind="follow_up",
            sent_at=datetime(2024, 4, 20, 9, 0, tzinfo=UTC),
            from_addr=f"{OWN_NAME} <{OWN_ADDRESS}>",
            to=("foi-requests@dwp.example.org",),
            subject="Call log",
            body_text=f"Thank you. You can reach me on {PHONE}.\n\n{OWN_NAME}\n",
        ),
    )
    import_reply(
        desk,
        tmp_path,
        detail.id,
        1,
        subject="RE: Call log [FOI2024/01234]",
        sender="Central FOI Team <foi-requests@dwp.example.org>",
        to=f"{OWN_NAME} <{OWN_ADDRESS}>",
        body=(
            f"Dear {OWN_NAME},\n\nWe tried to call you on {PHONE_AS_QUOTED}.\n"
            "Ελληνικά, Русский, עברית and 中文 all reach us.\n" + "long" * 600 + "\n"
        ),
        message_id="<reply-1@dwp.example.org>",
        headers={"Cc": "Records Team <records@dwp.example.org>"},
        sent=datetime(2024, 4, 22, 10, 30, tzinfo=UTC),
        attachments=(
            ("../../etc/passwd", b"root:x:0:0\n"),
            ("con.txt", b"a device name on Windows\n"),
            ("scan.pdf", b"%PDF-1.4 first scan"),
        ),
    )
    import_reply(
        desk,
        tmp_path,
        detail.id,
        2,
        subject="RE: Call log, second part [FOI2024/01234]",
        sender="Central FOI Team <foi-requests@dwp.example.org>",
        to=f"{OWN_NAME} <{OWN_ADDRESS}>",
        body="The second scan.\n",
        message_id="<reply-2@dwp.example.org>",
        sent=datetime(2024, 4, 23, 11, 0, tzinfo=UTC),
        attachments=(("scan.pdf", b"%PDF-1.4 second scan, another file"),),
    )
    messages = desk.get_request(detail.id).messages
    return Thread(detail.id, tuple(m.id for m in messages if m.has_original))


def squashed(text: str) -> str:
    """Text without any whitespace: a PDF wraps lines wherever they fit."""
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
