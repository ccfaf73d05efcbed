"""Well-formed mail: what a careful user expects foidesk to read from it."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from foidesk.core.mail import ParsedMessage, parse_email_bytes, sanitize_html


def _parse(corpus: dict[str, Path], name: str) -> ParsedMessage:
    return parse_email_bytes(corpus[name].read_bytes())


def test_thunderbird_reply_with_two_pdfs(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/thunderbird-two-pdfs.eml")
    assert message.subject == "Re: Logs of calls to claimants"
    assert message.from_addr == "DWP FOI Team <foi-requests@dwp.example.gov.uk>"
    assert message.from_email == "foi-requests@dwp.example.gov.uk"
    assert message.to == ("Frank Zola <frank@example.org>",)
    assert message.cc == ("Case Officer <officer@dwp.example.gov.uk>",)
    assert message.to_emails == ("frank@example.org",)
    assert message.message_id == "reply-1@dwp.example.gov.uk"
    assert message.in_reply_to == "request-1@example.org"
    assert message.references == ("request-1@example.org", "ack-1@dwp.example.gov.uk")
    assert message.sent_at == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert "two documents" in message.body_text
    assert "\r" not in message.body_text
    assert message.body_html is None
    assert [(a.filename, a.media_type) for a in message.attachments] == [
        ("FOI2024-01234 response.pdf", "application/pdf"),
        ("Annex A.pdf", "application/pdf"),
    ]
    assert message.attachments[0].data.startswith(b"%PDF-1.4")
    assert message.attachments[1].size == len(message.attachments[1].data) > 0
    assert message.auto_submitted is False
    assert message.warnings == ()
    assert message.source_format == "eml"


def test_raw_is_the_original_bytes(corpus: dict[str, Path]) -> None:
    data = corpus["good/thunderbird-two-pdfs.eml"].read_bytes()
    assert parse_email_bytes(data).raw is data


def test_html_mail_keeps_both_bodies_and_inline_image(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/html-tracking-pixel.eml")
    assert message.body_text == "Dear Frank, your request FOI2024-01234 is being handled."
    assert message.body_html is not None
    assert "tracker.example/open.gif" in message.body_html  # the original, unsanitised
    shown = sanitize_html(message.body_html)
    assert "tracker.example" not in shown
    assert 'src="cid:logo@dwp"' in shown
    assert [(a.filename, a.media_type) for a in message.attachments] == [
        ("attachment.png", "image/png")
    ]
    assert message.attachments[0].data.startswith(b"\x89PNG")


def test_html_only_mail_gets_a_text_body(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/html-only.eml")
    assert message.body_text == (
        "First paragraph & more.\n\nSee the response <https://example.gov.uk/r>.\nSecond line"
    )


def test_auto_submitted_acknowledgement(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/auto-ack.eml")
    assert message.auto_submitted is True
    assert message.body_text.startswith("This is an automated confirmation")


def test_acknowledgement_recognised_by_wording(corpus: dict[str, Path]) -> None:
    assert _parse(corpus, "good/ack-wording-only.eml").auto_submitted is True


def test_forwarded_message_is_kept_whole_as_eml(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/forwarded.eml")
    assert message.body_text == "Forwarding the search results below."
    (forwarded,) = message.attachments
    assert forwarded.filename == "Search results_ 3-4 complete.eml"
    assert forwarded.media_type == "message/rfc822"
    inner = parse_email_bytes(forwarded.data)
    assert inner.subject == "Search results: 3/4 complete"
    assert inner.message_id == "inner-1@example.gov.uk"
    assert inner.body_text.strip() == "Inner body text."
    assert [a.filename for a in inner.attachments] == ["search log.pdf"]


def test_winmail_dat_is_expanded(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "good/winmail.eml")
    assert [(a.filename, a.data) for a in message.attachments] == [
        ("minutes.docx", b"PK\x03\x04 fake docx"),
        ("budget.xlsx", b"PK\x03\x04 xlsx"),
    ]
    assert message.attachments[0].media_type.endswith("wordprocessingml.document")
    assert message.warnings == ()


def test_broken_winmail_dat_is_kept(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/broken-winmail.eml")
    assert [(a.filename, a.data) for a in message.attachments] == [
        ("winmail.dat", b"this is not tnef")
    ]
    assert any("winmail.dat" in warning for warning in message.warnings)


def test_tnef_without_files_keeps_the_blob(corpus_module: ModuleType) -> None:
    blob: bytes = corpus_module.tnef([])
    data = (
        b"From: a@example.org\r\nSubject: s\r\nContent-Type: application/ms-tnef\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.b64encode(blob)
    )
    message = parse_email_bytes(data)
    assert [a.data for a in message.attachments] == [blob]
    assert any("held no files" in warning for warning in message.warnings)


def test_inline_part_with_a_file_name_is_an_attachment() -> None:
    data = (
        b"From: a@example.org\r\nSubject: s\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nThe body.\r\n--b\r\n"
        b"Content-Type: text/plain\r\nContent-Disposition: inline; filename=notes.txt\r\n\r\n"
        b"Inline notes.\r\n--b--\r\n"
    )
    message = parse_email_bytes(data)
    assert message.body_text == "The body."
    assert [(a.filename, a.data) for a in message.attachments] == [("notes.txt", b"Inline notes.")]


def test_eml_starting_with_an_mbox_from_line() -> None:
    data = b"From a@example.org Tue Mar  5 09:15:00 2024\nSubject: s\nFrom: a@example.org\n\nx\n"
    message = parse_email_bytes(data)
    assert (message.subject, message.from_email, message.body_text) == ("s", "a@example.org", "x\n")
