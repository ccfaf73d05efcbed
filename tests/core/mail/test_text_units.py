"""Small units: charsets, message ids, one-line cleaning, auto-reply signals."""

from __future__ import annotations

import pytest

from foidesk.core.mail.autoreply import AUTO_REPLY_PHRASES, is_auto_submitted
from foidesk.core.mail.charsets import codec_for, decode_text
from foidesk.core.mail.msgids import all_ids, first_id
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.text_clean import one_line


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF-8", "utf-8"),
        ('"utf8"', "utf-8"),
        ("iso-8859-1", "cp1252"),
        ("gb2312", "gb18030"),
        ("ks_c_5601-1987", "cp949"),
        ("iso-8859-8-i", "iso8859-8"),
        ("x-klingon", None),
        ("rot13", None),
        ("punycode", None),
        ("base64", None),
        ("unicode_escape", None),
        ("", None),
        (None, None),
    ],
)
def test_codec_for(label: str | None, codec: str | None) -> None:
    assert codec_for(label) == codec


def test_declared_charset_is_used_silently() -> None:
    notes = Notes()
    assert decode_text("Grüße".encode("iso-8859-15"), "iso-8859-15", notes) == "Grüße"
    assert notes.as_tuple() == ()


def test_undeclared_8bit_text_is_guessed_without_warning() -> None:
    notes = Notes()
    assert decode_text("naïve".encode(), None, notes) == "naïve"
    assert notes.as_tuple() == ()


def test_bytes_invalid_everywhere_fall_back_to_latin1() -> None:
    notes = Notes()
    assert decode_text(b"\x81\x8d", "utf-8", notes) == "\x81\x8d"
    assert notes.charsets() == ("text declared as 'utf-8' was not valid; decoded as Latin-1",)


def test_nul_and_surrogates_are_scrubbed() -> None:
    text = decode_text("a\x00b".encode("utf-16-le"), "utf-16-le", Notes())
    assert text == "ab"


def test_warnings_are_bounded_and_deduplicated() -> None:
    notes = Notes()
    for index in range(200):
        notes.add("same")
        notes.add(f"different {index}")
        notes.add(f"different {index}")
    warnings = notes.as_tuple()
    assert warnings.count("same") == 1
    assert len(warnings) == 51
    assert warnings[-1] == "151 further warnings were not listed"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("<abc@example.org>", "abc@example.org"),
        ("  < abc@example.org >  ", "abc@example.org"),
        ("abc@example.org", "abc@example.org"),
        ("<a@b> (comment) <c@d>", "a@b"),
        ("Your message of Tue, 5 Mar <orig@example.org>", "orig@example.org"),
        ("no id here", None),
        ("", None),
        (None, None),
    ],
)
def test_first_id(value: str | None, expected: str | None) -> None:
    assert first_id(value) == expected


def test_all_ids_keeps_order_and_drops_repeats() -> None:
    assert all_ids("<a@x> <b@x>\t<a@x> junk <c@x>") == ("a@x", "b@x", "c@x")
    assert all_ids(None) == ()


def test_one_line() -> None:
    assert one_line("a\r\nBcc: b\u2028c\x00d\x1b\u202ee", 100) == "a Bcc: b cde"
    assert one_line("x" * 50, 10) == "x" * 10


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"auto-submitted": "auto-replied"}, True),
        ({"auto-submitted": "auto-generated; reason=x"}, True),
        ({"auto-submitted": "no"}, False),
        ({"x-autoreply": "yes"}, True),
        ({"x-autorespond": "1"}, True),
        ({"precedence": "auto_reply"}, True),
        ({"precedence": "bulk"}, False),
        ({}, False),
    ],
)
def test_auto_submitted_headers(headers: dict[str, str], expected: bool) -> None:
    assert is_auto_submitted(headers, "Re: your request", "Dear Frank,") is expected


@pytest.mark.parametrize("phrase", AUTO_REPLY_PHRASES)
def test_every_listed_phrase_is_recognised(phrase: str) -> None:
    assert is_auto_submitted({}, "Re: request", f"Hello.\n{phrase.upper()}  here.")


def test_wording_far_down_the_body_does_not_count() -> None:
    body = "Dear Frank,\n" + "Our response follows.\n" * 200 + "> We have received your request"
    assert not is_auto_submitted({}, "Re: request", body)


def test_subject_wording_counts() -> None:
    assert is_auto_submitted({}, "Automatic reply: Out of office", "")
