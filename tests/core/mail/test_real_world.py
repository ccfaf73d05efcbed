"""What real gateways send, built from the specifications (make_real_world.py in tests/data)."""

from __future__ import annotations

import binascii
import time

import pytest
from real_mail import HAPPY_TEXT, case, real_world

from foidesk.core.mail import parse_email_bytes, sanitize_html
from foidesk.core.mail.charsets import guess_text
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.rtf import convert_rtf, rtf_body
from foidesk.core.mail.uuencode import split_uuencoded
from foidesk.core.search.extract import extract_bytes
from foidesk.core.search.states import TextState


def test_inline_uuencoded_files_become_attachments_and_leave_the_body() -> None:
    message = parse_email_bytes(case("uuencode-inline.eml"))
    assert [(a.filename, a.media_type) for a in message.attachments] == [
        ("Happy.txt", "text/plain"),
        ("minutes 2024.pdf", "application/pdf"),
    ]
    assert message.attachments[0].data == real_world().HAPPY
    assert message.attachments[1].data == real_world().PDF
    assert "begin 644" not in message.body_text and "M2&%P" not in message.body_text
    assert message.body_text.startswith("Dear Mr Zola,")
    assert message.body_text.rstrip().endswith("Records Office")
    assert message.warnings == ()


def test_a_damaged_uuencoded_block_without_end_is_still_a_file() -> None:
    message = parse_email_bytes(case("uuencode-damaged.eml"))
    (found,) = message.attachments
    assert found.filename == "Happy.txt"
    assert found.data.startswith(HAPPY_TEXT[:20])
    assert len(found.data) == len(real_world().HAPPY)
    assert message.body_text.strip() == "See the file:"
    assert "a uuencoded file had no 'end' line; it may be incomplete" in message.warnings
    assert any("damaged lines" in warning for warning in message.warnings)


def test_text_that_only_mentions_begin_is_left_alone() -> None:
    text = "Please begin 644 days from now.\nbegin 600 notes.txt\nthis is prose, not data\n"
    kept, files = split_uuencoded(text, Notes())
    assert (kept, files) == (text, [])


def test_uuencode_m_blocks_are_read_too() -> None:
    encoded = binascii.b2a_base64(b"base64 payload").decode().strip()
    kept, files = split_uuencoded(f"Hi\nbegin-base64 644 a.bin\n{encoded}\n====\nBye", Notes())
    assert kept == "Hi\nBye"
    assert [(f.name, f.data) for f in files] == [("a.bin", b"base64 payload")]


def test_encoded_words_with_raw_8bit_bytes_are_decoded() -> None:
    message = parse_email_bytes(case("rfc2047-raw-8bit.eml"))
    assert message.subject == "Die Hasen und die Frösche"
    assert message.from_addr == "Jürgen Müller <juergen@amt.example.de>"
    assert any("raw 8-bit text inside an encoded word" in n for n in message.charset_notes)


def test_an_encoded_word_with_a_raw_comma_cannot_split_an_address() -> None:
    data = b"From: =?iso-8859-1?Q?Fr\xf6sche, Hans?= <h@example.org>\r\nTo: x@example.org\r\n\r\nb"
    message = parse_email_bytes(data)
    assert message.from_addr == '"Frösche, Hans" <h@example.org>'
    assert message.from_email == "h@example.org"


def test_a_part_labelled_base64_that_is_not_base64_keeps_its_text() -> None:
    for name, text in (
        ("fake-base64.eml", "stuff"),
        ("fake-base64-prose.eml", "Thank you for your request."),
    ):
        message = parse_email_bytes(case(name))
        assert message.body_text.startswith(text), name
        assert "a part labelled base64 was not base64; its text was kept as sent" in (
            message.warnings
        )


def test_real_base64_is_still_decoded() -> None:
    data = (
        b"From: a@example.org\r\nContent-Type: text/plain\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nSGVsbG8sIHdvcmxkIQ==\r\n"
    )
    message = parse_email_bytes(data)
    assert message.body_text == "Hello, world!"
    assert message.warnings == ("the message has no date",)


def test_undeclared_chinese_is_detected_and_the_assumption_recorded() -> None:
    message = parse_email_bytes(case("gb2312-undeclared.eml"))
    assert message.body_text.strip() == real_world().CHINESE
    assert message.charset_notes == ("text with no declared character set was decoded as GB18030",)


