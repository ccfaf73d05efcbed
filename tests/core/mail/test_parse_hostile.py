"""Hostile and broken mail: always a ParsedMessage or a MailError, quickly, never a crash."""

from __future__ import annotations

import time
from pathlib import Path
from types import ModuleType

import pytest

from foidesk.core.mail import MailError, ParsedMessage, parse_email_bytes
from foidesk.core.mail.limits import MAX_SUBJECT_CHARS

_REFUSED = {
    "hostile/empty.eml": "not an email: the file is empty",
    "hostile/whitespace.eml": "not an email: the file is empty",
    "hostile/binary-garbage.eml": "not an email: no headers found",
    "hostile/pdf-named.eml": "not an email: the file holds binary data, not headers",
    "hostile/no-headers.eml": "not an email: no headers found",
}


def _parse(corpus: dict[str, Path], name: str) -> ParsedMessage:
    return parse_email_bytes(corpus[name].read_bytes())


def test_every_hostile_eml_gives_a_message_or_a_mail_error_in_time(
    corpus: dict[str, Path],
) -> None:
    for name, path in corpus.items():
        if not name.startswith("hostile/") or not name.endswith(".eml"):
            continue
        started = time.monotonic()
        try:
            result: object = parse_email_bytes(path.read_bytes())
        except MailError as error:
            result = error
        assert isinstance(result, ParsedMessage | MailError), name
        assert time.monotonic() - started < 5, name


@pytest.mark.parametrize(("name", "sentence"), sorted(_REFUSED.items()))
def test_not_an_email_is_refused_with_one_clear_sentence(
    corpus: dict[str, Path], name: str, sentence: str
) -> None:
    with pytest.raises(MailError) as raised:
        _parse(corpus, name)
    assert str(raised.value) == sentence


