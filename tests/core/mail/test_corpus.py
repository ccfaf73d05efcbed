"""Every corpus file, routed by detect_kind to its parser, as the importer will do it."""

from __future__ import annotations

import time
from pathlib import Path

from foidesk.core.mail import (
    MailError,
    ParsedMessage,
    detect_kind,
    iter_mbox,
    parse_email_bytes,
    parse_msg_file,
)


def _read(path: Path) -> list[ParsedMessage | MailError]:
    kind = detect_kind(path)
    try:
        if kind == "msg":
            return [parse_msg_file(path)]
        if kind == "mbox":
            return list(iter_mbox(path))
        return [parse_email_bytes(path.read_bytes())]
    except MailError as error:
        return [error]


def test_every_corpus_file_is_read_or_refused_cleanly(corpus: dict[str, Path]) -> None:
    for name, path in corpus.items():
        assert detect_kind(path) != "file", name
        started = time.monotonic()
        results = _read(path)
        assert time.monotonic() - started < 10, name
        assert results, name
        for result in results:
            assert isinstance(result, ParsedMessage | MailError), name
            if isinstance(result, ParsedMessage):
                _assert_clean(result)
            else:
                assert str(result) and "\n" not in str(result)
        if name.startswith("good/"):
            assert any(isinstance(result, ParsedMessage) for result in results), name


def _assert_clean(message: ParsedMessage) -> None:
    """Invariants every parsed message keeps, whatever the input."""
    single_line = (message.subject, message.from_addr, *message.to, *message.cc)
    assert all("\n" not in text and "\r" not in text for text in single_line)
    assert "\x00" not in message.body_text
    assert message.sent_at is None or message.sent_at.utcoffset() is not None
    names = [attachment.filename for attachment in message.attachments]
    assert len({name.casefold() for name in names}) == len(names)
    for name in names:
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
    if message.message_id is not None:
        assert "<" not in message.message_id and " " not in message.message_id
