"""Large emails read from their file: parts decoded to files on the way, nothing read whole."""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import os
import tracemalloc
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from real_mail import real_world

from foidesk.core.mail import MailError, parse_email_bytes, parse_email_file, stream
from foidesk.core.mail.spool import SpooledFile, decoder_for

_BIG = 30 * 1024 * 1024


def _parse_file(tmp_path: Path, data: bytes) -> tuple[object, Path]:
    path = tmp_path / "mail.eml"
    path.write_bytes(data)
    spool = tmp_path / "spool"
    spool.mkdir(exist_ok=True)
    try:
        return parse_email_file(path, spool), spool
    except MailError as error:
        return str(error), spool


def _summary(message: object) -> object:
    if isinstance(message, str):
        return message
    return (
        message.subject,  # type: ignore[attr-defined]
        message.body_text,  # type: ignore[attr-defined]
        message.body_html,  # type: ignore[attr-defined]
        [(a.filename, a.media_type, a.data) for a in message.attachments],  # type: ignore[attr-defined]
    )


def test_streamed_and_in_memory_reading_agree_on_every_test_mail(
    corpus_module: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "SPOOL_PART_BYTES", 1)  # every part through a file
    cases = {name: make for name, make in corpus_module.CORPUS.items() if name.endswith(".eml")}
    cases.update(real_world().CASES)
    for name, make in cases.items():
        data = make()
        try:
            expected: object = parse_email_bytes(data)
        except MailError as error:
            expected = str(error)
        streamed, _ = _parse_file(tmp_path, data)
        assert _summary(streamed) == _summary(expected), name


def _big_email(payload: bytes, encoding: str = "base64") -> bytes:
    if encoding == "base64":
        body = base64.encodebytes(payload).replace(b"\n", b"\r\n")
    else:
        body = binascii.b2a_qp(payload, istext=False).replace(b"\n", b"\r\n")
    return (
        b"From: a@example.org\r\nSubject: big\r\nMessage-ID: <big@x>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\n"
        b'Content-Type: application/pdf; name="big.pdf"\r\n'
        b"Content-Transfer-Encoding: " + encoding.encode() + b"\r\n\r\n" + body + b"\r\n--b--\r\n"
    )


def test_a_large_attachment_is_never_held_in_memory(tmp_path: Path) -> None:
    payload = os.urandom(_BIG)
    path = tmp_path / "big.eml"
    path.write_bytes(_big_email(payload))
    spool = tmp_path / "spool"
    spool.mkdir()
    tracemalloc.start()
    try:
        message = parse_email_file(path, spool)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (attachment,) = message.attachments
    assert isinstance(attachment.content, SpooledFile)
    assert attachment.size == _BIG
    assert attachment.sha256 == hashlib.sha256(payload).hexdigest()
    assert attachment.data == payload
    assert message.body_text == "See attached."
    assert message.raw == b"" and message.original == path
    # A few buffers of fixed size (the scan's 4 MiB window), whatever the attachment's size.
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"


def test_quoted_printable_across_chunks_and_a_text_body_are_read_exactly(tmp_path: Path) -> None:
    payload = (b"line with = signs and trailing space \r\n" + os.urandom(64)) * 40_000
    message, _ = _parse_file(tmp_path, _big_email(payload, "quoted-printable"))
    assert not isinstance(message, str)
    (attachment,) = message.attachments  # type: ignore[attr-defined]
    assert attachment.data == payload
    assert (
        attachment.data
        == parse_email_bytes(_big_email(payload, "quoted-printable")).attachments[0].data
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.lists(st.integers(0, 5000), max_size=8), st.booleans())
def test_decoding_in_chunks_matches_decoding_whole(
    payload: bytes, cuts: list[int], quoted: bool
) -> None:
    if quoted:
        encoded = binascii.b2a_qp(payload, istext=False).replace(b"\n", b"\r\n")
    else:
        encoded = base64.encodebytes(payload).replace(b"\n", b"\r\n")
    decoder = decoder_for("quoted-printable" if quoted else "base64")
    edges = sorted({0, len(encoded), *(cut % (len(encoded) + 1) for cut in cuts)})
    out = b"".join(decoder.feed(encoded[a:b]) for a, b in itertools.pairwise(edges))
    assert out + decoder.finish() == payload
