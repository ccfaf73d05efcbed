"""``foidesk search`` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foidesk.cli import main


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
    code, out, err = run(capsys, "search", "--extract", "--data-dir", data_dir)
    assert code == 0 and "read 6 files" in out and "5 done, 1 unsupported" in out
    assert "reading attachments: 6/6" in err
    code, out, _ = run(capsys, "search", "--status", "--json", "--data-dir", data_dir)
    assert json.loads(out) == {"counts": {"done": 5, "unsupported": 1}, "problems": []}
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