def test_a_wrong_label_is_replaced_by_what_the_text_is() -> None:
    message = parse_email_bytes(case("cp1251-declared-ascii.eml"))
    assert message.body_text.startswith("Здравствуйте, ваш запрос получен")
    assert message.charset_notes == (
        "text declared as 'us-ascii' was not valid; decoded as Windows-1251",
    )


def test_a_declared_charset_that_decodes_cleanly_is_kept() -> None:
    message = parse_email_bytes(case("latin1-declared.eml"))
    assert message.body_text.strip() == "Café crème, s'il vous plaît."
    assert message.charset_notes == ()


def test_short_western_text_stays_windows_1252() -> None:
    assert guess_text("Café crème".encode("cp1252")) == ("Café crème", "Windows-1252")
    assert guess_text("It’s done".encode("cp1252")) == ("It’s done", "Windows-1252")


def test_a_tnef_only_html_body_becomes_the_body_sanitised_when_shown() -> None:
    message = parse_email_bytes(case("tnef-html-only.eml"))
    assert message.attachments == ()
    assert message.body_text.startswith("Dear Mr Zola,")
    assert "FOI-4411 has been answered in full" in message.body_text
    assert message.body_html is not None and "FOI-4411" in message.body_html
    shown = sanitize_html(message.body_html)
    assert "<script" not in shown and "tracker.example" not in shown and "FOI-4411" in shown
    assert "the message body was read from its winmail.dat (Outlook) attachment" in (
        message.warnings
    )


def test_a_tnef_only_compressed_rtf_body_is_decompressed_and_converted() -> None:
    message = parse_email_bytes(case("tnef-rtf-only.eml"))
    assert message.attachments == ()
    assert message.body_html is None
    assert message.body_text.splitlines() == [
        "Dear Mr Zola,",
        "",
        "Your request FOI-5522 was refused under section 40(2).",
        "Café minutes are not held.",
    ]


def test_rtf_that_encapsulates_html_gives_the_html_back() -> None:
    message = parse_email_bytes(case("tnef-rtf-html.eml"))
    assert message.body_html is not None and "<p>" in message.body_html
    assert message.body_text == "Dear Mr Zola, the café contract FOI-6633 is attached."


def test_a_mime_body_wins_over_the_tnef_copy_and_tnef_files_are_expanded() -> None:
    message = parse_email_bytes(case("tnef-files-and-body.eml"))
    assert message.body_text.strip() == "The MIME body."
    assert [(a.filename, a.data) for a in message.attachments] == [("letter.pdf", real_world().PDF)]


def test_rtf_conversion_has_a_time_limit() -> None:
    notes = Notes()
    assert rtf_body(real_world().RTF_BODY.encode(), notes, seconds=1e-6) == (None, "")
    assert notes.as_tuple() == (
        "the message's rich-text body could not be converted; the original is kept",
    )


def test_plain_rtf_converts_in_process_too() -> None:
    html, text = convert_rtf(real_world().RTF_BODY.encode())
    assert html is None and text.startswith("Dear Mr Zola,")


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("attached-email-base64.eml", "an attached email was sent in base64; it was decoded"),
        ("attached-email-junk-header.eml", "an attached email's part header was damaged"),
        ("attached-email-no-separator.eml", "an attached email's part header was damaged"),
    ],
)
def test_an_attached_email_with_a_broken_part_header_can_be_read(name: str, warning: str) -> None:
    message = parse_email_bytes(case(name))
    (attached,) = message.attachments
    assert attached.filename == "Search of the archive.eml"
    assert attached.media_type == "message/rfc822"
    assert attached.data.startswith(b"From: Case Officer")
    inner = parse_email_bytes(attached.data)
    assert inner.subject == "Search of the archive"
    assert inner.body_text.strip() == "The archive search found nineteen files about the depot."
    read = extract_bytes(attached.data, attached.filename, attached.media_type)
    assert read.state is TextState.DONE and "nineteen files" in read.text
    assert any(w.startswith(warning) for w in message.warnings)


def test_five_thousand_nested_multiparts_keep_their_text_and_files_with_a_warning() -> None:
    started = time.monotonic()
    message = parse_email_bytes(case("deep-multiparts.eml"))
    assert time.monotonic() - started < 5
    assert message.body_text.strip() == "The text at the bottom."
    assert [(a.filename, a.data) for a in message.attachments] == [("deep.pdf", real_world().PDF)]
    assert any("more than 64 levels deep" in w and "flat list" in w for w in message.warnings)
