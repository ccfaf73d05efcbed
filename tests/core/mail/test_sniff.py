"""File kind detection: content first, extension as a tie-breaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from foidesk.core.mail import detect_kind


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("good/thunderbird-two-pdfs.eml", "eml"),
        ("good/outlook.msg", "msg"),
        ("good/three.mbox", "mbox"),
        ("hostile/binary-garbage.eml", "eml"),
        ("hostile/empty.eml", "eml"),
        ("hostile/damaged.msg", "msg"),
        ("hostile/not-ole.msg", "msg"),
    ],
)
def test_corpus_kinds(corpus: dict[str, Path], name: str, kind: str) -> None:
    assert detect_kind(corpus[name]) == kind


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_content_wins_over_a_missing_or_wrong_extension(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    eml = corpus["good/thunderbird-two-pdfs.eml"].read_bytes()
    msg = corpus["good/outlook.msg"].read_bytes()
    mbox = corpus["good/three.mbox"].read_bytes()
    assert detect_kind(_write(tmp_path, "reply", eml)) == "eml"
    assert detect_kind(_write(tmp_path, "reply.txt", eml)) == "eml"
    assert detect_kind(_write(tmp_path, "saved.msg", eml)) == "eml"
    assert detect_kind(_write(tmp_path, "outlook.bin", msg)) == "msg"
    assert detect_kind(_write(tmp_path, "Inbox", mbox)) == "mbox"


def test_eml_with_a_from_line_stays_eml(tmp_path: Path) -> None:
    data = b"From a@example.org Tue Mar  5 09:15:00 2024\nSubject: s\nFrom: a@example.org\n\nx\n"
    assert detect_kind(_write(tmp_path, "saved.eml", data)) == "eml"


def test_office_compound_files_are_plain_files(tmp_path: Path) -> None:
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry(["WordDocument"], b"\0" * 600)
    writer.write(tmp_path / "letter.doc")
    assert detect_kind(tmp_path / "letter.doc") == "file"


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("response.pdf", b"%PDF-1.7\n..."),
        ("notes.txt", b"Note: buy milk\nand bread\n"),
        ("table.csv", b"a,b\n1,2\n"),
        ("empty.pdf", b""),
        ("one-header.txt", b"Subject: only one known header\n\nbody\n"),
    ],
)
def test_other_files(tmp_path: Path, name: str, data: bytes) -> None:
    assert detect_kind(_write(tmp_path, name, data)) == "file"


def test_headers_with_bom_are_eml(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf\r\nFrom: a@example.org\r\nSubject: s\r\n\r\nx"
    assert detect_kind(_write(tmp_path, "x", data)) == "eml"