def test_truncated_mime_keeps_what_arrived(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/truncated-mime.eml")
    assert "two documents" in message.body_text
    assert message.attachments[0].data.startswith(b"%PDF-1.4")
    assert any("never closed" in warning for warning in message.warnings)


def test_unclosed_boundary_keeps_the_last_part(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/unclosed-boundary.eml")
    assert message.body_text == "Body before the unclosed part."
    assert [a.filename for a in message.attachments] == ["partial.pdf"]
    assert message.attachments[0].data.startswith(b"%PDF-1.4")
    assert any("never closed" in warning for warning in message.warnings)


def test_bad_base64_is_repaired_with_warnings(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/bad-base64.eml")
    stray, padding = message.attachments
    assert stray.data.startswith(b"%PDF-1.4")
    assert padding.data.startswith(b"%PDF-1.4")
    assert "base64 data contained invalid characters; they were skipped" in message.warnings
    assert "damaged base64 data was repaired" in message.warnings


def test_unknown_charset_is_guessed_with_a_warning(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/unknown-charset.eml")
    assert message.body_text.strip() == "Café crème"
    assert "unknown character set 'x-klingon'; text decoded as Windows-1252" in (
        message.charset_notes
    )


def test_lying_charset_is_guessed_with_a_warning(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/lying-charset.eml")
    assert message.body_text.strip() == "It’s café time"
    assert any("declared as 'utf-8' was not valid" in note for note in message.charset_notes)


def test_python_codecs_are_not_charsets(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/codec-charset.eml")
    assert message.body_text.strip() == "plain text"
    assert "unknown character set 'punycode'; text decoded as UTF-8" in message.charset_notes


def test_huge_header_lines_are_bounded(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/long-header-lines.eml")
    assert message.subject == "A" * MAX_SUBJECT_CHARS
    assert 0 < len(message.to) < 12_000
    assert message.to[0] == "user0@example.org"
    assert message.body_text.strip() == "Body after huge headers."
    assert "the subject header was too long and has been shortened" in message.warnings


def test_encoded_word_injection_stays_on_one_line(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/header-injection.eml")
    assert message.subject == "Hello Bcc: attacker@evil.example"
    assert message.from_addr == '"Mallory Bcc: x@evil.example" <mallory@evil.example>'
    assert message.from_email == "mallory@evil.example"
    assert message.to_emails == ("victim@example.org",)
    assert message.cc == ()
    for text in (message.subject, message.from_addr, *message.to):
        assert "\r" not in text and "\n" not in text
    (attachment,) = message.attachments
    assert attachment.filename == "a Content-Type_ x.txt"


def test_header_bombs_neither_recurse_nor_hang(corpus: dict[str, Path]) -> None:
    started = time.monotonic()
    message = _parse(corpus, "hostile/header-bombs.eml")
    assert time.monotonic() - started < 5
    assert message.sent_at is None
    assert message.message_id is None
    assert len(message.subject) <= MAX_SUBJECT_CHARS
    assert "\n" not in message.from_addr


@pytest.mark.parametrize("unit", ["(", '"a', "g:", "<", ",", "\\", '"(<,', "a;", ';"', "@"])
@pytest.mark.parametrize(
    "header", ["To", "Subject", "Content-Type: text/plain; name=", "Content-Disposition: x; a="]
)
def test_pathological_header_values_are_read_quickly(header: str, unit: str) -> None:
    name, _, prefix = header.partition(": ")
    value = prefix + unit * (16_000 // len(unit))
    data = f"From: a@example.org\r\n{name}: {value}\r\n\r\nbody\r\n".encode()
    started = time.monotonic()
    message = parse_email_bytes(data)
    assert time.monotonic() - started < 5
    assert message.from_email == "a@example.org"


def test_unreadable_date_is_none_with_a_warning(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/bad-date.eml")
    assert message.sent_at is None
    assert "the date could not be read" in message.warnings


def test_missing_date_falls_back_to_received(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/missing-date.eml")
    assert message.sent_at is not None
    assert message.sent_at.isoformat() == "2024-03-06T09:00:00+00:00"
    assert "the message has no date" in message.warnings


def test_zoneless_date_is_read_as_utc(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/zoneless-date.eml")
    assert message.sent_at is not None
    assert message.sent_at.utcoffset() is not None
    assert message.sent_at.isoformat() == "2024-03-05T09:15:00+00:00"
    assert "the date has no time zone; it was read as UTC" in message.warnings


def test_500_levels_of_nesting_are_cut_without_recursion_error(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/deep-nesting.eml")
    assert message.subject == "Deep"
    assert any("more than 64 levels deep" in warning for warning in message.warnings)


def test_nesting_within_the_bound_is_read_fully(corpus_module: ModuleType) -> None:
    data: bytes = corpus_module.deep_nesting(40)
    message = parse_email_bytes(data)
    assert message.body_text.strip() == "deep body"
    assert message.warnings == ()


def test_hundreds_of_parts_with_one_name(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/many-parts.eml")
    names = [attachment.filename for attachment in message.attachments]
    assert len(names) == 300
    assert len(set(names)) == 300
    assert names[:3] == ["note.txt", "note (2).txt", "note (3).txt"]
    assert message.attachments[299].data == b"note 299"


def test_hostile_file_names_are_made_safe(corpus: dict[str, Path]) -> None:
    names = [a.filename for a in _parse(corpus, "hostile/hostile-names.eml").attachments]
    assert names == [
        "passwd",
        "boot.ini",
        "secret.txt",
        "autoexec.bat",
        "unc.doc",
        "_CON",
        "_nul.txt",
        "_COM1.pdf",
        "_lpt9.tar.gz",
        "report.pdf",
        "report (2).pdf",
        "Report (3).PDF",
        "hidden.txt",
        "tab andbell.txt",
        "invoicefdp.exe",
    ]


def test_undeclared_8bit_headers_are_decoded(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/raw-8bit-headers.eml")
    assert message.subject == "Solicitud de información"
    assert message.from_addr == "José García <jose@example.es>"
    assert any("undeclared 8-bit" in note for note in message.charset_notes)


def test_byte_order_mark_and_leading_blank_lines(corpus: dict[str, Path]) -> None:
    message = _parse(corpus, "hostile/bom-and-blank-lines.eml")
    assert message.subject == "BOM first"
    assert message.body_text.strip() == "body"


def test_control_characters_and_nul_never_reach_text_fields() -> None:
    data = (
        b"From: a@example.org\r\nSubject: =?utf-8?q?a=00b=07c=1Bd=E2=80=AEe?=\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\nnul\x00here\r\n"
    )
    message = parse_email_bytes(data)
    assert message.subject == "abcde"
    assert "\x00" not in message.body_text
