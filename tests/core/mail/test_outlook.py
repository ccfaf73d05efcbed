"""Outlook .msg files through extract-msg."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from foidesk.core.mail import MailError, ParsedMessage, parse_msg_file, sanitize_html


@pytest.fixture(scope="module")
def outlook(corpus: dict[str, Path]) -> ParsedMessage:
    return parse_msg_file(corpus["good/outlook.msg"])


def test_headers_and_addresses(outlook: ParsedMessage) -> None:
    assert outlook.source_format == "msg"
    assert outlook.subject == "Your FOI request FOI2024-01234"
    assert outlook.from_addr == "DWP FOI Team <foi-requests@dwp.example.gov.uk>"
    assert outlook.from_email == "foi-requests@dwp.example.gov.uk"
    assert outlook.to == ("Frank Zola <frank@example.org>",)
    assert outlook.cc == ("Case Officer <officer@example.gov.uk>",)
    assert outlook.message_id == "outlook-1@dwp.example.gov.uk"
    assert outlook.in_reply_to == "request-1@example.org"
    assert outlook.references == ("request-1@example.org",)
    assert outlook.sent_at == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert outlook.auto_submitted is False


def test_bodies(outlook: ParsedMessage) -> None:
    assert outlook.body_text == "Dear Frank Zola,\n\nPlease find our response attached."
    assert outlook.body_html is not None
    assert "t.example" not in sanitize_html(outlook.body_html)


def test_raw_is_the_file(outlook: ParsedMessage, corpus: dict[str, Path]) -> None:
    assert outlook.raw == corpus["good/outlook.msg"].read_bytes()


def test_attachments_include_the_embedded_message(outlook: ParsedMessage, tmp_path: Path) -> None:
    pdf, embedded = outlook.attachments
    assert (pdf.filename, pdf.media_type) == ("FOI2024-01234 response.pdf", "application/pdf")
    assert pdf.data.startswith(b"%PDF-1.4")
    assert (embedded.filename, embedded.media_type) == (
        "Search results.msg",
        "application/vnd.ms-outlook",
    )
    saved = tmp_path / "inner.msg"
    saved.write_bytes(embedded.data)
    inner = parse_msg_file(saved)
    assert inner.subject == "Search results"
    assert inner.body_text == "Inner message body."
    assert [a.filename for a in inner.attachments] == ["search log.pdf"]


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("hostile/damaged.msg", "Outlook file is damaged: "),
        ("hostile/truncated.msg", "Outlook file is damaged: "),
        ("hostile/not-ole.msg", "not an Outlook message: "),
    ],
)
def test_damaged_files_raise_mail_error(corpus: dict[str, Path], name: str, start: str) -> None:
    with pytest.raises(MailError) as raised:
        parse_msg_file(corpus[name])
    assert str(raised.value).startswith(start)
    assert "\n" not in str(raised.value)


def test_every_truncation_of_a_msg_is_refused_cleanly(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    data = corpus["good/outlook.msg"].read_bytes()
    path = tmp_path / "cut.msg"
    for length in range(512, len(data), 512):
        path.write_bytes(data[:length])
        try:
            parse_msg_file(path)
        except MailError:
            continue
