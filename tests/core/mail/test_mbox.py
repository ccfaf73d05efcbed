"""mbox files: streamed one message at a time; a broken message does not stop the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from foidesk.core.mail import MailError, ParsedMessage, iter_mbox
from foidesk.core.mail.mbox import split_mbox


def test_three_messages_one_broken(corpus: dict[str, Path]) -> None:
    results = list(iter_mbox(corpus["good/three.mbox"]))
    assert len(results) == 3
    first, broken, third = results
    assert isinstance(first, ParsedMessage) and isinstance(third, ParsedMessage)
    assert first.subject == "First" and third.subject == "Third"
    assert first.source_format == "mbox"
    assert isinstance(broken, MailError)
    assert str(broken).startswith("message 2 in the mbox: not an email")


def test_mboxrd_quoting_is_undone(corpus: dict[str, Path]) -> None:
    third = list(iter_mbox(corpus["good/three.mbox"]))[2]
    assert isinstance(third, ParsedMessage)
    assert third.body_text.splitlines()[:2] == [
        "From the desk of the FOI officer,",
        ">From here on quoted twice.",
    ]


def test_raw_excludes_the_from_line_and_separator(corpus: dict[str, Path]) -> None:
    first = next(iter_mbox(corpus["good/three.mbox"]))
    assert isinstance(first, ParsedMessage)
    assert first.raw.startswith(b"From: DWP FOI Team")
    assert first.raw.endswith(b"First body.\n")


def test_unquoted_from_in_a_body_does_not_split() -> None:
    lines = [
        b"From a@example.org Tue Mar  5 09:15:00 2024\n",
        b"Subject: one\n",
        b"\n",
        b"Paragraph.\n",
        b"\n",
        b"From the desk of nobody in particular\n",
        b"\n",
        b"From b@example.org Tue Mar  5 10:15:00 2024\n",
        b"Subject: two\n",
        b"\n",
        b"body\n",
    ]
    messages = list(split_mbox(lines))
    assert len(messages) == 2
    assert b"From the desk" in messages[0]
    assert messages[1] == b"Subject: two\n\nbody\n"


def test_crlf_mbox_is_split() -> None:
    lines = [
        b"From a Tue Mar  5 09:15:00 2024\r\n",
        b"Subject: one\r\n",
        b"\r\n",
        b"x\r\n",
        b"\r\n",
        b"From b Tue Mar  5 09:16:00 2024\r\n",
        b"Subject: two\r\n",
    ]
    assert list(split_mbox(lines)) == [b"Subject: one\r\n\r\nx\r\n", b"Subject: two\r\n"]


def test_not_an_mbox_raises(tmp_path: Path) -> None:
    path = tmp_path / "notes.mbox"
    path.write_bytes(b"Subject: no From_ line\n\nbody\n")
    with pytest.raises(MailError, match="not an mbox file"):
        list(iter_mbox(path))


def test_empty_mbox_raises(tmp_path: Path) -> None:
    path = tmp_path / "empty.mbox"
    path.write_bytes(b"")
    with pytest.raises(MailError, match="not an mbox file"):
        list(iter_mbox(path))


def test_iteration_is_lazy(tmp_path: Path) -> None:
    path = tmp_path / "big.mbox"
    entry = b"From a Tue Mar  5 09:15:00 2024\nSubject: s\nFrom: a@example.org\n\nbody\n\n"
    path.write_bytes(entry * 1000)
    iterator = iter_mbox(path)
    first = next(iterator)
    assert isinstance(first, ParsedMessage)
    iterator.close()  # the file is released without reading the remaining messages
