"""Fixtures for search tests: a desk with a small, known archive in it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from foidesk.core.desk import Desk
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
from foidesk.core.sample.files import pdf_document


@pytest.fixture
def add_request(desk: Desk) -> Callable[..., int]:
    def add(
        title: str,
        *,
        authority: str = "Home Office",
        body: str = "",
        sent: date = date(2024, 1, 10),
        status: str = "waiting_response",
        notes: str = "",
    ) -> int:
        new = NewRequest(
            title=title, authority=authority, sent_on=sent, body=body, status=status, notes=notes
        )
        return desk.add_request(new).id

    return add


@pytest.fixture
def add_message(desk: Desk) -> Callable[..., int]:
    def add(
        request_id: int | None,
        body: str,
        *,
        subject: str = "Your request",
        when: datetime = datetime(2024, 2, 1, 9, 30, tzinfo=UTC),
        files: tuple[tuple[str, bytes], ...] = (),
    ) -> int:
        new = NewMessage(
            direction="incoming",
            kind="response",
            sent_at=when,
            subject=subject,
            body_text=body,
            attachments=tuple(NewAttachment(name, data) for name, data in files),
        )
        return desk.add_message(request_id, new).id

    return add


@pytest.fixture
def letter() -> Callable[..., bytes]:
    """Makes a real one-page PDF with a text layer from paragraphs."""

    def make(*paragraphs: str) -> bytes:
        return pdf_document("Response letter", list(paragraphs))

    return make
