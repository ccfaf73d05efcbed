"""Property: no input loses a part that Python's ``email`` package finds.

Messages are built by hypothesis as MIME trees (multipart/mixed, alternative,
related; text, HTML, binary and attached-message leaves; 7bit, 8bit,
quoted-printable and base64) and written by the stdlib's generator. Every leaf
Python's parser finds there must reach foidesk: text bodies in the body, every
other leaf as an attachment with the same bytes, an attached message as an
``.eml``. The same holds when the message is read from its file with every
part streamed to disk (``parse_email_file``), and for damaged messages, where
the two may read a broken part differently but foidesk still keeps every one.
"""

from __future__ import annotations

import tempfile
from datetime import timedelta
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from foidesk.core.mail import MailError, ParsedMessage, parse_email_bytes, parse_email_file, stream
from foidesk.core.mail.eml import content_start

_SETTINGS = settings(
    max_examples=150, deadline=timedelta(seconds=5), suppress_health_check=[HealthCheck.too_slow]
)
_NOT_BASE64 = "a part labelled base64 was not base64; its text was kept as sent"
_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=300
).filter(lambda t: t.strip() and "begin" not in t)
_NAMES = st.one_of(
    st.none(), st.from_regex(r"[A-Za-z0-9 _\-]{1,20}\.(pdf|txt|png|bin)", fullmatch=True)
)


@st.composite
def _leaf(draw: st.DrawFn) -> EmailMessage:
    part = EmailMessage()
    kind = draw(st.sampled_from(["plain", "html", "binary", "message"]))
    if kind == "message":
        inner = EmailMessage()
        inner["Subject"] = draw(st.from_regex(r"[A-Za-z ]{1,30}", fullmatch=True))
        inner["From"] = "inner@example.org"
        inner.set_content(draw(_TEXT))
        part.set_content(inner)
        return part
    name = draw(_NAMES)
    disposition = "attachment" if name else None
    if kind == "binary":
        data = draw(st.binary(min_size=1, max_size=2000))
        cte = draw(st.sampled_from(["base64", "quoted-printable"]))
        part.set_content(data, "application", "octet-stream", cte=cte, filename=name,
                         disposition=disposition or "attachment")  # fmt: skip
        return part
    cte = draw(st.sampled_from(["7bit", "8bit", "quoted-printable", "base64"]))
    text = draw(_TEXT)
    if cte == "7bit":
        text = text.encode("ascii", "ignore").decode() or "ascii text"
    part.set_content(text, subtype=kind, cte=cte, filename=name, disposition=disposition)
    return part


def _multipart(children: list[EmailMessage], subtype: str) -> EmailMessage:
    part = EmailMessage()
    part["Content-Type"] = f"multipart/{subtype}"
    for child in children:
        part.attach(child)
    return part


_TREES = st.recursive(
    _leaf(),
    lambda children: st.builds(
        _multipart,
        st.lists(children, min_size=1, max_size=4),
        st.sampled_from(["mixed", "alternative", "related"]),
    ),
    max_leaves=10,
)


def _message(tree: EmailMessage) -> bytes:
    """The tree as a whole email: its root part given the mail headers."""
    for name, value in (
        ("From", "FOI <foi@example.gov.uk>"),
        ("To", "sam@example.net"),
        ("Subject", "Property"),
        ("Date", "Tue, 05 Mar 2024 09:15:00 +0000"),
        ("Message-ID", "<property@example.gov.uk>"),
    ):
        del tree[name]
        tree[name] = value
    return tree.as_bytes(policy=policy.SMTP)


def _leaves(message: Message) -> list[Message]:
    """Python's leaves, walked as foidesk walks: an attached message is one leaf."""
    found: list[Message] = []
    stack = [message]
    while stack:
        part = stack.pop()
        if part.is_multipart() and part.get_content_maintype() != "message":
            stack.extend(reversed(part.get_payload()))  # type: ignore[arg-type]
        else:
            found.append(part)
    return found


def _text_of(leaf: Message) -> str:
    try:
        return str(leaf.get_content())  # type: ignore[attr-defined]
    except (LookupError, ValueError):  # a damaged charset label: Python cannot say either
        payload = leaf.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _normal(text: str) -> str:
    return " ".join(text.split())


def _assert_kept(raw: bytes, parsed: ParsedMessage, *, damaged: bool = False) -> None:
    """Every leaf Python finds is in foidesk's body or among its attachments. In damaged
    mail the two may decode a broken part differently, so there a body leaf needs only
    some body, and a file the same bytes or the same name."""
    # foidesk skips blank lines before the headers on purpose (Windows tools write them).
    python = BytesParser(policy=policy.default).parsebytes(raw[content_start(raw) :])
    files = [attachment.data for attachment in parsed.attachments]
    names = {attachment.filename for attachment in parsed.attachments}
    emails = [a for a in parsed.attachments if a.media_type == "message/rfc822"]
    expected_files = 0
    for leaf in _leaves(python):
        media_type = leaf.get_content_type()
        if media_type.startswith("multipart/"):  # no boundary found: both read it as text
            assert damaged and (parsed.body_text.strip() or not str(leaf.get_payload()).strip())
            continue
        is_body = (
            media_type in ("text/plain", "text/html")
            and not leaf.get_filename()
            and leaf.get_content_disposition() != "attachment"
        )
        if media_type.startswith("message/"):
            expected_files += 1
            assert emails or (damaged and parsed.attachments), "an attached message was lost"
        elif is_body:
            text = _normal(_text_of(leaf))
            where = parsed.body_text if media_type == "text/plain" else parsed.body_html or ""
            assert (bool(where.strip()) or not text) if damaged else text in _normal(where)
        else:
            expected_files += 1
            name = leaf.get_filename()
            kept = {leaf.get_payload(decode=True)}
            if damaged and _NOT_BASE64 in parsed.warnings:  # foidesk keeps such text as sent
                kept.add(str(leaf.get_payload()).encode("utf-8", "surrogateescape"))
            assert any(data in files for data in kept) or (damaged and name in names), name
    assert len(parsed.attachments) >= expected_files


@_SETTINGS
@given(_TREES)
def test_every_part_python_finds_is_kept(tree: EmailMessage) -> None:
    raw = _message(tree)
    _assert_kept(raw, parse_email_bytes(raw))


@pytest.fixture
def spool_everything(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every part, however small, goes through a file of its own."""
    monkeypatch.setattr(stream, "SPOOL_PART_BYTES", 1)


@settings(_SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tree=_TREES)
def test_every_part_is_kept_when_streamed_from_the_file(
    spool_everything: None, tree: EmailMessage
) -> None:
    raw = _message(tree)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.eml"
        path.write_bytes(raw)
        spool = Path(folder) / "spool"
        spool.mkdir()
        parsed = parse_email_file(path, spool)
        _assert_kept(raw, parsed)


@_SETTINGS
@given(_TREES, st.data())
def test_damaged_mail_keeps_every_part_python_finds(
    tree: EmailMessage, data: st.DataObject
) -> None:
    raw = bytearray(_message(tree))
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.sampled_from([b"\r\n", b"--", b"\r\n\r\n", b"=", b":", b"\xff"]))
    note(repr(bytes(raw)))
    try:
        parsed = parse_email_bytes(bytes(raw))
    except MailError:
        return  # the damage took away every mail header: Python finds no email either
    _assert_kept(bytes(raw), parsed, damaged=True)
