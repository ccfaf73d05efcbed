"""Attachment display names: no paths, no disguises, no devices, no collisions."""

from __future__ import annotations

import pytest

from foidesk.core.mail import dedupe_names, safe_filename
from foidesk.core.mail.limits import MAX_NAME_BYTES, MAX_NAME_CHARS


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("/abs/path/secret.txt", "secret.txt"),
        ("C:\\x", "x"),
        ("C:report.pdf", "report.pdf"),
        ("\\\\server\\share\\unc.doc", "unc.doc"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("a\u2066b\u2069c.txt", "abc.txt"),
        ("nul\x00byte.txt", "nulbyte.txt"),
        ("tab\tand\nnewline.txt", "tab and newline.txt"),
        ("  ..hidden.txt. . ", "hidden.txt"),
        ("what?<is>this*.txt", "what__is_this_.txt"),
        ("file.txt:stream", "file.txt_stream"),
        ("résumé.pdf", "résumé.pdf"),
        ("Annex A.pdf", "Annex A.pdf"),
    ],
)
def test_unsafe_parts_are_removed(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Nul .txt", "_Nul .txt"),
        ("COM1.pdf", "_COM1.pdf"),
        ("lpt9.tar.gz", "_lpt9.tar.gz"),
        ("AUX", "_AUX"),
        ("PRN.doc", "_PRN.doc"),
        ("COM10.txt", "COM10.txt"),
        ("console.txt", "console.txt"),
    ],
)
def test_windows_device_names_get_a_prefix(raw: str, expected: str) -> None:
    assert safe_filename(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "   ", "..", "/", "\\\\", "\u202e", "...  "])
def test_nothing_usable_gives_a_generated_name(raw: str | None) -> None:
    assert safe_filename(raw, media_type="application/pdf") == "attachment.pdf"


def test_generated_name_uses_fallback_stem_and_known_types() -> None:
    assert safe_filename(None, fallback_stem="scan", media_type="image/jpeg") == "scan.jpg"
    assert safe_filename("", media_type="message/rfc822") == "attachment.eml"
    assert safe_filename("", media_type="x-unknown/thing") == "attachment"


def test_a_bare_extension_keeps_its_type() -> None:
    assert safe_filename(".pdf") == "attachment.pdf"


def test_long_names_are_bounded_and_keep_the_extension() -> None:
    name = safe_filename("x" * 5000 + ".pdf")
    assert len(name) == MAX_NAME_CHARS
    assert name.endswith("x.pdf")


def test_long_multibyte_names_are_bounded_in_bytes() -> None:
    name = safe_filename("日本" * 200 + ".xlsx")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(".xlsx")


def test_duplicates_are_numbered_ignoring_case() -> None:
    names = ["report.pdf", "Report.pdf", "report.pdf", "report (2).pdf", "other.pdf"]
    assert dedupe_names(names) == [
        "report.pdf",
        "Report (2).pdf",
        "report (3).pdf",
        "report (2) (2).pdf",
        "other.pdf",
    ]


def test_deduped_names_stay_bounded() -> None:
    long_name = "a" * (MAX_NAME_CHARS - 4) + ".pdf"
    first, second = dedupe_names([long_name, long_name])
    assert first == long_name
    assert len(second) <= MAX_NAME_CHARS
    assert second.endswith(" (2).pdf")
