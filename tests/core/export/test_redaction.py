"""A redacted bundle: nothing redacted anywhere in it, and it says what it left out."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from export_fixtures import (
    OWN_ADDRESS,
    OWN_NAME,
    PHONE,
    PHONE_AS_QUOTED,
    Thread,
    pdf_text,
    squashed,
)

from foidesk.core.desk import Desk
from foidesk.core.export import Redaction
from foidesk.core.export.redaction import Redactor, phone_numbers

CHOSEN = "Universal Credit"


def _leaks(haystack: str, needles: list[str]) -> list[str]:
    folded = squashed(haystack).casefold()
    return [n for n in needles if squashed(n).casefold() in folded]


@pytest.fixture
def redacted(desk: Desk, thread: Thread, tmp_path: Path) -> Path:
    out = tmp_path / "redacted.zip"
    report = desk.export_bundle(
        thread.request_id, out, redaction=Redaction(own_details=True, words=(CHOSEN,))
    )
    assert report.redacted and report.originals == report.attachments == 0
    return out


def test_no_redacted_string_is_anywhere_in_the_bundle(redacted: Path) -> None:
    needles = [OWN_ADDRESS, OWN_NAME, PHONE, PHONE_AS_QUOTED, "79460958", CHOSEN]
    raw = redacted.read_bytes()
    for needle in needles:  # the ZIP's own bytes: names, directory, stored members
        assert needle.encode() not in raw
    with zipfile.ZipFile(redacted) as bundle:
        for name in bundle.namelist():
            data = bundle.read(name)
            assert not _leaks(data.decode("latin-1"), needles), name
            assert not _leaks(name, needles)
        text = pdf_text(bundle.read("correspondence.pdf"))
    assert not _leaks(text, needles)
    assert not re.search(r"7946\D{0,3}0958", text)
    assert "[redacted]" in text


def test_a_redacted_bundle_leaves_files_out_and_says_so(desk: Desk, redacted: Path) -> None:
    with zipfile.ZipFile(redacted) as bundle:
        assert sorted(bundle.namelist()) == ["correspondence.pdf", "manifest.json"]
        manifest = json.loads(bundle.read("manifest.json"))
        text = pdf_text(bundle.read("correspondence.pdf"))
    assert manifest["redacted"] is True
    assert manifest["originals"].startswith("left out")
    assert manifest["attachments"].startswith("listed only")
    listed = manifest["attachments_listed"]
    assert len(listed) == 10
    assert {"scan.pdf", "scan (2).pdf", "passwd"} <= {a["name"] for a in listed}
    for attachment in listed:  # named, sized and hashed in the PDF too
        assert attachment["sha256"] in squashed(text)
    assert "left out of this redacted bundle" in text
    assert "This bundle is redacted" in text


def test_chosen_words_alone_leave_own_details(desk: Desk, thread: Thread, tmp_path: Path) -> None:
    out = tmp_path / "words.zip"
    desk.export_bundle(
        thread.request_id, out, redaction=Redaction(own_details=False, words=("DWP",))
    )
    with zipfile.ZipFile(out) as bundle:
        text = pdf_text(bundle.read("correspondence.pdf"))
    assert "dwp" not in text.casefold()
    assert OWN_ADDRESS in squashed(text)


def test_phone_numbers_are_found_but_dates_and_references_are_not() -> None:
    text = (
        "Call +44 20 7946 0958 or (020) 7946 0958, US 555-123-4567.\n"
        "Sent 2024-03-22, ref FOI2024/01234, on 22.03.2024, case 12345."
    )
    assert phone_numbers(text) == ["442079460958", "02079460958", "5551234567"]


@pytest.mark.parametrize(
    "written", ["+44 20 7946 0958", "020 7946 0958", "+44 (0)20 7946-0958", "02079460958"]
)
def test_a_phone_number_is_redacted_however_it_is_written(written: str) -> None:
    redact = Redactor((), ["442079460958"])
    assert redact(f"ring {written} today") == "ring [redacted] today"


def test_words_are_redacted_whatever_their_case() -> None:
    redact = Redactor(["Sam Requester", "sam@example.net"])
    assert redact("SAM REQUESTER <Sam@Example.net>") == "[redacted] <[redacted]>"
    assert redact("nothing here") == "nothing here"
