"""Fuzzing: any bytes give a ParsedMessage or a MailError, within a time bound."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foidesk.core.mail import MailError, ParsedMessage, parse_email_bytes, sanitize_html
from foidesk.core.mail.html import html_to_text

_SAMPLE = (
    b"From: DWP <foi@example.gov.uk>\r\nTo: a@example.org\r\nSubject: =?utf-8?q?R=C3=A9?=\r\n"
    b"Date: Tue, 05 Mar 2024 09:15:00 +0000\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
    b"Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n<p>Hi=20<img src=3D'https://t.example/p'></p>\r\n--b\r\n"
    b"Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nx\r\n--b\r\n"
    b"Content-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n"
    b"\r\neJ8+IgEA\r\n--b\r\n"
    b"Content-Type: application/pdf; name*=utf-8''r%C3%A9.pdf\r\n"
    b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"
)
_FUZZ = settings(
    max_examples=300,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(data: bytes) -> None:
    try:
        result = parse_email_bytes(data)
    except MailError as error:
        assert str(error)
        return
    assert isinstance(result, ParsedMessage)
    assert "\n" not in result.subject and "\r" not in result.subject


@pytest.fixture(scope="module")
def seeds(corpus: dict[str, Path]) -> list[bytes]:
    """Small corpus messages to mutate, plus a sample touching every code path."""
    small = (path.read_bytes() for name, path in corpus.items() if name.endswith(".eml"))
    return [_SAMPLE, *(data for data in small if 0 < len(data) < 20_000)]


def _mutate(draw: st.DataObject, seed: bytes) -> bytes:
    """``seed`` with a few bytes replaced, inserted, deleted or spliced in."""
    data = bytearray(seed)
    for _ in range(draw.draw(st.integers(1, 8))):
        position = draw.draw(st.integers(0, len(data)))
        action = draw.draw(st.sampled_from(["replace", "insert", "delete", "splice"]))
        chunk = draw.draw(st.binary(min_size=1, max_size=16))
        if action == "replace":
            data[position : position + len(chunk)] = chunk
        elif action == "insert":
            data[position:position] = chunk
        elif action == "delete":
            del data[position : position + len(chunk)]
        else:
            data[position:position] = draw.draw(
                st.sampled_from([b"\r\n", b"\r\n\r\n", b"--b", b"=?", b"?=", b"<", b"\x00"])
            )
    return bytes(data)


@_FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    _check(data)


@_FUZZ
@given(draw=st.data())
def test_mutated_valid_mail(seeds: list[bytes], draw: st.DataObject) -> None:
    _check(_mutate(draw, draw.draw(st.sampled_from(seeds))))


@_FUZZ
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' !-[]?&#;abpimgsrc:\n")), max_size=2000))
def test_html_functions_accept_any_markup(html: str) -> None:
    assert "<script" not in sanitize_html(html).lower()
    html_to_text(html)
