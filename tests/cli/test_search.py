"""``foidesk search`` through the real entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytesseract
import pytest

from foidesk.cli import main
from tests.helpers.scans import require_tesseract, scan_image, scanned_pdf


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    folder = str(tmp_path / "profile")
    assert run(capsys, "sample", "--data-dir", folder)[0] == 0
    return folder


def test_search_prints_hits_and_json(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, out, _ = run(capsys, "search", "spoofed", "--data-dir", data_dir)
    assert code == 0
    assert "#1 Records of outbound calls to claimants — message" in out
    assert "Caller ID can be «spoofed»." in out

    code, out, _ = run(capsys, "search", "identity OR spoofed", "--json", "--limit", "2",
                       "--data-dir", data_dir)  # fmt: skip
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2
    assert all(set(h) == {"request_id", "message_id", "attachment_id", "kind", "snippet", "rank"}
               for h in hits)  # fmt: skip
    assert hits[0]["rank"] >= hits[1]["rank"]


def test_extract_status_and_reindex(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    # `sample` read its attachments' text already: nothing is left waiting
    code, out, _ = run(capsys, "search", "--status", "--json", "--data-dir", data_dir)
    status = json.loads(out)
    assert (status["counts"], status["problems"]) == ({"done": 5, "unsupported": 1}, [])
    # the sample's one image is a scan whose pages are not counted yet
    assert status["ocr"]["uncounted_scans"] == 1 and status["ocr"]["pages"] == {}
    code, out, _ = run(capsys, "search", "--extract", "--data-dir", data_dir)
    assert code == 0 and out.startswith("read 0 files") and out.endswith("nothing to read\n")
    code, out, _ = run(capsys, "search", "journal entry", "--json", "--data-dir", data_dir)
    assert "attachment" in {h["kind"] for h in json.loads(out)}
    code, out, _ = run(capsys, "search", "--reindex", "--data-dir", data_dir)
    assert (code, out) == (0, "search index rebuilt\n")
    code, out, _ = run(capsys, "search", "--reindex", "--re-extract", "--json",
                       "--data-dir", data_dir)  # fmt: skip
    report = json.loads(out)
    assert code == 0 and report["reindexed"] is True
    assert report["extraction"]["states"] == {"done": 5, "unsupported": 1}


def test_user_errors_and_usage_errors(capsys: pytest.CaptureFixture[str], data_dir: str) -> None:
    code, out, err = run(capsys, "search", "NOT everything", "--data-dir", data_dir)
    assert (code, out) == (1, "")
    assert err == ("foidesk: a search cannot only exclude words: add a word to look for "
                   "before NOT or -\n")  # fmt: skip
    assert run(capsys, "search", "zzzz", "--data-dir", data_dir)[1] == "no matches\n"
    for argv in (["search"], ["search", "x", "--reindex"], ["search", "--re-extract"]):
        with pytest.raises(SystemExit) as exit_info:
            main([*argv, "--data-dir", data_dir])
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_a_reader_that_goes_away_ends_the_command_quietly(data_dir: str) -> None:
    """``foidesk search … | head``: the pipe closes before the hits are written."""
    command = [sys.executable, "-m", "foidesk", "search", "request", "--data-dir", data_dir]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # long before the child has imported anything
        err = child.stderr.read().decode()
        assert child.wait(timeout=60) == 141
    assert err == ""


def test_a_file_attached_by_message_add_is_found_by_search(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    letter = tmp_path / "annex.txt"
    letter.write_text("The gritting schedule lists Quorndon Lane twice.\n", encoding="utf-8")
    code, _, err = run(
        capsys, "message", "add", "1", "--direction", "incoming", "--kind", "response",
        "--date", "2024-05-01", "--attach", str(letter), "--data-dir", data_dir,
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "search", "quorndon", "--json", "--data-dir", data_dir)
    assert code == 0
    hits = json.loads(out)
    assert [hit["kind"] for hit in hits] == ["attachment"], hits
    assert "«Quorndon»" in hits[0]["snippet"]


def test_ocr_recognises_a_scan_and_status_counts_its_pages(
    capsys: pytest.CaptureFixture[str], data_dir: str, tmp_path: Path
) -> None:
    require_tesseract("eng")
    scan = tmp_path / "scan.pdf"
    page = scan_image(["The gritting schedule lists Quorndon Lane twice."], dpi=200)
    scan.write_bytes(scanned_pdf([page], 200))
    code, _, err = run(
        capsys, "message", "add", "1", "--direction", "incoming", "--kind", "response",
        "--date", "2024-05-01", "--attach", str(scan), "--data-dir", data_dir,
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(run(capsys, "search", "quorndon", "--json", "--data-dir", data_dir)[1]) == []

    code, out, err = run(capsys, "search", "--ocr", "--data-dir", data_dir)

    assert code == 0, err
    assert "recognised 2 pages in " in out  # the scan, and the sample's chart
    assert "text recognition languages: eng" in out
    hits = json.loads(run(capsys, "search", "quorndon", "--json", "--data-dir", data_dir)[1])
    assert [(h["kind"], h["request_id"]) for h in hits] == [("attachment", 1)]
    code, out, _ = run(capsys, "search", "--status", "--data-dir", data_dir)
    assert "scanned pages: 2 recognised, 0 waiting, 0 failed" in out
    status = json.loads(run(capsys, "search", "--status", "--json", "--data-dir", data_dir)[1])
    assert status["ocr"]["recognised"] == 2 and status["ocr"]["languages"] == ["eng"]


def test_ocr_says_which_languages_are_missing_and_how_to_add_them(
    capsys: pytest.CaptureFixture[str], data_dir: str
) -> None:
    require_tesseract("eng")
    code, _, err = run(
        capsys, "request", "add", "--title", "Marchés publics", "--authority", "Transports Canada",
        "--new-authority",
        "--regime", "ca-ati", "--sent", "2024-03-01", "--data-dir", data_dir,
    )  # fmt: skip
    assert code == 0, err
    installed = set(pytesseract.get_languages(config=""))
    code, out, _ = run(capsys, "search", "--status", "--data-dir", data_dir)
    if "fra" in installed:
        assert "text recognition languages: eng, fra" in out
    else:
        assert "language fra is missing: install it: apt-get install tesseract-ocr-fra" in out


def test_without_tesseract_the_status_says_why_scans_are_unread(
    capsys: pytest.CaptureFixture[str], data_dir: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "tesseract-not-installed")
    code, out, _ = run(capsys, "search", "--status", "--data-dir", data_dir)
    assert code == 0
    assert "text recognition: Tesseract is not installed, so scans are not read" in out
    assert "apt-get install tesseract-ocr tesseract-ocr-eng" in out
    code, out, err = run(capsys, "search", "--ocr", "--data-dir", data_dir)
    assert code == 1
    assert err.startswith("foidesk: Tesseract is not installed, so scans are not read; install")
    assert run(capsys, "search", "spoofed", "--data-dir", data_dir)[0] == 0  # the rest works
